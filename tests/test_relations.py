"""Relations: who does what to whom, read from articles written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from regional_briefs.pipeline import Options, build_site


def _relations(tmp_path: Path, text: str) -> set[tuple]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "story.md").write_text("---\ntitle: Test story\npublished: 2024-03-05\n---\n\n" + text, encoding="utf-8")
    site = build_site(Options(seeds_dir=seeds))
    names = {e.id: e.name for e in site.entities.values()}
    return {(names[r.subject], r.predicate, names[r.object], r.allegation, r.denied) for r in site.relations}


def test_accusation_gives_the_charge_as_an_allegation_of_the_accused(tmp_path):
    found = _relations(tmp_path, "Kyrgyzstan accuses Tajikistan of arming the Islamic Movement of Uzbekistan, officials in Bishkek said on Monday.\n")
    assert ("Kyrgyzstan", "accuses", "Tajikistan", False, False) in found
    assert ("Tajikistan", "supports", "Islamic Movement of Uzbekistan", True, False) in found
    assert not any(r[0] == "Islamic Movement of Uzbekistan" for r in found)  # direction kept


def test_passive_charge_that_is_denied(tmp_path):
    found = _relations(tmp_path, "Uzbekistan has been accused of backing the Taliban, a charge Uzbek authorities deny.\n")
    assert ("Uzbekistan", "supports", "Taliban", True, True) in found


def test_imports_from_two_countries_are_two_cooperations(tmp_path):
    found = _relations(tmp_path, "Afghanistan remains reliant on gas imports from Turkmenistan and Uzbekistan.\n")
    assert {("Afghanistan", "cooperates-with", "Turkmenistan", False, False),
            ("Afghanistan", "cooperates-with", "Uzbekistan", False, False)} <= found


def test_control_of_a_town_and_a_plain_meeting(tmp_path):
    found = _relations(tmp_path, "The Taliban control the border town of Hairatan. On Tuesday, Kazakhstan met Turkmenistan in Astana.\n")
    assert ("Taliban", "controls", "Hairatan", False, False) in found


def test_negated_relation_is_not_a_relation(tmp_path):
    found = _relations(tmp_path, "Kazakhstan does not support the Taliban, the foreign ministry in Astana said on Monday.\n")
    assert not any(r[1] == "supports" for r in found)


@pytest.mark.parametrize("sentence", [
    "The weather in Dushanbe was cold on Monday.",
    "Trade fairs opened across Central Asia on Monday.",
])
def test_sentences_without_two_actors_give_no_relation(tmp_path, sentence):
    assert _relations(tmp_path, sentence + "\n") == set()


def test_everyone_at_one_meeting_meets_everyone(tmp_path):
    found = _relations(tmp_path, "Kassym Tokayev hosted Sadyr Japarov and Shavkat Mirziyoyev in Astana on Monday.\n")
    pairs = {(a, b) for a, p, b, *_ in found if p == "meets"}
    assert {("Kassym Tokayev", "Sadyr Japarov"), ("Kassym Tokayev", "Shavkat Mirziyoyev"),
            ("Sadyr Japarov", "Shavkat Mirziyoyev")} <= pairs
