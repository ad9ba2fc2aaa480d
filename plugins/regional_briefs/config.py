"""The ``briefs`` plugin's options, as MkDocs config classes."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class BriefsConfig(Config):
    # Where the analyst drops articles (.txt, .md, .html), relative to mkdocs.yml.
    seeds_dir = opt.Type(str, default="seeds")
    # Curation YAML (briefs, article and entity fixes), relative to mkdocs.yml; may be missing.
    briefs_dir = opt.Type(str, default="briefs")
    # Extra gazetteer YAML files, relative to mkdocs.yml, in the format of the bundled ones.
    gazetteer_files = opt.ListOfItems(opt.Type(str), default=[])
    # Seeds larger than this many bytes are skipped with a warning.
    max_seed_bytes = opt.Type(int, default=2_000_000)
    # Where extraction results are cached, relative to mkdocs.yml; empty to disable the cache.
    cache_dir = opt.Type(str, default=".cache/briefs")
    # Add a generated home page when docs/ has no index.md.
    home_page = opt.Type(bool, default=True)
    # Write a PDF of every country page beside it (countries/<id>.pdf) with WeasyPrint, which is
    # installed with `pip install "regional-briefs[pdf]"`; off by default (seconds per country).
    country_pdfs = opt.Type(bool, default=False)
    # The site's search: "pagefind" (a chunked static index written after the build, search.py;
    # Material's `search` plugin is then best left out of `plugins`), or "theme" (the theme's own
    # search, Material's lunr index, which needs its `search` plugin).
    search = opt.Choice(("pagefind", "theme"), default="pagefind")
