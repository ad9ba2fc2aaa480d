"""What keeps a generated page as cheap to build as a plain one, without changing what a reader gets:
its raw HTML set aside from Markdown (markup.set_aside) and the navigation sidebar rendered once
per folder (nav_cache.py). Each is checked against the page as MkDocs builds it without them."""

from __future__ import annotations

import re
import shutil
from types import SimpleNamespace

import jinja2
import markdown
import pytest

from conftest import REPO, mkdocs_build
from regional_briefs.render.escape import md_text
from regional_briefs.render.links import source_url
from regional_briefs.render.markup import block_ids, put_back, set_aside
from regional_briefs.render.nav_cache import NAV_TEMPLATE, NavCache, cache_nav
from regional_briefs.render.pages import Limits, render_site
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
    assert any('\n<p class="rb-para" id="p1">' in block for block in blocks)
    assert {"p1", "p2"} <= block_ids(blocks)
    assert re.search(r"^### .*\{: #p\d+ \.rb-para \}$", text, re.M), "a paragraph heading stays in the table of contents"
    assert not re.search(r"^<(ul|p|div|blockquote)[ >]", text, re.M)


def test_a_page_with_a_markdown_section_in_html_is_left_whole():
    page = '# Map\n\n<div class="layout" markdown>\n\n<div class="map"></div>\n\n- a list\n\n</div>\n'
    assert set_aside(page) == (page, [])


def test_a_placeholder_written_in_an_article_stays_text():
    escaped = md_text("<!--rb-html-0--> and <!--rb-html-1-->")
    assert put_back(f"<p>{escaped}</p>", ["<b>block</b>"]) == (f"<p>{escaped}</p>", 1)


# --- the navigation once per folder ------------------------------------------------------------

NAV = """{% macro link(item) %}<a href="{{ item.url | rel }}"{% if item is sameas page %} class="active"{% endif %}>{{ item.title }}</a>{% endmacro %}
{% for item in nav.items %}{% if item.children %}{{ item.title }}: {% for child in item.children %}{{ link(child) }}{% endfor %}
{% else %}{{ link(item) }}
{% endif %}{% endfor %}"""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({NAV_TEMPLATE: NAV}))
    env.filters["rel"] = jinja2.pass_context(lambda context, url: _relative(url, context["page"].url))
    return env


def _relative(target: str, current: str) -> str:
    here, there = current.split("/")[:-1], target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "./"


def _page(url: str, parent=None):
    return SimpleNamespace(url=url, parent=parent, title=url)


def test_the_navigation_is_rendered_once_per_folder_and_the_same_as_for_each_page():
    section = SimpleNamespace(url=None, title="Actors", children=[_page("actors/")])
    nav = SimpleNamespace(items=[_page(""), section, _page("actors/putin/timeline/")], pages=[])
    nav.pages = [nav.items[0], section.children[0], nav.items[2]]
    section.children[0].parent = section
    plain, cached = _environment(), _environment()
    assert cache_nav(cached)
    pages = [_page(u) for u in ("actors/a/", "actors/b/", "events/e/", "actors/a/timeline/", "actors/putin/")]
    pages += nav.pages
    for page in pages:
        context = {"nav": nav, "page": page, "config": {"theme": {}, "extra": {}}}
        assert cached.get_template(NAV_TEMPLATE).render(context) == plain.get_template(NAV_TEMPLATE).render(context)
    cache = cached.get_template(NAV_TEMPLATE).root_render_func
    assert isinstance(cache, NavCache)
    # actors/a/ and actors/b/ share one; actors/putin/ has a page of the navigation under it; pages in it are their own.
    assert sorted(cache.rendered) == ["actors/", "actors/a/", "events/"]


def test_a_theme_without_a_navigation_template_is_left_alone():
    assert not cache_nav(jinja2.Environment(loader=jinja2.DictLoader({})))


# --- a real build -------------------------------------------------------------------------------

# Hooks that run after the plugin's on_env: one reports how many sidebars the cache kept, the other
# takes the cache out, so that the site can be built as MkDocs and Material build it alone.
REPORT_HOOK = '''
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(-100)
def on_env(env, config, files):
    global template
    template = env.get_template("partials/nav.html")
    return env

def on_post_build(config):
    rendered = getattr(template.root_render_func, "rendered", {})
    Path(config.config_file_path).with_name("sidebars.txt").write_text(str(len(rendered)), encoding="utf-8")
'''
UNCACHED_HOOK = '''
from mkdocs.plugins import event_priority

@event_priority(-100)
def on_env(env, config, files):
    template = env.get_template("partials/nav.html")
    template.root_render_func = getattr(template.root_render_func, "render", template.root_render_func)
    return env
'''


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("build-cost")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "seeds", "briefs"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "report.py").write_text(REPORT_HOOK, encoding="utf-8")
    (root / "uncached.py").write_text(UNCACHED_HOOK, encoding="utf-8")
    return root


def _with_hook(project, hook: str) -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + f"\nhooks: [{hook}]\n", encoding="utf-8")


def test_the_site_is_the_same_with_the_navigation_rendered_once_per_folder(project, tmp_path):
    _with_hook(project, "report.py")
    cached = mkdocs_build(project, site=tmp_path / "cached")
    assert cached.returncode == 0, cached.log
    assert 0 < int((project / "sidebars.txt").read_text()) < 20  # a handful of folders for dozens of pages
    _with_hook(project, "uncached.py")
    plain = mkdocs_build(project, site=tmp_path / "plain")
    assert plain.returncode == 0, plain.log
    pages = sorted(p.relative_to(plain.site) for p in plain.site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        assert (cached.site / page).read_bytes() == (plain.site / page).read_bytes(), page


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
