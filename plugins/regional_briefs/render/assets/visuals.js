/* The network view and the map of a Regional Briefs site.
 *
 * Both are drawn from the site's own files (export/network.json, export/map.json and the vendored
 * libraries next to this script); nothing is fetched from anywhere else. Material's instant
 * navigation swaps pages without reloading, so the views start on every page it shows (document$).
 * Names come from scraped articles: they reach the page through textContent, attributes set with
 * setAttribute, or a canvas; they are never parsed as HTML.
 */
(function () {
  "use strict";

  // This script is <site>/assets/briefs/visuals.js, whichever page loaded it.
  const ROOT = new URL("../../", document.currentScript.src);
  const VENDOR = "assets/briefs/vendor/";
  const loads = new Map();
  let views = []; // the views on the page being shown; torn down when it is replaced

  // Used for a predicate that visuals.css gives no colour (--rb-predicate-<name>).
  const SPARE_COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#9c755f"];
  const TYPE_COLOURS = {
    person: "#1e88e5", organization: "#8e24aa", government: "#43a047", "armed-group": "#e53935",
    media: "#fb8c00",
  };
  const PLACE_COLOUR = "#78909c";
  // A reader who asks for less motion gets each view laid out before it is shown, and no glides.
  const STILL = window.matchMedia("(prefers-reduced-motion: reduce)");

  // --- loading ----------------------------------------------------------------------------------

  function load(path) {
    if (!loads.has(path)) {
      const url = new URL(path, ROOT);
      loads.set(path, path.endsWith(".js") ? loadScript(url) : fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        return response.json();
      }));
    }
    return loads.get(path);
  }

  function loadScript(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url.href;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${url}`));
      document.head.appendChild(script);
    });
  }

  // The way Material itself follows a link from script: a click, which instant navigation catches.
  function navigate(href) {
    const link = document.createElement("a");
    link.href = href;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function cssVar(node, name, fallback) {
    return getComputedStyle(node).getPropertyValue(name).trim() || fallback;
  }

  function fail(container, error) {
    container.replaceChildren(element("p", "rb-visual__message", `This view could not be drawn: ${error.message}`));
    console.error(error);
  }

  // --- the network ------------------------------------------------------------------------------

  /* Nodes and edges to draw: the whole network, or the actor and its neighbours. Copies, since
     force-graph writes positions into nodes and replaces edge ends with node objects. */
  function selectNetwork(data, centre) {
    let edges = data.edges;
    if (centre) {
      const around = new Set([centre]);
      edges.forEach((e) => {
        if (e.source === centre) around.add(e.target);
        if (e.target === centre) around.add(e.source);
      });
      edges = edges.filter((e) => around.has(e.source) && around.has(e.target));
    }
    const linked = new Set();
    edges.forEach((e) => { linked.add(e.source); linked.add(e.target); });
    const nodes = data.nodes.filter((n) => linked.has(n.id)).map((n) => ({ ...n }));
    return { nodes, edges: edges.map((e) => ({ ...e, from: e.source, to: e.target })) };
  }

  // Parallel edges between one pair bend apart so that each stays visible.
  function spreadParallelEdges(edges) {
    const seen = new Map();
    edges.forEach((e) => {
      const key = [e.from, e.to].sort().join("\u0000");
      const n = seen.get(key) || 0;
      seen.set(key, n + 1);
      e.curvature = n === 0 ? 0 : (n % 2 ? 1 : -1) * 0.2 * Math.ceil(n / 2);
    });
  }

  function buildControls(data, state, onChange) {
    const controls = element("div", "rb-network__controls");
    const kinds = element("fieldset", "rb-network__kinds");
    kinds.appendChild(element("legend", "", "Relations"));
    const present = new Set(state.edges.filter((e) => e.kind === "relation").map((e) => e.predicate));
    data.predicates.filter((p) => present.has(p)).forEach((predicate) => {
      const label = element("label", "rb-network__kind");
      const box = element("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = predicate;
      box.addEventListener("change", () => {
        if (box.checked) state.predicates.add(predicate); else state.predicates.delete(predicate);
        onChange();
      });
      const swatch = element("span", "rb-network__swatch");
      swatch.style.background = state.colourOf(predicate);
      label.append(box, swatch, document.createTextNode(predicate));
      kinds.appendChild(label);
    });
    if (!present.size) kinds.appendChild(element("span", "rb-network__none", "none recorded"));

    const shared = element("label", "rb-network__kind");
    const sharedBox = element("input");
    sharedBox.type = "checkbox";
    sharedBox.checked = state.sharedEvents;
    sharedBox.name = "shared-events";
    sharedBox.addEventListener("change", () => { state.sharedEvents = sharedBox.checked; onChange(); });
    const sharedSwatch = element("span", "rb-network__swatch rb-network__swatch--shared");
    shared.append(sharedBox, sharedSwatch, document.createTextNode("shared events"));

    const briefLabel = element("label", "rb-network__brief", "Brief ");
    const select = element("select");
    select.name = "brief";
    select.appendChild(new Option("all briefs", ""));
    data.briefs.forEach((b) => select.appendChild(new Option(b.title, b.id))); // Option sets text, not HTML
    select.addEventListener("change", () => { state.brief = select.value; onChange(); });
    briefLabel.appendChild(select);
    if (!data.briefs.length) briefLabel.hidden = true;

    const legend = element("span", "rb-network__legend");
    [["rb-network__swatch", "fact"], ["rb-network__swatch rb-network__swatch--alleged", "allegation"],
     ["rb-network__cross", "denied"]].forEach(([cls, text]) => {
      const item = element("span", "rb-network__legend-item");
      item.append(element("span", cls, cls.includes("cross") ? "×" : undefined), document.createTextNode(text));
      legend.appendChild(item);
    });
    const count = element("span", "rb-network__count");
    count.setAttribute("aria-live", "polite");
    controls.append(kinds, shared, briefLabel, legend, count);
    return { controls, count };
  }

  function edgeLabel(edge, names) {
    const box = element("div", "rb-network__tip");
    if (edge.kind === "relation") {
      box.appendChild(element("strong", "", `${names(edge.from)} ${edge.predicate} ${names(edge.to)}`));
      const flags = [edge.allegation && "allegation", edge.denied && "denied", `${edge.count} sentence${edge.count > 1 ? "s" : ""}`];
      box.appendChild(element("div", "", flags.filter(Boolean).join(" · ")));
      if (edge.evidence.length) box.appendChild(element("div", "rb-network__quote", `“${edge.evidence[0].sentence}”`));
    } else {
      box.appendChild(element("strong", "", `${names(edge.from)} and ${names(edge.to)}`));
      box.appendChild(element("div", "", `${edge.count} shared event${edge.count > 1 ? "s" : ""}`));
    }
    return box;
  }

  function nodeLabel(node) {
    const box = element("div", "rb-network__tip");
    box.append(element("strong", "", node.name), element("div", "", `${node.type} · ${node.degree} links`));
    return box;
  }

  /* The keyboard's and the screen reader's way into the network: every actor and place on screen,
     as links in a list that follows the filters. Focusing one shows it on the canvas. */
  function buildNodeList(onFocus) {
    const details = element("details", "rb-network__list");
    const summary = element("summary");
    const list = element("ul");
    details.append(summary, list);
    list.addEventListener("focusin", (event) => {
      const link = event.target.closest("a[data-node]");
      if (link) onFocus(link.dataset.node);
    });
    list.addEventListener("focusout", (event) => {
      if (!list.contains(event.relatedTarget)) onFocus(null);
    });
    function fill(nodes) {
      summary.textContent = `List the ${nodes.length} actors and places on screen`;
      list.replaceChildren(...nodes.map((node) => {
        const item = element("li");
        const link = element("a", "", node.name);
        link.href = new URL(node.page, ROOT).href;
        link.dataset.node = node.id;
        item.append(link, document.createTextNode(` · ${node.type} · ${node.shown} link${node.shown === 1 ? "" : "s"} shown`));
        return item;
      }));
    }
    return { details, fill };
  }

  function radius(node) {
    return Math.min(14, 3 + 1.6 * Math.sqrt(node.degree));
  }

  function midpoint(link) {
    const s = link.source, t = link.target, cp = link.__controlPoints;
    if (cp && cp.length === 2) return { x: 0.25 * s.x + 0.5 * cp[0] + 0.25 * t.x, y: 0.25 * s.y + 0.5 * cp[1] + 0.25 * t.y };
    return { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
  }

  async function mountNetwork(container) {
    const centre = container.dataset.rbNetwork === "entity" ? container.dataset.rbEntity : "";
    const [data] = await Promise.all([load("export/network.json"), load(`${VENDOR}force-graph.min.js`)]);
    const { nodes, edges } = selectNetwork(data, centre);
    if (!edges.length) {
      container.replaceChildren(element("p", "rb-visual__message",
        centre ? "No relations or shared events are recorded for this actor." : "No relations or shared events are recorded yet."));
      container.dataset.visibleEdges = "0";
      return null;
    }
    spreadParallelEdges(edges);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const names = (id) => (byId.get(id) || { name: id }).name;
    const colours = new Map(data.predicates.map((p, i) => [p, cssVar(container, `--rb-predicate-${p}`, SPARE_COLOURS[i % SPARE_COLOURS.length])]));
    const state = {
      edges, brief: "", predicates: new Set(data.predicates), sharedEvents: true, degree: new Map(),
      colourOf: (p) => colours.get(p) || "#888",
    };
    const theme = {};
    const readTheme = () => {
      theme.fg = cssVar(container, "--rb-fg", "#222");
      theme.bg = cssVar(container, "--rb-bg", "#fff");
      theme.faint = cssVar(container, "--rb-faint", "rgba(0,0,0,0.2)");
      theme.dim = cssVar(container, "--rb-dim", "rgba(0,0,0,0.06)");
      theme.ring = cssVar(container, "--rb-ring", "#526cfe");
    };
    readTheme();

    let years = null;
    const edgeShown = (e) => (!state.brief || e.briefs.includes(state.brief)) && (!years || years.has(e.years))
      && (e.kind === "event" ? state.sharedEvents : state.predicates.has(e.predicate));
    const nodeShown = (n) => n.id === centre || state.degree.get(n.id) > 0;
    const labelled = new Set(nodes.slice().sort((a, b) => b.degree - a.degree).slice(0, 12).map((n) => n.id));
    // In a crowded network, hovering an actor brings its own links and neighbours forward.
    let focus = null;
    const touches = (e) => !focus || e.from === focus.centre || e.to === focus.centre;

    // The node a reader has focused in the list: ringed, labelled and centred on the canvas.
    let selected = null;
    const canvasBox = element("div", "rb-network__canvas");
    const { controls, count } = buildControls(data, state, () => refresh());
    // The years of the links' articles (a relation) or events (shared events) on screen.
    const yearsShown = [...new Set(edges.flatMap((e) => e.years || []))].sort((a, b) => a - b);
    years = buildYearFilter(yearsShown, "network-years", () => refresh());
    controls.insertBefore(years.box, count);
    const nodeList = buildNodeList((id) => select(id));
    container.replaceChildren(controls, canvasBox, nodeList.details);

    const graph = ForceGraph()(canvasBox)
      .width(canvasBox.clientWidth)
      .height(canvasBox.clientHeight)
      .backgroundColor("rgba(0,0,0,0)")
      .nodeId("id")
      .nodeRelSize(1)
      .nodeVal((n) => radius(n) ** 2)
      .nodeLabel(nodeLabel)
      .nodeCanvasObject((node, ctx, scale) => {
        const r = radius(node);
        ctx.beginPath();
        ctx.arc(node.x, node.y, r, 0, 2 * Math.PI);
        ctx.fillStyle = node.kind === "place" ? PLACE_COLOUR : TYPE_COLOURS[node.type] || "#607d8b";
        ctx.fill();
        ctx.lineWidth = (node.id === centre ? 3 : 1) / scale;
        ctx.strokeStyle = node.id === centre ? theme.fg : theme.bg;
        ctx.stroke();
        if (node === selected) {
          ctx.beginPath();
          ctx.arc(node.x, node.y, r + 4 / scale, 0, 2 * Math.PI);
          ctx.lineWidth = 3 / scale;
          ctx.strokeStyle = theme.ring;
          ctx.stroke();
        }
        if (centre || scale > 1.6 || labelled.has(node.id) || (focus && focus.has(node.id))) {
          const size = 11 / scale;
          ctx.font = `${size}px sans-serif`;
          ctx.textAlign = "center";
          ctx.textBaseline = "top";
          ctx.lineWidth = 3 / scale;
          ctx.strokeStyle = theme.bg;
          ctx.strokeText(node.name, node.x, node.y + r + 2 / scale);
          ctx.fillStyle = theme.fg;
          ctx.fillText(node.name, node.x, node.y + r + 2 / scale);
        }
      })
      .linkSource("from")
      .linkTarget("to")
      .linkLabel((e) => edgeLabel(e, names))
      .linkColor((e) => (!touches(e) ? theme.dim : e.kind === "relation" ? state.colourOf(e.predicate) : theme.faint))
      .linkWidth((e) => (e.kind === "relation" ? 1.5 + Math.min(2, Math.log2(e.count)) : 0.6 + Math.min(2, 0.4 * (e.count - 1))))
      .linkLineDash((e) => (e.allegation ? [4, 3] : null))
      .linkCurvature("curvature")
      .linkDirectionalArrowLength((e) => (e.kind === "relation" ? 5 : 0))
      .linkDirectionalArrowRelPos(1)
      .linkCanvasObjectMode(() => "after")
      .linkCanvasObject((link, ctx, scale) => {
        if (link.kind !== "relation" || !(link.denied || centre || scale > 2.5)) return;
        const m = midpoint(link);
        ctx.font = `${(link.denied ? 12 : 9) / scale}px sans-serif`;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        const text = link.denied ? (centre || scale > 2.5 ? `× ${link.predicate}` : "×") : link.predicate;
        ctx.lineWidth = 3 / scale;
        ctx.strokeStyle = theme.bg;
        ctx.strokeText(text, m.x, m.y);
        ctx.fillStyle = link.denied ? "#d32f2f" : state.colourOf(link.predicate);
        ctx.fillText(text, m.x, m.y);
      })
      .onNodeHover((node) => highlight(node || selected))
      .onNodeClick((node) => navigate(new URL(node.page, ROOT).href))
      .onLinkClick((link) => { if (link.evidence && link.evidence.length) navigate(new URL(link.evidence[0].page, ROOT).href); })
      .d3AlphaDecay(0.04)
      .cooldownTime(6000);
    if (STILL.matches) graph.warmupTicks(300).cooldownTicks(0);
    graph.graphData({ nodes, links: edges });
    graph.d3Force("charge").strength(centre ? -120 : -60);

    let fitted = false;
    graph.onEngineStop(() => {
      if (fitted) return;
      fitted = true;
      graph.zoomToFit(STILL.matches ? 0 : 300, 60, nodeShown);
      setTimeout(() => { container.dataset.settled = "true"; }, 350);
    });

    function highlight(node) {
      focus = null;
      if (node) {
        focus = new Set([node.id]);
        focus.centre = node.id;
        edges.forEach((e) => {
          if (edgeShown(e) && (e.from === node.id || e.to === node.id)) focus.add(e.from).add(e.to);
        });
      }
      graph.linkColor(graph.linkColor());
    }

    function select(id) {
      selected = id ? nodes.find((n) => n.id === id) || null : null;
      highlight(selected);
      if (!selected || selected.x === undefined) return;
      const p = graph.graph2ScreenCoords(selected.x, selected.y);
      const margin = 30;
      if (p.x < margin || p.y < margin || p.x > canvasBox.clientWidth - margin || p.y > canvasBox.clientHeight - margin) {
        graph.centerAt(selected.x, selected.y, STILL.matches ? 0 : 400);
      }
    }

    function refresh() {
      state.degree = new Map();
      let shown = 0;
      edges.forEach((e) => {
        if (!edgeShown(e)) return;
        shown += 1;
        state.degree.set(e.from, (state.degree.get(e.from) || 0) + 1);
        state.degree.set(e.to, (state.degree.get(e.to) || 0) + 1);
      });
      const shownNodes = nodes.filter(nodeShown).length;
      container.dataset.visibleEdges = String(shown);
      container.dataset.visibleNodes = String(shownNodes);
      count.textContent = `${shownNodes} on screen · ${shown} of ${edges.length} links shown · ${years.text()}`;
      graph.linkVisibility(edgeShown).nodeVisibility(nodeShown);
      const listed = nodes.filter(nodeShown).map((n) => ({ ...n, shown: state.degree.get(n.id) || 0 }))
        .sort((a, b) => b.shown - a.shown || a.name.localeCompare(b.name));
      nodeList.fill(listed);
      const canvas = canvasBox.querySelector("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `Network of ${shownNodes} actors and places joined by ${shown} links; `
        + "the list below it names each of them.");
    }
    refresh();

    const resize = new ResizeObserver(() => graph.width(canvasBox.clientWidth).height(canvasBox.clientHeight));
    resize.observe(canvasBox);
    const view = {
      kind: "network",
      container,
      graph,
      repaint() { readTheme(); graph.linkColor(graph.linkColor()); },
      destroy() { resize.disconnect(); graph._destructor(); },
      visibleEdges: () => Number(container.dataset.visibleEdges),
      // Where a node is on screen, for tests and for people scripting the page.
      screenPosition(id) {
        const node = nodes.find((n) => n.id === id);
        if (!node) return null;
        const p = graph.graph2ScreenCoords(node.x, node.y);
        const box = canvasBox.getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      },
      shownNodes: () => nodes.filter(nodeShown).map((n) => n.id),
      selected: () => (selected ? selected.id : null),
      // Where each node is in the layout (not on screen): still, under reduced motion.
      layout: () => nodes.map((n) => [n.id, n.x, n.y]),
    };
    window.__rbNetwork = view;
    return view;
  }

  // --- the years shown --------------------------------------------------------------------------

  /* A "From" and a "To" year under a visible legend, as native selects (the keyboard works as it
     does everywhere). ``range.all`` is true while they span every year; a thing with no year (an
     undated event) is shown only then. */
  function buildYearFilter(years, name, onChange) {
    const box = element("fieldset", "rb-years");
    box.appendChild(element("legend", "", "Years"));
    const first = years[0], last = years[years.length - 1];
    const range = { from: first, to: last, all: true };
    const selects = ["From", "To"].map((text, i) => {
      const label = element("label", "rb-years__label", `${text} `);
      const select = element("select");
      select.name = `${name}-${text.toLowerCase()}`;
      years.forEach((y) => select.appendChild(new Option(String(y), String(y))));
      select.value = String(i ? last : first);
      label.appendChild(select);
      box.appendChild(label);
      return select;
    });
    selects.forEach((select, i) => select.addEventListener("change", () => {
      let from = Number(selects[0].value), to = Number(selects[1].value);
      if (from > to) {
        if (i === 0) to = from; else from = to;
        selects[0].value = String(from);
        selects[1].value = String(to);
      }
      Object.assign(range, { from, to, all: from === first && to === last });
      onChange();
    }));
    if (!years.length) box.hidden = true;
    const has = (list) => range.all || (list || []).some((y) => y >= range.from && y <= range.to);
    const text = () => (range.all ? "all years" : range.from === range.to ? String(range.from) : `${range.from}–${range.to}`);
    return { box, range, has, text };
  }

  // --- the map ----------------------------------------------------------------------------------

  let countries = null; // country outlines by world-atlas id, decoded once per visit
  let regions = null; // provinces and regions (Natural Earth admin-1) by ISO 3166-2 code
  let rivers = null; // river lines (Natural Earth)

  function mercator(lon, lat) {
    const phi = Math.max(-85, Math.min(85, lat)) * Math.PI / 180;
    return [lon * Math.PI / 180, Math.log(Math.tan(Math.PI / 4 + phi / 2))];
  }

  // Projected rings with their box and the middle of the largest (where a label or marker goes).
  // A ring that crosses the antimeridian goes on past ±180°, off screen.
  function projectRings(lonLatRings) {
    const rings = [];
    let box = [Infinity, Infinity, -Infinity, -Infinity];
    let largest = null;
    lonLatRings.forEach((ring) => {
      let shift = 0, previous = null;
      const points = ring.map(([lon, lat]) => {
        if (previous !== null && Math.abs(lon + shift - previous) > 180) shift += previous > lon + shift ? 360 : -360;
        previous = lon + shift;
        return mercator(lon + shift, lat);
      });
      rings.push(points);
      const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
      const ringBox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      box = [Math.min(box[0], ringBox[0]), Math.min(box[1], ringBox[1]), Math.max(box[2], ringBox[2]), Math.max(box[3], ringBox[3])];
      const area = (ringBox[2] - ringBox[0]) * (ringBox[3] - ringBox[1]);
      if (!largest || area > largest.area) {
        largest = { area, at: [xs.reduce((a, b) => a + b, 0) / xs.length, ys.reduce((a, b) => a + b, 0) / ys.length] };
      }
    });
    return { rings, box, labelAt: largest && largest.at };
  }

  function decodeCountries(topology) {
    const collection = topojson.feature(topology, topology.objects.countries);
    const byId = new Map();
    collection.features.forEach((feature) => {
      const g = feature.geometry;
      const polygons = !g ? [] : g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      // Outer rings decide where the label goes; holes are drawn (even-odd) but do not.
      const shape = projectRings(polygons.map((p) => p[0]).filter(Boolean));
      shape.rings = projectRings(polygons.flat()).rings;
      byId.set(String(feature.id), { id: String(feature.id), name: (feature.properties && feature.properties.name) || "", ...shape });
    });
    return byId;
  }

  const inBox = (box, left, right, bottom, top) => box[0] < right && box[2] > left && box[1] < top && box[3] > bottom;

  // Shading steps of 1, 2–3, 4–7, 8–15 and 16 or more events: as many as the busiest country needs.
  function shadingSteps(max) {
    const steps = [];
    for (let low = 1; low <= max && steps.length < 5; low *= 2) steps.push(low);
    return steps;
  }

  // The last step ends at the busiest country's number over all years, which no choice of years passes.
  function stepText(steps, i, max) {
    const low = steps[i], high = i + 1 < steps.length ? steps[i + 1] - 1 : max;
    return high === low ? String(low) : `${low}–${high}`;
  }

  function buildMapLegend(steps, max) {
    const legend = element("div", "rb-map__legend");
    legend.appendChild(element("span", "rb-map__legend-title", "Events per country:"));
    const swatches = [];
    const add = (cls, text) => {
      const item = element("span", "rb-map__legend-item");
      const swatch = element("span", cls);
      item.append(swatch, document.createTextNode(text));
      legend.appendChild(item);
      return swatch;
    };
    add("rb-map__swatch rb-map__swatch--none", "none");
    steps.forEach((_, i) => swatches.push(add("rb-map__swatch", stepText(steps, i, max))));
    add("rb-map__line rb-map__line--river", "river");
    add("rb-map__line rb-map__line--region", "province or region");
    add("rb-map__dot", "place, sized by its events");
    return { legend, swatches };
  }

  /* The keyboard's and the screen reader's list of what the map shows in the years chosen: the
     countries with events (and their number) and the places. */
  function buildMapList() {
    const details = element("details", "rb-network__list rb-map__list");
    const summary = element("summary");
    const list = element("ul");
    details.append(summary, list);
    function fill(shaded, places, years) {
      summary.textContent = `List the ${shaded.length} countries with events and the ${places.length} places shown (${years})`;
      const item = (name, page, text) => {
        const li = element("li");
        if (page) {
          const link = element("a", "", name);
          link.href = new URL(page, ROOT).href;
          li.appendChild(link);
        } else li.appendChild(document.createTextNode(name));
        li.appendChild(document.createTextNode(text));
        return li;
      };
      const events = (n) => `${n} event${n === 1 ? "" : "s"}`;
      list.replaceChildren(
        ...shaded.map((c) => { const li = item(c.name, c.page, ` · country · ${events(c.shown)}`); li.dataset.country = c.code; return li; }),
        ...places.map((p) => { const li = item(p.name, p.page, ` · ${p.type} · ${events(p.shown)}`); li.dataset.place = p.id; return li; }),
      );
    }
    return { details, fill };
  }

  // The places' extent with a margin, at least 6° across, in projected units.
  function extent(bounds) {
    const padLon = Math.max(3, (bounds.east - bounds.west) * 0.15);
    const padLat = Math.max(3, (bounds.north - bounds.south) * 0.15);
    const [x0, y0] = mercator(bounds.west - padLon, bounds.south - padLat);
    const [x1, y1] = mercator(bounds.east + padLon, bounds.north + padLat);
    return [x0, y0, x1, y1];
  }

  async function mountMap(container) {
    const wantsRegions = (places) => places.some((p) => p.shape === "region");
    const [data, topology, riverData] = await Promise.all([
      load("export/map.json"), load(`${VENDOR}countries-50m.json`), load(`${VENDOR}rivers-50m.json`),
      load(`${VENDOR}topojson-client.min.js`),
    ]);
    countries = countries || decodeCountries(topology);
    rivers = rivers || riverData.rivers.map((line) => {
      const points = line.map(([lon, lat]) => mercator(lon, lat));
      const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
      return { points, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
    });
    if (!regions && wantsRegions(data.places)) {
      const admin1 = await load(`${VENDOR}admin1.json`);
      regions = new Map(admin1.regions.map((r) => [r.code, projectRings(r.rings)]));
    }
    if (!data.places.length) {
      container.replaceChildren(element("p", "rb-visual__message", "No place can be put on the map yet."));
      container.dataset.markers = "0";
      return null;
    }
    const events = data.events || [];
    const countryOf = new Map((data.countries || []).map((c) => [c.code, c]));
    const busiest = Math.max(0, ...(data.countries || []).map((c) => c.events));
    const steps = shadingSteps(busiest);

    // Above the map the years and the legend; below it the list of what it shows.
    const frame = element("div", "rb-map-frame");
    const controls = element("div", "rb-network__controls rb-map__controls");
    const years = buildYearFilter(data.years || [], "map-years", () => draw());
    const { legend, swatches } = buildMapLegend(steps, busiest);
    const count = element("span", "rb-network__count");
    count.setAttribute("aria-live", "polite");
    controls.append(years.box, legend, count);
    const mapList = buildMapList();
    container.replaceWith(frame);
    frame.append(controls, container, mapList.details);

    const canvas = element("canvas");
    canvas.setAttribute("aria-hidden", "true"); // the shapes; the places are the links on top, and the list below
    const layer = element("div", "rb-map__markers");
    const zoom = element("div", "rb-map__zoom");
    const buttons = [["+", "Zoom in", 1.5], ["−", "Zoom out", 1 / 1.5], ["⟲", "Show all places", 0]].map(([text, label, factor]) => {
      const button = element("button", "rb-map__button", text);
      button.type = "button";
      button.title = label;
      button.setAttribute("aria-label", label);
      button.addEventListener("click", () => (factor ? zoomBy(factor) : reset()));
      return button;
    });
    zoom.append(...buttons);
    container.replaceChildren(canvas, layer, zoom);
    // Tab goes from place to place (most events first); on the map itself, arrows move and +/− zoom.
    container.tabIndex = 0;
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", `Map of ${data.places.length} places, the places with most events first; `
      + "countries are shaded by their events in the years chosen above it. "
      + "Tab moves from place to place; arrow keys move the map, plus and minus zoom, 0 shows every place.");

    // Where a place goes: its coordinates, or the middle of its country's or region's outline.
    const anchor = (place) => {
      if (place.lat !== undefined && place.lon !== undefined) return mercator(place.lon, place.lat);
      const shape = place.shape === "country" ? countries.get((countryOf.get(place.code) || {}).shape)
        : place.shape === "region" && regions ? regions.get(place.code) : null;
      return shape && shape.labelAt;
    };
    const markers = data.places.map((place, rank) => {
      const at = anchor(place);
      if (!at) return null;
      const link = element("a", "rb-map__marker");
      link.href = new URL(place.page, ROOT).href;
      link.dataset.place = place.id;
      if (place.shape) link.classList.add(`rb-map__marker--${place.shape}`);
      layer.appendChild(link);
      let label = null;
      if (rank < 15) {
        label = element("span", "rb-map__label", place.name);
        label.setAttribute("aria-hidden", "true"); // the marker's own name says it
        layer.appendChild(label);
      }
      const marker = { place, link, label, at, visible: false, shown: 0 };
      // A place out of view stays in the tab order; reaching it brings it into view.
      link.addEventListener("focus", () => {
        if (!marker.visible) {
          view.centre = marker.at.slice();
          draw();
        }
      });
      return marker;
    }).filter(Boolean);

    // A country that is a place has its marker and label; the canvas does not name it again.
    const marked = new Set(data.places.filter((p) => p.shape === "country").map((p) => (countryOf.get(p.code) || {}).shape));
    const view = { kind: "map", container, centre: [0, 0], scale: 1 };
    container.addEventListener("keydown", (event) => {
      if (event.target !== container || event.altKey || event.ctrlKey || event.metaKey) return;
      const step = 80 / view.scale;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (moves[event.key]) {
        view.centre = [view.centre[0] + moves[event.key][0], view.centre[1] + moves[event.key][1]];
        draw();
      } else if (event.key === "+" || event.key === "=") zoomBy(1.5);
      else if (event.key === "-" || event.key === "−") zoomBy(1 / 1.5);
      else if (event.key === "0") reset();
      else return;
      event.preventDefault();
    });
    // Home: the places with coordinates, or else the outlines of those without.
    let home;
    if (data.bounds) home = extent(data.bounds);
    else {
      const boxes = data.places.map((p) => (p.shape === "country" ? countries.get((countryOf.get(p.code) || {}).shape)
        : regions && regions.get(p.code))).filter(Boolean).map((s) => s.box);
      home = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])),
        Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
    }

    function reset() {
      const width = container.clientWidth, height = container.clientHeight;
      view.centre = [(home[0] + home[2]) / 2, (home[1] + home[3]) / 2];
      view.scale = Math.min(width / (home[2] - home[0]), height / (home[3] - home[1]));
      draw();
    }

    function zoomBy(factor) {
      view.scale = Math.max(20, Math.min(200000, view.scale * factor));
      draw();
    }

    const project = ([x, y], width, height) => [width / 2 + (x - view.centre[0]) * view.scale, height / 2 - (y - view.centre[1]) * view.scale];

    // What the years chosen show: events per country and per place.
    function tally() {
      const byCountry = new Map(), byPlace = new Map();
      let shownEvents = 0;
      events.forEach((e) => {
        if (!years.has(e.year === null || e.year === undefined ? [] : [e.year])) return;
        shownEvents += 1;
        e.countries.forEach((c) => byCountry.set(c, (byCountry.get(c) || 0) + 1));
        e.places.forEach((p) => byPlace.set(p, (byPlace.get(p) || 0) + 1));
      });
      return { byCountry, byPlace, shownEvents };
    }

    const stepOf = (n) => { let i = -1; steps.forEach((low, j) => { if (n >= low) i = j; }); return i; };
    const shadeColour = (i) => {
      const n = steps.length, index = n === 1 ? 3 : Math.round(1 + (i * 4) / (n - 1)); // 1..5 of the ramp
      return cssVar(container, `--rb-shade-${Math.min(5, Math.max(1, index))}`, "#f79a5c");
    };
    let shading = new Map(); // country code -> index of its step, for the years shown

    function trace(ctx, rings, width, height) {
      rings.forEach((ring) => ring.forEach((p, i) => {
        const [x, y] = project(p, width, height);
        if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      }));
    }

    function draw() {
      const width = container.clientWidth, height = container.clientHeight, ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      const ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.fillStyle = cssVar(container, "--rb-water", "#e3eef6");
      ctx.fillRect(0, 0, width, height);
      const left = view.centre[0] - width / 2 / view.scale, right = view.centre[0] + width / 2 / view.scale;
      const bottom = view.centre[1] - height / 2 / view.scale, top = view.centre[1] + height / 2 / view.scale;
      const visible = (box) => inBox(box, left, right, bottom, top);
      const inView = [...countries.values()].filter((c) => visible(c.box));
      const { byCountry, byPlace, shownEvents } = tally();
      shading = new Map();
      byCountry.forEach((n, code) => { if (countryOf.has(code) && stepOf(n) >= 0) shading.set(code, stepOf(n)); });

      // Land, then each shaded country in its step's colour, then every boundary.
      ctx.beginPath();
      inView.forEach((c) => trace(ctx, c.rings, width, height));
      ctx.fillStyle = cssVar(container, "--rb-land", "#f4f1e8");
      ctx.fill("evenodd");
      shading.forEach((step, code) => {
        const shape = countries.get(countryOf.get(code).shape);
        if (!shape || !visible(shape.box)) return;
        ctx.beginPath();
        trace(ctx, shape.rings, width, height);
        ctx.fillStyle = shadeColour(step);
        ctx.fill("evenodd");
      });
      // Rivers, then the provinces and regions the articles name, then the boundaries on top.
      ctx.beginPath();
      rivers.filter((r) => visible(r.box)).forEach((r) => trace(ctx, [r.points], width, height));
      ctx.lineWidth = 1.2;
      ctx.lineJoin = "round";
      ctx.strokeStyle = cssVar(container, "--rb-river", "#1f6fb2");
      ctx.stroke();
      if (regions) {
        ctx.beginPath();
        data.places.forEach((p) => {
          const shape = p.shape === "region" && regions.get(p.code);
          if (shape && visible(shape.box)) trace(ctx, shape.rings, width, height);
        });
        ctx.fillStyle = cssVar(container, "--rb-region-fill", "rgba(94, 53, 177, 0.12)");
        ctx.fill("evenodd");
        ctx.setLineDash([5, 3]);
        ctx.lineWidth = 2;
        ctx.strokeStyle = cssVar(container, "--rb-region", "#5e35b1");
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.beginPath();
      inView.forEach((c) => trace(ctx, c.rings, width, height));
      ctx.lineWidth = 1;
      ctx.strokeStyle = cssVar(container, "--rb-border", "#333");
      ctx.stroke();
      ctx.font = "11px sans-serif";
      ctx.textAlign = "center";
      ctx.fillStyle = cssVar(container, "--rb-label", "#555");
      inView.forEach((c) => {
        if (!c.labelAt || marked.has(c.id) || (c.box[2] - c.box[0]) * view.scale < 70) return;
        const [x, y] = project(c.labelAt, width, height);
        if (x > 0 && x < width && y > 0 && y < height) ctx.fillText(c.name.toUpperCase(), x, y);
      });

      // Places: every one while all years are shown, else those with events in the years chosen.
      let inFrame = 0, shownMarkers = 0;
      markers.forEach((marker) => {
        const { place, link } = marker;
        marker.shown = years.range.all ? place.events : byPlace.get(place.id) || 0;
        marker.hidden = !years.range.all && !marker.shown;
        link.hidden = marker.hidden;
        const eventText = marker.shown ? ` · ${marker.shown} event${marker.shown > 1 ? "s" : ""}` : "";
        link.setAttribute("aria-label", `${place.name}, ${place.type}${eventText}`);
        link.title = `${place.name} (${place.type})${eventText}`;
        marker.size = 2 * Math.min(22, marker.shown ? 5 + 3 * Math.sqrt(marker.shown) : 4);
        link.style.width = link.style.height = `${marker.size}px`;
        link.classList.toggle("rb-map__marker--quiet", !marker.shown);
        marker.xy = project(marker.at, width, height);
      });
      // A country's or a province's circle stands in the middle of its outline, which is a choice,
      // not a coordinate: when it would crowd another circle (closer than the 24px a target needs,
      // WCAG 2.2, 2.5.8), it moves to the nearest free spot around there. Points never move.
      const placed = markers.filter((m) => !m.hidden && !m.place.shape);
      const free = ([x, y], size) => placed.every((o) => Math.hypot(o.xy[0] - x, o.xy[1] - y) >= Math.max(24, (o.size + size) / 2) + 1);
      markers.filter((m) => !m.hidden && m.place.shape).forEach((marker) => {
        const [x0, y0] = marker.xy;
        search: for (let ring = 0; ring <= 8; ring += 1) {
          for (let k = 0; k < (ring ? 12 : 1); k += 1) {
            const angle = (k * Math.PI) / 6;
            const xy = [x0 + ring * 10 * Math.cos(angle), y0 + ring * 10 * Math.sin(angle)];
            if (free(xy, marker.size)) { marker.xy = xy; break search; }
          }
        }
        placed.push(marker);
      });
      markers.forEach((marker) => {
        const { link, label, size, hidden } = marker;
        const [x, y] = marker.xy;
        const visibleHere = !hidden && x >= 0 && x <= width && y >= 0 && y <= height;
        marker.visible = visibleHere;
        inFrame += visibleHere;
        shownMarkers += !hidden;
        if (label) {
          label.hidden = !visibleHere;
          label.style.marginLeft = `${size / 2 + 3}px`;
          label.style.left = `${x}px`;
          label.style.top = `${y}px`;
        }
        // Out of view, a marker is moved just outside the map (which clips it), not hidden.
        link.style.left = `${Math.max(-50, Math.min(width + 50, x))}px`;
        link.style.top = `${Math.max(-50, Math.min(height + 50, y))}px`;
      });
      steps.forEach((_, i) => { swatches[i].style.background = shadeColour(i); });
      const shaded = [...shading.keys()].map((code) => ({ ...countryOf.get(code), shown: byCountry.get(code) }))
        .sort((a, b) => b.shown - a.shown || a.name.localeCompare(b.name));
      const placesShown = markers.filter((m) => !m.link.hidden).map((m) => ({ ...m.place, shown: m.shown }));
      const summary = `${years.text()}: ${shownEvents} event${shownEvents === 1 ? "" : "s"} · `
        + `${shaded.length} ${shaded.length === 1 ? "country" : "countries"} shaded · ${shownMarkers} places`;
      if (count.textContent !== summary) {
        count.textContent = summary;
        mapList.fill(shaded, placesShown, years.text());
      }
      container.dataset.countries = String(inView.length);
      container.dataset.shaded = String(shading.size);
      container.dataset.markers = String(inFrame);
      container.dataset.shown = String(shownMarkers);
      container.dataset.years = years.range.all ? "all" : `${years.range.from}-${years.range.to}`;
      container.dataset.ready = "true";
    }

    // Drag to pan; a drag that starts on a marker is still a click on it.
    let drag = null;
    container.addEventListener("pointerdown", (event) => {
      if (event.target.closest(".rb-map__marker, .rb-map__button")) return;
      drag = { x: event.clientX, y: event.clientY, centre: view.centre.slice() };
      container.setPointerCapture(event.pointerId);
    });
    container.addEventListener("pointermove", (event) => {
      if (!drag) return;
      view.centre = [drag.centre[0] - (event.clientX - drag.x) / view.scale, drag.centre[1] + (event.clientY - drag.y) / view.scale];
      draw();
    });
    const stop = () => { drag = null; };
    container.addEventListener("pointerup", stop);
    container.addEventListener("pointercancel", stop);
    container.addEventListener("dblclick", (event) => {
      if (event.target.closest(".rb-map__marker, .rb-map__button")) return;
      const box = container.getBoundingClientRect();
      view.centre = [view.centre[0] + (event.clientX - box.left - box.width / 2) / view.scale,
        view.centre[1] - (event.clientY - box.top - box.height / 2) / view.scale];
      zoomBy(1.5);
    });

    let lastWidth = container.clientWidth;
    const resize = new ResizeObserver(() => {
      if (container.clientWidth !== lastWidth) { lastWidth = container.clientWidth; reset(); } else draw();
    });
    resize.observe(container);
    reset();
    Object.assign(view, {
      repaint: draw, destroy: () => resize.disconnect(), markers: () => markers.length,
      // For tests and for people scripting the page: each shaded country's colour, in the years shown.
      shading: () => Object.fromEntries([...shading].map(([code, step]) => [code, shadeColour(step)])),
    });
    window.__rbMap = view;
    return view;
  }

  // --- starting on every page -------------------------------------------------------------------

  function start() {
    views.filter((v) => !v.container.isConnected).forEach((v) => v.destroy());
    views = views.filter((v) => v.container.isConnected);
    const mounts = [
      ...[...document.querySelectorAll("[data-rb-network]")].map((el) => [el, mountNetwork]),
      ...[...document.querySelectorAll("[data-rb-map]")].map((el) => [el, mountMap]),
    ];
    mounts.forEach(([el, mount]) => {
      if (el.dataset.rbStarted) return;
      el.dataset.rbStarted = "true";
      mount(el).then((view) => { if (view) views.push(view); }).catch((error) => fail(el, error));
    });
  }

  // Material sets the palette on <body>; redraw in the new colours.
  new MutationObserver(() => views.forEach((v) => v.repaint()))
    .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
