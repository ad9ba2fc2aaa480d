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
    assert {"Actors", "Events", "Timeline"} <= labels
    manual = yaml.safe_load((MANUAL / "mkdocs.yml").read_text(encoding="utf-8"))
    titles = {next(iter(item)) for section in manual["nav"] for item in
              (section[next(iter(section))] if isinstance(section[next(iter(section))], list) else [section])}
    for title in titles - {"Manual"}:
        assert title not in labels, title
    for page in _manual_pages():
        assert page[:-3] + "/" not in hrefs, page
