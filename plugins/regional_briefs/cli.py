"""The command line: ``regional-briefs eval`` scores extraction against gold files;
``regional-briefs markdown`` writes the generated pages as plain Markdown for any engine."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import evaluate
from .export import graph
from .outputs import build_output
from .pipeline import Options, build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="regional-briefs")
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("eval", help="build from articles with .gold.yml files and score the export")
    ev.add_argument("gold", nargs="+", help="folders of articles with NAME.gold.yml beside them, or gold files")
    ev.add_argument("--seeds", default="seeds", help="where to look for articles whose gold file is elsewhere")
    ev.add_argument("--briefs", default="briefs", help="curation folder to apply (default: briefs)")
    ev.add_argument("--out", default="docs/quality.md", help="where to write the quality page")
    ev.add_argument("--relations", help="folder of NAME.relations.yml gold relations (e.g. eval/relations)")
    md = sub.add_parser("markdown", help="write every generated page as Markdown into a folder")
    md.add_argument("--seeds", default="seeds")
    md.add_argument("--briefs", default="briefs")
    md.add_argument("--out", default="build/markdown")
    args = parser.parse_args(argv)
    if args.command == "eval":
        return run_eval(args)
    return run_markdown(args)


def run_eval(args) -> int:
    gold_paths = evaluate.gold_files(args.gold)
    golds = evaluate.load_gold(gold_paths)
    articles = []
    for gold in golds:
        path = Path(gold.path)
        candidates = [path.parent / gold.article, Path(args.seeds) / gold.article]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            print(f"{path}: article '{gold.article}' not found beside it or in {args.seeds}/", file=sys.stderr)
            return 2
        articles.append(found)
    started = time.perf_counter()
    site = build_site(Options(seeds_dir=Path(args.seeds), briefs_dir=Path(args.briefs), paths=articles))
    elapsed = time.perf_counter() - started
    for warning in site.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    relation_golds = evaluate.load_relation_gold([args.relations]) if args.relations else None
    report = evaluate.score(graph(site), golds, relation_golds)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(evaluate.render_markdown(report), encoding="utf-8")
    print(f"built {len(articles)} articles in {elapsed:.1f} s ({len(articles) / elapsed:.2f} articles/s, model load included)")
    print(f"wrote {args.out}")
    print(evaluate.format_summary(report))
    return 0


def run_markdown(args) -> int:
    output = build_output(Options(seeds_dir=Path(args.seeds), briefs_dir=Path(args.briefs)))
    for warning in output.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    out = Path(args.out)
    files = {page.path: page.body for page in output.pages.values()} | output.data
    for path, text in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(output.pages)} pages and {len(output.data)} data files to {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
