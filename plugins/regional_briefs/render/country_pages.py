"""The home page of the latest developments, the countries index and a page per country. No MkDocs here.

What counts as new and which events a country holds is decided in ``briefing``; this module
writes it. The home page groups each event under its first country (where it happened, else whose
actors took part), so that an event is listed once; a country page lists every event that
involves the country.
"""

from __future__ import annotations

from collections import Counter

from ..model import Event, PartialDate
from .briefing import countries_of, is_dated, latest_first, months
from .escape import md_text
from .links import (
    ACTORS_INDEX,
    ARTICLES_INDEX,
    COUNTRIES_INDEX,
    EVENTS_INDEX,
    INDEX_PAGES,
    MAP,
    NETWORK,
    PLACES_INDEX,
    RELATIONS_INDEX,
    SITE_FEED,
    TIMELINE,
    Linker,
    article_path,
    brief_path,
    country_feed_path,
    country_path,
    entity_path,
    relation_path,
)
from .lists import MONTHS, count, event_line, format_date
from .markup import bullets, strong
from .site_view import SiteView
from .visuals import on_map

HOME_COUNTRIES = 8  # countries with their latest events on the home page
HOME_EVENTS = 5  # latest events per country on the home page
COUNTRY_EVENTS = 10  # latest events on a country page
KEY_ACTORS = 10
NO_COUNTRY = "Elsewhere"


def _day(date: PartialDate) -> str:
    """A date as precise as it was given: "November 15, 2025", "November 2025", "2025"."""
    if date.month is None:
        return str(date.year)
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}" if date.day else f"{MONTHS[date.month - 1]} {date.year}"


def new_line(event: Event, view: SiteView, linker: Linker) -> str:
    """A list item for an event, marked **New** when it is."""
    mark = strong("New") + " · " if event.id in view.news.events else ""
    return f"{mark}{event_line(event, linker)}"


def edition_line(view: SiteView) -> str:
    news = view.news
    if news.as_of is None:
        return "No article has a publication date yet, so nothing is marked new."
    return (f"As of **{_day(news.newest)}**, the date of the newest article: {count(len(news.events), 'new event')} "
            f"and {count(len(news.articles), 'new article')} in the week to that date, marked **New**.")


def render_home(view: SiteView, linker: Linker) -> str:
    site = view.site
    lines = ["# Briefing", "", edition_line(view), ""]
    first_country: dict[str, list[Event]] = {}
    for event in latest_first(site.events.values()):
        countries = countries_of(event, site)
        first_country.setdefault(countries[0] if countries else NO_COUNTRY, []).append(event)
    lines += ["## Latest developments", ""]
    if not first_country:
        lines += ["No dated event yet.", ""]
    # Countries by their latest event, then by name; events without a country last.
    order = sorted((c for c in first_country if c != NO_COUNTRY), key=lambda c: site.entities[c].name.casefold())
    order.sort(key=lambda c: _newest(first_country[c]), reverse=True)  # stable: equal dates stay A–Z
    for country in order[:HOME_COUNTRIES]:
        entity = site.entities[country]
        lines += [f"### {linker.link(entity.name, country_path(country))}", ""]
        lines += bullets(new_line(e, view, linker) for e in first_country[country][:HOME_EVENTS])
    if len(order) > HOME_COUNTRIES:
        lines += [f"{count(len(order) - HOME_COUNTRIES, 'more country')} on the "
                  f"{linker.link('countries index', COUNTRIES_INDEX)}.", ""]
    if NO_COUNTRY in first_country:
        lines += [f"### {NO_COUNTRY}", "", "Events placed in no country:", ""]
        lines += bullets(new_line(e, view, linker) for e in first_country[NO_COUNTRY][:HOME_EVENTS])
    new_articles = [a for a in site.articles.values() if a.id in view.news.articles]
    if new_articles:
        items = [f"{md_text(article.published.iso())} · {linker.link(article.title, article_path(article.id))}"
                 for article in sorted(new_articles, key=lambda a: (a.published.sort_key(), a.id), reverse=True)[:HOME_EVENTS * 2]]
        if len(new_articles) > HOME_EVENTS * 2:
            items.append(f"… and {len(new_articles) - HOME_EVENTS * 2} more on the {linker.link('articles index', ARTICLES_INDEX)}")
        lines += ["## New articles", ""] + bullets(items)
    if site.briefs:
        lines += ["## Briefs", ""] + bullets(f"{linker.link(brief.title, brief_path(brief.id))} · "
                                             f"{count(len(brief.articles), 'article')}" for brief in site.briefs.values())
    lines += ["## The whole briefing", "",
              f"{count(len(site.articles), 'article')} · {count(sum(e.kind == 'actor' for e in site.entities.values()), 'actor')} · "
              f"{count(sum(e.kind == 'place' for e in site.entities.values()), 'place')} · {count(len(site.events), 'event')}", ""]
    lines += bullets(linker.link(INDEX_PAGES[target], target) for target in (
        COUNTRIES_INDEX, TIMELINE, NETWORK, MAP, ACTORS_INDEX, PLACES_INDEX, EVENTS_INDEX, RELATIONS_INDEX, ARTICLES_INDEX))
    lines += [f"Follow it in a feed reader: {linker.link('Atom feed of the whole briefing', SITE_FEED, track=False)}.", ""]
    return "\n".join(lines) + "\n"


def _newest(events: list[Event]) -> tuple:
    return max((e.date.sort_key(), e.id) for e in events)


def render_countries_index(view: SiteView, linker: Linker) -> str:
    site = view.site
    countries = sorted(view.by_country, key=lambda c: site.entities[c].name.casefold())
    number = f"{len(countries)} {'country' if len(countries) == 1 else 'countries'}"
    lines = ["# Countries", "", f"{number} with events, A–Z. {edition_line(view)}", ""]
    items = []
    for country in countries:
        events = view.by_country[country]
        new = sum(e.id in view.news.events for e in events)
        latest = latest_first(events)
        when = f" · latest {md_text(format_date(latest[0]))}" if latest else ""
        items.append(f"{linker.link(site.entities[country].name, country_path(country))} · "
                     f"{count(len(events), 'event')}{' · ' + strong(f'{new} new') if new else ''}{when}")
    return "\n".join(lines + bullets(items)) + "\n"


def render_country(country: str, view: SiteView, linker: Linker) -> str:
    site = view.site
    entity = site.entities[country]
    events = view.by_country.get(country, [])
    latest = latest_first(events)
    articles = {a for e in events for a in e.articles}
    new = [e for e in events if e.id in view.news.events]
    lines = [f"# Country: {md_text(entity.name)}", ""]
    facts = [f"{count(len(events), 'event')}", f"{count(len(articles), 'article')}"]
    if latest:
        facts.append(f"latest: {md_text(format_date(latest[0]))}")
    if view.news.as_of is not None:
        facts.append(f"**{len(new)} new** in the week to {_day(view.news.newest)}")
    lines += [" · ".join(facts), "",
              f"Its own page, with every mention and event: {linker.link(entity.name, entity_path(entity))}. "
              f"Follow this country in a feed reader: {linker.link('Atom feed', country_feed_path(country), track=False)}.", ""]
    lines += ["## Latest events", ""]
    items = [new_line(e, view, linker) for e in latest[:COUNTRY_EVENTS]]
    undated = len(events) - len(latest)
    if len(latest) > COUNTRY_EVENTS or undated:
        items.append(f"… {count(len(events), 'event')} in all, on the timeline of "
                     f"{linker.link(entity.name, entity_path(entity))}")
    lines += (["No dated event.", ""] if not latest else []) + bullets(items)
    lines += _key_actors(country, events, view, linker)
    lines += _month_chart(entity.name, events)
    lines += _pairs(country, events, view, linker)
    lines += _places(country, view, linker)
    return "\n".join(lines) + "\n"


def _key_actors(country: str, events: list[Event], view: SiteView, linker: Linker) -> list[str]:
    site = view.site
    counts: Counter = Counter(a for e in events for a in set(e.actors) if a != country and a in site.entities)
    if not counts:
        return []
    lines = ["## Key actors", "", "The actors in most of its events:", ""]
    top = sorted(counts.items(), key=lambda kv: (-kv[1], site.entities[kv[0]].name.casefold()))[:KEY_ACTORS]
    return lines + bullets(f"{linker.link(site.entities[actor].name, entity_path(site.entities[actor]))} · "
                           f"{site.entities[actor].type} · {count(n, 'event')}" for actor, n in top)


def _month_chart(name: str, events: list[Event]) -> list[str]:
    """Events per month as a table (read by screen readers as one) with a bar per row for the eye."""
    rows, earlier = months(events)
    if not rows:
        return []
    top = max(n for _, _, n in rows) or 1
    first, last = rows[-1], rows[0]
    caption = (f"Events per month in {md_text(name)}, {MONTHS[first[1] - 1]} {first[0]} to "
               f"{MONTHS[last[1] - 1]} {last[0]}, newest first")
    html = ['<table class="rb-months">', f"<caption>{caption}</caption>",
            '<thead><tr><th scope="col">Month</th><th scope="col">Events</th></tr></thead>', "<tbody>"]
    for year, month, n in rows:
        width = round(80 * n / top)  # at most 80%: the count beside the longest bar stays in the cell
        html.append(f'<tr><th scope="row">{MONTHS[month - 1]} {year}</th><td><span class="rb-months__bar" '
                    f'style="width: {width}%" aria-hidden="true"></span> {n}</td></tr>')
    html += ["</tbody>", "</table>"]
    lines = ["## Events per month", "", *html, ""]
    undated = sum(1 for e in events if not (is_dated(e) and e.date.month))
    notes = []
    if earlier:
        notes.append(f"{count(earlier, 'earlier event')} before this period")
    if undated:
        notes.append(f"{count(undated, 'event')} dated to a year only or undated, not counted")
    if notes:
        lines += ["; ".join(notes).capitalize() + ".", ""]
    return lines


def _pairs(country: str, events: list[Event], view: SiteView, linker: Linker) -> list[str]:
    site = view.site
    mine = [p for p in view.pairs if country in (p.first, p.second)]
    if not mine:
        return []
    return ["## Relations", ""] + bullets(f"{linker.link(pair.title(site), relation_path(pair.first, pair.second))} · "
                                          f"{pair.summary()}" for pair in mine)


def _places(country: str, view: SiteView, linker: Linker) -> list[str]:
    site = view.site
    inside = [e for e in site.entities.values()
              if e.kind == "place" and e.id != country and view.country_of.get(e.id) == country]
    if not inside:
        return []
    events_at: Counter = Counter(p for e in view.by_country.get(country, []) for p in set(e.places))
    inside.sort(key=lambda e: (-events_at[e.id], e.name.casefold()))
    lines = ["## Places", "", f"Its places in the articles, each marked when it is on the {linker.link('map', MAP)}.", ""]
    items = []
    for place in inside[:view.limits.per_page]:
        located = " · on the map" if on_map(place) else ""
        n = events_at[place.id]
        items.append(f"{linker.link(place.name, entity_path(place))} · {place.type}"
                     f"{' · ' + count(n, 'event') if n else ''}{located}")
    if len(inside) > view.limits.per_page:
        items.append(f"… and {len(inside) - view.limits.per_page} more")
    return lines + bullets(items)

