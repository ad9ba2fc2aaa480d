"""Cleaning: furniture is recognised by its shape, every paragraph of the story is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from regional_briefs.extract import clean as clean_module
from regional_briefs.extract.clean import clean
from regional_briefs.extract.ingest import read_seed
from regional_briefs.model import PartialDate

STORY = [
    "The foreign ministers of Kazakhstan and Kyrgyzstan met in Almaty on Tuesday to discuss water sharing along the Chu and Talas rivers.",
    "Officials said the talks would continue next month in Bishkek.",
    "A Slow Thaw",
    "Analysts expect a framework agreement before the spring irrigation season begins.",
]


def _article(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return clean(read_seed(path))


def test_copied_page_keeps_story_and_drops_headlines_menus_and_prompts(tmp_path):
    text = "\n".join([
        "Home | World | Asia | Business | Sport",
        "USD 470.1 ▲ | EUR 510.3 ▼ | RUB 5.1 ▲",
        "Ministers meet in Almaty over shared rivers",
        *STORY,
        "", "", "",
        "Almaty metro extends line to new district",
        "Bank of Astana posts record profit",
        "Kyrgyz skiers win three medals",
        "Related: Dam talks stall again",
        "Share: Facebook | Telegram | X",
        "Войдите, чтобы комментировать",
        "All news",
    ])
    article = _article(tmp_path, "copied.txt", text)
    assert [p.text for p in article.paragraphs] == STORY
    assert article.title == "Ministers meet in Almaty over shared rivers"
    assert [p.heading for p in article.paragraphs] == [False, False, True, False]
    assert "Bank of Astana posts record profit" in article.furniture


def test_appeals_prompts_and_a_disclaimer_are_furniture_wherever_they_stand(tmp_path):
    text = "\n\n".join([
        "Support The Steppe Courier!",
        "Now is the time to support independent reporting from Central Asia!",
        "Contribute Today",
        *STORY,
        "Follow Steppe Courier's official Instagram and Telegram pages to keep up to date on world news.",
        "Legal Disclaimer:",
        "Steppe Wire provides the",
        "information as is without warranty of any kind. We do not accept any responsibility for the accuracy of this article.",
        "Most popular stories",
    ])
    article = _article(tmp_path, "appeals.txt", text)
    assert [p.text for p in article.paragraphs] == STORY


def test_untitled_undated_text_gets_a_derived_title_and_no_date(tmp_path):
    article = _article(tmp_path, "bare.txt", "\n".join(STORY))
    assert article.title_derived
    assert article.title.startswith("The foreign ministers of Kazakhstan")
    assert article.published is None


def test_wire_dateline_gives_partial_date_and_outlet(tmp_path):
    article = _article(tmp_path, "wire.txt", "ALMATY, Oct. 7 (Steppe Wire) – " + STORY[0] + "\n" + STORY[1] + "\n")
    assert article.published == PartialDate(None, 10, 7)
    assert article.outlet == "Steppe Wire"



def test_a_dateline_with_a_full_stop_after_the_place(tmp_path):
    article = _article(tmp_path, "stop.txt", "ALMATY. Oct. 7 (Steppe Wire) – " + STORY[0] + "\n" + STORY[1] + "\n")
    assert article.published == PartialDate(None, 10, 7) and article.outlet == "Steppe Wire"


HEADLINE = "Foreign ministers of Kazakhstan and Kyrgyzstan meet in Almaty over water sharing"


def test_a_bylines_date_run_into_the_pages_words_above_the_story_dates_it(tmp_path):
    text = "\n".join([HEADLINE, "Steppe Wire, March 12, 2021 Change text size:", *STORY]) + "\n"
    assert _article(tmp_path, "byline.txt", text).published == PartialDate(2021, 3, 12)
    # a list of other stories above with dates of their own gives several days, and none is taken
    listed = "\n".join([HEADLINE, "Steppe Wire, March 12, 2021 Change text size:",
                         "Read also: Talks end, March 10, 2021", *STORY]) + "\n"
    assert _article(tmp_path, "listed.txt", listed).published is None


def test_a_list_of_other_stories_above_the_story_does_not_open_it(tmp_path):
    recent = ["Recent Posts",
              "- Three or five more people may be under rubble after missile strikes on a city, mourning declared"
              " in the city on Aug 19 – Ivanov 18.08.2022",
              "- A minister arrives in a capital 18.08.2022",
              "- Death toll from a fire rises to 12 – Emergency Service 18.08.2022"]
    article = _article(tmp_path, "recent.txt", "\n".join(recent + ["Water talks between Kazakhstan and Kyrgyzstan resume in Almaty"] + STORY[:2]) + "\n")
    assert article.title == "Water talks between Kazakhstan and Kyrgyzstan resume in Almaty"
    assert [p.text for p in article.paragraphs] == STORY[:2]


def test_a_story_paragraph_cut_off_with_an_ellipsis_before_more_of_the_story_is_not_a_teaser(tmp_path):
    story = [
        "The Steppe Water Board met in Kokterek on Friday to agree the summer quotas for the canal.",
        "Farmers on the lower reaches asked for an extra week of water, and the board's chairman said ...",
        "The board agreed to review the quotas again in July, after the first harvest.",
        "Engineers will inspect the canal's sluices before the summer releases begin.",
    ]
    text = "\n\n".join([*story, "Read more", "Herders near Kokterek report a second dry spring in a row ... more"])
    article = _article(tmp_path, "own-ellipsis.txt", text)
    assert [p.text for p in article.paragraphs] == story


@pytest.mark.parametrize("credit", [
    "Steppe Wire writer Aigerim Satova in Bishkek contributed to this report.",
    "Reporting by Aigerim Satova; Editing by Talant Ismailov",
    "Additional reporting by Aigerim Satova in Osh",
])
def test_a_wires_credit_after_the_story_is_furniture(tmp_path, credit):
    article = _article(tmp_path, "credit.txt", "\n".join(STORY[:2] + ["___", credit]) + "\n")
    assert [p.text for p in article.paragraphs] == STORY[:2]


def test_a_dateline_whose_credit_runs_into_the_story_gives_the_date(tmp_path):
    article = _article(tmp_path, "run-in.txt", "Osh, May 12 (Steppe Wire) " + STORY[0] + "\n" + STORY[1] + "\n")
    assert article.published == PartialDate(None, 5, 12)

def test_a_dateline_without_a_year_takes_the_year_of_the_pages_stamp_of_that_day(tmp_path):
    text = "Photo: Steppe Wire, 07.10.2024\nALMATY, Oct. 7 (Steppe Wire) – " + STORY[0] + "\n" + STORY[1] + "\n"
    assert _article(tmp_path, "stamped.txt", text).published == PartialDate(2024, 10, 7)


def test_dateline_without_date_still_names_the_outlet(tmp_path):
    article = _article(tmp_path, "wire2.txt", "BISHKEK (Mountain Post) - " + STORY[0] + "\n")
    assert article.outlet == "Mountain Post" and article.published is None


def test_a_date_inside_the_credit_of_a_dateline_is_the_publication_date(tmp_path):
    article = _article(tmp_path, "credit.txt", "Court rules on the canal dispute\n\nOSH (Valley Wire / Agency - 3rd March, 2023) " + "\n".join(STORY))
    assert article.published == PartialDate(2023, 3, 3)


def test_date_line_above_story(tmp_path):
    article = _article(tmp_path, "dated.txt", "Ministers meet in Almaty\n07.10.2024, 10:15\n" + "\n".join(STORY))
    assert article.published == PartialDate(2024, 10, 7)


@pytest.mark.parametrize("line", ["2024-10-07 10:15 Last Updated At:18:57", "October 7, 2024 | Updated: October 8, 2024",
                                  "07.10.2024, 10:15", "07.10.2024 | 10:15", "2024-10-07T10:15:00+05:00", "10:15 / 2024-10-07",
                                  "7 октября 2024 г.", "07.10.2024 00:00:00"])
def test_a_date_line_with_its_update_stamp_gives_the_publication_date(tmp_path, line):
    article = _article(tmp_path, "stamped.txt", "Ministers meet in Almaty\n" + line + "\n" + "\n".join(STORY))
    assert article.published == PartialDate(2024, 10, 7)
    assert [p.text for p in article.paragraphs] == STORY


def test_a_date_line_below_a_photo_caption_and_headline_dates_the_page_and_is_no_paragraph(tmp_path):
    caption = ("A border guard stands at the checkpoint on the road from Osh to the Tajik border, where traffic "
               "has been halted for a week, on October 2, 2024. © Photo agency")
    text = "\n\n".join([caption, "Ministers meet in Almaty", "Talks resume after a week of closures.",
                         "Monday, 7 October, 2024", *STORY])
    article = _article(tmp_path, "captioned.txt", text)
    assert article.published == PartialDate(2024, 10, 7)
    assert not any(p.text == "Monday, 7 October, 2024" for p in article.paragraphs)


def test_hard_wrapped_lines_are_joined_into_one_paragraph(tmp_path):
    wrapped = ("The foreign ministers of Kazakhstan and Kyrgyzstan met on\n"
               "Tuesday in Almaty to discuss how the two countries share\n"
               "water from the rivers that cross their border, officials\n"
               "said after the meeting.\n\nThe talks will continue next month.\n")
    article = _article(tmp_path, "wrapped.txt", wrapped)
    assert [p.text for p in article.paragraphs] == [
        "The foreign ministers of Kazakhstan and Kyrgyzstan met on Tuesday in Almaty to discuss how the two "
        "countries share water from the rivers that cross their border, officials said after the meeting.",
        "The talks will continue next month.",
    ]


def test_markdown_front_matter_and_headings(tmp_path):
    text = "---\ntitle: Rivers talks\npublished: 2024-10-08\nsource: Steppe Wire\nurl: https://example.org/a\n---\n\n" \
        + STORY[0] + "\n\n## A Slow Thaw\n\n" + STORY[3] + "\n"
    article = _article(tmp_path, "story.md", text)
    assert (article.title, article.published, article.outlet, article.url) == (
        "Rivers talks", PartialDate(2024, 10, 8), "Steppe Wire", "https://example.org/a")
    assert [p.heading for p in article.paragraphs] == [False, True, False]


def test_html_page_keeps_article_and_drops_navigation(tmp_path):
    html = f"""<html><head><title>Rivers talks | Steppe Wire</title>
    <meta property="article:published_time" content="2024-10-08T09:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/asia">Asia</a> <a href="/kg">Kyrgyzstan news</a></nav>
    <article><h1>Rivers talks</h1>{''.join(f'<p>{p}</p>' for p in (STORY[0], STORY[1], STORY[3]))}</article>
    <aside><h3>Most read</h3><ul><li>Bank of Astana posts record profit</li><li>Kyrgyz skiers win medals</li></ul></aside>
    <footer>© Steppe Wire. Cookies help us deliver our services.</footer></body></html>"""
    article = _article(tmp_path, "page.html", html)
    texts = [p.text for p in article.paragraphs]
    for paragraph in (STORY[0], STORY[1], STORY[3]):
        assert paragraph in texts
    assert not any("Bank of Astana" in t or "Cookies" in t for t in texts)
    assert article.published == PartialDate(2024, 10, 8)


def test_a_page_saved_while_a_quotation_was_still_open_keeps_its_last_paragraph(tmp_path):
    """A copy cut off mid-quote ends in a quotation that never closes: the story's end, not a button."""
    cut = "“We will rebuild every school before winter and no family will be left without"
    article = _article(tmp_path, "cut.txt", "\n\n".join(["Floods close roads in the south", *STORY, cut]))
    assert [p.text for p in article.paragraphs] == [*STORY, cut]


def test_a_closed_quotation_after_the_story_is_still_furniture(tmp_path):
    related = "“Dam talks stall again,” readers say"
    article = _article(tmp_path, "closed.txt", "\n\n".join(["Floods close roads in the south", *STORY, related]))
    assert [p.text for p in article.paragraphs] == STORY


def test_a_related_block_with_no_headlines_saved_does_not_end_the_story(tmp_path):
    text = "\n".join([
        "Ministers meet in Almaty over shared rivers",
        *STORY[:2],
        "More From This Section",
        *STORY[3:],
        "Legal Disclaimer:",
        "Steppe Wire provides the information as is, without warranty of any kind, and accepts no responsibility for it.",
    ])
    article = _article(tmp_path, "inline-related.txt", text)
    assert [p.text for p in article.paragraphs] == STORY[:2] + STORY[3:]


def test_a_dateline_below_a_caption_and_a_headline_opens_the_story(tmp_path):
    text = "\n\n".join([
        "A woman films a burned building in Almaty during the protests. Journalists report continued attacks "
        "and detentions across the country. (Photo agency)",
        "Journalists detained as state of emergency continues",
        "Stockholm, January 10, 2022 – " + STORY[0],
        STORY[1],
    ])
    article = _article(tmp_path, "caption-first.txt", text)
    assert article.published == PartialDate(2022, 1, 10)
    assert article.title == "Journalists detained as state of emergency continues"
    assert article.paragraphs[0].text.startswith("Stockholm, January 10, 2022")
    assert any(block.startswith("A woman films") for block in article.furniture)


@pytest.mark.parametrize("headline", [["Water talks stall as villages go dry"], []])
def test_a_wire_dateline_without_a_year_below_a_caption_closed_by_a_credit_in_capitals_opens_the_story(tmp_path, headline):
    # The caption's own dates (an earlier protest) are no date of the story's; the wire's dateline
    # is. The caption is never the title.
    text = "\n\n".join([
        *headline,
        "Farmers gather outside the regional administration in Osh, Kyrgyzstan, 3 March 2021. On 2 March the "
        "water board cut supplies to three villages. PHOTOWIRE/ANNA EXAMPLE",
        "OSH, Aug 5 (Newswire) - " + STORY[0],
        STORY[1],
    ])
    article = _article(tmp_path, "caps-credit.txt", text)
    assert article.published == PartialDate(None, 8, 5)
    assert article.title == (headline[0] if headline else "The foreign ministers of Kazakhstan and Kyrgyzstan met in Almaty on Tuesday to discuss…")
    assert article.paragraphs[0].text.startswith("OSH, Aug 5 (Newswire)")
    assert any(block.startswith("Farmers gather") for block in article.furniture)


def test_a_last_block_cut_inside_a_quotation_it_opened_is_the_storys(tmp_path):
    text = "\n\n".join([*STORY[:2], 'The minister noted that "a memorandum on energy links has already been sig'])
    article = _article(tmp_path, "cut-quote.txt", text)
    assert article.paragraphs[-1].text.startswith("The minister noted")


@pytest.mark.parametrize("credit", [
    "Photo by Dmitry Kostyukov for The Steppe Times",
    "(Photograph: Anna Orlova / Steppe Wire)",
    "Photo courtesy of the Ministry of Water Resources",
])
def test_photo_credits_are_furniture_wherever_they_stand(tmp_path, credit):
    article = _article(tmp_path, "credit.txt", "\n\n".join([STORY[0], credit, *STORY[1:]]))
    assert [p.text for p in article.paragraphs if not p.heading] == [s for s in STORY if s != "A Slow Thaw"]


def test_prompts_and_a_note_on_the_author_are_furniture(tmp_path):
    text = "\n\n".join([
        "We use cookies to improve your experience on Steppe Daily. By continuing you agree to our Privacy Policy.",
        *STORY,
        "Click here to join the Steppe Daily channel on Telegram and WhatsApp",
        "John Wheeler is a journalist based in Almaty who covers Central Asian politics.",
    ])
    article = _article(tmp_path, "prompts.txt", text)
    assert [p.text for p in article.paragraphs] == STORY


def test_an_appeal_for_money_and_a_note_on_the_byline_after_the_story_are_furniture(tmp_path):
    text = "\n\n".join([
        *STORY,
        "\u00a9 The Steppe Courier",
        "No oligarch or politician tells us what to write. We need your support. Please contribute whatever "
        "you can afford. Click here to make your donation.",
        "Follow us on:",
        "The Steppe Courier\u2019s Editorial Board is responsible for the stories published under this byline. "
        "That includes editorials, news stories and letters to the editor.",
    ])
    article = _article(tmp_path, "appeal.txt", text)
    assert [p.text for p in article.paragraphs] == STORY


def test_notes_on_the_article_after_it_are_furniture(tmp_path):
    text = "\n\n".join([
        *STORY,
        "This article was originally published by Eurasia Monitor. Read the original article.",
        "This post was originally published on Steppe Wire.",
        "The views expressed in this article are the author's own and do not reflect the policy of the Steppe Courier.",
        "Get the latest news from Central Asia on our WhatsApp channel.",
    ])
    article = _article(tmp_path, "notes.txt", text)
    assert [p.text for p in article.paragraphs] == STORY



@pytest.mark.parametrize("appeal", [
    "The Valley Post has no paywall and no owner to please. That only lasts with the support from its loyal "
    "readers, so sign up as a paying subscriber.",
    "Printing costs rise every winter. We ask you for support once more: a small monthly donation keeps "
    "our reporters on the road.",
])
def test_a_readers_appeal_after_the_story_is_furniture(tmp_path, appeal):
    text = "\n\n".join([*STORY, "Hello, reader!", appeal, "Support independent journalism"])
    article = _article(tmp_path, "reader.txt", text)
    assert [p.text for p in article.paragraphs] == STORY


def test_a_plea_for_support_quoted_at_the_storys_end_is_the_storys(tmp_path):
    closing = "\u201cWe ask for your support and for a new well,\u201d the herders\u2019 elder told the ministers."
    article = _article(tmp_path, "plea.txt", "\n\n".join([*STORY, closing]))
    assert [p.text for p in article.paragraphs] == [*STORY, closing]


def test_prose_that_mentions_supporting_a_free_press_is_the_storys(tmp_path):
    story = [*STORY[:2], "Officials say they support a free press, but the new law lets a court close a site "
                         "within a day.", *STORY[2:]]
    article = _article(tmp_path, "press.txt", "\n\n".join(story))
    assert [p.text for p in article.paragraphs] == story


def test_a_slogan_that_opens_and_closes_the_page_and_a_related_posts_list_are_furniture(tmp_path):
    slogan = "The Steppe Ledger, the valley's trusted voice since 1998."
    text = "\n\n".join([
        slogan,
        "Ministers meet in Almaty over shared rivers",
        *STORY,
        "Related posts",
        "This website uses cookies to improve your experience.",
        slogan,
    ])
    article = _article(tmp_path, "slogan.txt", text)
    assert [p.text for p in article.paragraphs] == STORY
    assert article.title == "Ministers meet in Almaty over shared rivers"


def test_openings_of_other_stories_cut_off_with_an_ellipsis_after_the_story_are_furniture(tmp_path):
    teasers = [
        "The Steppe Grain Exchange said on Monday that wheat exports through the northern corridor rose by a "
        "fifth in the first quarter, led by ... more",
        "Herders in the Karatau foothills report a second dry spring in a row, and district officials ... more",
    ]
    article = _article(tmp_path, "teasers.txt", "\n\n".join([*STORY, *teasers]))
    assert [p.text for p in article.paragraphs] == STORY


def test_a_story_cut_off_with_an_ellipsis_keeps_its_last_paragraph(tmp_path):
    cut = "Analysts expect a framework agreement on the Chu and Talas rivers before the spring irrigation season, and ..."
    article = _article(tmp_path, "cut.txt", "\n\n".join([*STORY, cut, "Read more"]))
    assert [p.text for p in article.paragraphs][-1] == cut


@pytest.mark.parametrize("credit", [
    " (Reporting by Aisulu Kenzhebekova; Editing by Marat Dzhumabaev)",
    " (Water Ministry/Handout/Steppe Agency via Valley Pictures)",
    " (Bolot Usenov/Steppe Wire)",
])
def test_a_credit_in_brackets_run_into_the_end_of_a_paragraph_is_dropped(tmp_path, credit):
    article = _article(tmp_path, "run-in-credit.txt", "\n\n".join([STORY[0] + credit, *STORY[1:]]))
    assert article.paragraphs[0].text == STORY[0]
    assert credit.strip() in article.furniture


@pytest.mark.parametrize("bracket", [
    " (Social Democrats 20 / Greens 4)",
    " (Kazakhstan 12% / Uzbekistan 8%)",
    " (Uzbekistan / Kyrgyzstan)",
    " (See Annex 3/B)",
])
def test_counts_places_and_references_between_slashes_in_closing_brackets_stay(tmp_path, bracket):
    article = _article(tmp_path, "bracket.txt", "\n\n".join([STORY[0] + bracket, *STORY[1:]]))
    assert article.paragraphs[0].text == STORY[0] + bracket


def test_a_photo_credit_with_a_handout_and_an_agency_is_dropped(tmp_path):
    article = _article(tmp_path, "photo.txt", "\n\n".join([STORY[0] + " (Daler Kamolov/Handout/Example Agency)", *STORY[1:]]))
    assert article.paragraphs[0].text == STORY[0]


def test_a_source_in_brackets_closing_a_paragraph_stays(tmp_path):
    sourced = STORY[0] + " (SW/TV's Kyrgyz desk)"
    article = _article(tmp_path, "source.txt", "\n\n".join([sourced, *STORY[1:]]))
    assert article.paragraphs[0].text == sourced


@pytest.mark.parametrize("byline", [
    " By BY AIDA SEITOVA, NURLAN ABDIEV AND TIMUR OSMONOV from SW",
    " By Aida Seitova for Steppe Wire",
    " Aida Seitova",
])
def test_a_byline_run_into_the_end_of_a_paragraph_is_dropped(tmp_path, byline):
    article = _article(tmp_path, "run-in-byline.txt", "\n\n".join([STORY[0] + byline, *STORY[1:]]))
    assert article.paragraphs[0].text == STORY[0]


@pytest.mark.parametrize("line", [
    "Talks with the U.S. Trade Representative",
    "Aid reached St. Petersburg Oblast",
    "Who Pays? The Water Bill",
    "The delegation meets Dr. Aida Seitova",
])
def test_capitalised_words_after_an_abbreviation_or_a_question_are_not_a_signature(tmp_path, line):
    article = _article(tmp_path, "no-signature.txt", "\n\n".join([*STORY[:2], line, STORY[3]]))
    assert line in [p.text for p in article.paragraphs]
    cut = "The board's chairman, who had spent a week on the canal, met Dr. Aida Seitova"
    assert clean_module.without_run_in_credit(cut) == cut
    assert clean_module.without_run_in_credit("Talks went on with the U.S. Trade Representative") \
        == "Talks went on with the U.S. Trade Representative"
    assert clean_module.without_run_in_credit("Who pays for the water? The Water Bill") \
        == "Who pays for the water? The Water Bill"


def test_a_messenger_prompt_behind_an_emoji_and_the_search_box_are_furniture_not_the_title(tmp_path):
    text = "\n\n".join([
        "Hi, what are you looking for?",
        "\U0001f4e2 Join Our Valley Post Telegram Channel",
        "Get breaking news, updates and exclusive stories directly on Telegram.",
        "Close this search box.",
        "Ministers meet in Almaty over shared rivers",
        *STORY,
    ])
    article = _article(tmp_path, "prompts-above.txt", text)
    assert article.title == "Ministers meet in Almaty over shared rivers"
    assert [p.text for p in article.paragraphs] == STORY
