"""Deterministic output: the same seeds give byte-identical pages, search indexes and export.

Two cold builds in two folders with different ``PYTHONHASHSEED`` values (set iteration order,
worker processes and absolute paths must not show in the output), and a warm rebuild from the
extraction cache. MkDocs stamps ``sitemap.xml`` and the gzip header of ``sitemap.xml.gz`` with the
build time; both builds get one ``SOURCE_DATE_EPOCH`` so that every file can be compared. Pagefind's
index (``pagefind/``) is compared too: search.py sorts the filter files Pagefind writes in hash-map order.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CORPUS, MKDOCS, REPO, SEED, make_project
from regional_briefs.text import casefold_order

EXTRA_SEEDS = {  # the hostile and broken kinds, so that their handling is reproducible too
    "markup.md": "---\ntitle: <script>alert(1)</script> {{ config }}\npublished: 2025-03-01\n---\n\n"
                 "Ivan Petrov met officials of O'Brien & Sons in Dushanbe on 1 March 2025, the ministry said.\n",
    "markup copy.md": "---\ntitle: <script>alert(1)</script> {{ config }}\npublished: 2025-03-01\n---\n\n"
                      "Ivan Petrov met officials of O'Brien & Sons in Dushanbe on 1 March 2025, the ministry said.\n",
    "a b.txt": "Anna Ivanova visited Kabul on Monday, the ministry said in a statement.\n",
    "a-b.txt": "Farid Karimov visited Tashkent on Tuesday, the ministry said in a statement.\n",
    "russian.txt": "Министр иностранных дел Таджикистана встретился с коллегой в Душанбе в понедельник.\n".encode("cp1251"),
    # one name in two cases (a capitalised dateline and the text): their order must not follow a set's
    "dateline.txt": "ТАШКЕНТ, 5 марта. Министр иностранных дел Узбекистана принял посла в Ташкенте.\n",
    "empty.txt": b"",
}


def _project(root: Path) -> Path:
    project = make_project(root, EXTRA_SEEDS)
    if CORPUS.is_dir():
        for path in sorted(CORPUS.iterdir()):
            if path.suffix in (".txt", ".md", ".html") and path.name != "README.md":
                shutil.copy(path, project / "seeds" / path.name)
    shutil.copy(SEED, project / "seeds" / SEED.name)
    shutil.copytree(REPO / "briefs", project / "briefs")
    return project


def _build(project: Path, hash_seed: str) -> dict[str, bytes]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED=hash_seed, SOURCE_DATE_EPOCH="1767225600")
    result = subprocess.run(MKDOCS + ["build", "--clean"], cwd=project, capture_output=True, text=True, env=env,
                            timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    first = _project(tmp_path_factory.mktemp("first") / "briefing")
    second = _project(tmp_path_factory.mktemp("second-folder") / "another name")
    cold_a = _build(first, "1")
    cold_b = _build(second, "2")
    warm_a = _build(first, "3")  # from the extraction cache
    return cold_a, cold_b, warm_a


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(p for p in set(a) & set(b) if a[p] != b[p])


def test_two_cold_builds_in_two_folders_are_byte_identical(builds):
    cold_a, cold_b, _ = builds
    assert len([p for p in cold_a if p.startswith("articles/")]) > 8
    assert {"search/search_index.json", "pagefind/pagefind-entry.json", "export/graph.json", "export/events.csv", "sitemap.xml.gz"} <= set(cold_a)
    assert _differences(cold_a, cold_b) == []


def test_rebuild_from_the_cache_is_byte_identical(builds):
    cold_a, _, warm_a = builds
    assert _differences(cold_a, warm_a) == []


def test_output_names_no_build_folder(builds):
    cold_a, _, _ = builds
    for path, data in cold_a.items():
        if path.endswith((".html", ".json", ".csv", ".xml")):
            text = data.decode("utf-8")
            assert "/tmp/" not in text and "pytest-of-" not in text, path


def test_names_differing_only_in_case_sort_the_same_from_any_set_order():
    names = ["Ташкент", "ТАШКЕНТ", "ташкент", "Dushanbe"]
    assert sorted(names, key=casefold_order) == sorted(reversed(names), key=casefold_order) \
        == ["Dushanbe", "ТАШКЕНТ", "Ташкент", "ташкент"]
