"""Score a site's machine-readable export against gold annotations (the scoring half of `make eval`).

In: the export's ``graph.json`` as a dict, and gold files in the format of ``ANNOTATION.md``
(``load_gold``). Out: a ``Report`` with per-article and micro-averaged figures (``score``), the
``docs/quality.md`` page (``render_markdown``) and the terminal summary (``format_summary``).
``regional-briefs score`` (``cli.py``) runs all of it on an export file: ``--export graph.json
--gold FILES_OR_DIRS --out PATH`` (and ``--relations FILES_OR_DIRS`` to score relations too).

Relation gold lives in its own files, ``NAME.relations.yml`` (``load_relation_gold``; format in
``eval/relations/README.md``), and is scored only when ``score`` is given it.

Matching rules, in short (``RULES`` below is the full text the page repeats):

- A gold file scores the export article whose ``source`` is the gold's ``article:`` file name.
- Names match when equal after ``match_key``: casefold, diacritics folded, typographic quotes and
  dashes made ASCII, a leading "the" and a trailing possessive dropped.
- Entities: the predictions for an article are the export entities listing it. Prediction and gold
  entity are paired one-to-one when a name or alias of one equals a name or alias of the other,
  exact name-to-name pairs first. A further page for an already paired gold entity is a false
  positive (a split); a page that matches only an ``optional`` name is ignored; an unpaired gold
  entity is a false negative.
- Kind: a pair is right when the kinds agree; a gold country is right as actor or place.
- Noise leak: a prediction whose name or alias equals a gold ``noise`` string.
- Events: paired one-to-one, best first, when two of three signals hold: a shared actor or place,
  the same type, similar wording (content-word Jaccard of title and summary >= 0.2). The date only
  breaks ties, so date accuracy over the pairs is an honest measure. A year-less gold date
  (``--11-15``) is right for an export date of any year with the same month and day.
- Quotes: a gold quote is found when an export quote in that article has a matching speaker and
  contains the gold's first words.
- Relations (optional): same predicate, subject and object matching the gold's names or their
  ``alternatives``, direction kept except for the symmetric predicates; one-to-one, primary names
  before alternatives. ``optional`` gold relations are neither rewarded nor punished.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import yaml

from . import safe_yaml
from .model import PartialDate

# Two events whose wording shares at least this share of content words are "similarly worded".
WORDING_THRESHOLD = 0.2
# Stems are word prefixes of this length: "clashes"/"clash", "Tajikistan"/"Tajik" meet.
STEM_LENGTH = 5
# A compatible date adds this much to an event pair's score: enough to break ties, never to match.
DATE_TIE_BREAK = 0.25

RULES = f"""\
- **Articles.** A gold file scores the export article whose `source` is the gold's `article:`
  file name. An article missing from the export scores zero recall; export articles without a
  gold file are listed at the end and not scored.
- **Names** are compared after folding case and diacritics (*António* = *antonio*), making
  typographic quotes and dashes ASCII (*Tajik–Afghan* = *Tajik-Afghan*), and dropping a leading
  *the* and a trailing possessive (*the Taliban's* = *Taliban*). Scripts are not transliterated:
  a Cyrillic spelling matches only where the gold lists it as an alias.
- **Entities** (actors and places together). The predictions for an article are the export
  entities whose `articles` list it. A prediction and a gold entity match when any of the
  prediction's name and aliases equals the gold name or one of its aliases (a page *Balkh* matches
  gold *Balkh Province* with alias *Balkh*). Pairs are made one-to-one, name-to-name matches first,
  then name-to-alias, then alias-to-alias, and among equals the pair whose kinds agree.
  A gold entity matched by a second page is **split** over two pages: the extra page is a false
  positive. A page that merges two gold entities pairs with one; the other is a false negative.
  A page that matches no gold entity but an `optional` name is neither rewarded nor punished;
  any other unmatched page is a false positive. An unmatched gold entity is a false negative.
- **Kind accuracy** is the share of matched entities filed with the gold kind (the `actors`
  section means actor, `places` means place). A gold country counts as right either way, since
  the annotation guide lets an extractor file an acting country as actor or place.
- **Noise leaks** count the article's predictions whose name or an alias equals a gold `noise`
  string (a name that appears only in page furniture). A leak that matches no gold entity is
  also an entity false positive.
- **Events.** The predictions for an article are the export events whose `articles` list it.
  A prediction and a gold event are candidates when at least two of three signals hold:
  they share an actor or place (entity names and aliases against gold names, a gold name
  standing for its gold entity's aliases too), they have the same type, and their wording is
  similar (Jaccard overlap ≥ {WORDING_THRESHOLD} of the content words of the export `title` and the
  gold `summary`, words cut to their first {STEM_LENGTH} letters). Candidates are paired one-to-one,
  best first: most signals, then the highest sum of actor/place overlap and wording overlap, with
  {DATE_TIE_BREAK} added when the dates agree. The date never decides whether two events match,
  only which of two otherwise equal candidates wins, so a wrong date shows up in date accuracy
  instead of as a missed event. Paired events are true positives; unpaired predictions are
  false positives and unpaired gold events false negatives.
- **Date accuracy** is the share of paired events whose date, as that article reported it (the
  export's `sources[].date` for the article, else the event's date: a merged event carries the most
  precise date any source gives), equals the gold date at the
  gold's precision: `2025-03` is wrong for gold `2025-03-13` and for gold `2025`. A year-less gold
  date (`--11-15`, `--10`, written when the article gives no year) is right for an export date
  of any year with the same month and day (`2025-11-15`), since a brief may record the year the
  article leaves out.
- **Type accuracy** is the share of paired events whose type equals the gold type.
- **Quote recall** (only when the export has `quotes`) is the share of gold quotes for which an
  export quote in the same article has a speaker matching the gold speaker and contains the
  gold's first words (compared as words, ignoring case and punctuation).
- **Micro** figures sum the counts over all articles before dividing. "—" means there was
  nothing to count.
"""

PREDICATES = ("accuses", "supports", "opposes", "meets", "negotiates-with", "fights", "controls",
              "demands", "cooperates-with", "member-of", "part-of", "leads")
# Relations that read the same both ways: A meets B is B meets A.
SYMMETRIC_PREDICATES = frozenset({"meets", "negotiates-with", "fights", "cooperates-with"})

RELATION_RULES = """\
- **Relations** (scored against `NAME.relations.yml` files, when given). The predictions for an
  article are the export relations whose `articles` list it. A prediction and a gold relation
  match when the predicate is the same and the export subject and object each match the gold's:
  a name or alias of the export entity equals the gold name (standing for its gold entity's
  aliases too) or one of the gold relation's `alternatives` (a capital for its government,
  *Dushanbe* for *Tajikistan*, where the gold allows it). Direction matters, except for the
  symmetric predicates meets, negotiates-with, fights and cooperates-with, which match either way
  round. Pairs are made one-to-one, matches on the gold names before matches through an
  alternative, the written direction before the reversed one, and among equals the pair whose
  allegation and denied flags agree. A further prediction for an already matched gold relation is
  a **duplicate** and a false positive; a prediction that matches an `optional: true` gold
  relation is neither rewarded nor punished; any other unmatched prediction is a false positive,
  and an unmatched gold relation a false negative.
- **Allegation** and **Denied** accuracy are the shares of matched relations whose export
  `allegation` (reported as a charge or claim, not as fact) and `denied` (the article reports a
  denial) flags equal the gold's.
"""


# --- names ---------------------------------------------------------------------------------

# The evaluator keeps its own key rather than the pipeline's: the yardstick must not move when
# the extractor's matching changes.
_ASCII = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u02bb\u02bc\u2032`\u00b4"}
_ASCII.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb"})
_ASCII.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
# Latin letters that NFKD leaves whole.
_ASCII.update({ord("ı"): "i", ord("ł"): "l", ord("ø"): "o", ord("đ"): "d", ord("ħ"): "h",
               ord("æ"): "ae", ord("œ"): "oe"})
_EDGE_PUNCT = " \"'.,;:!?()[]{}"


def match_key(name: str) -> str:
    """The form two spellings of one name share under the evaluation rules."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.casefold().translate(_ASCII).split()).strip(_EDGE_PUNCT)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"(?<=\w)'s$", "", text)
    return text.strip(_EDGE_PUNCT)


def _keys(names: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in (match_key(n) for n in names if n) if k)


_STOPWORDS = frozenset("""
a an and are as at be been being by for from had has have he her his in into is it its of on
onto or over says said than that the their them they this those to up was were which while who
will with after before about against between during also some its reportedly new
""".split())


def _stems(text: str) -> frozenset[str]:
    words = re.findall(r"\w+", match_key(text or ""))
    return frozenset(w[:STEM_LENGTH] for w in words if w not in _STOPWORDS)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", match_key(text or "")))


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


# --- gold ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldEntity:
    name: str
    kind: str  # actor | place, from the gold section
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return _keys((self.name, *self.aliases))


@dataclass(frozen=True)
class GoldEvent:
    date: Optional[str]
    precision: str
    type: str
    summary: str
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    fatalities: Optional[int] = None


@dataclass(frozen=True)
class GoldQuote:
    speaker: str
    starts: str


@dataclass
class Gold:
    """One ``.gold.yml``: what a careful reader of the article expects the site to extract."""

    article: str
    path: str
    published: Optional[str] = None
    entities: list[GoldEntity] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)
    noise: list[str] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)
    url: Optional[str] = None  # where a real article was published (the real development set)

    @property
    def half(self) -> Optional[str]:
        """``tuning`` or ``held-back`` for a real article (fixed by its address), else None."""
        return real_half(self.url) if self.url else None

    def keys_for(self, name: str) -> frozenset[str]:
        """A name as the gold uses it in events and quotes, with its entity's aliases."""
        key = match_key(name)
        for entity in self.entities:
            if key in entity.keys:
                return entity.keys
        return frozenset({key})


def _iso(value: Any) -> Optional[str]:
    """A gold date as text: YAML reads 2024-06-12 as a date and an unquoted 2021 as an int."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    return str(value).strip() or None


def normalised_url(url: str) -> str:
    """An address as the held-out list and the split hash it: lower case, no scheme, no leading
    ``www.``, no trailing ``/``."""
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower())
    return re.sub(r"^www\.", "", url).rstrip("/")


def real_half(url: str) -> str:
    """The fixed split of the real set: the first hex digit of the SHA-256 of the normalised
    address, ``0``-``7`` tuning, ``8``-``f`` held back (eval/real/README.md)."""
    digest = hashlib.sha256(normalised_url(url).encode("utf-8")).hexdigest()
    return "tuning" if digest[0] in "01234567" else "held-back"


def gold_files(paths: Iterable[str | Path], pattern: str = "*.gold.yml") -> list[Path]:
    """Files as given, folders replaced by the ``pattern`` files they hold (sorted)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob(pattern))
            if not found:
                raise ValueError(f"{path}: no {pattern} files in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


def _read_gold_file(path: Path) -> dict:
    """A gold file's mapping; ValueError naming the file when it is not YAML or names no article."""
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not data.get("article"):
        raise ValueError(f"{path}: no 'article:' naming the article file")
    return data


def load_gold(paths: Iterable[str | Path]) -> list[Gold]:
    """Read gold files (or folders of them); raise ValueError naming the file that is wrong."""
    golds: list[Gold] = []
    seen: dict[str, Path] = {}
    for path in gold_files(paths):
        data = _read_gold_file(path)
        try:
            gold = _gold_from_dict(data, path)
        except (TypeError, KeyError, AttributeError) as exc:
            raise ValueError(f"{path}: malformed gold entry ({exc})") from exc
        if gold.article in seen:
            raise ValueError(f"{path}: article {gold.article} already has gold in {seen[gold.article]}")
        seen[gold.article] = path
        golds.append(gold)
    return golds


def _gold_from_dict(data: dict, path: Path) -> Gold:
    entities = [
        GoldEntity(
            name=str(item["name"]),
            kind=kind,
            type=str(item.get("type") or ""),
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
        )
        for section, kind in (("actors", "actor"), ("places", "place"))
        for item in data.get(section) or ()
    ]
    events = [
        GoldEvent(
            date=_iso(item.get("date")),
            precision=str(item.get("precision") or ""),
            type=str(item.get("type") or ""),
            summary=str(item.get("summary") or ""),
            actors=tuple(str(a) for a in item.get("actors") or ()),
            places=tuple(str(p) for p in item.get("places") or ()),
            fatalities=item.get("fatalities"),
        )
        for item in data.get("events") or ()
    ]
    quotes = [GoldQuote(str(q["speaker"]), str(q.get("starts") or "")) for q in data.get("quotes") or ()]
    return Gold(
        article=Path(str(data["article"])).name,
        path=str(path),
        published=_iso(data.get("published")),
        entities=entities,
        optional=[str(o) for o in data.get("optional") or ()],
        noise=[str(n) for n in data.get("noise") or ()],
        events=events,
        quotes=quotes,
        url=str(data["url"]) if data.get("url") else None,
    )


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str
    object: str
    allegation: bool = False
    denied: bool = False
    subject_alternatives: tuple[str, ...] = ()
    object_alternatives: tuple[str, ...] = ()
    optional: bool = False
    evidence: str = ""

    @property
    def symmetric(self) -> bool:
        return self.predicate in SYMMETRIC_PREDICATES

    @property
    def label(self) -> str:
        flags = [f for f, on in (("allegation", self.allegation), ("denied", self.denied)) if on]
        return _relation_label(self.subject, self.predicate, self.object) + (
            f" ({', '.join(flags)})" if flags else "")


@dataclass
class RelationGold:
    """One ``.relations.yml``: the relations a careful reader of the article expects."""

    article: str
    path: str
    relations: list[GoldRelation] = field(default_factory=list)


def _relation_label(subject: str, predicate: str, obj: str) -> str:
    return f"{subject} —{predicate}→ {obj}"


def relation_gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders replaced by the ``*.relations.yml`` files they hold (sorted)."""
    return gold_files(paths, "*.relations.yml")


def load_relation_gold(paths: Iterable[str | Path]) -> list[RelationGold]:
    """Read relation gold files (or folders of them); raise ValueError naming the file that is wrong."""
    golds: list[RelationGold] = []
    seen: dict[str, Path] = {}
    for path in relation_gold_files(paths):
        data = _read_gold_file(path)
        article = Path(str(data["article"])).name
        if article in seen:
            raise ValueError(f"{path}: article {article} already has relation gold in {seen[article]}")
        items = data.get("relations") or []
        if not isinstance(items, list):
            raise ValueError(f"{path}: 'relations:' must be a list")
        relations: list[GoldRelation] = []
        triples: dict[tuple[str, str, str], int] = {}
        for number, item in enumerate(items, 1):
            relation = _relation_from_dict(item, f"{path}: relation {number}")
            s, o = match_key(relation.subject), match_key(relation.object)
            keys = [(s, relation.predicate, o)] + ([(o, relation.predicate, s)] if relation.symmetric else [])
            earlier = next((triples[k] for k in keys if k in triples), None)
            if earlier is not None:
                raise ValueError(f"{path}: relation {number} repeats relation {earlier} "
                                 f"({_relation_label(relation.subject, relation.predicate, relation.object)})")
            triples[keys[0]] = number
            relations.append(relation)
        seen[article] = path
        golds.append(RelationGold(article=article, path=str(path), relations=relations))
    return golds


def _relation_from_dict(item: Any, where: str) -> GoldRelation:
    if not isinstance(item, dict):
        raise ValueError(f"{where}: expected a mapping with subject, predicate and object")
    for key in ("subject", "predicate", "object"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise ValueError(f"{where}: '{key}' must be a non-empty string")
    predicate = item["predicate"].strip()
    if predicate not in PREDICATES:
        raise ValueError(f"{where}: unknown predicate '{predicate}' (one of: {', '.join(PREDICATES)})")
    flags = {}
    for key in ("allegation", "denied", "optional"):
        value = item.get(key, False)
        if not isinstance(value, bool):
            raise ValueError(f"{where}: '{key}' must be true or false")
        flags[key] = value
    # `alternatives` is a list of names either side may take, or a mapping with `subject` and
    # `object` lists for one side only.
    alternatives = item.get("alternatives") or []
    if isinstance(alternatives, dict):
        unknown = set(alternatives) - {"subject", "object"}
        if unknown:
            raise ValueError(f"{where}: 'alternatives' keys must be subject and object, not {sorted(unknown)}")
        subject_alts, object_alts = alternatives.get("subject") or [], alternatives.get("object") or []
    elif isinstance(alternatives, list):
        subject_alts = object_alts = alternatives
    else:
        raise ValueError(f"{where}: 'alternatives' must be a list of names or a subject/object mapping")
    for alts in (subject_alts, object_alts):
        if not isinstance(alts, list) or not all(isinstance(a, str) and a.strip() for a in alts):
            raise ValueError(f"{where}: alternatives must be lists of names")
    return GoldRelation(
        subject=item["subject"].strip(),
        predicate=predicate,
        object=item["object"].strip(),
        allegation=flags["allegation"],
        denied=flags["denied"],
        subject_alternatives=tuple(a.strip() for a in subject_alts),
        object_alternatives=tuple(a.strip() for a in object_alts),
        optional=flags["optional"],
        evidence=str(item.get("evidence") or ""),
    )


# --- report records ------------------------------------------------------------------------

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


# --- dates ---------------------------------------------------------------------------------

def dates_agree(predicted: Optional[str], gold: Optional[str]) -> bool:
    """Is the export date right for the gold date? A year-less gold date fits any year."""
    want, got = PartialDate.parse(gold), PartialDate.parse(predicted)
    if want is None or got is None:
        return False
    if want.year is None:
        return (got.month, got.day) == (want.month, want.day)
    return (got.year, got.month, got.day) == (want.year, want.month, want.day)


def _dates_compatible(predicted: Optional[str], gold: Optional[str]) -> bool:
    """Do the two dates agree on every part both of them state?"""
    want, got = PartialDate.parse(gold), PartialDate.parse(predicted)
    if want is None or got is None:
        return False
    parts = zip((want.year, want.month, want.day), (got.year, got.month, got.day))
    return all(a == b for a, b in parts if a is not None and b is not None)


# --- scoring -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Page:
    """An export entity as one article's prediction."""

    index: int
    name: str
    kind: str
    keys: frozenset[str]
    name_key: str


def score(export: dict, golds: Sequence[Gold],
          relation_golds: Optional[Iterable[RelationGold]] = None) -> Report:
    """Score the export (``graph.json`` as a dict) against each gold, article by article.

    With ``relation_golds`` (from ``load_relation_gold``), also score the export's relations for
    each gold article that has a relation gold file; without, the report has no relation figures.
    """
    sources: dict[str, set[str]] = {}
    for article in export.get("articles") or ():
        source = Path(str(article.get("source") or "")).name
        sources.setdefault(source, set()).add(str(article.get("id")))
    entities = {str(e.get("id")): e for e in export.get("entities") or ()}
    quotes_scored = "quotes" in export and export["quotes"] is not None
    relation_gold = {r.article: r for r in relation_golds or ()}

    articles = []
    for gold in golds:
        ids = sources.get(gold.article, set())
        result = ArticleScore(article=gold.article, in_export=bool(ids), quotes_scored=quotes_scored)
        _score_entities(result, gold, _listing(entities.values(), ids))
        events = [_as_reported(e, ids) for e in _listing(export.get("events") or (), ids)]
        _score_events(result, gold, entities, events)
        if quotes_scored:
            _score_quotes(result, gold, entities,
                          [q for q in export["quotes"] or () if str(q.get("article")) in ids])
        if gold.article in relation_gold:
            result.relations_scored = True
            _score_relations(result, gold, relation_gold[gold.article], entities,
                             _listing(export.get("relations") or (), ids))
        articles.append(result)

    gold_articles = {g.article for g in golds}
    unscored = sorted((s for s in sources if s not in gold_articles), key=str.casefold)
    return Report(
        articles=articles, unscored=unscored, quotes_scored=quotes_scored,
        relations_scored=relation_golds is not None,
        relations_in_export=export.get("relations") is not None,
        unused_relation_golds=sorted((a for a in relation_gold if a not in gold_articles), key=str.casefold),
    )


def _listing(records: Iterable[dict], article_ids: set[str]) -> list[dict]:
    """The export entities or events whose ``articles`` name one of these article ids."""
    return [r for r in records if article_ids & {str(a) for a in r.get("articles") or ()}]


def _entity_keys(entity: dict) -> frozenset[str]:
    return _keys([str(entity.get("name") or ""), *map(str, entity.get("aliases") or ())])


def _score_entities(result: ArticleScore, gold: Gold, predicted: list[dict]) -> None:
    pages = [
        _Page(i, str(e.get("name") or e.get("id")), str(e.get("kind") or ""), _entity_keys(e),
              match_key(str(e.get("name") or "")))
        for i, e in enumerate(predicted)
    ]
    candidates = []
    for g_index, entity in enumerate(gold.entities):
        gold_name = match_key(entity.name)
        for page in pages:
            if not page.keys & entity.keys:
                continue
            if page.name_key == gold_name:
                tier = 0
            elif page.name_key in entity.keys or gold_name in page.keys:
                tier = 1
            else:
                tier = 2
            candidates.append((tier, page.kind != entity.kind, g_index, page.index))

    paired_gold: dict[int, _Page] = {}
    paired_page: set[int] = set()
    for _, _, g_index, p_index in sorted(candidates):
        if g_index not in paired_gold and p_index not in paired_page:
            paired_gold[g_index] = pages[p_index]
            paired_page.add(p_index)

    for g_index, entity in enumerate(gold.entities):
        if g_index in paired_gold:
            page = paired_gold[g_index]
            result.entity_matches.append(EntityMatch(entity, page.name, page.kind))
        else:
            result.missed_entities.append(entity)

    optional = _keys(gold.optional)
    noise = _keys(gold.noise)
    for page in sorted(pages, key=lambda p: (p.name.casefold(), p.index)):
        if page.keys & noise:
            result.noise_leaks.append(page.name)
        if page.index in paired_page:
            continue
        split_of = next((e for e in gold.entities if page.keys & e.keys), None)
        if split_of is not None:
            result.split_pages.append((split_of.name, page.name))
        elif page.keys & optional:
            result.ignored_pages.append(page.name)
        else:
            result.spurious_pages.append(page.name)


def _as_reported(event: dict, article_ids: set[str]) -> dict:
    """The event with the date this article reported, where the export keeps it per source.

    One event merged from several articles takes the most precise date any of them gives
    ("2021" in one, "August 2021" in another); an article is scored on what it said itself.
    """
    for source in event.get("sources") or ():
        if str(source.get("article")) in article_ids and source.get("date"):
            return dict(event, date=source["date"])
    return event


def _score_events(result: ArticleScore, gold: Gold, entities: dict[str, dict], predicted: list[dict]) -> None:
    gold_sides = [
        ([gold.keys_for(n) for n in (*event.actors, *event.places)], _stems(event.summary))
        for event in gold.events
    ]
    candidates = []
    for p_index, event in enumerate(predicted):
        ids = [str(i) for i in (*(event.get("actors") or ()), *(event.get("places") or ()))]
        pred_keys = [_entity_keys(entities[i]) for i in ids if i in entities]
        all_pred_keys = frozenset().union(*pred_keys)
        pred_stems = _stems(str(event.get("title") or ""))
        for g_index, (gold_event, (participants, stems)) in enumerate(zip(gold.events, gold_sides)):
            shared = sum(1 for keys in participants if keys & all_pred_keys)
            union = len(participants) + len(pred_keys) - shared
            overlap = shared / union if union else 0.0
            wording = _jaccard(pred_stems, stems)
            same_type = str(event.get("type") or "") == gold_event.type
            signals = (shared > 0) + same_type + (wording >= WORDING_THRESHOLD)
            if signals < 2:
                continue
            same_date = _dates_compatible(event.get("date"), gold_event.date)
            closeness = overlap + wording + DATE_TIE_BREAK * same_date
            candidates.append((-signals, -closeness, g_index, p_index))

    paired_gold: dict[int, int] = {}
    paired_pred: set[int] = set()
    for _, _, g_index, p_index in sorted(candidates):
        if g_index not in paired_gold and p_index not in paired_pred:
            paired_gold[g_index] = p_index
            paired_pred.add(p_index)

    for g_index, gold_event in enumerate(gold.events):
        if g_index in paired_gold:
            event = predicted[paired_gold[g_index]]
            result.event_matches.append(EventMatch(
                gold_event, str(event.get("title") or ""), event.get("date"), str(event.get("type") or "")))
        else:
            result.missed_events.append(gold_event)
    for p_index, event in enumerate(predicted):
        if p_index not in paired_pred:
            result.spurious_events.append((event.get("date"), str(event.get("title") or event.get("id"))))


def _score_quotes(result: ArticleScore, gold: Gold, entities: dict[str, dict], predicted: list[dict]) -> None:
    remaining = [
        (_entity_keys(entities.get(str(q.get("speaker")), {})), f" {_words(str(q.get('text') or ''))} ")
        for q in predicted
    ]
    for quote in gold.quotes:
        speaker, starts = gold.keys_for(quote.speaker), f" {_words(quote.starts)} "
        found = next(
            (i for i, (keys, text) in enumerate(remaining) if keys & speaker and starts in text), None)
        if found is None:
            result.missed_quotes.append(quote)
        else:
            del remaining[found]
            result.found_quotes.append(quote)


def _score_relations(result: ArticleScore, gold: Gold, relation_gold: RelationGold,
                     entities: dict[str, dict], predicted: list[dict]) -> None:
    def side(entity_id: Any) -> tuple[str, frozenset[str]]:
        record = entities.get(str(entity_id))
        if record is None:  # a dangling id: its own text is all there is to match
            return str(entity_id), _keys([str(entity_id)])
        return str(record.get("name") or entity_id), _entity_keys(record)

    preds = []
    for relation in predicted:
        (s_name, s_keys), (o_name, o_keys) = side(relation.get("subject")), side(relation.get("object"))
        predicate = str(relation.get("predicate") or "")
        preds.append((predicate, s_keys, o_keys, _relation_label(s_name, predicate, o_name),
                      bool(relation.get("allegation")), bool(relation.get("denied"))))

    def names(primary: str, alternatives: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
        return gold.keys_for(primary), frozenset().union(*(gold.keys_for(a) for a in alternatives))

    def level(keys: frozenset[str], sides: tuple[frozenset[str], frozenset[str]]) -> Optional[int]:
        """0: the export entity matches the gold name; 1: only an alternative; None: neither."""
        return 0 if keys & sides[0] else 1 if keys & sides[1] else None

    def fit(g: GoldRelation, p: tuple) -> Optional[tuple[int, int]]:
        """(used an alternative, reversed) of the best way the prediction matches, or None."""
        predicate, s_keys, o_keys = p[:3]
        if predicate != g.predicate:
            return None
        subject = names(g.subject, g.subject_alternatives)
        obj = names(g.object, g.object_alternatives)
        ways = [((level(s_keys, subject), level(o_keys, obj)), 0)]
        if g.symmetric:
            ways.append(((level(o_keys, subject), level(s_keys, obj)), 1))
        found = [(max(levels), reverse) for levels, reverse in ways if None not in levels]
        return min(found) if found else None

    required = [g for g in relation_gold.relations if not g.optional]
    optional = [g for g in relation_gold.relations if g.optional]
    candidates = []
    for g_index, g in enumerate(required):
        for p_index, p in enumerate(preds):
            how = fit(g, p)
            if how is not None:
                flags_wrong = (p[4] != g.allegation) + (p[5] != g.denied)
                candidates.append((*how, flags_wrong, g_index, p_index))

    paired_gold: dict[int, int] = {}
    paired_pred: set[int] = set()
    for *_, g_index, p_index in sorted(candidates):
        if g_index not in paired_gold and p_index not in paired_pred:
            paired_gold[g_index] = p_index
            paired_pred.add(p_index)

    for g_index, g in enumerate(required):
        if g_index in paired_gold:
            p = preds[paired_gold[g_index]]
            result.relation_matches.append(RelationMatch(g, p[3], p[4], p[5]))
        else:
            result.missed_relations.append(g)
    for p_index, p in enumerate(preds):
        if p_index in paired_pred:
            continue
        if any(fit(g, p) is not None for g in optional):
            result.ignored_relations.append(p[3])
            continue
        duplicate_of = next((g for g in required if fit(g, p) is not None), None)
        if duplicate_of is not None:
            result.duplicate_relations.append((duplicate_of.label, p[3]))
        else:
            result.spurious_relations.append(p[3])


REAL_SET_TEXT = """
The development corpus (nine articles written for the project, and the seed) is what extraction was
built on. The real development set (`eval/real/`) is real English news pages from many outlets,
with gold written by us; it is split in two halves by a fixed rule (the hash of each page's
address, `eval/real/README.md`). Extraction is tuned on the **tuning half** only; the
**held-back half** is never looked at while tuning, and is the figure to trust for articles the
site has never seen. Its misses are deliberately not listed on this page.
"""


# --- rendering -----------------------------------------------------------------------------

def _fmt(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.3f}"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(label: str, totals: Totals, quotes: bool) -> list[str]:
    cells = [
        label,
        _fmt(totals.entities.precision), _fmt(totals.entities.recall), _fmt(totals.entities.f1),
        _fmt(totals.kinds.value), str(totals.noise_leaks),
        _fmt(totals.events.precision), _fmt(totals.events.recall), _fmt(totals.events.f1),
        _fmt(totals.dates.value), _fmt(totals.types.value),
    ]
    if quotes:
        cells.append(_fmt(totals.quotes.value if totals.quotes else None))
    return cells


def _misses(article: ArticleScore) -> list[tuple[str, list[str]]]:
    """The lists a developer reads to improve extraction, each item already worded."""
    kind_errors = [
        f"{m.gold.name} (gold {m.gold.kind}, export {m.kind or 'no kind'})"
        for m in article.entity_matches if not m.kind_ok
    ]
    date_errors = [
        f"{m.gold.summary} (gold {m.gold.date}, export {m.date or 'no date'})"
        for m in article.event_matches if m.gold.date and not m.date_ok
    ]
    type_errors = [
        f"{m.gold.summary} (gold {m.gold.type}, export {m.type or 'no type'})"
        for m in article.event_matches if not m.type_ok
    ]
    allegation_errors = [
        f"{m.label} (gold {'allegation' if m.gold.allegation else 'fact'}, "
        f"export {'allegation' if m.allegation else 'fact'})"
        for m in article.relation_matches if not m.allegation_ok
    ]
    denied_errors = [
        f"{m.label} (gold {'denied' if m.gold.denied else 'not denied'}, "
        f"export {'denied' if m.denied else 'not denied'})"
        for m in article.relation_matches if not m.denied_ok
    ]
    return [
        ("Missed entities", [e.name for e in article.missed_entities]),
        ("Spurious pages", article.spurious_pages),
        ("Split over pages", [f"{g} (extra page: {p})" for g, p in article.split_pages]),
        ("Noise leaks", article.noise_leaks),
        ("Wrong kind", kind_errors),
        ("Missed events", [f"{e.date or 'undated'}: {e.summary}" for e in article.missed_events]),
        ("Spurious events", [f"{d or 'undated'}: {t}" for d, t in article.spurious_events]),
        ("Wrong date", date_errors),
        ("Wrong type", type_errors),
        ("Missed quotes", [f"{q.speaker}: “{q.starts}”" for q in article.missed_quotes]),
        ("Missed relations", [g.label for g in article.missed_relations]),
        ("Spurious relations", article.spurious_relations),
        ("Duplicate relations", [f"{p} (repeats {g})" for g, p in article.duplicate_relations]),
        ("Wrong allegation flag", allegation_errors),
        ("Wrong denied flag", denied_errors),
    ]


@dataclass
class ScoredSet:
    """One set of articles scored together, as the quality page shows it."""

    label: str
    report: Report
    show_misses: bool = True  # False for the held-back half: its misses are not read while tuning
    note: str = ""


def _article_table(report: Report) -> list[str]:
    header = ["Article", "Entity P", "Entity R", "Entity F1", "Kind", "Noise leaks",
              "Event P", "Event R", "Event F1", "Date", "Type"]
    if report.quotes_scored:
        header.append("Quote R")
    rows = []
    for article in report.articles:
        label = f"`{article.article}`" + ("" if article.in_export else " (not in export)")
        rows.append(_row(label, article.totals, report.quotes_scored))
    rows.append(_row("**micro**", report.micro, report.quotes_scored))
    lines = ["| " + " | ".join(header) + " |", "| --- " * len(header) + "|"]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _headline(sets: Sequence[ScoredSet]) -> list[str]:
    header = ["Set", "Articles", "Entity P", "Entity R", "Entity F1", "Kind", "Noise leaks",
              "Event P", "Event R", "Event F1", "Date", "Type", "Quote R"]
    lines = ["| " + " | ".join(header) + " |", "| --- " * len(header) + "|"]
    for scored in sets:
        micro = scored.report.micro
        row = _row(scored.label, micro, True)
        row.insert(1, str(len(scored.report.articles)))
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    lines.append("")
    for scored in sets:
        lines.append(f"- {scored.label}: " + _micro_counts(scored.report.micro)[len("Micro counts: "):]
                     + (f" {scored.note}" if scored.note else ""))
    return lines + [""]


def render_markdown(report: Report, more: Sequence[ScoredSet] = ()) -> str:
    """The ``docs/quality.md`` page: measures and rules, the table, and each article's misses.

    ``report`` is the development corpus; ``more`` are further sets (the real articles' halves),
    shown in a headline table first and, where ``show_misses``, with their own tables and misses.
    """

    lines = [
        "# Extraction quality",
        "",
        "How well the site's export (`export/graph.json`) matches what a careful analyst expects "
        "from each article: the gold annotations (`*.gold.yml` beside the articles, format in the "
        "corpus's `ANNOTATION.md`). `make eval` writes this page; do not edit it by hand.",
        "",
        "## Measures",
        "",
        "- **Entity P / R / F1**: precision, recall and F1 of actor and place pages, actors and "
        "places together.",
        "- **Kind**: share of matched entities filed as the right kind (actor or place).",
        "- **Noise leaks**: pages made for names that appear only in page furniture.",
        "- **Event P / R / F1**: precision, recall and F1 of dated events.",
        "- **Date**: share of matched events with the right date.",
        "- **Type**: share of matched events with the right event type.",
    ]
    if report.quotes_scored:
        lines.append("- **Quote R**: share of gold quotations found with the right speaker.")
    if report.relations_scored:
        lines += [
            "- **Relation P / R / F1**: precision, recall and F1 of relations between entities "
            "(who accuses, supports, meets... whom), against `NAME.relations.yml` gold files.",
            "- **Allegation / Denied**: share of matched relations with the right `allegation` "
            "and `denied` flags.",
        ]
    rules = RULES.rstrip() + ("\n" + RELATION_RULES.rstrip() if report.relations_scored else "")
    if more:
        sets = [ScoredSet("development corpus (tuned on)", report), *more]
        lines[5:5] = ["## Headline", "", *REAL_SET_TEXT.strip().splitlines(), "", *_headline(sets)]
    lines += ["", "## Matching rules", "", rules, "", "## Scores", ""]
    lines += _article_table(report)
    lines += ["", _micro_counts(report.micro), ""]
    if report.relations_scored:
        lines += _relations_section(report)
    lines += ["## Misses by article", ""]
    for article in report.articles:
        lines += _misses_html(article)
    for scored in more:
        if scored.show_misses and scored.report.articles:
            lines += [f"## {scored.label[0].upper()}{scored.label[1:]}", "", *_article_table(scored.report), "",
                      _micro_counts(scored.report.micro), ""]
            for article in scored.report.articles:
                lines += _misses_html(article)
    if report.unscored or report.unused_relation_golds:
        lines += ["## Not scored", ""]
    if report.unscored:
        lines += ["Export articles without a gold file:", ""]
        lines += [f"- `{source}`" for source in report.unscored]
        lines.append("")
    if report.unused_relation_golds:
        lines += ["Relation gold files whose article has no gold file in this run:", ""]
        lines += [f"- `{source}`" for source in report.unused_relation_golds]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _relation_row(label: str, totals: Totals) -> list[str]:
    r = totals.relations
    return [label, _fmt(r.precision if r else None), _fmt(r.recall if r else None),
            _fmt(r.f1 if r else None),
            _fmt(totals.allegations.value if totals.allegations else None),
            _fmt(totals.denials.value if totals.denials else None)]


def _relations_section(report: Report) -> list[str]:
    header = ["Article", "Relation P", "Relation R", "Relation F1", "Allegation", "Denied"]
    rows = []
    for article in report.articles:
        label = f"`{article.article}`" + ("" if article.relations_scored else " (no relation gold)")
        rows.append(_relation_row(label, article.totals))
    rows.append(_relation_row("**micro**", report.micro))
    lines = ["## Relations", ""]
    if not report.relations_in_export:
        lines += ["The export has no `relations` list, so every gold relation counts as missed.", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| --- " * len(header) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    r = report.micro.relations or Counts()
    ignored = sum(len(a.ignored_relations) for a in report.articles)
    lines += ["", f"Micro counts: relations {r.tp} matched, {r.fp} spurious or duplicate, {r.fn} missed; "
                  f"{ignored} matched only an optional gold relation (not counted).", ""]
    return lines


def _micro_counts(micro: Totals) -> str:
    e, v = micro.entities, micro.events
    return (
        f"Micro counts: entities {e.tp} matched, {e.fp} spurious or split, {e.fn} missed; "
        f"events {v.tp} matched, {v.fp} spurious, {v.fn} missed."
    )


# Lists of names read best on one line; events and errors one to a line.
_NAME_LISTS = ("Missed entities", "Spurious pages", "Noise leaks")


def _misses_html(article: ArticleScore) -> list[str]:
    # Raw HTML so the section folds without depending on the site's Markdown extensions.
    groups = [(title, items) for title, items in _misses(article) if items]
    count = sum(len(items) for _, items in groups)
    summary = html.escape(article.article) + (f" ({count} to look at)" if count else " (nothing missed)")
    out = ["<details>", f"<summary>{summary}</summary>", "<ul>"]
    if not article.in_export:
        out.append("<li><strong>Not in the export</strong>: no export article has this source.</li>")
    for title, items in groups:
        head = f"<li><strong>{title}</strong> ({len(items)})"
        if title in _NAME_LISTS:
            out.append(f"{head}: " + "; ".join(html.escape(item) for item in items) + "</li>")
        else:
            out += [f"{head}<ul>", *(f"<li>{html.escape(item)}</li>" for item in items), "</ul></li>"]
    out += ["</ul>", "</details>", ""]
    return out


def format_summary(report: Report) -> str:
    """The micro figures, a few lines for the end of the terminal output."""
    m = report.micro
    e, v = m.entities, m.events
    lines = [
        f"entities   P {_fmt(e.precision)}  R {_fmt(e.recall)}  F1 {_fmt(e.f1)}"
        f"  (tp {e.tp}, fp {e.fp}, fn {e.fn})",
        f"kind       {_fmt(m.kinds.value)}  ({m.kinds.correct}/{m.kinds.total})",
        f"noise      {m.noise_leaks} leak{'s' if m.noise_leaks != 1 else ''}",
        f"events     P {_fmt(v.precision)}  R {_fmt(v.recall)}  F1 {_fmt(v.f1)}"
        f"  (tp {v.tp}, fp {v.fp}, fn {v.fn})",
        f"date       {_fmt(m.dates.value)}  ({m.dates.correct}/{m.dates.total})",
        f"type       {_fmt(m.types.value)}  ({m.types.correct}/{m.types.total})",
    ]
    if m.quotes is not None:
        lines.append(f"quotes     R {_fmt(m.quotes.value)}  ({m.quotes.correct}/{m.quotes.total})")
    if m.relations is not None:
        r, a, d = m.relations, m.allegations or Ratio(), m.denials or Ratio()
        lines.append(
            f"relations  P {_fmt(r.precision)}  R {_fmt(r.recall)}  F1 {_fmt(r.f1)}"
            f"  (tp {r.tp}, fp {r.fp}, fn {r.fn})  allegation {_fmt(a.value)} ({a.correct}/{a.total})"
            f"  denied {_fmt(d.value)} ({d.correct}/{d.total})")
    count = len(report.articles)
    return f"micro over {count} article{'s' if count != 1 else ''}\n" + "\n".join(lines)


# --- the export -----------------------------------------------------------------------------

def load_export(path: str | Path) -> dict:
    """Read ``graph.json``; raise ValueError naming the file when it is not a JSON object."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object with articles, entities and events")
    return data
