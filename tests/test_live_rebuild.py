"""Differential rebuilds under ``mkdocs serve --dirty`` (plugin.py, live.py).

A real server in a subprocess serves a small project while the test edits a seed, adds one,
deletes one and renames an entity in ``briefs/``. After each rebuild the folder the server serves
must be, byte for byte, the folder a clean ``mkdocs build`` of the same inputs writes (the
sitemap's dates aside), Pagefind's index included; and an edit must have rendered fewer pages
than a build does, so that a rebuild that silently renders everything fails too.
"""

from __future__ import annotations

import difflib
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import CORPUS, MKDOCS, mkdocs_build
from regional_briefs.live import LiveBuilds, remove_outputs

ARTICLES = ("01-batken-clashes.txt", "02-border-treaty.md", "04-rogun.md")
ADDED = "05-tapi.txt"
# The server's first build: a cold extraction of the articles (the language models load).
FIRST_BUILD_SECONDS = 300
REBUILD_SECONDS = 120
RENDERED = re.compile(r"pages rendered: (\d+) of (\d+)")
LASTMOD = re.compile(rb"\s*<lastmod>[^<]*</lastmod>")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``mkdocs serve --dirty`` in a subprocess. MkDocs builds into a folder of its own making
    under the temporary folder, so the subprocess is given one (TMPDIR) to find it in."""

    def __init__(self, project: Path, port: int, tmp: Path):
        self.log = tmp / "serve.log"
        self.tmp = tmp / "server-tmp"
        self.tmp.mkdir()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0", TMPDIR=str(self.tmp))
        with open(self.log, "w", encoding="utf-8") as out:
            self.process = subprocess.Popen(MKDOCS + ["serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=project,
                                            stdout=out, stderr=subprocess.STDOUT, env=env)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait(self, done, seconds: float) -> str:
        deadline = time.monotonic() + seconds
        while True:
            text = self.text()
            if done(text):
                return text
            assert self.process.poll() is None, f"the server stopped:\n{text}"
            assert time.monotonic() < deadline, f"the server did not finish in {seconds} s:\n{text}"
            time.sleep(0.2)

    def settled(self, builds_before: int, seconds: float) -> str:
        """The log once the server has finished a build after ``builds_before`` builds, the search
        index and the data files it writes after the reload included, and is quiet (an edit can be seen as more than
        one change)."""
        def done(text: str) -> bool:
            last_build = text.rfind("Building documentation")
            return (text.count("Building documentation") > builds_before
                    and text.rfind("Reloading browsers" if builds_before else "Serving on") > last_build
                    and text.rfind("search index:") > last_build
                    and text.rfind("data files written after the reload") > last_build)

        self.wait(done, seconds)
        time.sleep(1.5)
        return self.wait(done, seconds)

    def site(self) -> Path:
        (site,) = self.tmp.glob("mkdocs_*")
        return site

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def differences(served: Path, clean: Path) -> list[str]:
    """What differs between two built sites, file by file; the sitemap's dates are left out."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    def content(path: Path) -> bytes:
        data = path.read_bytes()
        if path.name == "sitemap.xml.gz":
            data = gzip.decompress(data)
        return LASTMOD.sub(b"", data) if path.name.startswith("sitemap.xml") else data

    left, right = files(served), files(clean)
    found = [f"only served: {p}" for p in sorted(left.keys() - right.keys())]
    found += [f"only built: {p}" for p in sorted(right.keys() - left.keys())]
    folders = {p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_dir()}
    found += [f"folder only served: {p}" for p in sorted(folders - {p.relative_to(clean).as_posix()
                                                                     for p in clean.rglob("*") if p.is_dir()})]
    for path in sorted(left.keys() & right.keys()):
        a, b = content(left[path]), content(right[path])
        if a != b:
            diff = difflib.unified_diff(a.decode("utf-8", "replace").splitlines(),
                                        b.decode("utf-8", "replace").splitlines(), "served", "built", n=0, lineterm="")
            found.append(f"differs: {path}\n" + "\n".join(list(diff)[:12]))
    return found


def rendered(log: str) -> tuple[int, int]:
    """(pages rendered, pages in the site) of the last build in ``log``."""
    found = RENDERED.findall(log)
    assert found, f"the plugin did not say what it rendered:\n{log}"
    return int(found[-1][0]), int(found[-1][1])


# --- what a rebuild renders (live.py) --------------------------------------------------------------


def test_a_rebuild_renders_the_pages_whose_source_changed_and_removes_what_is_gone():
    live = LiveBuilds()
    first = live.plan("nav 1", {"a.md": "1", "b.md": "1", "c.md": "1"}, always=(), outputs=["a/index.html", "b/index.html", "c/index.html"])
    assert first.clean and first.render == {"a.md", "b.md", "c.md"}
    live.finished()
    edit = live.plan("nav 1", {"a.md": "2", "b.md": "1", "d.md": "1"}, always=(), outputs=["a/index.html", "b/index.html", "d/index.html"])
    assert not edit.clean and edit.render == {"a.md", "d.md"} and edit.remove == ["c/index.html"]
    live.finished()
    assert live.plan("nav 2", {"a.md": "2"}, always=(), outputs=[]).clean  # the navigation changed: everything


def test_a_build_that_did_not_finish_leaves_nothing_to_compare_with():
    live = LiveBuilds()
    live.plan("nav", {"a.md": "1"}, always=(), outputs=[])
    live.finished()
    live.plan("nav", {"a.md": "2"}, always=(), outputs=[])  # stopped by an error: no finished()
    assert live.plan("nav", {"a.md": "2"}, always=(), outputs=[]).clean
    live.failed()
    assert live.plan("nav", {"a.md": "2"}, always=(), outputs=[]).clean


def test_removing_built_files_removes_the_folders_they_leave_empty(tmp_path):
    for path in ("articles/a/index.html", "articles/b/index.html", "events/e/index.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    assert remove_outputs(tmp_path, ["articles/a/index.html", "events/e/index.html", "gone.html", "../outside.html"]) == 2
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "articles", "articles/b", "articles/b/index.html"]


def test_a_stopped_index_does_not_hold_up_the_rebuild_and_ends_before_the_next_index_begins(tmp_path, monkeypatch):
    import threading

    from regional_briefs import live

    release, calls = threading.Event(), []

    def write_index(site_dir, cache_dir, bundle, started, stopped):
        calls.append(("begin", len(calls)))
        bundle.mkdir(parents=True)
        (bundle / "part").write_text("unfinished", encoding="utf-8")
        release.wait(10)  # Pagefind killed, the thread still cleaning up
        calls.append(("end", len(calls)))
        raise RuntimeError("pagefind was killed")

    monkeypatch.setattr(live, "write_index", write_index)
    site = tmp_path / "site"
    site.mkdir()
    first = live.IndexJob(site, None, lambda run, error: None).start()
    while not calls:
        time.sleep(0.01)
    started = time.monotonic()
    first.cancel(wait=False)
    assert time.monotonic() - started < 1 and first.thread.is_alive()
    second = live.IndexJob(site, None, lambda run, error: None, after=first).start()
    time.sleep(0.3)
    assert calls == [("begin", 0)]  # the second waits for the first's thread
    second.cancel(wait=False)
    release.set()
    second.thread.join(10)
    assert not first.thread.is_alive() and not (site / f".{live.BUNDLE}-next").exists()
    assert calls == [("begin", 0), ("end", 1)]  # cancelled while waiting: the second never began
    # The unfinished bundle was moved beside the site and is removed by a process of its own.
    deadline = time.monotonic() + 10
    while [p for p in tmp_path.iterdir() if p != site] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p.name for p in tmp_path.iterdir()] == ["site"] and not list(site.iterdir())


# --- under mkdocs serve --dirty ---------------------------------------------------------------------


# With Material's tags, a plugin that reads every page, a rebuild shows it the pages it does not
# render; with the briefs plugin alone it reads only those in the navigation (plugin.py).
@pytest.mark.slow
@pytest.mark.parametrize("plugins", ["[tags, briefs]", "[briefs]"])
def test_a_served_site_after_edits_equals_a_clean_build(tmp_path, plugins):
    if not CORPUS.is_dir():
        pytest.skip("the development corpus (../shared/corpus/dev) is not here")
    port = free_port()
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "seeds").mkdir()
    (project / "briefs").mkdir()
    # The served site's address is the server's: the clean build must write the same links.
    (project / "mkdocs.yml").write_text(
        f"site_name: Live brief\nsite_url: http://127.0.0.1:{port}/\ntheme: material\nplugins: {plugins}\n",
        encoding="utf-8")
    (project / "docs" / "about.md").write_text("# About\n\nHand-written, in the navigation.\n", encoding="utf-8")
    for name in ARTICLES:
        shutil.copy(CORPUS / name, project / "seeds" / name)
    (project / "briefs" / "brief.yml").write_text("briefs: []\n", encoding="utf-8")

    server = Server(project, port, tmp_path)
    clean = tmp_path / "clean"
    builds = 0

    def check(step: str) -> tuple[int, int]:
        nonlocal builds
        server.settled(builds, REBUILD_SECONDS if builds else FIRST_BUILD_SECONDS)
        builds = server.text().count("Building documentation")
        served = server.site()
        build = mkdocs_build(project, strict=False, site=clean)
        assert build.returncode == 0, build.log
        found = differences(served, clean)
        assert not found, f"after {step}, the served site differs from a clean build:\n" + "\n".join(found[:20])
        assert (served / "pagefind" / "pagefind-entry.json").is_file(), step
        return rendered(server.text())

    try:
        first, total = check("the first build")
        assert first == total
        # The edits below are noticed through inotify (plugin.on_serve), not by MkDocs' polling.
        assert "watching seeds/, briefs/ through the system's file notifications" in server.text()

        seed = project / "seeds" / ARTICLES[0]
        seed.write_text(seed.read_text(encoding="utf-8").replace("Batken", "Batken town", 1), encoding="utf-8")
        edited, total = check("an edited seed")
        assert edited < total, "an edit to one seed rendered every page"

        shutil.copy(CORPUS / ADDED, project / "seeds" / ADDED)
        check("an added seed")

        (project / "seeds" / ARTICLES[1]).unlink()
        check("a deleted seed")

        graph = json.loads((clean / "export" / "graph.json").read_text(encoding="utf-8"))
        actor = next(e["name"] for e in graph["entities"] if e["kind"] == "actor" and e["name"].isascii())
        (project / "briefs" / "brief.yml").write_text(
            f"entities:\n  - name: {json.dumps(actor)}\n    rename: {json.dumps(actor + ' Renamed')}\n", encoding="utf-8")
        check("an entity renamed in briefs/")
        assert (actor + " Renamed") in (clean / "export" / "graph.json").read_text(encoding="utf-8")
    finally:
        server.stop()


def test_a_live_rebuild_leaves_the_cycle_collector_on_once_its_background_work_is_done(tmp_path, monkeypatch):
    """A live rebuild holds Python's cycle collector off while it builds (plugin.on_pre_build) and
    turns it back on after the browser's reload (or when the server stops): never left off, or a
    server running all day would keep every cycle of garbage. MkDocs' own build function, as
    ``mkdocs serve --dirty`` calls it, in this process."""
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import make_project

    project = make_project(tmp_path / "project", {"01.md": "---\ntitle: Rains in Osh\npublished: 2024-05-02\n---\n\n"
                                                  "Heavy rain flooded streets in Osh, Kyrgyzstan, on Tuesday.\n"})
    monkeypatch.chdir(project)
    site = tmp_path / "site"

    def config():
        loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        loaded.site_url = "http://127.0.0.1:8000/"
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    plugin = first.plugins["briefs"]
    states = []

    def spy(env, **_):  # runs as the other plugins' on_env, before pages are rendered
        states.append(gc.isenabled())
        return env

    first.plugins.events["env"].append(spy)
    try:
        build(first, serve_url="http://127.0.0.1:8000/", dirty=True)
        # The first build's full collection ran before the browser loads it, not in the background
        # while the analyst may save an edit; what survived it is set aside from the next ones.
        assert gc.get_freeze_count() > 0
        seed = project / "seeds" / "01.md"
        seed.write_text(seed.read_text(encoding="utf-8") + "\nThe mayor said schools would stay shut.\n", encoding="utf-8")
        second = config()
        second.plugins = first.plugins  # the server's plugins live from build to build
        build(second, serve_url="http://127.0.0.1:8000/", dirty=True)
        assert states == [True, False]  # the first build renders every page, collecting as it goes
        plugin.after_build.join(30)
        assert not plugin.after_build.is_alive() and gc.isenabled()
        assert gc.get_freeze_count() > 0  # what survived is set aside from the next collections
    finally:
        first.plugins.on_shutdown()
        gc.enable()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_live_rebuild_compiles_no_template_the_last_build_compiled(tmp_path, monkeypatch):
    """MkDocs makes a new template environment for every build; a server's plugin keeps the
    templates' compiled code (plugin.CompiledTemplates), so that a rebuild compiles none of them
    again, while a template whose source changed is compiled anew."""
    from jinja2 import Environment
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import make_project

    project = make_project(tmp_path / "project", {"01.md": "---\ntitle: Dust in Termez\npublished: 2024-05-02\n---\n\n"
                                                  "A dust storm closed roads near Termez, Uzbekistan, on Monday.\n"},
                           config="site_name: Test brief\ntheme:\n  name: material\n  custom_dir: overrides\n"
                                  "plugins: [search, briefs]\n")
    (project / "overrides").mkdir()
    (project / "overrides" / "404.html").write_text('{% extends "base.html" %}{% block content %}<h1>Lost</h1>{% endblock %}\n')
    mkdocs_yml = project / "mkdocs.yml"
    monkeypatch.chdir(project)
    compiled = []
    compile_template = Environment.compile

    def spy(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", spy)

    def config():
        loaded = load_config(config_file=str(mkdocs_yml), site_dir=str(tmp_path / "site"))
        loaded.site_url = "http://127.0.0.1:8000/"
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        build(first, serve_url="http://127.0.0.1:8000/", dirty=True)
        assert "main.html" in compiled and "404.html" in compiled
        compiled.clear()
        (project / "overrides" / "404.html").write_text('{% extends "base.html" %}{% block content %}<h1>Gone</h1>{% endblock %}\n')
        second = config()
        second.plugins = first.plugins  # the server's plugins live from build to build
        build(second, serve_url="http://127.0.0.1:8000/", dirty=True)
        # (Material's search plugin translates through an environment of its own.)
        assert "404.html" in compiled and not {"main.html", "base.html", "partials/nav.html"} & set(compiled)
        assert "Gone" in (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    finally:
        first.plugins.on_shutdown()


def test_cycles_among_the_objects_set_aside_are_collected_once_those_have_grown():
    """``live.Collector`` freezes what survives a collection, so that the next walk only what later
    builds made; a cycle dropped after it was frozen is still freed, by the full collection that
    comes once the frozen objects have grown by ``Collector.GROWTH``."""
    import gc
    import weakref

    from regional_briefs.live import Collector

    class Node:
        pass

    collector = Collector()
    try:
        collector.collect()  # the first collection is a full one
        node = Node()
        node.itself = node
        alive = weakref.ref(node)
        collector.collect()  # the cycle survives it (referenced), and is frozen
        del node
        collector.collect()
        assert alive() is not None  # walked no more: frozen
        grown = [[] for _ in range(int(gc.get_freeze_count() * (Collector.GROWTH - 1)) + 1000)]
        collector.collect()
        assert alive() is None and grown
    finally:
        collector.release()
    assert gc.get_freeze_count() == 0 and gc.isenabled()

