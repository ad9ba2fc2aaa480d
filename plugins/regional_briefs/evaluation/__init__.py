"""Score a site's machine-readable export against gold annotations (the scoring half of `make eval`).

The stages, one module each: ``gold`` reads the annotations; ``scoring`` takes the export apart
article by article and hands each kind of thing to its scorer (``entities``, ``events``,
``quotes``, ``relations``, sharing ``matching``); they fill the records of ``report``; ``render``
writes the page and the summary. ``rules`` holds the thresholds and the rules as the page words them.

In: the export's ``graph.json`` as a dict, and gold files in the format of ``ANNOTATION.md``
(``load_gold``). Out: a ``Report`` with per-article and micro-averaged figures (``score``), the
``manual/docs/quality.md`` page (``render_markdown``) and the terminal summary (``format_summary``).
``regional-briefs score`` (``cli.py``) runs all of it on an export file: ``--export graph.json
--gold FILES_OR_DIRS --out PATH`` (and ``--relations FILES_OR_DIRS`` to score relations too).

Relation gold lives in its own files, ``NAME.relations.yml`` (``load_relation_gold``; format in
``eval/relations/README.md``), and is scored only when ``score`` is given it.

Matching rules, in short (``rules.RULES`` is the full text the page repeats):

- A gold file scores the export article whose ``source`` is the gold's ``article:`` file name.
- Names match when equal after ``match_key``: casefold, diacritics folded, typographic quotes and
  dashes made ASCII, a leading "the" and a trailing possessive dropped.
- Entities: the predictions for an article are the export entities listing it. Prediction and gold
  entity are paired one-to-one when a name or alias of one equals a name or alias of the other,
  exact name-to-name pairs first. A further page for an already paired gold entity is a false
  positive (a split); a page that matches only an ``optional`` name is ignored; an unpaired gold
  entity is a false negative.
- Kind: a pair is right when the kinds agree; a gold country is right as actor or place.
- Noise leak: a prediction whose name or alias equals a gold ``noise`` string.
- Events: paired one-to-one, best first, when two of three signals hold: a shared actor or place,
  the same type, similar wording (content-word Jaccard of title and summary >= 0.2). The date only
  breaks ties, so date accuracy over the pairs is an honest measure. A year-less gold date
  (``--11-15``) is right for an export date of any year with the same month and day.
- Quotes: a gold quote is found when an export quote in that article has a matching speaker and
  contains the gold's first words.
- Relations (optional): same predicate, subject and object matching the gold's names or their
  ``alternatives``, direction kept except for the symmetric predicates; one-to-one, primary names
  before alternatives. ``optional`` gold relations are neither rewarded nor punished.
"""

from .gold import (
    Gold,
    GoldEntity,
    GoldEvent,
    GoldQuote,
    GoldRelation,
    RelationGold,
    gold_files,
    load_gold,
    load_pairs,
    load_relation_gold,
    normalised_url,
    real_half,
    relation_gold_files,
)
from .matching import dates_agree, match_key
from .mixed import MixedScore, MixedSet, score_pairs
from .render import ScoredSet, format_mixed, format_summary, render_markdown
from .report import ArticleScore, Counts, EntityMatch, EventMatch, Ratio, RelationMatch, Report, Totals
from .rules import PREDICATES, RELATION_RULES, RULES, SYMMETRIC_PREDICATES
from .scoring import load_export, score

__all__ = [
    "ArticleScore", "Counts", "EntityMatch", "EventMatch", "Gold", "GoldEntity", "GoldEvent", "GoldQuote",
    "GoldRelation", "PREDICATES", "RELATION_RULES", "RULES", "Ratio", "RelationGold", "RelationMatch",
    "Report", "SYMMETRIC_PREDICATES", "ScoredSet", "Totals", "dates_agree", "format_summary", "gold_files",
    "MixedScore", "MixedSet", "format_mixed", "load_pairs", "score_pairs",
    "load_export", "load_gold", "load_relation_gold", "match_key", "normalised_url", "real_half",
    "relation_gold_files", "render_markdown", "score",
]
