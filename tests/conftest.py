"""Shared fixtures: real projects in temporary folders, built by the real MkDocs."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "000_ad247eec8587e842.txt"
CORPUS = SHARED / "corpus" / "dev"
MKDOCS = [sys.executable, "-m", "mkdocs"]

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never a downloaded browser build
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO / "test-artifacts"

MINIMAL_CONFIG = "site_name: Test brief\ntheme: material\nplugins: [search, briefs]\n"


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    log: str

    def page(self, path: str) -> str:
        return (self.site / path / "index.html").read_text(encoding="utf-8") if not path.endswith(".html") \
            else (self.site / path).read_text(encoding="utf-8")

    @property
    def graph(self) -> dict:
        return json.loads((self.site / "export" / "graph.json").read_text(encoding="utf-8"))

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def make_project(root: Path, seeds: dict[str, str | bytes], briefs: dict[str, str] | None = None,
                 config: str = MINIMAL_CONFIG, docs: dict[str, str] | None = None) -> Path:
    """A project folder: mkdocs.yml, docs/, seeds/ and (optionally) briefs/."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    for name, text in (docs or {}).items():
        (root / "docs" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "seeds").mkdir(exist_ok=True)
    for name, content in seeds.items():
        path = root / "seeds" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    if briefs is not None:
        (root / "briefs").mkdir(exist_ok=True)
        for name, text in briefs.items():
            (root / "briefs" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def extraction_of(tmp_path: Path, gazetteer, text: str, name: str = "story.txt"):
    """An article written for a test, through every per-article stage (no curation)."""
    from regional_briefs.assemble.curation import Curation
    from regional_briefs.pipeline import extract

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path, gazetteer, Curation())


@pytest.fixture(scope="session")
def gazetteer():
    """The bundled gazetteer, built once for the stage tests."""
    from regional_briefs.knowledge.gazetteer import Gazetteer

    return Gazetteer.load(())


def mkdocs_build(project: Path, strict: bool = True, site: Path | None = None, tool: list[str] | None = None) -> Build:
    """Run ``mkdocs build`` in a subprocess, as a user would, and keep its log."""
    site = site or project / "site"
    command = (tool or MKDOCS) + ["build", "--clean", "-d", str(site)] + (["--strict"] if strict else [])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=900)
    return Build(project, site, result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Build:
    """The repository's own site (seed + briefs/), built once for the session."""
    root = tmp_path_factory.mktemp("repo-site")
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, root / name)
    for folder in ("docs", "seeds", "briefs"):
        shutil.copytree(REPO / folder, root / folder)
    build = mkdocs_build(root)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Build:
    """A site built from the development corpus plus the seed, with no curation."""
    if not CORPUS.is_dir():
        pytest.skip("the development corpus (../shared/corpus/dev) is not here")
    root = tmp_path_factory.mktemp("corpus-site")
    make_project(root, {})
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".md", ".html") and path.name != "README.md":
            shutil.copy(path, root / "seeds" / path.name)
    shutil.copy(SEED, root / "seeds" / SEED.name)
    build = mkdocs_build(root, strict=False)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, shared by every browser test of the session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@contextmanager
def mkdocs_serving(project: Path, log: Path, *extra: str):
    """``mkdocs serve`` on a free loopback port, its output in ``log``; yields (port, process)
    and stops the server however the test ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(MKDOCS + ["serve", "-a", f"127.0.0.1:{port}", *extra], cwd=project,
                                  stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        yield port, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class HtmlPage(HTMLParser):
    """A built page's links (``hrefs``), element ids and how often each class is used."""

    def __init__(self, path: Path):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.classes: Counter = Counter()
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        self.classes.update((attrs.get("class") or "").split())


def check_links(site: Path) -> dict[Path, HtmlPage]:
    """Assert that every link between the built site's pages (and its fragment) resolves; return
    the parsed pages. 404.html is left out: it links by absolute URL under site_url."""
    parsed = {p: HtmlPage(p) for p in sorted(site.rglob("*.html")) if p.name != "404.html"}
    for page, found in parsed.items():
        for href in found.hrefs:
            url = urlparse(urljoin("file://" + str(page), href))
            if url.scheme != "file":
                continue
            target = Path(unquote(url.path))
            target = target / "index.html" if target.is_dir() else target
            assert target.exists(), f"{page.relative_to(site)} links to missing {href}"
            if url.fragment and target in parsed:
                assert url.fragment in parsed[target].ids, f"{page.relative_to(site)}: #{url.fragment} not in {target}"
    return parsed
