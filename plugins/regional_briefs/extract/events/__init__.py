"""The events stage, per article, split by job: ``detect`` (the reader: reading order, shared
state, the reports), ``triggers``, ``factuality``, ``anchoring`` (dates to triggers),
``retelling``, ``carried`` (death tolls, carried participants), ``draft`` (the event being built),
``story_time`` (which date a time expression names), ``participants`` (who and where), ``titles``.
"""
