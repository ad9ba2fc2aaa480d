"""Dates as Russian writes them, resolved against the article's own date.

«25 декабря», «16 сентября 2022 г.», «4–5 января», «16.09.2022», «в марте прошлого года»,
«в 2021 году», «в прошлом месяце», «на прошлой неделе» (its month), «вчера», «в понедельник»;
«накануне», «на следующий день», «в тот же день» (from the day the story has reached); spans
(«с 1 по 3 марта», «с 30 марта по 2 апреля», «в 2022–2023 годах») by their start. A day and
month without a year take the article's year, or the year before when that would put them more
than a week after the article; without the article's date they stay year-less (``--12-25``), as
the gold writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ...knowledge.russian_lexicon import RussianLexicon
from ...model import PartialDate

LATE_DAYS = 7  # a year-less date this far after the article's is last year's
# A wire dateline opening a paragraph: «ТАШКЕНТ, 16 апр – РИА Новости.», «Ташкент, 13 ноября /Синьхуа/ --»,
# «БИШКЕК, 12 марта. /ТАСС/.», «Москва. 28 декабря. INTERFAX.RU -», «АСТАНА, 12 марта 2024 – Kazinform.»,
# «Душанбе, 12 апреля 2025 года. Министр …», «Бишкек, 12 марта 2025 г., 14:05 — 24.kg.»
_DATELINE_OPENING = (r"^\s*[A-ZА-ЯЁ][\w.\- ]{1,30}(?:[,.]|\s+[-–—])\s*"
                     r"(?:\d{1,2}\s+[а-яёА-ЯЁ]{3,9}(?:,?\s+(?:19|20)\d{2}(?:\s*(?:года|г\.))?)?|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})(?:,?\s+\d{1,2}:\d{2})?")
_DATELINE_AFTER = re.compile(_DATELINE_OPENING + r"\.\s+(?P<after>[A-ZА-ЯЁ][\w.\- ]{1,30}?)\s+[-–—](?:\s|$)")
_DATELINE = re.compile(
    _DATELINE_OPENING + r"\.?\s*(?:/(?P<slashed>[^/]{1,40})/\s*\.?\s*)?"
    r"(?:[-–—]{1,2}\s*(?P<named>(?:[^.]|\.(?=\S)){0,40}?)\.(?:\s|$)|[-–—]{1,2}(?:\s|$)|(?<=[/.])(?:\s|$))")


def dateline(text: str) -> Optional[tuple[int, Optional[tuple[int, int]]]]:
    """Where a dateline opening ``text`` ends, and where the outlet it names lies (start, end), or None."""
    match = _DATELINE_AFTER.match(text) or _DATELINE.match(text)
    if match is None:
        return None
    from ...knowledge.russian_lexicon import load

    if not find_dates(text[:match.end()], load(), None):
        return None  # «Напомним, 13 марта —»: no month there, or no date at all
    for group in ("slashed", "named", "after"):
        if group in match.re.groupindex and match.group(group) and match.group(group).strip():
            start = match.start(group) + len(match.group(group)) - len(match.group(group).lstrip())
            return match.end(), (start, match.start(group) + len(match.group(group).rstrip()))
    return match.end(), None


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    date: PartialDate


def _forms(lemma: str) -> list[str]:
    """The inflected forms of a month's name: январь -> январь, января, январе, январю."""
    if lemma[-1] in "ьй":
        stem = lemma[:-1]
        return [lemma, stem + "я", stem + "е", stem + "ю"]
    return [lemma, lemma + "а", lemma + "е", lemma + "у"]


@lru_cache(maxsize=4)
def _patterns(lexicon: RussianLexicon) -> tuple[re.Pattern, re.Pattern, dict[str, int]]:
    month_of: dict[str, int] = {}
    for lemma, number in lexicon.months.items():
        for form in _forms(lemma):
            month_of[form] = number
    for abbreviation, number in lexicon.month_abbreviations.items():
        month_of.setdefault(abbreviation, number)
    names = "|".join(sorted(map(re.escape, month_of), key=len, reverse=True))
    counts = "|".join(sorted(map(re.escape, lexicon.numbers), key=len, reverse=True))
    # «на следующий день», «днём ранее»: several words counted from the day the story has reached
    phrases = "|".join(sorted((re.escape(p).replace("\\ ", r"\s+") for p in lexicon.story_relative_days if " " in p),
                              key=len, reverse=True)) or r"(?!)"
    year = r",?\s+(?P<year>(?:19|20)\d{2})(?:\s*(?:г(?:од[ау]?)?\b\.?))?"  # «2022», «, 2022», «2022 г.», «2022 года»
    relative_year = r"\s+(?P<relyear>[^\W\d_]+)\s+года\b"  # «прошлого года»
    day_month = re.compile(
        rf"(?<![\w.])(?:со?\s+(?P<from>[0-3]?\d)\s+(?:по|до)\s+)?(?P<day>[0-3]?\d)(?:-?го)?(?:\s*[-–—]\s*[0-3]?\d)?\s+(?P<month>{names})\.?(?!\w)"
        rf"(?:{year}|{relative_year})?", re.I)
    rest = re.compile(
        rf"(?P<numeric>(?<![\d.])(?P<nd>[0-3]?\d)\.(?P<nm>[01]\d)\.(?P<ny>(?:19|20)\d{{2}})(?!\d))"
        rf"|(?P<inmonth>\b(?:(?:в|во|с|до|на|к)|(?:в|во)\s+(?:начале|середине|конце|первой\s+половине|второй\s+половине))\s+(?P<month2>{names})(?!\w)(?:\s+(?P<year2>(?:19|20)\d{{2}})\s*(?:г(?:од[ау]?)?\b\.?)?"
        rf"|\s+(?P<rel2>[^\W\d_]+)\s+года)?)"
        rf"|(?P<yearonly>(?<!\d)(?:(?P<year3a>(?:19|20)\d{{2}})\s*[-–—]\s*|\bс\s+(?P<year3b>(?:19|20)\d{{2}})\s*(?:год[уа]?\s+|г\.\s*)?по\s+)?"
        rf"(?P<year3>(?:19|20)\d{{2}})\s*(?:-?(?:м|го|й))?\s+(?:год[уаеомх]*|г\.))"
        rf"|(?P<relyear>\b(?:в|во)\s+(?P<rel3>[^\W\d_]+)\s+году\b|\b(?P<rel4>[^\W\d_]+)\s+года\b)"
        rf"|(?P<relmonth>\b(?:в|во)\s+(?P<rel5>[^\W\d_]+)\s+месяце\b|\b(?:в\s+)?(?:начале|середине|конце)\s+(?P<rel7>[^\W\d_]+)\s+месяца\b)"
        rf"|(?P<relweek>\bна\s+(?P<rel6>[^\W\d_]+)\s+неделе\b)"
        rf"|(?P<ago>\b(?:(?P<count>\d{{1,2}}|{counts})\s+)?(?P<unit>дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?)\s+назад\b)"
        rf"|(?P<storyphrase>\b(?:{phrases})\b)"
        rf"|(?P<relday>\b(?P<dayword>\w+)\b)",
        re.I)
    return day_month, rest, month_of


def find_dates(text: str, lexicon: RussianLexicon, published: Optional[PartialDate],
               story: Optional[PartialDate] = None) -> list[FoundDate]:
    """The dates a sentence gives, in order, each resolved against ``published`` (the article's
    date); «накануне» against ``story``, the day the story has reached (else ``published``)."""
    day_month, rest, month_of = _patterns(lexicon)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for match in day_month.finditer(text):
        if found and _RANGE_END.fullmatch(text[found[-1].end:match.start()]) and _RANGE_START.search(text[:found[-1].start]):
            taken.append((match.start(), match.end()))
            continue  # «с 30 марта по 2 апреля»: the span began on the first date
        month = month_of[match.group("month").casefold()]
        day = int(match.group("from") or match.group("day"))  # «с 1 по 3 марта»: it began on the 1st
        year = int(match.group("year")) if match.group("year") else None
        relative = _relative_year(match.group("relyear"), lexicon)
        if year is None and relative is not None and published is not None and published.year is not None:
            year = published.year - relative  # «25 декабря прошлого года»
        date = PartialDate(year, month, day)
        if not date.is_valid():
            continue
        end = match.end() if relative is not None or not match.group("relyear") else match.end("month")
        found.append(FoundDate(match.start(), end, _with_year(date, published)))
        taken.append((match.start(), match.end()))
    for match in rest.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        date = _other(match, lexicon, month_of, published, story)
        if date is None or not date.is_valid():
            continue
        following = match.end() + len(text[match.end():]) - len(text[match.end():].lstrip(" ,"))
        named = next((i for i, f in enumerate(found) if f.start == following), None)
        if named is not None:
            # «в четверг, 5 сентября», «на следующий день, 8 сентября»: the date that follows says
            # which day; the two are one expression, and the explicit date is its date
            found[named] = FoundDate(match.start(), found[named].end, found[named].date)
            continue
        found.append(FoundDate(match.start(), match.end(), date))
    # «в ночь на 1 сентября» is 1 September: what the night brings is told as that day's (read as
    # the day before, the Russian tuning half's dates fell from 0.829 to 0.816)
    return sorted(found, key=lambda f: f.start)


_RANGE_START = re.compile(r"\bс(?:о)?\s+$", re.I)
_RANGE_END = re.compile(r"\s+(?:по|до)\s+", re.I)


def _other(match: re.Match, lexicon: RussianLexicon, month_of: dict[str, int],
           published: Optional[PartialDate], story: Optional[PartialDate]) -> Optional[PartialDate]:
    if match.group("numeric"):
        return PartialDate(int(match.group("ny")), int(match.group("nm")), int(match.group("nd")))
    if match.group("inmonth"):
        month = month_of[match.group("month2").casefold()]
        if match.group("year2"):
            return PartialDate(int(match.group("year2")), month)
        relative = _relative_year(match.group("rel2"), lexicon)
        if relative is not None:
            return PartialDate(published.year - relative, month) if published and published.year else None
        if published is None or published.year is None:
            return PartialDate(None, month)
        year = published.year - (1 if published.month is not None and month > published.month + 1 else 0)
        return PartialDate(year, month)
    if match.group("yearonly"):  # «в 2022–2023 годах», «с 2019 по 2021 год»: a span, dated by its start
        return PartialDate(int(match.group("year3a") or match.group("year3b") or match.group("year3")))
    if match.group("relyear"):
        relative = _relative_year(match.group("rel3") or match.group("rel4"), lexicon)
        if relative is None or published is None or published.year is None:
            return None
        return PartialDate(published.year - relative)
    if match.group("relmonth"):  # «в прошлом месяце», «в этом месяце»
        relative = _relative_year(match.group("rel5") or match.group("rel7"), lexicon)
        if relative is None or published is None or published.year is None or published.month is None:
            return None
        months = published.year * 12 + published.month - 1 - relative
        return PartialDate(months // 12, months % 12 + 1)
    if match.group("relweek"):  # «на прошлой неделе»: that calendar week's month, when it has one
        relative = _relative_year(match.group("rel6"), lexicon)
        if relative is None or published is None or published.year is None or published.day is None:
            return None
        try:
            day = dt.date(published.year, published.month, published.day)
        except ValueError:
            return None
        monday = day - dt.timedelta(days=day.weekday() + 7 * relative)
        sunday = monday + dt.timedelta(days=6)
        return PartialDate(monday.year, monday.month) if (monday.year, monday.month) == (sunday.year, sunday.month) else None
    if match.group("ago"):
        return _ago(match, lexicon, published)
    if match.group("storyphrase"):
        reference = story or published
        if reference is None or reference.day is None or reference.year is None:
            return None
        phrase = " ".join(match.group("storyphrase").casefold().split())
        return _days_before(reference, lexicon.story_relative_days[phrase])
    word = match.group("dayword").casefold()
    reference = (story or published) if word in lexicon.story_relative_days else published
    if reference is None or reference.day is None or reference.year is None:
        return None
    if word in lexicon.story_relative_days:
        return _days_before(reference, lexicon.story_relative_days[word])
    if word in lexicon.relative_days:
        return _days_before(reference, lexicon.relative_days[word])
    if word in _weekday_forms(lexicon):
        try:
            weekday = dt.date(reference.year, reference.month, reference.day).weekday()
        except ValueError:
            return None
        back = (weekday - _weekday_forms(lexicon)[word]) % 7
        before = re.findall(r"[^\W\d_]+", match.string[:match.start()])[-1:]
        if back == 0 and before and (_relative_year(before[0], lexicon) or 0) > 0:
            back = 7  # «в минувшую пятницу» written on a Friday: the Friday before
        return _days_before(reference, back)
    return None


def _ago(match: re.Match, lexicon: RussianLexicon, published: Optional[PartialDate]) -> Optional[PartialDate]:
    """«три дня назад», «неделю назад», «два месяца назад»: counted back from the article's date."""
    if published is None or published.year is None or published.month is None:
        return None
    count_word = (match.group("count") or "").casefold()  # digits or a number word of the lexicon
    count = int(count_word) if count_word.isdigit() else lexicon.numbers[count_word] if count_word else 1
    unit = match.group("unit").casefold()
    if unit.startswith("месяц"):
        months = published.year * 12 + published.month - 1 - count
        return PartialDate(months // 12, months % 12 + 1)
    if published.day is None:
        return None
    return _days_before(published, count * (7 if unit.startswith("недел") else 1))


def _relative_year(word: Optional[str], lexicon: RussianLexicon) -> Optional[int]:
    if not word:
        return None
    word = word.casefold()
    for lemma, years in lexicon.relative_years.items():
        stem = lemma[:-2]  # прошл: прошлого, прошлом, прошлый
        if word.startswith(stem) and len(word) - len(stem) <= 3:
            return years
    return None


@lru_cache(maxsize=4)
def _weekday_forms(lexicon: RussianLexicon) -> dict[str, int]:
    """понедельник, в среду, в пятницу: the nominative and accusative of each weekday."""
    forms: dict[str, int] = {}
    for lemma, number in lexicon.weekdays.items():
        forms[lemma] = number
        if lemma.endswith("а"):
            forms[lemma[:-1] + "у"] = number
    return forms


def _with_year(date: PartialDate, published: Optional[PartialDate]) -> PartialDate:
    if date.year is not None or published is None or published.year is None:
        return date
    year = published.year
    if published.month is not None:
        try:
            reference = dt.date(year, published.month, published.day or 28)
            if dt.date(year, date.month, date.day or 1) > reference + dt.timedelta(days=LATE_DAYS):
                year -= 1
        except (ValueError, OverflowError):
            return date  # «29 февраля» in a year without it, or a date at the calendar's edge: no year
    dated = PartialDate(year, date.month, date.day)
    return dated if dated.is_valid() else date


def _days_before(date: PartialDate, days: int) -> Optional[PartialDate]:
    """The day ``days`` before ``date`` (after, for a negative number), or None off the calendar."""
    try:
        day = dt.date(date.year, date.month, date.day) - dt.timedelta(days=days)
    except (ValueError, OverflowError, TypeError):
        return None
    return PartialDate(day.year, day.month, day.day)
