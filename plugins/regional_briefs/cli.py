"""The command line: ``regional-briefs eval`` builds articles and scores extraction against gold files;
``regional-briefs score`` scores an export already written; ``regional-briefs markdown`` writes the
generated pages as plain Markdown for any engine."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import evaluation
from .engine_project import read_settings, write_project
from .outputs import build_output
from .pipeline import Options, build_site
from .render.export import graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="regional-briefs")
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("eval", help="build from articles with .gold.yml files and score the export")
    ev.add_argument("gold", nargs="+", help="folders of articles with NAME.gold.yml beside them, or gold files")
    ev.add_argument("--seeds", default="seeds", help="where to look for articles whose gold file is elsewhere")
    ev.add_argument("--briefs", default="briefs", help="curation folder to apply (default: briefs)")
    ev.add_argument("--out", default="manual/docs/quality.md", help="where to write the quality page")
    ev.add_argument("--relations", help="folder of NAME.relations.yml gold relations (e.g. eval/relations)")
    ev.add_argument("--real", nargs="+", default=[],
                    help="real development sets (eval/real, eval/real-ru): both halves scored, the held-back "
                         "half in the headline only")
    ev.add_argument("--mixed", help="pairs of a Russian and an English real article on the same events "
                                    "(eval/real-ru/pairs.yml): how many shared entities merged across scripts")
    ev.add_argument("--half", choices=("tuning", "held-back"),
                    help="score only the gold files of this half of the real set (for tuning: --half tuning)")
    sc = sub.add_parser("score", help="score an export/graph.json already written against gold files")
    sc.add_argument("--export", required=True, type=Path, help="the site's export/graph.json")
    sc.add_argument("--gold", required=True, nargs="+", type=Path,
                    help="gold files, or folders holding *.gold.yml files")
    sc.add_argument("--relations", nargs="+", type=Path,
                    help="relation gold files, or folders holding *.relations.yml files")
    sc.add_argument("--out", type=Path, default=Path("manual/docs/quality.md"),
                    help="where to write the quality page (default: manual/docs/quality.md)")
    md = sub.add_parser("markdown", help="write every generated page as Markdown into a folder")
    md.add_argument("--seeds", default="seeds")
    md.add_argument("--briefs", default="briefs")
    md.add_argument("--out", default="build/markdown")
    md.add_argument("--project", action="store_true",
                    help="write a project another engine builds as it is (Zensical: `zensical build -f OUT/mkdocs.yml`): "
                         "OUT/docs/ with the pages, data, assets and the publisher's own docs/, and OUT/mkdocs.yml")
    md.add_argument("--docs", default="docs", help="with --project: the publisher's own pages, copied (default: docs)")
    md.add_argument("--config", default="mkdocs.yml",
                    help="with --project: the site's settings (name, theme, Markdown extensions) come from it")
    args = parser.parse_args(argv)
    if args.command == "eval":
        return run_eval(args)
    if args.command == "score":
        return run_score(args)
    return run_markdown(args)


def run_eval(args) -> int:
    golds = evaluation.load_gold(evaluation.gold_files(args.gold))
    if args.half:
        golds = [g for g in golds if g.half == args.half]
    main_report = _score_set(args, golds)
    if main_report is None:
        return 2
    more: list[evaluation.ScoredSet] = []
    for folder in args.real:
        real = evaluation.load_gold(evaluation.gold_files([folder]))
        name = _set_name(real)
        for half in ("tuning", "held-back"):
            chosen = [g for g in real if g.half == half]
            present = [g for g in chosen if _article_file(g, args.seeds) is not None]
            note = ""
            if len(present) < len(chosen):
                note = (f"({len(chosen) - len(present)} of {len(chosen)} articles not scored: their text is not "
                        f"in {Path(folder) / 'text'}/; see {Path(folder) / 'README.md'})")
                print(f"{folder}, {half} half: {len(chosen) - len(present)} of {len(chosen)} texts missing",
                      file=sys.stderr)
            if not present:
                continue
            report = _score_set(args, present, quiet=half == "held-back", relations=False)
            more.append(evaluation.ScoredSet(f"{name}, {half} half", report, half == "tuning", note))
        if not any(_article_file(g, args.seeds) for g in real):
            print(f"{folder}: no article texts in {Path(folder) / 'text'}/; this real set is not scored "
                  f"({Path(folder) / 'README.md'} says how to fill it)", file=sys.stderr)
    mixed: list[evaluation.MixedSet] = []
    if args.mixed:
        mixed = _score_mixed(args)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(evaluation.render_markdown(main_report, more, mixed), encoding="utf-8")
    print(f"wrote {args.out}")
    print(evaluation.format_summary(main_report))
    for scored in more:
        print(f"\n{scored.label}:\n" + evaluation.format_summary(scored.report))
    for merged in mixed:
        print(f"\n{merged.label}:\n" + evaluation.format_mixed(merged.score))
    return 0


def _set_name(golds) -> str:
    """"real articles" (English) or "real Russian articles", as the golds' language says."""
    languages = {g.language for g in golds}
    return "real Russian articles" if languages == {"ru"} else "real articles"


def _score_mixed(args) -> list:
    """Each half's pairs (by the Russian article's half) built as one site and scored."""
    try:
        pairs = evaluation.load_pairs(Path(args.mixed), [Path(f) for f in args.real])
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return []
    out = []
    for half in ("tuning", "held-back"):
        chosen = [(ru, en) for ru, en in pairs if ru.half == half]
        present = [(ru, en) for ru, en in chosen if _article_file(ru, args.seeds) and _article_file(en, args.seeds)]
        if not present:
            continue
        articles = sorted({_article_file(g, args.seeds) for pair in present for g in pair})
        site = build_site(Options(seeds_dir=Path(args.seeds), briefs_dir=Path(args.briefs), paths=articles))
        note = f"({len(chosen) - len(present)} of {len(chosen)} pairs not scored: texts missing)" \
            if len(present) < len(chosen) else ""
        out.append(evaluation.MixedSet(f"mixed Russian and English pairs, {half} half",
                                       evaluation.score_pairs(graph(site), present), half == "tuning", note))
    return out


def _article_file(gold, seeds: str) -> Path | None:
    """A gold file's article: beside it, in ``text/`` beside it (the real set), or in ``seeds``."""
    path = Path(gold.path)
    candidates = [path.parent / gold.article, path.parent / "text" / gold.article, Path(seeds) / gold.article]
    return next((c for c in candidates if c.is_file()), None)


def _score_set(args, golds, quiet: bool = False, relations: bool = True):
    """Build the articles of ``golds`` as one site and score it; None when an article is missing."""
    articles = []
    for gold in golds:
        found = _article_file(gold, args.seeds)
        if found is None:
            print(f"{gold.path}: article '{gold.article}' not found beside it, in text/ or in {args.seeds}/",
                  file=sys.stderr)
            return None
        articles.append(found)
    started = time.perf_counter()
    site = build_site(Options(seeds_dir=Path(args.seeds), briefs_dir=Path(args.briefs), paths=articles))
    elapsed = time.perf_counter() - started
    if not quiet:
        for warning in site.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    relation_golds = evaluation.load_relation_gold([args.relations]) if args.relations and relations else None
    print(f"built {len(articles)} articles in {elapsed:.1f} s ({len(articles) / elapsed:.2f} articles/s, "
          "model load included)")
    return evaluation.score(graph(site), golds, relation_golds)


def run_score(args) -> int:
    """Score an export file against gold files, write the quality page, print the micro figures."""
    try:
        export = evaluation.load_export(args.export)
        golds = evaluation.load_gold(args.gold)
        relation_golds = evaluation.load_relation_gold(args.relations) if args.relations else None
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = evaluation.score(export, golds, relation_golds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(evaluation.render_markdown(report), encoding="utf-8")
    print(f"wrote {args.out}")
    print(evaluation.format_summary(report))
    return 0


def run_markdown(args) -> int:
    if args.project:
        return run_project(args)
    # Links name the Markdown files: an engine rewrites no link written as HTML.
    output = build_output(Options(seeds_dir=Path(args.seeds), briefs_dir=Path(args.briefs)), markdown_links=True)
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


def run_project(args) -> int:
    """``markdown --project``: a project Zensical (or MkDocs without our plugin) builds as it is."""
    project = Path.cwd()
    docs = Path(args.docs)
    settings, _ = read_settings(Path(args.config))
    home = not (docs / "index.md").is_file()
    # Links name the Markdown files, which Zensical rewrites to the URLs it serves, in raw HTML too
    # (an href written as a URL it would take as a file's path); the data files hold URLs.
    output = build_output(Options(seeds_dir=Path(args.seeds), briefs_dir=Path(args.briefs)), home=home,
                          markdown_links=True,
                          directory_urls=settings.get("use_directory_urls", True) is not False,
                          site_url=str(settings.get("site_url") or ""), site_name=str(settings["site_name"]),
                          language=str((settings.get("theme") or {}).get("language") or "en")
                          if isinstance(settings.get("theme"), dict) else "en")
    out = Path(args.out)
    written = write_project(output, out, project, docs if docs.is_dir() else None, Path(args.config))
    for warning in output.warnings + written.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {written.pages} pages and {written.files} other files to {out}/docs/, and {out}/mkdocs.yml; "
          f"build it with: zensical build -f {out}/mkdocs.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
