"""The quality page and the terminal summary, from scored reports.

In: the development corpus's ``Report`` and further ``ScoredSet``s (the real set's halves). Out:
the ``manual/docs/quality.md`` Markdown (``render_markdown``) and a few lines of micro figures
(``format_summary``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Optional, Sequence

from .mixed import MixedScore, MixedSet
from .report import ArticleScore, Counts, Ratio, Report, Totals
from .rules import RELATION_RULES, RULES

# The headline section's opening, shown when further sets (the real set's halves) are scored.
REAL_SET_TEXT = """
The development corpus (nine articles written for the project, and the seed) is what extraction was
built on. The real development sets are real news pages from many outlets, with gold written by
us: English (`eval/real/`) and Russian (`eval/real-ru/`). Each is split in two halves by a fixed
rule (the hash of each page's address, `eval/real/README.md`). Extraction is tuned on the **tuning half** only; the
**held-back half** is never looked at while tuning, and is the figure to trust for articles the
site has never seen. Its misses are deliberately not listed on this page.
"""


MIXED_TEXT = """
A Russian article and an English one about the same events (`eval/real-ru/pairs.yml`), built
into one site: of the actors and places both golds name (a Russian gold name whose aliases hold the
English gold's), how many the site found in both articles and put on **one page**, and how many
pages **wrongly joined** a Russian and an English gold entity that are different. A pair belongs to
the half of its Russian article.
"""


def _mixed_section(mixed: Sequence[MixedSet]) -> list[str]:
    lines = ["", "### Merging across scripts", "", *MIXED_TEXT.strip().splitlines(), "",
             "| Set | Pairs | Shared entities | Found in both | Merged | Wrong merges |",
             "| --- | --- | --- | --- | --- | --- |"]
    for item in mixed:
        sc = item.score
        lines.append(f"| {_cell(item.label)} | {sc.pairs} | {sc.shared} | {sc.found} | "
                     f"{sc.merged} ({_fmt(sc.merged_share.value)}) | {sc.wrong} ({_fmt(sc.wrong_share.value)}) |")
    notes = [item.note for item in mixed if item.note]
    lines += [""] + ([" ".join(notes), ""] if notes else [])
    for item in mixed:
        if item.show_misses and (item.score.missed or item.score.wrongly):
            lines += [f"Not merged ({item.label}): " + ("; ".join(map(_cell, item.score.missed)) or "none") + ".", "",
                      f"Wrongly merged ({item.label}): " + ("; ".join(map(_cell, item.score.wrongly)) or "none") + ".", ""]
    return lines


def format_mixed(score: MixedScore) -> str:
    """The terminal summary of one set of pairs."""
    return (f"pairs      {score.pairs}; shared entities {score.shared}, found in both {score.found}\n"
            f"merged     {_fmt(score.merged_share.value)}  ({score.merged}/{score.found})\n"
            f"wrong      {_fmt(score.wrong_share.value)}  ({score.wrong} of {score.merged + score.wrong} merges)")


def _fmt(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.3f}"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(label: str, totals: Totals, quotes: bool) -> list[str]:
    cells = [
        label,
        _fmt(totals.entities.precision), _fmt(totals.entities.recall), _fmt(totals.entities.f1),
        _fmt(totals.kinds.value), str(totals.noise_leaks),
        _fmt(totals.events.precision), _fmt(totals.events.recall), _fmt(totals.events.f1),
        _fmt(totals.dates.value), _fmt(totals.types.value),
    ]
    if quotes:
        cells.append(_fmt(totals.quotes.value if totals.quotes else None))
    return cells


def _misses(article: ArticleScore) -> list[tuple[str, list[str]]]:
    """The lists a developer reads to improve extraction, each item already worded."""
    kind_errors = [
        f"{m.gold.name} (gold {m.gold.kind}, export {m.kind or 'no kind'})"
        for m in article.entity_matches if not m.kind_ok
    ]
    date_errors = [
        f"{m.gold.summary} (gold {m.gold.date}, export {m.date or 'no date'})"
        for m in article.event_matches if m.gold.date and not m.date_ok
    ]
    type_errors = [
        f"{m.gold.summary} (gold {m.gold.type}, export {m.type or 'no type'})"
        for m in article.event_matches if not m.type_ok
    ]
    allegation_errors = [
        f"{m.label} (gold {'allegation' if m.gold.allegation else 'fact'}, "
        f"export {'allegation' if m.allegation else 'fact'})"
        for m in article.relation_matches if not m.allegation_ok
    ]
    denied_errors = [
        f"{m.label} (gold {'denied' if m.gold.denied else 'not denied'}, "
        f"export {'denied' if m.denied else 'not denied'})"
        for m in article.relation_matches if not m.denied_ok
    ]
    return [
        ("Missed entities", [e.name for e in article.missed_entities]),
        ("Spurious pages", article.spurious_pages),
        ("Split over pages", [f"{g} (extra page: {p})" for g, p in article.split_pages]),
        ("Noise leaks", article.noise_leaks),
        ("Wrong kind", kind_errors),
        ("Missed events", [f"{e.date or 'undated'}: {e.summary}" for e in article.missed_events]),
        ("Spurious events", [f"{d or 'undated'}: {t}" for d, t in article.spurious_events]),
        ("Wrong date", date_errors),
        ("Wrong type", type_errors),
        ("Missed quotes", [f"{q.speaker}: “{q.starts}”" for q in article.missed_quotes]),
        ("Missed relations", [g.label for g in article.missed_relations]),
        ("Spurious relations", article.spurious_relations),
        ("Duplicate relations", [f"{p} (repeats {g})" for g, p in article.duplicate_relations]),
        ("Wrong allegation flag", allegation_errors),
        ("Wrong denied flag", denied_errors),
    ]


@dataclass
class ScoredSet:
    """One set of articles scored together, as the quality page shows it."""

    label: str
    report: Report
    show_misses: bool = True  # False for the held-back half: its misses are not read while tuning
    note: str = ""


def _article_table(report: Report) -> list[str]:
    header = ["Article", "Entity P", "Entity R", "Entity F1", "Kind", "Noise leaks",
              "Event P", "Event R", "Event F1", "Date", "Type"]
    if report.quotes_scored:
        header.append("Quote R")
    rows = []
    for article in report.articles:
        label = f"`{article.article}`" + ("" if article.in_export else " (not in export)")
        rows.append(_row(label, article.totals, report.quotes_scored))
    rows.append(_row("**micro**", report.micro, report.quotes_scored))
    lines = ["| " + " | ".join(header) + " |", "| --- " * len(header) + "|"]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _headline(sets: Sequence[ScoredSet]) -> list[str]:
    header = ["Set", "Articles", "Entity P", "Entity R", "Entity F1", "Kind", "Noise leaks",
              "Event P", "Event R", "Event F1", "Date", "Type", "Quote R"]
    lines = ["| " + " | ".join(header) + " |", "| --- " * len(header) + "|"]
    for scored in sets:
        micro = scored.report.micro
        row = _row(scored.label, micro, True)
        row.insert(1, str(len(scored.report.articles)))
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    lines.append("")
    for scored in sets:
        lines.append(f"- {scored.label}: " + _micro_counts(scored.report.micro)[len("Micro counts: "):]
                     + (f" {scored.note}" if scored.note else ""))
    return lines + [""]


def render_markdown(report: Report, more: Sequence[ScoredSet] = (), mixed: Sequence[MixedSet] = ()) -> str:
    """The ``manual/docs/quality.md`` page: measures and rules, the table, and each article's misses.

    ``report`` is the development corpus; ``more`` are further sets (the real articles' halves),
    shown in a headline table first and, where ``show_misses``, with their own tables and misses.
    """

    lines = [
        "# Extraction quality",
        "",
        "How well the site's export (`export/graph.json`) matches what a careful analyst expects "
        "from each article: the gold annotations (`*.gold.yml` beside the articles, format in the "
        "corpus's `ANNOTATION.md`). `make eval` writes this page; do not edit it by hand.",
        "",
        "## Measures",
        "",
        "- **Entity P / R / F1**: precision, recall and F1 of actor and place pages, actors and "
        "places together.",
        "- **Kind**: share of matched entities filed as the right kind (actor or place).",
        "- **Noise leaks**: pages made for names that appear only in page furniture.",
        "- **Event P / R / F1**: precision, recall and F1 of dated events.",
        "- **Date**: share of matched events with the right date.",
        "- **Type**: share of matched events with the right event type.",
    ]
    if report.quotes_scored:
        lines.append("- **Quote R**: share of gold quotations found with the right speaker.")
    if report.relations_scored:
        lines += [
            "- **Relation P / R / F1**: precision, recall and F1 of relations between entities "
            "(who accuses, supports, meets... whom), against `NAME.relations.yml` gold files.",
            "- **Allegation / Denied**: share of matched relations with the right `allegation` "
            "and `denied` flags.",
        ]
    rules = RULES.rstrip() + ("\n" + RELATION_RULES.rstrip() if report.relations_scored else "")
    if more or mixed:
        sets = [ScoredSet("development corpus (tuned on)", report), *more]
        lines[5:5] = ["## Headline", "", *REAL_SET_TEXT.strip().splitlines(), "", *_headline(sets),
                      *(_mixed_section(mixed) if mixed else [])]
    lines += ["", "## Matching rules", "", rules, "", "## Scores", ""]
    lines += _article_table(report)
    lines += ["", _micro_counts(report.micro), ""]
    if report.relations_scored:
        lines += _relations_section(report)
    lines += ["## Misses by article", ""]
    for article in report.articles:
        lines += _misses_html(article)
    for scored in more:
        if scored.show_misses and scored.report.articles:
            lines += [f"## {scored.label[0].upper()}{scored.label[1:]}", "", *_article_table(scored.report), "",
                      _micro_counts(scored.report.micro), ""]
            for article in scored.report.articles:
                lines += _misses_html(article)
    if report.unscored or report.unused_relation_golds:
        lines += ["## Not scored", ""]
    if report.unscored:
        lines += ["Export articles without a gold file:", ""]
        lines += [f"- `{source}`" for source in report.unscored]
        lines.append("")
    if report.unused_relation_golds:
        lines += ["Relation gold files whose article has no gold file in this run:", ""]
        lines += [f"- `{source}`" for source in report.unused_relation_golds]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _relation_row(label: str, totals: Totals) -> list[str]:
    r = totals.relations
    return [label, _fmt(r.precision if r else None), _fmt(r.recall if r else None),
            _fmt(r.f1 if r else None),
            _fmt(totals.allegations.value if totals.allegations else None),
            _fmt(totals.denials.value if totals.denials else None)]


def _relations_section(report: Report) -> list[str]:
    header = ["Article", "Relation P", "Relation R", "Relation F1", "Allegation", "Denied"]
    rows = []
    for article in report.articles:
        label = f"`{article.article}`" + ("" if article.relations_scored else " (no relation gold)")
        rows.append(_relation_row(label, article.totals))
    rows.append(_relation_row("**micro**", report.micro))
    lines = ["## Relations", ""]
    if not report.relations_in_export:
        lines += ["The export has no `relations` list, so every gold relation counts as missed.", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| --- " * len(header) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    r = report.micro.relations or Counts()
    ignored = sum(len(a.ignored_relations) for a in report.articles)
    lines += ["", f"Micro counts: relations {r.tp} matched, {r.fp} spurious or duplicate, {r.fn} missed; "
                  f"{ignored} matched only an optional gold relation (not counted).", ""]
    return lines


def _micro_counts(micro: Totals) -> str:
    e, v = micro.entities, micro.events
    return (
        f"Micro counts: entities {e.tp} matched, {e.fp} spurious or split, {e.fn} missed; "
        f"events {v.tp} matched, {v.fp} spurious, {v.fn} missed."
    )


# Lists of names read best on one line; events and errors one to a line.
_NAME_LISTS = ("Missed entities", "Spurious pages", "Noise leaks")


def _misses_html(article: ArticleScore) -> list[str]:
    # Raw HTML so the section folds without depending on the site's Markdown extensions.
    groups = [(title, items) for title, items in _misses(article) if items]
    count = sum(len(items) for _, items in groups)
    summary = html.escape(article.article) + (f" ({count} to look at)" if count else " (nothing missed)")
    out = ["<details>", f"<summary>{summary}</summary>", "<ul>"]
    if not article.in_export:
        out.append("<li><strong>Not in the export</strong>: no export article has this source.</li>")
    for title, items in groups:
        head = f"<li><strong>{title}</strong> ({len(items)})"
        if title in _NAME_LISTS:
            out.append(f"{head}: " + "; ".join(html.escape(item) for item in items) + "</li>")
        else:
            out += [f"{head}<ul>", *(f"<li>{html.escape(item)}</li>" for item in items), "</ul></li>"]
    out += ["</ul>", "</details>", ""]
    return out


def format_summary(report: Report) -> str:
    """The micro figures, a few lines for the end of the terminal output."""
    m = report.micro
    e, v = m.entities, m.events
    lines = [
        f"entities   P {_fmt(e.precision)}  R {_fmt(e.recall)}  F1 {_fmt(e.f1)}"
        f"  (tp {e.tp}, fp {e.fp}, fn {e.fn})",
        f"kind       {_fmt(m.kinds.value)}  ({m.kinds.correct}/{m.kinds.total})",
        f"noise      {m.noise_leaks} leak{'s' if m.noise_leaks != 1 else ''}",
        f"events     P {_fmt(v.precision)}  R {_fmt(v.recall)}  F1 {_fmt(v.f1)}"
        f"  (tp {v.tp}, fp {v.fp}, fn {v.fn})",
        f"date       {_fmt(m.dates.value)}  ({m.dates.correct}/{m.dates.total})",
        f"type       {_fmt(m.types.value)}  ({m.types.correct}/{m.types.total})",
    ]
    if m.quotes is not None:
        lines.append(f"quotes     R {_fmt(m.quotes.value)}  ({m.quotes.correct}/{m.quotes.total})")
    if m.relations is not None:
        r, a, d = m.relations, m.allegations or Ratio(), m.denials or Ratio()
        lines.append(
            f"relations  P {_fmt(r.precision)}  R {_fmt(r.recall)}  F1 {_fmt(r.f1)}"
            f"  (tp {r.tp}, fp {r.fp}, fn {r.fn})  allegation {_fmt(a.value)} ({a.correct}/{a.total})"
            f"  denied {_fmt(d.value)} ({d.correct}/{d.total})")
    count = len(report.articles)
    return f"micro over {count} article{'s' if count != 1 else ''}\n" + "\n".join(lines)
