/* Regional Briefs: the header's search dialog, over Pagefind's JavaScript API (search.py writes the
   index; Pagefind's own UI is not loaded). Pagefind's module is fetched when a search is coming (a
   pointer over the search button, the keyboard's focus on it, the dialog opened), never on a page
   view alone; the index is read in chunks, so a query loads only what it needs. The site may live
   under a subpath (a GitHub Pages project site): every address is taken from the site's root as
   Material computes it.

   A large site's index is in shards (search.py: Pagefind's time grows with the square of a shard's
   matches). Pagefind searches merged shards all or nothing, so the dialog keeps two searches in
   Pagefind's worker: the first shard alone, whose results show as soon as they come, and the whole
   index (every shard merged), whose results replace them when they come, with the count. The
   filters' files load after the first results show; their counts follow. */
(() => {
  if (window.__rbSearch) return;  // instant navigation keeps this script; run it once
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const root = new URL((config.base || ".") + "/", location.href);  // the site's root, with its subpath
  const bundle = new URL("pagefind/", root);

  const PAGE = 5;  // results shown at a time (each costs its page's fragment)
  const EXCERPT_LENGTH = 12;  // words, the same in every shard
  const WHOLE_DELAY_MS = 60;  // the whole index waits this long after a key (the first shard does not)
  const PREVIEW_WAIT_MS = 400;  // the whole index waits for the first shard's results at most this long
  const FILTERS = ["Page type", "Country", "Year", "Event type", "Language"];  // shown in this order
  const OPEN_FILTERS = ["Page type"];
  const OPTIONS = { baseUrl: root.pathname, excerptLength: EXCERPT_LENGTH };

  // --- Pagefind ------------------------------------------------------------------------------------

  let starting = null;  // one load, however many times a search is announced
  function start() {
    starting ??= connect().catch((error) => { starting = null; throw error; });
    return starting;
  }

  // {first, whole}: the module's own instance over the first shard, and a promise of an instance
  // over every shard (the same as `first` when there is one shard).
  async function connect() {
    const [pagefind, shards] = await Promise.all([
      import(new URL("pagefind.js", bundle).href),
      // Without the list (a failed request), the first shard is still searched.
      fetch(new URL("shards.json", bundle)).then((response) => response.ok ? response.json() : []).catch(() => []),
    ]);
    await pagefind.options(OPTIONS);
    await pagefind.init();
    if (!shards.length) return { first: pagefind, whole: Promise.resolve(pagefind), sharded: false };
    const whole = (async () => {
      // Both instances live in Pagefind's one worker and share its WebAssembly, which is set up
      // once: the second starts when the first has it (a preload waits for it), or it would be
      // set up twice at once. The shards are merged before any query, so every query searches all.
      await pagefind.preload("");
      const all = pagefind.createInstance({ basePath: bundle.pathname, ...OPTIONS });
      for (const shard of shards) {
        all.mergeIndex(new URL(shard, bundle).pathname, OPTIONS)
          .catch(() => {});  // a shard that does not load leaves the others searchable
      }
      return all;
    })();
    return { first: pagefind, whole, sharded: true };
  }

  // --- the dialog's content ------------------------------------------------------------------------

  function element(tag, attributes = {}, ...children) {
    const made = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "class") made.className = value;
      else if (name === "text") made.textContent = value;
      else made.setAttribute(name, value);
    }
    made.append(...children);
    return made;
  }

  let ui = null;  // the parts of the dialog's content, built once per dialog element
  function build(dialog) {
    const host = dialog.querySelector("#rb-search-ui");
    if (ui?.host === host) return ui;
    // A text box, not type=search: Esc in a search box with words clears them instead of closing the dialog.
    const input = element("input", {
      type: "text", class: "rb-search__input", id: "rb-search-input", autocomplete: "off", spellcheck: "false",
      placeholder: "Search actors, places, events, articles", "aria-label": "Search the briefing",
      "aria-describedby": "rb-search-status",
    });
    const status = element("p", { class: "rb-search__status", id: "rb-search-status", role: "status" });
    const filters = element("div", { class: "rb-search__filters", role: "group", "aria-label": "Filters" });
    const results = element("ol", { class: "rb-search__results", "aria-label": "Results" });
    const more = element("button", { type: "button", class: "rb-search__more", text: "Load more results", hidden: "" });
    const body = element("div", { class: "rb-search__body" }, filters, element("div", { class: "rb-search__found" }, results, more));
    host.replaceChildren(element("form", { class: "rb-search__form", role: "search" }, input), status, body);
    host.dataset.state = "idle";
    ui = { host, input, status, filters, results, more, boxes: new Map() };
    host.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
    input.addEventListener("input", () => query());
    filters.addEventListener("change", () => query());
    more.addEventListener("click", () => showMore());
    return ui;
  }

  // --- searching -----------------------------------------------------------------------------------

  let current = 0;  // the number of the latest query: an older one's results are dropped
  let shown = null;  // {number, term, found, count}: what the list shows
  let timer = null;
  const fragments = new Map();  // `${term}\0${id}` -> the promise of a result's data (first and whole share it)
  let fragmentsTerm = null;

  function selected() {
    const chosen = {};
    for (const box of ui.filters.querySelectorAll("input[type=checkbox]:checked")) {
      (chosen[box.name] ??= { any: [] }).any.push(box.value);
    }
    return chosen;
  }

  async function query() {
    const number = ++current;
    const term = ui.input.value.trim();
    const filters = selected();
    clearTimeout(timer);
    if (!term && !Object.keys(filters).length) {
      shown = null;
      ui.results.replaceChildren();
      ui.more.hidden = true;
      ui.status.textContent = "";
      ui.host.dataset.state = "idle";
      return;
    }
    ui.host.dataset.state = "searching";
    let engine;
    try {
      engine = await start();
    } catch (error) {
      ui.status.textContent = `Search is unavailable: ${error.message}`;
      return;
    }
    if (term !== fragmentsTerm) {
      fragments.clear();
      fragmentsTerm = term;
    }
    const options = { filters };
    const search = term || null;  // no words but filters: every page the filters keep
    let whole = null;
    let preview = null;
    if (engine.sharded) {
      // The first shard: its results show while the others are searched.
      preview = engine.first.search(search, options).then((found) => {
        if (number === current && !whole && found) return show(number, term, found, false);
      }).catch(() => {});
    }
    const all = await engine.whole.catch(() => engine.first);  // without the whole index, the first shard's
    all.preload(search, options).catch(() => {});  // the chunks load while the wait runs
    // The whole index is searched after the wait and once the first results show (or a while
    // passed): the search occupies Pagefind's worker, which the first results' excerpts need too.
    await Promise.all([new Promise((resolve) => { timer = setTimeout(resolve, WHOLE_DELAY_MS); }),
                       preview && Promise.race([preview, new Promise((resolve) => setTimeout(resolve, PREVIEW_WAIT_MS))])]);
    if (number !== current) return;
    const counting = filtersReady;  // the filters' files were loaded before this search: it counts too
    try {
      whole = await all.search(search, options);
    } catch (error) {
      if (number === current) ui.status.textContent = `Search is unavailable: ${error.message}`;
      return;
    }
    if (number !== current || !whole) return;
    await show(number, term, whole, true);
    if (counting) update(number, whole);
    else counts(number, all, search, options);
  }

  function data(term, result) {
    const key = `${term}\0${result.id}`;
    if (!fragments.has(key)) fragments.set(key, result.data());
    return fragments.get(key);
  }

  async function show(number, term, found, complete) {
    const first = await Promise.all(found.results.slice(0, PAGE).map((result) => data(term, result).catch(() => null)));
    if (number !== current || (shown?.number === number && shown.complete)) return;
    // The focus stays on the result it was on, if that result is still shown.
    const focused = ui.results.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
    ui.results.replaceChildren(...first.filter(Boolean).map(item));
    shown = { number, term, found, complete, count: first.length };
    ui.more.hidden = found.results.length <= PAGE;
    ui.results.setAttribute("aria-busy", complete ? "false" : "true");
    if (focused) ui.results.querySelector(`a[href="${CSS.escape(focused)}"]`)?.focus();
    if (complete) {
      ui.status.textContent = message(term, found.results.length);
      ui.host.dataset.state = "done";
    } else {
      ui.status.textContent = "Searching the whole briefing…";
      ui.host.dataset.state = "first";
    }
  }

  async function showMore() {
    if (!shown) return;
    const { number, term, found } = shown;
    const next = await Promise.all(found.results.slice(shown.count, shown.count + PAGE)
      .map((result) => data(term, result).catch(() => null)));
    if (shown?.number !== number) return;
    const items = next.filter(Boolean).map(item);
    ui.results.append(...items);
    shown.count += next.length;
    ui.more.hidden = found.results.length <= shown.count;
    items[0]?.querySelector("a")?.focus();  // the reader goes on where the new results start
  }

  const format = new Intl.NumberFormat(document.documentElement.lang || "en");
  function message(term, count) {
    if (!term) return count === 1 ? "1 result" : `${format.format(count)} results`;
    if (!count) return `Nothing found for ${term}`;
    return count === 1 ? `1 result for ${term}` : `${format.format(count)} results for ${term}`;
  }

  // A page's other names (transliterations, near spellings: search.py's hidden block) are indexed
  // joined by " · ". An excerpt cut from them shows the reader the spelling that matched, not the
  // machine's list of variants; a section matched only there is not one to go to.
  const OTHER_NAMES = / · .* · /;
  function shownExcerpt(html) {
    if (!OTHER_NAMES.test(html)) return html;
    const matched = html.split(" · ").filter((part) => part.includes("<mark>"))
      .map((part) => part.trim().split(/[.!?]\s+/).pop());
    return matched.length ? `Also written ${matched.slice(0, 3).join(", ")}` : html;
  }

  function item(page) {
    const link = element("a", { class: "rb-search__link", href: page.url, text: page.meta?.title || page.url });
    const excerpt = element("p", { class: "rb-search__excerpt" });
    excerpt.innerHTML = shownExcerpt(page.excerpt);  // Pagefind's text, escaped, with <mark> around the words found
    const entry = element("li", { class: "rb-search__result" }, link, excerpt);
    const subs = (page.sub_results || []).filter((sub) => sub.url !== page.url && !OTHER_NAMES.test(sub.excerpt))
      .slice(0, 3);
    if (subs.length) {
      entry.append(element("ul", { class: "rb-search__subs" }, ...subs.map((sub) => {
        const text = element("p", { class: "rb-search__excerpt" });
        text.innerHTML = sub.excerpt;
        return element("li", {}, element("a", { class: "rb-search__sub", href: sub.url, text: sub.title }), text);
      })));
    }
    return entry;
  }

  // --- filters -------------------------------------------------------------------------------------
  //
  // Pagefind counts a query's pages by filter value only with the filters' files loaded, and the
  // count costs a search a few times its time at 10,000 articles: the files load once the first
  // query's results show, and the query runs again for its counts.

  let filtersLoaded = null;
  let filtersReady = false;
  async function counts(number, all, search, options) {
    filtersLoaded ??= all.filters().then((totals) => { filtersReady = true; return totals; });
    let totals;
    try {
      totals = await filtersLoaded;
    } catch {
      filtersLoaded = null;
      return;
    }
    if (!ui.boxes.size) layout(totals);
    if (number !== current) return;
    update(number, await all.search(search, options));
  }

  function update(number, counted) {
    if (number !== current || !counted) return;
    for (const [key, box] of ui.boxes) {
      const [name, value] = JSON.parse(key);
      box.count.textContent = format.format(counted.filters?.[name]?.[value] ?? 0);
    }
    ui.host.dataset.state = "counted";
  }

  function layout(totals) {
    ui.boxes.clear();
    const names = [...FILTERS.filter((name) => name in totals), ...Object.keys(totals).filter((name) => !FILTERS.includes(name))];
    const groups = [];
    for (const name of names) {
      const values = Object.keys(totals[name]);
      if (!values.length) continue;
      values.sort(name === "Year" ? (a, b) => b.localeCompare(a) : (a, b) => a.localeCompare(b));
      const boxes = values.map((value) => {
        const box = element("input", { type: "checkbox", class: "rb-search__check", name, value });
        const count = element("span", { class: "rb-search__count", text: format.format(totals[name][value]) });
        ui.boxes.set(JSON.stringify([name, value]), { box, count });
        return element("label", { class: "rb-search__option" }, box, element("span", { text: value }), count);
      });
      const group = element("details", { class: "rb-search__filter" },
        element("summary", { text: name }), element("fieldset", {}, element("legend", { class: "md-visually-hidden", text: name }), ...boxes));
      if (OPEN_FILTERS.includes(name)) group.open = true;
      groups.push(group);
    }
    ui.filters.replaceChildren(...groups);
  }

  // --- opening and closing -------------------------------------------------------------------------

  function open() {
    const dialog = document.getElementById("rb-search");
    if (!dialog || dialog.open) return;
    const parts = build(dialog);
    dialog.showModal();
    parts.input.focus();
    parts.input.select();
    start().catch((error) => { parts.status.textContent = `Search is unavailable: ${error.message}`; });
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest("[data-rb-search-open]")) open();
    else if (target?.closest("[data-rb-search-close]")) document.getElementById("rb-search")?.close();
    else if (target?.closest("#rb-search a[href]")) document.getElementById("rb-search")?.close();
    else if (target?.matches("dialog#rb-search")) target.close();  // a click on the backdrop
  });
  // A pointer over the search button or the keyboard's focus on it says a search is coming:
  // Pagefind's module, WebAssembly and the first shard's entry start loading then.
  const intent = (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest("[data-rb-search-open]")) start().catch(() => {});
  };
  document.addEventListener("pointerover", intent);
  document.addEventListener("focusin", intent);
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
  window.__rbSearch = { open, root: root.href };
})();
