"""Who and where: a sentence, the mentions inside it and the event's trigger in, the event's
actors and places out.

A named person or organisation is an actor; a country is an actor when it acts (the subject of
the clause, or a party "with" or "between") and otherwise a place. A demonym before a force or
official noun ("Armenian border guards") makes its country an actor. Names that only say where
the report comes from (the wire dateline, "according to X", an outlet that reports or is told)
are neither; nor is a place that only describes a route, an area or the scope of a comparison
("a hub for trade between Asia and Europe", "the largest smelter in Central Asia").

A pronoun in an event's title is replaced by the name it stands for (``antecedent``): the last
person named before "he" or "she", the organisation or country a sentence is about for "its".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from ...knowledge.event_lexicon import SUBJECTS, Lexicon, clause_verb
from ...model import Mention

# Maps an adjective like "Armenian" to the country's name.
DemonymLookup = Callable[[str], Optional[str]]

# Links inside one name phrase: "Radio Azattyk, RFE/RL's Kyrgyz Service", "Asia and Europe".
_NAME_LINKS = ("appos", "compound", "poss", "conj", "flat", "nmod")


@dataclass
class Participants:
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # actors named outright, not through a country


def participants(sent, mentions: list[Mention], lex: Lexicon, demonym_of: DemonymLookup,
                 trigger=None) -> Participants:
    """The actors and places of the happening ``trigger`` (a token of the parsed sentence
    ``sent``; None for whatever the sentence tells), from the mentions that lie inside it."""
    found = Participants()
    places: list[str] = []
    scopes: list[str] = []
    doc = sent.doc
    start = max(sent.start_char, lex.dateline_end(sent))
    inside = [m for m in mentions if m.start >= start and m.end <= sent.end_char]
    media = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in inside if m.type == "media"]
    outlets = {t.i for span in media if span is not None for t in span}
    for mention in sorted(inside, key=lambda m: m.start):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and _only_reports(span, outlets, lex, trigger):
            continue
        name = mention.name or mention.text
        if mention.kind == "actor":
            found.actors.append(name)
            found.named.add(name)
        elif mention.type == "country" and span is not None and _acts(span, lex):
            found.actors.append(name)
        elif span is not None and _on_route(span, lex, trigger):
            continue
        elif span is not None and _comparison_scope(span, lex):
            scopes.append(name)
        else:
            places.append(name)
    covered = [(m.start, m.end) for m in inside]
    for token in sent:
        if token.idx < start or any(s <= token.idx < e for s, e in covered):
            continue
        if _acting_adjective(token, lex):
            country = demonym_of(token.text)
            if country:
                found.actors.append(country)
    found.actors = unique(found.actors)
    found.places = [p for p in unique(places or scopes) if p not in found.actors]
    return found


def _acts(span, lex: Lexicon) -> bool:
    for node in [span.root, *span.root.ancestors]:
        if node.dep_ in SUBJECTS:
            return True
        if node.dep_ == "prep" and node.lower_ in lex.party_prepositions:
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False


def _acting_adjective(token, lex: Lexicon) -> bool:
    """A demonym modifying a force, delegation or official noun ("Armenian border guards")."""
    if not token.text[:1].isupper() or token.dep_ not in ("amod", "nmod", "compound", "conj"):
        return False
    node = token
    for _ in range(3):
        node = node.head
        if node.lemma_.lower() in lex.acting_nouns and node.pos_ == "NOUN":
            return True
        if node.dep_ not in ("amod", "nmod", "compound", "conj"):
            break
    return False


def _phrase(span) -> list:
    """The span's root and the nouns above it within one name phrase, innermost first."""
    chain = [span.root]
    while chain[-1].dep_ in _NAME_LINKS and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _only_reports(span, outlets: set[int], lex: Lexicon, trigger) -> bool:
    """A name that only says where the report comes from: "according to X", "reported by X",
    or an outlet that reports ("the X news service reported") or is told ("residents told X")."""
    chain = _phrase(span)
    head = chain[-1]
    outlet = any(t.i in outlets or t.lower_ in lex.outlet_words
                 for node in chain for t in node.doc[node.left_edge.i:node.i + 1])
    governor = head.head
    if head.dep_ == "pobj":
        introduced = f"{governor.head.lower_} {governor.lower_}" if governor.head.i != governor.i else ""
        if governor.lower_ in lex.source_phrases or introduced in lex.source_phrases:
            return True  # "according to X", "reported by X"
    if head.dep_ == "dobj" and governor.lower_ in lex.source_phrases:
        return True  # "citing X"
    if not outlet or governor.lemma_.lower() not in lex.report_verbs:
        return False
    if head.dep_ in SUBJECTS:
        return trigger is None or governor.i != trigger.i  # a report of its own is the outlet's
    return head.dep_ in ("dative", "dobj")  # "told X that ..."


def _on_route(span, lex: Lexicon, trigger) -> bool:
    """A place that only describes a route or an area ("a hub for trade between Asia and
    Europe", "buyers across the region") rather than where the happening took place."""
    head = _phrase(span)[-1]
    if head.dep_ != "pobj" or head.head.lower_ not in lex.route_prepositions:
        return False
    owner = head.head.head
    if owner.lemma_.lower() in lex.boundary_nouns:
        return False  # "the frontier between A and B" is a place
    return trigger is None or owner.i not in _happening(trigger)


def _comparison_scope(span, lex: Lexicon) -> bool:
    """The scope of a superlative: "the largest smelter in Central Asia"."""
    head = _phrase(span)[-1]
    if head.dep_ != "pobj" or head.head.lower_ not in lex.scope_prepositions:
        return False
    owner = head.head.head
    return owner.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "amod" and (c.tag_ == "JJS" or any(a.tag_ == "RBS" for a in c.children))
        for c in owner.children)


def _happening(trigger) -> set[int]:
    """The trigger, the verb of its clause and who or what they are about: the words a route
    can belong to and still be where it happened ("flights between A and B resumed")."""
    verb = clause_verb(trigger)
    words = {trigger.i, verb.i}
    for node in (trigger, verb):
        words.update(c.i for c in node.children if c.dep_ in (*SUBJECTS, "dobj", "attr"))
    return words


def unique(names: Iterable[str]) -> list[str]:
    """The names in first-seen order, without repeats or blanks."""
    return list(dict.fromkeys(name for name in names if name))


def antecedent(mentions: list[Mention], paragraph: int, pronoun) -> Optional[str]:
    """The name a pronoun (a token of paragraph ``paragraph``) stands for, from the article's
    ``mentions`` in reading order: the last person named before it, for "he" and "she", but not
    one named in a phrase of the pronoun's own clause ("after talks with Petrov, she"); the last
    organisation, country or place named in its sentence or the one before, for "its", and in
    its sentence for an "it" inside the sentence. Not for a leading "it" or "they", too often an
    expletive ("it was reported that") or a group no name stands for ("they were detained": the
    migrants, not the agency last named)."""
    word = pronoun.lower_
    if word in ("he", "she", "his", "her"):
        wanted = lambda m: m.kind == "actor" and m.type == "person"
        since = 0
    elif word == "it" and _names_a_thing(pronoun):
        wanted = lambda m: not (m.kind == "actor" and m.type == "person")
        since = pronoun.sent.start_char
    elif word == "its":
        wanted = lambda m: not (m.kind == "actor" and m.type == "person")
        sentence = pronoun.sent
        since = pronoun.doc[sentence.start - 1].sent.start_char if sentence.start else sentence.start_char
    else:
        return None
    own = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in pronoun.head.children
           if t.dep_ == "prep" and t.i < pronoun.i]
    before = [m for m in mentions
              if (m.paragraph, m.start) < (paragraph, pronoun.idx) and m.name and wanted(m)
              and (m.paragraph == paragraph and m.start >= since or since == 0)
              and not (m.paragraph == paragraph and any(a <= m.start < b for a, b in own))]
    if word == "its":  # the organisation or country the sentence is about, else the last named
        doc = pronoun.doc
        subjects = [m for m in before if m.paragraph == paragraph and _is_subject(doc.char_span(
            m.start, m.end, alignment_mode="expand"))]
        before = subjects or before
    return before[-1].name if before else None


def _names_a_thing(pronoun) -> bool:
    """ "the first grant to the town since it joined the scheme": an "it" inside its sentence,
    after a name, standing for something rather than opening "it was likely that"."""
    head = pronoun.head
    if pronoun.i == pronoun.sent.start or pronoun.dep_ not in SUBJECTS:
        return False
    return not (head.lemma_ in ("be", "seem", "appear", "remain", "become")
                or any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children) and head.tag_ == "VBN")


def _is_subject(span) -> bool:
    """Whether a name (a span of the parse) is the subject of its clause, or the name in it."""
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("compound", "appos") and root.head.i != root.i:
        root = root.head
    return root.dep_ in SUBJECTS
