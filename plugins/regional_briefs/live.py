"""Differential rebuilds: which pages a rebuild renders again and which built files it removes. No MkDocs here.

A rebuild that keeps the last build's output folder (``mkdocs serve --dirty``) renders a page
again only when something its HTML is made of changed:

- its own source: the page's text (front matter included) and the feeds its head announces,
  compared by a digest with the source the last build rendered (``page_digest``);
- or what every page shows (``site_key``): the navigation (its items, their addresses and titles)
  and the site's settings. Then every page is rendered again into an emptied folder, as in a
  clean build.

The engine still reads the pages it does not render (their front matter gives the titles the
navigation shows, and plugins that gather from every page see them all); it only skips their
conversion and templates. A file the last build wrote that this
build does not write (the page of a deleted article) is removed, with the folders it leaves
empty, so that the folder after any sequence of rebuilds is the one a clean build writes
(``tests/test_live_rebuild.py``). A build that does not finish leaves nothing to compare with:
the next one starts from an emptied folder.

Pagefind has no index to update, only one to write over the whole site (10–35 s at 1,000
articles): ``IndexJob`` writes it in a thread after the rebuild, once the browser has had a moment
to reload, and moves it into place when whole; the next rebuild stops it first.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from .render.search import BUNDLE, IndexRun, remove_later, write_index


def page_digest(*parts: str) -> str:
    """A digest of what a page is rendered from (its text, the feeds it announces)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(f"{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def site_key(settings: Iterable[str], navigation: Iterable[tuple[str, ...]]) -> str:
    """A digest of what every page shows besides its own source: the settings (the configuration
    file's bytes, the options given on the command line, the theme's own templates) and the
    navigation, one tuple per item in order (kind, depth, address, title or a digest of the
    source the title is read from)."""
    return page_digest(*settings, *("\x1f".join(item) for item in navigation))


@dataclass(frozen=True)
class Built:
    """What a finished build rendered."""

    site_key: str
    pages: dict[str, str]  # source path of each page -> page_digest of what it was rendered from
    outputs: frozenset[str]  # the files the build writes, relative to the output folder


@dataclass
class Plan:
    render: set[str]  # the pages to render (source paths)
    remove: list[str] = field(default_factory=list)  # built files of the last build this one does not write
    clean: bool = False  # empty the output folder first: nothing of the last build is kept


class LiveBuilds:
    """What one process (``mkdocs serve``) keeps from one build to the next."""

    def __init__(self) -> None:
        self.last: Optional[Built] = None  # the last finished build
        self.current: Optional[Built] = None  # the build under way, once planned

    def plan(self, site_key: str, pages: dict[str, str], always: Iterable[str], outputs: Iterable[str]) -> Plan:
        """Which of ``pages`` (source path -> page_digest) this build renders: every one when the
        site key differs from the last finished build's (or there is none), else those whose
        digest differs, the new ones and those in ``always``.
        ``outputs`` are the files this build writes (relative paths)."""
        last = self.last if self.current is None else None  # a build planned and never finished: start afresh
        self.current = Built(site_key, dict(pages), frozenset(outputs))
        if last is None or last.site_key != site_key:
            return Plan(set(pages), clean=True)
        render = {path for path, digest in pages.items() if last.pages.get(path) != digest}
        render |= set(always) & pages.keys()
        return Plan(render, sorted(last.outputs - self.current.outputs))

    def finished(self) -> None:
        """The planned build wrote every page: the next build compares with it."""
        self.last, self.current = self.current, None

    def failed(self) -> None:
        """The build stopped half way: the next one renders everything into an emptied folder."""
        self.last = self.current = None


class Collector:
    """Python's cycle collector after a server's build (``collect``), kept cheap as the site grows.

    A server keeps the last build's site and pages alive for the next build to compare with, so a
    full collection walks every one of their objects: 3.3 s after a first build at 1,000 articles
    on a loaded machine, and it holds the interpreter, so that a save meanwhile is noticed, and the
    next build starts, only after it. What survives a collection is frozen (``gc.freeze``): the
    next collections walk only what later builds made. A replaced site is freed by reference
    counting, frozen or not (it makes almost no cycles: 10 objects over two rebuilds at 1,000
    articles); so that such cycles are not kept for ever, everything is unfrozen and walked again
    once the frozen objects have grown by ``GROWTH`` since the last full collection."""

    GROWTH = 1.25

    def __init__(self) -> None:
        self.full_at: Optional[int] = None  # objects frozen after the last full collection

    @property
    def walked_all(self) -> bool:
        """Whether a full collection has run (and its survivors are frozen)."""
        return self.full_at is not None

    def collect(self) -> None:
        gc.enable()
        if self.full_at is not None:
            gc.collect()
            gc.freeze()
            if gc.get_freeze_count() <= self.full_at * self.GROWTH:
                return
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.full_at = gc.get_freeze_count()

    def release(self) -> None:
        """Every object back in the collector's reach (the server stops, or a build failed)."""
        gc.unfreeze()
        gc.enable()
        self.full_at = None


def remove_outputs(site_dir: Path, paths: Iterable[str]) -> int:
    """Deletes the built files ``paths`` (relative to ``site_dir``) and the folders they leave
    empty, up to ``site_dir``; returns how many files were there."""
    root = Path(site_dir).resolve()
    removed = 0
    for relative in paths:
        path = (root / relative).resolve()
        if root not in path.parents:
            continue  # never outside the output folder
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            continue  # a folder now stands where the file was: this build writes into it
        removed += 1
        folder = path.parent
        while folder != root:
            try:
                folder.rmdir()
            except OSError:
                break  # not empty (or already gone with the file's siblings)
            folder = folder.parent
    return removed


def empty_folder(site_dir: Path) -> None:
    """Deletes everything in ``site_dir`` and keeps the folder itself (a server may be serving it)."""
    if not os.path.isdir(site_dir):
        return
    for entry in os.scandir(site_dir):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try:
                os.unlink(entry.path)
            except FileNotFoundError:
                pass


BACKGROUND_PRIORITY = 10  # Pagefind's niceness under `mkdocs serve` (0 is the default, 19 the lowest)


def discard(folder: Path) -> None:
    """``folder`` moved out of the way at once (beside the site, under a name of its own) and
    removed without holding up the rebuild that began (``search.remove_later``)."""
    if not folder.exists():
        return
    trash = folder.parent.parent / f".{folder.parent.name}{folder.name}-{os.getpid()}-{time.monotonic_ns()}"
    try:
        os.replace(folder, trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    remove_later(trash)


class IndexJob:
    """Pagefind's index of the site in ``site_dir`` written in a thread: into a folder beside the
    bundle, then moved into its place, so that the site never serves half an index. ``done`` is
    called with the run, or with the exception that stopped it; not when the job was cancelled.
    The job starts ``delay`` seconds after ``start()``, unless cancelled meanwhile, and once the
    thread of ``after`` (the job it follows, cancelled without waiting) has ended."""

    def __init__(self, site_dir: Path, cache_dir: Optional[Path],
                 done: Callable[[Optional[IndexRun], Optional[Exception]], None], delay: float = 0.0,
                 after: Optional["IndexJob"] = None):
        self.site_dir = Path(site_dir)
        self.cache_dir = cache_dir
        self.done = done
        self.delay = delay
        self.after = after
        self.next = self.site_dir / f".{BUNDLE}-next"
        self.process: Optional[subprocess.Popen] = None
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self._run, name="pagefind", daemon=True)

    def start(self) -> "IndexJob":
        self.thread.start()
        return self

    def cancel(self, wait: bool = True) -> None:
        """Stops Pagefind: the pages are about to change. With ``wait``, waits for the thread, which
        may take seconds once Pagefind is killed (at 1,000 articles 2.0-2.7 s measured, most likely
        removing the shards' staging folders): a rebuild does not wait, it hands this job to the next as ``after``.
        A cancelled job writes nothing more into the site, and removes its unfinished bundle."""
        self.cancelled.set()
        process = self.process
        if process is not None and process.poll() is None:
            process.kill()
        if wait:
            self.thread.join()

    def _started(self, process: subprocess.Popen) -> None:
        """Pagefind yields the processor to the server and the browser: on a busy machine its
        threads would slow the reload they follow, and the next rebuild."""
        self.process = process
        try:
            os.setpriority(os.PRIO_PROCESS, process.pid, BACKGROUND_PRIORITY)
        except (AttributeError, OSError):  # not on this system, or the process has ended
            pass
        if self.cancelled.is_set():
            process.kill()

    def _run(self) -> None:
        try:
            self._index()
        finally:
            if self.after is not None:  # cancelled before it began: still, it ends after the one it follows
                self.after.thread.join()
                self.after = None
            if self.cancelled.is_set():
                discard(self.next)

    def _index(self) -> None:
        if self.cancelled.wait(self.delay):
            return
        if self.after is not None:  # it may still be writing into the same folder
            self.after.thread.join()
            self.after = None
        if self.cancelled.is_set():
            return
        try:
            run = write_index(self.site_dir, self.cache_dir, bundle=self.next, started=self._started,
                              stopped=self.cancelled.is_set)
            if self.cancelled.is_set():
                return
            bundle, old = self.site_dir / BUNDLE, self.site_dir / f".{BUNDLE}-old"
            shutil.rmtree(old, ignore_errors=True)
            if bundle.exists():
                os.replace(bundle, old)
            os.replace(self.next, bundle)
            shutil.rmtree(old, ignore_errors=True)
        except Exception as exc:  # reported, as a build reports a failed index; the site stands
            if not self.cancelled.is_set():
                self.done(None, exc)
            return
        self.done(run, None)
