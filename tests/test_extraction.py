"""Mentions and entities: each method on a small article written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from regional_briefs.pipeline import Options, build_site


def _site(tmp_path: Path, *stories: str, briefs: dict[str, str] | None = None):
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    for i, story in enumerate(stories):
        (seeds / f"{i:02d}.md").write_text(f"---\ntitle: Story {i}\npublished: 2024-05-0{i + 1}\n---\n\n{story}\n", encoding="utf-8")
    briefs_dir = None
    if briefs:
        briefs_dir = tmp_path / "briefs"
        briefs_dir.mkdir()
        for name, text in briefs.items():
            (briefs_dir / name).write_text(text, encoding="utf-8")
    return build_site(Options(seeds_dir=seeds, briefs_dir=briefs_dir))


def _by_name(site):
    return {e.name: e for e in site.entities.values()}


def test_surname_resolves_to_the_full_name_and_titles_become_roles(tmp_path):
    site = _site(tmp_path, "President Tokayev's envoy, Dariga Nurlanovna, met Bakyt Osmonaliev in Bishkek on Monday. "
                           "\"We agreed on the next steps,\" Osmonaliev said.\n\nNurlanovna later flew to Almaty.")
    entities = _by_name(site)
    assert "Bakyt Osmonaliev" in entities and "Osmonaliev" in entities["Bakyt Osmonaliev"].aliases
    assert "Osmonaliev" not in entities and "Nurlanovna" not in entities
    assert [q.text for q in entities["Bakyt Osmonaliev"].quotes] == ["We agreed on the next steps"]



def test_a_family_name_written_first_resolves_to_the_full_name(tmp_path):
    site = _site(tmp_path, "Chinese Vice Premier Wang Dehua met Uzbek officials in Tashkent on Tuesday. "
                           "\"We are ready to build the line,\" Wang said.")
    entities = _by_name(site)
    assert "Wang" not in entities and "Wang" in entities["Wang Dehua"].aliases
    assert [q.text for q in entities["Wang Dehua"].quotes] == ["We are ready to build the line"]

def test_acronym_in_brackets_is_one_entity_with_its_full_name(tmp_path):
    site = _site(tmp_path, "The Pamir Energy Consortium (PEC) signed a deal with Dushanbe on Monday. "
                           "PEC said the line would open in May.")
    entity = _by_name(site)["Pamir Energy Consortium"]
    assert "PEC" in entity.aliases and "PEC" not in _by_name(site)


def test_demonyms_are_not_entities_but_countries_are_places(tmp_path):
    site = _site(tmp_path, "Tajik and Kyrgyz officials met in Khujand on Monday. Tajikistan and Kyrgyzstan agreed to reopen the road.")
    names = _by_name(site)
    assert "Tajik" not in names and "Kyrgyz" not in names
    assert names["Tajikistan"].kind == "place" and names["Tajikistan"].type == "country"
    assert names["Khujand"].type == "city"


def test_gazetteer_corrects_the_model_and_gives_the_enclosing_place(tmp_path):
    site = _site(tmp_path, "Officials in Dushanbe said the Panj river had flooded villages in Gorno-Badakhshan, "
                           "the poorest region of Tajikistan, on Monday.")
    names = _by_name(site)
    assert names["Dushanbe"].kind == "place"
    assert names[site.entities[names["Dushanbe"].within].name].name == "Tajikistan"


def test_role_and_affiliation_from_an_apposition(tmp_path):
    site = _site(tmp_path, "\"Water is security,\" said Nodira Karimova, a hydrologist at the Tashkent Institute of Irrigation.")
    person = _by_name(site)["Nodira Karimova"]
    assert person.roles and person.roles[0].text == "hydrologist at the Tashkent Institute of Irrigation"
    assert site.entities[person.affiliations[0]].name == "Tashkent Institute of Irrigation"


def test_spelling_variants_and_articles_resolve_to_one_page(tmp_path):
    site = _site(tmp_path, "Floods hit Khorog on Monday.", "Floods hit Khorugh again on Tuesday.")
    places = [e for e in site.entities.values() if e.kind == "place" and e.type == "city"]
    assert len(places) == 1 and sorted(places[0].articles) == ["00", "01"]


def test_a_person_spelled_two_ways_is_one_page_but_namesakes_apart_are_not_joined(tmp_path):
    site = _site(tmp_path, "Farrukh Zhumabayev, the governor of a made-up province, visited Khorog on Monday.",
                 "On Tuesday, Farrukh Jumabaev met farmers in Khorog.",
                 "Bakhtiyor Zhumabayev visited Khorog on Wednesday. Bakhtiyor Jumabaev and "
                 "Bakhtiyor Jumabayev were named in the report.")
    people = sorted(e.name for e in site.entities.values() if e.type == "person")
    assert "Farrukh Zhumabayev" in people and "Farrukh Jumabaev" not in people  # one page for two spellings
    assert sum(p.startswith("Bakhtiyor") for p in people) == 3  # three spellings alike: none is joined


def test_ordinary_capitalised_words_and_document_titles_are_not_entities(tmp_path):
    site = _site(tmp_path, "The Treaty on Good Neighbourly Relations was signed in Astana on Monday. "
                           "Boundaries remain disputed, the Ministry said.")
    names = set(_by_name(site))
    assert not names & {"Good Neighbourly Relations", "Boundaries", "Ministry", "Treaty"}


def test_a_place_head_after_a_verb_makes_no_place_of_the_subject(tmp_path):
    site = _site(tmp_path, "Governor Farrukh Jumabaev opened a bridge in Khorog on Tuesday. "
                           "President Rustam Nazarov visited a dam near Nurek on Friday.")
    names = _by_name(site)
    assert names["Farrukh Jumabaev"].type == "person" and names["Rustam Nazarov"].type == "person"
    assert not any("opened" in n or "visited" in n for n in names)


def test_a_wire_dateline_with_a_double_hyphen_is_no_part_of_a_name(tmp_path):
    site = _site(tmp_path, "DUSHANBE -- Tajik opposition politician Farrukh Jumabaev was fined on Monday.")
    names = _by_name(site)
    assert not any("--" in n for n in names), names
    assert "Farrukh Jumabaev" in names


def test_a_known_place_before_a_title_is_the_titles(gazetteer):
    from spacy.tokens import Span

    from regional_briefs.extract.mentions import _from_span, load_nlp
    from regional_briefs.knowledge.patterns import load_patterns

    doc = load_nlp()("He asked Dushanbe Mayor Shodmon Nurulloev to allow a rally.")
    # the model's reading of such a name on a real page: place, title and person as one body
    (mention,) = _from_span(Span(doc, 2, 6, label="ORG"), 0, gazetteer, load_patterns())
    assert (mention.text, mention.kind, mention.title) == ("Shodmon Nurulloev", "actor", "Dushanbe Mayor")


def test_an_offices_country_and_remit_and_a_pair_of_demonyms_are_no_bodies(gazetteer):
    from spacy.tokens import Span

    from regional_briefs.extract.mentions import _from_span, load_nlp
    from regional_briefs.knowledge.patterns import load_patterns

    nlp, patterns = load_nlp(), load_patterns()
    doc = nlp("A court sentenced former Kazakh Health Minister Shodmon Nurulloev on Monday.")
    assert _from_span(Span(doc, 4, 6, label="ORG"), 0, gazetteer, patterns) == []  # "Kazakh Health"
    doc = nlp("Kazakh – Chinese rail freight grew by a fifth.")
    assert _from_span(Span(doc, 0, 3, label="ORG"), 0, gazetteer, patterns) == []
    doc = nlp("The Kazakh Railways company said freight grew.")  # a body's name that opens with a demonym
    assert [m.text for m in _from_span(Span(doc, 1, 3, label="ORG"), 0, gazetteer, patterns)] == ["Kazakh Railways"]


def test_a_body_the_model_ended_before_its_country_takes_it_in(tmp_path):
    site = _site(tmp_path, "The Zhasyl Order Party of Kazakhstan won two seats on Monday.")
    assert "Zhasyl Order Party of Kazakhstan" in _by_name(site), sorted(_by_name(site))


def test_a_capitalised_role_noun_opening_a_name_is_the_role(tmp_path):
    site = _site(tmp_path, "Analyst Parviz Jumabaev told reporters in Dushanbe on Monday that the dam was safe.")
    person = _by_name(site)["Parviz Jumabaev"]
    assert [r.text for r in person.roles] == ["Analyst"]


def test_a_common_noun_the_sentence_capitalised_is_no_body(tmp_path):
    site = _site(tmp_path, '"Households must save power," the minister said in Khujand on Monday.')
    assert "Households" not in _by_name(site) and "Khujand" in _by_name(site)


def test_a_role_before_a_name_stops_at_the_clause_that_reports_it(tmp_path):
    site = _site(tmp_path, "State media reported that President Shodmon Nurulloev had opened a new highway on Monday.")
    assert [r.text for r in _by_name(site)["Shodmon Nurulloev"].roles] == ["President"]


def test_a_name_that_needs_context_listed_with_a_known_place_is_a_place(tmp_path):
    site = _site(tmp_path, "Residents of Osh and Jalal-Abad protested against the new tax on Sunday.")
    assert {"Osh", "Jalal-Abad"} <= set(_by_name(site)), sorted(_by_name(site))


def test_a_countrys_body_named_with_its_possessive_is_that_countrys(tmp_path):
    site = _site(tmp_path, "Qatar's Foreign Ministry said on Monday the talks in Doha would resume.",
                 "Kazakhstan's Foreign Ministry said on Tuesday that Astana welcomed the talks.")
    bodies = {e.name: sorted(e.articles) for e in site.entities.values() if e.type == "government"}
    assert bodies == {"Foreign Ministry of Qatar": ["00"], "Ministry of Foreign Affairs of Kazakhstan": ["01"]}, bodies


def test_a_countrys_body_named_with_its_adjective_is_that_countrys(tmp_path):
    """ "the Turkish Foreign Ministry": the model reads the adjective apart; the body is the
    gazetteer's when it holds that country's (Iran's), else one of that name and country, linked as
    the article writes it, never one page for every country's foreign ministry."""
    site = _site(tmp_path, "The Turkish Foreign Ministry welcomed the calm conduct of the vote on Monday.",
                 "The Iranian Foreign Ministry said on Tuesday that Tehran would send observers.")
    bodies = {e.name: sorted(e.articles) for e in site.entities.values() if e.type == "government"}
    assert bodies == {"Foreign Ministry of Turkey": ["00"], "Ministry of Foreign Affairs of Iran": ["01"]}, bodies
    assert "Turkish Foreign Ministry" in _by_name(site)["Foreign Ministry of Turkey"].aliases


def test_a_body_several_countries_have_is_that_of_the_country_named_most_that_has_one(tmp_path):
    # Tajikistan, named most, has no "Cabinet of Ministers" in the gazetteer; Turkmenistan has
    site = _site(tmp_path, "President of Turkmenistan Serdar Berdimuhamedov will visit Tajikistan next week, "
                 "the Cabinet of Ministers said on Friday. Tajikistan asked for more gas. Tajikistan's "
                 "winter is near.")
    bodies = [e.name for e in site.entities.values() if e.type == "government"]
    assert bodies == ["Cabinet of Ministers of Turkmenistan"], bodies


def test_a_title_of_several_words_before_a_name_and_no_day_in_it(tmp_path):
    site = _site(tmp_path, "First Deputy Prime Minister Shodmon Nurulloev visited Aktau on Monday.",
                 "On Tuesday President Shodmon Nurulloev returned to Astana.")
    roles = [r.text for r in _by_name(site)["Shodmon Nurulloev"].roles]
    assert roles == ["First Deputy Prime Minister", "President"], roles


def test_a_role_after_a_name_without_the_word_that_dates_it(tmp_path):
    site = _site(tmp_path, "Talant Ismailov, now an adviser to the cabinet, visited Osh on Monday.")
    assert [r.text for r in _by_name(site)["Talant Ismailov"].roles] == ["adviser to the cabinet"]


def test_place_head_words_make_places(tmp_path):
    site = _site(tmp_path, "Shelling hit the Zarafshon district and the Kairak dam on Monday.")
    names = _by_name(site)
    assert names["Zarafshon district"].type == "district"
    assert names["Kairak dam"].type == "facility"


def test_curation_merges_renames_retypes_and_drops(tmp_path):
    briefs = {"fixes.yml": "entities:\n"
              "  - name: Pamir Energy Consortium\n    aliases: [Pamir Power]\n    type: government\n"
              "    description: A made-up utility.\n"
              "  - name: Khorog\n    drop: true\n"}
    site = _site(tmp_path, "The Pamir Energy Consortium (PEC) cut power to Khorog on Monday.",
                 "Pamir Power restored supplies on Tuesday.", briefs=briefs)
    names = _by_name(site)
    assert "Khorog" not in names and "Pamir Power" not in names
    entity = names["Pamir Energy Consortium"]
    assert entity.type == "government" and entity.description == "A made-up utility."
    assert sorted(entity.articles) == ["00", "01"]
    assert not site.warnings, site.warnings


@pytest.mark.parametrize("text", ["", "   ", "12345 67890."])
def test_no_names_no_entities(tmp_path, text):
    site = _site(tmp_path, text or "Nothing happened.")
    assert site.entities == {}


def test_a_known_name_the_model_cut_into_pieces_is_one_entity(tmp_path):
    site = _site(tmp_path, "Islamabad accused Kabul on Monday of sheltering fighters of the Tehrik-i-Taliban Pakistan (TTP).")
    names = _by_name(site)
    assert "Tehrik-i-Taliban Pakistan" in names and "Tehrik" not in names
    assert "TTP" in names["Tehrik-i-Taliban Pakistan"].aliases


def test_a_list_of_districts_the_model_ran_together_is_one_place_each(tmp_path, gazetteer):
    from conftest import extraction_of

    extraction = extraction_of(tmp_path, gazetteer, (
        "Floods hit Baghlan province on Friday. The affected areas include the districts of Burka, "
        "Nahreen, Tala wa Barfak, Baghlan Markazi and Dand Ghori.\n"))
    names = set(extraction.entities)
    assert {"Burka", "Nahreen", "Tala wa Barfak"} <= names, names
    assert not any("," in name for name in names)


def test_names_listed_after_a_plural_place_word_are_places_even_when_the_list_runs_on(tmp_path, gazetteer):
    from conftest import extraction_of

    extraction = extraction_of(tmp_path, gazetteer, (
        "Hail flattened the orchards of the settlements of Ortobel, Sarykum, and Kok-Jaryk last week. "
        "Seed was handed out in the districts of Darbel, Kuzan, Sar wa Takht, and two more towns upstream.\n"))
    kinds = {name: entity.kind for name, entity in extraction.entities.items()}
    for name in ("Ortobel", "Sarykum", "Kok-Jaryk", "Darbel", "Kuzan", "Sar wa Takht"):
        assert kinds.get(name) == "place", (name, kinds)


def test_a_list_by_commas_alone_does_not_take_the_next_clauses_speaker_for_a_place(tmp_path, gazetteer):
    from conftest import extraction_of

    extraction = extraction_of(tmp_path, gazetteer, (
        "Wells ran dry in the villages of Ortobel, Sarykum, Kok-Jaryk, Aibek Tursunov told a meeting in Talas "
        "on Monday.\n"))
    kinds = {name: entity.kind for name, entity in extraction.entities.items()}
    assert kinds.get("Kok-Jaryk") == "place", kinds
    assert kinds.get("Aibek Tursunov") == "actor", kinds


def test_a_lower_case_facility_or_district_word_after_a_name_belongs_to_the_place(tmp_path, gazetteer):
    from conftest import extraction_of

    extraction = extraction_of(tmp_path, gazetteer, (
        "A blast hit the Gulbahor mosque on Friday. Two inmates of the Sarytash prison escaped "
        "the same day, police in the Durdy etrap said.\n"))
    places = {name: entity.type for name, entity in extraction.entities.items() if entity.kind == "place"}
    assert places.get("Gulbahor mosque") == "facility", places
    assert places.get("Sarytash prison") == "facility", places
    assert places.get("Durdy etrap") == "district", places


def test_a_country_the_model_ran_into_a_name_after_its_office_and_article_is_split_off(tmp_path, gazetteer):
    from conftest import extraction_of

    extraction = extraction_of(tmp_path, gazetteer, (
        "The President of the Kyrgyz Republic Temirbek Asanaliev will arrive in Osh today. "
        "The President of the Islamic Republic of Iran Dariush Kamrani is expected on Friday.\n"))
    names = set(extraction.entities)
    assert {"Temirbek Asanaliev", "Dariush Kamrani", "Kyrgyzstan", "Iran"} <= names, names
    assert not any("Republic" in name for name in names), names


def test_a_remit_the_model_ran_into_a_ministers_name_is_left_out(tmp_path, gazetteer):
    from conftest import extraction_of

    extraction = extraction_of(tmp_path, gazetteer, (
        "The former Minister of National Economy Ruslan Temirbekov was sentenced on Monday. "
        "Temirbekov denied the charges.\n"))
    assert "Ruslan Temirbekov" in extraction.entities
    assert not any(name.startswith("National Economy") for name in extraction.entities)


def test_a_body_and_its_remit_cut_in_two_by_the_model_is_one_state_agency(gazetteer):
    from spacy.tokens import Span

    from regional_briefs.extract.mentions import _joined_names, load_nlp
    from regional_briefs.knowledge.patterns import load_patterns

    doc = load_nlp()("The Agency for Strategic Planning of Kazakhstan said the report was ready.")
    # the model's reading of such a name on a real page: the head word, then its remit
    spans = [Span(doc, 1, 2, label="ORG"), Span(doc, 3, 6, label="ORG")]
    (joined,) = _joined_names(spans, gazetteer, load_patterns())
    assert joined.text == "Agency for Strategic Planning of" and joined.label_ == "ORG"
    assert load_patterns().actor_type("Agency for Strategic Planning of Kazakhstan") == "government"


def test_a_cut_last_word_of_a_page_saved_in_part_is_no_name(tmp_path, gazetteer):
    from conftest import extraction_of

    extraction = extraction_of(tmp_path, gazetteer, (
        "Talant Ismailov met officials in Osh on Monday.\n\n"
        "The talks on water, roads and the new border crossings near the town were attended by the deputy "
        "Prime Minister, Bakyt Sarybaev, by the governor of the region and by Minister Temirla"))
    assert "Bakyt Sarybaev" in extraction.entities
    assert not any(name.startswith("Temirla") for name in extraction.entities), sorted(extraction.entities)


def test_the_abbreviation_of_number_after_a_name_is_not_the_names(tmp_path, gazetteer):
    from conftest import extraction_of

    text = ("The decree of the chief sanitary doctor of the Republic of Kazakhstan No. 1 of March 14, 2023 was "
            "issued to stop the spread of measles in Almaty.\n")
    entities = extraction_of(tmp_path, gazetteer, text).entities
    assert not any(name.endswith(" No") for name in entities), list(entities)


def test_a_party_and_its_leader_read_as_one_name_are_two(tmp_path, gazetteer):
    from conftest import extraction_of

    text = ("Four more candidates are running: head of the Agrarian Party Davron Sharifzoda, head of the "
            "Democratic Party of Tajikistan Saidali Mirzoda and head of the Party of Economic Reforms Farhod Kholzod.\n")
    entities = extraction_of(tmp_path, gazetteer, text).entities
    for name in ("Davron Sharifzoda", "Saidali Mirzoda", "Farhod Kholzod", "Agrarian Party", "Party of Economic Reforms"):
        assert name in entities, (name, list(entities))


def test_a_place_named_with_its_designator_is_also_found_by_the_bare_name(tmp_path):
    site = _site(tmp_path, "Mudflows struck Sarykamysh village on Monday, officials said.",
                 "Aid reached the city of Herat and the rest of Herat province.")
    names = _by_name(site)
    assert "Sarykamysh" in names["Sarykamysh village"].aliases
    assert "Herat" not in names["Herat Province"].aliases  # the city's name, not the province's


def test_a_bare_name_two_designated_places_share_is_neither_places_alias(tmp_path):
    site = _site(tmp_path, "Mudflows struck Saryzhar village and the rest of Saryzhar district on Monday, officials said.",
                 "Snow closed the passes of the Kumtal Autonomous Region.")
    names = _by_name(site)
    assert "Saryzhar" not in names["Saryzhar village"].aliases + names["Saryzhar district"].aliases
    assert "Kumtal" in names["Kumtal Autonomous Region"].aliases


def test_a_possessive_after_an_ordinary_word_is_part_of_the_name(tmp_path):
    site = _site(tmp_path, "The ruling People's Unity Party nominated Daler Kamolov, and the Women's Solidarity "
                           "Union of Tajikistan backed him. RFE/RL's Radio Azadi reported the vote.")
    names = set(_by_name(site))
    assert {"People's Unity Party", "Women's Solidarity Union of Tajikistan"} <= names
    assert not names & {"Unity Party", "Solidarity Union of Tajikistan"}
    assert {"RFE/RL", "Radio Azadi"} <= names  # a name before the possessive stays a name of its own


def test_countries_joined_by_hyphens_are_no_place_of_their_own(tmp_path):
    site = _site(tmp_path, "Grain will go south by the Uzbekistan-Afghanistan-Pakistan corridor, a ministry said, and engineers "
                           "finished the Tajikistan-Afghanistan-Pakistan power line.")
    names = set(_by_name(site))
    assert "Uzbekistan-Afghanistan-Pakistan" not in names
    assert "Tajikistan-Afghanistan-Pakistan power line" in names  # with a head noun, a facility's name


def test_countries_joined_by_hyphens_are_each_a_place(tmp_path):
    site = _site(tmp_path, "Freight trains ran Uzbekistan-Afghanistan-Pakistan for the first time, a ministry said.")
    assert {"Uzbekistan", "Afghanistan", "Pakistan"} <= set(_by_name(site))


def test_a_surname_spelled_a_letter_apart_is_the_person_named_in_full(tmp_path):
    site = _site(tmp_path, "Judges in Khujand sentenced Farhod Tolib Nazrulloev on Monday. "
                           "Tolib Nazrulloev denied the charges.\n\n"
                           "Lawyers for Nazrulloyev said they would appeal.")
    entities = _by_name(site)
    assert "Nazrulloyev" not in entities
    assert "Nazrulloyev" in entities["Farhod Tolib Nazrulloev"].aliases


def test_a_company_acronym_without_its_legal_form_is_the_company(tmp_path):
    site = _site(tmp_path, "A tender for two rigs went to Kaspiy Marine Drilling Services LLP (KMDS), the ministry "
                           "announced. KMDS plans to deliver them next year.")
    entities = _by_name(site)
    assert "KMDS" not in entities and "KMDS" in entities["Kaspiy Marine Drilling Services LLP"].aliases


def test_only_a_legal_form_closing_a_company_name_is_left_out_of_its_acronym():
    from regional_briefs.extract.entities import _without_legal_form
    assert _without_legal_form("Kumtal Grain Traders LLP") == "Kumtal Grain Traders"
    assert _without_legal_form("Steppe Medical Aid USA") == "Steppe Medical Aid USA"  # a country, not a legal form
