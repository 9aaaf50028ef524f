// warwatch dashboard: map, timeline, filters, table and event panel over the warwatch HTTP API.
// Plain ES module, no build step. Leaflet, Leaflet.markercluster and topojson-client are vendored classic
// scripts (globals L and topojson) loaded before this module. The whole view lives in the URL's query string.

const CATEGORY_COLOURS = {
  ASSAULT: "#ef4444", COERCE: "#f97316", THREATEN: "#facc15", MOBILIZE: "#fb7185", SANCTION: "#c084fc",
  PROTEST: "#e879f9", ACCUSE: "#fdba74", REJECT: "#a78bfa", REQUEST: "#67e8f9", CONSULT: "#38bdf8",
  AGREE: "#4ade80", SUPPORT: "#15b881", COOPERATE: "#2dd4bf", AID: "#bef264", CONCEDE: "#93c5fd",
  RETREAT: "#94a3b8",
};
const OTHER_COLOUR = "#cbd5e1";
const TEXT_FILTERS = ["since", "until", "country", "admin1", "actor", "recipient", "mode", "weapon", "q",
  "background", "min_dead", "min_injured"];
const SORTS = ["-date", "date", "-dead", "dead", "-injured", "injured", "-sources", "sources"];
const PAGE_SIZE = 25;
const MAP_PAGE = 1000;
const MAP_MAX_PAGES = 5;

const $ = (sel) => document.querySelector(sel);
const colour = (cat) => CATEGORY_COLOURS[cat] || OTHER_COLOUR;
const fmt = new Intl.NumberFormat("en");

// ---------------------------------------------------------------- state <-> URL

/** The view: filters (API parameter names), table sort, selected event, map view. */
function readUrl() {
  const p = new URLSearchParams(location.search);
  const filters = { category: (p.get("category") || "").split(",").filter(Boolean) };
  for (const key of TEXT_FILTERS) if (p.get(key)) filters[key] = p.get(key);
  const sort = SORTS.includes(p.get("sort")) ? p.get("sort") : "-date";
  let map = null;
  const m = (p.get("map") || "").split("/").map(Number);
  if (m.length === 3 && m.every(Number.isFinite)) map = { zoom: m[0], lat: m[1], lon: m[2] };
  return { filters, sort, event: p.get("event") || null, map };
}

function urlFor(st) {
  const p = new URLSearchParams();
  if (st.filters.category.length) p.set("category", st.filters.category.join(","));
  for (const key of TEXT_FILTERS) if (st.filters[key]) p.set(key, st.filters[key]);
  if (st.sort !== "-date") p.set("sort", st.sort);
  if (st.event) p.set("event", st.event);
  if (st.map) p.set("map", `${st.map.zoom}/${st.map.lat.toFixed(4)}/${st.map.lon.toFixed(4)}`);
  const qs = p.toString().replaceAll("%2C", ",").replaceAll("%2F", "/");
  return location.pathname + (qs ? `?${qs}` : "");
}

function writeUrl(push) {
  const url = urlFor(state);
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

/** API query parameters for the current filters, leaving out the keys in `omit`. */
function apiParams(omit = []) {
  const p = new URLSearchParams();
  if (state.filters.category.length && !omit.includes("category")) p.set("category", state.filters.category.join(","));
  for (const key of TEXT_FILTERS) if (state.filters[key] && !omit.includes(key)) p.set(key, state.filters[key]);
  if (!p.has("background")) p.set("background", "false"); // news events unless background mentions are asked for
  return p;
}

// ---------------------------------------------------------------- API

let busy = 0;
function setBusy(delta) {
  busy += delta;
  if (busy > 0) document.body.dataset.busy = "1";
  else delete document.body.dataset.busy;
}

async function api(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  setBusy(1);
  try {
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw apiError(res, body);
    return body;
  } finally {
    setBusy(-1);
  }
}

/** An Error from the API's error body: `{"error": {status, message, field}}`, or `{"error": "code", message,
 * errors: [{field, message}]}`. */
function apiError(res, body) {
  let status = res.status; let message = res.statusText; let field = null;
  if (body && body.error && typeof body.error === "object") {
    ({ message } = body.error); status = body.error.status ?? status; field = body.error.field ?? null;
  } else if (body && body.message) {
    ({ message } = body);
    const first = (body.errors || [])[0];
    if (first) { field = first.field ?? null; message = first.message || message; }
  }
  return Object.assign(new Error(message), { status, field });
}

const pageEvents = (body) => body.events ?? body.items ?? [];
const dailyRows = (body) => body.days ?? body.rows ?? [];

function showError(err) {
  const box = $("#error") || document.body.appendChild(Object.assign(document.createElement("div"),
    { id: "error", className: "error", role: "alert" }));
  box.textContent = err ? `${err.field ? `${err.field}: ` : ""}${err.message}` : "";
  box.hidden = !err;
  if (err) console.error(err);
}

/** /meta as the filter bar reads it: lists of values and the span of dates. The API spec's keys
 * (categories, countries, date_min, date_max) and the query layer's facets ({value, events}) both read. */
function normaliseMeta(raw) {
  const values = (list) => (list || []).map((v) => (v && typeof v === "object" ? v.value : v)).filter(Boolean);
  return {
    ...raw,
    categories: raw.categories || values(raw.category),
    countries: raw.countries || values(raw.country),
    actors: values(raw.actors || raw.actor),
    recipients: values(raw.recipients || raw.recipient),
    date_min: raw.date_min ?? raw.first_date ?? null,
    date_max: raw.date_max ?? raw.last_date ?? null,
  };
}

/** /events/{id} as the panel reads it: the event record with `articles` [{id, url, title, published, text}]. */
function normaliseEvent(raw) {
  if (raw && raw.event && typeof raw.event === "object") {
    const sources = raw.sources || raw.articles || [];
    return { ...raw.event, articles: sources.map((a) => ({ ...a, id: a.id ?? a.article_id })) };
  }
  return raw;
}

// ---------------------------------------------------------------- small DOM helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false)
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

const names = (list) => (list || []).map((a) => a.name || a.country || "?").join(", ");
const num = (v) => (v === null || v === undefined ? "–" : fmt.format(v));
const QUALIFIER = { at_least: "at least ", more_than: "more than ", about: "about ", at_most: "at most ",
  fewer_than: "fewer than " };
function place(loc) {
  if (!loc) return "unplaced";
  return [loc.name, loc.country].filter(Boolean).join(", ");
}

// ---------------------------------------------------------------- filter bar

let meta = null;
let state = readUrl();

function renderChips() {
  const box = $("#category-chips");
  box.replaceChildren(...meta.categories.map((cat) => el("button", {
    type: "button", class: "chip", "aria-pressed": String(state.filters.category.includes(cat)),
    dataset: { category: cat }, style: `--c:${colour(cat)}`,
    onclick: () => {
      const on = new Set(state.filters.category);
      if (on.has(cat)) on.delete(cat); else on.add(cat);
      state.filters.category = meta.categories.filter((c) => on.has(c));
      applyFilters();
    },
  }, el("span", { class: "swatch", "aria-hidden": "true" }), cat, el("span", { class: "chip-count" }))));
}

/** Events per category under every filter but the category itself, written on the chips. */
async function loadCategoryCounts() {
  const params = apiParams(["category"]);
  params.set("group_by", "category"); // per day and category: a year of a million events stays small and fast
  const body = await api("/stats/daily", params);
  const counts = {};
  for (const d of dailyRows(body)) counts[d.category] = (counts[d.category] || 0) + d.events;
  for (const chip of document.querySelectorAll(".chip")) {
    const n = counts[chip.dataset.category] || 0;
    chip.querySelector(".chip-count").textContent = fmt.format(n);
    chip.classList.toggle("empty", n === 0);
  }
}

function syncForm() {
  for (const key of ["since", "until", "country", "actor", "recipient", "q", "background"]) {
    const input = $("#filters").elements[key];
    if (input) input.value = state.filters[key] || "";
  }
  $("#f-min-dead").value = state.filters.min_dead || "";
  for (const chip of document.querySelectorAll(".chip"))
    chip.setAttribute("aria-pressed", String(state.filters.category.includes(chip.dataset.category)));
}

function readForm() {
  const form = $("#filters");
  for (const key of ["since", "until", "country", "actor", "recipient", "q", "background"]) {
    const v = (form.elements[key].value || "").trim();
    if (v) state.filters[key] = v; else delete state.filters[key];
  }
  const md = form.elements.min_dead.value;
  if (md !== "" && Number(md) > 0) state.filters.min_dead = String(Math.floor(Number(md)));
  else delete state.filters.min_dead;
}

function applyFilters() {
  syncForm();
  writeUrl(true);
  refresh();
}

/** Read the form and reload the view, unless nothing changed (a text field's change event after its input). */
function applyForm() {
  const before = JSON.stringify(state.filters);
  readForm();
  if (JSON.stringify(state.filters) !== before) applyFilters();
}

function bindForm() {
  const form = $("#filters");
  let timer = null;
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); applyForm(); });
  form.addEventListener("change", (e) => {
    if (e.target.classList.contains("chip")) return;
    clearTimeout(timer);
    applyForm();
  });
  form.addEventListener("input", (e) => {
    if (!["text", "search"].includes(e.target.type)) return;
    clearTimeout(timer);
    timer = setTimeout(applyForm, 400);
  });
  form.addEventListener("reset", (e) => {
    e.preventDefault();
    state.filters = { category: [] };
    applyFilters();
  });
  $("#share").addEventListener("click", async () => {
    const btn = $("#share");
    try { await navigator.clipboard.writeText(location.href); btn.textContent = "Link copied"; }
    catch { window.prompt("Copy this link", location.href); }
    setTimeout(() => { btn.textContent = "Copy link"; }, 1500);
  });
}

// ---------------------------------------------------------------- map

let map = null;
let cluster = null;
let halo = null;
const markers = new Map(); // event_id -> layer

function radius(e) {
  const n = (e.dead || 0) + (e.injured || 0);
  return Math.min(24, 4 + 2.2 * Math.sqrt(n));
}

function clusterIcon(group) {
  const counts = {};
  for (const m of group.getAllChildMarkers()) counts[m.options.category] = (counts[m.options.category] || 0) + 1;
  const total = group.getChildCount();
  let acc = 0;
  const stops = Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([cat, n]) => {
    const from = (acc / total) * 360; acc += n;
    return `${colour(cat)} ${from}deg ${(acc / total) * 360}deg`;
  });
  const size = Math.round(28 + Math.min(26, 6 * Math.log2(total)));
  return L.divIcon({
    html: `<div class="cluster-ring" style="background:conic-gradient(${stops.join(",")})"><span>${total}</span></div>`,
    className: "cluster", iconSize: [size, size],
  });
}

async function initMap() {
  map = L.map("map", { zoomSnap: 0.25, worldCopyJump: true, minZoom: 1, maxZoom: 14, preferCanvas: false,
    attributionControl: true, zoomControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · world-atlas");
  map.createPane("basemap").style.zIndex = 200;
  const world = await api("/static/vendor/world-atlas/countries-50m.json");
  const countries = topojson.feature(world, world.objects.countries);
  L.geoJSON(countries, { pane: "basemap", interactive: false,
    style: { color: "#3b4a5c", weight: 0.7, fillColor: "#1c2632", fillOpacity: 1 } }).addTo(map);
  const borders = topojson.mesh(world, world.objects.land);
  L.geoJSON(borders, { pane: "basemap", interactive: false, style: { color: "#52647a", weight: 1, fill: false } })
    .addTo(map);
  addCountryLabels(countries);
  cluster = L.markerClusterGroup({ iconCreateFunction: clusterIcon, maxClusterRadius: 40, showCoverageOnHover: false,
    spiderfyOnMaxZoom: true, chunkedLoading: true });
  map.addLayer(cluster);
  map.on("moveend", () => {
    const c = map.getCenter();
    state.map = { zoom: map.getZoom(), lat: c.lat, lon: c.lng };
    $("#map").dataset.view = `${state.map.zoom}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`;
    writeUrl(false);
  });
  if (state.map) map.setView([state.map.lat, state.map.lon], state.map.zoom, { animate: false });
  else map.setView([40, 20], 2.5, { animate: false });
}

/** Country names at the middle of each country's largest polygon: big countries from zoom 3, smaller ones
 * as the map zooms in (the area, in square degrees, a country needs at each zoom). */
const LABEL_MIN_AREA = { 3: 150, 4: 25, 5: 4, 6: 0.5 };
function addCountryLabels(countries) {
  map.createPane("labels").style.zIndex = 350;
  map.getPane("labels").style.pointerEvents = "none";
  const all = [];
  for (const f of countries.features) {
    const name = f.properties && f.properties.name;
    if (!name || !f.geometry) continue;
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    let best = null; let bestArea = 0;
    for (const poly of polys) {
      const ring = poly[0];
      let area = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
        area += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
      if (Math.abs(area) > bestArea) { bestArea = Math.abs(area); best = ring; }
    }
    if (!best || bestArea < 2) continue; // skip specks: no room for a name
    const b = L.latLngBounds(best.map(([lon, lat]) => [lat, lon]));
    all.push({ area: bestArea / 2, marker: L.marker(b.getCenter(), { pane: "labels", interactive: false,
      keyboard: false, icon: L.divIcon({ className: "country-label", html: `<span>${escapeHtml(name)}</span>`,
        iconSize: [0, 0] }) }) });
  }
  const labels = L.layerGroup().addTo(map);
  const update = () => {
    const z = Math.floor(map.getZoom());
    const min = z < 3 ? Infinity : (LABEL_MIN_AREA[Math.min(z, 6)] ?? 0.5);
    labels.clearLayers();
    for (const { area, marker } of all) if (area >= min) labels.addLayer(marker);
  };
  map.on("zoomend", update);
  map.whenReady(update);
}

let mapGeneration = 0;
let mapFitted = Boolean(state.map); // a view from the URL wins over fitting the events

/** Every event matching the filters (up to MAP_PAGE * MAP_MAX_PAGES, the most lethal first). */
async function loadMapEvents() {
  const generation = ++mapGeneration;
  const params = apiParams();
  params.set("sort", "-dead");
  params.set("limit", String(MAP_PAGE));
  const events = [];
  let cursor = null;
  let truncated = false;
  for (let page = 0; page < MAP_MAX_PAGES; page++) {
    if (cursor) params.set("cursor", cursor);
    const body = await api("/events", params);
    events.push(...pageEvents(body));
    cursor = body.next_cursor;
    if (!cursor) break;
    if (page === MAP_MAX_PAGES - 1) truncated = true;
  }
  if (generation !== mapGeneration) return;
  drawMarkers(events, truncated);
  if (truncated) await timelineLoaded;
  if (generation !== mapGeneration) return;
  renderTotals(events, truncated);
}

function drawMarkers(events, truncated) {
  cluster.clearLayers();
  markers.clear();
  const layers = [];
  let unplaced = 0;
  for (const e of events) {
    const loc = e.location;
    if (!loc || loc.lat === null || loc.lat === undefined || loc.lon === null || loc.lon === undefined) {
      unplaced++; continue;
    }
    const m = L.circleMarker([loc.lat, loc.lon], {
      radius: radius(e), color: e.background ? "#cbd5e1" : "#0b1016", weight: e.background ? 1.2 : 1,
      dashArray: e.background ? "2 2" : null, fillColor: colour(e.event), fillOpacity: e.background ? 0.35 : 0.85,
      category: e.event, className: "event-marker",
    });
    m.bindTooltip(`<b>${e.event}</b> · ${e.date || "undated"}<br>${escapeHtml(place(loc))}` +
      `<br>dead ${num(e.dead)} · injured ${num(e.injured)}${e.background ? "<br><i>background mention</i>" : ""}`,
    { direction: "top", offset: [0, -4] });
    m.on("click", () => selectEvent(e.event_id, { pan: false }));
    m.on("add", () => { if (m._path) m._path.dataset.eventId = e.event_id; });
    markers.set(e.event_id, m);
    layers.push(m);
  }
  cluster.addLayers(layers);
  const notes = [];
  notes.push(`${fmt.format(layers.length)} mapped`);
  if (unplaced) notes.push(`${unplaced} without coordinates`);
  if (truncated) notes.push(`showing the ${fmt.format(events.length)} most lethal`);
  $("#map-note").textContent = notes.join(" · ");
  $("#map").dataset.markers = String(layers.length);
  if (!mapFitted && layers.length) {
    map.fitBounds(L.featureGroup(layers).getBounds().pad(0.15), { maxZoom: 6, animate: false });
  }
  mapFitted = true;
  updateHalo();
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function updateHalo(event) {
  if (halo) { halo.remove(); halo = null; }
  const ev = event || currentEvent;
  if (!ev || !ev.location || ev.location.lat === null || ev.location.lat === undefined) return;
  halo = L.circleMarker([ev.location.lat, ev.location.lon], { radius: radius(ev) + 6, color: "#f8fafc", weight: 2,
    fill: false, interactive: false, className: "halo" }).addTo(map);
}

function renderTotals(events, truncated) {
  let count = events.length; let dead = 0; let injured = 0; let dmin = null; let dmax = null;
  for (const e of events) {
    dead += e.dead || 0; injured += e.injured || 0;
    if (e.date) { if (!dmin || e.date < dmin) dmin = e.date; if (!dmax || e.date > dmax) dmax = e.date; }
  }
  if (truncated) { // more events than the map holds: the daily counts, over the dated events, give the totals
    count = 0; dead = 0; injured = 0;
    for (const d of dailyTotals) {
      if ((state.filters.since && d.date < state.filters.since) || (state.filters.until && d.date > state.filters.until)) continue;
      count += d.events; dead += d.dead || 0; injured += d.injured || 0;
      if (!dmin || d.date < dmin) dmin = d.date;
      if (!dmax || d.date > dmax) dmax = d.date;
    }
  }
  const title = truncated ? "dated events, from the daily counts" : "";
  for (const id of ["#total-events", "#total-dead", "#total-injured"]) $(id).title = title;
  $("#total-events").textContent = fmt.format(count);
  $("#total-dead").textContent = fmt.format(dead);
  $("#total-injured").textContent = fmt.format(injured);
  $("#total-period").textContent = dmin ? (dmin === dmax ? dmin : `${dmin} – ${dmax}`) : "–";
  totalMatching = truncated ? null : events.length;
  renderTableStatus();
}

// ---------------------------------------------------------------- timeline

const DAY = 86400000;
const dayIndex = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (idx) => new Date(idx * DAY).toISOString().slice(0, 10);
let timelineData = [];
let timelineScale = null;

let dailyTotals = [];
let timelineLoaded = Promise.resolve();

async function loadTimeline() {
  const params = apiParams(["since", "until"]);
  params.set("group_by", "category"); // the timeline stacks categories; per country it would be 4.5 MB a year at 1M
  const body = await api("/stats/daily", params);
  timelineData = dailyRows(body);
  dailyTotals = timelineData;
  drawTimeline();
}

function drawTimeline() {
  const svg = $("#timeline");
  const width = svg.clientWidth || 800;
  const height = 140;
  const m = { l: 36, r: 12, t: 10, b: 22 };
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const ns = "http://www.w3.org/2000/svg";
  const s = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  let lo = meta.date_min ? dayIndex(meta.date_min) : null;
  let hi = meta.date_max ? dayIndex(meta.date_max) : null;
  for (const d of timelineData) {
    const i = dayIndex(d.date);
    if (lo === null || i < lo) lo = i;
    if (hi === null || i > hi) hi = i;
  }
  if (lo === null) { svg.append(s("text", { x: m.l, y: 40, class: "axis" }, "no dated events")); return; }
  hi += 1; // the last day's bar ends at the next midnight
  const inner = width - m.l - m.r;
  const days = hi - lo;
  const bin = Math.max(1, Math.ceil(days / Math.max(1, Math.floor(inner / 4))));
  const bins = new Map();
  for (const d of timelineData) {
    const b = Math.floor((dayIndex(d.date) - lo) / bin);
    const entry = bins.get(b) || { total: 0, dead: 0, cats: {} };
    entry.total += d.events; entry.dead += d.dead || 0;
    entry.cats[d.category] = (entry.cats[d.category] || 0) + d.events;
    bins.set(b, entry);
  }
  const ymax = Math.max(1, ...[...bins.values()].map((b) => b.total));
  const x = (idx) => m.l + ((idx - lo) / days) * inner;
  const y = (v) => m.t + (height - m.t - m.b) * (1 - v / ymax);
  timelineScale = { lo, hi, x, inv: (px) => lo + ((px - m.l) / inner) * days, m, height };

  for (const v of [0, Math.ceil(ymax / 2), ymax]) {
    svg.append(s("line", { x1: m.l, x2: width - m.r, y1: y(v), y2: y(v), class: "grid" }));
    svg.append(s("text", { x: m.l - 6, y: y(v) + 3, class: "axis", "text-anchor": "end" }, String(v)));
  }
  const ticks = Math.min(8, Math.max(2, Math.floor(inner / 110)));
  for (let k = 0; k <= ticks; k++) {
    const idx = Math.round(lo + (k / ticks) * (days - 1));
    svg.append(s("text", { x: x(idx + 0.5), y: height - 6, class: "axis", "text-anchor": "middle" }, isoOf(idx)));
  }
  const since = state.filters.since ? dayIndex(state.filters.since) : null;
  const until = state.filters.until ? dayIndex(state.filters.until) : null;
  if (since !== null || until !== null) {
    const a = x(Math.max(lo, since ?? lo));
    const z = x(Math.min(hi, (until ?? hi - 1) + 1));
    svg.append(s("rect", { x: a, y: m.t - 4, width: Math.max(2, z - a), height: height - m.t - m.b + 4,
      class: "brush" }));
  }
  const order = [...meta.categories, ...Object.keys(CATEGORY_COLOURS)];
  const barW = Math.max(1, (inner / days) * bin - 1);
  for (const [b, entry] of bins) {
    const start = lo + b * bin;
    const outside = (since !== null && start + bin - 1 < since) || (until !== null && start > until);
    const g = s("g", { class: outside ? "bar dim" : "bar" });
    let acc = 0;
    const cats = Object.keys(entry.cats).sort((a, c) => order.indexOf(a) - order.indexOf(c));
    for (const cat of cats) {
      const n = entry.cats[cat];
      g.append(s("rect", { x: x(start) + 0.5, width: barW, y: y(acc + n), height: y(acc) - y(acc + n),
        fill: colour(cat) }));
      acc += n;
    }
    const label = bin === 1 ? isoOf(start) : `${isoOf(start)} – ${isoOf(start + bin - 1)}`;
    g.append(s("title", {}, `${label}: ${entry.total} events, ${entry.dead} dead\n` +
      cats.map((c) => `${c} ${entry.cats[c]}`).join(", ")));
    svg.append(g);
  }
  const overlay = s("rect", { x: m.l, y: 0, width: inner, height: height - m.b, class: "overlay" });
  svg.append(overlay);
  $("#clear-brush").hidden = !(state.filters.since || state.filters.until);
}

function bindBrush() {
  const svg = $("#timeline");
  let start = null;
  let rect = null;
  const local = (e) => {
    const pt = svg.createSVGPoint();
    pt.x = e.clientX; pt.y = e.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
  };
  svg.addEventListener("pointerdown", (e) => {
    if (!timelineScale) return;
    start = local(e);
    svg.setPointerCapture(e.pointerId);
    rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    rect.setAttribute("class", "brush live");
    rect.setAttribute("y", timelineScale.m.t - 4);
    rect.setAttribute("height", timelineScale.height - timelineScale.m.t - timelineScale.m.b + 4);
    svg.append(rect);
  });
  svg.addEventListener("pointermove", (e) => {
    if (start === null) return;
    const now = local(e);
    rect.setAttribute("x", Math.min(start, now));
    rect.setAttribute("width", Math.abs(now - start));
  });
  svg.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const end = local(e);
    const { lo, hi, inv } = timelineScale;
    const clamp = (v) => Math.min(hi - 1, Math.max(lo, Math.floor(inv(v))));
    const a = clamp(Math.min(start, end));
    const z = clamp(Math.max(start, end));
    start = null;
    rect.remove();
    state.filters.since = isoOf(a);
    state.filters.until = isoOf(z);
    applyFilters();
  });
  $("#clear-brush").addEventListener("click", () => {
    delete state.filters.since; delete state.filters.until;
    applyFilters();
  });
  window.addEventListener("resize", () => { if (meta) drawTimeline(); });
}

// ---------------------------------------------------------------- table

let cursors = [null];
let page = 0;
let totalMatching = null;
let tableCount = 0;
let tableGeneration = 0;

async function loadTable() {
  const generation = ++tableGeneration;
  const params = apiParams();
  params.set("sort", state.sort);
  params.set("limit", String(PAGE_SIZE));
  if (cursors[page]) params.set("cursor", cursors[page]);
  const body = await api("/events", params);
  if (generation !== tableGeneration) return;
  const events = pageEvents(body);
  cursors[page + 1] = body.next_cursor;
  tableCount = events.length;
  const tbody = $("#events-table tbody");
  tbody.replaceChildren(...events.map(row));
  if (!events.length) tbody.append(el("tr", {}, el("td", { colspan: 8, class: "empty" }, "No event matches.")));
  $("#prev-page").disabled = page === 0;
  $("#next-page").disabled = !body.next_cursor;
  $("#page-no").textContent = `Page ${page + 1}`;
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    const key = th.dataset.sort;
    const dir = state.sort === key ? "ascending" : state.sort === `-${key}` ? "descending" : null;
    if (dir) th.setAttribute("aria-sort", dir);
    else th.removeAttribute("aria-sort");
  }
  renderTableStatus();
  markSelectedRow();
}

function renderTableStatus() {
  const first = page * PAGE_SIZE + 1;
  const last = page * PAGE_SIZE + tableCount;
  $("#table-status").textContent = tableCount
    ? `${first}–${last}${totalMatching !== null ? ` of ${fmt.format(totalMatching)}` : ""}` : "";
}

function row(e) {
  const weapon = [e.weapon, e.mode].filter(Boolean);
  const tr = el("tr", { tabindex: "0", dataset: { eventId: e.event_id }, class: e.background ? "bg" : null,
    onclick: () => selectEvent(e.event_id, { pan: true }),
    onkeydown: (ev) => {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectEvent(e.event_id, { pan: true, focus: true }); }
    },
  },
  el("td", { class: "mono" }, e.date || el("span", { class: "muted" }, "undated")),
  el("td", {}, el("span", { class: "cat", style: `--c:${colour(e.event)}` }, e.event),
    e.background ? el("span", { class: "tag", title: "background mention" }, "bg") : null),
  el("td", {}, place(e.location)),
  el("td", {}, names(e.actor) || el("span", { class: "muted" }, "–"), el("span", { class: "muted" }, " → "),
    names(e.recipient) || el("span", { class: "muted" }, "–")),
  el("td", {}, weapon.length ? weapon[0] : el("span", { class: "muted" }, "–")),
  el("td", { class: "num" }, num(e.dead)),
  el("td", { class: "num" }, num(e.injured)),
  el("td", { class: "num" }, num(e.sources ?? (e.article_ids || []).length)));
  return tr;
}

function markSelectedRow() {
  for (const tr of document.querySelectorAll("#events-table tbody tr"))
    tr.classList.toggle("selected", tr.dataset.eventId === state.event);
}

function bindTable() {
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.sort;
      state.sort = state.sort === `-${key}` ? key : `-${key}`;
      cursors = [null]; page = 0;
      writeUrl(true);
      loadTable().catch(showError);
    });
  }
  $("#next-page").addEventListener("click", () => { page++; loadTable().catch(showError); });
  $("#prev-page").addEventListener("click", () => { page = Math.max(0, page - 1); loadTable().catch(showError); });
}

// ---------------------------------------------------------------- event panel

let currentEvent = null;

async function selectEvent(id, { pan = false, push = true, focus = false } = {}) {
  state.event = id;
  writeUrl(push);
  markSelectedRow();
  try {
    const ev = normaliseEvent(await api(`/events/${encodeURIComponent(id)}`));
    if (!ev.articles || ev.articles.some((a) => typeof a.text !== "string")) {
      ev.articles = (await api(`/events/${encodeURIComponent(id)}/articles`)).map((a) => ({ ...a, id: a.id ?? a.article_id }));
    }
    if (state.event !== id) return;
    currentEvent = ev;
    renderPanel(ev);
    updateHalo(ev);
    if (focus) $("#event-panel").focus();
    if (pan && ev.location && ev.location.lat !== null && ev.location.lat !== undefined) {
      // a row chosen in the table: bring its place into a regional view (a view the URL then holds)
      const ll = L.latLng(ev.location.lat, ev.location.lon);
      if (!map.getBounds().pad(-0.1).contains(ll) || map.getZoom() < 5) {
        map.setView(ll, Math.max(map.getZoom(), 5.5), { animate: false });
      }
    }
  } catch (err) {
    if (err.status === 404) { closePanel(); showError({ message: `event ${id} is not in the store` }); }
    else showError(err);
  }
}

function closePanel() {
  state.event = null;
  currentEvent = null;
  writeUrl(true);
  $("#panel-body").hidden = true;
  $("#panel-placeholder").hidden = false;
  updateHalo();
  markSelectedRow();
}

/** The article text as nodes, with each evidence span (start..end) of this article in a <mark>. */
function highlighted(text, spans) {
  const nodes = [];
  let pos = 0;
  const sorted = spans.map((sp) => {
    if (text.slice(sp.start, sp.end) === sp.text) return sp;
    const at = text.indexOf(sp.text); // offsets disagree with the text: fall back to the sentence itself
    return at >= 0 ? { ...sp, start: at, end: at + sp.text.length } : null;
  }).filter(Boolean).sort((a, b) => a.start - b.start);
  for (const sp of sorted) {
    if (sp.start < pos) continue;
    if (sp.start > pos) nodes.push(document.createTextNode(text.slice(pos, sp.start)));
    nodes.push(el("mark", { class: "evidence", dataset: { start: sp.start, end: sp.end } }, text.slice(sp.start, sp.end)));
    pos = sp.end;
  }
  if (pos < text.length) nodes.push(document.createTextNode(text.slice(pos)));
  return nodes;
}

function figureBlock(label, key, ev) {
  const value = ev[key];
  const range = ev[`${key}_range`];
  const q = ev[`${key}_qualifier`];
  const ranged = range && range.length === 2 && range[0] !== range[1];
  return el("div", { class: `figure ${key}` },
    el("div", { class: "figure-label" }, label),
    el("div", { class: "figure-value", dataset: { figure: key } }, num(value)),
    el("div", { class: "figure-note" },
      q && q !== "exact" && value !== null ? el("span", {}, (QUALIFIER[q] || `${q} `).trim()) : null,
      q && q !== "exact" && value !== null && ranged ? " · " : null,
      ranged ? el("span", { dataset: { range: key } }, `sources say ${range[0]}–${range[1]}`) : null));
}

/** Each source's own dead and injured: `figures_by_source` of a merged event; a single source's are the event's. */
function sourceFigures(ev) {
  if ((ev.figures_by_source || []).length) return ev.figures_by_source;
  const ids = ev.article_ids || (ev.articles || []).map((a) => a.id);
  if (ids.length !== 1) return [];
  const art = (ev.articles || [])[0] || {};
  return [{ article_id: ids[0], published: art.published, dead: ev.dead ?? null, injured: ev.injured ?? null }];
}

function renderPanel(ev) {
  const body = $("#panel-body");
  const loc = ev.location;
  const articles = ev.articles || [];
  const byId = new Map(articles.map((a) => [a.id, a]));
  const facts = [
    ["Date", ev.date ? `${ev.date}${ev.date_precision && ev.date_precision !== "day" ? ` (${ev.date_precision})` : ""}`
      : `undated${ev.date_precision ? ` (${ev.date_precision})` : ""}`],
    ["Place", loc ? `${[loc.name, loc.admin1, loc.country].filter(Boolean).join(", ")}${loc.precision ? ` · ${loc.precision}` : ""}` : "unplaced"],
    ["Actor", names(ev.actor) || "–"],
    ["Recipient", names(ev.recipient) || "–"],
    ["Mode / weapon", [ev.mode, ev.weapon].filter(Boolean).join(" / ") || "–"],
    ["Context", (ev.context || []).join(", ") || "–"],
  ];
  if ((ev.claimed_by || []).length) facts.push(["Claimed by", names(ev.claimed_by)]);
  if ((ev.munitions || []).length) facts.push(["Munitions", ev.munitions.map((mu) =>
    `${mu.kind}: ${[mu.launched !== null && mu.launched !== undefined ? `${mu.launched} launched` : null,
      mu.intercepted !== null && mu.intercepted !== undefined ? `${mu.intercepted} intercepted` : null]
      .filter(Boolean).join(", ")}`).join("; ")]);

  const sources = sourceFigures(ev).map((f) => {
    const art = byId.get(f.article_id);
    return el("tr", { dataset: { articleId: f.article_id } },
      el("td", {}, el("a", { href: `#article-${cssId(f.article_id)}` }, art && art.title ? art.title : f.article_id)),
      el("td", { class: "mono" }, f.published || (art && art.published) || "–"),
      el("td", { class: "num", dataset: { sourceFigure: "dead" } }, num(f.dead)),
      el("td", { class: "num", dataset: { sourceFigure: "injured" } }, num(f.injured)));
  });

  const texts = articles.map((a) => {
    const spans = (ev.evidence || []).filter((sp) => sp.article_id === a.id);
    return el("article", { class: "source", id: `article-${cssId(a.id)}`, dataset: { articleId: a.id } },
      el("h4", {}, a.title || a.id),
      el("div", { class: "source-meta" },
        el("span", { class: "mono" }, a.id), a.published ? ` · ${a.published}` : null,
        a.url ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null),
      el("p", { class: "article-text" }, highlighted(a.text || "", spans)));
  });

  body.replaceChildren(
    el("div", { class: "panel-head" },
      el("span", { class: "cat big", style: `--c:${colour(ev.event)}` }, ev.event),
      ev.background ? el("span", { class: "tag" }, "background mention") : null,
      el("button", { type: "button", class: "btn ghost small close", "aria-label": "Close the event panel",
        onclick: closePanel }, "✕")),
    el("h2", { class: "panel-title" }, `${names(ev.actor) || "Unknown actor"} → ${names(ev.recipient) || "unknown"}`),
    el("div", { class: "event-id mono" }, `event ${ev.event_id} · ${ev.sources ?? articles.length} source(s)`),
    el("dl", { class: "facts" }, facts.map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", {}, v)))),
    el("section", { class: "figures", "aria-label": "Reconciled casualty figures" },
      el("h3", {}, "Reconciled figures", ev.reconcile_rule ? el("span", { class: "muted" }, ` · rule ${ev.reconcile_rule}`) : null),
      el("div", { class: "figure-row" }, figureBlock("Dead", "dead", ev), figureBlock("Injured", "injured", ev))),
    el("section", { class: "by-source", "aria-label": "Figures by source" },
      el("h3", {}, "Each source's figures"),
      sources.length ? el("table", { class: "source-table" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Source"), el("th", { scope: "col" }, "Published"),
          el("th", { scope: "col", class: "num" }, "Dead"), el("th", { scope: "col", class: "num" }, "Injured"))),
        el("tbody", {}, sources)) : el("p", { class: "muted" }, "No source gave casualty figures.")),
    el("section", { class: "evidence-texts", "aria-label": "Source articles with the evidence highlighted" },
      el("h3", {}, "Evidence in the articles"), texts));
  $("#panel-placeholder").hidden = true;
  body.hidden = false;
  body.scrollTop = 0;
  $("#event-panel").scrollTop = 0;
}

const cssId = (s) => String(s).replace(/[^A-Za-z0-9_-]/g, "_");

// ---------------------------------------------------------------- wiring

function refresh() {
  cursors = [null]; page = 0; totalMatching = null;
  showError(null);
  timelineLoaded = loadTimeline();
  return Promise.all([loadMapEvents(), timelineLoaded, loadTable(), loadCategoryCounts()]).catch(showError);
}

async function main() {
  bindForm();
  bindBrush();
  bindTable();
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && state.event) closePanel(); });
  window.addEventListener("popstate", () => {
    const before = state.event;
    state = readUrl();
    syncForm();
    if (state.map) map.setView([state.map.lat, state.map.lon], state.map.zoom, { animate: false });
    refresh();
    if (state.event && state.event !== before) selectEvent(state.event, { push: false });
    else if (!state.event && before) closePanel();
  });
  try {
    meta = normaliseMeta(await api("/meta"));
    renderChips();
    const countries = $("#f-country");
    for (const c of meta.countries || []) countries.append(el("option", { value: c }, c));
    for (const [id, list] of [["actor-list", meta.actors], ["recipient-list", meta.recipients]])
      document.body.append(el("datalist", { id }, list.map((v) => el("option", { value: v }))));
    syncForm();
    await initMap();
    await refresh();
    if (state.event) await selectEvent(state.event, { push: false });
    document.body.dataset.ready = "1";
  } catch (err) {
    showError(err);
  }
}

main();
