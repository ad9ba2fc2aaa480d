"""The records that flow between pipeline stages, in the brief's own terms.

Every record is a plain dataclass that round-trips through ``to_dict``/``from_dict`` so that a
per-article extraction can be cached on disk and compared across builds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Optional

ACTOR_TYPES = ("person", "organization", "government", "armed-group", "media")
PLACE_TYPES = (
    "country", "region", "province", "district", "city", "village", "river", "lake",
    "mountain", "border", "facility", "other",
)
EVENT_TYPES = (
    "armed-clash", "attack", "diplomatic-meeting", "visit", "agreement", "statement",
    "military-exercise", "deployment", "protest", "arrest", "election", "disaster",
    "economic", "legal", "other",
)
KINDS = ("actor", "place")
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to year, month or day; any part may be missing (a year-less ``--10-25``)."""

    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """ISO 8601 or its partial forms: 2025-10-25, 2025-10, 2025, --10-25, --10."""
        if self.year is not None:
            out = f"{self.year:04d}"
            if self.month is not None:
                out += f"-{self.month:02d}"
                if self.day is not None:
                    out += f"-{self.day:02d}"
            return out
        if self.month is None:
            return ""
        out = f"--{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    @classmethod
    def parse(cls, text: str | None) -> Optional["PartialDate"]:
        """Read the forms ``iso()`` writes; return None for anything else."""
        if text is None:
            return None
        text = str(text).strip()
        try:
            if text.startswith("--"):
                parts = text[2:].split("-")
                month = int(parts[0])
                day = int(parts[1]) if len(parts) > 1 else None
                candidate = cls(None, month, day)
            else:
                parts = text[:10].split("-")
                year = int(parts[0])
                month = int(parts[1]) if len(parts) > 1 else None
                day = int(parts[2]) if len(parts) > 2 else None
                candidate = cls(year, month, day)
        except (ValueError, IndexError):
            return None
        return candidate if candidate.is_valid() else None

    def is_valid(self) -> bool:
        import calendar

        if self.year is None and self.month is None:
            return False
        if self.year is not None and not 1 <= self.year <= 9999:
            return False
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None:
            if self.month is None:
                return False
            last = calendar.monthrange(self.year or 2024, self.month)[1]  # 2024: Feb 29 allowed
            if not 1 <= self.day <= last:
                return False
        return True

    def sort_key(self) -> tuple:
        """Year-less dates sort after dated ones (year 9999), unknown parts first within a period."""
        return (self.year if self.year is not None else 9999, self.month or 0, self.day or 0)


@dataclass
class Paragraph:
    """One paragraph of an article's story, addressable by its anchor (``p1``, ``p2``…)."""

    index: int
    text: str
    heading: bool = False

    @property
    def anchor(self) -> str:
        return f"p{self.index + 1}"


@dataclass
class Sentence:
    paragraph: int
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A surface form in a paragraph that names an actor or a place.

    ``start``/``end`` are character offsets into the paragraph's text. ``key`` is the
    article-local resolution key filled by the entities stage; ``entity`` the site-wide id.
    """

    text: str
    paragraph: int
    start: int
    end: int
    kind: str
    type: str
    label: str = ""
    origin: str = "model"  # model | gazetteer | rule | curation
    name: str = ""  # the name this surface form stands for, once resolved in the article
    entity: str = ""  # the site-wide entity id, once resolved across articles
    ref: str = ""  # the gazetteer entry's id, when the gazetteer knows the name
    title: str = ""  # a title that stood before a person's name ("President")


@dataclass
class Role:
    text: str
    article: str
    paragraph: int


@dataclass
class Quote:
    speaker: str  # entity id
    text: str
    article: str
    paragraph: int


@dataclass
class EventSource:
    article: str
    paragraph: int
    sentence: str
    date: Optional[str] = None
    fatalities: Optional[int] = None


@dataclass
class Event:
    id: str
    date: Optional[PartialDate]
    type: str
    title: str
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    fatalities: Optional[int] = None
    sources: list[EventSource] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        """The source articles, each once, in the order of the sources."""
        return list(dict.fromkeys(src.article for src in self.sources))


RELATION_PREDICATES = (
    "accuses", "supports", "opposes", "meets", "negotiates-with", "fights", "controls", "demands",
    "cooperates-with", "member-of", "part-of", "leads",
)


@dataclass
class Relation:
    """Who does what to whom, as one sentence of one article states it."""

    subject: str  # entity id
    predicate: str  # one of RELATION_PREDICATES
    object: str  # entity id
    article: str
    paragraph: int
    sentence: str
    allegation: bool = False  # reported as a charge or claim, not as fact
    denied: bool = False  # the article reports a denial


@dataclass
class Entity:
    """An actor or a place, resolved across every article of the site."""

    id: str
    kind: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    within: Optional[str] = None  # entity id of the enclosing place
    affiliations: list[str] = field(default_factory=list)  # entity ids
    roles: list[Role] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    lat: Optional[float] = None
    lon: Optional[float] = None
    articles: list[str] = field(default_factory=list)
    country: Optional[str] = None  # ISO 3166-1 alpha-2 of the country a place lies in (the gazetteer's)
    code: Optional[str] = None  # the place's own ISO 3166 code: a country's alpha-2, a subdivision's 3166-2


@dataclass
class Article:
    """A seed after ingestion and cleaning: the story's paragraphs and what was said of it."""

    id: str
    source: str  # the seed's file name
    title: str
    paragraphs: list[Paragraph]
    published: Optional[PartialDate] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    language: str = "en"
    title_derived: bool = False
    furniture: list[str] = field(default_factory=list)
    digest: str = ""


# -- what one article says on its own: names are the article's own (``Mention.name``), not site ids


@dataclass(frozen=True)
class ArticleRole:
    """A role an article gives a person ("the foreign minister"), in the paragraph that says it."""

    text: str
    paragraph: int


@dataclass
class ArticleEntity:
    """An actor or a place as one article names it; ``resolve_site`` joins them across articles.

    Filled in two steps of the entities stage (kind, type and aliases from the mentions, then the
    roles and affiliations its paragraphs state), hence not frozen.
    """

    kind: str
    type: str
    ref: str = ""  # the gazetteer entry's id, when the gazetteer knows the name
    aliases: list[str] = field(default_factory=list)
    roles: list[ArticleRole] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)  # article-local names
    within: Optional[str] = None  # the gazetteer id of the enclosing place
    mentions: int = 0  # how many times the article names it

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ArticleEntity":
        return cls(**{**data, "roles": [ArticleRole(**r) for r in data.get("roles", [])]})


@dataclass(frozen=True)
class ArticleQuote:
    """A direct quotation and the article-local name of who said it."""

    speaker: str
    text: str
    paragraph: int


@dataclass(frozen=True)
class ArticleRelation:
    """Who does what to whom, between two article-local names, as one sentence states it."""

    subject: str
    predicate: str  # one of RELATION_PREDICATES
    object: str
    allegation: bool
    denied: bool
    paragraph: int
    sentence: str


@dataclass(frozen=True)
class EventReport:
    """One report of a happening: a sentence of one article, its trigger, date and participants.

    ``detect_events`` gives them with article-local names in ``actors`` and ``places`` and no
    ``article``; ``pipeline.assemble`` hands them to ``merge_events`` with the article's id and the
    names replaced by site-wide entity ids (``dataclasses.replace``).
    """

    type: str  # one of EVENT_TYPES
    date: Optional[str]  # ISO partial date ("2024", "2024-05", "2024-05-10", "--05-10"), None if unknown
    precision: Optional[str]  # "day" | "month" | "year", None with no date
    title: str
    actors: list[str]
    places: list[str]
    fatalities: Optional[int]
    paragraph: int
    sentence: str
    trigger: str
    article: str = ""


@dataclass
class Extraction:
    """What one article yields on its own; cached per article, resolved across the site later."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: dict[str, ArticleEntity] = field(default_factory=dict)  # article-local name -> entity
    quotes: list[ArticleQuote] = field(default_factory=list)
    events: list[EventReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    relations: list[ArticleRelation] = field(default_factory=list)


@dataclass
class Brief:
    id: str
    title: str
    summary: str = ""
    seeds: list[str] = field(default_factory=list)  # glob patterns relative to the seeds folder
    articles: list[str] = field(default_factory=list)  # article ids
    origin: str = ""  # the curation file it comes from, for messages


@dataclass
class Site:
    """Everything the pages and the export are made from."""

    articles: dict[str, Article]
    entities: dict[str, Entity]
    events: dict[str, Event]
    briefs: dict[str, Brief]
    mentions: dict[str, list[Mention]]  # article id -> mentions, with entity ids filled
    warnings: list[str] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)  # counts for the build log (cache hits…)
    relations: list[Relation] = field(default_factory=list)


def to_dict(record: Any) -> Any:
    """A JSON-ready copy of a record (dataclasses, lists and dicts, PartialDate as ISO)."""
    if isinstance(record, PartialDate):
        return record.iso()
    if hasattr(record, "__dataclass_fields__"):
        return {f.name: to_dict(getattr(record, f.name)) for f in fields(record)}
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, (list, tuple)):
        return [to_dict(v) for v in record]
    return record


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    """Rebuild an ``Extraction`` written by ``to_dict`` (the on-disk cache format)."""
    art = dict(data["article"])
    art["paragraphs"] = [Paragraph(**p) for p in art["paragraphs"]]
    art["published"] = PartialDate.parse(art.get("published"))
    return Extraction(
        article=Article(**art),
        mentions=[Mention(**m) for m in data.get("mentions", [])],
        sentences=[Sentence(**s) for s in data.get("sentences", [])],
        entities={name: ArticleEntity.from_dict(e) for name, e in data.get("entities", {}).items()},
        quotes=[ArticleQuote(**q) for q in data.get("quotes", [])],
        events=[EventReport(**e) for e in data.get("events", [])],
        warnings=data.get("warnings", []),
        relations=[ArticleRelation(**r) for r in data.get("relations", [])],
    )


__all__ = [name for name in dir() if not name.startswith("_")] + ["asdict"]
