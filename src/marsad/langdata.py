"""Language knowledge kept as data beside the code (``marsad/<package>/data/<name>.json``: word lists, month
names, phrases), read by one loader. Each file's lists are declared here; a file whose keys are not exactly
those (a list renamed, missing or left over) is refused when it is loaded, naming the file and the keys,
rather than failing deep inside a step. Each file's ``_about`` says what its lists hold."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

DECLARED: dict[tuple[str, str], frozenset[str]] = {
    ("arabic", "calendar"): frozenset({"gregorian_months", "hijri_months", "weekdays", "hijri_markers",
                                       "gregorian_markers", "ambiguous_months", "hijri_epithets"}),
    ("clean", "boilerplate"): frozenset({"comment_form", "related", "share", "back_to_top", "footer", "categories",
                                         "counter_words", "byline_markers", "published_markers", "photo_credits",
                                         "caption_prefixes", "source_labels", "agencies", "dateline_words",
                                         "dependent_openers"}),
    ("clean", "embedded_posts"): frozenset({"patterns"}),
    ("analyse", "function_words"): frozenset({"words"}),
    ("analyse", "organisations"): frozenset({"names", "clubs", "sport_words", "team_heads"}),
    ("analyse", "place_words"): frozenset({"streets"}),
    ("analyse", "numbers"): frozenset({"units", "compound_only", "tens", "hundreds", "scales", "fractions", "vague",
                                       "few", "qualifiers", "post_qualifiers", "range_openers", "range_links",
                                       "of_total", "percent", "currency_symbols", "not_quantity_heads",
                                       "year_markers", "metadata_nouns", "dual_construct"}),
    ("analyse", "speech_verbs"): frozenset({"verbs", "participles_prefix", "complementisers", "reporting",
                                            "resumptives", "according_to"}),
    ("analyse", "speech_frames"): frozenset({"object_verbs", "content_prepositions", "content_nouns", "noun_cues",
                                             "object_pronouns", "occasions", "adjunct_stops", "role_links",
                                             "speaker_formulas", "pronoun_titles", "impersonal", "clause_openers",
                                             "parenthetical", "line_labels", "so_called", "addressees",
                                             "title_markers", "source_verbs", "name_joiners", "not_said_before",
                                             "relatives", "bayna_preposition_before", "bayna_verb_before",
                                             "pronoun_subjects", "object_suffixes", "demonstratives", "quantifiers",
                                             "other_adjectives", "kana", "amma", "own_saying",
                                             "verbal_noun_openings"}),
    ("analyse", "time_words"): frozenset({"past", "future", "current", "this", "positions", "day_words",
                                          "stated_day_words", "present", "day_prefixes", "units", "not_after_day_words",
                                          "not_before_day_words", "not_news_day_before", "ordinal_days",
                                          "range_links", "year_nouns", "not_weekday_before", "not_weekday_after",
                                          "decades", "centuries", "duals", "year_words", "month_word"}),
    ("link", "entities"): frozenset({"person_titles", "joined_prefixes", "patronymics", "joined_suffixes", "kin_words",
                                     "class_words", "generic_words", "abbreviating_heads", "facility_classes",
                                     "quoted_classes", "management_words", "place_openers", "place_adjectives",
                                     "nisba_plurals", "latin_articles",
                                     "romanisation"}),
    ("link", "claims"): frozenset({"negators", "word_negators", "light_words", "not_negations", "denials",
                                   "possibility", "hedges", "groups", "opposites", "negative", "directional",
                                   "relative", "bounds", "not_content", "exceptives", "report_denials", "reports",
                                   "topics", "running_totals", "count_words", "few_words",
                                   "counted_kinds"}),
    ("analyse", "titles"): frozenset({"role_heads", "honorifics", "anonymous_sources", "organisation_heads",
                                      "media_heads", "ambiguous_honorifics", "some_of", "led_by", "statement_nouns",
                                      "not_persons", "generic_modifiers", "epithets", "weak_organisation_heads",
                                      "person_descriptors", "named_heads",
                                      "loose_named_heads", "named_after_heads", "named_after_titles",
                                      "place_heads"}),
}


class LanguageDataError(ValueError):
    """A language data file that does not hold what the code reads from it."""


@cache
def load(package: str, name: str) -> dict[str, Any]:
    """The lists of ``marsad/<package>/data/<name>.json``, checked against what is declared for it."""
    where = f"marsad/{package}/data/{name}.json"
    if (package, name) not in DECLARED:
        raise LanguageDataError(f"{where}: no such language data file is declared (marsad.langdata.DECLARED)")
    data = json.loads(files(f"marsad.{package}").joinpath(f"data/{name}.json").read_text("utf-8"))
    check(where, data, DECLARED[package, name])
    return data


def check(where: str, data: Any, declared: frozenset[str]) -> None:
    if not isinstance(data, dict):
        raise LanguageDataError(f"{where}: expected an object of lists, found {type(data).__name__}")
    found = set(data) - {"_about"}
    missing, extra = sorted(declared - found), sorted(found - declared)
    if missing or extra:
        raise LanguageDataError(f"{where}: keys do not match what marsad reads (missing {missing}, not read {extra})")
