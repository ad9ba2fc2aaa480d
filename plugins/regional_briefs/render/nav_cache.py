"""The navigation sidebar rendered once per folder for the pages outside the navigation. No MkDocs here.

Material renders the whole navigation into every page: for thousands of generated pages, none of
them in the navigation, that was a fifth of a build. A page outside the navigation has no active
item in it, so its sidebar differs from another's only in the links, which are relative to the
page's address: the same for every page in one folder (``actors/a/`` and ``actors/b/``), unless
the navigation links to an address under the page itself. Pages in the navigation, and pages with
a link under them, are rendered as the theme renders them.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional

import jinja2

# The theme's template of the navigation sidebar (Material's, or a site's own override of it).
NAV_TEMPLATE = "partials/nav.html"


def cache_nav(env: jinja2.Environment) -> bool:
    """Renders the environment's navigation template once per folder for pages outside the
    navigation (``NavCache``); False when the theme has no such template."""
    try:
        template = env.get_template(NAV_TEMPLATE)
    except jinja2.TemplateNotFound:
        return False
    if not isinstance(template.root_render_func, NavCache):
        template.root_render_func = NavCache(template.root_render_func)
    return True


class NavCache:
    """Wraps a Jinja template's render function (``Template.root_render_func``, which the
    theme's ``{% include %}`` calls) and keeps what it renders for a page outside the navigation,
    keyed by the page's folder."""

    def __init__(self, render: Callable[[object], Iterator[str]]):
        self.render = render
        self.rendered: dict[str, str] = {}
        self._nav: object = None
        self._nav_pages: set[int] = set()
        self._nav_urls: tuple[str, ...] = ()

    def __call__(self, context) -> Iterator[str]:
        key = self.key(context.get("page"), context.get("nav"), context.get("config"))
        if key is None:
            yield from self.render(context)
            return
        if key not in self.rendered:
            self.rendered[key] = "".join(self.render(context))
        yield self.rendered[key]

    def key(self, page, nav, config) -> Optional[str]:
        """The folder of ``page``'s address, or None when its sidebar must be rendered for it alone."""
        url = getattr(page, "url", None)
        if not url or nav is None or getattr(page, "parent", None) is not None:
            return None
        if nav is not self._nav:  # a new build (mkdocs serve): a new navigation
            self._nav, self.rendered = nav, {}
            self._nav_pages = {id(p) for p in getattr(nav, "pages", ())}
            self._nav_urls = tuple(_urls(getattr(nav, "items", ()))) + tuple(_theme_urls(config))
        if id(page) in self._nav_pages or any(target.startswith(url) for target in self._nav_urls):
            return None
        return url[: url.rstrip("/").rfind("/") + 1]


def _urls(items: Iterable) -> Iterator[str]:
    """The address of every page and link of the navigation, sections opened."""
    for item in items:
        if getattr(item, "url", None) is not None:
            yield str(item.url)
        yield from _urls(getattr(item, "children", None) or ())


def _theme_urls(config) -> Iterator[str]:
    """The other addresses the sidebar may link (the logo, a home page of the theme's settings)."""
    if config is None:
        return
    logo = (config.get("theme") or {}).get("logo")
    homepage = (config.get("extra") or {}).get("homepage")
    yield from (str(u).lstrip("/") for u in (logo, homepage) if isinstance(u, str))
