"""Entities: pair an article's export entities with its gold actors and places, one to one.

In: the article's ``Gold`` and the export entities that list the article. Out: matches, misses,
split, spurious and ignored pages and noise leaks, added to the article's ``ArticleScore``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .gold import Gold
from .matching import entity_keys, match_key, name_keys, pair_best_first
from .report import ArticleScore, EntityMatch


@dataclass(frozen=True)
class _Page:
    """An export entity as one article's prediction."""

    index: int
    name: str
    kind: str
    keys: frozenset[str]
    name_key: str


def score_entities(result: ArticleScore, gold: Gold, predicted: list[dict]) -> None:
    """Pair ``predicted`` (export entities) with the gold entities; record the outcome in ``result``."""
    pages = [
        _Page(i, str(e.get("name") or e.get("id")), str(e.get("kind") or ""), entity_keys(e),
              match_key(str(e.get("name") or "")))
        for i, e in enumerate(predicted)
    ]
    candidates = []
    for g_index, entity in enumerate(gold.entities):
        gold_name = match_key(entity.name)
        for page in pages:
            if not page.keys & entity.keys:
                continue
            if page.name_key == gold_name:
                tier = 0
            elif page.name_key in entity.keys or gold_name in page.keys:
                tier = 1
            else:
                tier = 2
            candidates.append((tier, page.kind != entity.kind, g_index, page.index))

    paired_gold = pair_best_first(candidates)
    paired_page = set(paired_gold.values())

    for g_index, entity in enumerate(gold.entities):
        if g_index in paired_gold:
            page = pages[paired_gold[g_index]]
            result.entity_matches.append(EntityMatch(entity, page.name, page.kind))
        else:
            result.missed_entities.append(entity)

    optional = name_keys(gold.optional)
    noise = name_keys(gold.noise)
    for page in sorted(pages, key=lambda p: (p.name.casefold(), p.index)):
        if page.keys & noise:
            result.noise_leaks.append(page.name)
        if page.index in paired_page:
            continue
        split_of = next((e for e in gold.entities if page.keys & e.keys), None)
        if split_of is not None:
            result.split_pages.append((split_of.name, page.name))
        elif page.keys & optional:
            result.ignored_pages.append(page.name)
        else:
            result.spurious_pages.append(page.name)
