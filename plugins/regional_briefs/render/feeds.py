"""Atom feeds of the newest events and articles, for the whole site and per country. No MkDocs here.

Written with feedgen. Everything in a feed comes from the articles, never from the clock: an
entry's ``published`` is the date of the first article that reports it, ``updated`` that of the
latest, and the feed's ``updated`` is its newest entry's; so the same seeds give the same feed.
Ids are ``urn:uuid`` names derived from the kind and id of the record, so an entry keeps its id
from build to build and whatever address the site is published at.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import uuid
from dataclasses import dataclass
from typing import Callable, Iterable

from feedgen.feed import FeedGenerator

from ..model import Article, Event, Site
from .briefing import Edition, countries_of, day_of, edition, events_by_country
from .links import SITE_FEED, article_path, country_feed_path, country_path, event_path
from .lists import format_date

MAX_ENTRIES = 50  # the newest events and articles in one feed
SUMMARY_CHARS = 300
NAMESPACE = uuid.UUID("5b0c7f1e-3f43-4a47-9a52-7d0f4c2a9e10")  # Regional Briefs' own: ids never clash with others'
# Characters XML 1.0 cannot hold; seeds are cleaned of most, but a feed must never fail on one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Feed:
    path: str  # site path of the .xml file
    title: str
    country: str = ""  # the country's entity id; "" for the whole site


def feed_id(kind: str, record_id: str) -> str:
    """A stable Atom id: the same for the same record in every build."""
    return uuid.uuid5(NAMESPACE, f"{kind}:{record_id}").urn


def site_feeds(site: Site, site_name: str) -> list[Feed]:
    """The site's feed and one per country with events, in a stable order."""
    name = site_name or "Briefing"
    feeds = [Feed(SITE_FEED, name)]
    for country in sorted(events_by_country(site)):
        feeds.append(Feed(country_feed_path(country), f"{name}: {site.entities[country].name}", country))
    return feeds


def atom_files(site: Site, url_for: Callable[[str], str], site_url: str = "", site_name: str = "") -> dict[str, str]:
    """Site path -> Atom XML of every feed of ``site_feeds``.

    Links are absolute under ``site_url`` when it is set, else relative to the feed file."""
    news = edition(site)
    by_country = events_by_country(site)
    files = {}
    for feed in site_feeds(site, site_name):
        if not feed.country:
            events, articles, page = list(site.events.values()), list(site.articles.values()), "index.md"
        else:
            events = by_country[feed.country]
            reporting = {a for e in events for a in e.articles}
            articles = [a for a in site.articles.values() if a.id in reporting]
            page = country_path(feed.country)
        files[feed.path] = _atom(feed, events, articles, page, news, site, url_for, site_url)
    return files


def _atom(feed: Feed, events: Iterable[Event], articles: Iterable[Article], page: str, news: Edition,
          site: Site, url_for: Callable[[str], str], site_url: str) -> str:
    def href(path: str) -> str:
        url = url_for(path)
        if site_url:
            return site_url.rstrip("/") + "/" + url
        return "../" * feed.path.count("/") + url or "./"

    entries = []
    for event in events:
        published = news.first_reported.get(event.id) or day_of(event.date)
        if published is None:
            continue
        updated = news.last_reported.get(event.id) or published
        where = ", ".join(site.entities[c].name for c in countries_of(event, site))
        summary = f"{format_date(event)} · {event.type}" + (f" · {where}" if where else "")
        if event.sources:
            summary += f". {event.sources[0].sentence}"
        entries.append((updated, event.date.sort_key() if event.date else (0, 0, 0), published,
                        feed_id("event", event.id), f"{format_date(event)}: {event.title}",
                        href(event_path(event.id)), summary, event.type))
    for article in articles:
        published = day_of(article.published)
        if published is None:
            continue
        text = " ".join(p.text for p in article.paragraphs[:2] if not p.heading)
        entries.append((published, article.published.sort_key(), published, feed_id("article", article.id),
                        article.title, href(article_path(article.id)), text, "article"))
    # Newest report first, then the newest event, then by id: a total order, the same every build.
    entries.sort(key=lambda e: (e[0], e[1], e[3]), reverse=True)
    entries = entries[:MAX_ENTRIES]

    generator = FeedGenerator()
    generator.id(feed_id("feed", feed.path))
    generator.title(_xml(feed.title))
    generator.author({"name": _xml(feed.title)})
    generator.link(href=href(page), rel="alternate", type="text/html")
    generator.link(href=(site_url.rstrip("/") + "/" + feed.path) if site_url else posixpath.basename(feed.path),
                   rel="self", type="application/atom+xml")
    generator.language("en")
    newest = max((e[0] for e in entries), default=None)
    generator.updated(_moment(newest or dt.date(1970, 1, 1)))
    for updated, _, published, id_, title, link, summary, category in reversed(entries):
        entry = generator.add_entry()  # prepends: the newest ends up first
        entry.id(id_)
        entry.title(_xml(title))
        entry.link(href=link, rel="alternate", type="text/html")
        entry.published(_moment(published))
        entry.updated(_moment(updated))
        entry.summary(_xml(_shorten(summary)))
        entry.category(term=category)
    return generator.atom_str(pretty=True).decode("utf-8")


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)

