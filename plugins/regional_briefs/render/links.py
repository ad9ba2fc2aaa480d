"""Links: where each generated page lives, the URL the site serves it at, and the links between
pages. No MkDocs here.

A page's path is the path of its Markdown source from the docs root (``actors/x.md``). Every module
takes page paths from here; ``url_style`` turns one into a URL, ``relative_url`` into a link.

Links are written as HTML (``<a href>``) with the address the engine will serve the target at, so
that Markdown passes them through without inline processing and MkDocs no longer checks them: each
page records the pages it links to (``Page.links``), and ``broken_links`` checks them instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..language import lang_attr, script_language
from ..model import Entity
from .escape import attr_text, md_text

HOME = "index.md"  # generated only when the docs have no home page of their own
ARTICLES_INDEX = "articles/index.md"
ACTORS_INDEX = "actors/index.md"
PLACES_INDEX = "places/index.md"
EVENTS_INDEX = "events/index.md"
TIMELINE = "timeline.md"
NETWORK = "network.md"
MAP = "map.md"
COUNTRIES_INDEX = "countries/index.md"
RELATIONS_INDEX = "relations/index.md"
# The indexes in the navigation, in its order, with their titles.
INDEX_PAGES = {COUNTRIES_INDEX: "Countries", ARTICLES_INDEX: "Articles", ACTORS_INDEX: "Actors",
               PLACES_INDEX: "Places", EVENTS_INDEX: "Events", RELATIONS_INDEX: "Relations", TIMELINE: "Timeline",
               NETWORK: "Network", MAP: "Map"}
# Atom feeds sit at the root: Material's theme reads every <link rel="alternate"> in a page's head
# as a translation of the site and fetches "sitemap.xml" beside it, which exists only at the root.
SITE_FEED = "feed.xml"  # the newest events and articles of the whole site


def article_path(article_id: str) -> str:
    return f"articles/{article_id}.md"


def entity_path(entity: Entity) -> str:
    return f"{'actors' if entity.kind == 'actor' else 'places'}/{entity.id}.md"


def event_path(event_id: str) -> str:
    return f"events/{event_id}.md"


def brief_path(brief_id: str) -> str:
    return f"briefs/{brief_id}.md"


def country_path(country_id: str) -> str:
    """A country's page (its current picture); its entity page stays at ``places/<id>.md``."""
    return f"countries/{country_id}.md"


def country_feed_path(country_id: str) -> str:
    """A country's Atom feed (at the root, like ``SITE_FEED``)."""
    return f"feed-{country_id}.xml"


def relation_path(first: str, second: str) -> str:
    """The page of two actors' relation, the same whichever is named first: ``relations/a--b.md``.

    Ids are slugs, which never hold two hyphens in a row, so ``--`` parts the two ids unambiguously."""
    a, b = sorted((first, second))
    return f"relations/{a}--{b}.md"


def part_path(page: str, part: str) -> str:
    """A list that belongs to ``page``: (``actors/x.md``, ``timeline``) -> ``actors/x/timeline.md``.

    Ids never hold a "/", so ``X/part.md`` under a page ``X.md`` can equal no other generated page."""
    return f"{page[:-3]}/{part}.md"


def list_path(base: str, number: int) -> str:
    """Page ``number`` of the list at ``base``: ``timeline.md``, ``timeline/2.md``, ``timeline/3.md``…"""
    return base if number == 1 else part_path(base, str(number))


def type_list_path(index: str, type_: str) -> str:
    """The full list of one type on an index: (``actors/index.md``, ``person``) -> ``lists/actors/person.md``."""
    return f"lists/{index.split('/')[0]}/{type_}.md"


def directory_url(path: str) -> str:
    """``actors/x.md`` -> ``actors/x/`` (MkDocs' default ``use_directory_urls``)."""
    stem = path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def file_url(path: str) -> str:
    """``actors/x.md`` -> ``actors/x.html`` (``use_directory_urls: false``)."""
    return path[:-3] + ".html"


def source_url(path: str) -> str:
    """``actors/x.md`` -> ``actors/x.md``: for engines that are handed Markdown files and serve them as they are."""
    return path


def url_style(directory_urls: bool) -> Callable[[str], str]:
    """A page's URL from its Markdown path, as the engine writes it."""
    return directory_url if directory_urls else file_url


def relative_url(target: str, current: str) -> str:
    """The link from the page served at URL ``current`` to URL ``target``, both site-relative
    (``actors/x/``, ``actors/x.html``, ``""`` for the home page), as MkDocs writes it."""
    here = current.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "./"


def broken_links(pages: dict[str, tuple[str, ...]], exists: Callable[[str], bool]) -> list[str]:
    """A warning per link target that ``exists`` does not know, naming up to three pages that link to
    it. ``pages``: each page's path -> the paths it links to (``Page.links``)."""
    missing: dict[str, list[str]] = defaultdict(list)
    found: dict[str, bool] = {}  # each target asked once: a site links to a few thousand, a hundred thousand times
    for path, targets in sorted(pages.items()):
        for target in targets:
            if target not in found:
                found[target] = exists(target)
            if not found[target]:
                missing[target].append(path)
    return [f"generated link to '{target}', which is not in the site, on {', '.join(sources[:3])}"
            + (f" and {len(sources) - 3} more pages" if len(sources) > 3 else "")
            for target, sources in sorted(missing.items())]


@dataclass
class Linker:
    """Writes links between generated pages as HTML, remembers them for the backlinks, and records
    every target of each page (``targets``) for ``broken_links``.

    ``url_for`` is the engine's URL style (``url_style``); a target that is not a page (a data file,
    a feed) is served at its own path."""

    titles: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    targets: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    url_for: Callable[[str], str] = directory_url
    current: str = ""
    language: str = "en"  # the site's: a label in another script is marked with its language
    # While a page is rendered for ``memo.RenderMemo``: every link made, as (True, target, source)
    # for ``links`` and (False, source, target) for ``targets``, so that the page can be replayed.
    journal: Optional[list] = None
    # Computed once per site rather than once per link (a site has ~120 links per article): the URL
    # of each path, and each label's language attribute and escaped text (``_label``).
    _urls: dict[str, str] = field(default_factory=dict, repr=False)
    _labels: dict[str, str] = field(default_factory=dict, repr=False)

    def link(self, label: str, target: str, anchor: str = "", escaped: bool = False, track: bool = True) -> str:
        """``<a href>`` to ``target`` with ``label`` (untrusted text, escaped here unless ``escaped``);
        valid both in Markdown and in raw HTML. ``track=False`` for links that are navigation
        (pagers, a list back to its owner), not backlinks."""
        if track and target != self.current:
            self.links[target].add(self.current)
            if self.journal is not None:
                self.journal.append((True, target, self.current))
        href = self.href(target)
        href += f"#{anchor}" if anchor else ""
        return f'<a href="{attr_text(href)}"{">" + label if escaped else self._label(label)}</a>'

    def _label(self, label: str) -> str:
        """The end of a link's opening tag and its text: ``' lang="ru">'`` (or ``'>'``) and the
        escaped label."""
        end = self._labels.get(label)
        if end is None:
            end = self._labels[label] = f"{lang_attr(script_language(label), self.language)}>{md_text(label)}"
        return end

    def href(self, target: str) -> str:
        """The address of ``target`` (a page or a data file) from the page being written; no backlink."""
        self.targets[self.current].add(target)
        if self.journal is not None:
            self.journal.append((False, self.current, target))
        return relative_url(self.url_of(target), self.url_of(self.current))

    def url_of(self, path: str) -> str:
        url = self._urls.get(path)
        if url is None:
            url = self._urls[path] = self.url_for(path) if path.endswith(".md") else path
        return url
