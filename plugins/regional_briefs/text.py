"""Small text helpers shared by the stages: name keys, scripts, slugs."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from slugify import slugify as _slugify
from unidecode import unidecode

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u02bc\u2032`"), "'")
_QUOTES.update(dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u00ab\u00bb"), '"'))


def plain(text: str) -> str:
    """NFC text with typographic dashes and quotes folded to ASCII ones."""
    return unicodedata.normalize("NFC", text).translate(_DASHES).translate(_QUOTES)


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_SEPARATORS = re.compile(r"[\s\-–—‐‑_/]+")


# Cached: site-wide resolution asks for the keys of the same few thousand names again and again
# (380,000 calls at 10,000 articles, half of resolving), and the gazetteer for every surface.
@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The key two spellings of one name share, and the form the gazetteer looks a surface up by:
    "the Taliban's" -> "taliban". Folds case and diacritics (unidecode), strips a leading "the "
    and a trailing possessive, makes hyphens, dashes, slashes and spaces equal, and drops
    apostrophes and full stops ("U.S." = "US")."""
    text = unicodedata.normalize("NFKC", str(name)).strip()
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text) if len(text) > 3 else text
    text = unidecode(text).lower()
    text = _SEPARATORS.sub(" ", text)
    text = _NOT_WORD.sub("", text)
    return " ".join(text.split())


def bare_name(surface: str) -> str:
    """A surface without a leading "the " and a trailing possessive, its case and letters kept."""
    text = _LEADING_THE.sub("", str(surface).strip())
    return _POSSESSIVE.sub("", text) if len(text) > 3 else text


def latin_share(text: str) -> float:
    """Share of letters in ``text`` that are Latin (1.0 for text without letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def slug(text: str, max_length: int = 60) -> str:
    """An ASCII slug safe as one path segment; never empty, never a dot-name or device name.

    Names that transliterate to nothing (or collide after transliteration) are told apart by a
    short hash of the original, so the slug is stable across builds.
    """
    base = _slugify(text, max_length=max_length, word_boundary=True, lowercase=True) or ""
    if not base or base in _RESERVED or not re.search(r"[a-z0-9]", base):
        base = (base + "-" if base else "x-") + short_hash(text)
    return base


def short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


# Names Windows (every COMn and LPTn too) and some web servers treat specially as path segments.
_RESERVED = {
    "con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10)),
    "index", "search", "assets", "export", "404",
}


def casefold_order(text: str) -> tuple[str, str]:
    """A sort key that ignores case but still orders names differing only in case (``ТАШКЕНТ``, ``Ташкент``)
    the same way in every run: ``sorted(set_of_names, key=str.casefold)`` would keep the set's order."""
    return text.casefold(), text
