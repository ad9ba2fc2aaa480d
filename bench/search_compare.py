"""A reader's first queries on one built site, in variants measured side by side (issue #18).

    python bench/search_compare.py SITE --variant before= --variant after=OVERLAY --rounds 3

Each variant serves SITE with the files of its OVERLAY folder in place of the site's (a ``pagefind/``
folder in the overlay replaces the site's whole bundle; ``assets/briefs/search.js`` the dialog), so
that an index or a dialog can be compared without building a site of 10,000 articles again. The
variants take turns, round after round, so that the machine's load falls on each alike. The dialog
(Pagefind's UI before issue #18's own dialog, or the plugin's) is recognised by what it shows.

For each query, as ``run.search_latency`` measures it (the first query of a visit opens the dialog):
the milliseconds until the first result shows, until the result count shows (the whole index
searched) and until the filter counts show (the plugin's dialog only), and the bytes fetched by then.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import CHROMIUM, CHROMIUM_ARGS, _CountingHandler  # noqa: E402

# The dialog's parts: Pagefind's UI (before) and the plugin's own dialog.
DIALOGS = {
    "pagefind-ui": {"box": "#rb-search input.pagefind-ui__search-input", "first": "#rb-search .pagefind-ui__result-link",
                    "message": "#rb-search .pagefind-ui__message", "done": None, "counted": None},
    "own": {"box": "#rb-search .rb-search__input", "first": "#rb-search .rb-search__link",
            "message": "#rb-search .rb-search__status", "done": "#rb-search-ui[data-state=done], #rb-search-ui[data-state=counted]",
            "counted": "#rb-search-ui[data-state=counted]"},
}


class _OverlayHandler(_CountingHandler):
    overlay: Path | None = None

    def translate_path(self, path):
        local = super().translate_path(path)
        if self.overlay is None:
            return local
        relative = Path(local).relative_to(Path(self.directory).resolve())
        if relative.parts[:1] == ("pagefind",) and (self.overlay / "pagefind").is_dir():
            return str(self.overlay / relative)
        candidate = self.overlay / relative
        return str(candidate) if candidate.is_file() else local


def measure(site: Path, overlay: Path | None, queries: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    fetched: list[int] = []
    handler = type("Handler", (_OverlayHandler,), {"overlay": overlay})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, fetched, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base, wait_until="load")
            page.wait_for_timeout(500)
            kind = "own" if "rb-search__" in (page.request.get(base + "assets/briefs/search.js").text()) else "pagefind-ui"
            parts = DIALOGS[kind]
            box, first = page.locator(parts["box"]), page.locator(parts["first"]).first
            for number, query in enumerate(queries):
                fetched.clear()
                if number == 0:
                    page.locator("[data-rb-search-open]").click()
                    box.wait_for(state="visible", timeout=60_000)
                else:
                    box.fill("")
                    first.wait_for(state="detached", timeout=30_000)
                start = time.perf_counter()
                box.fill(query)
                first.wait_for(state="visible", timeout=120_000)
                row = {"query": query, "dialog": kind, "first_ms": round((time.perf_counter() - start) * 1000),
                       "first_bytes": sum(fetched)}
                page.wait_for_function("([selector, query]) => document.querySelector(selector)?.textContent.trim().endsWith(query)",
                                       arg=[parts["message"], query], timeout=120_000)
                row["all_ms"] = round((time.perf_counter() - start) * 1000)
                if parts["counted"]:
                    page.locator(parts["counted"]).wait_for(state="attached", timeout=120_000)
                    row["counted_ms"] = round((time.perf_counter() - start) * 1000)
                page.wait_for_timeout(300)  # the loads the results started (fragments) end
                row.update(bytes=sum(fetched), requests=len(fetched), message=page.locator(parts["message"]).inner_text().strip())
                results.append(row)
            browser.close()
    finally:
        server.shutdown()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--variant", action="append", required=True, metavar="NAME=OVERLAY",
                        help="a name and an overlay folder (empty: the site as built)")
    parser.add_argument("--queries", default="Tajikistan,border,reporters")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write every measurement here")
    args = parser.parse_args()
    variants = [(name, Path(folder) if folder else None) for name, folder in (v.split("=", 1) for v in args.variant)]
    queries = args.queries.split(",")
    runs: dict[str, list[list[dict]]] = {name: [] for name, _ in variants}
    for attempt in range(args.rounds):
        for name, overlay in variants:
            runs[name].append(measure(args.site, overlay, queries))
            print(f"round {attempt + 1} {name}: " + "; ".join(
                f"{r['query']} {r['first_ms']}/{r['all_ms']}/{r.get('counted_ms', '-')} ms {r['bytes'] // 1024} KiB"
                for r in runs[name][-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")
    print("\n| variant | query | first result (median, range) | all results | filter counts | KiB at first result | KiB in all |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, _ in variants:
        for number, query in enumerate(queries):
            rows = [run[number] for run in runs[name]]

            def span(key):
                values = [r[key] for r in rows if key in r]
                return f"{statistics.median(values):,.0f} ({min(values):,}–{max(values):,})" if values else "–"

            print(f"| {name} | {query} | {span('first_ms')} ms | {span('all_ms')} ms | {span('counted_ms')} ms | "
                  f"{statistics.median(r['first_bytes'] for r in rows) / 1024:,.0f} | {statistics.median(r['bytes'] for r in rows) / 1024:,.0f} |")


if __name__ == "__main__":
    main()
