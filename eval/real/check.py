"""Check the real development set's gold files: run `python3 eval/real/check.py [NAME.gold.yml ...]`.

Errors (exit 1): a held-out address, a missing field, a date that is not ISO, a duplicate address.
Warnings: a name, alias, noise string or quote start that does not occur in the article's text
(the gold is written from the text alone, so each should), a text file not yet pulled.
Also prints which half (tuning or held-back) each article falls in, and the coverage counts.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "plugins"))
# One definition of the address form and the split, shared with `make eval`.
from regional_briefs.evaluation.gold import normalised_url as normalised, real_half as half  # noqa: E402
HELDOUT = HERE.parents[2] / "shared" / "heldout-urls.sha256"
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$")
EVENT_TYPES = set("armed-clash attack diplomatic-meeting visit agreement statement military-exercise "
                  "deployment protest arrest election disaster economic legal other".split())


def url_hash(url: str) -> str:
    return hashlib.sha256(normalised(url).encode()).hexdigest()


def heldout() -> set[str]:
    if not HELDOUT.is_file():
        return set()
    return {line.strip() for line in HELDOUT.read_text().splitlines() if line.strip() and not line.startswith("#")}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')).lower()


def check(path: Path, kept: set[str]) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return [f"{path.name}: not a mapping"], []
    for key in ("url", "query", "outlet", "article"):
        if not data.get(key):
            errors.append(f"{path.name}: no '{key}'")
    url = str(data.get("url") or "")
    if url and url_hash(url) in kept:
        errors.append(f"{path.name}: {url} is a held-out address: remove this file")
    published = data.get("published")
    if published is not None and not DATE.match(str(published)):
        errors.append(f"{path.name}: published {published!r} is not ISO")
    for event in data.get("events") or ():
        if event.get("date") is not None and not DATE.match(str(event["date"])):
            errors.append(f"{path.name}: event date {event['date']!r} is not ISO")
        if event.get("type") not in EVENT_TYPES:
            errors.append(f"{path.name}: event type {event.get('type')!r} is not one of ANNOTATION.md's")
        if event.get("precision") not in ("day", "month", "year"):
            errors.append(f"{path.name}: event precision {event.get('precision')!r}")
    text_path = path.parent / "text" / str(data.get("article") or "")
    if not text_path.is_file():
        warnings.append(f"{path.name}: text/{data.get('article')} not pulled yet")
        return errors, warnings
    text = _fold(text_path.read_text(encoding="utf-8"))
    names = []
    for section in ("actors", "places"):
        for item in data.get(section) or ():
            names += [item.get("name")] + list(item.get("aliases") or ())
    for name in names:
        if name and _fold(str(name)) not in text:
            warnings.append(f"{path.name}: name {name!r} is not in the text")
    for name in data.get("noise") or ():
        if _fold(str(name)) not in text:
            warnings.append(f"{path.name}: noise {name!r} is not in the text")
    for quote in data.get("quotes") or ():
        if _fold(str(quote.get("starts") or "")) not in text:
            warnings.append(f"{path.name}: quote start {quote.get('starts')!r} is not in the text")
    return errors, warnings


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(HERE.glob("*.gold.yml"))
    kept = heldout()
    errors: list[str] = []
    seen: dict[str, str] = {}
    halves: Counter = Counter()
    outlets: Counter = Counter()
    for path in paths:
        e, w = check(path, kept)
        errors += e
        for line in w:
            print("warning:", line)
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        url = str(data.get("url") or "")
        if url:
            if normalised(url) in seen:
                errors.append(f"{path.name}: same address as {seen[normalised(url)]}")
            seen[normalised(url)] = path.name
            halves[half(url)] += 1
        outlets[str(data.get("outlet"))] += 1
    for line in errors:
        print("error:", line)
    print(f"{len(paths)} gold files, {len(outlets)} outlets; halves: {dict(halves)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
