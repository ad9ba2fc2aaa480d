"""Events: pair an article's export events with its gold events, one to one, best first.

In: the article's ``Gold``, the export entities by id, and the export events that list the
article, each dated as the article reported it. Out: matches, misses and spurious events, added
to the article's ``ArticleScore``.
"""

from __future__ import annotations

import re

from .gold import Gold
from .matching import dates_compatible, entity_keys, match_key, pair_best_first
from .report import ArticleScore, EventMatch
from .rules import DATE_TIE_BREAK, STEM_LENGTH, WORDING_THRESHOLD

_STOPWORDS = frozenset("""
a an and are as at be been being by for from had has have he her his in into is it its of on
onto or over says said than that the their them they this those to up was were which while who
will with after before about against between during also some its reportedly new
""".split())


def _stems(text: str) -> frozenset[str]:
    """The content words of a text, keyed like names and cut to their first STEM_LENGTH letters."""
    words = re.findall(r"\w+", match_key(text or ""))
    return frozenset(w[:STEM_LENGTH] for w in words if w not in _STOPWORDS)


def _jaccard(a: frozenset, b: frozenset) -> float:
    """The share of the two sets' members that both hold; 0 when both are empty."""
    return len(a & b) / len(a | b) if a or b else 0.0


def score_events(result: ArticleScore, gold: Gold, entities: dict[str, dict], predicted: list[dict]) -> None:
    """Pair ``predicted`` (export events) with the gold events; record the outcome in ``result``."""
    # A country that acts is listed among both actors and places (ANNOTATION.md): count it once.
    gold_sides = [
        (list(dict.fromkeys(gold.keys_for(n) for n in (*event.actors, *event.places))), _stems(event.summary))
        for event in gold.events
    ]
    candidates = []
    for p_index, event in enumerate(predicted):
        ids = [str(i) for i in (*(event.get("actors") or ()), *(event.get("places") or ()))]
        pred_keys = [entity_keys(entities[i]) for i in ids if i in entities]
        all_pred_keys = frozenset().union(*pred_keys)
        pred_stems = _stems(str(event.get("title") or ""))
        for g_index, (gold_event, (participants, stems)) in enumerate(zip(gold.events, gold_sides)):
            shared = sum(1 for keys in participants if keys & all_pred_keys)
            union = len(participants) + len(pred_keys) - shared
            overlap = shared / union if union else 0.0
            wording = _jaccard(pred_stems, stems)
            same_type = str(event.get("type") or "") == gold_event.type
            signals = (shared > 0) + same_type + (wording >= WORDING_THRESHOLD)
            if signals < 2:
                continue
            same_date = dates_compatible(event.get("date"), gold_event.date)
            closeness = overlap + wording + DATE_TIE_BREAK * same_date
            candidates.append((-signals, -closeness, g_index, p_index))

    paired_gold = pair_best_first(candidates)
    paired_pred = set(paired_gold.values())

    for g_index, gold_event in enumerate(gold.events):
        if g_index in paired_gold:
            event = predicted[paired_gold[g_index]]
            result.event_matches.append(EventMatch(
                gold_event, str(event.get("title") or ""), event.get("date"), str(event.get("type") or "")))
        else:
            result.missed_events.append(gold_event)
    for p_index, event in enumerate(predicted):
        if p_index not in paired_pred:
            result.spurious_events.append((event.get("date"), str(event.get("title") or event.get("id"))))
