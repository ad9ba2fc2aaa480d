"""Furniture and names recognised by their shape, on articles written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import extraction_of
from regional_briefs.extract.clean import clean
from regional_briefs.extract.ingest import read_seed


def entities_of(tmp_path: Path, gazetteer, text: str) -> dict[str, tuple[str, str]]:
    extraction = extraction_of(tmp_path, gazetteer, text)
    return {name: (e.kind, e.type) for name, e in extraction.entities.items()}


def test_places_listed_before_a_plural_head_are_each_a_place(tmp_path, gazetteer):
    text = ("A strong tremor damaged 120 houses in Zarbog, Qalai Nav, Shurob and Dehi Kalon villages on Monday, "
            "the emergencies committee said.\n")
    entities = entities_of(tmp_path, gazetteer, text)
    for village in ("Zarbog", "Qalai Nav", "Shurob", "Dehi Kalon"):
        assert entities.get(village) == ("place", "village"), (village, entities)


def test_photo_credits_and_headline_fragments_are_no_entities(tmp_path, gazetteer):
    text = ("Quiet Streets as Bishkek Counts the Cost\n\n"
            "Quiet Streets as Bishkek Counts the Cost\n\n"
            "WIRE/Jamila Karimova\n\n"
            "Shops in Bishkek stayed shut on Tuesday after a night of protests, the mayor's office said.\n")
    entities = entities_of(tmp_path, gazetteer, text)
    assert "Bishkek" in entities
    assert not any("/" in name or name in ("Quiet Streets", "Counts the Cost") for name in entities), entities


def test_a_country_the_model_ran_into_a_name_is_told_apart(tmp_path, gazetteer):
    text = "The visiting President of Kazakhstan Kassym-Jomart Tokayev opened a new border crossing on Friday.\n"
    entities = entities_of(tmp_path, gazetteer, text)
    assert "Kazakhstan" in entities
    assert not any(name.startswith("Kazakhstan ") for name in entities), entities


def test_a_data_dump_on_the_page_is_furniture(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text('Floods cut the road to Khorog on Sunday, officials said, and crews are clearing it.\n\n'
                    'string(120) "[{"id":"1","title":"UN envoy visits Kabul"},{"id":"2","pic":"/a.jpg"}]"\n',
                    encoding="utf-8")
    article = clean(read_seed(path))
    assert [p.text[:6] for p in article.paragraphs] == ["Floods"]


@pytest.mark.parametrize("first_lines, published", [
    (" date 2024-03-05 Floods cut the road to Khorog on Sunday, officials said.", "2024-03-05"),
    ("Sat Mar 9, 2024 16:59:02\n\nFloods cut the road to Khorog on Sunday, officials said.", "2024-03-09"),
    ("March 9, 2024 / 3:16 PM / a day ago\n\nFloods cut the road to Khorog on Sunday, officials said.", "2024-03-09"),
    ("1 April 2026\n9 March 2024\n\nFloods cut the road to Khorog on Sunday, officials said.", "2024-03-09"),
    ("KHOROG/MARCH 9 2024 (Wire) — Floods cut the road to Khorog on Sunday, officials said.", "2024-03-09"),
    ("Khorog, 9 March 2024 (Wire): Floods cut the road to Khorog on Sunday, officials said.", "2024-03-09"),
])
def test_the_publication_date_is_read_from_the_shapes_pages_give_it(tmp_path, first_lines, published):
    path = tmp_path / "page.txt"
    path.write_text(first_lines + "\n", encoding="utf-8")
    article = clean(read_seed(path))
    assert article.published is not None and article.published.iso() == published
    assert "date 2024" not in article.paragraphs[0].text


def test_one_entity_whatever_the_form_the_article_uses(gazetteer):
    from regional_briefs.extract.entities import _resolve_short_forms
    from regional_briefs.model import Mention

    def mention(text, type_, kind="actor", paragraph=0):
        return Mention(text, paragraph, 0, len(text), kind, type_, "ORG", "model", name=text)

    mentions = [mention("Rustam Karimovich Nazarov", "person"), mention("Rustam Nazarov", "person", paragraph=1),
                mention("Kulobistan", "region", "place"), mention("Autonomous Republic of Kulobistan", "region", "place"),
                mention("Daryo.uz", "media"), mention("Daryo", "media", paragraph=1)]
    _resolve_short_forms(mentions, gazetteer)
    assert [m.name for m in mentions] == ["Rustam Karimovich Nazarov"] * 2 + ["Kulobistan"] * 2 + ["Daryo.uz"] * 2


def test_units_are_no_names(tmp_path, gazetteer):
    text = "The plant on the river will have an installed capacity of 3,600 megawatts (MW), the company said on Monday.\n"
    assert "MW" not in entities_of(tmp_path, gazetteer, text)


def test_credit_caption_and_notice_lines_are_furniture(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Floods cut the road to Khorog on Sunday, officials said, and crews are clearing it.\n\n"
                    "Photo: Valley Courier/Aziz Nurov\n\nAdvertisement\n\n"
                    "Engineers expect the road to reopen within a week, the district office said.\n\n"
                    "© 2025 Valley Courier. All rights reserved.\n", encoding="utf-8")
    article = clean(read_seed(path))
    assert [p.text.split()[0] for p in article.paragraphs] == ["Floods", "Engineers"]


def test_a_known_name_is_found_however_its_hyphens_and_accents_are_written(tmp_path, gazetteer):
    """The gazetteer writes "Mazār-e Sharīf"; an article writes "Mazar-e-Sharif" (and the model
    reads only "Mazar"): one page, under the gazetteer's name, the article's spelling an alias."""
    extraction = extraction_of(tmp_path, gazetteer,
                               "The convoy travelled from Mazar-e-Sharif to Kabul on Monday.\n")
    entry = extraction.entities.get("Mazar-i-Sharif")
    assert entry is not None, extraction.entities
    assert "Mazar-e-Sharif" in entry.aliases and "Mazar" not in extraction.entities


def test_a_first_name_the_model_left_out_is_part_of_the_name(tmp_path, gazetteer):
    """spaCy reads "Kassym Jomart Tokayev" at the start of a sentence as "Jomart Tokayev"."""
    entities = entities_of(tmp_path, gazetteer,
                           "Kassym Jomart Tokayev, the Kazakh president, has also warned of a second wave of flooding.\n")
    assert entities.get("Kassym Jomart Tokayev") == ("actor", "person"), entities
    assert "Jomart Tokayev" not in entities


def test_names_the_model_cut_in_two_are_joined(tmp_path, gazetteer):
    """A Persian place name's link ("Shahr-e Buzurg", read as the person "Shahr") and a first name
    and a surname read as two places ("Azamat | Bolotov") are one name each."""
    entities = entities_of(tmp_path, gazetteer,
                           "The clash occurred in the Davanga district of Shahr-e Buzurg in Badakhshan province on Monday.\n\n"
                           "Bakhytzhan Baizhanov was sentenced to four years in prison for concealment.\n")
    assert entities.get("Shahr-e Buzurg", ("", ""))[0] == "place", entities
    assert entities.get("Bakhytzhan Baizhanov") == ("actor", "person"), entities
    assert not {"Shahr", "Bakhytzhan", "Baizhanov"} & set(entities)


def test_a_known_name_the_model_read_in_part_is_whole_and_a_phrase_that_reads_like_one_is_not(tmp_path, gazetteer):
    entities = entities_of(tmp_path, gazetteer,
                           "On May 8, the lower chamber of parliament, Majlisi Namoyandagon, approved the bill.\n\n"
                           "In 2023, Islamic State claimed an attack outside the foreign ministry in Kabul.\n\n"
                           "Tajikistan has finished 70% of its section of the CASA-1000 project.\n\n"
                           "Floods continued to ravage north and west Kazakhstan on Monday.\n")
    assert entities.get("Majlisi Namoyandagon") == ("actor", "government"), entities
    assert entities.get("Islamic State") == ("actor", "armed-group"), entities
    assert entities.get("CASA-1000", ("", ""))[0] == "place", entities  # a number in a known name
    assert "Namoyandagon" not in entities and "West Kazakhstan Region" not in entities


def test_a_stray_dash_after_a_listed_name_stays_outside_it(tmp_path, gazetteer):
    text = "Floods hit the provinces of Osh, Naryn and Talas- with Osh worst hit on Monday, officials said.\n"
    entities = entities_of(tmp_path, gazetteer, text)
    assert "Talas" in entities and not any(name.endswith("-") for name in entities), entities
