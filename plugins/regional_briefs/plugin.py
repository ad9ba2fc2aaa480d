"""The MkDocs adapter: config in, generated pages and export files out. The work is in the pipeline."""

from __future__ import annotations

from pathlib import Path
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import visuals
from .config import BriefsConfig
from .outputs import build_output, static_files
from .pages import assets
from .pipeline import Options

log = get_plugin_logger(__name__)

REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "admonition")
# Partials that replace the theme's where its markup fails WCAG (docs/accessibility.md).
TEMPLATES = Path(__file__).parent / "templates"


class BriefsPlugin(BasePlugin[BriefsConfig]):
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
        # Not kept on the plugin: once the files hold the pages, the assembled site can be freed,
        # and nothing of one build survives into the next under `mkdocs serve`.
        output = build_output(self.options, home=home, directory_urls=config.use_directory_urls,
                              language=config.theme.get("language") or "en")
        for warning in output.warnings:
            log.warning(warning)
        log.info(", ".join(f"{k}: {v}" for k, v in output.stats.items()) or "no articles")
        for page in output.pages.values():
            if files.get_file_from_path(page.path) is not None:
                log.warning(f"docs/{page.path} exists; the generated page of that name is not added")
                continue
            file = File.generated(config, page.path, content=page.text)
            if not page.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
        for path, content in {**output.data, **static_files()}.items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server, *, config, builder):
        for folder in (self.options.seeds_dir, self.options.briefs_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server
