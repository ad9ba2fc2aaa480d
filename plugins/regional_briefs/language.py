"""Language of parts (WCAG 3.1.2): a passage from an article written in another language than the
site's carries that language, so that a screen reader reads it with the right voice. No MkDocs here.

An article's language is its front matter's ``language`` (``Article.language``); the site's is the
theme's ``language``. Both are compared as BCP 47 tags, ignoring case.
"""

from __future__ import annotations

import re

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
