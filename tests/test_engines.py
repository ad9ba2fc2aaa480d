"""Other engines: the plugin under ProperDocs, and ``regional-briefs markdown`` for any engine at all.

One small project (the seed and the repository's briefs and configuration) goes through all three;
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

from conftest import REPO, SEED, Build, make_project, mkdocs_build

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
    for name in ("export/events.csv", "404.html", "search/search_index.json"):
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
