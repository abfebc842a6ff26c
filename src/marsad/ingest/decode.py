"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, Windows-1256; binary refused."""

from __future__ import annotations

import codecs
import re

from marsad.errors import MarsadError

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise E001/E003/E004 for empty, binary or undecodable bytes."""
    if not data.strip():
        raise MarsadError("E001")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(data.decode(name, errors="strict"), name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16), utf16)
    if b"\x00" in data[:8192]:
        raise MarsadError("E003", what="NUL bytes")
    candidates = ["utf-8", "cp1256"]
    if declared:
        declared = codecs.lookup(declared).name if _known(declared) else None
        if declared and declared not in candidates:
            candidates.insert(0, declared)
        elif declared:
            candidates.remove(declared)
            candidates.insert(0, declared)
    for name in candidates:
        try:
            text = data.decode(name, errors="strict")
        except UnicodeDecodeError:
            continue
        if name == "cp1256" and not _plausible_cp1256(text):
            continue
        return _checked(text, name)
    raise MarsadError("E004")


def sniff_declared(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


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


def _checked(text: str, encoding: str) -> tuple[str, str]:
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.01:
        raise MarsadError("E003", what=f"{controls} control characters")
    if not text.strip():
        raise MarsadError("E001")
    return text, encoding
