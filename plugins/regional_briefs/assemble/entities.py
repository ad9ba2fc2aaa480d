"""Entities across articles: every article's ``ArticleEntity`` in, the site's ``Entity`` records out.

Entities join when the gazetteer gives them one id, when their names (or aliases) fold to the same
key, or when two names are spelled alike over the common romanizations (one to one): two Latin
spellings (Atambaev, Atambayev), then a Cyrillic and a Latin name. The result does not depend
on the order of the articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from ..extract.russian.transliteration import spellings
from ..knowledge.gazetteer import Gazetteer
from ..knowledge.patterns import load_patterns
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

    ordered = sorted(extractions, key=lambda e: e.article.id)
    names = _names_of(ordered)
    node_of: dict[tuple[str, str], str] = {}
    name_nodes: dict[str, set[str]] = defaultdict(set)
    for ex in ordered:
        for name, node, key, _, _ in names[id(ex)].names:
            node_of[(ex.article.id, name)] = node
            find(node)
            name_nodes[key].add(node)
    for key, nodes in name_nodes.items():
        for node in sorted(nodes):
            union(node, min(nodes))
    # Aliases join only names that are not also someone else's exact name.
    for ex in ordered:
        for _, node, _, alias_keys, _ in names[id(ex)].names:
            for key in alias_keys:
                for other in name_nodes.get(key, ()):
                    union(node, other)

    spelled = _spelling_nodes(ordered, names)
    _join_spelling_variants(spelled, find, union)
    _join_across_scripts(spelled, find, union)

    members: dict[str, list[tuple[Extraction, str]]] = defaultdict(list)
    by_article = {ex.article.id: ex for ex in extractions}
    for (article_id, name), node in sorted(node_of.items()):
        members[find(node)].append((by_article[article_id], name))

    entities: dict[str, Entity] = {}
    local_to_id: dict[tuple[str, str], str] = {}
    merged = _Merged(gazetteer)
    for root, group in sorted(members.items()):
        entity, base = merged.entity(group)
        entity.id = _unique_id(entity, entities, base)
        entities[entity.id] = entity
        for ex, name in group:
            local_to_id[(ex.article.id, name)] = entity.id
    _bare_designated_names(entities, load_patterns().designators)
    _link_within_and_affiliations(entities, extractions, local_to_id, gazetteer)
    return entities, local_to_id


def _bare_designated_names(entities: dict[str, Entity], designators: frozenset[str]) -> None:
    """A place named with the word that says what unit it is ("Kumtal Province", "Saryzhar
    village") is also written without it, as news often writes it: the bare name becomes an
    alias, unless it is some other entity's name or alias ("Kabul" beside "Kabul Province") or
    another place's bare name too ("X village" and "X district")."""
    taken: Counter = Counter()
    for entity in entities.values():
        taken.update({name_key(n) for n in (entity.name, *entity.aliases)})
    longest = max((len(d.split()) for d in designators), default=0)
    bare_names: dict[str, str] = {}
    for id_, entity in entities.items():
        words = entity.name.split()
        # the longest designator closing the name: "Autonomous Region", not "Region"
        closing = next((n for n in range(longest, 0, -1)
                        if len(words) > n and " ".join(words[-n:]).lower() in designators), 0)
        if entity.kind == "place" and closing:
            bare_names[id_] = " ".join(words[:-closing])
    # "X village" and "X district" are two places: neither is "X" alone
    yielded = Counter(name_key(bare) for bare in bare_names.values())
    for id_, bare in bare_names.items():
        if yielded[name_key(bare)] == 1 and not taken[name_key(bare)]:
            entities[id_].aliases = sorted({*entities[id_].aliases, bare}, key=casefold_order)


CROSS_SCRIPT_MIN_CONSONANTS = 4  # a shorter skeleton («Ош»: sh) says too little to join on


class _ArticleNames:
    """What ``resolve_site`` reads of one article's entities, worked out once per extraction: per
    local name, its node (the gazetteer id, else kind and key), its kind and key, its aliases'
    keys and its spelling keys (``_spellings``). An extraction is never edited once made, so a
    server's rebuild reads only the articles that changed (at 10,000 articles the keys and the
    romanizations are a second of each rebuild)."""

    __slots__ = ("extraction", "names")

    def __init__(self, ex: Extraction):
        self.extraction = ex  # kept, so that the id it is looked up by stays this extraction's
        self.names = []
        for name, info in ex.entities.items():
            key = f"{info.kind}:{name_key(name)}"
            node = f"ref:{info.ref}" if info.ref else key
            alias_keys = [f"{info.kind}:{name_key(alias)}" for alias in info.aliases if len(alias) > 2]
            self.names.append((name, node, key, alias_keys, _spellings(name, info)))


_LAST_READ: dict[int, _ArticleNames] = {}  # the last call's, by id(extraction): see _ArticleNames


def _names_of(extractions: list[Extraction]) -> dict[int, _ArticleNames]:
    """Each extraction's ``_ArticleNames``, from the last call's when it read the same extraction."""
    global _LAST_READ
    read = {}
    for ex in extractions:
        known = _LAST_READ.get(id(ex))
        read[id(ex)] = known if known is not None and known.extraction is ex else _ArticleNames(ex)
    _LAST_READ = read
    return read


def _spellings(name: str, info) -> list[tuple[tuple, bool]]:
    """(spelling key, Cyrillic or not) for a name and its aliases: by spelling key (kind, person
    or not, consonants, vowels: ``transliteration.spellings``). Skeletons too short to tell names
    apart, and a person's surname alone, are left out."""
    person = info.type == "person"
    found = []
    for form in dict.fromkeys([name, *info.aliases]):
        cyrillic = is_cyrillic(form)
        for consonants, vowels in spellings(form):
            if len(consonants.replace(" ", "")) < CROSS_SCRIPT_MIN_CONSONANTS:
                continue
            if person and len(consonants.split()) < 2:
                continue  # a surname alone (or with an initial) may be anyone's
            found.append(((info.kind, person, consonants, vowels), cyrillic))
    return found


def _spelling_nodes(ordered: list[Extraction], names: dict[int, _ArticleNames]) -> dict[tuple, tuple[list[str], list[str]]]:
    """By spelling key, the nodes whose names or aliases are spelled so: (Cyrillic, Latin).
    Read by both joins, each through ``find`` as the joins so far left them (``_spelling_sides``)."""
    found: dict[tuple, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for ex in ordered:
        for _, node, _, _, spelled in names[id(ex)].names:
            for key, cyrillic in spelled:
                found[key][0 if cyrillic else 1].append(node)
    return found


def _spelling_sides(spelled: dict[tuple, tuple[list[str], list[str]]], find) -> dict[tuple, dict[bool, set[str]]]:
    """By spelling key, the entity roots whose names or aliases are spelled so, Cyrillic (True)
    and Latin (False) apart."""
    return {key: {True: {find(n) for n in cyrillic}, False: {find(n) for n in latin}}
            for key, (cyrillic, latin) in spelled.items()}


def _join_one_to_one(partners: dict[str, set[str]], find, union) -> None:
    """Join the pairs that are each other's only partner."""
    for first, others in sorted(partners.items()):
        if len(others) != 1:
            continue  # two possible partners: neither is joined
        second = next(iter(others))
        if partners.get(second) == {first} and find(first) != find(second):
            union(first, second)


def _join_spelling_variants(spelled: dict[tuple, tuple[list[str], list[str]]], find, union) -> None:
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


def _join_across_scripts(spelled: dict[tuple, tuple[list[str], list[str]]], find, union) -> None:
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


class _Merged:
    """The site entity of each group of article entities, and the slug of its name, kept from the
    last call for a group of the same names in the same extractions with the same gazetteer (a
    server's rebuild merges again only the groups an edit touched: 19,000 groups at 10,000
    articles are two seconds). Each call gets a copy: the stages after this one edit entities."""

    _last: dict[tuple, tuple[list[Extraction], Gazetteer, Entity, str]] = {}

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.last, self.made = _Merged._last, {}
        _Merged._last = self.made  # filled as this call goes: the next call's "last"

    def entity(self, group: list[tuple[Extraction, str]]) -> tuple[Entity, str]:
        """A copy of the group's entity (its id not set yet) and the slug of its name."""
        key = tuple((id(ex), name) for ex, name in group)
        known = self.last.get(key)
        if known is None or known[1] is not self.gazetteer or any(a is not b for a, (b, _) in zip(known[0], group)):
            entity = _merge_group(group, self.gazetteer)
            known = ([ex for ex, _ in group], self.gazetteer, entity, slug(entity.name))
        self.made[key] = known
        entity = known[2]
        return replace(entity, aliases=list(entity.aliases), roles=list(entity.roles), articles=list(entity.articles),
                       affiliations=list(entity.affiliations), quotes=list(entity.quotes)), known[3]


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


def _unique_id(entity: Entity, taken: dict[str, Entity], base: str) -> str:
    """The slug of the entity's name (``base``), with a hash of its kind and name when taken."""
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
