"""A project that another engine builds as it is: the generated pages, data files and assets in
``docs/``, beside an ``mkdocs.yml`` that names the stylesheets and scripts and lists the navigation.

Zensical, Material's successor, reads ``mkdocs.yml`` but runs no MkDocs plugins, so what the
plugin does inside MkDocs is done here beforehand, once, as files:

- the pages are written with directory URLs (the engine's default), their links as the engine
  serves them, and the publisher's own pages of ``docs/`` are copied beside them;
- the site's settings an engine reads (name, address, theme, Markdown extensions) come from the
  project's ``mkdocs.yml``; its ``plugins`` do not (the engine would run none of them);
- the navigation lists what the plugin puts in MkDocs' navigation (the home, the indexes, the
  briefs, the publisher's pages); every other page is built but not listed.

What the engine does not get: the plugin's own search (Pagefind, its filters and dialog: the engine
searches with its own index), the feeds' ``<link rel="alternate">`` in each page's head, country
PDFs. No MkDocs here.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .knowledge import safe_yaml
from .knowledge.project_files import listing
from .outputs import Output
from .render import visuals
from .render.links import HOME, INDEX_PAGES
from .render.pages import REQUIRED_EXTENSIONS, assets

# The settings of the project's mkdocs.yml an engine without our plugin reads as they are.
KEPT_SETTINGS = ("site_name", "site_description", "site_author", "site_url", "repo_url", "repo_name", "edit_uri",
                 "copyright", "theme", "markdown_extensions", "extra", "use_directory_urls")
DEFAULT_SETTINGS = {
    "site_name": "Regional Briefs",
    "theme": {"name": "material"},
    "markdown_extensions": ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}}],
}


@dataclass
class Tagged:
    """A YAML value with a tag the safe loader does not construct (``!!python/name:…``), kept to be
    written back as it was: the engine, not we, gives it meaning."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_Loader.add_multi_constructor("", _tagged)
_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent_tagged)


def read_settings(config_file: Path) -> tuple[dict, list[str]]:
    """The settings of ``config_file`` an engine reads without our plugin, and warnings."""
    settings = dict(DEFAULT_SETTINGS)
    if not config_file.is_file():
        return settings, []
    try:
        text = config_file.read_text(encoding="utf-8")
        safe_yaml.check(text)
        loaded = yaml.load(text, Loader=_Loader)  # noqa: S506 — a SafeLoader that keeps unknown tags as data
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return settings, [f"{config_file}: not read ({exc}); default settings used"]
    if not isinstance(loaded, dict):
        return settings, [f"{config_file}: not a mapping; default settings used"]
    settings.update({key: loaded[key] for key in KEPT_SETTINGS if key in loaded})
    return settings, []


@dataclass
class Written:
    pages: int = 0
    files: int = 0
    warnings: list[str] = field(default_factory=list)


def write_project(output: Output, out: Path, project: Path, docs: Path | None = None,
                  config_file: Path | None = None) -> Written:
    """Write ``out/docs/`` (the publisher's pages of ``docs``, then the generated ones, data files and
    assets) and ``out/mkdocs.yml``. ``output`` is rendered with directory URLs (``build_output``'s
    default). Nothing outside ``project`` is read: ``docs`` is listed with ``project_files``."""
    written = Written()
    target = out / "docs"
    if target.exists():
        shutil.rmtree(target)
    own_pages: list[str] = []
    if docs is not None:
        for path, content in _own_files(docs, project, written.warnings):
            _write(target / path, content)
            written.files += 1
            if path.endswith(".md"):
                own_pages.append(path)
    for page in output.pages.values():
        if page.path in own_pages:
            written.warnings.append(f"docs/{page.path} exists; the generated page of that name is not added")
            continue
        _write(target / page.path, page.text.encode("utf-8"))
        written.pages += 1
    static = {**assets(), **visuals.assets()}
    for path, content in {**output.data, **static}.items():
        _write(target / path, content if isinstance(content, bytes) else content.encode("utf-8"))
        written.files += 1
    settings, problems = read_settings(config_file) if config_file is not None else (dict(DEFAULT_SETTINGS), [])
    written.warnings += problems
    settings["docs_dir"] = "docs"
    extensions = list(settings.get("markdown_extensions") or [])
    named = {next(iter(e)) if isinstance(e, dict) else e for e in extensions}
    settings["markdown_extensions"] = extensions + [e for e in REQUIRED_EXTENSIONS if e not in named]
    # As the plugin adds them: the visuals' script loads its vendored libraries itself.
    settings["extra_css"] = [visuals.STYLESHEET] + [p for p in assets() if p.endswith(".css")]
    settings["extra_javascript"] = [visuals.SCRIPT] + [p for p in assets() if p.endswith(".js")]
    settings["nav"] = _nav(output, own_pages)
    text = "# Written by `regional-briefs markdown --project`: build with `zensical build` (or mkdocs).\n"
    text += yaml.dump(settings, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False)
    _write(out / "mkdocs.yml", text.encode("utf-8"))
    return written


def _nav(output: Output, own_pages: list[str]) -> list:
    """What the plugin shows in MkDocs' navigation, in its order: the home, the indexes, the
    briefs, then the publisher's own pages."""
    generated = {page.path: page for page in output.pages.values() if page.in_nav}
    nav: list = []
    home = HOME if HOME in generated or HOME in own_pages else None
    if home:
        nav.append({"Briefing": home})
    nav += [{title: path} for path, title in INDEX_PAGES.items() if path in generated]
    briefs = sorted((p for p in generated.values() if p.section == "Briefs"), key=lambda p: p.title.casefold())
    if briefs:
        nav.append({"Briefs": [{p.title: p.path} for p in briefs]})
    nav += [path for path in sorted(own_pages) if path != HOME]
    return nav


def _own_files(docs: Path, project: Path, warnings: list[str]) -> list[tuple[str, bytes]]:
    """Every file of the publisher's ``docs`` folder (sub-folders included) that ``project_files``
    lets us read, as (path inside docs, bytes)."""
    found: list[tuple[str, bytes]] = []
    folders = [docs]
    while folders:
        folder = folders.pop()
        files, refused = listing(folder, project)
        warnings += refused
        for path in files:
            found.append((path.relative_to(docs).as_posix(), path.read_bytes()))
        folders += sorted((p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()
                           and not p.name.startswith(".")), reverse=True)
    return sorted(found)


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
