"""Search with Pagefind: what each generated page tells the index, and the index itself.

Pagefind (https://pagefind.app) reads the built HTML and writes a chunked static index into the
site's ``pagefind/`` folder, so that a browser fetches only the fragments a query needs. A page
tells it, in a hidden block at the end of its body (``marks``):

- its filters (``data-pagefind-filter``): page type, country, year, event type;
- words a reader may search for that the page does not show: the transliteration of every name
  and alias (``Ворух`` is found as ``Vorukh``), an event's date written the ways people write it.

The index is written by the binary of the ``pagefind_bin`` wheel (``write_index``), over the built
site, nothing downloaded. No MkDocs here.
"""

from __future__ import annotations

import html
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unidecode import unidecode

from .model import Article, Brief, Entity, Event
from .pairs import Pair

BUNDLE = "pagefind"  # the index's folder in the built site
ASSETS = Path(__file__).parent / "assets"
SCRIPT = "assets/briefs/search.js"  # the header's search dialog, for ``extra_javascript``
STYLESHEET = "assets/briefs/search.css"
# Kept out of the index: the generated lists (they repeat what the pages they link say) and the
# headings' permalink signs.
EXCLUDED = ("[data-search-exclude]", ".headerlink")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# The filter names a reader sees in the search dialog.
PAGE_TYPE, COUNTRY, YEAR, EVENT_TYPE = "Page type", "Country", "Year", "Event type"


def assets() -> dict[str, bytes]:
    """The search dialog's script and stylesheet (site path -> content)."""
    return {SCRIPT: (ASSETS / "search.js").read_bytes(), STYLESHEET: (ASSETS / "search.css").read_bytes()}


# --- what a page tells the index -------------------------------------------------------------------


def filters(record: Any, view) -> list[tuple[str, str]]:
    """(filter, value) pairs of the page of ``record``: an ``Article``, ``Entity``, ``Event``,
    ``Brief``, ``Pair`` (a relation page) or a country's entity id (a country page)."""
    site = view.site

    def country_names(ids) -> list[tuple[str, str]]:
        names = sorted({site.entities[c].name for c in ids if c in site.entities})
        return [(COUNTRY, name) for name in names]

    if isinstance(record, Article):
        found = [(PAGE_TYPE, "Article")]
        if record.published and record.published.year:
            found.append((YEAR, str(record.published.year)))
        mentioned = {m.entity for m in site.mentions.get(record.id, []) if m.entity}
        return found + country_names(view.country_of[e] for e in mentioned if e in view.country_of)
    if isinstance(record, Entity):
        found = [(PAGE_TYPE, "Actor" if record.kind == "actor" else "Place")]
        return found + country_names([view.country_of[record.id]] if record.id in view.country_of else [])
    if isinstance(record, Event):
        found = [(PAGE_TYPE, "Event"), (EVENT_TYPE, record.type.replace("-", " "))]
        if record.date and record.date.year:
            found.append((YEAR, str(record.date.year)))
        return found + country_names(view.country_of[e] for e in [*record.places, *record.actors] if e in view.country_of)
    if isinstance(record, Pair):
        ends = [view.country_of[e] for e in (record.first, record.second) if e in view.country_of]
        return [(PAGE_TYPE, "Relation")] + country_names(ends)
    if isinstance(record, Brief):
        return [(PAGE_TYPE, "Brief")]
    if isinstance(record, str) and record in site.entities:
        return [(PAGE_TYPE, "Country")] + country_names([record])
    return []


def other_names(record: Any) -> list[str]:
    """What a reader may type for the page that the page does not show: the transliteration of an
    entity's name and aliases, an event's date in other spellings."""
    if isinstance(record, Entity):
        shown = {record.name, *record.aliases}
        return sorted({unidecode(name) for name in shown} - shown - {""}, key=str.casefold)
    if isinstance(record, Event) and record.date and record.date.year:
        date = record.date
        if date.month is None:
            return []
        month = MONTHS[date.month - 1]
        if date.day is None:
            return [f"{date.year}-{date.month:02d}", f"{month} {date.year}"]
        return [date.iso(), f"{date.day} {month} {date.year}", f"{month} {date.year}"]
    return []


def marks(record: Any, view) -> str:
    """The hidden block appended to a page's Markdown: its filters, and its other names as indexed text."""
    lines = [f'<span data-pagefind-filter="{html.escape(name, quote=True)}:{html.escape(value, quote=True)}"></span>'
             for name, value in filters(record, view)]
    names = other_names(record)
    if names:
        lines.append(f"<span>{html.escape(' · '.join(names))}</span>")
    if not lines:
        return ""
    return '\n\n<div class="rb-search-marks" hidden>\n' + "\n".join(lines) + "\n</div>\n"


# --- the index -----------------------------------------------------------------------------------------


class IndexUnavailable(RuntimeError):
    """Pagefind's binary is not installed, or it failed."""


@dataclass
class IndexRun:
    seconds: float
    bytes: int  # the whole bundle: index chunks, fragments, filters, script, UI
    files: int
    log: str


def pagefind_executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:
        raise IndexUnavailable("the pagefind_bin package is not installed (pip install 'pagefind[bin]')") from exc
    return Path(get_executable())


def write_index(site_dir: Path) -> IndexRun:
    """Run Pagefind over the built site in ``site_dir``; its bundle goes to ``site_dir/pagefind``."""
    command = [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE,
               *(arg for selector in EXCLUDED for arg in ("--exclude-selectors", selector)), "--quiet"]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - start
    log = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise IndexUnavailable(f"pagefind exited with {result.returncode}: {log[-2000:]}")
    files = [p for p in (site_dir / BUNDLE).rglob("*") if p.is_file()]
    return IndexRun(seconds, sum(p.stat().st_size for p in files), len(files), log)
