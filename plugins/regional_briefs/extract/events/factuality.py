"""Factuality: whether a trigger reports something that happened, and how it is told.

A parsed token in, a yes or no out. ``is_real`` turns away what did not happen: a negated trigger
("no talks were held"), a trend ("rising inflation"), a habit ("have rarely commented"), one whose subject says nothing was done ("little was achieved"), a verb
told as expected rather than done (modals, futures, plans and intentions, ``story_time.expected``),
a noun that only modifies another ("the drought season") or that an unreal word qualifies, and a
noun hung from a verb that is itself unreal ("will fly to the capital for talks").

``happened`` tells a clause told as past (or, at the top of a story, in the present progressive):
only such a clause may borrow a date from its sentence or the story. ``placed_relative`` tells a
clause or phrase inside "after ...", "before ..." or "since ...": it is placed against another
happening, not at the story's "now".
"""

from __future__ import annotations

from ...knowledge.event_lexicon import SUBJECTS, Lexicon, clause_verb, coarse_pos
from .story_time import expected


def is_real(token, lex: Lexicon) -> bool:
    """False for triggers that did not happen: negated, modal, intended, merely planned."""
    if any(c.dep_ == "neg" for c in token.children):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in lex.habitual_words for c in token.children):
        return False  # "officials have rarely commented": a habit, not a happening
    if any(c.dep_ in SUBJECTS and (c.lower_ in lex.negative_subjects
                                   or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
           for c in token.children):
        return False  # "nothing was decided", "no country has recognised it"
    if token.dep_ == "amod" and token.tag_ == "VBG" and token.lemma_.lower() in lex.trend_verbs:
        return False  # "rising inflation": a trend, not a happening
    if coarse_pos(token) == "VERB":
        return not expected(token, lex)
    if token.i > 0 and token.nbor(-1).tag_ == "TO" and token.tag_ in ("NN", "NNS"):
        return False  # "the push to reform customs": a verb the tagger read as a noun, and unreal
    if token.dep_ == "compound":
        return False  # "the flood season", "a referendum committee": a modifier, not news
    if any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in lex.unreal_modifiers
           for c in token.children):
        return False
    if placed_relative(token, lex):
        return True  # "since the return to power in 2021, they have rarely met": told as background
    verb = clause_verb(token)
    # "will fly to the capital for talks": a noun is no more real than the verb it hangs from
    return verb.i == token.i or is_real(verb, lex)


def happened(token, near_lead: bool) -> bool:
    """A past-tense verb: the kind of clause that may borrow a date from its context.
    ``near_lead``: the sentence is in the story's first paragraph or the one after it."""
    if token.dep_ == "amod" and token.tag_ == "VBG":
        return True  # "the visiting minister": the visit is under way
    if coarse_pos(token) != "VERB":
        # "opened the inquiry", "held a rally": a noun happened when its verb did
        return (token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB"
                and token.head.i != token.i and happened(token.head, near_lead))
    if token.tag_ == "VBD":
        return True
    if token.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in token.children):
        return True  # "The dam burst its walls": a singular subject, so not the present
    # past ("was shelled"), present perfect ("have been evacuated") and past progressive ("were marching")
    if token.tag_ == "VBG":
        if any(c.dep_ == "aux" and c.tag_ == "VBD" for c in token.children):
            return True
        # "Rebels are shelling ...": told in the present progressive at the top of a story,
        # the happening is the news of the day
        return near_lead and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in token.children)
    return token.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lemma_ == "have") for c in token.children
    )


def placed_relative(token, lex: Lexicon) -> bool:
    """True inside "after ...", "before ...", "since ..." clauses and phrases."""
    for node in [token, *token.ancestors]:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lex.relative_prepositions for c in node.children
        ):
            return True
        if node.dep_ == "pobj" and node.head.lower_ in lex.relative_prepositions:
            return True
    return False
