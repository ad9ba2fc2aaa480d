"""Retellings: a sentence, or a news lead, that tells again a happening the article has told.

The article's drafts so far and a new telling in; the earlier draft it retells out, into which
it folds (its participants and death toll join the earlier ones). One happening is told again
when a draft of the same date and type tells it alike (``same_happening``), or when a clause
without a date of its own points back with a definite noun ("the accord was initialled by ...",
``definite_argument``). A sentence opening "During his stay there, ..." with no date adds its
participants to the happening just told (``is_elaboration``). A lead dated only by publication
("X has opened a school") that the body dates a few days earlier is that happening, retold
(``fold_lead_into_body``).
"""

from __future__ import annotations

from datetime import date as datetime_date
from typing import Optional

from ...knowledge.event_lexicon import Lexicon, TriggerEntry
from ...model import Mention
from .anchoring import Found
from .draft import EventDraft
from .participants import DemonymLookup, participants, unique
from .story_time import UNKNOWN_DAY, StoryTime, days_before

# A happening the body dates this many days before publication may be what the lead reports.
LEAD_RETOLD_DAYS = 10
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def retold_draft(events: list[EventDraft], event: EventDraft, item: Found, lex: Lexicon) -> Optional[EventDraft]:
    """The latest of ``events`` that ``event`` (told by ``item``) tells again, if any."""
    if another(item.trigger.token, lex):
        return None  # "The delegations also signed 15 documents": one more happening of the kind
    retold = (item.inherited and definite_argument(item.trigger.token, item.trigger.entry)) or \
        (not item.trigger.entry.companions and _pointing_noun(item.trigger.token))
    for other in reversed(events):
        if same_happening(other, event, lex) or (
            retold and other.type == event.type and other.date == event.date
        ):
            return other
    return None


def another(verb, lex: Lexicon) -> bool:
    """A clause that says it tells one more happening: "also signed", "In addition, ... were signed"."""
    sent = verb.sent
    opening = sent.text.lstrip().lower()
    return any(c.dep_ == "advmod" and c.lower_ in lex.addition_words for c in verb.children) or any(
        opening.startswith(phrase) for phrase in lex.addition_openings)


def fold_into(told: EventDraft, retelling: EventDraft) -> None:
    """A retelling adds its participants and its death toll to the telling it repeats."""
    join_participants(told, retelling.actors, retelling.places)
    if retelling.fatalities is not None:
        told.fatalities = max(told.fatalities or 0, retelling.fatalities)


def same_happening(first: EventDraft, second: EventDraft, lex: Lexicon) -> bool:
    if first.date != second.date:
        return False
    if first.date is None:
        # undated tellings are one happening only when they tell it alike
        return first.type == second.type and first.lemma == second.lemma \
            and second.people <= first.people
    if first.type != second.type:
        return False
    if first.type in lex.same_day_types:
        return True
    if first.type in lex.weak_types:
        return second.people <= first.people
    return first.lemma == second.lemma and second.people <= first.people


def definite_argument(verb, entry: TriggerEntry) -> bool:
    """In "the accord was initialled by ...", a definite common noun as subject or object points
    back to a happening already told ("the cornerstone was laid" is an idiom, not a pointer)."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.pos_ == "NOUN" \
                and child.lemma_.lower() not in entry.companions:
            if any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in child.children) \
                    and not any(c.pos_ == "PROPN" for c in child.children):
                return True
    return False


def _pointing_noun(token) -> bool:
    """ "The clash took place on Tuesday night": a happening named by a noun with "the" or "this"
    (and no name or number of its own) points back to one the article has told; not a noun of an
    idiom ("the foundation was laid": its entry has companions)."""
    return token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children) and not any(
        c.dep_ in ("compound", "nummod", "amod") and (c.pos_ in ("PROPN", "NUM") or c.like_num) for c in token.children)


def is_elaboration(sent, lex: Lexicon) -> bool:
    """A sentence opening "During her stay in the city, ..." retells the happening just told."""
    first = sent[0]
    if first.lower_ != "during":
        return False
    noun = next((c for c in first.children if c.dep_ == "pobj"), None)
    return noun is not None and any(
        c.dep_ in ("poss", "det") and c.lower_ in lex.pointing_words for c in noun.children
    )


def fold_elaboration(events: list[EventDraft], paragraph: int, sent, mentions: list[Mention], lex: Lexicon,
                     demonym_of: DemonymLookup) -> None:
    """An elaboration's participants join the happening just told, when its paragraph told it."""
    if not events or events[-1].paragraph != paragraph:
        return
    who = participants(sent, mentions, lex, demonym_of)
    join_participants(events[-1], who.actors, who.places)


def fold_lead_into_body(events: list[EventDraft], time: StoryTime) -> list[EventDraft]:
    """A lead dated only by publication ("X has opened a school") that the body dates more
    precisely ("opened it last Monday") is that happening retold: keep the body's date.
    When the publication day is unknown, any dated telling of the same kind is the retelling."""
    if time.today is UNKNOWN_DAY:
        earlier = {id(e): 1 for e in events if not e.lead and e.date is not None}
    else:
        published = time.reference
        if published is None or published.precision != "day" or published.year is None:
            return events
        day = datetime_date(published.year, published.month, published.day)
        earlier = {id(e): days_before(e.date, day) for e in events if not e.lead}
    kept = []
    for event in events:
        if event.lead:
            told = next((other for other in events if other.type == event.type
                         and 0 < (earlier.get(id(other)) or 0) <= LEAD_RETOLD_DAYS), None)
            if told is not None:
                join_participants(told, event.actors, event.places)
                continue
        kept.append(event)
    if time.today is UNKNOWN_DAY:
        # "X has ordered a cut in exports. / X laid into the government on December 16 ...": in a
        # story of unknown date, the lead's news happened on the day the paragraph after it names
        lead = min((e.paragraph for e in events if e.lead), default=None)
        day = None if lead is None else next((e for e in events if not e.lead and e.date is not None
                                              and e.precision == "day" and e.paragraph <= lead + 1), None)
        for event in kept:
            if event.lead and event.date is None and day is not None:
                event.date, event.precision = day.date, day.precision
    return kept


def join_participants(event: EventDraft, actors: list[str], places: list[str]) -> None:
    event.actors = unique(event.actors + actors)
    event.places = [p for p in unique(event.places + places) if p not in event.actors]
