"""Raw HTML for the machine-made parts of pages: link lists, quotes, pagers, an article's
paragraphs (escaped text and links). No MkDocs here.

Python-Markdown passes a block of HTML that starts a line through as it is, without the inline
processing that cost most of a build on link-heavy pages. What goes in is inline HTML whose text
is already escaped (``md_text`` writes entities, which HTML reads too); headings (which the table
of contents lists) and short lines stay Markdown. ``set_aside`` takes the blocks out of a page's
Markdown altogether for the MkDocs build, and ``put_back`` sets them into the converted page.
"""

from __future__ import annotations

import re
from typing import Iterable


def bullets(items: Iterable[str], attrs: str = "") -> list[str]:
    """A ``<ul>`` of ``items`` as lines of a page, with the blank line that ends a raw HTML block;
    nothing for no items. ``attrs``: e.g. ``' class="x"'``."""
    items = list(items)
    if not items:
        return []
    return [f"<ul{attrs}>", *(f"<li>{item}</li>" for item in items), "</ul>", ""]


def paragraph(inline: str, attrs: str = "") -> list[str]:
    return [f"<p{attrs}>{inline}</p>", ""]


def blockquote(text: str, source: str, attrs: str = "") -> list[str]:
    """A quotation and, under it, where it comes from."""
    return [f"<blockquote{attrs}>", f"<p>{text}</p>", f"<p>— {source}</p>", "</blockquote>", ""]


def strong(text: str) -> str:
    return f"<strong>{text}</strong>"


# --- set aside: raw HTML blocks kept out of Markdown altogether ---------------------------------

# Blocks that Python-Markdown passes through as they are: a line that opens one of these tags after
# a blank line, up to the next blank line, closing the same tag. Even passed through, each costs
# two HTML parses (md_in_html's and MkDocs' anchor scan), most of a link-heavy page's build.
_RAW_BLOCK = re.compile(r"<(ul|ol|div|p|blockquote|table)[\s>]")
_PLACEHOLDER = re.compile(r"<!--rb-html-(\d+)-->")
_ID = re.compile(r'\sid="([^"]*)"')
# A tag whose content md_in_html converts (``<div markdown>``): the blocks inside it are its to parse.
_MARKDOWN_IN_HTML = re.compile(r"<[A-Za-z][^<>]*\smarkdown[\s=>]")


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The page's raw HTML blocks replaced by placeholders (HTML comments, which Markdown passes
    through), and the blocks, for ``put_back`` to set into the converted HTML.

    For generated pages only: their text from seeds is escaped (``md_text``), so no ``<`` of theirs
    opens a block or a placeholder, and they hold no code blocks. A page with a ``markdown``
    section of md_in_html (the map's) is left whole.
    """
    if _MARKDOWN_IN_HTML.search(markdown):
        return markdown, []
    body = markdown.rstrip("\n")
    kept: list[str] = []
    blocks: list[str] = []
    after_block = False  # blocks in a row share one placeholder
    for chunk in body.split("\n\n"):
        opened = _RAW_BLOCK.match(chunk)
        if opened and chunk.endswith(f"</{opened.group(1)}>"):
            if after_block:
                blocks[-1] += "\n\n" + chunk
            else:
                kept.append(f"<!--rb-html-{len(blocks)}-->")
                blocks.append(chunk)
            after_block = True
        elif not (chunk == "" and after_block):
            kept.append(chunk)
            after_block = False
    return "\n\n".join(kept) + markdown[len(body):], blocks


def put_back(html: str, blocks: list[str]) -> tuple[str, int]:
    """The HTML with each placeholder of ``set_aside`` replaced by its block, and how many blocks
    found no placeholder (a plugin that rewrote the page's Markdown may have dropped some)."""
    used: set[int] = set()

    def block(match: re.Match) -> str:
        number = int(match.group(1))
        if number >= len(blocks):
            return match.group(0)
        used.add(number)
        return blocks[number]

    return _PLACEHOLDER.sub(block, html), len(blocks) - len(used)


def block_ids(blocks: list[str]) -> set[str]:
    """The ids the blocks give their elements: anchors a link may point at."""
    return {match.group(1) for block in blocks for match in _ID.finditer(block)}
