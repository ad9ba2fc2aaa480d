"""Entities within an article: mentions in, the article's actors and places (``ArticleEntity``) out.

Within an article, short forms resolve to the fullest name the article uses: a surname to the one
person who bears it, an acronym to the name it was introduced with, "Ansarullah" to "Jamaat
Ansarullah", a bare "Sughd" to "Sughd region" unless the gazetteer knows the bare name as a
different place. Roles, affiliations and quotations are read from the sentences around a name.
Across articles, ``assemble.entities.resolve_site`` joins them into the site's entities.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Optional

from ..knowledge.gazetteer import Gazetteer
from ..knowledge.patterns import Patterns, load_patterns
from ..model import (
    Article,
    ArticleEntity,
    ArticleQuote,
    ArticleRole,
    Mention,
    Sentence,
)
from .dates import named_weekday, resolve_date
from .mentions import common_word
from .quotes import QuoteWords, read_quotes

_STOP_EDGE = {"of", "for", "the", "and", "in", "on", "at", "de"}


def resolve_article(article: Article, mentions: list[Mention], sentences: list[Sentence],
                    gazetteer: Gazetteer, language: str = "en",
                    docs: Optional[list] = None) -> tuple[dict[str, ArticleEntity], list[ArticleQuote]]:
    """Give each mention the article-local name it stands for; describe each named entity.

    Returns the entities (name -> kind, type, aliases, roles, affiliations, within, ref) and the
    quotations attributed to them. Mentions that stay ambiguous are removed from ``mentions``.
    Roles and quotations are read in English; for another ``language`` its reader finds them.
    """
    patterns = load_patterns()
    _join_explicit_aliases(article, mentions)
    texts = {p.index: p.text for p in article.paragraphs}
    if language == "en":
        _first_names_named_like_places(texts, mentions)
    _persons_by_role(texts, mentions, patterns)
    _resolve_short_forms(mentions, gazetteer)
    if language == "en":  # the prepositions that keep a place a place are English ones
        _surnames_named_like_places(texts, mentions)
    _join_misspellings(mentions)
    _join_synonym_heads(mentions, patterns)
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
    parsed = dict(zip((p.index for p in article.paragraphs), docs)) if docs is not None else {}
    for paragraph in article.paragraphs:
        _read_roles(paragraph.index, paragraph.text, by_para[paragraph.index], entities, patterns,
                    parsed.get(paragraph.index))
    quotes = read_quotes(article, by_para, entities, QuoteWords(
        patterns.speech_verbs, patterns.listener_verbs, patterns.referring_nouns, patterns.name_genders,
        patterns.office_descriptions), docs)
    return entities, quotes


_ALIAS_LINK = re.compile(
    r"^(?:,?\s+(?:or|also\s+(?:spelled|written|known\s+as|called)|(?:better\s+)?known\s+as|formerly|now)"
    r"|\s*\((?:formerly|now|also|or|aka)\s*)\s+(?:the\s+)?$"
)


def _join_explicit_aliases(article: Article, mentions: list[Mention]) -> None:
    """"the Oliy Majlis, or Supreme Assembly", "Acme Builders (formerly Acme Construction)": one entity."""
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
        if not candidates and len(tokens) == 1 and (m.type == "person" or m.origin == "model"):
            # a family name written first ("Wu Kang", then "Wu"), or a given name alone: one
            # person of the article whose name begins with it (whatever type the model guessed
            # for the word alone: "Wang said" is read as an organisation at times)
            candidates = [full for full in persons if full.split()[0] == tokens[0]]
            candidates = candidates if len(candidates) == 1 else []
        if not candidates and len(tokens) == 1 and len(m.name) >= MISSPELLING_MIN_SURNAME and (m.type == "person" or m.origin == "model"):
            # a surname spelled a letter apart from the full name's ("Karimova", then "Kariomova")
            candidates = [full for full in persons if full.split()[-1][0] == tokens[0][0]
                          and _one_edit(full.split()[-1], tokens[0]) and not _gender_pair(full.split()[-1], tokens[0])]
            # "Arif Kamol" and "Daler Arif Kamol" are one person, named in full and in part
            candidates = [c for c in candidates if not any(c != o and _is_part(c.split(), o.split()) for o in candidates)]
            candidates = candidates if len(candidates) == 1 else []
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
        acronym_of = [n for n in organisations if m.name in (_initials(n), _initials(_without_legal_form(n)))
                      and _same_kind(mentions, n, m.kind)]
        target = longer if len(longer) == 1 else acronym_of
        if len(target) == 1 and not _known_as_other(m, target[0], gazetteer):
            m.name = target[0]
    mentions[:] = [m for m in mentions if m.name]


TOWN_TYPES = frozenset({"city", "town", "village"})  # a country or province before a name is where the person is from


def _first_names_named_like_places(texts: dict[int, str], mentions: list[Mention]) -> None:
    """"Serdar Gurbangulyyevich Berdimuhamedov": the gazetteer knows a town Serdar, the model reads
    the rest as a person; a one-word place written right before a person's name is that person's
    first name."""
    ordered = sorted(mentions, key=lambda m: (m.paragraph, m.start))
    dropped = set()
    for place, person in zip(ordered, ordered[1:]):
        text = texts.get(place.paragraph, "")
        if (place.paragraph == person.paragraph and place.origin == "gazetteer" and place.type in TOWN_TYPES
                and " " not in place.text and person.origin == "model" and person.type == "person"
                and text[place.end:person.start] == " "
                and not _after_locative(text, place.start)):  # "Mayor of Osh X"
            person.text = f"{place.text} {person.text}"
            person.name = f"{place.text} {person.name}"
            person.start = place.start
            dropped.add(id(place))
    mentions[:] = [m for m in mentions if id(m) not in dropped]


def _persons_by_role(texts: dict[int, str], mentions: list[Mention], patterns: Patterns) -> None:
    """"Tashiev's spokesman, Mirlan Akmatov, said": a name the model read as an organisation is a
    person when a person's role stands beside it in apposition."""
    for m in mentions:
        words = m.text.split()
        if m.origin != "model" or m.kind != "actor" or m.type == "person" or not 2 <= len(words) <= 3:
            continue
        if not all(re.fullmatch(r"[A-Z][a-z’'-]+", w) for w in words):
            continue
        text = texts.get(m.paragraph, "")
        appositive = re.search(r"([A-Za-z-]+),\s+$", text[: m.start])  # "his spokesman, X"
        if (_role_before(text, m, patterns) or (appositive and appositive.group(1).lower() in patterns.role_nouns)):
            m.type = "person"


MISSPELLING_MIN_LENGTH = 10  # names shorter than this are too alike to call one a typo of the other
MISSPELLING_MIN_SURNAME = 6  # a surname alone: shorter ones are too alike ("Aliev", "Alimov")


def _join_misspellings(mentions: list[Mention]) -> None:
    """"the Majlisi Milli", then "the Majlisi Mill": a name of several words one letter away from
    a name the article or the gazetteer wrote otherwise is the same name, misspelt."""
    counts = Counter(m.name for m in mentions if m.name)
    known = {m.name for m in mentions if m.origin == "gazetteer"}
    renames = {}
    for name in counts:
        if name in known or len(name) < MISSPELLING_MIN_LENGTH or " " not in name:
            continue
        # the spelling the gazetteer knows, else one the article writes more often
        better = [n for n in counts if n != name and len(n.split()) == len(name.split()) and n[0] == name[0]
                  and (n in known or counts[n] > counts[name]) and _one_edit(n, name)]
        if len(better) == 1:
            renames[name] = better[0]
    for m in mentions:
        if m.origin != "gazetteer":
            m.name = renames.get(m.name, m.name)


def _join_synonym_heads(mentions: list[Mention], patterns: Patterns) -> None:
    """"Rogun hydroelectric power station" after "... power plant": names that differ only in a
    last word the patterns call the same (synonym_heads) are one name: the gazetteer's, else the
    first the article wrote."""
    first: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: (m.origin != "gazetteer", m.paragraph, m.start)):
        words = m.name.split()
        if len(words) < 2 or words[-1].lower() not in patterns.synonym_heads:
            continue
        key = " ".join([*words[:-1], patterns.synonym_heads[words[-1].lower()]]).lower()
        m.name = first.setdefault(key, m.name)


def _gender_pair(a: str, b: str) -> bool:
    """Whether one surname is the other's feminine form ("Sadykov", "Sadykova"): two people, a
    letter apart."""
    feminine, masculine = load_patterns().name_genders
    short, long = sorted((a.lower(), b.lower()), key=len)
    return long.startswith(short) and short.endswith(masculine) and long.endswith(feminine)


def _one_edit(a: str, b: str) -> bool:
    """True when one letter inserted, removed or replaced turns one string into the other."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


# Words before a place name that say it is a place ("in Juma", "near Osh").
_LOCATIVE = re.compile(r"\b(?:in|at|near|from|to|into|outside|around|of|across|towards?|via|between|and)\s+(?:the\s+)?$", re.I)


def _after_locative(text: str, start: int) -> bool:
    """Does a word like "in", "near" or "of" stand right before ``start``?"""
    return _LOCATIVE.search(text[max(0, start - 30):start]) is not None


def _surnames_named_like_places(texts: dict[int, str], mentions: list[Mention]) -> None:
    """"Energy Minister Daler Juma", then "Juma, speaking to reporters": the surname of a person
    the article named in full, though the gazetteer knows a town of that name. A word after "in",
    "near" or "from" is still the place."""
    persons: dict[str, set[str]] = defaultdict(set)  # surname -> the full names ending with it
    first_named: dict[str, tuple[int, int]] = {}
    for m in mentions:
        if m.type == "person" and len(m.name.split()) >= 2:
            persons[m.name.split()[-1]].add(m.name)
            first_named.setdefault(m.name, (m.paragraph, m.start))
    for m in mentions:
        if m.kind != "place" or m.origin != "gazetteer" or " " in m.text:
            continue
        owners = persons.get(m.text, set())
        if len(owners) != 1 or first_named[next(iter(owners))] > (m.paragraph, m.start):
            continue
        if _after_locative(texts.get(m.paragraph, ""), m.start):
            continue
        m.name, m.kind, m.type, m.ref, m.origin = next(iter(owners)), "actor", "person", "", "rule"


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


def _plausible(name: str, group: list[Mention], patterns: Patterns) -> bool:
    """Whether a name only the model found is a name at all, not capitalised ordinary words."""
    if any(m.origin == "gazetteer" or m.label == "ALIAS" for m in group):
        return True
    if any(m.origin == "rule" and m.type == "media" for m in group):
        return True  # an outlet found by its place (a dateline, a site's address), however short its words
    from wordfreq import zipf_frequency

    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in _STOP_EDGE]
    if not words:
        return False
    if len(words) == 1:
        return words[0].isupper() or not common_word(words[0])  # "Treaty" alone is ordinary English
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


def _without_legal_form(name: str) -> str:
    """"Acme Builders LLP" -> "Acme Builders": a company's acronym leaves out its legal form
    (one of the patterns' legal_forms) that closes the name."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in load_patterns().legal_forms else name


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
    r"^,\s+(?:(?:now|then|currently|formerly|himself|herself|also)\s+)?(?P<det>(?:a|an|the)\s+)?(?P<role>[^,.;:“”\"()]{3,120}?)(?=\s*(?:,|\.|;|\(|$|\s+(?:said|says|told|who|which)\b))"
)
_ROLE_BEFORE = re.compile(r"(?P<role>(?:[A-Z][\w’'-]+\s+)?(?:[a-z][\w-]*(?:['’]s)?\s+){0,3}[A-Za-z-]+)\s+$")


def _read_roles(index: int, text: str, mentions: list[Mention], entities: dict[str, ArticleEntity], patterns: Patterns,
                doc=None) -> None:
    """Roles and affiliations from appositions, titles and possessives in one paragraph (``doc``:
    its parse, when given, which tells an apposition from a clause)."""
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
            role = (_role_after(text, m, patterns, doc) or _role_before(text, m, patterns)
                    or _role_in_apposition_before(text, m, patterns, doc))
            if m.title and not role and m.title not in patterns.courtesy_titles:
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
                # "a town of Uzbekistan's Fergana region": the place after the possessive is nearer.
                after = ordered[i + 2] if i + 2 < len(ordered) else None
                if after is not None and re.fullmatch(r"[’']s\s+", text[following.end: after.start]):
                    following = after
                other = entities.get(following.name)
                if other is not None and other.kind == "place" and other is not entity:
                    entity.within = following.name


def _role_after(text: str, m: Mention, patterns: Patterns, doc=None) -> Optional[tuple[str, int, int]]:
    match = _ROLE_AFTER.match(text[m.end:])
    if not match:
        return None
    start = m.end + match.start("role")
    if doc is not None and doc.text == text and any(
            t.dep_ == "ROOT" for t in doc if start <= t.idx < m.end + match.end("role")):
        return None  # "With the mayor, X, the president criticised ...": the sentence's own verb, no apposition
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
    return role, start, start + len(role)


ROLE_TITLE_WORDS = 6  # how long a title written before a name may grow ("First Deputy Prime Minister")


def _role_before(text: str, m: Mention, patterns: Patterns) -> Optional[tuple[str, int, int]]:
    head = text[: m.start - (len(m.title) + 1 if m.title else 0)]
    match = _ROLE_BEFORE.search(head)
    if not match:
        return None
    words = match.group("role").split()
    # Keep the words that belong to the role: from the last determiner, verb or preposition on.
    cut = {"the", "a", "an", "and", "of", "by", "to", "with", "as", "including", "like", "such",
           "from", "among", "for", "at", "in", "on", "under", "its", "his", "her", "their", "our", "was", "is",
           "that", "which", "who", "whom", "whose", "while", "when", "where", "after", "before", "but", "or",
           "also", "then", "than", "reported"}
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in cut or words[i].lower() in _STOP_EDGE or words[i].lower() in patterns.speech_verbs:
            words = words[i + 1:]
            break
    if not words or words[-1].lower() not in patterns.role_nouns:
        return None
    if len(words) > 1 and (named_weekday(words[0]) is not None or resolve_date(words[0], None) is not None):
        words = words[1:]  # "On Tuesday President X": the day is no part of the title
    # "Deputy Prime Minister X", "First Deputy Prime Minister X": words of a title before the one
    # capitalised word the pattern takes
    before = head[: match.start("role")].split()
    while before and before[-1] in patterns.title_words and len(words) < ROLE_TITLE_WORDS:
        words.insert(0, before.pop())
    role = " ".join(words + ([m.title] if m.title and m.title not in patterns.courtesy_titles else []))
    start = m.start - len(role) - 1
    return role, max(start, 0), m.start


_ROLE_IN_APPOSITION_BEFORE = re.compile(
    r"(?:\b(?P<det>the|its|their|a|an)\s+|(?<=[,;:–—-]\s)|^)(?P<role>(?:[A-Za-z][\w-]*\s+){0,2}(?P<head>[A-Za-z][\w-]*)"
    r"(?:\s+(?:of|for|at)\s+(?:(?:[A-Z][\w’'-]*|of|the|and)\s+){0,5}[A-Z][\w’'-]*)?),\s+$")


def _role_in_apposition_before(text: str, m: Mention, patterns: Patterns, doc=None) -> Optional[tuple[str, int, int]]:
    """ "... announced by the chairman of the Election Commission, Anvar Karimov", "President of
    the Republic, Honorable X": a role in apposition before the name. After a determiner or in lower
    case, only where the parse says the name stands in apposition to it ("With the president of
    Uzbekistan, X discussed ..." names two people); a capitalised title right after a comma is one."""
    match = _ROLE_IN_APPOSITION_BEFORE.search(text[: m.start - (len(m.title) + 1 if m.title else 0)])
    if match is None or match.group("head").lower() not in patterns.role_nouns:
        return None
    start, end = match.start("role"), match.end("role")
    if match.group("det") or not match.group("role")[:1].isupper():
        if doc is None or doc.text != text or not any(t.dep_ == "appos" and start <= t.head.idx < end
                                                      for t in doc if m.start <= t.idx < m.end):
            return None
    return match.group("role"), start, end


def _add_role(entity: ArticleEntity, phrase: str, paragraph: int) -> None:
    if all(r.text != phrase for r in entity.roles):
        entity.roles.append(ArticleRole(phrase, paragraph))


def _add(values: list, value: str) -> None:
    if value not in values:
        values.append(value)

