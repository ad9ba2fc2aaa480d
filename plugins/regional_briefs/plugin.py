"""The MkDocs adapter: config in, generated pages and export files out. The work is in the pipeline."""

from __future__ import annotations

import gc
import hashlib
import html
import threading
import time
from pathlib import Path
from typing import Iterable, Iterator, Optional

from jinja2 import BytecodeCache
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_relative_url

from .config import BriefsConfig
from .live import Collector, IndexJob, LiveBuilds, empty_folder, page_digest, remove_outputs, site_key
from .outputs import LaterData, build_output, static_files
from .pipeline import Options, warm_up
from .render import search, visuals
from .render.links import SITE_FEED, broken_links
from .render.markup import block_ids, put_back, set_aside
from .render.memo import RenderMemo
from .render.nav_cache import cache_nav
from .render.pages import REQUIRED_EXTENSIONS, assets
from .render.pdf import PdfUnavailable, write_pdf

log = get_plugin_logger(__name__)

# Partials that replace the theme's where its markup fails WCAG (docs/accessibility.md).
TEMPLATES = Path(__file__).parent / "templates"
# Under `mkdocs serve --dirty`, the seconds after a build that the background work (the site cache's
# write, Pagefind's index) waits, unless a build starts: the browser's reload comes first. MkDocs'
# server is Python, and a Python thread serialising or hashing the site takes the interpreter from
# it while it serves the page and its assets. (With that work starting at once, save-to-reloaded-page
# exceeded the build by 0.4 s more on average; with the wait, by 0.7-1.9 s, as before it: the shared
# machine's noise hides a difference smaller than that.)
RELOAD_SECONDS = 2.0
# A live build that renders more pages than this runs Python's cycle collector while MkDocs renders
# them (each page converted leaves a cycle of Markdown's objects behind); one that renders fewer
# holds it off until the browser has reloaded (on_pre_build).
COLLECT_WHILE_RENDERING = 500


class LivePage(File):
    """A generated page that MkDocs' dirty mode renders again only when ``render`` says so (live.py)."""

    render = True

    def is_modified(self) -> bool:
        return self.render


class LaterFile(File):
    """A data file a live build writes after the browser has reloaded (``finish_in_background``):
    MkDocs' dirty mode never writes it, but knows it (links to it are checked, and it is not
    taken for a file of the last build to remove)."""

    def is_modified(self) -> bool:
        return False


class BriefsPlugin(BasePlugin[BriefsConfig]):
    # Under `mkdocs serve --dirty`: what the last build rendered, so that the next renders only what changed.
    live: Optional[LiveBuilds] = None
    indexing: Optional[IndexJob] = None  # Pagefind writing the last rebuild's index, under `mkdocs serve --dirty`
    stopped_index: Optional[IndexJob] = None  # the one a rebuild stopped, maybe still cleaning up
    after_build: Optional[threading.Thread] = None  # what a live build leaves until the browser has reloaded
    hurry: Optional[threading.Event] = None  # set when after_build is to start at once: a build or the end
    superseded = False  # a build has started since the one after_build follows: its output is not stored
    warmed = False  # whether extraction's models are loaded (or being loaded) in this process
    warming: Optional[threading.Thread] = None  # loading them, during a server's first build
    store_output = None  # Output.store of the build under way, under `mkdocs serve --dirty`
    later_data = None  # Output.later of the build under way: its data files, written after the reload
    showing = False  # while the pages this build does not render are shown to the plugins
    # Under `mkdocs serve --dirty`, kept from one build to the next: the extractions (by cache key)
    # and the rendered pages with what they read, so that an edit re-reads and re-renders only what
    # it changed (pipeline.Options.memory, render/memo.py).
    extractions: Optional[dict] = None
    memo: Optional[RenderMemo] = None
    watcher = None  # under `mkdocs serve`, the observer of the seeds and briefs/ (on_serve)
    templates: Optional[BytecodeCache] = None  # the theme's templates compiled, from build to build (on_startup)
    collector: Optional[Collector] = None  # the cycle collector's runs after each build (on_startup)

    def on_startup(self, *, command, dirty) -> None:
        """Under ``mkdocs serve --dirty`` a rebuild renders only the pages an edit changed (live.py).
        Having this event, the plugin lives as long as the server, and so does what it keeps."""
        self.live = LiveBuilds() if command == "serve" and dirty else None
        self.collector = Collector()
        self.templates = CompiledTemplates()
        self.extractions, self.memo = ({}, RenderMemo()) if self.live is not None else (None, None)
        if command == "serve" and not dirty:
            log.info("every rebuild renders every page; `mkdocs serve --dirty` renders only the pages an edit changes")

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        self.options = Options(
            seeds_dir=root / self.config.seeds_dir,
            briefs_dir=root / self.config.briefs_dir,
            max_bytes=self.config.max_seed_bytes,
            gazetteer_files=tuple(root / f for f in self.config.gazetteer_files),
            cache_dir=root / self.config.cache_dir if self.config.cache_dir else None,
            root=root,
            memory=self.extractions,
        )
        # On every page, since instant navigation swaps pages in without loading their scripts.
        if visuals.SCRIPT not in map(str, config.extra_javascript):
            config.extra_javascript.append(visuals.SCRIPT)
        if visuals.STYLESHEET not in config.extra_css:
            config.extra_css.append(visuals.STYLESHEET)
        # After the site's own custom_dir, so that a partial the site overrides stays its own.
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if self.config.search == "pagefind":
            if search.SCRIPT not in map(str, config.extra_javascript):
                config.extra_javascript.append(search.SCRIPT)
            if search.STYLESHEET not in config.extra_css:
                config.extra_css.append(search.STYLESHEET)
            if "search" in config.plugins or "material/search" in config.plugins:
                log.info("Material's search plugin builds its lunr index too; the site searches with Pagefind "
                         "(leave `search` out of `plugins` to skip the lunr index)")
        for asset in assets():
            if asset.endswith(".css") and asset not in config.extra_css:
                config.extra_css.append(asset)
            if asset.endswith(".js") and asset not in map(str, config.extra_javascript):
                config.extra_javascript.append(asset)
        return config

    # Priority: 50, run early, so that other plugins (tags, blog, search) see the generated pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config) -> Files:
        if not self.options.seeds_dir.is_dir():
            log.warning(f"the seeds folder '{self.config.seeds_dir}' does not exist; no articles to read")
        home = self.config.home_page and files.get_file_from_path("index.md") is None
        # Not kept on the plugin: once the files hold the pages, the assembled site can be freed
        # (under `mkdocs serve --dirty`, the memo keeps it until the next build has compared with it).
        output = build_output(self.options, home=home, directory_urls=config.use_directory_urls,
                              site_url=config.site_url or "", site_name=config.site_name,
                              language=config.theme.get("language") or "en", store_later=self.live is not None,
                              data_later=self.live is not None, memo=self.memo)
        self.store_output, self.later_data = output.store, output.later
        if self.live is not None and not self.warmed:
            # Extraction's models loaded while MkDocs renders the first build's pages, so that the
            # first edit of a seed does not wait for them (after build_output: its worker processes
            # are forked, which a thread importing modules must not be running through).
            self.warmed = True
            self.warming = threading.Thread(target=self.warm_up, name="warm-up", daemon=True)
            self.warming.start()
        for warning in output.warnings:
            log.warning(warning)
        log.info(", ".join(f"{k}: {v}" for k, v in output.stats.items()) or "no articles")
        if self.memo is not None and output.site is not None:
            log.info(f"pages of articles, entities and events: {self.memo.stats['rendered']} rendered, "
                     f"{self.memo.stats['replayed']} as the last build wrote them")
        # Which pages announce a feed of their own (a country's) besides the site's; small, kept for on_post_page.
        self.page_feeds = {page.path: [(path, f"{config.site_name}: {title}") for path, title in page.feeds]
                           for page in output.pages.values() if page.feeds}
        # What each page links to: written as HTML, MkDocs no longer checks them; on_env does.
        self.page_links = {page.path: page.links for page in output.pages.values()}
        # (built HTML, PDF) of each country page, for on_post_build when `country_pdfs` is on.
        self.country_pdfs: list[tuple[Path, Path]] = []
        # The generated pages (their raw HTML is set aside from Markdown) and, while one is being
        # converted, its blocks.
        self.generated: set[str] = set()
        self.set_aside: dict[str, list[str]] = {}
        # What each generated page is rendered from, and the titles of those in the navigation (live.py).
        self.sources: dict[str, str] = {}
        self.nav_titles: dict[str, str] = {}
        # Under `mkdocs serve --dirty`: the pages this build does not render (last first) and the
        # position of every page, while MkDocs reads them (show_unrendered).
        self.unrendered: list[File] = []
        self.position: dict[str, int] = {}
        written = {file.src_uri for file in files}  # the docs' own pages, asked 40,000 times
        for page in output.pages.values():
            if page.path in written:
                log.warning(f"docs/{page.path} exists; the generated page of that name is not added")
                continue
            text = page.text  # front matter and body, put together on each call
            file = LivePage.generated(config, page.path, content=text)
            self.generated.add(page.path)
            if self.live is not None:  # only a live rebuild compares pages with the last build's
                self.sources[page.path] = page_digest(text, *(part for feed in page.feeds for part in feed))
                if page.in_nav:
                    self.nav_titles[page.path] = page.title
            if not page.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
            if page.section == "Countries":
                self.country_pdfs.append((Path(file.abs_dest_path), Path(config.site_dir) / (page.path[:-3] + ".pdf")))
        for path, content in {**output.data, **static_files()}.items():
            files.append(File.generated(config, path, content=content))
        for path in output.later.paths if output.later is not None else ():
            files.append(LaterFile.generated(config, path, content=""))
        return files

    # Priority: -100, run last, once every plugin has edited the navigation.
    @event_priority(-100)
    def on_nav(self, nav, *, config, files: Files):
        """Under ``mkdocs serve --dirty``: which pages this build renders (the others keep the last
        build's HTML), and the last build's files this one does not write removed."""
        if self.live is not None:
            self.plan_rebuild(nav, config, files)
        return nav

    def plan_rebuild(self, nav, config, files: Files) -> None:
        key = site_key(_settings(config), _navigation(nav.items, self.nav_titles))
        outputs = {file.dest_uri for file in files} | {pdf.relative_to(config.site_dir).as_posix() for _, pdf in self.country_pdfs}
        # Material's search indexes the HTML of every page it sees rendered: with it, all are.
        every = "search" in config.plugins or "material/search" in config.plugins
        plan = self.live.plan(key, self.sources, always=self.sources if every else (), outputs=outputs)
        site_dir = Path(config.site_dir)
        if plan.clean:
            empty_folder(site_dir)
        else:
            remove_outputs(site_dir, plan.remove)
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in pages:
            if isinstance(file, LivePage):
                file.render = file.src_uri in plan.render
            elif not plan.clean:
                # A page of docs/ may link generated ones: rendered in every build, its output
                # removed so that MkDocs' dirty mode takes it for new.
                Path(file.abs_dest_path).unlink(missing_ok=True)
        self.position = {file.src_uri: n for n, file in enumerate(pages)}
        # With no other plugin reading pages, only the navigation's need reading (for their titles).
        every_page = self.other_page_readers(config)
        self.unrendered = [file for file in pages if isinstance(file, LivePage) and not file.render
                           and (every_page or file.src_uri in self.nav_titles)]
        self.unrendered.reverse()  # popped from the end, in the order of the pages
        rendered = sum(1 for file in pages if not isinstance(file, LivePage) or file.render)
        if plan.clean or rendered > COLLECT_WHILE_RENDERING:
            gc.enable()  # converting a page leaves a cycle of Markdown's objects: collected as it goes
        log.info(f"pages rendered: {rendered} of {len(pages)}"
                 + (" (a first build, or the navigation or settings changed)" if plan.clean else
                    f"; {len(plan.remove)} files of the last build removed"))

    def other_page_readers(self, config) -> bool:
        """Whether a plugin besides this one (or a hook) reads pages' sources as a build does
        (``pre_page``, ``page_read_source``, ``page_markdown``): then ``show_unrendered`` shows it
        every page, else only those of the navigation. At 1,000 articles reading the others' front
        matter costs 0.2 s of a rebuild, for nothing when no one reads them."""
        return any(getattr(method, "__self__", None) is not self
                   for event in ("pre_page", "page_read_source", "page_markdown")
                   for method in config.plugins.events[event])

    # Priority: 100, run first, so that every plugin sees the pages before this one first.
    @event_priority(100)
    def on_pre_page(self, page, *, config, files):
        """Under ``mkdocs serve --dirty``: the pages this build does not render, shown to every
        plugin up to this one (``show_unrendered``)."""
        if self.unrendered and not self.showing:
            self.show_unrendered(config, files, before=self.position.get(page.file.src_uri, 0))
        return page

    def show_unrendered(self, config, files: Files, before: float) -> None:
        """Reads the pages this build does not render that come before position ``before`` and
        runs the events of a page's Markdown on them (``pre_page``, ``page_markdown``), as a full
        build does in the same order: plugins that gather from every page's front matter (Material's
        tags and its tags.json) see them all, and the navigation gets the titles of the pages in it.
        Their HTML is the last build's; no plugin sees it again. With no other plugin reading pages,
        only the navigation's pages are in ``unrendered`` (``other_page_readers``)."""
        self.showing = True
        try:
            while self.unrendered and self.position[self.unrendered[-1].src_uri] < before:
                file = self.unrendered.pop()
                page = file.page or MkDocsPage(None, file, config)  # as MkDocs' build makes a page outside the nav
                page = config.plugins.on_pre_page(page, config=config, files=files)
                page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        finally:
            self.showing = False

    # Priority: 110, run before every other plugin (Material's tags reads its pages at 100).
    @event_priority(110)
    def _show_the_rest(self, env, *, config, files: Files):
        """The pages after the last one rendered, shown to every plugin (``show_unrendered``)."""
        if self.unrendered:
            self.show_unrendered(config, files, before=float("inf"))
        return env

    # Priority: -50, run late, once every plugin has added or removed its files.
    @event_priority(-50)
    def _check_links(self, env, *, config, files: Files):
        """A warning (which fails ``--strict``) for each generated link to a page the site will not
        have; which search the header offers (templates/partials/header.html); and the navigation
        sidebar rendered once per folder for the pages outside the navigation (nav_cache.py)."""
        # the site's pages by source path, once: a link is looked up there, and only a target not
        # found is asked of MkDocs (which normalises the path), a few instead of 100,000 times
        included = {file.src_uri for file in files if not file.inclusion.is_excluded()}

        def exists(path: str) -> bool:
            if path in included:
                return True
            file = files.get_file_from_path(path)
            return file is not None and not file.inclusion.is_excluded()

        for warning in broken_links(self.page_links, exists):
            log.warning(warning)
        env.globals["briefs_search"] = self.config.search
        cache_nav(env)
        return env

    # Priority: 100, run first, before other plugins load templates.
    @event_priority(100)
    def _keep_templates(self, env, *, config, files: Files):
        """Under a server, the templates' code compiled once (``CompiledTemplates``)."""
        if self.live is not None:
            env.bytecode_cache = self.templates
        return env

    on_env = CombinedEvent(_keep_templates, _show_the_rest, _check_links)

    # Priority: -100, run last, so that the blocks are set aside from Markdown other plugins have edited.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """A generated page's raw HTML blocks (link lists, quotes, article paragraphs) replaced by
        placeholders: Markdown would only pass them through, at the cost of parsing them twice."""
        if page.file.src_uri not in self.generated or self.showing:
            return markdown
        markdown, self.set_aside[page.file.src_uri] = set_aside(markdown)
        return markdown

    # Priority: 100, run first, so that other plugins (search, tags) see the whole page.
    @event_priority(100)
    def on_page_content(self, html: str, *, page, config, files) -> str:
        """The blocks set into the converted page, and their ids made known to MkDocs' anchor check."""
        blocks = self.set_aside.pop(page.file.src_uri, None)
        if blocks is None:
            return html
        html, lost = put_back(html, blocks)
        if lost:
            log.warning(f"{page.file.src_uri}: {lost} generated blocks of HTML lost their place in the page "
                        f"(another plugin rewrote its Markdown)")
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= block_ids(blocks)
        return html

    def on_post_page(self, output: str, *, page, config) -> str:
        """Every page names the site's Atom feed in its head, a country page its own feed too, so
        that browsers and feed readers find them."""
        feeds = [(SITE_FEED, config.site_name)] + self.page_feeds.get(page.file.src_uri, [])
        links = "".join(
            f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title, quote=True)}" '
            f'href="{html.escape(get_relative_url(path, page.url), quote=True)}">'
            for path, title in feeds)
        head = output.find("</head>")
        return output[:head] + links + output[head:] if head >= 0 else output

    # Priority: -50, run late, so that the index reads the site as every other plugin left it.
    @event_priority(-50)
    def on_post_build(self, *, config) -> None:
        """Pagefind's index over the built site; with ``country_pdfs``, a PDF of every country page."""
        if self.config.search == "pagefind" and self.live is not None:
            # The browser reloads now; the index follows (live.IndexJob).
            self.indexing = IndexJob(Path(config.site_dir), self.options.cache_dir, _index_written,
                                     delay=RELOAD_SECONDS, after=self.stopped_index).start()
            self.stopped_index = None
        elif self.config.search == "pagefind":
            try:
                run = search.write_index(Path(config.site_dir), self.options.cache_dir)
            except search.IndexUnavailable as exc:
                _index_written(None, exc)
            else:
                _index_written(run, None)
        if self.config.country_pdfs:
            self.write_country_pdfs()
        if self.live is not None:
            self.live.finished()
            if not self.collector.walked_all:
                # The first collection walks the whole site, holding the interpreter for seconds
                # (4 to 6 at 10,000 articles): before the browser loads the first build, not
                # while the analyst may be saving an edit (it would be noticed only after it).
                self.collector.collect()
            # Off until the background work is done (self.collector turns it back on): the data
            # files make millions of objects, and a collection they set off would walk the site.
            gc.disable()
            self.hurry, self.superseded = threading.Event(), False
            self.after_build = threading.Thread(
                target=self.finish_in_background, args=(self.store_output, self.later_data, Path(config.site_dir)),
                name="after-build", daemon=True)
            self.after_build.start()
        self.store_output = self.later_data = None

    def warm_up(self) -> None:
        """Extraction's models loaded (``pipeline.warm_up``: 2.5 s of CPU), in a thread."""
        try:
            warm_up(self.options)
        except Exception as exc:  # the first edit loads them instead; nothing is lost
            log.debug(f"extraction's models were not loaded ahead: {exc!r}")

    def finish_in_background(self, store_output, later: Optional[LaterData], site_dir: Path) -> None:
        """Under ``mkdocs serve --dirty``, what the browser need not wait for, once the build is done:
        the data files (``outputs.LaterData``) written into the site, then the output into the site
        cache (for the next server or build), starting ``RELOAD_SECONDS`` after the build, or at
        once when the server stops. A build that starts meanwhile stops it (``superseded``: the
        output it replaces is not stored, and that build writes its own data files) and waits for
        this thread (``on_pre_build``)."""
        self.hurry.wait(RELOAD_SECONDS)
        stopped = lambda: self.superseded  # noqa: E731
        data = None
        if later is not None and not self.superseded:
            data = later.make(stopped)
            if data is None:
                return
            for path, text in data.items():
                target = site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text.encode("utf-8"))
            log.info(f"{len(data)} data files written after the reload (the export, the views' data, the feeds)")
        if store_output is not None and not self.superseded:
            warning = store_output(stopped, data=data)
            if warning:
                log.warning(warning)
        if not self.superseded:
            self.collector.collect()

    def on_build_error(self, *, error) -> None:
        self.store_output = None
        if self.live is not None:
            self.live.failed()
            self.memo = RenderMemo()
            self.collector.release()

    def on_pre_build(self, *, config) -> None:
        """A rebuild changes the pages: the last one's index, if Pagefind is still writing it, is
        dropped; what the last build left to do in the background is finished first."""
        started = time.perf_counter()
        self.stop_indexing()
        self.superseded = True
        self.wait_after_build()
        if self.warming is not None:  # the models: loaded by one thread at a time
            self.warming.join()
            self.warming = None
        if self.live is not None and self.memo is not None and self.memo.site is not None:
            # A live build makes millions of objects while the last build's stay alive (the memo
            # compares with them): every full collection on the way walks both, for cycles that
            # are few (3 to 4 s of a rebuild at 10,000 articles). It runs after the browser has
            # reloaded instead (finish_in_background), unless the build renders many pages
            # (plan_rebuild).
            gc.disable()
        waited = time.perf_counter() - started
        if waited > 0.5:
            log.info(f"this build waited {waited:.1f} s for the last one's background work "
                     "(extraction's models loading, the site cache's write)")

    def on_shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        self.stop_indexing(wait=True)
        self.wait_after_build()
        if self.collector is not None:
            self.collector.release()

    def wait_after_build(self) -> None:
        if self.after_build is not None:
            self.hurry.set()
            self.after_build.join()
            self.after_build = None

    def stop_indexing(self, wait: bool = False) -> None:
        """Pagefind stopped; its thread, which may take seconds to clean up, is waited for by the
        next index (``IndexJob.after``), or here with ``wait`` (the server stops)."""
        if self.indexing is not None:
            self.indexing.cancel(wait=wait)
            self.stopped_index, self.indexing = self.indexing, None
        if wait and self.stopped_index is not None:
            self.stopped_index.cancel(wait=True)
            self.stopped_index = None

    def write_country_pdfs(self) -> None:
        """A PDF of every country page, from its built HTML."""
        written = 0
        for html_file, pdf_file in self.country_pdfs:
            try:
                write_pdf(html_file, pdf_file)
            except PdfUnavailable as exc:
                log.warning(f"country_pdfs needs WeasyPrint (pip install 'regional-briefs[pdf]'): {exc}")
                return
            except Exception as exc:  # a renderer's bug on some CSS costs that PDF, not the site
                log.warning(f"{pdf_file.name}: the PDF of {html_file} could not be written: {exc!r}")
                continue
            written += 1
        log.info(f"{written} country PDFs written")

    def on_serve(self, server, *, config, builder):
        """The seeds and briefs/ watched for edits. MkDocs' server polls what it watches every half
        second, in Python, in the process that builds: at 10,000 seeds a poll takes 80 ms, which
        slows each rebuild by a sixth and the notice of a save by seconds. So those two folders are
        watched through the system's notifications (inotify on Linux, FSEvents on macOS), which
        wake the server's rebuild as its own watcher does; where they are not to be had, MkDocs
        polls them."""
        folders = [str(f) for f in (self.options.seeds_dir, self.options.briefs_dir) if f.is_dir()]
        self.watcher = _native_watcher(server, folders)
        if self.watcher is None:
            for folder in folders:
                server.watch(folder)
        return server


class CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, kept in memory by a server from one build to the
    next: MkDocs makes a new template environment for every build, which parsed and compiled the
    templates again each time (4.2 of 46 s of a profiled rebuild at 1,000 articles, whatever the
    size of the site). Jinja reuses a template's code only while its source is unchanged (the
    bucket's checksum)."""

    def __init__(self) -> None:
        self.code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket) -> None:
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


# The events of the system's notifications that change a file (the ones MkDocs' polling sees).
WATCHED_EVENTS = frozenset({"created", "deleted", "modified", "moved"})


def _native_watcher(server, folders: list[str]):
    """A started watchdog observer of the system's kind over ``folders`` whose events ask ``server``
    (MkDocs' LiveReloadServer) for a rebuild as its own watcher does; None when the system has no
    notifications for them or the server is not the one this was written for (MkDocs 1.6)."""
    if not folders or not hasattr(server, "_rebuild_cond") or not hasattr(server, "_want_rebuild"):
        return None
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return None
    if Observer is PollingObserver:
        return None  # no notifications here: MkDocs' own polling does the same

    def changed(event) -> None:
        # Not a file opened or closed unwritten: the build reads every seed, and would wake itself.
        if event.is_directory or event.event_type not in WATCHED_EVENTS:
            return
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = changed
    observer = Observer()
    try:
        for folder in folders:
            observer.schedule(handler, folder, recursive=True)
        observer.start()
    except Exception as exc:  # no inotify watches left, an unsupported filesystem: MkDocs polls
        observer.stop()
        log.info(f"the seeds are polled for changes ({exc!r})")
        return None
    log.info("watching " + ", ".join(Path(f).name + "/" for f in folders) + " through the system's file notifications")
    return observer


def _index_written(run: Optional[search.IndexRun], error: Optional[Exception]) -> None:
    if error is not None:
        log.warning(f"the search index was not written: {error}")
    else:
        how = " (the last build's: the same pages)" if run.reused else ""
        log.info(f"search index: {run.files} files, {run.bytes / 1024:,.0f} KiB in {run.seconds:.1f} s{how}")


def _settings(config) -> list[str]:
    """What every page is made of besides its own source and the navigation: the configuration
    file and its hooks, the options the command line may override, and the files of the theme's
    custom_dir."""
    settings = [repr((config.site_url, config.site_dir, config.docs_dir, config.use_directory_urls,
                      config.theme.name, list(config.theme.dirs)))]
    hooks = [getattr(module, "__file__", None) for module in (config.hooks or {}).values()]
    for path in [config.config_file_path, *hooks]:
        if not path:
            continue
        try:
            settings.append(hashlib.sha256(Path(path).read_bytes()).hexdigest())
        except OSError as exc:
            settings.append(f"unreadable {exc.errno}")
    custom_dir = config.theme.custom_dir
    if custom_dir and Path(custom_dir).is_dir():
        for path in sorted(Path(custom_dir).rglob("*")):
            stat = path.stat()
            settings.append(f"{path}:{stat.st_mtime_ns}:{stat.st_size}")
    return settings


def _navigation(items: Iterable, titles: dict[str, str], depth: int = 0) -> Iterator[tuple[str, ...]]:
    """The navigation as tuples (kind, depth, address, title). A page's title is read from the
    page when it is rendered: a generated page's is known already, a page of docs/ stands for
    it with a digest of its source."""
    for item in items:
        if getattr(item, "is_page", False):
            path = item.file.src_uri
            title = titles[path] if path in titles else hashlib.sha256(item.file.content_bytes).hexdigest()
            yield "page", str(depth), item.url, str(title)
        elif getattr(item, "is_section", False):
            yield "section", str(depth), "", str(item.title)
            yield from _navigation(item.children, titles, depth + 1)
        else:
            yield "link", str(depth), str(item.url), str(item.title)
