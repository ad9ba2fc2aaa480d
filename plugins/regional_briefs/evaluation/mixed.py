"""Merging across scripts: a Russian article and an English one about the same events, built into
one site, should give each actor and place they share one page.

In: the export of a site built from the pairs' articles, and the pairs (Russian gold, English gold).
Out: a ``MixedScore``: of the entity pairs the two golds share (a Russian gold entity and an English
one whose names or aliases meet, the Russian gold listing the English spelling among its aliases),
how many the site found on both sides and put on one page; and how many pages joined a Russian
and an English gold entity that are not the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from .gold import Gold, GoldEntity
from .matching import entity_keys
from .report import Ratio


@dataclass
class MixedScore:
    pairs: int = 0  # article pairs scored
    shared: int = 0  # entity pairs the golds share
    found: int = 0  # of those, found by the site in both articles
    merged: int = 0  # of those, on one page
    wrong: int = 0  # pages joining two gold entities that are not one
    missed: list[str] = field(default_factory=list)  # "Russian name / English name" not merged
    wrongly: list[str] = field(default_factory=list)

    @property
    def merged_share(self) -> Ratio:
        return Ratio(self.merged, self.found)

    @property
    def wrong_share(self) -> Ratio:
        return Ratio(self.wrong, self.merged + self.wrong)


@dataclass(frozen=True)
class MixedSet:
    """One half's pairs, as the quality page shows them."""

    label: str
    score: MixedScore
    show_misses: bool = True  # False for the held-back half
    note: str = ""


def score_pairs(export: dict, pairs: Sequence[tuple[Gold, Gold]]) -> MixedScore:
    by_source: dict[str, set[str]] = {}
    for article in export.get("articles") or ():
        by_source.setdefault(Path(str(article.get("source") or "")).name, set()).add(str(article.get("id")))
    entities = [e for e in export.get("entities") or ()]
    result = MixedScore()
    for russian, english in pairs:
        ru_ids, en_ids = by_source.get(russian.article, set()), by_source.get(english.article, set())
        if not ru_ids or not en_ids:
            continue
        result.pairs += 1
        ru_pages = {g.name: _page(g, entities, ru_ids) for g in russian.entities}
        en_pages = {g.name: _page(g, entities, en_ids) for g in english.entities}
        for ru in russian.entities:
            for en in english.entities:
                same = bool(ru.keys & en.keys)
                ru_page, en_page = ru_pages[ru.name], en_pages[en.name]
                if same:
                    result.shared += 1
                    if ru_page is not None and en_page is not None:
                        result.found += 1
                        if ru_page == en_page:
                            result.merged += 1
                        else:
                            result.missed.append(f"{ru.name} / {en.name}")
                elif ru_page is not None and ru_page == en_page and not _same_elsewhere(ru, en, russian, english):
                    result.wrong += 1
                    result.wrongly.append(f"{ru.name} / {en.name}")
    return result


def _page(gold: GoldEntity, entities: list[dict], article_ids: set[str]) -> Optional[str]:
    """The id of the export entity of that article that matches the gold entity, if any (the one
    whose name matches first, then an alias)."""
    listing = [e for e in entities if article_ids & {str(a) for a in e.get("articles") or ()}]
    named = [e for e in listing if entity_keys({"name": e.get("name")}) & gold.keys]
    aliased = [e for e in listing if entity_keys(e) & gold.keys]
    chosen = (named or aliased)[:1]
    return str(chosen[0]["id"]) if chosen else None


def _same_elsewhere(ru: GoldEntity, en: GoldEntity, russian: Gold, english: Gold) -> bool:
    """Whether the two golds make the two entities one through a third (a country and its
    government filed apart in one gold): then one page for both is no error."""
    return any(other.keys & ru.keys and other.keys & en.keys for other in (*russian.entities, *english.entities)
               if other is not ru and other is not en)
