"""Quotes: an article's paragraphs, mentions and entities in, direct quotations with their speaker out.

News attributes a quotation in a few shapes, whatever the outlet: the speaker after it (`"...,"
X said`, `"...," said X`, `"...," he said`), before it (`X said: "..."`, `X said the talks were
"difficult"`, `according to X, "..."`), or not at all when it carries on the speaker's previous
quotation (a second quotation after "he told ...", a paragraph that is only a quotation, a
quotation that runs over paragraphs with no closing mark). Some outlets print quotations without
marks: a block paragraph after `X said:`, or first-person speech closed by `, X said.`. Quotation marks are paired in order,
so `"shocked" by it."We condemn..."` is two quotations, not one that spans the gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from ..model import Article, ArticleEntity, ArticleQuote, Mention

MIN_CHARACTERS = 12  # shorter quoted words are scare quotes or names, not quotations
WINDOW_AFTER = 160  # how far after a quotation its attribution may stand (a title can be long:
# '"...," the deputy head of the Agency for Water Resources, A. B., told ...')
_OPENING, _CLOSING = "“«„", "”»"
_PRONOUNS = r"(?:he|she|they)"
# The titles "the leader" stands for after a quotation ('"...," the Kazakh leader said').
# "the official said": an unnamed speaker the text has already introduced, read like a pronoun
_BACK_REFERENCES = r"(?:the\s+(?:official|officer|spokesman|spokeswoman|spokesperson|source))"
# "the ministry said": a body the paragraph has named, read back by the head word of its name
_BODY_REFERENCE = re.compile(r"^\W*the\s+(ministry|committee|agency|service|office|court|government|embassy|"
                             r"commission|council|company|party|mission|department)(?:'s\s+\w+)?\s+(\w+)", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|We|our|Our|us|my|My|me)\b")
# '... quoted the minister as saying', '... cited X as telling reporters': the speaker between
_QUOTED_AS = re.compile(r"\b(?:quoted|cited)\s+(?!by\b)(.{1,80}?)\s+as\s+(?:saying|telling|stating)\b", re.I)
# A sentence ends at . ! ? (not after a title like "Ms.") or where another quotation opens.
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bCol)(?<!\bSen)"
                           r"[.!?](\s|$)|[“«\"]")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # the opening mark
    end: int  # after the closing mark (the paragraph's end for a quotation that runs on)
    text: str
    runs_on: bool = False  # no closing mark in the paragraph: it continues in the next one


def quote_spans(text: str, keep_short: bool = False) -> list[QuoteSpan]:
    """The paragraph's quotations, marks paired in reading order (``keep_short``: with the short
    ones, which may be the first half of a quotation an attribution interrupts)."""
    spans: list[QuoteSpan] = []
    opened: Optional[int] = None
    for match in re.finditer(r"[“”«»„\"]", text):
        i, mark = match.start(), match.group()
        # '“... by spring! “ She said ...': an opening mark set against a sentence's end or a comma,
        # with a space after it, closes the open quotation (a typist's slip for ”)
        closes = opened is not None and mark == "“" and text[:i].rstrip()[-1:] in (".", ",", "!", "?") \
            and text[i + 1: i + 2].isspace()
        if mark in _CLOSING and opened is None and not re.search(r"[“”«»„\"]", text[:i]) \
                and len(text[:i].strip()) >= MIN_CHARACTERS and text[:i].rstrip()[-1:] in (".", ",", "!", "?", "…"):
            # 'no work here. / I asked for a tent,” he said.': the paragraph's first mark closes a
            # quotation the one before opened, or one whose opening mark the page lost; it closes
            # a sentence or a clause ('He called it ”a farce”' opens with ”, on a page that writes
            # ” for both marks)
            spans.append(QuoteSpan(0, i + 1, text[:i].strip(" ,")))
        elif not closes and (mark in _OPENING or (mark == '"' and opened is None)):
            opened = i
        elif opened is not None:
            spans.append(_span(text, opened, i + 1))
            opened = None
    if opened is not None and opened < len(text) - MIN_CHARACTERS:
        spans.append(_span(text, opened, len(text), runs_on=True))
    if not spans:
        spans = [_span(text, m.start(), m.end()) for m in _SINGLE_QUOTED.finditer(text)]
    if not spans:
        spans = [_span(text, m.start(), m.end()) for m in _ASCII_SINGLE_QUOTED.finditer(text)]
    return spans if keep_short else [s for s in spans if len(s.text) >= MIN_CHARACTERS
                                     or _CHARACTERISED.search(text[max(0, s.start - 60): s.start])]


# A word or two quoted as someone's verdict on a thing ("calling them “fabricated”", "described the
# vote as “a farce”"): said, however short; elsewhere short quoted words are scare quotes or names.
_CHARACTERISED = re.compile(r"\b(?:calling|termed|dubbed|described\s+(?:\w+\s+){0,3}?as)\s+"
                            r"(?:it|them|him|her|this|that|(?:the|a|an)\s+\w+)?\s*(?:a|an|the)?\s*$", re.I)


# Outlets that quote with single marks (‘...’): an opening mark after a space or a bracket, a
# closing one against punctuation (‘...,’ he said; ‘....’), so the apostrophes of "don’t" and
# "farmers’ union" stay text. Read only in a paragraph with no double marks.
_SINGLE_QUOTED = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘([^‘]*?\s[^‘]*?)(?:(?<=[.,!?])’|’(?=[,.;:!?)]|\s*$))")


# The same with typewriter marks ('We waited,' said X): an opening mark before a capital, a closing
# one right after punctuation; an apostrophe inside a word ("don't") is text.
_ASCII_SINGLE_QUOTED = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))'([A-Z](?:[^']|'(?=\w))*?[.,!?])'(?=[\s,.;:!?)]|$)")


def _span(text: str, start: int, end: int, runs_on: bool = False) -> QuoteSpan:
    inner = text[start + 1: end if runs_on else end - 1]
    return QuoteSpan(start, end, inner.strip(" ,"), runs_on)


@dataclass(frozen=True)
class QuoteWords:
    """The words attribution reads (``data/patterns.yml``): verbs of speech, the ones whose object
    listened ("told AFP"), and nouns that point back to the person just named ("the diplomat")."""

    speech_verbs: frozenset[str]
    listener_verbs: frozenset[str]
    referring_nouns: frozenset[str] = frozenset()
    name_genders: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # (feminine, masculine) name endings
    office_descriptions: dict[str, frozenset[str]] = field(default_factory=dict)  # "head of state" -> role words


def read_quotes(article: Article, by_para: dict[int, list[Mention]], entities: dict[str, ArticleEntity],
                words: QuoteWords, docs: Optional[list] = None) -> list[ArticleQuote]:
    """Direct quotations and who said them (``ArticleQuote``), the speaker
    being an article-local actor name from ``entities``. ``docs``: the paragraphs parsed (spaCy
    docs by paragraph index), which tell who "he" is (``_Reader.subject_person``)."""
    reader = _Reader(entities, words)
    parsed = dict(zip((p.index for p in article.paragraphs), docs)) if docs is not None else {}
    quotes: list[ArticleQuote] = []
    # a quotation running on into the next paragraph with no attribution of its own:
    # (its index in ``quotes`` or None when it has no speaker yet, the quotation)
    run: Optional[tuple[Optional[int], ArticleQuote]] = None
    for paragraph in article.paragraphs:
        mentions = sorted(by_para.get(paragraph.index, []), key=lambda m: m.start)
        found = reader.paragraph(paragraph.text, mentions, parsed.get(paragraph.index))
        if run is not None and found and found[0][1] and not paragraph.text[:found[0][0].start].strip():
            # '"The road will stay open. / "Guards will patrol it," X added.': the speaker the
            # quotation's last paragraph names said its first
            index, quote = run
            if index is None:
                quotes.append(replace(quote, speaker=found[0][1]))
            else:
                quotes[index] = replace(quote, speaker=found[0][1])
        run = None
        for span, speaker in found:
            if speaker:
                quotes.append(ArticleQuote(speaker, span.text, paragraph.index))
            if span.runs_on and span is found[-1][0] and not reader.verb.search(paragraph.text[:span.start]):
                run = (len(quotes) - 1 if speaker else None, ArticleQuote(speaker or "", span.text, paragraph.index))
    return quotes


class _Reader:
    """Reads paragraphs in order, remembering the last person named and the last speaker quoted."""

    def __init__(self, entities: dict[str, ArticleEntity], words: QuoteWords):
        self.entities = entities
        self.listener_verbs = words.listener_verbs  # "told AFP": the object listened
        self.referring_nouns = words.referring_nouns
        self.name_genders = words.name_genders
        self.office_descriptions = words.office_descriptions
        verbs = "|".join(sorted(map(re.escape, words.speech_verbs), key=len, reverse=True))
        self.verb = re.compile(rf"\b(?:{verbs})\b", re.I)
        speaker = rf"(?:{_PRONOUNS}|{_BACK_REFERENCES})"
        self.body_pronoun_verb = re.compile(rf"^\W*it\s+(?:{verbs})\b", re.I)
        self.pronoun_verb = re.compile(rf"^\W*(?:{speaker}\s+(?:{verbs})|(?:{verbs})\s+{speaker})\b", re.I)
        # ", Aibek Sultanov said." or "said Aziza." closing a paragraph (names checked against mentions)
        self.said_at_end = re.compile(
            rf"(?:,\s*(?:[A-Z][\w'’-]+\s+){{1,4}}(?:{verbs})|[,.]?\s+(?:{verbs})\s+(?:[A-Z][\w'’-]+\s*){{1,4}})[.!]?$")
        # between the halves of an interrupted quotation: ' Karimov said, ', ' he added, '
        self.interruption = re.compile(rf"\s*[^.!?\"“”«»]{{0,60}}\b(?:{verbs})\b[^.!?\"“”«»]{{0,40}},\s*")
        self.pronoun_before = re.compile(rf"\b{_PRONOUNS}\s+(?:\w+\s+)?(?:{verbs})\b[^.!?]*$", re.I)
        self.last_speaker: Optional[str] = None  # of the last quotation, carried over paragraphs
        self.running_on = False  # the last paragraph ended inside a quotation
        self.bodies: list[str] = []  # bodies (not persons) named so far, the latest last
        self.persons: list[str] = []  # persons named so far, the latest last
        self.doc = None  # the paragraph's parse, when given
        self.spans: list[QuoteSpan] = []  # the paragraph's quotations
        self.last_subject: Optional[str] = None  # the person the last paragraph's last sentence was about

    def paragraph(self, text: str, mentions: list[Mention], doc=None) -> list[tuple[QuoteSpan, Optional[str]]]:
        actors = [m for m in mentions if m.name in self.entities and self.entities[m.name].kind == "actor"]
        self.doc = doc if doc is not None and doc.text == text else None
        self.spans = quote_spans(text)
        out = self._read(text, actors, mentions)
        if self.doc is not None:
            self.last_subject = self.subject_person(len(text), actors) or (self.last_subject if not actors else None)
        return out

    def _read(self, text: str, actors: list[Mention], mentions: list[Mention]) -> list[tuple[QuoteSpan, Optional[str]]]:
        spans = quote_spans(text)
        if not spans:
            unmarked = self._unmarked(text, actors)
            if unmarked is not None:
                self.last_speaker, self.running_on = unmarked[1], False
                return [unmarked]
        outside = list(text)
        for span in spans:
            outside[span.start:span.end] = " " * (span.end - span.start)
        outside_text = "".join(outside)
        whole = len(spans) == 1 and not outside_text.strip(" .,;:")  # the paragraph is one quotation
        out = []
        previous: Optional[QuoteSpan] = None
        continuing = self.running_on or whole
        for span in spans:
            # 'X reported on the visit "...", the agency said': a verb of speech before the
            # quotation in its sentence says whose it is; the attribution after it is the source's
            said_before = self.verb.search(self._sentence_before(outside_text, span.start)) is not None
            before = self._before(span, outside_text, actors, mentions) if said_before else None
            speaker = before or self._after(span, outside_text, actors, out[-1] if out else None)
            if speaker is None and not said_before:
                speaker = self._before(span, outside_text, actors, mentions)
            if speaker is None and previous is None:
                speaker = self._reported_before(outside_text, span.start, actors)
            if speaker is None:
                gap = outside_text[previous.end: span.start] if previous else outside_text[: span.start]
                carries = (previous is not None or continuing) and (
                    self._only_attribution(gap, actors)
                    # '"...," X, head of Y, said. "..."': the gap is the last quotation's attribution
                    or (previous is not None and out[-1][1] is not None and self.verb.search(gap) is not None
                        and len(_SENTENCE_END.findall(gap.strip()[:-1])) == 0))
                if carries:
                    speaker = self.last_speaker if previous is None else out[-1][1]
            out.append((span, speaker))
            if speaker:
                self.last_speaker = speaker
            previous = span
        self.persons += [m.name for m in actors if self.entities[m.name].type == "person"]
        self.bodies += [m.name for m in actors if self.entities[m.name].type != "person"]
        self.running_on = bool(spans) and spans[-1].runs_on
        # only a paragraph that itself ends at the colon: in 'X said: "..."' the quotation followed
        introduced = text.rstrip().endswith(":") and (self._introduces(outside_text, actors) or (
            # 'X stated that this is "...". Indeed, ...:' the paragraph's speaker goes on
            next((who for _, who in reversed(out) if who), None)))
        if introduced:  # 'X said:' closing a paragraph introduces the quotation that follows
            self.last_speaker, self.running_on = introduced, True
        elif not spans:
            # A paragraph of narration ends the run of quotations, unless it reports its speaker's
            # words ('X said that ...', 'X issued a statement ...'): a paragraph that is one
            # quotation and nothing else, next, is theirs.
            self.last_speaker = self._reported(outside_text, actors)
        return self._rejoined(text, out)

    def _rejoined(self, text: str, out: list[tuple[QuoteSpan, Optional[str]]]) -> list[tuple[QuoteSpan, Optional[str]]]:
        """'"We will," Karimov said, "rebuild every bridge."': one quotation an attribution
        interrupts, its first part too short to stand alone, read whole."""
        short = [s for s in quote_spans(text, keep_short=True) if len(s.text) < MIN_CHARACTERS]
        joined = []
        for span, speaker in out:
            before = next((p for p in short if p.end <= span.start and self.interruption.fullmatch(text[p.end: span.start])
                           and text[p.start: p.end].rstrip("”\"' ").endswith(",")), None)
            if before is not None and speaker:
                span = QuoteSpan(before.start, span.end, f"{before.text} {span.text}", span.runs_on)
            joined.append((span, speaker))
        return joined

    def _unmarked(self, text: str, actors: list[Mention]) -> Optional[tuple[QuoteSpan, str]]:
        """Quotations some outlets print without marks: a paragraph after 'X said:' (a block
        quotation), or first-person speech closed by ', X said.' / 'said X.'."""
        body = text.strip()
        if self.running_on and self.last_speaker and len(body) >= MIN_CHARACTERS:
            start = text.index(body[0])
            return QuoteSpan(start, start + len(body), body), self.last_speaker
        closing = self.said_at_end.search(body)
        if closing is None or not _FIRST_PERSON.search(body[: closing.start()]):
            return None
        start = text.index(body[0])
        speakers = [m for m in actors if m.start >= start + closing.start()
                    and self.entities[m.name].type == "person"]
        if not speakers:
            return None
        said = body[: closing.start()].strip(" ,")
        return QuoteSpan(start, start + closing.start(), said), speakers[0].name

    def _reported(self, outside: str, actors: list[Mention]) -> Optional[str]:
        """The speaker whose words the paragraph's last sentence reports ('X said that ...',
        'In his address, X said ...'), named before the verb of speech; None if it reports none."""
        tail = outside.rstrip()
        start = max(tail.rfind(". ", 0, len(tail) - 1), tail.rfind("? "), tail.rfind("! "))
        verb = self.verb.search(tail, start + 1)
        if verb is None:
            return None
        subjects = [m for m in actors if start + 1 <= m.start < verb.start()]
        return self._pick(subjects, last=True) if subjects else None

    def _reported_before(self, outside: str, position: int, actors: list[Mention]) -> Optional[str]:
        """'X said the bridge would open in May. "It will carry 500 trucks a day."': a quotation
        that begins a sentence of its own, with no attribution, after a sentence of the same
        paragraph that reports someone's words ("X said ...", "..., he said.") is theirs."""
        head = outside[:position].rstrip()
        if not head or head[-1] not in ".!?":
            return None
        start = len(head) - 1 - len(self._sentence_before(head, len(head) - 1))
        verb = self.verb.search(head, start)
        if verb is None:
            return None
        said = self.pronoun_before.search(head[start: verb.end()])
        if said and not [m for m in actors if start + said.start() <= m.start < verb.start()]:
            pronoun = re.match(r"(he|she)\b", said.group(0), re.I)
            pronoun = pronoun.group(1).lower() if pronoun else None
            # ', he said.': the person the parse makes "he", else the last one named
            return self.subject_person(start + said.start(), actors, pronoun) or self._person_before(start, actors, pronoun)
        return self._reported(head, actors)

    def subject_person(self, position: int, actors: list[Mention], pronoun: Optional[str] = None) -> Optional[str]:
        """The person "he" or "she" at ``position`` stands for, read from the parse: the subject
        of the nearest sentence before it that has a person for its subject ('X thanked Y for
        coming: "...," he said' is X's; 'the president scolded his staff. "...," he said' is the
        person the article calls president). A sentence whose subject is a pronoun passes the
        question to the one before; one whose subject is not a person ends it (None)."""
        if self.doc is None:
            return None
        sentences = [s for s in self.doc.sents if s.start_char < position]
        for sent in reversed(sentences[-3:]):
            subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.idx < position
                        and t.head.pos_ in ("VERB", "AUX") and t.pos_ != "PRON"
                        and not any(q.start <= t.idx < q.end for q in self.spans)]
            if not subjects:
                continue  # none, or only pronouns: the sentence before says who
            subject = next((t for t in subjects if t.head.dep_ in ("ROOT", "conj")), subjects[0])
            named = next((m.name for m in actors if m.start <= subject.idx < m.end), None)
            if named is not None:
                who = named if self.entities[named].type == "person" else None
            elif subject.pos_ == "NOUN":
                holders = [name for name in reversed(self.persons + [m.name for m in actors if m.end <= position
                                                                     and self.entities[m.name].type == "person"])
                           if subject.lower_ in {w for r in self.entities[name].roles for w in r.text.lower().split()}]
                who = holders[0] if holders else None
            else:
                who = None
            return who if who is not None and self._may_be(who, pronoun) else None
        return self.last_subject if not sentences and self._may_be(self.last_subject or "", pronoun) else None

    def _introduces(self, outside: str, actors: list[Mention]) -> Optional[str]:
        """The speaker of 'X said:' (or 'he told reporters:') at the end of a paragraph."""
        tail = outside.rstrip()
        if not tail.endswith(":"):
            return None
        start = max(tail.rfind(". "), tail.rfind("? "), tail.rfind("! "))
        sentence = tail[start + 1:]
        verb = self.verb.search(sentence)
        if verb is None:
            return None
        subjects = [m for m in actors if start + 1 <= m.start < start + 1 + verb.start()]
        if subjects:
            return self._pick(subjects, last=True)
        if re.search(rf"\b{_PRONOUNS}\b", sentence[: verb.start()], re.I):
            return self._person_before(len(outside), actors)
        return None

    def _after(self, span: QuoteSpan, outside: str, actors: list[Mention],
               previous: Optional[tuple[QuoteSpan, Optional[str]]]) -> Optional[str]:
        """`"...," X said`, `"...," said X`, `"...," he said` (he: the speaker of the paragraph's
        last quotation when no person is named since, else the last person named)."""
        window = outside[span.end: span.end + WINDOW_AFTER]
        cut = _SENTENCE_END.search(window)
        window = window[: cut.start() + 1] if cut else window
        according = re.match(r"\W*according to\b", window, re.I)
        if according:  # '"...," according to X.'
            return self._pick([m for m in actors if span.end + according.end() <= m.start < span.end + len(window)])
        dash = re.match(r"[ ,]*[—–-]+\s*", window)
        if dash:  # '"..." — X.' (a signature after the quotation)
            named = [m for m in actors if m.start == span.end + dash.end()]
            if named:
                return named[0].name
        quoted_as = _QUOTED_AS.search(window)
        if quoted_as:  # '"...," the paper cited the envoy as telling reporters': the one cited speaks
            named = [m for m in actors if span.end + quoted_as.start(1) <= m.start < span.end + quoted_as.end(1)]
            if named:
                return self._pick(named)
            described = quoted_as.group(1).strip()
            if described.lower().startswith("the "):
                return self._titled(f"{described} said", span.start, actors)
        if not self.verb.search(window):
            return None
        if self.body_pronoun_verb.search(window):
            # '"...," it added': the body quoted last, or else the last one named
            if previous is not None and previous[1] is not None and self.entities[previous[1]].type != "person":
                return previous[1]
            if self.last_speaker and self.entities[self.last_speaker].type != "person":
                return self.last_speaker
            bodies = [m.name for m in actors if m.end <= span.start and self.entities[m.name].type != "person"]
            return (bodies or self.bodies or [None])[-1]
        said = self.pronoun_verb.search(window)
        if said:
            pronoun = re.search(r"\b(he|she)\b", said.group(0), re.I)
            pronoun = pronoun.group(1).lower() if pronoun else None
            if previous is not None and previous[1] is not None and not any(
                    previous[0].end <= m.start < span.start and self.entities[m.name].type == "person"
                    for m in actors) and self._may_be(previous[1], pronoun):
                return previous[1]
            return self.subject_person(span.start, actors, pronoun) or self._person_before(span.start, actors, pronoun)
        near = [m for m in actors if span.end <= m.start < span.end + len(window)]
        # '"...," Ismailov's lawyer, Ivan Petrenko, said': the one whose lawyer it is does not speak
        near = [m for m in near if outside[m.end: m.end + 2] not in ("'s", "’s")] or near
        inverted = re.match(rf"\W*(?:{self.verb.pattern})\s+the\s+((?:[\w-]+\s+){{0,3}}?[\w-]+)(?:\s+of\s+((?:[\w-]+\s*){{1,3}}))?\W*$",
                            window, re.I)
        # '"...," said the head of the election commission': its head speaks, not the body named
        of_body = inverted is not None and inverted.group(2) is not None and all(
            m.start >= span.end + inverted.start(2) for m in near)
        if not near or of_body:
            titled_window = window
            if inverted:  # '"...," declared the President of Turkmenistan': as "the Turkmenistan President said"
                window = f"the {inverted.group(2) or ''} {inverted.group(1)} said."
                titled_window = f"the {inverted.group(1)} of {inverted.group(2)} said." if inverted.group(2) else window
            found = self._titled(titled_window, span.start, actors) if of_body else None
            found = found or self._body_named(window, span.start, actors) or self._titled(titled_window, span.start, actors)
            if found or not near:
                return found
        return self._pick(near)

    def _titled(self, window: str, position: int, actors: list[Mention]) -> Optional[str]:
        """'"...," the president said': the person named last before it whom the article gives
        that title or role ("President X", "X, the foreign minister": the entity's roles). The
        description may name the office ("the head of state noted", "the head of the commission
        said", "Afghanistan's leader said": ``office_descriptions``)."""
        match = re.match(r"^\W*(?:the|[A-Z][\w-]*['’]s)\s+", window)
        words = re.findall(r"[\w-]+", window[match.end():])[:7] if match else []
        # the description ends at the verb of speech: "the president", "the Kazakh leader"
        verb_at = next((i for i, w in enumerate(words) if i > 0 and self.verb.fullmatch(w)), None)
        if verb_at is None:
            return None
        described = [w.lower() for w in words[:verb_at]]
        if match.group(0).strip(" ,").lower() != "the":  # "Afghanistan's leader": Afghanistan tells which
            described.insert(0, re.sub(r"['’]s$", "", match.group(0).strip(" ,\"“”")).lower())
        phrase = " ".join(described)
        office = next((p for p in self.office_descriptions if " " in p and phrase.endswith(p)), None)
        if office is not None:  # "the head of state"
            heads, modifiers = self.office_descriptions[office], set(described[: -len(office.split())])
        else:
            # "the head of the election commission": the noun before "of", the rest tells which
            of = described.index("of") if "of" in described[1:] else len(described)
            head = described[of - 1]
            heads = self.office_descriptions.get(head, frozenset({head}))
            modifiers = set(described[: of - 1]) | (set(described[of + 1:]) - {"the"})
            if len(described) - of > 4:
                return None
        named = self.persons + [m.name for m in actors if m.end <= position and self.entities[m.name].type == "person"]

        def role_words(name: str) -> set[str]:
            return set(" ".join(r.text.lower() for r in self.entities[name].roles).split())

        holders = [name for name in reversed(named) if heads & role_words(name)]
        # "the Chinese premier" rather than the Kazakh president named after him
        titled = next((name for name in holders if modifiers & role_words(name)), holders[0] if holders else None)
        if titled is None and named and office is None and (
                described[-1] in self.referring_nouns or described[-1].endswith("year-old")):
            return named[-1]  # '"...," the diplomat said', '"...," the 52-year-old added': the one just named
        return titled

    def _body_named(self, window: str, position: int, actors: list[Mention]) -> Optional[str]:
        """'"...," the ministry said': the last body named before it whose name has that word."""
        match = _BODY_REFERENCE.match(window)
        if match is None or not self.verb.fullmatch(match.group(2)):
            return None
        word = match.group(1).lower()
        bodies = [m.name for m in actors if m.end <= position and word in m.name.lower().split()
                  and self.entities[m.name].type != "person"]
        # else one a paragraph before named ('X said in a statement: "...".' and then '"...," the
        # ministry said')
        bodies = bodies or [name for name in self.bodies if word in name.lower().split()]
        return bodies[-1] if bodies else None

    @staticmethod
    def _sentence_before(outside: str, position: int) -> str:
        """The words of the sentence holding ``position`` that come before it."""
        # a full stop before a small letter ends an abbreviation ("Acme Mining Ltd. but added"), not a sentence
        ends = [m.start() for m in re.finditer(r"[.?!]\s+(?![a-z])", outside[:position])]
        return outside[(ends[-1] if ends else -1) + 1: position]

    def _before(self, span: QuoteSpan, outside: str, actors: list[Mention], mentions: list[Mention]) -> Optional[str]:
        """`X said: "..."`, `X said the talks were "difficult"`, `according to X, "..."`: the
        sentence before the quotation names its speaker."""
        sentence = self._sentence_before(outside, span.start)
        offset = span.start - len(sentence)
        according = re.search(r"\baccording to\b", sentence, re.I)
        if according:
            near = [m for m in actors if offset + according.end() <= m.start < span.start]
            if near:
                return self._pick(near)
            if re.match(r"\s*(?:him|her)\b", sentence[according.end():], re.I):
                return self._person_before(span.start, actors)  # 'According to him, "..."'
        verbs = list(self.verb.finditer(sentence))
        if not verbs:
            # 'Aziza Karimova: "..."': a name and a colon, as in an interview's transcript
            named = [m for m in actors if offset <= m.start and re.fullmatch(r"\s*:\s*", outside[m.end: span.start])]
            if named:
                return named[-1].name
            # 'X struck a cautious note: "..."', 'X was blunt:': a sentence that introduces the
            # quotation with a colon is its speaker's
            if sentence.rstrip().endswith(":"):
                return self._pick([m for m in actors if offset <= m.start < span.start])
            return None
        # 'TASS quoted X as saying that "..."': the one quoted speaks, not the one quoting
        quoted_as = re.search(r"\bquoted\b(?!\s+by\b)(.{1,80}?)\bas\s+saying\b", sentence, re.I)
        if quoted_as:
            named = [m for m in actors if offset + quoted_as.start(1) <= m.start < offset + quoted_as.end(1)]
            if named:
                return self._pick(named, last=True)
        # 'X was quoted by TASS as saying that "..."': the subject of the passive speaks
        quoted_by = re.search(r"\b(?:was|were|is|has\s+been)\s+quoted\b.{0,80}?\bas\s+saying\b", sentence, re.I)
        if quoted_by:
            named = [m for m in actors if offset <= m.start < offset + quoted_by.start()]
            if named:
                return self._pick(named, last=True)
        # 'Asked about the talks, X replied: "..."': a verb that names nobody gives way to the next
        for verb in verbs:
            speaker = self._speaker_of(verb, sentence, offset, span, actors)
            if speaker is not None:
                return speaker
        return None

    def _speaker_of(self, verb, sentence: str, offset: int, span: QuoteSpan, actors: list[Mention]) -> Optional[str]:
        """The speaker one verb of speech names: its subject ('X said'), a pronoun's person ('he
        said'), or the name right after it ('said X, a ...')."""
        said = self.pronoun_before.search(sentence[: verb.end()])
        if said:  # 'he said': whom the parse makes "he", else, if the sentence names nobody, the last person named
            pronoun = re.match(r"(he|she)\b", said.group(0), re.I)
            who = self.subject_person(offset + said.start(), actors, pronoun.group(1).lower() if pronoun else None)
            if who is not None:
                return who
            if not [m for m in actors if offset <= m.start < offset + verb.start()]:
                return self._person_before(span.start, actors)
        subjects = [m for m in actors if offset <= m.start < offset + verb.start()]
        # "X's wife, Y, told ...": the one whose wife (lawyer, son) it is does not speak
        subjects = [m for m in subjects if sentence[m.end - offset: m.end - offset + 2] not in ("'s", "’s")]
        if subjects:
            return self._pick(subjects, last=True)
        if verb.group(0).lower() in self.listener_verbs:
            return None  # "an official told AFP": who is told does not speak
        objects = [m for m in actors if offset + verb.end() <= m.start < span.start]  # "said X, a ..."
        return self._pick(objects) if objects and verb.end() + 2 >= objects[0].start - offset else None

    def _only_attribution(self, gap: str, actors: list[Mention]) -> bool:
        """True when the text between two quotations only says who speaks ("he told X.")."""
        rest = self.verb.sub(" ", gap)
        rest = re.sub(rf"\b{_PRONOUNS}\b|\b(in|an|a|the|to|with|by|on|interview|statement)\b", " ", rest, flags=re.I)
        for m in actors:
            rest = rest.replace(m.text, " ")
        return not re.search(r"[A-Za-z]{3,}", rest)

    def _person_before(self, position: int, actors: list[Mention], pronoun: Optional[str] = None) -> Optional[str]:
        """The last person named before ``position`` (this paragraph's, else the article's so far);
        for "he" or "she", the last whose name does not say the other (a name that tells nothing
        may be either)."""
        persons = [m.name for m in actors if m.end <= position and self.entities[m.name].type == "person"]
        persons = persons or self.persons
        fitting = [name for name in persons if self._may_be(name, pronoun)]
        return (fitting or persons or [None])[-1]

    def _may_be(self, name: str, pronoun: Optional[str]) -> bool:
        """Could ``pronoun`` ("he", "she" or None) stand for the person ``name``?"""
        feminine, masculine = self.name_genders
        last = name.split()[-1].lower() if name.split() else ""
        if pronoun == "she":
            return not last.endswith(masculine) or last.endswith(feminine)
        if pronoun == "he":
            return not last.endswith(feminine)
        return True

    def _pick(self, candidates: list[Mention], last: bool = False) -> Optional[str]:
        """People speak; an outlet beside the verb is where they said it ("told Radio Azadi")."""
        if not candidates:
            return None
        ordered = list(reversed(candidates)) if last else candidates
        for kinds in (("person",), ("government", "organization", "armed-group"), None):
            for m in ordered:
                if kinds is None or self.entities[m.name].type in kinds:
                    return m.name
        return None
