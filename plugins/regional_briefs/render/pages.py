"""Pages: a ``Site`` in, Markdown pages out (path -> text), with backlinks. No MkDocs here.

``render_site`` registers every page and hands each to its renderer: the pages of articles,
entities, events and briefs are written here, the indexes in ``index_pages``, long lists in ``lists``.
Every string that comes from a seed is escaped with ``md_text`` before it reaches a page, so that
scraped markup, Markdown syntax and template braces stay the characters they are.

Why this module is a little long (~460 lines): the four kinds of record page share the helpers for
facts, backlinks and sources at its end; the index, country, relation and list pages are elsewhere.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Callable, Optional, Sequence

from ..language import in_language, in_script_language, lang_attr, language_name
from ..model import Article, Entity, Event, Mention, Site
from . import ASSETS
from .country_pages import render_country
from .escape import attr_text, md_text
from .index_pages import render_index
from .links import (
    HOME,
    INDEX_PAGES,
    Linker,
    article_path,
    brief_path,
    country_feed_path,
    country_path,
    directory_url,
    entity_path,
    event_path,
    part_path,
    relation_path,
)
from .lists import (
    article_group,
    article_order,
    count,
    event_line,
    event_order,
    format_date,
    paginate,
    render_article_list,
    render_timeline,
    timeline_group,
    timeline_order,
)
from .markup import blockquote, bullets, strong
from .memo import RenderMemo
from .markup import paragraph as html_paragraph
from .relation_pages import relation_links, render_relation
from .search import marks as search_marks
from .site_view import Limits, Page, SiteView
from .visuals import entity_network_block

MAX_CONTEXTS = 30  # mentions shown in context on an entity page; the rest are counted
MAX_BACKLINKS = 60
# The Markdown extensions the pages are written for (an engine must enable them).
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "admonition")


def render_site(site: Site, home: bool = True, limits: Limits = Limits(), *, language: str = "en",
                url_for: Callable[[str], str] = directory_url, memo: Optional[RenderMemo] = None) -> dict[str, Page]:
    """Every generated page of the site. ``home`` adds an ``index.md`` (when the docs have none);
    ``language`` is the site's, which marks passages from articles in other languages (``language.py``);
    ``url_for`` is the engine's URL style (``links.url_style``), which the links are written in.
    Each page's ``links`` lists what it links to, for ``links.broken_links``.

    Lists longer than ``limits`` allow are paginated (``list_path``) or summarised with a link to
    their pages, so no page grows with the site.

    With ``memo`` (a server's, kept from build to build), the pages of articles, entities and events
    whose inputs did not change since the last build are replayed, not rendered (``memo.py``).
    """
    linker = Linker(url_for=url_for, language=language)
    pages: dict[str, Page] = {}

    def add(page: Page) -> Page:
        if page.path in pages:
            raise ValueError(f"two generated pages at {page.path}")
        pages[page.path] = page
        linker.titles[page.path] = page.title
        linker.sections[page.path] = page.section
        return page

    view = SiteView(site, limits, pages, add, language=language)
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
    for country in view.by_country:
        add(Page(country_path(country), f"Country: {site.entities[country].name}", section="Countries",
                 feeds=((country_feed_path(country), site.entities[country].name),)))
    for pair in view.pairs:
        add(Page(relation_path(pair.first, pair.second), pair.title(site), section="Relations"))

    renderers = {
        **{article_path(a.id): (render_article, a) for a in site.articles.values()},
        **{entity_path(e): (render_entity, e) for e in site.entities.values()},
        **{event_path(e.id): (render_event, e) for e in site.events.values()},
        **{brief_path(b.id): (render_brief, b) for b in site.briefs.values()},
        **{country_path(c): (render_country, c) for c in view.by_country},
        **{relation_path(p.first, p.second): (render_relation, p) for p in view.pairs},
    }
    # The pages a memo may replay: what their record is read as (memo.py).
    owns = {
        **{article_path(a.id): ("site.articles", a.id) for a in site.articles.values()},
        **{entity_path(e): ("site.entities", e.id) for e in site.entities.values()},
        **{event_path(e.id): ("site.events", e.id) for e in site.events.values()},
    } if memo is not None else {}
    run = memo.start((home, limits, language, url_for), site, view, linker) if memo is not None else None
    # Renderers add the pages of their long lists as they go; those are written there and then.
    for path, page in sorted(pages.items()):
        linker.current = path
        if path in renderers:
            render, record = renderers[path]
            if path in owns:
                page.body = run.render(path, render, record, owns[path], search_marks)
            else:
                page.body = render(record, view, linker) + search_marks(record, view)
        else:
            page.body = render_index(path, view, linker)
    for path, page in pages.items():
        page.body += run.backlinks(path, render_backlinks) if run is not None else render_backlinks(path, linker)
    if run is not None:
        run.finish()
    for path, page in pages.items():
        page.links = tuple(sorted(linker.targets.get(path, ())))
    return pages


# --- articles ----------------------------------------------------------------------------------


def render_article(article: Article, view: SiteView, linker: Linker) -> str:
    site = view.site
    lines = [f"# {in_language(md_text(article.title), article.language, view.language)}", ""]
    facts = [f"{strong('Published:')} {md_text(article.published.iso()) if article.published else 'undated'}"]
    if article.outlet:
        facts.append(f"{strong('Source:')} {md_text(article.outlet)}")
    facts.append(f"{strong('Language:')} {md_text(language_name(article.language))}")
    if article.url and re.match(r"^https?://", article.url):
        facts.append(f'{strong("Original:")} <a href="{attr_text(article.url)}" rel="nofollow noopener">{md_text(article.url)}</a>')
    facts.append(f"{strong('Seed file:')} <code>{html.escape(article.source.strip(), quote=False)}</code>"
                 if "`" not in article.source else f"{strong('Seed file:')} {md_text(article.source)}")
    lines += html_paragraph(" · ".join(facts))
    if article.title_derived:
        lines += ["*The seed has no title; this one is its first sentence. Give it a title in `briefs/`.*", ""]
    mentions_by_para: dict[int, list[Mention]] = defaultdict(list)
    for m in site.mentions.get(article.id, []):
        mentions_by_para[m.paragraph].append(m)
    for paragraph in article.paragraphs:
        text = _linked_text(paragraph.text, mentions_by_para[paragraph.index], site, linker)
        # The paragraph itself carries the anchor, so a cited paragraph can be highlighted. A heading
        # stays Markdown (the table of contents lists it); a paragraph is raw HTML, as attr_list
        # would write it: its text is escaped, so Markdown would only pass it through, slowly.
        language = lang_attr(article.language, view.language)
        if paragraph.heading:
            lines += [f"### {text} {{: #{paragraph.anchor} .rb-para{language} }}", ""]
        else:
            lines += html_paragraph(text, f' class="rb-para" id="{paragraph.anchor}"{language}')
    entity_ids = sorted({m.entity for m in site.mentions.get(article.id, [])},
                        key=lambda e: site.entities[e].name.casefold() if e in site.entities else e)
    actors = [site.entities[e] for e in entity_ids if e in site.entities and site.entities[e].kind == "actor"]
    places = [site.entities[e] for e in entity_ids if e in site.entities and site.entities[e].kind == "place"]
    if actors:
        lines += ["## Actors", ""] + bullets(f"{linker.link(a.name, entity_path(a))} · {a.type}" for a in actors)
    if places:
        lines += ["## Places", ""] + bullets(f"{linker.link(p.name, entity_path(p))} · {p.type}" for p in places)
    events = sorted(view.event_ids_of_article.get(article.id, []), key=event_order)
    if events:
        lines += ["## Events", ""] + bullets(event_line(e, linker) for e in events)
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
    lines = [f"# {in_script_language(md_text(entity.name), entity.name, view.language)}", ""]
    facts = [f"**{entity.kind.capitalize()}** · {entity.type}"]
    if entity.within and entity.within in site.entities:
        facts.append(f"in {linker.link(site.entities[entity.within].name, entity_path(site.entities[entity.within]))}")
    if entity.lat is not None and entity.lon is not None:
        facts.append(f"{entity.lat:.3f}, {entity.lon:.3f}")
    if entity.id in view.by_country:
        facts.append(linker.link("its country page", country_path(entity.id)))
    lines += [" · ".join(facts), ""]
    if entity.aliases:
        lines += ["**Also written:** " + ", ".join(in_script_language(md_text(a), a, view.language)
                                                 for a in entity.aliases), ""]
    if entity.description:
        lines += [md_text(entity.description), ""]
    preview = view.limits.preview
    if entity.roles or entity.affiliations:
        items = []
        for role in entity.roles[:preview]:
            article = site.articles.get(role.article)
            source = linker.link(article.title if article else role.article, article_path(role.article),
                                 f"p{role.paragraph + 1}") if article else ""
            role_text = in_language(md_text(role.text), article.language, view.language) if article else md_text(role.text)
            items.append(f"{role_text} — {source}")
        items += _more(len(entity.roles) - preview, "more roles")
        affiliated = [site.entities[i] for i in entity.affiliations if i in site.entities]
        for other in affiliated[:preview]:
            items.append(f"Affiliated with {linker.link(other.name, entity_path(other))}")
        items += _more(len(affiliated) - preview, "more affiliations")
        lines += ["## Roles and affiliations", ""] + (bullets(items) or [""])
    lines += _relation_lines(entity, view, linker)
    lines += relation_links(view.pairs_of.get(entity.id, []), view, linker, "## With other actors")
    if entity.id in view.networked:
        lines += entity_network_block(entity.id, linker).splitlines() + [""]
    contained = sorted(view.contains.get(entity.id, []), key=lambda e: e.name.casefold())
    if contained:
        shown = view.limits.per_page
        lines += ["## Places within", ""] + bullets([f"{linker.link(e.name, entity_path(e))} · {e.type}" for e in contained[:shown]]
                                                  + _more(len(contained) - shown))
    if entity.quotes:
        lines += ["## Quotes", ""]
        for quote in entity.quotes[:preview]:
            article = site.articles.get(quote.article)
            source = linker.link(article.title, article_path(quote.article), f"p{quote.paragraph + 1}") if article else ""
            language = article.language if article else None
            lines += blockquote(f"“{in_language(md_text(quote.text), language, view.language)}”", source)
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
        items = []
        for r in groups[predicate][:preview]:
            subject, obj = site.entities[r.subject], site.entities[r.object]
            if r.subject == entity.id:
                line = f"{md_text(entity.name)} {verb} {linker.link(obj.name, entity_path(obj))}"
            else:
                line = f"{linker.link(subject.name, entity_path(subject))} {verb} {md_text(entity.name)}"
            flags = [label for flag, label in ((r.allegation, "alleged"), (r.denied, "denied")) if flag]
            source = linker.link(site.articles[r.article].title, article_path(r.article), f"p{r.paragraph + 1}")
            items.append(f"{line}{' (' + ', '.join(flags) + ')' if flags else ''} — {source}")
        lines += bullets(items + _more(len(groups[predicate]) - preview))
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
    items = []
    for article_id, m in contexts[:MAX_CONTEXTS]:
        article = site.articles[article_id]
        text = article.paragraphs[m.paragraph].text
        start, end = max(0, m.start - 90), min(len(text), m.end + 90)
        snippet = ("…" if start else "") + md_text(text[start:m.start]) + strong(md_text(text[m.start:m.end])) \
            + md_text(text[m.end:end]) + ("…" if end < len(text) else "")
        snippet = in_language(snippet, article.language, view.language)
        items.append(f"{snippet} — {linker.link(article.title, article_path(article_id), f'p{m.paragraph + 1}')}")
    rest = contexts[MAX_CONTEXTS:]
    if rest:
        items.append(f"… and {count(len(rest), 'more paragraph')} in {count(len({a for a, _ in rest}), 'article')}")
    return ["## Mentions { data-search-exclude }", "", '<div class="rb-mentions" data-search-exclude>',
            *bullets(items)[:-1], "</div>", ""]


def _more(hidden: int, noun: str = "more") -> list[str]:
    """The last item of a list that shows only some: "… and 3 more"."""
    return [f"… and {hidden} {noun}"] if hidden > 0 else []


# --- events ------------------------------------------------------------------------------------


def render_event(event: Event, view: SiteView, linker: Linker) -> str:
    site = view.site
    lines = [f"# {in_script_language(md_text(event.title), event.title, view.language)}", ""]
    facts = [f"{strong('Date:')} {md_text(format_date(event))} ({event.date.precision if event.date else 'undated'})",
             f"{strong('Type:')} {event.type}"]
    if event.fatalities is not None:
        facts.append(f"{strong('Fatalities:')} {event.fatalities}")
    lines += html_paragraph(" · ".join(facts))
    for label, ids in (("Actors", event.actors), ("Places", event.places)):
        names = [linker.link(site.entities[i].name, entity_path(site.entities[i])) for i in ids if i in site.entities]
        if names:
            lines += html_paragraph(f"{strong(label + ':')} " + ", ".join(names))
    pairs = view.pairs_of.get(event.id, [])
    if pairs:
        lines += html_paragraph(f"{strong('Relations:')} " + ", ".join(
            linker.link(p.title(site), relation_path(p.first, p.second)) for p in pairs))
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
        sentence = in_language(_linked_sentence(source, article, view.site, linker), article.language, view.language)
        # Each quote is marked too: the heading's attribute leaves out the heading only.
        lines += blockquote(sentence, link + (f" ({'; '.join(extra)})" if extra else ""), " data-search-exclude")
    return lines


def _linked_sentence(source, article: Article, site: Site, linker: Linker) -> str:
    """The source's sentence with the names it holds linked to their pages, as on the article's page."""
    paragraph = next((p for p in article.paragraphs if p.index == source.paragraph), None)
    at = paragraph.text.find(source.sentence) if paragraph is not None and source.sentence else -1
    if at < 0:
        return md_text(source.sentence)
    end = at + len(source.sentence)
    inside = [replace(m, start=m.start - at, end=m.end - at) for m in site.mentions.get(article.id, [])
              if m.paragraph == source.paragraph and at <= m.start and m.end <= end]
    return _linked_text(source.sentence, inside, site, linker)


# --- briefs ------------------------------------------------------------------------------------


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
        latest = sorted(events, key=event_order, reverse=True)[:min(10, preview)]
        lines += ["## Latest events", ""] + bullets(event_line(e, linker) for e in latest)
    for kind, heading in (("actor", "Main actors"), ("place", "Main places")):
        top = [e for e in sorted(counts, key=lambda e: (-counts[e], e))
               if e in site.entities and site.entities[e].kind == kind][:min(12, preview)]
        if top:
            lines += [f"## {heading}", ""]
            lines += bullets(f"{linker.link(site.entities[e].name, entity_path(site.entities[e]))} · "
                             f"{site.entities[e].type} · {counts[e]} mentions" for e in top)
    if articles:
        lines += ["## Articles", ""]
        lines += bullets(f"{md_text(article.published.iso() if article.published else 'undated')} · "
                         f"{linker.link(article.title, article_path(article.id))}" for article in articles[:preview])
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


# --- backlinks ---------------------------------------------------------------------------------


def render_backlinks(path: str, linker: Linker) -> str:
    sources = sorted(s for s in linker.links.get(path, ()) if s != path)
    if not sources:
        return ""
    previous = linker.current
    linker.current = path
    groups: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        groups[linker.sections.get(source, "")].append(source)
    items = []
    for section in sorted(groups):
        for source in sorted(groups[section], key=lambda s: linker.titles.get(s, s).casefold()):
            if len(items) >= MAX_BACKLINKS:
                break
            items.append(f"{section}: {linker.link(linker.titles.get(source, source), source, track=False)}")
    if len(sources) > len(items):
        items.append(f"… and {len(sources) - len(items)} more pages")
    lines = ["", "## Linked from { data-search-exclude }", "", '<div class="rb-backlinks" data-search-exclude>',
             *bullets(items)[:-1], "</div>", ""]
    linker.current = previous
    return "\n".join(lines)




def assets() -> dict[str, bytes]:
    """The static files every briefing site ships (site path -> content)."""
    return {f"assets/briefs/{name}": (ASSETS / name).read_bytes() for name in ("briefs.css", "briefing.css", "a11y.js")}
