"""Relations: an article's parsed sentences and mentions in, who-does-what-to-whom out.

A relation word (``data/relations.yml``) joins the names in its subject to the names in its
object, read from spaCy's dependency parse. Three things a reader needs are kept: direction
("X accuses Y of backing Z" gives X accuses Y and Y supports Z), allegation (what a charge or a
"reportedly" governs is not stated as fact) and denial ("a charge Tajik authorities deny").
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

from ..knowledge.relation_lexicon import RelationLexicon, load_lexicon
from ..model import Article, ArticleEntity, ArticleRelation, Mention

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "agent"}
_OBJECTS = {"dobj", "obj", "attr", "dative", "oprd"}
_COMPLEMENTS = {"xcomp", "ccomp", "pcomp", "advcl", "acl", "relcl"}
# "Kazakhstan and China signed an agreement": both are parties, each to the other.
SYMMETRIC = {"meets", "negotiates-with", "fights", "cooperates-with"}


def detect_relations(article: Article, docs: list, mentions: list[Mention], entities: dict[str, ArticleEntity],
                     demonym_of: Optional[Callable[[str], Optional[str]]] = None) -> list[ArticleRelation]:
    """Relations stated in the article, between article-local names."""
    lexicon = load_lexicon()
    by_para: dict[int, list[Mention]] = {}
    for m in mentions:
        by_para.setdefault(m.paragraph, []).append(m)
    found: list[ArticleRelation] = []
    for paragraph, doc in zip(article.paragraphs, docs):
        if paragraph.heading or doc is None:
            continue
        names = _token_names(doc, by_para.get(paragraph.index, []), demonym_of, entities, lexicon)
        for sent in doc.sents:
            reader = _SentenceReader(sent, paragraph.index, names, lexicon, entities)
            for relation in reader.relations():
                if relation is None:
                    continue
                found.append(relation)
    found += _leadership(entities, lexicon, demonym_of)
    return _unique(found)


def _token_names(doc, mentions: list[Mention], demonym_of, entities: dict[str, ArticleEntity], lexicon: RelationLexicon) -> dict[int, str]:
    """Token index -> the local entity name it belongs to; demonyms before a noun stand for a country."""
    names: dict[int, str] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or m.name not in entities:
            continue
        for token in span:
            names[token.i] = m.name
    if demonym_of is not None:
        for token in doc:
            if token.i in names or not token.text[:1].isupper():
                continue
            country = demonym_of(token.text)
            # "Tajik authorities deny": a demonym that modifies an actor noun stands for its country.
            if country and country in entities and token.head.lower_ in lexicon.actor_nouns:
                names[token.i] = country
    return names


class _SentenceReader:
    def __init__(self, sent, paragraph: int, names: dict[int, str], lexicon: RelationLexicon,
                 entities: dict[str, ArticleEntity]):
        self.sent = sent
        self.paragraph = paragraph
        self.names = names
        self.lexicon = lexicon
        self.entities = entities
        lowered = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        self.denied = bool(lowered & lexicon.denial)

    def relations(self) -> Iterable[Optional[ArticleRelation]]:
        for token in self.sent:
            lemma = token.lemma_.lower()
            phrase = next((f"{lemma} {c.lemma_.lower()}" for c in token.children if c.dep_ == "dobj"
                           and f"{lemma} {c.lemma_.lower()}" in self.lexicon.verb_objects), None)
            if token.pos_ == "VERB" and phrase:
                yield from self._from_verb(token, lemma, self.lexicon.verb_objects[phrase])
            elif token.pos_ in ("VERB", "AUX") and lemma in self.lexicon.verbs:
                yield from self._from_verb(token, lemma)
            elif token.pos_ == "NOUN" and (lemma in self.lexicon.nouns or token.lower_ in self.lexicon.nouns):
                yield from self._from_noun(token, self.lexicon.nouns.get(lemma) or self.lexicon.nouns[token.lower_])

    def _from_verb(self, verb, lemma: str, predicate: Optional[str] = None) -> Iterable[Optional[ArticleRelation]]:
        if any(c.dep_ == "neg" for c in verb.children):
            return
        predicate = predicate or self.lexicon.verbs[lemma]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        subjects = self._subjects(verb)
        objects = self._objects(verb, exclude=set(subjects))
        if passive:
            agents = [n for c in verb.children if c.dep_ == "agent" for n in self._names_in(c)]
            subjects, objects = agents, [n for n in subjects if n not in agents]
        allegation = self._is_allegation(verb)
        reciprocal = any(t.lower_ == "other" and t.head.i == verb.i or (t.lower_ == "other" and t.head.head.i == verb.i)
                         for t in self.sent if t.lower_ == "other")
        symmetric = predicate in SYMMETRIC and not objects
        if (reciprocal or symmetric) and len(subjects) >= 2:
            for a in subjects:
                for b in subjects:
                    if a != b:
                        yield self._relation(a, predicate, b, allegation)
            objects = []
        for subject in subjects:
            for obj in objects:
                yield self._relation(subject, predicate, obj, allegation)
        if predicate in ("meets", "negotiates-with") and subjects:
            # "Rahmon hosted Japarov and Mirziyoyev": everyone at one meeting meets everyone.
            for a, b in zip(objects, objects[1:]):
                yield self._relation(a, predicate, b, allegation)
        # "accuses Y of backing Z", "has been accused of supporting Z": the charge is Y's act.
        if lemma in self.lexicon.allegation_verbs:
            charged = objects if not passive else ([n for n in self._subjects(verb, passive_only=True)] or subjects)
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                    for inner in child.children:
                        if inner.dep_ in ("pcomp", "pobj") and inner.lemma_.lower() in self.lexicon.verbs:
                            inner_predicate = self.lexicon.verbs[inner.lemma_.lower()]
                            for accused in charged:
                                for target in self._objects(inner, exclude={accused}):
                                    yield self._relation(accused, inner_predicate, target, True)

    def _from_noun(self, noun, predicate: str) -> Iterable[Optional[ArticleRelation]]:
        objects = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "between" and predicate in SYMMETRIC:
                parties = self._names_in(child)  # "clashes between Kyrgyzstan and Tajikistan"
                for a, b in zip(parties, parties[1:]):
                    yield self._relation(a, predicate, b, self._is_allegation(noun))
            elif child.dep_ == "prep" and child.lower_ in self.lexicon.object_prepositions:
                objects += [n for n in self._names_in(child)]
        if not objects:
            return
        subjects = []
        head = noun
        for _ in range(4):  # climb to the clause that says whose imports or talks these are
            head = head.head
            subjects = self._subjects(head)
            if subjects or head.dep_ == "ROOT":
                break
        for subject in subjects:
            for obj in objects:
                if obj != subject:
                    yield self._relation(subject, predicate, obj, self._is_allegation(noun))

    def _subjects(self, verb, passive_only: bool = False) -> list[str]:
        deps = {"nsubjpass"} if passive_only else {"nsubj", "nsubjpass", "csubj"}
        found: list[str] = []
        for child in verb.children:
            if child.dep_ in deps:
                found += self._names_in(child, coordinated=True)
        if not found and verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
            return self._subjects(verb.head, passive_only)
        return found

    def _objects(self, verb, exclude: set[str]) -> list[str]:
        found: list[str] = []
        for child in verb.children:
            if child.dep_ in _OBJECTS or (child.dep_ == "prep" and child.lower_ in self.lexicon.object_prepositions):
                found += self._names_in(child, coordinated=True)
            elif child.dep_ in ("ccomp", "xcomp") and child.lemma_.lower() not in self.lexicon.verbs:
                for grand in child.children:
                    if grand.dep_ in _OBJECTS | {"nsubj"}:
                        found += self._names_in(grand, coordinated=True)
        return [n for n in dict.fromkeys(found) if n not in exclude]

    def _names_in(self, token, coordinated: bool = True) -> list[str]:
        """Names in the phrase a token heads, stopping at clauses (they carry their own relations)
        and at appositions and possessives, which describe a name rather than add one."""
        out: list[str] = []
        stack = [token]
        while stack:
            node = stack.pop()
            if node.i in self.names:
                out.append(self.names[node.i])
            for child in node.children:
                if child.dep_ in _COMPLEMENTS or child.dep_ == "appos":
                    continue
                if child.dep_ == "poss" and node.i in self.names:
                    continue
                if child.dep_ == "prep" and child.lower_ in ("of", "for") and node.pos_ == "VERB":
                    continue
                if child.dep_ == "prep" and node.i in self.names:
                    continue  # "the Afghan Embassy in Dushanbe": the place only locates the name
                stack.append(child)
        ordered = sorted(set(out), key=lambda n: min(i for i, v in self.names.items() if v == n))
        return ordered if coordinated else ordered[:1]

    def _is_allegation(self, token) -> bool:
        node = token
        for _ in range(6):
            if any(c.lower_ in self.lexicon.allegation_adverbs for c in node.children):
                return True
            if node.head is node:
                break
            node = node.head
            if node.lemma_.lower() in self.lexicon.allegation_verbs and node is not token:
                return True
        return False

    def _relation(self, subject: str, predicate: str, obj: str, allegation: bool) -> Optional[ArticleRelation]:
        # Relations join actors (a country acts as one); a town is only what an actor controls.
        for name in (subject, obj) if predicate != "controls" else (subject,):
            info = self.entities.get(name)
            if info is not None and info.kind == "place" and info.type != "country":
                return None
        if predicate == "meets" and obj in self.entities and self.entities[obj].type == "country":
            return None  # "a state visit to Kyrgyzstan" is a visit to a place, not a meeting
        allegation = bool(allegation) and predicate != "accuses"  # that X accuses Y is itself a fact
        return ArticleRelation(subject, predicate, obj, allegation=allegation, denied=self.denied and allegation,
                               paragraph=self.paragraph, sentence=self.sent.text.strip())


def _leadership(entities: dict[str, ArticleEntity], lexicon: RelationLexicon, demonym_of=None) -> list[ArticleRelation]:
    """A person whose role is a leader's leads what the role names: "head of Uzbekistan's Water
    Agency" -> the agency; "governor of the Surkhandarya region" -> the region; "Kyrgyz
    President" -> Kyrgyzstan (a demonym in a leader's title stands for the country)."""
    leader = re.compile(r"\b(" + "|".join(map(re.escape, sorted(lexicon.leader_roles, key=len, reverse=True)))
                        + r")\b", re.I)
    names = sorted((n for n in entities if entities[n].kind in ("actor", "place")), key=len, reverse=True)
    out = []
    for name, info in entities.items():
        if info.type != "person":
            continue
        for role in info.roles:
            text = role.text
            # The leader word must head the role: "head of X", "Kyrgyz President", not "chief spokesman".
            found = next((m for m in leader.finditer(text)
                          if re.match(r"^(\s+(of|for)\s|\s*$)", text[m.end():])), None)
            if not found or re.search(r"\b(deputy|vice|assistant|aide|adviser|advisor)\b", text, re.I):
                continue  # a deputy does not lead
            after = text[found.end():]
            target = None
            if re.match(r"^\s+(of|for)\s", after):
                # The most specific name after "of": the last one ("Afghanistan's Balkh Province").
                spots = [(after.rfind(n), n) for n in names if n != name and n in after]
                spots += [(after.rfind(a), n) for n in names if n != name for a in entities[n].aliases if a and a in after]
                if spots:
                    target = max(spots)[1]
            if target is None and demonym_of is not None:
                before = text[: found.start()].split()
                for word in reversed(before):
                    country = demonym_of(word.strip("-"))
                    if country and country in entities:
                        target = country
                        break
            if target is None:
                before = text[: found.start()]
                spots = [(before.rfind(n), n) for n in names if n != name and n in before]
                target = max(spots)[1] if spots else None
            if target and target != name:
                out.append(ArticleRelation(name, "leads", target, allegation=False, denied=False,
                                           paragraph=role.paragraph, sentence=text))
    return out


def _unique(relations: list[ArticleRelation]) -> list[ArticleRelation]:
    seen: set[tuple] = set()
    out = []
    for r in relations:
        key = (r.subject, r.predicate, r.object)
        if r.subject == r.object or key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out
