"""Resolve the date expressions of a news article to partial dates.

Every expression is resolved against an explicit reference (the article's publication date,
possibly partial or missing) and, for chained expressions ("the next day", "a month later"),
against an anchor (the date the story was last talking about). Nothing here looks at the clock.

Decisions worth knowing:

- A date without a year takes the reference's year unless that puts it more than
  ``FUTURE_SLACK_DAYS`` after the reference; then it takes the year before (news reports the
  past: "December 20" in a January article is last December). With no reference year it stays
  year-less (``--10-25``).
- A bare weekday ("on Monday", "Friday's") is the most recent such day on or before the
  reference, so a weekday equal to the reference's is the reference day itself; "last Monday"
  is always strictly before the reference (a week back when the weekdays coincide). Weekdays
  need a full reference date.
- "December last year", "March this year": the month in the year counted from the reference;
  "last December" is the latest December before the reference's month (so "last March" in a
  May article is that year's March). With no reference year the month stays year-less.
- "last week" / "this week" / "next week" name a calendar week (Monday to Sunday). A week is
  not a precision, so the answer is that week's month when the whole week lies in one month,
  else None.
- A range written with "between" or "from" ("between late 2019 and early 2020"), or days of one
  month ("April 4-5", "14-15 September 2023"), dates what happened over it by its start
  (``range_start``); other ranges ("July 3 to August 2"),
  durations ("three days", "23 years"), decades and vague spans ("recent months", "summer")
  resolve to None: they do not date a single happening.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Optional

from dateparser.date import DateDataParser

from ..model import PartialDate

FUTURE_SLACK_DAYS = 45
# A leap year, so that "February 29" parses when the year is unknown.
_PLACEHOLDER_YEAR = 2000

_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_RE = re.compile(rf"\b(?:{_MONTH})\b\.?")
_YEAR_RE = re.compile(r"(?<![\d,.])(1[0-9]{3}|20[0-9]{2})(?![\d,])")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")s?\b")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_COUNT = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# Words that only place an expression within its period; the period itself is what we resolve.
_POSITION = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:early|mid|late|end|beginning|start|middle|first half|"
    r"second half|turn)(?:\s+of|-|\s+)\s*)"
)
_LEADING = re.compile(
    r"^(?:on|in|at|by|since|from|until|till|during|around|about|as of|as early as|"
    r"as late as|of|over|throughout|sometime in|earlier|later|early|late)\s+"
)
_VAGUE = re.compile(
    r"\b(recent|past few|coming|several|few|many|decades?|centur(?:y|ies)|era|season|"
    r"summer|winter|spring|autumn|annual|annually|weekly|daily|every|each|nowadays|"
    r"currently|soon)\b"
)
_DECADE = re.compile(r"\b\d{3}0'?s\b|\b'\d0s\b")
_RANGE = re.compile(r"\d\s*(?:-|–|—|to|until|through|and)\s*\d|\b(?:between|from)\b|\bto\b")

_ANCHOR_SAME = re.compile(
    r"^(?:(?:later|earlier)\s+)?(?:that|the same)\s+(day|date|night|evening|morning|"
    r"afternoon|month|year)$"
)
_ANCHOR_STEP = re.compile(
    r"^(?:the\s+(next|following|previous|preceding)|(following|preceding))\s+"
    r"(day|night|evening|morning|month|year)$"
)
# "November of that year", "on March 3 the same year": a calendar day in the year last talked about
_ANCHOR_IN_YEAR = re.compile(
    rf"^({_MONTH})(?:\s+(\d{{1,2}}))?,?\s+(?:of\s+)?(?:that|the same)\s+year$"
)
_ANCHOR_DAY_AROUND = re.compile(r"^the\s+(day|night|month|year)\s+(before|after|earlier|later)$")
_ANCHOR_OFFSET = re.compile(
    rf"^{_COUNT}\s+(day|week|month|year)s?\s+(later|after|afterwards|earlier|before|previously)$"
)
_CHAINED_IN_TEXT = re.compile(
    r"\b(?:(?:later|earlier) )?(?:that|the same) (?:day|night|evening|morning|afternoon)\b|"
    r"\bthe (?:next|following|previous) (?:day|morning|evening)\b|"
    r"\ba day (?:earlier|later|before)\b|\bthe day (?:before|after)\b",
    re.IGNORECASE,
)
# "December last year", "on March 3 this year", "last December": a calendar month in a year named
# by its distance from the publication date
_MONTH_OF_RELATIVE_YEAR = re.compile(
    rf"^(?:(?P<qualifier>last|this|next|past)\s+)?(?P<month>{_MONTH})\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?"
    rf"(?:,?\s+(?:of\s+)?(?P<year>last|this|next|the previous|the past|the current)\s+year)?$"
)
_RELATIVE_OFFSET = re.compile(rf"^{_COUNT}\s+(day|week|month|year)s?\s+ago$")
_RELATIVE_PERIOD = re.compile(r"^(last|this|next|past|current)\s+(week|month|year)$")
_DURATION = re.compile(rf"^(?:up to|almost|nearly|about|some|over|more than|at least)?\s*"
                       rf"(?:{_COUNT}|\d+|half a|a few|several)\s+(day|week|month|year|hour)s?$")
_WEEKDAY_EXPR = re.compile(
    r"^(?:(last|this|past|next|on|previous)\s+)?(" + "|".join(_WEEKDAYS) + r")s?"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)


def resolve_date(
    expression: str,
    reference: PartialDate | None,
    anchor: PartialDate | None = None,
) -> PartialDate | None:
    """The partial date an expression names, or None when it names none.

    ``reference`` is the article's publication date (may be partial or None); ``anchor`` is the
    date of the happening the text was last talking about, used by "the next day", "that
    evening", "a month later". Impossible dates ("February 30") resolve to None.
    """
    text = _normalise(expression)
    if not text or _DECADE.search(text):
        return None
    if _is_anchored(text):
        return _resolve_anchored(text, anchor)
    found, result = _resolve_numeric(text)
    if found:
        return result
    if _RANGE.search(text) or _DURATION.match(text) or _VAGUE.search(text):
        return None
    for resolver in (_resolve_relative, _resolve_weekday, _resolve_month_of_relative_year):
        found, result = resolver(text, reference)
        if found:
            return result
    return _resolve_calendar(text, reference)


# Days of one month: "april 4-5", "4-5 april", "october 25-26, 2023"
_DAY_RANGE = re.compile(
    rf"^(?:on\s+)?(?:(?P<month>{_MONTH})\.?\s+)?(?P<first>\d{{1,2}})\s*[-–—]\s*\d{{1,2}}"
    rf"(?(month)|\s+(?P<month_after>{_MONTH})\.?)(?:,?\s+(?P<year>\d{{4}}))?$"
)
_DAY_MONTH = re.compile(rf"^\d{{1,2}}\s+({_MONTH})\b")
_RANGE_PARTS = re.compile(
    r"^(?:between|from)\s+(?P<start>.+?)\s+(?:and|to|until|till|through|-|–|—)\s+(?P<end>.+)$"
)


def range_start(expression: str) -> Optional[str]:
    """ "between late 2019 and early 2020", "from March to May 2022", "April 4-5": the expression
    of the range's start, taking the end's year when the start states none ("March 2022"); None
    when the expression is no range written with "between" or "from" nor days of one month."""
    text = " ".join(expression.lower().split()).strip(" ,;:.")
    days = _DAY_RANGE.match(text)
    if days:  # a visit "on April 4-5" began on April 4
        return " ".join(part for part in (days.group("month") or days.group("month_after"),
                                          days.group("first"), days.group("year")) if part)
    match = _RANGE_PARTS.match(text)
    if not match:
        return None
    start, end = match.group("start"), match.group("end")
    if not (_MONTH_RE.search(start) or _YEAR_RE.search(start) or _MONTH_RE.search(end) or _YEAR_RE.search(end)):
        return None  # "between three and eight years": lengths, not times
    if start.isdigit() and (month := _DAY_MONTH.match(end)):
        start = f"{start} {month.group(1)}"  # "between 19 and 25 november": the 19th of that month
    if not _YEAR_RE.search(start) and _MONTH_RE.search(start) and (year := _YEAR_RE.search(end)):
        start = f"{start} {year.group(1)}"
    return start


def is_duration(expression: str) -> bool:
    """ "three days", "a 24-year (sentence)", "more than two months": a length of time, not a
    time, so it neither dates a clause nor says the clause has a time of its own."""
    text = _normalise(expression.replace("-", " "))
    text = re.sub(r"\s+long$", "", text)
    return bool(_DURATION.match(text))


def named_weekday(expression: str) -> Optional[int]:
    """The weekday (0 = Monday) an expression names, if it names one."""
    match = _WEEKDAY_RE.search(expression.lower())
    return _WEEKDAYS.index(match.group(1)) if match else None


def needs_anchor(expression: str) -> bool:
    """True for expressions that are relative to the previous date in the story."""
    return _is_anchored(_normalise(expression))


def chained_phrases(text: str) -> list[tuple[int, int]]:
    """Offsets of phrases in running text that date something by the previous date ("that
    evening", "a day earlier"): taggers often miss them, and they matter for the story's order."""
    return [match.span() for match in _CHAINED_IN_TEXT.finditer(text)]


def is_bare_weekday(expression: str) -> bool:
    """True for "Friday", "on Friday", "last Friday's": a weekday and nothing that dates it."""
    return bool(_WEEKDAY_EXPR.match(_normalise(expression)))


def anchor_unit(expression: str) -> Optional[str]:
    """For a chained expression, the precision its anchor needs: day, month or year."""
    text = _normalise(expression)
    if not _is_anchored(text):
        return None
    return _anchored_step(text)[0]


def _normalise(expression: str) -> str:
    text = expression.lower().replace("’", "'").replace("\u00a0", " ")
    text = re.sub(r"[()\[\]\"“”]", " ", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:.-–—")
    if _MONTH_RE.search(text) or _YEAR_RE.search(text):
        # An explicit calendar date wins over a weekday that accompanies it.
        text = _WEEKDAY_RE.sub(" ", text)
        text = re.sub(r"\s+", " ", text).strip(" ,;:-")
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
        if _MONTH_RE.search(text) or _YEAR_RE.search(text):
            text = _POSITION.sub("", text)
            text = re.sub(r"^the\s+", "", text)
        text = text.strip(" ,;:-")
    return text


def _is_anchored(text: str) -> bool:
    return bool(
        _ANCHOR_SAME.match(text) or _ANCHOR_STEP.match(text)
        or _ANCHOR_DAY_AROUND.match(text) or _ANCHOR_OFFSET.match(text) or _ANCHOR_IN_YEAR.match(text)
    )


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _resolve_anchored(text: str, anchor: PartialDate | None) -> PartialDate | None:
    if anchor is None:
        return None
    if match := _ANCHOR_IN_YEAR.match(text):
        if anchor.year is None:
            return None  # "that year" is the anchor's year, read as if the text had written it
        return _resolve_calendar(f"{match.group(1)} {match.group(2) or ''} {anchor.year}", None)
    unit, step = _anchored_step(text)
    return _shift(anchor, unit, step)


def _anchored_step(text: str) -> tuple[str, int]:
    """The unit (day, month, year) and the signed number of units a chained expression moves."""
    unit, step = "day", 0
    if _ANCHOR_IN_YEAR.match(text):
        unit = "year"
    elif match := _ANCHOR_SAME.match(text):
        unit = match.group(1)
    elif match := _ANCHOR_STEP.match(text):
        unit = match.group(3)
        step = 1 if (match.group(1) or match.group(2)) in ("next", "following") else -1
    elif match := _ANCHOR_DAY_AROUND.match(text):
        unit = match.group(1)
        step = 1 if match.group(2) in ("after", "later") else -1
    elif match := _ANCHOR_OFFSET.match(text):
        unit = match.group(2)
        step = _count(match.group(1)) * (1 if match.group(3) in ("later", "after", "afterwards") else -1)
    if unit in ("date", "night", "evening", "morning", "afternoon"):
        unit = "day"
    if unit == "week":
        unit, step = "day", step * 7
    return unit, step


def _shift(start: PartialDate, unit: str, step: int) -> PartialDate | None:
    """Move a partial date by whole units, keeping the unit as the precision."""
    if unit == "year":
        if start.year is None:
            return None
        return PartialDate(start.year + step)
    if start.month is None:
        return None
    year = start.year if start.year is not None else _PLACEHOLDER_YEAR
    if unit == "month":
        index = year * 12 + (start.month - 1) + step
        return PartialDate(index // 12 if start.year is not None else None, index % 12 + 1)
    if start.day is None:
        return None
    moved = date(year, start.month, start.day) + timedelta(days=step)
    return PartialDate(moved.year if start.year is not None else None, moved.month, moved.day)


def _resolve_numeric(text: str) -> tuple[bool, PartialDate | None]:
    """ISO dates and the day-first numeric dates of datelines ("02.05.2024")."""
    if _ISO.match(text):
        return True, PartialDate.parse(text)
    if match := _NUMERIC_DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        candidate = PartialDate(year, month, day)
        return True, candidate if candidate.is_valid() else None
    return False, None


def _reference_datetime(reference: PartialDate, need: str) -> Optional[datetime]:
    """The reference as a datetime when it is precise enough; a missing year is a placeholder."""
    if need in ("day", "month") and reference.month is None:
        return None
    if need == "day" and reference.day is None:
        return None
    if need == "year" and reference.year is None:
        return None
    year = reference.year if reference.year is not None else _PLACEHOLDER_YEAR
    return datetime(year, reference.month or 1, reference.day or 1)


def _resolve_relative(text: str, reference: PartialDate | None) -> tuple[bool, PartialDate | None]:
    """Expressions counted from the publication date: yesterday, last month, two years ago."""
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        unit, step = "day", 0
    elif text in ("yesterday", "last night"):
        unit, step = "day", -1
    elif text == "tomorrow":
        unit, step = "day", 1
    elif match := _RELATIVE_OFFSET.match(text):
        unit, step = match.group(2), -_count(match.group(1))
        if unit == "week":
            unit, step = "day", step * 7
    elif match := _RELATIVE_PERIOD.match(text):
        unit = match.group(2)
        step = {"last": -1, "past": -1, "next": 1}.get(match.group(1), 0)
        if unit == "week":
            return True, _calendar_week(reference, step)
    else:
        return False, None
    if reference is None:
        return True, None
    base = _reference_datetime(reference, unit)
    if base is None:
        return True, None
    phrase = {0: "today" if unit == "day" else f"this {unit}",
              -1: "yesterday" if unit == "day" else f"last {unit}",
              1: "tomorrow" if unit == "day" else f"next {unit}"}.get(step)
    if phrase is None:
        phrase = f"{abs(step)} {unit}s ago" if step < 0 else f"in {step} {unit}s"
    parsed = _parser(base).get_date_data(phrase)
    if parsed.date_obj is None:
        return True, None
    moved = parsed.date_obj
    year = moved.year if reference.year is not None else None
    if unit == "year":
        return True, PartialDate(year) if year is not None else None
    if unit == "month":
        return True, PartialDate(year, moved.month)
    return True, PartialDate(year, moved.month, moved.day)


def _resolve_month_of_relative_year(text: str, reference: PartialDate | None
                                    ) -> tuple[bool, PartialDate | None]:
    """ "December last year", "March 3 this year", "last December", "this March": the month
    (and day) as written, in the year the words count from the publication date. "last
    December" is the latest December before the publication month; with no reference year the
    date stays year-less."""
    match = _MONTH_OF_RELATIVE_YEAR.match(text)
    if not match or not (match.group("qualifier") or match.group("year")):
        return False, None
    if match.group("qualifier") and match.group("year"):
        return True, None  # "last December last year": nothing we can trust
    parsed = _parser(datetime(_PLACEHOLDER_YEAR, 1, 1)).get_date_data(match.group("month"))
    if parsed.date_obj is None:
        return True, None
    month = parsed.date_obj.month
    day = int(match.group("day")) if match.group("day") else None
    if reference is None or reference.year is None:
        candidate = PartialDate(None, month, day)
        return True, candidate if candidate.is_valid() else None
    year = reference.year
    word = match.group("year") or match.group("qualifier")
    if word in ("last", "the previous", "the past", "past"):
        # "last March", written in May, is that year's March; "last May" and "May last year" the year before's
        this_year = match.group("qualifier") and reference.month is not None and month < reference.month
        year -= 0 if this_year else 1
    elif word == "next":
        if not (match.group("qualifier") and reference.month is not None and month > reference.month):
            year += 1
    candidate = PartialDate(year, month, day)
    return True, candidate if candidate.is_valid() else None


def _calendar_week(reference: PartialDate | None, step: int) -> PartialDate | None:
    if reference is None or reference.day is None or reference.month is None:
        return None
    base = _reference_datetime(reference, "day").date()
    monday = base - timedelta(days=base.weekday()) + timedelta(days=7 * step)
    sunday = monday + timedelta(days=6)
    if monday.month != sunday.month:
        return None
    return PartialDate(monday.year if reference.year is not None else None, monday.month)


def _resolve_weekday(text: str, reference: PartialDate | None) -> tuple[bool, PartialDate | None]:
    """A named weekday, counted back from a full reference date (see the module docstring)."""
    match = _WEEKDAY_EXPR.match(text)
    if not match:
        return False, None
    if reference is None or None in (reference.year, reference.month, reference.day):
        return True, None
    base = date(reference.year, reference.month, reference.day)
    wanted = _WEEKDAYS.index(match.group(2))
    back = (base.weekday() - wanted) % 7
    qualifier = match.group(1)
    if qualifier in ("last", "previous") and back == 0:
        back = 7
    if qualifier == "next":
        found = base + timedelta(days=(wanted - base.weekday()) % 7 or 7)
    else:
        found = base - timedelta(days=back)
    return True, PartialDate(found.year, found.month, found.day)


def _resolve_calendar(text: str, reference: PartialDate | None) -> PartialDate | None:
    """Month names and years ("25 October", "late March", "September 2022", "in 2021")."""
    has_month = bool(_MONTH_RE.search(text))
    year_match = _YEAR_RE.search(text)
    if not has_month and not year_match:
        return None
    if year_match and not has_month and text != year_match.group(0):
        return None  # "2021 elections" and the like are not dates
    parsed = _parser(datetime(_PLACEHOLDER_YEAR, 1, 1)).get_date_data(text)
    if parsed.date_obj is None:
        return None
    found, period = parsed.date_obj, parsed.period
    if year_match:
        year = int(year_match.group(1))
        if found.year != year:
            return None
        if period == "year" or not has_month:
            return PartialDate(year)
        if period == "month":
            return PartialDate(year, found.month)
        return PartialDate(year, found.month, found.day)
    day = found.day if period == "day" else None
    return _place_in_year(found.month, day, reference)


def _place_in_year(month: int, day: Optional[int], reference: PartialDate | None) -> PartialDate | None:
    """Give a year-less date the reference's year, or the year before if that is too far ahead."""
    if reference is None or reference.year is None:
        return PartialDate(None, month, day)
    year = reference.year
    if reference.month is not None:
        ref_day = reference.day or calendar.monthrange(year, reference.month)[1]
        ahead = date(year, month, day or 1) if _valid(year, month, day) else None
        if ahead is not None and (ahead - date(year, reference.month, ref_day)).days > FUTURE_SLACK_DAYS:
            year -= 1
    candidate = PartialDate(year, month, day)
    return candidate if candidate.is_valid() else None


def _valid(year: int, month: int, day: Optional[int]) -> bool:
    return day is None or day <= calendar.monthrange(year, month)[1]


@lru_cache(maxsize=256)
def _parser(base: datetime) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"},
    )


_TITLE_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def title_year(article) -> Optional[int]:
    """The one year an article's own title names ("Floods of 2024: a chronicle"), if it names
    exactly one: in a story whose date gives no year, the year its dates without one are in."""
    if getattr(article, "title_derived", False) or not article.title:
        return None
    years = {int(y) for y in _TITLE_YEAR.findall(article.title)}
    return years.pop() if len(years) == 1 else None
