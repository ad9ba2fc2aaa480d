"""Incremental builds: an edit re-extracts exactly the articles it can change.

The extraction cache is keyed by the seed's bytes, its curated fields and everything every
article depends on (pipeline, model, gazetteer). These tests edit one thing at a time and read
the build's counts: ``articles extracted`` and ``cache hits``. Timings live in ``bench/run.py``.
"""

from __future__ import annotations

import html
import shutil
import os
import re
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import make_project, mkdocs_serving

from regional_briefs.outputs import build_output
from regional_briefs.pipeline import Options, build_site

ARTICLES = {
    "01-rogun.md": """\
        ---
        title: Rogun dam fills its first turbine
        published: 2024-03-04
        source: Pamir Wire
        ---

        Tajikistan started the second turbine of the Rogun Dam on Monday, the energy ministry said.

        Officials in Dushanbe said the reservoir would reach its design level by 2029.
        """,
    "02-batken.md": """\
        ---
        title: Border guards trade fire near Batken
        published: 2024-05-12
        source: Tien Shan Dispatch
        ---

        Kyrgyz and Tajik border guards exchanged fire near the town of Batken on Saturday.

        Kyrgyzstan's State Committee for National Security said two guards were wounded.
        """,
    "03-termez.md": """\
        ---
        title: Termez trade centre reopens
        published: 2024-06-20
        source: Amu Darya Times
        ---

        Uzbekistan reopened the Termez cargo centre on the Afghan border on Thursday.

        Traders from Mazar-i-Sharif said the crossing would cut the cost of flour.
        """,
    "04-tapi.md": """\
        ---
        title: Pipeline talks in Ashgabat
        published: 2024-08-01
        source: Caspian Review
        ---

        Turkmenistan and Afghanistan discussed the TAPI gas pipeline in Ashgabat on Tuesday.

        The Taliban's acting minister of mines said work on the Herat section had resumed.
        """,
    "05-khorog.md": """\
        ---
        title: Protest in Khorog
        published: 2024-09-15
        source: Pamir Wire
        ---

        Residents of Khorog gathered outside the regional administration on Sunday.

        Police in Gorno-Badakhshan detained three people, a local lawyer said.
        """,
    "06-osh.md": """\
        ---
        title: Osh market fire
        published: 2024-10-02
        source: Fergana Herald
        ---

        A fire destroyed part of the main bazaar in Osh, Kyrgyzstan, on Wednesday.

        The emergencies ministry said no one was hurt.
        """,
}
GAZETTEER = """\
entries:
  - id: test-kishlak
    name: Kishlak Testobod
    type: village
    within: Tajikistan
"""
NEW_SENTENCE = "the apricot harvest in the valley was unusually plentiful this year"


def _counts(site) -> tuple[int, int]:
    return site.stats["articles extracted"], site.stats.get("cache hits", 0)


@pytest.fixture
def project(tmp_path) -> Path:
    root = make_project(tmp_path / "project", ARTICLES, briefs={})
    (root / "gazetteer.yml").write_text(GAZETTEER, encoding="utf-8")
    return root


def _options(root: Path, cache: bool = True) -> Options:
    return Options(seeds_dir=root / "seeds", briefs_dir=root / "briefs",
                   gazetteer_files=(root / "gazetteer.yml",), cache_dir=root / ".cache" if cache else None)


def _build(root: Path):
    return build_site(_options(root))


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_unchanged_rebuild_reads_every_article_from_the_cache(project):
    assert _counts(_build(project)) == (6, 0)
    assert _counts(_build(project)) == (0, 6)


def test_editing_one_article_re_extracts_only_that_article(project):
    _build(project)
    _append(project / "seeds" / "03-termez.md", f"\nA farmer said {NEW_SENTENCE}.\n")
    site = _build(project)
    assert _counts(site) == (1, 5)
    assert NEW_SENTENCE in site.articles["03-termez"].paragraphs[-1].text


def test_curating_one_articles_fields_re_extracts_only_that_article(project):
    _build(project)
    (project / "briefs" / "fixes.yml").write_text(
        "articles:\n  02-batken.md:\n    title: Shooting on the Batken border\n", encoding="utf-8")
    site = _build(project)
    assert _counts(site) == (1, 5)
    assert site.articles["02-batken"].title == "Shooting on the Batken border"


def test_curating_an_entity_re_extracts_nothing(project):
    # Entity fixes apply across the site, after extraction.
    _build(project)
    (project / "briefs" / "fixes.yml").write_text(
        "entities:\n  - name: Batken\n    description: A town in southern Kyrgyzstan.\n", encoding="utf-8")
    assert _counts(_build(project)) == (0, 6)


def test_changing_an_extra_gazetteer_file_re_extracts_every_article(project):
    _build(project)
    _append(project / "gazetteer.yml", "    aliases: [Testobod]\n")
    assert _counts(_build(project)) == (6, 0)


# --- the site cache: an unchanged rebuild skips the site-wide stages too ------------------------


def _texts(output) -> dict[str, str]:
    return {**{path: page.text for path, page in output.pages.items()}, **output.data}


def test_an_unchanged_rebuild_reads_the_whole_output_from_the_site_cache(project):
    first = build_output(_options(project))
    assert first.site is not None and "site cache hits" not in first.stats
    second = build_output(_options(project))
    assert second.site is None  # nothing was assembled
    assert second.stats["site cache hits"] == 1
    assert (second.stats["articles extracted"], second.stats["cache hits"]) == (0, 6)
    uncached = build_output(_options(project, cache=False))
    assert _texts(second) == _texts(first) == _texts(uncached)
    assert list(second.pages) == list(uncached.pages)
    assert [(p.in_nav, p.tags) for p in second.pages.values()] == [(p.in_nav, p.tags) for p in uncached.pages.values()]


@pytest.mark.parametrize("change", ["seed", "curation", "gazetteer", "page options"])
def test_any_change_misses_the_site_cache_and_shows(project, change):
    build_output(_options(project))
    kwargs = {}
    if change == "seed":
        _append(project / "seeds" / "03-termez.md", f"\nA farmer said {NEW_SENTENCE}.\n")
        expected = (1, 5)
    elif change == "curation":
        (project / "briefs" / "fixes.yml").write_text(
            "entities:\n  - name: Batken\n    description: A town in the south.\n", encoding="utf-8")
        expected = (0, 6)
    elif change == "gazetteer":
        _append(project / "gazetteer.yml", "    aliases: [Testobod]\n")
        expected = (6, 0)
    else:
        kwargs = {"directory_urls": False}
        expected = (0, 6)
    output = build_output(_options(project), **kwargs)
    assert "site cache hits" not in output.stats
    assert (output.stats["articles extracted"], output.stats["cache hits"]) == expected
    text = "\n".join(_texts(output).values())
    if change == "seed":
        assert NEW_SENTENCE in output.pages["articles/03-termez.md"].body
    elif change == "curation":
        assert "A town in the south" in text
    elif change == "page options":
        assert "articles/03-termez.html" in output.data["export/graph.json"]
    # And the changed output is what the next unchanged build reads back.
    again = build_output(_options(project), **kwargs)
    assert again.stats["site cache hits"] == 1 and _texts(again) == _texts(output)


def test_warnings_come_back_with_a_cached_site(project):
    (project / "seeds" / "07-empty.txt").write_text("Home | News | Login\n", encoding="utf-8")
    first = build_output(_options(project))
    assert any("07-empty.txt" in w for w in first.warnings)
    second = build_output(_options(project))
    assert second.stats["site cache hits"] == 1 and second.warnings == first.warnings


def test_a_damaged_site_cache_is_rebuilt(project):
    first = build_output(_options(project))
    cached = project / ".cache" / "site.json"
    key = cached.read_text(encoding="utf-8").split("\n", 1)[0]
    cached.write_text(key + "\n{\"pages\": [{\"path\": 1", encoding="utf-8")
    second = build_output(_options(project))
    assert "site cache hits" not in second.stats and _texts(second) == _texts(first)
    assert build_output(_options(project)).stats["site cache hits"] == 1


def test_the_site_cache_is_written_a_few_pages_at_a_time_and_a_server_can_stop_it(project, monkeypatch):
    import json

    from regional_briefs import outputs

    output = build_output(_options(project), store_later=True)
    monkeypatch.setattr(outputs, "STORE_STEP", 2)
    text = outputs._json_text(output)
    assert json.loads(text)["pages"][0]["path"] == next(iter(output.pages))
    assert outputs._from_json(json.loads(text)).pages == output.pages
    looks = []
    assert outputs._json_text(output, lambda: looks.append(1) or len(looks) > 2) is None
    assert output.store(lambda: True) is None and not (project / ".cache" / "site.json").exists()
    output.store()
    assert build_output(_options(project)).stats["site cache hits"] == 1


def test_a_server_build_makes_its_data_files_when_asked_and_stores_them_with_its_pages(project):
    """``data_later`` (under ``mkdocs serve --dirty``): no data files until ``later.make``, which a
    next build can stop; the site cache then holds them, as a build that made them at once does."""
    output = build_output(_options(project), store_later=True, data_later=True)
    assert output.data == {} and output.store is not None
    looks = []
    assert output.later.make(lambda: looks.append(1) or len(looks) > 2) is None and len(looks) == 3
    data = output.later.make()
    assert "export/graph.json" in data and "feed.xml" in "".join(data)
    output.store(data=data)
    cached = build_output(_options(project))
    assert cached.stats["site cache hits"] == 1 and cached.data == data
    with pytest.raises(ValueError):
        build_output(_options(project), data_later=True)


# --- a server's memory: the extractions and pages of the last build (render/memo.py) ---------------


def test_a_server_that_keeps_its_last_build_writes_what_a_fresh_build_writes_after_each_edit(project):
    """``Options.memory`` and ``RenderMemo`` (as under ``mkdocs serve --dirty``) against a build
    that keeps nothing, edit after edit: an edited, added, deleted and restored seed, two file
    names that slug alike (one article's id suffixed, then not), entities renamed and merged."""
    from regional_briefs.render.memo import RenderMemo

    memo, memory = RenderMemo(), {}
    seeds, briefs = project / "seeds", project / "briefs"

    def same(step: str) -> dict:
        options = _options(project)
        options.memory = memory
        # data_later, as a server builds: the data files made once the pages are out
        kept = build_output(options, memo=memo, store_later=True, data_later=True)
        fresh = build_output(_options(project), store_later=True)  # store_later: no site cache hit
        assert list(kept.pages) == list(fresh.pages), step
        for path, page in fresh.pages.items():
            assert kept.pages[path] == page, f"after {step}: {path} differs"
        assert kept.data == {} and kept.later.make() == fresh.data, step
        assert list(kept.later.paths) == list(fresh.data), step
        assert kept.warnings == fresh.warnings, step
        return memo.stats

    assert same("the first build")["replayed"] == 0
    rogun = (seeds / "01-rogun.md").read_text(encoding="utf-8")
    _append(seeds / "03-termez.md", f"\nA farmer in Osh said {NEW_SENTENCE}.\n")
    stats = same("an edited seed")
    # some pages rendered again, the others replayed (how many of each depends on what the
    # extraction finds in the six small articles: the edit names a town several pages link)
    assert stats["replayed"] > 0 and stats["rendered"] > 0
    assert set(memory) and len(memory) == 6
    (briefs / "fixes.yml").write_text("entities:\n  - name: Batken\n    rename: Batken town\n", encoding="utf-8")
    same("an entity renamed")
    (briefs / "fixes.yml").write_text("entities:\n  - name: Khorog\n    merge: Gorno-Badakhshan\n", encoding="utf-8")
    same("an entity merged into another, the rename undone")
    (seeds / "01 rogun.md").write_text(rogun.replace("Monday", "Tuesday"), encoding="utf-8")
    same("a seed whose name slugs as another's")
    (seeds / "01 rogun.md").unlink()
    same("that seed deleted: the other's id is its own again")
    (seeds / "07-copy.md").write_text(textwrap.dedent(ARTICLES["06-osh.md"]).replace("Osh", "Jalal-Abad"), encoding="utf-8")
    (seeds / "05-khorog.md").unlink()
    same("a seed added, another deleted")
    (seeds / "05-khorog.md").write_text(textwrap.dedent(ARTICLES["05-khorog.md"]).lstrip("\n"), encoding="utf-8")
    (briefs / "fixes.yml").unlink()
    assert same("back to the first inputs")["replayed"] > 0


def test_a_server_renders_again_only_the_pages_an_edit_reaches(project):
    """An edit to one article leaves the pages of the other articles as the last build wrote them:
    what every page reads of the whole site (the languages of the articles, for the search
    filters) is one value, not every article."""
    from regional_briefs.render.memo import RenderMemo

    memo, memory = RenderMemo(), {}

    def build() -> dict:
        options = _options(project)
        options.memory = memory
        build_output(options, memo=memo, store_later=True)
        return dict(memo.entries)

    before = build()
    _append(project / "seeds" / "03-termez.md", f"\nA farmer said {NEW_SENTENCE}.\n")
    after = build()
    articles = [path for path in after if path.startswith("articles/")]
    assert len(articles) == 6
    rendered = [path for path in articles if after[path] is not before.get(path)]
    assert len(rendered) == 1 and "termez" in rendered[0], rendered


# --- under `mkdocs serve` ------------------------------------------------------------------------


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return html.unescape(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(condition, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; server log:\n"
                + log.read_text(encoding="utf-8", errors="replace")[-4000:])


@pytest.mark.slow
def test_mkdocs_serve_rebuilds_an_edited_article_by_re_extracting_it_alone(tmp_path):
    seeds = {name: ARTICLES[name] for name in ("01-rogun.md", "02-batken.md", "03-termez.md")}
    root = make_project(tmp_path / "project", seeds)
    log = tmp_path / "serve.log"
    with mkdocs_serving(root, log, "--livereload") as (port, server):
        url = f"http://127.0.0.1:{port}/articles/03-termez/"
        page = _wait_for(lambda: _fetch(url), 300, "the article page", log)
        assert "Termez" in page
        assert "articles extracted: 3" in log.read_text(encoding="utf-8")
        _append(root / "seeds" / "03-termez.md", f"\nA farmer said {NEW_SENTENCE}.\n")
        _wait_for(lambda: NEW_SENTENCE in (_fetch(url) or ""), 120, "the edited sentence on the page", log)
        last = [line for line in log.read_text(encoding="utf-8").splitlines() if "articles extracted:" in line][-1]
        assert re.search(r"\barticles extracted: 1\b", last) and re.search(r"\bcache hits: 2\b", last), last


# --- what keys the extraction cache: the code extraction runs, not the site's ---------------------


def test_code_that_runs_after_extraction_keeps_the_extraction_cache(tmp_path, monkeypatch):
    """An upgrade that changes only rendering (or the site-wide stages) must not re-extract a
    10,000-article project; one that changes extraction must."""
    from regional_briefs import cache

    copy = tmp_path / "regional_briefs"
    shutil.copytree(cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)

    def keys():
        return cache.environment_key("g", "1", extraction=True), cache.environment_key("g", "1")

    first = keys()
    _append(copy / "render" / "pages.py", "\n# a rendering change\n")
    second = keys()
    assert second[0] == first[0] and second[1] != first[1]
    _append(copy / "extract" / "quotes.py", "\n# an extraction change\n")
    third = keys()
    assert third[0] != second[0] and third[1] != second[1]


def test_no_extraction_module_imports_site_only_code():
    """What ``cache.SITE_ONLY`` leaves out of the extraction cache's key is never run by extraction."""
    import ast

    from regional_briefs import cache

    package = cache.PACKAGE
    extraction = [p for p in sorted(package.rglob("*.py"))
                  if p.relative_to(package).parts[0] in ("extract", "knowledge")
                  or p.relative_to(package).as_posix() in ("model.py", "text.py", "language.py", "assemble/curation.py")]
    assert len(extraction) > 20
    wrong = []
    for path in extraction:
        here = path.relative_to(package).parent
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = here
                for _ in range(node.level - 1):
                    base = base.parent
                target = (base / (node.module or "").replace(".", "/")).as_posix().lstrip("./")
                names = [f"{target}/{a.name}" if target else a.name for a in node.names]
                for name in [target, *names]:
                    if name and any(cache.is_site_only(candidate) for candidate in (name, f"{name}.py")):
                        wrong.append(f"{path.relative_to(package)} imports {name}")
    assert not wrong


def test_a_seed_is_read_again_whenever_its_status_changes(tmp_path, monkeypatch):
    """A server keys 10,000 seeds on each rebuild; it reads only those whose status changed, and
    always one saved within the clock's granularity of now."""
    from regional_briefs.cache import FileMemo

    reads: list[bytes] = []

    def compute(data: bytes) -> str:
        reads.append(data)
        return data.decode()

    memo = FileMemo()
    path = tmp_path / "seed.md"
    path.write_text("first", encoding="utf-8")
    assert memo.value(path, "k", compute) == memo.value(path, "k", compute) == "first"
    assert len(reads) == 2  # just saved: read each time
    monkeypatch.setattr(FileMemo, "RACY_SECONDS", -1.0)
    assert memo.value(path, "k", compute) == memo.value(path, "k", compute) == "first"
    assert len(reads) == 3  # kept
    assert memo.value(path, "other", compute) == "first" and len(reads) == 4  # another label, another value
    before = path.stat()
    time.sleep(0.05)
    path.write_text("secnd", encoding="utf-8")  # same size, and the old times put back
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert memo.value(path, "k", compute) == "secnd" and len(reads) == 5


def test_resolving_again_after_an_edit_equals_resolving_afresh():
    """``resolve_site`` keeps what it worked out per extraction and per group from its last
    call (a server's rebuild); what it gives after an edit is what a first call gives."""
    import copy
    from dataclasses import asdict

    from regional_briefs.assemble.entities import resolve_site
    from regional_briefs.knowledge.gazetteer import Gazetteer
    from regional_briefs.model import Article, ArticleEntity, Extraction, Paragraph

    def extraction(article_id: str, names: dict[str, ArticleEntity]) -> Extraction:
        article = Article(article_id, f"{article_id}.txt", "", [Paragraph(0, "text")])
        return Extraction(article, entities=names)

    person = lambda *aliases: ArticleEntity("actor", "person", aliases=list(aliases), mentions=1)  # noqa: E731
    extractions = [
        extraction("a", {"Dilnoza Karimova": person("Karimova"), "Tajikistan": ArticleEntity("place", "country", mentions=2)}),
        extraction("b", {"Dilnoza Karimova": person(), "Osh": ArticleEntity("place", "city", mentions=1)}),
        extraction("c", {"Дильноза Каримова": person(), "Rustam Aliev": person()}),
    ]
    gazetteer = Gazetteer.load()
    resolve_site(extractions, gazetteer)
    # the edit: article b now names someone else, and the Latin spelling of c's person is gone
    extractions[1] = extraction("b", {"Rustam Aliyev": person(), "Osh": ArticleEntity("place", "city", mentions=3)})
    again = resolve_site(extractions, gazetteer)
    seen_again = ({k: asdict(v) for k, v in again[0].items()}, again[1])
    # what a call gives is its caller's to edit: the next call is not changed by it
    for entity in again[0].values():
        entity.aliases.append("edited")
        entity.articles.clear()
    third = resolve_site(extractions, gazetteer)
    seen_third = ({k: asdict(v) for k, v in third[0].items()}, third[1])
    afresh = resolve_site(copy.deepcopy(extractions), gazetteer)
    seen_afresh = ({k: asdict(v) for k, v in afresh[0].items()}, afresh[1])
    assert seen_again == seen_afresh
    assert seen_third == seen_afresh
    assert third[0]["osh"].articles == ["b"]
