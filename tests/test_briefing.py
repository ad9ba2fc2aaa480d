"""The briefing an analyst reads (issue #17): the briefing apart from the manual, what is new,
country pages and feeds, relation pages, and print.

The browser tests reuse the session's ``seed_site`` (the repository's own briefing)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from browsing import open_tab, serve
from conftest import MKDOCS, REPO, Build, mkdocs_build

MANUAL = REPO / "manual"


@pytest.fixture(scope="module")
def seed_url(seed_site) -> Iterator[str]:
    with serve(seed_site) as url:
        yield url


# --- the briefing and the manual apart ---------------------------------------------------------


def _manual_pages() -> set[str]:
    return {p.relative_to(MANUAL / "docs").as_posix() for p in (MANUAL / "docs").rglob("*.md")}


def _nav_files(nav) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(_nav_files(v) for v in nav.values()))
    return set().union(*(_nav_files(item) for item in nav)) if nav else set()


def test_no_page_of_the_manual_is_in_the_briefings_docs():
    briefing = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}
    assert not briefing & _manual_pages(), "pages about the tool belong in manual/docs/, not in docs/"
    assert "quality.md" in _manual_pages() and "accessibility.md" in _manual_pages()


@pytest.mark.slow
def test_the_manual_builds_strict_on_its_own_with_every_page_in_its_navigation(tmp_path):
    config = yaml.safe_load((MANUAL / "mkdocs.yml").read_text(encoding="utf-8"))
    assert _nav_files(config["nav"]) == _manual_pages()
    assert "briefs" not in str(config["plugins"])
    result = mkdocs_build(MANUAL, site=tmp_path / "manual")
    assert result.returncode == 0, result.log
    assert (tmp_path / "manual" / "curation" / "index.html").is_file()


@pytest.mark.browser
def test_the_briefings_navigation_has_the_publishers_pages_and_none_of_the_manual(browser, seed_url, seed_site):
    with open_tab(browser, seed_url) as tab:
        tab.open("")
        nav = tab.page.locator("nav.md-nav--primary a.md-nav__link").evaluate_all(
            "links => links.map(a => [a.textContent.trim(), a.getAttribute('href') || ''])")
        tab.assert_no_errors()
    labels = {label for label, _ in nav}
    hrefs = " ".join(href for _, href in nav)
    assert "About this briefing" in labels
    assert {"Actors", "Events", "Timeline", "Countries", "Relations"} <= labels
    manual = yaml.safe_load((MANUAL / "mkdocs.yml").read_text(encoding="utf-8"))
    titles = {next(iter(item)) for section in manual["nav"] for item in
              (section[next(iter(section))] if isinstance(section[next(iter(section))], list) else [section])}
    for title in titles - {"Manual"}:
        assert title not in labels, title
    for page in _manual_pages():
        assert page[:-3] + "/" not in hrefs, page


# --- what is new, by country -------------------------------------------------------------------


def _site(articles: dict[str, str | None], events: list[tuple[str, str | None, list[str], list[str], list[str]]],
          entities: list[tuple[str, str, str, str | None]], relations=()):
    """A hand-made site: articles (id -> published), events (id, date, articles, actors, places),
    entities (id, kind, type, within)."""
    from regional_briefs.model import Article, Entity, Event, EventSource, Paragraph, PartialDate, Site

    return Site(
        articles={a: Article(a, f"{a}.txt", f"Article {a}", [Paragraph(0, "Text.")], PartialDate.parse(d))
                  for a, d in articles.items()},
        entities={i: Entity(i, kind, type_, i.replace("-", " ").title(), within=within)
                  for i, kind, type_, within in entities},
        events={i: Event(i, PartialDate.parse(d), "visit", f"Event {i}", actors, places,
                         sources=[EventSource(a, 0, "A sentence.") for a in arts])
                for i, d, arts, actors, places in events},
        briefs={}, mentions={}, relations=list(relations))


ENTITIES = [("tajikistan", "place", "country", None), ("afghanistan", "place", "country", None),
            ("dushanbe", "place", "city", "tajikistan"), ("khorog", "place", "city", "gbao"),
            ("gbao", "place", "region", "tajikistan"), ("taliban", "actor", "government", "afghanistan"),
            ("ministry", "actor", "government", "tajikistan"), ("panj", "place", "river", None)]


def test_new_is_what_the_week_up_to_the_newest_article_first_reported():
    from regional_briefs.render.briefing import edition

    site = _site({"old": "2025-10-01", "mid": "2025-11-14", "new": "2025-11-20", "undated": None},
                 [("e-old", "2025-09-30", ["old"], [], []),
                  ("e-followed-up", "2025-09-30", ["old", "new"], [], []),  # first reported in October
                  ("e-new", "2025-11-19", ["new"], [], []),
                  ("e-edge", "2021", ["mid"], [], []),  # reported on the week's first day; its own date is old
                  ("e-unreported", "2025-11-20", ["undated"], [], [])],
                 ENTITIES)
    news = edition(site)
    assert str(news.as_of) == "2025-11-20" and str(news.since) == "2025-11-14"
    assert news.events == {"e-new", "e-edge"}
    assert news.articles == {"mid", "new"}
    assert edition(_site({"a": None}, [], ENTITIES)).events == set()


def test_events_are_placed_in_countries_through_places_then_actors():
    from regional_briefs.render.briefing import countries_of, events_by_country

    site = _site({"a": "2025-11-01"},
                 [("in-khorog", "2025-11-01", ["a"], ["taliban"], ["khorog"]),  # khorog -> gbao -> tajikistan
                  ("on-the-river", "2025-11-01", ["a"], ["ministry", "taliban"], ["panj"]),
                  ("nowhere", "2025-11-01", ["a"], [], ["panj"])],
                 ENTITIES)
    assert countries_of(site.events["in-khorog"], site) == ["tajikistan", "afghanistan"]
    assert countries_of(site.events["on-the-river"], site) == ["tajikistan", "afghanistan"]
    assert countries_of(site.events["nowhere"], site) == []
    assert {c: [e.id for e in es] for c, es in events_by_country(site).items()} == {
        "afghanistan": ["in-khorog", "on-the-river"], "tajikistan": ["in-khorog", "on-the-river"]}


def test_events_per_month_run_from_the_first_month_to_the_latest_with_empty_months_kept():
    from regional_briefs.render.briefing import months

    site = _site({"a": "2025-11-01"},
                 [(f"e{i}", d, ["a"], [], []) for i, d in
                  enumerate(["2025-11-02", "2025-11", "2025-08-30", "2024", None, "2023-01-05"])], ENTITIES)
    rows, earlier = months(site.events.values(), span=4)
    assert rows == [(2025, 11, 2), (2025, 10, 0), (2025, 9, 0), (2025, 8, 1)]
    assert earlier == 1  # January 2023, before the four months shown
    rows, earlier = months(site.events.values())  # 35 months from January 2023: the latest 24 are shown
    assert len(rows) == 24 and rows[-1] == (2023, 12, 0) and earlier == 1


def test_the_home_page_leads_with_the_latest_events_by_country_marked_new(seed_site):
    home = seed_site.page("")
    home = home[home.index("<article"):]  # the page's content, not its table of contents
    latest = home.index("Latest developments")
    assert latest < home.index("The whole briefing")
    section = home[latest:home.index("The whole briefing")]
    assert "As of <strong>November 2025</strong>" in home
    first = re.search(r'href="(events/[^"]+)"', section).group(1)
    assert first.startswith("events/2025-11-15"), first  # the newest event of the seed comes first
    assert section.count("<strong>New</strong>") == len(seed_site.graph["events"])  # one article: all new
    for country in ("Afghanistan", "Tajikistan"):
        assert re.search(rf'<h3[^>]*><a href="countries/{country.lower()}/">{country}</a>', section), country


def test_a_country_page_shows_its_actors_latest_events_and_an_accessible_month_chart(seed_site):
    page = seed_site.page("countries/tajikistan")
    for heading in ("Latest events", "Key actors", "Events per month", "Relations", "Places"):
        assert f">{heading}<" in page, heading
    table = page[page.index('<table class="rb-months">'):page.index("</table>")]
    assert "<caption>Events per month in Tajikistan, October 2025 to November 2025, newest first</caption>" in table
    assert re.findall(r'<th scope="row">([^<]+)</th><td><span class="rb-months__bar" style="width: (\d+)%" '
                      r'aria-hidden="true"></span> (\d+)</td>', table) == [
        ("November 2025", "40", "1"), ("October 2025", "80", "2")]
    assert 'href="../../actors/taliban/"' in page and 'href="../../places/tajikistan/"' in page
    assert 'href="../../countries/tajikistan/"' in seed_site.page("places/tajikistan")


# --- feeds -------------------------------------------------------------------------------------


def _feeds(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(site.glob("feed*.xml"))}


def test_feeds_are_valid_atom_with_dated_entries_and_are_named_in_every_pages_head(seed_site):
    feedparser = pytest.importorskip("feedparser")
    feeds = _feeds(seed_site.site)
    assert set(feeds) == {"feed.xml"} | {f"feed-{c}.xml" for c in ("afghanistan", "russia", "tajikistan")}
    whole = feedparser.parse(feeds["feed.xml"])
    assert not whole.bozo, whole.bozo_exception
    assert whole.version == "atom10"
    assert whole.feed.title == "Regional Briefs — Central Asia and Afghanistan"
    assert whole.feed.updated == "2025-11-01T00:00:00+00:00"  # the newest article's date, not the build's
    assert len(whole.entries) == len(seed_site.graph["events"]) + len(seed_site.graph["articles"])
    base = "https://example.github.io/regional-briefs/"
    pages = {e["page"] for e in seed_site.graph["events"] + seed_site.graph["articles"]}
    for entry in whole.entries:
        assert entry.id.startswith("urn:uuid:") and entry.updated and entry.published and entry.summary
        assert entry.link.startswith(base) and entry.link[len(base):] in pages, entry.link
    assert len({e.id for e in whole.entries}) == len(whole.entries)
    country = feedparser.parse(feeds["feed-russia.xml"])
    assert not country.bozo and {e.title for e in country.entries} >= {
        f"2021: {e['title']}" for e in seed_site.graph["events"] if "russia" in e["actors"]}
    head = seed_site.page("countries/tajikistan")
    links = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head)
    assert links == [("Regional Briefs — Central Asia and Afghanistan", "../../feed.xml"),
                     ("Regional Briefs — Central Asia and Afghanistan: Tajikistan", "../../feed-tajikistan.xml")]
    assert '<link rel="alternate" type="application/atom+xml"' in seed_site.page("about")


def test_a_site_without_site_url_gets_feeds_with_relative_links_and_no_undated_entries():
    feedparser = pytest.importorskip("feedparser")
    from regional_briefs.render.feeds import atom_files
    from regional_briefs.render.links import directory_url

    site = _site({"a": "2025-11-20", "b": None},
                 [("e1", "2025-11-19", ["a"], ["taliban"], ["khorog"]), ("e2", None, ["b"], ["taliban"], [])],
                 ENTITIES)
    files = atom_files(site, directory_url)
    assert set(files) == {"feed.xml", "feed-afghanistan.xml", "feed-tajikistan.xml"}
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo and feed.feed.updated == "2025-11-20T00:00:00+00:00"
    assert [(e.title, e.link) for e in feed.entries] == [("Article a", "articles/a/"),
                                                         ("November 19, 2025: Event e1", "events/e1/")]
    assert atom_files(site, directory_url) == files


@pytest.mark.slow
def test_feed_ids_and_text_are_the_same_in_another_build(seed_site, tmp_path):
    """A second build of the same project, in another folder and without any cache: same feeds."""
    feedparser = pytest.importorskip("feedparser")
    project = tmp_path / "again"
    shutil.copytree(seed_site.project, project, ignore=shutil.ignore_patterns("site", ".cache"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("briefs_dir: briefs", "briefs_dir: briefs\n      cache_dir: ''"),
                                        encoding="utf-8")
    again = mkdocs_build(project)
    assert again.returncode == 0, again.log
    first, second = _feeds(seed_site.site), _feeds(again.site)
    for path in first:
        ids = [e.id for e in feedparser.parse(first[path]).entries]
        assert ids and ids == [e.id for e in feedparser.parse(second[path]).entries], path
    assert first == second


# --- relations as pages ------------------------------------------------------------------------


def test_a_pair_needs_a_stated_relation_or_two_shared_events_and_is_titled_a_to_z():
    from regional_briefs.model import Relation
    from regional_briefs.render.pairs import actor_pairs

    site = _site({"a": "2025-11-01"},
                 [("e1", "2025-11-01", ["a"], ["taliban", "tajikistan", "ministry"], ["dushanbe"]),
                  ("e2", "2025-11-02", ["a"], ["taliban", "tajikistan"], [])],
                 ENTITIES, [Relation("ministry", "accuses", "taliban", "a", 0, "The ministry accused the Taliban.")])
    pairs = actor_pairs(site)
    assert [(p.title(site), len(p.events), len(p.relations)) for p in pairs] == [  # most evidence, then A–Z
        ("Ministry – Taliban", 1, 1), ("Tajikistan – Taliban", 2, 0)]
    assert all("dushanbe" not in (p.first, p.second) for p in pairs)  # a city is no actor
    assert not any({p.first, p.second} == {"ministry", "tajikistan"} for p in pairs)  # one shared event only


def test_what_one_said_of_the_other_is_a_quote_of_it_or_its_people_that_names_the_other():
    from regional_briefs.model import Article, Entity, Mention, Paragraph, PartialDate, Quote
    from regional_briefs.render.pairs import quotes_naming, said_of, speaks_for
    from regional_briefs.render.site_view import SiteView

    site = _site({"a": "2025-11-01"}, [], ENTITIES)
    text = "“The Taliban must stop,” the minister said. “We are calm,” he added of the Taliban."
    site.articles["a"].paragraphs = [Paragraph(0, text)]
    site.entities["minister"] = Entity("minister", "actor", "person", "The Minister", affiliations=["ministry"])
    named, unnamed = Quote("minister", "The Taliban must stop,", "a", 0), Quote("minister", "We are calm,", "a", 0)
    site.entities["minister"].quotes = [named, unnamed]
    site.mentions = {"a": [Mention("Taliban", 0, text.index("Taliban"), text.index("Taliban") + 7, "actor",
                                   "government", entity="taliban"),
                           Mention("Taliban", 0, text.rindex("Taliban"), text.rindex("Taliban") + 7, "actor",
                                   "government", entity="taliban")]}
    view = SiteView(site)
    assert speaks_for(view.members, "tajikistan") >= {"tajikistan", "ministry", "minister"}
    naming = quotes_naming(site)
    assert said_of(naming, speaks_for(view.members, "tajikistan"), "taliban") == [named]  # the other names it outside
    assert said_of(naming, speaks_for(view.members, "taliban"), "tajikistan") == []

    # On the page: the same words in a second article are one quote with two sources.
    from regional_briefs.model import Relation
    from regional_briefs.render.pages import render_site

    site.articles["b"] = Article("b", "b.txt", "Article b", [Paragraph(0, text)], PartialDate(2025, 11, 2))
    site.mentions["b"] = list(site.mentions["a"])
    site.entities["minister"].quotes.append(Quote("minister", "The Taliban must stop,", "b", 0))
    site.relations = [Relation("tajikistan", "accuses", "taliban", "a", 0, text)]
    page = render_site(site)["relations/tajikistan--taliban.md"].body
    said = page[page.index("## What each said of the other"):page.index("## Relations found")]
    assert said.count("The Taliban must stop,") == 1 and "We are calm" not in said
    assert '(for Tajikistan), <a href="../../articles/a/#p1">Article a</a>, <a href="../../articles/b/#p1">Article b</a>' in said


def test_relation_pages_are_linked_both_ways_from_actors_events_and_the_network(seed_site):
    graph = seed_site.graph
    pages = sorted(p.parent.name for p in (seed_site.site / "relations").glob("*--*/index.html"))
    assert "tajikistan--taliban" in pages
    page = seed_site.page("relations/tajikistan--taliban")
    assert re.search(r"<h1[^>]*>Tajikistan – Taliban<", page)
    for section in ("Relations found", "What each said of the other", "Timeline"):
        assert f">{section}<" in page, section
    assert re.search(r'#p\d+">', page)  # relations cite their paragraphs
    network = __import__("json").loads((seed_site.site / "export" / "network.json").read_text(encoding="utf-8"))
    kinds = {e["id"]: e["kind"] for e in graph["entities"]}
    for name in pages:
        first, second = name.split("--")
        relation = seed_site.page(f"relations/{name}")
        for entity in (first, second):
            folder = "actors" if kinds[entity] == "actor" else "places"
            assert f'href="../../{folder}/{entity}/"' in relation, (name, entity)
            assert f'href="../../relations/{name}/"' in seed_site.page(f"{folder}/{entity}"), (entity, name)
        shared = [e for e in graph["events"] if {first, second} <= set(e["actors"])]
        for event in shared:
            assert f'href="../../{event["page"]}"' in relation
            assert f'href="../../relations/{name}/"' in seed_site.page(event["page"].rstrip("/")), event["id"]
        edges = [e for e in network["edges"] if {e["source"], e["target"]} == {first, second}]
        assert all(e["relation_page"] == f"relations/{name}/" for e in edges), name
    assert 'href="../relations/"' in seed_site.page("network")


# --- on paper ----------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("path", ["countries/tajikistan/", "relations/tajikistan--taliban/"])
def test_country_and_relation_pages_print_without_the_sites_chrome(browser, seed_url, path):
    from conftest import ARTIFACTS

    with open_tab(browser, seed_url) as tab:
        tab.open(path)
        tab.page.emulate_media(media="print")
        shown = tab.page.evaluate("""() => Object.fromEntries(
            ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.md-search',
             '.rb-backlinks', 'article h1', 'article h2']
            .map(s => [s, [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none')]))""")
        width = tab.page.evaluate("() => document.querySelector('.md-content').getBoundingClientRect().width")
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = tab.page.pdf(path=str(ARTIFACTS / f"print-{path.strip('/').replace('/', '-')}.pdf"), format="A4")
        tab.assert_no_errors()
    assert shown == {".md-header": False, ".md-sidebar--primary": False, ".md-sidebar--secondary": False,
                     ".md-footer": False, ".md-search": False, ".rb-backlinks": False,
                     "article h1": True, "article h2": True}
    assert width > 1000  # the content takes the page's width (the viewport is 1280 wide)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1


# --- untrusted text ----------------------------------------------------------------------------


def test_hostile_names_stay_text_on_country_and_relation_pages_and_in_the_feeds():
    import markdown
    feedparser = pytest.importorskip("feedparser")
    from test_hostile import HOSTILE, MARKDOWN_EXTENSIONS, PAGE_TAGS, live_markup, normalised, read_html

    from regional_briefs.render.feeds import atom_files
    from regional_briefs.render.links import directory_url
    from regional_briefs.model import Relation
    from regional_briefs.render.pages import render_site

    site = _site({"a": "2025-11-20"}, [("e1", "2025-11-19", ["a"], ["taliban", "tajikistan"], ["khorog"])], ENTITIES,
                 [Relation("taliban", "accuses", "tajikistan", "a", 0, HOSTILE)])
    site.articles["a"].title = HOSTILE + "\x0b"  # a character XML cannot hold, too
    site.entities["taliban"].name = f"<b>{HOSTILE}"
    site.entities["tajikistan"].name = f"[{HOSTILE}](javascript:alert(1))"
    site.events["e1"].title = HOSTILE
    pages = render_site(site)
    assert {"countries/tajikistan.md", "relations/tajikistan--taliban.md"} <= set(pages)
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    for path in ("index.md", "countries/index.md", "countries/tajikistan.md", "relations/index.md",
                 "relations/tajikistan--taliban.md"):
        converter.reset()
        html_text = converter.convert(pages[path].body)
        allowed = PAGE_TAGS | {"table", "caption", "thead", "tbody", "tr", "th", "td"}  # the month chart's own
        assert not live_markup(html_text, allowed), (path, live_markup(html_text, allowed))
        assert normalised(HOSTILE) in read_html(html_text).text, path
    feed = feedparser.parse(atom_files(site, directory_url)["feed.xml"])
    assert not feed.bozo, feed.bozo_exception
    assert {e.title for e in feed.entries} == {HOSTILE, f"November 19, 2025: {HOSTILE}"}


@pytest.mark.slow
def test_country_pdfs_are_written_when_asked_and_start_with_the_page_not_the_sites_chrome(seed_site, tmp_path):
    weasyprint = pytest.importorskip("weasyprint", reason="WeasyPrint is the optional `pdf` extra")
    project = tmp_path / "pdf"
    shutil.copytree(seed_site.project, project, ignore=shutil.ignore_patterns("site"))  # the cache too: quick
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("briefs_dir: briefs", "briefs_dir: briefs\n      country_pdfs: true"),
                                        encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.log
    assert "3 country PDFs written" in build.log
    pdfs = sorted(p.relative_to(build.site).as_posix() for p in build.site.rglob("*.pdf"))
    assert pdfs == ["countries/afghanistan.pdf", "countries/russia.pdf", "countries/tajikistan.pdf"]
    assert all((build.site / p).read_bytes().startswith(b"%PDF") for p in pdfs)
    document = weasyprint.HTML(filename=str(build.site / "countries" / "tajikistan" / "index.html")).render()
    first = [b.text for b in document.pages[0]._page_box.descendants() if getattr(b, "text", "").strip()]
    assert first[0] == "Country: Tajikistan", first[:5]  # no blank first page, no skip link, header or nav
    assert not (seed_site.site / "countries" / "tajikistan.pdf").exists()  # off by default
