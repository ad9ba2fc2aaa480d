"""WCAG 2.2 AA (issue #21, manual/docs/accessibility.md): axe-core on one page of every kind the built site
has, in the light and the dark palette; the article, the network and the map by keyboard; reduced
motion; the language of passages from articles in another language.

axe-core comes bundled in the ``axe-playwright-python`` wheel: nothing downloads at test time. The
kinds of page are read from the built site, so that a new kind of page is checked as soon as the
site has one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin

import pytest
import yaml

from browsing import DESKTOP, Tab, open_tab, serve
from conftest import Build

from regional_briefs.language import foreign
from regional_briefs.model import Article, Entity, Event, EventSource, Mention, Paragraph, PartialDate, Quote, Site
from regional_briefs.render.pages import render_site

# The WCAG 2.0, 2.1 and 2.2 rules of levels A and AA; axe's best practices are not the promise.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING = {"serious", "critical"}
PALETTES = {"light": "default", "dark": "slate"}
# The page's own map: a hover preview (navigation.instant.preview) of a linked page that has a map
# puts a second, idle [data-rb-map] on the page.
MAP_VIEW = "[data-rb-map][data-rb-started]"


# --- which pages: one of every kind --------------------------------------------------------------


def page_kinds(site: Path) -> dict[str, str]:
    """One page (its URL path, relative to the site) for each kind of page the built site has.

    A kind is the page's first path segment and its depth: ``actors/`` (the index) and
    ``actors/<id>/`` (an actor) are two kinds, the home page and ``404.html`` one each. The first
    page of each kind in path order stands for it."""
    kinds: dict[tuple[str, int], str] = {}
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        if parts[0] in ("assets", "search"):
            continue
        folders = parts[:-1] if parts[-1] == "index.html" else parts
        url = "/".join(folders) + "/" if parts[-1] == "index.html" and folders else "/".join(folders)
        kinds.setdefault((folders[0] if folders else "", len(folders)), url)
    return {f"{segment or 'home'}{'/*' * max(0, depth - 1)}": url for (segment, depth), url in sorted(kinds.items())}


def test_page_kinds_are_found_from_the_built_site(tmp_path):
    for path in ["index.html", "404.html", "actors/index.html", "actors/a/index.html", "actors/b/index.html",
                 "lists/actors/person/index.html", "assets/briefs/x.html", "search/index.html"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("<html></html>", encoding="utf-8")
    assert page_kinds(tmp_path) == {"home": "", "404.html": "404.html", "actors": "actors/",
                                    "actors/*": "actors/a/", "lists/*/*": "lists/actors/person/"}


# --- axe in the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_url(seed_site) -> Iterator[str]:
    with serve(seed_site) as url:
        yield url


def show(tab: Tab, path: str) -> None:
    """Open a page and wait until its views are drawn and its disclosures are open, so that axe
    sees everything a reader can."""
    tab.open(path)
    tab.page.wait_for_function("""() => [...document.querySelectorAll('[data-rb-network], [data-rb-map]')]
        .every((view) => view.dataset.visibleEdges !== undefined || view.dataset.markers !== undefined)""")
    tab.page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")


def use_palette(tab: Tab, palette: str) -> str:
    """Switch the page to a palette; the page's background colour in it."""
    # Whatever the site's palette toggle offers, Material's palettes are keyed on this attribute.
    tab.page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", PALETTES[palette])
    tab.page.wait_for_timeout(50)  # a frame for the styles to apply
    return tab.page.evaluate("getComputedStyle(document.body).backgroundColor")


def load_axe(tab: Tab) -> None:
    """Put axe-core, as the axe-playwright-python wheel bundles it, into the page."""
    from axe_playwright_python.sync_playwright import Axe

    tab.page.evaluate(Axe().axe_script)


def violations(tab: Tab) -> list[dict]:
    """axe's serious and critical violations of WCAG 2.2 AA on the page."""
    found = tab.page.evaluate("(options) => axe.run(document, options).then((results) => results.violations)",
                              {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]})
    return [v for v in found if v["impact"] in FAILING]


def offered_palettes(build: Build) -> list[str]:
    """The palettes the site offers its readers: ``light``, and ``dark`` when mkdocs.yml has slate."""
    config = yaml.safe_load((build.project / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = config.get("theme")  # "material", or a mapping
    offered = (theme.get("palette") if isinstance(theme, dict) else None) or []
    schemes = {(p or {}).get("scheme", "default") for p in (offered if isinstance(offered, list) else [offered])}
    return [name for name, scheme in PALETTES.items() if scheme in schemes | {"default"}]


def check_kinds(tab: Tab, paths, palettes: list[str]) -> list[str]:
    """Each page in each palette: every serious or critical violation, described."""
    # Material animates colours, but not for a reader who asks for less motion: axe sees the end state.
    tab.page.emulate_media(reduced_motion="reduce")
    problems = []
    for path in paths:
        show(tab, path)
        load_axe(tab)
        backgrounds = set()
        for palette in palettes:
            backgrounds.add(use_palette(tab, palette))
            for violation in violations(tab):
                problems += describe(path, palette, violation)
        assert len(backgrounds) == len(palettes), f"/{path}: the palettes should differ, not {backgrounds}"
    return problems


def describe(path: str, palette: str, violation: dict) -> list[str]:
    """One line per element: where, which rule, what axe says of it."""
    lines = []
    for node in violation["nodes"][:5]:
        checks = node.get("any") or node.get("all") or node.get("none") or [{}]
        lines.append(f"/{path} ({palette}): {violation['id']} ({violation['impact']}) at {' '.join(node['target'])}: "
                     f"{' '.join(node['html'].split())[:140]} — {checks[0].get('message', violation['help'])}")
    if len(violation["nodes"]) > 5:
        lines.append(f"/{path} ({palette}): {violation['id']} on {len(violation['nodes']) - 5} more elements")
    return lines


@pytest.mark.browser
def test_every_kind_of_page_has_no_serious_wcag_violation_in_light_or_dark(browser, seed_site, seed_url):
    kinds = page_kinds(seed_site.site)
    assert {"home", "articles/*", "actors/*", "places/*", "events/*", "network", "map"} <= set(kinds)
    assert offered_palettes(seed_site) == ["light", "dark"]
    with open_tab(browser, seed_url) as tab:
        problems = check_kinds(tab, kinds.values(), offered_palettes(seed_site))
        tab.assert_no_errors()
    assert not problems, f"{len(problems)} serious or critical WCAG 2.2 AA violations:\n" + "\n".join(problems)


@pytest.mark.browser
def test_kinds_of_page_only_a_larger_site_has_pass_too(browser, seed_site, corpus_site):
    """The development corpus makes kinds the seed does not (long lists, a brief's own pages). Its
    minimal mkdocs.yml offers the light palette only."""
    extra = {kind: path for kind, path in page_kinds(corpus_site.site).items() if kind not in page_kinds(seed_site.site)}
    assert extra, "the corpus site should have kinds of page that the seed site lacks"
    with serve(corpus_site) as url, open_tab(browser, url) as tab:
        problems = check_kinds(tab, extra.values(), offered_palettes(corpus_site))
        tab.assert_no_errors()
    assert not problems, f"{len(problems)} serious or critical WCAG 2.2 AA violations:\n" + "\n".join(problems)


def test_every_page_is_in_the_sites_language(seed_site):
    config = yaml.safe_load((seed_site.project / "mkdocs.yml").read_text(encoding="utf-8"))
    language = config["theme"].get("language", "en")
    for path in page_kinds(seed_site.site).values():
        html = (seed_site.site / (path or "index.html")).read_text(encoding="utf-8") if path.endswith(".html") \
            else (seed_site.site / path / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{language}"', html), f"/{path} is not marked as {language}"
        # Material's instant-navigation progress bar, named by the plugin's partial.
        assert 'role="progressbar" aria-label="' in html, f"/{path}: the progress bar has no name"


# --- by keyboard ---------------------------------------------------------------------------------


def tab_until(tab: Tab, found: str, limit: int = 400) -> int:
    """Press Tab until the focused element satisfies the JavaScript predicate ``found`` (given the
    element); how many presses it took. Fails if the focus never gets there."""
    for presses in range(1, limit + 1):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({found})(el); }})()"):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached an element where {found}")


@pytest.mark.browser
def test_tab_from_the_top_of_an_article_reaches_its_first_actor_and_enter_opens_it(browser, seed_site, seed_url):
    names = {e["id"]: e["name"] for e in seed_site.graph["entities"]}
    path = page_kinds(seed_site.site)["articles/*"]
    with open_tab(browser, seed_url) as tab:
        tab.open(path)
        href = tab.page.locator(".md-content .rb-para a[href*='/actors/']").first.get_attribute("href")
        presses = tab_until(tab, f"(el) => el.matches('.rb-para a') && el.getAttribute('href') === {json.dumps(href)}")
        # Every stop before it is passed on the way: the skip link, the header, the navigation.
        assert presses > 3
        assert tab.page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", \
            "the focused link should show where the focus is"
        tab.page.keyboard.press("Enter")
        tab.page.wait_for_url(re.compile(re.escape(urljoin(tab.page.url, href)) + "$"))
        tab.shows(names[href.rstrip("/").rsplit("/", 1)[-1]])
        tab.assert_no_errors()


@pytest.mark.browser
def test_the_network_by_keyboard_rings_the_focused_actor_and_enter_opens_it(browser, seed_site, seed_url):
    data = json.loads((seed_site.site / "export" / "network.json").read_text(encoding="utf-8"))
    pages = {n["id"]: n["page"] for n in data["nodes"]}
    with open_tab(browser, seed_url) as tab:
        page = tab.page
        tab.open("network/")
        tab.wait('[data-rb-network="site"][data-settled="true"]')
        view = page.locator('[data-rb-network="site"]')
        label = page.locator(".rb-network__canvas canvas").get_attribute("aria-label")
        assert label.startswith(f"Network of {view.get_attribute('data-visible-nodes')} actors and places")

        # The list follows the filters.
        listed = page.locator(".rb-network__list li")
        assert listed.count() == int(view.get_attribute("data-visible-nodes"))
        page.locator('input[name="shared-events"]').uncheck()
        assert listed.count() == int(view.get_attribute("data-visible-nodes"))
        page.locator('input[name="shared-events"]').check()

        page.locator('input[name="shared-events"]').focus()
        tab_until(tab, "(el) => el.matches('.rb-network__list > summary')", limit=10)
        page.keyboard.press("Enter")
        before = page.evaluate("document.querySelector('.rb-network__canvas canvas').toDataURL()")
        tab_until(tab, "(el) => el.matches('.rb-network__list a')", limit=2)
        node = page.evaluate("document.activeElement.dataset.node")
        assert page.evaluate("window.__rbNetwork.selected()") == node
        page.wait_for_timeout(200)
        assert page.evaluate("document.querySelector('.rb-network__canvas canvas').toDataURL()") != before, \
            "the focused actor should be shown on the canvas"
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(pages[node]) + "$"))
        tab.assert_no_errors()


@pytest.mark.browser
def test_every_place_on_the_map_is_reached_by_tab_and_brought_into_view(browser, seed_site, seed_url):
    data = json.loads((seed_site.site / "export" / "map.json").read_text(encoding="utf-8"))
    with open_tab(browser, seed_url) as tab:
        page = tab.page
        tab.open("map/")
        tab.wait("[data-rb-map][data-ready=true]")
        page.locator(MAP_VIEW).focus()
        for _ in range(6):
            page.keyboard.press("+")
        page.keyboard.press("ArrowLeft")
        assert int(page.locator(MAP_VIEW).get_attribute("data-markers")) < len(data["places"]), \
            "zoomed in, some places should be out of view"
        reached = []
        for _ in data["places"]:
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const el = document.activeElement, map = el.closest('.rb-map');
                if (!el.matches('.rb-map__marker')) return null;
                const a = el.getBoundingClientRect(), b = map.getBoundingClientRect();
                const x = a.left + a.width / 2, y = a.top + a.height / 2;
                return { id: el.dataset.place, name: el.getAttribute('aria-label'),
                         inView: x >= b.left && x <= b.right && y >= b.top && y <= b.bottom }; }""")
            assert focused, "Tab should go from place to place"
            assert focused["inView"], f"{focused['name']} should be brought into view"
            reached.append(focused["id"])
        assert reached == [p["id"] for p in data["places"]]
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(data["places"][-1]["page"]) + "$"))
        tab.assert_no_errors()


# --- reduced motion --------------------------------------------------------------------------------


def _layouts(browser, base: str, reduced_motion: str) -> tuple[list, list]:
    """The network's layout as soon as it is drawn, and half a second later."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion=reduced_motion)
    try:
        page = context.new_page()
        page.goto(urljoin(base, "network/"))
        page.wait_for_function("() => window.__rbNetwork && window.__rbNetwork.layout().every(([, x]) => x !== undefined)")
        first = page.evaluate("window.__rbNetwork.layout()")
        page.wait_for_timeout(500)
        return first, page.evaluate("window.__rbNetwork.layout()")
    finally:
        context.close()


@pytest.mark.browser
def test_the_network_stands_still_for_a_reader_who_asks_for_reduced_motion(browser, seed_url):
    first, later = _layouts(browser, seed_url, "reduce")
    assert first == later, "under reduced motion the network should be laid out before it is shown"
    first, later = _layouts(browser, seed_url, "no-preference")
    assert first != later, "otherwise the layout settles in view (this test would not see a difference)"


# --- the language of parts -------------------------------------------------------------------------


def _site_with_an_article_in(language: str) -> Site:
    text = "Министр встретился в Душанбе с представителями талибов."
    article = Article("ru1", "ru1.md", "Министр в Душанбе", [Paragraph(0, text)], language=language)
    minister = Entity("minister", "actor", "person", "Министр", articles=["ru1"],
                      quotes=[Quote("minister", "Мы готовы к диалогу", "ru1", 0)])
    dushanbe = Entity("dushanbe", "place", "city", "Душанбе", articles=["ru1"])
    meeting = Event("meeting", PartialDate(2024, 5, 2), "diplomatic-meeting", "Meeting in Dushanbe", ["minister"],
                    ["dushanbe"], sources=[EventSource("ru1", 0, text)])
    mentions = [Mention("Министр", 0, 0, 7, "actor", "person", entity="minister"),
                Mention("Душанбе", 0, 21, 28, "place", "city", entity="dushanbe")]
    return Site(articles={"ru1": article}, entities={"minister": minister, "dushanbe": dushanbe},
                events={"meeting": meeting}, briefs={}, mentions={"ru1": mentions})


def test_passages_from_an_article_in_another_language_carry_its_lang():
    pages = render_site(_site_with_an_article_in("ru"), language="en")
    article = next(p.body for path, p in pages.items() if path.startswith("articles/ru1"))
    assert '<p class="rb-para" id="p1" lang="ru">' in article
    actor = next(p.body for path, p in pages.items() if path.startswith("actors/minister"))
    assert '<span lang="ru">Мы готовы к диалогу</span>' in actor  # the quote
    assert '<span lang="ru"><strong>Министр</strong>' in actor  # the mention in its context
    event = next(p.body for path, p in pages.items() if path.startswith("events/"))
    # the source sentence, its names linked as on the article's page
    assert re.search(r'<p><span lang="ru"><a href="[^"]+"[^>]*>Министр</a> встретился', event)


def test_passages_in_the_sites_own_language_or_an_unknown_one_carry_none():
    assert not any('lang="' in p.body for p in render_site(_site_with_an_article_in("ru"), language="ru").values())
    declared = render_site(_site_with_an_article_in("en"), language="en")
    article = next(p.body for path, p in declared.items() if path.startswith("articles/ru1"))
    assert '<p class="rb-para" id="p1">' in article  # the article says English: its passages carry none
    # ...but a name or title written in Cyrillic says its language by its letters, wherever it is linked
    assert re.search(r'<a href="[^"]*" lang="ru">Душанбе</a>', article)
    assert not any(re.search(r'lang="ru">[A-Za-z]', p.body) for p in declared.values())
    hostile = render_site(_site_with_an_article_in('ru" onmouseover="alert(1)'), language="en")
    assert not any("onmouseover" in p.body for p in hostile.values())
    assert foreign("RU", "ru") is None and foreign("ru-RU", "en") == "ru-RU" and foreign("", "en") is None


# --- the search dialog ------------------------------------------------------------------------------


def test_the_search_dialog_passes_axe_and_works_by_keyboard(browser, seed_site, seed_url):
    """Open by "/", type, the results and filters pass axe in every palette; Tab reaches a result
    and Enter opens it; Esc closes the dialog and gives the focus back to the page."""
    from browsing import RESULT_LINKS, wait_for_results

    query = next(e["name"] for e in seed_site.graph["entities"] if e["type"] == "country")
    with open_tab(browser, seed_url) as tab:
        tab.page.emulate_media(reduced_motion="reduce")
        tab.open("")
        tab.page.keyboard.press("/")
        box = tab.page.locator("#rb-search input.rb-search__input")
        box.wait_for(state="visible", timeout=30_000)
        tab.page.wait_for_function("() => document.activeElement?.matches('#rb-search input.rb-search__input')")
        tab.page.keyboard.type(query, delay=20)
        wait_for_results(tab, query)
        load_axe(tab)
        problems = []
        for palette in offered_palettes(seed_site):
            use_palette(tab, palette)
            problems += [line for v in violations(tab) for line in describe("(search dialog)", palette, v)]
        assert not problems, "\n".join(problems)

        for _ in range(80):  # Tab from the box, past the filters, to the first result
            tab.page.keyboard.press("Tab")
            if tab.page.evaluate(f"() => document.activeElement?.matches({RESULT_LINKS!r})"):
                break
        else:
            pytest.fail("Tab did not reach a result")
        target = tab.page.evaluate("document.activeElement.href")
        tab.page.keyboard.press("Enter")
        tab.page.wait_for_url(target)
        assert not tab.page.evaluate("document.getElementById('rb-search').open")

        tab.page.keyboard.press("/")
        tab.page.wait_for_function("() => document.getElementById('rb-search').open")
        tab.page.keyboard.press("Escape")
        tab.page.wait_for_function("() => !document.getElementById('rb-search').open")
        tab.assert_no_errors()


@pytest.mark.browser
def test_the_manual_has_no_serious_wcag_violation_in_light_or_dark(browser, tmp_path):
    """The tool's own manual (manual/), built as `make manual-build` builds it, is held to the same
    bar. Its pages are all of one kind (Material's page of Markdown): the home page and the pages
    with wide tables, images and links in running text stand for the rest (axe on every page in
    both palettes takes two minutes)."""
    import subprocess
    import sys

    manual = Path(__file__).resolve().parents[1] / "manual"
    out = tmp_path / "manual"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(manual / "mkdocs.yml"),
                          "-d", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    build = Build(manual, out, run.returncode, run.stderr)
    pages = sorted(str(p.relative_to(out).parent).replace(".", "") + "/" if p.name == "index.html" else
                   str(p.relative_to(out)) for p in out.rglob("*.html") if "assets" not in p.parts)
    pages = [p.lstrip("/") for p in pages]
    assert len(pages) >= 12
    pages = [p for p in pages if p in ("", "quality/", "benchmarks/", "briefing/", "publishing/", "404.html")]
    assert len(pages) == 6, pages
    with serve(build) as url, open_tab(browser, url) as tab:
        problems = check_kinds(tab, pages, offered_palettes(build))
    assert not problems, f"{len(problems)} serious or critical WCAG 2.2 AA violations:\n" + "\n".join(problems)
