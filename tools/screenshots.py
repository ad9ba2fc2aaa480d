"""Take the README's screenshots of a built briefing (run by ``make screenshots``).

In: a built site (``site/`` by default). Out: ``manual/docs/assets/screenshots/`` — the home page,
a country page, a relation page and the map, 1280 × 900 in the light scheme, in Debian's Chromium.
The pages are named by the command line, so the script knows no article.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = {  # file name: the page's path in the site
    "home": "",
    "country": "countries/tajikistan/",
    "relation": "relations/tajikistan--taliban/",
    "map": "map/",
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--out", type=Path, default=REPO / "manual" / "docs" / "assets" / "screenshots")
    parser.add_argument("--page", action="append", default=[], metavar="NAME=PATH",
                        help="a screenshot and the page it shows (default: home, country, relation, map)")
    args = parser.parse_args()
    shots = dict(item.split("=", 1) for item in args.page) if args.page else SHOTS

    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
            page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
            for name, path in shots.items():
                response = page.goto(base + path, wait_until="networkidle")
                if not response or not response.ok:
                    raise SystemExit(f"{path or '/'}: not in {args.site} ({response.status if response else 'no answer'})")
                page.wait_for_timeout(500)  # the map's and charts' drawing settles
                page.screenshot(path=str(args.out / f"{name}.png"))
                print(f"{args.out / f'{name}.png'}: {path or '/'}")
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
