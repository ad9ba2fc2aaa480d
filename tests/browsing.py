"""Reading a built site in a browser, for the browser tests: a local GitHub Pages server and a
Chromium tab that records what went wrong in it (JavaScript errors, console errors, failed
requests) and every request it made."""

from __future__ import annotations

import io
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin, urlsplit

import yaml

from conftest import ARTIFACTS, Build

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


# --- a local GitHub Pages ----------------------------------------------------------------------


class _PagesHandler(SimpleHTTPRequestHandler):
    """A static server that mounts the site at ``prefix`` and answers a miss with ``404.html``.

    Material matches links against ``sitemap.xml`` by scheme and host name but not by port, so the
    sitemap is served with this server's address in place of ``site_url`` (as ``mkdocs serve`` does);
    without that, instant navigation and hover previews would stay off on a server with a port.
    """

    prefix = "/"
    site_url = ""

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix):
            return self._not_found()
        local = "/" + path[len(self.prefix):]
        if local == "/sitemap.xml" and self.site_url:
            here = f"http://{self.headers['Host']}{self.prefix}"
            sitemap = Path(self.directory, "sitemap.xml").read_text(encoding="utf-8")
            return self._send(200, "application/xml", sitemap.replace(self.site_url, here).encode("utf-8"))
        target = Path(self.translate_path(local))
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return None
            target = target / "index.html"
        if not target.is_file():
            return self._not_found()
        self.path = local
        return super().send_head()

    def _not_found(self):
        return self._send(404, "text/html; charset=utf-8", Path(self.directory, "404.html").read_bytes())

    def _send(self, status: int, content_type: str, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


def site_url(build: Build) -> str:
    """The project's ``site_url`` with a final slash, or ``/`` when it has none."""
    config = yaml.safe_load((build.project / "mkdocs.yml").read_text(encoding="utf-8"))
    url = config.get("site_url") or "/"
    return url if url.endswith("/") else url + "/"


@contextmanager
def serve(build: Build) -> Iterator[str]:
    """Serve ``build.site`` on 127.0.0.1 (an ephemeral port) in a thread, where Pages would put it
    (under the path of ``site_url``); yields the site's base URL."""
    url = site_url(build)
    prefix = urlsplit(url).path
    handler = type("Handler", (_PagesHandler,), {"prefix": prefix, "site_url": url if url != "/" else ""})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(build.site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --- a tab ---------------------------------------------------------------------------------------


@dataclass
class Tab:
    """A browser tab on the local site: JavaScript errors, console errors and failed requests
    (``errors``), and every request it made (``requests``)."""

    page: object
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    ignored: set[str] = field(default_factory=set)  # URLs whose failure is expected

    def open(self, path: str, status: int = 200) -> None:
        url = urljoin(self.base, path)
        if status != 200:
            self.ignored.add(url)
        response = self.page.goto(url, wait_until="load")
        assert response.status == status, f"{url} answered {response.status}"

    def click(self, selector: str, url_part: str) -> None:
        """Follow a link and wait until the address bar shows ``url_part``."""
        self.page.locator(selector).first.click()
        self.page.wait_for_url(re.compile(re.escape(url_part)))
        self.page.wait_for_load_state("load")

    def shows(self, heading: str) -> None:
        """Wait until the page's title heading reads ``heading`` (instant navigation swaps it in)."""
        from playwright.sync_api import expect

        title = self.page.locator(".md-content article h1").first
        expect(title).to_have_text(re.compile(rf"^\s*{re.escape(heading)}\W*$"))

    def wait(self, selector: str, timeout: float = 30_000) -> None:
        self.page.wait_for_selector(selector, state="attached", timeout=timeout)

    def painted(self, selector: str) -> int:
        """How many pixels of the canvas under ``selector`` are not transparent."""
        return self.page.evaluate("""(selector) => {
            const canvas = document.querySelector(selector);
            const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) painted += data[i] > 0;
            return painted; }""", selector)

    def screenshot(self, name: str, full_page: bool = False) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def foreign_requests(self) -> list[str]:
        """Requests the tab made to anywhere but the local server."""
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(self.base))
        return [u for u in self.requests if not u.startswith((origin, "data:", "blob:"))]

    def assert_no_errors(self) -> None:
        assert not self.errors, "\n".join(self.errors)


@contextmanager
def open_tab(browser, base: str, viewport: dict = DESKTOP, color_scheme: str = "light") -> Iterator[Tab]:
    """A fresh tab that may reach only the local server; anything else is blocked (this machine
    has no network) and recorded in ``requests``, but its failure is no error."""
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
    page = context.new_page()
    tab = Tab(page, base)
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base))

    def route(request_route):
        url = request_route.request.url
        if url.startswith((origin, "data:", "blob:")):
            request_route.continue_()
        else:  # e.g. repo_url's star count from api.github.com
            tab.ignored.add(url)
            request_route.abort()

    def console(message):
        if message.type == "error" and message.location.get("url") not in tab.ignored:
            tab.errors.append(f"{page.url}: console: {message.text} ({message.location.get('url')})")

    def request_failed(request):
        # ERR_ABORTED: the tab moved on to the next page while this request was still loading.
        if request.url not in tab.ignored and "ERR_ABORTED" not in (request.failure or ""):
            tab.errors.append(f"{page.url}: request failed: {request.url} ({request.failure})")

    context.route("**/*", route)
    page.on("request", lambda request: tab.requests.append(request.url))
    page.on("pageerror", lambda error: tab.errors.append(f"{page.url}: {error}"))
    page.on("console", console)
    page.on("requestfailed", request_failed)
    try:
        yield tab
    finally:
        context.close()


# --- the site's search (the header's dialog, search.js, over Pagefind's API) ---------------------------

RESULT_LINKS = "#rb-search .rb-search__result > a.rb-search__link"
SEARCH_BOX = "#rb-search input.rb-search__input"
STATUS = "#rb-search .rb-search__status"


def search(tab: Tab, query: str, more: int = 0) -> list[str]:
    """Open the search dialog and type ``query`` as a person would; the addresses of the results,
    in their order (the pages, not their sections). ``more``: how many times to ask for more."""
    page = tab.page
    if not page.evaluate("document.getElementById('rb-search').open"):
        page.locator("[data-rb-search-open]").click()
    box = page.locator(SEARCH_BOX)
    box.wait_for(state="visible", timeout=30_000)
    box.fill("")
    box.press_sequentially(query, delay=20)
    wait_for_results(tab, query)
    for _ in range(more):
        button = page.locator("#rb-search button.rb-search__more:not([hidden])")
        if not button.count():
            break
        shown = page.locator(RESULT_LINKS).count()
        button.click()
        page.wait_for_function("(shown) => document.querySelectorAll('#rb-search .rb-search__result').length > shown",
                               arg=shown)
    return page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")


def wait_for_results(tab: Tab, query: str) -> None:
    """Until the dialog has searched the whole index for ``query``, says how many results it has,
    and shows the filters' counts."""
    tab.page.wait_for_function("""(query) => {
        const ui = document.getElementById('rb-search-ui');
        const status = document.querySelector('#rb-search .rb-search__status');
        return ui?.dataset.state === 'counted' && status.textContent.trim().endsWith(query); }""",
                               arg=query, timeout=30_000)


def result_count(tab: Tab) -> int:
    """The number of results the dialog reports ("1,212 results for …"; 0 when nothing was found)."""
    message = tab.page.locator(STATUS).inner_text()
    match = re.match(r"\s*([\d,]+) results?", message)
    return int(match.group(1).replace(",", "")) if match else 0

