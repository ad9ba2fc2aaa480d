"""What keeps a generated page as cheap to build as a plain one, without changing what a reader gets:
its raw HTML set aside from Markdown (markup.set_aside). It is checked against the page as
Markdown converts it whole."""

from __future__ import annotations

import re
import shutil

import markdown
import pytest

from conftest import REPO, mkdocs_build
from regional_briefs.escape import md_text
from regional_briefs.links import source_url
from regional_briefs.markup import block_ids, put_back, set_aside
from regional_briefs.pages import Limits, render_site
from regional_briefs.pipeline import Options, build_site

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc"]  # the pages' (pages.REQUIRED_EXTENSIONS) and the toc
TINY = Limits(per_page=3, preview=2, top=2, sources=1, latest=2)  # every list paginated: pagers, jump lines


def _convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def _squeezed(html: str) -> str:
    """HTML without its blank lines (set-aside blocks are separated by one more, which no reader sees)."""
    return re.sub(r"\n+", "\n", html)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    site = build_site(Options(seeds_dir=REPO / "seeds", briefs_dir=REPO / "briefs", jobs=1))
    return render_site(site, limits=TINY, url_for=source_url)


# --- raw HTML set aside ------------------------------------------------------------------------


def test_every_generated_page_converts_to_the_same_html_with_its_raw_blocks_set_aside(pages):
    set_aside_any = 0
    for path, page in pages.items():
        text, blocks = set_aside(page.body)
        html, lost = put_back(_convert(text), blocks)
        assert lost == 0, path
        assert _squeezed(html) == _squeezed(_convert(page.body)), path
        set_aside_any += bool(blocks)
    assert set_aside_any > len(pages) * 0.9


def test_an_article_paragraph_is_raw_html_with_its_anchor_and_the_markdown_keeps_its_headings(pages):
    article = next(page for path, page in pages.items() if path.startswith("articles/0"))
    text, blocks = set_aside(article.body)
    assert any(block.startswith('<p class="rb-para" id="p1">') for block in blocks)
    assert {"p1", "p2"} <= block_ids(blocks)
    assert re.search(r"^### .*\{: #p\d+ \.rb-para \}$", text, re.M), "a paragraph heading stays in the table of contents"
    assert not re.search(r"^<(ul|p|div|blockquote)[ >]", text, re.M)


def test_a_page_with_a_markdown_section_in_html_is_left_whole():
    page = '# Map\n\n<div class="layout" markdown>\n\n<div class="map"></div>\n\n- a list\n\n</div>\n'
    assert set_aside(page) == (page, [])


def test_a_placeholder_written_in_an_article_stays_text():
    escaped = md_text("<!--rb-html-0--> and <!--rb-html-1-->")
    assert put_back(f"<p>{escaped}</p>", ["<b>block</b>"]) == (f"<p>{escaped}</p>", 1)


# --- a real build -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("build-cost")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "seeds", "briefs"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_mkdocs_still_checks_links_to_a_paragraph_set_aside(project, tmp_path):
    """A hand-written page may link a cited paragraph: MkDocs knows the anchor, and fails a wrong one."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nvalidation:\n  anchors: warn\n", encoding="utf-8")
    article = "articles/000-ad247eec8587e842.md"
    (project / "docs" / "notes.md").write_text(f"# Notes\n\n[The first paragraph]({article}#p1)\n", encoding="utf-8")
    good = mkdocs_build(project, site=tmp_path / "good")
    assert good.returncode == 0, good.log
    (project / "docs" / "notes.md").write_text(f"# Notes\n\n[No such paragraph]({article}#p999)\n", encoding="utf-8")
    bad = mkdocs_build(project, site=tmp_path / "bad")
    assert bad.returncode != 0
    assert any("p999" in w for w in bad.warnings), bad.log
    (project / "docs" / "notes.md").unlink()
