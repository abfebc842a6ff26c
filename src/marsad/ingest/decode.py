"""Bytes to text: BOMs, UTF-8, UTF-16 with or without BOM, Windows-1256. The encoding is decided by the
whole page: one bad byte in a UTF-8 page is replaced (and recorded), it does not make the page
Windows-1256. Stray NUL bytes are dropped (and recorded); only what is mostly not text is refused."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from marsad.errors import MarsadError, warning

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_SURROGATES = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"
BINARY_SHARE = 0.05  # above this share of control bytes (NULs included) a file is binary, not text
# a UTF-8 page may hold this share of invalid bytes (against its non-ASCII characters) and still be UTF-8
UTF8_BAD_SHARE = 0.01
SAMPLE = 65536


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, *, declared: str | None = None) -> Decoded:
    """The text of ``data``; raise E001/E003/E004 for empty, binary or undecodable bytes."""
    if not data.strip():
        raise MarsadError("E001")
    for bom, codec, name in ((codecs.BOM_UTF8, "utf-8", "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
                             (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16")):
        if data.startswith(bom):
            decoded = _lenient(data[len(bom):], codec)
            decoded.encoding = name
            return _checked(decoded)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_lenient(data, utf16))
    found: list[str] = []
    nuls = data.count(0)
    sample = data[:SAMPLE]
    if len(_CONTROL_BYTES.findall(sample)) > BINARY_SHARE * len(sample):
        raise MarsadError("E003", what=f"{sample.count(0)} NUL and other control bytes in the first "
                                       f"{len(sample):,}")
    if nuls:
        data = data.replace(b"\0", b"")
        found.append(warning("W002", n=nuls))
    declared = _known(declared)
    if declared and declared not in ("utf-8", "cp1256"):
        try:
            return _checked(Decoded(data.decode(declared), declared, found))
        except UnicodeDecodeError:
            pass
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8", found))
    except UnicodeDecodeError:
        pass
    mended = _lenient(data, "utf-8")
    bad = mended.text.count(REPLACEMENT) - data.count(REPLACEMENT.encode())
    non_ascii = sum(1 for c in mended.text if ord(c) > 127) - bad
    if bad <= UTF8_BAD_SHARE * non_ascii or declared == "utf-8" and bad < non_ascii:
        mended.warnings[:0] = found
        return _checked(mended)
    if declared == "utf-8":  # said to be UTF-8 and mostly not: never guessed as another encoding
        raise MarsadError("E004")
    text = data.decode("cp1256", errors="replace")
    if _plausible_cp1256(text):
        return _checked(Decoded(text, "cp1256", found))
    raise MarsadError("E004")


def _lenient(data: bytes, encoding: str) -> Decoded:
    """Decoded with each invalid byte (or a trailing odd byte of UTF-16) replaced, and a warning if any was."""
    text = data.decode(encoding, errors="replace")
    bad = text.count(REPLACEMENT) - data.decode(encoding, errors="ignore").count(REPLACEMENT)
    return Decoded(text, encoding, [warning("W001", n=bad, encoding=encoding)] if bad else [])


def sniff_declared(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _known(name: str | None) -> str | None:
    """The codec's canonical name (``UTF8`` -> ``utf-8``, ``windows-1256`` -> ``cp1256``), or None."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    # Arabic in UTF-16 has 0x06 high bytes rather than NULs; count both
    even_hi = sum(1 for b in sample[0::2] if b in (0, 6)) / len(sample[0::2])
    odd_hi = sum(1 for b in sample[1::2] if b in (0, 6)) / len(sample[1::2])
    if odd_hi > 0.9 and odd_nul > 0.1 and even_nul < 0.05:
        return "utf-16-le"
    if even_hi > 0.9 and even_nul > 0.1 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _plausible_cp1256(text: str) -> bool:
    """Windows-1256 decodes almost any byte string; accept it only if it reads as Arabic."""
    letters = sum(1 for c in text if c.isalpha())
    return letters > 0 and len(_ARABIC.findall(text)) / letters > 0.3


def _checked(d: Decoded) -> Decoded:
    sample = d.text[:20000]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.01:
        raise MarsadError("E003", what=f"{controls} control characters")
    if not d.text.strip():
        raise MarsadError("E001")
    return d


def mend_surrogates(text: str) -> tuple[str, int]:
    """Unpaired surrogates (``\\ud800``, which JSON allows and no text encoding can store) replaced."""
    mended, n = _SURROGATES.subn(REPLACEMENT, text)
    return mended, n
