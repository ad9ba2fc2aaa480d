"""Names in a Russian article -> ``Mention`` records, and its sentences -> ``Sentence`` records.

Natasha finds the names (people, places, organisations) in the forms the text inflects; each is
brought to its nominative (names.py) and looked up in the gazetteer, which knows the region's
names in both scripts: a name it knows becomes its entry (Таджикистана -> Tajikistan), with the
entry's kind and type. Names the model missed are found by the gazetteer alone, looked up by each
capitalised word's lemma («в Бишкеке» -> Бишкек).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from ...knowledge.gazetteer import Gazetteer, GazetteerEntry
from ...knowledge.russian_lexicon import RussianLexicon
from ...model import Article, Mention, Sentence
from .dates import dateline
from .names import SURNAME, named_surname, nominative, womans_case, womans_surname
from .transliteration import romanizations

LABELS = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}


@dataclass
class ParsedParagraph:
    index: int
    text: str
    doc: object  # natasha Doc
    # A heading in capitals read again in sentence case, for its events (the tagger reads capitals poorly).
    events_doc: object = None


def lemma(token, analyzer) -> str:
    """The dictionary form of a Natasha token, read as the tagger read its part of speech."""
    return _lemma(token.text, token.pos, analyzer)


def word_lemma(word: str, analyzer) -> str:
    """A word's dictionary form with no part of speech to go by."""
    return _lemma(word, "", analyzer)


@lru_cache(maxsize=50_000)
def _lemma(text: str, pos: str, analyzer) -> str:
    wanted = {"NOUN": "NOUN", "PROPN": "NOUN", "VERB": ("VERB", "INFN", "PRTF", "PRTS", "GRND"),
              "ADJ": ("ADJF", "ADJS", "PRTF"), "AUX": ("VERB", "INFN")}.get(pos)
    parses = analyzer.parse(text)
    if wanted:
        parses = [p for p in parses if p.tag.POS in (wanted if isinstance(wanted, tuple) else (wanted,))] or parses
    return parses[0].normal_form.replace("ё", "е") if parses else text.casefold()


def find_mentions(article: Article, parsed: list[ParsedParagraph], gazetteer: Gazetteer,
                  lexicon: RussianLexicon, analyzer) -> tuple[list[Mention], list[Sentence]]:
    mentions: list[Mention] = []
    sentences: list[Sentence] = []
    found: list[tuple[ParsedParagraph, object, str]] = []  # (paragraph, span, nominative)
    credits: dict[int, list[tuple[int, int]]] = {}
    for para in parsed:
        for sent in para.doc.sents:
            sentences.append(Sentence(para.index, sent.start, sent.stop, sent.text))
        credits[para.index] = _credits(para.text, lexicon)
        for span in _people_misread(_joined(para.doc, lexicon, analyzer), para.doc, gazetteer, analyzer):
            if not _is_name(span, lexicon, analyzer):
                continue
            name = span.name or nominative(span.tokens, analyzer, person=span.type == "PER",
                              woman_in=_woman_before(span, para.doc) if span.type == "PER" else None,
                              conjoined_in=_conjoined_case(span, para.doc) if span.type == "PER" else None)
            if name:
                found.append((para, span, name))
    country = _main_country(found, gazetteer)
    found = _surnames_of_the_named(_women_of_the_named(found, analyzer))
    for para, span, name in found:
        before = len(mentions)
        _add_mention(mentions, para, span, name, gazetteer, country, analyzer, lexicon)
        if span.abbreviation is not None and len(mentions) > before:
            # «Шанхайской организации сотрудничества (ШОС)»: the letters in brackets name it too
            first, stop = span.abbreviation
            outer = mentions[-1]
            known = _lookup(gazetteer, (para.text[first:stop],), country)
            if known is not None and outer.origin != "gazetteer" and known.kind == outer.kind:
                # the gazetteer knows the letters («ШОС»): the name they stand for is its entry too
                outer = mentions[-1] = _gazetteer_mention(known, outer.text, para.index, outer.start, outer.end, outer.label)
            mentions.append(replace(outer, text=para.text[first:stop], start=first, end=stop))
    mentions += _gazetteer_only(parsed, mentions, gazetteer, country, analyzer, lexicon)
    bodies = _institutions(parsed, mentions, lexicon, analyzer, gazetteer)
    known = {(m.paragraph, m.start, m.end) for m in bodies if m.origin == "gazetteer"}
    # «Сенат Узбекистана», which the model found and the gazetteer knows as the country's senate
    mentions = [m for m in mentions if m.origin == "gazetteer" or (m.paragraph, m.start, m.end) not in known] + bodies
    mentions += _surname_subjects(parsed, mentions, analyzer)
    mentions = _listed_places(parsed, mentions, lexicon, analyzer, gazetteer)
    mentions = _streets(parsed, mentions, lexicon, analyzer, gazetteer)
    _outlets_of_datelines(parsed, mentions)
    mentions = _outlets_by_address(parsed, mentions, lexicon, analyzer)
    # a photo credit's names («Фото: Турар Казангапов / Reuters») are the page's, not the story's
    mentions = [m for m in mentions if not any(s <= m.start < e for s, e in credits.get(m.paragraph, ()))]
    return sorted(mentions, key=lambda m: (m.paragraph, m.start)), sentences


def _woman_before(span: NameSpan, doc) -> Optional[str]:
    """The case of a feminine noun for a person right before the name («журналистку», «активистки»),
    if there is one: it says the name is a woman's, in that case."""
    before = [t for t in doc.tokens if t.stop <= span.start][-1:]
    if not before or doc.text[before[0].stop:span.start].strip():
        return None
    feats = before[0].feats or {}
    if before[0].pos == "NOUN" and feats.get("Gender") == "Fem" and feats.get("Animacy") == "Anim" \
            and feats.get("Number") == "Sing" and feats.get("Case"):
        return feats["Case"]
    return None


def _conjoined_case(span: NameSpan, doc) -> Optional[str]:
    """The case of the person's name a name is coordinated with («дом Ивана Петрова и Рустама
    Бекова»: Иван Петров's genitive), as the parse links them; None if it links none."""
    ids = {t.id for t in span.tokens}
    root = next((t for t in span.tokens if t.head_id not in ids), span.tokens[0])
    if root.rel != "conj":
        return None
    head = next((t for t in doc.tokens if t.id == root.head_id), None)
    named = head is not None and any(s.type == "PER" and s.start <= head.start < s.stop for s in doc.spans)
    return (head.feats or {}).get("Case") if named else None


def _women_of_the_named(found: list[tuple], analyzer) -> list[tuple]:
    """A person's name whose surname the article writes elsewhere as a woman's («публикация
    Алтынбековой») is a woman's: «Мадина Алтынбекова» is her nominative, not a man's genitive."""
    women = {w for _, span, _ in found if span.type == "PER" for t in span.tokens if (w := womans_surname(t.text))}
    out = []
    for para, span, name in found:
        case = womans_case(span.tokens[-1].text, women) if span.type == "PER" and len(span.tokens) > 1 else None
        if case is not None and not span.name:
            name = nominative(span.tokens, analyzer, person=True, woman_in=case)
        out.append((para, span, name))
    return out


def _surnames_of_the_named(found: list[tuple]) -> list[tuple]:
    """A person named by a surname alone, in a case the dictionary cannot undo («Шарифзоду»), is
    the person the article names in full with that surname in the nominative."""
    surnames = {name.split()[-1] for _, span, name in found if span.type == "PER" and len(name.split()) > 1}
    out = []
    for para, span, name in found:
        if span.type == "PER" and len(span.tokens) == 1:
            name = named_surname(name, surnames) or name
        out.append((para, span, name))
    return out


def _add_mention(mentions: list[Mention], para: ParsedParagraph, span: "NameSpan", name: str, gazetteer: Gazetteer,
                 country: Optional[str], analyzer, lexicon: RussianLexicon) -> None:
    """The mention of one name the model found: the gazetteer's entry when it knows the name,
    else the model's reading."""
    longer = _longer_known(para, span, gazetteer, country, analyzer)
    if longer is not None:  # «Жокаргы» of «Жокаргы Кенес»: the name the gazetteer knows, whole
        span, name = longer
    forms = (name, span.text)
    if len(span.tokens) == 1:  # «рассказал Азаттыку»: an outlet inflected like a noun, read as a surname
        forms += (word_lemma(span.text, analyzer).capitalize(),)
    entry = _lookup(gazetteer, forms, country)
    if entry is None and span.type != "PER" and 2 <= len(span.tokens) <= WORDWISE_WORDS:
        # «Жогорку Кенеша»: a name of words foreign to Russian that the tagger misreads; each word
        # as written or as its own lemma («Жогорку Кенеш»)
        words = [(t.text, word_lemma(t.text, analyzer).capitalize()) for t in span.tokens]
        entry = _lookup(gazetteer, tuple(" ".join(c) for c in itertools.product(*words))[1:], country)
    if entry is not None and span.type == "PER" and entry.kind != "actor" and (
            len(span.tokens) > 1 or any(gazetteer.is_ambiguous(f) for f in (name, span.text))):
        entry = None  # «Сердар», «Аркадаг»: a person the model read, whatever town shares the name
    label = LABELS.get(span.type, "ORG")
    if entry is not None:
        mentions.append(_gazetteer_mention(entry, span.text, para.index, span.start, span.stop, label))
        return
    if span.type == "PER":
        kind, type_ = "actor", "person"
    elif span.type == "LOC" or _headed_by_a_place_word(span, lexicon, analyzer):
        # «Национальная туристическая зона «Аваза»» read as an organisation: its head says place
        kind, type_ = "place", _place_type(span.tokens, lexicon, analyzer)
    else:
        kind, type_ = "actor", _actor_type(span.tokens, lexicon, analyzer)
    mentions.append(Mention(span.text, para.index, span.start, span.stop, kind, type_, label, "model",
                            name=name, title=_role_before(para.doc, span, lexicon, analyzer)))


LONGER_BY = 2  # words after a name the model found that may complete a name the gazetteer knows


def _longer_known(para: ParsedParagraph, span, gazetteer: Gazetteer, country: Optional[str], analyzer):
    """The span and its nominative grown by the words after it, when the gazetteer knows the
    longer name («Жокаргы» + «Кенеса» -> Жокаргы Кенес); else None."""
    after = [t for t in para.doc.tokens if t.start >= span.stop][:LONGER_BY]
    best = None
    for width in range(1, len(after) + 1):
        extra = after[:width]
        if not extra[-1].text[:1].isalpha() or para.text[span.stop:extra[0].start].strip():
            break  # (a lower-case word may complete a name the gazetteer knows: «Маджлиси намояндагон»)
        tokens = list(span.tokens) + extra
        name = nominative(tokens, analyzer, person=span.type == "PER")
        if _lookup(gazetteer, (name, para.text[span.start:extra[-1].stop]), country) is not None:
            best = (NameSpan(span.type, span.start, extra[-1].stop, para.text[span.start:extra[-1].stop], tokens), name)
    return best


@dataclass
class NameSpan:
    """A name the model found, as Natasha gives it, possibly joined with the next one."""
    type: str
    start: int
    stop: int
    text: str
    tokens: list
    abbreviation: Optional[tuple[int, int]] = None  # «(ШОС)» written after the name: its offsets
    name: str = ""  # its nominative, when the words it spans do not give it («водного хозяйства» of «Министерства …»)


def _joined(doc, lexicon: RussianLexicon, analyzer) -> list[NameSpan]:
    """The model's names, an organisation joined with the name in the genitive right after it
    («Минздрав Кыргызстана», «Погранслужба ГКНБ», «Демократической партии Туркменистана»: one
    organisation), and a Turkic patronymic's word kept with the person's name («… уулу»)."""
    spans = [part for s in doc.spans
             for part in _coordinated(_trimmed(NameSpan(s.type, s.start, s.stop, s.text, list(s.tokens)), doc), doc,
                                      analyzer)]
    out: list[NameSpan] = []
    for span in spans:
        previous = out[-1] if out else None
        if (previous is not None and previous.type == "ORG" and span.type in ("LOC", "ORG")
                and doc.text[previous.stop:span.start].strip() == "" and _genitive(span)):
            if span.type == "LOC":
                out.append(span)  # the country stays a participant too
            joined = NameSpan("ORG", previous.start, span.stop, doc.text[previous.start:span.stop],
                              previous.tokens + span.tokens)
            out[out.index(previous)] = joined
            continue
        if previous is not None and span.start < previous.stop:
            if span.type == "LOC":  # «… в ГБАО»: the place a body's name ends with stays a place of its own
                out.append(span)
            continue  # «… при Генеральной прокуратуре»: the body a body is attached to is part of its name
        if span.type == "ORG":
            span = _with_seat(_with_remit(span, doc), doc)
        if span.type == "PER":
            span = _untitled(span, doc, lexicon, analyzer)
            place = _resident_place(span, doc, lexicon, analyzer)
            if place is not None:  # «житель Исфары Абдурахмон Каримов»: the town, then the person
                out.append(place)
                span = NameSpan("PER", span.tokens[1].start, span.stop, doc.text[span.tokens[1].start:span.stop],
                                span.tokens[1:])
            else:
                before = [t for t in doc.tokens if t.stop <= span.start][-1:]
                office = bool(before) and lemma(before[0], analyzer) in lexicon.role_words
                body = _body_before_name(span, doc, analyzer, after_office=office)
                if body is not None:  # «Жогорку Кенеша Кыргызстана Азамат Токтосунов»
                    out.append(body)
                    first = span.tokens[len(body.tokens)]
                    span = NameSpan("PER", first.start, span.stop, doc.text[first.start:span.stop],
                                    span.tokens[len(body.tokens):])
            after = [t for t in doc.tokens if t.start >= span.stop][:1]
            if after and after[0].text.casefold() in lexicon.patronymic_words and doc.text[span.stop:after[0].start].strip() == "":
                span = NameSpan("PER", span.start, after[0].stop, doc.text[span.start:after[0].stop], span.tokens + after)
            if (previous is not None and previous.type == "PER" and span.tokens[-1].text.casefold() in lexicon.patronymic_words
                    and len(previous.tokens) == 1 and doc.text[previous.stop:span.start].strip() == ""):
                # «Бактыбека | Афтандил уулу»: the model cut a given name from the father's name after it
                out[out.index(previous)] = NameSpan("PER", previous.start, span.stop, doc.text[previous.start:span.stop],
                                                    previous.tokens + span.tokens)
                continue
        out.append(span)
    return sorted(out, key=lambda s: (s.start, -s.stop))


def _people_misread(spans: list[NameSpan], doc, gazetteer: Gazetteer, analyzer) -> list[NameSpan]:
    """A woman's or man's given name the finder read as a place or cut from the surname after it
    («Зарю Темирбаеву» as a place, «Зарю» | «Темирбаеву»): a capitalised word the gazetteer does
    not know, right before a surname of the -ов, -ин kind the gazetteer does not know either,
    makes one person's name with it."""
    def unknown(token) -> bool:
        return (token.text[:1].isupper() and not token.text.isupper() and gazetteer.lookup(token.text) is None
                and gazetteer.lookup(word_lemma(token.text, analyzer).capitalize()) is None)

    def surname(token) -> bool:
        return unknown(token) and SURNAME.search(token.text) is not None and any(
            "Surn" in p.tag for p in analyzer.parse(token.text))

    out: list[NameSpan] = []
    for span in spans:
        previous = out[-1] if out else None
        if (span.type == "PER" and len(span.tokens) == 1 and surname(span.tokens[0]) and previous is not None
                and previous.type != "PER" and len(previous.tokens) == 1 and unknown(previous.tokens[0])
                and doc.text[previous.stop:span.start] == " "):
            out[-1] = NameSpan("PER", previous.start, span.stop, doc.text[previous.start:span.stop],
                               previous.tokens + span.tokens)
            continue
        if (span.type == "LOC" and len(span.tokens) == 2 and span.tokens[0].pos != "ADJ"
                and all(unknown(t) for t in span.tokens) and surname(span.tokens[1])):
            span = replace(span, type="PER")
        out.append(span)
    return out


_NOT_NAME_POS = ("VERB", "AUX", "ADV", "ADP", "PRON", "CCONJ", "SCONJ", "PART")


def _trimmed(span: NameSpan, doc) -> NameSpan:
    """A span without the words the name finder took in at its start that no name begins with
    («Заявило Агентство по…»: a verb), and without an abbreviation in brackets it took in at its
    end («Шанхайской организации сотрудничества (ШОС)»), which it keeps aside."""
    tokens = list(span.tokens)
    opening = next((n for n, t in enumerate(tokens) if t.text == "("), None)
    if opening is not None and opening > 0 and tokens[-1].text == ")" and len(tokens) - opening == 3:
        inner = tokens[opening + 1]
        span = NameSpan(span.type, span.start, tokens[opening - 1].stop,
                        doc.text[span.start:tokens[opening - 1].stop], tokens[:opening],
                        (inner.start, inner.stop) if inner.text.isupper() else None)
        tokens = list(span.tokens)
    while len(tokens) > 1 and tokens[0].pos in _NOT_NAME_POS:
        tokens = tokens[1:]
    if len(tokens) == len(span.tokens):
        return span
    return NameSpan(span.type, tokens[0].start, span.stop, doc.text[tokens[0].start:span.stop], tokens,
                    span.abbreviation)


def _coordinated(span: NameSpan, doc, analyzer) -> list[NameSpan]:
    """An organisation's noun with complements coordinated after it («Министерства юстиции, культуры
    и спорта», as the parse links «культуры» and «спорта» to the noun): a body for each complement,
    named with the noun in the singular, whether the finder ran its span on over them or stopped."""
    if span.type != "ORG":
        return [span]
    root = span.tokens[0]
    if root.pos not in ("NOUN", "PROPN") or (root.feats or {}).get("Case") == "Gen" or any(
            t.head_id not in {x.id for x in span.tokens} for t in span.tokens[1:]):
        return [span]  # (a genitive noun's conjuncts may be its own: «сотрудники Министерства и полиции»)
    tokens = [t for t in doc.tokens if t.start >= span.start]
    complements = []
    for n, token in enumerate(tokens):
        if token.rel != "conj" or token.head_id != root.id:
            continue
        begin = n
        while begin > 0 and tokens[begin - 1].pos == "ADJ" and tokens[begin - 1].text.islower():
            begin -= 1  # «водного хозяйства»
        if (token.pos != "NOUN" or not token.text.islower() or (token.feats or {}).get("Case") != "Gen"
                or (token.feats or {}).get("Number") != "Sing" or tokens[begin - 1].text not in (",", "и")):
            break  # «…, органов правопорядка и других служб»: what the bodies worked with, not a body's remit
        complements.append(tokens[begin:n + 1])
    if not complements:
        return [span]
    head = _singular(root, analyzer)
    first = [t for t in span.tokens if t.stop <= complements[0][0].start]
    while first and first[-1].text in (",", "и"):
        first.pop()
    out = [NameSpan("ORG", span.start, first[-1].stop, doc.text[span.start:first[-1].stop], first,
                    name=" ".join([head, doc.text[first[1].start:first[-1].stop]]) if len(first) > 1 else head)]
    for words in complements:
        text = doc.text[words[0].start:words[-1].stop]
        out.append(NameSpan("ORG", words[0].start, words[-1].stop, text, [root] + words, name=f"{head} {text}"))
    return out


def _singular(token, analyzer) -> str:
    """A noun in the nominative singular, capitalised as written («Министерства» -> Министерство)."""
    parse = next((p for p in analyzer.parse(token.text) if p.tag.POS == "NOUN"), None)
    form = parse.inflect({"nomn", "sing"}) if parse is not None else None
    word = form.word if form is not None else token.text
    return word[:1].upper() + word[1:] if token.text[:1].isupper() else word


REMIT_WORDS = 6  # «по делам молодёжи и спорта»: the words of a body's remit, at most


def _with_remit(span: NameSpan, doc) -> NameSpan:
    """An organisation with the remit Russian names give after «по» («Нурафшанский городской суд по
    уголовным делам», «Агентство по противодействию коррупции»): nouns and adjectives, up to a
    punctuation mark, a verb or another preposition."""
    if all(t.text.isupper() for t in span.tokens if t.pos in ("NOUN", "PROPN")):
        return span  # «ООН по гуманитарным вопросам» is a title's, «РК по…» a longer name's the finder cut
    after = [t for t in doc.tokens if t.start >= span.stop][:REMIT_WORDS + 1]
    if not after or after[0].text.casefold() != "по" or doc.text[span.stop:after[0].start].strip():
        return span
    taken = []
    for token in after[1:]:
        if token.pos == "CCONJ" and token.text.casefold() == "и":
            taken.append(token)
            continue
        if token.pos not in ("NOUN", "ADJ") or (token.feats or {}).get("Case") not in ("Dat", "Gen"):
            break  # the remit is a dative and its genitives: «по обеспечению безопасности»
        taken.append(token)
    while taken and taken[-1].pos == "CCONJ":
        taken.pop()
    if not taken or taken[-1].pos != "NOUN":
        return span
    tokens = list(span.tokens) + [after[0]] + taken
    return NameSpan("ORG", span.start, taken[-1].stop, doc.text[span.start:taken[-1].stop], tokens)


_SEAT_PREPOSITIONS = ("при", "в")  # «комитет по … при правительстве», «штаб по … в области»


def _with_seat(span: NameSpan, doc) -> NameSpan:
    """A body with a remit, and the body or place it sits at, when the parse hangs that on the
    body's name («Департамент по борьбе с контрабандой при Министерстве финансов», «Штаб по
    ликвидации последствий в Нарынской области»): the words in the locative after «при» or «в»."""
    if not any(t.text.casefold() == "по" for t in span.tokens):
        return span
    after = [t for t in doc.tokens if t.start >= span.stop][:REMIT_WORDS + 1]
    if (len(after) < 2 or after[0].text.casefold() not in _SEAT_PREPOSITIONS
            or doc.text[span.stop:after[0].start].strip()):
        return span
    words = list(itertools.takewhile(lambda t: t.pos in ("ADJ", "NOUN", "PROPN"), after[1:]))
    seat = next((n for n, t in enumerate(words) if t.pos != "ADJ"), None)
    ids = {t.id for t in span.tokens}
    if seat is None or (words[seat].feats or {}).get("Case") != "Loc" or words[seat].head_id not in ids:
        return span
    ids |= {t.id for t in words[:seat + 1]}
    end = seat
    for n in range(seat + 1, len(words)):  # the seat's own genitives: «при Министерстве финансов»
        if words[n].head_id not in ids and words[n].pos != "ADJ":
            break
        ids.add(words[n].id)
        end = n if words[n].pos != "ADJ" else end
    tokens = list(span.tokens) + [after[0]] + words[:end + 1]
    return NameSpan("ORG", span.start, tokens[-1].stop, doc.text[span.start:tokens[-1].stop], tokens)


def _untitled(span: NameSpan, doc, lexicon: RussianLexicon, analyzer) -> NameSpan:
    """A person's name without the office or courtesy the name finder took in with it
    («Президент Бердымухамедов», «Г-жа Наталья Дрозд»)."""
    tokens = list(span.tokens)
    while len(tokens) > 1 and (tokens[0].text.casefold() in lexicon.honorifics
                               or lemma(tokens[0], analyzer) in lexicon.role_words):
        tokens = tokens[1:]
    if len(tokens) == len(span.tokens):
        return span
    return NameSpan("PER", tokens[0].start, span.stop, doc.text[tokens[0].start:span.stop], tokens)


def _resident_place(span: NameSpan, doc, lexicon: RussianLexicon, analyzer) -> Optional[NameSpan]:
    """The first word of a person's name of three or more words, when it is a genitive right after
    a noun of residence («житель Исфары Абдурахмон Каримов»): the place the person is from."""
    if len(span.tokens) < 3:
        return None
    first = span.tokens[0]
    before = [t for t in doc.tokens if t.stop <= span.start][-1:]
    if not before or lemma(before[0], analyzer) not in lexicon.resident_nouns:
        return None
    if not any(p.tag.case == "gent" for p in analyzer.parse(first.text)):
        return None
    return NameSpan("LOC", first.start, first.stop, first.text, [first])


def _body_before_name(span: NameSpan, doc, analyzer, after_office: bool = False) -> Optional[NameSpan]:
    """The words a person's name of four or more words opens with, up to one that can only be a
    genitive, when the two or three after it read as a person's names («[председатель] Жогорку
    Кенеша Кыргызстана Азамат Токтосунов»): the body whose office the person holds, read by
    the name finder into the name. Right after an office («депутат Мажилиса Асхат Рахимжанов»,
    ``after_office``) one such word before a name of two is the body too."""
    tokens = span.tokens
    if len(tokens) < (3 if after_office else 4):
        return None
    for k in (len(tokens) - 2, len(tokens) - 3):
        parses = analyzer.parse(tokens[k - 1].text)
        only_genitive = any(p.tag.case == "gent" for p in parses) and not any(p.tag.case == "nomn" for p in parses)
        names = all(any(any(g in p.tag for g in ("Name", "Surn", "Patr")) or not p.is_known
                        for p in analyzer.parse(t.text)) for t in tokens[k:])
        if k >= (1 if after_office else 2) and only_genitive and names:
            return NameSpan("ORG", tokens[0].start, tokens[k - 1].stop, doc.text[tokens[0].start:tokens[k - 1].stop],
                            tokens[:k])
    return None


def _genitive(span: NameSpan) -> bool:
    root = span.tokens[0] if len(span.tokens) == 1 else next(
        (t for t in span.tokens if t.head_id not in {x.id for x in span.tokens}), span.tokens[0])
    return (root.feats or {}).get("Case") == "Gen" or (root.text.isupper() and len(root.text) > 1)


def _is_name(span: NameSpan, lexicon: RussianLexicon, analyzer) -> bool:
    """Not a word of the language that happens to be capitalised («Политика» opening a sentence)."""
    if span.text.casefold() in lexicon.not_names:
        return False
    first, _, last = span.text.partition("-")
    if len(span.tokens) == 1 and last[:1].islower() and first.isascii() and not last.isascii():
        return False  # «Telegram-канале», «YouTube-канал»: a Russian common noun after a platform's name
    common = len(span.tokens) == 1 and _common_word(span.text, analyzer)  # asked once: a dictionary look-up
    if common and (span.tokens[0].pos in ("ADJ", "VERB") or all(
            p.tag.POS in ("ADJF", "PRTF") for p in analyzer.parse(span.text))):
        return False  # «Рассекреченные документы …»: a word of the language, capitalised to open a sentence
    if len(span.tokens) > 1 or span.type == "ORG" or span.text.isupper():
        return True
    if span.type == "PER" and span.text[:1].isupper() and SURNAME.search(span.text):
        return True  # a person the model found by a surname the dictionary reads as a common noun
    return not common  # one word here: longer spans were names above


_PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr")


def _common_word(word: str, analyzer) -> bool:
    """A word the dictionary knows in every reading, and in none as a name."""
    parses = analyzer.parse(word)
    return bool(parses) and all(p.is_known and not any(t in p.tag for t in _PROPER) for p in parses)


def _credits(text: str, lexicon: RussianLexicon) -> list[tuple[int, int]]:
    """Where a photo credit runs: from «Фото:» to the closing parenthesis or the sentence's end."""
    out = []
    for match in re.finditer(r"(?<![\w])([^\W\d_]+)\s*:", text):
        if match.group(1).casefold() in lexicon.credit_words:
            end = min([i for i in (text.find(")", match.end()), text.find(". ", match.end())) if i >= 0] or [len(text)])
            out.append((match.start(), end))
    return out


def _institutions(parsed: list[ParsedParagraph], mentions: list[Mention], lexicon: RussianLexicon,
                  analyzer, gazetteer: Optional[Gazetteer] = None) -> list[Mention]:
    """«посольство Кыргызстана», «аэропорт Ашхабада», «министерство обороны Таджикистана»: a common
    noun of ``institution_heads`` before a place's name, right before it or with the genitives of its
    remit between, makes one name of all (the place stays a mention of its own); the gazetteer's
    body when it holds the country's under the noun's English ("Kyrgyzstan's parliament")."""
    out = []
    for para in parsed:
        places = {m.start: m for m in mentions if m.paragraph == para.index and m.kind == "place"}
        tokens = list(para.doc.tokens)
        for i, token in enumerate(tokens):
            kind_type = lexicon.institution_heads.get(lemma(token, analyzer))
            as_written = kind_type is None  # «власти», listed as written («власть» is power)
            kind_type = kind_type or lexicon.institution_heads.get(token.text.casefold())
            if kind_type is None:
                continue
            following = tokens[i + 1:i + 2 + REMIT_GENITIVES]
            while (following and following[0].start not in places and _remit_genitive(following[0])
                   and lemma(following[0], analyzer) not in lexicon.actor_heads):  # «департамент агентства»: two bodies
                following = following[1:]
            if following and following[0] is tokens[i + 1] and following[0].text.casefold() == "по":
                following = _past_remit(tokens[i + 2:i + 2 + REMIT_WORDS + 1])  # «суд по уголовным делам Астаны»
            place = places.get(following[0].start) if following else None
            if place is None:
                continue
            first = i
            while (lemma(token, analyzer) in lexicon.adjective_named_heads and first > 0 and tokens[first - 1].pos == "ADJ"
                   and (tokens[first - 1].feats or {}).get("Case") == (token.feats or {}).get("Case")):
                first -= 1  # «специализированный межрайонный суд»
            english = kind_type[2] if following[0] is tokens[i + 1] and first == i else ""  # «министерство юстиции» has no one noun
            entry = None
            if english and gazetteer is not None and place.ref:
                country = gazetteer.get(place.ref)
                if country is not None and country.type == "country":
                    entry = gazetteer.body_of(country, english)
            if entry is not None and entry.kind == "actor" and entry.type != "country":
                out.append(_gazetteer_mention(entry, para.text[token.start:place.end], para.index, token.start,
                                              place.end, "ORG"))
                continue
            head = (token.text if as_written else _singular(token, analyzer)) if first == i else nominative(
                tokens[first:i + 1], analyzer)
            name = f"{head} {para.text[token.stop:place.start].strip()} {_genitive_place(para, place, analyzer)}".replace("  ", " ")
            entry = gazetteer.lookup(name) if gazetteer is not None else None
            if entry is not None and entry.kind == "actor" and entry.type != "country":
                # «Министерство внутренних дел Таджикистана»: a body the gazetteer knows by that name
                out.append(_gazetteer_mention(entry, para.text[token.start:place.end], para.index, token.start,
                                              place.end, "ORG"))
                continue
            start = tokens[first].start
            out.append(Mention(para.text[start:place.end], para.index, start, place.end, kind_type[0],
                               kind_type[1], "ORG" if kind_type[0] == "actor" else "LOC", "rule", name=name))
    return out


REMIT_GENITIVES = 3  # «министерство внутренних дел»: words of a remit between a body's noun and its place


def _genitive_place(para: ParsedParagraph, place: Mention, analyzer) -> str:
    """The place a body belongs to, in the genitive its name takes («суде по уголовным делам
    Шымкент» -> … Шымкента) when the text leaves one word of it in the nominative."""
    tokens = [t for t in para.doc.tokens if place.start <= t.start and t.stop <= place.end]
    if len(tokens) != 1 or tokens[0].text.isupper() or (tokens[0].feats or {}).get("Case") != "Nom":
        return place.text
    parse = next((p for p in analyzer.parse(place.text) if p.tag.POS == "NOUN" and p.tag.case == "nomn"
                  and "Fixd" not in p.tag), None)
    form = parse.inflect({"gent"}) if parse is not None else None
    return _as_written(form.word, place.text) if form is not None else place.text


def _past_remit(tokens: list) -> list:
    """The tokens after a body's remit that opens with «по» («[по] уголовным делам | Астаны»): the
    remit is a lower-case dative and the words in the dative or genitive after it."""
    if not tokens or (tokens[0].feats or {}).get("Case") != "Dat":
        return []
    for n, token in enumerate(tokens):
        if not (token.text.islower() and token.pos in ("NOUN", "ADJ") and (token.feats or {}).get("Case") in ("Dat", "Gen")):
            return tokens[n:] if n else []
    return []


def _remit_genitive(token) -> bool:
    """A lower-case noun or adjective in the genitive («обороны», «внутренних»)."""
    return token.text.islower() and token.pos in ("NOUN", "ADJ") and (token.feats or {}).get("Case") == "Gen"


_GENDERS = ("masc", "femn", "neut")


def _gender(noun: str, analyzer, default: str) -> str:
    """The grammatical gender of a noun's lemma, as the dictionary reads it first; ``default`` if none."""
    return next((g for g in _GENDERS if g in analyzer.parse(noun)[0].tag), default)


def _listed_places(parsed: list[ParsedParagraph], mentions: list[Mention], lexicon: RussianLexicon,
                   analyzer, gazetteer: Optional[Gazetteer] = None) -> list[Mention]:
    """«в Ванчском, Рушанском и Ишкашимском районах», «в областях: Актюбинская, Акмолинская»:
    capitalised adjectives listed before or after one plural place head are each a place of that
    head («Рушанский район»), whatever the model made of them (it reads «Рушанском» alone, or
    «Ишкашимском районах» uninflected); the gazetteer's entry when it has that name."""
    out = list(mentions)
    for para in parsed:
        tokens = list(para.doc.tokens)
        for i, head in enumerate(tokens):
            head_lemma = lemma(head, analyzer)
            type_ = lexicon.place_heads.get(head_lemma)
            if type_ is None or head.pos != "NOUN" or (head.feats or {}).get("Number") != "Plur":
                continue
            def adjective(token) -> bool:
                return token.text[:1].isupper() and (token.pos == "ADJ" or any(
                    p.tag.POS == "ADJF" for p in analyzer.parse(token.text)))

            listed, j = [], i - 1
            while j >= 0 and adjective(tokens[j]):
                listed.append(tokens[j])
                if j >= 2 and tokens[j - 1].text in (",", "и"):
                    j -= 2
                else:
                    break
            after = False
            if len(listed) < 2 and i + 2 < len(tokens) and tokens[i + 1].text in (":", "—", "–"):
                # «в семи областях: Актюбинская, Акмолинская и Костанайская»: the list after the head
                listed, j, after = [], i + 2, True
                while j < len(tokens) and adjective(tokens[j]):
                    listed.insert(0, tokens[j])
                    if j + 2 < len(tokens) and tokens[j + 1].text in (",", "и"):
                        j += 2
                    else:
                        break
            if len(listed) < 2:
                continue
            gender = _gender(head_lemma, analyzer, "masc")  # «районах»: район
            for adjective in reversed(listed):
                parse = next((p for p in analyzer.parse(adjective.text) if p.tag.POS == "ADJF"), None)
                form = parse.inflect({"nomn", "sing", gender}) if parse else None
                if form is None:
                    continue
                name = f"{_as_written(form.word, adjective.text)} {head_lemma}"
                end = head.stop if adjective is listed[0] and not after else adjective.stop
                out = [m for m in out if not (m.paragraph == para.index and m.start < end and adjective.start < m.end
                                              and m.origin != "gazetteer")]
                entry = gazetteer.lookup(name) if gazetteer is not None else None
                if entry is not None and entry.kind == "place":
                    out.append(_gazetteer_mention(entry, para.text[adjective.start:end], para.index, adjective.start,
                                                  end, "LOC"))
                else:
                    out.append(Mention(para.text[adjective.start:end], para.index, adjective.start, end, "place",
                                       type_, "LOC", "rule", name=name))
    return out


STREET_WORDS = 3  # words of a street's own name after its noun, at most («улица Льва Толстого»)


def _streets(parsed: list[ParsedParagraph], mentions: list[Mention], lexicon: RussianLexicon, analyzer,
             gazetteer: Gazetteer) -> list[Mention]:
    """«по улице Фрунзе», «на площади Ала-Тоо»: a noun of ``street_heads`` and the capitalised name
    right after it are one place, whatever the model made of the name (a person of a street named
    after one, a mountain range of «Ала-Тоо»). An adjective agreeing with the noun comes to the
    nominative («на улице Киевской» -> улица Киевская); a name in the genitive stays as written.
    After a plural noun each name listed is one street («улиц Садовой и Лесной»), unless the
    gazetteer knows it as a place: then it is the town the streets are in («на улицах Душанбе»);
    so is a place the gazetteer knows written in another case than the nominative after any such
    noun («общая площадь Таджикистана»; «улица Фрунзе» is a street)."""
    out = list(mentions)
    for para in parsed:
        tokens = list(para.doc.tokens)
        for i, head in enumerate(tokens):
            head_lemma = lemma(head, analyzer)
            type_ = lexicon.street_heads.get(head_lemma)
            if type_ is None or head.pos != "NOUN" or not head.text.islower():
                continue
            plural = (head.feats or {}).get("Number") == "Plur"
            names = _street_names(para.text, tokens, i + 1, plural)
            known = [words for words in names
                     if gazetteer.lookup(nominative(words, analyzer)) or gazetteer.lookup(words[0].text)]
            if known and (plural or any(nominative(words, analyzer) != " ".join(w.text for w in words)
                                        for words in known)):
                continue  # «на улицах Душанбе», «площадь Таджикистана»: the place the noun is of
            gender = _gender(head_lemma, analyzer, "femn")  # «улице»: улица
            for n, words in enumerate(names):
                start = head.start if n == 0 else words[0].start
                end = words[-1].stop
                name = f"{head_lemma} {' '.join(_agreeing(word.text, gender, analyzer) for word in words)}"
                out = [m for m in out if not (m.paragraph == para.index and m.start < end and words[0].start < m.end)]
                out.append(Mention(para.text[start:end], para.index, start, end, "place", type_, "LOC", "rule", name=name))
    return out


def _street_names(text: str, tokens: list, j: int, plural: bool) -> list[list]:
    """The capitalised names written from token ``j`` on, each of up to STREET_WORDS words: one, or
    after a plural noun those listed with commas and «и»."""
    names = []
    while j < len(tokens):
        words = []
        while (j < len(tokens) and len(words) < STREET_WORDS and tokens[j].text[:1].isupper()
               and not text[tokens[j - 1].stop:tokens[j].start].strip()):
            words.append(tokens[j])
            j += 1
        if not words:
            break
        names.append(words)
        if not plural or j + 1 >= len(tokens) or tokens[j].text not in (",", "и"):
            break
        j += 1
    return names


def _agreeing(word: str, gender: str, analyzer) -> str:
    """A word of a street's name in the nominative when it is an adjective of the street's noun
    («Киевской» -> Киевская); any other word (a name in the genitive: «Фрунзе») as written."""
    parse = analyzer.parse(word)[0]
    if parse.tag.POS != "ADJF" or "Poss" in parse.tag or parse.tag.gender not in (None, gender):
        return word
    form = parse.inflect({"nomn", "sing", gender})
    if form is None:
        return word
    return _as_written(form.word if "ё" in word else form.word.replace("ё", "е"), word)  # «Звездной» -> Звездная


def _as_written(form: str, written: str) -> str:
    """«джалал-абадская» of «Джалал-Абадской»: each part capitalised where the text has it."""
    return "-".join(part.capitalize() if model[:1].isupper() else part
                    for part, model in zip(form.split("-"), written.split("-")))


def _outlets_of_datelines(parsed: list[ParsedParagraph], mentions: list[Mention]) -> None:
    """The outlet a wire dateline names («/Синьхуа/», «— РИА Новости.») is a medium, found or not."""
    for para in [p for p in parsed if p.events_doc is None][:2]:  # a dateline opens the story, if anywhere
        line = dateline(para.text)
        if line is None or line[1] is None:
            continue
        start, end = line[1]
        inside = [m for m in mentions if m.paragraph == para.index and start <= m.start < end]
        for m in inside:
            if m.origin != "gazetteer":
                m.kind, m.type = "actor", "media"
        if not inside and para.text[start:end][:1].isupper():
            name = para.text[start:end]
            mentions.append(Mention(name, para.index, start, end, "actor", "media", "ORG", "rule", name=name))


# A site's address standing for its outlet («передает dala-vesti.kz»): a name, a dot and a
# top-level domain, not inside a link or an e-mail address.
_ADDRESS = re.compile(r"(?<![\w@/.-])(?:www\.)?((\w[\w-]*)((?:\.\w[\w-]*)*\.(?:[a-z]{2,6}|[A-Z]{2,6}|рф|РФ)))(?![\w/@-]|\.\w)")
OUTLET_CUE_BEFORE, OUTLET_CUE_AFTER = 4, 2  # how many words of its sentence around an address may say it reports


def _outlets_by_address(parsed: list[ParsedParagraph], mentions: list[Mention], lexicon: RussianLexicon,
                        analyzer) -> list[Mention]:
    """An outlet the story names by its site's address, next to a word that says it reports, is a
    medium under that address, whatever the model took around it («ИА Dala-Vesti.kz» ->
    Dala-Vesti.kz); a Russian word before the dot back in the nominative («в «Вестнике.uz»» ->
    Вестник.uz). A site the story sends its reader to («заявку можно подать на uslugi-test.kz») is none."""
    for para in parsed:
        for match in _ADDRESS.finditer(para.text):
            start, end = match.span(1)
            word = match.group(2)
            if len(word) < 2:
                continue  # an initial or an abbreviation («A.kz» is none we know of)
            if not _reports(para.text[:match.start()], para.text[end:], lexicon, analyzer):
                continue
            if re.search(r"[а-яё]", word, re.IGNORECASE):
                word = _nominative(word, analyzer)
            name = word + match.group(3)
            around = [m for m in mentions if m.paragraph == para.index and m.start < end and m.end > start]
            if any(m.origin == "gazetteer" for m in around):
                continue  # an outlet the gazetteer knows keeps its entry
            mentions = [m for m in mentions if m not in around]
            mentions.append(Mention(para.text[start:end], para.index, start, end, "actor", "media", "ORG", "rule", name=name))
    return mentions


def _reports(before: str, after: str, lexicon: RussianLexicon, analyzer) -> bool:
    """Whether the words of the sentence around an address say an outlet reports («передает ИА …»,
    «со ссылкой на …», «… пишет»): a verb of speech or one of the lexicon's outlet cues."""
    before = re.split(r"[.!?…]\s", before)[-1]
    after = re.split(r"[.!?…]\s", after)[0]
    words = (re.findall(r"[^\W\d_]+", before)[-OUTLET_CUE_BEFORE:]
             + re.findall(r"[^\W\d_]+", after)[:OUTLET_CUE_AFTER])
    written = [w.casefold().replace("ё", "е") for w in words]
    lemmas = [word_lemma(w, analyzer) for w in words]
    if set(lemmas) & lexicon.speech_verbs:
        return True
    phrases = (f" {' '.join(written)} ", f" {' '.join(lemmas)} ")
    return any(f" {cue} " in phrase for cue in lexicon.outlet_cues for phrase in phrases)


def _nominative(word: str, analyzer) -> str:
    """«Вестнике» -> «Вестник», «Новостям» -> «Новости»: the word in the nominative, its number
    kept; a word one of whose readings is nominative already stays as written («Ведомости»)."""
    parses = analyzer.parse(word)
    if not parses or any("nomn" in p.tag for p in parses):
        return word
    form = parses[0].inflect({"nomn"})
    if form is None:
        return word
    return _as_written(form.word if "ё" in word else form.word.replace("ё", "е"), word)


def _gazetteer_mention(entry: GazetteerEntry, text: str, paragraph: int, start: int, end: int, label: str) -> Mention:
    return Mention(text, paragraph, start, end, entry.kind, entry.type, label, "gazetteer", name=entry.name, ref=entry.id)


def _lookup(gazetteer: Gazetteer, forms: tuple[str, ...], country: Optional[str]) -> Optional[GazetteerEntry]:
    """The entry any of the forms names, tried as written and in the common romanizations."""
    candidates = [(form, gazetteer.lookup(form, country)) for form in forms]
    candidates += [(latin, gazetteer.lookup(latin, country)) for latin in romanizations(forms[0])]
    for form, entry in candidates:
        if entry is None:
            continue
        if entry.kind == "actor" and len(form) <= 5 and entry.country and entry.country != country:
            continue  # «МИД» is the foreign ministry of the country the article is about, not another's
        return entry
    return None


def _main_country(found, gazetteer: Gazetteer) -> Optional[str]:
    """The country the article names most: the one whose entries win a name several share
    («МИД» in an article about Turkmenistan)."""
    counts: Counter = Counter()
    for _, span, name in found:
        entry = gazetteer.lookup(name)
        if entry is not None and entry.type == "country" and entry.code:
            counts[entry.code] += 1
    return max(sorted(counts), key=lambda c: counts[c]) if counts else None


def _headed_by_a_place_word(span: NameSpan, lexicon: RussianLexicon, analyzer) -> bool:
    """An organisation's name whose head noun is a place's («зона», «аэропорт», «ГЭС»)."""
    ids = {t.id for t in span.tokens}
    root = next((t for t in span.tokens if t.head_id not in ids), span.tokens[0])
    return root.pos == "NOUN" and lexicon.place_heads.get(lemma(root, analyzer)) not in (None, "region")


def _place_type(tokens, lexicon: RussianLexicon, analyzer) -> str:
    for token in tokens:
        head = lexicon.place_heads.get(lemma(token, analyzer))
        if head:
            return head
    return "other"


def _actor_type(tokens, lexicon: RussianLexicon, analyzer) -> str:
    types = [lexicon.actor_heads.get(lemma(t, analyzer)) or lexicon.actor_heads.get(t.text.casefold()) for t in tokens]
    return next((t for t in types if t), "organization")


WORDWISE_WORDS = 4  # names up to this many words are also looked up word by word in their lemmas
ROLE_WORDS = 7  # how many words before a person's name may still be the office written before it


def _role_before(doc, span, lexicon: RussianLexicon, analyzer) -> str:
    """«президент Туркмении Сердар Бердымухамедов»: the office written right before a person's
    name, with the words that complete it («первый заместитель министра занятости», «министр
    энергетики и водного хозяйства Кыргызстана»: up to ROLE_WORDS words)."""
    if span.type != "PER":
        return ""
    before = [t for t in doc.tokens if t.stop <= span.start][-ROLE_WORDS:]
    start = None
    for i in range(len(before) - 1, -1, -1):
        token = before[i]
        if token.text in ",.;:«»()—–\"" or token.pos in ("VERB", "AUX", "PRON"):
            break  # «... встретился с министром X»: the office is what follows the clause's verb
        if lemma(token, analyzer) in lexicon.role_words:
            start = i  # the farthest: «первый заместитель министра занятости»
    if start is None:
        return ""
    while start > 0 and before[start - 1].pos == "ADJ" and before[start - 1].text.islower():
        start -= 1  # «первый заместитель», «бывший министр»
    words = before[start:]
    # in the nominative, as a role is shown: «председателю парламента» -> председатель парламента
    return nominative(words, analyzer) or " ".join(w.text for w in words)


_COMMON_READINGS = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad"})


def _surname_subjects(parsed: list[ParsedParagraph], mentions: list[Mention], analyzer) -> list[Mention]:
    """A surname alone as the subject of a verb («Иванов подписал указ»), which the model may miss
    at a sentence's start: a capitalised word of a surname's shape that the dictionary does not
    read as a common noun in the nominative."""
    taken = {(m.paragraph, i) for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for para in parsed:
        by_id = {t.id: t for t in para.doc.tokens}
        for token in para.doc.tokens:
            head = by_id.get(token.head_id)
            if (token.rel != "nsubj" or head is None or head.pos != "VERB" or (para.index, token.start) in taken
                    or not token.text[:1].isupper() or token.text.isupper() or not SURNAME.search(token.text)):
                continue
            if any(p.is_known and p.tag.POS == "NOUN" and p.tag.case == "nomn" and not (_COMMON_READINGS & p.tag.grammemes)
                   for p in analyzer.parse(token.text)):
                continue  # «Магазин закрыт»: a word of the language
            out.append(Mention(token.text, para.index, token.start, token.stop, "actor", "person", "PERSON", "rule",
                               name=nominative([token], analyzer, person=True)))
    return out


def _gazetteer_only(parsed: list[ParsedParagraph], mentions: list[Mention], gazetteer: Gazetteer,
                    country: Optional[str], analyzer, lexicon: RussianLexicon) -> list[Mention]:
    """Capitalised words and pairs of words the model did not take for a name, but the gazetteer
    knows by their nominative («Баткенская область», «ГКНБ»)."""
    taken = {(m.paragraph, i) for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for para in parsed:
        tokens = para.doc.tokens
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if ((para.index, token.start) in taken or not token.text[:1].isupper() or len(token.text) < 2
                    or token.text.casefold() in lexicon.not_names):  # «УК»: the criminal code, not the UK
                i += 1
                continue
            for width in (2, 1):
                group = tokens[i:i + width]
                if len(group) < width or any((para.index, t.start) in taken for t in group):
                    continue
                forms = (nominative(group, analyzer), " ".join(t.text for t in group))
                if width == 1:
                    forms += (lemma(token, analyzer).capitalize(),)
                entry = _lookup(gazetteer, forms, country)
                if entry is not None and width == 1 and any(gazetteer.is_ambiguous(f) for f in forms[:2]):
                    entry = None  # a word the gazetteer marks as needing context («Манас», «Сердар»)
                if entry is not None and (width == 2 or entry.kind == "place" or token.text.isupper() or len(token.text) > 3):
                    out.append(_gazetteer_mention(entry, para.text[group[0].start:group[-1].stop], para.index,
                                                  group[0].start, group[-1].stop, "GAZ"))
                    i += width - 1
                    break
            i += 1
    return out
