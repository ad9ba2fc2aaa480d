"""What every renderer works with: the ``Page`` it fills, the ``Limits`` on its lists, and the
``SiteView``: lookups over a ``Site`` that the renderers share. No MkDocs here."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from .model import Entity, Event, Mention, Site


@dataclass(frozen=True)
class Limits:
    """How long a list may grow on one page; longer lists are paginated or summarised, so that no
    page grows with the site."""

    per_page: int = 100  # items on one page of a list (timeline, indexes, an entity's timeline…)
    preview: int = 20  # items an entity, brief or event page shows before linking the full list
    top: int = 25  # entities per type on the actors and places indexes (the full lists are linked)
    sources: int = 50  # sources quoted on an event page; the rest are on its sources list
    latest: int = 5  # events per type on the events index

    def __post_init__(self):
        for name in ("per_page", "preview", "top", "sources", "latest"):
            if getattr(self, name) < 1:
                raise ValueError(f"Limits.{name} must be at least 1")


@dataclass
class Page:
    path: str
    title: str
    body: str = ""
    in_nav: bool = False
    section: str = ""  # what backlinks to this page are grouped under
    tags: tuple[str, ...] = ()  # Material's tags: an entity's or event's type (fixed vocabulary)
    search_boost: bool = False
    search_exclude: bool = False  # pages of a list beyond the indexes: search shows the entities, not lists

    @property
    def text(self) -> str:
        """The page as MkDocs reads it: front matter (only our own vocabulary), then the body."""
        # Themes put ``page.meta.title`` into <title> and the header without escaping it, and take
        # a title read from the H1 as unescaped text: so every page states its title, escaped.
        meta = ["title: " + json.dumps(html.escape(self.title, quote=True))]
        if self.tags:
            meta.append("tags: [" + ", ".join(self.tags) + "]")
        search = (["  boost: 2"] if self.search_boost else []) + (["  exclude: true"] if self.search_exclude else [])
        if search:
            meta.append("search:\n" + "\n".join(search))
        return "---\n" + "\n".join(meta) + "\n---\n\n" + self.body


class SiteView:
    """Lookups the renderers share, built once per site."""

    def __init__(self, site: Site, limits: Limits = Limits(), pages: dict[str, Page] | None = None,
                 add: Callable[[Page], Page] | None = None, language: str = "en"):
        self.site = site
        self.limits = limits
        self.language = language  # the site's; passages in another one are marked (language.py)
        self.pages = pages if pages is not None else {}
        self.add = add or (lambda page: self.pages.setdefault(page.path, page))
        self.events_of: dict[str, list[Event]] = defaultdict(list)
        for event in site.events.values():
            for entity_id in {*event.actors, *event.places}:
                self.events_of[entity_id].append(event)
        self.mentions_of: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
        for article_id, mentions in sorted(site.mentions.items()):
            for m in mentions:
                self.mentions_of[m.entity].append((article_id, m))
        self.contains: dict[str, list[Entity]] = defaultdict(list)
        for entity in site.entities.values():
            if entity.within:
                self.contains[entity.within].append(entity)
        self.relations_of: dict[str, list] = defaultdict(list)
        for relation in site.relations:
            self.relations_of[relation.subject].append(relation)
            if relation.object != relation.subject:
                self.relations_of[relation.object].append(relation)
        # Entities with an edge in the network view: a relation, or an event shared with another actor.
        self.networked: set[str] = {i for r in site.relations if r.subject != r.object for i in (r.subject, r.object)}
        for event in site.events.values():
            actors = {a for a in event.actors if a in site.entities and site.entities[a].kind == "actor"}
            if len(actors) > 1:
                self.networked.update(actors)
        self.event_ids_of_article: dict[str, list[Event]] = defaultdict(list)
        for event in site.events.values():
            for article_id in event.articles:
                self.event_ids_of_article[article_id].append(event)
