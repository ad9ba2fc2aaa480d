"""Extraction, per article: a seed file in, an ``Extraction`` out (``pipeline.extract`` runs the stages
in order). English articles go through spaCy (``mentions.parse``), Russian ones through ``russian/``.
"""
