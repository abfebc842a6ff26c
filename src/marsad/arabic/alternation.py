"""One regex that matches any of a list of words, built as a trie.

Python's ``re`` tries the branches of ``a|b|c`` one by one at every position of the text, so a list of
fifty month names costs fifty checks per character. Sharing prefixes (``كانون(?:\\s+ال(?:اول|ثاني))?``)
makes a failed position cost one or two checks. A longer word is still preferred to a word it starts
with, as in a longest-first alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_alternation(words: Iterable[str], space: str = r"\s+") -> str:
    """A regex (no group of its own to capture) matching any of ``words``; a space in a word matches
    ``space``. Words are taken as given: fold them first if the text is folded."""
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return "(?!)"  # no words: matches nothing
    return _branches(trie, space)


def _branches(node: dict[str, dict], space: str) -> str:
    parts = [(space if ch == " " else re.escape(ch)) + _branches(child, space)
             for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    if "" in node:  # a word ends here: tried after every longer one
        return "(?:" + "|".join(parts) + ")?"
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
