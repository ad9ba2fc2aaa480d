"""Merging events across articles: every article's candidates in, one ``Event`` per happening out.

A candidate is what ``detect_events`` gives for one report, with ``article`` added and actors
and places as site-wide entity ids. Reports of one happening fold into one ``Event`` that keeps
every source and says where the sources disagree.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date as datetime_date
from datetime import timedelta
from typing import Iterable, Optional

from ..knowledge.event_lexicon import Lexicon
from ..model import Event, EventReport, EventSource, PartialDate

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def merge_events(candidates: list[EventReport], lexicon: Optional[Lexicon] = None) -> list[Event]:
    """Fold reports of the same happening into one ``Event`` each.

    Candidates are ``detect_events`` reports with ``article`` filled and actors/places given as
    site-wide entity ids. Two reports merge when their types match (armed clashes and attacks
    count as one kind), their dates are compatible (same day; one inside the less precise
    other; a year-less day equal to a dated one; or, across articles, a day apart when both
    actors and places overlap) and they share an actor or a place. Reports from one article
    merge only when they are plain duplicates: same date, same type, the same actors.
    The event takes the most precise date (a year-less day borrowing the year of a report of
    the same month), the union of actors and places and the largest death toll stated (the
    sources keep their own); differing days and tolls are listed in ``disagreements``.
    A report is only compared with the clusters of its buckets (kind and month, or year for a
    report dated to a year) that share an actor or a place with it, so the work grows with the
    number of reports of one kind, month and entity, not with the square of the site.
    """
    lex = lexicon or Lexicon.load()
    prepared = [_Report(c, lex) for c in candidates]
    # Finest dates first, so that coarser reports join the clusters they refine.
    prepared.sort(key=lambda r: r.sort_key)
    clusters: list[_Cluster] = []
    # (bucket, actor or place) -> numbers of the clusters filed there: a report only meets the
    # clusters of its buckets that share an actor or a place with it (it could join no other).
    index: dict[tuple, set[int]] = defaultdict(set)
    for report in prepared:
        joined = None
        seen: set[int] = set()
        for key in report.lookup_keys():
            found = set().union(*(index.get((key, entity), ()) for entity in report.entities)) - seen
            for number in sorted(found):  # the earliest cluster first, as merging always went
                if clusters[number].admits(report):
                    joined = number
                    break
            seen |= found
            if joined is not None:
                break
        if joined is None:
            cluster = _Cluster()
            clusters.append(cluster)
            joined = len(clusters) - 1
        cluster = clusters[joined]
        new_keys = [k for k in report.home_keys() if k not in cluster.keys]
        new_entities = report.entities - cluster.entities
        cluster.add(report)
        for key in new_keys:
            for entity in cluster.entities:
                index[(key, entity)].add(joined)
        for key in cluster.keys.difference(new_keys):
            for entity in new_entities:
                index[(key, entity)].add(joined)
    events = [_event_from(cluster.members, lex) for cluster in clusters]
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

    def __init__(self, candidate: EventReport, lex: Lexicon):
        self.candidate = candidate
        self.article = candidate.article
        self.type = candidate.type
        self.kind = "violence" if self.type in lex.violent_types else self.type
        self.date = PartialDate.parse(candidate.date)
        self.actors = set(candidate.actors)
        self.places = set(candidate.places)
        self.entities = self.actors | self.places
        precision = self.date.precision if self.date else "year"
        self.sort_key = (
            _PRECISION_RANK[precision],
            0 if self.date and self.date.year is not None else 1,
            self.date.sort_key() if self.date else (10000, 0, 0),
            self.article,
            candidate.paragraph,
            candidate.sentence,
            self.type,
        )

    # Buckets: ("ym", kind, year, month) holds reports dated to a month or day of a year;
    # ("m", kind, month) every report of that month, of any year; ("y0", kind, month) reports of
    # that month with no year; ("y", kind, year) every report of that year. Reports are merged
    # finest date first, so a report only looks where a compatible, already-merged one can be.

    def home_keys(self) -> list[tuple]:
        """The buckets this report is filed under."""
        date = self.date
        if date is None:
            return [("undated", self.kind, self.candidate.sentence)]
        keys = []
        if date.month is not None:
            if date.year is not None:
                keys.append(("ym", self.kind, date.year, date.month))
            else:
                keys.append(("y0", self.kind, date.month))
            keys.append(("m", self.kind, date.month))
        if date.year is not None:
            keys.append(("y", self.kind, date.year))
        return keys

    def lookup_keys(self) -> list[tuple]:
        """The buckets where a compatible report may live: the same month (of this year, or of
        no stated year), the neighbouring days' months for reports a day apart; any year's month
        for a report without a year; the year for a report dated to a year only."""
        date = self.date
        if date is None:
            return [("undated", self.kind, self.candidate.sentence)]
        if date.month is None:
            return [("y", self.kind, date.year)]
        days = [date, *_neighbour_days(date)] if date.day is not None else [date]
        keys = []
        for day in days:
            if date.year is not None:
                keys.append(("ym", self.kind, day.year, day.month))
                keys.append(("y0", self.kind, day.month))
            else:
                keys.append(("m", self.kind, day.month))
        return list(dict.fromkeys(keys))


class _Cluster:
    """Reports merged so far into one event, with what ``admits`` asks of them kept up to date."""

    def __init__(self) -> None:
        self.members: list[_Report] = []
        self.actors: set[str] = set()
        self.places: set[str] = set()
        self.entities: set[str] = set()
        self.keys: set[tuple] = set()  # the buckets its members are filed under
        self.dates: set[Optional[PartialDate]] = set()
        self.by_article: dict[str, list[_Report]] = defaultdict(list)

    @property
    def first(self) -> _Report:
        return self.members[0]

    def add(self, report: _Report) -> None:
        self.members.append(report)
        self.actors |= report.actors
        self.places |= report.places
        self.entities |= report.entities
        self.keys.update(report.home_keys())
        self.dates.add(report.date)
        self.by_article[report.article].append(report)

    def admits(self, report: _Report) -> bool:
        """Whether the report tells this cluster's happening (see ``merge_events``)."""
        if any(not _plain_duplicates(m, report) for m in self.by_article.get(report.article, ())):
            return False
        if report.kind != self.first.kind:
            return False
        shared_actors, shared_places = bool(report.actors & self.actors), bool(report.places & self.places)
        if not (shared_actors or shared_places):
            return False
        relation = _date_relation(self.first.date, report.date)
        if relation == "unknown":
            relation = "compatible" if any(
                _date_relation(d, report.date) == "compatible" for d in self.dates) else "conflict"
        if relation == "compatible":
            return all(_date_relation(d, report.date) != "conflict" for d in self.dates)
        if relation == "adjacent":
            return shared_actors and (shared_places or not (report.places or self.places))
        return False


def _neighbour_days(day: PartialDate) -> list[PartialDate]:
    base = datetime_date(day.year or 2000, day.month, day.day)
    result = []
    for step in (-1, 1):
        moved = base + timedelta(days=step)
        result.append(PartialDate(moved.year if day.year is not None else None, moved.month, moved.day))
    return result


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
            paragraph=r.candidate.paragraph,
            sentence=r.candidate.sentence,
            date=r.date.iso() if r.date else None,
            fatalities=r.candidate.fatalities,
        )
        for r in sorted(cluster, key=lambda r: (r.article, r.candidate.paragraph, r.candidate.sentence))
    ]
    actors = _unique(a for r in sorted(cluster, key=lambda r: r.sort_key) for a in r.candidate.actors)
    places = _unique(p for r in sorted(cluster, key=lambda r: r.sort_key) for p in r.candidate.places)
    tolls = [s.fatalities for s in sources if s.fatalities is not None]
    return Event(
        id=_event_id(date, event_type, [s.sentence for s in sources]),
        date=date,
        type=event_type,
        title=best.candidate.title,
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


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(name for name in names if name))
