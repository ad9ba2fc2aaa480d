"""Export: a ``Site`` in, the machine-readable files out (``export/graph.json``, ``export/events.csv``).

The JSON follows ``data/graph.schema.json``; the CSV has ACLED-like columns. ``url_for`` turns a
generated page's path (``actors/x.md``) into the URL the site serves it at.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Callable

from ..model import Site
from .links import article_path, brief_path, directory_url, entity_path, event_path

SCHEMA_VERSION = "1.0"
CSV_COLUMNS = [
    "event_id", "event_date", "precision", "event_type", "actor1", "actor2", "other_actors",
    "place", "enclosing_place", "latitude", "longitude", "fatalities", "sources", "summary",
]


def graph(site: Site, url_for: Callable[[str], str] = directory_url) -> dict:
    """The site as one JSON-ready dict: articles, entities, events, quotes."""
    articles = [
        {
            "id": a.id, "title": a.title, "published": a.published.iso() if a.published else None,
            "source": a.source, "url": a.url, "outlet": a.outlet, "page": url_for(article_path(a.id)),
            "paragraphs": len(a.paragraphs), "title_derived": a.title_derived,
        }
        for a in sorted(site.articles.values(), key=lambda a: a.id)
    ]
    entities = [
        {
            "id": e.id, "kind": e.kind, "type": e.type, "name": e.name, "aliases": list(e.aliases),
            "page": url_for(entity_path(e)), "articles": list(e.articles), "description": e.description or None,
            "within": e.within, "affiliations": list(e.affiliations),
            "roles": [{"text": r.text, "article": r.article, "paragraph": r.paragraph + 1} for r in e.roles],
            "latitude": e.lat, "longitude": e.lon,
        }
        for e in sorted(site.entities.values(), key=lambda e: e.id)
    ]
    events = [
        {
            "id": ev.id, "date": ev.date.iso() if ev.date else None,
            "precision": ev.date.precision if ev.date else None, "type": ev.type, "title": ev.title,
            "actors": list(ev.actors), "places": list(ev.places), "articles": ev.articles,
            "fatalities": ev.fatalities, "page": url_for(event_path(ev.id)),
            "sources": [
                {"article": s.article, "paragraph": s.paragraph + 1, "sentence": s.sentence,
                 "date": s.date, "fatalities": s.fatalities}
                for s in ev.sources
            ],
            "disagreements": list(ev.disagreements),
        }
        for ev in sorted(site.events.values(), key=lambda e: e.id)
    ]
    quotes = [
        {"speaker": q.speaker, "text": q.text, "article": q.article, "paragraph": q.paragraph + 1}
        for e in sorted(site.entities.values(), key=lambda e: e.id) for q in e.quotes
    ]
    briefs = [
        {"id": b.id, "title": b.title, "summary": b.summary, "articles": list(b.articles),
         "page": url_for(brief_path(b.id))}
        for b in sorted(site.briefs.values(), key=lambda b: b.id)
    ]
    relations = [
        {"subject": r.subject, "predicate": r.predicate, "object": r.object, "allegation": r.allegation,
         "denied": r.denied, "articles": [r.article], "paragraph": r.paragraph + 1, "sentence": r.sentence}
        for r in site.relations
    ]
    return {"version": SCHEMA_VERSION, "articles": articles, "entities": entities, "events": events,
            "quotes": quotes, "relations": relations, "briefs": briefs}


def graph_json(site: Site, url_for: Callable[[str], str] = directory_url) -> str:
    return json_document(graph(site, url_for))


def json_document(data: dict) -> str:
    """The JSON text of an export file: each top-level field on a line of its own, and each item of
    a list there (an article, an entity, an edge) on one line, so that a diff or ``grep`` shows
    records. Written by json's C encoder: an indented dump goes through its pure-Python one, ten
    times slower (at 10,000 articles, 3 s of every rebuild under ``mkdocs serve``)."""
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    fields = []
    for name, value in data.items():
        if isinstance(value, list) and value:
            value = "[\n  " + ",\n  ".join(map(dumps, value)) + "\n ]"
        else:
            value = dumps(value)
        fields.append(f" {dumps(name)}: {value}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def events_csv(site: Site) -> str:
    """One row per event, ACLED-like: actor 1 and 2, the place and where it lies, the sources."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    entities = site.entities
    for ev in sorted(site.events.values(), key=lambda e: e.id):
        actors = [entities[a].name for a in ev.actors if a in entities]
        place = entities.get(ev.places[0]) if ev.places else None
        within = entities.get(place.within) if place is not None and place.within else None
        # Names, file names and titles come from seeds and curation: each text cell is made safe.
        writer.writerow([
            ev.id, ev.date.iso() if ev.date else "", ev.date.precision if ev.date else "", ev.type,
            _csv_safe(actors[0] if actors else ""), _csv_safe(actors[1] if len(actors) > 1 else ""),
            _csv_safe("; ".join(actors[2:])),
            _csv_safe(place.name if place else ""), _csv_safe(within.name if within else ""),
            "" if place is None or place.lat is None else f"{place.lat:.5f}",
            "" if place is None or place.lon is None else f"{place.lon:.5f}",
            "" if ev.fatalities is None else ev.fatalities,
            _csv_safe("; ".join(site.articles[a].source for a in ev.articles if a in site.articles)),
            _csv_safe(ev.title),
        ])
    return out.getvalue()


def _csv_safe(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ (or tab, CR) as formulas; a leading quote keeps them text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
