"""The dated happenings a Russian article reports: one event per sentence that reports one.

A sentence reports a happening when a word of it is a trigger of ``data/russian.yml`` (by lemma).
Its type is the trigger's; a sentence whose main verb is a verb of speech («Минздрав сообщил, что…»)
is a statement, whatever it reports. Its date is the one the sentence gives, else the one the
paragraph has reached, else the article's own for the first paragraph. Its participants are the
actors and places named in the sentence. Events of one type and date in one paragraph are one.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import Article, Mention, PartialDate
from .dates import find_dates
from .lexicon import RussianLexicon
from .mentions import ParsedParagraph

TITLE_WORDS = 24  # a title longer than this is cut, with an ellipsis
_FATALITIES = re.compile(
    r"(?P<n1>\d+)\s+(?:\w+\s+){0,2}(?:погиб\w*|убит\w*|жертв\w*|погибш\w*)|(?:погиб\w*|убит\w*|жертвами\s+стали)\s+(?:\w+\s+){0,2}(?P<n2>\d+)",
    re.I)
_LEAD_IN = re.compile(r"^(?:(?:при этом|также|позже|ранее|кроме того|между тем|в свою очередь|более того|сейчас|в настоящее время)\s*,?\s*)+", re.I)
_QUOTED = re.compile(r"«(?:[^«»]|«[^«»]*»)*(?:»|$)")


def detect_events(article: Article, parsed: list[ParsedParagraph], mentions: list[Mention],
                  lexicon: RussianLexicon, lemma_of) -> list[dict]:
    """Events with the fields of the English ones: type, date, precision, title, actors, places,
    fatalities, paragraph, sentence, trigger. ``lemma_of(token)``: a Natasha token's lemma."""
    events: list[dict] = []
    lead = next((p.index for p in article.paragraphs if not p.heading and p.text.strip()), None)
    story: Optional[PartialDate] = article.published
    for para in parsed:
        if next((p for p in article.paragraphs if p.index == para.index and p.heading), None):
            continue
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(para.text)]
        current: Optional[PartialDate] = article.published if para.index == lead else None
        for sent in para.doc.sents:
            reference = story if story is not None and story.day is not None else article.published
            dates = find_dates(sent.text, lexicon, reference)
            if dates:
                current = dates[0].date
                if current.day is not None and current.year is not None:
                    story = current
            trigger = _trigger(sent, quoted, lexicon, lemma_of)
            if trigger is None:
                continue
            type_, token = trigger
            inside = [m for m in mentions if m.paragraph == para.index and sent.start <= m.start < sent.stop]
            events.append({
                "type": type_,
                "date": current.iso() if current else None,
                "precision": current.precision if current else None,
                "title": _title(sent.text),
                "actors": list(dict.fromkeys(m.name for m in inside if m.kind == "actor")),
                "places": list(dict.fromkeys(m.name for m in inside if m.kind == "place")),
                "fatalities": _fatalities(sent.text) if type_ in ("attack", "armed-clash", "disaster") else None,
                "paragraph": para.index,
                "sentence": sent.text.strip(),
                "trigger": token.text,
            })
    return _merged(events)


def _trigger(sent, quoted: list[tuple[int, int]], lexicon: RussianLexicon, lemma_of) -> Optional[tuple[str, object]]:
    """(type, trigger token) of the happening a sentence reports, or None."""
    found = []
    for token in sent.tokens:
        if any(s <= token.start < e for s, e in quoted):
            continue  # what a speaker says is theirs, not a happening the article reports
        type_ = lexicon.triggers.get(lemma_of(token))
        if type_:
            found.append((type_, token))
    if not found:
        return None
    root = next((t for t in sent.tokens if t.rel == "root"), None)
    if root is not None and lemma_of(root) in lexicon.speech_verbs and _has_subject(root, sent):
        return "statement", root
    strong = [f for f in found if f[0] not in lexicon.weak_types]
    if strong:
        on_root = [f for f in strong if root is not None and f[1].id == root.id]
        verbs = [f for f in strong if f[1].pos == "VERB"]
        return (on_root or verbs or strong)[0]
    statements = [f for f in found if f[0] == "statement"]
    return (statements or found)[0]


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


def _fatalities(sentence: str) -> Optional[int]:
    match = _FATALITIES.search(sentence)
    return int(match.group("n1") or match.group("n2")) if match else None


def _merged(events: list[dict]) -> list[dict]:
    """One event per (paragraph, type, date): a paragraph telling one happening in several sentences."""
    out: list[dict] = []
    for event in events:
        same = next((e for e in out if e["paragraph"] == event["paragraph"] and e["type"] == event["type"]
                     and e["date"] == event["date"]), None)
        if same is None:
            out.append(event)
            continue
        same["actors"] += [a for a in event["actors"] if a not in same["actors"]]
        same["places"] += [p for p in event["places"] if p not in same["places"]]
        if same["fatalities"] is None:
            same["fatalities"] = event["fatalities"]
    return out
