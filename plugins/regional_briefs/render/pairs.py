"""Pairs of actors whose story gets a page of its own. No MkDocs here.

A pair qualifies when the articles state at least one relation between the two (a sentence says
one accuses, meets, fights… the other: evidence in so many words), or when both took part in at
least ``MIN_SHARED_EVENTS`` events (one shared event is often a coincidence of a long list of
participants; two make a thread). Actors are the entities of kind ``actor`` and countries, which
the articles treat as actors ("Tajikistan accused the Taliban…"); other places are left out.

What one said of the other (``said_of``) is a quote of the actor, or of someone who speaks for it
(``speaks_for``: entities affiliated with it or within it, a few steps down), that names the other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from ..model import Quote, Relation, Site

MIN_SHARED_EVENTS = 2
SPOKESPEOPLE_DEPTH = 3  # how far "speaks for" follows affiliations and ``within`` (minister -> ministry -> state)


@dataclass
class Pair:
    first: str  # entity ids, ``first`` the one whose name sorts first
    second: str
    events: list[str] = field(default_factory=list)  # ids of the events that involve both
    relations: list[Relation] = field(default_factory=list)  # stated between them, either way

    def title(self, site: Site) -> str:
        """ "Tajikistan – Taliban": the two names, A–Z, joined by an en dash."""
        return f"{site.entities[self.first].name} – {site.entities[self.second].name}"

    def summary(self) -> str:
        parts = []  # (lists.count would be an import circle: lists -> site_view -> pairs)
        if self.events:
            parts.append(f"{len(self.events)} shared event{'s' if len(self.events) != 1 else ''}")
        if self.relations:
            parts.append(f"{len(self.relations)} relation{'s' if len(self.relations) != 1 else ''} stated")
        return " · ".join(parts)


def is_actor(entity_id: str, site: Site) -> bool:
    entity = site.entities.get(entity_id)
    return entity is not None and (entity.kind == "actor" or entity.type == "country")


def actor_pairs(site: Site, min_events: int = MIN_SHARED_EVENTS) -> list[Pair]:
    """Every qualifying pair, most evidence first, then A–Z."""
    events: dict[frozenset, list[str]] = defaultdict(list)
    for event in sorted(site.events.values(), key=lambda e: e.id):
        actors = sorted({a for a in event.actors if is_actor(a, site)})
        for a, b in combinations(actors, 2):
            events[frozenset((a, b))].append(event.id)
    relations: dict[frozenset, list[Relation]] = defaultdict(list)
    for relation in site.relations:
        if relation.subject != relation.object and is_actor(relation.subject, site) and is_actor(relation.object, site):
            relations[frozenset((relation.subject, relation.object))].append(relation)
    pairs = []
    for key in set(events) | set(relations):
        if len(events.get(key, ())) < min_events and not relations.get(key):
            continue
        first, second = sorted(key, key=lambda i: (site.entities[i].name.casefold(), i))
        pairs.append(Pair(first, second, events.get(key, []), relations.get(key, [])))
    pairs.sort(key=lambda p: (-(len(p.events) + len(p.relations)), p.title(site).casefold(), p.first, p.second))
    return pairs


def speaks_for(members_of: dict[str, set[str]], actor: str) -> set[str]:
    """The actor and those who speak for it: its ``SiteView.members``, a few steps down."""
    group, frontier = {actor}, {actor}
    for _ in range(SPOKESPEOPLE_DEPTH):
        frontier = {m for f in frontier for m in members_of.get(f, ()) if m not in group}
        group |= frontier
    return group


def quotes_naming(site: Site) -> dict[tuple[str, str], list[Quote]]:
    """(speaker id, entity id) -> the speaker's quotes that name the entity (within the quote when
    it can be found in its paragraph, else anywhere in that paragraph). Built once per site."""
    mentions: dict[tuple[str, int], list] = defaultdict(list)
    for article_id, found in site.mentions.items():
        for m in found:
            mentions[(article_id, m.paragraph)].append(m)
    naming: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    for speaker in sorted(site.entities):
        for quote in site.entities[speaker].quotes:
            article = site.articles.get(quote.article)
            if article is None or quote.paragraph >= len(article.paragraphs):
                continue
            start = article.paragraphs[quote.paragraph].text.find(quote.text)
            end = start + len(quote.text)
            named = {m.entity for m in mentions[(quote.article, quote.paragraph)] if start < 0 or start <= m.start < end}
            for entity in sorted(named - {speaker}):
                naming[(speaker, entity)].append(quote)
    return naming


def said_of(naming: dict[tuple[str, str], list[Quote]], speakers: set[str], subject: str) -> list[Quote]:
    """Quotes of ``speakers`` that name ``subject`` (see ``quotes_naming``)."""
    return [q for speaker in sorted(speakers) for q in naming.get((speaker, subject), ())]
