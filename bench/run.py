"""Benchmark: the `briefs` plugin against plain MkDocs at 100, 1,000 and 10,000 articles.

    python bench/run.py                        # N = 100, 1,000, 10,000 (the last takes long)
    python bench/run.py --sizes 100,1000       # a quick run
    python bench/run.py --sizes 10000 --repeat 1 --work /tmp/b10k   # keep projects and results.json
    python bench/run.py --from-results /tmp/a/results.json /tmp/b10k/results.json   # report only
    python bench/run.py --search-only --from-results ...   # the search report (search-benchmarks.md) only

For each N it generates N articles into a temporary project: by default the first N of a
synthetic news stream whose people, companies, places and events grow with N (``corpus.py``);
with ``--corpus recombined`` the development corpus's sentences recombined (about 180 entities
at any N). It writes them as .md seeds with front matter, plus one curation file
(``briefs/benchmark.yml``), and measures, in one run so that ratios compare like with like:

- the cold build (empty extraction cache) and the warm build (cache full, nothing changed),
- the peak memory of each build (the whole process tree, sampled, and the largest process),
- two plain mkdocs-material references, built interleaved with the warm build: the very pages
  the plugin generated, written as .md files into docs/ with the same navigation policy
  (``not_in_nav`` for all but the index pages), and as many pages of article text (issue #16),
- under ``mkdocs serve --livereload``, the seconds from saving a seed edit, then a curation edit,
  until Chromium has reloaded the open page and shows the change (``live.py``; ``--no-serve``
  skips it),
- a build after editing one article,
- Pagefind's search index: its size, its files and the time the build spent writing it,
- the site-wide stages in-process (resolve, merge events, render) to show how each one grows,
- at every N, the bytes Chromium fetches and the time until the first result shows for a reader's
  first queries (the first one opens the search dialog and loads Pagefind).

``--live-only`` measures only save-to-reloaded-page under ``mkdocs serve`` (``--repeat`` runs per N),
e.g. ``python bench/run.py --live-only --sizes 1000 --repeat 3 --work /tmp/live``.

``--search-only`` measures only the search (a cold and a warm build, the index, Chromium) and writes
manual/docs/search-benchmarks.md: ``make bench-search`` (N = 1,000 by default).

It writes manual/docs/benchmarks.md and manual/docs/assets/benchmarks.png. The build runs a snapshot of the
plugin's package taken at the start, so that edits made meanwhile do not change what is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import math
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (the growing synthetic corpus)
import live  # noqa: E402  (save-to-reload under mkdocs serve)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "dev"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

# The targets of the "fast at scale" issue, reported against (never asserted).
WARM_OVER_PLAIN = 1.3
WARM_OVER_TEXT = 1.5  # the warm build against a plain build of as many pages of article text (issue #16)
RELOAD_SECONDS = {1_000: 5, 10_000: 20}  # save to reloaded page under mkdocs serve, seed and curation edits
COLD_10K_SECONDS = 15 * 60
WARM_10K_SECONDS = 5 * 60
PEAK_BYTES = 3 * 1024 ** 3
LINEAR_EXPONENT = 1.15  # k in time ~ N^k up to which growth counts as linear (the runs are noisy)

MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - toc:
      permalink: true
"""
# The briefs site searches with Pagefind (the plugin's default, search.py), without Material's lunr index.
BRIEFS_CONFIG = "site_name: Benchmark\ntheme: material\nplugins:\n  - briefs\n" + MARKDOWN_EXTENSIONS
# The plugin puts only its index pages and briefs in the navigation; the plain site does the same.
PLAIN_CONFIG = """\
site_name: Benchmark (plain)
theme: material
plugins:
  - search
not_in_nav: |
  *.md
  !index.md
  !/timeline.md
  !/briefs/*.md
""" + MARKDOWN_EXTENSIONS
# The second reference: as many pages as the briefs site, each the text of one article, a one-page navigation.
TEXT_CONFIG = """\
site_name: Benchmark (article text)
theme: material
plugins:
  - search
not_in_nav: |
  /pages/*.md
""" + MARKDOWN_EXTENSIONS
OUTLETS = ["Tien Shan Dispatch", "Pamir Wire", "Amu Darya Times", "Steppe Monitor", "Fergana Herald",
           "Kabul Ledger", "Caspian Review", "Silk Road Bulletin"]
# A reader's first queries (the first opens the search and loads Pagefind), by corpus.
QUERIES = {"growing": ["Tajikistan", "border", "reporters"], "recombined": ["Rogun", "border", "Taliban"]}
YEAR = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z0-9])")


# --- the articles --------------------------------------------------------------------------------


@dataclass
class SourceParagraph:
    sentences: list[str]
    year: int  # the source article's year, so that years in the text can move with the new date


def corpus_paragraphs(folder: Path = CORPUS) -> list[SourceParagraph]:
    """The story paragraphs of the development corpus (read by the pipeline's own ingest and clean)."""
    from regional_briefs.extract.clean import clean
    from regional_briefs.extract.ingest import read_seed

    paragraphs = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".txt", ".md", ".html") or path.name == "README.md":
            continue
        article = clean(read_seed(path))
        year = article.published.year if article.published and article.published.year else 2024
        for paragraph in article.paragraphs:
            sentences = [s.strip() for s in SENTENCE_END.split(paragraph.text) if len(s.strip()) > 30]
            if not paragraph.heading and sentences:
                paragraphs.append(SourceParagraph(sentences, year))
    if not paragraphs:
        raise SystemExit(f"no article text found in {folder}")
    return paragraphs


def generate_article(index: int, seed: int, pool: list[SourceParagraph]) -> tuple[str, str]:
    """Article ``index`` as (file name, .md text). It depends only on ``seed`` and ``index``."""
    rng = random.Random(f"{seed}:{index}")
    published = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(10 * 365))
    paragraphs = []
    for _ in range(rng.randint(6, 12)):
        source = rng.choice(pool)
        start = rng.randrange(len(source.sentences))
        run = source.sentences[start: start + rng.randint(1, 3)]
        if rng.random() < 0.3:
            run.append(rng.choice(rng.choice(pool).sentences))
        shift = published.year - source.year
        paragraphs.append(YEAR.sub(lambda m: str(int(m.group(0)) + shift), " ".join(run)))
    words = paragraphs[0].split()
    title = " ".join(words[: rng.randint(7, 12)]).rstrip(",;:.\"“”")
    outlet = rng.choice(OUTLETS)
    name = f"{published.isoformat()}-{index:05d}.md"
    front = {"title": title, "published": published.isoformat(), "source": outlet,
             "url": f"https://news.example.org/{slug_of(outlet)}/{index:05d}"}
    head = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items())
    return name, f"---\n{head}\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def slug_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def snapshot_code(work: Path) -> Path:
    """A copy of the plugin's package for this run: others may edit the working tree meanwhile,
    and a changed data file would empty the cache between the cold and the warm build."""
    target = work / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO / "plugins" / "regional_briefs", target / "regional_briefs",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return target


def make_briefs_project(root: Path, n: int, seed: int, pool: Optional[list[SourceParagraph]] = None) -> Path:
    """A project of ``n`` articles: the growing corpus (``corpus.py``), or with ``pool`` the
    development corpus's sentences recombined; one curation file, ``briefs/benchmark.yml``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(BRIEFS_CONFIG, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "briefs").mkdir(exist_ok=True)
    (root / "briefs" / live.CURATION).write_text(live.CURATION_TEXT, encoding="utf-8")
    seeds = root / "seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    if pool is None:
        corpus.write_corpus(seeds, n, seed)
        return root
    seeds.mkdir()
    for index in range(n):
        name, text = generate_article(index, seed, pool)
        (seeds / name).write_text(text, encoding="utf-8")
    return root


def article_text(seed: str) -> str:
    """A seed's text as a plain page: its title as the heading, its paragraphs."""
    _, head, body = seed.split("---\n", 2)
    title = json.loads(re.search(r"^title: (.*)$", head, re.M).group(1))
    return f"# {title}\n\n{body.strip()}\n"


def make_text_project(root: Path, seeds: Path, pages: int) -> Path:
    """A plain mkdocs-material project of ``pages`` pages: an index and article text (the seeds', cycled)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs" / "pages").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(TEXT_CONFIG, encoding="utf-8")
    texts = [article_text(p.read_text(encoding="utf-8")) for p in sorted(seeds.iterdir())]
    (root / "docs" / "index.md").write_text(f"# Article text\n\n{pages - 1} pages of article text.\n", encoding="utf-8")
    for i in range(pages - 1):
        (root / "docs" / "pages" / f"{i:05d}.md").write_text(texts[i % len(texts)], encoding="utf-8")
    return root


def make_plain_project(root: Path, pages: dict[str, str]) -> Path:
    """A plain mkdocs-material project whose docs/ holds ``pages`` (path -> Markdown)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    for path, body in pages.items():
        target = root / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    return root


# --- measuring a build ---------------------------------------------------------------------------


@dataclass
class BuildRun:
    seconds: float
    cpu_seconds: float  # user + system time of the build and its workers: steadier than wall time on a busy machine
    peak_tree_bytes: int  # the sum of the proportional set sizes of the build's processes, sampled
    peak_process_bytes: int  # the largest single process (getrusage of the child)
    log: str
    pages: int = 0

    def stat(self, name: str) -> Optional[int]:
        match = re.search(rf"{re.escape(name)}: (\d+)", self.log)
        return int(match.group(1)) if match else None


def timed_build(project: Path, log_file: Path) -> BuildRun:
    """``mkdocs build`` in a subprocess, timed, its memory watched."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    command = [sys.executable, "-m", "mkdocs", "build", "--clean"]
    with open(log_file, "w", encoding="utf-8") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
        sampler = TreeMemory(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log_file.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project} (see {log_file}):\n{text[-3000:]}")
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    return BuildRun(seconds, usage.ru_utime + usage.ru_stime, sampler.peak, usage.ru_maxrss * 1024, text, pages)


class TreeMemory(threading.Thread):
    """Samples the memory of a process and its descendants (Pss, so forked workers' shared pages
    count once) and keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, sum(_pss(p) for p in _tree(self.pid)))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


# --- the site-wide stages, in-process ------------------------------------------------------------


def stage_times(project: Path) -> tuple[dict[str, float], dict[str, str]]:
    """Seconds per site-wide stage of a build after an edit (the extraction cache full, the site
    cache missed), and of the two steps of an unchanged build (site key, read the site cache);
    and the generated pages."""
    from regional_briefs import outputs, pipeline
    from regional_briefs.cache import SiteCache

    seconds: dict[str, float] = {}

    def timed(name, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
        return wrapper

    def clock(name, function, *args):
        start = time.perf_counter()
        value = function(*args)
        seconds[name] = time.perf_counter() - start
        return value

    # Wrapped here, for this process only, to time the stages without changing the pipeline.
    wrapped = [(pipeline, name) for name in ("resolve_site", "merge_events", "assemble", "_drop_duplicates")]
    wrapped.append((outputs, "render_site"))
    originals = [(module, name, getattr(module, name)) for module, name in wrapped]
    for module, name, function in originals:
        setattr(module, name, timed(name, function))
    try:
        options = pipeline.Options(seeds_dir=project / "seeds", briefs_dir=project / "briefs",
                                   cache_dir=project / ".cache" / "briefs")
        key = clock("site key", outputs.site_key, options, True, True)
        site = clock("build_site", pipeline.build_site, options)
        output = clock("render_output", outputs.render_output, site, True, True)
    finally:
        for module, name, function in originals:
            setattr(module, name, function)
    scratch = project / ".cache" / "bench-site"
    cache = SiteCache(scratch)
    clock("write site cache", lambda: cache.put_text(key, outputs._json_text(output)))
    clock("read site cache", lambda: outputs._from_json(cache.get(key)))
    shutil.rmtree(scratch, ignore_errors=True)
    stages = {
        "site key": seconds["site key"],
        "read site cache": seconds["read site cache"],
        "read extraction cache": seconds["build_site"] - seconds["assemble"] - seconds["_drop_duplicates"],
        "resolve_site": seconds["resolve_site"],
        "merge_events": seconds["merge_events"],
        "rest of assemble": seconds["assemble"] - seconds["resolve_site"] - seconds["merge_events"],
        "render pages": seconds["render_site"],
        "export and views data": seconds["render_output"] - seconds["render_site"],
        "write site cache": seconds["write site cache"],
    }
    return stages, {p.path: p.text for p in output.pages.values()}


def generated_pages(project: Path, work: Path) -> dict[str, str]:
    """The generated pages as Markdown, from ``regional-briefs markdown`` (without their front
    matter): what the plain reference builds when the stages cannot be timed in-process."""
    out = work / "markdown"
    shutil.rmtree(out, ignore_errors=True)
    command = [str(Path(sys.executable).with_name("regional-briefs")), "markdown", "--out", str(out)]
    subprocess.run(command, cwd=project, check=True, capture_output=True)
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}


def site_counts(site: Path) -> dict[str, str]:
    """What the built site holds, from its export (``export/graph.json``)."""
    graph = json.loads((site / "export" / "graph.json").read_text(encoding="utf-8"))
    entities = graph["entities"]
    actors = [e for e in entities if e["kind"] == "actor"]
    busiest = max(entities, key=lambda e: (len(e["articles"]), e["name"]), default=None)
    ranked = sorted((len(e["articles"]) for e in entities), reverse=True)
    return {
        "articles": f"{len(graph['articles']):,}",
        "entities": f"{len(entities):,}",
        "actors (people)": f"{len(actors):,} ({sum(e['type'] == 'person' for e in actors):,})",
        "places": f"{len(entities) - len(actors):,}",
        "entities in one article only": f"{sum(n == 1 for n in ranked):,}",
        "entities in ten articles or more": f"{sum(n >= 10 for n in ranked):,}",
        "most articles of one entity": (f"{len(busiest['articles']):,} ({busiest['name']})" if busiest else "0"),
        "events": f"{len(graph['events']):,}",
        "events told by more than one article": f"{sum(len(set(e['articles'])) > 1 for e in graph['events']):,}",
        "largest event (sources)": f"{max((len(e['sources']) for e in graph['events']), default=0):,}",
        "quotes": f"{len(graph['quotes']):,}",
    }


def largest_html(site: Path) -> tuple[int, str]:
    """The largest page of the built site (bytes of HTML) and its path."""
    size, path = max((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    return size, path


# --- the search index ----------------------------------------------------------------------------


def search_index_stats(site: Path, log: str) -> dict:
    """Pagefind's bundle (``pagefind/``): its size, its files, what a reader's browser may fetch,
    and the time the build spent writing it (from the build log)."""
    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    by_part: dict[str, int] = {}
    for path in files:
        part = path.relative_to(bundle).parts[0] if len(path.relative_to(bundle).parts) > 1 else "scripts, styles, wasm"
        by_part[part] = by_part.get(part, 0) + path.stat().st_size
    match = re.search(r"search index: ([\d,]+) files, ([\d,]+) KiB in ([\d.]+) s", log)
    lunr = site / "search" / "search_index.json"
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files), "by_part": by_part,
            "seconds": float(match.group(3)) if match else None,
            "pages": len(list((site).rglob("index.html"))),
            "lunr_bytes": lunr.stat().st_size if lunr.exists() else None}


def search_latency(site: Path, queries: list[str]) -> list[dict]:
    """For each query, in one tab: the milliseconds until the first result shows (a large site's
    first shard's results, search.js), until the count of the whole index's results shows and until
    the filters' counts show, and the bytes the browser fetched by then. The first query opens the
    search dialog too, so it counts loading Pagefind's module, its WebAssembly, the index's entry
    files and the filters' files: what a reader's first search costs."""
    from playwright.sync_api import sync_playwright

    fetched: list[int] = []  # the bytes of each response the server sent, the page's and Pagefind's worker's
    handler = functools.partial(_CountingHandler, fetched, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = []
    box_selector, first_selector = "#rb-search input.rb-search__input", "#rb-search .rb-search__link"
    done = "([query]) => document.querySelector('#rb-search .rb-search__status')?.textContent.trim().endsWith(query)"
    counted = "#rb-search-ui[data-state=counted]"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base, wait_until="load")
            page.wait_for_timeout(500)
            box = page.locator(box_selector)
            first = page.locator(first_selector).first
            for number, query in enumerate(queries):
                fetched.clear()
                opened = None
                if number == 0:
                    # The pointer moves onto the button and clicks at once: Pagefind's module starts
                    # loading then (a reader's pointer is there sooner).
                    start = time.perf_counter()
                    page.locator("[data-rb-search-open]").click()
                    box.wait_for(state="visible", timeout=60_000)
                    opened = round((time.perf_counter() - start) * 1000)
                else:
                    box.fill("")
                    first.wait_for(state="detached", timeout=30_000)
                start = time.perf_counter()
                box.fill(query)
                first.wait_for(state="visible", timeout=120_000)
                elapsed = (time.perf_counter() - start) * 1000
                first_bytes = sum(fetched)
                page.wait_for_function(done, arg=[query], timeout=120_000)
                all_ms = (time.perf_counter() - start) * 1000
                page.locator(counted).wait_for(state="attached", timeout=120_000)
                counted_ms = (time.perf_counter() - start) * 1000
                page.wait_for_timeout(300)  # the loads the results started (fragments) end
                message = page.locator("#rb-search .rb-search__status").inner_text().strip()
                results.append({"query": query, "ms": round(elapsed), "all_ms": round(all_ms), "counted_ms": round(counted_ms),
                                "open_ms": opened, "first_bytes": first_bytes, "bytes": sum(fetched),
                                "requests": len(fetched), "meta": message})
            # A reader who opens the search and starts typing a second later, in a new visit with an empty
            # cache: Pagefind's WebAssembly and index entry have loaded meanwhile, so the wait is the query's.
            visit = browser.new_context(viewport={"width": 1280, "height": 900})
            page = visit.new_page()
            page.goto(base, wait_until="load")
            page.wait_for_timeout(500)
            page.locator("[data-rb-search-open]").click()
            page.locator(box_selector).wait_for(state="visible", timeout=60_000)
            page.wait_for_timeout(1000)
            start = time.perf_counter()
            page.locator(box_selector).fill(queries[0])
            page.locator(first_selector).first.wait_for(state="visible", timeout=120_000)
            results[0]["paused_ms"] = round((time.perf_counter() - start) * 1000)
            visit.close()
            browser.close()
    finally:
        server.shutdown()
    return results


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _CountingHandler(_QuietHandler):
    """Counts the bytes it sends (status line, headers and body), uncompressed as a plain server
    sends them: Pagefind's index files are gzipped already, its script and WebAssembly are not."""

    def __init__(self, fetched: list[int], *args, **kwargs):
        self.fetched = fetched
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        counted, write = self, self.wfile.write

        def counting_write(data):
            counted.sent += len(data)
            return write(data)

        self.sent = 0
        self.wfile.write = counting_write

    def handle_one_request(self) -> None:
        self.sent = 0
        super().handle_one_request()
        if self.sent:
            self.fetched.append(self.sent)


# --- one size ------------------------------------------------------------------------------------


@dataclass
class Result:
    n: int
    repeat: int = 0  # warm and plain builds made (the fastest kept)
    pages: int = 0
    cold: Optional[dict] = None
    warm: Optional[dict] = None
    plain: Optional[dict] = None
    warm_over_plain: float = 0.0
    warm_over_plain_cpu: float = 0.0
    extracted_cold: Optional[int] = None
    extracted_warm: Optional[int] = None
    edit: Optional[dict] = None  # a build after appending a sentence to one article
    extracted_edit: Optional[int] = None
    site_cache_hit: Optional[bool] = None  # whether the warm build read the site cache
    largest_html: Optional[list] = None  # [bytes, path]
    search: dict = field(default_factory=dict)
    stages: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    latency: list = field(default_factory=list)
    corpus: str = "recombined"  # growing (corpus.py) or recombined (the development corpus's sentences)
    text: Optional[dict] = None  # the plain build of as many pages of article text
    warm_over_text: float = 0.0
    warm_over_text_cpu: float = 0.0
    live: Optional[dict] = None  # save-to-reloaded-page under mkdocs serve (live.reload_times)


def measure(n: int, seed: int, pool: Optional[list[SourceParagraph]], work: Path, repeat: int, browser: bool,
            serve: bool = True) -> Result:
    say(f"N={n}: generating articles")
    project = make_briefs_project(work / f"briefs-{n}", n, seed, pool)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    result = Result(n, repeat, corpus="growing" if pool is None else "recombined")
    say(f"N={n}: cold build")
    cold = timed_build(project, work / f"cold-{n}.log")
    result.cold = summary(cold)
    result.extracted_cold = cold.stat("articles extracted")
    result.pages = cold.pages
    result.search = search_index_stats(project / "site", cold.log)
    result.largest_html = list(largest_html(project / "site"))
    result.counts = site_counts(project / "site")
    say(f"N={n}: cold {cold.seconds:.1f} s, {cold.pages:,} pages; stages in-process")
    try:
        result.stages, pages = stage_times(project)
    except (ImportError, AttributeError) as error:  # the package's modules moved: the pages from the CLI
        say(f"N={n}: no stage times ({error!r}); the generated pages from `regional-briefs markdown`")
        pages = generated_pages(project, work)
    plain = make_plain_project(work / f"plain-{n}", pages)
    del pages
    text = make_text_project(work / f"text-{n}", project / "seeds", cold.pages)
    runs: dict[str, list[BuildRun]] = {"warm": [], "plain": [], "text": []}
    for attempt in range(repeat):  # interleaved, so that a busy moment hits all alike
        for name, folder in (("warm", project), ("plain", plain), ("text", text)):
            say(f"N={n}: {name} build {attempt + 1}/{repeat}")
            runs[name].append(timed_build(folder, work / f"{name}-{n}-{attempt}.log"))
    warm, plain_run, text_run = (min(runs[name], key=lambda r: r.seconds) for name in ("warm", "plain", "text"))
    result.warm, result.plain, result.text = summary(warm), summary(plain_run), summary(text_run)
    result.extracted_warm = warm.stat("articles extracted")
    result.site_cache_hit = warm.stat("site cache hits") == 1
    result.warm_over_plain = warm.seconds / plain_run.seconds
    result.warm_over_plain_cpu = min(r.cpu_seconds for r in runs["warm"]) / min(r.cpu_seconds for r in runs["plain"])
    result.warm_over_text = warm.seconds / text_run.seconds
    result.warm_over_text_cpu = min(r.cpu_seconds for r in runs["warm"]) / min(r.cpu_seconds for r in runs["text"])
    result.search["warm"] = search_index_stats(project / "site", warm.log)
    if browser:
        say(f"N={n}: search in Chromium")
        result.latency = search_latency(project / "site", QUERIES[result.corpus])
    if serve and browser:
        say(f"N={n}: mkdocs serve: save to reloaded page, a seed edit and a curation edit")
        result.live = live.reload_times(project, project / "site", work / f"serve-{n}.log", pick=n // 2)
        say(f"N={n}: serve: {result.live}")
    say(f"N={n}: a build after editing one article")
    edited = sorted((project / "seeds").iterdir())[n // 2 + 1]
    edited.write_text(edited.read_text(encoding="utf-8")
                      + "\nA farmer in the valley said the apricot harvest was unusually plentiful this year.\n",
                      encoding="utf-8")
    edit = timed_build(project, work / f"edit-{n}.log")
    result.edit, result.extracted_edit = summary(edit), edit.stat("articles extracted")
    say(f"N={n}: cold {cold.seconds:.1f} s, warm {warm.seconds:.1f} s, plain {plain_run.seconds:.1f} s, "
        f"text {text_run.seconds:.1f} s, after an edit {edit.seconds:.1f} s")
    return result


def summary(run: BuildRun) -> dict:
    return {"seconds": round(run.seconds, 2), "cpu_seconds": round(run.cpu_seconds, 2), "peak_tree_bytes": run.peak_tree_bytes,
            "peak_process_bytes": run.peak_process_bytes, "pages": run.pages}


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- the report ----------------------------------------------------------------------------------


def slope(results: list[Result], pick) -> Optional[float]:
    """The exponent k in time ~ N^k between the two largest sizes (1: linear, 2: quadratic)."""
    if len(results) < 2:
        return None
    a, b = results[-2], results[-1]
    ta, tb = pick(a), pick(b)
    if ta <= 0 or tb <= 0:
        return None
    return math.log(tb / ta) / math.log(b.n / a.n)


def plot(results: list[Result], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = [r.n for r in results]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    ax.plot(ns, [r.cold["seconds"] for r in results], "o-", label="briefs, cold (empty cache)")
    ax.plot(ns, [r.warm["seconds"] for r in results], "s-", label="briefs, warm (nothing changed)")
    if all(r.edit for r in results):
        ax.plot(ns, [r.edit["seconds"] for r in results], "d-", label="briefs, after editing one article")
    ax.plot(ns, [r.plain["seconds"] for r in results], "^-", label="plain mkdocs-material, same pages")
    if all(r.text for r in results):
        ax.plot(ns, [r.text["seconds"] for r in results], "v-", label="plain mkdocs-material, as many pages of article text")
    if all(r.live for r in results):
        ax.plot(ns, [r.live["seed"] for r in results], "x--", label="mkdocs serve: save a seed to reloaded page")
        ax.plot(ns, [r.live["curation"] for r in results], "+--", label="mkdocs serve: save curation to reloaded page")
    if len(ns) > 1:
        last = results[-1]
        ax.plot(ns, [last.warm["seconds"] * n / last.n for n in ns], ":", color="grey",
                label=f"linear in N (through the warm build at {last.n:,})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(ns, [f"{n:,}" for n in ns])
    ax.minorticks_off()
    ax.set_xlabel("articles (N)")
    ax.set_ylabel("seconds")
    ax.set_title("Build and reload time against the number of articles")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)


def peak(build: dict) -> int:
    """The larger of the sampled process tree's and the largest single process's peak."""
    return max(build["peak_tree_bytes"], build["peak_process_bytes"])


def mib(value: int) -> str:
    return f"{value / 1024 ** 2:,.0f} MiB"


def verdict(ok: Optional[bool]) -> str:
    return "not measured" if ok is None else ("met" if ok else "**not met**")


CORPUS_TEXT = {
    "growing": (
        "The articles are synthetic news (`bench/corpus.py`, the first N of one stream fixed by the seed): "
        "about 2.7 a day from January 2016 (10,000 span ten years), 1,400–2,300 characters each: a wire date "
        "line, one happening of a type the event lexicon knows (a new one, or one of the last few articles' "
        "told again by another outlet: most stories are told once, some by two or three outlets, a few by "
        "many), quotes with their speakers, earlier happenings recalled with their dates, and background. "
        "People are given names and surnames combined from generic name parts, companies and villages are "
        "generated, provinces and towns come from the plugin's gazetteer. Prominent people and companies "
        "are drawn with a heavy tail (the first few turn up in a large share of articles), local people are "
        "mostly new: so actors, places and events grow about linearly with N, as in real news "
        "(the counts are in the table *What the site holds* below). On 200 such articles the extractor "
        "finds 98% of the people, 96% of the companies, all the places and 99% of the happenings (by type "
        "and date) the generator put in (`python bench/corpus.py --check 200`)."),
    "recombined": (
        "The articles are sentences of the development corpus recombined (6–12 paragraphs, dated over "
        "2016–2025, years in the text moved with the date; `--corpus recombined`). The sentence pool is the "
        "development corpus's eight articles, so the number of actors and places stays near 175 whatever N, "
        "and copies of one sentence dated the same year merge into ever larger events: harder on event "
        "merging, easier on entity resolution, than real news would be."),
}


def report(results: list[Result], args, out: Path, image: Path) -> str:
    sizes = ", ".join(f"{r.n:,}" for r in results)
    repeats = sorted({r.repeat for r in results})
    repeat = f"{repeats[0]}× each" if len(repeats) == 1 else "; ".join(f"{r.repeat}× at N={r.n:,}" for r in results)
    kinds = sorted({r.corpus for r in results})
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` (`bench/run.py`) on {dt.date.today().isoformat()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, seed {args.seed}, N = {sizes}. Other work ran on the machine at "
        "the same time, so absolute times are rough; each ratio compares builds made in the same run, "
        f"the warm and the two plain builds interleaved ({repeat}, the fastest kept). CPU time (user + system, "
        "workers included) is steadier than wall time when other processes compete for the cores."
        + ("" if len(getattr(args, "runs", [])) < 2 else " The sizes come from separate runs (the machine's load "
           "differed between them): " + "; ".join(", ".join(f"{n:,}" for n in run) for run in args.runs) + "."),
        "",
        *[CORPUS_TEXT[kind] + "\n" for kind in kinds],
        "Two references, both mkdocs-material with only its `search` plugin: *plain pages* builds the very "
        "Markdown pages the plugin generated (written to `docs/`, `not_in_nav` keeping all but the index "
        "pages out of the navigation, as the plugin does): the plugin's own cost. *Article text* builds as "
        "many pages as the briefing has, each the text of one article (cycling through them) under its "
        "title, with a one-page navigation: what the same number of plain pages of prose costs (issue #16's "
        "reference). To put two versions of the plugin side by side against it: "
        "`python bench/against_text.py --sizes 1000 --before main`.",
        "",
        f"![Build time against N]({image.relative_to(out.parent).as_posix()})",
        "",
        "A *warm* build changes nothing since the last build, so it reads the whole output from the site "
        "cache; a build *after one edit* (a sentence appended to one article) re-extracts that article and "
        "runs every site-wide stage again, reading the other articles from the extraction cache.",
        "",
        "| N | pages | cold build | warm build | after one edit | plain pages | article text | "
        "warm / plain pages (wall, CPU) | warm / article text (wall, CPU) | pages/s (warm) | "
        "peak memory (cold / warm / edit) | largest page | search index (Pagefind) | per article |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        edit = r.edit or {}
        text = r.text or {}
        largest = f"{r.largest_html[0] / 1024:,.0f} KiB" if r.largest_html else "—"
        lines.append(
            f"| {r.n:,} | {r.pages:,} | {r.cold['seconds']:,.1f} s | {r.warm['seconds']:,.1f} s | "
            f"{edit.get('seconds', 0):,.1f} s | {r.plain['seconds']:,.1f} s | "
            + (f"{text['seconds']:,.1f} s | " if text else "— | ")
            + f"{r.warm_over_plain:.2f}, {r.warm_over_plain_cpu:.2f} | "
            + (f"{r.warm_over_text:.2f}, {r.warm_over_text_cpu:.2f} | " if text else "— | ")
            + f"{r.pages / r.warm['seconds']:,.0f} | "
            f"{mib(peak(r.cold))} / {mib(peak(r.warm))} / {mib(peak(edit)) if edit else '—'} | {largest} | "
            f"{r.search['bytes'] / 1024 ** 2:,.1f} MiB | {r.search['bytes'] / r.n / 1024:,.1f} KiB |")
    lines += ["", "CPU time (user + system, workers included): "
              + "; ".join(f"N={r.n:,}: cold {r.cold['cpu_seconds']:,.0f} s, warm {r.warm['cpu_seconds']:,.0f} s, "
                          f"after an edit {(r.edit or {}).get('cpu_seconds', 0):,.0f} s, "
                          f"plain pages {r.plain['cpu_seconds']:,.0f} s"
                          + (f", article text {r.text['cpu_seconds']:,.0f} s" if r.text else "") for r in results) + "."]
    lines += ["", "Articles extracted (from the build log): "
              + "; ".join(f"N={r.n:,}: cold {r.extracted_cold}, warm {r.extracted_warm}"
                          f"{' (site cache read)' if r.site_cache_hit else ''}, after an edit {r.extracted_edit}"
                          for r in results) + ".",
              "", "Largest page of the built site (HTML): "
              + "; ".join(f"N={r.n:,}: `{r.largest_html[1]}`" for r in results if r.largest_html) + ".", ""]

    lines += live_report(results)

    lines += ["## Targets", "", "Issue #16's targets first, then the last benchmark's.", "",
              "| target | result |", "| --- | --- |"]
    texts = [r for r in results if r.text]
    if texts:
        wall = max(r.warm_over_text for r in texts) <= WARM_OVER_TEXT
        cpu = max(r.warm_over_text_cpu for r in texts) <= WARM_OVER_TEXT
        lines.append(f"| warm full build ≤ {WARM_OVER_TEXT} × plain build of as many article-text pages | "
                     f"{verdict(wall)} in wall time: "
                     + ", ".join(f"{r.warm_over_text:.2f} at {r.n:,}" for r in texts) + f"; {verdict(cpu)} in CPU time: "
                     + ", ".join(f"{r.warm_over_text_cpu:.2f}" for r in texts) + " |")
    for n, limit in RELOAD_SECONDS.items():
        measured = next((r for r in results if r.n == n and r.live), None)
        for edit in ("seed", "curation"):
            if measured is None:
                lines.append(f"| save to reloaded page ≤ {limit} s at {n:,} articles ({edit} edit) | not measured in this run |")
            else:
                seconds = measured.live[edit]
                lines.append(f"| save to reloaded page ≤ {limit} s at {n:,} articles ({edit} edit) | "
                             f"{verdict(seconds <= limit)}: {seconds:,.1f} s |")
    worst = max(results, key=lambda r: r.warm_over_plain_cpu)
    lines.append(f"| warm build ≤ {WARM_OVER_PLAIN} × plain build of the same pages | "
                 f"{verdict(worst.warm_over_plain_cpu <= WARM_OVER_PLAIN)} (CPU time): "
                 + ", ".join(f"{r.warm_over_plain_cpu:.2f} at {r.n:,}" for r in results) + "; wall time: "
                 + ", ".join(f"{r.warm_over_plain:.2f}" for r in results) + " |")
    edits = [r.extracted_edit for r in results]
    lines.append("| an edit to one article re-extracts one article | "
                 + f"{verdict(all(e == 1 for e in edits))}: " + ", ".join(f"{e} at {r.n:,}" for e, r in zip(edits, results))
                 + " (and `tests/test_scale.py`, in-process and under `mkdocs serve`) |")
    big = next((r for r in results if r.n == 10_000), None)
    if big is None:
        last = results[-1]
        lines.append("| 10,000 articles: cold < 15 min, warm < 5 min, peak < 3 GB | not measured in this run; "
                     f"linear from N={last.n:,}: cold ≈ {last.cold['seconds'] * 10_000 / last.n / 60:.0f} min, "
                     f"warm ≈ {last.warm['seconds'] * 10_000 / last.n / 60:.0f} min |")
    else:
        most = max(peak(big.cold), peak(big.warm))
        lines.append(f"| 10,000 articles cold < 15 min | {verdict(big.cold['seconds'] < COLD_10K_SECONDS)}: "
                     f"{big.cold['seconds'] / 60:.1f} min |")
        lines.append(f"| 10,000 articles warm < 5 min | {verdict(big.warm['seconds'] < WARM_10K_SECONDS)}: "
                     f"{big.warm['seconds'] / 60:.1f} min |")
        lines.append(f"| 10,000 articles peak memory < 3 GB | {verdict(most < PEAK_BYTES)}: {mib(most)} |")
    for label in ("cold", "warm", "plain"):
        k = slope(results, lambda r: getattr(r, label)["cpu_seconds"])
        if k is not None:
            lines.append(f"| time grows linearly with N ({label}) | {verdict(k <= LINEAR_EXPONENT)}: CPU time ∝ N^{k:.2f} "
                         f"between {results[-2].n:,} and {results[-1].n:,} |")
    lines += [""]

    lines += ["## What the site holds", "", "From the built site's export (`export/graph.json`).", "",
              "| | " + " | ".join(f"N={r.n:,}" for r in results) + " |",
              "| --- | " + " | ".join("---:" for _ in results) + " |"]
    keys = [k for k in results[-1].counts if all(k in r.counts for r in results)]
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(str(r.counts[key]) for r in results) + " |")
    lines += [""]

    staged = [r for r in results if r.stages]
    if staged:
        lines += ["## Where the plugin spends its time", "",
                  "The plugin's own stages, run in-process (seconds). An unchanged build only hashes the seeds "
                  "and the curation (`site key`) and reads the site cache; a build after an edit reads the "
                  "extraction cache (including building the gazetteer), resolves, merges, renders and writes the "
                  "site cache. The exponent is k in time ∝ N^k between the two largest sizes.", ""]
        lines += ["| stage | " + " | ".join(f"N={r.n:,}" for r in staged) + " | k |",
                  "| --- | " + " | ".join("---:" for _ in staged) + " | ---: |"]
        for name in staged[0].stages:
            k = slope(staged, lambda r, name=name: r.stages.get(name, 0))
            lines.append(f"| `{name}` | " + " | ".join(f"{r.stages.get(name, 0):.2f}" for r in staged)
                         + f" | {'' if k is None else f'{k:.2f}'} |")
        lines += [""]

    lines += search_report(results)
    return "\n".join(lines)


def live_report(results: list[Result]) -> list[str]:
    """The section on editing under ``mkdocs serve``: save to reloaded page, measured in Chromium."""
    measured = [r for r in results if r.live]
    if not measured:
        return []
    lines = ["## Editing under `mkdocs serve`", "",
             "What the analyst feels: the seconds from saving a file to seeing the change. `bench/live.py` starts "
             "`mkdocs serve --livereload` on the benchmark's project (after its builds above, caches full), opens "
             "an article's page in headless Chromium and waits until it is ready; then it saves an edit to that "
             "article's seed (its last paragraph replaced by a new sentence) and times until MkDocs' livereload "
             "has reloaded the tab and the page shows the new sentence; then the same for a curation edit "
             "(`briefs/benchmark.yml` gains an `entities:` entry renaming a person the page names) until the "
             "page shows the new name. Only the server and the browser are observed, whatever the plugin does "
             "inside. *Server build* is the rebuild's time in the server's log (\"Documentation built in\").", "",
             "| N | first build (server start) | seed edit: save → reloaded page | server build | "
             "curation edit: save → reloaded page | server build | page |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in measured:
        live_ = r.live
        build = lambda key: f"{live_[key]:,.1f} s" if live_.get(key) is not None else "—"  # noqa: E731
        lines.append(f"| {r.n:,} | {live_['startup_seconds']:,.1f} s | **{live_['seed']:,.1f} s** | "
                     f"{build('seed_build_seconds')} | **{live_['curation']:,.1f} s** | {build('curation_build_seconds')} | "
                     f"`{live_['page']}` |")
    return lines + [""]


def search_report(results: list[Result]) -> list[str]:
    """The search section: Pagefind's index and a reader's first queries in Chromium."""
    lines = ["## Search", "",
             "The site's search is Pagefind's chunked index (`pagefind/`, written after the build by "
             "`search.py`; manual: search.md). *Index time* is Pagefind's run in the build (with the sorting of "
             "its filter files), against the warm build it is part of (a warm build's pages are the last build's, so "
             "its index is copied back from the cache, not written anew); *bytes* are what Chromium fetched "
             "(as a plain static server sends them, headers included; Pagefind's index files are gzipped already) "
             "from clicking the search button until the first query of a visit is over, its filter counts shown: "
             "Pagefind's module, WebAssembly, index entries, the chunks and fragments the query needs and the "
             "filters' files. *Dialog ready* is from that click until the search box shows; *first result* is "
             "from typing the query, at once, until its first result shows (on a site in shards, the first "
             "shard's: search.js): the WebAssembly and the index entries may still be loading then; *all "
             "results* until the count of the whole index's results shows. *After a pause* is the same first "
             "query in a new visit, typed a second after the dialog opened, when they have loaded.", "",
             "| N | pages | index files | index size | index time (cold build) | index time (warm build) | "
             "index / rest of the warm build | first query: bytes | dialog ready | first query: first result after | "
             "all results | … typed after a pause |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        search = r.search
        if "files" not in search:
            continue
        warm = search.get("warm") or {}
        share = (f"{warm['seconds'] / (r.warm['seconds'] - warm['seconds']):.0%}"
                 if warm.get("seconds") and r.warm else "—")
        first = r.latency[0] if r.latency else None
        lines.append(f"| {r.n:,} | {r.pages:,} | {search['files']:,} | {search['bytes'] / 1024 ** 2:,.1f} MiB | "
                     f"{search['seconds'] or 0:,.1f} s | {warm.get('seconds') or 0:,.1f} s | {share} | "
                     + (f"{first['bytes'] / 1024:,.0f} KiB | {first.get('open_ms') or 0:,} ms | {first['ms']:,} ms | "
                        + (f"{first['all_ms']:,} ms | " if first.get("all_ms") is not None else "— | ")
                        + (f"{first['paused_ms']:,} ms |" if first.get("paused_ms") is not None else "— |")
                        if first else "— | — | — | — | — |"))
    for r in results:
        if r.latency:
            lines += ["", f"Queries in one visit at N={r.n:,} (the first opens the search; its bytes include the "
                      "dialog's):", "",
                      "| query | bytes | requests | first result after | all results | filter counts | results |",
                      "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
            lines += [f"| {q['query']} | {q.get('bytes', 0) / 1024:,.0f} KiB | {q.get('requests', 0)} | {q['ms']:,} ms | "
                      f"{q.get('all_ms', 0):,} ms | {q.get('counted_ms', 0):,} ms | {q['meta']} |" for q in r.latency]
    return lines + [""]


def measure_search(n: int, seed: int, pool: Optional[list[SourceParagraph]], work: Path, browser: bool) -> Result:
    """Search only (``--search-only``): a cold and a warm build, the index, queries in Chromium."""
    say(f"N={n}: generating articles")
    project = make_briefs_project(work / f"briefs-{n}", n, seed, pool)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    result = Result(n, 1)
    say(f"N={n}: cold build")
    cold = timed_build(project, work / f"cold-{n}.log")
    result.cold, result.pages = summary(cold), cold.pages
    result.search = search_index_stats(project / "site", cold.log)
    say(f"N={n}: warm build")
    warm = timed_build(project, work / f"warm-{n}.log")
    result.warm = summary(warm)
    result.search["warm"] = search_index_stats(project / "site", warm.log)
    if browser:
        say(f"N={n}: search in Chromium")
        result.latency = search_latency(project / "site", QUERIES["growing" if pool is None else "recombined"])
    say(f"N={n}: cold {cold.seconds:.1f} s, warm {warm.seconds:.1f} s, index {result.search['bytes'] / 1024 ** 2:.1f} MiB, "
        f"first query {result.latency[0] if result.latency else '-'}")
    return result


def measure_live(n: int, seed: int, pool: Optional[list[SourceParagraph]], work: Path, repeat: int) -> list[dict]:
    """Save-to-reloaded-page only (``--live-only``), ``repeat`` runs of ``live.reload_times``, each
    with a server of its own. A project that ``--work`` already holds at this N is used as it is
    (its build tells which article to edit; its cache is warm); otherwise one is generated and built."""
    project = work / f"briefs-{n}"
    seeds = project / "seeds"
    reused = (project / "site" / "export" / "graph.json").is_file() and seeds.is_dir() \
        and sum(1 for _ in seeds.iterdir()) == n
    if not reused:
        say(f"N={n}: generating articles")
        make_briefs_project(project, n, seed, pool)
        say(f"N={n}: a build (the extraction cache, the article to edit)")
        timed_build(project, work / f"cold-{n}.log")
    runs = []
    for attempt in range(repeat):
        say(f"N={n}: mkdocs serve {attempt + 1}/{repeat}: save to reloaded page, a seed edit and a curation edit")
        runs.append(live.reload_times(project, project / "site", work / f"serve-{n}-{attempt}.log", pick=n // 2))
        say(f"N={n}: serve: {runs[-1]}")
    for edit in ("seed", "curation"):
        say(f"N={n}: {edit} edit, save to reloaded page: " + ", ".join(f"{run[edit]:.2f} s" for run in runs)
            + "; server builds: " + ", ".join(f"{run[f'{edit}_build_seconds']} s" for run in runs))
    return runs


def search_only_report(results: list[Result], args) -> str:
    lines = ["# Search benchmark", "",
             f"Measured by `python bench/run.py --search-only` on {dt.date.today().isoformat()}: {os.cpu_count()} cores, "
             f"Python {platform.python_version()}, Chromium {chromium_version()}, seed {args.seed}, N = "
             + ", ".join(f"{r.n:,}" for r in results) + ". The articles are generated as for the build benchmark "
             "(benchmarks.md); other work ran on the machine at the same time, so times are rough.", "",
             "| N | cold build | warm build |", "| ---: | ---: | ---: |"]
    lines += [f"| {r.n:,} | {r.cold['seconds']:,.1f} s | {r.warm['seconds']:,.1f} s |" for r in results]
    lines += [""] + search_report(results)
    parts = sorted({k for r in results for k in r.search.get("by_part", {})})
    lines += ["Pagefind's bundle by folder:", "", "| N | " + " | ".join(parts) + " |",
              "| ---: | " + " | ".join("---:" for _ in parts) + " |"]
    lines += [f"| {r.n:,} | " + " | ".join(f"{r.search['by_part'].get(k, 0) / 1024:,.0f} KiB" for k in parts) + " |"
              for r in results]
    return "\n".join(lines) + "\n"


def chromium_version() -> str:
    try:
        return subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30).stdout.split()[1]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated numbers of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2, help="warm and plain builds per size (the fastest is kept)")
    parser.add_argument("--work", type=Path, help="keep the generated projects here (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=REPO / "manual" / "docs" / "benchmarks.md")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip everything in Chromium (the search's timing, save-to-reload under mkdocs serve)")
    parser.add_argument("--no-serve", action="store_true", help="skip save-to-reload under mkdocs serve")
    parser.add_argument("--corpus", choices=("growing", "recombined"), default="growing",
                        help="growing: synthetic news whose actors, places and events grow with N (corpus.py); "
                             "recombined: the development corpus's sentences recombined (~180 entities at any N)")
    parser.add_argument("--search-only", action="store_true",
                        help="measure the search only (cold and warm build, index, Chromium); writes --search-out")
    parser.add_argument("--search-out", type=Path, default=REPO / "manual" / "docs" / "search-benchmarks.md")
    parser.add_argument("--live-only", action="store_true",
                        help="measure save-to-reloaded-page under mkdocs serve only, --repeat times per size (a "
                             "project already in --work is reused); writes live-results.json in --work, not the report")
    parser.add_argument("--from-results", type=Path, nargs="+", metavar="JSON",
                        help="write the report from the results.json of earlier runs (--work) instead of measuring")
    args = parser.parse_args(argv)
    if args.from_results:
        merged = {}
        for path in args.from_results:
            for item in json.loads(path.read_text(encoding="utf-8")):
                merged[item["n"]] = Result(**item)
        args.runs = [sorted(item["n"] for item in json.loads(path.read_text(encoding="utf-8")))
                     for path in args.from_results]
        if args.search_only:
            args.search_out.write_text(search_only_report(sorted(merged.values(), key=lambda r: r.n), args), encoding="utf-8")
            say(f"wrote {args.search_out}")
            return
        write_report(sorted(merged.values(), key=lambda r: r.n), args)
        return
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    work = args.work or Path(tempfile.mkdtemp(prefix="briefs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    code = snapshot_code(work)
    sys.path.insert(0, str(code))  # this process and every build below run the snapshot
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))
    pool = corpus_paragraphs() if args.corpus == "recombined" else None
    browser = not args.no_browser and CHROMIUM.exists()  # Pagefind's first query is cheap at every N
    results = []
    try:
        if args.live_only:
            runs = {n: measure_live(n, args.seed, pool, work, args.repeat) for n in sizes}
            (work / "live-results.json").write_text(json.dumps(runs, indent=1), encoding="utf-8")
            return
        for n in sizes:
            if args.search_only:
                results.append(measure_search(n, args.seed, pool, work, browser))
            else:
                results.append(measure(n, args.seed, pool, work, args.repeat, browser=browser, serve=not args.no_serve))
            (work / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.search_only:
        args.search_out.write_text(search_only_report(results, args), encoding="utf-8")
        say(f"wrote {args.search_out}")
        return
    write_report(results, args)


def write_report(results: list[Result], args) -> None:
    image = args.out.parent / "assets" / "benchmarks.png"
    plot(results, image)
    args.out.write_text(report(results, args, args.out, image) + "\n", encoding="utf-8")
    say(f"wrote {args.out} and {image}")


if __name__ == "__main__":
    main()
