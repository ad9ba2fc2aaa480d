"""Raw HTML for the machine-made parts of pages: link lists, quotes, pagers. No MkDocs here.

Python-Markdown passes a block of HTML that starts a line through as it is, without the inline
processing that cost most of a build on link-heavy pages. What goes in is inline HTML whose text
is already escaped (``md_text`` writes entities, which HTML reads too); prose stays Markdown.
"""

from __future__ import annotations

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


def blockquote(text: str, source: str) -> list[str]:
    """A quotation and, under it, where it comes from."""
    return ["<blockquote>", f"<p>{text}</p>", f"<p>— {source}</p>", "</blockquote>", ""]


def strong(text: str) -> str:
    return f"<strong>{text}</strong>"
