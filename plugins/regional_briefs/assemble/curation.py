"""Curation: the analyst's YAML under ``briefs/`` in, validated overrides out.

Each ``briefs/*.yml`` file may define a brief (``title``, ``summary``, ``seeds``) and may correct
articles and entities for the whole site. YAML is loaded with the safe loader; every key is
checked, and a typo is reported with the file, the line and the key, then ignored.

    title: Central Asia and Afghanistan          # a file with a title is a brief
    summary: Security and trade along the Tajik-Afghan border.
    seeds: ["*.txt", "2025-*"]                   # file-name globs in seeds/; default: every seed
    articles:
      000_ad247eec8587e842.txt:                  # a seed's file name
        title: Tajikistan and the Taliban seek a cautious thaw
        published: 2025-11-20
        source: RFE/RL                           # the outlet
        url: https://example.org/story
    entities:
      - name: Taliban                            # the entity's name or one of its aliases
        rename: Taliban (Islamic Emirate)        # the name to show instead
        aliases: [Taliban government]            # merge entities with these names into this one
        kind: actor                              # actor | place
        type: government                         # see the types in the docs
        description: Rulers of Afghanistan since August 2021.
        within: Afghanistan                      # for places: the enclosing place
      - name: Freedom Bank
        drop: true                               # not an entity
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import yaml

from ..extract.ingest import PLAIN_YAML_TAGS, as_partial_date, source_name, web_address
from ..knowledge import safe_yaml
from ..knowledge.project_files import listing, project_root, without_bidi
from ..model import ACTOR_TYPES, KINDS, PLACE_TYPES, Article, Brief, Entity, PartialDate
from ..text import casefold_order, name_key, short_hash, slug

BRIEF_KEYS = {"title", "summary", "seeds", "articles", "entities"}
ARTICLE_KEYS = {"title", "published", "source", "url"}
ENTITY_KEYS = {"name", "rename", "aliases", "kind", "type", "description", "within", "drop"}
SUFFIXES = {".yml", ".yaml"}
MAX_BYTES = 5_000_000  # a curation file is written by hand; past this it is a mistake or an attack


@dataclass
class ArticleFix:
    title: Optional[str] = None
    published: Optional[PartialDate] = None
    outlet: Optional[str] = None
    url: Optional[str] = None


@dataclass
class EntityFix:
    name: str
    rename: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    kind: Optional[str] = None
    type: Optional[str] = None
    description: Optional[str] = None
    within: Optional[str] = None
    drop: bool = False
    origin: str = ""  # file:line, for messages


@dataclass
class Curation:
    briefs: list[Brief] = field(default_factory=list)
    articles: dict[str, ArticleFix] = field(default_factory=dict)
    entities: list[EntityFix] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    article_origins: dict[str, str] = field(default_factory=dict)  # seed name -> file:line of its fix


def load_curation(briefs_dir: Optional[Path], project: Optional[Path] = None) -> Curation:
    """Read every ``*.yml``/``*.yaml`` file in ``briefs_dir`` (a missing folder is no curation).

    Only regular files inside ``project`` (default: the folder holding ``briefs_dir``) are read;
    a symbolic link that leaves it is reported and skipped.
    """
    curation = Curation()
    if briefs_dir is None:
        return curation
    files, refused = listing(briefs_dir, project_root(project, briefs_dir), SUFFIXES)
    curation.problems += [f"briefs/{line}" for line in refused]
    for path in files:
        curation.files.append(path)
        _read_file(path, curation)
    _tell_apart_briefs(curation)
    return curation


def curation_files(briefs_dir: Optional[Path], project: Optional[Path] = None) -> list[Path]:
    """The files ``load_curation`` reads, in the order it reads them."""
    if briefs_dir is None:
        return []
    return listing(briefs_dir, project_root(project, briefs_dir), SUFFIXES)[0]


def _tell_apart_briefs(curation: Curation) -> None:
    """Two files whose names slug alike (``Central Asia.yml``, ``central-asia.yml``) make two
    briefs: the later one (by file name) gets a short hash of its exact name, and a warning."""
    seen: dict[str, str] = {}
    for brief in curation.briefs:
        if brief.id in seen:
            origin = brief.id
            brief.id = f"{brief.id}-{short_hash(brief.origin)}"
            curation.problems.append(f"briefs/{brief.origin}: its name makes the same page as briefs/{seen[origin]}; "
                                     f"this brief is published as briefs/{brief.id}/ (rename one of the files)")
        seen[brief.id] = brief.origin


def _read_file(path: Path, curation: Curation) -> None:
    where = path.name

    def problem(node: yaml.Node | None, message: str) -> None:
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        curation.problems.append(f"briefs/{where}{line}: {message}")

    try:
        if path.stat().st_size > MAX_BYTES:
            curation.problems.append(f"briefs/{where}: file is over the limit of {MAX_BYTES:,} bytes; not read")
            return
        root = safe_yaml.compose(path.read_text(encoding="utf-8"))
    except OSError as exc:
        curation.problems.append(f"briefs/{where}: cannot be read ({exc.strerror or exc})")
        return
    except UnicodeDecodeError:
        curation.problems.append(f"briefs/{where}: not UTF-8 text; not read")
        return
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        curation.problems.append(f"briefs/{where}{line}: not valid YAML ({getattr(exc, 'problem', None) or exc}); "
                                 "the file is ignored")
        return
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        problem(root, "expected a mapping of keys (title, summary, seeds, articles, entities)")
        return
    top = _mapping(root, BRIEF_KEYS, problem, "brief")
    if "title" in top:
        title = _scalar(top["title"], problem, "title")
        seeds = _string_list(top.get("seeds"), problem, "seeds") if "seeds" in top else ["*"]
        summary = _scalar(top["summary"], problem, "summary") if "summary" in top else ""
        if title:
            curation.briefs.append(Brief(id=slug(path.stem), title=title, summary=summary or "", seeds=seeds or ["*"],
                                         origin=where))
    elif "summary" in top or "seeds" in top:
        problem(root, "'summary' and 'seeds' need a 'title' to make this file a brief")
    if "articles" in top:
        node = top["articles"]
        if not isinstance(node, yaml.MappingNode):
            problem(node, "'articles' must map seed file names to their fixes")
        else:
            for key_node, value in node.value:
                source = source_name(str(key_node.value))
                fields = _mapping(value, ARTICLE_KEYS, problem, f"article '{source}'")
                fix = curation.articles.setdefault(source, ArticleFix())
                curation.article_origins.setdefault(source, f"{where}:{key_node.start_mark.line + 1}")
                if "title" in fields:
                    fix.title = _scalar(fields["title"], problem, "title")
                if "source" in fields:
                    fix.outlet = _scalar(fields["source"], problem, "source")
                if "url" in fields:
                    url = _scalar(fields["url"], problem, "url")
                    refused: list[str] = []
                    fix.url = web_address(url, refused)
                    for message in refused:
                        problem(fields["url"], message)
                if "published" in fields:
                    raw = fields["published"].value
                    fix.published = as_partial_date(raw)
                    if fix.published is None:
                        problem(fields["published"], f"published '{raw}' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    if "entities" in top:
        node = top["entities"]
        if not isinstance(node, yaml.SequenceNode):
            problem(node, "'entities' must be a list of entries, each starting with '- name:'")
        else:
            for item in node.value:
                fix = _entity(item, problem, f"{where}:{item.start_mark.line + 1}")
                if fix is not None:
                    curation.entities.append(fix)


def _entity(node: yaml.Node, problem, origin: str) -> Optional[EntityFix]:
    fields = _mapping(node, ENTITY_KEYS, problem, "entity")
    if "name" not in fields:
        problem(node, "an entity entry needs a 'name' (the entity's name or one of its aliases)")
        return None
    fix = EntityFix(name=_scalar(fields["name"], problem, "name") or "", origin=origin)
    fix.rename = _scalar(fields["rename"], problem, "rename") if "rename" in fields else None
    fix.aliases = _string_list(fields.get("aliases"), problem, "aliases") if "aliases" in fields else []
    fix.description = _scalar(fields["description"], problem, "description") if "description" in fields else None
    fix.within = _scalar(fields["within"], problem, "within") if "within" in fields else None
    if "kind" in fields:
        kind = _scalar(fields["kind"], problem, "kind")
        if kind in KINDS:
            fix.kind = kind
        else:
            problem(fields["kind"], f"kind '{kind}' is not one of {list(KINDS)}")
    if "type" in fields:
        type_ = _scalar(fields["type"], problem, "type")
        if type_ in ACTOR_TYPES or type_ in PLACE_TYPES:
            fix.type = type_
        else:
            problem(fields["type"], f"type '{type_}' is not one of {list(ACTOR_TYPES) + list(PLACE_TYPES)}")
    if "drop" in fields:
        value = fields["drop"].value
        if value not in ("true", "false", "yes", "no"):
            problem(fields["drop"], "drop must be true or false")
        fix.drop = value in ("true", "yes")
    return fix


def _mapping(node: yaml.Node, allowed: set[str], problem, what: str) -> dict[str, yaml.Node]:
    if node.tag not in PLAIN_YAML_TAGS:
        problem(node, f"{what}: the YAML tag '{node.tag}' is not allowed; ignored")
        return {}
    if not isinstance(node, yaml.MappingNode):
        problem(node, f"{what}: expected a mapping of keys to values")
        return {}
    out: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key not in allowed:
            problem(key_node, f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})")
            continue
        if value.tag not in PLAIN_YAML_TAGS:
            problem(value, f"'{key}' has the YAML tag '{value.tag}', which is not allowed; ignored")
            continue
        out[key] = value
    return out


def _scalar(node: yaml.Node, problem, key: str) -> Optional[str]:
    if not isinstance(node, yaml.ScalarNode):
        problem(node, f"'{key}' must be a single value")
        return None
    if node.tag not in PLAIN_YAML_TAGS:
        problem(node, f"'{key}' has the YAML tag '{node.tag}', which is not allowed; ignored")
        return None
    return " ".join(without_bidi(str(node.value)).split()) or None


def _string_list(node: Optional[yaml.Node], problem, key: str) -> list[str]:
    if node is None:
        return []
    if isinstance(node, yaml.ScalarNode):
        return [str(node.value)]
    if not isinstance(node, yaml.SequenceNode):
        problem(node, f"'{key}' must be a list")
        return []
    out = []
    for item in node.value:
        value = _scalar(item, problem, key)
        if value:
            out.append(value)
    return out


def apply_article_fix(article, fix: Optional[ArticleFix]) -> None:
    """Curated title, date, outlet and url win over what the seed says."""
    if fix is None:
        return
    if fix.title:
        article.title = fix.title
        article.title_derived = False
    if fix.published:
        article.published = fix.published
    if fix.outlet:
        article.outlet = fix.outlet
    if fix.url:
        article.url = fix.url


def apply_entity_fixes(entities: dict[str, Entity], curation: Curation,
                       warn: Callable[[str], None]) -> dict[str, Optional[str]]:
    """Apply ``briefs/`` entity entries; return old id -> new id (None for dropped entities)."""
    moved: dict[str, Optional[str]] = {}
    index: dict[str, str] = {}
    for entity in sorted(entities.values(), key=lambda e: e.id):
        for label in [entity.name, *entity.aliases]:
            index.setdefault(name_key(label), entity.id)
    for fix in curation.entities:
        target_id = index.get(name_key(fix.name))
        target_id = moved.get(target_id, target_id) if target_id else None
        if target_id is None or target_id not in entities:
            warn(f"briefs/{fix.origin}: no entity named '{fix.name}' was extracted; entry ignored")
            continue
        target = entities[target_id]
        if fix.drop:
            del entities[target_id]
            moved[target_id] = None
            continue
        for alias in fix.aliases:
            other_id = index.get(name_key(alias))
            other_id = moved.get(other_id, other_id) if other_id else None
            if other_id and other_id != target_id and other_id in entities:
                other = entities.pop(other_id)
                target.aliases = sorted(set(target.aliases) | {other.name, *other.aliases}, key=casefold_order)
                target.articles = sorted(set(target.articles) | set(other.articles))
                target.roles += other.roles
                target.quotes += other.quotes
                moved[other_id] = target_id
            elif alias not in target.aliases and alias != target.name:
                target.aliases = sorted({*target.aliases, alias}, key=casefold_order)
        if fix.rename and fix.rename != target.name:
            target.aliases = sorted({*target.aliases, target.name} - {fix.rename}, key=casefold_order)
            target.name = fix.rename
        if fix.kind:
            target.kind = fix.kind
        if fix.type:
            target.type = fix.type
        if fix.description:
            target.description = fix.description
        if fix.within:
            within = index.get(name_key(fix.within))
            if within and within in entities:
                target.within = within
            else:
                warn(f"briefs/{fix.origin}: within '{fix.within}' names no extracted place")
    for entity in entities.values():
        entity.affiliations = [a for a in (moved.get(a, a) for a in entity.affiliations) if a and a != entity.id]
        if entity.within:
            entity.within = moved.get(entity.within, entity.within)
        for quote in entity.quotes:
            quote.speaker = entity.id
    return moved


def gather_briefs(curation: Curation, articles: dict[str, Article], warn: Callable[[str], None]) -> dict[str, Brief]:
    """The curated briefs (or one brief of all articles), each with the articles its seed patterns match."""
    briefs = curation.briefs or [Brief(id="all", title="All articles", summary="", seeds=["*"])]
    out = {}
    for brief in sorted(briefs, key=lambda b: b.id):
        matched = {pattern: {a.id for a in articles.values() if fnmatch.fnmatchcase(a.source, pattern)}
                   for pattern in brief.seeds}
        brief.articles = sorted(set().union(*matched.values()))
        for pattern, ids in matched.items():
            if articles and not ids:
                warn(f"briefs/{brief.origin}: seeds pattern '{pattern}' matches no article in seeds/")
        out[brief.id] = brief
    return out
