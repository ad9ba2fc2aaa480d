"""Russian-language articles: the per-article stages for text in Russian. No MkDocs here.

The English stages read an article with spaCy; a Russian one is read with Natasha (segmentation,
morphology, syntax and named entities, models shipped in the packages) and pymorphy3 (lemmas and
inflection), and yields the same records: mentions and sentences, then entities through the shared
``entities.resolve_article``, quotes, and events with the same fields as the English ones.

    nlp.py       the models, loaded once, lazily
    names.py     a name as the text inflects it -> its nominative («Баткенской области» -> Баткенская область)
    mentions.py  names in the text -> ``Mention`` records, the gazetteer consulted by lemma
    dates.py     Russian dates («25 декабря», «в 2021 году», «вчера») resolved against the article's own
    events.py    trigger lemmas of ``data/russian.yml`` -> dated events with participants
    quotes.py    «…» and the dash style, attributed to their speaker
"""
