"""The events stage, per article: an article's parsed sentences and mentions in, its dated
happenings out (``detect_events``, one ``EventReport`` each); across articles,
``assemble.event_merge.merge_events`` folds the reports of one happening into one ``Event``.

A happening is a trigger word from the lexicon (``data/events.yml``, read by ``event_lexicon``)
paired with a date the sentence gives it, or one it takes from the story so far ("She later
opened a clinic there."). This module keeps the reading order and the state the rules share
(``ArticleReader``, ``anchoring.StoryState``) and builds the reports; each rule is in the module
of its job:

- ``triggers``: which words name a happening; ``factuality``: whether it happened;
- ``story_time``: which date a time expression names; ``anchoring``: which trigger a date goes
  to, and the date a clause without one takes from its sentence or the story;
- ``retelling``: a sentence or a lead that tells a happening again; ``carried``: death tolls and
  participants carried from one telling to the next;
- ``participants``: actors and places; ``titles``: the event's title; ``draft``: the event
  being built.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

from ...knowledge.event_lexicon import Lexicon
from ...model import Article, EventReport, Mention, Sentence
from ..mentions import load_nlp
from .anchoring import Found, Now, StoryState, TimeAnchor
from .carried import WaitingToll, attach_toll, carried_participants, stated_tolls, toll_for, toll_of_the_story
from .draft import EventDraft
from .participants import DemonymLookup, antecedent, participants
from .retelling import fold_elaboration, fold_into, fold_lead_into_body, is_elaboration, retold_draft
from .story_time import UNKNOWN_DAY, StoryDate, StoryTime
from .titles import event_title
from .triggers import event_type, find_triggers, quoted_offsets

__all__ = ["detect_events"]


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
    reader = ArticleReader(
        article,
        nlp,
        lexicon or Lexicon.load(),
        demonym_of or (lambda word: None),
    )
    return reader.read(sentences, mentions, docs)


class ArticleReader:
    """Reads one article in order, keeping the dates the story has reached so far and the
    events found so far."""

    def __init__(self, article: Article, nlp, lexicon: Lexicon, demonym_of: DemonymLookup):
        self.article = article
        self.nlp = nlp
        self.lex = lexicon
        self.demonym_of = demonym_of
        self.story = StoryState(StoryTime(article, lexicon))
        self.anchor = TimeAnchor(lexicon, self.story)
        self.events: list[EventDraft] = []
        self.mentions: list[Mention] = []  # the article's, in reading order
        self.waiting_toll = WaitingToll()

    def read(self, sentences: list[Sentence], mentions: list[Mention], docs: Optional[list] = None) -> list[EventReport]:
        """``docs``: the paragraphs already parsed (with lemmas) by the mentions stage, if any."""
        story = self.story
        story.lead = next((p.index for p in self.article.paragraphs if not p.heading and p.text.strip()), None)
        if story.lead is not None and story.time.today is not None:
            # A news lead that gives no date tells the news of the day it was published.
            story.now = Now(story.lead, story.time.today)
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
            spans = _sentence_spans(doc, by_paragraph.get(paragraph.index, []))
            quoted = quoted_offsets(paragraph.text)
            for span in spans:
                self._read_sentence(paragraph.index, span, quoted,
                                    mentions_by_paragraph.get(paragraph.index, []))
        self.events = fold_lead_into_body(self.events, story.time)
        self.events.sort(key=lambda e: e.order)
        return [event.report() for event in self.events]

    def _read_sentence(self, paragraph: int, sent, quoted: set[int], mentions: list[Mention]):
        self.story.paragraph = paragraph
        self.story.quoted = quoted
        dates = self.story.time.dates(sent, quoted, lead=paragraph == self.story.lead)
        if not dates and is_elaboration(sent, self.lex):
            fold_elaboration(self.events, paragraph, sent, mentions, self.lex, self.demonym_of)
            return
        triggers = find_triggers(sent, quoted, self.lex)
        tolls = stated_tolls(sent, self.lex)
        fatalities = max((toll.count for toll in tolls), default=None)
        found = [f for f in self.anchor.pair(sent, dates, triggers) if not self.story.time.ahead(f.date)]
        if not found:
            if fatalities is not None and not attach_toll(self.events, paragraph, fatalities, self.lex):
                self.waiting_toll.wait(fatalities)
            return
        for item in found:
            if len(found) > 1 and tolls:
                fatalities = toll_for(item, sent, tolls, self.lex)
            event = self._event(paragraph, sent, item, mentions, fatalities, dates)
            self._add(event, item)

    def _event(self, paragraph: int, sent, item: Found, mentions: list[Mention], fatalities: Optional[int],
               dates: list[StoryDate]) -> EventDraft:
        """The draft of the happening ``item`` of sentence ``sent``."""
        who = participants(sent, mentions, self.lex, self.demonym_of, item.trigger.token)
        actors, places = who.actors, who.places
        if not actors and not places:
            # "A curfew was imposed": the paragraph's participants carry on
            actors, places = carried_participants(self.events, paragraph) or (actors, places)
        fatalities = self.waiting_toll.take(fatalities, item.trigger.type, self.lex)
        time = self.story.time
        return EventDraft(
            type=event_type(item.trigger, self.lex),
            date=None if item.date is UNKNOWN_DAY else item.date.iso(),
            precision=None if item.date is UNKNOWN_DAY else item.date.precision,
            title=event_title(item.trigger.token, sent, [sent.doc[d.start:d.end] for d in dates], self.lex,
                              lambda token: antecedent(self.mentions, paragraph, token)),
            actors=actors,
            places=places,
            fatalities=fatalities,
            paragraph=paragraph,
            sentence=sent.text.strip(),
            trigger=item.trigger.token.text,
            order=(paragraph, item.trigger.token.idx),
            lemma=item.trigger.entry.lemma,
            people=who.named,
            lead=(item.inherited and item.date is time.today) or (
                paragraph == self.story.lead and time.reference is not None and item.date == time.reference),
        )

    def _add(self, event: EventDraft, item: Found):
        """Add an event unless it retells one already found in this article."""
        if item.main:
            self.story.now = Now(event.paragraph, item.date)
        if item.date is not UNKNOWN_DAY and item.date.precision == "day":
            self.story.told[item.trigger.type] = item.date
        if toll_of_the_story(self.events, event, item, self.lex):
            return
        told = retold_draft(self.events, event, item, self.lex)
        if told is not None:
            fold_into(told, event)
            return
        self.events.append(event)


def _sentence_spans(doc, sentences: list[Sentence]):
    """The parse's spans of the mentions stage's sentences (the parse's own when there are none)."""
    if not sentences:
        return list(doc.sents)
    spans = []
    for sentence in sorted(sentences, key=lambda s: s.start):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans
