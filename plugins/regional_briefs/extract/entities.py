"""Entities: mentions in, actors and places out — first within an article, then across the site.

Within an article, short forms resolve to the fullest name the article uses: a surname to the one
person who bears it, an acronym to the name it was introduced with, "Ansarullah" to "Jamaat
Ansarullah", a bare "Sughd" to "Sughd region" unless the gazetteer knows the bare name as a
different place. Roles, affiliations and quotations are read from the sentences around a name.
Across articles, entities join when the gazetteer gives them one id or their names (or aliases)
fold to the same key.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Optional

from ..knowledge.gazetteer import Gazetteer
from ..model import (
    Article,
    ArticleEntity,
    ArticleQuote,
    ArticleRole,
    Entity,
    Extraction,
    Mention,
    Quote,
    Role,
    Sentence,
)
from ..text import casefold_order, name_key, short_hash, slug
from .mentions import Patterns, load_patterns
from .quotes import read_quotes

_STOP_EDGE = {"of", "for", "the", "and", "in", "on", "at", "de"}


def resolve_article(article: Article, mentions: list[Mention], sentences: list[Sentence],
                    gazetteer: Gazetteer, language: str = "en") -> tuple[dict[str, ArticleEntity], list[ArticleQuote]]:
    """Give each mention the article-local name it stands for; describe each named entity.

    Returns the entities (name -> kind, type, aliases, roles, affiliations, within, ref) and the
    quotations attributed to them. Mentions that stay ambiguous are removed from ``mentions``.
    Roles and quotations are read in English; for another ``language`` its reader finds them.
    """
    patterns = load_patterns()
    _join_explicit_aliases(article, mentions)
    _resolve_short_forms(mentions, gazetteer)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.name].append(m)
    for name, group in list(groups.items()):
        if not _plausible(name, group, patterns):
            del groups[name]
    mentions[:] = [m for m in mentions if m.name in groups]
    entities = {name: _describe(name, group, gazetteer, patterns, language) for name, group in sorted(groups.items())}
    by_para: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_para[m.paragraph].append(m)
    if language != "en":
        return entities, []
    for paragraph in article.paragraphs:
        _read_roles(paragraph.index, paragraph.text, by_para[paragraph.index], entities, patterns)
    quotes = read_quotes(article, by_para, entities, patterns.speech_verbs)
    return entities, quotes


_ALIAS_LINK = re.compile(
    r"^(?:,?\s+(?:or|also\s+(?:spelled|written|known\s+as|called)|(?:better\s+)?known\s+as|formerly|now)"
    r"|\s*\((?:formerly|now|also|or|aka)\s*)\s+(?:the\s+)?$"
)


def _join_explicit_aliases(article: Article, mentions: list[Mention]) -> None:
    """"the Halk Maslahaty, or People's Council", "Webuild (formerly Salini Impregilo)": one entity."""
    renames: dict[str, str] = {}
    by_para: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_para[m.paragraph].append(m)
    for paragraph in article.paragraphs:
        ordered = sorted(by_para.get(paragraph.index, []), key=lambda m: m.start)
        for a, b in zip(ordered, ordered[1:]):
            if a.name != b.name and b.origin != "gazetteer" and _ALIAS_LINK.match(paragraph.text[a.end:b.start]):
                renames.setdefault(b.name, a.name)
    for m in mentions:
        target = renames.get(m.name)
        if target and target not in renames:
            m.name = target


def _resolve_short_forms(mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """Point every short form at the fullest name it abbreviates, in place."""
    persons = _full_names(mentions, "person")
    for m in mentions:
        if m.origin == "gazetteer" or m.label == "ALIAS":
            continue
        tokens = m.name.split()
        candidates = [full for full in persons if full != m.name and _is_part(tokens, full.split())]
        if candidates and (m.type == "person" or m.origin == "model" or len(tokens) == 1):
            if len(candidates) > 1:
                # Two people share the surname: the nearest full name before it wins.
                before = [x for x in mentions if x.name in candidates and (x.paragraph, x.start) <= (m.paragraph, m.start)]
                if not before:
                    m.name = ""
                    continue
                candidates = [before[-1].name]
            m.name = candidates[0]
            m.kind, m.type = "actor", "person"
    _join_designations(mentions)
    organisations = [n for n in _full_names(mentions, None) if n not in persons]
    for m in mentions:
        if m.origin == "gazetteer" or m.name in persons or not m.name:
            continue
        tokens = m.name.split()
        longer = [n for n in organisations
                  if n != m.name and _same_kind(mentions, n, m.kind) and _is_edge_part(tokens, n.split())]
        acronym_of = [n for n in organisations if _initials(n) == m.name and _same_kind(mentions, n, m.kind)]
        target = longer if len(longer) == 1 else acronym_of
        if len(target) == 1 and not _known_as_other(m, target[0], gazetteer):
            m.name = target[0]
    mentions[:] = [m for m in mentions if m.name]


# "the Autonomous Republic of Karakalpakstan" is Karakalpakstan; "Orda.kz" and "Orda" one outlet.
_DESIGNATION = re.compile(r"^(?:the\s+)?(?:autonomous\s+)?(?:republic|region|province|oblast|district|city|state)\s+of\s+(.+)$", re.I)
_WEB_SUFFIX = re.compile(r"\.(?:kz|uz|kg|tj|tm|af|ru|com|org|net|info|news|asia)$", re.I)


def _join_designations(mentions: list[Mention]) -> None:
    names = {m.name for m in mentions if m.name}
    for m in mentions:
        designation = _DESIGNATION.match(m.name or "")
        if designation and designation.group(1) in names and m.origin != "gazetteer":
            m.name = designation.group(1)
    sites = {_WEB_SUFFIX.sub("", n): n for n in names if _WEB_SUFFIX.search(n)}
    for m in mentions:
        if m.name in sites:
            m.name = sites[m.name]


COMMON_WORD = 4.2  # Zipf frequency from which a lone capitalised word is ordinary English ("Treaty")


def _plausible(name: str, group: list[Mention], patterns: Patterns) -> bool:
    """Whether a name only the model found is a name at all, not capitalised ordinary words."""
    if any(m.origin == "gazetteer" or m.label == "ALIAS" for m in group):
        return True
    from wordfreq import zipf_frequency

    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in _STOP_EDGE]
    if not words:
        return False
    if len(words) == 1:
        return words[0].isupper() or zipf_frequency(words[0], "en") < COMMON_WORD
    persons = any(m.label in ("PERSON", "SPEAKER") and m.type == "person" for m in group)
    typed = (any(m.kind == "place" and m.type != "city" for m in group)
             or patterns.actor_type(name) != "organization" or any(w in patterns.organization_heads for w in words))
    if persons or typed:
        return True
    return not all(zipf_frequency(w, "en") >= 4.0 for w in words if len(w) > 2)


def _full_names(mentions: list[Mention], type_: Optional[str]) -> list[str]:
    names = {m.name for m in mentions if (type_ is None or m.type == type_) and m.name}
    if type_ == "person":
        names = {n for n in names if len(n.split()) >= 2}
    return sorted(names, key=lambda n: (-len(n), n))


def _is_part(short: list[str], full: list[str]) -> bool:
    """A surname ("Nazarov") or a name without its middle names ("Aziz Nazarov" of "Aziz
    Karimovich Nazarov", without the patronymic)."""
    if not 0 < len(short) < len(full):
        return False
    return full[-len(short):] == short or (len(short) >= 2 and short[0] == full[0] and short[-1] == full[-1])


def _is_edge_part(short: list[str], full: list[str]) -> bool:
    """"Ansarullah" in "Jamaat Ansarullah", "Texas A&M" in "Texas A&M University"."""
    if not 0 < len(short) < len(full):
        return False
    rest = full[len(short):] if full[: len(short)] == short else full[: len(full) - len(short)] if full[-len(short):] == short else None
    return rest is not None and not all(t.lower() in _STOP_EDGE for t in rest)


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _STOP_EDGE]
    return "".join(w[0] for w in words if w[0].isupper()) if len(words) >= 2 else ""


def _same_kind(mentions: list[Mention], name: str, kind: str) -> bool:
    return any(m.name == name and m.kind == kind for m in mentions)


def _known_as_other(m: Mention, target: str, gazetteer: Gazetteer) -> bool:
    """A bare name the gazetteer knows as something else ("Batken" the town) stays itself."""
    entry = gazetteer.lookup(m.text)
    return entry is not None and entry.name != target


def _describe(name: str, group: list[Mention], gazetteer: Gazetteer, patterns: Patterns,
              language: str = "en") -> ArticleEntity:
    ref = next((m.ref for m in group if m.ref), "")
    entry = gazetteer.get(ref) if ref else None
    if entry is not None:
        kind, type_ = entry.kind, entry.type
    else:
        kinds = Counter(m.kind for m in group)
        kind = max(sorted(kinds), key=lambda k: kinds[k])
        if any(m.label == "SPEAKER" for m in group):
            kind = "actor"  # someone who speaks is a person, however the model read the name elsewhere
            group = [m for m in group if m.label == "SPEAKER"]
        # The full name tells the type best ("Jamaat Ansarullah", not the bare "Ansarullah").
        full = [m.type for m in group if m.kind == kind and m.text == name]
        types = Counter(full or [m.type for m in group if m.kind == kind])
        type_ = max(sorted(types), key=lambda t: (types[t], t == "person"))
        if kind == "actor" and type_ != "person" and language == "en":
            type_ = patterns.actor_type(name)  # English names' words; another language's reader typed them
    aliases = sorted({m.text for m in group if m.text != name}
                     | {f"{m.title} {m.text}" for m in group if m.title})
    return ArticleEntity(kind=kind, type=type_, ref=ref, aliases=aliases,
                         within=entry.within if entry is not None else None, mentions=len(group))


_ROLE_AFTER = re.compile(
    r"^,\s+(?P<det>(?:a|an|the)\s+)?(?P<role>[^,.;:“”\"()]{3,120}?)(?=\s*(?:,|\.|;|\(|$|\s+(?:said|says|told|who|which)\b))"
)
_ROLE_BEFORE = re.compile(r"(?P<role>(?:[A-Z][\w’'-]+\s+)?(?:[a-z][\w-]*\s+){0,3}[A-Za-z-]+)\s+$")


def _read_roles(index: int, text: str, mentions: list[Mention], entities: dict[str, ArticleEntity], patterns: Patterns) -> None:
    """Roles and affiliations from appositions, titles and possessives in one paragraph."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for i, m in enumerate(ordered):
        entity = entities.get(m.name)
        if entity is None:
            continue
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        # "Y's X": the place X lies within Y; the body X belongs to Y.
        if following is not None and re.fullmatch(r"[’']s\s+", text[m.end: following.start]):
            other = entities.get(following.name)
            if other is not None and other is not entity:
                if other.kind == "place" and entity.kind == "place" and not other.within:
                    other.within = m.name
                elif other.kind == "actor" and other.type != "person":
                    _add(other.affiliations, m.name)
        if entity.type == "person" and entity.kind == "actor":
            role = _role_after(text, m, patterns) or _role_before(text, m, patterns)
            if m.title and not role:
                role = (m.title, m.start - len(m.title) - 1, m.start)
            if role:
                phrase, start, end = role
                _add_role(entity, phrase, index)
                inside = [x for x in ordered if start <= x.start and x.end <= end and x.name != m.name]
                body = next((x for x in inside if x.name in entities and entities[x.name].kind == "actor"), None)
                place = next((x for x in inside if x.name in entities and entities[x.name].type == "country"), None)
                if body or place:
                    _add(entity.affiliations, (body or place).name)
            of = re.match(r"^\s+of\s+(?:the\s+)?", text[m.end:])
            if of and following is not None and following.start == m.end + of.end():
                _add(entity.affiliations, following.name)
        elif entity.kind == "place" and not entity.within:
            apposition = re.match(r"^,\s+(?:the\s+|a\s+|an\s+)?[a-z][\w\s-]{0,40}?\b(?:of|in)\s+(?:the\s+)?", text[m.end:])
            if apposition and following is not None and following.start == m.end + apposition.end():
                # "capital of Tajikistan's Gorno-Badakhshan": the place after the possessive is nearer.
                after = ordered[i + 2] if i + 2 < len(ordered) else None
                if after is not None and re.fullmatch(r"[’']s\s+", text[following.end: after.start]):
                    following = after
                other = entities.get(following.name)
                if other is not None and other.kind == "place" and other is not entity:
                    entity.within = following.name


def _role_after(text: str, m: Mention, patterns: Patterns) -> Optional[tuple[str, int, int]]:
    match = _ROLE_AFTER.match(text[m.end:])
    if not match:
        return None
    role = match.group("role").strip()
    if re.match(r"^(who|which|that|whose|whom|where|when|said|says|told|according)\b", role):
        return None  # a clause about the person, not what the person is
    words = role.lower().replace("’s", "").replace("'s", "").split()
    # A role names what someone is: a known role word, or (after "a"/"the") any agent noun.
    agent = re.compile(r"^[a-z-]{4,}(ist|er|or|ian|ant|ent|ive|man|woman)$")
    if not words or not any(w.strip("-,") in patterns.role_nouns
                            or (match.group("det") and agent.match(w.strip("-,"))) for w in words):
        return None
    if not match.group("det") and not (role[0].islower() or re.match(r"^[A-Z][\w-]+[’']s\s", role)):
        return None
    start = m.end + match.start("role")
    return role, start, start + len(role)


def _role_before(text: str, m: Mention, patterns: Patterns) -> Optional[tuple[str, int, int]]:
    head = text[: m.start - (len(m.title) + 1 if m.title else 0)]
    match = _ROLE_BEFORE.search(head)
    if not match:
        return None
    words = match.group("role").split()
    # Keep the words that belong to the role: from the last determiner, verb or preposition on.
    cut = {"the", "a", "an", "and", "of", "by", "to", "with", "said", "told", "as", "including", "like", "such",
           "from", "among", "for", "at", "in", "on", "under", "its", "his", "her", "their", "our", "was", "is"}
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in cut or words[i].lower() in _STOP_EDGE:
            words = words[i + 1:]
            break
    if not words or words[-1].lower() not in patterns.role_nouns:
        return None
    role = " ".join(words + ([m.title] if m.title else []))
    start = m.start - len(role) - 1
    return role, max(start, 0), m.start


def _add_role(entity: ArticleEntity, phrase: str, paragraph: int) -> None:
    if all(r.text != phrase for r in entity.roles):
        entity.roles.append(ArticleRole(phrase, paragraph))


def _add(values: list, value: str) -> None:
    if value not in values:
        values.append(value)


# --- across articles -------------------------------------------------------------------------


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

    _join_across_scripts(extractions, node_of, find, union)

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


def _join_across_scripts(extractions: list[Extraction], node_of: dict[tuple[str, str], str], find, union) -> None:
    """A name in Cyrillic and one in Latin letters join when they are spelled alike
    (``transliteration.spellings``: the same consonants and vowels over the common romanizations,
    «Эмомали Рахмон» and Emomali Rahmon), name the same kind of thing (a person with a person), and
    each has no other partner in the other script. Names the gazetteer knows joined by its id already."""
    from ..language import is_cyrillic
    from .russian.transliteration import spellings

    sides: dict[tuple, dict[bool, set[str]]] = defaultdict(lambda: {True: set(), False: set()})
    for ex in sorted(extractions, key=lambda e: e.article.id):
        for name, info in ex.entities.items():
            root = find(node_of[(ex.article.id, name)])
            person = info.type == "person"
            for form in dict.fromkeys([name, *info.aliases]):
                for consonants, vowels in spellings(form):
                    if len(consonants.replace(" ", "")) < CROSS_SCRIPT_MIN_CONSONANTS:
                        continue
                    if person and len(consonants.split()) < 2:
                        continue  # a surname alone (or with an initial) may be anyone's
                    sides[(info.kind, person, consonants, vowels)][is_cyrillic(form)].add(root)
    partners: dict[str, set[str]] = defaultdict(set)
    for key, by_script in sorted(sides.items()):
        for cyrillic in {find(n) for n in by_script[True]}:
            for latin in {find(n) for n in by_script[False]}:
                if cyrillic != latin:
                    partners[cyrillic].add(latin)
                    partners[latin].add(cyrillic)
    for first, others in sorted(partners.items()):
        if len(others) != 1:
            continue  # two possible partners: neither is joined
        second = next(iter(others))
        if partners.get(second) == {first} and find(first) != find(second):
            union(first, second)


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
        from ..language import is_cyrillic

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
