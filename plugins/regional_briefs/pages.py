"""Pages: a ``Site`` in, Markdown pages out (path -> text), with backlinks. No MkDocs here.

Every string that comes from a seed is escaped with ``md_text`` before it reaches a page, so that
scraped markup, Markdown syntax and template braces stay the characters they are.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .escape import attr_text, md_text
from .links import (
    ACTORS_INDEX, ARTICLES_INDEX, EVENTS_INDEX, HOME, INDEX_PAGES, MAP, NETWORK, PLACES_INDEX, TIMELINE, Linker,
    article_path, brief_path, entity_path, event_path, list_path, part_path, type_list_path,
)
from .model import ACTOR_TYPES, EVENT_TYPES, PLACE_TYPES, Article, Entity, Event, Mention, Site
from .visuals import entity_network_block, render_map_page, render_network_page

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MAX_CONTEXTS = 30  # mentions shown in context on an entity page; the rest are counted
MAX_BACKLINKS = 60
YEAR_NOT_STATED = "Year not stated"
UNDATED = "Undated"


def count(n: int, noun: str) -> str:
    """ "1 article", "2 articles"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


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


def render_site(site: Site, home: bool = True, limits: Limits = Limits()) -> dict[str, Page]:
    """Every generated page of the site. ``home`` adds an ``index.md`` (when the docs have none).

    Lists longer than ``limits`` allow are paginated (``list_path``) or summarised with a link to
    their pages, so no page grows with the site.
    """
    linker = Linker()
    pages: dict[str, Page] = {}

    def add(page: Page) -> Page:
        if page.path in pages:
            raise ValueError(f"two generated pages at {page.path}")
        pages[page.path] = page
        linker.titles[page.path] = page.title
        linker.sections[page.path] = page.section
        return page

    for article in site.articles.values():
        add(Page(article_path(article.id), article.title, section="Articles"))
    for entity in site.entities.values():
        add(Page(entity_path(entity), entity.name, section="Actors" if entity.kind == "actor" else "Places",
                 tags=(entity.type,), search_boost=True))
    for event in site.events.values():
        add(Page(event_path(event.id), f"{format_date(event)}: {event.title}", section="Events", tags=(event.type,)))
    for brief in site.briefs.values():
        add(Page(brief_path(brief.id), brief.title, in_nav=True, section="Briefs"))
    for path, title in INDEX_PAGES.items():
        add(Page(path, title, in_nav=True, section="Indexes"))
    if home:
        add(Page(HOME, "Briefing", in_nav=True, section="Indexes"))

    view = SiteView(site, limits, pages, add)
    renderers = {
        **{article_path(a.id): (render_article, a) for a in site.articles.values()},
        **{entity_path(e): (render_entity, e) for e in site.entities.values()},
        **{event_path(e.id): (render_event, e) for e in site.events.values()},
        **{brief_path(b.id): (render_brief, b) for b in site.briefs.values()},
    }
    # Renderers add the pages of their long lists as they go; those are written there and then.
    for path, page in sorted(pages.items()):
        linker.current = path
        if path in renderers:
            render, record = renderers[path]
            page.body = render(record, view, linker)
        else:
            page.body = render_index(path, view, linker)
    for path, page in pages.items():
        page.body += render_backlinks(path, linker)
    return pages


class SiteView:
    """Lookups the renderers share, built once per site."""

    def __init__(self, site: Site, limits: Limits = Limits(), pages: dict[str, Page] | None = None,
                 add: Callable[[Page], Page] | None = None):
        self.site = site
        self.limits = limits
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


# --- lists over several pages -----------------------------------------------------------------


def paginate(view: SiteView, linker: Linker, base: str, title: str, section: str, items: Sequence,
             render: Callable[[Sequence, bool], list[str]], intro: Callable[[], list[str]] = list,
             group: Callable[[object], str] | None = None) -> str:
    """The list ``items`` over pages of ``limits.per_page``: page 1 at ``base``, page n at ``base/n``.

    ``render(chunk, anchors)`` writes one page's share (``anchors``: give group headings the ids of
    ``group_anchor``); ``intro()`` opens every page (both link from ``linker.current``, the page
    being written); ``group`` names an item's group (a year) for the jump line that opens every
    page of a list of more than one page. When ``base`` is already a page (an index in the nav),
    this returns the body of page 1 for its renderer to set; otherwise page 1 is added too (out of
    the nav and of search), and this returns "".
    """
    per_page = view.limits.per_page
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [items[:0]]
    total = len(chunks)
    paths = [list_path(base, n) for n in range(1, total + 1)]
    starts: dict[str, int] = {}  # group -> the page it begins on
    if group is not None and total > 1:
        for number, chunk in enumerate(chunks, 1):
            for item in chunk:
                starts.setdefault(group(item), number)
    previous, first = linker.current, ""
    for number, chunk in enumerate(chunks, 1):
        path = paths[number - 1]
        page_title = title if number == 1 else f"{title} (page {number} of {total})"
        existing = number == 1 and path in view.pages
        page = view.pages[path] if existing else view.add(Page(path, page_title, section=section, search_exclude=True))
        linker.current = path
        pager = _pager(paths, number, linker) if total > 1 else []
        lines = [f"# {md_text(page_title)}", "", *intro(), *pager]
        if starts:
            jumps = [linker.link(label, paths[start - 1], group_anchor(label), track=False) for label, start in starts.items()]
            lines += [" · ".join(jumps), "{: .rb-jump data-search-exclude }", ""]
        lines += render(chunk, total > 1)
        if pager:
            lines += [""] + pager
        body = "\n".join(lines) + "\n"
        if existing:
            first = body
        else:
            page.body = body
    linker.current = previous
    return first


def _pager(paths: list[str], number: int, linker: Linker) -> list[str]:
    """'Page 2 of 7', previous and next, and the numbers of the pages around this one, the first and the last."""
    total = len(paths)
    parts = [f"**Page {number} of {total}**"]
    if number > 1:
        parts.append(linker.link("← Previous", paths[number - 2], track=False))
    shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
    last = 0
    for n in shown:
        if n - last > 1:
            parts.append("…")
        parts.append(f"**{n}**" if n == number else linker.link(str(n), paths[n - 1], track=False))
        last = n
    if number < total:
        parts.append(linker.link("Next →", paths[number], track=False))
    return [" · ".join(parts), '{: .rb-pager role="navigation" aria-label="Pages" data-search-exclude }', ""]


def group_anchor(label: str) -> str:
    """The id of a group heading on a paginated list: ``y2025``, ``year-not-stated``, ``undated``."""
    return f"y{label}" if label.isdigit() else re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")


def _heading(hashes: str, label: str, anchors: bool) -> str:
    return f"{hashes} {label}" + (f" {{ #{group_anchor(label)} }}" if anchors else "")


def _more(hidden: int, noun: str = "more") -> list[str]:
    return [f"- … and {hidden} {noun}"] if hidden > 0 else []


# --- articles ----------------------------------------------------------------------------------


def render_article(article: Article, view: SiteView, linker: Linker) -> str:
    site = view.site
    lines = [f"# {md_text(article.title)}", ""]
    facts = [f"**Published:** {md_text(article.published.iso()) if article.published else 'undated'}"]
    if article.outlet:
        facts.append(f"**Source:** {md_text(article.outlet)}")
    if article.url and re.match(r"^https?://", article.url):
        facts.append(f'**Original:** <a href="{attr_text(article.url)}" rel="nofollow noopener">{md_text(article.url)}</a>')
    facts.append(f"**Seed file:** `{article.source.replace('`', '')}`" if "`" not in article.source
                 else f"**Seed file:** {md_text(article.source)}")
    lines += [" · ".join(facts), ""]
    if article.title_derived:
        lines += ["*The seed has no title; this one is its first sentence. Give it a title in `briefs/`.*", ""]
    mentions_by_para: dict[int, list[Mention]] = defaultdict(list)
    for m in site.mentions.get(article.id, []):
        mentions_by_para[m.paragraph].append(m)
    for paragraph in article.paragraphs:
        text = _linked_text(paragraph.text, mentions_by_para[paragraph.index], site, linker)
        # attr_list gives the paragraph itself the anchor, so a cited paragraph can be highlighted.
        if paragraph.heading:
            lines += [f"### {text} {{: #{paragraph.anchor} .rb-para }}", ""]
        else:
            lines += [text, f"{{: #{paragraph.anchor} .rb-para }}", ""]
    entity_ids = sorted({m.entity for m in site.mentions.get(article.id, [])},
                        key=lambda e: site.entities[e].name.casefold() if e in site.entities else e)
    actors = [site.entities[e] for e in entity_ids if e in site.entities and site.entities[e].kind == "actor"]
    places = [site.entities[e] for e in entity_ids if e in site.entities and site.entities[e].kind == "place"]
    if actors:
        lines += ["## Actors", ""] + [f"- {linker.link(a.name, entity_path(a))} · {a.type}" for a in actors] + [""]
    if places:
        lines += ["## Places", ""] + [f"- {linker.link(p.name, entity_path(p))} · {p.type}" for p in places] + [""]
    events = sorted(view.event_ids_of_article.get(article.id, []), key=_event_order)
    if events:
        lines += ["## Events", ""] + [f"- {_event_line(e, linker)}" for e in events] + [""]
    return "\n".join(lines) + "\n"


def _linked_text(text: str, mentions: list[Mention], site: Site, linker: Linker) -> str:
    out, cursor = [], 0
    for m in sorted(mentions, key=lambda m: m.start):
        entity = site.entities.get(m.entity)
        if entity is None or m.start < cursor:
            continue
        out.append(md_text(text[cursor:m.start]))
        out.append(linker.link(text[m.start:m.end], entity_path(entity)))
        cursor = m.end
    out.append(md_text(text[cursor:]))
    return "".join(out)


# --- entities ----------------------------------------------------------------------------------


def render_entity(entity: Entity, view: SiteView, linker: Linker) -> str:
    site = view.site
    lines = [f"# {md_text(entity.name)}", ""]
    facts = [f"**{entity.kind.capitalize()}** · {entity.type}"]
    if entity.within and entity.within in site.entities:
        facts.append(f"in {linker.link(site.entities[entity.within].name, entity_path(site.entities[entity.within]))}")
    if entity.lat is not None and entity.lon is not None:
        facts.append(f"{entity.lat:.3f}, {entity.lon:.3f}")
    lines += [" · ".join(facts), ""]
    if entity.aliases:
        lines += ["**Also written:** " + ", ".join(md_text(a) for a in entity.aliases), ""]
    if entity.description:
        lines += [md_text(entity.description), ""]
    preview = view.limits.preview
    if entity.roles or entity.affiliations:
        lines += ["## Roles and affiliations", ""]
        for role in entity.roles[:preview]:
            article = site.articles.get(role.article)
            source = linker.link(article.title if article else role.article, article_path(role.article),
                                 f"p{role.paragraph + 1}") if article else ""
            lines.append(f"- {md_text(role.text)} — {source}")
        lines += _more(len(entity.roles) - preview, "more roles")
        affiliated = [site.entities[i] for i in entity.affiliations if i in site.entities]
        for other in affiliated[:preview]:
            lines.append(f"- Affiliated with {linker.link(other.name, entity_path(other))}")
        lines += _more(len(affiliated) - preview, "more affiliations")
        lines.append("")
    lines += _relation_lines(entity, view, linker)
    if entity.id in view.networked:
        lines += entity_network_block(entity.id, linker).splitlines() + [""]
    contained = sorted(view.contains.get(entity.id, []), key=lambda e: e.name.casefold())
    if contained:
        shown = view.limits.per_page
        lines += ["## Places within", ""] + [f"- {linker.link(e.name, entity_path(e))} · {e.type}" for e in contained[:shown]]
        lines += _more(len(contained) - shown)
        lines.append("")
    if entity.quotes:
        lines += ["## Quotes", ""]
        for quote in entity.quotes[:preview]:
            article = site.articles.get(quote.article)
            source = linker.link(article.title, article_path(quote.article), f"p{quote.paragraph + 1}") if article else ""
            lines += [f"> “{md_text(quote.text)}”", ">", f"> — {source}", ""]
        if len(entity.quotes) > preview:
            lines += [f"… and {count(len(entity.quotes) - preview, 'more quote')}, on the pages of the articles.", ""]
    events = timeline_order(view.events_of.get(entity.id, []))
    if events:
        lines += ["## Timeline", ""] + render_timeline(events[:preview], linker, heading_level=3)
        if len(events) > preview:
            full = part_path(entity_path(entity), "timeline")
            paginate(view, linker, full, f"Timeline: {entity.name}", "Actors" if entity.kind == "actor" else "Places",
                     events, lambda chunk, anchors: render_timeline(chunk, linker, anchors=anchors),
                     intro=lambda: [f"Every event of {linker.link(entity.name, entity_path(entity), track=False)}, "
                            f"newest first.", ""], group=timeline_group)
            lines += [f"The {preview} latest of {count(len(events), 'event')}: "
                      f"{linker.link('the whole timeline', full)}.", ""]
    lines += _mention_contexts(entity, view, linker)
    return "\n".join(lines) + "\n"


def _relation_lines(entity: Entity, view: SiteView, linker: Linker) -> list[str]:
    """Relations grouped by kind, each with the paragraph that states it; ``limits.preview`` per kind."""
    site = view.site
    groups: dict[str, list] = defaultdict(list)
    for r in view.relations_of.get(entity.id, []):
        if r.subject in site.entities and r.object in site.entities and r.article in site.articles:
            groups[r.predicate].append(r)
    if not groups:
        return []
    lines = ["## Relations", ""]
    preview = view.limits.preview
    for predicate in sorted(groups):
        lines += [f"### {predicate.replace('-', ' ').capitalize()}", ""]
        verb = predicate.replace("-", " ")
        for r in groups[predicate][:preview]:
            subject, obj = site.entities[r.subject], site.entities[r.object]
            if r.subject == entity.id:
                line = f"{md_text(entity.name)} {verb} {linker.link(obj.name, entity_path(obj))}"
            else:
                line = f"{linker.link(subject.name, entity_path(subject))} {verb} {md_text(entity.name)}"
            flags = [label for flag, label in ((r.allegation, "alleged"), (r.denied, "denied")) if flag]
            source = linker.link(site.articles[r.article].title, article_path(r.article), f"p{r.paragraph + 1}")
            lines.append(f"- {line}{' (' + ', '.join(flags) + ')' if flags else ''} — {source}")
        lines += _more(len(groups[predicate]) - preview) + [""]
    return lines


def _mention_contexts(entity: Entity, view: SiteView, linker: Linker) -> list[str]:
    site = view.site
    seen: set[tuple[str, int]] = set()
    contexts = []
    for article_id, m in view.mentions_of.get(entity.id, []):
        if (article_id, m.paragraph) in seen:
            continue
        seen.add((article_id, m.paragraph))
        contexts.append((article_id, m))
    if not contexts:
        return []
    lines = ["## Mentions { data-search-exclude }", "", '<div class="rb-mentions" data-search-exclude markdown>', ""]
    for article_id, m in contexts[:MAX_CONTEXTS]:
        article = site.articles[article_id]
        text = article.paragraphs[m.paragraph].text
        start, end = max(0, m.start - 90), min(len(text), m.end + 90)
        snippet = ("…" if start else "") + md_text(text[start:m.start]) + "**" + md_text(text[m.start:m.end]) + "**" \
            + md_text(text[m.end:end]) + ("…" if end < len(text) else "")
        lines.append(f"- {snippet} — {linker.link(article.title, article_path(article_id), f'p{m.paragraph + 1}')}")
    rest = contexts[MAX_CONTEXTS:]
    if rest:
        lines.append(f"- … and {count(len(rest), 'more paragraph')} in {count(len({a for a, _ in rest}), 'article')}")
    lines += ["", "</div>", ""]
    return lines


# --- events ------------------------------------------------------------------------------------


def render_event(event: Event, view: SiteView, linker: Linker) -> str:
    site = view.site
    lines = [f"# {md_text(event.title)}", ""]
    facts = [f"**Date:** {md_text(format_date(event))} ({event.date.precision if event.date else 'undated'})",
             f"**Type:** {event.type}"]
    if event.fatalities is not None:
        facts.append(f"**Fatalities:** {event.fatalities}")
    lines += [" · ".join(facts), ""]
    for label, ids in (("Actors", event.actors), ("Places", event.places)):
        names = [linker.link(site.entities[i].name, entity_path(site.entities[i])) for i in ids if i in site.entities]
        if names:
            lines += [f"**{label}:** " + ", ".join(names), ""]
    if event.disagreements:
        lines += ['!!! warning "Sources disagree"', ""] + [f"    - {md_text(d)}" for d in event.disagreements] + [""]
    # The sentences are searchable on their articles; here they would double the index (a quarter of it).
    lines += ["## Sources { data-search-exclude }", ""]
    sources = [s for s in event.sources if s.article in site.articles]
    shown = view.limits.sources
    lines += _source_lines(sources[:shown], view, linker)
    if len(sources) > shown:
        rest = part_path(event_path(event.id), "sources")
        paginate(view, linker, rest, f"Sources: {event.title}", "Events", sources[shown:],
                 lambda chunk, anchors: _source_lines(chunk, view, linker),
                 intro=lambda: [f"The sources of {linker.link(event.title, event_path(event.id), track=False)} "
                        f"beyond the first {shown}.", ""])
        lines += [f"{linker.link(count(len(sources) - shown, 'more source'), rest)} of {len(sources)}.", ""]
    return "\n".join(lines) + "\n"


def _source_lines(sources: Sequence, view: SiteView, linker: Linker) -> list[str]:
    """Each source's sentence as a quote, with the paragraph it is in."""
    lines = []
    for source in sources:
        article = view.site.articles[source.article]
        link = linker.link(article.title, article_path(source.article), f"p{source.paragraph + 1}")
        extra = []
        if source.date:
            extra.append(f"date as reported: {md_text(source.date)}")
        if source.fatalities is not None:
            extra.append(f"fatalities: {source.fatalities}")
        lines += [f"> {md_text(source.sentence)}", ">", f"> — {link}" + (f" ({'; '.join(extra)})" if extra else ""), ""]
    return lines


def format_date(event: Event) -> str:
    date = event.date
    if date is None:
        return "Undated"
    if date.year is None:
        month = MONTHS[date.month - 1] if date.month else ""
        return f"{month} {date.day}, year not stated" if date.day else f"{month}, year not stated"
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def _event_order(event: Event) -> tuple:
    return (event.date.sort_key() if event.date else (10000, 0, 0), event.id)


def _event_line(event: Event, linker: Linker) -> str:
    sources = len(event.articles)
    suffix = f" · {sources} sources" if sources > 1 else ""
    return f"{md_text(format_date(event))} · {event.type} · {linker.link(event.title, event_path(event.id))}{suffix}"


def newest_first(items: Iterable, date_of: Callable, id_of: Callable, undated_key: Callable) -> list:
    """Items newest first by ``date_of`` (a PartialDate or None), then those whose year is not
    stated, then undated ones by ``undated_key``: the order of timelines and article lists."""
    items = list(items)
    dated = [i for i in items if date_of(i) is not None]
    dated.sort(key=lambda i: (date_of(i).year is not None, date_of(i).sort_key(), id_of(i)), reverse=True)
    return dated + sorted((i for i in items if date_of(i) is None), key=undated_key)


def year_group(date) -> str:
    """The heading a dated item is listed under: its year, 'Year not stated' or 'Undated'."""
    if date is None:
        return UNDATED
    return str(date.year) if date.year is not None else YEAR_NOT_STATED


def timeline_order(events: Iterable[Event]) -> list[Event]:
    return newest_first(events, lambda e: e.date, lambda e: e.id, lambda e: e.id)


def timeline_group(event: Event) -> str:
    return year_group(event.date)


def render_timeline(events: Iterable[Event], linker: Linker, heading_level: int = 2, anchors: bool = False) -> list[str]:
    """Events grouped by year and month; year-less ones under 'Year not stated', undated ones last.

    ``anchors`` gives each year heading the id of ``group_anchor`` (for a paginated timeline's jump line)."""
    hashes = "#" * heading_level
    lines: list[str] = []
    groups: dict[str, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in timeline_order(events):
        month = "" if event.date is None else MONTHS[event.date.month - 1] if event.date.month else "Month not stated"
        groups[timeline_group(event)][month].append(event)
    for year in groups:  # in timeline order
        lines += [_heading(hashes, year, anchors), ""]
        for month, items in groups[year].items():
            if month:
                lines += [f"{hashes}# {month}", ""]
            for event in items:
                lines.append(f"- {_event_line(event, linker)}")
            lines.append("")
    return lines


# --- briefs and indexes ------------------------------------------------------------------------


def render_brief(brief, view: SiteView, linker: Linker) -> str:
    site = view.site
    preview = view.limits.preview
    lines = [f"# {md_text(brief.title)}", ""]
    if brief.summary:
        lines += [md_text(brief.summary), ""]
    articles = article_order(site.articles[a] for a in dict.fromkeys(brief.articles) if a in site.articles)
    in_brief = set(brief.articles)
    events = [e for e in site.events.values() if in_brief.intersection(e.articles)]
    counts: Counter = Counter()
    for article_id in brief.articles:
        for m in site.mentions.get(article_id, []):
            counts[m.entity] += 1
    lines += [f"{count(len(articles), 'article')} · {count(len(events), 'event')}", ""]
    if events:
        latest = sorted(events, key=_event_order, reverse=True)[:min(10, preview)]
        lines += ["## Latest events", ""] + [f"- {_event_line(e, linker)}" for e in latest] + [""]
    for kind, heading in (("actor", "Main actors"), ("place", "Main places")):
        top = [e for e in sorted(counts, key=lambda e: (-counts[e], e))
               if e in site.entities and site.entities[e].kind == kind][:min(12, preview)]
        if top:
            lines += [f"## {heading}", ""]
            lines += [f"- {linker.link(site.entities[e].name, entity_path(site.entities[e]))} · {site.entities[e].type} · {counts[e]} mentions" for e in top]
            lines.append("")
    if articles:
        lines += ["## Articles", ""]
        for article in articles[:preview]:
            date = article.published.iso() if article.published else "undated"
            lines.append(f"- {md_text(date)} · {linker.link(article.title, article_path(article.id))}")
        lines.append("")
        if len(articles) > preview:
            full = part_path(brief_path(brief.id), "articles")
            paginate(view, linker, full, f"Articles: {brief.title}", "Briefs", articles,
                     lambda chunk, anchors: render_article_list(chunk, linker, anchors=anchors),
                     intro=lambda: [f"The articles of {linker.link(brief.title, brief_path(brief.id), track=False)}, "
                            f"newest first.", ""], group=article_group)
            lines += [f"The {preview} newest of {count(len(articles), 'article')}: {linker.link('all the articles', full)}.", ""]
    if events:
        lines += ["## Timeline", ""]
        if len(events) <= preview:
            lines += render_timeline(events, linker, heading_level=3)
        else:
            full = part_path(brief_path(brief.id), "timeline")
            paginate(view, linker, full, f"Timeline: {brief.title}", "Briefs", timeline_order(events),
                     lambda chunk, anchors: render_timeline(chunk, linker, anchors=anchors),
                     intro=lambda: [f"Every event of {linker.link(brief.title, brief_path(brief.id), track=False)}, "
                            f"newest first.", ""], group=timeline_group)
            lines += [f"{count(len(events), 'event')} by year and month: {linker.link('the timeline of this brief', full)}.", ""]
    return "\n".join(lines) + "\n"


def article_order(articles: Iterable[Article]) -> list[Article]:
    return newest_first(articles, lambda a: a.published, lambda a: a.id, lambda a: (a.title.casefold(), a.id))


def article_group(article: Article) -> str:
    return year_group(article.published)


def render_article_list(articles: Sequence[Article], linker: Linker, heading_level: int = 2, anchors: bool = False) -> list[str]:
    """Articles (in ``article_order``) under a heading per year."""
    lines: list[str] = []
    current = None
    for article in articles:
        group = article_group(article)
        if group != current:
            lines += ([""] if current is not None else []) + [_heading("#" * heading_level, group, anchors), ""]
            current = group
        date = article.published.iso() if article.published else "undated"
        lines.append(f"- {linker.link(article.title, article_path(article.id))} · {md_text(date)}")
    return lines + ([""] if lines else [])


def _entity_line(entity: Entity, linker: Linker) -> str:
    return f"- {linker.link(entity.name, entity_path(entity))} · {count(len(entity.articles), 'article')}"


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
                lines += [_entity_line(e, linker) for e in group] + [""]
                continue
            full = type_list_path(path, type_)
            paginate(view, linker, full, f"{label}: {type_}", "Indexes", group,
                     lambda chunk, anchors: [_entity_line(e, linker) for e in chunk] + [""],
                     intro=lambda: [f"{count(len(group), kind)} of the type {type_}, A–Z. "
                            f"Back to {linker.link(label.lower(), path, track=False)}.", ""])
            most = sorted(group, key=lambda e: (-len(e.articles), e.name.casefold(), e.id))[:limits.top]
            lines += [f"The {limits.top} of {len(group)} with the most articles:", ""]
            lines += [_entity_line(e, linker) for e in most] + [""]
            lines += [f"{linker.link(f'All {len(group)}, A–Z', full)}", ""]
        return "\n".join(lines) + "\n"
    if path == EVENTS_INDEX:
        lines = ["# Events", "", f"{count(len(site.events), 'event')}. See also the {linker.link('timeline', TIMELINE)}.", ""]
        by_type: dict[str, list[Event]] = defaultdict(list)
        for event in site.events.values():
            by_type[event.type].append(event)
        for type_ in EVENT_TYPES:  # fixed vocabulary: list paths are made of it
            group = sorted(by_type.get(type_, []), key=_event_order, reverse=True)
            if not group:
                continue
            lines += [f"## {type_}", ""] + [f"- {_event_line(e, linker)}" for e in group[:limits.latest]] + [""]
            if len(group) > limits.latest:
                full = type_list_path(path, type_)
                paginate(view, linker, full, f"Events: {type_}", "Indexes", group,
                         lambda chunk, anchors: [f"- {_event_line(e, linker)}" for e in chunk] + [""],
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
        lines = ["# Briefing", ""]
        for brief in site.briefs.values():
            lines.append(f"- {linker.link(brief.title, brief_path(brief.id))} · {count(len(brief.articles), 'article')}")
        lines += ["", f"{count(len(site.articles), 'article')} · {count(sum(e.kind == 'actor' for e in site.entities.values()), 'actor')} · "
                  f"{count(sum(e.kind == 'place' for e in site.entities.values()), 'place')} · {count(len(site.events), 'event')}", ""]
        for target in (TIMELINE, NETWORK, MAP, ACTORS_INDEX, PLACES_INDEX, EVENTS_INDEX, ARTICLES_INDEX):
            lines.append(f"- {linker.link(INDEX_PAGES[target], target)}")
        return "\n".join(lines) + "\n"
    raise KeyError(path)


def render_backlinks(path: str, linker: Linker) -> str:
    sources = sorted(s for s in linker.links.get(path, ()) if s != path)
    if not sources:
        return ""
    previous = linker.current
    linker.current = path
    groups: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        groups[linker.sections.get(source, "")].append(source)
    lines = ["", "## Linked from { data-search-exclude }", "", '<div class="rb-backlinks" data-search-exclude markdown>', ""]
    shown = 0
    for section in sorted(groups):
        for source in sorted(groups[section], key=lambda s: linker.titles.get(s, s).casefold()):
            if shown >= MAX_BACKLINKS:
                break
            href = linker.href(source)
            lines.append(f"- {section}: [{md_text(linker.titles.get(source, source))}]({href})")
            shown += 1
    if len(sources) > shown:
        lines.append(f"- … and {len(sources) - shown} more pages")
    lines += ["", "</div>", ""]
    linker.current = previous
    return "\n".join(lines)


ASSETS = Path(__file__).parent / "assets"


def assets() -> dict[str, bytes]:
    """The static files every briefing site ships (site path -> content)."""
    return {"assets/briefs/briefs.css": (ASSETS / "briefs.css").read_bytes()}
