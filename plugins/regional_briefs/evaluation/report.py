"""The records scoring fills and the page reads: what each article's gold found in the export
(``ArticleScore``), its figures (``Totals`` of ``Counts`` and ``Ratio``), and all articles
together (``Report``, with the micro figures)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .gold import GoldEntity, GoldEvent, GoldQuote, GoldRelation
from .matching import dates_agree


@dataclass
class Counts:
    """True positives, false positives and false negatives, and what they make."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> Optional[float]:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None


@dataclass
class Ratio:
    correct: int = 0
    total: int = 0

    def __add__(self, other: "Ratio") -> "Ratio":
        return Ratio(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> Optional[float]:
        return self.correct / self.total if self.total else None


@dataclass
class Totals:
    """The figures of one article, or of all of them summed (micro)."""

    entities: Counts = field(default_factory=Counts)
    kinds: Ratio = field(default_factory=Ratio)
    noise_leaks: int = 0
    events: Counts = field(default_factory=Counts)
    dates: Ratio = field(default_factory=Ratio)
    types: Ratio = field(default_factory=Ratio)
    quotes: Optional[Ratio] = None
    relations: Optional[Counts] = None  # None: relations not scored for this article
    allegations: Optional[Ratio] = None
    denials: Optional[Ratio] = None

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(
            self.entities + other.entities, self.kinds + other.kinds,
            self.noise_leaks + other.noise_leaks, self.events + other.events,
            self.dates + other.dates, self.types + other.types,
            _add_optional(self.quotes, other.quotes, Ratio),
            relations=_add_optional(self.relations, other.relations, Counts),
            allegations=_add_optional(self.allegations, other.allegations, Ratio),
            denials=_add_optional(self.denials, other.denials, Ratio),
        )


def _add_optional(a, b, zero):
    """Sum two figures either of which may be missing (None); None only when both are."""
    if a is None and b is None:
        return None
    return (a if a is not None else zero()) + (b if b is not None else zero())


@dataclass(frozen=True)
class EntityMatch:
    gold: GoldEntity
    page: str  # the export entity's name
    kind: str  # the export entity's kind

    @property
    def kind_ok(self) -> bool:
        return self.kind == self.gold.kind or self.gold.type == "country"


@dataclass(frozen=True)
class EventMatch:
    gold: GoldEvent
    title: str
    date: Optional[str]
    type: str

    @property
    def date_ok(self) -> bool:
        return dates_agree(self.date, self.gold.date)

    @property
    def type_ok(self) -> bool:
        return self.type == self.gold.type


@dataclass(frozen=True)
class RelationMatch:
    gold: GoldRelation
    label: str  # the export relation, worded with its entities' names
    allegation: bool
    denied: bool

    @property
    def allegation_ok(self) -> bool:
        return self.allegation == self.gold.allegation

    @property
    def denied_ok(self) -> bool:
        return self.denied == self.gold.denied


@dataclass
class ArticleScore:
    """What one article's gold found in the export, and what it missed."""

    article: str
    in_export: bool
    entity_matches: list[EntityMatch] = field(default_factory=list)
    missed_entities: list[GoldEntity] = field(default_factory=list)
    split_pages: list[tuple[str, str]] = field(default_factory=list)  # (gold name, extra page)
    spurious_pages: list[str] = field(default_factory=list)
    ignored_pages: list[str] = field(default_factory=list)  # matched an optional name
    noise_leaks: list[str] = field(default_factory=list)
    event_matches: list[EventMatch] = field(default_factory=list)
    missed_events: list[GoldEvent] = field(default_factory=list)
    spurious_events: list[tuple[Optional[str], str]] = field(default_factory=list)  # (date, title)
    quotes_scored: bool = False
    found_quotes: list[GoldQuote] = field(default_factory=list)
    missed_quotes: list[GoldQuote] = field(default_factory=list)
    relations_scored: bool = False  # a relation gold file covers this article
    relation_matches: list[RelationMatch] = field(default_factory=list)
    missed_relations: list[GoldRelation] = field(default_factory=list)
    spurious_relations: list[str] = field(default_factory=list)
    duplicate_relations: list[tuple[str, str]] = field(default_factory=list)  # (gold label, export label)
    ignored_relations: list[str] = field(default_factory=list)  # matched an optional gold relation

    @property
    def totals(self) -> Totals:
        dated = [m for m in self.event_matches if m.gold.date]
        matches = self.relation_matches
        return Totals(
            entities=Counts(
                tp=len(self.entity_matches),
                fp=len(self.split_pages) + len(self.spurious_pages),
                fn=len(self.missed_entities),
            ),
            kinds=Ratio(sum(m.kind_ok for m in self.entity_matches), len(self.entity_matches)),
            noise_leaks=len(self.noise_leaks),
            events=Counts(
                tp=len(self.event_matches),
                fp=len(self.spurious_events),
                fn=len(self.missed_events),
            ),
            dates=Ratio(sum(m.date_ok for m in dated), len(dated)),
            types=Ratio(sum(m.type_ok for m in self.event_matches), len(self.event_matches)),
            quotes=(
                Ratio(len(self.found_quotes), len(self.found_quotes) + len(self.missed_quotes))
                if self.quotes_scored else None
            ),
            relations=(
                Counts(
                    tp=len(matches),
                    fp=len(self.spurious_relations) + len(self.duplicate_relations),
                    fn=len(self.missed_relations),
                ) if self.relations_scored else None
            ),
            allegations=(Ratio(sum(m.allegation_ok for m in matches), len(matches))
                         if self.relations_scored else None),
            denials=(Ratio(sum(m.denied_ok for m in matches), len(matches))
                     if self.relations_scored else None),
        )


@dataclass
class Report:
    articles: list[ArticleScore]
    unscored: list[str] = field(default_factory=list)  # export sources without gold
    quotes_scored: bool = False
    relations_scored: bool = False  # score() was given relation gold
    relations_in_export: bool = True  # the export has a `relations` list
    unused_relation_golds: list[str] = field(default_factory=list)  # relation gold, no article gold

    @property
    def micro(self) -> Totals:
        total = Totals(quotes=Ratio() if self.quotes_scored else None)
        if self.relations_scored:
            total.relations, total.allegations, total.denials = Counts(), Ratio(), Ratio()
        for article in self.articles:
            total = total + article.totals
        return total
