"""Cyrillic names in Latin letters, as the common systems write them, and the key a name shares
with its spellings in the other script.

``romanizations`` gives a Cyrillic name as Wikipedia's system, BGN/PCGN, the passport system
(ICAO Doc 9303) and the Uzbek Latin-based one write it (iuliia): «Кош-Тепа» -> Kosh-Tepa, Qosh-Tepa
is not among them, which is why the gazetteer keeps both. ``skeleton`` is what those spellings and
the English press's share: the consonants, with the sounds the systems write differently brought
to one letter (kh/x/h, zh/j/dzh, q/k), so that «Эмомали Рахмон» (Emomali Rakhmon) and Emomali
Rahmon, «Жапаров» (Zhaparov) and Japarov, Berdymukhamedov and Berdimuhamedov meet. ``vowels``
keeps what tells apart names that share their consonants (Марат and Murat, Азиза and Aziz).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ...language import is_cyrillic

SCHEMAS = ("WIKIPEDIA", "BGN_PCGN", "ICAO_DOC_9303", "UZ")


@lru_cache(maxsize=20_000)
def romanizations(name: str) -> tuple[str, ...]:
    """The name in each system, without repeats; the name itself when it is not Cyrillic."""
    if not is_cyrillic(name):
        return (name,)
    import iuliia

    out: list[str] = []
    for schema in SCHEMAS:
        latin = getattr(iuliia, schema).translate(name)
        if latin not in out:
            out.append(latin)
    return tuple(out)


# Sounds the systems and the press write differently, to one letter each (applied in order).
_FOLDS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("x", "h"), ("q", "k"), ("ck", "k"),
          ("ph", "f"), ("w", "v"), ("gh", "g"), ("ts", "c"), ("ch", "c"), ("sh", "s"))


def skeleton(name: str) -> str:
    """The consonants of a Latin spelling, folded as ``_FOLDS`` says, doubled letters once; words
    kept apart by a space (hyphens are spaces)."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if c.isascii() and (c.isalpha() or c in " -"))
    for old, new in _FOLDS:
        text = text.replace(old, new)
    words = []
    for word in re.split(r"[\s-]+", text):
        consonants = re.sub(r"[aeiouy']", "", word)
        consonants = re.sub(r"(.)\1+", r"\1", consonants)
        if consonants:
            words.append(consonants)
    return " ".join(words)


@lru_cache(maxsize=20_000)
def skeletons(name: str) -> frozenset[str]:
    """The skeletons of a name's spellings (every romanization of a Cyrillic one)."""
    return frozenset(s for s in (skeleton(latin) for latin in romanizations(name)) if s)


# Vowels as the systems and the press write them differently, to one letter each (applied in order):
# «ё» is yo or o, «е» ye or e, «ы» y, «и» i; English spellings write e for i and y for i.
_VOWEL_FOLDS = (("yo", "o"), ("yu", "u"), ("ya", "a"), ("ye", "e"), ("ie", "e"), ("e", "i"), ("y", "i"))


def vowels(name: str) -> str:
    """Each word's vowels, folded as ``_VOWEL_FOLDS`` says and doubled ones once, and whether it
    ends in a vowel («Азиза» is not Aziz, «Марат» not Murat): words kept apart by a space."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if c.isascii() and (c.isalpha() or c in " -"))
    out = []
    for word in re.split(r"[\s-]+", text):
        if not word:
            continue
        final = word[-1] in "aeiouy"
        for old, new in _VOWEL_FOLDS:
            word = word.replace(old, new)
        sounds = re.sub(r"(.)\1+", r"\1", re.sub(r"[^aiou]", "", word))
        out.append(sounds + ("." if final else ""))
    return " ".join(out)


# Every name and alias of the site is asked for at each build: the cache holds them all at tens of
# thousands of articles, so that a server's rebuild finds them there (a smaller one, scanned
# in order, would keep none).
@lru_cache(maxsize=2 ** 17)
def spellings(name: str) -> frozenset[tuple[str, str]]:
    """(consonants, vowels) of a name's spellings (every romanization of a Cyrillic one): two names
    are spelled alike when they share one."""
    return frozenset((skeleton(latin), vowels(latin)) for latin in romanizations(name) if skeleton(latin))
