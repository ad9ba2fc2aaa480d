"""The built site as a reader meets it: served over HTTP the way GitHub Pages serves it (under the
``site_url`` path, ``404.html`` for what is missing) and read in Debian's Chromium through Playwright.

Screenshots land in ``test-artifacts/`` so that a person can look at what the tests looked at.
"""

from __future__ import annotations

import json
import re
from collections import deque
from html.parser import HTMLParser
from typing import Iterator
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest

from browsing import PHONE, RESULT_LINKS, Tab, open_tab, search, serve
from conftest import Build


@pytest.fixture(scope="module")
def seed_url(seed_site) -> Iterator[str]:
    with serve(seed_site) as url:
        yield url


@pytest.fixture(scope="module")
def corpus_url(corpus_site) -> Iterator[str]:
    with serve(corpus_site) as url:
        yield url


@pytest.fixture
def tab(browser, seed_url) -> Iterator[Tab]:
    with open_tab(browser, seed_url) as tab:
        yield tab


def _entity(build: Build, entity_id: str) -> dict:
    return next(e for e in build.graph["entities"] if e["id"] == entity_id)


def _search(tab: Tab, query: str) -> list[str]:
    """Type into the site's search (the header's dialog) as a person would; the pages of the results, in their order."""
    return search(tab, query, more=3)


# --- search ------------------------------------------------------------------------------------


def _surnames(build: Build) -> list[tuple[str, dict]]:
    """(surname, person) for every person whom the text also calls by surname alone."""
    return [(alias, e) for e in build.graph["entities"] if e["type"] == "person"
            for alias in e["aliases"] if alias == e["name"].split()[-1]]


def _other_names(build: Build) -> list[tuple[str, dict]]:
    """(alias, entity) for aliases with a word that the entity's name lacks: 'CSTO', 'Qush Tepa', 'Ворух'."""
    pairs = []
    for entity in build.graph["entities"]:
        words = set(entity["name"].casefold().split())
        for alias in entity["aliases"]:
            if not set(alias.casefold().split()) <= words and len(alias) > 2:
                pairs.append((alias, entity))
    return pairs


@pytest.mark.browser
def test_search_by_surname_finds_the_actor_and_leads_to_the_page(tab, seed_site):
    surnames = _surnames(seed_site)
    assert surnames, "the seed should have a person whom it also calls by surname alone"
    surname, person = surnames[0]
    tab.open("")
    results = _search(tab, surname)
    target = urljoin(tab.base, person["page"])
    assert target in results, (surname, results)
    tab.screenshot("search-surname")
    tab.page.locator(f'{RESULT_LINKS}[href="{urlsplit(target).path}"]').first.click()
    tab.page.wait_for_url(re.compile(re.escape(target)))
    tab.shows(person["name"])
    tab.assert_no_errors()


@pytest.mark.browser
def test_search_by_alias_finds_the_entity(browser, corpus_url, corpus_site):
    names = _other_names(corpus_site)
    assert names, "the corpus should have entities known by other names"
    with open_tab(browser, corpus_url) as tab:
        tab.open("")
        missed = [(alias, entity["id"]) for alias, entity in names[:12]
                  if urljoin(tab.base, entity["page"]) not in _search(tab, alias)]
        assert not missed, missed
        tab.assert_no_errors()


# --- following links ---------------------------------------------------------------------------


def _article_actor_event(build: Build) -> tuple[dict, dict, dict, dict]:
    """An article, an actor it links, an event of that actor, and the event's source in that article."""
    articles = {a["id"]: a for a in build.graph["articles"]}
    for event in build.graph["events"]:
        for source in event["sources"]:
            for actor_id in event["actors"]:
                actor = _entity(build, actor_id)
                if actor["kind"] == "actor" and source["article"] in actor["articles"]:
                    return articles[source["article"]], actor, event, source
    pytest.fail("no event whose actor is linked from the event's source article")


def _in_viewport(tab: Tab, selector: str) -> bool:
    return tab.page.evaluate(
        """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
                           return r.top >= 0 && r.top < window.innerHeight; }""", selector)


@pytest.mark.browser
def test_article_to_actor_to_event_to_source_paragraph_and_back_by_backlinks(tab, seed_site):
    article, actor, event, source = _article_actor_event(seed_site)
    page = tab.page
    tab.open(article["page"])
    page.evaluate("window.__sameDocument = true")
    tab.click(f'.md-content article a[href$="actors/{actor["id"]}/"]', actor["page"])
    tab.shows(actor["name"])
    assert page.evaluate("window.__sameDocument === true"), "instant navigation should not reload the page"

    tab.click(f'.md-content article a[href$="events/{event["id"]}/"]', event["page"])
    tab.shows(event["title"])
    anchor = f'p{source["paragraph"]}'
    tab.click(f'.md-content article a[href$="{article["page"]}#{anchor}"]', f'{article["page"]}#{anchor}')
    page.wait_for_function("(id) => document.getElementById(id) !== null", arg=anchor)
    assert urlsplit(page.url).fragment == anchor
    page.wait_for_timeout(300)  # Material scrolls to the anchor after the page is swapped in
    assert _in_viewport(tab, f"#{anchor}"), f"#{anchor} is not on screen"
    tab.screenshot("source-paragraph")

    page.go_back()
    page.wait_for_url(re.compile(re.escape(event["page"]) + "$"))
    backlinks = ".md-content .rb-backlinks"
    tab.shows(event["title"])
    tab.click(f'{backlinks} a[href$="actors/{actor["id"]}/"]', actor["page"])
    tab.shows(actor["name"])
    tab.click(f'{backlinks} a[href$="{article["page"]}"]', article["page"])
    tab.shows(article["title"])
    tab.assert_no_errors()


@pytest.mark.browser
def test_hovering_a_linked_actor_previews_its_page(tab, seed_site):
    article, actor, _, _ = _article_actor_event(seed_site)
    tab.open(article["page"])
    tab.page.locator(f'.md-content article a[href$="actors/{actor["id"]}/"]').first.hover()
    preview = tab.page.locator(".md-tooltip2--active").filter(has_text=actor["name"])
    preview.first.wait_for(state="visible", timeout=5000)
    tab.page.wait_for_timeout(500)  # let the fade-in finish before the screenshot
    tab.screenshot("hover-preview")
    tab.assert_no_errors()


# --- every link, every page --------------------------------------------------------------------


class _Refs(HTMLParser):
    """What a page asks the server for (links, stylesheets, scripts, images) and the ids it has."""

    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.refs.append(attrs[name])


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urlopen(url, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def crawl(base: str) -> dict[str, _Refs]:
    """Every page reachable from ``base`` (and from its 404 page) over HTTP. Fails on any URL of the
    server that does not answer 200, or that lies outside ``base``, where Pages serves other things."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base))
    pages: dict[str, _Refs] = {}
    checked: set[str] = set()
    queue = deque([base, urljoin(base, "404.html")])
    while queue:
        url = queue.popleft()
        if url in checked:
            continue
        checked.add(url)
        status, kind, body = _fetch(url)
        assert status == 200, f"{url} answered {status}"
        if kind != "text/html":
            continue
        refs = _Refs()
        refs.feed(body.decode("utf-8"))
        pages[url] = refs
        for ref in refs.refs:
            target = urldefrag(urljoin(url, ref))[0]
            if target.startswith(origin):
                assert target.startswith(base), f"{url} links outside the site: {ref}"
                if target not in checked:
                    queue.append(target)
    return pages


def _assert_every_reference_resolves(base: str, build: Build) -> None:
    pages = crawl(base)
    for url, refs in pages.items():
        for ref in refs.refs:
            target, fragment = urldefrag(urljoin(url, ref))
            if fragment and target in pages:
                assert fragment in pages[target].ids, f"{url}: #{fragment} is not on {target}"
    served = {urlsplit(u).path[len(urlsplit(base).path):] for u in pages}
    for record in build.graph["articles"] + build.graph["entities"] + build.graph["events"]:
        assert record["page"] in served, f"{record['page']} is not reachable by links from the home page"


def test_every_reference_of_the_seed_site_resolves_over_http(seed_url, seed_site):
    _assert_every_reference_resolves(seed_url, seed_site)


def test_every_reference_of_the_corpus_site_resolves_over_http(corpus_url, corpus_site):
    _assert_every_reference_resolves(corpus_url, corpus_site)


def test_sitemap_lists_every_generated_page(seed_url, seed_site):
    """Instant navigation and hover previews only work for pages the sitemap lists."""
    status, _, body = _fetch(urljoin(seed_url, "sitemap.xml"))
    assert status == 200
    # The server puts its own address in place of site_url (the first page listed may be a publisher's own).
    listed = {loc[len(seed_url):] for loc in re.findall(r"<loc>([^<]*)</loc>", body.decode())}
    for record in seed_site.graph["articles"] + seed_site.graph["entities"] + seed_site.graph["events"]:
        assert record["page"] in listed, record["page"]


def test_a_missing_page_answers_with_the_themes_404_page(seed_url, seed_site):
    assert (seed_site.site / "404.html").is_file()
    status, kind, body = _fetch(urljoin(seed_url, "actors/nobody-of-that-name/"))
    assert (status, kind) == (404, "text/html")
    assert "404 - Not found" in body.decode("utf-8")


@pytest.mark.browser
def test_pages_of_every_kind_raise_no_javascript_errors(tab, seed_site):
    graph = seed_site.graph
    paths = ["", "timeline/", "actors/", "places/", "events/", "articles/"]
    paths += [records[0]["page"] for records in (graph["articles"], graph["events"], graph["briefs"]) if records]
    paths += [next(e["page"] for e in graph["entities"] if e["kind"] == kind) for kind in ("actor", "place")]
    for path in paths:
        tab.open(path)
        tab.page.wait_for_load_state("networkidle")
    tab.open("actors/nobody-of-that-name/", status=404)
    tab.shows("404 - Not found")
    tab.screenshot("not-found")
    tab.assert_no_errors()


@pytest.mark.browser
def test_corpus_pages_raise_no_javascript_errors(browser, corpus_url, corpus_site):
    with open_tab(browser, corpus_url) as tab:
        for record in corpus_site.graph["articles"]:
            tab.open(record["page"])
            tab.page.wait_for_load_state("networkidle")
        tab.assert_no_errors()


# --- how it looks ------------------------------------------------------------------------------


@pytest.mark.browser
def test_article_reads_on_a_phone_without_sideways_scrolling(browser, seed_url, seed_site):
    article = seed_site.graph["articles"][0]
    with open_tab(browser, seed_url, viewport=PHONE) as tab:
        tab.open(article["page"])
        page = tab.page
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the article is {width}px wide on a {PHONE['width']}px screen"
        assert page.locator('label.md-header__button[for="__drawer"]').is_visible(), "no menu button"
        drawer = page.locator(".md-sidebar--primary").bounding_box()
        assert drawer["x"] + drawer["width"] <= 0, "the navigation should be folded into the menu"
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-content article p')).fontSize)")
        assert size >= 14, f"body text is {size}px"
        tab.screenshot("phone-article")
        tab.screenshot("phone-article-full", full_page=True)
        tab.assert_no_errors()


@pytest.mark.browser
def test_dark_scheme_follows_the_system_and_the_toggle(browser, seed_url, seed_site):
    actor = next(e for e in seed_site.graph["entities"] if e["kind"] == "actor")
    with open_tab(browser, seed_url, color_scheme="dark") as tab:
        tab.open(actor["page"])
        page = tab.page
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert _luminance(background) < 0.2, background
        tab.screenshot("dark-actor")
        tab.assert_no_errors()
    with open_tab(browser, seed_url, color_scheme="light") as tab:
        tab.open(actor["page"])
        assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        tab.screenshot("light-actor")
        tab.assert_no_errors()


def _luminance(css_color: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", css_color)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


# --- the theme's setup -------------------------------------------------------------------------


def test_entity_pages_carry_their_type_as_a_tag(seed_site):
    """Needs ``tags: [<type>]`` in the front matter of generated entity pages (pages.py)."""
    pages = {e["page"]: e for e in seed_site.graph["entities"]}
    tagged = {page for page in pages if 'class="md-tag' in seed_site.page(page.rstrip("/"))}
    if not tagged:
        pytest.skip("generated pages carry no `tags:` front matter yet")
    for page, entity in pages.items():
        html = seed_site.page(page.rstrip("/"))
        # Inside the content Pagefind indexes (templates/main.html), so that search finds the type.
        body = html.index("data-pagefind-body")
        assert re.search(rf'class="md-tag[^"]*"[^>]*>\s*{re.escape(entity["type"])}\s*<', html[body:]), \
            f"{page}: the indexed content shows no tag '{entity['type']}'"
