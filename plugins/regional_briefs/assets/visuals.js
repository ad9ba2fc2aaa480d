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

    const edgeShown = (e) => (!state.brief || e.briefs.includes(state.brief))
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
      count.textContent = `${shownNodes} on screen · ${shown} of ${edges.length} links shown`;
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

  // --- the map ----------------------------------------------------------------------------------

  let countries = null; // country outlines, decoded once per visit

  function mercator(lon, lat) {
    const phi = Math.max(-85, Math.min(85, lat)) * Math.PI / 180;
    return [lon * Math.PI / 180, Math.log(Math.tan(Math.PI / 4 + phi / 2))];
  }

  // Rings in projected units; a ring that crosses the antimeridian goes on past ±180°, off screen.
  function decodeCountries(topology) {
    const collection = topojson.feature(topology, topology.objects.countries);
    return collection.features.map((feature) => {
      const g = feature.geometry;
      const polygons = !g ? [] : g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      const rings = [];
      let box = [Infinity, Infinity, -Infinity, -Infinity];
      let largest = null;
      polygons.forEach((polygon) => polygon.forEach((ring, i) => {
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
        if (i === 0 && (!largest || area > largest.area)) {
          largest = { area, at: [xs.reduce((a, b) => a + b, 0) / xs.length, ys.reduce((a, b) => a + b, 0) / ys.length] };
        }
      }));
      return { name: (feature.properties && feature.properties.name) || "", rings, box, labelAt: largest && largest.at };
    });
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
    const [data, topology] = await Promise.all([
      load("export/map.json"), load(`${VENDOR}countries-50m.json`), load(`${VENDOR}topojson-client.min.js`),
    ]);
    countries = countries || decodeCountries(topology);
    if (!data.places.length) {
      container.replaceChildren(element("p", "rb-visual__message", "No place has coordinates yet."));
      container.dataset.markers = "0";
      return null;
    }
    const canvas = element("canvas");
    canvas.setAttribute("aria-hidden", "true"); // the outlines; the places are the links on top
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
    container.setAttribute("aria-label", `Map of ${data.places.length} places, the places with most events first. `
      + "Tab moves from place to place; arrow keys move the map, plus and minus zoom, 0 shows every place.");

    const markers = data.places.map((place, rank) => {
      const link = element("a", "rb-map__marker");
      link.href = new URL(place.page, ROOT).href;
      const events = place.events ? ` · ${place.events} event${place.events > 1 ? "s" : ""}` : "";
      link.setAttribute("aria-label", `${place.name}, ${place.type}${events}`);
      link.title = `${place.name} (${place.type})${events}`;
      link.dataset.place = place.id;
      const size = 2 * Math.min(22, place.events ? 5 + 3 * Math.sqrt(place.events) : 4);
      link.style.width = link.style.height = `${size}px`;
      if (!place.events) link.classList.add("rb-map__marker--quiet");
      layer.appendChild(link);
      let label = null;
      if (rank < 15) {
        label = element("span", "rb-map__label", place.name);
        label.setAttribute("aria-hidden", "true"); // the marker's own name says it
        label.style.marginLeft = `${size / 2 + 3}px`;
        layer.appendChild(label);
      }
      const marker = { place, link, label, at: mercator(place.lon, place.lat), visible: false };
      // A place out of view stays in the tab order; reaching it brings it into view.
      link.addEventListener("focus", () => {
        if (!marker.visible) {
          view.centre = marker.at.slice();
          draw();
        }
      });
      return marker;
    });

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
    const home = extent(data.bounds);

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
      const inView = countries.filter((c) => c.box[0] < right && c.box[2] > left && c.box[1] < top && c.box[3] > bottom);
      ctx.beginPath();
      inView.forEach((c) => c.rings.forEach((ring) => ring.forEach((p, i) => {
        const [x, y] = project(p, width, height);
        if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      })));
      ctx.fillStyle = cssVar(container, "--rb-land", "#f4f1e8");
      ctx.fill("evenodd");
      ctx.lineWidth = 0.8;
      ctx.strokeStyle = cssVar(container, "--rb-border", "#999");
      ctx.stroke();
      ctx.font = "11px sans-serif";
      ctx.textAlign = "center";
      ctx.fillStyle = cssVar(container, "--rb-label", "#888");
      inView.forEach((c) => {
        if (!c.labelAt || (c.box[2] - c.box[0]) * view.scale < 70) return;
        const [x, y] = project(c.labelAt, width, height);
        if (x > 0 && x < width && y > 0 && y < height) ctx.fillText(c.name.toUpperCase(), x, y);
      });
      let shown = 0;
      markers.forEach((marker) => {
        const { link, label, at } = marker;
        const [x, y] = project(at, width, height);
        const visible = x >= 0 && x <= width && y >= 0 && y <= height;
        marker.visible = visible;
        shown += visible;
        if (label) label.hidden = !visible;
        // Out of view, a marker is moved just outside the map (which clips it), not hidden.
        link.style.left = `${Math.max(-50, Math.min(width + 50, x))}px`;
        link.style.top = `${Math.max(-50, Math.min(height + 50, y))}px`;
        if (label) {
          label.style.left = `${x}px`;
          label.style.top = `${y}px`;
        }
      });
      container.dataset.countries = String(inView.length);
      container.dataset.markers = String(shown);
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
    Object.assign(view, { repaint: draw, destroy: () => resize.disconnect(), markers: () => markers.length });
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
