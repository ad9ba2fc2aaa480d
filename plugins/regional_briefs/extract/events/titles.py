"""Event titles: a trigger token and its parsed sentence in, a one-line summary out.

The title is the trigger's clause without what the event shows elsewhere (its dates) and
without asides and subordinate clauses; a relative or participle clause gets its noun back.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from ...knowledge.event_lexicon import SUBJECTS, Lexicon, has_subject
from .story_time import first_to

TITLE_LIMIT = 120

_FRONTED_TIME_DEPS = ("prep", "npadvmod", "advmod", "tmod", "obl")


_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def event_title(trigger, sent, dates: list, lex: Lexicon, name_for: Optional[Callable] = None) -> str:
    """The title of the happening ``trigger`` (a token of the parsed sentence ``sent``) names.

    ``dates`` are the sentence's date expressions as spans of the same doc: they, the word that
    introduces them and a wire dateline are left out. At most ``TITLE_LIMIT`` characters, made
    only of the sentence's words in their order (a borrowed subject comes first)."""
    head = _clause_head(trigger, lex.relative_prepositions | lex.setting_prepositions)
    if head.dep_ == "xcomp" and first_to(head.head):
        head = head.head  # "X was the first state to open an embassy", not "To open an embassy"
    dateline_end = lex.dateline_end(sent)
    undated = _date_tokens(dates, sent) | {t.i for t in sent if t.idx < dateline_end}
    if _retold_subject(head, trigger, lex):
        # "The inspection came after a first tour by X": the title is X's tour, with its "by X"
        # wherever the parser hung it
        agents = [c for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" and c.i > trigger.i]
        head = trigger
        phrase = sorted({*trigger.subtree, *(t for a in agents for t in a.subtree)}, key=lambda t: t.i)
        drop = _asides(head) | undated | {i for a in agents for o in a.children for i in _asides_of(o)}
    else:
        phrase = list(head.subtree)
        drop = _asides(head) | undated
    tokens = _tidy([t for t in phrase if t.i not in drop])
    if head.dep_ in ("relcl", "acl") and head.head.i != head.i:
        relative = [t for t in tokens if t.tag_ in ("WDT", "WP", "WP$", "WRB") and t.head.i == head.i]
        tokens = [t for t in tokens if t not in relative]
        if not any(t.tag_ == "WRB" for t in relative):  # "..., when X signed" needs no antecedent
            noun = _antecedent(head.head)
            lead = [t for t in noun.subtree if t.i < head.left_edge.i and t.i not in drop]
            while lead and lead[-1].is_punct:
                lead.pop()
            tokens = lead + tokens
    if head.dep_ == "conj" and not has_subject(head):
        subject = next((c for c in head.head.children if c.dep_ in SUBJECTS), None)
        if subject is not None:  # "... and charged the following year" needs its "He"
            auxiliaries = [c for c in head.head.children if c.dep_ in ("aux", "auxpass") and c.i < head.head.i]
            tokens = list(subject.subtree) + auxiliaries + tokens
    tokens = _impersonal(head, tokens, drop) or _appositive_name(head, tokens) or tokens
    tokens = _noun_antecedent(tokens, drop) or tokens
    text = _named(tokens, _join(tokens), name_for)
    if len(text.split()) < 3:  # a clause too broken to stand alone: the sentence, undated
        text = _join(_tidy([t for t in sent if not t.is_space and t.i not in undated]))
    if len(text) > TITLE_LIMIT:
        text = text[: TITLE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—") + "…"
    return text[:1].upper() + text[1:]


def _named(tokens: list, text: str, name_for: Optional[Callable]) -> str:
    """A title says who: "He was deported" becomes "Temirov was deported", "Its assault" "X's
    assault", "This visit" "The visit" (``name_for`` gives a pronoun's antecedent, or None)."""
    if not tokens or not text:
        return text
    first = tokens[0]
    word = first.lower_
    rest = text[len(first.text):]
    if word in _DEMONSTRATIVES and first.dep_ == "det":
        return "The" + rest
    name = name_for(first) if name_for is not None else None
    if name is None:
        return text
    if word in _SUBJECT_PRONOUNS and first.dep_ in SUBJECTS:
        return name + rest
    if word in _POSSESSIVE_PRONOUNS and first.dep_ == "poss":
        return f"{name}’s" + rest
    return text


def _impersonal(head, tokens: list, drop: set[int]) -> Optional[list]:
    """"It was announced that the bridge had been completed" tells of the completion: an impersonal "it"
    with a that-clause gives the title to the clause."""
    subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.lower_ != "it" or not tokens or tokens[0].i != subject.i:
        return None
    clause = next((c for c in head.children if c.dep_ == "ccomp" and c.i > head.i), None)
    if clause is None or not any(c.dep_ == "mark" for c in clause.children):
        return None
    kept = _tidy([t for t in clause.subtree if t.i not in drop and not (t.dep_ == "mark" and t.head.i == clause.i)])
    return kept if len(kept) >= 3 else None


def _appositive_name(head, tokens: list) -> Optional[list]:
    """"Its chairman, Ivan Petrov, opened" names him: a subject whose pronoun owner is
    followed by a name set off by commas is told by the name ("Ivan Petrov opened")."""
    subject = next((c for c in head.children if c.dep_ in SUBJECTS and c.i < head.i), None)
    if subject is None or not tokens or tokens[0].lower_ not in _POSSESSIVE_PRONOUNS:
        return None
    name = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN" and _set_off(c)), None)
    if name is None:
        return None
    phrase = {t.i for t in subject.subtree}
    return [t for t in name.subtree if not t.is_punct] + [t for t in tokens if t.i not in phrase]


def _noun_antecedent(tokens: list, drop: set[int]) -> Optional[list]:
    """"Two mayors signed the pact. It closed a decade of disputes": a leading "it" or "they"
    stands for the noun phrase of the sentence before it, its subject when that agrees (a thing for
    "it", several for "they") and is no pronoun, else its object."""
    first = tokens[0] if tokens else None
    if first is None or first.lower_ not in ("it", "they") or first.dep_ not in SUBJECTS:
        return None
    sentence = first.sent
    if sentence.start == 0:
        return None
    before = first.doc[sentence.start - 1].sent
    plural = first.lower_ == "they"
    for dep in (("nsubj", "nsubjpass"), ("dobj",)):
        noun = next((c for c in before.root.children if c.dep_ in dep), None)
        if noun is None or noun.pos_ == "PRON" or noun.ent_type_ == "PERSON":
            continue
        several = noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)
        if several != plural:
            continue
        phrase = [t for t in noun.subtree if t.i not in _asides_of(noun)]
        while phrase and (phrase[-1].is_punct or phrase[-1].dep_ in ("cc", "prep")):
            phrase.pop()
        if not 1 <= len(phrase) <= 10:
            return None
        return phrase + tokens[1:]
    return None


def _asides_of(noun) -> set[int]:
    """Relative clauses and set-off appositions of a noun phrase, with their commas."""
    drop: set[int] = set()
    for token in noun.subtree:
        if token.i != noun.i and (token.dep_ == "relcl" or (token.dep_ == "appos" and _set_off(token))):
            drop.update(t.i for t in token.subtree)
            drop.update(i for i in (token.left_edge.i - 1, token.right_edge.i + 1)
                        if 0 <= i < len(noun.doc) and noun.doc[i].text in (",", "(", ")"))
    return drop


def _retold_subject(head, trigger, lex: Lexicon) -> bool:
    """Whether the clause around a trigger noun is about another happening told before it: its
    subject is a definite event noun ("The visit followed a trip", "This meeting came after
    talks"), so the clause says who did what only of that one, and the trigger's own phrase
    tells its happening."""
    if head.i == trigger.i or trigger.pos_ != "NOUN":
        return False
    subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.i == trigger.i or subject.pos_ != "NOUN":
        return False
    definite = any(c.dep_ == "det" and (c.lower_ == "the" or c.lower_ in _DEMONSTRATIVES) for c in subject.children)
    return definite and lex.trigger(subject) is not None


def _clause_head(trigger, scene_prepositions: frozenset[str]):
    """The verb whose clause the title tells: a trigger noun stands for the clause around it
    ("two days of shelling injured 12") unless it only sets the scene ("during a visit")."""
    node = trigger
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ in scene_prepositions:
            break
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else trigger


def _asides(head) -> set[int]:
    """Tokens of the clause a title leaves out: fronted times, subordinate and coordinated
    clauses with their own subject, relative clauses and appositions set off by commas."""
    drop: set[int] = set()
    for child in head.children:
        fronted_time = (child.i < head.i and child.dep_ in _FRONTED_TIME_DEPS
                        and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree))
        purpose = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        # "Recall, ...", "Meanwhile, ...", "However, ...": how the sentence links to the story,
        # set off before the clause ("According to X, ..." stays: it says who tells it)
        fronted_aside = (child.i < head.i and child.right_edge.i + 1 < len(child.doc)
                         and child.doc[child.right_edge.i + 1].text == ","
                         and child.dep_ in ("advmod", "intj") and child.left_edge.i == head.sent.start)
        if (child.dep_ in ("advcl", "parataxis", "mark", "punct") and not purpose) or fronted_time or fronted_aside:
            drop.update(t.i for t in child.subtree)
        elif child.dep_ == "conj" and has_subject(child):
            drop.update(t.i for t in child.subtree)
            drop.update(c.i for c in head.children if c.dep_ == "cc" and c.i < child.i)
    doc = head.doc
    for token in head.subtree:
        if token.i == head.i:
            continue
        if token.dep_ == "relcl" or (token.dep_ == "appos" and _set_off(token)):
            drop.update(t.i for t in token.subtree)
            for edge in (token.left_edge.i - 1, token.right_edge.i + 1):
                if 0 <= edge < len(doc) and doc[edge].text in (",", "(", ")"):
                    drop.add(edge)
    return drop


def _date_tokens(dates: list, sent) -> set[int]:
    """The dates with the word that introduces them ("on", "in"), the possessive that ties them
    to a noun ("Friday's protests") and the comma that closes them."""
    doc = sent.doc
    drop: set[int] = set()
    for date in dates:
        drop.update(range(date.start, date.end))
        drop.update(c.i for t in date for c in t.children if c.dep_ == "case")
        if date.root.dep_ == "pobj" and date.root.head.dep_ == "prep":
            drop.add(date.root.head.i)
        before = doc[date.start - 1] if date.start > sent.start else None
        if before is not None and before.dep_ == "prep" and not any(True for _ in before.children):
            drop.add(before.i)  # "In mid-January, ...", the date parsed apart from its preposition
        if date.end < len(doc) and doc[date.end].text == "," and date.start > sent.start:
            drop.add(date.end)
    return drop


def _tidy(tokens: list) -> list:
    """Without prepositions whose object was left out ("began in, months after"), and with the
    commas that still stand between two kept words ("During his stay in Tbilisi, Melikyan met")."""
    if not tokens:
        return tokens
    kept = {t.i for t in tokens}
    kept -= {t.i for t in tokens if t.dep_ == "prep" and t.n_lefts + t.n_rights
             and not any(c.i in kept for c in t.children)}
    doc = tokens[0].doc
    first, last = min(kept, default=0), max(kept, default=0)
    kept |= {i for i in range(first + 1, last) if doc[i].text == "," and i - 1 in kept and i + 1 in kept}
    return [doc[i] for i in sorted(kept)]


def _antecedent(noun):
    """The noun phrase a relative clause describes. The parser often hangs the clause on the
    last noun of "papers for the Accord on Fisheries between the two states, which ..."; the
    phrase is the whole chain of nouns and prepositions. A clause on a name ("the Harbour Authority,
    which said") is about the name."""
    node = noun
    while (node.pos_ != "PROPN" or node.i != noun.i) and (node.dep_ == "pobj" and node.head.dep_ == "prep"
           and node.head.head.pos_ in ("NOUN", "PROPN") and node.head.head.dep_ != "ROOT"):
        node = node.head.head
    return node


def _set_off(token) -> bool:
    """An apposition between commas or brackets ("Ms Ruiz, the mayor, said")."""
    before = token.left_edge.i - 1
    return before >= 0 and token.doc[before].text in (",", "(")


def _join(tokens) -> str:
    """Tokens back to text, with a space wherever tokens were left out."""
    parts: list[str] = []
    previous = None
    for token in tokens:
        if previous is not None and token.i != previous.i + 1 and not parts[-1].endswith(" "):
            parts.append(" ")
        parts.append(token.text_with_ws)
        previous = token
    text = re.sub(r"\s+", " ", "".join(parts))
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"\(\s*\)|\(\s*$", "", text)
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text)
    return text.strip(" ,;:-–—").rstrip(".").strip()

