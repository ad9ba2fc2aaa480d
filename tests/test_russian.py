"""Russian-language sources (issue #19): language per article, Russian extraction (names in the
nominative, dates, events, quotes) and one page per actor or place whatever the script, on
articles written for these tests; and the mixed-corpus score of the quality page.
"""

from __future__ import annotations

import re

import pytest
from browsing import RESULT_LINKS, open_tab, result_count, search, serve, wait_for_results
from conftest import extraction_of, make_project, mkdocs_build

from regional_briefs.evaluation import load_gold, score_pairs
from regional_briefs.extract.russian.dates import find_dates
from regional_briefs.extract.russian.transliteration import romanizations, skeleton, skeletons, spellings
from regional_briefs.knowledge import russian_lexicon
from regional_briefs.language import detect, language_name, reader, script_language
from regional_briefs.model import PartialDate

RUSSIAN = """\
---
title: Таджикистан и Кыргызстан подписали договор о границе
published: 2025-03-14
source: Тестовое агентство
---

ДУШАНБЕ, 14 мар — Тестовое агентство. Президент Таджикистана Эмомали Рахмон и президент Кыргызстана Садыр Жапаров провели переговоры в Душанбе 13 марта и подписали договор о границе.

По словам Рахмона, «договор открывает новую страницу в отношениях двух народов».

«Мы решили вопрос, который оставался открытым тридцать лет, — заявил Жапаров. — Теперь жители Баткенской области могут жить спокойно».

В сентябре 2022 года в Баткенской области шли бои между пограничниками двух стран, погибли 59 человек.
"""

ENGLISH = """\
---
title: Tajikistan and Kyrgyzstan sign border treaty
published: 2025-03-14
source: Test Wire
---

Tajik President Emomali Rahmon and Kyrgyz President Sadyr Japarov signed a treaty on their common border in Dushanbe on March 13, 2025.

"This treaty opens a new page in the relations of our two peoples," Rahmon said.

Fighting along the border in Batken Region in September 2022 killed 59 people.
"""


# --- language per article -------------------------------------------------------------------------


def quote_starts(tmp_path, gazetteer, text: str, name: str) -> list[tuple[str, str]]:
    """(speaker, first two words) of each quotation extraction finds in ``text``, read as ``name``."""
    return [(q.speaker, " ".join(q.text.split()[:2])) for q in extraction_of(tmp_path, gazetteer, text, name).quotes]


def test_an_articles_language_is_read_from_its_letters():
    assert detect("Президент Таджикистана Эмомали Рахмон заявил, что переговоры продолжатся.") == "ru"
    assert detect("Tajik President Emomali Rahmon said the talks would go on.") == "en"
    assert detect("Тоҷикистон ва Ҷумҳурии Қирғизистон ҳамкориро густариш медиҳанд") == "tg"
    assert detect("Қазақстан Республикасының Президенті Әділет туралы айтты") == "kk"
    assert detect("") == "en"
    assert reader("ru-RU") == reader("kk") == reader("uz-Cyrl") == "ru"
    assert reader("en") == reader(None) == reader("bad tag!") == "en"
    assert language_name("ru") == "Russian" and language_name("en-GB") == "English"
    assert script_language("Садыр Жапаров") == "ru" and script_language("Sadyr Japarov") is None


def test_front_matter_language_overrides_the_letters(tmp_path, gazetteer):
    text = RUSSIAN.replace("source: Тестовое агентство", "source: Тестовое агентство\nlanguage: en")
    english_reading = extraction_of(tmp_path, gazetteer, text, "told.md")
    assert english_reading.article.language == "en"
    russian_reading = extraction_of(tmp_path, gazetteer, RUSSIAN, "found.md")
    assert russian_reading.article.language == "ru"
    # Read as Russian, a person's inflected name is brought to the nominative; read as English, not.
    assert "Садыр Жапаров" in russian_reading.entities
    assert not any(name.endswith("Жапарова") for name in russian_reading.entities)


def test_a_language_extraction_does_not_read_is_read_by_its_scripts_reader_with_a_warning(tmp_path, gazetteer):
    text = "---\nlanguage: kk\n---\n\n" + RUSSIAN.split("---\n", 2)[2]
    extraction = extraction_of(tmp_path, gazetteer, text, "kazakh.md")
    assert any("read as Russian" in w for w in extraction.warnings)
    assert "Эмомали Рахмон" in extraction.entities


# --- Russian extraction ------------------------------------------------------------------------------


def test_names_are_brought_to_the_nominative_and_known_places_to_their_entry(tmp_path, gazetteer):
    extraction = extraction_of(tmp_path, gazetteer, RUSSIAN, "story.md")
    entities = extraction.entities
    assert {"Эмомали Рахмон", "Садыр Жапаров"} <= set(entities)
    assert entities["Эмомали Рахмон"].type == "person"
    assert "Рахмон" in entities["Эмомали Рахмон"].aliases  # «Рахмона» resolved to the full name
    # The gazetteer knows the region's names in Cyrillic: the entry, named in English, Russian aside.
    assert entities["Batken Region"].kind == "place" and "Баткенская область" in entities["Batken Region"].aliases
    assert {"Tajikistan", "Kyrgyzstan", "Dushanbe"} <= set(entities)
    assert entities["Тестовое агентство"].type == "media"  # the dateline's outlet
    assert not any(re.search(r"(а|у|ом|ой|ы)$", name) and name.split()[-1] in ("Рахмона", "Жапарова")
                   for name in entities)


def test_a_turkic_patronymic_name_is_one_person_and_a_code_of_law_no_country(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 мар — Тестовое агентство. По словам адвоката Бактыгула Асанбек уулу, суд признал "
            "бывшего министра виновным по статье «Мошенничество» УК КР.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "lawyer.md").entities
    assert "Бактыгул Асанбек уулу" in entities and entities["Бактыгул Асанбек уулу"].type == "person", sorted(entities)
    assert "United Kingdom" not in entities and "Kyrgyzstan" in entities, sorted(entities)


def test_an_office_after_a_quotation_is_its_holder_not_a_person_the_quotation_names(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 мар — Тестовое агентство. По словам адвоката Бактыгула Асанбек уулу, суд признал "
            "бывшего министра Нурлана Сыдыкбекова виновным.\n\n"
            "Экс-министра осудили по статье \"Злоупотребление должностным положением\" УК КР.\n\n"
            "\"Мы обжалуем приговор, так как были нарушены права Сыдыкбекова\", - заключил адвокат.\n")
    quotes = extraction_of(tmp_path, gazetteer, text, "appeal.md").quotes
    assert [(q.speaker, q.text[:17]) for q in quotes] == [("Бактыгул Асанбек уулу", "Мы обжалуем приго")]


def test_a_surname_alone_in_a_case_the_dictionary_cannot_undo_is_the_person_named_in_full(tmp_path, gazetteer):
    text = ("ДУШАНБЕ, 4 марта 2025 года. Министр внутренних дел Таджикистана Фаридун Шарифзода заявил во "
            "вторник, что граница может быть закрыта.\n\n"
            "По словам Шарифзоды, «проверки займут две недели».\n\n"
            "«Кабул сотрудничает с нами», — цитирует Шарифзоду агентство «Интерфакс».\n")
    assert quote_starts(tmp_path, gazetteer, text, "border.md") == [
        ("Фаридун Шарифзода", "проверки займут"), ("Фаридун Шарифзода", "Кабул сотрудничает")]


def test_a_day_without_a_year_moves_the_story_of_a_page_without_a_date(tmp_path, gazetteer):
    text = ("Сегодня, 9 июня, в Бишкеке начался суд над бывшим министром Нурланом Сыдыкбековым.\n\n"
            "Вечером сторонники министра провели митинг у здания суда.\n")
    events = extraction_of(tmp_path, gazetteer, text, "undated.md").events
    assert [(e.type, e.date) for e in events] == [("legal", "--06-09"), ("protest", "--06-09")], events


def test_a_day_without_a_year_on_a_page_without_a_date_is_in_the_year_its_title_names(tmp_path, gazetteer):
    text = ("Хроника паводков-2024 в Казахстане\n\n"
            "22 апреля жители Актобе провели митинг у здания акимата.\n")
    events = extraction_of(tmp_path, gazetteer, text, "chronicle.txt").events
    assert [e.date for e in events] == ["2024-04-22"], events
    # a title naming two years says none
    text = text.replace("паводков-2024", "паводков 2023 и 2024 годов")
    assert [e.date for e in extraction_of(tmp_path, gazetteer, text, "chronicle2.txt").events] == ["--04-22"]


def test_a_day_without_a_year_on_a_page_without_a_date_is_in_the_year_the_story_named(tmp_path, gazetteer):
    text = ("В 2023 году в Узбекистане прошёл референдум о поправках к конституции.\n\n"
            "Досрочные президентские выборы в Узбекистане прошли 9 июля. Явка составила 79,8%.\n")
    events = extraction_of(tmp_path, gazetteer, text, "story-year.md").events
    assert ("election", "2023-07-09") in [(e.type, e.date) for e in events], events


def test_a_parliament_named_with_a_lower_case_word_and_a_columnist_who_writes(tmp_path, gazetteer):
    text = ("ДУШАНБЕ, 14 марта 2025 — Тестовое агентство. Уровень воды в Нурекском водохранилище упал.\n\n"
            "«Правительство знало об этом двадцать лет», — пишет в своём канале политолог Рустам Хайдаров.\n\n"
            "«Это временные трудности», — считает депутат Маджлиси намояндагон Бахром Зухуров.\n")
    extraction = extraction_of(tmp_path, gazetteer, text.replace("в своём канале", "в своём Telegram-канале"), "columnist.md")
    assert [q.speaker for q in extraction.quotes] == ["Рустам Хайдаров", "Бахром Зухуров"]
    assert not any("канал" in name for name in extraction.entities)  # a platform's channel is no body
    assert "Majlisi Namoyandagon" in extraction.entities and "Маджлиси" not in extraction.entities


@pytest.mark.parametrize("verb", ["утверждает", "прокомментировал", "заметил", "настаивает"])
def test_more_russian_verbs_of_speech(tmp_path, gazetteer, verb):
    text = f"ДУШАНБЕ, 14 марта 2025 — Тестовое агентство. «Уровень воды упал до минимума», — {verb} эксперт Бахром Зухуров.\n"
    assert [q.speaker for q in extraction_of(tmp_path, gazetteer, text, "verb.md").quotes] == ["Бахром Зухуров"]


def test_a_noun_that_points_back_to_the_person_the_story_is_about(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 марта 2025 — Тестовое агентство. Зима будет сложной, заявил министр энергетики "
            "Бахром Зухуров.\n\n«Воды в водохранилище меньше, чем год назад», — сказал чиновник.\n")
    assert [q.speaker for q in extraction_of(tmp_path, gazetteer, text, "official.md").quotes] == ["Бахром Зухуров"]


def test_adjectives_listed_before_one_place_head_are_each_a_place(tmp_path, gazetteer):
    text = ("ХОРОГ, 14 мар — Тестовое агентство. Сходы селей прошли в Ванчском, Рушанском и Ишкашимском "
            "районах, сообщили спасатели.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "mudflows.md").entities
    districts = {n for n, e in entities.items() if e.kind == "place" and e.type == "district"}
    assert {"Ванчский район", "Рушанский район", "Ишкашимский район"} <= districts, sorted(entities)
    assert not any(entities[n].aliases for n in districts)  # no inflected or cut forms as other names
    assert not any(n.endswith("районах") or n in ("Рушанском", "Ванчском") for n in entities), sorted(entities)


def test_regions_listed_after_their_head_or_before_it_are_the_gazetteers(tmp_path, gazetteer):
    # the gazetteer holds the Russian names of the region's first-level divisions
    text = ("АСТАНА, 30 марта 2024 — Тестовое агентство. Подтоплены дома в пяти областях: Актюбинская, "
            "Акмолинская, Костанайская, Карагандинская и Павлодарская.\n\n"
            "Дожди прошли и в Ошской и Джалал-Абадской областях Кыргызстана.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "regions.md").entities
    assert {"Aktobe Region", "Akmola Region", "Kostanay Region", "Karaganda Region", "Pavlodar Region",
            "Osh Region", "Jalal-Abad Region"} <= set(entities), sorted(entities)
    assert not any(name.endswith("ская") or "област" in name for name in entities), sorted(entities)


def test_a_countrys_parliament_named_in_lower_case_is_the_gazetteers_body(tmp_path, gazetteer):
    text = ("БИШКЕК, 30 марта 2024 — Тестовое агентство. Депутаты парламента Кыргызстана приняли закон о СМИ.\n\n"
            "Сенат Узбекистана одобрил поправки, а меджлис Туркменистана ратифицировал договор.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "bodies.md").entities
    assert {"Jogorku Kenesh", "Senate of the Oliy Majlis", "Mejlis of Turkmenistan"} <= set(entities), sorted(entities)
    assert not any(name.lower().startswith(("сенат", "парламент", "меджлис")) for name in entities), sorted(entities)


def test_a_feminine_noun_before_a_name_says_it_is_a_womans_in_that_case(tmp_path, gazetteer):
    text = "БИШКЕК, 16 января 2024 года. Вечером в отдел милиции привезли журналистку Гульжан Асанбекову.\n"
    entities = extraction_of(tmp_path, gazetteer, text, "detained.md").entities
    assert "Гульжан Асанбекова" in entities, sorted(entities)


def test_kazakhstans_regions_named_by_their_letters_are_places(tmp_path, gazetteer):
    text = "АСТАНА, 1 марта 2024 — Тестовое агентство. Паводки продолжаются в ВКО, СКО и ЗКО, сообщили спасатели.\n"
    entities = extraction_of(tmp_path, gazetteer, text, "floods.md").entities
    regions = {"East Kazakhstan Region", "North Kazakhstan Region", "West Kazakhstan Region"}
    assert regions <= set(entities), sorted(entities)
    assert {entities[name].kind for name in regions} == {"place"}


def test_a_court_named_in_lower_case_with_its_adjectives_remit_and_town(tmp_path, gazetteer):
    text = ("АСТАНА, 1 марта 2024 — Тестовое агентство. Во вторник специализированный межрайонный суд по уголовным "
            "делам Караганды приговорил бывшего директора фонда к пяти годам. Ранее районный суд Павлодара оправдал "
            "его заместителя.\n\nВ специализированном межрайонном суде по уголовным делам Тараз оглашен приговор.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "courts.md").entities
    assert {"специализированный межрайонный суд по уголовным делам Караганды", "районный суд Павлодара",
            "специализированный межрайонный суд по уголовным делам Тараза"} <= set(entities), sorted(entities)


def test_a_womans_given_name_read_apart_or_as_a_place_and_her_surname_are_her_name(tmp_path, gazetteer):
    text = ("АСТАНА, 1 марта 2024 — Тестовое агентство. Бывшую сотрудницу аппарата министра Миру Жумабаеву "
            "признали виновной. Заведующую отделом мэрии Зарю Алтынбекову также признали виновной.\n\n"
            "Процесс длился месяц, но Александра Темирбекова с самого начала уверяла, что невиновна. "
            "Поводом стала статья Темирбековой о расходах акимата.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "verdict.md").entities
    assert {"Мира Жумабаева", "Заря Алтынбекова", "Александра Темирбекова"} <= set(entities), sorted(entities)
    assert not {"Жумабаеву", "Александр Темирбеков"} & set(entities), sorted(entities)
    assert entities["Александра Темирбекова"].aliases == ["Темирбекова"]


@pytest.mark.parametrize("sentence, name", [
    ("Мы видели Эмомали Рахмона.", "Эмомали Рахмон"),  # an indeclinable given name
    ("Приехал к Садыру Жапарову.", "Садыр Жапаров"),  # a given name the dictionary does not know
    ("Встреча с Касым-Жомартом Токаевым.", "Касым-Жомарт Токаев"),
    ("Встреча с Элеонорой Алиевой прошла.", "Элеонора Алиева"),
    ("Убийство Салтанат Нукеновой.", "Салтанат Нукенова"),  # a woman's surname, whatever the tagger read
    ("Заявление Гульнары Каримовой.", "Гульнара Каримова"),
    ("Заведующую отделом акимата Славу Исабекову признали виновной.", "Слава Исабекова"),  # -ову as an accusative
    ("Переговоры с министром Далером Джумой прошли.", "Далер Джума"),  # a man's surname of the -а declension
    ("Суд приговорил Саидджафара Усмонзоду к 27 годам.", "Саидджафар Усмонзода"),  # Tajik -зода
])
def test_a_persons_name_comes_to_the_nominative(sentence, name):
    from regional_briefs.extract.russian import nlp
    from regional_briefs.extract.russian.names import nominative

    models = nlp.load()
    doc = models.parse(sentence)
    assert [nominative(s.tokens, models.analyzer, person=True) for s in doc.spans if s.type == "PER"] == [name]


@pytest.mark.parametrize("sentence, name", [
    ("Бои шли в Баткенской области.", "Баткенская область"),
    ("Сотрудники Министерства иностранных дел Узбекистана прибыли.", "Министерство иностранных дел Узбекистана"),
    ("Решение Демократической партии Туркменистана.", "Демократическая партия Туркменистана"),
    ("Приговором Нурафшанского городского суда по уголовным делам он осужден.",
     "Нурафшанский городской суд по уголовным делам"),  # a body's remit after «по»
    ("Решение Социал-демократической партии Киргизии.", "Социал-демократическая партия Киргизии"),  # a compound adjective
])
def test_a_name_agrees_with_its_head_and_keeps_its_dependents(sentence, name):
    from regional_briefs.extract.russian import nlp
    from regional_briefs.extract.russian.mentions import _joined
    from regional_briefs.extract.russian.names import nominative
    from regional_briefs.knowledge import russian_lexicon as lexicon

    models = nlp.load()
    doc = models.parse(sentence)
    assert name in [nominative(s.tokens, models.analyzer) for s in _joined(doc, lexicon.load(), models.analyzer) if s.type != "PER"]


def test_dated_events_with_participants(tmp_path, gazetteer):
    events = extraction_of(tmp_path, gazetteer, RUSSIAN, "story.md").events
    by_type = {e.type: e for e in events}
    assert by_type["diplomatic-meeting"].date == "2025-03-13"  # not the dateline's 14 March
    assert by_type["agreement"].date == "2025-03-13"
    assert {"Эмомали Рахмон", "Садыр Жапаров"} <= set(by_type["agreement"].actors)
    assert by_type["armed-clash"].date == "2022-09" and by_type["armed-clash"].fatalities == 59
    assert "Batken Region" in by_type["armed-clash"].places
    assert all(re.search("[а-я]", e.title) for e in events)  # titles stay in Russian


@pytest.mark.parametrize("sentence, expected", [
    ("В четверг пограничники открыли огонь у села Ак-Суу.", "armed-clash"),  # not an opening
    ("Журналист Бакыт Осмонов в четверг вышел на свободу.", "legal"),
    ("Национальный банк в четверг повысил базовую ставку до 16,5%.", "economic"),
    ("В четверг правительство ввело режим чрезвычайной ситуации в Ошской области.", "legal"),
    ("В четверг возобновилось авиасообщение между Ошем и Москвой.", "economic"),
    ("Президент в четверг освободил от должности министра энергетики.", "other"),
    ("В четверг из-за ливня обрушилась дамба водохранилища.", "disaster"),
    ("В четверг прокуратура возбудила уголовное дело против заместителя хокима.", "legal"),
    ("В четверг повстанцы захватили власть в провинции.", "other"),
    ("В четверг парламент сформировал новое правительство.", "other"),
    ("В четверг президент выехал на место прорыва дамбы.", "visit"),
    ("В четверг президент осмотрел ход строительства моста.", "visit"),
])
def test_a_verb_and_the_noun_it_governs_type_a_russian_event(tmp_path, gazetteer, sentence, expected):
    text = f"БИШКЕК, 14 марта 2025 — Тестовое агентство. {sentence}\n"
    events = extraction_of(tmp_path, gazetteer, text, "phrase.md").events
    assert [(e.type, e.date) for e in events] == [(expected, "2025-03-13")], events


@pytest.mark.parametrize("sentence, expected", [
    ("В четверг вода затопила тридцать домов в селе Ак-Суу.", "disaster"),
    ("В четверг в селе Ак-Суу были подтоплены сорок домов.", "disaster"),
    ("В четверг прокуратура начала расследование хищений на стройке.", "legal"),
    ("В четверг налоговики оштрафовали редакцию районной газеты.", "legal"),
])
def test_flooding_and_investigation_words_type_a_russian_event(tmp_path, gazetteer, sentence, expected):
    text = f"БИШКЕК, 14 марта 2025 — Тестовое агентство. {sentence}\n"
    events = extraction_of(tmp_path, gazetteer, text, "words.md").events
    assert [(e.type, e.date) for e in events] == [(expected, "2025-03-13")], events


@pytest.mark.parametrize("sentence, expected", [
    ("Встреча прошла 25 декабря.", "2024-12-25"),
    ("Бои начались 16 сентября 2022 г. утром.", "2022-09-16"),
    ("По данным на 16.09.2022 ситуация стабильна.", "2022-09-16"),
    ("Работы начались в марте прошлого года.", "2024-03"),
    ("Сдача намечена на апрель следующего года.", "2026-04"),
    ("Он родился в 1981 году.", "1981"),
    ("Вчера в Бишкеке прошел митинг.", "2025-01-09"),
    ("В понедельник министр посетил Хорог.", "2025-01-06"),
    ("Суд начался 25 декабря прошлого года.", "2024-12-25"),
    ("Переговоры прошли в начале января.", "2025-01"),
    ("Встреча прошла в четверг, 2 января.", "2025-01-02"),  # the date says which Thursday
    ("Три дня назад в Оше прошел митинг.", "2025-01-07"),
    ("Неделю назад суд вынес приговор.", "2025-01-03"),
    ("Два месяца назад начались работы.", "2024-11"),
    ("Учения прошли с 3 по 5 января.", "2025-01-03"),  # a range begins on its first day
    ("В прошлом месяце прошли учения.", "2024-12"),
    ("В этом месяце парламент принял закон.", "2025-01"),
    ("На этой неделе милиция вызвала редактора.", "2025-01"),  # a week's month
    ("В минувшую пятницу прошел митинг.", "2025-01-03"),  # written on a Friday: the Friday before
    ("В пятницу прошел митинг.", "2025-01-10"),
    ("Указ подписан 1-го января.", "2025-01-01"),
    ("В конце прошлого месяца прошли учения.", "2024-12"),
    ("Учения прошли со 2 по 4 января.", "2025-01-02"),
    ("Учения шли с 30 декабря по 3 января.", "2024-12-30"),  # the end is no date of its own
    ("В 2022–2023 годах шло строительство.", "2022"),
    ("С 2019 по 2021 год компания построила три завода.", "2019"),
])
def test_russian_dates_are_resolved_against_the_articles_date(sentence, expected):
    # The article's date: Friday 10 January 2025 (so «25 декабря», long after it, is last year's).
    found = find_dates(sentence, russian_lexicon.load(), PartialDate(2025, 1, 10))
    assert found and found[0].date.iso() == expected, found


@pytest.mark.parametrize("sentence, expected", [
    ("На следующий день стороны подписали соглашение.", "2025-01-06"),
    ("Днём ранее министр заявил об отставке.", "2025-01-04"),
    ("В тот же день прошла встреча.", "2025-01-05"),
    ("Накануне прошла встреча.", "2025-01-04"),
    # the date that follows says which day: one expression, whose date is the explicit one
    ("На следующий день, 8 января, министр заявил об отставке.", "2025-01-08"),
])
def test_russian_days_counted_from_the_day_the_story_has_reached(sentence, expected):
    found = find_dates(sentence, russian_lexicon.load(), PartialDate(2025, 1, 10), PartialDate(2025, 1, 5))
    assert [f.date.iso() for f in found] == [expected]


def test_last_week_is_its_month_only_when_the_whole_week_is_in_one():
    lexicon = russian_lexicon.load()
    assert [f.date.iso() for f in find_dates("На минувшей неделе милиция вызвала редактора.", lexicon,
                                             PartialDate(2022, 7, 14))] == ["2022-07"]
    assert find_dates("На прошлой неделе прошли обыски.", lexicon, PartialDate(2025, 1, 10)) == []  # 30 Dec-5 Jan


def test_quotes_attributed_by_office_and_told_to_an_outlet_and_dates_said_inside_quotations(tmp_path, gazetteer):
    """«Министр также отметил, что «…»»: the minister the story named; «— рассказал Азаттыку житель
    X»: the resident, not the outlet told (which is the outlet the gazetteer knows, not a person);
    «…начнутся в пятницу», said inside a quotation, dates nothing the story tells."""
    text = "\n\n".join([
        "БИШКЕК, 12 марта 2025 — Тестовое агентство. Министр иностранных дел Кыргызстана Жээнбек Кулубаев "
        "провел в среду переговоры с послом Китая.",
        "Министр также отметил, что «ситуация на границе остается стабильной».",
        "«Стрельба продолжалась около часа», — рассказал Азаттыку житель села Кок-Таш Эрмек Осмонов.",
        "«Многие дома остались без света», — рассказал Азаттыку житель соседнего села.",
        "«Переговоры начнутся в пятницу», — заявил Кулубаев.",
        "Кулубаев добавил, что «все виновные будут наказаны».",
    ])
    extraction = extraction_of(tmp_path, gazetteer, text, "office.txt")
    speakers = {q.text.split()[0]: q.speaker for q in extraction.quotes}
    assert speakers["ситуация"] == "Жээнбек Кулубаев"
    assert speakers["Стрельба"] == "Эрмек Осмонов"
    assert "Азаттыку" not in extraction.entities and "Radio Azattyk" in extraction.entities
    assert "Radio Azattyk" not in speakers.values()  # the unnamed resident's words have no speaker
    added = next(e for e in extraction.events if e.paragraph == 5)
    assert added.date == "2025-03-12"  # not the Friday before, named in the quotation above it


def test_a_dateline_without_a_year_takes_it_from_the_pages_own_stamp(tmp_path, gazetteer):
    """«ТАШКЕНТ, 16 апр –» gives no year; a caption of the same page stamped 16.04.2022 does.
    A stamp of another day (a related story's) says nothing about it."""
    story = ("ТАШКЕНТ, 16 апр – Тестовое агентство. Агентство открыло представительства ещё в десяти "
             "регионах. Об этом сообщила пресс-служба ведомства.")
    stamped = extraction_of(tmp_path, gazetteer, "\n\n".join([
        "Флаги двух стран - Тестовое агентство, 1920, 16.04.2022", "Подписаться", story]), "stamped.txt")
    assert stamped.article.published == PartialDate(2022, 4, 16)
    other_day = extraction_of(tmp_path, gazetteer, "\n\n".join([
        "Читайте также: 14.04.2022 Агентство сменило руководство", story]), "other.txt")
    assert other_day.article.published == PartialDate(None, 4, 16)


def test_a_russian_date_line_dates_the_page_and_a_lead_retold_takes_its_day(tmp_path, gazetteer):
    text = "\n\n".join([
        "вторник, 09 декабря 2025",  # the site's own date, in its header
        "Главная / Новости",
        "29 ноября 2021 18:08    Просмотров: 18582",  # the article's
        "Власти Горного Бадахшана договорились с митингующими, и акция в Хороге на площади прекратилась. "
        "Люди покинули площадь в 20:00 воскресенья, 28 ноября, волонтеры навели там порядок.",
        "Прокуратура обещала проверить все обращения жителей города Хорог в ближайшие дни.",
    ])
    extraction = extraction_of(tmp_path, gazetteer, text, "khorog.txt")
    assert extraction.article.published == PartialDate(2021, 11, 29)
    agreement = next(e for e in extraction.events if e.type == "agreement")
    assert agreement.date == "2021-11-28"  # not the day the news was published
    assert "Gorno-Badakhshan Autonomous Region" in extraction.entities  # «Горный Бадахшан»


@pytest.mark.parametrize("line, date, outlet", [
    ("ТАШКЕНТ, 16 апр – РИА Новости. Агентство открыло офисы.", "--04-16", "РИА Новости"),
    ("Ташкент, 13 ноября /Синьхуа/ -- В церемонии примут участие.", "--11-13", "Синьхуа"),
    ("БИШКЕК, 12 марта. /ТАСС/. Президент подписал закон.", "--03-12", "ТАСС"),
    ("Москва. 28 декабря. INTERFAX.RU - Члены Совбеза осудили решение.", "--12-28", "INTERFAX.RU"),
    ("АСТАНА, 12 марта 2024 – Kazinform. Глава МИД прибыл.", "2024-03-12", "Kazinform"),
    ("Бишкек, 12 марта 2024 г., 14:05 — 24.kg. Парламент принял закон.", "2024-03-12", "24.kg"),
    ("ДУШАНБЕ, 28.09.2023 /НИАТ «Ховар»/. В Ташкенте произошел взрыв.", "2023-09-28", "НИАТ «Ховар»"),
    ("Хатлонская область - 14 апреля. Сель прошел ночью.", "--04-14", None),
    ("Душанбе, 12 апреля 2025 года. Министры подписали соглашение.", "2025-04-12", None),
])
def test_wire_datelines_give_the_date_and_the_outlet(line, date, outlet):
    from regional_briefs.extract.russian.dates import dateline

    found = dateline(line)
    assert found is not None
    assert [f.date.iso() for f in find_dates(line[:found[0]], russian_lexicon.load(), None)] == [date]
    assert (line[found[1][0]:found[1][1]] if found[1] else None) == outlet
    assert dateline("В Бишкеке, 12 марта прошел митинг.") is None


@pytest.mark.parametrize("line, date", [
    ("Опубликовано 12 марта 2024 в 16:45", PartialDate(2024, 3, 12)),
    ("Дата публикации: 12.03.2024", PartialDate(2024, 3, 12)),
    ("• 08 октября, 2025 • 21:04", PartialDate(2025, 10, 8)),
    ("16:45, 12 марта 2024", PartialDate(2024, 3, 12)),
    ("12 марта 2024 года прошел большой митинг в Алматы", None),  # a sentence, not a date line
    ("14:05 12.03.2024", PartialDate(2024, 3, 12)),
    ("12.03.24 14:05", PartialDate(2024, 3, 12)),
    ("Анна Иванова, 12 марта 2024", PartialDate(2024, 3, 12)),  # a byline's name, then the date
    ("Анна Иванова, 12 марта 2024 года на митинге", None),
    ("12 марта 2024. Разместил: admin", PartialDate(2024, 3, 12)),  # who posted it, labelled
])
def test_a_page_date_line_in_russian(line, date):
    from regional_briefs.extract.clean import _date_line

    assert _date_line(line) == date


def test_a_day_and_month_without_the_articles_date_keeps_no_year():
    found = find_dates("Переговоры прошли 22 марта в Кабуле.", russian_lexicon.load(), None)
    assert [f.date.iso() for f in found] == ["--03-22"]


def test_quotations_in_every_style_are_attributed(tmp_path, gazetteer):
    text = """\
    Министр иностранных дел Таджикистана Сироджиддин Мухриддин встретился с послом Китая в Душанбе 3 марта.

    «Мы готовы расширять сотрудничество во всех областях, — заявил Мухриддин. — Наши страны связывает давняя дружба».

    Президент Узбекистана Шавкат Мирзиёев подчеркнул: „Водные ресурсы региона требуют совместного управления“.

    — Мы ожидаем, что переговоры продолжатся в следующем месяце, — отметил Мирзиёев.

    "Граница должна оставаться спокойной и открытой", - сказал Мирзиёев журналистам.
    """
    quotes = extraction_of(tmp_path, gazetteer, "\n".join(line.strip() for line in text.splitlines()), "q.txt").quotes
    said = {(q.speaker, q.text.split()[0] + " " + q.text.split()[1]) for q in quotes}
    assert ("Сироджиддин Мухриддин", "Мы готовы") in said
    assert ("Шавкат Мирзиёев", "Водные ресурсы") in said
    assert ("Шавкат Мирзиёев", "Мы ожидаем,") in said
    assert ("Шавкат Мирзиёев", "Граница должна") in said
    broken = next(q for q in quotes if q.text.startswith("Мы готовы"))
    assert "заявил" not in broken.text and "давняя дружба" in broken.text  # the attribution taken out


def test_quotations_introduced_by_a_possessive_or_by_the_paragraph_before(tmp_path, gazetteer):
    text = "\n\n".join([
        "Глава МИД Казахстана Мурат Нуртлеу провел переговоры с коллегой из Кыргызстана 4 июня.",
        "По его словам, «стороны договорились ускорить строительство новых пунктов пропуска».",
        "В пресс-службе МИД Кыргызстана отметили:",
        "«Переговоры прошли в дружественной атмосфере, обе стороны заинтересованы в развитии торговли».",
        "«Мы рассчитываем на скорое подписание соглашения», — говорится в заявлении МИД Казахстана.",
    ])
    text += "\n\n" + "\n\n".join([
        "Об этом сообщил пресс-секретарь Верховного суда Узбекистана Азиз Абидов.",
        "«Подсудимый признан виновным и приговорен к трем годам лишения свободы», — говорится в сообщении.",
    ])
    quotes = extraction_of(tmp_path, gazetteer, text, "q3.txt").quotes
    said = {q.text.split()[0]: q.speaker for q in quotes}
    assert said["стороны"] == "Мурат Нуртлеу"
    assert said["Переговоры"] == "Ministry of Foreign Affairs of Kyrgyzstan"  # «МИД» is the country's own
    assert said["Мы"] == "Ministry of Foreign Affairs of Kazakhstan"
    assert said["Подсудимый"] == "Азиз Абидов"  # «говорится в сообщении»: the source the paragraph before named


def test_a_surname_alone_opening_a_sentence_is_a_speaker(tmp_path, gazetteer):
    text = "\n\n".join([
        "Министр энергетики Кыргызстана Таалайбек Ибраев провел встречу с инвесторами в Бишкеке 5 мая.",
        "Ибраев заявил: «Строительство станции начнется уже этим летом».",
        "«Мы ждем решения правительства», — рассказал «Тестовому агентству» житель Нарына Азамат Касымов.",
    ])
    extraction = extraction_of(tmp_path, gazetteer, text, "q4.txt")
    said = {q.text.split()[0]: q.speaker for q in extraction.quotes}
    assert said["Строительство"] == "Таалайбек Ибраев"
    assert said["Мы"] == "Азамат Касымов"  # the outlet in guillemets is not the end of the attribution



def test_a_quotation_paragraph_is_from_the_source_the_paragraph_before_cites(tmp_path, gazetteer):
    text = "\n\n".join([
        "Глава района Бахтиёр Каримов встретился с жителями Хорога 3 мая.",
        "Об этом сообщает агентство «Тест» со ссылкой на Министерство энергетики Таджикистана.",
        "«Подача электричества будет восстановлена до конца недели во всех кишлаках района».",
    ])
    quotes = extraction_of(tmp_path, gazetteer, text, "q5.txt").quotes
    assert [q.speaker for q in quotes if q.text.startswith("Подача")] == ["Министерство энергетики Таджикистана"]

def test_a_word_of_the_language_opening_a_sentence_is_not_a_person(tmp_path, gazetteer):
    """Words of a surname's shape («-ин», «-ов») that the dictionary knows as nouns stay words."""
    text = "Магазин закрылся 5 мая. Бензин подорожал в июне. Остров затопило."
    names = {m.text for m in extraction_of(tmp_path, gazetteer, text, "w.txt").mentions}
    assert not names & {"Магазин", "Бензин", "Остров"}


@pytest.mark.parametrize("text", [
    "В результате обстрела " + "9" * 5000 + " человек погибли.",  # longer than int() takes
    "Саш Иванов заявил, что переговоры прошли 3 марта в Душанбе.",  # a name read in the vocative
    "---\npublished: 2025-03-10\n---\n\nЛюди покинули площадь 29 февраля. В ночь на 29 февраля прошел митинг.",
    "---\npublished: 0001-01-01\n---\n\nВчера в Бишкеке прошел митинг. 25 декабря прошли переговоры.",
    "---\npublished: 9999-12-28\n---\n\nВчера в Бишкеке прошел митинг. 25 декабря прошли переговоры.",
    "«" * 3000 + " Таджикистан " + "— — — ," * 2000,
    " ".join('"Мы готовы", - сказал он.' for _ in range(400)),
    "Итог: " + " ".join("1 000 000" for _ in range(2000)) + " человек.",
    "Президент Таджикистана Эмомали Рахмон, " * 1500 + "заявил.",  # one sentence of 6,000 words
])
def test_odd_russian_text_is_read_in_bounded_time_without_failing(tmp_path, gazetteer, text):
    import time

    started = time.perf_counter()
    extraction = extraction_of(tmp_path, gazetteer, text, "odd.md" if text.startswith("---") else "odd.txt")
    assert extraction.article.language == "ru"
    assert all(e.fatalities is None or e.fatalities <= 10_000_000 for e in extraction.events)
    assert time.perf_counter() - started < 60  # a guard against runaway work, not a speed test


def test_a_toll_is_not_a_date_or_a_time():
    from regional_briefs.extract.russian.events import _fatalities

    lexicon = russian_lexicon.load()
    assert _fatalities("На границе 14 сентября погибли 59 человек", lexicon) == 59
    assert _fatalities("В 2022 году погибли 59 человек", lexicon) == 59
    assert _fatalities("В 15:30 погибли двое", lexicon) == 2
    assert _fatalities("99999999 человек погибли", lexicon) is None


# --- one entity across scripts ----------------------------------------------------------------------


def test_romanizations_and_their_skeletons_meet_the_english_spelling():
    assert "Emomali Rakhmon" in romanizations("Эмомали Рахмон")
    for russian, english in (("Эмомали Рахмон", "Emomali Rahmon"), ("Садыр Жапаров", "Sadyr Japarov"),
                             ("Касым-Жомарт Токаев", "Kassym-Jomart Tokayev"),
                             ("Гурбангулы Бердымухамедов", "Gurbanguly Berdimuhamedov")):
        assert skeleton(english) in skeletons(russian), (russian, english)
    assert skeleton("Sadyr Japarov") not in skeletons("Садыр Ташиев")
    # the same consonants, other names: the vowels and a word's last letter tell them apart
    for russian, english in (("Марат Ахметов", "Murat Akhmetov"), ("Азиза Рахимова", "Aziz Rakhimov"),
                             ("Александра Ким", "Aleksandr Kim"), ("Каракуль", "Karakol")):
        assert not spellings(russian) & spellings(english), (russian, english)
    assert spellings("Шавкат Мирзиёев") & spellings("Shavkat Mirziyoyev")
    assert spellings("Панджшер") & spellings("Panjshir")


def _extraction(article_id: str, people: dict[str, list[str]]):
    """An article's extraction with these people (name -> aliases) and nothing else."""
    from regional_briefs.model import Article, ArticleEntity, Extraction, Paragraph

    entities = {name: ArticleEntity("actor", "person", aliases=aliases, mentions=1) for name, aliases in people.items()}
    return Extraction(Article(article_id, f"{article_id}.md", article_id, [Paragraph(0, "text")]), entities=entities)


def test_the_cross_script_join_is_one_to_one(gazetteer):
    from regional_briefs.assemble.entities import resolve_site

    def pages(*extractions) -> list[list[str]]:
        entities, _ = resolve_site(list(extractions), gazetteer)
        return sorted(sorted(e.articles) for e in entities.values())

    # one Cyrillic and one Latin spelling of one person: one page
    assert pages(_extraction("ru", {"Садыр Жапаров": []}), _extraction("en", {"Sadyr Japarov": []})) == [["en", "ru"]]
    # other people with the same consonants stay apart
    assert pages(_extraction("ru", {"Марат Ахметов": []}), _extraction("en", {"Murat Akhmetov": []})) == [["en"], ["ru"]]
    # a Cyrillic name that could be either of two Latin entities joins neither
    assert pages(_extraction("ru", {"Садыр Жапаров": ["Жапаров Садыр"]}),
                 _extraction("en", {"Sadyr Japarov": []}),
                 _extraction("en2", {"Japarov Sadyr": []})) == [["en"], ["en2"], ["ru"]]


@pytest.fixture(scope="module")
def mixed_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("mixed"), {"ru-border-treaty.md": RUSSIAN,
                                                             "en-border-treaty.md": ENGLISH})
    build = mkdocs_build(root)
    assert build.returncode == 0, build.log
    return build


def test_an_actor_named_in_both_scripts_has_one_page(mixed_site):
    entities = mixed_site.graph["entities"]
    japarov = [e for e in entities if "Japarov" in e["name"] or "Жапаров" in e["name"]]
    assert len(japarov) == 1, japarov
    assert japarov[0]["name"] == "Sadyr Japarov"  # the site's language's spelling
    assert "Садыр Жапаров" in japarov[0]["aliases"]
    assert len(japarov[0]["articles"]) == 2
    rahmon = [e for e in entities if "Rahmon" in e["name"] or "Рахмон" in e["name"]]
    assert len(rahmon) == 1 and len(rahmon[0]["articles"]) == 2
    page = mixed_site.page(japarov[0]["page"].strip("/"))
    assert "Садыр Жапаров" in page


def test_the_article_page_names_its_language_and_marks_russian_text(mixed_site):
    article = next(a for a in mixed_site.graph["articles"] if a["source"] == "ru-border-treaty.md")
    page = mixed_site.page(article["page"].strip("/"))
    assert re.search(r"<strong>Language:</strong>\s*Russian", page)
    assert re.search(r'<p class="rb-para" id="p1" lang="ru">', page)
    assert re.search(r'<h1[^>]*>\s*<span lang="ru">', page)
    assert 'data-pagefind-filter="Language:Russian"' in page
    english = next(a for a in mixed_site.graph["articles"] if a["source"] == "en-border-treaty.md")
    assert 'data-pagefind-filter="Language:English"' in mixed_site.page(english["page"].strip("/"))
    # A link whose label is Russian says so, wherever it is listed.
    listing = (mixed_site.site / "articles" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="[^"]+" lang="ru">Таджикистан и Кыргызстан', listing)


@pytest.mark.browser
def test_search_finds_both_articles_and_the_language_filter_narrows_them(browser, mixed_site):
    with serve(mixed_site) as url, open_tab(browser, url) as tab:
        tab.open("")
        search(tab, "Japarov")
        everything = result_count(tab)
        tab.page.locator("#rb-search summary", has_text="Language").click()  # the group opens, as a reader opens it
        tab.page.locator('#rb-search input.rb-search__check[name="Language"][value="Russian"]').check()
        tab.page.wait_for_function(
            "(before) => /^\\s*\\d+ results?/.test(document.querySelector('#rb-search .rb-search__status').textContent)"
            " && parseInt(document.querySelector('#rb-search .rb-search__status').textContent) < before",
            arg=everything)
        wait_for_results(tab, "Japarov")
        shown = tab.page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
        russian = next(a for a in mixed_site.graph["articles"] if a["source"] == "ru-border-treaty.md")
        assert shown and all(not href.endswith("en-border-treaty/") for href in shown), shown
        assert any(href.endswith(russian["page"]) for href in shown), shown
        tab.assert_no_errors()


# --- the mixed-corpus score ---------------------------------------------------------------------------


def test_the_mixed_score_counts_merged_missed_and_wrong(tmp_path):
    (tmp_path / "ru.gold.yml").write_text(
        "article: ru.md\nlanguage: ru\nactors:\n"
        "  - {name: Садыр Жапаров, type: person, aliases: [Sadyr Japarov]}\n"
        "  - {name: Камчыбек Ташиев, type: person, aliases: [Kamchybek Tashiev]}\n"
        "places:\n  - {name: Баткен, type: city, aliases: [Batken]}\n", encoding="utf-8")
    (tmp_path / "en.gold.yml").write_text(
        "article: en.md\nactors:\n  - {name: Sadyr Japarov, type: person}\n  - {name: Kamchybek Tashiev, type: person}\n"
        "  - {name: Akylbek Japarov, type: person}\nplaces:\n  - {name: Batken, type: city}\n", encoding="utf-8")
    russian, english = sorted(load_gold([tmp_path / "ru.gold.yml", tmp_path / "en.gold.yml"]), key=lambda g: g.article,
                              reverse=True)
    export = {
        "articles": [{"id": "ru", "source": "ru.md"}, {"id": "en", "source": "en.md"}],
        "entities": [
            {"id": "japarov", "name": "Sadyr Japarov", "aliases": ["Садыр Жапаров"], "articles": ["ru", "en"]},
            {"id": "tashiev-ru", "name": "Камчыбек Ташиев", "aliases": [], "articles": ["ru"]},
            {"id": "tashiev", "name": "Kamchybek Tashiev", "aliases": ["Akylbek Japarov"], "articles": ["en"]},
            {"id": "batken", "name": "Batken", "aliases": ["Баткен"], "articles": ["ru", "en"]},
        ],
    }
    result = score_pairs(export, [(russian, english)])
    assert (result.pairs, result.shared, result.found, result.merged) == (1, 3, 3, 2)
    assert result.missed == ["Камчыбек Ташиев / Kamchybek Tashiev"]
    assert result.wrong == 0
    export["entities"][2]["articles"] = ["en", "ru"]  # Tashiev's English page now also claims the Russian one
    export["entities"][1]["articles"] = []
    result = score_pairs(export, [(russian, english)])
    assert result.merged == 3 and result.wrong == 1 and result.wrongly == ["Камчыбек Ташиев / Akylbek Japarov"]


def test_a_resident_of_a_town_is_not_the_first_word_of_the_name(tmp_path, gazetteer):
    text = ("Жители приграничных сел встретили решение правительства с радостью.\n\n"
            "— Мы ждали этого решения десять лет, — сказал житель Исфары Абдурахмон Каримов.\n")
    extraction = extraction_of(tmp_path, gazetteer, text, "isfara.txt")
    assert "Абдурахмон Каримов" in extraction.entities
    assert not any(name.startswith("Исфары") for name in extraction.entities)
    assert [q.speaker for q in extraction.quotes] == ["Абдурахмон Каримов"]


def test_an_office_of_many_words_before_a_name_is_its_role_and_says_who_the_minister_is(tmp_path, gazetteer):
    text = ("Таджикистан будет экспортировать электроэнергию. Об этом сообщил министр энергетики и водного "
            "хозяйства Таджикистана Фаррух Назаров на встрече в Астане.\n\n"
            'Министр отметил, что "на сегодняшний день уже подписан меморандум о намерениях по развитию энергетических связ')
    extraction = extraction_of(tmp_path, gazetteer, text, "office.txt")
    roles = [r.text for r in extraction.entities["Фаррух Назаров"].roles]
    assert roles == ["министр энергетики и водного хозяйства Таджикистана"]
    assert [(q.speaker, q.text.split()[0]) for q in extraction.quotes] == [("Фаррух Назаров", "на")]


def test_a_date_line_right_after_the_story_dates_it_when_nothing_above_does(tmp_path, gazetteer):
    text = ("Президент Таджикистана провел переговоры с президентом Кыргызстана. Стороны подписали "
            "соглашение о границе.\n\nАвтор: Анна Иванова\n\n12 марта 2025\n")
    assert extraction_of(tmp_path, gazetteer, text, "trailing.txt").article.published == PartialDate(2025, 3, 12)


def test_an_abbreviation_in_brackets_and_an_office_the_name_finder_ran_into_a_name(tmp_path, gazetteer):
    text = ("Министры встретились в Астане на заседании Шанхайской организации сотрудничества (ШОС). "
            "Следующее заседание ШОС пройдет в Бишкеке.\n\n"
            "Председатель Жогорку Кенеша Кыргызстана Азамат Токтосунов выступил на суде.\n")
    extraction = extraction_of(tmp_path, gazetteer, text, "brackets.txt")
    names = set(extraction.entities)
    assert not any("(" in name for name in names), names
    assert "Азамат Токтосунов" in names and extraction.entities["Азамат Токтосунов"].type == "person"
    shos = [m for m in extraction.mentions if m.text == "ШОС"]
    assert len(shos) == 2 and len({m.name for m in shos}) == 1  # one organisation, named twice


def test_a_name_headed_by_a_place_word_is_a_place_whatever_the_name_finder_said(tmp_path, gazetteer):
    text = "В Национальной туристической зоне «Чолпон-Ата» пройдет саммит СНГ.\n"
    extraction = extraction_of(tmp_path, gazetteer, text, "zone.txt")
    zones = [e for name, e in extraction.entities.items() if "зона" in name.lower()]
    assert zones and all(e.kind == "place" for e in zones), sorted(extraction.entities)


def test_an_office_after_a_quotation_is_the_office_holder_the_paragraph_just_named(tmp_path, gazetteer):
    text = ("Министр водных ресурсов Кыргызстана Алмаз Беков провел переговоры в Бишкеке.\n\n"
            "Глава МИД Кыргызстана Жээнбек Кулубаев прокомментировал встречу. "
            "«Мы ценим добрососедские отношения», — подчеркнул министр.\n")
    extraction = extraction_of(tmp_path, gazetteer, text, "office-holder.txt")
    assert [q.speaker for q in extraction.quotes] == ["Жээнбек Кулубаев"]


def test_the_sentence_after_a_quotation_that_says_who_said_it(tmp_path, gazetteer):
    text = ("Президенты подписали соглашение о границе.\n\n"
            "«Граница должна стать границей дружбы». Об этом заявил министр иностранных дел "
            "Таджикистана Фарход Саидов.\n")
    extraction = extraction_of(tmp_path, gazetteer, text, "about-this.txt")
    assert [q.speaker for q in extraction.quotes] == ["Фарход Саидов"]


def test_a_stamp_with_its_time_above_the_story_dates_the_page_when_it_is_the_only_one(tmp_path, gazetteer):
    story = ("Кыргызстан и Узбекистан подписали соглашение о совместном управлении водохранилищем. "
             "Об этом заявил президент Кыргызстана.")
    stamped = extraction_of(tmp_path, gazetteer, "\n\n".join([
        "Лента новостей", "Две страны будут вместе управлять водохранилищем\nФото: example.kg 29.12.2022 16:45 1177",
        story]), "caption.txt")
    assert stamped.article.published == PartialDate(2022, 12, 29)
    listed = extraction_of(tmp_path, gazetteer, "\n\n".join([
        "Другие новости\n28.12.2022 10:15 Парламент принял бюджет\n27.12.2022 09:40 Сборная проиграла", story]),
        "list.txt")
    assert listed.article.published is None  # other stories' stamps: no one day is the page's


def test_a_story_that_opens_on_today_gives_its_day(tmp_path, gazetteer):
    text = ("Сегодня, 9 июня, в Первомайском районном суде Бишкека завершилось рассмотрение дела бывшего "
            "министра. Суд приговорил его к восьми годам лишения свободы.")
    extraction = extraction_of(tmp_path, gazetteer, text, "today.txt")
    assert extraction.article.published == PartialDate(None, 6, 9)


def test_an_office_before_a_name_is_the_phrase_after_the_verb_in_the_nominative(tmp_path, gazetteer):
    text = ("БИШКЕК, 5 мая — Тестовое агентство. Президент Кыргызстана встретился с министром энергетики "
            "Узбекистана Журабеком Мирзамахмудовым.\n\n"
            "Глава государства также направил письмо председателю парламента Нурланбеку Шакиеву и провел "
            "переговоры с первым заместителем министра финансов Таджикистана Бахтиёром Саидовым.")
    entities = extraction_of(tmp_path, gazetteer, text, "offices.txt").entities
    roles = {name: [r.text for r in e.roles] for name, e in entities.items() if e.type == "person"}
    # a man's surname in the instrumental is no nominative, whatever the tagger reads
    assert roles.get("Журабек Мирзамахмудов") == ["министр энергетики Узбекистана"], roles
    assert roles.get("Нурланбек Шакиев") == ["председатель парламента"], roles
    assert roles.get("Бахтиёр Саидов") == ["первый заместитель министра финансов Таджикистана"], roles


def test_a_quotation_running_over_two_paragraphs_is_the_speakers_who_closes_it(tmp_path, gazetteer):
    text = ("ДУШАНБЕ, 5 мая — Тестовое агентство. Президент Таджикистана Эмомали Рахмон провел встречу с "
            "министром энергетики Узбекистана.\n\n"
            "«Энергетическая система региона должна быть единой. Мы готовы к сотрудничеству\n\n"
            "«И мы рассчитываем на поддержку партнеров», — добавил Рахмон.\n")
    extraction = extraction_of(tmp_path, gazetteer, text, "running.txt")
    assert not any(p.heading for p in extraction.article.paragraphs)  # sentences in quotation marks are no heading
    assert [(q.speaker, q.text.split()[0]) for q in extraction.quotes] == [
        ("Эмомали Рахмон", "Энергетическая"), ("Эмомали Рахмон", "И")]


def test_a_statement_that_names_no_one_goes_on_with_the_days_last_statement(tmp_path, gazetteer):
    text = ("ДУШАНБЕ, 12 марта — Тестовое агентство. Министр энергетики Таджикистана Фаррух Назаров заявил, "
            "что зима будет сложной для энергосистемы.\n\n"
            "Он отметил, что уровень воды в водохранилище ниже прошлогоднего.\n\n"
            "Он также добавил, что из кризиса страна выйдет через три года.\n")
    statements = [e for e in extraction_of(tmp_path, gazetteer, text, "minister.txt").events if e.type == "statement"]
    assert len(statements) == 1 and statements[0].actors == ["Фаррух Назаров"], statements


def test_the_night_into_a_day_is_that_day(tmp_path, gazetteer):
    text = ("---\npublished: 2025-09-01\n---\n\nЗемлетрясение магнитудой 6,0 произошло на востоке Афганистана "
            "в ночь на 1 сентября. Погибли более 800 человек.\n")
    quake = next(e for e in extraction_of(tmp_path, gazetteer, text, "quake.md").events if e.type == "disaster")
    assert quake.date == "2025-09-01"


def test_a_name_a_preposition_governs_is_not_the_speaker_and_an_aide_is_an_office(tmp_path, gazetteer):
    text = ("Президент Таджикистана Эмомали Рахмон провел переговоры в Ташкенте. Визит анонсировал его "
            "помощник Шерали Додов.\n\n"
            "«Президент посетит Ташкент с государственным визитом», — рассказал помощник.\n\n"
            "На встрече с Шавкатом Мирзиёевым министр иностранных дел Сироджиддин Мухриддин подчеркнул, что "
            "«отношения двух стран достигли нового уровня».\n")
    quotes = [(q.speaker, q.text.split()[0]) for q in extraction_of(tmp_path, gazetteer, text, "aide.txt").quotes]
    assert ("Шерали Додов", "Президент") in quotes, quotes
    assert ("Сироджиддин Мухриддин", "отношения") in quotes, quotes


def test_the_body_of_an_office_before_a_name_of_two_words_is_not_the_names(tmp_path, gazetteer):
    text = "Депутат Мажилиса Асхат Рахимжанов отметил, что фермеры ждут субсидий уже третий месяц.\n"
    entities = extraction_of(tmp_path, gazetteer, text, "deputy.txt").entities
    assert "Асхат Рахимжанов" in entities and not any(name.startswith("Мажилиса") for name in entities), list(entities)


def test_a_body_the_tagger_misreads_is_found_word_by_word(tmp_path, gazetteer):
    text = "Заседание Жогорку Кенеша прошло в Бишкеке. Депутаты обсудили бюджет.\n"
    entities = extraction_of(tmp_path, gazetteer, text, "kenesh.txt").entities
    assert "Jogorku Kenesh" in entities, list(entities)  # the gazetteer's «Жогорку Кенеш»


def test_a_kyrgyz_name_with_uulu_is_a_mans_in_the_nominative(tmp_path, gazetteer):
    text = ("Суд вынес приговор в отношении журналиста Азамата Исакова, оператора Бакыта Осмонова, "
            "сотрудника команды Максата Тажыбек уулу и бывшего сотрудника редакции.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "uulu.txt").entities
    assert "Максат Тажыбек уулу" in entities, list(entities)


def test_the_notices_russian_law_asks_for_name_no_one_in_the_story(tmp_path, gazetteer):
    text = ("КАБУЛ, 12 мар — Тестовое агентство. Делегация движения «Талибан» (запрещено в РФ) прибыла в Ташкент "
            "на переговоры.\n\n"
            "* «Талибан» — организация признана террористической и запрещена в РФ.\n")
    extraction = extraction_of(tmp_path, gazetteer, text, "notice.txt")
    assert len(extraction.article.paragraphs) == 1  # the footnote is the page's
    assert "Russia" not in extraction.entities and "Taliban" in extraction.entities, list(extraction.entities)


def test_a_date_a_noun_governs_is_not_the_time_of_the_verb(tmp_path, gazetteer):
    text = ("---\npublished: 2025-09-18\n---\n\nПравительство обсудило подготовку к отопительному сезону.\n\n"
            "Зима 2025-2026 годов будет самой сложной, заявил министр энергетики Кыргызстана Талант Ибраимов.\n")
    statements = [e for e in extraction_of(tmp_path, gazetteer, text, "winter.md").events if e.type == "statement"]
    assert [e.date for e in statements] == ["2025-09-18"], statements  # not 2025, the winter's


def test_a_date_right_after_a_noun_of_a_happening_is_that_happenings(tmp_path, gazetteer):
    # the parser hangs «в мае» from the verb; it follows «протестов», whose date it is
    text = ("---\npublished: 2025-03-14\n---\n\nПрокурор потребовал в суде для организаторов протестов в мае "
            "2023 года десять лет заключения, сообщил адвокат Рустам Валиев.\n")
    events = extraction_of(tmp_path, gazetteer, text, "unrest.md").events
    # the demand in court and the lawyer's report are of the story's day; the protests of May 2023
    # are no event of their own here (a noun, no trigger verb)
    assert sorted((e.date, e.type) for e in events) == [("2025-03-14", "legal"), ("2025-03-14", "statement")], events


def test_a_feminine_verb_of_speech_gives_the_quotation_to_the_woman_named_before(tmp_path, gazetteer):
    text = ("КАРАКОЛ, 5 апреля — Тестовое агентство. Главный врач районной больницы Айгуль Садыкова объявила "
            "о закрытии родильного отделения на ремонт.\n\n"
            "Работы проведет подрядчик Бакыт Осмонов, надзор поручен инженеру Нурлану Токтогулову.\n\n"
            "«Рожениц примут в соседнем районе до конца лета», — пояснила она.\n\n"
            "«Плановые операции перенесут на осень», — добавила она.\n")
    quotes = quote_starts(tmp_path, gazetteer, text, "woman.txt")
    assert quotes == [("Айгуль Садыкова", "Рожениц примут"), ("Айгуль Садыкова", "Плановые операции")], quotes


def test_a_daughters_patronymic_names_a_woman_for_a_feminine_verb_of_speech(tmp_path, gazetteer):
    text = ("КАРАКОЛ, 5 апреля — Тестовое агентство. Главный агроном района Жылдыз Токтосун кызы объявила "
            "о начале весеннего сева.\n\n"
            "Семена доставит подрядчик Бакыт Осмонов, технику выделит инженер Нурлан Токтогулов.\n\n"
            "«Сев закончим до конца апреля», — пояснила она.\n")
    quotes = quote_starts(tmp_path, gazetteer, text, "daughter.txt")
    assert quotes == [("Жылдыз Токтосун кызы", "Сев закончим")], quotes


def test_a_quotation_of_the_agency_of_the_minister_and_of_the_defender_named_before(tmp_path, gazetteer):
    text = ("ДУШАНБЕ, 3 марта — Тестовое агентство. Министерство внутренних дел Таджикистана сообщило о задержании "
            "трех граждан в Хатлонской области.\n\n"
            "«Задержанные планировали выехать за рубеж», — отметили в ведомстве.\n\n"
            "Глава МВД Рамазон Рахимзода в свою очередь сказал журналистам: «Мы продолжим работу по выявлению вербовщиков».\n\n"
            "«Ситуация находится под контролем», — добавил министр.\n\n"
            "Адвокат одного из задержанных Зафар Назаров не согласен с обвинением.\n\n"
            "«Мы будем обжаловать арест», — заявил защитник.\n")
    quotes = quote_starts(tmp_path, gazetteer, text, "agency.txt")
    assert quotes == [("Ministry of Internal Affairs of Tajikistan", "Задержанные планировали"),
                      ("Рамазон Рахимзода", "Мы продолжим"), ("Рамазон Рахимзода", "Ситуация находится"),
                      ("Зафар Назаров", "Мы будем")], quotes


def test_she_after_a_quotation_nobody_named_close_before_is_the_one_quoted_last(tmp_path, gazetteer):
    text = ("БИШКЕК, 5 мая — Тестовое агентство. Президент Кыргызстана Садыр Жапаров подписал закон о СМИ.\n\n"
            "Представитель правозащитной организации Чолпон Джакупова раскритиковала документ.\n\n"
            "«Этот закон ограничит свободу слова», — сказала правозащитница.\n\n"
            "По мнению эксперта, «власти готовят почву для новых ограничений».\n\n"
            "«Мы направим обращение в Конституционный суд», — пообещала она.\n")
    quotes = quote_starts(tmp_path, gazetteer, text, "she.txt")
    assert ("Чолпон Джакупова", "Этот закон") in quotes and ("Чолпон Джакупова", "Мы направим") in quotes, quotes
    assert not any(words == "власти готовят" for _, words in quotes), quotes  # an expert the story never named


@pytest.mark.parametrize("text, expected", [
    # «…», — цитирует X сообщение Y: Y's words, not the outlet's
    ("ТАШКЕНТ, 12 марта — Тестовое агентство. Министр иностранных дел Узбекистана Бахтиёр Саидов "
     "встретился в Ташкенте с послом России.\n\n"
     "«В ходе встречи обсуждены сроки открытия нового пункта пропуска на границе», "
     "— цитирует агентство Интерфакс сообщение посольства России.\n",
     [("посольство России", "В ходе")]),
    # «координатор» is an office; «— пояснил представитель ООН» is the office-holder just named
    ("КАБУЛ, 2 сентября 2021 — Тестовое агентство. ООН продолжит работу в стране, заявил координатор ООН "
     "по гуманитарным вопросам Ильдар Сабиров.\n\n"
     "Как рассказал господин Сабиров, взаимодействие длится много лет. «У нас есть рабочие контакты с "
     "властями», — пояснил агентству представитель ООН.\n",
     [("Ильдар Сабиров", "У нас")]),
    # «— приводит X заявление дипмиссии»: the mission named by a common noun is the body named before
    ("АЛМАТЫ, 3 ноября — Тестовое агентство. Посольство Турции в Казахстане провело переговоры с "
     "акиматом города о культурном обмене.\n\n"
     "«Договорились открыть в городе центр турецкого языка до конца следующего года», "
     "— приводит Sputnik заявление турецкой дипмиссии.\n",
     [("Посольство Турции", "Договорились открыть")]),
], ids=["an outlet cites a body's words", "a body's representative is the coordinator named",
        "an outlet cites a mission's words"])
def test_the_speaker_behind_an_outlet_or_a_representative(tmp_path, gazetteer, text, expected):
    quotes = quote_starts(tmp_path, gazetteer, text, "cited.md")
    assert quotes == expected, quotes


def test_his_words_after_a_quotation_are_the_paragraphs_speakers_not_the_one_he_met(tmp_path, gazetteer):
    text = ("МОСКВА, 5 мая 2004 — Тестовое агентство. Президент Туркменистана Арслан Мурадов прибыл в Москву.\n\n"
            "На встрече в Кремле с Николаем Петренко туркменский руководитель подчеркнул, что «Россия — великая "
            "страна». По его словам, «очень много сделано с участием России».\n")
    quotes = quote_starts(tmp_path, gazetteer, text, "his.md")
    assert ("Арслан Мурадов", "очень много") in quotes and not any(s == "Николай Петренко" for s, _ in quotes), quotes


def test_an_outlet_named_by_its_sites_address_is_a_medium(tmp_path, gazetteer):
    text = ("ОШ, 12 февраля 2025. В городе открылся новый крытый рынок, пишет Jarchy-Test.kg. По данным издания "
            "Kabar-Test.kz, на рынке будет триста мест.\n\n"
            "Торговцы рассказали «Сводкам.kg», что аренда выросла вдвое. «Сводки.kg» пишут и о ценах на муку.\n\n"
            "Заявку на место можно подать на сайте uslugi-test.kz. Подробности на www.meria-test.kg/news, "
            "вопросы: info@meria-test.kg.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "address.md").entities
    media = sorted(name for name, e in entities.items() if e.type == "media")
    # an outlet's plural name stays plural; a site nobody reports from, a link and a mail are no media
    assert media == ["Jarchy-Test.kg", "Kabar-Test.kz", "Сводки.kg"], media


def test_the_source_of_the_news_is_no_statement_unless_a_person_is_named(tmp_path, gazetteer):
    text = ("ДУШАНБЕ, 3 октября 2024 — Тестовое агентство. В Хатлонской области начался ремонт дороги.\n\n"
            "Об этом сообщает Тестовое агентство.\n\n"
            "Об этом также сообщил пресс-секретарь хукумата Фаррух Саидзода.\n")
    statements = [e for e in extraction_of(tmp_path, gazetteer, text, "source.md").events if e.type == "statement"]
    assert [e.actors for e in statements] == [["Фаррух Саидзода"]], statements


def test_a_part_of_the_day_before_a_date_leaves_the_date_to_the_verb(tmp_path, gazetteer):
    text = ("---\npublished: 2025-03-06\n---\n\nДело против предпринимателя было возбуждено 3 марта.\n\n"
            "Предприниматель Азамат Токтосунов был задержан вечером 4 марта в аэропорту.\n")
    arrests = [e for e in extraction_of(tmp_path, gazetteer, text, "evening.md").events if e.type == "arrest"]
    assert [e.date for e in arrests] == ["2025-03-04"], arrests  # «вечером» is the date's, not a noun's


def test_a_happening_then_who_said_it_is_the_happening_and_their_statement(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 марта 2025 — Тестовое агентство. В четверг сель разрушил два моста в Ала-Букинском районе, "
            "сообщил пресс-секретарь МЧС Нурлан Осмонов.\n")
    events = extraction_of(tmp_path, gazetteer, text, "said.md").events
    assert sorted((e.type, e.date) for e in events) == [("disaster", "2025-03-13"), ("statement", "2025-03-13")], events


def test_a_deadline_dates_nothing_and_the_hurt_after_a_blast_are_its_toll(tmp_path, gazetteer):
    text = ("ДУШАНБЕ, 3 октября 2024 — Тестовое агентство. Взрыв прогремел на рынке в Кулябе 2 октября. "
            "Пострадали 7 человек.\n\n"
            "Министр энергетики Бахром Зухуров заявил, что из энергетического кризиса страна выйдет к 2028 году.\n")
    events = extraction_of(tmp_path, gazetteer, text, "toll.md").events
    assert [e.type for e in events if e.type != "statement"] == ["attack"], events  # no event of the wounded
    assert not any(e.date and e.date.startswith("2028") for e in events), events  # «к 2028 году»: a deadline


def test_a_street_or_square_is_named_with_its_noun_and_a_town_is_not_a_street(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 марта 2025 — Тестовое агентство. Утром на улице Садовой и на площади Звездной прошел "
            "митинг. Движение по проспекту Ломоносова закрыто.\n\n"
            "На пересечении улиц Полевой и Полежаева нашли сумку. На улицах Оша лежал снег.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "streets.md").entities
    streets = {n for n, e in entities.items() if e.kind == "place" and e.type == "other"}
    assert streets == {"улица Садовая", "площадь Звездная", "проспект Ломоносова", "улица Полевая",
                       "улица Полежаева"}, sorted(entities)
    assert "Osh" in entities and not [n for n, e in entities.items() if e.type == "person"], sorted(entities)


def test_a_country_in_the_genitive_after_a_street_noun_is_the_country(tmp_path, gazetteer):
    # «площадь» is also an area: «общая площадь Таджикистана» is the country's, no square
    text = ("ДУШАНБЕ, 3 марта 2024 — Тестовое агентство. Общая площадь Таджикистана составляет 143 тысячи "
            "квадратных километров.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "area.md").entities
    assert "Tajikistan" in entities and not [n for n in entities if n.startswith("площадь")], sorted(entities)


def test_an_adjective_or_participle_opening_a_sentence_is_no_name(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 марта 2025 — Тестовое агентство. Рассекреченные документы фиксируют нарушения.\n\n"
            "Задержанную вчера учительницу отпустили.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "opening.md").entities
    assert not {"Рассекреченные", "Задержанную", "Задержанная"} & set(entities), sorted(entities)


def test_a_name_coordinated_with_a_name_in_the_genitive_is_in_the_genitive_too(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 марта 2025 — Тестовое агентство. Следователи проверили дом Эркинбека Сапарова и "
            "Зайнидина Токтосунова.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "search.md").entities
    assert {"Эркинбек Сапаров", "Зайнидин Токтосунов"} <= set(entities), sorted(entities)


def test_a_bodys_name_ends_with_the_body_or_place_it_sits_at(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 марта 2025 — Тестовое агентство. Проверку провел Департамент по борьбе с контрабандой "
            "при Министерстве финансов.\n\n"
            "Об этом сообщил пресс-центр Штаба по ликвидации последствий паводков в Нарынской области.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "seat.md").entities
    assert {"Департамент по борьбе с контрабандой при Министерстве финансов",
            "Штаб по ликвидации последствий паводков в Нарынской области", "Naryn Region"} <= set(entities), sorted(entities)
    assert not any(name.startswith("Министерств") for name in entities), sorted(entities)


def test_complements_coordinated_after_a_bodys_noun_are_each_a_body(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 марта 2025 — Тестовое агентство. К тушению были привлечены Министерства по чрезвычайным "
            "ситуациям, лесного хозяйства, энергетики и городских служб.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "bodies.md").entities
    ministries = {name for name in entities if name.startswith("Министерств")}
    assert ministries == {"Министерство по чрезвычайным ситуациям", "Министерство лесного хозяйства",
                          "Министерство энергетики"}, sorted(entities)


def test_a_body_named_by_a_common_noun_its_remit_and_its_place(tmp_path, gazetteer):
    text = ("БИШКЕК, 14 марта 2025 — Тестовое агентство. Об этом сообщили в министерстве внутренних дел "
            "Таджикистана и в правительстве Казахстана.\n\n"
            "Власти Нарынской области и департамент образования Ошской области проверили школы, а милиция "
            "Кыргызстана усилила охрану.\n")
    entities = extraction_of(tmp_path, gazetteer, text, "bodies.md").entities
    assert {"Ministry of Internal Affairs of Tajikistan", "правительство Казахстана", "Власти Нарынской области",
            "департамент образования Ошской области", "милиция Кыргызстана"} <= set(entities), sorted(entities)
    assert {"Tajikistan", "Kazakhstan", "Naryn Region", "Osh Region", "Kyrgyzstan"} <= set(entities), sorted(entities)


@pytest.mark.parametrize("text, expected", [
    # «— заявил он, добавив, что … в МИД X»: the pronoun after the verb speaks, not the body named after it
    ("БИШКЕК, 5 мая — Тестовое агентство. Депутат парламента Азамат Бекбоев рассказал о задержании коллег.\n\n"
     "«Нам ничего не объяснили», — заявил он, добавив, что их вызывали в МИД Кыргызстана.\n",
     [("Азамат Бекбоев", "Нам ничего")]),
    # «— зачитал решение судья X»: reading a ruling aloud is speech
    ("ШЫМКЕНТ, 9 ноября — Тестовое агентство. Суд рассмотрел иск фермеров к районному акимату.\n\n"
     "«Обязать ответчика вернуть истцам земельные участки в месячный срок», — зачитал решение судья "
     "Ерлан Бекмуханов.\n",
     [("Ерлан Бекмуханов", "Обязать ответчика")]),
    # a figure dash (‒) before the attribution is a dash like any other
    ("БИШКЕК, 5 мая — Тестовое агентство. Парламент обсудил законопроект о пограничном контроле.\n\n"
     "«Мы поддерживаем решение правительства», ‒ сообщила в интервью радио депутат Айгуль Токтоматова.\n",
     [("Айгуль Токтоматова", "Мы поддерживаем")]),
], ids=["he after the verb", "a verdict read aloud", "a figure dash"])
def test_the_speaker_after_a_quotation_named_by_its_attribution(tmp_path, gazetteer, text, expected):
    quotes = quote_starts(tmp_path, gazetteer, text, "after.md")
    assert quotes == expected, quotes


def test_an_undated_lead_is_of_the_day_the_next_sentence_says_it_was_reported(tmp_path, gazetteer):
    text = ("Против бывшего директора водоканала Нурбека Сагынбаева возбуждено уголовное дело.\n\n"
            "Об этом в интервью 14 мая рассказал представитель прокуратуры Алмаз Токтогулов.\n")
    events = extraction_of(tmp_path, gazetteer, text, "reported.txt").events
    lead = [e for e in events if e.paragraph == 0]
    assert lead and all(e.date == "--05-14" for e in lead), [(e.type, e.date, e.paragraph) for e in events]


def test_less_common_verbs_of_speech_attribute_a_quotation(tmp_path, gazetteer):
    """«поведал», «посетовал» and their kin are speech verbs like «заявил» (the lexicon's
    ``speech_verbs``): the quotation before them is the named person's."""
    text = (
        "Хоким района Далер Камолов осмотрел новый мост 2 июня.\n\n"
        "«Мост простоит не меньше полувека», — поведал Камолов.\n\n"
        "«Пока сюда не дошла вода», — жаловался фермер Бахром Усмонов.\n\n"
        "«Мы закончим к осени», — уверил подрядчик Алишер Назаров.\n"
    )
    said = {(q.speaker, q.text.split()[0]) for q in extraction_of(tmp_path, gazetteer, text, "v.txt").quotes}
    assert ("Далер Камолов", "Мост") in said
    assert ("Бахром Усмонов", "Пока") in said
    assert ("Алишер Назаров", "Мы") in said
