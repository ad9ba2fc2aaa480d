"""The evaluation rules: the numbers that tune matching, and the text the quality page states them in.

Change a threshold here and the page's wording changes with it; the scorers import the numbers.
"""

# Two events whose wording shares at least this share of content words are "similarly worded".
WORDING_THRESHOLD = 0.2
# Stems are word prefixes of this length: "clashes"/"clash", "Tajikistan"/"Tajik" meet.
STEM_LENGTH = 5
# A compatible date adds this much to an event pair's score: enough to break ties, never to match.
DATE_TIE_BREAK = 0.25

RULES = f"""\
- **Articles.** A gold file scores the export article whose `source` is the gold's `article:`
  file name. An article missing from the export scores zero recall; export articles without a
  gold file are listed at the end and not scored.
- **Names** are compared after folding case and diacritics (*António* = *antonio*), making
  typographic quotes and dashes ASCII (*Tajik–Afghan* = *Tajik-Afghan*), and dropping a leading
  *the* and a trailing possessive (*the Taliban's* = *Taliban*). Scripts are not transliterated:
  a Cyrillic spelling matches only where the gold lists it as an alias.
- **Entities** (actors and places together). The predictions for an article are the export
  entities whose `articles` list it. A prediction and a gold entity match when any of the
  prediction's name and aliases equals the gold name or one of its aliases (a page *Balkh* matches
  gold *Balkh Province* with alias *Balkh*). Pairs are made one-to-one, name-to-name matches first,
  then name-to-alias, then alias-to-alias, and among equals the pair whose kinds agree.
  A gold entity matched by a second page is **split** over two pages: the extra page is a false
  positive. A page that merges two gold entities pairs with one; the other is a false negative.
  A page that matches no gold entity but an `optional` name is neither rewarded nor punished;
  any other unmatched page is a false positive. An unmatched gold entity is a false negative.
- **Kind accuracy** is the share of matched entities filed with the gold kind (the `actors`
  section means actor, `places` means place). A gold country counts as right either way, since
  the annotation guide lets an extractor file an acting country as actor or place.
- **Noise leaks** count the article's predictions whose name or an alias equals a gold `noise`
  string (a name that appears only in page furniture). A leak that matches no gold entity is
  also an entity false positive.
- **Events.** The predictions for an article are the export events whose `articles` list it.
  A prediction and a gold event are candidates when at least two of three signals hold:
  they share an actor or place (entity names and aliases against gold names, a gold name
  standing for its gold entity's aliases too), they have the same type, and their wording is
  similar (Jaccard overlap ≥ {WORDING_THRESHOLD} of the content words of the export `title` and the
  gold `summary`, words cut to their first {STEM_LENGTH} letters). Candidates are paired one-to-one,
  best first: most signals, then the highest sum of actor/place overlap and wording overlap, with
  {DATE_TIE_BREAK} added when the dates agree. The date never decides whether two events match,
  only which of two otherwise equal candidates wins, so a wrong date shows up in date accuracy
  instead of as a missed event. Paired events are true positives; unpaired predictions are
  false positives and unpaired gold events false negatives.
- **Date accuracy** is the share of paired events whose date, as that article reported it (the
  export's `sources[].date` for the article, else the event's date: a merged event carries the most
  precise date any source gives), equals the gold date at the
  gold's precision: `2025-03` is wrong for gold `2025-03-13` and for gold `2025`. A year-less gold
  date (`--11-15`, `--10`, written when the article gives no year) is right for an export date
  of any year with the same month and day (`2025-11-15`), since a brief may record the year the
  article leaves out.
- **Type accuracy** is the share of paired events whose type equals the gold type.
- **Quote recall** (only when the export has `quotes`) is the share of gold quotes for which an
  export quote in the same article has a speaker matching the gold speaker and contains the
  gold's first words (compared as words, ignoring case and punctuation).
- **Micro** figures sum the counts over all articles before dividing. "—" means there was
  nothing to count.
"""

PREDICATES = ("accuses", "supports", "opposes", "meets", "negotiates-with", "fights", "controls",
              "demands", "cooperates-with", "member-of", "part-of", "leads")
# Relations that read the same both ways: A meets B is B meets A.
SYMMETRIC_PREDICATES = frozenset({"meets", "negotiates-with", "fights", "cooperates-with"})

RELATION_RULES = """\
- **Relations** (scored against `NAME.relations.yml` files, when given). The predictions for an
  article are the export relations whose `articles` list it. A prediction and a gold relation
  match when the predicate is the same and the export subject and object each match the gold's:
  a name or alias of the export entity equals the gold name (standing for its gold entity's
  aliases too) or one of the gold relation's `alternatives` (a capital for its government,
  *Dushanbe* for *Tajikistan*, where the gold allows it). Direction matters, except for the
  symmetric predicates meets, negotiates-with, fights and cooperates-with, which match either way
  round. Pairs are made one-to-one, matches on the gold names before matches through an
  alternative, the written direction before the reversed one, and among equals the pair whose
  allegation and denied flags agree. A further prediction for an already matched gold relation is
  a **duplicate** and a false positive; a prediction that matches an `optional: true` gold
  relation is neither rewarded nor punished; any other unmatched prediction is a false positive,
  and an unmatched gold relation a false negative.
- **Allegation** and **Denied** accuracy are the shares of matched relations whose export
  `allegation` (reported as a charge or claim, not as fact) and `denied` (the article reports a
  denial) flags equal the gold's.
"""
