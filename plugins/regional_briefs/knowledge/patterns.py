"""The English patterns of the mentions and entities stages: ``data/patterns.yml`` in, ``Patterns`` out.

Titles before a person's name, words that type an actor or a place, words that are never names,
speech verbs, role nouns and place heads; ``load_patterns`` reads them through the checked reader.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import DATA
from .checked import Fields


@dataclass(frozen=True)
class Patterns:
    """The vocabulary in ``data/patterns.yml``, ready for lookups."""

    person_titles: tuple[tuple[str, ...], ...]  # token sequences, longest first
    courtesy_titles: frozenset[str]  # "Mr", "Honorable": stripped from a name, no role
    title_words: frozenset[str]  # the words of person_titles, and "First", "Former": a title's words
    office_words: frozenset[str]  # the word that ends an office's title ("Minister"), its remit before it
    actor_type_words: tuple[tuple[str, tuple[str, ...]], ...]
    place_type_words: tuple[tuple[str, tuple[str, ...]], ...]
    place_context: dict[str, str]  # preceding word -> place type
    not_names: frozenset[str]
    speech_verbs: frozenset[str]
    listener_verbs: frozenset[str]
    referring_nouns: frozenset[str]  # "the diplomat said": the person just named speaks
    office_descriptions: dict[str, frozenset[str]]  # "head of state" -> the role words that fit it
    name_genders: tuple[tuple[str, ...], tuple[str, ...]]  # (feminine, masculine) endings of a name's last word
    role_nouns: frozenset[str]
    place_heads: dict[str, str]  # lower-case head noun -> place type
    plural_place_heads: dict[str, str]  # "districts", "settlements" -> place type
    name_particles: frozenset[str]
    name_links: frozenset[str]
    surname_endings: tuple[str, ...]
    direction_words: frozenset[str]
    organization_heads: frozenset[str]
    headed_name: re.Pattern  # capitalised words, up to two lower-case ones, then a place head noun
    document_words: frozenset[str]
    listed_places: tuple[re.Pattern, re.Pattern]  # names before, and after, a plural place head
    listed_name: re.Pattern  # one name of such a list ("Sar wa Takht")
    speaker_shapes: tuple[re.Pattern, re.Pattern]  # '"...," said NAME' and '"...," NAME said'
    not_speakers: frozenset[str]
    synonym_heads: dict[str, str]  # lower-case head word -> the spelling kept
    designators: frozenset[str]  # lower-case words that close a place's name: "province", "district"
    credit_words: frozenset[str]  # words that mark a photo's credit: "Handout", "via"
    legal_forms: frozenset[str]  # a company's legal form closing its name: "LLP", "JSC"
    lower_case_body: re.Pattern  # "the health ministry": group 'body'

    def actor_type(self, name: str) -> str:
        words = set(re.findall(r"[\w-]+", name))
        for type_, markers in self.actor_type_words:
            for marker in markers:
                if (" " in marker and marker in name) or marker in words:
                    return type_
        return "organization"

    def place_type(self, name: str) -> Optional[str]:
        lowered = name.lower()
        for type_, markers in self.place_type_words:
            for marker in markers:
                if re.search(rf"\b{re.escape(marker.lower())}s?\b", lowered):
                    return type_
        return None


# A run of up to three capitalised words: a name in a list ("Osh, Jalal-Abad and Batken regions").
NAME_SHAPE = r"[A-Z][\w'’-]*[\w'’](?:\s[A-Z][\w'’-]*[\w'’]){0,2}"  # never ending in a dash


def _name_list(name: str) -> str:
    """Names joined by commas and a last "and" ("Osh, Jalal-Abad and Batken"), or three or more
    by commas alone, the list running on into prose ("Darbel, Kuzan, Sar wa Takht, and the ...")."""
    return (rf"({name}(?:,\s{name})+,?\s(?:and|or)\s{name}|{name}\s(?:and|or)\s{name}"
            rf"|{name}(?:,\s{name}){{2,}})")


def _plural(word: str) -> str:
    return word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "s"


_SPEAKER = r"([A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+){0,2})"


def _lower_case_body(domains: list[str], heads: list[str]) -> re.Pattern:
    """ "the health ministry", "the country's central election commission", "the ministry of the
    interior", ", interior ministry spokesman X": group ``body`` (the words), ``domain`` and ``head``."""
    domain = "|".join(sorted(map(re.escape, domains), key=len, reverse=True))
    head = "|".join(map(re.escape, heads))
    determiner = r"(?:\b(?:[Tt]he|[Ii]ts|country's|country’s)\s+)"
    # without a determiner only where a clause begins, before the title of its spokesman or official
    bare = r"(?:(?<=^)|(?<=[,;:(]\s))(?=\S+(?:\s+\S+)?\s+(?:spokesman|spokeswoman|spokesperson|official|officials)\b)"
    return re.compile(
        rf"(?:{determiner}|{bare})(?P<body>(?P<domain>{domain})\s+(?P<head>{head})\b"
        rf"|(?P<head2>{head})\s+of\s+(?:the\s+)?(?P<domain2>{domain})\b)")


@functools.lru_cache(maxsize=1)
def load_patterns(path: Path = DATA / "patterns.yml") -> Patterns:
    data = Fields.load(path)
    place_heads = data.word_lists("place_heads")
    titles = sorted((tuple(t.split()) for t in data.words("person_titles")), key=len, reverse=True)
    context = {word: type_ for type_, words in data.word_lists("place_context").items() for word in words}
    heads = "|".join(sorted((re.escape(w) for ws in place_heads.values() for w in ws), key=len, reverse=True))
    # "the settlements of A, B and C", "the Osh and Batken regions": the heads, and the words that
    # say what a name is, in the plural; a word ending in s is left out ("mountains" is plural
    # already, "pass" is not, and the form does not tell them apart)
    plurals = {_plural(w): type_ for type_, ws in [*data.word_lists("place_context").items(), *place_heads.items()]
               for w in ws if not w.endswith("s")}
    plural_heads = "|".join(sorted(map(re.escape, plurals), key=len, reverse=True))
    links = "|".join(map(re.escape, data.words("name_links")))
    name = rf"{NAME_SHAPE}(?:\s(?:{links})\s{NAME_SHAPE})?"
    verbs = "|".join(sorted(map(re.escape, data.words("speech_verbs")), key=len, reverse=True))
    return Patterns(
        person_titles=tuple(titles),
        courtesy_titles=frozenset(data.words("courtesy_titles")),
        title_words=frozenset(w for t in titles for w in t) | {"First", "Former", "Acting"},
        office_words=frozenset(data.words("office_words")),
        actor_type_words=tuple((k, tuple(v)) for k, v in data.word_lists("actor_type_words").items()),
        place_type_words=tuple((k, tuple(v)) for k, v in data.word_lists("place_type_words").items()),
        place_context=context,
        not_names=frozenset(n.casefold() for n in data.words("not_names")),
        speech_verbs=frozenset(data.words("speech_verbs")),
        listener_verbs=frozenset(data.words("listener_verbs")),
        referring_nouns=frozenset(data.words("referring_nouns")),
        office_descriptions={k.lower(): frozenset(v) for k, v in data.word_lists("office_descriptions").items()},
        name_genders=(tuple(data.words("feminine_name_endings")), tuple(data.words("masculine_name_endings"))),
        role_nouns=frozenset(data.words("role_nouns")) | {" ".join(t).lower() for t in titles},
        place_heads={word: type_ for type_, words in place_heads.items() for word in words},
        plural_place_heads=plurals,
        document_words=frozenset(data.words("document_words")),
        name_particles=frozenset(data.words("name_particles")),
        name_links=frozenset(data.words("name_links")),
        lower_case_body=_lower_case_body(data.words("lower_case_body_domains"), data.words("lower_case_body_heads")),
        surname_endings=tuple(data.words("surname_endings")),
        direction_words=frozenset(data.words("direction_words")),
        organization_heads=frozenset(data.words("organization_heads")),
        headed_name=re.compile(rf"\b((?:[A-Z][\w'’-]+\s){{1,3}})(?:[a-z-]+\s){{0,2}}(?:{heads})\b"),
        listed_places=(re.compile(rf"{_name_list(name)}\s({plural_heads})\b"),
                       re.compile(rf"\b({plural_heads})\s(?:of\s)?{_name_list(name)}")),
        listed_name=re.compile(name),
        speaker_shapes=(re.compile(rf"[”\"],?\s+(?:{verbs})\s+{_SPEAKER}\b"),
                        re.compile(rf"[”\"],?\s+{_SPEAKER}\s+(?:{verbs})\b")),
        not_speakers=frozenset(w.casefold() for w in data.words("not_speakers")),
        synonym_heads={word.lower(): kept.lower() for kept, others in data.word_lists("synonym_heads", required=False).items()
                       for word in [kept, *others]},
        designators=frozenset(w.lower() for w in data.words("designators")),
        credit_words=frozenset(data.words("credit_words")),
        legal_forms=frozenset(data.words("legal_forms")),
    )
