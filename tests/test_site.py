"""Real `mkdocs build --strict` runs of whole sites, checked the way a reader and a script would."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jsonschema
import yaml

from conftest import SHARED, check_links, make_project, mkdocs_build

SCHEMA = Path(__file__).resolve().parents[1] / "plugins" / "regional_briefs" / "knowledge" / "data" / "graph.schema.json"
SEED_GOLD = SHARED / "corpus" / "seed-000.gold.yml"


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'").replace("–", "-")).strip().casefold()


def test_repository_site_builds_strict_with_pages_for_every_kind(seed_site):
    graph = seed_site.graph
    assert [a["source"] for a in graph["articles"]] == ["000_ad247eec8587e842.txt"]
    for record in graph["articles"] + graph["entities"] + graph["events"]:
        assert (seed_site.site / record["page"] / "index.html").is_file(), record["page"]
    for index in ("actors", "places", "events", "articles", "timeline"):
        assert (seed_site.site / index / "index.html").is_file()
    assert not seed_site.warnings, seed_site.warnings


def test_export_validates_against_schema(seed_site, corpus_site):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for build in (seed_site, corpus_site):
        jsonschema.validate(build.graph, schema)
        ids = {e["id"] for e in build.graph["entities"]}
        articles = {a["id"] for a in build.graph["articles"]}
        for event in build.graph["events"]:
            assert set(event["actors"]) | set(event["places"]) <= ids
            assert set(event["articles"]) <= articles


def test_export_files_hold_one_record_per_line(corpus_site):
    """A diff of two exports, or grep, shows whole records: each article, entity, event and quote
    of graph.json on a line of its own, and each node and edge of the network's data."""
    text = (corpus_site.site / "export" / "graph.json").read_text(encoding="utf-8")
    records = {line.strip().rstrip(",") for line in text.splitlines()}
    for kind in ("articles", "entities", "events", "quotes"):
        assert corpus_site.graph[kind]
        for record in corpus_site.graph[kind]:
            assert json.dumps(record, ensure_ascii=False) in records, (kind, record.get("id"))
    network = (corpus_site.site / "export" / "network.json").read_text(encoding="utf-8")
    data = json.loads(network)
    assert data["nodes"] and len(network.splitlines()) >= len(data["nodes"]) + len(data["edges"])


def test_seed_meets_its_gold(seed_site):
    gold = yaml.safe_load(SEED_GOLD.read_text(encoding="utf-8"))
    entities = seed_site.graph["entities"]
    names = {}
    for entity in entities:
        for label in [entity["name"], *entity["aliases"]]:
            names.setdefault(_key(label), []).append(entity["id"])
    for item in gold["actors"] + gold["places"]:
        pages = {i for label in [item["name"], *item.get("aliases", [])] for i in names.get(_key(label), [])}
        assert len(pages) == 1, f"{item['name']}: {sorted(pages)}"
    for noise in gold["noise"]:
        assert _key(noise) not in names, f"noise became an entity: {noise}"


def test_seed_events_are_on_the_timeline_dated_2025(seed_site):
    timeline = (seed_site.site / "timeline" / "index.html").read_text(encoding="utf-8")
    events = seed_site.graph["events"]
    dates = {e["date"] for e in events}
    for wanted in ("2025-11-15", "2025-10-25", "2025-10", "2025-08", "2021"):
        assert wanted in dates, (wanted, sorted(dates))
    for event in events:
        assert event["page"].rstrip("/").split("/")[-1] in timeline


def test_every_internal_link_resolves(seed_site, corpus_site):
    for build in (seed_site, corpus_site):
        assert len(check_links(build.site)) > 20


def test_article_page_keeps_every_paragraph_and_links_mentions(seed_site):
    article = seed_site.graph["articles"][0]
    page = (seed_site.site / article["page"] / "index.html").read_text(encoding="utf-8")
    seed = (Path(__file__).resolve().parents[1] / "seeds" / article["source"]).read_text(encoding="utf-8")
    story = seed.split("\n\n\n")[0]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())
    for line in story.splitlines():
        if line.strip():
            assert " ".join(line.split()) in text, line[:60]
    assert 'href="../../actors/edward-lemon/"' in page
    assert "Moscow mayor" not in page and "Freedom Bank" not in page


def test_actor_page_has_role_quote_and_backlinks(seed_site):
    page = seed_site.page("actors/edward-lemon")
    assert "Texas A&M University" in html.unescape(page)
    assert "I see a continuation" in page
    assert "Linked from" in page
    assert "#p3" in page


def test_minimal_project_works_with_defaults(tmp_path):
    project = make_project(tmp_path / "p", {
        "one.md": """
            ---
            title: Ministers meet in Dushanbe
            published: 2024-05-02
            source: Example Wire
            ---

            Tajikistan's foreign minister met Uzbekistan's foreign minister in Dushanbe on Tuesday to discuss water.
            """,
    })
    build = mkdocs_build(project)
    assert build.returncode == 0, build.log
    assert (build.site / "index.html").is_file()
    graph = build.graph
    assert graph["articles"][0]["published"] == "2024-05-02"
    assert {"Tajikistan", "Uzbekistan", "Dushanbe"} <= {e["name"] for e in graph["entities"]}


def test_corpus_builds_with_one_page_per_article(corpus_site):
    sources = {a["source"] for a in corpus_site.graph["articles"]}
    assert len(sources) == 9
    for entity in corpus_site.graph["entities"]:
        assert entity["articles"], entity["name"]


def test_two_briefs_share_entity_pages_and_one_event_cites_two_sources(tmp_path):
    seeds = {
        "wire-a.md": """
            ---
            title: Clash on the Isfara river
            published: 2024-06-12
            source: Valley Wire
            ---

            Kyrgyz and Tajik border guards exchanged fire near the Isfara River on Monday, killing three people, officials in Bishkek said.
            """,
        "wire-b.md": """
            ---
            title: Deadly border shooting
            published: 2024-06-11
            source: Pamir Post
            ---

            Two people were killed on June 10 when Tajik and Kyrgyz border forces clashed along the Isfara River, the ministry in Dushanbe said.
            """,
    }
    briefs = {
        "kyrgyzstan.yml": "title: Kyrgyzstan\nsummary: The Kyrgyz side.\nseeds: [wire-a.md]\n",
        "tajikistan.yml": "title: Tajikistan\nsummary: The Tajik side.\nseeds: [wire-b.md]\n",
    }
    build = mkdocs_build(make_project(tmp_path / "p", seeds, briefs))
    assert build.returncode == 0, build.log
    graph = build.graph
    assert {b["id"] for b in graph["briefs"]} == {"kyrgyzstan", "tajikistan"}
    for brief in ("kyrgyzstan", "tajikistan"):
        assert (build.site / "briefs" / brief / "index.html").is_file()
    river = [e for e in graph["entities"] if e["name"] == "Isfara River"]
    assert len(river) == 1 and len(river[0]["articles"]) == 2
    clashes = [e for e in graph["events"] if e["type"] == "armed-clash"]
    assert len(clashes) == 1, clashes
    event = clashes[0]
    assert sorted(event["articles"]) == ["wire-a", "wire-b"] and event["date"] == "2024-06-10"
    page = html.unescape((build.site / event["page"] / "index.html").read_text(encoding="utf-8"))
    assert "Sources disagree" in page and "fatalities" in page.lower()
    assert "Clash on the Isfara river" in page and "Deadly border shooting" in page
