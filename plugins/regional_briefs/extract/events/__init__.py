"""The events stage, per article, split by job: ``detect`` (triggers, factuality, the reader),
``story_time`` (which date a time expression names), ``participants`` (who and where), ``titles``.
"""
