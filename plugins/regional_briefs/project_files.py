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


def refusal(path: Path, project: Path) -> Optional[str]:
    """Why ``path`` may not be read as a project file, or None when it may.

    ``project`` is the project folder; the reason is written to follow the file's name in a warning.
    """
    try:
        real = path.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 reports a loop this way
        return "is a symbolic link that loops; not read"
    except OSError as exc:
        if path.is_symlink():
            return "is a symbolic link to nothing; not read"
        return f"cannot be read ({exc.strerror or exc})"
    if not _inside(real, project):
        what = "a symbolic link" if path.is_symlink() or path.parent.resolve() != path.parent.absolute() else "a file"
        return f"is {what} to a file outside the project ({project}); not read"
    return None


def listing(folder: Path, project: Path, suffixes: Optional[set[str]] = None) -> tuple[list[Path], list[str]]:
    """The readable files directly in ``folder`` (sorted, hidden ones skipped) and, for every entry
    refused, ``(name, reason)`` as text. Sub-folders are not entered; a missing folder is empty."""
    problems: list[str] = []
    if not folder.exists() and not folder.is_symlink():
        return [], problems
    reason = _folder_refusal(folder, project)
    if reason:
        return [], [f"{folder.name}/ {reason}"]
    files: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or (suffixes is not None and entry.suffix.lower() not in suffixes):
            continue
        if entry.is_dir() and not entry.is_symlink():
            continue
        reason = refusal(entry, project)
        if reason is None and not entry.is_file():
            reason = "is a folder, not a file; not read" if entry.is_dir() else "is not a regular file; not read"
        if reason:
            problems.append(f"{entry.name} {reason}")
            continue
        files.append(entry)
    return files, problems


def _folder_refusal(folder: Path, project: Path) -> Optional[str]:
    try:
        real = folder.resolve(strict=True)
    except RuntimeError:
        return "is a symbolic link that loops; not read"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not real.is_dir():
        return "is not a folder; not read"
    if not _inside(real, project):
        return f"is a symbolic link to a folder outside the project ({project}); not read"
    return None


def _inside(real: Path, project: Path) -> bool:
    root = project.resolve()
    return real == root or root in real.parents


def project_root(configured: Optional[Path], seeds_dir: Path) -> Path:
    """The project folder: as configured (the folder of ``mkdocs.yml``), else the seed folder's parent."""
    return Path(os.path.abspath(configured if configured is not None else seeds_dir.parent))
