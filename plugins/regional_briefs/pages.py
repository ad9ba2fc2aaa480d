"""Pages: a ``Site`` in, Markdown pages out (path -> text), with backlinks. No MkDocs here.

Every string that comes from a seed is escaped with ``md_text`` before it reaches a page, so that
scraped markup, Markdown syntax and template braces stay the characters they are.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .model import ACTOR_TYPES, PLACE_TYPES, Article, Entity, Event, Mention, Site

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MAX_CONTEXTS = 30  # mentions shown in context on an entity page; the rest are counted
MAX_BACKLINKS = 60
_MD_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~<>&\"'$%=:@^"})


def relative(target: str, current: str) -> str:
    """The link from page ``current`` to page ``target``, both site-relative paths like
    ``actors/x.md`` (posixpath.relpath gives the same, but asks the OS for the working folder
    on every call, which dominated rendering on large sites)."""
    here = current.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def count(n: int, noun: str) -> str:
    """ "1 article", "2 articles"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def md_text(text: str) -> str:
    """Untrusted text as inert Markdown: every character Markdown or HTML could act on is an entity."""
    return text.replace("\n", " ").translate(_MD_SPECIAL)


def attr_text(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class Page:
    path: str
    title: str
    body: str = ""
    in_nav: bool = False
    section: str = ""  # what backlinks to this page are grouped under
    tags: tuple[str, ...] = ()  # Material's tags: an entity's or event's type (fixed vocabulary)
    search_boost: bool = False

    @property
    def text(self) -> str:
        """The page as MkDocs reads it: front matter (only our own vocabulary), then the body."""
        # Themes put ``page.meta.title`` into <title> and the header without escaping it, and take
        # a title read from the H1 as unescaped text: so every page states its title, escaped.
        meta = ["title: " + json.dumps(html.escape(self.title, quote=True))]
        if self.tags:
            meta.append("tags: [" + ", ".join(self.tags) + "]")
        if self.search_boost:
            meta.append("search:\n  boost: 2")
        return "---\n" + "\n".join(meta) + "\n---\n\n" + self.body


@dataclass
class Linker:
    """Writes links between generated pages and remembers them for the backlinks."""

    titles: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    current: str = ""

    def link(self, label: str, target: str, anchor: str = "", escaped: bool = False) -> str:
        if target != self.current:
            self.links[target].add(self.current)
        href = relative(target, self.current)
        href += f"#{anchor}" if anchor else ""
        return f"[{label if escaped else md_text(label)}]({href})"


def article_path(article_id: str) -> str:
    return f"articles/{article_id}.md"


def entity_path(entity: Entity) -> str:
    return f"{'actors' if entity.kind == 'actor' else 'places'}/{entity.id}.md"


def event_path(event_id: str) -> str:
    return f"events/{event_id}.md"


def brief_path(brief_id: str) -> str:
    return f"briefs/{brief_id}.md"


def render_site(site: Site, home: bool = True) -> dict[str, Page]:
    """Every generated page of the site. ``home`` adds an ``index.md`` (when the docs have none)."""
    linker = Linker()
    pages: dict[str, Page] = {}

    def add(page: Page) -> Page:
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
    for path, title in (("articles/index.md", "Articles"), ("actors/index.md", "Actors"),
                        ("places/index.md", "Places"), ("events/index.md", "Events"),
                        ("timeline.md", "Timeline"), ("network.md", "Network"), ("map.md", "Map")):
        add(Page(path, title, in_nav=True, section="Indexes"))
    if home:
        add(Page("index.md", "Briefing", in_nav=True, section="Indexes"))

    view = SiteView(site)
    renderers = {
        **{article_path(a.id): (render_article, a) for a in site.articles.values()},
        **{entity_path(e): (render_entity, e) for e in site.entities.values()},
        **{event_path(e.id): (render_event, e) for e in site.events.values()},
        **{brief_path(b.id): (render_brief, b) for b in site.briefs.values()},
    }
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

    def __init__(self, site: Site):
        self.site = site
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
    if entity.roles or entity.affiliations:
        lines += ["## Roles and affiliations", ""]
        for role in entity.roles:
            article = site.articles.get(role.article)
            source = linker.link(article.title if article else role.article, article_path(role.article),
                                 f"p{role.paragraph + 1}") if article else ""
            lines.append(f"- {md_text(role.text)} — {source}")
        for other_id in entity.affiliations:
            other = site.entities.get(other_id)
            if other is not None:
                lines.append(f"- Affiliated with {linker.link(other.name, entity_path(other))}")
        lines.append("")
    lines += _relation_lines(entity, view, linker)
    if entity.id in view.networked:
        from .visuals import entity_network_block  # visuals builds on this module

        lines += entity_network_block(entity.id, "../").splitlines() + [""]
    contained = sorted(view.contains.get(entity.id, []), key=lambda e: e.name.casefold())
    if contained:
        lines += ["## Places within", ""] + [f"- {linker.link(e.name, entity_path(e))} · {e.type}" for e in contained[:100]]
        if len(contained) > 100:
            lines.append(f"- … and {len(contained) - 100} more")
        lines.append("")
    if entity.quotes:
        lines += ["## Quotes", ""]
        for quote in entity.quotes:
            article = site.articles.get(quote.article)
            source = linker.link(article.title, article_path(quote.article), f"p{quote.paragraph + 1}") if article else ""
            lines += [f"> “{md_text(quote.text)}”", ">", f"> — {source}", ""]
    events = sorted(view.events_of.get(entity.id, []), key=_event_order)
    if events:
        lines += ["## Timeline", ""] + render_timeline(events, linker, heading_level=3)
    lines += _mention_contexts(entity, view, linker)
    return "\n".join(lines) + "\n"


def _relation_lines(entity: Entity, view: SiteView, linker: Linker) -> list[str]:
    """Relations grouped by kind, each with the paragraph that states it."""
    site = view.site
    groups: dict[str, list[str]] = defaultdict(list)
    for r in view.relations_of.get(entity.id, []):
        subject, obj = site.entities.get(r.subject), site.entities.get(r.object)
        article = site.articles.get(r.article)
        if subject is None or obj is None or article is None:
            continue
        verb = r.predicate.replace("-", " ")
        if r.subject == entity.id:
            line = f"{md_text(entity.name)} {verb} {linker.link(obj.name, entity_path(obj))}"
        else:
            line = f"{linker.link(subject.name, entity_path(subject))} {verb} {md_text(entity.name)}"
        flags = [label for flag, label in ((r.allegation, "alleged"), (r.denied, "denied")) if flag]
        source = linker.link(article.title, article_path(r.article), f"p{r.paragraph + 1}")
        groups[r.predicate].append(f"- {line}{' (' + ', '.join(flags) + ')' if flags else ''} — {source}")
    if not groups:
        return []
    lines = ["## Relations", ""]
    for predicate in sorted(groups):
        lines += [f"### {predicate.replace('-', ' ').capitalize()}", ""] + groups[predicate] + [""]
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
    lines += ["## Sources", ""]
    for source in event.sources:
        article = site.articles.get(source.article)
        if article is None:
            continue
        link = linker.link(article.title, article_path(source.article), f"p{source.paragraph + 1}")
        extra = []
        if source.date:
            extra.append(f"date as reported: {md_text(source.date)}")
        if source.fatalities is not None:
            extra.append(f"fatalities: {source.fatalities}")
        lines += [f"> {md_text(source.sentence)}", ">", f"> — {link}" + (f" ({'; '.join(extra)})" if extra else ""), ""]
    return "\n".join(lines) + "\n"


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


def render_timeline(events: Iterable[Event], linker: Linker, heading_level: int = 2) -> list[str]:
    """Events grouped by year and month; year-less ones under 'Year not stated'."""
    hashes = "#" * heading_level
    lines: list[str] = []
    dated = [e for e in events if e.date is not None]
    groups: dict[str, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in sorted(dated, key=_event_order, reverse=True):
        year = str(event.date.year) if event.date.year is not None else "Year not stated"
        month = MONTHS[event.date.month - 1] if event.date.month else "Month not stated"
        groups[year][month].append(event)
    years = sorted((y for y in groups if y != "Year not stated"), reverse=True)
    if "Year not stated" in groups:
        years.append("Year not stated")
    for year in years:
        lines += [f"{hashes} {year}", ""]
        for month, items in groups[year].items():
            lines += [f"{hashes}# {month}", ""]
            for event in items:
                lines.append(f"- {_event_line(event, linker)}")
            lines.append("")
    return lines


# --- briefs and indexes ------------------------------------------------------------------------


def render_brief(brief, view: SiteView, linker: Linker) -> str:
    site = view.site
    lines = [f"# {md_text(brief.title)}", ""]
    if brief.summary:
        lines += [md_text(brief.summary), ""]
    articles = [site.articles[a] for a in brief.articles if a in site.articles]
    in_brief = set(brief.articles)
    events = [e for e in site.events.values() if in_brief.intersection(e.articles)]
    counts: Counter = Counter()
    for article_id in brief.articles:
        for m in site.mentions.get(article_id, []):
            counts[m.entity] += 1
    lines += [f"{count(len(articles), 'article')} · {count(len(events), 'event')}", ""]
    if events:
        latest = sorted(events, key=_event_order, reverse=True)[:10]
        lines += ["## Latest events", ""] + [f"- {_event_line(e, linker)}" for e in latest] + [""]
    for kind, heading in (("actor", "Main actors"), ("place", "Main places")):
        top = [e for e in sorted(counts, key=lambda e: (-counts[e], e)) if e in site.entities and site.entities[e].kind == kind][:12]
        if top:
            lines += [f"## {heading}", ""]
            lines += [f"- {linker.link(site.entities[e].name, entity_path(site.entities[e]))} · {site.entities[e].type} · {counts[e]} mentions" for e in top]
            lines.append("")
    if articles:
        lines += ["## Articles", ""]
        for article in sorted(articles, key=lambda a: (a.published.sort_key() if a.published else (0, 0, 0), a.id), reverse=True):
            date = article.published.iso() if article.published else "undated"
            lines.append(f"- {md_text(date)} · {linker.link(article.title, article_path(article.id))}")
        lines.append("")
    if events:
        lines += ["## Timeline", ""] + render_timeline(events, linker, heading_level=3)
    return "\n".join(lines) + "\n"


def render_index(path: str, view: SiteView, linker: Linker) -> str:
    site = view.site
    if path == "articles/index.md":
        lines = ["# Articles", "", f"{count(len(site.articles), 'article')}.", ""]
        for article in sorted(site.articles.values(), key=lambda a: (a.title.casefold(), a.id)):
            date = article.published.iso() if article.published else "undated"
            lines.append(f"- {linker.link(article.title, article_path(article.id))} · {md_text(date)}")
        return "\n".join(lines) + "\n"
    if path in ("actors/index.md", "places/index.md"):
        kind = "actor" if path.startswith("actors") else "place"
        types = ACTOR_TYPES if kind == "actor" else PLACE_TYPES
        members = [e for e in site.entities.values() if e.kind == kind]
        lines = [f"# {'Actors' if kind == 'actor' else 'Places'}", "", f"{count(len(members), kind)}.", ""]
        for type_ in types:
            group = sorted((e for e in members if e.type == type_), key=lambda e: (e.name.casefold(), e.id))
            if group:
                lines += [f"## {type_.capitalize()}", ""]
                lines += [f"- {linker.link(e.name, entity_path(e))} · {count(len(e.articles), 'article')}" for e in group]
                lines.append("")
        return "\n".join(lines) + "\n"
    if path == "events/index.md":
        lines = ["# Events", "", f"{count(len(site.events), 'event')}. See also the [timeline](../timeline.md).", ""]
        linker.links["timeline.md"].add(path)
        from .model import EVENT_TYPES

        for type_ in EVENT_TYPES:
            group = sorted((e for e in site.events.values() if e.type == type_), key=_event_order, reverse=True)
            if group:
                lines += [f"## {type_}", ""] + [f"- {_event_line(e, linker)}" for e in group] + [""]
        return "\n".join(lines) + "\n"
    if path in ("network.md", "map.md"):
        from .visuals import render_map_page, render_network_page  # visuals builds on this module

        return (render_network_page if path == "network.md" else render_map_page)(site, linker)
    if path == "timeline.md":
        return "\n".join(["# Timeline", ""] + render_timeline(site.events.values(), linker)) + "\n"
    if path == "index.md":
        lines = ["# Briefing", ""]
        for brief in site.briefs.values():
            lines.append(f"- {linker.link(brief.title, brief_path(brief.id))} · {count(len(brief.articles), 'article')}")
        lines += ["", f"{count(len(site.articles), 'article')} · {count(sum(e.kind == 'actor' for e in site.entities.values()), 'actor')} · "
                  f"{count(sum(e.kind == 'place' for e in site.entities.values()), 'place')} · {count(len(site.events), 'event')}", ""]
        for target, label in (("timeline.md", "Timeline"), ("network.md", "Network"), ("map.md", "Map"),
                              ("actors/index.md", "Actors"),
                              ("places/index.md", "Places"), ("events/index.md", "Events"),
                              ("articles/index.md", "Articles")):
            lines.append(f"- {linker.link(label, target)}")
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
            href = relative(source, path)
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
