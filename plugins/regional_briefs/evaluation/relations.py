"""Relations: pair an article's export relations with its relation gold, one to one.

In: the article's ``Gold`` (its names and aliases), its ``RelationGold``, the export entities by
id, and the export relations that list the article. Out: matches, misses, duplicates, spurious
and ignored relations, added to the article's ``ArticleScore``.
"""

from __future__ import annotations

from typing import Any, Optional

from .gold import Gold, GoldRelation, RelationGold, relation_label
from .matching import entity_keys, name_keys, pair_best_first
from .report import ArticleScore, RelationMatch


def score_relations(result: ArticleScore, gold: Gold, relation_gold: RelationGold,
                    entities: dict[str, dict], predicted: list[dict]) -> None:
    """Pair ``predicted`` (export relations) with ``relation_gold``; record the outcome in ``result``."""
    def side(entity_id: Any) -> tuple[str, frozenset[str]]:
        record = entities.get(str(entity_id))
        if record is None:  # a dangling id: its own text is all there is to match
            return str(entity_id), name_keys([str(entity_id)])
        return str(record.get("name") or entity_id), entity_keys(record)

    preds = []
    for relation in predicted:
        (s_name, s_keys), (o_name, o_keys) = side(relation.get("subject")), side(relation.get("object"))
        predicate = str(relation.get("predicate") or "")
        preds.append((predicate, s_keys, o_keys, relation_label(s_name, predicate, o_name),
                      bool(relation.get("allegation")), bool(relation.get("denied"))))

    def names(primary: str, alternatives: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
        return gold.keys_for(primary), frozenset().union(*(gold.keys_for(a) for a in alternatives))

    def level(keys: frozenset[str], sides: tuple[frozenset[str], frozenset[str]]) -> Optional[int]:
        """0: the export entity matches the gold name; 1: only an alternative; None: neither."""
        return 0 if keys & sides[0] else 1 if keys & sides[1] else None

    def fit(g: GoldRelation, p: tuple) -> Optional[tuple[int, int]]:
        """(used an alternative, reversed) of the best way the prediction matches, or None."""
        predicate, s_keys, o_keys = p[:3]
        if predicate != g.predicate:
            return None
        subject = names(g.subject, g.subject_alternatives)
        obj = names(g.object, g.object_alternatives)
        ways = [((level(s_keys, subject), level(o_keys, obj)), 0)]
        if g.symmetric:
            ways.append(((level(o_keys, subject), level(s_keys, obj)), 1))
        found = [(max(levels), reverse) for levels, reverse in ways if None not in levels]
        return min(found) if found else None

    required = [g for g in relation_gold.relations if not g.optional]
    optional = [g for g in relation_gold.relations if g.optional]
    candidates = []
    for g_index, g in enumerate(required):
        for p_index, p in enumerate(preds):
            how = fit(g, p)
            if how is not None:
                flags_wrong = (p[4] != g.allegation) + (p[5] != g.denied)
                candidates.append((*how, flags_wrong, g_index, p_index))

    paired_gold = pair_best_first(candidates)
    paired_pred = set(paired_gold.values())

    for g_index, g in enumerate(required):
        if g_index in paired_gold:
            p = preds[paired_gold[g_index]]
            result.relation_matches.append(RelationMatch(g, p[3], p[4], p[5]))
        else:
            result.missed_relations.append(g)
    for p_index, p in enumerate(preds):
        if p_index in paired_pred:
            continue
        if any(fit(g, p) is not None for g in optional):
            result.ignored_relations.append(p[3])
            continue
        duplicate_of = next((g for g in required if fit(g, p) is not None), None)
        if duplicate_of is not None:
            result.duplicate_relations.append((duplicate_of.label, p[3]))
        else:
            result.spurious_relations.append(p[3])
