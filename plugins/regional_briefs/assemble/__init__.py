"""Across articles: the analyst's curation (``curation``) and one event per happening (``event_merge``).
The order of the site-wide steps is ``pipeline.assemble``.
"""
