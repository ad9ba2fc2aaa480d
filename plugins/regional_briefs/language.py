"""Language of parts (WCAG 3.1.2): a passage from an article written in another language than the
site's carries that language, so that a screen reader reads it with the right voice. No MkDocs here.

An article's language is its front matter's ``language`` (``Article.language``); the site's is the
theme's ``language``. Both are compared as BCP 47 tags, ignoring case.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A tag as front matter gives it ("ru", "ru-RU", "uz-Cyrl"); anything else (it is untrusted) is none.
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def foreign(language: str | None, site_language: str) -> str | None:
    """The tag to mark a passage with: ``language`` when it is a valid tag other than the site's."""
    if not language or not _TAG.fullmatch(language):
        return None
    return language if language.casefold() != (site_language or "").casefold() else None


def lang_attr(language: str | None, site_language: str) -> str:
    """For an attr_list (``{: #p1 lang="ru" }``) or an HTML tag: ``lang="ru"`` with a leading space, or nothing."""
    tag = foreign(language, site_language)
    return f' lang="{tag}"' if tag else ""


def in_language(markdown: str, language: str | None, site_language: str) -> str:
    """Inline Markdown (already escaped) wrapped in ``<span lang>`` when its language is foreign."""
    tag = foreign(language, site_language)
    return f'<span lang="{tag}">{markdown}</span>' if tag else markdown


# --- which language an article is written in ------------------------------------------------------

# Letters of Cyrillic alphabets that Russian does not use, by the language that does, checked in
# this order: Tajik's and Kazakh's own first, then Kyrgyz's (whose ң, ө, ү Kazakh has too).
_OWN_LETTERS = {"tg": "ӣӯҳҷ", "kk": "әұһі", "ky": "ңөү"}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def detect(text: str) -> str:
    """The language of an article's text: ``ru`` when most of its letters are Cyrillic (``kk``,
    ``tg`` or ``ky`` when the letters only those alphabets have are common), else ``en``."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    if not letters:
        return "en"
    cyrillic = [c.casefold() for c in letters if _CYRILLIC.match(c)]
    if len(cyrillic) * 2 <= len(letters):
        return "en"
    for tag, own in _OWN_LETTERS.items():
        if sum(1 for c in cyrillic if c in own) >= max(3, len(cyrillic) // 200):
            return tag
    return "ru"


def primary(tag: str | None) -> str:
    """The primary subtag, lower case: ``ru`` of ``ru-RU``; ``en`` for a missing or invalid tag."""
    if not tag or not _TAG.fullmatch(tag):
        return "en"
    return tag.split("-")[0].casefold()


def reader(tag: str | None) -> str:
    """Which extraction reads an article in this language: ``ru`` for Russian and the other
    languages written in Cyrillic, ``en`` for the rest."""
    language = primary(tag)
    return "ru" if language in ("ru", "kk", "ky", "tg", "uk", "be") or (tag or "").endswith("-Cyrl") else "en"


# Asked of every link's label as pages are written (200,000 times at 1,000 articles), mostly of the same names.
@lru_cache(maxsize=1 << 16)
def is_cyrillic(text: str | None) -> bool:
    """Whether most of a text's letters are Cyrillic."""
    letters = [c for c in text or "" if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _CYRILLIC.match(c)) * 2 > len(letters)


def script_language(text: str | None) -> str | None:
    """``ru`` for a text mostly in Cyrillic letters (a name or title from a Russian article),
    else None: what a label's own letters say, where no article tells its language."""
    return "ru" if is_cyrillic(text) else None


def in_script_language(markdown: str, plain: str | None, site_language: str) -> str:
    """``in_language`` with the language ``script_language`` reads from the plain text."""
    return in_language(markdown, script_language(plain), site_language)


def language_name(tag: str | None) -> str:
    """The English name of a language tag (``ru`` -> Russian), or the tag itself."""
    import pycountry

    code = primary(tag)
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return found.name if found is not None else (tag or "unknown")
