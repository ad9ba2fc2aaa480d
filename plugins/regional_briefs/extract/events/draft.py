"""An event as the reader builds it: ``EventDraft``, an ``EventReport``'s fields plus what the
reader keeps to compare one telling with the article's others.

Drafts are changed while the article is read (a later sentence adds participants or a death toll,
a retelling folds into an earlier draft); ``report`` gives the finished ``EventReport``, without
the reader's own fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ...model import EventReport


@dataclass
class EventDraft:
    """One happening told by an article, while the article is read."""

    type: str
    date: Optional[str]  # ISO partial date, None when undated
    precision: Optional[str]
    title: str
    actors: list[str]
    places: list[str]
    fatalities: Optional[int]
    paragraph: int
    sentence: str
    trigger: str
    order: tuple[int, int]  # (paragraph, character offset of the trigger): the reading order
    lemma: str  # the trigger's lexicon lemma
    people: set[str]  # actors named outright, not through a country
    lead: bool  # dated by publication: inherited from the lead, or the lead's own (dateline) date

    def report(self) -> EventReport:
        return EventReport(
            type=self.type,
            date=self.date,
            precision=self.precision,
            title=self.title,
            actors=self.actors,
            places=self.places,
            fatalities=self.fatalities,
            paragraph=self.paragraph,
            sentence=self.sentence,
            trigger=self.trigger,
        )
