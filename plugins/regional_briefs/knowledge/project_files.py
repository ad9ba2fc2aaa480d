"""Which files of a project the pipeline may read: regular files whose real path is inside it.

Seeds and curation files come from contributors. A symbolic link among them could point anywhere
the builder can read (``/etc/passwd``, a CI secret), and whatever is read is published. So a file
or folder is followed only when its real path lies inside the project folder; a link that leaves
it, a link that loops and anything that is not a regular file are refused with a reason.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Optional

# Bidirectional controls (embeddings, overrides, isolates, marks) reorder how a name is shown:
# "Report\u202etxt.exe" shows as "Reportexe.txt". Never part of a file name or a title.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def without_bidi(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)


def listing(folder: Path, project: Path, suffixes: Optional[set[str]] = None) -> tuple[list[Path], list[str]]:
    """The readable files directly in ``folder`` (sorted, hidden ones skipped) and, for each entry
    refused, its name and the reason, as warning text. Sub-folders are not entered; a missing
    folder is empty."""
    if not folder.exists() and not folder.is_symlink():
        return [], []
    root = project.resolve()
    reason = _refusal(folder, root, "folder") or (None if folder.is_dir() else "is not a folder; not read")
    if reason:
        return [], [f"{folder.name}/ {reason}"]
    files: list[Path] = []
    problems: list[str] = []
    with os.scandir(folder) as entries:
        found = sorted(entries, key=lambda e: e.name)
    for item in found:
        entry = folder / item.name
        if item.name.startswith(".") or (suffixes is not None and entry.suffix.lower() not in suffixes):
            continue
        if item.is_symlink():
            # only a link can lead out of a folder inside the project: its real path is checked
            reason = _refusal(entry, root, "file")
            if reason is None and not entry.is_file():
                reason = "is a folder, not a file; not read" if entry.is_dir() else "is not a regular file; not read"
        elif item.is_dir(follow_symlinks=False):
            continue
        else:
            reason = None if item.is_file(follow_symlinks=False) else "is not a regular file; not read"
        if reason:
            problems.append(f"{item.name} {reason}")
        else:
            files.append(entry)
    return files, problems


def _refusal(path: Path, root: Path, what: str) -> Optional[str]:
    """Why ``path`` may not be read, or None; ``root`` is the project's real path. The folder is
    checked before its entries, so an entry that leads outside is always a symbolic link."""
    try:
        real = path.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 reports a loop this way
        return "is a symbolic link that loops; not read"
    except OSError as exc:
        if path.is_symlink():
            return "is a symbolic link to nothing; not read"
        return f"cannot be read ({exc.strerror or exc})"
    if real != root and root not in real.parents:
        return f"is a symbolic link to a {what} outside the project ({root}); not read"
    return None


def project_root(configured: Optional[Path], seeds_dir: Path) -> Path:
    """The project folder: as configured (the folder of ``mkdocs.yml``), else the seed folder's parent."""
    return Path(os.path.abspath(configured if configured is not None else seeds_dir.parent))
