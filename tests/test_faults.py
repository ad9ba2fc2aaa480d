"""Faults and hostile files: nothing outside the project is published, and no bad disk, cache or
file takes the site down.

Each case is a real ``mkdocs build`` of a project in a temporary folder, except the full and the
read-only disk, which cannot be made for root (who runs CI) without privileges: those run the
pipeline in-process with the cache's writes failing as the operating system fails them.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from pathlib import Path

import pytest

from conftest import make_project, mkdocs_build
from regional_briefs.cache import FORMAT
from regional_briefs.assemble.curation import load_curation
from regional_briefs.outputs import build_output
from regional_briefs.pipeline import Options

STORY = ("The foreign ministers of Kyrgyzstan and Tajikistan met in Bishkek on Tuesday to discuss the "
         "border, officials said.\n\nThey agreed to meet again in Dushanbe next month.\n")
SECRET = "root:x:0:0:a-secret-line-that-must-never-be-published:/root:/bin/bash\n"


def site_text(site: Path) -> str:
    """Every file the build published, as one string."""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


def regional_warnings(build) -> list[str]:
    return [w for w in build.warnings if "regional_briefs" in w]


# --- 1. Symbolic links ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def linked_project(tmp_path_factory):
    """Seeds that link out of the project, into it, to nothing and to themselves."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "passwd.txt").write_text(SECRET, encoding="utf-8")
    (outside / "seeds").mkdir()
    (outside / "seeds" / "leak.txt").write_text(SECRET, encoding="utf-8")
    (outside / "briefs.yml").write_text("title: Leaked brief a-secret-brief-title\n", encoding="utf-8")
    root = make_project(tmp_path_factory.mktemp("linked"), {"story.txt": STORY}, briefs={})
    (root / "material").mkdir()
    (root / "material" / "kept.txt").write_text(STORY.replace("Tuesday", "Wednesday"), encoding="utf-8")
    seeds = root / "seeds"
    (seeds / "passwd.txt").symlink_to(outside / "passwd.txt")
    (seeds / "inside.txt").symlink_to(root / "material" / "kept.txt")
    (seeds / "dangling.txt").symlink_to(root / "missing.txt")
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    (seeds / "elsewhere").symlink_to(outside / "seeds")
    (root / "briefs" / "leak.yml").symlink_to(outside / "briefs.yml")
    return root


def test_a_seed_linked_out_of_the_project_is_warned_about_and_never_published(linked_project):
    build = mkdocs_build(linked_project, strict=False)
    assert build.returncode == 0, build.log
    assert "a-secret-line" not in site_text(build.site)
    assert "a-secret-brief-title" not in site_text(build.site)
    warnings = "\n".join(regional_warnings(build))
    assert "seeds/passwd.txt is a symbolic link to a file outside the project" in warnings
    assert "briefs/leak.yml is a symbolic link to a file outside the project" in warnings
    assert "seeds/dangling.txt is a symbolic link to nothing" in warnings
    assert "seeds/loop.txt is a symbolic link that loops" in warnings
    sources = sorted(a["source"] for a in build.graph["articles"])
    assert sources == ["inside.txt", "story.txt"], "a link inside the project is followed"


def test_a_seed_folder_linked_out_of_the_project_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.txt").write_text(SECRET, encoding="utf-8")
    root = tmp_path / "project"
    make_project(root, {})
    (root / "seeds").rmdir()
    (root / "seeds").symlink_to(outside)
    build = mkdocs_build(root, strict=True)
    assert build.returncode != 0
    assert any("seeds/ is a symbolic link to a folder outside the project" in w for w in build.warnings), build.log
    build = mkdocs_build(root, strict=False)
    assert "a-secret-line" not in site_text(build.site)


def test_strict_build_fails_on_a_link_out_of_the_project(linked_project):
    build = mkdocs_build(linked_project, strict=True, site=linked_project / "strict-site")
    assert build.returncode != 0
    assert any("seeds/passwd.txt" in w for w in build.warnings)


# --- 2 and 4. Caches that cannot be used --------------------------------------------------------


def _cache_warnings(build) -> list[str]:
    return [w for w in regional_warnings(build) if "cache " in w]


def test_a_cache_dir_that_is_a_file_is_warned_about_once_and_the_site_builds(tmp_path):
    config = "site_name: Test brief\ntheme: material\nplugins:\n  - search\n  - briefs:\n      cache_dir: cache.txt\n"
    root = make_project(tmp_path / "p", {"story.txt": STORY, "other.txt": STORY.replace("Bishkek", "Osh")}, config=config)
    (root / "cache.txt").write_text("not a folder\n", encoding="utf-8")
    build = mkdocs_build(root, strict=False)
    assert build.returncode == 0, build.log
    assert len(build.graph["articles"]) == 2
    warnings = _cache_warnings(build)
    assert len(warnings) == 1, warnings
    assert "cache.txt" in warnings[0] and "Not a directory" in warnings[0]
    assert "goes on without the cache" in warnings[0]
    assert (root / "cache.txt").read_text() == "not a folder\n"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_disk_leaves_the_build_without_cache(tmp_path, monkeypatch, code):
    root = make_project(tmp_path / "p", {"story.txt": STORY})

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    output = build_output(Options(seeds_dir=root / "seeds", cache_dir=root / ".cache", jobs=1))
    assert any(p.startswith("articles/") for p in output.pages)
    cache_warnings = [w for w in output.warnings if w.startswith("cache ")]
    assert len(cache_warnings) == 1, output.warnings
    assert os.strerror(code) in cache_warnings[0]


def _rewrite_entry(path: Path, edit, keep_checksum: bool) -> None:
    key, header, body = path.read_bytes().split(b"\n", 2)
    data = edit(json.loads(body))
    new_body = json.dumps(data).encode()
    checksum = hashlib.sha256(new_body).hexdigest().encode() if keep_checksum else header.split(b" ")[-1]
    path.write_bytes(key + b"\n" + FORMAT.encode() + b" " + checksum + b"\n" + new_body)


@pytest.mark.parametrize("keep_checksum", [False, True], ids=["checksum-wrong", "checksum-recomputed"])
def test_a_hand_damaged_cache_entry_is_rebuilt_with_a_warning(tmp_path, keep_checksum):
    root = make_project(tmp_path / "p", {"story.txt": STORY})
    first = mkdocs_build(root, strict=True, site=tmp_path / "first")
    assert first.returncode == 0, first.log
    cache = root / ".cache" / "briefs"
    # The right JSON shape, the wrong types: a page that is a number, an extraction whose article is a list.
    _rewrite_entry(cache / "site.json", lambda d: {**d, "pages": [{"path": 5}]}, keep_checksum)
    for entry in cache.glob("??/*.json"):
        _rewrite_entry(entry, lambda d: {**d, "article": [1, 2]}, keep_checksum)
    second = mkdocs_build(root, strict=False, site=tmp_path / "second")
    assert second.returncode == 0, second.log
    assert len(_cache_warnings(second)) >= 1
    assert all("rebuilt" in w for w in _cache_warnings(second))
    assert second.graph == first.graph
    third = mkdocs_build(root, strict=True, site=tmp_path / "third")
    assert third.returncode == 0, "the rebuilt entries are sound again: " + third.log


# --- 3. Deeply nested YAML --------------------------------------------------------------------


DEEP = "[" * 600 + "]" * 600


def test_deep_yaml_in_curation_and_front_matter_is_a_warning_naming_file_and_line(tmp_path):
    seeds = {"story.txt": STORY, "deep.md": f"---\ntitle: Deep\ntags: {DEEP}\n---\n\n{STORY}"}
    briefs = {"deep.yml": f"title: Deep brief\nentities:\n  - name: Bishkek\n    aliases: {DEEP}\n"}
    root = make_project(tmp_path / "p", seeds, briefs)
    strict = mkdocs_build(root, strict=True, site=tmp_path / "strict")
    assert strict.returncode != 0
    build = mkdocs_build(root, strict=False)
    assert build.returncode == 0, build.log
    warnings = "\n".join(regional_warnings(build))
    assert "briefs/deep.yml:4: not valid YAML (nested deeper than 40 levels)" in warnings
    assert "seeds/deep.md: front matter is not valid YAML at line 3 (nested deeper than 40 levels)" in warnings
    assert "RecursionError" not in build.log
    assert sorted(a["source"] for a in build.graph["articles"]) == ["deep.md", "story.txt"]


def test_a_gazetteer_file_past_the_yaml_limits_is_a_warning_and_not_used(tmp_path):
    config = ("site_name: Test brief\ntheme: material\nplugins:\n  - search\n  - briefs:\n"
              "      gazetteer_files: [deep.yml, good.yml]\n")
    root = make_project(tmp_path / "p", {"story.txt": STORY}, config=config)
    (root / "deep.yml").write_text("entries: " + DEEP + "\n", encoding="utf-8")
    (root / "good.yml").write_text("entries:\n  - name: Kulobistan\n    kind: place\n    type: region\n", encoding="utf-8")
    build = mkdocs_build(root, strict=False)
    assert build.returncode == 0, build.log
    warnings = "\n".join(regional_warnings(build))
    assert "deep.yml" in warnings and "nested deeper than 40 levels" in warnings and "not used" in warnings
    assert "good.yml" not in warnings


# --- 5. Silent surprises ----------------------------------------------------------------------


def test_curation_files_whose_names_collide_both_become_briefs_with_a_warning(tmp_path):
    briefs = {"Central Asia.yml": "title: Central Asia one\n", "central-asia.yml": "title: Central Asia two\n"}
    curation = load_curation(_briefs_folder(tmp_path, briefs))
    assert sorted(b.title for b in curation.briefs) == ["Central Asia one", "Central Asia two"]
    assert len({b.id for b in curation.briefs}) == 2
    assert any("makes the same page as briefs/Central Asia.yml" in p for p in curation.problems), curation.problems


def _briefs_folder(root: Path, files: dict[str, str]) -> Path:
    folder = root / "briefs"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_globs_that_match_nothing_and_fixes_for_missing_seeds_are_warned_about(tmp_path):
    briefs = {"region.yml": "title: Region\nseeds: ['story*', 'nothing-*.txt']\n"
                            "articles:\n  missing.txt:\n    title: A title for no seed\n"}
    root = make_project(tmp_path / "p", {"story.txt": STORY}, briefs)
    build = mkdocs_build(root, strict=True)
    assert build.returncode != 0
    warnings = "\n".join(regional_warnings(build))
    assert "briefs/region.yml: seeds pattern 'nothing-*.txt' matches no article in seeds/" in warnings
    assert "briefs/region.yml:4: no seed named 'missing.txt' in seeds/" in warnings
    assert "story*" not in warnings


def test_bidirectional_controls_in_a_file_name_and_title_never_reach_the_site(tmp_path):
    name = "report\u202etxt.md"
    seed = f"---\ntitle: \"Border \u202etalks\u202c today\"\n---\n\n{STORY}"
    briefs = {"fix.yml": f"articles:\n  \"{name}\":\n    source: \"Outlet \u2066name\u2069\"\n"}
    root = make_project(tmp_path / "p", {name: seed}, briefs)
    build = mkdocs_build(root, strict=True)
    assert build.returncode == 0, build.log
    article = build.graph["articles"][0]
    assert article["source"] == "reporttxt.md"
    assert article["title"] == "Border talks today"
    assert article["outlet"] == "Outlet name"
    for path in build.site.rglob("*"):
        assert not any(c in path.name for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), path


# --- 6. Generated links -----------------------------------------------------------------------

# A hook (run after the plugin's on_files) that drops one generated page: the pages that link to it
# now hold a broken link, which MkDocs cannot see (the links are raw HTML) and the plugin must report.
DROP_A_PAGE_HOOK = '''
from pathlib import Path

def on_files(files, config):
    page = next(f for f in files if f.src_uri.startswith("places/") and f.src_uri != "places/index.md")
    files.remove(page)
    Path(config.config_file_path).with_name("dropped.txt").write_text(page.src_uri, encoding="utf-8")
    return files
'''


def test_a_generated_link_to_a_page_the_site_lacks_fails_the_strict_build(tmp_path):
    config = "site_name: Test brief\ntheme: material\nplugins: [search, briefs]\nhooks: [drop.py]\n"
    root = make_project(tmp_path / "p", {"story.txt": STORY}, config=config)
    (root / "drop.py").write_text(DROP_A_PAGE_HOOK, encoding="utf-8")
    strict = mkdocs_build(root, strict=True, site=tmp_path / "strict")
    assert strict.returncode != 0
    dropped = (root / "dropped.txt").read_text(encoding="utf-8")
    warnings = [w for w in regional_warnings(strict) if "generated link to" in w]
    assert any(f"generated link to '{dropped}', which is not in the site" in w for w in warnings), strict.log
    assert any("articles/" in w for w in warnings), "the warning names a page that holds the link"
    build = mkdocs_build(root, strict=False)
    assert build.returncode == 0, build.log


def test_a_site_with_every_page_has_no_broken_generated_link(tmp_path):
    root = make_project(tmp_path / "p", {"story.txt": STORY})
    build = mkdocs_build(root, strict=True)
    assert build.returncode == 0, build.log
    assert not [w for w in build.warnings if "generated link" in w or "link to" in w]
