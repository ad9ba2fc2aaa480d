/* Regional Briefs: the header's search button opens a dialog with Pagefind's UI (search.py).
   Pagefind's script, stylesheet and index are fetched when a search is coming (a pointer over the
   search button, the keyboard's focus on it, the dialog opened), never on a page view alone; the index is read
   in chunks, so a query loads only what it needs. The site may live under a subpath (a GitHub
   Pages project site): every address is taken from the site's root as Material computes it. */
(() => {
  if (window.__rbSearch) return;  // instant navigation keeps this script; run it once
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const root = new URL((config.base || ".") + "/", location.href);  // the site's root, with its subpath
  const bundle = new URL("pagefind/", root);

  function load(tag, attributes) {
    return new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.onload = resolve;
      element.onerror = () => reject(new Error(`could not load ${attributes.src || attributes.href}`));
      document.head.append(element);
    });
  }

  let starting = null;  // one load, however many times a search is announced
  function start() {
    starting ??= loadUi().catch((error) => { starting = null; throw error; });
    return starting;
  }

  // The excerpt's length in words, the same in every shard (Pagefind's UI sets it on the first only).
  const EXCERPT_LENGTH = 12;

  // Pagefind's module, told where the site's root is, with the index's other shards (search.py:
  // Pagefind's time grows with the square of a shard's matches) merged into it, all at once: the
  // module sends them to its worker before any query, so the first query searches every shard.
  async function loadPagefind() {
    const [pagefind, shards] = await Promise.all([
      import(new URL("pagefind.js", bundle).href),
      // Without the list (a failed request), the first shard is still searched.
      fetch(new URL("shards.json", bundle)).then((response) => response.ok ? response.json() : []).catch(() => []),
    ]);
    await pagefind.options({ baseUrl: root.pathname, excerptLength: EXCERPT_LENGTH });
    await pagefind.init();
    for (const shard of shards) {
      pagefind.mergeIndex(new URL(shard, bundle).pathname, { baseUrl: root.pathname, excerptLength: EXCERPT_LENGTH })
        .catch(() => {});  // a shard that does not load leaves the others searchable
    }
  }

  async function loadUi() {
    // The UI imports the same module (one instance per address) and finds it set up: the
    // WebAssembly, the index's entries and the shards load while the reader types.
    await Promise.all([load("link", { rel: "stylesheet", href: new URL("pagefind-ui.css", bundle).href }),
                       load("script", { src: new URL("pagefind-ui.js", bundle).href }),
                       loadPagefind()]);
    return new PagefindUI({
      element: "#rb-search-ui",
      bundlePath: bundle.pathname,
      baseUrl: root.pathname,
      showImages: false,
      showSubResults: true,
      excerptLength: EXCERPT_LENGTH,
      openFilters: ["Page type"],
      autofocus: true,
      debounceTimeoutMs: 100,  // Pagefind waits 300 ms after a key by default; a chunk loads in less
      translations: { placeholder: "Search actors, places, events, articles", zero_results: "Nothing found for [SEARCH_TERM]" },
    });
  }

  function open() {
    const dialog = document.getElementById("rb-search");
    if (!dialog || dialog.open) return;
    dialog.showModal();
    start().then(() => dialog.querySelector("input")?.focus()).catch((error) => {
      dialog.querySelector("#rb-search-ui").textContent = `Search is unavailable: ${error.message}`;
    });
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest("[data-rb-search-open]")) open();
    else if (target?.closest("[data-rb-search-close]")) document.getElementById("rb-search")?.close();
    else if (target?.closest("#rb-search a[href]")) document.getElementById("rb-search")?.close();
    else if (target?.matches("dialog#rb-search")) target.close();  // a click on the backdrop
  });
  // A pointer over the search button or the keyboard's focus on it says a search is coming: Pagefind's
  // script and stylesheet start loading then, so the dialog opens ready.
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
