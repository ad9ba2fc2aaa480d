"""Search (issue #18, manual/docs/search.md): Pagefind's chunked index, written after the build over
the built site; its filters (page type, country, year, event type) and the other names of a page
(transliterations, dates); its UI in the header's dialog, on a site served from a subpath the way
GitHub Pages serves a project site, and under ``mkdocs serve``.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import time
from pathlib import Path
from typing import Iterator
from urllib.error import URLError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from unidecode import unidecode

from browsing import RESULT_LINKS, open_tab, result_count, search, serve, site_url, wait_for_results
from conftest import MINIMAL_CONFIG, REPO, SEED, Build, make_project, mkdocs_build, mkdocs_serving

from regional_briefs.model import Article, Entity, Event, EventSource, Mention, Paragraph, PartialDate, Site
from regional_briefs.render.pages import render_site
from regional_briefs.render.search import (_cbor_read, _cbor_write, _dump, _load, filters, marks, near_spellings, other_names,
                                          write_index)
from regional_briefs.render.site_view import SiteView

FILTER = re.compile(r'data-pagefind-filter="([^"]+)"')


# --- what a page tells the index ---------------------------------------------------------------------


def _site() -> Site:
    """An invented site: one article, a country, a town in it, a person known by a Cyrillic alias."""
    text = "Amir Sarydala met officials in Kopetbulak on 2 March 2024, the ministry said."
    article = Article("a1", "a1.md", "Talks in Kopetbulak", [Paragraph(0, text)], published=PartialDate(2024, 3, 3))
    country = Entity("ruritania", "place", "country", "Ruritania", articles=["a1"])
    town = Entity("kopetbulak", "place", "city", "Kopetbulak", within="ruritania", articles=["a1"])
    person = Entity("amir-sarydala", "actor", "person", "Amir Sarydala", aliases=["Амир Сарыдала", "Sarydala"],
                    within="ruritania", articles=["a1"])
    meeting = Event("meeting", PartialDate(2024, 3, 2), "diplomatic-meeting", "Meeting in Kopetbulak",
                    ["amir-sarydala"], ["kopetbulak"], sources=[EventSource("a1", 0, text)])
    mentions = [Mention("Amir Sarydala", 0, 0, 13, "actor", "person", entity="amir-sarydala"),
                Mention("Kopetbulak", 0, 31, 41, "place", "city", entity="kopetbulak")]
    return Site(articles={"a1": article}, entities={e.id: e for e in (country, town, person)},
                events={"meeting": meeting}, briefs={}, mentions={"a1": mentions})


def test_an_entity_is_found_by_the_transliteration_of_every_name_it_has():
    person = _site().entities["amir-sarydala"]
    written = lambda: [n for n in other_names(person) if n[:1].isupper()]  # near spellings are lower case
    assert written() == []  # "Амир Сарыдала" transliterates to the name the page shows
    person.aliases.append("Сарыдала-оглы")
    assert written() == ["Sarydala-ogly"]
    person.aliases.append("Šarýdala")  # transliterates to an alias the page shows
    assert written() == ["Sarydala-ogly"]


def test_an_entity_is_found_by_near_spellings_of_its_name():
    assert set(near_spellings("Emomali Rahmon", person=True)) >= {"rakhmon", "rahmonov", "rakhmonov"}
    assert "rahmon" in near_spellings("Emomali Rakhmonov", person=True)
    assert set(near_spellings("Khujand")) >= {"hujand", "khudzhand"}
    assert not any(v.endswith("ov") for v in near_spellings("Khujand")), "an ending only for a person"
    assert near_spellings("Shavkat Mirziyoyev") and "skhavkat" not in near_spellings("Shavkat Mirziyoyev")
    assert "pandzh" in near_spellings("Panj River") and not {"riwer", "rivver"} & set(near_spellings("Panj River"))
    assert near_spellings("Amir Sarydala") == ["saridala"]  # short words stay exact
    person = _site().entities["amir-sarydala"]
    assert {"saridala", "sarydalaov"} <= set(other_names(person))
    assert not {"amir", "sarydala"} & set(other_names(person)), "words the page shows are not repeated"


def test_an_event_is_found_by_its_date_as_people_write_it():
    site = _site()
    assert other_names(site.events["meeting"]) == ["2024-03-02", "2 March 2024", "March 2024"]
    site.events["meeting"].date = PartialDate(2024, 3)
    assert other_names(site.events["meeting"]) == ["2024-03", "March 2024"]
    site.events["meeting"].date = PartialDate(2024)
    assert other_names(site.events["meeting"]) == []


def test_every_page_states_its_type_language_country_year_and_event_type():
    site = _site()
    view = SiteView(site)
    # A site of one language has no Language filter (it would narrow nothing the page type does not).
    assert filters(site.articles["a1"], view) == [("Page type", "Article"), ("Year", "2024"), ("Country", "Ruritania")]
    assert filters(site.entities["amir-sarydala"], view) == [("Page type", "Actor"), ("Country", "Ruritania")]
    assert filters(site.entities["kopetbulak"], view) == [("Page type", "Place"), ("Country", "Ruritania")]
    assert filters(site.events["meeting"], view) == [("Page type", "Event"), ("Event type", "diplomatic meeting"),
                                                     ("Year", "2024"), ("Country", "Ruritania")]
    assert filters("ruritania", view) == [("Page type", "Country"), ("Country", "Ruritania")]
    # A site of two has it, on articles and on events (the languages of their articles).
    site.articles["a2"] = Article("a2", "a2.md", "Переговоры", [Paragraph(0, "Текст.")], language="ru")
    view = SiteView(site)
    assert filters(site.articles["a1"], view) == [("Page type", "Article"), ("Language", "English"), ("Year", "2024"),
                                                  ("Country", "Ruritania")]
    assert ("Language", "Russian") in filters(site.articles["a2"], view)
    assert filters(site.events["meeting"], view) == [("Page type", "Event"), ("Event type", "diplomatic meeting"),
                                                     ("Language", "English"), ("Year", "2024"), ("Country", "Ruritania")]
    site.articles["a1"].language, site.articles["a2"].language = "ru", "en"
    assert ("Language", "Russian") in filters(site.events["meeting"], SiteView(site))  # the language of its articles


def test_the_rendered_pages_carry_their_filters_in_a_hidden_block():
    pages = render_site(_site())
    stated = {path: FILTER.findall(page.body) for path, page in pages.items()}
    assert stated["articles/a1.md"] == ["Page type:Article", "Year:2024", "Country:Ruritania"]
    assert "Event type:diplomatic meeting" in next(v for p, v in stated.items() if p.startswith("events/"))
    assert stated["countries/ruritania.md"] == ["Page type:Country", "Country:Ruritania"]
    event = next(page.body for path, page in pages.items() if path.startswith("events/"))
    assert '<div class="rb-search-marks" hidden>' in event and "2 March 2024 · March 2024" in event


def test_marks_escape_what_comes_from_a_seed():
    site = _site()
    site.entities["ruritania"].name = 'Ruri"><script>alert(1)</script>'
    site.entities["amir-sarydala"].aliases.append("Сар<b>ыдала")
    html = marks(site.entities["amir-sarydala"], SiteView(site))
    assert "<script>" not in html and "<b>" not in html
    assert 'data-pagefind-filter="Country:Ruri&quot;&gt;&lt;script&gt;' in html


# --- the built site -------------------------------------------------------------------------------------


def test_the_site_has_a_pagefind_index_over_page_content_only(seed_site):
    site = seed_site.site
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert not (site / "search" / "search_index.json").exists(), "the repository's site has no lunr index"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count("data-pagefind-body") == 1
    # The content is marked; the header, navigation and footer are outside it.
    body_at = home.index("data-pagefind-body")
    assert home.index('class="md-header') < body_at < home.index('class="md-footer')
    assert "data-rb-search-open" in home and 'id="rb-search"' in home
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")
    # The filters, each file's values sorted (search.sort_filters: the same site, the same index).
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = _load(site / "pagefind" / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    assert [name for name, _ in meta[3]] == ["Country", "Event type", "Page type", "Year"]  # one language: no Language filter
    for name, file in meta[3]:
        filter_name, values = _load(site / "pagefind" / "filter" / f"{file}.pf_filter")
        assert filter_name == name and values == sorted(values) and values
    types = dict(_load(site / "pagefind" / "filter" / f"{dict(meta[3])['Page type']}.pf_filter")[1])
    assert {"Actor", "Place", "Event", "Article", "Country"} <= set(types)


def test_pagefind_files_read_back_as_written():
    value = ["1.5.2", [["en_1e4faff", 42], ["Ворух", 70_000, 2 ** 40]], [], ["title"]]
    content, digest = _dump(value)
    assert gzip.decompress(content).startswith(b"pagefind_dcd") and len(digest) == 64
    assert _cbor_read(_cbor_write(value))[0] == value
    assert _dump(value) == _dump(value), "no timestamp in the gzip header"


# Invented names that no article holds: an analyst's alias for an actor, and one in Cyrillic.
CURATED_ALIAS, CYRILLIC_ALIAS = "Zyxwv Front", "Зыквв"
NEAR_SPELLING = "Zyxvv"  # the curation alias with w written v


@pytest.fixture(scope="module")
def curated_site(tmp_path_factory, seed_site) -> Build:
    """The seed, with the repository's curation plus two aliases of an actor, built for a GitHub
    Pages project site (``site_url`` with a subpath)."""
    actor = next(e for e in seed_site.graph["entities"] if e["kind"] == "actor" and len(e["articles"]) > 0)
    root = tmp_path_factory.mktemp("curated")
    make_project(root, {}, config=MINIMAL_CONFIG.replace("plugins: [search, briefs]", "plugins: [briefs]")
                 + "site_url: https://x.github.io/repo/\n")
    shutil.copy(SEED, root / "seeds" / SEED.name)
    shutil.copytree(REPO / "briefs", root / "briefs")
    (root / "briefs" / "search-aliases.yml").write_text(
        f"entities:\n  - name: {json.dumps(actor['name'])}\n"
        f"    aliases: [{json.dumps(CURATED_ALIAS)}, {json.dumps(CYRILLIC_ALIAS, ensure_ascii=False)}]\n",
        encoding="utf-8")
    build = mkdocs_build(root)
    assert build.returncode == 0, build.log
    return build


@pytest.mark.browser
@pytest.mark.slow
def test_curation_aliases_and_their_transliteration_find_the_entity(browser, curated_site):
    entity = next(e for e in curated_site.graph["entities"] if CURATED_ALIAS in e["aliases"])
    assert CYRILLIC_ALIAS in entity["aliases"]
    with serve(curated_site) as url, open_tab(browser, url) as tab:
        assert urlsplit(url).path == "/repo/"
        tab.open("")
        page = urljoin(url, entity["page"])
        for query in (CURATED_ALIAS, CYRILLIC_ALIAS, unidecode(CYRILLIC_ALIAS), NEAR_SPELLING):
            assert search(tab, query)[:1] == [page], query
            # the excerpt names the spelling that matched, not the hidden list of every variant
            excerpt = tab.page.locator("#rb-search .rb-search__excerpt").first.inner_text()
            assert not re.search(" · .* · ", excerpt), (query, excerpt)
        assert tab.page.locator("#rb-search .rb-search__excerpt").first.inner_text().startswith("Also written")
        tab.assert_no_errors()


@pytest.fixture(scope="module")
def seed_url(seed_site) -> Iterator[str]:
    assert urlsplit(site_url(seed_site)).path not in ("", "/"), "the site should live under a subpath"
    with serve(seed_site) as url:
        yield url


def _known_by_other_names(build) -> list[tuple[str, dict]]:
    """(alias, entity) for aliases with a word the entity's name lacks (an abbreviation, a curation alias)."""
    pairs = []
    for entity in build.graph["entities"]:
        words = set(entity["name"].casefold().split())
        pairs += [(alias, entity) for alias in entity["aliases"]
                  if len(alias) > 2 and not set(alias.casefold().split()) <= words]
    return pairs


@pytest.mark.browser
def test_searching_an_alias_finds_the_entity_on_a_site_under_a_subpath(browser, seed_site, seed_url):
    pairs = _known_by_other_names(seed_site)
    assert pairs, "the seed site should have entities known by other names"
    with open_tab(browser, seed_url) as tab:
        tab.open("")
        missed = [(alias, entity["id"]) for alias, entity in pairs
                  if urljoin(seed_url, entity["page"]) not in search(tab, alias, more=3)]
        assert not missed, missed
        # Only the index's chunks were fetched, all under the site's subpath.
        fetched = [u for u in tab.requests if "/pagefind/" in u]
        assert fetched and all(urlsplit(u).path.startswith(urlsplit(seed_url).path + "pagefind/") for u in fetched)
        assert not any(u.endswith("search_index.json") for u in tab.requests)
        tab.assert_no_errors()


@pytest.mark.browser
def test_a_filter_narrows_the_results_and_a_result_opens_its_page(browser, seed_site, seed_url):
    countries = [e for e in seed_site.graph["entities"] if e["type"] == "country"]
    query = max(countries, key=lambda e: len(e["articles"]))["name"]
    actors = {urljoin(seed_url, e["page"]): e for e in seed_site.graph["entities"] if e["kind"] == "actor"}
    with open_tab(browser, seed_url) as tab:
        tab.open("")
        search(tab, query)
        everything = result_count(tab)
        tab.page.locator('#rb-search input.rb-search__check[name="Page type"][value="Actor"]').check()
        tab.page.wait_for_function(
            "(before) => /^\\s*\\d+ results?/.test(document.querySelector('#rb-search .rb-search__status').textContent)"
            " && parseInt(document.querySelector('#rb-search .rb-search__status').textContent) < before",
            arg=everything)
        wait_for_results(tab, query)
        narrowed = result_count(tab)
        assert 0 < narrowed < everything
        shown = tab.page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
        assert shown and all(url in actors for url in shown), shown
        tab.screenshot("search-filtered")

        tab.page.locator(RESULT_LINKS).first.click()
        tab.page.wait_for_url(re.compile(re.escape(shown[0]) + "$"))
        tab.shows(actors[shown[0]]["name"])
        assert not tab.page.evaluate("document.getElementById('rb-search').open"), "the dialog should close"
        tab.assert_no_errors()


@pytest.mark.browser
def test_an_event_is_found_by_its_date(browser, seed_site, seed_url):
    dated = [e for e in seed_site.graph["events"] if e.get("date") and len(e["date"]) == 10]
    assert dated, "the seed should have an event dated to the day"
    event = dated[0]
    with open_tab(browser, seed_url) as tab:
        tab.open("")
        assert urljoin(seed_url, event["page"]) in search(tab, event["date"], more=3)
        tab.assert_no_errors()


@pytest.mark.browser
def test_an_index_in_shards_finds_what_one_index_finds(browser, seed_site, seed_url, tmp_path):
    """A large site's index is written in shards (search.SHARD_PAGES; here about twenty pages each)
    that the dialog searches together: each page in one shard, the shards' own scripts left out,
    and the same results, filters included, as the whole site's one index, under the subpath."""
    site = tmp_path / "site"
    shutil.copytree(seed_site.site, site)
    write_index(site, shard_pages=20)
    bundle = site / "pagefind"
    shards = [bundle / name for name in json.loads((bundle / "shards.json").read_text(encoding="utf-8"))]
    assert len(shards) >= 2 and all((shard / "pagefind-entry.json").is_file() for shard in shards)
    assert not [path for shard in shards for path in shard.glob("*.js")], "a shard is read with the first one's script"

    def pages(folder: Path) -> int:
        return json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["en"]["page_count"]

    assert sum(pages(folder) for folder in [bundle, *shards]) == pages(seed_site.site / "pagefind")
    countries = [e for e in seed_site.graph["entities"] if e["type"] == "country"]
    query = max(countries, key=lambda e: len(e["articles"]))["name"]
    counts = {}
    for name, build in (("one index", seed_site), ("shards", Build(seed_site.project, site, 0, ""))):
        with serve(build) as url, open_tab(browser, url) as tab:
            tab.open("")
            found = search(tab, query)
            everything = result_count(tab)
            tab.page.locator('#rb-search input.rb-search__check[name="Page type"][value="Actor"]').check()
            tab.page.wait_for_function(
                "(before) => parseInt(document.querySelector('#rb-search .rb-search__status').textContent) < before",
                arg=everything)
            wait_for_results(tab, query)
            counts[name] = (everything, result_count(tab))
            assert found and all(urlsplit(u).path.startswith(urlsplit(url).path) for u in found)
            tab.assert_no_errors()
    assert counts["shards"] == counts["one index"]


@pytest.mark.browser
def test_a_sharded_index_shows_the_first_shards_results_first_and_loads_the_filters_after(browser, seed_site, tmp_path):
    """The dialog (search.js) over Pagefind's API: on an index in shards, the first shard's results
    show before the whole index's replace them with the count; the filters' files are fetched only
    after the first results showed; Pagefind's own UI is never fetched; "Load more results" adds
    results and takes the focus to the first one it added."""
    site = tmp_path / "site"
    shutil.copytree(seed_site.site, site)
    write_index(site, shard_pages=20)
    countries = [e for e in seed_site.graph["entities"] if e["type"] == "country"]
    query = max(countries, key=lambda e: len(e["articles"]))["name"]
    with serve(Build(seed_site.project, site, 0, "")) as url, open_tab(browser, url) as tab:
        tab.open("")
        tab.page.locator("[data-rb-search-open]").click()
        tab.page.evaluate("""() => {
            window.__states = [];
            const ui = document.getElementById('rb-search-ui');
            new MutationObserver(() => window.__states.push(ui.dataset.state)).observe(ui, {attributes: true});
        }""")
        found = search(tab, query)
        states = tab.page.evaluate("window.__states")
        assert "first" in states and states.index("first") < states.index("done") < states.index("counted"), states
        assert found and result_count(tab) > len(found)
        fetched = [urlsplit(u).path for u in tab.requests if "/pagefind/" in u]
        assert not [u for u in fetched if "pagefind-ui" in u], "Pagefind's UI is not loaded"
        first_fragment = next(i for i, u in enumerate(fetched) if "/fragment/" in u)
        filters_ = [i for i, u in enumerate(fetched) if "/filter/" in u]
        assert filters_ and min(filters_) > first_fragment, fetched
        # The filters show with their counts; more results come by keyboard, the focus on the first new one.
        assert tab.page.locator('#rb-search input.rb-search__check[name="Page type"]').count() >= 3
        more = tab.page.locator("#rb-search button.rb-search__more")
        assert more.is_visible()
        more.focus()
        tab.page.keyboard.press("Enter")
        tab.page.wait_for_function("(shown) => document.querySelectorAll('#rb-search .rb-search__result').length > shown",
                                   arg=len(found))
        assert tab.page.evaluate("document.activeElement.href") == tab.page.locator(RESULT_LINKS).nth(len(found)).evaluate("a => a.href")
        tab.assert_no_errors()


# --- under mkdocs serve ---------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_search_works_under_mkdocs_serve(browser, tmp_path):
    project = tmp_path / "served"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "seeds", "briefs"):
        shutil.copytree(REPO / folder, project / folder)
    with mkdocs_serving(project, tmp_path / "serve.log") as (port, server):
        base = f"http://127.0.0.1:{port}{urlsplit(site_url_of(project)).path}"
        deadline = time.monotonic() + 300
        while True:  # until the first build, its index included, is served
            try:
                with urlopen(base + "pagefind/pagefind-entry.json", timeout=5) as response:
                    if response.status == 200:
                        break
            except (URLError, OSError):
                pass
            assert server.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text(encoding="utf-8")
            time.sleep(1)
        with open_tab(browser, base) as tab:
            tab.open("")
            with urlopen(base + "export/graph.json", timeout=30) as response:
                graph = json.loads(response.read())
            query = next(e["name"] for e in graph["entities"] if e["type"] == "country")
            found = search(tab, query)
            assert found and all(urlsplit(u).path.startswith(urlsplit(base).path) for u in found)
            tab.assert_no_errors()


def site_url_of(project: Path) -> str:
    import yaml

    return yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def test_a_build_of_the_same_pages_reuses_the_index_and_a_changed_page_is_indexed(tmp_path):
    """The index is kept in the cache under its pages: an unchanged rebuild copies it back, byte
    for byte; a page that changes (here the publisher's own) makes Pagefind run again."""
    root = make_project(tmp_path / "p", {}, config=MINIMAL_CONFIG.replace("plugins: [search, briefs]", "plugins: [briefs]"),
                        docs={"about.md": "# About\n\nA briefing on the valley.\n"})
    shutil.copy(SEED, root / "seeds" / SEED.name)

    def bundle(build: Build) -> dict[str, bytes]:
        folder = build.site / "pagefind"
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    first = mkdocs_build(root)
    assert first.returncode == 0, first.log
    assert "the same pages" not in first.log
    indexed = bundle(first)
    again = mkdocs_build(root)
    assert again.returncode == 0 and "search index:" in again.log and "the same pages" in again.log, again.log
    assert bundle(again) == indexed
    (root / "docs" / "about.md").write_text("# About\n\nA briefing on the valley and its rivers.\n", encoding="utf-8")
    changed = mkdocs_build(root)
    assert changed.returncode == 0 and "the same pages" not in changed.log, changed.log
    assert bundle(changed) != indexed
