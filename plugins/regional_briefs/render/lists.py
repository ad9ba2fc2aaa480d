"""Lists: the timelines and article lists that several pages show, in one order and one grouping
by year, and long lists paginated (``paginate``). No MkDocs here."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable, Iterable, Sequence

from ..model import Article, Event
from .escape import md_text
from .links import Linker, article_path, event_path, list_path
from .markup import bullets, paragraph, strong
from .site_view import Page, SiteView

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
YEAR_NOT_STATED = "Year not stated"
UNDATED = "Undated"


def count(n: int, noun: str) -> str:
    """ "1 article", "2 articles"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def paginate(view: SiteView, linker: Linker, base: str, title: str, section: str, items: Sequence,
             render: Callable[[Sequence, bool], list[str]], intro: Callable[[], list[str]] = list,
             group: Callable[[object], str] | None = None) -> str:
    """The list ``items`` over pages of ``limits.per_page``: page 1 at ``base``, page n at ``base/n``.

    ``render(chunk, anchors)`` writes one page's share (``anchors``: give group headings the ids of
    ``group_anchor``); ``intro()`` opens every page (both link from ``linker.current``, the page
    being written); ``group`` names an item's group (a year) for the jump line that opens every
    page of a list of more than one page. When ``base`` is already a page (an index in the nav),
    this returns the body of page 1 for its renderer to set; otherwise page 1 is added too (out of
    the nav and of search), and this returns "".
    """
    per_page = view.limits.per_page
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [items[:0]]
    total = len(chunks)
    paths = [list_path(base, n) for n in range(1, total + 1)]
    starts: dict[str, int] = {}  # group -> the page it begins on
    if group is not None and total > 1:
        for number, chunk in enumerate(chunks, 1):
            for item in chunk:
                starts.setdefault(group(item), number)
    previous, first = linker.current, ""
    for number, chunk in enumerate(chunks, 1):
        path = paths[number - 1]
        page_title = title if number == 1 else f"{title} (page {number} of {total})"
        existing = number == 1 and path in view.pages
        page = view.pages[path] if existing else view.add(Page(path, page_title, section=section, search_exclude=True))
        linker.current = path
        pager = _pager(paths, number, linker) if total > 1 else []
        lines = [f"# {md_text(page_title)}", "", *intro(), *pager]
        if starts:
            jumps = [linker.link(label, paths[start - 1], group_anchor(label), track=False) for label, start in starts.items()]
            lines += paragraph(" · ".join(jumps), ' class="rb-jump" data-search-exclude')
        lines += render(chunk, total > 1)
        if pager:
            lines += [""] + pager
        body = "\n".join(lines) + "\n"
        if existing:
            first = body
        else:
            page.body = body
    linker.current = previous
    return first


def _pager(paths: list[str], number: int, linker: Linker) -> list[str]:
    """'Page 2 of 7', previous and next, and the numbers of the pages around this one, the first and the last."""
    total = len(paths)
    parts = [strong(f"Page {number} of {total}")]
    if number > 1:
        parts.append(linker.link("← Previous", paths[number - 2], track=False))
    shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
    last = 0
    for n in shown:
        if n - last > 1:
            parts.append("…")
        parts.append(strong(str(n)) if n == number else linker.link(str(n), paths[n - 1], track=False))
        last = n
    if number < total:
        parts.append(linker.link("Next →", paths[number], track=False))
    return paragraph(" · ".join(parts), ' class="rb-pager" role="navigation" aria-label="Pages" data-search-exclude')


def group_anchor(label: str) -> str:
    """The id of a group heading on a paginated list: ``y2025``, ``year-not-stated``, ``undated``."""
    return f"y{label}" if label.isdigit() else re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")


def _heading(hashes: str, label: str, anchors: bool) -> str:
    return f"{hashes} {label}" + (f" {{ #{group_anchor(label)} }}" if anchors else "")


def format_date(event: Event) -> str:
    date = event.date
    if date is None:
        return "Undated"
    if date.year is None:
        month = MONTHS[date.month - 1] if date.month else ""
        return f"{month} {date.day}, year not stated" if date.day else f"{month}, year not stated"
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def event_order(event: Event) -> tuple:
    return (event.date.sort_key() if event.date else (10000, 0, 0), event.id)


def event_line(event: Event, linker: Linker) -> str:
    sources = len(event.articles)
    suffix = f" · {sources} sources" if sources > 1 else ""
    return f"{md_text(format_date(event))} · {event.type} · {linker.link(event.title, event_path(event.id))}{suffix}"


def newest_first(items: Iterable, date_of: Callable, id_of: Callable, undated_key: Callable) -> list:
    """Items newest first by ``date_of`` (a PartialDate or None), then those whose year is not
    stated, then undated ones by ``undated_key``: the order of timelines and article lists."""
    items = list(items)
    dated = [i for i in items if date_of(i) is not None]
    dated.sort(key=lambda i: (date_of(i).year is not None, date_of(i).sort_key(), id_of(i)), reverse=True)
    return dated + sorted((i for i in items if date_of(i) is None), key=undated_key)


def year_group(date) -> str:
    """The heading a dated item is listed under: its year, 'Year not stated' or 'Undated'."""
    if date is None:
        return UNDATED
    return str(date.year) if date.year is not None else YEAR_NOT_STATED


def timeline_order(events: Iterable[Event]) -> list[Event]:
    return newest_first(events, lambda e: e.date, lambda e: e.id, lambda e: e.id)


def timeline_group(event: Event) -> str:
    return year_group(event.date)


def render_timeline(events: Iterable[Event], linker: Linker, heading_level: int = 2, anchors: bool = False) -> list[str]:
    """Events grouped by year and month; year-less ones under 'Year not stated', undated ones last.

    ``anchors`` gives each year heading the id of ``group_anchor`` (for a paginated timeline's jump line)."""
    hashes = "#" * heading_level
    lines: list[str] = []
    groups: dict[str, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in timeline_order(events):
        month = "" if event.date is None else MONTHS[event.date.month - 1] if event.date.month else "Month not stated"
        groups[timeline_group(event)][month].append(event)
    for year in groups:  # in timeline order
        lines += [_heading(hashes, year, anchors), ""]
        for month, items in groups[year].items():
            if month:
                lines += [f"{hashes}# {month}", ""]
            lines += bullets(event_line(event, linker) for event in items)
    return lines


def article_order(articles: Iterable[Article]) -> list[Article]:
    return newest_first(articles, lambda a: a.published, lambda a: a.id, lambda a: (a.title.casefold(), a.id))


def article_group(article: Article) -> str:
    return year_group(article.published)


def render_article_list(articles: Sequence[Article], linker: Linker, heading_level: int = 2, anchors: bool = False) -> list[str]:
    """Articles (in ``article_order``) under a heading per year."""
    lines: list[str] = []
    groups: dict[str, list[str]] = defaultdict(list)  # in article order
    for article in articles:
        date = article.published.iso() if article.published else "undated"
        groups[article_group(article)].append(f"{linker.link(article.title, article_path(article.id))} · {md_text(date)}")
    for group, items in groups.items():
        lines += [_heading("#" * heading_level, group, anchors), ""] + bullets(items)
    return lines
