"""Untrusted text (from seeds and curation) made inert in Markdown and in HTML attributes."""

from __future__ import annotations

import html

_MD_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~<>&\"'$%=:@^"})


def md_text(text: str) -> str:
    """Untrusted text as inert Markdown: every character Markdown or HTML could act on is an entity."""
    return text.replace("\n", " ").translate(_MD_SPECIAL)


def attr_text(text: str) -> str:
    return html.escape(text, quote=True)
