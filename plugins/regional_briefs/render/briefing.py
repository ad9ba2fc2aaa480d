"""What a reader of the briefing asks first: what is new, and where. No MkDocs here.

    Site -> edition(site)        the newest article's date and what was first reported in the week to it
         -> country_of / countries_of / events_by_country   events placed in countries
         -> months(events)       events per month, for a country's chart

"New" is read from the articles' own publication dates, never from the clock or from an earlier
build: the same seeds give the same site (and the same feeds) whenever and however often it is
built, and a site restored from the cache says what a fresh build says. An event is new when the
earliest article that reports it was published in the ``NEW_DAYS`` days up to the newest article
of the site (the "edition"); an article is new when it was published in those days.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..model import Event, PartialDate, Site

NEW_DAYS = 7  # the edition: the week up to the newest article


def day_of(date: Optional[PartialDate]) -> Optional[dt.date]:
    """The first day a partial date can mean (``2025-11`` -> 1 November 2025); None without a year."""
    if date is None or date.year is None:
        return None
    return dt.date(date.year, date.month or 1, date.day or 1)


@dataclass
class Edition:
    """The newest article's date (``as_of``), the first day counted as new, and what is new."""

    as_of: Optional[dt.date] = None
    newest: Optional[PartialDate] = None  # the newest article's date as it was given (``2025-11``)
    since: Optional[dt.date] = None
    events: set[str] = field(default_factory=set)  # event ids first reported since ``since``
    articles: set[str] = field(default_factory=set)  # article ids published since ``since``
    first_reported: dict[str, dt.date] = field(default_factory=dict)  # event id -> earliest article date
    last_reported: dict[str, dt.date] = field(default_factory=dict)  # event id -> latest article date


def edition(site: Site, days: int = NEW_DAYS) -> Edition:
    """What is new in ``site``: see the module's docstring. Undated articles are never new."""
    published = {a.id: day_of(a.published) for a in site.articles.values()}
    dated = [d for d in published.values() if d is not None]
    if not dated:
        return Edition()
    as_of = max(dated)
    newest = max((a.published for a in site.articles.values() if published[a.id] == as_of), key=PartialDate.sort_key)
    since = as_of - dt.timedelta(days=days - 1)
    result = Edition(as_of, newest, since, articles={a for a, d in published.items() if d is not None and d >= since})
    for event in site.events.values():
        days_reported = [published[a] for a in event.articles if published.get(a) is not None]
        if days_reported:
            result.first_reported[event.id] = min(days_reported)
            result.last_reported[event.id] = max(days_reported)
            if min(days_reported) >= since:
                result.events.add(event.id)
    return result


def country_of(entity_id: str, site: Site) -> Optional[str]:
    """The country an entity is or lies in, following ``within`` (an actor's ``within`` is its
    country: the Taliban's is Afghanistan); None when the chain reaches no country."""
    seen: set[str] = set()
    current = entity_id
    while current and current not in seen and current in site.entities:
        entity = site.entities[current]
        if entity.kind == "place" and entity.type == "country":
            return current
        seen.add(current)
        current = entity.within
    return None


def countries_of(event: Event, site: Site) -> list[str]:
    """The countries an event involves: those of its places first (where it happened), then those
    of its actors, each once."""
    found = (country_of(i, site) for i in [*event.places, *event.actors])
    return list(dict.fromkeys(c for c in found if c is not None))


def events_by_country(site: Site) -> dict[str, list[Event]]:
    """Country id -> every event that involves it (an event may be under several countries)."""
    grouped: dict[str, list[Event]] = defaultdict(list)
    for event in sorted(site.events.values(), key=lambda e: e.id):
        for country in countries_of(event, site):
            grouped[country].append(event)
    return dict(grouped)


def is_dated(event: Event) -> bool:
    return event.date is not None and event.date.year is not None


def latest_first(events: Iterable[Event]) -> list[Event]:
    """Events with a year, newest first (ties by id): the order of "latest" lists."""
    return sorted((e for e in events if is_dated(e)), key=lambda e: (e.date.sort_key(), e.id), reverse=True)


def months(events: Iterable[Event], span: int = 24) -> tuple[list[tuple[int, int, int]], int]:
    """Events per month from the first to the latest month with an event (at most the ``span``
    months up to the latest), newest first, empty months included: ([(year, month, count)],
    events with a month before those shown).

    Events without a year or a month are not counted."""
    counts: Counter = Counter((e.date.year, e.date.month) for e in events if is_dated(e) and e.date.month)
    if not counts:
        return [], 0
    year, month = max(counts)
    first = min(counts)
    rows = []
    for _ in range(span):
        rows.append((year, month, counts[(year, month)]))
        if (year, month) == first:
            break
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    shown = {(y, m) for y, m, _ in rows}
    earlier = sum(n for key, n in counts.items() if key not in shown)
    return rows, earlier
