"""An event as the reader builds it: ``EventDraft``, an ``EventReport``'s fields plus what the
reader keeps to compare one telling with the article's others.

Drafts are changed while the article is read (a later sentence adds participants or a death toll,
a retelling folds into an earlier draft); ``report`` gives the finished ``EventReport``, without
the reader's own fields. The Russian reader builds the same drafts, without those fields.

The fields repeat ``EventReport``'s on purpose: a report is frozen once finished, and a dataclass
that may change cannot inherit from a frozen one; ``report`` copies them by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
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
    # what the English reader keeps to compare one telling with the article's others
    order: tuple[int, int] = (0, 0)  # (paragraph, character offset of the trigger): the reading order
    lemma: str = ""  # the trigger's lexicon lemma
    people: set[str] = field(default_factory=set)  # actors named outright, not through a country
    lead: bool = False  # dated by publication: inherited from the lead, or the lead's own (dateline) date

    def report(self) -> EventReport:
        """The finished report: the fields an ``EventReport`` has (``article`` is filled later)."""
        return EventReport(**{f.name: getattr(self, f.name) for f in fields(EventReport) if hasattr(self, f.name)})
