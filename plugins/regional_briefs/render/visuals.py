"""Visuals: a ``Site`` in, the network view's and the map's data and page bodies out. No MkDocs here.

The browser draws both from JSON (``export/network.json``, ``export/map.json``) with the script and
the vendored libraries of ``assets()``. Names from seeds reach a page only through ``md_text`` or
inside that JSON, which the script puts on screen with ``textContent`` or on a canvas.
"""

from __future__ import annotations

import functools
import html
import json
from collections import Counter, defaultdict
from itertools import combinations
from typing import Callable

from ..model import RELATION_PREDICATES, Entity, Event, Site
from . import ASSETS
from .escape import md_text
from .links import (
    NETWORK,
    PLACES_INDEX,
    RELATIONS_INDEX,
    Linker,
    article_path,
    directory_url,
    entity_path,
    relation_path,
)
from .markup import bullets
from .pairs import actor_pairs

SCHEMA_VERSION = "1.1"
ASSETS_DIR = ASSETS
SITE_ASSETS = "assets/briefs"  # where the built site serves ``assets()``
SCRIPT = f"{SITE_ASSETS}/visuals.js"  # for ``extra_javascript``
STYLESHEET = f"{SITE_ASSETS}/visuals.css"  # for ``extra_css``
NETWORK_EXPORT = "export/network.json"
MAP_EXPORT = "export/map.json"
TOP_CONNECTED = 25  # actors listed under the network page's canvas
MAX_EVIDENCE = 20  # sentences kept per relation edge; the rest are counted
COUNTRY_SHAPES = ASSETS_DIR / "vendor" / "countries-50m.json"  # world-atlas: ids are ISO 3166-1 numeric
REGION_SHAPES = ASSETS_DIR / "vendor" / "admin1.json"  # Natural Earth admin-1: ISO 3166-2 codes
SHAPED_TYPES = {"province", "region"}  # place types drawn as an admin-1 outline when their code has one


def _briefs_of_articles(site: Site) -> dict[str, list[str]]:
    briefs: dict[str, list[str]] = defaultdict(list)
    for brief in sorted(site.briefs.values(), key=lambda b: b.id):
        for article_id in brief.articles:
            if brief.id not in briefs[article_id]:
                briefs[article_id].append(brief.id)
    return briefs


def _briefs_of(article_ids, briefs_of_article: dict[str, list[str]]) -> list[str]:
    return sorted({b for a in article_ids for b in briefs_of_article.get(a, ())})


def network_json(site: Site, url_for: Callable[[str], str] = directory_url) -> dict:
    """Actors (and any entity a relation names) as nodes; relations and shared events as edges.

    A relation edge stands for every sentence that states the same subject, predicate and object:
    it is an ``allegation`` when every one of them reports it as a claim, ``denied`` when any of
    them reports a denial. A co-event edge joins two actors who took part in the same events.
    """
    entities = site.entities
    briefs_of_article = _briefs_of_articles(site)
    published = {a.id: a.published.year for a in site.articles.values() if a.published and a.published.year}

    grouped: dict[tuple[str, str, str], list] = defaultdict(list)
    for relation in site.relations:
        if relation.subject in entities and relation.object in entities and relation.subject != relation.object:
            grouped[(relation.subject, relation.predicate, relation.object)].append(relation)
    relation_edges = []
    for (subject, predicate, object_), relations in sorted(grouped.items()):
        evidence = [
            {"article": r.article, "paragraph": r.paragraph + 1, "sentence": r.sentence,
             "allegation": r.allegation, "denied": r.denied,
             "page": f"{url_for(article_path(r.article))}#p{r.paragraph + 1}"}
            for r in relations[:MAX_EVIDENCE]
        ]
        relation_edges.append({
            "kind": "relation", "source": subject, "target": object_, "predicate": predicate,
            "allegation": all(r.allegation for r in relations), "denied": any(r.denied for r in relations),
            "count": len(relations), "evidence": evidence,
            "briefs": _briefs_of((r.article for r in relations), briefs_of_article),
            "years": sorted({published[r.article] for r in relations if r.article in published}),
        })

    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event in sorted(site.events.values(), key=lambda e: e.id):
        actors = sorted({a for a in event.actors if a in entities and entities[a].kind == "actor"})
        for pair in combinations(actors, 2):
            shared[pair].append(event.id)
    event_edges = [
        {"kind": "event", "source": a, "target": b, "events": events, "count": len(events),
         "briefs": _briefs_of((art for e in events for art in site.events[e].articles), briefs_of_article),
         "years": sorted({y for e in events if (y := _year(site.events[e])) is not None})}
        for (a, b), events in sorted(shared.items())
    ]

    edges = [{"id": f"e{number}", **edge} for number, edge in enumerate(relation_edges + event_edges)]
    paged = {frozenset((p.first, p.second)) for p in actor_pairs(site)}
    for edge in edges:  # the page that tells the two actors' story, when they have one
        if frozenset((edge["source"], edge["target"])) in paged:
            edge["relation_page"] = url_for(relation_path(edge["source"], edge["target"]))
    degree: Counter = Counter()
    for edge in edges:
        degree[edge["source"]] += 1
        degree[edge["target"]] += 1
    events_of: Counter = Counter(a for e in site.events.values() for a in set(e.actors))
    in_relations = {e["source"] for e in relation_edges} | {e["target"] for e in relation_edges}
    nodes = [
        {"id": e.id, "name": e.name, "kind": e.kind, "type": e.type, "page": url_for(entity_path(e)),
         "articles": len(e.articles), "events": events_of[e.id], "degree": degree[e.id],
         "briefs": _briefs_of(e.articles, briefs_of_article)}
        for e in sorted(entities.values(), key=lambda e: e.id)
        if e.kind == "actor" or e.id in in_relations
    ]
    present = {e["predicate"] for e in relation_edges}
    predicates = [p for p in RELATION_PREDICATES if p in present] + sorted(present - set(RELATION_PREDICATES))
    return {
        "version": SCHEMA_VERSION,
        "predicates": predicates,
        "briefs": [{"id": b.id, "title": b.title} for b in sorted(site.briefs.values(), key=lambda b: b.id)],
        "nodes": nodes,
        "edges": edges,
    }


def map_json(site: Site, url_for: Callable[[str], str] = directory_url) -> dict:
    """Places the map can show (``places``, most events first), those it cannot (``unlocated``),
    the countries events happened in (``countries``) and the events with their dates (``events``).

    A place is on the map when it has coordinates, or when it is a country or a province whose
    ISO code has an outline in the vendored Natural Earth data (``shape``: ``country`` or
    ``region``). A place's ``events`` counts the events whose places include it, not those of
    places within it; a country's counts every event with a place in it.
    """
    events_at: Counter = Counter(p for e in site.events.values() for p in set(e.places))
    places, unlocated = [], []
    for entity in sorted(site.entities.values(), key=lambda e: (-events_at[e.id], e.name.casefold(), e.id)):
        if entity.kind != "place":
            continue
        record = {"id": entity.id, "name": entity.name, "type": entity.type, "page": url_for(entity_path(entity)),
                  "events": events_at[entity.id], "articles": len(entity.articles), "within": entity.within,
                  "country": entity.country, "code": entity.code}
        shape = _shape_of(entity)
        if entity.lat is not None and entity.lon is not None:
            places.append({**record, "shape": shape, "lat": round(entity.lat, 5), "lon": round(entity.lon, 5)})
        elif shape:
            places.append({**record, "shape": shape})
        else:
            unlocated.append(record)
    points = [p for p in places if "lat" in p]
    bounds = None
    if points:
        bounds = {"south": min(p["lat"] for p in points), "west": min(p["lon"] for p in points),
                  "north": max(p["lat"] for p in points), "east": max(p["lon"] for p in points)}
    events = []
    for event in sorted(site.events.values(), key=lambda e: e.id):
        where = [p for p in dict.fromkeys(event.places) if p in site.entities]
        if not where:
            continue
        countries = sorted({c for p in where if (c := _country_of(site.entities[p]))})
        events.append({"id": event.id, "date": event.date.iso() if event.date else "", "year": _year(event),
                       "places": where, "countries": countries})
    in_country: Counter = Counter(c for e in events for c in e["countries"])
    by_code = {e.code: e for e in site.entities.values() if e.kind == "place" and e.type == "country" and e.code}
    countries = []
    for code in sorted(set(in_country) | set(by_code)):
        shape = _country_shapes().get(code)
        if not shape:
            continue
        entity = by_code.get(code)
        countries.append({"code": code, "shape": shape, "name": entity.name if entity else _country_name(code),
                          "id": entity.id if entity else None, "page": url_for(entity_path(entity)) if entity else None,
                          "events": in_country[code]})
    years = sorted({e["year"] for e in events if e["year"] is not None})
    return {"version": SCHEMA_VERSION, "bounds": bounds, "years": years, "places": places, "unlocated": unlocated,
            "countries": countries, "events": events}


def _year(event: Event):
    return event.date.year if event.date and event.date.year else None


def _country_of(place: Entity):
    """The ISO 3166-1 alpha-2 code of the country a place lies in; none for a river or a region across borders."""
    if place.type == "country":
        return place.code or place.country
    return place.country


def on_map(place: Entity) -> bool:
    """Whether the map shows the place: it has coordinates, or an outline in the map's data."""
    return (place.lat is not None and place.lon is not None) or _shape_of(place) is not None


def _shape_of(place: Entity):
    if place.type == "country" and place.code in _country_shapes():
        return "country"
    if place.type in SHAPED_TYPES and place.code in _region_codes():
        return "region"
    return None


@functools.lru_cache(maxsize=1)
def _country_shapes() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> the id of its outline in world-atlas (the numeric code)."""
    import pycountry

    topology = json.loads(COUNTRY_SHAPES.read_text(encoding="utf-8"))
    ids = {str(g["id"]) for g in topology["objects"]["countries"]["geometries"] if "id" in g}
    return {c.alpha_2: c.numeric for c in pycountry.countries if c.numeric in ids}


@functools.lru_cache(maxsize=1)
def _region_codes() -> frozenset[str]:
    return frozenset(r["code"] for r in json.loads(REGION_SHAPES.read_text(encoding="utf-8"))["regions"])


def _country_name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name if country else code


# --- pages -------------------------------------------------------------------------------------


def render_network_page(site: Site, linker: Linker) -> str:
    """The Markdown body of ``network.md``: the canvas, its legend, and the most connected actors."""
    data = network_json(site)
    relations = [e for e in data["edges"] if e["kind"] == "relation"]
    shared = [e for e in data["edges"] if e["kind"] == "event"]
    nodes = {n["id"]: n for n in data["nodes"]}
    connected = sorted((n for n in nodes.values() if n["degree"]), key=lambda n: (-n["degree"], n["name"].casefold()))
    lines = [
        "# Network", "",
        f"{len(connected)} actors and places · {len(relations)} relations stated in the articles · "
        f"{len(shared)} pairs of actors in the same events.", "",
        "Arrows point from who acts to whom it is done. A solid line is reported as fact, a dashed line "
        "as an allegation, a cross marks a relation that an article reports as denied; grey lines join "
        "actors who took part in the same events. Click an actor to open its page; drag to move, scroll "
        "to zoom. By keyboard, open the list under the view: each actor or place you reach there is ringed "
        "on the view, and Enter opens its page.", "",
        '<div class="rb-network rb-network--site" data-rb-network="site" data-search-exclude></div>', "",
    ]
    if connected:
        items = []
        for node in connected[:TOP_CONNECTED]:
            entity = site.entities[node["id"]]
            items.append(f"{linker.link(entity.name, entity_path(entity))} · {entity.type} · "
                         f"{node['degree']} link{'s' if node['degree'] > 1 else ''}")
        if len(connected) > TOP_CONNECTED:
            items.append(f"… and {len(connected) - TOP_CONNECTED} more")
        lines += ["## Most connected", ""] + bullets(items)
    if relations:
        counts = Counter(e["predicate"] for e in relations)
        lines += ["## Relations by kind", ""] + bullets(f"{md_text(p)}: {counts[p]}" for p in data["predicates"])
    lines += [f"The story of each pair of actors with enough in common: {linker.link('relations', RELATIONS_INDEX)}.", ""]
    lines += [f"The data behind this view: {_data_link(NETWORK_EXPORT, linker)}.", ""]
    return "\n".join(lines) + "\n"


def render_map_page(site: Site, linker: Linker, limit: int = 100) -> str:
    """The Markdown body of ``map.md``: the canvas, the places on it, and those it cannot show.

    Each list shows the ``limit`` places with most events; every place is on the places index."""
    data = map_json(site)
    located, unlocated = data["places"], data["unlocated"]
    placeless = len(site.events) - len(data["events"])
    lines = [
        "# Map", "",
        f"{len(located)} places on the map · {len(unlocated)} not on it"
        + (f" · {placeless} event{'s' if placeless != 1 else ''} with no place, not counted here." if placeless else "."), "",
        "Each circle is a place, sized by the events that happened there; click it to open its page. "
        "A country is shaded by the number of events in it in the years chosen above the map (the legend gives "
        "the steps); a province or region the articles name is outlined, and rivers are drawn in blue. "
        "Drag to move; double-click or use the buttons to zoom. By keyboard, Tab moves from place to place, "
        "most events first; on the map itself, arrow keys move it and plus and minus zoom. "
        "Outlines and rivers: Natural Earth.", "",
        '<div class="rb-map-layout" markdown>', "",
        '<div class="rb-map" data-rb-map data-search-exclude></div>', "",
        '<div class="rb-map-unlocated" markdown>', "",
        "### Not on the map", "",
    ]
    if unlocated:
        lines += ["These places have no coordinates in the gazetteer and no outline in the map's data:", ""]
        lines += bullets([_place_line(site, p, linker) for p in unlocated[:limit]]
                         + _more_places(len(unlocated) - limit, linker))
    else:
        lines.append("Every place is on the map.")
    lines += ["", "</div>", "", "</div>", ""]
    if located:
        places = bullets([f"{_place_line(site, p, linker)} · "
                          + (f"{p['lat']:.2f}, {p['lon']:.2f}" if "lat" in p else "outline")
                          for p in located[:limit]]
                         + _more_places(len(located) - limit, linker))
        lines += ["## Places on the map", "", '<div class="rb-map-places" data-search-exclude>', *places[:-1], "</div>", ""]
    lines += [f"The data behind this view: {_data_link(MAP_EXPORT, linker)}.", ""]
    return "\n".join(lines) + "\n"


def _more_places(hidden: int, linker: Linker) -> list[str]:
    if hidden <= 0:
        return []
    return [f"… and {hidden} more, every one on the {linker.link('places index', PLACES_INDEX)}"]


def _data_link(path: str, linker: Linker) -> str:
    return f'<a href="{html.escape(linker.href(path), quote=True)}"><code>{html.escape(path)}</code></a>'


def _place_line(site: Site, place: dict, linker: Linker) -> str:
    entity = site.entities[place["id"]]
    events = f" · {place['events']} event{'s' if place['events'] > 1 else ''}" if place["events"] else ""
    return f"{linker.link(entity.name, entity_path(entity))} · {entity.type}{events}"


def entity_network_block(entity_id: str, linker: Linker) -> str:
    """The Markdown for an actor page (``linker.current``): its neighbourhood in the network, drawn by the script."""
    return "\n".join([
        "## Network", "",
        f'<div class="rb-network rb-network--entity" data-rb-network="entity" '
        f'data-rb-entity="{html.escape(entity_id, quote=True)}" data-search-exclude></div>', "",
        linker.link("The whole network", NETWORK, track=False), "",
    ]) + "\n"


# --- assets ------------------------------------------------------------------------------------


def assets() -> dict[str, bytes]:
    """Site path -> content of the script, the stylesheet and the vendored libraries with their licences."""
    files = [ASSETS_DIR / "visuals.js", ASSETS_DIR / "visuals.css"]
    files += sorted(p for p in (ASSETS_DIR / "vendor").iterdir() if p.is_file())
    return {f"{SITE_ASSETS}/{p.relative_to(ASSETS_DIR).as_posix()}": p.read_bytes() for p in files}
