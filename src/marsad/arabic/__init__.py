"""Arabic text tools: normalisers for matching, tokens and sentences with offsets, proclitics."""

from marsad.arabic.normalize import (
    fold,
    fold_key,
    fold_with_offsets,
    normalize_alef,
    normalize_digits,
    normalize_hamza_seats,
    normalize_presentation_forms,
    normalize_punctuation,
    normalize_ta_marbuta,
    normalize_ya,
    original_span,
    strip_diacritics,
    strip_invisibles,
    strip_tatweel,
)
from marsad.arabic.tokens import (
    Token,
    proclitic_candidates,
    proclitic_readings,
    sentence_tokens,
    sentences,
    strip_article,
    tokens,
    with_proclitics,
)

__all__ = [
    "Token", "fold", "fold_key", "fold_with_offsets", "normalize_alef", "normalize_digits",
    "normalize_hamza_seats", "normalize_presentation_forms", "normalize_punctuation", "normalize_ta_marbuta",
    "normalize_ya", "original_span", "proclitic_candidates", "proclitic_readings", "sentence_tokens", "sentences",
    "strip_article", "strip_diacritics", "strip_invisibles", "strip_tatweel", "tokens",
    "with_proclitics",
]
