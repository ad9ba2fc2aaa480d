"""Ingest: a seed file's bytes in, a ``RawDocument`` (text blocks and metadata) out.

Seeds are untrusted. Anything that stops a file from being read raises ``SeedError`` with the
reason; anything read with a caveat (a legacy encoding, broken front matter) is reported in
``RawDocument.warnings`` and the file is still read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from ..knowledge import safe_yaml
from ..knowledge.project_files import without_bidi
from ..model import PartialDate

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
FRONT_MATTER_KEYS = {"title", "published", "date", "source", "url", "language", "author", "tags"}
DEFAULT_MAX_BYTES = 2_000_000
# The tags YAML gives plain values; any other (``!!python/object``, ``!include``) is refused unread.
PLAIN_YAML_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
# Control characters are never text; Python-Markdown also uses \x02/\x03 as its own placeholders.
# Bidirectional embeddings, overrides and isolates reorder what a reader sees; never kept either.
_C0_C1 = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_C0_C1}\u202a-\u202e\u2066-\u2069]")
_NAME_CONTROL = re.compile(f"[{_C0_C1}]")


class SeedError(Exception):
    """A seed that cannot become an article; the message is the reason."""


@dataclass
class RawDocument:
    """A seed's text as blocks (candidate paragraphs) with what the file says about itself."""

    source: str
    format: str  # text | markdown | html
    blocks: list[str]
    headings: set[int] = field(default_factory=set)  # indexes of blocks marked as headings
    title: Optional[str] = None
    published: Optional[PartialDate] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    language: Optional[str] = None
    digest: str = ""
    warnings: list[str] = field(default_factory=list)


def read_seed(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one seed file; raise ``SeedError`` when it cannot be an article."""
    suffix = path.suffix.lower()
    name = source_name(path.name)
    if _NAME_CONTROL.search(path.name) or re.search(r"[\t\n\r\u2028\u2029]", path.name):
        # Such a name is never an article's, and would break the lines of a page or a log.
        raise SeedError("the file name holds line breaks or control characters; rename the file")
    if suffix not in SUFFIXES:
        raise SeedError(f"unknown file type '{suffix or path.name}' (expected .txt, .md or .html)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SeedError(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise SeedError(f"file is {len(data):,} bytes, over the limit of {max_bytes:,}")
    text, warnings = decode(data)
    if not text.strip():
        raise SeedError("file is empty")
    digest = hashlib.sha256(_normalise_for_digest(text).encode("utf-8")).hexdigest()
    if suffix in MARKDOWN_SUFFIXES:
        doc = _read_markdown(name, text)
    elif suffix in HTML_SUFFIXES:
        doc = _read_html(name, text)
    else:
        doc = RawDocument(name, "text", text_blocks(text))
    doc.digest = digest
    doc.warnings = warnings + doc.warnings
    if not any(b.strip() for b in doc.blocks):
        raise SeedError("no text left after reading the file")
    return doc


def source_name(file_name: str) -> str:
    """A seed's file name as the site shows it: without bidirectional controls, which would show
    it reordered ("Report\u202etxt.html" as "Reportlmth.txt"). Curation keys are read the same way."""
    return without_bidi(file_name)


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer detects; control
    characters removed."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SeedError("binary file (contains NUL bytes)")
    try:
        text, warnings = data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise SeedError("not text in any encoding that could be detected") from None
        text, warnings = str(best), [f"not UTF-8; decoded as {best.encoding}"]
    if _control_share(text) > 0.05:
        raise SeedError("binary file (mostly control characters)")
    return _CONTROL.sub("", text), warnings


def text_blocks(text: str) -> list[str]:
    """Split plain text into blocks (candidate paragraphs).

    Copied web text puts one paragraph on a line; hard-wrapped text (e-mail, wire copy) breaks
    paragraphs mid-sentence and separates them by blank lines. A run of lines between blank lines
    is read as wrapped when many of its lines continue a sentence (start lower-case after a line
    without final punctuation); otherwise each line stands alone, save a lone continuation.
    """
    lines = [" ".join(raw.split()) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    runs: list[list[str]] = [[]]
    for line in lines:
        if line:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    blocks: list[str] = []
    for run in runs:
        if not run:
            continue
        joins = sum(_continues(a, b) for a, b in zip(run, run[1:]))
        open_ends = sum(not re.search(r"[.!?:\"”’)]$", a) for a in run[:-1])
        if len(run) >= 3 and joins >= 0.4 * (len(run) - 1) and open_ends >= 0.6 * (len(run) - 1):
            blocks.append(" ".join(run))
            continue
        for line in run:
            if blocks and line is not run[0] and _continues(blocks[-1], line):
                blocks[-1] = f"{blocks[-1]} {line}"
            else:
                blocks.append(line)
    return blocks


def _continues(previous: str, line: str) -> bool:
    """A line that starts lower-case after one that stops mid-sentence was hard-wrapped."""
    return (line[0].islower() or line[0] in ",;)") and not re.search(r"[.!?:\"”’)]$", previous)


def _read_markdown(name: str, text: str) -> RawDocument:
    meta: dict[str, Any] = {}
    warnings: list[str] = []
    match = re.match(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", text, re.S)
    if match:
        text = text[match.end():]
        meta, warnings = front_matter(match.group(1) or "")
    blocks: list[str] = []
    headings: set[int] = set()
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        lines = [ln.strip() for ln in chunk.strip().split("\n") if ln.strip()]
        if not lines:
            continue
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*$", lines[0])
        if heading and len(lines) == 1:
            headings.add(len(blocks))
            blocks.append(markdown_to_text(heading.group(1)))
            continue
        if all(re.match(r"^([-*+]|\d+[.)])\s+", ln) for ln in lines):
            blocks.extend(markdown_to_text(re.sub(r"^([-*+]|\d+[.)])\s+", "", ln)) for ln in lines)
            continue
        blocks.append(markdown_to_text(" ".join(re.sub(r"^>\s?", "", ln) for ln in lines)))
    doc = RawDocument(name, "markdown", [b for b in blocks if b], headings)
    doc.warnings = warnings
    doc.title = _string(meta.get("title"))
    doc.url = web_address(meta.get("url"), warnings)
    doc.outlet = _string(meta.get("source"))
    doc.language = _string(meta.get("language"))
    raw_date = meta.get("published", meta.get("date"))
    if raw_date is not None:
        doc.published = as_partial_date(raw_date)
        if doc.published is None:
            warnings.append(f"published date '{raw_date}' is not a possible date; the article is undated")
    return doc


def front_matter(block: str) -> tuple[dict[str, Any], list[str]]:
    """Front matter YAML in, its known keys with their values as written (strings) out, with warnings.

    The YAML is composed, never constructed: no tag can create an object and no impossible date
    (``2025-02-30``) can raise; dates stay strings for ``as_partial_date``. Line numbers are the
    seed file's (the front matter starts on line 2).
    """
    try:
        root = safe_yaml.compose(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or ""
        reason = f" ({problem})" if problem else ""
        return {}, [f"front matter is not valid YAML{where}{reason}; the article is read without it"]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, ["front matter is not a mapping of keys to values; ignored"]
    meta: dict[str, Any] = {}
    warnings: list[str] = []
    for key_node, node in root.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "(not a name)"
        line = key_node.start_mark.line + 2
        if key not in FRONT_MATTER_KEYS:
            warnings.append(f"front matter key '{key}' at line {line} is not one of {sorted(FRONT_MATTER_KEYS)}; ignored")
            continue
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        tag = next((n.tag for n in [node, *items] if n.tag not in PLAIN_YAML_TAGS), None)
        if tag is not None:
            warnings.append(f"front matter '{key}' at line {line} has the YAML tag '{tag}', which is not allowed; ignored")
        elif isinstance(node, yaml.ScalarNode):
            meta[key] = None if node.tag.endswith(":null") else str(node.value)
        elif key == "tags" and isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in items):
            meta[key] = [str(n.value) for n in items]
        else:
            warnings.append(f"front matter '{key}' at line {line} must be a single value; ignored")
    return meta, warnings


def web_address(value: Any, warnings: list[str]) -> Optional[str]:
    """An http(s) URL, or None with a warning: a ``javascript:`` or ``data:`` address is never kept."""
    url = _string(value)
    if url is None or re.match(r"https?://[^\s/?#]+", url, re.I):
        return url
    warnings.append(f"url '{url[:80]}' is not a web address (http or https); ignored")
    return None


def markdown_to_text(text: str) -> str:
    """The reader-visible text of a Markdown line: links keep their words, markers go."""
    # A link's target may hold one level of brackets: [x](javascript:alert(1)).
    text = re.sub(r"!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\((?:[^()]|\([^()]*\))*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    return " ".join(text.split())


def _read_html(name: str, text: str) -> RawDocument:
    import trafilatura

    result = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, deduplicate=False,
    )
    if result is None:
        raise SeedError("no article text found in the HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    body = data.get("text") or ""
    doc = RawDocument(name, "html", text_blocks(body))
    doc.title = _string(data.get("title"))
    doc.url = web_address(data.get("url"), doc.warnings)
    doc.outlet = _string(data.get("sitename"))
    doc.language = _string(data.get("language"))
    if data.get("date"):
        doc.published = as_partial_date(data["date"])
    return doc


def as_partial_date(value: Any) -> Optional[PartialDate]:
    """A front matter or metadata date (YAML date, ISO string, partial ISO) as a PartialDate."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int):
        return PartialDate.parse(str(value))
    if isinstance(value, str):
        return PartialDate.parse(value.strip()[:10])
    return None


def _string(value: Any) -> Optional[str]:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / len(sample)


def _normalise_for_digest(text: str) -> str:
    """Two saves of one article differ in whitespace and line endings, not in words."""
    return " ".join(text.split())
