"""One Russian article through the per-article stages: the same records as the English ones."""

from __future__ import annotations

import re

from collections import defaultdict
from typing import Optional

from ...knowledge import russian_lexicon as lexicon_module
from ...knowledge.gazetteer import Gazetteer
from ...model import Article, ArticleEntity, ArticleQuote, ArticleRole, EventReport, Mention, PartialDate, Sentence
from ..clean import year_from_stamps
from ..entities import resolve_article
from . import nlp as nlp_module
from .dates import dateline, find_dates
from .events import detect_events
from .mentions import ParsedParagraph, find_mentions, lemma, word_lemma
from .names import nominative
from .quotes import read_quotes


def extract(article: Article, gazetteer: Gazetteer, nlp: Optional[nlp_module.RussianNLP] = None
            ) -> tuple[list[Mention], list[Sentence], dict[str, ArticleEntity], list[ArticleQuote], list[EventReport]]:
    """(mentions, sentences, entities, quotes, events) of a Russian article."""
    nlp = nlp or nlp_module.load()
    lexicon = lexicon_module.load()
    analyzer = nlp.analyzer
    parsed = [ParsedParagraph(p.index, p.text, nlp.parse(p.text),
                              nlp.parse(_sentence_case(p.text)) if p.heading and p.text.isupper() else None)
              for p in article.paragraphs if p.text.strip()]
    if article.published is None:
        article.published = year_from_stamps(dateline_date(article, lexicon), [*article.furniture, article.title])
    mentions, sentences = find_mentions(article, parsed, gazetteer, lexicon, analyzer)
    notices = {p.index: [m.span() for m in _NOTICE.finditer(p.text)] for p in article.paragraphs}
    # «"Талибан" (запрещено в РФ)»: the notice the law asks for names no one the story is about
    mentions = [m for m in mentions if not any(s <= m.start < e for s, e in notices.get(m.paragraph, ()))]
    spoken = {(m.paragraph, m.start): _spoken_form(m, parsed, analyzer) for m in mentions}
    roles = {(m.paragraph, m.start): m.title for m in mentions if m.title}
    for m in mentions:
        m.title = ""  # a Russian office is a role, not a title to print before the name
    entities, _ = resolve_article(article, mentions, sentences, gazetteer, language="ru")
    _nominative_aliases(entities, mentions, spoken)
    for m in mentions:
        role = roles.get((m.paragraph, m.start))
        if role and m.name in entities and role not in [r.text for r in entities[m.name].roles]:
            entities[m.name].roles.append(ArticleRole(role, m.paragraph))
    quotes = read_quotes(article, mentions, entities, lexicon, lambda word: word_lemma(word, analyzer))
    events = detect_events(article, parsed, mentions, lexicon, lambda token: lemma(token, analyzer))
    return mentions, sentences, entities, quotes, events


# A notice Russian law asks for after a name: «(запрещено в РФ)», «(ИГ, запрещено в РФ)»,
# «(организация признана террористической и запрещена в России)».
_NOTICE = re.compile(r"\((?:[^()]{0,40},\s*)?[^()]{0,40}?(?:запрещен\w*|признан\w*\s+(?:террористическ|экстремистск)\w*)[^()]{0,80}\)", re.I)
# A story that opens on its own day: «Сегодня, 14 мая, в Ошском городском суде ...».
_TODAY_OPENING = re.compile(r"^\s*Сегодня\s*,?\s+(?=\d)[^,—–-]{3,30}")


def dateline_date(article: Article, lexicon) -> Optional[PartialDate]:
    """The date of a wire dateline opening the story («МОСКВА, 7 окт — РИА Новости.»), or of a
    first sentence that says it is today («Сегодня, 9 июня, ...»): only what it states, a day and
    month."""
    for paragraph in [p for p in article.paragraphs if not p.heading and p.text.strip()][:2]:
        line = dateline(paragraph.text)
        found = find_dates(paragraph.text[:line[0]], lexicon, None) if line else []
        if found:
            return found[0].date
        today = _TODAY_OPENING.match(paragraph.text)
        found = find_dates(today.group(0), lexicon, None) if today else []
        if found and found[0].date.day is not None:
            return found[0].date
    return None


def _spoken_form(mention: Mention, parsed: list[ParsedParagraph], analyzer) -> str:
    """The nominative of the words a mention spans («Таджикистана» -> Таджикистан)."""
    para = next((p for p in parsed if p.index == mention.paragraph), None)
    if mention.type == "person" and mention.origin == "model" and mention.name:
        return mention.name  # read with what the sentence and the article say of the person (a woman's name)
    if para is None:
        return mention.text
    tokens = [t for t in para.doc.tokens if mention.start <= t.start and t.stop <= mention.end]
    return nominative(tokens, analyzer, person=mention.type == "person") if tokens else mention.text


def _nominative_aliases(entities: dict[str, ArticleEntity], mentions: list[Mention], spoken: dict) -> None:
    """An entity's other names are the nominatives the article writes, not each inflected form."""
    forms: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.origin == "rule":
            continue  # a rule names what it finds whole («Рушанский район» of «Рушанском, ... районах»)
        form = spoken.get((m.paragraph, m.start), m.text)
        if form and form != m.name:
            forms[m.name].add(form)
    for name, info in entities.items():
        info.aliases = sorted(forms.get(name, set()))





def _sentence_case(text: str) -> str:
    """«НА ГРАНИЦЕ ПРОДОЛЖАЮТСЯ БОИ» -> «На границе продолжаются бои» (same length: offsets hold)."""
    lower = text.lower()
    return lower[:1].upper() + lower[1:] if len(lower) == len(text) else text
