"""Other engines: the plugin under ProperDocs, ``regional-briefs markdown`` for any engine at all, and
``regional-briefs markdown --project`` built by Zensical.

One small project (the seed and the repository's briefs and configuration) goes through all four;
each must give the same export.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from browsing import open_tab, serve
from conftest import REPO, SEED, Build, check_links, make_project, mkdocs_build

PROPERDOCS = [sys.executable, "-m", "properdocs"]


def _project(root: Path) -> Path:
    """The seed with the repository's mkdocs.yml and briefs/, and no docs of its own."""
    make_project(root, {}, config=(REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    shutil.copy(SEED, root / "seeds" / SEED.name)
    shutil.copytree(REPO / "briefs", root / "briefs")
    return root


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory) -> Build:
    build = mkdocs_build(_project(tmp_path_factory.mktemp("engines-mkdocs")))
    assert build.returncode == 0, build.log
    return build


def _pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html")}


# --- ProperDocs --------------------------------------------------------------------------------


def test_properdocs_finds_the_plugin_by_its_own_entry_point_group():
    plugins = {ep.name: ep.value for ep in entry_points(group="properdocs.plugins")}
    assert plugins.get("briefs") == "regional_briefs.plugin:BriefsPlugin"


@pytest.mark.slow
def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path, mkdocs_site):
    build = mkdocs_build(_project(tmp_path / "p"), tool=PROPERDOCS)
    assert build.returncode == 0, build.log
    assert not build.warnings, build.warnings
    assert _pages(build.site) == _pages(mkdocs_site.site)
    assert build.graph == mkdocs_site.graph
    for name in ("export/events.csv", "404.html", "pagefind/pagefind.js"):  # the search index (Pagefind)
        assert (build.site / name).is_file(), name
    assert (build.site / "export" / "events.csv").read_text(encoding="utf-8") == \
        (mkdocs_site.site / "export" / "events.csv").read_text(encoding="utf-8")


# --- plain Markdown ----------------------------------------------------------------------------

_LINK = re.compile(r'\]\(([^)\s]+)\)|href="([^"]+)"')
_ANCHOR = re.compile(r'(?:id="|\{: #)([\w-]+)')


def _command() -> list[str]:
    script = shutil.which("regional-briefs", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "regional_briefs.cli"]


@pytest.fixture(scope="module")
def markdown_out(tmp_path_factory, mkdocs_site) -> Path:
    project = mkdocs_site.project
    out = tmp_path_factory.mktemp("markdown") / "out"
    result = subprocess.run(_command() + ["markdown", "--seeds", str(project / "seeds"),
                                          "--briefs", str(project / "briefs"), "--out", str(out)],
                            capture_output=True, text=True, timeout=900,
                            env=dict(os.environ, PYTHONHASHSEED="0"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    return out


def test_markdown_command_writes_a_page_for_every_record(markdown_out):
    graph = Build(markdown_out, markdown_out, 0, "").graph
    expected = {"index.md", "timeline.md", "network.md", "map.md", "articles/index.md", "actors/index.md",
                "places/index.md", "events/index.md", "countries/index.md", "relations/index.md"}
    entities = {e["id"]: e for e in graph["entities"]}
    written_countries = {p.stem for p in (markdown_out / "countries").glob("*.md")} - {"index"}
    assert written_countries and all(entities[c]["type"] == "country" for c in written_countries)
    expected |= {f"countries/{c}.md" for c in written_countries}
    written_pairs = {p.stem for p in (markdown_out / "relations").glob("*--*.md")}
    assert written_pairs and all(set(p.split("--")) <= set(entities) for p in written_pairs)
    expected |= {f"relations/{p}.md" for p in written_pairs}
    expected |= {f"articles/{a['id']}.md" for a in graph["articles"]}
    expected |= {f"{'actors' if e['kind'] == 'actor' else 'places'}/{e['id']}.md" for e in graph["entities"]}
    expected |= {f"events/{e['id']}.md" for e in graph["events"]}
    expected |= {f"briefs/{b['id']}.md" for b in graph["briefs"]}
    written = {str(p.relative_to(markdown_out)) for p in markdown_out.rglob("*.md")}
    assert written == expected
    assert (markdown_out / "export" / "events.csv").is_file()


def test_markdown_pages_link_to_each_other_by_relative_paths_that_resolve(markdown_out):
    pages = sorted(markdown_out.rglob("*.md"))
    anchors = {page: set(_ANCHOR.findall(page.read_text(encoding="utf-8"))) for page in pages}
    links = 0
    for page in pages:
        for markdown_href, html_href in _LINK.findall(page.read_text(encoding="utf-8")):
            href = html.unescape(markdown_href or html_href)
            if re.match(r"^[a-z]+:", href):
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            assert target.is_file(), f"{page.relative_to(markdown_out)} links to missing {href}"
            if fragment.startswith("p") and fragment[1:].isdigit():
                assert fragment in anchors[target], f"{page.relative_to(markdown_out)}: no #{fragment} in {path}"
            links += 1
    assert links > len(pages)


def test_markdown_export_matches_the_mkdocs_build(markdown_out, mkdocs_site):
    assert Build(markdown_out, markdown_out, 0, "").graph == mkdocs_site.graph
    assert (markdown_out / "export" / "events.csv").read_text(encoding="utf-8") == \
        (mkdocs_site.site / "export" / "events.csv").read_text(encoding="utf-8")


# --- Zensical ----------------------------------------------------------------------------------
# Material's successor reads mkdocs.yml but runs no plugins: `regional-briefs markdown --project`
# writes a project it builds as it is (engine_project.py).

ZENSICAL = shutil.which("zensical", path=str(Path(sys.executable).parent))


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory, mkdocs_site) -> Build:
    if ZENSICAL is None:
        pytest.skip("zensical is not installed (pip install -e '.[test]' installs it)")
    project = tmp_path_factory.mktemp("zensical") / "briefing"
    shutil.copytree(mkdocs_site.project, project, ignore=shutil.ignore_patterns("site", ".cache"))
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "about.md").write_text("# About this briefing\n\nWritten by its publisher.\n", encoding="utf-8")
    out = project.parent / "engine-project"
    result = subprocess.run(_command() + ["markdown", "--project", "--out", str(out)], cwd=project,
                            capture_output=True, text=True, timeout=900, env=dict(os.environ, PYTHONHASHSEED="0"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    built = subprocess.run([ZENSICAL, "build", "--strict"], cwd=out, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stdout + built.stderr
    return Build(out, out / "site", built.returncode, built.stdout + built.stderr)


def test_zensical_builds_the_same_pages_with_working_links(zensical_site, mkdocs_site):
    assert "No issues found" in zensical_site.log, zensical_site.log
    mkdocs_pages = _pages(mkdocs_site.site)
    assert _pages(zensical_site.site) == mkdocs_pages | {"about/index.html"}
    check_links(zensical_site.site)  # every link between pages, and its #paragraph, lands
    assert zensical_site.graph == mkdocs_site.graph
    for name in ("export/events.csv", "feed.xml", "assets/briefs/visuals.js", "assets/briefs/briefs.css"):
        assert (zensical_site.site / name).is_file(), name
    home = (zensical_site.site / "index.html").read_text(encoding="utf-8")
    assert "assets/briefs/visuals.css" in home and "assets/briefs/visuals.js" in home
    assert re.search(r'href="(\./)?about/"', home)  # the publisher's own page is in the navigation


def test_zensical_site_searches_and_a_result_opens_its_page(zensical_site, browser):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    actor = next(e for e in zensical_site.graph["entities"] if e["name"] == "Taliban")
    with serve(zensical_site) as base, open_tab(browser, base) as tab:  # under site_url's subpath
        tab.open("")
        tab.page.locator("button.md-search__button").first.click()
        tab.page.keyboard.type("Taliban")
        # the actor's own result (results re-rank while the query is typed, so not merely the first)
        result = tab.page.get_by_role("listbox", name="Search results").locator(
            f'a[role="option"][href*="actors/{actor["id"]}/"]').first
        try:
            result.wait_for(state="visible", timeout=20_000)
        except PlaywrightTimeout:
            # one fresh-clone run under load timed out here (the test passes alone): most likely the
            # results of a prefix ("Tali") arrived after the whole query's. Asked once more, as a
            # reader would retype; a search that never shows the actor still fails
            tab.page.keyboard.press("Backspace")
            tab.page.keyboard.type("n")
            result.wait_for(state="visible", timeout=20_000)
        result.click()
        tab.page.wait_for_url(re.compile(re.escape(f"/actors/{actor['id']}/")))
        expect(tab.page.locator("article h1").first).to_have_text(re.compile(r"^\s*Taliban\W*$"))  # swapped in
        tab.assert_no_errors()
