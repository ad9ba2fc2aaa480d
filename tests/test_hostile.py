"""Hostile and broken seeds: nothing executes, nothing escapes the site, nothing good is lost.

Seeds are web text. A seed, its file name, its front matter and the analyst's ``briefs/`` YAML may
hold markup, Markdown, template braces, hostile YAML tags and names that look like paths; files
may be empty, binary, over-large, in a legacy encoding or saved twice. The tests below put each
of these through real ``mkdocs build`` runs and check what a reader sees (pages, search index) and
what a script reads (``graph.json``, ``events.csv``); the property-based test runs the pipeline
in-process.
"""

from __future__ import annotations

import csv
import html
import io
import json
import posixpath
import re
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_project, mkdocs_build, mkdocs_serving
from regional_briefs.assemble.curation import load_curation
from regional_briefs.render.export import events_csv, graph
from regional_briefs.extract.ingest import front_matter, read_seed
from regional_briefs.model import (
    Article, Brief, Entity, Event, EventSource, Mention, Paragraph, PartialDate, Quote, Role, Site,
)
from regional_briefs.render.links import source_url
from regional_briefs.render.pages import render_site
from regional_briefs.pipeline import Options, build_site

# One string with every kind of markup a seed could carry; it must reach every page as these characters.
HOSTILE = ("</p></span><script>alert(1)</script> <img src=x onerror=alert(1)> "
           "<a href=\"javascript:alert(1)\">click</a> [x](javascript:alert(1)) **bold** _em_ `code` "
           "# heading |table|row| {{ config }} {% include 'x' %} &amp; \\*")
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc"]  # what the plugin turns on
PAGE_TAGS = {"article", "div", "p", "span", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
             "strong", "em", "code", "blockquote", "br", "hr"}  # the tags a generated page may use


class _Reader(HTMLParser):
    """What a browser makes of a page: the elements with their attributes, script bodies, visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.chunks: list[str] = []
        self.title = ""
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style", "title"):
            self._open.append(tag)
            if tag != "title":
                self.scripts.append("")

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if not self._open:
            self.chunks.append(data)
        elif self._open[-1] == "title":
            self.title += data
        else:
            self.scripts[-1] += data

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())


def read_html(text: str) -> _Reader:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader


def live_markup(text: str, allowed_tags: set[str] | None = None) -> list[str]:
    """Whatever in ``text`` a browser would run or follow because a seed said so."""
    reader = read_html(text)
    found = []
    for tag, attrs in reader.elements:
        if allowed_tags is not None and tag not in allowed_tags:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            script_url = re.match(r"\s*(javascript|vbscript|data):", value, re.I)
            # A seed's text may sit, escaped, in a link to a web page or in the words Pagefind indexes
            # (a filter's value, shown as text); anywhere else it says markup went live.
            injected = "alert(" in value and not (name == "href" and re.match(r"https?://", value)
                                                   or name.startswith("data-pagefind-"))
            if name.startswith("on") or script_url or injected:
                found.append(f"<{tag} {name}={value!r}>")
    found += [f"<script>{body[:60]}" for body in reader.scripts if "alert(" in body]
    return found


def page_content(page_html: str) -> str:
    """The generated part of a built page (Material's ``<article>``)."""
    return page_html.split('<article class="md-content__inner', 1)[1].rsplit("</article>", 1)[0]


def body(page_html: str) -> str:
    return page_html.split("<body", 1)[1]


def normalised(text: str) -> str:
    return " ".join(text.split())


# --- 1. Markup stays text: a site built from hostile seeds -------------------------------------

HOSTILE_SEEDS = {
    "hostile.md": """
        ---
        title: </title><script>alert(1)</script> {{ config }} **bold**
        published: 2025-03-01
        source: <b>Evil Wire</b> {% include "secret" %}
        url: javascript:alert(1)
        ---

        Ivan Petrov met officials of O'Brien & Sons in Dushanbe on 1 March 2025, the ministry said in a statement.

        Ivan Petrov said <img src=x onerror=alert(1)> and {{ config.site_name }} and {% include "secret" %} were not discussed.

        Officials also read [the report](javascript:alert(1)) and a <script>alert(1)</script> block in Dushanbe.
        """,
    "hostile.txt": """
        Officials in Kabul read **bold** claims on Tuesday, the ministry said in a statement.

        # heading

        The |table|row| of figures and [x](javascript:alert(1)) were shown to Ivan Petrov in Kabul, officials said.

        <script>alert(1)</script>

        Ivan Petrov said {{ config }} and {% include "x" %} and <a href="javascript:alert(1)">click</a> meant nothing.
        """,
    "hostile.html": """
        <html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Kabul talks resume</title>
        <script>alert("live")</script></head>
        <body><article><h1>&lt;script&gt;alert(1)&lt;/script&gt; Kabul talks resume</h1>
        <p>Ivan Petrov arrived in Kabul on Wednesday for talks with officials of the government, the ministry said in a statement.</p>
        <p>He said that &lt;img src=x onerror=alert(1)&gt; and {{ config }} were typed by a reader, and <a href="javascript:alert(1)">this report</a> was read aloud.</p>
        <p onclick="alert(1)">Officials in Kabul declined to comment on the visit of Ivan Petrov, according to local media reports on Wednesday.</p>
        </article></body></html>
        """,
}
HOSTILE_BRIEFS = {
    "hostile.yml": """
        title: "<img src=x onerror=alert(1)> Brief {{ config }}"
        summary: "[x](javascript:alert(1)) **bold** {% include 'x' %}"
        articles:
          hostile.txt:
            title: "**Bold** <img src=x onerror=alert(1)> {% include 'x' %}"
            source: "<script>alert(1)</script>"
        entities:
          - name: Ivan Petrov
            rename: "Ivan <b>Petrov</b> {{ config }} **bold** [x](javascript:alert(1))"
            description: "<script>alert(1)</script> # heading |table|"
        """,
}
RENAMED = "Ivan <b>Petrov</b> {{ config }} **bold** [x](javascript:alert(1))"
MD_TITLE = "</title><script>alert(1)</script> {{ config }} **bold**"
TXT_TITLE = "**Bold** <img src=x onerror=alert(1)> {% include 'x' %}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile"), HOSTILE_SEEDS, HOSTILE_BRIEFS)
    build = mkdocs_build(project, strict=False)
    assert build.returncode == 0, build.log
    return build


def generated_pages(build) -> list[Path]:
    return sorted(p for folder in ("articles", "actors", "places", "events", "briefs", "timeline")
                  for p in (build.site / folder).rglob("index.html"))


def _article(build, source: str) -> dict:
    return next(a for a in build.graph["articles"] if a["source"] == source)


def test_hostile_site_warns_only_about_the_javascript_url(hostile_site):
    assert [w for w in hostile_site.warnings if "regional_briefs" in w] == [
        "WARNING -  regional_briefs: seeds/hostile.md: url 'javascript:alert(1)' is not a web address "
        "(http or https); ignored"
    ], hostile_site.log


def test_no_seed_markup_is_live_on_any_page(hostile_site):
    pages = generated_pages(hostile_site)
    assert len(pages) > 8
    for path in pages:
        page = path.read_text(encoding="utf-8")
        where = path.relative_to(hostile_site.site)
        assert not live_markup(body(page)), (where, live_markup(body(page)))
        assert not live_markup(page_content(page), PAGE_TAGS), (where, live_markup(page_content(page), PAGE_TAGS))


def test_article_pages_show_markup_markdown_and_braces_as_typed(hostile_site):
    md = read_html(page_content(hostile_site.page(_article(hostile_site, "hostile.md")["page"])))
    assert MD_TITLE in md.text
    assert '<b>Evil Wire</b> {% include "secret" %}' in md.text
    assert 'said <img src=x onerror=alert(1)> and {{ config.site_name }} and {% include "secret" %} were' in md.text
    assert "read the report and a <script>alert(1)</script> block" in md.text  # a .md link keeps its words only
    assert "report](javascript" not in md.text
    txt = read_html(page_content(hostile_site.page(_article(hostile_site, "hostile.txt")["page"])))
    for typed in (TXT_TITLE, "read **bold** claims", "# heading", "The |table|row| of figures and [x](javascript:alert(1))",
                  "<script>alert(1)</script>", 'said {{ config }} and {% include "x" %} and <a href="javascript:alert(1)">click</a>'):
        assert typed in txt.text, typed
    html_page = read_html(page_content(hostile_site.page(_article(hostile_site, "hostile.html")["page"])))
    assert "<script>alert(1)</script> Kabul talks resume" in html_page.text
    assert "that <img src=x onerror=alert(1)> and {{ config }} were typed" in html_page.text
    assert "this report was read aloud" in html_page.text
    assert 'alert("live")' not in html_page.text  # a saved page's own script is markup, not story


def test_entity_and_brief_pages_show_curated_markup_as_typed(hostile_site):
    graph = hostile_site.graph
    person = next(e for e in graph["entities"] if e["name"] == RENAMED)
    entity_page = read_html(page_content(hostile_site.page(person["page"])))
    assert RENAMED in entity_page.text
    assert "<script>alert(1)</script> # heading |table|" in entity_page.text
    names = {e["name"] for e in graph["entities"]}
    assert "O'Brien & Sons" in names
    obrien = next(e for e in graph["entities"] if e["name"] == "O'Brien & Sons")
    assert "O'Brien & Sons" in read_html(page_content(hostile_site.page(obrien["page"]))).text
    brief = read_html(page_content(hostile_site.page(graph["briefs"][0]["page"])))
    assert "<img src=x onerror=alert(1)> Brief {{ config }}" in brief.text
    assert "[x](javascript:alert(1)) **bold** {% include 'x' %}" in brief.text


def test_page_title_in_the_html_head_stays_text(hostile_site):
    for source, title in (("hostile.md", MD_TITLE), ("hostile.txt", TXT_TITLE)):
        head = hostile_site.page(_article(hostile_site, source)["page"]).split("<body", 1)[0]
        reader = read_html(head)
        assert not live_markup(head), (source, live_markup(head))
        assert reader.title.startswith(title), reader.title


def test_search_index_holds_seed_markup_as_text(hostile_site):
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = []
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert not live_markup(doc[field], PAGE_TAGS), (doc["location"], field, doc[field][:200])
            texts.append(read_html(doc[field]).text)
    everything = "\n".join(texts)
    for typed in (MD_TITLE, "<img src=x onerror=alert(1)>", "{{ config.site_name }}", "**bold** claims",
                  "|table|row|", RENAMED):
        assert typed in everything, typed


def test_export_holds_seed_strings_verbatim_and_drops_script_urls(hostile_site):
    graph = hostile_site.graph
    md = _article(hostile_site, "hostile.md")
    assert md["title"] == MD_TITLE
    assert md["outlet"] == '<b>Evil Wire</b> {% include "secret" %}'
    assert md["url"] is None
    txt = _article(hostile_site, "hostile.txt")
    assert (txt["title"], txt["outlet"]) == (TXT_TITLE, "<script>alert(1)</script>")
    person = next(e for e in graph["entities"] if e["name"] == RENAMED)
    assert person["description"] == "<script>alert(1)</script> # heading |table|"
    rows = list(csv.DictReader(io.StringIO((hostile_site.site / "export" / "events.csv").read_text(encoding="utf-8"))))
    meetings = [row for row in rows if row["sources"] == "hostile.md"]
    assert meetings, rows  # "Ivan Petrov met officials of O'Brien & Sons in Dushanbe on 1 March 2025"
    actors = {meetings[0]["actor1"], meetings[0]["actor2"], *meetings[0]["other_actors"].split("; ")}
    assert {RENAMED, "O'Brien & Sons"} <= actors  # as written, not HTML-escaped


# --- pages and export from a hand-made site with markup in every field --------------------------


def _hostile_site_record() -> Site:
    """A ``Site`` whose every seed-derived string is ``HOSTILE`` (mentions and events included)."""
    text = f"Before {HOSTILE} Ivan met Dushanbe officials. {HOSTILE}"
    start = text.index("Ivan")
    paragraphs = [Paragraph(0, HOSTILE, heading=True), Paragraph(1, text)]
    article = Article(id="a", source=f"={HOSTILE}.txt", title=HOSTILE, paragraphs=paragraphs,
                      published=PartialDate(2025, 3, 1), url="https://example.org/?q=<script>alert(1)</script>",
                      outlet=HOSTILE)
    person = Entity(id="ivan", kind="actor", type="person", name=f"=Ivan {HOSTILE}", aliases=[HOSTILE],
                    description=HOSTILE, roles=[Role(HOSTILE, "a", 1)], quotes=[Quote("ivan", HOSTILE, "a", 1)],
                    affiliations=["city"], articles=["a"])
    place = Entity(id="city", kind="place", type="city", name=f"@{HOSTILE}", aliases=[], description=HOSTILE,
                   within=None, articles=["a"], lat=38.5, lon=-68.7)
    mentions = [Mention("Ivan", 1, start, start + 4, "actor", "person", entity="ivan"),
                Mention("Dushanbe", 1, start + 13, start + 21, "place", "city", entity="city")]
    event = Event(id="e1", date=PartialDate(2025, 3, 1), type="diplomatic-meeting", title=f"+{HOSTILE}",
                  actors=["ivan"], places=["city"], fatalities=1,
                  sources=[EventSource("a", 1, HOSTILE, date=HOSTILE, fatalities=1)], disagreements=[HOSTILE])
    brief = Brief(id="b", title=HOSTILE, summary=HOSTILE, seeds=["*"], articles=["a"])
    return Site({"a": article}, {"ivan": person, "city": place}, {"e1": event}, {"b": brief}, {"a": mentions})


def test_every_rendered_page_shows_hostile_fields_as_text():
    site = _hostile_site_record()
    pages = render_site(site)
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    for path, page in pages.items():
        converter.reset()
        html_text = converter.convert(page.body)
        assert not live_markup(html_text, PAGE_TAGS), (path, live_markup(html_text, PAGE_TAGS))
        if path in ("articles/a.md", "actors/ivan.md", "places/city.md", "events/e1.md", "briefs/b.md"):
            assert normalised(HOSTILE) in read_html(html_text).text, path
    article_html = markdown.markdown(pages["articles/a.md"].body, extensions=MARKDOWN_EXTENSIONS)
    hrefs = [attrs["href"] for tag, attrs in read_html(article_html).elements if tag == "a"]
    assert "https://example.org/?q=<script>alert(1)</script>" in hrefs  # the original, as one attribute
    assert "../../actors/ivan/" in hrefs  # written as the engine serves it (MkDocs rewrites no raw HTML link)


def test_export_keeps_hostile_strings_verbatim_and_spreadsheet_cells_inert():
    site = _hostile_site_record()
    exported = json.loads(json.dumps(graph(site)))
    assert exported["articles"][0]["title"] == HOSTILE
    assert next(e for e in exported["entities"] if e["id"] == "ivan")["aliases"] == [HOSTILE]
    assert exported["events"][0]["sources"][0]["sentence"] == HOSTILE
    rows = list(csv.reader(io.StringIO(events_csv(site))))
    header, row = rows
    cells = dict(zip(header, row))
    assert cells["actor1"] == f"'=Ivan {HOSTILE}"
    assert cells["place"] == f"'@{HOSTILE}"
    assert cells["summary"] == f"'+{HOSTILE}"
    assert cells["sources"] == f"'={HOSTILE}.txt"
    assert cells["longitude"] == "-68.70000"
    for column in ("actor1", "actor2", "other_actors", "place", "enclosing_place", "sources", "summary"):
        assert cells[column][:1] not in ("=", "+", "-", "@", "\t", "\r"), column


# --- 2. Safe names and paths -------------------------------------------------------------------

STORY = "{who} met officials of {org} in Dushanbe on Monday, the ministry said in a statement about {file}."
UNSAFE_NAMES = {
    "a b.txt": STORY.format(who="Ivan Petrov", org="Acme+Co", file="one"),
    "a-b.txt": STORY.format(who="Ivan Petrov", org="Acme Co", file="two"),
    "index.md": STORY.format(who="Anna Ivanova", org="Index Group", file="four"),
    "CON.txt": STORY.format(who="Farid Karimov", org="CON", file="five"),
    "lpt1.md": STORY.format(who="Farid Karimov", org="the National Bank", file="six"),
    "Новости дня.txt": STORY.format(who="Иван Петров", org="Газпром", file="seven"),
    "أخبار اليوم.txt": STORY.format(who="محمد علي", org="Acme Co", file="eight"),
    "x" * 70 + "1.txt": STORY.format(who="Ivan Petrov", org="Acme Co", file="nine"),
    "x" * 70 + "2.txt": STORY.format(who="Ivan Petrov", org="Acme Co", file="ten"),
    " leading space.txt": STORY.format(who="Ivan Petrov", org="Acme Co", file="eleven"),
}
RESERVED = {"index", "con", "prn", "aux", "nul", "search", "assets", "export", "404",
            *(f"{p}{n}" for p in ("com", "lpt") for n in range(10))}


@pytest.fixture(scope="module")
def names_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("names")
    project = make_project(root / "project", UNSAFE_NAMES, {"names.yml": """
        entities:
          - name: Ivan Petrov
            rename: ../../etc/passwd
        """})
    build = mkdocs_build(project)
    assert build.returncode == 0, build.log
    return build


def test_every_seed_name_gets_its_own_article_page(names_site):
    graph = names_site.graph
    assert sorted(a["source"] for a in graph["articles"]) == sorted(UNSAFE_NAMES)
    pages = [a["page"] for a in graph["articles"]]
    assert len(set(pages)) == len(pages)
    for record in graph["articles"]:
        text = read_html(page_content(names_site.page(record["page"]))).text
        assert UNSAFE_NAMES[record["source"]] in text, record["source"]


def test_ids_are_safe_unique_path_segments(names_site):
    graph = names_site.graph
    for kind in ("articles", "entities", "events"):
        ids = [r["id"] for r in graph[kind]]
        assert len(set(ids)) == len(ids), kind
        for id_ in ids:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", id_), id_
            assert id_ not in RESERVED, id_
    renamed = next(e for e in graph["entities"] if e["name"] == "../../etc/passwd")
    assert renamed["page"] == "actors/ivan-petrov/"
    assert len({e["page"] for e in graph["entities"]}) == len(graph["entities"])


def test_seed_names_whose_ids_collide_still_make_one_article_each(tmp_path):
    stories = {name: STORY.format(who=who, org="Acme Co", file=name) for name, who in (
        ("a b.txt", "Ivan Petrov"), ("a-b.txt", "Anna Ivanova"), ("a-b-txt.md", "Oleg Sidorov"),
        ("x" * 70 + "1.txt", "Farid Karimov"), ("x" * 70 + "2.txt", "Gulnara Karimova"), ("txt.md", "Aziz Rahimov"))}
    project = make_project(tmp_path, stories)
    site = build_site(Options(seeds_dir=project / "seeds", jobs=1))
    assert sorted(a.source for a in site.articles.values()) == sorted(stories)
    for article in site.articles.values():
        assert article.paragraphs[0].text == stories[article.source]


def test_seed_file_name_with_line_breaks_is_skipped_not_rendered(tmp_path):
    hostile_name = "news\n\n<img src=x onerror=alert(1)>\n\n.txt"
    project = make_project(tmp_path, {hostile_name: STORY.format(who="Ivan Petrov", org="Acme Co", file="x"),
                                      "fine.txt": STORY.format(who="Anna Ivanova", org="Acme Co", file="y")})
    site = build_site(Options(seeds_dir=project / "seeds", jobs=1))
    assert [a.source for a in site.articles.values()] == ["fine.txt"]
    # The warning names the file with its line breaks escaped, so nothing in the log is live either.
    shown = hostile_name.replace("\n", "\\n")
    assert site.warnings == [f"seeds/{shown}: skipped: the file name holds line breaks or control characters; "
                             "rename the file"]


def test_nothing_is_written_outside_the_site_folder(names_site):
    project = names_site.project
    assert sorted(p.name for p in project.parent.iterdir()) == ["project"]
    assert sorted(p.name for p in project.iterdir()) == [".cache", "briefs", "docs", "mkdocs.yml", "seeds", "site"]
    site = names_site.site.resolve()
    for path in names_site.site.rglob("*"):
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(site), path


def test_every_link_between_pages_resolves(names_site):
    assert_links_resolve(names_site.site)


def assert_links_resolve(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    parsed = {p: read_html(p.read_text(encoding="utf-8")) for p in pages}
    ids = {p: {attrs["id"] for _, attrs in r.elements if attrs.get("id")} for p, r in parsed.items()}
    for page, reader in parsed.items():
        for tag, attrs in reader.elements:
            href = attrs.get("href", "") if tag == "a" else ""
            if not href or re.match(r"[a-z]+:", href) or href.startswith(("#", "/")):  # 404.html links to /
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / urllib.request.url2pathname(path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)} links to missing {href}"
            assert target.is_relative_to(site.resolve()), href
            if fragment and target in ids:
                assert fragment in ids[target], f"{page.relative_to(site)}: #{fragment} not in {target}"


# --- 3. Broken files ---------------------------------------------------------------------------

GOOD = ("The foreign minister of Tajikistan met his Uzbek counterpart in Dushanbe on Monday, officials said.\n\n"
        "The two sides discussed water, trade and border security at length.\n")
RUSSIAN = ("Министр иностранных дел Таджикистана встретился с коллегой из Узбекистана в Душанбе в понедельник, "
           "сообщили официальные лица. Стороны обсудили вопросы водных ресурсов, торговли и безопасности границ.\n")


def broken_seeds(root: Path) -> dict[str, str | bytes]:
    marker = root / "PWNED"
    return {
        "good.txt": GOOD,
        "good copy.txt": GOOD.replace("\n", "\r\n") + "\n\n",
        "empty.txt": b"",
        "blank.md": b"  \n\n \t\n",
        "binary.txt": bytes(range(256)) * 16,
        "image.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "notes.docx": b"PK\x03\x04" + bytes(64),
        "russian.txt": RUSSIAN.encode("cp1251"),
        "broken-front-matter.md": "---\ntitle: [unclosed\n---\n\nThe president of Kyrgyzstan opened a road in Osh on Friday, his office said.\n",
        "impossible-date.md": "---\ntitle: Visit to Astana\npublished: 2025-02-30\n---\n\nThe president of Kazakhstan visited Astana on Friday, his office said.\n",
        "pwned.md": f"---\ntitle: !!python/object/apply:os.system [\"touch {marker}\"]\n---\n\n"
                    "The president of Turkmenistan visited Ashgabat on Friday, his office said.\n",
        "huge.txt": ("The minister said that the talks in Dushanbe went well. " * 40 + "\n\n") * 4500,
    }


BROKEN_WARNINGS = [  # (file, reason) as the build log names them
    ("briefs/typo.yml:3", "unknown key 'descripton' in entity"),
    ("seeds/notes.docx", "skipped: unknown file type '.docx'"),
    ("seeds/image.png", "skipped: unknown file type '.png'"),
    ("seeds/empty.txt", "skipped: file is empty"),
    ("seeds/blank.md", "skipped: file is empty"),
    ("seeds/binary.txt", "skipped: binary file"),
    ("seeds/huge.txt", "skipped: file is 10,"),
    ("seeds/russian.txt", "not UTF-8; decoded as cp1251"),
    ("seeds/broken-front-matter.md", "front matter is not valid YAML at line 3"),
    ("seeds/impossible-date.md", "published date '2025-02-30' is not a possible date"),
    ("seeds/pwned.md", "front matter 'title' at line 2 has the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    ("seeds/good.txt", "skipped: the same article as seeds/good copy.txt"),
]
TYPO_BRIEF = {"typo.yml": "entities:\n  - name: Dushanbe\n    descripton: capital\n"}


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken")
    return make_project(root, broken_seeds(root), TYPO_BRIEF)


def test_strict_build_fails_naming_each_broken_file_and_reason(broken_project):
    build = mkdocs_build(broken_project, strict=True, site=broken_project / "strict-site")
    assert build.returncode != 0
    for where, reason in BROKEN_WARNINGS:
        assert any(f"{where}: " in w and reason in w for w in build.warnings), (where, reason, build.warnings)
    assert not (broken_project / "PWNED").exists()


def test_non_strict_build_publishes_the_rest(broken_project):
    build = mkdocs_build(broken_project, strict=False)
    assert build.returncode == 0, build.log
    warnings = [w for w in build.warnings if "regional_briefs" in w]
    assert len(warnings) == len(BROKEN_WARNINGS), "\n".join(warnings)
    for where, reason in BROKEN_WARNINGS:
        assert sum(f"{where}: " in w and reason in w for w in warnings) == 1, (where, reason)
    articles = {a["source"]: a for a in build.graph["articles"]}
    assert sorted(articles) == ["broken-front-matter.md", "good copy.txt", "impossible-date.md", "pwned.md", "russian.txt"]
    assert articles["impossible-date.md"]["published"] is None
    assert articles["impossible-date.md"]["title"] == "Visit to Astana"
    assert articles["pwned.md"]["title_derived"] is True
    russian = read_html(page_content(build.page(articles["russian.txt"]["page"]))).text
    assert "Министр иностранных дел Таджикистана встретился" in russian
    assert not (broken_project / "PWNED").exists()


def test_mkdocs_serve_keeps_serving_with_broken_seeds(tmp_path):
    project = make_project(tmp_path / "serve", {"good.txt": GOOD, "binary.txt": bytes(range(256)),
                                                "bad.md": "---\npublished: 2025-02-30\n---\n\nNo story.\n"})
    with mkdocs_serving(project, tmp_path / "serve.log") as (port, server):
        assert _poll(f"http://127.0.0.1:{port}/", server) == 200
        (project / "seeds" / "empty.txt").write_bytes(b"")  # a broken seed arriving while serving
        deadline = time.monotonic() + 90
        while "seeds/empty.txt: skipped: file is empty" not in (tmp_path / "serve.log").read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _poll(f"http://127.0.0.1:{port}/", server) == 200


def _poll(url: str, server: subprocess.Popen, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve exited"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {timeout} s")


# --- 5. Safe configuration ---------------------------------------------------------------------


def test_front_matter_python_tag_runs_nothing_and_warns(tmp_path):
    marker = tmp_path / "PWNED"
    meta, warnings = front_matter(f'title: !!python/object/apply:os.system ["touch {marker}"]\npublished: 2025-01-02\n')
    assert meta == {"published": "2025-01-02"}
    assert warnings == ["front matter 'title' at line 2 has the YAML tag "
                        "'tag:yaml.org,2002:python/object/apply:os.system', which is not allowed; ignored"]
    assert not marker.exists()


def test_front_matter_that_would_expand_exponentially_is_not_read_as_a_title():
    lol = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    meta, warnings = front_matter(lol + "title: *i\n")
    assert "title" not in meta
    assert any("'title' at line 11 must be a single value" in w for w in warnings), warnings


def test_seed_with_impossible_date_and_script_url_is_read_with_warnings(tmp_path):
    seed = tmp_path / "visit.md"
    seed.write_text("---\ntitle: Visit\npublished: 2025-02-30\nurl: javascript:alert(1)\n---\n\nThe minister arrived.\n")
    doc = read_seed(seed)
    assert (doc.title, doc.published, doc.url) == ("Visit", None, None)
    assert doc.warnings == [
        "url 'javascript:alert(1)' is not a web address (http or https); ignored",
        "published date '2025-02-30' is not a possible date; the article is undated",
    ]


def test_curation_python_tag_runs_nothing_and_is_reported(tmp_path):
    marker = tmp_path / "PWNED"
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "evil.yml").write_text(
        f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
        "entities:\n  - name: !!python/name:os.system\n", encoding="utf-8")
    curation = load_curation(tmp_path / "briefs")
    assert not marker.exists()
    assert curation.briefs == [] and curation.entities == []
    assert curation.problems[0] == ("briefs/evil.yml:1: 'title' has the YAML tag "
                                    "'tag:yaml.org,2002:python/object/apply:os.system', which is not allowed; ignored")
    assert "briefs/evil.yml:3: 'name' has the YAML tag 'tag:yaml.org,2002:python/name:os.system'" in curation.problems[1]


def test_curation_typo_names_file_line_and_key(tmp_path):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "central.yml").write_text(
        "title: Central Asia\narticles:\n  one.md:\n    titel: Fixed\nentities:\n  - name: Dushanbe\n"
        "    descripton: The capital\n", encoding="utf-8")
    problems = load_curation(tmp_path / "briefs").problems
    assert problems == [
        "briefs/central.yml:4: unknown key 'titel' in article 'one.md' (allowed: published, source, title, url)",
        "briefs/central.yml:7: unknown key 'descripton' in entity "
        "(allowed: aliases, description, drop, kind, name, rename, type, within)",
    ]


def test_curation_script_url_is_refused(tmp_path):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "fix.yml").write_text("articles:\n  one.md:\n    url: javascript:alert(1)\n", encoding="utf-8")
    curation = load_curation(tmp_path / "briefs")
    assert curation.articles["one.md"].url is None
    assert curation.problems == ["briefs/fix.yml:3: url 'javascript:alert(1)' is not a web address (http or https); ignored"]


# --- 4. Nothing good is lost (property-based, in-process) --------------------------------------

WORD = st.from_regex(r"[a-z]{2,9}", fullmatch=True)
NAME = st.builds(lambda a, b: f"{a} {b}", st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True),
                 st.from_regex(r"[A-Z][a-z]{2,10}", fullmatch=True))
NUMBER = st.integers(0, 10**6).map(str)
DATE = st.one_of(
    st.builds("{} {}, {}".format, st.sampled_from(["January", "March", "February", "October"]),
              st.integers(1, 31), st.integers(1990, 2030)),
    st.builds("{} {}".format, st.integers(1, 31), st.sampled_from(["May", "June", "Sept."])),
    st.builds("{}-{:02d}-{:02d}".format, st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 31)),
    st.sampled_from(["on Monday", "last week", "in 2021", "yesterday"]),
)
PUNCT = st.sampled_from([",", ";", ":", "-", "–", "(", ")", '"', "'s", "&", "/", "%", "$", "!", "?", "..."])
FRAGMENT = st.one_of(NAME, NAME, WORD, WORD, WORD, NUMBER, DATE, PUNCT)


@st.composite
def sentences(draw) -> str:
    words = [draw(NAME)] + draw(st.lists(FRAGMENT, min_size=3, max_size=14))
    return " ".join(words) + draw(st.sampled_from([".", ".", "!", "?", '."']))


PARAGRAPH = st.lists(sentences(), min_size=1, max_size=3).map(" ".join)
ARTICLE = st.tuples(st.lists(PARAGRAPH, min_size=1, max_size=5, unique=True), st.sampled_from([".txt", ".md"]))


@pytest.fixture(scope="module")
def warm_nlp():
    """Load spaCy once, outside the timed examples."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "warm.txt").write_text("Ivan Petrov met officials in Dushanbe on Monday, they said.\n")
        build_site(Options(seeds_dir=Path(folder), jobs=1))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(articles=st.lists(ARTICLE, min_size=1, max_size=3, unique_by=lambda article: " ".join(article[0])))
def test_every_paragraph_reaches_its_page_and_every_link_lands_on_one(warm_nlp, articles):
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder)
        written = {}
        for i, (paragraphs, suffix) in enumerate(articles):
            name = f"article-{i}{suffix}"
            (seeds / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
            written[name] = paragraphs
        site = build_site(Options(seeds_dir=seeds, jobs=1))
    assert not site.warnings
    assert sorted(a.source for a in site.articles.values()) == sorted(written)
    pages = render_site(site)
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    for article in site.articles.values():
        assert [p.text for p in article.paragraphs] == written[article.source]
        converter.reset()
        page = converter.convert(pages[f"articles/{article.id}.md"].body)
        for paragraph in article.paragraphs:
            assert _paragraph_text(page, paragraph.anchor) == paragraph.text
        for m in site.mentions[article.id]:
            assert article.paragraphs[m.paragraph].text[m.start:m.end] == m.text
            assert m.entity in site.entities
    for entity in site.entities.values():
        assert entity.articles and set(entity.articles) <= set(site.articles)
        for role in entity.roles:
            assert 0 <= role.paragraph < len(site.articles[role.article].paragraphs)
    for event in site.events.values():
        for source in event.sources:
            assert 0 <= source.paragraph < len(site.articles[source.article].paragraphs)
        assert set(event.actors) | set(event.places) <= set(site.entities)
    _assert_markdown_links_land(render_site(site, url_for=source_url), site)


def _paragraph_text(page_html: str, anchor: str) -> str:
    """The visible text of the element (paragraph or heading) whose id is ``anchor``."""
    reader = _ElementText(anchor)
    reader.feed(page_html)
    assert reader.found, f"#{anchor} not on the page"
    return " ".join("".join(reader.chunks).split())


class _ElementText(HTMLParser):
    def __init__(self, element_id: str):
        super().__init__(convert_charrefs=True)
        self.element_id, self.depth, self.found, self.chunks = element_id, 0, False, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.chunks.append(data)


def _assert_markdown_links_land(pages: dict, site: Site) -> None:
    """Every link names a generated page and every #pN a paragraph of it; entity and event pages
    link back to the paragraphs they come from. ``pages`` link Markdown files (``source_url``), in
    Markdown links (prose) or raw HTML ones (lists, backlinks)."""
    links: dict[str, set[str]] = {}
    for path, page in pages.items():
        links[path] = set()
        for target in re.findall(r"\]\(([^)\s]+)\)|href=\"([^\"]+)\"", page.body):
            target = html.unescape(next(t for t in target if t))
            if re.match(r"[a-z]+:", target):
                continue  # an article's original address
            target_path, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target_path))
            if resolved.startswith("export/") or resolved.endswith(".xml"):
                continue  # the network and map pages link their data files, the home and country pages their feeds
            assert resolved in pages, f"{path} links to {target}"
            if anchor:
                article = next(a for a in site.articles.values() if f"articles/{a.id}.md" == resolved)
                assert re.fullmatch(r"p\d+", anchor) and 1 <= int(anchor[1:]) <= len(article.paragraphs), target
            links[path].add(f"{resolved}#{anchor}" if anchor else resolved)
    for entity in site.entities.values():
        page = f"{'actors' if entity.kind == 'actor' else 'places'}/{entity.id}.md"
        assert any("#p" in link for link in links[page]), f"{page} links to no paragraph"
    for event in site.events.values():
        for source in event.sources:
            assert f"articles/{source.article}.md#p{source.paragraph + 1}" in links[f"events/{event.id}.md"]
