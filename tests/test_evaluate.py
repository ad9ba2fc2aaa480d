"""The evaluator: small exports and gold files go in, the figures a developer reads come out."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from regional_briefs.cli import main
from regional_briefs.evaluation import (
    dates_agree,
    format_summary,
    load_gold,
    load_relation_gold,
    match_key,
    render_markdown,
    score,
)

CORPUS = Path("/work/shared/corpus")

GOLD = """\
article: 01-border.txt
published: null
actors:
  - name: Taliban
    type: government
    aliases: [Taliban government]
  - name: Edward Lemon
    type: person
    aliases: [Lemon]
places:
  - name: Tajikistan
    type: country
  - name: Balkh Province
    type: province
    aliases: [Balkh]
  - name: Panj River
    type: river
    aliases: [Panj]
optional:
  - Central Asia
noise:
  - Freedom Bank
events:
  - date: --11-15
    precision: day
    type: visit
    summary: A Tajik delegation holds talks with Taliban representatives in Kabul
    actors: [Tajikistan, Taliban]
    places: []
  - date: --10-25
    precision: day
    type: armed-clash
    summary: Tajik and Taliban border forces exchange fire along the Panj River
    actors: [Tajikistan, Taliban]
    places: [Panj River]
  - date: "2021"
    precision: year
    type: other
    summary: The Taliban return to power in Afghanistan
    actors: [Taliban]
    places: []
quotes:
  - speaker: Edward Lemon
    starts: "I see a continuation"
"""


def write_gold(tmp_path: Path, text: str = GOLD, name: str = "01-border.gold.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def entity(id, name, kind="place", aliases=(), articles=("a1",), type="other"):
    return {"id": id, "kind": kind, "type": type, "name": name, "aliases": list(aliases),
            "page": f"{id}.md", "articles": list(articles)}


def event(id, date, type, title, actors=(), places=(), articles=("a1",)):
    return {"id": id, "date": date, "precision": "day", "type": type, "title": title,
            "actors": list(actors), "places": list(places), "articles": list(articles),
            "fatalities": None, "page": f"{id}.md"}


def export_with(entities=(), events=(), quotes=None, source="01-border.txt"):
    data = {
        "articles": [{"id": "a1", "title": "Border", "published": None, "source": source,
                      "url": None, "page": "a1.md"}],
        "entities": list(entities),
        "events": list(events),
    }
    if quotes is not None:
        data["quotes"] = quotes
    return data


# The five gold entities, found once each with the right kind.
PERFECT_ENTITIES = [
    entity("taliban", "Taliban", "actor"),
    entity("lemon", "Edward Lemon", "actor", aliases=["Lemon"]),
    entity("tajikistan", "Tajikistan"),
    entity("balkh", "Balkh Province"),
    entity("panj", "Panj River"),
]


@pytest.fixture
def gold(tmp_path):
    return load_gold([write_gold(tmp_path)])


def scored(gold, **export):
    return score(export_with(**export), gold).articles[0]


# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("António Guterres", "antonio guterres"),
    ("the Taliban's", "Taliban"),
    ("Tajik–Afghan border", "Tajik-Afghan border"),
    ("“Radio Azadi”", "Radio Azadi"),
    ("El Xızmetinde", "El Xizmetinde"),
])
def test_match_key_folds_spelling_variants(a, b):
    assert match_key(a) == match_key(b)


def test_match_key_keeps_scripts_apart():
    assert match_key("Нукус") != match_key("Nukus")


# --- loading gold --------------------------------------------------------------------------

def test_load_gold_reads_sections_and_normalises_yaml_dates(tmp_path):
    path = write_gold(tmp_path, GOLD.replace("published: null", "published: 2024-06-12")
                      .replace('date: "2021"', "date: 2021"))
    [gold] = load_gold([path])
    assert gold.article == "01-border.txt"
    assert gold.published == "2024-06-12"
    assert [(e.name, e.kind) for e in gold.entities][:2] == [("Taliban", "actor"), ("Edward Lemon", "actor")]
    assert {e.kind for e in gold.entities[2:]} == {"place"}
    assert [e.date for e in gold.events] == ["--11-15", "--10-25", "2021"]
    assert gold.optional == ["Central Asia"] and gold.noise == ["Freedom Bank"]


def test_load_gold_expands_folders_and_rejects_duplicates(tmp_path):
    write_gold(tmp_path)
    write_gold(tmp_path, GOLD.replace("01-border.txt", "02-other.md"), "02-other.gold.yml")
    assert [g.article for g in load_gold([tmp_path])] == ["01-border.txt", "02-other.md"]
    with pytest.raises(ValueError, match="already has gold"):
        load_gold([tmp_path, tmp_path / "01-border.gold.yml"])


def test_load_gold_names_the_file_without_an_article(tmp_path):
    path = write_gold(tmp_path, "actors: []\n", "bad.gold.yml")
    with pytest.raises(ValueError, match="bad.gold.yml"):
        load_gold([path])


# --- entities ------------------------------------------------------------------------------

def test_perfect_entities_score_one(gold):
    totals = scored(gold, entities=PERFECT_ENTITIES).totals
    assert (totals.entities.tp, totals.entities.fp, totals.entities.fn) == (5, 0, 0)
    assert totals.entities.f1 == 1.0 and totals.kinds.value == 1.0


def test_short_name_matches_gold_alias(gold):
    entities = [e for e in PERFECT_ENTITIES if e["id"] != "balkh"] + [entity("balkh", "Balkh")]
    result = scored(gold, entities=entities)
    assert result.totals.entities.fn == 0
    assert ("Balkh Province", "Balkh") in [(m.gold.name, m.page) for m in result.entity_matches]


def test_gold_entity_split_over_two_pages_is_an_error(gold):
    result = scored(gold, entities=PERFECT_ENTITIES + [entity("balkh-2", "Balkh")])
    assert (result.totals.entities.tp, result.totals.entities.fp) == (5, 1)
    assert result.split_pages == [("Balkh Province", "Balkh")]


def test_page_merging_two_gold_entities_misses_one(gold):
    merged = entity("river", "Panj River", aliases=["Balkh"])
    entities = [e for e in PERFECT_ENTITIES if e["id"] not in ("balkh", "panj")] + [merged]
    result = scored(gold, entities=entities)
    assert [e.name for e in result.missed_entities] == ["Balkh Province"]
    assert result.totals.entities.fp == 0


def test_optional_name_is_neither_rewarded_nor_punished(gold):
    result = scored(gold, entities=PERFECT_ENTITIES + [entity("ca", "Central Asia")])
    assert (result.totals.entities.tp, result.totals.entities.fp) == (5, 0)
    assert result.ignored_pages == ["Central Asia"]


def test_noise_page_is_a_leak_and_a_false_positive(gold):
    result = scored(gold, entities=PERFECT_ENTITIES + [entity("fb", "Freedom Bank", "actor")])
    assert result.noise_leaks == ["Freedom Bank"]
    assert result.totals.noise_leaks == 1 and result.totals.entities.fp == 1


def test_unknown_page_is_a_false_positive_and_missing_gold_a_false_negative(gold):
    entities = PERFECT_ENTITIES[:-1] + [entity("x", "Gold Mine")]
    result = scored(gold, entities=entities)
    assert result.spurious_pages == ["Gold Mine"]
    assert [e.name for e in result.missed_entities] == ["Panj River"]


def test_pages_of_other_articles_are_not_predictions(gold):
    other = entity("fb", "Freedom Bank", articles=["a2"])
    result = scored(gold, entities=PERFECT_ENTITIES + [other])
    assert result.totals.entities.fp == 0 and result.noise_leaks == []


def test_country_is_right_as_actor_but_person_as_place_is_wrong(gold):
    entities = [
        entity("taliban", "Taliban", "actor"),
        entity("lemon", "Edward Lemon", "place"),
        entity("tajikistan", "Tajikistan", "actor"),
        entity("balkh", "Balkh Province"),
        entity("panj", "Panj River"),
    ]
    kinds = scored(gold, entities=entities).totals.kinds
    assert (kinds.correct, kinds.total) == (4, 5)


def test_actor_and_place_pages_for_one_country_prefer_the_right_kind(gold):
    entities = PERFECT_ENTITIES + [entity("tajikistan-gov", "Tajikistan", "actor")]
    result = scored(gold, entities=entities)
    assert [m.kind for m in result.entity_matches if m.gold.name == "Tajikistan"] == ["place"]
    assert result.split_pages == [("Tajikistan", "Tajikistan")]


def test_article_missing_from_export_misses_everything(gold):
    result = scored(gold, entities=PERFECT_ENTITIES, source="elsewhere.txt")
    assert not result.in_export
    assert result.totals.entities.recall == 0.0 and result.totals.entities.precision is None
    assert result.totals.events.fn == 3


# --- events --------------------------------------------------------------------------------

CLASH = event("clash", "2025-10-25", "armed-clash", "Tajik and Taliban forces exchange fire on the Panj",
              actors=["tajikistan", "taliban"], places=["panj"])
VISIT = event("visit", "2025-11-15", "visit", "Tajik delegation visits Kabul for talks with the Taliban",
              actors=["tajikistan", "taliban"])


def test_year_less_gold_date_matches_any_year():
    assert dates_agree("2025-11-15", "--11-15")
    assert dates_agree("--11-15", "--11-15")
    assert not dates_agree("2025-11-16", "--11-15")
    assert not dates_agree("2025-10-25", "--10")  # more precise than the gold is not the gold's date
    assert dates_agree("2025-10", "--10")
    assert not dates_agree("2025-03", "2025-03-13")
    assert not dates_agree("--03-13", "2025-03-13")
    assert not dates_agree(None, "2021")


def test_events_match_and_year_less_dates_count_as_right(gold):
    result = scored(gold, entities=PERFECT_ENTITIES, events=[CLASH, VISIT])
    totals = result.totals
    assert (totals.events.tp, totals.events.fp, totals.events.fn) == (2, 0, 1)
    assert totals.dates.value == 1.0 and totals.types.value == 1.0
    assert [e.summary for e in result.missed_events] == ["The Taliban return to power in Afghanistan"]


def test_wrong_date_still_matches_and_lowers_date_accuracy(gold):
    late = dict(CLASH, date="2025-10-26")
    result = scored(gold, entities=PERFECT_ENTITIES, events=[late])
    assert result.totals.events.tp == 1
    assert (result.totals.dates.correct, result.totals.dates.total) == (0, 1)


def test_wrong_type_matches_on_participants_and_wording(gold):
    statement = dict(CLASH, type="statement")
    result = scored(gold, entities=PERFECT_ENTITIES, events=[statement])
    assert result.totals.events.tp == 1 and result.totals.types.value == 0.0


def test_one_signal_is_not_enough_to_match(gold):
    # Shares the Taliban with two gold events, but neither their type nor their wording.
    talk = event("talk", "2025-11-20", "statement", "Spokesman praises harvest",
                 actors=["taliban"])
    result = scored(gold, entities=PERFECT_ENTITIES, events=[talk])
    assert result.totals.events.tp == 0
    assert result.spurious_events == [("2025-11-20", "Spokesman praises harvest")]


def test_matching_is_one_to_one(gold):
    result = scored(gold, entities=PERFECT_ENTITIES, events=[CLASH, dict(CLASH, id="clash-2")])
    assert (result.totals.events.tp, result.totals.events.fp) == (1, 1)


def test_date_breaks_ties_between_otherwise_equal_gold_events(tmp_path):
    twins = GOLD.split("events:")[0] + textwrap.dedent("""\
        events:
          - date: 2024-03-22
            precision: day
            type: statement
            summary: Taliban statement
            actors: [Taliban]
          - date: 2024-03-25
            precision: day
            type: statement
            summary: Taliban statement
            actors: [Taliban]
        """)
    gold = load_gold([write_gold(tmp_path, twins)])
    second = event("s", "2024-03-25", "statement", "", actors=["taliban"])
    result = scored(gold, entities=PERFECT_ENTITIES, events=[second])
    assert [m.gold.date for m in result.event_matches] == ["2024-03-25"]
    assert result.totals.dates.value == 1.0


# --- quotes --------------------------------------------------------------------------------

def test_quote_recall_needs_speaker_and_first_words(gold):
    quotes = [{"speaker": "lemon", "text": "“I see a continuation of the current dynamic,” he said",
               "article": "a1"}]
    assert scored(gold, entities=PERFECT_ENTITIES, quotes=quotes).totals.quotes.value == 1.0
    wrong_speaker = [dict(quotes[0], speaker="taliban")]
    assert scored(gold, entities=PERFECT_ENTITIES, quotes=wrong_speaker).totals.quotes.value == 0.0


def test_quotes_are_not_scored_when_the_export_has_none(gold):
    report = score(export_with(entities=PERFECT_ENTITIES), gold)
    assert report.micro.quotes is None
    assert "Quote R" not in render_markdown(report)
    assert "quotes" not in format_summary(report)


# --- report --------------------------------------------------------------------------------

def test_micro_sums_counts_over_articles(tmp_path):
    golds = load_gold([write_gold(tmp_path),
                       write_gold(tmp_path, GOLD.replace("01-border.txt", "02-other.txt"), "02.gold.yml")])
    export = export_with(entities=PERFECT_ENTITIES, events=[CLASH])
    export["articles"].append({"id": "a2", "title": "Other", "published": None,
                               "source": "02-other.txt", "url": None, "page": "a2.md"})
    export["entities"].append(entity("ca", "Taliban", "actor", articles=["a2"]))
    export["articles"].append({"id": "a3", "source": "03-no-gold.txt"})
    report = score(export, golds)
    micro = report.micro.entities
    assert (micro.tp, micro.fp, micro.fn) == (6, 0, 4)
    assert micro.recall == pytest.approx(0.6)
    assert report.unscored == ["03-no-gold.txt"]


def test_rendered_page_has_rules_table_micro_row_and_misses(gold):
    export = export_with(entities=PERFECT_ENTITIES[1:] + [entity("fb", "Freedom Bank")],
                         events=[dict(CLASH, date="2025-10-26")])
    page = render_markdown(score(export, gold))
    assert page.startswith("# Extraction quality\n")
    assert "A year-less gold" in page and "(`2025-11-15`)" in page
    assert "| `01-border.txt` | 0.800 | 0.800 | 0.800 |" in page
    assert "| **micro** |" in page
    assert "<strong>Missed entities</strong> (1): Taliban" in page
    assert "<strong>Noise leaks</strong> (1): Freedom Bank" in page
    assert "gold --10-25, export 2025-10-26" in page
    assert page == render_markdown(score(export, gold))


def test_summary_ends_with_the_micro_figures(gold):
    summary = format_summary(score(export_with(entities=PERFECT_ENTITIES, events=[CLASH]), gold))
    assert "entities   P 1.000  R 1.000  F1 1.000  (tp 5, fp 0, fn 0)" in summary
    assert "events     P 1.000  R 0.333  F1 0.500" in summary
    assert "noise      0 leaks" in summary


def test_score_command_writes_the_page_and_prints_the_summary_last(tmp_path, capsys):
    export_path = tmp_path / "graph.json"
    export_path.write_text(json.dumps(export_with(entities=PERFECT_ENTITIES, quotes=[])), encoding="utf-8")
    out = tmp_path / "docs" / "quality.md"
    assert main(["score", "--export", str(export_path), "--gold", str(write_gold(tmp_path)),
                 "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Extraction quality")
    printed = capsys.readouterr().out.rstrip().splitlines()
    assert printed[-1].startswith("quotes     R 0.000")


def test_score_command_reports_a_broken_export_by_name(tmp_path, capsys):
    broken = tmp_path / "graph.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["score", "--export", str(broken), "--gold", str(write_gold(tmp_path)),
                 "--out", str(tmp_path / "q.md")]) == 2
    assert "graph.json" in capsys.readouterr().err


# --- relations -----------------------------------------------------------------------------

RELATION_GOLD = """\
article: 01-border.txt
relations:
  - subject: Tajikistan
    predicate: accuses
    object: Taliban
    allegation: false
    denied: false
    alternatives: [Dushanbe]
    evidence: "accuses the Taliban of backing"
  - subject: Taliban
    predicate: supports
    object: Jamaat Ansarullah
    allegation: true
    denied: false
  - subject: Tajikistan
    predicate: fights
    object: Taliban
    allegation: false
    denied: false
  - subject: Tajikistan
    predicate: supports
    object: National Resistance Front
    allegation: true
    denied: true
  - subject: Taliban
    predicate: controls
    object: Khorog
    alternatives: [Afghan consulate]
  - subject: Balkh Province
    predicate: part-of
    object: Afghanistan
    optional: true
"""

# Entities the relations below refer to, in article a1 unless said otherwise.
RELATION_ENTITIES = PERFECT_ENTITIES + [
    entity("ansarullah", "Jamaat Ansarullah", "actor"),
    entity("nrf", "National Resistance Front", "actor", aliases=["NRF"]),
    entity("dushanbe", "Dushanbe"),
    entity("khorog", "Khorog"),
    entity("consulate", "Afghan consulate"),
    entity("afghanistan", "Afghanistan"),
]


def relation(subject, predicate, object, allegation=False, denied=False, articles=("a1",)):
    return {"subject": subject, "predicate": predicate, "object": object, "allegation": allegation,
            "denied": denied, "articles": list(articles), "paragraph": 1, "sentence": "..."}


@pytest.fixture
def relation_gold(tmp_path):
    path = tmp_path / "01-border.relations.yml"
    path.write_text(RELATION_GOLD, encoding="utf-8")
    return load_relation_gold([path])


def scored_relations(gold, relation_gold, relations, entities=RELATION_ENTITIES):
    export = export_with(entities=entities)
    export["relations"] = list(relations)
    return score(export, gold, relation_gold).articles[0]


ALL_GOLD_RELATIONS = [
    relation("tajikistan", "accuses", "taliban"),
    relation("taliban", "supports", "ansarullah", allegation=True),
    relation("tajikistan", "fights", "taliban"),
    relation("tajikistan", "supports", "nrf", allegation=True, denied=True),
    relation("taliban", "controls", "khorog"),
]


def test_load_relation_gold_reads_flags_alternatives_and_optional(relation_gold):
    (gold,) = relation_gold
    assert gold.article == "01-border.txt"
    assert [r.predicate for r in gold.relations] == ["accuses", "supports", "fights", "supports",
                                                      "controls", "part-of"]
    accuses, supports = gold.relations[:2]
    assert accuses.subject_alternatives == accuses.object_alternatives == ("Dushanbe",)
    assert accuses.evidence == "accuses the Taliban of backing"
    assert supports.allegation and not supports.denied
    assert gold.relations[-1].optional and not gold.relations[0].optional
    assert gold.relations[4].allegation is False  # flags default to false


@pytest.mark.parametrize("body, message", [
    ("- {subject: A, predicate: likes, object: B}", "unknown predicate 'likes'"),
    ("- {subject: A, predicate: accuses}", "'object' must be a non-empty string"),
    ("- {subject: A, predicate: accuses, object: B, allegation: maybe}", "'allegation' must be true or false"),
    ("- {subject: A, predicate: meets, object: B}\n- {subject: B, predicate: meets, object: A}",
     "relation 2 repeats relation 1"),
    ("- {subject: A, predicate: accuses, object: B, alternatives: {verb: [C]}}", "keys must be subject and object"),
])
def test_load_relation_gold_names_the_file_and_the_fault(tmp_path, body, message):
    path = tmp_path / "x.relations.yml"
    path.write_text("article: x.txt\nrelations:\n" + textwrap.indent(body, "  ") + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        load_relation_gold([path])
    assert "x.relations.yml" in str(info.value)


def test_load_relation_gold_expands_folders_and_accepts_one_sided_alternatives(tmp_path):
    (tmp_path / "a.relations.yml").write_text(textwrap.dedent("""\
        article: a.txt
        relations:
          - subject: Taliban
            predicate: demands
            object: Afghan Embassy
            alternatives: {object: [Dushanbe]}
        """), encoding="utf-8")
    (tmp_path / "b.relations.yml").write_text("article: b.txt\nrelations: []\n", encoding="utf-8")
    a, b = load_relation_gold([tmp_path])
    assert (a.article, b.article) == ("a.txt", "b.txt")
    assert a.relations[0].subject_alternatives == () and a.relations[0].object_alternatives == ("Dushanbe",)
    with pytest.raises(ValueError, match="already has relation gold"):
        load_relation_gold([tmp_path, tmp_path / "a.relations.yml"])


def test_perfect_relations_score_one(gold, relation_gold):
    totals = scored_relations(gold, relation_gold, ALL_GOLD_RELATIONS).totals
    assert (totals.relations.tp, totals.relations.fp, totals.relations.fn) == (5, 0, 0)
    assert totals.allegations.value == totals.denials.value == 1.0


def test_relation_direction_matters(gold, relation_gold):
    result = scored_relations(gold, relation_gold, [relation("taliban", "accuses", "tajikistan")])
    assert result.totals.relations.tp == 0
    assert result.spurious_relations == ["Taliban —accuses→ Tajikistan"]
    assert "Tajikistan —accuses→ Taliban" in [g.label for g in result.missed_relations]


def test_symmetric_predicates_match_either_way_round(gold, relation_gold):
    result = scored_relations(gold, relation_gold, [relation("taliban", "fights", "tajikistan")])
    assert result.totals.relations.tp == 1 and result.totals.relations.fp == 0
    assert [m.gold.predicate for m in result.relation_matches] == ["fights"]


def test_predicate_must_be_the_same(gold, relation_gold):
    result = scored_relations(gold, relation_gold, [relation("tajikistan", "opposes", "taliban")])
    assert result.totals.relations.tp == 0 and result.totals.relations.fp == 1


def test_alternatives_and_aliases_match(gold, relation_gold):
    taliban_alias = entity("tg", "Taliban government", "actor")  # a gold alias of Taliban
    result = scored_relations(gold, relation_gold, [
        relation("dushanbe", "accuses", "tg"),  # the capital for its government: a gold alternative
        relation("taliban", "controls", "consulate"),
    ], entities=RELATION_ENTITIES + [taliban_alias])
    assert result.totals.relations.tp == 2 and result.totals.relations.fp == 0


def test_gold_names_win_over_alternatives_and_a_second_match_is_a_duplicate(gold, relation_gold):
    result = scored_relations(gold, relation_gold, [
        relation("dushanbe", "accuses", "taliban"),
        relation("tajikistan", "accuses", "taliban"),
    ])
    assert [m.label for m in result.relation_matches] == ["Tajikistan —accuses→ Taliban"]
    assert result.duplicate_relations == [("Tajikistan —accuses→ Taliban", "Dushanbe —accuses→ Taliban")]
    assert result.totals.relations.fp == 1


def test_allegation_and_denied_accuracy_over_matched_pairs(gold, relation_gold):
    result = scored_relations(gold, relation_gold, [
        relation("taliban", "supports", "ansarullah", allegation=False),  # stated as fact: wrong
        relation("tajikistan", "supports", "nrf", allegation=True, denied=False),  # denial lost
        relation("tajikistan", "fights", "taliban"),
    ])
    totals = result.totals
    assert totals.relations.tp == 3
    assert (totals.allegations.correct, totals.allegations.total) == (2, 3)
    assert (totals.denials.correct, totals.denials.total) == (2, 3)
    page = render_markdown(score(dict(export_with(entities=RELATION_ENTITIES), relations=[
        relation("taliban", "supports", "ansarullah")]), gold, relation_gold))
    assert "<li>Taliban —supports→ Jamaat Ansarullah (gold allegation, export fact)</li>" in page


def test_flags_break_ties_between_two_predictions_for_one_gold_relation(gold, relation_gold):
    result = scored_relations(gold, relation_gold, [
        relation("tajikistan", "supports", "nrf"),
        relation("tajikistan", "supports", "nrf", allegation=True, denied=True),
    ])
    assert result.totals.allegations.value == 1.0 and result.totals.relations.fp == 1


def test_optional_relation_is_neither_rewarded_nor_punished(gold, relation_gold):
    result = scored_relations(gold, relation_gold, [relation("balkh", "part-of", "afghanistan")])
    totals = result.totals.relations
    assert (totals.tp, totals.fp, totals.fn) == (0, 0, 5)
    assert result.ignored_relations == ["Balkh Province —part-of→ Afghanistan"]


def test_relations_of_other_articles_are_not_predictions(gold, relation_gold):
    result = scored_relations(gold, relation_gold, [relation("tajikistan", "accuses", "taliban", articles=["a9"])])
    assert result.totals.relations.tp == 0 and result.totals.relations.fp == 0


def test_relations_are_not_scored_without_relation_gold(gold):
    export = dict(export_with(entities=RELATION_ENTITIES), relations=ALL_GOLD_RELATIONS)
    report = score(export, gold)
    assert report.micro.relations is None and not report.relations_scored
    assert "## Relations" not in render_markdown(report)
    assert "relations" not in format_summary(report)


def test_article_without_relation_gold_is_left_out_of_the_relation_micro(tmp_path, gold, relation_gold):
    golds = gold + load_gold([write_gold(tmp_path, GOLD.replace("01-border.txt", "02-other.txt"), "02.gold.yml")])
    export = dict(export_with(entities=RELATION_ENTITIES), relations=ALL_GOLD_RELATIONS)
    report = score(export, golds, relation_gold)
    assert report.articles[1].totals.relations is None
    assert report.micro.relations.f1 == 1.0
    assert "| `02-other.txt` (no relation gold) | — |" in render_markdown(report)


def test_export_without_relations_misses_them_all_and_says_so(gold, relation_gold):
    report = score(export_with(entities=RELATION_ENTITIES), gold, relation_gold)
    assert report.micro.relations.recall == 0.0
    assert "The export has no `relations` list" in render_markdown(report)


def test_relation_page_section_and_summary_line(gold, relation_gold):
    export = dict(export_with(entities=RELATION_ENTITIES), relations=[
        relation("tajikistan", "accuses", "taliban"), relation("taliban", "meets", "lemon")])
    report = score(export, gold, relation_gold)
    page = render_markdown(report)
    assert "## Relations" in page and "**Relations** (scored against" in page
    assert "| `01-border.txt` | 0.500 | 0.200 | 0.286 | 1.000 | 1.000 |" in page
    assert "<strong>Spurious relations</strong> (1)" in page
    assert "<strong>Missed relations</strong> (4)" in page
    assert page == render_markdown(score(export, gold, relation_gold))
    summary = format_summary(report).splitlines()[-1]
    assert summary.startswith("relations  P 0.500  R 0.200  F1 0.286  (tp 1, fp 1, fn 4)")
    assert "allegation 1.000 (1/1)" in summary


def test_score_command_scores_relations_when_given_a_relations_folder(tmp_path, capsys):
    export = dict(export_with(entities=RELATION_ENTITIES), relations=ALL_GOLD_RELATIONS)
    export_path = tmp_path / "graph.json"
    export_path.write_text(json.dumps(export), encoding="utf-8")
    folder = tmp_path / "relations"
    folder.mkdir()
    (folder / "01-border.relations.yml").write_text(RELATION_GOLD, encoding="utf-8")
    out = tmp_path / "q.md"
    assert main(["score", "--export", str(export_path), "--gold", str(write_gold(tmp_path)),
                 "--relations", str(folder), "--out", str(out)]) == 0
    assert capsys.readouterr().out.rstrip().splitlines()[-1].startswith("relations  P 1.000  R 1.000")


RELATIONS_DIR = Path(__file__).resolve().parent.parent / "eval" / "relations"


@pytest.mark.skipif(not CORPUS.is_dir() or not RELATIONS_DIR.is_dir(), reason="corpus or relation gold missing")
def test_the_relation_gold_uses_gold_entity_names_and_quotes_its_articles():
    golds = {g.article: g for g in load_gold([CORPUS / "dev", CORPUS / "seed-000.gold.yml"])}
    relation_golds = load_relation_gold([RELATIONS_DIR])
    assert {r.article for r in relation_golds} == set(golds)
    for rel_gold in relation_golds:
        gold = golds[rel_gold.article]
        names = {e.name for e in gold.entities} | set(gold.optional)
        known = {k for e in gold.entities for k in e.keys} | {match_key(o) for o in gold.optional}
        article = next(p for p in (CORPUS / "dev" / gold.article, Path(__file__).resolve().parent.parent
                                   / "seeds" / gold.article) if p.is_file())
        text = " ".join(match_key(article.read_text(encoding="utf-8")).split())
        for r in rel_gold.relations:
            assert r.subject in names and r.object in names, (rel_gold.article, r.label)
            for alt in (*r.subject_alternatives, *r.object_alternatives):
                assert match_key(alt) in known, (rel_gold.article, alt)
            assert r.evidence and " ".join(match_key(r.evidence).split()) in text.replace("&amp;", "&"), r.evidence
        assert 4 <= sum(not r.optional for r in rel_gold.relations) <= 20


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
def test_an_export_made_from_the_corpus_gold_scores_perfectly():
    golds = load_gold([CORPUS / "dev", CORPUS / "seed-000.gold.yml"])
    export = {"articles": [], "entities": [], "events": [], "quotes": []}
    pages: dict[tuple[str, str], dict] = {}
    for n, gold in enumerate(golds):
        article = f"a{n}"
        export["articles"].append({"id": article, "source": gold.article})
        ids = {}
        for e in gold.entities:
            page = pages.setdefault((e.name, e.kind), entity(f"e{len(pages)}", e.name, e.kind, e.aliases, []))
            page["articles"].append(article)
            ids.update(dict.fromkeys(e.keys, page["id"]))
        for i, ev in enumerate(gold.events):
            export["events"].append(event(
                f"{article}-{i}", ev.date.replace("--", "2025-") if ev.date.startswith("--") else ev.date,
                ev.type, ev.summary, [ids[match_key(a)] for a in ev.actors],
                [ids[match_key(p)] for p in ev.places], [article]))
        export["quotes"] += [{"speaker": ids[match_key(q.speaker)], "text": q.starts + "...",
                              "article": article} for q in gold.quotes]
    export["entities"] = list(pages.values())
    micro = score(export, golds).micro
    assert micro.entities.f1 == micro.events.f1 == 1.0
    assert micro.kinds.value == micro.dates.value == micro.types.value == micro.quotes.value == 1.0
    assert micro.noise_leaks == 0


def test_a_merged_event_is_dated_as_each_article_reported_it():
    from regional_briefs.evaluation.scoring import _as_reported

    event = {"id": "e", "date": "2021-08", "sources": [{"article": "a", "date": "2021"}, {"article": "b", "date": "2021-08"}]}
    assert _as_reported(event, {"a"})["date"] == "2021"
    assert _as_reported(event, {"b"})["date"] == "2021-08"
    assert _as_reported({"id": "e", "date": "2021-08"}, {"a"})["date"] == "2021-08"
