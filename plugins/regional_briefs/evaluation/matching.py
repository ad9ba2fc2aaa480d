"""What the scorers share: the key two spellings of one name have in common, whether two dates
agree, and the one-to-one pairing of gold items with predictions."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Optional

from ..model import PartialDate

# The evaluator keeps its own key rather than the pipeline's: the yardstick must not move when
# the extractor's matching changes.
_ASCII = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u02bb\u02bc\u2032`\u00b4"}
_ASCII.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb"})
_ASCII.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
# Latin letters that NFKD leaves whole.
_ASCII.update({ord("ı"): "i", ord("ł"): "l", ord("ø"): "o", ord("đ"): "d", ord("ħ"): "h",
               ord("æ"): "ae", ord("œ"): "oe"})
_EDGE_PUNCT = " \"'.,;:!?()[]{}"


def match_key(name: str) -> str:
    """The form two spellings of one name share under the evaluation rules."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.casefold().translate(_ASCII).split()).strip(_EDGE_PUNCT)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"(?<=\w)'s$", "", text)
    return text.strip(_EDGE_PUNCT)


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """The non-empty ``match_key`` of each name."""
    return frozenset(k for k in (match_key(n) for n in names if n) if k)


def entity_keys(entity: dict) -> frozenset[str]:
    """The keys of an export entity's name and aliases."""
    return name_keys([str(entity.get("name") or ""), *map(str, entity.get("aliases") or ())])


def dates_agree(predicted: Optional[str], gold: Optional[str]) -> bool:
    """Is the export date right for the gold date? A year-less gold date fits any year."""
    want, got = PartialDate.parse(gold), PartialDate.parse(predicted)
    if want is None or got is None:
        return False
    if want.year is None:
        return (got.month, got.day) == (want.month, want.day)
    return (got.year, got.month, got.day) == (want.year, want.month, want.day)


def dates_compatible(predicted: Optional[str], gold: Optional[str]) -> bool:
    """Do the two dates agree on every part both of them state?"""
    want, got = PartialDate.parse(gold), PartialDate.parse(predicted)
    if want is None or got is None:
        return False
    parts = zip((want.year, want.month, want.day), (got.year, got.month, got.day))
    return all(a == b for a, b in parts if a is not None and b is not None)


def pair_best_first(candidates: Iterable[tuple]) -> dict[int, int]:
    """Gold index to prediction index, one to one. Each candidate is a tuple that sorts best
    first and ends with (gold index, prediction index); a side already paired is skipped."""
    paired: dict[int, int] = {}
    taken: set[int] = set()
    for *_, g_index, p_index in sorted(candidates):
        if g_index not in paired and p_index not in taken:
            paired[g_index] = p_index
            taken.add(p_index)
    return paired
