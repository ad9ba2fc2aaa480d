"""Finding triggers: the words of a sentence that name a happening.

A parsed sentence in, its ``Trigger``s out. A token is a trigger when the lexicon
(``data/events.yml``, read by ``knowledge.event_lexicon``) knows it, it lies outside quotation
marks (``quoted_offsets``: what a speaker says is theirs, not the article's news) and outside the
name of an organisation, law or event ("the Harvest Festival"), and it reports something real
(``factuality.is_real``); a verb that only modifies what a trigger of its kind acts on ("passed a
bill banning cars") is not one of its own. A counting verb stands for the happening that did the
counting when the sentence names one (``deferred``: in "a landslide buried six" the happening is
the landslide); what protesters do is a protest (``event_type``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...knowledge.event_lexicon import SUBJECTS, Lexicon, TriggerEntry, clause_verb
from .factuality import is_real

QUOTE_MARKS = frozenset("“”«»\"")
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ('"', '"'))
# Entity labels whose capitalised words are a name's, not a happening's ("the Spring Summit").
_NAMED_THINGS = ("ORG", "LAW", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT")


@dataclass
class Trigger:
    """A token of the parse that names a happening, and the lexicon line it matched."""

    token: Any
    entry: TriggerEntry

    @property
    def type(self) -> str:
        return self.entry.type


def find_triggers(sent, quoted: set[int], lex: Lexicon) -> list[Trigger]:
    """The sentence's triggers in reading order; ``quoted``: its paragraph's offsets inside
    quotation marks."""
    entity_tokens = {
        t.i for e in sent.ents if e.label_ in _NAMED_THINGS
        for t in e if t.pos_ == "PROPN" or t.is_title
    }
    triggers = []
    for token in sent:
        if token.idx in quoted or token.i in entity_tokens:
            continue
        entry = lex.trigger(token)
        if entry is None or not is_real(token, lex):
            continue
        triggers.append(Trigger(token, entry))
    return [t for t in triggers if not _inside_an_argument_of_its_kind(t, triggers)]


def _inside_an_argument_of_its_kind(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """ "Parliament passed a bill banning cars": a verb inside what a trigger of the same type acts
    on tells that happening, not one of its own."""
    token = trigger.token
    if token.pos_ != "VERB" or token.dep_ != "acl" or any(c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass")
                                                          for c in token.children):
        return False  # a noun says what was done; a clause of its own ("which was signed") is its own
    for other in triggers:
        if other is trigger or other.type != trigger.type:
            continue
        if any(argument.dep_ in ("dobj", "nsubjpass") and argument.is_ancestor(token) for argument in other.token.children):
            return True
    return False


def deferred(trigger: Trigger, triggers: list[Trigger], lex: Lexicon) -> Trigger:
    """The trigger a counting verb stands for: in "storms killed 9" the happening is the storm."""
    if trigger.entry.lemma not in lex.deferring:
        return trigger
    governors = [trigger.token]
    if trigger.token.dep_ in ("advcl", "conj"):  # "a tremor hit ..., injuring four"
        governors.append(trigger.token.head)
    # "280 were killed and hundreds injured as a result of an earthquake": the cause of the pair
    governors += [c for c in trigger.token.children if c.dep_ == "conj"]
    arguments = [t for t in triggers if t is not trigger and t.type not in lex.weak_types
                 and (any(_governs_as_argument(g, t.token, lex.cause_prepositions) for g in governors)
                      or (t.token.dep_ == "advcl" and t.token.head.i == trigger.token.i))]  # "died when ... collided"
    return min(arguments, key=lambda t: abs(t.token.i - trigger.token.i), default=trigger)


def event_type(trigger: Trigger, lex: Lexicon) -> str:
    """The trigger's type, unless its subject says better: what protesters do is a protest."""
    verb = clause_verb(trigger.token)
    if trigger.type not in lex.protest_keeps and any(
            c.dep_ in SUBJECTS and c.lemma_.lower() in lex.protest_subjects for c in verb.children):
        return "protest"
    return trigger.type


def quoted_offsets(text: str) -> set[int]:
    """Character offsets that lie inside quotation marks."""
    inside: set[int] = set()
    for opening, closing in _QUOTE_PAIRS:
        position = 0
        while True:
            start = text.find(opening, position)
            if start < 0:
                break
            end = text.find(closing, start + 1)
            if end < 0:
                break
            inside.update(range(start, end + 1))
            position = end + 1
    return inside


def _governs_as_argument(verb, token, cause_prepositions: frozenset = frozenset()) -> bool:
    """True when ``token`` lies in the subject or object phrase of ``verb``, or is the object of
    one of ``cause_prepositions`` on it."""
    for node in [token, *token.ancestors]:
        if node.head.i == verb.i and node.i != verb.i:
            if node.dep_ in (*SUBJECTS, "dobj"):
                return True
            # "hurt in a fire", "drowned in a flood", "injured by shelling", "killed as a result
            # of an earthquake": the cause, after a preposition of one word or several
            if node.dep_ != "prep" or not node.i <= token.head.i < token.i:
                return False
            return " ".join(t.lower_ for t in token.doc[node.i:token.head.i + 1]) in cause_prepositions
    return False
