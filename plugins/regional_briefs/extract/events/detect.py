"""The events stage, per article: an article's parsed sentences and mentions in, its dated
happenings out (``detect_events``, one ``EventReport`` each); across articles,
``assemble.event_merge.merge_events`` folds the reports of one happening into one ``Event``.

A happening is a trigger word from the lexicon (``data/events.yml``, read by ``event_lexicon``)
paired with a date the sentence gives it. The pairing follows the dependency parse: each date
expression goes to the trigger nearest to it in the tree, so "work stopped after the old regime
fell in 1990" dates the fall, not the stopping. A clause without a date of its own may take one
from its sentence or, for past tense non-speech verbs, from the story so far ("He also signed a
decree ..."). What each time expression names, against the article's own time frame, comes
from ``story_time``; titles from ``titles``, actors and places from ``participants``.

Why this module is long (~700 lines): ``_ArticleReader`` reads an article in order, and its rules
(which trigger a date goes to, whether a clause reports something that happened, whether a sentence
retells the one before, carried participants and death tolls) all read and change one state: the
story's time so far, the triggers already taken and the events found so far. What stands on its own
is already apart: ``story_time``, ``participants``, ``titles`` and the lexicon's parse tests
(``knowledge.event_lexicon``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date as datetime_date
from typing import Any, Optional

from ...knowledge.event_lexicon import SUBJECTS, Lexicon, TriggerEntry, clause_verb, coarse_pos, has_subject
from ...model import Article, EventReport, Mention, PartialDate, Sentence
from ..mentions import load_nlp
from .participants import DemonymLookup, participants, unique
from .story_time import UNKNOWN_DAY, StoryDate, StoryTime, contains, days_before, expected
from .titles import event_title

__all__ = ["detect_events"]

# Dates further than this from a trigger in the parse tree do not date it.
MAX_DISTANCE = 6.0
SETTING_PENALTY = 1.5  # "during a meeting": a setting is farther from a date than the clause's own verb

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ('"', '"'))
_QUOTE_MARKS = frozenset("“”«»\"")


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


def detect_events(
    article: Article,
    sentences: list[Sentence],
    mentions: list[Mention],
    nlp=None,
    demonym_of: Optional[DemonymLookup] = None,
    lexicon: Optional[Lexicon] = None,
    docs: Optional[list] = None,
) -> list[EventReport]:
    """The dated happenings an article reports, in reading order.

    Each is an ``EventReport`` whose actors and places are the article-local names of the
    mentions. ``demonym_of`` maps an
    adjective like "Armenian" to the country's name; without it demonyms name no actor.
    """
    if docs is None and (nlp is None or "lemmatizer" not in nlp.pipe_names):
        nlp = load_nlp()  # triggers are matched on lemmas
    reader = _ArticleReader(
        article,
        nlp,
        lexicon or Lexicon.load(),
        demonym_of or (lambda word: None),
    )
    return reader.read(sentences, mentions, docs)


def _is_subject(span) -> bool:
    """Whether a name (a span of the parse) is the subject of its clause, or the name in it."""
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("compound", "appos") and root.head.i != root.i:
        root = root.head
    return root.dep_ in SUBJECTS


class _ArticleReader:
    """Reads one article in order, keeping the dates the story has reached so far."""

    def __init__(self, article: Article, nlp, lexicon: Lexicon, demonym_of: DemonymLookup):
        self.article = article
        self.nlp = nlp
        self.lex = lexicon
        self.demonym_of = demonym_of
        self.time = StoryTime(article, lexicon)
        self.narrative: Optional[tuple[int, PartialDate]] = None  # the main clause's (paragraph, date)
        self.events: list[dict] = []
        self.mentions: list[Mention] = []  # the article's, in reading order
        self.pending_fatalities: Optional[int] = None
        self.lead: Optional[int] = None  # the index of the story's first paragraph
        self._paragraph = 0  # the paragraph being read
        self._quoted: set[int] = set()  # its offsets inside quotation marks

    def read(self, sentences: list[Sentence], mentions: list[Mention], docs: Optional[list] = None) -> list[EventReport]:
        """``docs``: the paragraphs already parsed (with lemmas) by the mentions stage, if any."""
        self.lead = next((p.index for p in self.article.paragraphs if not p.heading and p.text.strip()), None)
        if self.lead is not None and self.time.today is not None:
            # A news lead that gives no date tells the news of the day it was published.
            self.narrative = (self.lead, self.time.today)
        by_paragraph: dict[int, list[Sentence]] = defaultdict(list)
        for sentence in sentences:
            by_paragraph[sentence.paragraph].append(sentence)
        self.mentions = sorted(mentions, key=lambda m: (m.paragraph, m.start))
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
        self._fold_lead_into_body()
        self.events.sort(key=lambda e: e["_order"])
        # The drafts' private keys (order, trigger lemma, people, dated by the lead) stay here.
        return [EventReport(**{k: v for k, v in event.items() if not k.startswith("_")}) for event in self.events]

    def _fold_lead_into_body(self) -> None:
        """A lead dated only by publication ("X has opened a centre") that the body dates more
        precisely ("inaugurated last Thursday") is that happening retold: keep the body's date.
        When the publication day is unknown, any dated telling of the same kind is the retelling."""
        if self.time.today is UNKNOWN_DAY:
            earlier = {id(e): 1 for e in self.events if not e["_lead"] and e["date"] is not None}
        else:
            published = self.time.reference
            if published is None or published.precision != "day" or published.year is None:
                return
            day = datetime_date(published.year, published.month, published.day)
            earlier = {id(e): days_before(e["date"], day) for e in self.events if not e["_lead"]}
        kept = []
        for event in self.events:
            if event["_lead"]:
                told = next((other for other in self.events if other["type"] == event["type"]
                             and 0 < (earlier.get(id(other)) or 0) <= LEAD_RETOLD_DAYS), None)
                if told is not None:
                    _join_participants(told, event["actors"], event["places"])
                    continue
            kept.append(event)
        self.events = kept

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
        self._paragraph = paragraph
        self._quoted = quoted
        dates = self.time.dates(sent, quoted)
        if not dates and self._is_elaboration(sent):
            self._fold_into_previous(paragraph, sent, mentions)
            return
        triggers = self._triggers(sent, quoted)
        tolls = self._tolls(sent)
        fatalities = max((count for _, count in tolls), default=None)
        found = [f for f in self._pair(sent, dates, triggers, paragraph) if not self.time.ahead(f.date)]
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
        if any(c.dep_ in SUBJECTS and c.lower_ in self.lex.negative_subjects for c in token.children):
            return False  # "little was done"
        if coarse_pos(token) == "VERB":
            return not expected(token, self.lex)
        if token.i > 0 and token.nbor(-1).tag_ == "TO" and token.tag_ in ("NN", "NNS"):
            return False  # "the need to battle corruption": a verb the tagger read as a noun, and unreal
        if token.dep_ == "compound":
            return False  # "the earthquake season", "an election commission": a modifier, not news
        if any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in self.lex.unreal_modifiers
               for c in token.children):
            return False
        verb = clause_verb(token)
        # "will travel ... for talks": a noun is no more real than the verb it hangs from
        return verb.i == token.i or self._real(verb)

    # -- pairing dates and triggers

    def _pair(self, sent, dates: list[StoryDate], triggers: list[_Trigger], paragraph: int) -> list[_Found]:
        found: list[_Found] = []
        taken: dict[int, _Found] = {}
        for date in dates:
            choice = self._best_trigger(date, triggers, taken)
            if choice is None:
                continue
            trigger, gapped = choice
            previous = taken.get(trigger.token.i)
            if previous is not None and not gapped:
                if contains(previous.date, date.date):
                    previous.date = date.date  # "last month, on May 21": keep the finer date
                continue
            # "On 13 May, ...": a date that opens the sentence frames all of it, whatever the parse
            main = not date.background and (self._in_main_clause(trigger.token) or _opens(sent, date))
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
            # "died in an explosion": the explosion is the happening, dated as the verb would be
            target = self._deferred(trigger, triggers)
            if date is not None and target.token.i not in taken:
                taken[target.token.i] = _Found(target, date, main, inherited=True)
                found.append(taken[target.token.i])
        found.sort(key=lambda f: f.trigger.token.i)
        return found

    def _best_trigger(self, date: StoryDate, triggers: list[_Trigger], taken: dict[int, "_Found"]):
        """The trigger a date belongs to (and whether it reaches it through a gapped clause)."""
        scored = []
        for trigger in triggers:
            score = self._score(date, trigger)
            if score is not None and len(triggers) == 1 and self._is_setting(trigger.token):
                # "Earlier this month, X stressed Y during a meeting with Z": with nothing else
                # to claim the date, the setting is the happening
                score = (score[0] - SETTING_PENALTY, score[1])
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
                if (trigger.type in self.lex.violent_types and coarse_pos(trigger.token) == "VERB"
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
                     and (any(_governs_as_argument(g, t.token, self.lex.cause_prepositions) for g in governors)
                          or (t.token.dep_ == "advcl" and t.token.head.i == trigger.token.i))]  # "died when ... clashed"
        return min(arguments, key=lambda t: abs(t.token.i - trigger.token.i), default=trigger)

    def _score(self, date: StoryDate, trigger: _Trigger):
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
            if node.dep_ in ("relcl", "acl") and node.lemma_ in self.lex.state_verbs:
                return None  # "X, who has led the party since 2011, called ...": the state's own date
        score = float(lca_at + len(below))
        for node in below:
            if node.dep_ == "conj" and has_subject(node):
                score += 3
            elif node.dep_ in ("ccomp", "relcl", "advcl"):
                score += 1
        if self._is_setting(trigger.token):
            score += SETTING_PENALTY
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
        if token.dep_ == "amod" and token.tag_ == "VBG":
            return True  # "the visiting president": the visit is under way
        if coarse_pos(token) != "VERB":
            # "started the trial", "staged a protest": a noun happened when its verb did
            return (token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB"
                    and token.head.i != token.i and self._happened(_Trigger(token.head, trigger.entry)))
        if token.tag_ == "VBD":
            return True
        if token.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in token.children):
            return True  # "The river burst its banks": a singular subject, so not the present
        # past ("was killed"), present perfect ("have been killed") and past progressive ("were protesting")
        if token.tag_ == "VBG":
            if any(c.dep_ == "aux" and c.tag_ == "VBD" for c in token.children):
                return True
            # "Tajik forces are attacking ...": told in the present progressive at the top of
            # a story, the happening is the news of the day
            return (self.lead is not None and self._paragraph - self.lead <= 1
                    and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in token.children))
        return token.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lemma_ == "have") for c in token.children
        )

    def _inherited_date(self, trigger: _Trigger, taken: dict[int, _Found], found: list[_Found],
                        dateless: bool, paragraph: int):
        """The date a clause without one of its own takes from its sentence or the story."""
        token = trigger.token
        if any(c.dep_ == "cc" and c.lower_ in self.lex.contrast_words for c in token.children):
            return None, False  # "..., but little was done"
        weak = trigger.type in self.lex.weak_types
        if weak and self._news_of_the_day_statement(token, paragraph):
            return self.time.today, False
        if weak or self._placed_relative(token):
            return None, False  # speech is dated by its own sentence; "before X was signed" is not now
        clause = clause_verb(token)
        if any(clause_verb(root).i == clause.i for root in self.time.unresolved):
            return None, False  # the clause gives its own time, one we could not resolve
        if token.dep_ == "conj" and has_subject(token) and not weak:
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
        if self.narrative is None:
            return None, False
        if self.narrative[0] not in (paragraph, paragraph - 1) and not self._day_news(paragraph, DAY_NEWS_PARAGRAPHS):
            return None, False
        if not main_clause and (self.narrative[1] is UNKNOWN_DAY or self.narrative[1].precision != "day"):
            return None, False  # a subordinate clause borrows only a precise "now"
        return self.narrative[1], True

    def _day_news(self, paragraph: int, reach: int) -> bool:
        """Is the story still at its publication day (the lead's date), ``reach`` paragraphs past the lead?"""
        return (self.lead is not None and paragraph - self.lead <= reach and self.narrative is not None
                and self.narrative[1] == self.time.today)

    def _news_of_the_day_statement(self, token, paragraph: int) -> bool:
        """ "X warned of a second wave", "Y has congratulated Z": reported speech by a named
        speaker near the top of a story that gives no other date is that day's news. Direct
        quotations are not: their speaker is attributed, not reported on."""
        if not self._day_news(paragraph, STATEMENT_NEWS_PARAGRAPHS):
            return False
        if token.dep_ not in ("ROOT", "conj"):
            return False
        sent = token.sent
        inside = sum(1 for offset in range(sent.start_char, sent.end_char) if offset in self._quoted)
        opening = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        if inside * 2 > sent.end_char - sent.start_char or sent.text.lstrip()[:1] in _QUOTE_MARKS or (
                opening in self._quoted):  # the second sentence of a quotation
            return False  # a direct quotation: its speaker is attributed, not reported on
        for clause in (c for c in token.children if c.dep_ in ("ccomp", "parataxis") and c.i < token.i):
            entries = (self.lex.trigger(t) for t in clause.subtree)
            if any(e is not None and e.type not in self.lex.weak_types for e in entries):
                return False  # "X met Y, the ministry said": the saying only attributes that news
        return any(c.dep_ in SUBJECTS and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))
                   for c in token.children)

    def _in_main_clause(self, token) -> bool:
        """True for the sentence's main clause, clauses coordinated with it, and the report in
        "X did Y, officials said" (the speech verb is the parse's root, the news is not)."""
        node = clause_verb(token)
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
                if node.dep_ == "conj" and has_subject(node):
                    break
                if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
                    break
                steps += 1
        return best[1] if best else None

    # -- building the event record

    def _event(self, paragraph: int, sent, item: _Found, mentions: list[Mention], fatalities,
               dates: list[StoryDate]) -> dict:
        who = participants(sent, mentions, self.lex, self.demonym_of, item.trigger.token)
        actors, places = who.actors, who.places
        if not actors and not places and self.events and self.events[-1]["paragraph"] == paragraph:
            # "A week of mourning was declared": the paragraph's participants carry on
            actors, places = list(self.events[-1]["actors"]), list(self.events[-1]["places"])
        if self.pending_fatalities is not None and item.trigger.type in self.lex.violent_types:
            fatalities = max(fatalities or 0, self.pending_fatalities)
            self.pending_fatalities = None
        return {
            "type": self._type(item.trigger),
            "date": None if item.date is UNKNOWN_DAY else item.date.iso(),
            "precision": None if item.date is UNKNOWN_DAY else item.date.precision,
            "title": event_title(item.trigger.token, sent, [sent.doc[d.start:d.end] for d in dates], self.lex,
                                 lambda token: self._antecedent(paragraph, token)),
            "actors": actors,
            "places": places,
            "fatalities": fatalities,
            "paragraph": paragraph,
            "sentence": sent.text.strip(),
            "trigger": item.trigger.token.text,
            "_order": (paragraph, item.trigger.token.idx),
            "_lemma": item.trigger.entry.lemma,
            "_people": who.named,
            # dated by publication: inherited from the lead, or the lead's own (dateline) date
            "_lead": (item.inherited and item.date is self.time.today) or (
                paragraph == self.lead and self.time.reference is not None and item.date == self.time.reference),
        }

    def _type(self, trigger: _Trigger) -> str:
        """The trigger's type, unless its subject says better: what protesters do is a protest."""
        verb = clause_verb(trigger.token)
        if trigger.type not in self.lex.protest_keeps and any(
                c.dep_ in SUBJECTS and c.lemma_.lower() in self.lex.protest_subjects for c in verb.children):
            return "protest"
        return trigger.type

    def _antecedent(self, paragraph: int, pronoun) -> Optional[str]:
        """The name a pronoun stands for: the last person named before it, for "he" and "she",
        but not one named in a phrase of the pronoun's own clause ("in a call with Mirziyoyev, he");
        the last organisation, country or place named in its sentence or the one before, for
        "its", and in its sentence for an "it" inside the sentence. Not for a leading "it" or "they", too often an expletive ("it was reported that") or a group
        no name stands for ("they were arrested": the refugees, not the outlet last named)."""
        word = pronoun.lower_
        if word in ("he", "she", "his", "her"):
            wanted = lambda m: m.kind == "actor" and m.type == "person"
            since = 0
        elif word == "it" and self._names_a_thing(pronoun):
            wanted = lambda m: not (m.kind == "actor" and m.type == "person")
            since = pronoun.sent.start_char
        elif word == "its":
            wanted = lambda m: not (m.kind == "actor" and m.type == "person")
            sentence = pronoun.sent
            since = pronoun.doc[sentence.start - 1].sent.start_char if sentence.start else sentence.start_char
        else:
            return None
        own = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in pronoun.head.children
               if t.dep_ == "prep" and t.i < pronoun.i]
        before = [m for m in self.mentions
                  if (m.paragraph, m.start) < (paragraph, pronoun.idx) and m.name and wanted(m)
                  and (m.paragraph == paragraph and m.start >= since or since == 0)
                  and not (m.paragraph == paragraph and any(a <= m.start < b for a, b in own))]
        if word == "its":  # the organisation or country the sentence is about, else the last named
            doc = pronoun.doc
            subjects = [m for m in before if m.paragraph == paragraph and _is_subject(doc.char_span(
                m.start, m.end, alignment_mode="expand"))]
            before = subjects or before
        return before[-1].name if before else None

    @staticmethod
    def _names_a_thing(pronoun) -> bool:
        """ "the largest loan to Kyrgyzstan since it joined the bank": an "it" inside its
        sentence, after a name, standing for something rather than opening "it was likely that"."""
        head = pronoun.head
        if pronoun.i == pronoun.sent.start or pronoun.dep_ not in SUBJECTS:
            return False
        return not (head.lemma_ in ("be", "seem", "appear", "remain", "become")
                    or any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children) and head.tag_ == "VBN")

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
        who = participants(sent, mentions, self.lex, self.demonym_of)
        _join_participants(self.events[-1], who.actors, who.places)

    def _add(self, event: dict, item: _Found):
        """Add an event unless it retells one already found in this article."""
        if item.main:
            self.narrative = (event["paragraph"], item.date)
        retold = item.inherited and _definite_argument(item.trigger.token, item.trigger.entry)
        if item.inherited and item.trigger.entry.lemma in self.lex.deferring:
            # "Several people have died.": a count of the dead, told with no cause of its own and
            # no date of its own, is the toll of the deadly happening the story is telling
            for other in reversed(self.events):
                if other["date"] == event["date"] and other["type"] in self.lex.deadly_types:
                    if event["fatalities"] is not None:
                        other["fatalities"] = max(other["fatalities"] or 0, event["fatalities"])
                    return
        for other in reversed(self.events):
            if self._same_happening(other, event) or (
                retold and other["type"] == event["type"] and other["date"] == event["date"]
            ):
                _join_participants(other, event["actors"], event["places"])
                if event["fatalities"] is not None:
                    other["fatalities"] = max(other["fatalities"] or 0, event["fatalities"])
                return
        self.events.append(event)

    def _same_happening(self, first: dict, second: dict) -> bool:
        if first["date"] != second["date"]:
            return False
        if first["date"] is None:
            # undated tellings are one happening only when they tell it alike
            return first["type"] == second["type"] and first["_lemma"] == second["_lemma"] \
                and second["_people"] <= first["_people"]
        if first["type"] != second["type"]:
            return False
        if first["type"] in self.lex.same_day_types:
            return True
        if first["type"] in self.lex.weak_types:
            return second["_people"] <= first["_people"]
        return first["_lemma"] == second["_lemma"] and second["_people"] <= first["_people"]


def _join_participants(event: dict, actors: list[str], places: list[str]):
    event["actors"] = unique(event["actors"] + actors)
    event["places"] = [p for p in unique(event["places"] + places) if p not in event["actors"]]


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


# How far past the lead an undated past-tense clause, and an undated reported statement, still
# tell the publication day's news while no other date has moved the story on.
DAY_NEWS_PARAGRAPHS = 4
STATEMENT_NEWS_PARAGRAPHS = 2
# A happening the body dates this many days before publication may be what the lead reports.
LEAD_RETOLD_DAYS = 10


def _governs_as_argument(verb, token, cause_prepositions: frozenset = frozenset()) -> bool:
    """True when ``token`` lies in the subject or object phrase of ``verb``, or is the object of
    one of ``cause_prepositions`` on it."""
    for node in [token, *token.ancestors]:
        if node.head.i == verb.i and node.i != verb.i:
            if node.dep_ in (*SUBJECTS, "dobj"):
                return True
            # "killed in floods", "died in an explosion", "wounded by shelling": the cause
            return node.dep_ == "prep" and node.lower_ in cause_prepositions and token.head.i == node.i
    return False




def _opens(sent, date: StoryDate) -> bool:
    """Does the date open the sentence as its frame ("On 13 May 2024, ...", "In March, ...")?"""
    before = [t for t in sent[: date.start - sent.start] if not t.is_punct]
    after = sent.doc[date.end] if date.end < sent.end else None
    return len(before) <= 1 and all(t.pos_ == "ADP" for t in before) and after is not None and after.text == ","


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


