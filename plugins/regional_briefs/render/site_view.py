"""What every renderer works with: the ``Page`` it fills, the ``Limits`` on its lists, and the
``SiteView``: lookups over a ``Site`` that the renderers share. No MkDocs here."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from ..model import Entity, Event, Mention, Site
from .briefing import Edition, country_of, edition, events_by_country
from .pairs import Pair, actor_pairs, quotes_naming


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
    feeds: tuple[tuple[str, str], ...] = ()  # (site path, title) of Atom feeds the page announces besides the site's
    links: tuple[str, ...] = ()  # the site paths it links to, sorted (links.broken_links checks them)

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

    @cached_property
    def news(self) -> Edition:
        """What is new: the newest article's date and the events and articles of its week."""
        return edition(self.site)

    @cached_property
    def languages(self) -> frozenset:
        """The languages of the site's articles. One value, so that a page reading it (search.filters)
        is rendered again when the set changes, not whenever any article does (render/memo.py)."""
        return frozenset(article.language for article in self.site.articles.values())

    @cached_property
    def by_country(self) -> dict[str, list[Event]]:
        return events_by_country(self.site)

    @cached_property
    def pairs(self) -> list[Pair]:
        """The pairs of actors with a relation page."""
        return actor_pairs(self.site)

    @cached_property
    def members(self) -> dict[str, set[str]]:
        """Entity id -> the entities affiliated with it or within it (who may speak for it)."""
        found: dict[str, set[str]] = defaultdict(set)
        for entity in self.site.entities.values():
            for parent in [entity.within, *entity.affiliations]:
                if parent and parent != entity.id:
                    found[parent].add(entity.id)
        return found

    @cached_property
    def quotes_naming(self) -> dict:
        """(speaker id, entity id) -> the speaker's quotes that name the entity."""
        return quotes_naming(self.site)

    @cached_property
    def country_of(self) -> dict[str, str]:
        """Entity id -> the country it is or lies in (entities in no country are left out)."""
        found = {e: country_of(e, self.site) for e in self.site.entities}
        return {e: c for e, c in found.items() if c is not None}

    @cached_property
    def pairs_of(self) -> dict[str, list[Pair]]:
        """Entity id (or event id) -> the pairs it belongs to (or involves both of)."""
        found: dict[str, list[Pair]] = defaultdict(list)
        for pair in self.pairs:
            found[pair.first].append(pair)
            found[pair.second].append(pair)
            for event_id in pair.events:
                found[event_id].append(pair)
        return found
