"""Rendering: a resolved ``Site`` in, pages (Markdown with raw HTML blocks), feeds, export files and
the search index out. ``links`` is the one place that maps a record to its page path and URL.
No MkDocs here: the engine adapters (``plugin.py``, ``engine_project.py``) take the pages as they are.
"""

from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
