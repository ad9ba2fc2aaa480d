"""Long lists over several pages: the development corpus rendered with tiny limits, so that every
list of it is paginated or summarised, and read back the way a reader follows links."""

from __future__ import annotations

import copy
import json
import os
import pickle
import posixpath
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, SEED, check_links, make_project, mkdocs_build

from regional_briefs.render.links import Linker, list_path, source_url
from regional_briefs.render.pages import Limits, Page, render_site
from regional_briefs.pipeline import Options, build_site
from regional_briefs.render.visuals import map_json, render_map_page

TINY = Limits(per_page=3, preview=2, top=2, sources=1, latest=2)
LINK = re.compile(r'<a href="([^"]+)"')  # pages rendered with links to the Markdown files (source_url)
PAGER = re.compile(r"<strong>Page (\d+) of (\d+)</strong>")
NAV_LISTS = ("timeline.md", "articles/index.md")  # lists whose first page is an index in the nav
INDEXES = ("index.md", "timeline.md", "articles/index.md", "actors/index.md", "places/index.md", "events/index.md")


# `mkdocs` itself, with the limits above as render_site's defaults (the plugin has no options for them).
MKDOCS_WITH_TINY_LIMITS = [sys.executable, "-c", (
    "import regional_briefs.render.pages as pages\n"
    "pages.render_site.__defaults__ = (True, pages.Limits(per_page=3, preview=2, top=2, sources=1, latest=2))\n"
    "from mkdocs.__main__ import cli\n"
    "cli()\n")]


def _copy_corpus(seeds: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip("the development corpus (../shared/corpus/dev) is not here")
    seeds.mkdir(exist_ok=True)
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".md", ".html") and path.name != "README.md":
            shutil.copy(path, seeds / path.name)
    shutil.copy(SEED, seeds / SEED.name)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("paging") / "seeds"
    _copy_corpus(seeds)
    return build_site(Options(seeds_dir=seeds, jobs=1))


@pytest.fixture(scope="module")
def odd_site(site):
    """The corpus with some events and articles undated, so that every group a timeline has is there."""
    odd = copy.deepcopy(site)
    for event in sorted(odd.events.values(), key=lambda e: e.id)[::9]:
        event.date = None
    for article in sorted(odd.articles.values(), key=lambda a: a.id)[::4]:
        article.published = None
    return odd


@pytest.fixture(scope="module")
def pages(site):
    return render_site(site, limits=TINY, url_for=source_url)


def _body(page: Page) -> str:
    """The page without its backlinks (which are capped on their own)."""
    return page.body.split("\n## Linked from")[0]


def _links(path: str, page: Page, backlinks: bool = True) -> list[tuple[str, str]]:
    """(site path, anchor) of every link on the page (``backlinks=False``: in its body only)."""
    out = []
    for target in LINK.findall(page.body if backlinks else _body(page)):
        if re.match(r"^[a-z]+:", target):  # the article's original, on the web
            continue
        target_path, _, anchor = target.partition("#")
        out.append((posixpath.normpath(posixpath.join(posixpath.dirname(path), target_path)), anchor))
    return out


def _lists(pages: dict[str, Page]) -> dict[str, list[str]]:
    """Every paginated list: its first page -> the paths of its pages, in order."""
    lists = defaultdict(list)
    for path, page in pages.items():
        if page.search_exclude or path in NAV_LISTS:
            match = re.fullmatch(r"(.+)/(\d+)\.md", path)
            base = f"{match.group(1)}.md" if match and f"{match.group(1)}.md" in pages else path
            lists[base].append(path)
    return {base: sorted(paths, key=lambda p: (p != base, len(p), p)) for base, paths in lists.items()}


def _items(page: Page) -> list[str]:
    """The entries of a list page: bullets, and the attribution line of each quoted source."""
    return [line for line in _body(page).splitlines()
            if (line.startswith("<li>") or line.startswith("<p>— ")) and not line.startswith("<li>… and")]


def _section(body: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same level or higher."""
    level = heading.split(" ")[0]
    start = body.index(heading + "\n")
    rest = body[start + len(heading) + 1:]
    end = re.search(rf"^#{{1,{len(level)}}} ", rest, re.M)
    return rest[:end.start()] if end else rest


def _reachable(pages: dict[str, Page], start: str, through) -> set[str]:
    """Every page reached from ``start`` by following links, opening only pages ``through`` accepts."""
    seen, todo = {start}, [start]
    while todo:
        path = todo.pop()
        for target, _ in _links(path, pages[path], False):
            if target in pages and target not in seen:
                seen.add(target)
                if through(target):
                    todo.append(target)
    return seen


def _timeline_page(path: str) -> bool:
    return path == "timeline.md" or re.fullmatch(r"timeline/\d+\.md", path) is not None


# --- the lists ---------------------------------------------------------------------------------


def test_tiny_limits_paginate_every_kind_of_list(pages):
    lists = _lists(pages)
    assert len(lists["timeline.md"]) > 10
    assert len(lists["articles/index.md"]) == 3  # 9 articles, 3 a page
    for base in ("lists/events/economic.md", "lists/actors/person.md", "lists/places/city.md",
                 "briefs/all/articles.md", "briefs/all/timeline.md", "places/tajikistan/timeline.md"):
        assert len(lists[base]) > 1, base
    assert any(re.fullmatch(r"events/[^/]+/sources\.md", base) for base in lists)


def test_every_event_is_on_the_timeline_once_and_reached_through_its_pager(site, pages):
    reached = _reachable(pages, "timeline.md", _timeline_page)
    timeline = sorted(p for p in reached if _timeline_page(p))
    assert timeline == sorted(_lists(pages)["timeline.md"])
    listed = [target for path in timeline for target, _ in _links(path, pages[path], False) if target.startswith("events/")]
    assert sorted(listed) == sorted(f"events/{e}.md" for e in site.events)


def test_the_timeline_runs_newest_first_across_its_pages(site, pages):
    order = [target for path in _lists(pages)["timeline.md"] for target, _ in _links(path, pages[path], False)
             if target.startswith("events/")]
    keys = [site.events[t[len("events/"):-3]].date.sort_key() for t in order]
    with_year = [k for k in keys if k[0] != 9999]
    assert with_year == sorted(with_year, reverse=True) and keys[:len(with_year)] == with_year


def test_the_pages_of_a_list_agree_on_page_k_of_n(pages):
    for base, paths in _lists(pages).items():
        total = len(paths)
        assert paths == [list_path(base, n) for n in range(1, total + 1)], base
        for number, path in enumerate(paths, 1):
            page = pages[path]
            pagers = PAGER.findall(page.body)
            if total == 1:
                assert not pagers, path
                continue
            assert pagers == [(str(number), str(total))] * 2, (path, pagers)  # above and below the list
            first_item = page.body.index("\n" + _items(page)[0])
            assert page.body.index("<strong>Page") < first_item < page.body.rindex("<strong>Page"), path
            if number > 1:
                assert page.title.endswith(f"(page {number} of {total})") and not page.in_nav, path
            for label, near in (("← Previous", number - 1), ("Next →", number + 1)):
                arrows = re.findall(rf'<a href="([^"]+)">{re.escape(label)}</a>', page.body)
                if 1 <= near <= total:
                    assert [posixpath.normpath(posixpath.join(posixpath.dirname(path), t)) for t in arrows] \
                        == [paths[near - 1]] * 2, (path, label)
                else:
                    assert not arrows, (path, label)
            neighbours = {target for target, _ in _links(path, page)}
            for near in (number - 1, number + 1, 1, total):
                if 1 <= near <= total and near != number:
                    assert paths[near - 1] in neighbours, (path, near)


def test_no_list_page_holds_more_than_per_page_items(pages):
    counted = 0
    for paths in _lists(pages).values():
        for path in paths:
            items = _items(pages[path])
            assert 0 < len(items) <= TINY.per_page, (path, len(items))
            counted += 1
    assert counted > 40


def test_only_the_nav_indexes_are_searched_among_list_pages(pages):
    for base, paths in _lists(pages).items():
        for path in paths:
            assert pages[path].search_exclude == (path not in NAV_LISTS), path
            assert pages[path].in_nav == (path in NAV_LISTS), path
    front = yaml.safe_load(pages["lists/events/economic.md"].text.split("---")[1])
    assert front["search"] == {"exclude": True}


def test_search_boost_and_exclude_share_one_search_key():
    text = Page("x.md", "X", search_boost=True, search_exclude=True).text
    assert text.count("search:") == 1
    assert yaml.safe_load(text.split("---")[1])["search"] == {"boost": 2, "exclude": True}


def test_paginated_paths_stay_inside_the_site_and_next_to_their_first_page(pages):
    for base, paths in _lists(pages).items():
        for path in paths:
            assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*\.md", path), path
            assert posixpath.normpath(path) == path and not path.startswith("/") and ".." not in path.split("/")
            if path != base:
                assert path.startswith(base[:-3] + "/"), (base, path)


# --- the pages that summarise --------------------------------------------------------------------


def test_entity_pages_show_a_preview_of_each_list_and_link_the_whole_timeline(site, pages):
    capped = set()
    for entity in site.entities.values():
        path = f"{'actors' if entity.kind == 'actor' else 'places'}/{entity.id}.md"
        body = _body(pages[path])
        if "## Roles and affiliations" in body:
            section = _section(body, "## Roles and affiliations")
            items = _items(Page(path, "", section))
            assert len([i for i in items if not i.startswith("<li>Affiliated with")]) <= TINY.preview, path
            assert len([i for i in items if i.startswith("<li>Affiliated with")]) <= TINY.preview, path
            capped.update(["roles"] if "<li>… and" in section else [])
        if "## Quotes" in body:
            assert _section(body, "## Quotes").count("<p>“") <= TINY.preview, path
        if "## Relations" in body:
            relations = _section(body, "## Relations")
            for kind in re.findall(r"^### .+$", relations, re.M):
                assert len(_items(Page(path, "", _section(relations, kind)))) <= TINY.preview, (path, kind)
            capped.update(["relations"] if "<li>… and" in relations else [])
        events = site.events
        mine = [e for e in events.values() if entity.id in {*e.actors, *e.places}]
        if mine:
            timeline = _section(body, "## Timeline")
            shown = [t for t, _ in _links(path, Page(path, "", timeline)) if t.startswith("events/")]
            assert len(shown) == min(len(mine), TINY.preview), path
            full = f"{path[:-3]}/timeline.md"
            if len(mine) > TINY.preview:
                assert full in {t for t, _ in _links(path, pages[path])}, path
                listed = {t for p in _lists(pages)[full] for t, _ in _links(p, pages[p], False) if t.startswith("events/")}
                assert listed == {f"events/{e.id}.md" for e in mine}, path
                capped.add("timeline")
            else:
                assert full not in pages
    assert capped == {"roles", "relations", "timeline"}  # the corpus exercises each cap


def test_the_brief_shows_its_newest_articles_and_links_its_articles_and_timeline(site, pages):
    brief = pages["briefs/all.md"]
    body = _body(brief)
    articles = _section(body, "## Articles")
    assert len(_items(Page("", "", articles))) == TINY.preview
    assert 'href="all/articles.md"' in articles and 'href="all/timeline.md"' in _section(body, "## Timeline")
    assert len(_items(Page("", "", _section(body, "## Latest events")))) <= TINY.preview
    assert not re.search(r"^### ", _section(body, "## Timeline"), re.M)  # no timeline on the page itself
    listed = {t for p in _lists(pages)["briefs/all/articles.md"] for t, _ in _links(p, pages[p], False) if t.startswith("articles/")}
    assert listed == {f"articles/{a}.md" for a in site.briefs["all"].articles}
    events = {t for p in _lists(pages)["briefs/all/timeline.md"] for t, _ in _links(p, pages[p], False) if t.startswith("events/")}
    assert events == {f"events/{e}.md" for e in site.events}


def test_event_pages_quote_their_first_sources_and_list_the_rest(site, pages):
    several = 0
    for event in site.events.values():
        path = f"events/{event.id}.md"
        body = _body(pages[path])
        shown = [t for t, a in _links(path, pages[path], False) if t.startswith("articles/") and a]
        assert len(shown) == min(len(event.sources), TINY.sources), path
        rest = f"events/{event.id}/sources.md"
        if len(event.sources) > TINY.sources:
            several += 1
            assert 'href="' + rest.split("/", 1)[1] + '"' in body
            quoted = [(t, a) for p in _lists(pages)[rest] for t, a in _links(p, pages[p], False) if t.startswith("articles/")]
            assert quoted == [(f"articles/{s.article}.md", f"p{s.paragraph + 1}") for s in event.sources[TINY.sources:]]
        else:
            assert rest not in pages
    assert several


def test_indexes_show_the_top_entities_and_the_latest_events_per_type(site, pages):
    actors = _body(pages["actors/index.md"])
    person = _section(actors, "## Person")
    assert len(_items(Page("", "", person))) == TINY.top and 'href="../lists/actors/person.md"' in person
    events = _body(pages["events/index.md"])
    economic = _section(events, "## economic")
    assert len(_items(Page("", "", economic))) == TINY.latest
    assert f">All {sum(e.type == 'economic' for e in site.events.values())} economic events</a>" in economic.replace("&#45;", "-")


def test_the_map_lists_at_most_its_limit_of_places_and_points_to_the_index(site):
    linker = Linker(current="map.md", url_for=source_url)
    body = render_map_page(site, linker, 2)
    # On the map: a place with coordinates, or a country or province with an outline in the map's data.
    data = map_json(site)
    located, unlocated = len(data["places"]), len(data["unlocated"])
    assert located + unlocated == sum(e.kind == "place" for e in site.entities.values())
    assert located > 2 and unlocated > 2
    for heading, hidden in (("### Not on the map", unlocated - 2), ("## Places on the map", located - 2)):
        section = _section(body, heading)
        assert len(_items(Page("map.md", "", section))) == 2, heading
        assert f'<li>… and {hidden} more, every one on the <a href="places/index.md">places index</a></li>' in section, heading
    assert "map.md" in linker.links["places/index.md"]


# --- reaching everything -----------------------------------------------------------------------


def test_every_link_lands_on_a_page_and_every_anchor_on_its_target(site, pages):
    for path, page in pages.items():
        for target, anchor in _links(path, page):
            if target.startswith("export/") or target.endswith(".xml"):  # data files and feeds, not pages
                continue
            assert target in pages, f"{path} links to {target}"
            if not anchor:
                continue
            if target.startswith("articles/") and target != "articles/index.md" and "/index/" not in target:
                article = site.articles[target[len("articles/"):-3]]
                assert re.fullmatch(r"p\d+", anchor) and int(anchor[1:]) <= len(article.paragraphs), (path, anchor)
            else:
                assert f"{{ #{anchor} }}" in pages[target].body, f"{path} links to {target}#{anchor}"


def test_every_article_entity_and_event_is_reached_from_the_indexes_through_the_lists(site, pages):
    lists = {p for paths in _lists(pages).values() for p in paths if p.startswith(("lists/", "timeline", "articles/index"))}
    through = lambda path: path in INDEXES or path in lists  # noqa: E731
    reached = set()
    for start in INDEXES:
        reached |= _reachable(pages, start, through)
    wanted = {f"articles/{a}.md" for a in site.articles} | {f"events/{e}.md" for e in site.events}
    wanted |= {f"{'actors' if e.kind == 'actor' else 'places'}/{e.id}.md" for e in site.entities.values()}
    assert not wanted - reached, sorted(wanted - reached)[:5]


def test_the_jump_line_leads_to_the_page_where_each_year_begins(odd_site):
    pages = render_site(odd_site, limits=TINY, url_for=source_url)
    for base in ("timeline.md", "articles/index.md"):
        paths = _lists(pages)[base]
        first: dict[str, str] = {}  # heading -> the first page it is on
        for path in paths:
            for label in re.findall(r"^## (.+) \{ #", pages[path].body, re.M):
                first.setdefault(label, path)
        assert {"Year not stated", "Undated"} <= set(first), (base, sorted(first))
        for path in paths:
            jump = next(line for line in pages[path].body.splitlines() if line.startswith('<p class="rb-jump"'))
            labels = re.findall(r'<a href="[^"]+">([^<]+)</a>', jump)
            assert labels == list(first), (path, labels)
            for label, (target, anchor) in zip(labels, _links(path, Page(path, "", jump))):
                assert target == first[label], (path, label, target)
                assert f"{{ #{anchor} }}" in pages[target].body


def test_undated_events_are_on_the_timeline_last(odd_site):
    pages = render_site(odd_site, limits=TINY, url_for=source_url)
    paths = _lists(pages)["timeline.md"]
    undated = {f"events/{e.id}.md" for e in odd_site.events.values() if e.date is None}
    assert undated
    order = [t for p in paths for t, _ in _links(p, pages[p], False) if t.startswith("events/")]
    assert set(order[-len(undated):]) == undated and sorted(order) == sorted(f"events/{e}.md" for e in odd_site.events)


# --- small sites and determinism ------------------------------------------------------------------


def test_with_default_limits_the_corpus_needs_no_pager_and_the_timeline_lists_every_event(site):
    pages = render_site(site, url_for=source_url)
    assert not [p for p, page in pages.items() if PAGER.search(page.body)]
    assert not [p for p in pages if p.startswith("timeline/") or p.startswith("articles/index/")]
    timeline = {t for t, _ in _links("timeline.md", pages["timeline.md"], False) if t.startswith("events/")}
    assert timeline == {f"events/{e}.md" for e in site.events}
    assert "{ #" not in pages["timeline.md"].body  # no jump line, no anchors: the page as it always was
    for path, page in pages.items():
        if page.search_exclude:
            assert not page.in_nav and path not in INDEXES, path


def test_output_does_not_depend_on_the_hash_seed(site, tmp_path):
    pickled = tmp_path / "site.pkl"
    pickled.write_bytes(pickle.dumps(site))
    script = ("import hashlib, pickle, sys\n"
              "from regional_briefs.render.pages import Limits, render_site\n"
              "site = pickle.loads(open(sys.argv[1], 'rb').read())\n"
              "digest = hashlib.sha256()\n"
              "for limits in (Limits(), Limits(per_page=3, preview=2, top=2, sources=1, latest=2)):\n"
              "    for path, page in sorted(render_site(site, limits=limits).items()):\n"
              "        digest.update(path.encode() + b'\\0' + page.text.encode() + b'\\0')\n"
              "print(digest.hexdigest())\n")
    digests = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        result = subprocess.run([sys.executable, "-c", script, str(pickled)], capture_output=True, text=True,
                                env=env, timeout=300, check=True)
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        Limits(per_page=0)
    assert Limits() == Limits(per_page=100, preview=20, top=25, sources=50, latest=5)


# --- built by MkDocs -------------------------------------------------------------------------------


def test_a_strict_build_with_tiny_limits_links_every_page_and_keeps_list_pages_out_of_search(tmp_path):
    project = make_project(tmp_path / "p", {})
    _copy_corpus(project / "seeds")
    build = mkdocs_build(project, tool=MKDOCS_WITH_TINY_LIMITS)
    assert build.returncode == 0, build.log
    assert not build.warnings, build.warnings
    parsed = check_links(build.site)
    timeline = sorted(build.site.glob("timeline/*/index.html"))
    assert len(timeline) > 10 and all(parsed[p].classes["rb-pager"] == 2 for p in timeline)
    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    searched = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"timeline/", "articles/", "briefs/all/", "places/tajikistan/"} <= searched
    assert not [p for p in searched if p.startswith(("lists/", "timeline/", "articles/index/", "briefs/all/", "places/tajikistan/"))
                and p not in ("timeline/", "briefs/all/", "places/tajikistan/")]
