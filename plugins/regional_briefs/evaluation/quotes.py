"""Quotes: find each gold quote among an article's export quotes.

In: the article's ``Gold``, the export entities by id, and the article's export quotes. Out: the
gold quotes found and missed, added to the article's ``ArticleScore``.
"""

from __future__ import annotations

import re

from .gold import Gold
from .matching import entity_keys, match_key
from .report import ArticleScore


def _words(text: str) -> str:
    """A text as its words, keyed like names, one space apart."""
    return " ".join(re.findall(r"\w+", match_key(text or "")))


def score_quotes(result: ArticleScore, gold: Gold, entities: dict[str, dict], predicted: list[dict]) -> None:
    """Look for each gold quote in ``predicted`` (export quotes); record found and missed in ``result``."""
    remaining = [
        (entity_keys(entities.get(str(q.get("speaker")), {})), f" {_words(str(q.get('text') or ''))} ")
        for q in predicted
    ]
    for quote in gold.quotes:
        speaker, starts = gold.keys_for(quote.speaker), f" {_words(quote.starts)} "
        found = next(
            (i for i, (keys, text) in enumerate(remaining) if keys & speaker and starts in text), None)
        if found is None:
            result.missed_quotes.append(quote)
        else:
            del remaining[found]
            result.found_quotes.append(quote)
