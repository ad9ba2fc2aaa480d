"""Index pages: the home page, the indexes of countries, articles, actors, places, events and
relations, the timeline, the network and the map. Long indexes show their first or top items and link their full lists.
No MkDocs here."""

from __future__ import annotations

from collections import defaultdict

from ..model import ACTOR_TYPES, EVENT_TYPES, PLACE_TYPES, Entity, Event
from .country_pages import render_countries_index, render_home
from .links import (
    ACTORS_INDEX,
    ARTICLES_INDEX,
    COUNTRIES_INDEX,
    EVENTS_INDEX,
    HOME,
    INDEX_PAGES,
    MAP,
    NETWORK,
    PLACES_INDEX,
    RELATIONS_INDEX,
    TIMELINE,
    Linker,
    entity_path,
    type_list_path,
)
from .lists import (
    article_group,
    article_order,
    count,
    event_line,
    event_order,
    paginate,
    render_article_list,
    render_timeline,
    timeline_group,
    timeline_order,
)
from .markup import bullets
from .relation_pages import render_relations_index
from .site_view import SiteView
from .visuals import render_map_page, render_network_page


def _entity_line(entity: Entity, linker: Linker) -> str:
    return f"{linker.link(entity.name, entity_path(entity))} · {count(len(entity.articles), 'article')}"


def render_index(path: str, view: SiteView, linker: Linker) -> str:
    site = view.site
    limits = view.limits
    if path == ARTICLES_INDEX:
        return paginate(view, linker, path, "Articles", "Indexes", article_order(site.articles.values()),
                        lambda chunk, anchors: render_article_list(chunk, linker, anchors=anchors),
                        intro=lambda: [f"{count(len(site.articles), 'article')}, newest first.", ""], group=article_group)
    if path in (ACTORS_INDEX, PLACES_INDEX):
        kind = "actor" if path == ACTORS_INDEX else "place"
        label = INDEX_PAGES[path]
        types = ACTOR_TYPES if kind == "actor" else PLACE_TYPES
        members = [e for e in site.entities.values() if e.kind == kind]
        lines = [f"# {label}", "", f"{count(len(members), kind)}.", ""]
        for type_ in types:  # fixed vocabulary: list paths are made of it
            group = sorted((e for e in members if e.type == type_), key=lambda e: (e.name.casefold(), e.id))
            if not group:
                continue
            lines += [f"## {type_.capitalize()}", ""]
            if len(group) <= limits.top:
                lines += bullets(_entity_line(e, linker) for e in group)
                continue
            full = type_list_path(path, type_)
            paginate(view, linker, full, f"{label}: {type_}", "Indexes", group,
                     lambda chunk, anchors: bullets(_entity_line(e, linker) for e in chunk),
                     intro=lambda: [f"{count(len(group), kind)} of the type {type_}, A–Z. "
                            f"Back to {linker.link(label.lower(), path, track=False)}.", ""])
            most = sorted(group, key=lambda e: (-len(e.articles), e.name.casefold(), e.id))[:limits.top]
            lines += [f"The {limits.top} of {len(group)} with the most articles:", ""]
            lines += bullets(_entity_line(e, linker) for e in most)
            lines += [f"{linker.link(f'All {len(group)}, A–Z', full)}", ""]
        return "\n".join(lines) + "\n"
    if path == EVENTS_INDEX:
        lines = ["# Events", "", f"{count(len(site.events), 'event')}. See also the {linker.link('timeline', TIMELINE)}.", ""]
        by_type: dict[str, list[Event]] = defaultdict(list)
        for event in site.events.values():
            by_type[event.type].append(event)
        for type_ in EVENT_TYPES:  # fixed vocabulary: list paths are made of it
            group = sorted(by_type.get(type_, []), key=event_order, reverse=True)
            if not group:
                continue
            lines += [f"## {type_}", ""] + bullets(event_line(e, linker) for e in group[:limits.latest])
            if len(group) > limits.latest:
                full = type_list_path(path, type_)
                paginate(view, linker, full, f"Events: {type_}", "Indexes", group,
                         lambda chunk, anchors: bullets(event_line(e, linker) for e in chunk),
                         intro=lambda: [f"{count(len(group), type_ + ' event')}, latest first. "
                                f"Back to {linker.link('events', path, track=False)}.", ""])
                lines += [linker.link(f"All {len(group)} {type_} events", full), ""]
        return "\n".join(lines) + "\n"
    if path == NETWORK:
        return render_network_page(site, linker)
    if path == MAP:
        return render_map_page(site, linker, limits.per_page)
    if path == TIMELINE:
        return paginate(view, linker, path, "Timeline", "Indexes", timeline_order(site.events.values()),
                        lambda chunk, anchors: render_timeline(chunk, linker, anchors=anchors), group=timeline_group)
    if path == HOME:
        return render_home(view, linker)
    if path == COUNTRIES_INDEX:
        return render_countries_index(view, linker)
    if path == RELATIONS_INDEX:
        return render_relations_index(view, linker)
    raise KeyError(path)
