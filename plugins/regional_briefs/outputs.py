"""A build's output, engine-independent: the generated pages and the data files beside them.

    seeds + briefs/ -> pipeline.build_site -> pages.render_site, export, visuals data -> Output

An engine adapter (the MkDocs plugin, the ``markdown`` command) turns an ``Output`` into its own
files. With a cache folder, the whole output is cached under a key of everything the build reads
(every seed's name and bytes, the curation files, the options that shape pages, the pipeline's
code and data, the libraries, the gazetteer), so a rebuild with nothing changed reads one file and
skips extraction, resolution, event merging and rendering. Any change misses it, and the build
falls back to the per-article cache, which re-extracts only the articles the change touches.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field, fields, replace
from typing import Callable, Optional

from .assemble.curation import curation_files
from .cache import FILES, SiteCache, environment_key, is_cache_warning
from .knowledge.gazetteer import fingerprint
from .model import Site
from .pipeline import PIPELINE_VERSION, Options, build_site, collector_paused
from .render import search, visuals
from .render.export import events_csv, graph_json, json_document
from .render.feeds import atom_files, site_feeds
from .render.links import source_url, url_style
from .render.memo import RenderMemo
from .render.pages import Page, assets, render_site

# Bump when the shape of a cached output changes.
OUTPUT_VERSION = "6"  # 3: map.json 1.1 (countries, events, years), network edges with years; 4: raw-HTML lists; 5: search marks (Pagefind filters, aliases); 6: raw-HTML article paragraphs


@dataclass
class Output:
    pages: dict[str, Page]  # site path of the Markdown source -> page
    data: dict[str, str]  # site path -> text of the export and of the views' data files
    warnings: list[str] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    site: Optional[Site] = None  # the assembled site; None when the output came from the cache
    # With ``build_output(store_later=True)``: writes the output into the site cache and returns the
    # cache's warning, if any. The caller runs it once the build is done (with ``data_later``,
    # handing it the data files ``later`` made).
    store: Optional[Callable[..., Optional[str]]] = None
    # With ``build_output(data_later=True)``, a built site's data files, made when the caller asks:
    # then ``data`` is empty.
    later: Optional["LaterData"] = None


@dataclass
class LaterData:
    """The export and the views' data files of a build, made when asked. Under ``mkdocs serve``
    they are made after the browser has reloaded (at 10,000 articles they take 2.6 s): the page an
    analyst edited does not read them; the export page and the network and map views do."""
    paths: tuple[str, ...]  # the site paths ``make`` writes
    parts: tuple[Callable[[], dict[str, str]], ...]  # each makes some of them

    def make(self, stopped: Callable[[], bool] = bool) -> Optional[dict[str, str]]:
        """Site path -> text of every data file; None when ``stopped()`` turns true on the way."""
        data: dict[str, str] = {}
        for part in self.parts:
            if stopped():
                return None
            data.update(part())
        return data


def build_output(options: Options, home: bool = True, directory_urls: bool = True, site_url: str = "",
                 site_name: str = "", *, language: str = "en", markdown_links: bool = False,
                 store_later: bool = False, data_later: bool = False,
                 memo: Optional[RenderMemo] = None) -> Output:
    """Every page and data file of the site, from the site cache when nothing changed.

    With ``store_later`` a built output is not written into the site cache here: ``Output.store``
    does it when the caller is ready. Under ``mkdocs serve`` that is after the browser reloaded:
    serialising the output (28 MB at 1,000 articles) is a tenth of a rebuild (0.5 s of CPU).
    With ``data_later`` a built site's data files are left to ``Output.later`` as well (an output
    read from the site cache has them in ``data``).

    ``directory_urls`` is the engine's URL style (``links.url_style``), which the data files and
    the pages' links are written in; with ``markdown_links`` the pages link the Markdown files
    instead, for an engine handed them as they are (``regional-briefs markdown``).

    ``site_url`` and ``site_name`` go into the feeds (absolute links, titles); ``language`` is the
    site's (the theme's).

    ``memo`` is a server's ``RenderMemo``, kept from one build to the next: the pages whose inputs
    did not change are replayed from it (render/memo.py)."""
    if data_later and not store_later:
        raise ValueError("data_later needs store_later: the site cache is written once the data files are made")
    cache = SiteCache(options.cache_dir) if options.cache_dir is not None else None
    key = site_key(options, home, directory_urls, site_url, site_name, language, markdown_links) \
        if cache is not None else ""
    # A server's first build fills its memo (and its extractions in memory) rather than read the
    # stored output, so that its first edit re-renders only what the edit changed.
    if cache is not None and (memo is None or memo.site is not None):
        stored = cache.get(key)
        output = _from_json(stored) if stored is not None else None
        if output is not None:
            return output
        if stored is not None:
            cache.problem(cache.path, "does not hold a site's pages; rebuilt")
    site = build_site(options)
    with collector_paused():  # the pages stay alive
        output = render_output(site, home, directory_urls, site_url, site_name, language=language,
                               markdown_links=markdown_links, memo=memo, data_later=data_later)
    if cache is not None and store_later:
        # the site may be freed; the data files come with the call when ``later`` makes them
        output.store = functools.partial(_store, cache, key, replace(output, site=None, later=None))
    elif cache is not None:
        # Said once per build: the extraction cache in the same folder may have said it already.
        warning = _store(cache, key, output)
        if warning and not any(is_cache_warning(w) for w in output.warnings):
            output.warnings.append(warning)
    return output


def _store(cache: SiteCache, key: str, output: Output, stopped: Callable[[], bool] = bool,
           data: Optional[dict[str, str]] = None) -> Optional[str]:
    """``output`` (with ``data`` for its data files, when given) written into the site cache under
    ``key``; the cache's warning, if any. Nothing is written when ``stopped()`` turns true on the
    way (a server's next build has begun)."""
    if data is not None:
        output = replace(output, data=data)
    body = _json_text(output, stopped)
    if body is not None:
        cache.put_text(key, body)
    return cache.summary()


def render_output(site: Site, home: bool = True, directory_urls: bool = True, site_url: str = "",
                  site_name: str = "", *, language: str = "en", markdown_links: bool = False,
                  memo: Optional[RenderMemo] = None, data_later: bool = False) -> Output:
    url_for = url_style(directory_urls)
    later = data_files(site, url_for, site_url, site_name)
    data = {} if data_later else later.make()
    pages = render_site(site, home=home, language=language, url_for=source_url if markdown_links else url_for,
                        memo=memo)
    return Output(pages, data, list(site.warnings), dict(site.stats), site, later=later if data_later else None)


def data_files(site: Site, url_for: Callable[[str], str], site_url: str = "", site_name: str = "") -> LaterData:
    """The export (graph, events), the views' data (network, map) and the feeds of ``site``."""
    def one(path: str, make: Callable[[], str]) -> Callable[[], dict[str, str]]:
        return lambda: {path: make()}

    files = {
        "export/graph.json": lambda: graph_json(site, url_for),
        "export/events.csv": lambda: events_csv(site),
        visuals.NETWORK_EXPORT: lambda: json_document(visuals.network_json(site, url_for)),
        visuals.MAP_EXPORT: lambda: json_document(visuals.map_json(site, url_for)),
    }
    return LaterData(
        paths=(*files, *(feed.path for feed in site_feeds(site, site_name))),
        parts=(*(one(path, make) for path, make in files.items()),
               lambda: atom_files(site, url_for, site_url, site_name)))


def static_files() -> dict[str, bytes]:
    """The files every site ships whatever its articles: stylesheets, scripts, vendored libraries."""
    return {**assets(), **visuals.assets(), **search.assets()}


def site_key(options: Options, home: bool, directory_urls: bool, site_url: str = "", site_name: str = "",
             language: str = "en", markdown_links: bool = False) -> str:
    """A hash of everything a build reads. Reading and hashing the seeds is cheap next to
    extracting them (about a second per 10,000 articles of a few kilobytes), and a server's rebuild
    reads only the files whose status changed (``cache.FILES``)."""
    digest = hashlib.sha256()

    def part(label: str, value: bytes) -> None:
        digest.update(f"{label}\0{len(value)}\0".encode("utf-8"))
        digest.update(value)

    gazetteer_files = tuple(options.gazetteer_files)
    part("version", OUTPUT_VERSION.encode())
    part("environment", environment_key(fingerprint(gazetteer_files), PIPELINE_VERSION).encode())
    part("options", repr((home, directory_urls, options.max_bytes, site_url, site_name, language, markdown_links)).encode())
    for label, paths in (("curation", curation_files(options.briefs_dir, options.project)),
                         ("seed", options.seeds()[0])):
        for path in paths:
            part(label, path.name.encode("utf-8", "surrogateescape"))
            try:
                part("sha256", FILES.value(path, "sha256", lambda data: hashlib.sha256(data).hexdigest()).encode())
            except OSError as exc:
                part("unreadable", str(exc.errno).encode())
    return digest.hexdigest()


PAGE_FIELDS = tuple(f.name for f in fields(Page))
STORE_STEP = 250  # pages serialised between two looks at ``stopped``


def _json_text(output: Output, stopped: Callable[[], bool] = bool) -> Optional[str]:
    """The output as the site cache keeps it: one JSON object, written a few pages at a time (a
    server's next build stops it: at 1,000 articles it takes a fifth of a rebuild); None if stopped."""
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = []
    pages = list(output.pages.values())
    for start in range(0, len(pages), STORE_STEP):
        if stopped():
            return None
        parts += [dumps({name: getattr(page, name) for name in PAGE_FIELDS}) for page in pages[start:start + STORE_STEP]]
    # The cache's own problems belong to the build that met them, not to the next one that reads this.
    warnings = [w for w in output.warnings if not is_cache_warning(w)]
    return (f'{{"pages":[{",".join(parts)}],"data":{dumps(output.data)},"warnings":{dumps(warnings)},'
            f'"stats":{dumps(output.stats)}}}')


def _from_json(stored: dict) -> Optional[Output]:
    """The cached output, or None when it cannot be read back (then the site is built anew)."""
    try:
        pages = {}
        for fields in stored["pages"]:
            page = Page(**{**fields, "tags": tuple(fields.get("tags", ())),
                           "feeds": tuple(tuple(f) for f in fields.get("feeds", ())),
                           "links": tuple(fields.get("links", ()))})
            pages[page.path] = page
        stats = dict(stored["stats"])
        data = {str(k): str(v) for k, v in stored["data"].items()}
        warnings = [str(w) for w in stored["warnings"]]
    except Exception:  # any shape a hand could leave in the file: the site is built anew
        return None
    # What this build did: nothing was extracted; every article came from the cache.
    articles = stats.get("cache hits", 0) + stats.get("articles extracted", 0)
    stats.update({"articles extracted": 0, "cache hits": articles, "site cache hits": 1})
    return Output(pages, data, warnings, stats)
