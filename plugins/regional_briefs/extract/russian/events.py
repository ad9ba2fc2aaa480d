"""The dated happenings a Russian article reports: one event per sentence that reports one.

A sentence reports a happening when a word of it is a trigger of ``data/russian.yml`` (by lemma).
Its type is the trigger's; a sentence whose main verb is a verb of speech («Минздрав сообщил, что…»)
is a statement, whatever it reports. Its date is the one the sentence gives, else the one the
paragraph has reached, else the article's own for the first paragraph. Its participants are the
actors and places named in the sentence. Events of one type and date in one paragraph are one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ...knowledge.russian_lexicon import RussianLexicon
from ...model import Article, EventReport, Mention, PartialDate
from ..dates import title_year
from ..events.draft import EventDraft
from .dates import dateline, find_dates
from .mentions import ParsedParagraph
from .quotes import attribution_spans, quotations

TITLE_WORDS = 24  # a title longer than this is cut, with an ellipsis
# A number of dead: «погибли 59 человек», «не менее 2 тысяч погибших», «жертвами стали двое».
MAX_FATALITIES = 10_000_000  # a larger "toll" is a misread number
_MULTIPLIER = r"(?:\s+(?:тыс(?:яч[аи]?|\.)|сот(?:ен|ни)))?"


@lru_cache(maxsize=4)
def _fatality_pattern(lexicon: RussianLexicon) -> re.Pattern:
    words = "|".join(sorted(map(re.escape, lexicon.numbers), key=len, reverse=True))
    # at most a billion, its thousands apart or not; never part of a time («15:30») or a longer number
    number = rf"(?:(?<![\d:.,])\d{{1,3}}(?:[ \u00a0]\d{{3}}){{0,3}}(?![\d:.,]\d)|(?<![\d:.,])\d{{4,9}}(?!\d)|(?:{words})\b){_MULTIPLIER}"
    return re.compile(
        rf"(?:погиб\w*|убит\w*|жертвами\s+стали)\s+(?:(?:не\s+менее|более|около|по\s+меньшей\s+мере|как\s+минимум)\s+)?"
        rf"(?P<n2>{number})"
        rf"|(?<![\w-])(?P<n1>{number})\s+(?:\w+\s+){{0,2}}(?:погиб\w*|убит\w*|жертв\w*|погибш\w*)", re.I)


_LEAD_IN = re.compile(r"^(?:(?:при этом|также|позже|ранее|кроме того|между тем|в свою очередь|более того|сейчас|в настоящее время)\s*,?\s*)+", re.I)
def detect_events(article: Article, parsed: list[ParsedParagraph], mentions: list[Mention],
                  lexicon: RussianLexicon, lemma_of) -> list[EventReport]:
    """Events with the fields of the English ones: type, date, precision, title, actors, places,
    fatalities, paragraph, sentence, trigger. ``lemma_of(token)``: a Natasha token's lemma."""
    events: list[EventDraft] = []
    lead = next((p.index for p in article.paragraphs if not p.heading and p.text.strip()), None)
    openings = {p.index for p in article.paragraphs if not p.heading and p.text.strip()}
    openings = set(sorted(openings)[:DATELINE_PARAGRAPHS])  # where a wire dateline may stand
    story: Optional[PartialDate] = article.published
    yearless = article.published is None or article.published.year is None
    story_year: Optional[int] = title_year(article) if yearless else None  # the last year the story named
    for para in parsed:
        doc = para.events_doc or para.doc
        quoted = [(start, end) for start, end, _ in quotations(para.text)]
        attributions = attribution_spans(para.text)
        current: Optional[PartialDate] = article.published if para.index == lead else None
        dated_by_publication: list[int] = []  # the lead's events that took the article's date
        lead_days: list[PartialDate] = []  # the days the lead paragraph names
        for sent in doc.sents:
            before = story  # the day the story had reached before this sentence
            reference = story if story is not None and story.day is not None else None
            # in a story whose own date is unknown, a date without a year is in the year the
            # story has reached («В 2023 году … 9 июля»)
            in_year = PartialDate(story_year) if yearless and story_year is not None else None
            dates = [d for d in find_dates(sent.text, lexicon, article.published or reference or in_year, reference)
                     if not (para.index in openings and _dateline_end(para.text) > sent.start + d.start)
                     and not any(s <= sent.start + d.start < e for s, e in quoted)
                     and not _DEADLINE.search(sent.text[:d.start])]
            # «планируется выйти из кризиса к 2028 году»: a deadline, not when anything happened
            # a date inside a quotation is the speaker's («начнутся в пятницу»): it neither dates
            # what the story tells nor moves the story on
            if dates:
                current = dates[0].date
                story_year = next((d.date.year for d in reversed(dates) if d.date.year is not None), story_year)
                lead_days += [d.date for d in dates if d.date.day is not None] if para.index == lead else []
                for found in dates:
                    # the day the story has reached; a day without its year only when the article
                    # gives no year to place it in («Сегодня, 9 июня, …» on a page with no date)
                    if found.date.day is not None and (found.date.year is not None or yearless):
                        story = found.date
            day = next((d.date for d in dates if d.date.day is not None), None)
            if day is not None and _REPORTS_THE_ONE_BEFORE.match(sent.text) and lead is not None and para.index - lead <= 1:
                # «В отношении X ведётся расследование. Об этом 2 апреля сообщил Y»: the lead's
                # undated news is of the day it was reported
                for event in events:
                    if event.paragraph == lead and event.date is None:
                        event.date, event.precision = day.iso(), day.precision
            if any(s < sent.start < e for s, e in quoted):
                continue  # «…», — заявил он: the attribution of a quotation, not a happening
            inside = [m for m in mentions if m.paragraph == para.index and sent.start <= m.start < sent.stop]
            named = frozenset(m.type for m in inside)
            found = [(type_, token) for type_, token in _triggers(sent, quoted, lexicon, lemma_of, named)
                     if not (type_ == "statement" and any(s <= token.start < e for s, e in attributions))]
            # «"…", — пояснил он»: who said the quotation, not a statement besides it
            dead = _fatalities(sent.text, lexicon)
            # the last deadly happening, told in this paragraph or the one before
            deadly = next((e for e in reversed(events) if e.type in lexicon.deadly_types
                           and para.index - e.paragraph <= 1), None)
            if not found and dead is not None and deadly is not None and deadly.fatalities is None:
                deadly.fatalities = dead  # «Погибли не менее 2 тысяч человек» after the quake: its toll
            if deadly is not None and found and all(lemma_of(token) in lexicon.casualty_verbs for _, token in found):
                # «Пострадали 7 человек» after the blast: the count of its wounded, not a happening
                if deadly.fatalities is None and dead is not None:
                    deadly.fatalities = dead
                continue
            for type_, token in found:
                # «итоги выборов в марте 2021 года»: a date a noun governs is that noun's, not
                # the time of a verb of the sentence, nor of another happening's noun («обжаловал в
                # суде приговор за протесты в мае»: not the court's)
                governors = [_governor(sent, d, lexicon, lemma_of) for d in dates]
                own = [d for d, g in zip(dates, governors) if g in (None, token) or (
                    token.pos not in ("VERB", "AUX") and lemma_of(g) not in lexicon.triggers)]
                date = _nearest(own, token.start - sent.start) if own else (current if not dates else None)
                if date is None and dates and before is not None and before.day is not None:
                    date = before  # the sentence's only dates are its nouns': the story goes on at its day
                if date is None and story is not None and story.day is not None:
                    date = story  # the story goes on at the day it has reached
                if not dates and para.index == lead and date is not None and date == article.published:
                    dated_by_publication.append(len(events))
                events.append(EventDraft(
                    type=type_,
                    date=date.iso() if date else None,
                    precision=date.precision if date else None,
                    title=_title(sent.text),
                    actors=list(dict.fromkeys(m.name for m in inside if m.kind == "actor")),
                    places=list(dict.fromkeys(m.name for m in inside if m.kind == "place")),
                    fatalities=_fatalities(sent.text, lexicon) if type_ in lexicon.deadly_types else None,
                    paragraph=para.index,
                    sentence=sent.text.strip(),
                    trigger=token.text,
                ))
        _retold_lead(events, dated_by_publication, lead_days, article.published)
    return [event.report() for event in _merged(events)]


DATELINE_PARAGRAPHS = 2  # a dateline opens one of the story's first paragraphs, or none
_REPORTS_THE_ONE_BEFORE = re.compile(r"\s*Об\s+этом\b", re.I)  # «Об этом сообщил …»: the sentence reports the one before
_DEADLINE = re.compile(r"(?:^|\s)(?:к|ко|не\s+позднее)\s+$", re.I)  # «к 2028 году», «не позднее 1 мая»
LEAD_DAYS_BEFORE = 7  # a lead retold with a day this close before the article's date happened then


def _retold_lead(events: list[EventDraft], undated: list[int], days: list[PartialDate], published: Optional[PartialDate]) -> None:
    """A lead that tells the news without a date («договорились, и акция прекратилась») and then
    its day («Люди покинули площадь в воскресенье, 28 ноября»): the lead's happenings were that day."""
    if not undated or not days or published is None or published.day is None or published.year is None:
        return
    import datetime as dt

    day = days[0]
    try:
        apart = (dt.date(published.year, published.month, published.day) - dt.date(day.year, day.month, day.day)).days
    except (ValueError, TypeError, OverflowError):
        return
    if not 0 <= apart <= LEAD_DAYS_BEFORE:
        return
    for index in undated:
        events[index].date, events[index].precision = day.iso(), day.precision


def _governor(sent, found, lexicon: RussianLexicon, lemma_of):
    """The word a date expression hangs from in the parse, when it is a noun outside the date
    («волнений» of «волнений в июле 2022 года»), else None. A part of the day before the date
    («утром 26 февраля») is the date's own: the word it hangs from governs the date."""
    inside = [t for t in sent.tokens if sent.start + found.start <= t.start < sent.start + found.end]
    before = [t for t in sent.tokens if t.stop <= sent.start + found.start]
    if inside and before and before[-1].pos == "NOUN" and before[-1].rel == "nmod" and lemma_of(before[-1]) in lexicon.triggers:
        # «организаторам протестов в мае 2023 года»: a date written right after a noun of a happening
        # that hangs from another noun is that happening's, wherever the parser hangs the date
        # («митинг 5 мая прошел»: the subject's date is its verb's too)
        return before[-1]
    ids = {t.id for t in inside}
    by_id = {t.id: t for t in sent.tokens}
    for token in inside:
        head = by_id.get(token.head_id)
        while head is not None and head.id not in ids and lemma_of(head) in lexicon.day_parts:
            ids.add(head.id)
            head = by_id.get(head.head_id)
        if token.head_id not in ids and head is not None:
            return head if head.pos in ("NOUN", "PROPN") else None
    return None


def _nearest(dates: list, offset: int) -> PartialDate:
    """The date written nearest the trigger: «16 ноября примут участие» in a sentence opening with another."""
    return min(dates, key=lambda d: min(abs(d.start - offset), abs(d.end - offset))).date


def _dateline_end(text: str) -> int:
    found = dateline(text)
    return found[0] if found else 0


def _phrase_type(token, tokens, lexicon: RussianLexicon, lemma_of) -> Optional[str]:
    """The type of a verb and the noun it governs («открыли огонь», «вышел на свободу»), if the
    lexicon lists them together (``phrase_triggers``)."""
    phrases = lexicon.phrase_triggers.get(lemma_of(token)) if token.pos in ("VERB", "AUX") else None
    if not phrases:
        return None
    governed = {lemma_of(t) for t in tokens if t.head_id == token.id}
    return next((type_ for noun, type_ in phrases if noun in governed), None)


def _triggers(sent, quoted: list[tuple[int, int]], lexicon: RussianLexicon, lemma_of,
              named: frozenset[str] = frozenset()) -> list[tuple[str, object]]:
    """(type, trigger token) of each happening a sentence reports: none, one, or a statement and
    what it reports, or coordinated happenings («прибыл … и провел переговоры»). ``named``: the
    types of the actors and places the sentence names."""
    found = []
    tokens = list(sent.tokens)
    for i, token in enumerate(tokens):
        if any(s <= token.start < e for s, e in quoted):
            continue  # what a speaker says is theirs, not a happening the article reports
        type_ = _phrase_type(token, tokens, lexicon, lemma_of) or lexicon.triggers.get(lemma_of(token))
        if not type_:
            continue
        before = " ".join(t.text.casefold() for t in tokens[max(0, i - 2):i])
        if token.pos == "NOUN" and any(before == p or before.endswith(" " + p) for p in lexicon.setting_prepositions):
            continue  # «в ходе встречи», «после пуска»: the setting of what the clause tells
        if token.pos == "NOUN" and any(lemma_of(t) in lexicon.pointing_words for t in tokens[max(0, i - 2):i]):
            continue  # «в том голосовании»: a happening told before, retold
        if i > 0 and tokens[i - 1].text.casefold() in ("не", "ни"):
            continue  # «не сообщала»: what did not happen
        head = next((t for t in tokens if t.id == token.head_id), None)
        if head is not None and lemma_of(head) in lexicon.refusal_verbs:
            continue  # «отказался сообщить»: what was refused
        found.append((type_, token))
    if not found:
        return []
    verbs = [t for t in tokens if t.pos in ("VERB", "AUX")]
    if not verbs:
        return []  # a caption or a headline fragment: «Путин и Токаев на встрече в Акорде»
    root = next((t for t in tokens if t.rel == "root"), None)
    if root is not None and any(s <= root.start < e for s, e in quoted):
        return []  # «Газопровод "поможет нашей экономике…"»: the sentence is what a speaker says
    if root is not None and lemma_of(root) in lexicon.state_verbs:
        return []  # «Афганистан не является участником договоров»: a state, not a happening
    strong = [f for f in found if f[0] not in lexicon.weak_types]
    main = {root.id} | {t.id for t in tokens if t.head_id == root.id and t.rel == "conj"} if root is not None else set()
    # «провел переговоры», «подписали соглашение»: the happening is the main verb's object
    main |= {t.id for t in tokens if t.head_id in main and t.rel in ("obj", "nsubj", "nsubj:pass") and t.pos == "NOUN"}
    speech = [t for t in tokens if lemma_of(t) in lexicon.speech_verbs and t.pos == "VERB"
              and t.id in {f[1].id for f in found}]
    lowered = " " + sent.text.casefold().replace("ё", "е") + " "
    if speech and not strong and "person" not in named and any(f" {p} " in lowered for p in lexicon.source_phrases):
        return []  # «Об этом сообщает РИА Новости»: the source of the news, not a statement
    # «Об этом сообщил пресс-секретарь губернатора Иван Петров»: a person's statement
    if speech and (_has_subject(speech[0], sent) or speech[0].id in main):
        said = speech[0]
        reported = [f for f in strong if f[1].pos == "VERB" and f[1].start > said.start]
        if not strong or reported or all(f[1].start > said.start for f in strong):
            # «X заявил, что…»: a statement, and what it reports when that is a happening told by a verb
            return [("statement", said)] + reported[:1]
        if "person" in named or "media" not in named:
            # «…идут переговоры, сообщила пресс-секретарь X»: the talks, and her statement (so too
            # when the speaker is named by a common noun: «…, сообщило агентство»)
            return [f for f in strong if f[1].start < said.start][:1] + [("statement", said)]
        # «…идут переговоры, сообщает Тестовое агентство»: the talks, reported by an outlet the text names
    if strong:
        coordinated = [f for f in strong if f[1].id in main]
        if len({f[0] for f in coordinated}) > 1:
            return list({f[0]: f for f in reversed(coordinated)}.values())[::-1]
        on_root = [f for f in strong if root is not None and f[1].id == root.id]
        verb_triggers = [f for f in strong if f[1].pos == "VERB"]
        return [(on_root or verb_triggers or strong)[0]]
    statements = [f for f in found if f[0] == "statement"]
    return [(statements or found)[0]]


def _has_subject(verb, sent) -> bool:
    """Whether someone is said to speak: the verb has a subject, or is impersonal («сообщается»)."""
    return any(t.head_id == verb.id and t.rel in ("nsubj", "nsubj:pass") for t in sent.tokens) or verb.text.endswith("ся")


def _title(sentence: str) -> str:
    text = _LEAD_IN.sub("", sentence.strip())
    text = text[:1].upper() + text[1:]
    words = text.split()
    if len(words) > TITLE_WORDS:
        text = " ".join(words[:TITLE_WORDS]).rstrip(",;:—–-") + "…"
    return text.rstrip(".")


def _retold(first: EventDraft, second: EventDraft) -> bool:
    """«Блогера признали виновным… Ему назначено отбывание наказания»: one happening told again
    with pronouns (one of the two names no participant) on the same day, a paragraph apart at most."""
    anonymous = not (first.actors or first.places) or not (second.actors or second.places)
    return anonymous and first.date == second.date and abs(first.paragraph - second.paragraph) <= 1


def _share(first: EventDraft, second: EventDraft) -> bool:
    return bool(set(first.actors + first.places) & set(second.actors + second.places))


def _fatalities(sentence: str, lexicon: RussianLexicon) -> Optional[int]:
    pattern, at = _fatality_pattern(lexicon), 0
    while (match := pattern.search(sentence, at)) is not None:
        at = match.start() + 1
        group = "n2" if match.group("n2") else "n1"
        following = sentence[match.end(group):match.end(group) + 12].casefold().lstrip()
        if following.startswith(tuple(m[:3] for m in lexicon.months)) or following.startswith("год"):
            continue  # «14 сентября погибли», «в 2022 году погибли»: a date, not a toll
        number = _number(match.group(group), lexicon)
        if number is not None and number <= MAX_FATALITIES:
            return number
    return None


def _number(text: str, lexicon: RussianLexicon) -> Optional[int]:
    """«59», «2 тысяч», «двух тысяч», «3 000» as a number; None for a word that is no number."""
    words = text.casefold().replace("\u00a0", " ").split()
    digits = re.match(r"^\d+(?: \d{3})*", " ".join(words))
    if digits:
        value = int(digits.group().replace(" ", ""))
        rest = words[len(digits.group().split()):]
    else:
        value = lexicon.numbers.get(words[0]) if words else None
        rest = words[1:]
        if value is None:
            return None
    if rest and rest[0].startswith("тыс"):
        value *= 1000
    elif rest and rest[0].startswith("сот"):
        value *= 100
    return value


def _merged(events: list[EventDraft]) -> list[EventDraft]:
    """One event per happening: sentences of one paragraph with one type and date, and sentences
    of the article with one type, a shared participant and dates that agree (an undated one taking
    the other's date: a lead retold with its date further down); a statement naming no one with
    the day's last statement."""
    out: list[EventDraft] = []
    for event in events:
        same = next((e for e in out if e.type == event.type and (
            (e.paragraph == event.paragraph and e.date == event.date)
            or (event.type not in ("statement", "other") and _share(e, event)
                and (e.date == event.date or e.date is None or event.date is None))
            or _retold(e, event))), None)
        if same is None and event.type == "statement" and not event.actors:
            # «Он отметил, что …», «Министр добавил …»: a statement that names no one goes on
            # with the last statement of that day, not a new one
            last = next((e for e in reversed(out) if e.type == "statement"), None)
            same = last if last is not None and last.date == event.date else None
        if same is not None and same.date is None and event.date is not None:
            same.date, same.precision = event.date, event.precision
            for other in out:  # «прибыл … и провел переговоры»: the sentence's other happening too
                if other.sentence == same.sentence and other.date is None:
                    other.date, other.precision = event.date, event.precision
        if same is None:
            out.append(event)
            continue
        same.actors += [a for a in event.actors if a not in same.actors]
        same.places += [p for p in event.places if p not in same.places]
        if same.fatalities is None:
            same.fatalities = event.fatalities
    return out
