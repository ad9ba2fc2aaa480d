"""Benchmark: the `briefs` plugin against plain MkDocs at 100, 1,000 and 10,000 articles.

    python bench/run.py                        # N = 100, 1,000, 10,000 (the last takes long)
    python bench/run.py --sizes 100,1000       # a quick run
    python bench/run.py --sizes 10000 --repeat 1 --work /tmp/b10k   # keep projects and results.json
    python bench/run.py --from-results /tmp/a/results.json /tmp/b10k/results.json   # report only

For each N it generates N articles (sentences of the development corpus recombined, dated over
ten years, as .md seeds with front matter; the same seed gives the same articles) into a
temporary project and measures, in one run so that ratios compare like with like:

- the cold build (empty extraction cache) and the warm build (cache full, nothing changed),
- the peak memory of each build (the whole process tree, sampled, and the largest process),
- a plain mkdocs-material build of the very pages the plugin generated, written as .md files
  into docs/ with the same navigation policy (``not_in_nav`` for all but the index pages),
- the search index's size, and where its bytes come from,
- the site-wide stages in-process (resolve, merge events, render) to show how each one grows,
- at 1,000 articles (or the largest N at most 1,000), the time from typing a query into
  Material's search box to the first result, in Chromium.

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

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "dev"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

# The targets of the "fast at scale" issue, reported against (never asserted).
WARM_OVER_PLAIN = 1.3
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
BRIEFS_CONFIG = "site_name: Benchmark\ntheme: material\nplugins:\n  - search\n  - briefs\n" + MARKDOWN_EXTENSIONS
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
OUTLETS = ["Tien Shan Dispatch", "Pamir Wire", "Amu Darya Times", "Steppe Monitor", "Fergana Herald",
           "Kabul Ledger", "Caspian Review", "Silk Road Bulletin"]
YEAR = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z0-9])")


# --- the articles --------------------------------------------------------------------------------


@dataclass
class SourceParagraph:
    sentences: list[str]
    year: int  # the source article's year, so that years in the text can move with the new date


def corpus_paragraphs(folder: Path = CORPUS) -> list[SourceParagraph]:
    """The story paragraphs of the development corpus (read by the pipeline's own ingest and clean)."""
    from regional_briefs.clean import clean
    from regional_briefs.ingest import read_seed

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


def make_briefs_project(root: Path, n: int, seed: int, pool: list[SourceParagraph]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(BRIEFS_CONFIG, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    seeds = root / "seeds"
    seeds.mkdir(exist_ok=True)
    for index in range(n):
        name, text = generate_article(index, seed, pool)
        (seeds / name).write_text(text, encoding="utf-8")
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
    clock("write site cache", cache.put, key, outputs._to_json(output))
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
    largest = max(output.pages.values(), key=lambda p: (len(p.text.encode()), p.path))
    counts = {"entities": str(len(site.entities)), "events": str(len(site.events)),
              "largest event (sources)": str(max((len(e.sources) for e in site.events.values()), default=0)),
              "generated pages": f"{len(output.pages):,}",
              "largest page (Markdown)": f"{len(largest.text.encode()) / 1024:,.0f} KiB ({largest.path.split('/')[0]})"}
    return stages, {**{p.path: p.text for p in output.pages.values()}, "__counts__": json.dumps(counts)}


def largest_html(site: Path) -> tuple[int, str]:
    """The largest page of the built site (bytes of HTML) and its path."""
    size, path = max((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    return size, path


# --- the search index ----------------------------------------------------------------------------


def search_index_stats(site: Path) -> dict:
    """The index's size, its bytes by page kind, and whether generated boilerplate got in."""
    path = site / "search" / "search_index.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    by_kind: dict[str, int] = {}
    boilerplate_sections = 0
    boilerplate_text = 0
    for doc in data["docs"]:
        kind = doc["location"].split("/", 1)[0] if "/" in doc["location"] else "home"
        by_kind[kind] = by_kind.get(kind, 0) + len(json.dumps(doc, ensure_ascii=False).encode())
        if doc.get("title") in ("Linked from", "Mentions", "Sources"):
            boilerplate_sections += 1
            boilerplate_text += len(doc.get("text", ""))
    return {"bytes": path.stat().st_size, "docs": len(data["docs"]), "by_kind": by_kind,
            "boilerplate_sections": boilerplate_sections, "boilerplate_text_chars": boilerplate_text}


def search_latency(site: Path, queries: list[str]) -> list[dict]:
    """Milliseconds from typing each query into Material's search box to the first result shown.
    The first query also waits for the index to load into the search worker."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base, wait_until="load")
            box = page.locator("input.md-search__input")
            results_list = page.locator(".md-search-result__item")
            meta_line = page.locator(".md-search-result__meta")
            for query in queries:
                box.click()
                box.fill("")
                # The previous query's results must be gone first, or they would count as this one's.
                results_list.first.wait_for(state="detached", timeout=30_000)
                start = time.perf_counter()
                page.keyboard.type(query)
                results_list.first.wait_for(state="visible", timeout=120_000)
                elapsed = (time.perf_counter() - start) * 1000
                meta = meta_line.inner_text()
                results.append({"query": query, "ms": round(elapsed), "meta": meta.strip()})
                page.keyboard.press("Escape")
            browser.close()
    finally:
        server.shutdown()
    return results


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


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


def measure(n: int, seed: int, pool: list[SourceParagraph], work: Path, repeat: int, browser: bool) -> Result:
    say(f"N={n}: generating articles")
    project = make_briefs_project(work / f"briefs-{n}", n, seed, pool)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    result = Result(n, repeat)
    say(f"N={n}: cold build")
    cold = timed_build(project, work / f"cold-{n}.log")
    result.cold = summary(cold)
    result.extracted_cold = cold.stat("articles extracted")
    result.pages = cold.pages
    result.search = search_index_stats(project / "site")
    result.largest_html = list(largest_html(project / "site"))
    say(f"N={n}: cold {cold.seconds:.1f} s; stages in-process")
    result.stages, pages = stage_times(project)
    result.counts = json.loads(pages.pop("__counts__"))
    plain = make_plain_project(work / f"plain-{n}", pages)
    del pages
    warm_runs, plain_runs = [], []
    for attempt in range(repeat):  # interleaved, so that a busy moment hits both alike
        say(f"N={n}: warm build {attempt + 1}/{repeat}")
        warm_runs.append(timed_build(project, work / f"warm-{n}-{attempt}.log"))
        say(f"N={n}: plain build {attempt + 1}/{repeat}")
        plain_runs.append(timed_build(plain, work / f"plain-{n}-{attempt}.log"))
    warm = min(warm_runs, key=lambda r: r.seconds)
    plain_run = min(plain_runs, key=lambda r: r.seconds)
    result.warm, result.plain = summary(warm), summary(plain_run)
    result.extracted_warm = warm.stat("articles extracted")
    result.site_cache_hit = warm.stat("site cache hits") == 1
    say(f"N={n}: a build after editing one article")
    edited = sorted((project / "seeds").iterdir())[n // 2]
    edited.write_text(edited.read_text(encoding="utf-8")
                      + "\nA farmer in the valley said the apricot harvest was unusually plentiful this year.\n",
                      encoding="utf-8")
    edit = timed_build(project, work / f"edit-{n}.log")
    result.edit, result.extracted_edit = summary(edit), edit.stat("articles extracted")
    result.warm_over_plain = warm.seconds / plain_run.seconds
    result.warm_over_plain_cpu = min(r.cpu_seconds for r in warm_runs) / min(r.cpu_seconds for r in plain_runs)
    if browser:
        say(f"N={n}: search in Chromium")
        result.latency = search_latency(project / "site", ["Rogun", "border", "Taliban"])
    say(f"N={n}: cold {cold.seconds:.1f} s, warm {warm.seconds:.1f} s, plain {plain_run.seconds:.1f} s, "
        f"after an edit {edit.seconds:.1f} s")
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
    if len(ns) > 1:
        last = results[-1]
        ax.plot(ns, [last.warm["seconds"] * n / last.n for n in ns], ":", color="grey",
                label=f"linear in N (through the warm build at {last.n:,})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(ns, [f"{n:,}" for n in ns])
    ax.minorticks_off()
    ax.set_xlabel("articles (N)")
    ax.set_ylabel("build time (s)")
    ax.set_title("Build time against the number of articles")
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


def report(results: list[Result], args, out: Path, image: Path) -> str:
    sizes = ", ".join(f"{r.n:,}" for r in results)
    repeats = sorted({r.repeat for r in results})
    repeat = f"{repeats[0]}× each" if len(repeats) == 1 else "; ".join(f"{r.repeat}× at N={r.n:,}" for r in results)
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` (`bench/run.py`) on {dt.date.today().isoformat()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, seed {args.seed}, N = {sizes}. Other work ran on the machine at "
        "the same time, so absolute times are rough; each ratio compares builds made in the same run, "
        f"the warm and plain builds interleaved ({repeat}, the fastest kept). CPU time (user + system, "
        "workers included) is steadier than wall time when other processes compete for the cores."
        + ("" if len(getattr(args, "runs", [])) < 2 else " The sizes come from separate runs (the machine's load "
           "differed between them): " + "; ".join(", ".join(f"{n:,}" for n in run) for run in args.runs) + "."),
        "",
        "The articles are sentences of the development corpus recombined (6–12 paragraphs, dated over "
        "2016–2025, years in the text moved with the date). The plain build is mkdocs-material with only "
        "`search`, building the very Markdown pages the plugin generated (written to `docs/`), with "
        "`not_in_nav` keeping all but the index pages out of the navigation, as the plugin does.",
        "",
        "The sentence pool is the development corpus's eight articles, so the number of actors and places "
        "stays near 175 whatever N, and copies of one sentence dated the same year merge into ever larger "
        "events: harder on event merging, easier on entity resolution, than real news would be.",
        "",
        f"![Build time against N]({image.relative_to(out.parent).as_posix()})",
        "",
        "A *warm* build changes nothing since the last build, so it reads the whole output from the site "
        "cache; a build *after one edit* (a sentence appended to one article) re-extracts that article and "
        "runs every site-wide stage again, reading the other articles from the extraction cache — what "
        "`mkdocs serve` does when the analyst saves a seed.",
        "",
        "| N | pages | cold build | warm build | after one edit | plain build | warm / plain (wall) | "
        "warm / plain (CPU) | edit / plain (wall) | pages/s (warm) | peak memory (cold / warm / edit) | "
        "largest page | search index | per article |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        edit = r.edit or {}
        largest = f"{r.largest_html[0] / 1024:,.0f} KiB" if r.largest_html else "—"
        lines.append(
            f"| {r.n:,} | {r.pages:,} | {r.cold['seconds']:,.1f} s | {r.warm['seconds']:,.1f} s | "
            f"{edit.get('seconds', 0):,.1f} s | "
            f"{r.plain['seconds']:,.1f} s | {r.warm_over_plain:.2f} | {r.warm_over_plain_cpu:.2f} | "
            f"{edit.get('seconds', 0) / r.plain['seconds']:.2f} | "
            f"{r.pages / r.warm['seconds']:,.0f} | "
            f"{mib(peak(r.cold))} / {mib(peak(r.warm))} / {mib(peak(edit)) if edit else '—'} | {largest} | "
            f"{r.search['bytes'] / 1024 ** 2:,.1f} MiB | {r.search['bytes'] / r.n / 1024:,.1f} KiB |")
    lines += ["", "CPU time (user + system, workers included): "
              + "; ".join(f"N={r.n:,}: cold {r.cold['cpu_seconds']:,.0f} s, warm {r.warm['cpu_seconds']:,.0f} s, "
                          f"after an edit {(r.edit or {}).get('cpu_seconds', 0):,.0f} s, "
                          f"plain {r.plain['cpu_seconds']:,.0f} s" for r in results) + "."]
    lines += ["", "Articles extracted (from the build log): "
              + "; ".join(f"N={r.n:,}: cold {r.extracted_cold}, warm {r.extracted_warm}"
                          f"{' (site cache read)' if r.site_cache_hit else ''}, after an edit {r.extracted_edit}"
                          for r in results) + ".",
              "", "Largest page of the built site (HTML): "
              + "; ".join(f"N={r.n:,}: `{r.largest_html[1]}`" for r in results if r.largest_html) + ".", ""]

    lines += ["## Targets", "", "| target | result |", "| --- | --- |"]
    worst = max(results, key=lambda r: r.warm_over_plain_cpu)
    lines.append(f"| warm build ≤ {WARM_OVER_PLAIN} × plain mkdocs-material | "
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

    lines += ["## Where the plugin spends its time", "",
              "The plugin's own stages, run in-process (seconds). An unchanged build only hashes the seeds "
              "and the curation (`site key`) and reads the site cache; a build after an edit reads the "
              "extraction cache (including building the gazetteer), resolves, merges, renders and writes the "
              "site cache. The exponent is k in time ∝ N^k between the two largest sizes.", ""]
    names = list(results[0].stages)
    lines += ["| stage | " + " | ".join(f"N={r.n:,}" for r in results) + " | k |",
              "| --- | " + " | ".join("---:" for _ in results) + " | ---: |"]
    for name in names:
        k = slope(results, lambda r, name=name: r.stages[name])
        lines.append(f"| `{name}` | " + " | ".join(f"{r.stages[name]:.2f}" for r in results)
                     + f" | {'' if k is None else f'{k:.2f}'} |")
    lines += ["", "| site | " + " | ".join(f"N={r.n:,}" for r in results) + " |",
              "| --- | " + " | ".join("---:" for _ in results) + " |"]
    for key in results[0].counts:
        lines.append(f"| {key} | " + " | ".join(r.counts[key] for r in results) + " |")
    lines += [""]

    kinds = sorted({k for r in results for k in r.search["by_kind"]})
    lines += ["## Search", "",
              "Bytes of `search/search_index.json` by the kind of page they come from:", "",
              "| N | " + " | ".join(kinds) + " |",
              "| ---: | " + " | ".join("---:" for _ in kinds) + " |"]
    for r in results:
        lines.append(f"| {r.n:,} | " + " | ".join(f"{r.search['by_kind'].get(k, 0) / 1024:,.0f} KiB" for k in kinds) + " |")
    leaked = [r for r in results if r.search["boilerplate_sections"]]
    lines += ["", "The generated mention and backlink lists and event pages' quoted sources are marked "
              "`data-search-exclude`, which Material's "
              "search plugin honours (it drops the marked element, or a marked heading's whole section, and "
              "then strips the attribute from the page). "
              + ("Neither their headings (“Mentions”, “Linked from”, “Sources”) nor their lists are in the index. "
                 "Pages of long lists beyond the indexes in the navigation are left out with `search: exclude`."
                 if not leaked else
                 "Their headings still make sections of their own: "
                 + "; ".join(f"{r.search['boilerplate_sections']:,} at N={r.n:,} "
                             f"({r.search['boilerplate_text_chars']:,} characters of text)" for r in leaked) + "."), ""]
    timed_search = [r for r in results if r.latency]
    if timed_search:
        r = timed_search[-1]
        lines += [f"Typing a query into Material's search box until the first result shows, in Chromium, at "
                  f"N={r.n:,} (the first query includes loading the index into the search worker):", "",
                  "| query | first result after | results |", "| --- | ---: | --- |"]
        lines += [f"| {item['query']} | {item['ms']:,} ms | {item['meta']} |" for item in r.latency]
        lines += [""]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated numbers of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2, help="warm and plain builds per size (the fastest is kept)")
    parser.add_argument("--work", type=Path, help="keep the generated projects here (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=REPO / "manual" / "docs" / "benchmarks.md")
    parser.add_argument("--no-browser", action="store_true", help="skip the search timing in Chromium")
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
        write_report(sorted(merged.values(), key=lambda r: r.n), args)
        return
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    work = args.work or Path(tempfile.mkdtemp(prefix="briefs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    code = snapshot_code(work)
    sys.path.insert(0, str(code))  # this process and every build below run the snapshot
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))
    pool = corpus_paragraphs()
    browser_at = max((n for n in sizes if n <= 1000), default=None)
    if args.no_browser or not CHROMIUM.exists():
        browser_at = None
    results = []
    try:
        for n in sizes:
            results.append(measure(n, args.seed, pool, work, args.repeat, browser=n == browser_at))
            (work / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    write_report(results, args)


def write_report(results: list[Result], args) -> None:
    image = args.out.parent / "assets" / "benchmarks.png"
    plot(results, image)
    args.out.write_text(report(results, args, args.out, image) + "\n", encoding="utf-8")
    say(f"wrote {args.out} and {image}")


if __name__ == "__main__":
    main()
