"""The relation words of the relations stage: ``data/relations.yml`` in, a ``RelationLexicon`` out."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..model import RELATION_PREDICATES
from . import DATA
from .checked import Fields

LEXICON_PATH = DATA / "relations.yml"


@dataclass(frozen=True)
class RelationLexicon:
    verbs: dict[str, str]  # verb lemma -> predicate (the first predicate listing it)
    nouns: dict[str, str]  # noun -> predicate
    object_prepositions: frozenset[str]
    denial: frozenset[str]
    allegation_verbs: frozenset[str]
    allegation_adverbs: frozenset[str]
    leader_roles: frozenset[str]
    actor_nouns: frozenset[str]
    verb_objects: dict[str, str]  # "exchange fire" -> fights


@functools.lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> RelationLexicon:
    data = Fields.load(path)
    for table in ("verbs", "nouns", "verb_objects"):
        for predicate in data.mapping(table, required=table != "verb_objects").keys():
            if predicate not in RELATION_PREDICATES:
                raise data.error(f"{table}.{predicate}", "is no relation of the model (model.RELATION_PREDICATES)")
    verbs: dict[str, str] = {}
    for predicate, words in data.word_lists("verbs").items():
        for word in words:
            verbs.setdefault(word, predicate)
    nouns = {word: predicate for predicate, words in data.word_lists("nouns").items() for word in words}
    return RelationLexicon(
        verbs, nouns, frozenset(data.words("object_prepositions")), frozenset(data.words("denial")),
        frozenset(data.words("allegation_verbs")), frozenset(data.words("allegation_adverbs")),
        frozenset(data.words("leader_roles")), frozenset(data.words("actor_nouns")),
        {phrase: predicate for predicate, phrases in data.word_lists("verb_objects", required=False).items()
         for phrase in phrases},
    )
