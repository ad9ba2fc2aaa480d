"""Score an export against gold, article by article, one kind of thing after another.

In: the export (``graph.json`` as a dict, ``load_export``), ``Gold`` records and optionally
``RelationGold`` records. Out: a ``Report``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional, Sequence

from ..text import casefold_order
from .entities import score_entities
from .events import score_events
from .gold import Gold, RelationGold
from .quotes import score_quotes
from .relations import score_relations
from .report import ArticleScore, Report


def load_export(path: str | Path) -> dict:
    """Read ``graph.json``; raise ValueError naming the file when it is not a JSON object."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object with articles, entities and events")
    return data


def score(export: dict, golds: Sequence[Gold],
          relation_golds: Optional[Iterable[RelationGold]] = None) -> Report:
    """Score the export (``graph.json`` as a dict) against each gold, article by article.

    With ``relation_golds`` (from ``load_relation_gold``), also score the export's relations for
    each gold article that has a relation gold file; without, the report has no relation figures.
    """
    sources: dict[str, set[str]] = {}
    for article in export.get("articles") or ():
        source = Path(str(article.get("source") or "")).name
        sources.setdefault(source, set()).add(str(article.get("id")))
    entities = {str(e.get("id")): e for e in export.get("entities") or ()}
    quotes_scored = "quotes" in export and export["quotes"] is not None
    relation_gold = {r.article: r for r in relation_golds or ()}

    articles = []
    for gold in golds:
        ids = sources.get(gold.article, set())
        result = ArticleScore(article=gold.article, in_export=bool(ids), quotes_scored=quotes_scored)
        score_entities(result, gold, _listing(entities.values(), ids))
        events = [_as_reported(e, ids) for e in _listing(export.get("events") or (), ids)]
        score_events(result, gold, entities, events)
        if quotes_scored:
            score_quotes(result, gold, entities,
                         [q for q in export["quotes"] or () if str(q.get("article")) in ids])
        if gold.article in relation_gold:
            result.relations_scored = True
            score_relations(result, gold, relation_gold[gold.article], entities,
                            _listing(export.get("relations") or (), ids))
        articles.append(result)

    gold_articles = {g.article for g in golds}
    unscored = sorted((s for s in sources if s not in gold_articles), key=casefold_order)
    return Report(
        articles=articles, unscored=unscored, quotes_scored=quotes_scored,
        relations_scored=relation_golds is not None,
        relations_in_export=export.get("relations") is not None,
        unused_relation_golds=sorted((a for a in relation_gold if a not in gold_articles), key=casefold_order),
    )


def _listing(records: Iterable[dict], article_ids: set[str]) -> list[dict]:
    """The export entities or events whose ``articles`` name one of these article ids."""
    return [r for r in records if article_ids & {str(a) for a in r.get("articles") or ()}]


def _as_reported(event: dict, article_ids: set[str]) -> dict:
    """The event with the date this article reported, where the export keeps it per source.

    One event merged from several articles takes the most precise date any of them gives
    ("2021" in one, "August 2021" in another); an article is scored on what it said itself.
    """
    for source in event.get("sources") or ():
        if str(source.get("article")) in article_ids and source.get("date"):
            return dict(event, date=source["date"])
    return event
