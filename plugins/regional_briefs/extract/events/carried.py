"""What carries from one telling to the next: death tolls and participants.

A sentence's stated death tolls (``stated_tolls``, from the lexicon's fatality patterns) go to the
happenings it tells: to the one happening, or, when it tells several, each violent one takes the
toll stated nearest to it (``toll_for``). A toll in a sentence that tells no happening of its own
("The toll has since risen to twelve.") goes to its paragraph's last violent happening, or,
when there is none yet, waits for the next one (``WaitingToll``). A count of the dead told with
neither a cause nor a date of its own is the toll of the deadly happening the story is telling
(``toll_of_the_story``). A sentence that names no one ("A curfew was imposed.") keeps the
participants of its paragraph's last happening (``carried_participants``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Optional

from ...knowledge.event_lexicon import Lexicon
from .anchoring import Found
from .draft import EventDraft


class Toll(NamedTuple):
    """A death count a sentence states."""

    offset: int  # of the count, in the sentence
    count: int


@dataclass
class WaitingToll:
    """A toll told before any violent happening of its paragraph: the next violent one takes it."""

    count: Optional[int] = None

    def wait(self, count: int) -> None:
        self.count = max(self.count or 0, count)

    def take(self, fatalities: Optional[int], event_type: str, lex: Lexicon) -> Optional[int]:
        """The toll of a happening of ``event_type`` whose sentence states ``fatalities``."""
        if self.count is not None and event_type in lex.violent_types:
            fatalities = max(fatalities or 0, self.count)
            self.count = None
        return fatalities


def stated_tolls(sent, lex: Lexicon) -> list[Toll]:
    """Death counts stated in the sentence, in the order they are written."""
    text = list(sent.text)
    for entity in sent.ents:
        if entity.label_ in ("DATE", "TIME"):  # "in 2019 floods killed" is not 2019 dead
            for offset in range(entity.start_char - sent.start_char, entity.end_char - sent.start_char):
                if not text[offset].isspace():
                    text[offset] = "x"
    masked = "".join(text)
    tolls = []
    for pattern in lex.fatality_patterns:
        for match in pattern.finditer(masked):
            value = lex.count(match.group(1))
            if value is not None:
                tolls.append(Toll(match.start(1), value))
    return sorted(tolls)


def toll_for(item: Found, sent, tolls: list[Toll], lex: Lexicon) -> Optional[int]:
    """Several happenings, several tolls: each violent one takes the toll stated nearest to it."""
    where = item.trigger.token.idx - sent.start_char
    fatalities = min(tolls, key=lambda toll: abs(toll.offset - where)).count
    return fatalities if item.trigger.type in lex.violent_types else None


def attach_toll(events: list[EventDraft], paragraph: int, count: int, lex: Lexicon) -> bool:
    """Give a toll to the paragraph's last violent happening; False when it has none."""
    for event in reversed(events):
        if event.paragraph != paragraph:
            break
        if event.type in lex.violent_types:
            event.fatalities = max(event.fatalities or 0, count)
            return True
    return False


def toll_of_the_story(events: list[EventDraft], event: EventDraft, item: Found, lex: Lexicon) -> bool:
    """ "Several people have died.": a count of the dead, told with no cause of its own and no
    date of its own, is the toll of the deadly happening the story is telling. True when
    ``event`` is such a count (it is then no happening of its own)."""
    if not (item.inherited and item.trigger.entry.lemma in lex.deferring):
        return False
    for other in reversed(events):
        if other.date == event.date and other.type in lex.deadly_types:
            if event.fatalities is not None:
                other.fatalities = max(other.fatalities or 0, event.fatalities)
            return True
    return False


def carried_participants(events: list[EventDraft], paragraph: int) -> Optional[tuple[list[str], list[str]]]:
    """The actors and places a sentence that names none carries on from its paragraph."""
    if events and events[-1].paragraph == paragraph:
        return list(events[-1].actors), list(events[-1].places)
    return None
