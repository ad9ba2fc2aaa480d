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

import gzip
import hashlib
import html
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from unidecode import unidecode

from ..cache import package_version
from ..language import language_name
from ..model import Article, Brief, Entity, Event
from ..text import casefold_order
from . import ASSETS
from .pairs import Pair

BUNDLE = "pagefind"  # the index's folder in the built site
SCRIPT = "assets/briefs/search.js"  # the header's search dialog, for ``extra_javascript``
STYLESHEET = "assets/briefs/search.css"
# Kept out of the index: the generated lists (they repeat what the pages they link say) and the
# headings' permalink signs.
EXCLUDED = ("[data-search-exclude]", ".headerlink")
# Pagefind 1.5.2 scores a query's matches page by page, each time going through the list of every
# (page, word) match the query has: its time grows with the square of the matches, 2.4 s for a word
# on 12,800 of 32,000 pages. The index is written in one shard per SHARD_PAGES pages, which the
# dialog searches together (search.js): each shard's matches are a fraction of the site's. Each shard
# also costs a reader a chunk per query (about 20 KiB), so more shards are not free.
SHARD_PAGES = 4_000
SHARD_PREFIX = "shard-"  # the shards' folders in the bundle, after the first shard (the bundle itself)
SHARDS = "shards.json"  # the bundle's list of the other shards' folders, for the dialog
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# The filter names a reader sees in the search dialog.
PAGE_TYPE, COUNTRY, YEAR, EVENT_TYPE, LANGUAGE = "Page type", "Country", "Year", "Event type", "Language"


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

    # A site whose articles are all in one language has no Language filter: it would narrow nothing
    # (but to articles and events, which the page type does) and cost a reader a file per shard.
    languages = view.languages
    if isinstance(record, Article):
        found = [(PAGE_TYPE, "Article")] + ([(LANGUAGE, language_name(record.language))] if len(languages) > 1 else [])
        if record.published and record.published.year:
            found.append((YEAR, str(record.published.year)))
        mentioned = {m.entity for m in site.mentions.get(record.id, []) if m.entity}
        return found + country_names(view.country_of[e] for e in mentioned if e in view.country_of)
    if isinstance(record, Entity):
        found = [(PAGE_TYPE, "Actor" if record.kind == "actor" else "Place")]
        return found + country_names([view.country_of[record.id]] if record.id in view.country_of else [])
    if isinstance(record, Event):
        found = [(PAGE_TYPE, "Event"), (EVENT_TYPE, record.type.replace("-", " "))]
        if len(languages) > 1:
            found += [(LANGUAGE, name) for name in sorted({language_name(site.articles[s.article].language)
                                                           for s in record.sources if s.article in site.articles})]
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


# Near spellings of a name's words: the ways one sound of Tajik, Uzbek, Russian or Pashto is
# written in Latin letters ("Rahmon", "Rakhmon"), each swap applied alone.
SPELLINGS = ((r"kh", "h"), (r"(?<![kszcgt])h", "kh"), (r"dzh", "j"), (r"(?<!d)j", "dzh"), (r"zh", "j"),
             (r"ou", "u"), (r"(?<!o)u", "ou"), (r"y", "i"), (r"q", "k"), (r"k(?!h)", "q"), (r"w", "v"),
             (r"v", "w"), (r"([a-z])\1", r"\1"))
ENDING = re.compile(r"(?:ov|ev|ova|eva)$")  # Russian-style surname endings, dropped or added
NEAR_MAX = 24  # near spellings per name, at most
COMMON_WORD_ZIPF = 4.3  # an English word this frequent ("river", "ministry") is typed as it is written


def near_spellings(name: str, person: bool = False) -> list[str]:
    """Other Latin spellings of the words of ``name`` a reader may type: one letter group swapped
    for another ("Rakhmon" for "Rahmon"), doubled letters written once and, for a person, a
    Russian surname ending dropped or added ("Rahmonov", "Rakhmonov"). Only words of four letters
    or more, so that short words stay exact, and no common English word ("River", "Ministry")."""
    from wordfreq import zipf_frequency

    found: list[str] = []
    for word in re.findall(r"[A-Za-z][A-Za-z'-]{3,}", unidecode(name)):
        lower = word.casefold()
        if zipf_frequency(lower, "en") >= COMMON_WORD_ZIPF:
            continue  # "Panj River": "pandzh" helps a reader, "riwer" does not
        variants = [lower] + [re.sub(pattern, swap, lower) for pattern, swap in SPELLINGS]
        if person:
            variants += [ENDING.sub("", v) if ENDING.search(v) else v + "ov" for v in variants]
        found += [v for v in dict.fromkeys(variants) if v != lower and len(v) > 3]
    return list(dict.fromkeys(found))[:NEAR_MAX]


def other_names(record: Any) -> list[str]:
    """What a reader may type for the page that the page does not show: the transliteration of an
    entity's name and aliases and their near spellings, an event's date in other spellings."""
    if isinstance(record, Entity):
        shown = {record.name, *record.aliases}
        written = {unidecode(name) for name in shown} - shown - {""}
        person = record.type == "person"
        near = ({v for name in shown for v in near_spellings(name, person)}
                - {w.casefold() for w in " ".join(shown | written).split()})
        return sorted(written, key=casefold_order) + sorted(near)
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


class IndexStopped(RuntimeError):
    """The caller stopped the index before Pagefind started (``write_index``'s ``stopped``)."""


@dataclass
class IndexRun:
    seconds: float
    bytes: int  # the whole bundle: index chunks, fragments, filters, script, UI
    files: int
    log: str
    reused: bool = False  # copied back from the cache: the pages were the last build's


def pagefind_executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:
        raise IndexUnavailable("the pagefind_bin package is not installed (pip install 'pagefind[bin]')") from exc
    return Path(get_executable())


def write_index(site_dir: Path, cache_dir: Optional[Path] = None, bundle: Optional[Path] = None,
                started: Callable[[subprocess.Popen], None] = lambda process: None,
                stopped: Callable[[], bool] = lambda: False, shard_pages: int = SHARD_PAGES) -> IndexRun:
    """Run Pagefind over the built site in ``site_dir``; its bundle goes to ``bundle`` (by default
    ``site_dir/pagefind``), replacing what is there: in one shard per ``shard_pages`` pages
    (``shard_of`` shares them out), the first in ``bundle`` itself with Pagefind's scripts, the
    others in its subfolders, named in ``bundle/shards.json``. ``started`` is given each of
    Pagefind's processes in turn, so that a caller can stop it; before that, reading the pages for
    the cache's key raises ``IndexStopped`` as soon as ``stopped()`` says so (a second at 1,000
    articles, which the next build under ``mkdocs serve`` would otherwise wait for).

    With ``cache_dir``, the bundle is kept there under a key of every HTML page's path and bytes
    (and Pagefind's command): a build whose pages are the same as the last one's copies the last
    bundle back instead of indexing again — the index is byte-identical for the same pages
    (``sort_filters``), so nothing but the time differs."""
    bundle = bundle or site_dir / BUNDLE
    options = [*(arg for selector in EXCLUDED for arg in ("--exclude-selectors", selector)), "--quiet"]
    start = time.perf_counter()
    # Pagefind adds to a bundle it finds: a rebuild that kept the folder (mkdocs serve --dirty)
    # would keep the last index's fragments.
    shutil.rmtree(bundle, ignore_errors=True)
    pages = _pages(site_dir)
    kept = None
    if cache_dir is not None:
        kept = cache_dir / "pagefind" / _pages_key(site_dir, pages, [*options, f"shards of {shard_pages}"], stopped)
        try:
            if (kept / "pagefind-entry.json").is_file():
                shutil.copytree(kept, bundle)
                return _run(bundle, start, "", reused=True)
        except OSError:
            shutil.rmtree(bundle, ignore_errors=True)  # a cache that cannot be read: index anew
    shards = max(1, math.ceil(len(pages) / shard_pages))
    groups = [[p for p in pages if shard_of(p, shards) == number] for number in range(shards)]
    groups = [group for group in groups if group]  # a hash may leave a shard of a small site empty
    folders = [bundle] + [bundle / f"{SHARD_PREFIX}{number}" for number in range(1, len(groups))]
    logs = []
    staging = tempfile.mkdtemp(prefix=".pagefind-shards-", dir=site_dir.parent)
    try:
        for number, (group, folder) in enumerate(zip(groups, folders)):
            # A shard's pages, linked into a folder of their own at their paths in the site (so
            # that their addresses are the same), are all Pagefind sees.
            if stopped():
                raise IndexStopped("the pages are changing")  # the next shard is not worth starting
            source = site_dir if len(groups) == 1 else _stage(site_dir, Path(staging) / str(number), group, stopped)
            command = [str(pagefind_executable()), "--site", str(source), "--output-path", str(folder), *options]
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            started(process)
            log = process.communicate(timeout=3600)[0].strip()
            if process.returncode != 0:
                raise IndexUnavailable(f"pagefind exited with {process.returncode}: {log[-2000:]}")
            logs.append(log)
            sort_filters(folder)
    finally:
        if stopped():  # a rebuild has begun: the links go without holding it up
            remove_later(Path(staging))
        else:
            shutil.rmtree(staging, ignore_errors=True)
    for folder in folders[1:]:
        _keep_index_only(folder)
    (bundle / SHARDS).write_text(json.dumps([f"{f.name}/" for f in folders[1:]]), encoding="utf-8")
    if kept is not None:
        try:
            shutil.rmtree(kept.parent, ignore_errors=True)  # one bundle kept: the last build's
            partial = kept.with_name(kept.name + ".partial")
            shutil.copytree(bundle, partial)
            partial.rename(kept)  # whole or not at all
        except OSError:
            pass  # the cache's own problem is reported once, by the cache stage; the index is written
    return _run(bundle, start, "\n".join(filter(None, logs)))


def shard_of(page: str, shards: int) -> int:
    """The shard of the page at ``page`` (its path in the site): a hash of the path, so that every
    shard holds about as many pages of each kind, and of a word's matches, as any other (a query's
    time is the sum of the shards', each the square of its matches; their word statistics, and so
    the ranking, stay close to the whole site's), and a page keeps its shard from build to build."""
    return int.from_bytes(hashlib.sha256(page.encode()).digest()[:8], "big") % shards


def _stage(site_dir: Path, folder: Path, pages: list[str], stopped: Callable[[], bool] = bool) -> Path:
    for number, page in enumerate(pages):
        if number % STAGE_STEP == 0 and stopped():
            raise IndexStopped("the pages are changing")
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / page, target)  # no copy where the file system allows it
        except OSError:
            shutil.copyfile(site_dir / page, target)
    return folder


STAGE_STEP = 500  # pages linked into a shard's folder between two looks at ``stopped``


def remove_later(folder: Path) -> None:
    """``folder`` removed by a process of its own at low priority, not waited for: a stopped index
    under ``mkdocs serve`` leaves a shard's folder of links to every page (tens of thousands at
    10,000 articles), and unlinking them in Python would hold the interpreter from the rebuild
    that stopped it. Where there is no ``rm``, removed here."""
    rm = shutil.which("rm")
    if rm is not None:
        try:
            process = subprocess.Popen([rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            pass
        else:
            try:
                os.setpriority(os.PRIO_PROCESS, process.pid, 10)
            except (AttributeError, OSError):
                pass
            return
    shutil.rmtree(folder, ignore_errors=True)


def _keep_index_only(folder: Path) -> None:
    """A shard searched with the first one (Pagefind's ``mergeIndex``) is read with the first
    one's script and WebAssembly: its own copies of them, of Pagefind's UIs and styles go."""
    for path in folder.iterdir():
        if path.is_file() and path.name != "pagefind-entry.json" and path.suffix != ".pf_meta":
            path.unlink()


def _pages(site_dir: Path) -> list[str]:
    """The paths of the site's HTML pages, sorted: outside the bundle and the folders ``live``
    writes the next bundle in (``.pagefind-next``, ``.pagefind-old``)."""
    pages = (path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))
    return sorted(p for p in pages if not p.startswith((BUNDLE + "/", f".{BUNDLE}")))


def _run(bundle: Path, start: float, log: str, reused: bool = False) -> IndexRun:
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexRun(time.perf_counter() - start, sum(p.stat().st_size for p in files), len(files), log, reused)


def _pages_key(site_dir: Path, pages: list[str], options: list[str], stopped: Callable[[], bool]) -> str:
    """What the index is made of: Pagefind's version and options (not the folders; the size of a
    shard too) and every HTML page outside the bundle, by its path and bytes."""
    digest = hashlib.sha256()
    for argument in [package_version("pagefind-bin"), *options]:
        digest.update(argument.encode() + b"\0")
    for relative in pages:
        if stopped():
            raise IndexStopped("the pages are changing")
        digest.update(relative.encode() + b"\0" + hashlib.sha256((site_dir / relative).read_bytes()).digest())
    return digest.hexdigest()


# --- the same site, the same index -------------------------------------------------------------------------
#
# Pagefind 1.5.2 writes the values of each filter in the order of a hash map, which changes from run
# to run: the filter files, their names (hashes of their content), the language's meta file that
# names them and pagefind-entry.json that names the meta file then differ between two builds of one
# site. ``sort_filters`` rewrites those few files in a sorted order, so that the index is
# byte-identical, as the rest of the site is. The files are "pagefind_dcd" then CBOR, gzipped; only
# the CBOR Pagefind writes there (unsigned integers, text, arrays) is read and written.

SIGNATURE = b"pagefind_dcd"


def _cbor_read(data: bytes, at: int = 0) -> tuple[Any, int]:
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise ValueError(f"unexpected CBOR length {info} at {at - 1}")
    if major == 0:
        return n, at
    if major == 3:
        return data[at:at + n].decode("utf-8"), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = _cbor_read(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unexpected CBOR major type {major} at {at - 1}")


def _cbor_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError(n)


def _cbor_write(value: Any) -> bytes:
    if isinstance(value, int):
        return _cbor_head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    return _cbor_head(4, len(value)) + b"".join(_cbor_write(item) for item in value)


def _load(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind file")
    value, end = _cbor_read(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path.name} has trailing bytes")
    return value


def _dump(value: Any) -> tuple[bytes, str]:
    """The gzipped file (no timestamp) and the SHA-256 of its content."""
    raw = SIGNATURE + _cbor_write(value)
    return gzip.compress(raw, compresslevel=9, mtime=0), hashlib.sha256(raw).hexdigest()


def sort_filters(bundle: Path) -> None:
    """Rewrite each language's filter files with their values sorted, and the files naming them."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, about in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _load(meta_path)
        if len(meta) < 4 or not meta[3]:
            continue
        prefix = about["hash"].split("_")[0]
        named = []
        for name, old in sorted(meta[3]):
            old_path = bundle / "filter" / f"{old}.pf_filter"
            filter_name, values = _load(old_path)
            content, digest = _dump([filter_name, sorted(([value, sorted(pages)] for value, pages in values))])
            old_path.unlink()
            new = f"{prefix}_{digest[:7]}"
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(content)
            named.append([name, new])
        meta[3] = named
        content, digest = _dump(meta)
        meta_path.unlink()
        about["hash"] = f"{prefix}_{digest[:10]}"
        (bundle / f"pagefind.{about['hash']}.pf_meta").write_bytes(content)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
