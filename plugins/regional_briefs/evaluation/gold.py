"""The gold annotations: what a careful reader of each article expects the site to extract.

In: ``NAME.gold.yml`` files (format in the corpus's ``ANNOTATION.md``) and ``NAME.relations.yml``
files (format in ``eval/relations/README.md``), or folders of them. Out: ``Gold`` and
``RelationGold`` records; ValueError naming the file when one is wrong. A real article's gold
also names its address, which fixes its half of the real set (``real_half``).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

from ..knowledge import safe_yaml
from .matching import match_key, name_keys
from .rules import PREDICATES, SYMMETRIC_PREDICATES


@dataclass(frozen=True)
class GoldEntity:
    name: str
    kind: str  # actor | place, from the gold section
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return name_keys((self.name, *self.aliases))


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
    language: str = "en"  # the article's language, as the gold says (the Russian set: ru)

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
        language=str(data.get("language") or "en"),
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
        return relation_label(self.subject, self.predicate, self.object) + (
            f" ({', '.join(flags)})" if flags else "")


@dataclass
class RelationGold:
    """One ``.relations.yml``: the relations a careful reader of the article expects."""

    article: str
    path: str
    relations: list[GoldRelation] = field(default_factory=list)


def relation_label(subject: str, predicate: str, obj: str) -> str:
    """A relation as the quality page words it: ``subject —predicate→ object``."""
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
                                 f"({relation_label(relation.subject, relation.predicate, relation.object)})")
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


def load_pairs(path: Path, folders: Iterable[Path]) -> list[tuple[Gold, Gold]]:
    """The mixed corpus's pairs (``eval/real-ru/pairs.yml``): each a Russian gold (by its file's
    stem, beside the pairs file) and an English one (in one of ``folders``)."""
    data = safe_yaml.load(Path(path).read_text(encoding="utf-8"))
    items = data.get("pairs") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected 'pairs:' with a list of {{ru: NAME, en: NAME}}")
    golds: dict[str, Gold] = {}
    for folder in dict.fromkeys([Path(path).parent, *map(Path, folders)]):  # in order: the first gold of a name wins
        for gold in load_gold(gold_files([folder])):
            golds.setdefault(Path(gold.path).name[: -len(".gold.yml")], gold)
    pairs = []
    for item in items:
        if not isinstance(item, dict) or not {"ru", "en"} <= set(item):
            raise ValueError(f"{path}: each pair needs 'ru' and 'en' (gold file names without .gold.yml)")
        missing = [str(item[k]) for k in ("ru", "en") if str(item[k]) not in golds]
        if missing:
            raise ValueError(f"{path}: no gold file named {', '.join(missing)}")
        pairs.append((golds[str(item["ru"])], golds[str(item["en"])]))
    return pairs
