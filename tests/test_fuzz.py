"""Fuzzing: the stages that read untrusted input fail only in the ways they promise.

Ingestion raises ``SeedError`` (a reason the build log shows) or returns a clean document; every
later stage returns its record. Thousands of inputs for the stages without a model, a few hundred
short ones for the spaCy stages. Each test also checks what its output promises the next stage.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regional_briefs.extract.clean import clean, dateline_date
from regional_briefs.assemble.curation import Curation, load_curation
from regional_briefs.knowledge.gazetteer import Gazetteer
from regional_briefs.extract.ingest import RawDocument, SeedError, front_matter, markdown_to_text, read_seed, text_blocks
from regional_briefs.model import Article, Entity, Mention, Paragraph, Site
from regional_briefs.render.pages import render_site
from regional_briefs.pipeline import extract
from regional_briefs.text import _RESERVED, name_key, slug

SUFFIXES = [".txt", ".md", ".html", ".htm", ".markdown", ".text"]
FUNCTION_FIXTURE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
# Characters that never survive ingestion: controls (a NUL, Markdown's \x02 placeholder) and line breaks.
UNSAFE_IN_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# Pieces of web text, markup, Markdown, YAML and scripts that seeds are made of.
TOKENS = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<script>alert(1)</script>", "<style>p{}</style>", "<br>", "<!--", "-->",
    "<![CDATA[", "]]>", "<a href=\"javascript:alert(1)\">", "</a>", "<img src=x onerror=alert(1)>", "<h1>", "</h1>",
    "&amp;", "&lt;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "<meta charset=\"koi8-r\">", "<title>", "</title>",
    "---\n", "# ", "## ", "**", "__", "*", "_", "`", "[x](", "javascript:alert(1))", "![i](", ")", "|", "> ", "- ",
    "1. ", "{{ config }}", "{% include 'x' %}", "\\", "title: ", "published: 2025-02-30", "date: 2025-13-01",
    "!!python/object/apply:os.system [\"echo pwned\"]", "&a [x]", "*a", "!!binary zz", "? [a]\n: b",
    "\n", "\n\n", "\r\n", "\r", "\t", "  ", "\u2028", "\x0b", "\x0c", "\x00", "\x02", "\x03", "\ufeff", "\u202e",
    "Dushanbe", "Ivan Petrov", "RFE/RL", "the Taliban", "Tajikistan's", "Mr.", "said.", "on Monday,",
    "DUSHANBE, Sept. 11 (Asia-Plus) -", "02.05.2024", "October 25", "2025", "USD 10.93 ▲", "Home | News | Sport",
    "Министр", "Душанбе", "محمد", "中国", "💥", "é", "e\u0301", "ǅ", "İ", "ß", ".", ",", "!", "?", "\"", "“", "”", "'",
])
MARKUP_TEXT = st.lists(st.one_of(TOKENS, st.text(max_size=8)), max_size=60).map("".join)
BLOCK = st.lists(st.one_of(TOKENS, st.text(max_size=8)), min_size=1, max_size=15).map(lambda t: " ".join("".join(t).split()))
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16", "latin-1", "koi8-r"])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def assert_clean_document(doc: RawDocument) -> None:
    assert doc.blocks and all(block.strip() for block in doc.blocks)
    for text in [*doc.blocks, doc.title or "", doc.url or "", doc.outlet or ""]:
        assert not UNSAFE_IN_TEXT.search(text), repr(text)
    assert doc.url is None or re.match(r"https?://", doc.url, re.I)
    assert doc.published is None or doc.published.is_valid()
    assert all(0 <= i < len(doc.blocks) for i in doc.headings)


def assert_clean_article(article: Article) -> None:
    assert [p.index for p in article.paragraphs] == list(range(len(article.paragraphs)))
    assert article.title.strip()
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article.id) and article.id not in _RESERVED
    for paragraph in article.paragraphs:
        assert paragraph.text.strip() and not UNSAFE_IN_TEXT.search(paragraph.text), repr(paragraph.text)
    assert article.published is None or article.published.is_valid()


# --- ingest ------------------------------------------------------------------------------------


@settings(max_examples=1000, deadline=None, suppress_health_check=FUNCTION_FIXTURE)
@given(data=st.one_of(st.binary(max_size=3000), st.binary(max_size=3000).map(lambda b: b.replace(b"\0", b""))),
       suffix=st.sampled_from(SUFFIXES))
def test_read_seed_on_random_bytes_raises_only_seed_error(folder, data, suffix):
    path = folder / f"seed{suffix}"
    path.write_bytes(data)
    try:
        doc = read_seed(path)
    except SeedError as exc:
        assert str(exc)
        return
    assert_clean_document(doc)
    assert_clean_article(clean(doc))


@settings(max_examples=1000, deadline=None, suppress_health_check=FUNCTION_FIXTURE)
@given(text=MARKUP_TEXT, encoding=ENCODINGS, suffix=st.sampled_from(SUFFIXES), front=st.booleans())
def test_read_seed_and_clean_on_random_markup(folder, text, encoding, suffix, front):
    path = folder / f"markup{suffix}"
    path.write_bytes((("---\n" + text + "\n---\n" + text) if front else text).encode(encoding, errors="replace"))
    try:
        doc = read_seed(path, max_bytes=100_000)
    except SeedError as exc:
        assert str(exc)
        return
    assert_clean_document(doc)
    assert_clean_article(clean(doc))


@settings(max_examples=1000, deadline=None)
@given(MARKUP_TEXT)
def test_front_matter_gives_strings_or_warnings(text):
    meta, warnings = front_matter(text)
    for key, value in meta.items():
        assert value is None or isinstance(value, str) or (key == "tags" and all(isinstance(v, str) for v in value))
    assert all(isinstance(w, str) and w for w in warnings)


@settings(max_examples=1000, deadline=None)
@given(MARKUP_TEXT)
def test_text_blocks_and_markdown_text_are_single_lines(text):
    for block in text_blocks(text):
        assert block == " ".join(block.split()) and block
    line = markdown_to_text(text)
    assert line == " ".join(line.split())


# --- clean ---------------------------------------------------------------------------------------


@settings(max_examples=1000, deadline=None)
@given(blocks=st.lists(BLOCK, max_size=12),
       headings=st.sets(st.integers(0, 11)), title=st.one_of(st.none(), MARKUP_TEXT),
       source=st.text(min_size=1, max_size=40).map(lambda s: s + ".txt"))
def test_clean_returns_a_well_formed_article(blocks, headings, title, source):
    doc = RawDocument(source, "text", [UNSAFE_IN_TEXT.sub("", b) for b in blocks if UNSAFE_IN_TEXT.sub("", b).strip()],
                      headings=set(headings), title=" ".join(title.split()) or None if title else None)
    article = clean(doc)
    if article.paragraphs:
        assert_clean_article(article)


@settings(max_examples=500, deadline=None)
@given(MARKUP_TEXT)
def test_dateline_dates_are_possible_dates(text):
    date = dateline_date(text)
    assert date is None or date.is_valid()


# --- names, slugs and escaping -----------------------------------------------------------------


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(max_size=120), MARKUP_TEXT))
def test_slug_is_one_safe_path_segment(name):
    value = slug(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value), (name, value)
    assert value not in _RESERVED and len(value) <= 67
    assert slug(name) == value
    name_key(name)


@settings(max_examples=1000, deadline=None)
@given(heading=st.one_of(st.text(min_size=1, max_size=60), MARKUP_TEXT), text=st.one_of(st.text(min_size=1, max_size=100), MARKUP_TEXT),
       span=st.tuples(st.integers(0, 100), st.integers(1, 20)))
def test_any_paragraph_renders_as_exactly_its_characters(heading, text, span):
    heading, text = (" ".join(UNSAFE_IN_TEXT.sub(" ", t).split()) or "x" for t in (heading, text))
    start = min(span[0], len(text) - 1)
    end = min(len(text), start + span[1])
    article = Article(id="a", source="a.txt", title=text, paragraphs=[Paragraph(0, heading, heading=True), Paragraph(1, text)])
    entity = Entity(id="e", kind="actor", type="person", name=heading, articles=["a"])
    mention = Mention(text[start:end], 1, start, end, "actor", "person", entity="e")
    site = Site({"a": article}, {"e": entity}, {}, {}, {"a": [mention]})
    page = render_site(site)["articles/a.md"].body
    rendered = markdown.markdown(page, extensions=["attr_list", "md_in_html", "admonition", "toc"])
    assert element_text(rendered, "p1") == heading, (heading, page)
    assert element_text(rendered, "p2") == text, (text, page)


class _ElementText(HTMLParser):
    def __init__(self, element_id: str):
        super().__init__(convert_charrefs=True)
        self.element_id, self.depth, self.chunks = element_id, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth or dict(attrs).get("id") == self.element_id:
            self.depth += 1

    def handle_endtag(self, tag):
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if self.depth:
            self.chunks.append(data)


def element_text(page_html: str, element_id: str) -> str:
    """The visible text of the element with that id, whitespace folded."""
    reader = _ElementText(element_id)
    reader.feed(page_html)
    return " ".join("".join(reader.chunks).split())


# --- curation ------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=FUNCTION_FIXTURE)
@given(MARKUP_TEXT)
def test_curation_reports_problems_and_never_raises(folder, text):
    briefs = folder / "briefs"
    briefs.mkdir(exist_ok=True)
    (briefs / "fuzz.yml").write_text(text, encoding="utf-8", errors="replace")
    curation = load_curation(briefs)
    assert all(p.startswith("briefs/fuzz.yml") for p in curation.problems)
    for fix in curation.articles.values():
        assert fix.url is None or re.match(r"https?://", fix.url, re.I)


# --- the model stages: mentions, entities, events ----------------------------------------------

WORDS = st.one_of(
    st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True), st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[A-Z]{2,5}", fullmatch=True), st.integers(0, 3000).map(str), TOKENS,
)
SHORT_PARAGRAPH = st.lists(WORDS, min_size=1, max_size=25).map(" ".join)


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load(())


@settings(max_examples=200, deadline=None, suppress_health_check=FUNCTION_FIXTURE)
@given(paragraphs=st.lists(SHORT_PARAGRAPH, min_size=1, max_size=3))
def test_mentions_entities_and_events_on_random_text(folder, gazetteer, paragraphs):
    path = folder / "model.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    try:
        extraction = extract(path, gazetteer, Curation())
    except SeedError as exc:
        assert str(exc)
        return
    texts = [p.text for p in extraction.article.paragraphs]
    for m in extraction.mentions:
        assert texts[m.paragraph][m.start:m.end] == m.text
        assert m.name in extraction.entities
    for quote in extraction.quotes:
        assert quote.speaker in extraction.entities and 0 <= quote.paragraph < len(texts)
    for event in extraction.events:
        assert set(event.actors) | set(event.places) <= set(extraction.entities)
        assert 0 <= event.paragraph < len(texts)
