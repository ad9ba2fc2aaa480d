"""The trigger lexicon of the events stage: ``data/events.yml`` in, a ``Lexicon`` out.

A ``Lexicon`` answers which event type a parsed token triggers (``trigger``), how types rank
against each other (``rank``) and where a wire dateline ends (``dateline_end``), and holds the
word lists the detection, title, participant and merging rules read. The few dependency-parse
tests those rules share live here too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..model import EVENT_TYPES
from . import DATA
from .checked import Fields

LEXICON_PATH = DATA / "events.yml"
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "agent", "expl")


@dataclass(frozen=True)
class TriggerEntry:
    """One line of the trigger lexicon: ``lemma/POS + companion|companion``."""

    type: str
    lemma: str
    pos: Optional[str]
    companions: frozenset[str]

    @classmethod
    def parse(cls, event_type: str, text: str) -> "TriggerEntry":
        head, _, companions = text.partition("+")
        lemma, _, pos = head.strip().partition("/")
        words = frozenset(w.strip().lower() for w in companions.split("|") if w.strip())
        return cls(event_type, lemma.strip().lower(), pos.strip().upper() or None, words)


class Lexicon:
    """Triggers per event type and the word lists the pairing rules use (``data/events.yml``)."""

    def __init__(self, data: Fields):
        self.entries: dict[str, list[TriggerEntry]] = defaultdict(list)
        for event_type, triggers in data.word_lists("types").items():
            if event_type not in EVENT_TYPES:
                raise data.error(f"types.{event_type}", "is no event type of the model")
            for text in triggers:
                entry = TriggerEntry.parse(event_type, text)
                self.entries[entry.lemma].append(entry)
        self.priority = {t: i for i, t in enumerate(data.words("priority"))}

        def words(key: str) -> frozenset[str]:
            return frozenset(data.words(key, required=False))

        self.weak_types = words("weak_types")
        self.same_day_types = words("same_day_same_happening")
        self.violent_types = words("violent_types")
        self.setting_prepositions = words("setting_prepositions")
        self.setting_types = words("setting_types")
        self.setting_frames = frozenset(words("setting_frames"))
        self.addition_words = frozenset(words("addition_words"))
        self.addition_openings = tuple(sorted(words("addition_openings")))
        self.relative_prepositions = words("relative_prepositions")
        self.modal_words = words("modal_words")
        self.unreal_modifiers = words("unreal_modifiers")
        self.trend_verbs = words("trend_verbs")
        self.vague_verbs = words("vague_verbs")
        self.intention_verbs = words("intention_verbs")
        self.acting_nouns = words("acting_nouns")
        self.party_prepositions = words("party_prepositions")
        self.negative_subjects = words("negative_subjects")
        self.deferring = words("deferring")
        self.deadly_types = words("deadly_types")
        self.protest_subjects = words("protest_subjects")
        self.protest_keeps = words("protest_keeps")
        self.cause_prepositions = words("cause_prepositions")
        self.state_verbs = words("state_verbs")
        self.contrast_words = words("contrast_words")
        self.statement_channels = words("statement_channels")
        self.earlier_words = words("earlier_words")
        self.habitual_words = words("habitual_words")
        self.pointing_words = words("pointing_words")
        self.deadline_prepositions = words("deadline_prepositions")
        self.route_prepositions = words("route_prepositions")
        self.boundary_nouns = words("boundary_nouns")
        self.scope_prepositions = words("scope_prepositions")
        sources = data.mapping("report_sources", required=False)
        self.dateline = re.compile(sources.text("dateline", required=False, default=r"(?!)"))
        self.source_phrases = frozenset(sources.words("phrases", required=False))
        self.report_verbs = frozenset(sources.words("verbs", required=False))
        self.outlet_words = frozenset(sources.words("outlet_words", required=False))
        fatalities = data.mapping("fatalities")
        numbers = {word.lower(): value for word, value in fatalities.numbers("numbers").items()}
        self.numbers = numbers
        number = r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(numbers, key=len, reverse=True)) + ")"
        self.fatality_patterns = [
            re.compile(p.replace("{NUM}", number), re.IGNORECASE)
            for p in fatalities.words("patterns")
        ]

    @classmethod
    def load(cls, path: Path | str = LEXICON_PATH) -> "Lexicon":
        return _load_lexicon(str(path))

    def dateline_end(self, sent) -> int:
        """Where the wire dateline that opens the sentence's paragraph ends (0 when there is none,
        or when the sentence begins after it; the parser may end a sentence inside it, "May 28.")."""
        match = self.dateline.match(sent.doc.text)
        return match.end() if match and sent.start_char < match.end() else 0

    def rank(self, event_type: str) -> int:
        return self.priority.get(event_type, len(self.priority))

    def trigger(self, token) -> Optional[TriggerEntry]:
        """The most specific lexicon entry this token matches, if any."""
        best = None
        neighbours = None  # the words around the token, read once and only when an entry needs them
        for lemma in _word_forms(token):
            for entry in self.entries.get(lemma, ()):
                if entry.pos and coarse_pos(token) != entry.pos:
                    continue
                if entry.companions:
                    neighbours = _neighbour_lemmas(token, self.vague_verbs) if neighbours is None else neighbours
                    if not entry.companions & neighbours:
                        continue
                # a companion word found beats a companion class ("@person": "received the Order
                # of X" is an honour, though the order's name may pass for a person's), and any
                # companion beats none
                matched = entry.companions & neighbours if entry.companions else set()
                specificity = 0 if matched - _CLASSES else 1 if matched else 2
                key = (specificity, self.rank(entry.type), entry.lemma)
                if best is None or key < best[0]:
                    best = (key, entry)
        return best[1] if best else None

    def count(self, word: str) -> Optional[int]:
        word = word.lower().replace(",", "")
        if word.isdigit():
            return int(word)
        return self.numbers.get(word)


@lru_cache(maxsize=4)
def _load_lexicon(path: str) -> Lexicon:
    return Lexicon(Fields.load(Path(path)))


# Companions that stand for a class of words rather than a word (_neighbour_lemmas).
_CLASSES = frozenset({"@person", "@to"})

# Edges that lead into another clause: companions must sit in the trigger's own phrase.
_CLAUSE_EDGES = frozenset({"conj", "cc", "advcl", "ccomp", "relcl", "parataxis", "punct", "xcomp", "acl"})


def _neighbour_lemmas(token, vague: frozenset = frozenset()) -> set[str]:
    """Lemmas of the trigger's head and of its dependents up to three levels down."""
    words = {token.head.lemma_.lower(), token.head.lower_}
    if token.dep_ == "pobj":  # "went on strike", "taken into custody": the verb over the preposition
        words.update((token.head.head.lemma_.lower(), token.head.head.lower_))
    # "found him guilty": the predicate adjective, however the parser labels its edge
    words.update(c.lower_ for c in token.children if c.pos_ == "ADJ")
    # "@person": the one acted on is a person ("Karimov was fired", "fired him"), not a thing: a
    # name that is no place or product (the model often mistypes a surname)
    if any(c.dep_ in ("dobj", "nsubjpass") and (c.lower_ in ("him", "her") or c.ent_type_ == "PERSON" or (
            c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "LOC", "FAC", "PRODUCT")))
           for c in token.children):
        words.add("@person")
    if any(c.dep_ == "xcomp" and c.lemma_.lower() not in vague and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
           for c in token.children):
        words.add("@to")  # "agreed to open a crossing": a verb with an infinitive after it (not "to step up ties")
    if token.tag_ == "VBN" and token.dep_ in ("advcl", "acl") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        # "First proposed by Uzbekistan in 2018, the railway ...": what the participle was done to
        # is the subject of the clause it hangs from
        for subject in (c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")):
            words.update((subject.lemma_.lower(), subject.lower_))
    level = [token]
    for _ in range(3):
        level = [c for node in level for c in node.children if c.dep_ not in _CLAUSE_EDGES
                 and c.lower_ != "according"]  # "according to X" attributes; "accord" is no companion
        for node in level:
            words.update((node.lemma_.lower(), node.lower_))
    return words


def _word_forms(token) -> list[str]:
    """The lemma and surface form, plus a crude stem for verbs the lemmatizer misses."""
    text = token.lower_
    forms = [token.lemma_.lower(), text]
    if token.pos_ == "VERB":
        for ending in ("ed", "d", "es", "s", "ing"):
            if text.endswith(ending) and len(text) - len(ending) >= 3:
                forms.append(text[: -len(ending)])
    return list(dict.fromkeys(forms))


def coarse_pos(token) -> str:
    """VERB for verbs and auxiliaries, NOUN for common and proper nouns, else spaCy's tag."""
    if token.pos_ in ("VERB", "AUX"):
        return "VERB"
    if token.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    return token.pos_


def clause_verb(token):
    """The verb heading the token's clause (the token itself for a verb)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def has_subject(token) -> bool:
    """True for a clause with a subject of its own ("... and Georgia signed")."""
    return any(c.dep_ in SUBJECTS for c in token.children)
