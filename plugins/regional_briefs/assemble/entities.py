"""Entities across articles: every article's ``ArticleEntity`` in, the site's ``Entity`` records out.

Entities join when the gazetteer gives them one id, when their names (or aliases) fold to the same
key, or when two names are spelled alike over the common romanizations (one to one): two Latin
spellings (Atambaev, Atambayev), then a Cyrillic and a Latin name. The result does not depend
on the order of the articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..extract.russian.transliteration import spellings
from ..knowledge.gazetteer import Gazetteer
from ..language import is_cyrillic
from ..model import Entity, Extraction, Quote, Role
from ..text import casefold_order, name_key, short_hash, slug


def resolve_site(extractions: list[Extraction], gazetteer: Gazetteer) -> tuple[dict[str, Entity], dict[tuple[str, str], str]]:
    """Join the articles' entities into site-wide ones.

    Returns the entities by id and a map (article id, local name) -> entity id. Entities join
    when they share a gazetteer id, or when a name or alias of one folds to a name of the other
    (same kind). The result does not depend on the order of ``extractions``.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    node_of: dict[tuple[str, str], str] = {}
    name_nodes: dict[str, set[str]] = defaultdict(set)
    for ex in sorted(extractions, key=lambda e: e.article.id):
        for name, info in ex.entities.items():
            node = f"ref:{info.ref}" if info.ref else f"{info.kind}:{name_key(name)}"
            node_of[(ex.article.id, name)] = node
            find(node)
            name_nodes[f"{info.kind}:{name_key(name)}"].add(node)
    for key, nodes in name_nodes.items():
        for node in sorted(nodes):
            union(node, min(nodes))
    # Aliases join only names that are not also someone else's exact name.
    for ex in extractions:
        for name, info in ex.entities.items():
            for alias in info.aliases:
                key = f"{info.kind}:{name_key(alias)}"
                if key in name_nodes and len(alias) > 2:
                    for node in name_nodes[key]:
                        union(node_of[(ex.article.id, name)], node)

    spelled = _spelled(extractions, node_of)
    _join_spelling_variants(spelled, find, union)
    _join_across_scripts(spelled, find, union)

    members: dict[str, list[tuple[Extraction, str]]] = defaultdict(list)
    by_article = {ex.article.id: ex for ex in extractions}
    for (article_id, name), node in sorted(node_of.items()):
        members[find(node)].append((by_article[article_id], name))

    entities: dict[str, Entity] = {}
    local_to_id: dict[tuple[str, str], str] = {}
    for root, group in sorted(members.items()):
        entity = _merge_group(group, gazetteer)
        entity.id = _unique_id(entity, entities)
        entities[entity.id] = entity
        for ex, name in group:
            local_to_id[(ex.article.id, name)] = entity.id
    _link_within_and_affiliations(entities, extractions, local_to_id, gazetteer)
    return entities, local_to_id


CROSS_SCRIPT_MIN_CONSONANTS = 4  # a shorter skeleton («Ош»: sh) says too little to join on


def _spelled(extractions: list[Extraction], node_of: dict[tuple[str, str], str]) -> list[tuple[str, tuple, bool]]:
    """(node, spelling key, Cyrillic or not) for each name and alias of every article: by spelling
    key (kind, person or not, consonants, vowels: ``transliteration.spellings``). Skeletons too
    short to tell names apart, and a person's surname alone, are left out. Read once per build,
    by both joins (``_spelling_sides``)."""
    found = []
    for ex in sorted(extractions, key=lambda e: e.article.id):
        for name, info in ex.entities.items():
            node = node_of[(ex.article.id, name)]
            person = info.type == "person"
            for form in dict.fromkeys([name, *info.aliases]):
                cyrillic = is_cyrillic(form)
                for consonants, vowels in spellings(form):
                    if len(consonants.replace(" ", "")) < CROSS_SCRIPT_MIN_CONSONANTS:
                        continue
                    if person and len(consonants.split()) < 2:
                        continue  # a surname alone (or with an initial) may be anyone's
                    found.append((node, (info.kind, person, consonants, vowels), cyrillic))
    return found


def _spelling_sides(spelled: list[tuple[str, tuple, bool]], find) -> dict[tuple, dict[bool, set[str]]]:
    """By spelling key, the entity roots whose names or aliases are spelled so, Cyrillic (True)
    and Latin (False) apart."""
    sides: dict[tuple, dict[bool, set[str]]] = defaultdict(lambda: {True: set(), False: set()})
    for node, key, cyrillic in spelled:
        sides[key][cyrillic].add(find(node))
    return sides


def _join_one_to_one(partners: dict[str, set[str]], find, union) -> None:
    """Join the pairs that are each other's only partner."""
    for first, others in sorted(partners.items()):
        if len(others) != 1:
            continue  # two possible partners: neither is joined
        second = next(iter(others))
        if partners.get(second) == {first} and find(first) != find(second):
            union(first, second)


def _join_spelling_variants(spelled: list[tuple[str, tuple, bool]], find, union) -> None:
    """Two people's Latin names spelled alike over the common romanizations (Almazbek Atambaev and
    Almazbek Atambayev, Sadyr Japarov and Sadyr Zhaparov) join, one to one, as across scripts;
    before the scripts meet, so that a Cyrillic name then has one Latin partner, not two."""
    partners: dict[str, set[str]] = defaultdict(set)
    for key, by_script in sorted(_spelling_sides(spelled, find).items()):
        if not key[1]:
            continue  # a body's or a place's other spellings are the gazetteer's to know
        latin = sorted({find(n) for n in by_script[False]})
        for first in latin:
            partners[first].update(other for other in latin if other != first)
    _join_one_to_one(partners, find, union)


def _join_across_scripts(spelled: list[tuple[str, tuple, bool]], find, union) -> None:
    """A name in Cyrillic and one in Latin letters join when they are spelled alike
    (``transliteration.spellings``: the same consonants and vowels over the common romanizations,
    «Эмомали Рахмон» and Emomali Rahmon), name the same kind of thing (a person with a person), and
    each has no other partner in the other script. Names the gazetteer knows joined by its id already."""

    sides = _spelling_sides(spelled, find)
    partners: dict[str, set[str]] = defaultdict(set)
    for key, by_script in sorted(sides.items()):
        for cyrillic in {find(n) for n in by_script[True]}:
            for latin in {find(n) for n in by_script[False]}:
                if cyrillic != latin:
                    partners[cyrillic].add(latin)
                    partners[latin].add(cyrillic)
    _join_one_to_one(partners, find, union)


def _merge_group(group: list[tuple[Extraction, str]], gazetteer: Gazetteer) -> Entity:
    infos = [ex.entities[name] for ex, name in group]
    ref = next((i.ref for i in infos if i.ref), "")
    entry = gazetteer.get(ref) if ref else None
    mentions: Counter = Counter()  # name -> mentions in every article that writes it so
    for (_, nm), info in zip(group, infos):
        mentions[nm] += info.mentions
    if entry is not None:
        name = entry.name
    else:
        # Named in Latin letters when any article writes it so (the site's language is English;
        # the Cyrillic spellings stay as aliases), else as most articles write it.
        latin = [n for n in mentions if not is_cyrillic(n)] or list(mentions)
        name = max(sorted(latin), key=lambda n: (mentions[n], len(n)))
    kinds = Counter(i.kind for i in infos)
    kind = entry.kind if entry else max(sorted(kinds), key=lambda k: kinds[k])
    types = Counter(i.type for i in infos if i.kind == kind)
    type_ = entry.type if entry else max(sorted(types), key=lambda t: types[t])
    aliases = set()
    for (ex, nm), info in zip(group, infos):
        aliases.add(nm)
        aliases.update(info.aliases)
    # The gazetteer's spelling variants serve lookups; the page lists the forms articles use.
    aliases.discard(name)
    articles = sorted({ex.article.id for ex, _ in group})
    roles = [Role(r.text, ex.article.id, r.paragraph) for (ex, _), info in zip(group, infos) for r in info.roles]
    return Entity(
        id="", kind=kind, type=type_, name=name, aliases=sorted(aliases, key=casefold_order),
        roles=roles, articles=articles,
        lat=entry.lat if entry else None, lon=entry.lon if entry else None,
        country=entry.country if entry else None, code=entry.code if entry else None,
    )


def _unique_id(entity: Entity, taken: dict[str, Entity]) -> str:
    base = slug(entity.name)
    if base not in taken:
        return base
    return f"{base}-{short_hash(entity.kind + ':' + name_key(entity.name) + ':' + entity.name)}"


def _link_within_and_affiliations(entities: dict[str, Entity], extractions: list[Extraction],
                                  local_to_id: dict[tuple[str, str], str], gazetteer: Gazetteer) -> None:
    by_name = {name_key(e.name): e.id for e in entities.values()}
    for ex in sorted(extractions, key=lambda e: e.article.id):
        for name, info in sorted(ex.entities.items()):
            entity = entities[local_to_id[(ex.article.id, name)]]
            within = info.within
            if within and not entity.within:
                target = local_to_id.get((ex.article.id, within))
                if target is None:
                    gaz = gazetteer.get(within)
                    target = by_name.get(name_key(gaz.name)) if gaz else by_name.get(name_key(within))
                if target and target != entity.id:
                    entity.within = target
            for affiliation in info.affiliations:
                target = local_to_id.get((ex.article.id, affiliation))
                if target and target != entity.id and target not in entity.affiliations:
                    entity.affiliations.append(target)
        for quote in ex.quotes:
            speaker = local_to_id.get((ex.article.id, quote.speaker))
            if speaker:
                entities[speaker].quotes.append(Quote(speaker, quote.text, ex.article.id, quote.paragraph))
