"""Time anchoring: which trigger of a sentence each of its dates belongs to, and the date a
trigger without one of its own takes from its sentence or the story.

A sentence's resolved dates (``story_time``) and triggers (``triggers``) in, the sentence's dated
happenings out (``Found``). The pairing follows the dependency parse: each date goes to the
trigger nearest to it in the tree, with penalties for settings ("during a visit"), speech and
crossing into another clause, so "work stopped after the old regime fell in 1990" dates the fall,
not the stopping. A happening that frames a dated one ("signed ... during a visit", "visiting
President X signed") takes its date too. A clause without a date of its own may take one from a
clause it is coordinated with, from its sentence or, told as past (``factuality.happened``), from
the story so far ("She later opened a clinic there."): the story's "now" (``Now``), which the
reader moves to the date of each main-clause happening; one told as earlier than that ("Earlier,
X met Y") happened on a day the story does not tell. What of the reader's state these rules read
is ``StoryState``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ...knowledge.event_lexicon import SUBJECTS, Lexicon, clause_verb, coarse_pos, has_subject
from ...model import PartialDate
from .factuality import happened, placed_relative
from .story_time import UNKNOWN_DAY, StoryDate, StoryTime, contains
from .triggers import QUOTE_MARKS, Trigger, deferred

# "a month after X", "two weeks before X": the words that date X by a length of time from the sentence's date
_OFFSET_WORDS = frozenset({"after", "before"})
_OFFSET_UNITS = frozenset({"day", "week", "month", "year"})
# "After the talks, ...": the words that date a clause by a happening the story told already
_SAME_DAY_PREPOSITIONS = frozenset({"after", "following"})
# Dates further than this from a trigger in the parse tree do not date it.
MAX_DISTANCE = 6.0
SETTING_PENALTY = 1.5  # "during a meeting": a setting is farther from a date than the clause's own verb
# How far past the lead an undated past-tense clause, and an undated reported statement, still
# tell the publication day's news while no other date has moved the story on. (Statements reached
# 2 and 4 paragraphs until the real set showed its readers count a named speaker's statement eight
# paragraphs down a one-day story as that day's news.)
DAY_NEWS_PARAGRAPHS = 4
STATEMENT_NEWS_PARAGRAPHS = 8
FORMAL_STATEMENT_PARAGRAPHS = 10  # a statement made through a channel ("in a statement") reaches further


@dataclass(frozen=True)
class Now:
    """The story's "now": the paragraph whose main clause last moved it, and the date it moved to."""

    paragraph: int
    date: PartialDate


@dataclass
class StoryState:
    """Where the reader stands: the article's time frame, the index of the story's first
    paragraph, the story's "now", and the paragraph being read with its offsets inside quotation
    marks. The reader changes it as it reads; the anchoring rules only read it."""

    time: StoryTime
    lead: Optional[int] = None
    now: Optional[Now] = None
    paragraph: int = 0
    quoted: set[int] = field(default_factory=set)
    told: dict[str, PartialDate] = field(default_factory=dict)  # by type, the date of the last happening dated to the day

    def near_lead(self) -> bool:
        """Is the paragraph being read the story's first or the one after it?"""
        return self.lead is not None and self.paragraph - self.lead <= 1


@dataclass
class Found:
    """An event found in one sentence, before it is compared with the rest of the article."""

    trigger: Trigger
    date: PartialDate
    main: bool  # told by a main clause: the story's "now" moves to its date
    inherited: bool = False  # dated by its sentence or the story, not by a date of its own


class TimeAnchor:
    """Pairs a sentence's dates with its triggers, against the story's state so far."""

    def __init__(self, lexicon: Lexicon, story: StoryState):
        self.lex = lexicon
        self.story = story

    def pair(self, sent, dates: list[StoryDate], triggers: list[Trigger]) -> list[Found]:
        """The sentence's dated happenings, in reading order."""
        found: list[Found] = []
        taken: dict[int, Found] = {}
        for date in dates:
            choice = self._best_trigger(date, triggers, taken)
            if choice is None:
                continue
            trigger, gapped = choice
            previous = taken.get(trigger.token.i)
            if previous is not None and not gapped:
                if contains(previous.date, date.date):
                    previous.date = date.date  # "last year, on June 3": keep the finer date
                continue
            # "On 2 June, ...": a date that opens the sentence frames all of it, whatever the parse
            main = not date.background and (self._in_main_clause(trigger.token) or _opens(sent, date))
            item = Found(trigger, date.date, main)
            taken[trigger.token.i] = item
            found.append(item)
        self._add_settings(list(found), triggers, taken, found, self._settings)
        # a happening named in a phrase of another clause's ("visiting X signed") comes after that clause
        framed = {t.token.i for other in triggers for t in self._framing_phrases(other, triggers)}
        for trigger in sorted(triggers, key=lambda t: t.token.i in framed):
            if trigger.token.i in taken or not happened(trigger.token, self.story.near_lead()):
                continue
            if self._told_as_earlier(trigger):
                date, main = UNKNOWN_DAY, False
            else:
                date, main = self._inherited_date(trigger, taken, found, not dates)
            # "drowned in a flood": the flood is the happening, dated as the verb would be
            target = deferred(trigger, triggers, self.lex)
            if date is None and self._undated_happening(trigger):
                date, main = UNKNOWN_DAY, False
            if date is not None and target.token.i not in taken:
                taken[target.token.i] = Found(target, date, main, inherited=True)
                found.append(taken[target.token.i])
                # "visiting President X has signed ...", with no date of its own: the visit shares the signing's
                self._add_settings([taken[target.token.i]], triggers, taken, found, self._framing_phrases)
        for trigger in triggers:
            self._offset(trigger, triggers, taken, found)
        found.sort(key=lambda f: f.trigger.token.i)
        return found

    def _add_settings(self, items: list[Found], triggers: list[Trigger], taken: dict[int, Found],
                      found: list[Found], settings) -> None:
        """Add the happenings that frame ``items`` (as ``settings`` finds them), dated as the one they frame."""
        for item in items:
            for extra in settings(item.trigger, triggers):
                if extra.token.i not in taken:
                    taken[extra.token.i] = Found(extra, item.date, item.main, item.inherited)
                    found.append(taken[extra.token.i])

    def _offset(self, trigger: Trigger, triggers: list[Trigger], taken: dict[int, Found], found: list[Found]) -> None:
        """ "The rains came a week after a mudslide hit two towns", "talks two weeks after the
        clash": a happening a length of time before (or after) one the sentence dates is dated by
        that length from it, at the length's precision."""
        token = trigger.token
        relation, main = None, None
        if token.dep_ == "pobj" and token.head.lower_ in _OFFSET_WORDS:
            relation, main = token.head, token.head.head
        else:
            own = clause_verb(token)
            verb = own
            while verb.dep_ == "conj" and verb.head.i != verb.i:
                verb = verb.head  # "after a mudslide blocked the road and hit two towns"
            mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in _OFFSET_WORDS), None)
            if verb.dep_ == "advcl" and mark is not None and (own.i == token.i or token.head.i == own.i):
                relation, main = mark, verb.head
        if relation is None:
            return
        length = next((c for node in (relation, main) for c in node.children
                       if c.dep_ == "npadvmod" and c.lemma_.lower() in _OFFSET_UNITS), None)
        if length is None:
            return
        anchor = taken[main.i].date if main.i in taken else next((f.date for f in found if f.main), None)
        if anchor is None and self.story.now is not None and self._in_main_clause(main):
            anchor = self.story.now.date
        if anchor is None or anchor is UNKNOWN_DAY or anchor.precision != "day":
            return
        from ..dates import resolve_date

        words = " ".join(t.text for t in length.subtree)
        date = resolve_date(f"{words} {'earlier' if relation.lower_ == 'after' else 'later'}", anchor, anchor)
        if date is None:
            return
        if token.i in taken:
            taken[token.i].date = date
        elif happened(token, self.story.near_lead()):
            target = deferred(trigger, triggers, self.lex)  # "a mudslide ... killed four": the mudslide
            if target.token.i in taken:
                taken[target.token.i].date = date
            else:
                taken[target.token.i] = Found(target, date, False, inherited=True)
                found.append(taken[target.token.i])

    def _best_trigger(self, date: StoryDate, triggers: list[Trigger], taken: dict[int, Found]):
        """The trigger a date belongs to (and whether it reaches it through a gapped clause)."""
        scored = []
        for trigger in triggers:
            score = self._score(date, trigger)
            if score is not None and len(triggers) == 1 and self._is_setting(trigger.token):
                # "Last week, X praised Y during a tour of Z": with nothing else to claim the
                # date, the setting is the happening
                score = (score[0] - SETTING_PENALTY, score[1])
            if score is not None and score[0] <= MAX_DISTANCE:
                target = deferred(trigger, triggers, self.lex)
                # Between equally close triggers, prefer one no other date has claimed.
                distance = score[0] + (0.5 if target.token.i in taken else 0)
                scored.append((distance, self.lex.rank(target.type), target.token.i, target, score[1]))
        if not scored:
            return None
        scored.sort(key=lambda s: s[:3])
        best = scored[0]
        if best[3].type in self.lex.weak_types:
            for option in scored[1:]:
                trigger = option[3]
                if (trigger.type in self.lex.violent_types and coarse_pos(trigger.token) == "VERB"
                        and option[0] <= best[0] + 2):
                    return trigger, option[4]
        return best[3], best[4]

    def _score(self, date: StoryDate, trigger: Trigger):
        """Tree distance from a date to a trigger with penalties, or None when the date cannot
        reach it; also whether the path crosses a coordination (a gapped second clause)."""
        up = [date.root, *date.root.ancestors]
        down = [trigger.token, *trigger.token.ancestors]
        down_index = {t.i: n for n, t in enumerate(down)}
        lca_at = next((n for n, t in enumerate(up) if t.i in down_index), None)
        if lca_at is None:
            return None
        below = down[: down_index[up[lca_at].i]]
        for step, node in enumerate(up[:lca_at]):
            if date.start <= node.i < date.end:
                continue
            if node.dep_ == "pobj" and node.head.lower_ in self.lex.relative_prepositions:
                return None  # "following approval last spring": the date is the approval's
            if node.lower_ in self.lex.relative_prepositions and node.dep_ == "prep":
                child = up[step - 1]
                if not (date.start <= child.i < date.end and child.dep_ == "pobj"):
                    return None  # the date hangs off "following", not "following <date>"
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in self.lex.relative_prepositions for c in node.children
            ):
                return None
            if node.dep_ in ("relcl", "acl") and node.lemma_ in self.lex.state_verbs:
                return None  # "X, who has chaired the board since 2015, urged ...": the state's own date
        score = float(lca_at + len(below))
        for node in below:
            if node.dep_ == "conj" and has_subject(node):
                score += 3
            elif node.dep_ in ("ccomp", "relcl", "advcl"):
                score += 1
                if node.dep_ == "advcl" and node.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "mark") for c in node.children):
                    score += 1  # "went on strike demanding higher pay": a participle adds to its clause's happening
        if self._is_setting(trigger.token):
            score += SETTING_PENALTY
        if trigger.type in self.lex.weak_types:
            score += 1
        gapped = any(node.dep_ == "conj" for node in up[:lca_at])
        return score, gapped

    def _told_as_earlier(self, trigger: Trigger) -> bool:
        """ "Earlier, rescuers reached the village", "X initially praised the plan": a clause
        placed before the story's "now" with no time of its own happened, on a day not told."""
        verb = clause_verb(trigger.token)
        return any(c.dep_ == "advmod" and c.lower_ in self.lex.earlier_words for c in verb.children)

    def _undated_happening(self, trigger: Trigger) -> bool:
        """In a story whose own date is unknown, a happening told in a main clause of the past
        with no time of its own ("Rescuers were sent to the site.") is real, and undated.
        (Where the story's date is known, such clauses were tried as undated events too: more
        events found, but many the reader would date from the story went out undated, and the
        date accuracy of both halves of the real set fell by 0.03-0.07.) Speech is left out: an
        undated "X said" is an attribution more often than news."""
        token = trigger.token
        if self.story.time.today not in (None, UNKNOWN_DAY):
            return False
        if trigger.type in self.lex.weak_types:
            return False
        if placed_relative(token, self.lex):
            return False
        return self._in_main_clause(token) and coarse_pos(token) == "VERB"

    def _is_setting(self, token) -> bool:
        return (
            token.dep_ == "pobj"
            and token.head.dep_ == "prep"
            and token.head.lower_ in self.lex.setting_prepositions
        )

    def _settings(self, trigger: Trigger, triggers: list[Trigger]) -> list[Trigger]:
        """Happenings that frame a dated one: "signed ... during a visit" is also a visit."""
        by_token = {t.token.i: t for t in triggers}
        extra = []
        token = trigger.token
        if self._is_setting(token):
            governor = token.head.head
            other = by_token.get(governor.i)
            if other and other.type != trigger.type and other.type not in self.lex.weak_types:
                extra.append(other)
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in self.lex.setting_prepositions:
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in self.lex.setting_frames:
                    # "on the sidelines of a summit", "within the framework of the visit"
                    noun = next((n for of in noun.children if of.dep_ == "prep" and of.lower_ == "of"
                                 for n in of.children if n.dep_ == "pobj"), noun)
                other = by_token.get(noun.i)
                if (other and other.type in self.lex.setting_types and other.type != trigger.type):
                    extra.append(other)
        return extra + [t for t in self._framing_phrases(trigger, triggers) if t not in extra]

    def _framing_phrases(self, trigger: Trigger, triggers: list[Trigger]) -> list[Trigger]:
        """Visits and talks named in a phrase of the clause ("visiting President X signed", "signed
        ... as part of an official visit"), unless named again after "after" or "following";
        of a meeting "on the sidelines of a summit", the meeting only. (A visit "for talks" is one
        happening: between visits and talks only ``_settings``' prepositions tell two.)"""
        if trigger.type in self.lex.setting_types:
            return []
        framing = [other for other in triggers
                   if other.type in self.lex.setting_types and other.type != trigger.type
                   and _in_phrase_of(other.token, trigger.token)
                   and not (other.token.dep_ == "pobj" and self._told_before(other.token.head, other.token))]
        return [other for other in framing
                if not any(o.type == other.type and o.token.is_ancestor(other.token) for o in framing)]

    def _inherited_date(self, trigger: Trigger, taken: dict[int, Found], found: list[Found],
                        dateless: bool) -> tuple[Optional[PartialDate], bool]:
        """The date a clause without one of its own takes from its sentence or the story, and
        whether it is told by a main clause."""
        token = trigger.token
        story = self.story
        if any(c.dep_ == "cc" and c.lower_ in self.lex.contrast_words for c in token.children):
            return None, False  # "..., but nothing was agreed"
        weak = trigger.type in self.lex.weak_types
        if weak and self._news_of_the_day_statement(token):
            return story.time.today, False
        if weak or placed_relative(token, self.lex):
            return None, False  # speech is dated by its own sentence; "before X was signed" is not now
        clause = clause_verb(token)
        if any(clause_verb(root).i == clause.i for root in story.time.unresolved):
            return None, False  # the clause gives its own time, one we could not resolve
        if token.dep_ == "conj" and has_subject(token) and not weak:
            head_event = _event_of_clause(token.head, taken)
            if head_event is not None:
                return head_event.date, head_event.main
        main_clause = self._in_main_clause(token) and token.pos_ in ("VERB", "AUX")
        if main_clause and not weak:
            # "Following exercises in 2019, the navy sent ...": the main clause follows in kind.
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in self.lex.relative_prepositions:
                    for noun in prep.children:
                        if noun.i in taken:
                            return taken[noun.i].date, True
                        told = self._told_before(prep, noun)
                        if told is not None:
                            return told, True
        if any(item.main for item in found) or not (main_clause or dateless):
            return None, False
        if story.now is None:
            return None, False
        paragraph = story.paragraph
        if story.now.paragraph not in (paragraph, paragraph - 1) and not self._day_news(DAY_NEWS_PARAGRAPHS):
            return None, False
        if not main_clause and not (story.near_lead() and self._reported(token)) and (
                story.now.date is UNKNOWN_DAY or story.now.date.precision != "day"):
            return None, False  # a subordinate clause borrows only a precise "now"
        return story.now.date, True

    def _told_before(self, prep, noun) -> Optional[PartialDate]:
        """ "After the talks, both ministers initialled a plan": a happening the story told already, named
        again with "the" after "following" or "after", dates the clause to its day."""
        if prep.lower_ not in _SAME_DAY_PREPOSITIONS or noun.dep_ != "pobj":
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return None
        entry = self.lex.trigger(noun)
        if entry is None or entry.type in self.lex.weak_types:
            return None
        return self.story.told.get(entry.type)

    def _reported(self, token) -> bool:
        """Is the clause what the sentence's main verb of speech reports ("Officials said that
        280 people were killed", "280 were killed, officials said")?"""
        node = clause_verb(token)
        if node.dep_ != "ccomp" or node.head.dep_ != "ROOT":
            return False
        entry = self.lex.trigger(node.head)
        return entry is not None and entry.type in self.lex.weak_types

    def _day_news(self, reach: int) -> bool:
        """Is the story still at its publication day (the lead's date), ``reach`` paragraphs past the lead?"""
        story = self.story
        return (story.lead is not None and story.paragraph - story.lead <= reach and story.now is not None
                and story.now.date == story.time.today)

    def _news_of_the_day_statement(self, token) -> bool:
        """ "X warned of higher prices", "Y has thanked Z": reported speech by a named speaker
        near the top of a story that gives no other date is that day's news. Direct quotations
        are not: their speaker is attributed, not reported on."""
        reach = FORMAL_STATEMENT_PARAGRAPHS if self._formal(token) else STATEMENT_NEWS_PARAGRAPHS
        if not self._day_news(reach):
            return False
        if token.dep_ not in ("ROOT", "conj"):
            return False
        sent = token.sent
        quoted = self.story.quoted
        inside = sum(1 for offset in range(sent.start_char, sent.end_char) if offset in quoted)
        opening = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        if inside * 2 > sent.end_char - sent.start_char or sent.text.lstrip()[:1] in QUOTE_MARKS or (
                opening in quoted):  # the second sentence of a quotation
            return False  # a direct quotation: its speaker is attributed, not reported on
        for clause in (c for c in token.children if c.dep_ in ("ccomp", "parataxis") and c.i < token.i):
            entries = (self.lex.trigger(t) for t in clause.subtree)
            if any(e is not None and e.type not in self.lex.weak_types for e in entries):
                return False  # "X visited Y, the office said": the saying only attributes that news
        return any(c.dep_ in SUBJECTS and (_named(c) or any(a.dep_ == "appos" and _named(a) for a in c.children))
                   for c in token.children)  # "X said", "Its director-general, X, said"

    def _formal(self, token) -> bool:
        """Is the speech made through a channel: "said in a statement", "told a briefing"?"""
        for child in token.children:
            nouns = [child] if child.dep_ == "dobj" else [n for n in child.children if n.dep_ == "pobj"] if child.dep_ == "prep" else []
            if any(n.lemma_.lower() in self.lex.statement_channels for n in nouns):
                return True
        return False

    def _in_main_clause(self, token) -> bool:
        """True for the sentence's main clause, clauses coordinated with it, and the report in
        "X did Y, officials said" (the speech verb is the parse's root, the news is not)."""
        node = clause_verb(token)
        if node.dep_ == "ccomp" and node.head.dep_ == "ROOT" and node.i < node.head.i:
            return self._reported(token)
        if node.dep_ == "ROOT":
            return True
        return node.dep_ == "conj" and node.head.dep_ == "ROOT"


def _named(token) -> bool:
    """A proper name, or a word the parse reads as part of a named person, body or place."""
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def _event_of_clause(verb, taken: dict[int, Found]) -> Optional[Found]:
    """The dated event of a clause: the closest trigger the clause's verb governs."""
    best = None
    for item in taken.values():
        steps = 0
        for node in [item.trigger.token, *item.trigger.token.ancestors]:
            if node.i == verb.i:
                if best is None or steps < best[0]:
                    best = (steps, item)
                break
            if node.dep_ == "conj" and has_subject(node):
                break
            if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
                break
            steps += 1
    return best[1] if best else None


def _in_phrase_of(token, verb) -> bool:
    """Is ``token`` a noun or a participle inside a phrase of ``verb``'s own clause ("visiting
    President X signed", "signed ... as part of her visit"), no clause between?"""
    if token.i == verb.i or (coarse_pos(token) == "VERB" and not (
            token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"))):
        return False  # a clause of its own; a participle on a noun ("the visiting minister") is a phrase
    for node in token.ancestors:
        if node.i == verb.i:
            return True
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("prep", "amod"):
            return False  # "following the talks" is a preposition, whatever its tag
    return False


def _opens(sent, date: StoryDate) -> bool:
    """Does the date open the sentence as its frame ("On 2 June 2023, ...", "In April, ...")?"""
    before = [t for t in sent[: date.start - sent.start] if not t.is_punct]
    after = sent.doc[date.end] if date.end < sent.end else None
    return len(before) <= 1 and all(t.pos_ == "ADP" for t in before) and after is not None and after.text == ","
