"""``data/russian.yml`` read into a typed record; a missing or mistyped key names the file and key."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...knowledge import DATA, safe_yaml
from ...model import ACTOR_TYPES, EVENT_TYPES, PLACE_TYPES

LEXICON_PATH = DATA / "russian.yml"


class LexiconError(ValueError):
    pass


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, a key of caches
class RussianLexicon:
    triggers: dict[str, str]  # lemma -> event type (the first type listing it)
    weak_types: frozenset[str]
    setting_prepositions: tuple[str, ...]
    pointing_words: frozenset[str]
    source_phrases: tuple[str, ...]
    speech_verbs: frozenset[str]
    state_verbs: frozenset[str]
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    story_relative_days: dict[str, int]
    relative_years: dict[str, int]
    place_heads: dict[str, str]
    actor_heads: dict[str, str]  # word -> actor type
    role_words: frozenset[str]
    person_pronouns: frozenset[str]
    not_names: frozenset[str]
    patronymic_words: frozenset[str]
    credit_words: frozenset[str]
    deadly_types: frozenset[str]
    institution_heads: dict[str, tuple[str, str]]  # lemma -> (kind, type)
    refusal_verbs: frozenset[str]
    honorifics: frozenset[str]
    date_line_words: frozenset[str]
    numbers: dict[str, int]


def _get(data: dict, key: str, kind: type, path: Path) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise LexiconError(f"{path.name}: '{key}' must be a {'mapping' if kind is dict else 'list'}")
    return value


def _words(values: list, key: str, path: Path) -> list[str]:
    if not all(isinstance(v, str) for v in values):
        raise LexiconError(f"{path.name}: every entry of '{key}' must be a word")
    return [v.casefold().replace("ё", "е") for v in values]  # lemmas are compared without ё


def _numbers(data: dict, key: str, path: Path) -> dict[str, int]:
    table = _get(data, key, dict, path)
    if not all(isinstance(k, str) and isinstance(v, int) for k, v in table.items()):
        raise LexiconError(f"{path.name}: '{key}' maps words to numbers")
    return {k.casefold(): v for k, v in table.items()}


def _kinds(data: dict, key: str, path: Path) -> dict[str, tuple[str, str]]:
    table = _get(data, key, dict, path)
    out = {}
    for word, value in table.items():
        parts = str(value).split()
        if len(parts) != 2 or parts[1] not in {"actor": ACTOR_TYPES, "place": PLACE_TYPES}.get(parts[0], ()):
            raise LexiconError(f"{path.name}: '{key}.{word}' must be 'actor TYPE' or 'place TYPE' of the model's types")
        out[str(word).casefold()] = (parts[0], parts[1])
    return out


@lru_cache(maxsize=4)
def load(path: Path = LEXICON_PATH) -> RussianLexicon:
    data = safe_yaml.load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name}: not a mapping")
    triggers: dict[str, str] = {}
    table = _get(data, "triggers", dict, path)
    for type_, words in table.items():
        for word in _words(_get(table, type_, list, path), f"triggers.{type_}", path):
            triggers.setdefault(word, type_)
    actor_heads: dict[str, str] = {}
    heads = _get(data, "actor_heads", dict, path)
    for type_, words in heads.items():
        for word in _words(_get(heads, type_, list, path), f"actor_heads.{type_}", path):
            actor_heads.setdefault(word, type_)
    places = _get(data, "place_heads", dict, path)
    if not all(isinstance(k, str) and isinstance(v, str) and v in PLACE_TYPES for k, v in places.items()):
        raise LexiconError(f"{path.name}: 'place_heads' maps words to place types ({', '.join(sorted(PLACE_TYPES))})")
    unknown = sorted(set(table) - set(EVENT_TYPES))
    if unknown:
        raise LexiconError(f"{path.name}: 'triggers' has types that are no event type: {', '.join(unknown)}")

    def words(key: str) -> list[str]:
        return _words(_get(data, key, list, path), key, path)

    return RussianLexicon(
        triggers=triggers, weak_types=frozenset(words("weak_types")),
        setting_prepositions=tuple(words("setting_prepositions")), pointing_words=frozenset(words("pointing_words")),
        source_phrases=tuple(words("source_phrases")), speech_verbs=frozenset(words("speech_verbs")), state_verbs=frozenset(words("state_verbs")),
        months=_numbers(data, "months", path),
        month_abbreviations=_numbers(data, "month_abbreviations", path), weekdays=_numbers(data, "weekdays", path),
        relative_days=_numbers(data, "relative_days", path), story_relative_days=_numbers(data, "story_relative_days", path), relative_years=_numbers(data, "relative_years", path),
        place_heads={k.casefold().replace("ё", "е"): v for k, v in places.items()}, actor_heads=actor_heads,
        role_words=frozenset(words("role_words")), person_pronouns=frozenset(words("person_pronouns")),
        not_names=frozenset(words("not_names")), patronymic_words=frozenset(words("patronymic_words")),
        credit_words=frozenset(w.rstrip(":") for w in words("credit_words")),
        deadly_types=frozenset(words("deadly_types")), numbers=_numbers(data, "numbers", path),
        institution_heads=_kinds(data, "institution_heads", path),
        refusal_verbs=frozenset(words("refusal_verbs")), honorifics=frozenset(words("honorifics")),
        date_line_words=frozenset(words("date_line_words")),
    )
