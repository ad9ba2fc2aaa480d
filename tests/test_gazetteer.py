"""The regional gazetteer: surfaces go in, entries of places and institutions come out."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import spacy

from regional_briefs.knowledge.gazetteer import AMBIGUOUS_LABEL, LABEL, Gazetteer, GazetteerError
from regional_briefs.text import name_key
from regional_briefs.model import ACTOR_TYPES, KINDS, PLACE_TYPES


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def ruler_nlp(gaz):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(gaz.patterns())
    return nlp


def found(gaz: Gazetteer, surface: str, country: str | None = None) -> str | None:
    entry = gaz.lookup(surface, country)
    return entry.id if entry else None


# -- the data as a whole -----------------------------------------------------------------------

def test_load_is_cached(gaz):
    assert Gazetteer.load() is gaz
    assert Gazetteer.load(()) is gaz


def test_ids_are_unique_ascii_slugs(gaz):
    ids = [e.id for e in gaz.entries]
    assert len(ids) == len(set(ids))
    assert all(i.isascii() and i == i.lower() and " " not in i for i in ids)


def test_every_kind_and_type_is_one_the_pipeline_knows(gaz):
    for entry in gaz.entries:
        assert entry.kind in KINDS
        assert entry.type in (PLACE_TYPES if entry.kind == "place" else ACTOR_TYPES), entry


def test_no_person_is_in_the_data(gaz):
    assert not [e for e in gaz.entries if e.type == "person"]


def test_every_within_names_an_entry_and_chains_end(gaz):
    for entry in gaz.entries:
        seen, current = set(), entry
        while current.within is not None:
            assert current.id not in seen, f"cycle through {current.id}"
            seen.add(current.id)
            current = gaz.get(current.within)
            assert current is not None, entry


def test_countries_of_the_whole_world_and_the_regions_divisions_are_there(gaz):
    countries = [e for e in gaz.entries if e.type == "country"]
    assert len(countries) > 240
    def divisions(country_id, type_):
        return [e for e in gaz.entries if e.type == type_ and e.within == country_id]

    assert len(divisions("afghanistan", "province")) == 34
    assert len(divisions("kyrgyzstan", "region")) == 7


def test_version_is_a_short_hex_digest(gaz):
    assert len(gaz.version) == 16 and int(gaz.version, 16) >= 0


# -- lookups -----------------------------------------------------------------------------------

@pytest.mark.parametrize("surface", ["Khorog", "Khorugh", "KHOROG", "Хорог", "Khorog's"])
def test_spellings_of_a_town_find_it(gaz, surface):
    assert found(gaz, surface) == "khorog-tj"


@pytest.mark.parametrize("surface, expected", [
    ("the Taliban's", "taliban"),
    ("Taliban’s", "taliban"),
    ("Bāmyān", "bamyan-af"),
    ("Jalal Abad", "jalal-abad-kg"),
    ("Jalal–Abad", "jalal-abad-kg"),
    ("Jalalabad", "jalalabad-af"),
    ("Tajik–Afghan border", "afghanistan-tajikistan-border"),
    ("Tajik-Afghan border", "afghanistan-tajikistan-border"),
    ("U.S.", "united-states"),
    ("Kirghizia", "kyrgyzstan"),
    ("Badakshan", "badakhshan-province-af"),
    ("GBAO", "gorno-badakhshan-tj"),
    ("Turkmenbashi", "turkmenbashi-tm"),
    ("ISIS-K", "iskp"),
    ("RFE/RL's Radio Azadi", "radio-azadi"),
])
def test_variants_find_their_entry(gaz, surface, expected):
    assert found(gaz, surface) == expected


def test_a_lower_case_word_is_no_name(gaz):
    assert gaz.lookup("mary") is None
    assert gaz.lookup("Mary").id == "mary-tm"


def test_a_bare_name_is_the_town_and_the_qualified_name_the_province(gaz):
    assert found(gaz, "Balkh") == "balkh-af"
    assert found(gaz, "Balkh Province") == "balkh-province-af"
    assert found(gaz, "Balkh province") == "balkh-province-af"
    assert found(gaz, "Batken") == "batken-kg"
    assert found(gaz, "Batken region") == "batken-region-kg"
    assert gaz.get("batken-kg").within == "batken-region-kg"


def test_a_bare_name_without_a_town_is_the_province(gaz):
    assert found(gaz, "Sughd") == "sughd-region-tj"
    assert found(gaz, "Panjshir") == "panjshir-province-af"


def test_a_country_hint_picks_among_equally_good_matches(gaz):
    assert found(gaz, "Badakhshan") == "badakhshan-province-af"
    assert found(gaz, "Badakhshan", "TJ") == "gorno-badakhshan-tj"
    assert found(gaz, "Balkh", "TJ") == "balkh-af"  # the town still beats a province's alias


def test_one_generic_institution_name_per_country(gaz):
    committees = [e for e in gaz.entries if e.name == "State Committee for National Security"]
    assert {e.country for e in committees} >= {"TJ", "KG"}
    assert all(e.ambiguous and e.type == "government" for e in committees)
    assert found(gaz, "State Committee for National Security", "KG") == "kyrgyzstan-state-committee-for-national-security"
    assert found(gaz, "GKNB", "TJ") == "tajikistan-state-committee-for-national-security"
    assert found(gaz, "Tajik State Committee for National Security") == "tajikistan-state-committee-for-national-security"
    assert gaz.is_ambiguous("GKNB")
    assert [e.id for e in gaz.candidates("GKNB")][:2] == [
        "tajikistan-state-committee-for-national-security", "kyrgyzstan-state-committee-for-national-security"]


def test_words_that_need_context_are_flagged(gaz):
    assert gaz.get("mary-tm").ambiguous
    assert gaz.is_ambiguous("Osh") and gaz.is_ambiguous("Kant")
    assert not gaz.get("khorog-tj").ambiguous
    assert not gaz.is_ambiguous("Mary Province")


def test_the_taliban_are_the_government_of_afghanistan(gaz):
    taliban = gaz.lookup("Islamic Emirate of Afghanistan")
    assert (taliban.id, taliban.kind, taliban.type, taliban.within) == ("taliban", "actor", "government", "afghanistan")


def test_within_chains_climb_to_the_country(gaz):
    def chain(entry_id):
        out = []
        while entry_id:
            out.append(entry_id)
            entry_id = gaz.get(entry_id).within
        return out

    assert chain("khorog-tj") == ["khorog-tj", "gorno-badakhshan-tj", "tajikistan"]
    assert chain(found(gaz, "Leilek District")) == ["leilek-district-kg", "batken-region-kg", "kyrgyzstan"]
    assert gaz.get(found(gaz, "Radio Ozodi")).within == "rfe-rl"
    assert gaz.get("dushanbe-tj").lat == pytest.approx(38.54, abs=0.05)


# -- demonyms ----------------------------------------------------------------------------------

@pytest.mark.parametrize("word, country", [
    ("Tajik", "tajikistan"), ("Afghans", "afghanistan"), ("Kyrgyz", "kyrgyzstan"),
    ("Soviet", "soviet-union"), ("Karakalpak", "karakalpakstan-uz"), ("Pashtun", "afghanistan"),
])
def test_demonyms_name_their_country(gaz, word, country):
    assert gaz.demonym(word) == country


def test_a_demonym_is_never_an_entity(gaz):
    assert gaz.lookup("Tajik") is None
    assert gaz.demonym("Tajikistan") is None
    assert gaz.demonym("Kabul") is None


# -- spaCy patterns ----------------------------------------------------------------------------

def test_patterns_are_token_patterns_with_ids(gaz):
    patterns = gaz.patterns()
    assert patterns and all(p["label"] == LABEL and p["id"] and isinstance(p["pattern"], list) for p in patterns)
    plain = {repr(p) for p in patterns}
    extra = [p for p in gaz.patterns(ambiguous=True) if repr(p) not in plain]
    assert extra and all(p["label"] == AMBIGUOUS_LABEL for p in extra)


def test_the_entity_ruler_finds_names_and_leaves_words(ruler_nlp):
    doc = ruler_nlp("Balkh Province and Balkh lie south of the Tajik–Afghan border; officials in KHOROG "
                    "spoke to Radio Ozodi. The current time is noon. osh was served in Osh and Mary.")
    got = [(ent.text, ent.ent_id_) for ent in doc.ents]
    assert ("Balkh Province", "balkh-province-af") in got
    assert ("Balkh", "balkh-af") in got
    assert ("Tajik–Afghan border", "afghanistan-tajikistan-border") in got
    assert ("KHOROG", "khorog-tj") in got
    assert ("Radio Ozodi", "radio-ozodi") in got
    assert not {"current time", "osh", "Osh", "Mary"} & {text for text, _ in got}


# -- the analyst's own files -------------------------------------------------------------------

def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_extra_files_extend_and_override(tmp_path, gaz):
    extra = write(tmp_path / "mine.yml", """\
        entries:
          - id: khorog-tj
            aliases: [Khorogh]
          - name: Ishkashim Bazaar
            type: facility
            within: Ishkashim
        demonyms:
          Tajikistan: [Tojiki]
        """)
    mine = Gazetteer.load([extra])
    assert mine is not gaz and mine.version != gaz.version
    assert mine.lookup("Khorogh").id == "khorog-tj"
    bazaar = mine.lookup("Ishkashim Bazaar")
    assert (bazaar.kind, bazaar.within, bazaar.country) == ("place", "ishkashim-tj", "TJ")
    assert mine.demonym("Tojiki") == "tajikistan"
    assert gaz.lookup("Khorogh") is None
    assert Gazetteer.load([extra]) is mine


def test_bad_extra_files_name_the_file(tmp_path):
    bad = write(tmp_path / "bad.yml", """\
        entries:
          - name: Someone Important
            type: person
        """)
    with pytest.raises(GazetteerError, match="bad.yml"):
        Gazetteer.load([bad])


def test_name_keys_fold_what_copy_varies():
    assert name_key("The Taliban’s") == name_key("taliban")
    assert name_key("Tajik – Afghan") == name_key("Tajik-Afghan") == "tajik afghan"
    assert name_key("Farg‘ona") == name_key("Fargona")
