"""Direct quotations in Russian, attributed to their speaker.

The forms Russian news uses:

- «…», — сказал он.  /  «…», — заявил министр Иванов.   (the speaker after the quotation)
- — …, — сказал он.                                         (the dash style, a paragraph of speech)
- Иванов заявил: «…»  /  По словам Иванова, «…»            (the speaker before it)
- Как заявили в Кремле, поездка отражает «…»                (a quotation inside a reported sentence)
- a paragraph that is a quotation alone: the speaker is the person the story was about just before.

A speaker is an actor the article names: the person (else the organisation) named in the words
around the quotation that are not quoted, or, for «он»/«она», the last person named before.
"""

from __future__ import annotations

import re
from typing import Optional

from ...knowledge.russian_lexicon import RussianLexicon
from ...model import Article, ArticleEntity, ArticleQuote, Mention
from . import nlp

# Prepositions whose object is not the subject of the verb of speech (not «на»: «со ссылкой на X»).
_GOVERNING_PREPOSITIONS = frozenset({"с", "со", "к", "ко", "у", "от", "для", "о", "об", "обо", "при", "перед", "за",
                                     "над", "под", "между", "без", "против"})
ATTRIBUTION_CHARACTERS = 200  # how far before a quotation its speaker is looked for
MIN_WORDS = 4  # a paragraph of fewer words in quotation marks is a name or a title...
MIN_WORDS_SAID = 2  # ...but words a verb of speech attributes are said: «Ситуация под контролем», — сказал он
# A quotation in guillemets (closed, or running to the end of the paragraph; guillemets may
# nest), in German-style or English-style marks, or in straight double quotes (which may also run
# to the end of a paragraph the page cut off).
_QUOTATION = re.compile(r"«((?:[^«»]|«[^«»]*»)*)(?:»|$)|„([^„“”]*)[“”]|“([^“”]*)”|(?<![\w\"])\"([^\"]+)(?:\"(?!\w)|$)")
_MARKS = re.compile(r"[«„“\"]")
# The attribution inside a broken quotation: «…, — заявил он. — …» (a comma or mark, a dash, the
# words, a full stop or comma, a dash).
_INSIDE = re.compile(r"[,!?…]\s*[—–‒]\s*(?P<attribution>[^—–‒«»]{3,80}?)[.,:]\s*[—–‒]\s*")
# The dash style: a paragraph opening with a dash, the speech up to ", — " or the paragraph's end.
_DASH = re.compile(r"^\s*[—–‒-]\s+(?P<speech>.+?)(?:[,!?.…]\s*[—–‒]\s+(?P<after>.*))?$", re.S)
# «…». Об этом заявил X: the sentence after the quotation says who said it.
_ABOUT_THIS = re.compile(r"^[»“”\"]?\s*[.!?…]?\s*(?:[»“”\"]\s*)?Об\s+этом\s+(?P<said>[^\W\d_]+)", re.I)
# The attribution may name an outlet in guillemets: «…», — рассказал «Примеру» житель села.
_AFTER = re.compile(r"^[»“”\"]?\s*(?:[,!?.…]\s*)?[—–‒-]\s*(?P<attribution>(?:[^«».!?]|«[^«».!?]{1,40}»){0,160}?)(?:[.!?](?:\s|$)|$)")


# «цитирует ТАСС слова министра», «приводит агентство заявление МИД»: the one whose words are cited
# comes after the noun for them.
_CITED_WORDS = re.compile(r"\b(?:цитиру\w*|процитирова\w*|привод\w*|привел\w*|привёл\w*)\b.{0,60}?"
                          r"\b(?:слова|сообщение|заявление|высказывание|комментарий|пост|запись|ответ)\b", re.I)


def read_quotes(article: Article, mentions: list[Mention], entities: dict[str, ArticleEntity],
                lexicon: RussianLexicon, lemma_of) -> list[ArticleQuote]:
    """Each quotation whose speaker is one of ``entities``.
    ``lemma_of(word)``: a word's lemma."""
    reader = _Reader(mentions, entities, lexicon, lemma_of, {p.index: p.text for p in article.paragraphs})
    quotes: list[ArticleQuote] = []
    # a quotation with no speaker of its own that runs to its paragraph's end, no closing mark:
    # its speaker is the one of the quotation opening the next paragraph («… / «…», — добавил он.)
    running: Optional[tuple[str, int]] = None
    for paragraph in article.paragraphs:
        if paragraph.heading:
            continue
        waiting, running = running, None
        for start, end, quoted in quotations(paragraph.text):
            text, inner = _interrupted(quoted)
            if len(text.split()) < MIN_WORDS_SAID or _is_a_name(text) or _titled(paragraph.text, start, lexicon, lemma_of):
                continue
            speaker = None
            if inner is not None:  # «…, — заявил он. — …»: the attribution inside the marks
                attribution = quoted[inner[0]:inner[1]]
                offset = paragraph.text.find(attribution, start)
                speaker = (reader._named(paragraph.index, offset, offset + len(attribution))
                           or reader._pronoun(attribution, paragraph.index, start))
            if speaker is None:
                speaker, told = reader.speaker(paragraph.index, paragraph.text, start, end)
                if told == "paragraph" and len(text.split()) < MIN_WORDS:
                    continue  # a paragraph of a few words in quotation marks is a name or a title
            if speaker and waiting is not None and not paragraph.text[:start].strip():
                quotes.append(ArticleQuote(speaker, *waiting))
            waiting = None
            if speaker:
                quotes.append(ArticleQuote(speaker, text, paragraph.index))
                if entities.get(speaker) is not None and entities[speaker].type == "person":
                    reader.last_speaker, reader.last_speaker_paragraph = speaker, paragraph.index
            elif end == len(paragraph.text) and paragraph.text[start] in "«„“\"" and not paragraph.text.rstrip().endswith(("»", "“", "”", "\"")):
                running = (text, paragraph.index)
    return quotes


def quotations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, quoted text) of each quotation: in quotation marks («…», „…“, “…”, "…"), or a
    paragraph of dash speech."""
    dash = _DASH.match(text)
    if dash and not _MARKS.search(text[:dash.end("speech")]):
        return [(dash.start("speech"), dash.end("speech"), dash.group("speech").strip(" ,"))]
    return [(m.start(), m.end(), next(g for g in m.groups() if g is not None).strip(" ,"))
            for m in _QUOTATION.finditer(text)]


def _titled(text: str, start: int, lexicon: RussianLexicon, lemma_of) -> bool:
    """«по статье "Злоупотребление должностным положением"», «операция «Мак»»: words in marks right
    after a noun that heads a title (``title_heads``) are that title, not words said."""
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 40):start])
    return bool(before) and lemma_of(before[-1]) in lexicon.title_heads


def _is_a_name(text: str) -> bool:
    """«Айт, Айт Десе», «Кок-Таш», «Темиров Лайв»: every word capitalised, so a name, not words said."""
    words = re.findall(r"[^\W\d_]+", text)
    return bool(words) and all(w[:1].isupper() for w in words)


def attribution_spans(text: str) -> list[tuple[int, int]]:
    """Where the words that attribute a quotation lie: after it («», — сказал он.») or inside it
    («…, — заявил он. — …»)."""
    spans = []
    for start, end, quoted in quotations(text):
        after = _AFTER.match(text[end:])
        if after:
            spans.append((end, end + after.end()))
        inside = _INSIDE.search(text, start, end)
        if inside:
            spans.append((inside.start("attribution"), inside.end("attribution")))
    return spans


def _feminine(words: list[str]) -> bool:
    """Whether the words of an attribution say the speaker is a woman: «она», or a verb in the
    feminine past («заявила», «написала»)."""
    analyzer = nlp.load().analyzer
    return any(w.casefold() == "она" or {"VERB", "past", "femn"} <= analyzer.parse(w)[0].tag.grammemes for w in words)


def _womans_name(name: str, lexicon: RussianLexicon) -> bool:
    """Whether a person's name (nominative) is a woman's: a given name pymorphy3 knows as a
    woman's, a surname of a woman's form («-ова», «-ская») or a daughter's patronymic («кызы»)."""
    analyzer = nlp.load().analyzer
    words = name.split()
    if any({"Name", "femn"} <= p.tag.grammemes for p in analyzer.parse(words[0])[:1]):
        return True
    return len(words) > 1 and (words[-1].casefold().endswith(lexicon.feminine_surname_endings)
                               or any(w.casefold() in lexicon.daughter_words for w in words[1:]))


def _interrupted(text: str) -> tuple[str, Optional[tuple[int, int]]]:
    """A quotation broken by its attribution («Мы готовы, — заявил он. — Наши страны…»): the
    quoted words joined, and where the attribution lies in ``text``; else the text and None."""
    match = _INSIDE.search(text)
    if match is None:
        return text, None
    return (text[:match.start()] + ", " + text[match.end():]).strip(" ,"), (match.start("attribution"), match.end("attribution"))


class _Reader:
    def __init__(self, mentions: list[Mention], entities: dict, lexicon: RussianLexicon, lemma_of,
                 paragraphs: Optional[dict[int, str]] = None):
        self.paragraphs = paragraphs or {}
        self.last_speaker: Optional[str] = None  # the person quoted last
        self.last_speaker_paragraph: Optional[int] = None  # and in which paragraph
        self.mentions = sorted(mentions, key=lambda m: (m.paragraph, m.start))
        self.entities = entities
        self.lex = lexicon
        self.lemma_of = lemma_of

    def speaker(self, paragraph: int, text: str, start: int, end: int) -> tuple[Optional[str], str]:
        """The speaker of a quotation and how the text told it: "after" («…», — сказал X),
        "before" (X заявил: «…»), "paragraph" (a paragraph that is a quotation)."""
        after = _AFTER.match(text[end:])
        if after and self._speaks(after.group("attribution")):
            # «…», — сказал X.
            span = (end + after.start("attribution"), end + after.end("attribution"))
            head = re.findall(r"[^\W\d_]+", after.group("attribution"))[:2]
            subject = head[1].casefold().replace("ё", "е") if len(head) == 2 else ""
            if subject in self.lex.person_pronouns and self.lemma_of(subject) == subject \
                    and self.lemma_of(head[0]) in self.lex.speech_verbs:
                # «…», — заявил он, добавив, что «X» …: the pronoun right after the verb, in the
                # nominative (not «его» of «— заявил его помощник»), is its subject; a name further
                # on belongs to what he went on to say
                pronoun = self._pronoun(head[1], paragraph, start)
                if pronoun:
                    return pronoun, "after"
            cited = _CITED_WORDS.search(after.group("attribution"))
            if cited:  # «…», — цитирует РБК сообщение посольства: the words are the embassy's
                named = self._named(paragraph, end + after.start("attribution") + cited.end(), span[1])
                if named:
                    return named, "after"
            return (self._named(paragraph, *span) or self._pronoun(after.group("attribution"), paragraph, start)
                    or self._source(after.group("attribution"), paragraph, start)), "after"
        following = _ABOUT_THIS.match(text[end:])
        if following:
            # «…». Об этом заявил министр X.: the next sentence names who said it
            stop = end + following.end()
            sentence_end = text.find(". ", stop)
            span = (end + following.start("said"), len(text) if sentence_end < 0 else sentence_end)
            named = self._named(paragraph, *span) if self._speaks(following.group("said")) else None
            if named:
                return named, "after"
        sentence_start = max(text.rfind(". ", 0, start) + 1, start - ATTRIBUTION_CHARACTERS, 0)
        before = text[sentence_start:start]
        if self._speaks(before) or before.rstrip().endswith(":"):
            # X заявил: «…» / По словам X, «…» / Как заявили в X, … «…»
            return self._named(paragraph, sentence_start, start) or self._pronoun(before, paragraph, start), "before"
        named = self._named(paragraph, sentence_start, start)
        if named and len(re.findall(r"[^\W\d_]+", self._outside_names(paragraph, text, sentence_start, start))) <= 2:
            return named, "before"  # «СБ также "глубоко обеспокоен…"»: the speaker, and hardly a word more
        if not text[:start].strip(" —–‒-"):
            # a paragraph that is a quotation: the one the paragraph before introduced («… заявил:»),
            # else the person the story was about
            previous = self.paragraphs.get(paragraph - 1, "").rstrip()
            if previous.endswith(":"):
                opening = max(previous.rfind(". ") + 1, 0)
                named = self._named(paragraph - 1, opening, len(previous)) or self._pronoun(previous[opening:], paragraph, start)
                if named:
                    return named, "paragraph"
            cited = self._cited_source(paragraph - 1, previous)
            return cited or self._last_person(paragraph, start), "paragraph"
        return None, ""

    def _cited_source(self, paragraph: int, text: str) -> Optional[str]:
        """The source the paragraph before ends by naming («Об этом сообщает агентство со ссылкой на
        пресс-службу министерства.»): who the quotation that follows is from, the one cited first."""
        opening = max(text.rstrip(" .").rfind(". ") + 1, 0)
        if not self._speaks(text[opening:]):
            return None
        cited = re.search(r"\bсо\s+ссылкой\s+на\b", text[opening:], re.I)
        start = opening + cited.end() if cited else opening
        return self._named(paragraph, start, len(text))

    def _speaks(self, words: str) -> bool:
        lemmas = {self.lemma_of(w) for w in re.findall(r"[^\W\d_]+", words)}
        return bool(lemmas & self.lex.speech_verbs) or bool(
            re.search(r"\bпо\s+(?:(?:его|ее|её|их)\s+)?(?:словам|данным|информации|сообщению|заявлению|мнению|оценке)\b", words, re.I))

    def _named(self, paragraph: int, start: int, end: int) -> Optional[str]:
        inside = [m for m in self.mentions if m.paragraph == paragraph and start <= m.start and m.end <= end
                  and m.name in self.entities and self.entities[m.name].kind == "actor"]
        inside = [m for m in inside if not self._told_to(m, start, end) and not self._governed(m)]
        people = [m for m in inside if self.entities[m.name].type == "person"]
        if not people:
            holder = self._role_holder(paragraph, start, end)
            if holder:
                return holder
        chosen = (people or inside)[:1]
        return chosen[0].name if chosen else None

    def _governed(self, mention: Mention) -> bool:
        """«на встрече с Владимиром Путиным руководитель подчеркнул»: a name a preposition governs
        is met, addressed or written about, not the one who speaks («со ссылкой на X» cites X)."""
        before = re.findall(r"[^\W\d_]+", self.paragraphs.get(mention.paragraph, "")[max(0, mention.start - 12):mention.start])
        return bool(before) and before[-1].casefold() in _GOVERNING_PREPOSITIONS

    def _told_to(self, mention: Mention, start: int, end: int) -> bool:
        """«— рассказал Азаттыку житель села»: an outlet right after the verb, with the speaker
        still to come, is who was told, not who spoke («— сообщает Азаттык.» is the source)."""
        if self.entities[mention.name].type != "media":
            return False
        text = self.paragraphs.get(mention.paragraph, "")
        before = re.findall(r"[^\W\d_]+", text[start:mention.start])
        after = re.findall(r"[^\W\d_]+", text[mention.end:end])
        return bool(before and after) and self.lemma_of(before[-1]) in self.lex.speech_verbs

    def _role_holder(self, paragraph: int, start: int, end: int) -> Optional[str]:
        """«Министр также отметил…»: an office named without a name is the person the story gave
        that office, the one named last before."""
        words = re.findall(r"[^\W\d_]+", self._outside_names(paragraph, self.paragraphs.get(paragraph, ""), start, end))
        lemmas = {self.lemma_of(w) for w in words}
        offices = lemmas & self.lex.role_words
        if not offices:
            if lemmas & self.lex.referring_nouns:
                # «— сказал чиновник», «— отметил собеседник агентства»: the person the story is about
                return self._last_person(paragraph, start, _feminine(words))
            if lemmas & self.lex.body_referring_nouns and not any(
                    m.paragraph == paragraph and start <= m.start < end and m.name in self.entities
                    and self.entities[m.name].kind == "actor" for m in self.mentions):
                # «— отметили в ведомстве»: the body the story named last (not «в пресс-службе МИД X»,
                # which names it)
                return self._last_body(paragraph, start)
            return None
        people = [m for m in self.mentions if (m.paragraph, m.start) < (paragraph, start)
                  and m.name in self.entities and self.entities[m.name].type == "person"]
        # «Глава МИД X прокомментировал встречу. «…», — подчеркнул министр»: the one office-holder
        # the paragraph has just named
        inside = [(s, e) for s, e, _ in quotations(self.paragraphs.get(paragraph, ""))]
        here = {m.name for m in people if m.paragraph == paragraph and self.entities[m.name].roles
                and not any(s <= m.start < e for s, e in inside)}  # one the quotation names does not say it
        if len(here) == 1:
            return here.pop()
        holders = [m for m in people
                   if any(self.lemma_of(w) in offices
                          for role in self.entities[m.name].roles for w in re.findall(r"[^\W\d_]+", role.text)[:1])]
        if not holders and len({m.name for m in people if self.entities[m.name].roles}) == 1:
            # «Глава МВД X сказал … «…», — добавил министр»: the one office-holder the story has
            # named, when named close before
            holders = [m for m in people if self.entities[m.name].roles and paragraph - m.paragraph <= 2]
        return holders[-1].name if holders else None

    def _outside_names(self, paragraph: int, text: str, start: int, end: int) -> str:
        """The text between ``start`` and ``end`` without the names in it."""
        kept, cursor = [], start
        for m in self.mentions:
            if m.paragraph == paragraph and start <= m.start and m.end <= end:
                kept.append(text[cursor:m.start])
                cursor = m.end
        return "".join(kept) + text[cursor:end]

    def _source(self, words: str, paragraph: int, start: int) -> Optional[str]:
        """«— говорится в сообщении»: the statement of the actor the paragraph quoted last."""
        if not re.search(r"\bговорится\b", words):
            return None
        # the actor the paragraph named last before it, else the one the paragraph before named last
        # («Об этом сообщил пресс-секретарь суда Азиз Абидов.» and then the statement)
        actors = [m for m in self.mentions if (m.paragraph == paragraph and m.start < start or m.paragraph == paragraph - 1)
                  and m.name in self.entities and self.entities[m.name].kind == "actor"]
        return actors[-1].name if actors else None

    def _pronoun(self, words: str, paragraph: int, start: int) -> Optional[str]:
        if set(re.findall(r"[^\W\d_]+", words.casefold().replace("ё", "е"))) & self.lex.person_pronouns:
            if self.last_speaker and self.last_speaker_paragraph == paragraph:
                # «X подчеркнул, что "…". По его словам, "…"»: the paragraph's speaker goes on,
                # whoever else it names (the one X met)
                return self.last_speaker
            # the last person named close before, else the last person quoted («— пообещала она»
            # after her quotation and another's)
            woman = _feminine(re.findall(r"[^\W\d_]+", words))
            person = self._last_person(paragraph, start, woman)
            if woman and self.last_speaker and _womans_name(self.last_speaker, self.lex) and not (person and _womans_name(person, self.lex)):
                return self.last_speaker  # «— сказала она»: the woman quoted last, no woman named since
            return person or self.last_speaker
        return None

    def _last_body(self, paragraph: int, start: int) -> Optional[str]:
        bodies = [m for m in self.mentions if (m.paragraph, m.start) < (paragraph, start)
                  and m.name in self.entities and self.entities[m.name].kind == "actor"
                  and self.entities[m.name].type in ("government", "organization")]
        return bodies[-1].name if bodies else None

    def _last_person(self, paragraph: int, start: int, woman: bool = False) -> Optional[str]:
        """The person named last, close before; a woman when ``woman`` (the attribution says «она»
        or «написала») and one is named there: «— написала она» after a man's name is hers."""
        people = [m for m in self.mentions if (m.paragraph, m.start) < (paragraph, start)
                  and paragraph - m.paragraph <= 2 and m.name in self.entities
                  and self.entities[m.name].type == "person"]
        women = [m for m in people if _womans_name(m.name, self.lex)] if woman else []
        return (women or people)[-1].name if people else None
