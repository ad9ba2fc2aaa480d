"""Save-to-reloaded-page under ``mkdocs serve``, measured through the live server and a browser.

``reload_times(project, ...)`` starts ``mkdocs serve --livereload --dirty`` (as ``make serve``) on a free port in ``project``,
opens an article's page in headless Chromium, waits until it is ready, then, one after the other:

- saves an edit to that article's seed (a sentence of it replaced by a new one), and
- saves an edit to a curation file in ``briefs/`` (a person named on the page renamed),

and for each measures the seconds from the save until the browser has reloaded the page (MkDocs'
livereload script) and the page shows the changed text. The edited files are put back afterwards,
so that runs can be repeated on the same project. Nothing is asked of the plugin: whatever
it does inside, the time is what the analyst sees. The server's own log gives the rebuild's time.
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Optional

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
CURATION = "benchmark.yml"  # the curation file of the benchmark's projects, in briefs/
CURATION_TEXT = ("title: Benchmark region\nsummary: Synthetic articles for the benchmark.\n"
                 "seeds: [\"*\"]\n")
NEW_SENTENCE = "A farmer in the valley said the apricot harvest reached {marker} tonnes this year."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> Optional[str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def shown_article(site: Path, seeds: Path, pick: int) -> tuple[str, str, str]:
    """From a built site's export: the page of an article (from the ``pick``-th by id on) that names
    a person before its last paragraph, its seed file name and that person's name."""
    graph = json.loads((site / "export" / "graph.json").read_text(encoding="utf-8"))
    people: dict[str, list[str]] = {}
    for entity in graph["entities"]:
        if entity["kind"] == "actor" and entity["type"] == "person":
            for article in entity["articles"]:
                people.setdefault(article, []).append(entity["name"])
    articles = graph["articles"]
    for article in articles[pick % len(articles):] + articles[:pick % len(articles)]:
        kept = (seeds / article["source"]).read_text(encoding="utf-8").rstrip("\n").rpartition("\n\n")[0]
        named = sorted(name for name in people.get(article["id"], []) if name in kept)
        if named:
            return article["page"], article["source"], named[0]
    raise RuntimeError(f"no article of {site} names a person")


def replace_a_sentence(seed: Path, marker: str) -> str:
    """The seed's text with the sentence of its last paragraph replaced by one that holds ``marker``."""
    text = seed.read_text(encoding="utf-8")
    head = text.rstrip("\n").rpartition("\n\n")[0]
    return f"{head}\n\n{NEW_SENTENCE.format(marker=marker)}\n"


class Server:
    """``mkdocs serve`` on ``project``, its output in ``log``."""

    def __init__(self, project: Path, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = log
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
        self._out = open(log, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", "--livereload", "--dirty"],
            cwd=project, stdout=self._out, stderr=subprocess.STDOUT, env=env)

    def wait_ready(self, path: str, timeout: float) -> float:
        """Seconds until ``path`` is served (the first build done)."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped:\n{self.text()[-3000:]}")
            if _get(self.base + path):
                return time.perf_counter() - start
            time.sleep(1)
        raise TimeoutError(f"mkdocs serve did not serve {path} in {timeout:.0f} s:\n{self.text()[-3000:]}")

    def text(self) -> str:
        self._out.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> list[float]:
        """The seconds of each build the server logged ("Documentation built in 12.34 seconds")."""
        return [float(s) for s in re.findall(r"Documentation built in ([\d.]+) seconds", self.text())]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._out.close()


def _wait_reloaded(page, marker: str, timeout: float) -> float:
    """Seconds until the tab has reloaded (the mark set before the save is gone) and shows ``marker``."""
    start = time.perf_counter()
    check = "(m) => !window.__benchMark && document.readyState !== 'loading' && !!document.body && document.body.innerText.includes(m)"
    while time.perf_counter() - start < timeout:
        try:
            if page.evaluate(check, marker):
                return time.perf_counter() - start
        except Exception:  # the tab is between two documents
            pass
        time.sleep(0.05)
    raise TimeoutError(f"the page did not show {marker!r} within {timeout:.0f} s")


def reload_times(project: Path, site: Path, log: Path, pick: int, timeout: float = 3600) -> dict:
    """Seconds from saving a seed edit, then a curation edit, to the reloaded page showing it.
    ``site`` is a build of ``project`` (its export says which article and person to edit)."""
    from playwright.sync_api import sync_playwright

    path, source, person = shown_article(site, project / "seeds", pick)
    seed = project / "seeds" / source
    curation = project / "briefs" / CURATION
    originals = {seed: seed.read_text(encoding="utf-8"), curation: curation.read_text(encoding="utf-8")}
    result: dict = {"page": path, "seed_file": source, "person": person}
    server = Server(project, log)
    try:
        result["startup_seconds"] = round(server.wait_ready(path, timeout), 2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server.base + path, wait_until="load")
            if person not in page.inner_text("body"):
                raise RuntimeError(f"{person!r} is not on {path}")
            page.wait_for_timeout(2000)  # livereload's script has started waiting for a change
            # A number new to every run: an edit seen before would come from the extraction cache.
            tonnes = f"{random.randrange(1000, 10000):,}"
            edits = [("seed", seed, replace_a_sentence(seed, tonnes), f"{tonnes} tonnes"),
                     ("curation", curation, curation.read_text(encoding="utf-8")
                      + f"entities:\n  - name: {person}\n    rename: {person} Junior\n", f"{person} Junior")]
            for name, file, text, marker in edits:
                built = len(server.builds())
                page.evaluate("() => { window.__benchMark = 1; }")
                file.write_text(text, encoding="utf-8")
                seconds = _wait_reloaded(page, marker, timeout)
                result[name] = round(seconds, 2)
                time.sleep(1)  # the server logs its build time after the reload has started
                result[f"{name}_build_seconds"] = (server.builds()[built:] or [None])[-1]
                page.wait_for_timeout(1000)
            browser.close()
    finally:
        server.stop()
        for file, text in originals.items():  # the project as it was, for the next run
            file.write_text(text, encoding="utf-8")
    return result
