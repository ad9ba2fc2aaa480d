"""The knowledge of the Russian reader: ``data/russian.yml`` in, a ``RussianLexicon`` out (checked: a
missing or mistyped key names the file and the key)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import ACTOR_TYPES, EVENT_TYPES, PLACE_TYPES
from . import DATA
from .checked import Fields

LEXICON_PATH = DATA / "russian.yml"


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, a key of caches
class RussianLexicon:
    triggers: dict[str, str]  # lemma -> event type (the first type listing it)
    phrase_triggers: dict[str, tuple[tuple[str, str], ...]]  # verb lemma -> ((noun lemma, event type), ...)
    weak_types: frozenset[str]
    setting_prepositions: tuple[str, ...]
    pointing_words: frozenset[str]
    source_phrases: tuple[str, ...]
    outlet_cues: tuple[str, ...]  # words or lemmas beside a site's address that make it a reporting outlet
    speech_verbs: frozenset[str]
    state_verbs: frozenset[str]
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    story_relative_days: dict[str, int]
    relative_years: dict[str, int]
    place_heads: dict[str, str]
    street_heads: dict[str, str]  # a place noun whose name follows it and is named with it -> place type
    actor_heads: dict[str, str]  # word -> actor type
    role_words: frozenset[str]
    person_pronouns: frozenset[str]
    not_names: frozenset[str]
    patronymic_words: frozenset[str]
    son_words: frozenset[str]  # the patronymic words that say "son of"
    daughter_words: frozenset[str]  # the patronymic words that say "daughter of"
    feminine_surname_endings: tuple[str, ...]  # «-ова», «-ская»: a surname in a woman's form
    title_heads: frozenset[str]
    referring_nouns: frozenset[str]
    body_referring_nouns: frozenset[str]  # «ведомство»: the last body named
    resident_nouns: frozenset[str]
    credit_words: frozenset[str]
    deadly_types: frozenset[str]
    casualty_verbs: frozenset[str]  # verbs that count the hurt («пострадать»)
    institution_heads: dict[str, tuple[str, str, str]]  # lemma -> (kind, type, English noun or "")
    adjective_named_heads: frozenset[str]  # «межрайонный суд»: institutions whose adjectives are their name's
    refusal_verbs: frozenset[str]
    honorifics: frozenset[str]
    date_line_words: frozenset[str]
    day_parts: frozenset[str]  # «утром», «вечером»: a part of the day before a date
    numbers: dict[str, int]


def _words(data: Fields, key: str) -> list[str]:
    return [v.casefold().replace("ё", "е") for v in data.words(key)]  # lemmas are compared without ё


def _numbers(data: Fields, key: str) -> dict[str, int]:
    return {k.casefold(): v for k, v in data.numbers(key).items()}


def _kinds(data: Fields, key: str) -> dict[str, tuple[str, str, str]]:
    """lemma -> (kind, type, the English noun for it or "") of entries "actor TYPE [noun]"."""
    out = {}
    for word, value in data.mapping(key).items():
        parts = str(value).split()
        if len(parts) not in (2, 3) or parts[1] not in {"actor": ACTOR_TYPES, "place": PLACE_TYPES}.get(parts[0], ()):
            raise data.error(f"{key}.{word}", "must be 'actor TYPE', 'place TYPE' (of the model's types) and "
                                              "an English noun, optionally")
        out[word.casefold()] = (parts[0], parts[1], parts[2] if len(parts) == 3 else "")
    return out


def _by_event_type(data: Fields, key: str) -> list[tuple[str, str]]:
    """(event type, word) of a table of words by event type, checked against the model's types."""
    table = data.mapping(key)
    unknown = sorted(set(table.keys()) - set(EVENT_TYPES))
    if unknown:
        raise data.error(key, f"has types that are no event type: {', '.join(unknown)}")
    return [(type_, word) for type_ in table.keys() for word in _words(table, type_)]


@lru_cache(maxsize=4)
def load(path: Path = LEXICON_PATH) -> RussianLexicon:
    data = Fields.load(path)
    triggers: dict[str, str] = {}
    for type_, word in _by_event_type(data, "triggers"):
        triggers.setdefault(word, type_)
    phrases: dict[str, list[tuple[str, str]]] = {}
    for type_, phrase in _by_event_type(data, "phrase_triggers"):
        parts = phrase.split()
        if len(parts) != 2:
            raise data.error(f"phrase_triggers.{type_}", f"'{phrase}' must be two lemmas: a verb and the noun it governs")
        phrases.setdefault(parts[0], []).append((parts[1], type_))
    actor_heads: dict[str, str] = {}
    heads = data.mapping("actor_heads")
    for type_ in heads.keys():
        for word in _words(heads, type_):
            actor_heads.setdefault(word, type_)
    places, streets = data.mapping("place_heads"), data.mapping("street_heads")
    for table in (places, streets):
        for word, type_ in table.items():
            if type_ not in PLACE_TYPES:
                raise table.error(word, f"must be a place type ({', '.join(sorted(PLACE_TYPES))})")

    def words(key: str) -> list[str]:
        return _words(data, key)

    return RussianLexicon(
        triggers=triggers, phrase_triggers={k: tuple(v) for k, v in phrases.items()},
        weak_types=frozenset(words("weak_types")),
        setting_prepositions=tuple(words("setting_prepositions")), pointing_words=frozenset(words("pointing_words")),
        source_phrases=tuple(words("source_phrases")), outlet_cues=tuple(words("outlet_cues")),
        speech_verbs=frozenset(words("speech_verbs")), state_verbs=frozenset(words("state_verbs")),
        months=_numbers(data, "months"),
        month_abbreviations=_numbers(data, "month_abbreviations"), weekdays=_numbers(data, "weekdays"),
        relative_days=_numbers(data, "relative_days"), story_relative_days=_numbers(data, "story_relative_days"), relative_years=_numbers(data, "relative_years"),
        place_heads={k.casefold().replace("ё", "е"): v for k, v in places.items()},
        street_heads={k.casefold().replace("ё", "е"): v for k, v in streets.items()}, actor_heads=actor_heads,
        role_words=frozenset(words("role_words")), person_pronouns=frozenset(words("person_pronouns")),
        not_names=frozenset(words("not_names")), patronymic_words=frozenset(words("patronymic_words")), son_words=frozenset(words("son_words")),
        daughter_words=frozenset(words("daughter_words")), feminine_surname_endings=tuple(words("feminine_surname_endings")),
        title_heads=frozenset(words("title_heads")),
        referring_nouns=frozenset(words("referring_nouns")), body_referring_nouns=frozenset(words("body_referring_nouns")),
        resident_nouns=frozenset(words("resident_nouns")),
        credit_words=frozenset(w.rstrip(":") for w in words("credit_words")),
        deadly_types=frozenset(words("deadly_types")), numbers=_numbers(data, "numbers"),
        casualty_verbs=frozenset(words("casualty_verbs")),
        institution_heads=_kinds(data, "institution_heads"), adjective_named_heads=frozenset(words("adjective_named_heads")),
        refusal_verbs=frozenset(words("refusal_verbs")), honorifics=frozenset(words("honorifics")),
        date_line_words=frozenset(words("date_line_words")), day_parts=frozenset(words("day_parts")),
    )
