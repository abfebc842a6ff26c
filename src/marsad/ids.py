"""Stable article ids, known as soon as an article is read, before any step runs.

An article with a URL is its outlet and URL. One without is the fingerprint of its raw page's body lines:
the lines of at least ``BODY_LINE_WORDS`` words (all lines when there are none), folded, with their order.
Not the cleaned text: a new cleaning rule would give the same page a new id, and upgrading marsad would
store it twice. Short lines are left out because they are where a page fetched twice differs (a view
counter, a time stamp, a "most read" box) while its sentences stay; a change to a sentence gives a new id,
which is right: it is another text (copies of one text are found later, across articles)."""

from __future__ import annotations

import hashlib

from marsad.arabic import fold_key

BODY_LINE_WORDS = 6


def article_id(raw: str, url: str | None = None, outlet: str | None = None) -> str:
    if url:
        basis = f"url\n{(outlet or '').strip().lower()}\n{url.strip()}"
    else:
        lines = [" ".join(k.split()) for k in fold_key(raw).split("\n")]
        body = [k for k in lines if k.count(" ") + 1 >= BODY_LINE_WORDS] or [k for k in lines if k]
        basis = "raw\n" + "\n".join(body)
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
