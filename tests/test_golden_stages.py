"""Golden stage tests: a few small articles written for the tests go through every per-article
stage, and each stage's output is written as a readable record list and compared with the file
beside it in tests/golden/. A change of behaviour shows as a diff of records, not a failed count.

After a change that is meant, rewrite the golden files and read their diff before committing:

    REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_stages.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from regional_briefs.extract.clean import clean
from regional_briefs.assemble.curation import Curation
from regional_briefs.extract.ingest import read_seed
from regional_briefs.pipeline import extract

GOLDEN = Path(__file__).parent / "golden"
ARTICLES = sorted(p for p in GOLDEN.iterdir() if p.suffix in (".txt", ".md", ".html"))


def stages(path: Path, gazetteer) -> dict:
    """Each stage's records for one article, in plain values, in the order the stages run."""
    article = clean(read_seed(path))
    extraction = extract(path, gazetteer, Curation())
    return {
        "clean": {
            "title": article.title,
            "published": article.published.iso() if article.published else None,
            "outlet": article.outlet,
            "paragraphs": [p.text for p in article.paragraphs],
            "furniture": article.furniture,
        },
        "mentions": [f"{m.paragraph}:{m.start}-{m.end} {m.text!r} -> {m.name} ({m.kind}/{m.type}, {m.origin})"
                     for m in extraction.mentions],
        "entities": {name: f"{e.kind}/{e.type}" + (f" aka {', '.join(e.aliases)}" if e.aliases else "")
                     for name, e in sorted(extraction.entities.items())},
        "quotes": [f"{q.speaker}: {q.text}" for q in extraction.quotes],
        "events": [f"{e.date} {e.type}: {e.title} | actors {e.actors} | places {e.places}"
                   + (f" | fatalities {e.fatalities}" if e.fatalities is not None else "")
                   for e in extraction.events],
        "relations": [f"{r.subject} {r.predicate} {r.object}" for r in extraction.relations],
    }


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_every_stage_gives_the_golden_records(path, gazetteer):
    got = yaml.safe_dump(stages(path, gazetteer), allow_unicode=True, sort_keys=False, width=120)
    golden = GOLDEN / f"{path.stem}.stages.yml"
    if os.environ.get("REGENERATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} is missing: run with REGENERATE_GOLDEN=1 and read it"
    assert got == golden.read_text(encoding="utf-8")
