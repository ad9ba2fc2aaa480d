"""The warm build against a plain site of as many pages of article text, before and after a change.

    python bench/against_text.py --sizes 100,1000 --before main      # the plugin at main vs the working tree

Issue #16's first reference: the generated pages should cost MkDocs about what plain pages of the
same amount of text cost. ``run.py`` measures it at every N for the working tree; this script puts
two versions of the plugin side by side. For each N it generates the benchmark's N articles, builds
them with the plugin's package at ``--before`` (a git revision, read with ``git archive``) and with
the working tree's (each a snapshot, in its own project, the second starting from the first's
extraction cache; a first build, then warm builds), and builds a
plain mkdocs-material site with as many pages as the working tree's site, each the text of one
article (cycling through them), with a small navigation. The warm and plain builds are
interleaved (``--repeat`` rounds, the fastest of each kept), so that a busy moment hits all alike.
It prints a table and writes ``results.json`` into ``--work`` when given.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the benchmark's articles, projects and timed builds)

REPO = run.REPO
def code_at(revision: str, target: Path) -> Path:
    """The plugin's package at a git revision, unpacked into ``target`` (no worktree touched)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "plugins/regional_briefs"],
                             check=True, capture_output=True).stdout
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "plugins"


def code_now(target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO / "plugins" / "regional_briefs", target / "plugins" / "regional_briefs",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return target / "plugins"


def build(project: Path, code: Path, log: Path) -> run.BuildRun:
    os.environ["PYTHONPATH"] = str(code)
    return run.timed_build(project, log)


def measure(n: int, work: Path, codes: dict[str, Path], repeat: int, pool=None) -> dict:
    source = run.make_briefs_project(work / f"articles-{n}", n, 1, pool)
    projects = {}
    result: dict = {"n": n}
    # One cold build (the working tree's); the other starts from its extraction cache (the site
    # cache's key names the version of its pages, so its first build renders them all).
    for name in sorted(codes):  # "after" first
        project = work / f"{name}-{n}"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(projects["after"] if projects else source, project)
        shutil.rmtree(project / "site", ignore_errors=True)
        run.say(f"N={n}: {name}: first build")
        first = build(project, codes[name], work / f"{name}-{n}-first.log")
        result[name] = {"first": round(first.seconds, 2), "pages": first.pages, "warm": [], "warm_cpu": []}
        projects[name] = project
    pages = result["after"]["pages"]
    text = run.make_text_project(work / f"text-{n}", source / "seeds", pages)
    result["text"] = {"pages": pages, "warm": [], "warm_cpu": []}
    for attempt in range(repeat):
        for name, project in projects.items():
            run.say(f"N={n}: {name}: warm build {attempt + 1}/{repeat}")
            warm = build(project, codes[name], work / f"{name}-{n}-warm-{attempt}.log")
            assert warm.stat("site cache hits") == 1, f"{name}: the warm build missed the site cache"
            result[name]["warm"].append(round(warm.seconds, 2))
            result[name]["warm_cpu"].append(round(warm.cpu_seconds, 2))
        run.say(f"N={n}: article text: build {attempt + 1}/{repeat}")
        plain = build(text, codes["after"], work / f"text-{n}-{attempt}.log")
        result["text"]["warm"].append(round(plain.seconds, 2))
        result["text"]["warm_cpu"].append(round(plain.cpu_seconds, 2))
    for name in projects:
        result[name]["ratio"] = round(min(result[name]["warm"]) / min(result["text"]["warm"]), 2)
        result[name]["ratio_cpu"] = round(min(result[name]["warm_cpu"]) / min(result["text"]["warm_cpu"]), 2)
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--before", default="main", help="git revision of the plugin to compare with")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--corpus", choices=("growing", "recombined"), default="growing")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="briefs-text-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    codes = {"before": code_at(args.before, work / "code-before"), "after": code_now(work / "code-after")}
    sys.path.insert(0, str(codes["after"]))
    pool = run.corpus_paragraphs() if args.corpus == "recombined" else None
    results = []
    try:
        for n in sorted(int(s) for s in args.sizes.split(",")):
            results.append(measure(n, work, codes, args.repeat, pool))
            (work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nbefore: {args.before}; after: the working tree\n")
    print("| N | pages before / after | warm before | warm after | article text | before ÷ text | after ÷ text | (CPU) before, after |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r['n']:,} | {r['before']['pages']:,} / {r['after']['pages']:,} | {min(r['before']['warm']):.1f} s | "
              f"{min(r['after']['warm']):.1f} s | {min(r['text']['warm']):.1f} s | {r['before']['ratio']:.2f} | "
              f"{r['after']['ratio']:.2f} | {r['before']['ratio_cpu']:.2f}, {r['after']['ratio_cpu']:.2f} |")


if __name__ == "__main__":
    main()
