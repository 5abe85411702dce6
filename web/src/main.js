// The silkroute map: an offline basemap with names, the network by mode (rail coloured by
// gauge), routes from the API drawn leg by leg (click a leg for its steps), a table that
// compares them, a scenario view (what it closes, the route before and after), the whole
// query in the URL, and export of the shown routes. Everything comes from the silkroute
// server that serves this page: no tiles, fonts or scripts from anywhere else.
import maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import { basemapStyle, basemapLabelLayers, basemapUrl, fonts } from "./basemap.js";
import { gaugeColours, modeColours, otherRailColour, routeColour, routeColours, baselineColour, closedColour, placeColours } from "./colours.js";
import { parseState, formatState } from "./urlstate.js";
import { routesGeoJSON, routesCSV, exportName, download } from "./exporting.js";
import { routeSteps, legHtml, stepsHtml, escapeHtml, fmt } from "./steps.js";
import { splitLineAtAntimeridian } from "./geometry.js";
import { scenarioClosures, closureFeatures, describeClosures } from "./scenario.js";
import { wireFlows, flowLayerIds, flowPopupHtml, baseOptionsHtml } from "./flows.js";
import "./style.css";

const TODAY = 2026; // the slider's right end means "the network as it is"
const $ = (id) => document.getElementById(id);
const started = performance.now();
// Read by the browser tests; `timings` says how long each start-up stage took (ms).
const state = {
  routes: [], selected: 0, answer: null, baseline: null, networkFeatures: 0, ready: false, lastQuery: null,
  routing: false, closures: null, timings: {}, scenarios: [],
};
window.__silkroute = state;
const mark = (name) => (state.timings[name] = Math.round(performance.now() - started));

async function getJSON(url, options) {
  const res = await fetch(url, options);
  const body = await res.json().catch(() => ({ message: `HTTP ${res.status}` }));
  return { ok: res.ok, status: res.status, body };
}

// Start the slow requests at once, in parallel with the map's own start.
const initial = parseState(location.search, location.hash);
const networkCache = new Map(); // year (or "today") -> promise of the GeoJSON
const early = window.__early || {}; // requests index.html started before this script came
function fetchNetwork(year) {
  const key = year || "today";
  if (!networkCache.has(key)) {
    const answer = early.network && (early.year || null) === (year || null) ? early.network : getJSON(`network${year ? `?year=${year}` : ""}`);
    networkCache.set(key, answer.then(({ ok, body }) => {
      if (!ok) throw new Error(body.message);
      return body;
    }));
  }
  return networkCache.get(key);
}
const yearParam = () => {
  const y = Number($("year").value);
  return y >= TODAY ? null : y;
};
fetchNetwork(initial.year).then(() => mark("network"));
const scenariosAnswer = early.scenarios || getJSON("scenarios");

const narrow = () => window.matchMedia("(max-width: 760px)").matches;
const map = new maplibregl.Map({
  container: "map",
  style: basemapStyle({ early: Boolean(early.basemap) }),
  center: initial.view ? initial.view.center : [62, 33],
  zoom: initial.view ? initial.view.zoom : narrow() ? 1.2 : 2.4,
  attributionControl: false,
  dragRotate: false,
  pitchWithRotate: false,
});
state.map = map;
// The style (sources and layers declared, data still coming) fires once, early: caught here.
// (map.isStyleLoaded() would wait for the sources' data too.)
const styleLoaded = new Promise((resolve) => map.once("style.load", resolve));
// The basemap from the early request, else from its file.
if (early.basemap) {
  const setBasemap = (data) => styleLoaded.then(() => map.getSource("basemap").setData(data));
  early.basemap.then(({ ok, body }) => setBasemap(ok ? body : basemapUrl()), () => setBasemap(basemapUrl()));
}
map.touchZoomRotate.disableRotation();
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
map.addControl(new maplibregl.ScaleControl(), "bottom-right");
map.addControl(new maplibregl.AttributionControl({ compact: true,
  customAttribution: "Basemap: Natural Earth (public domain) · network: silkroute data/bri" }), "bottom-right");
map.on("error", (e) => console.error(e.error ? e.error.message : e));

// On a phone the map ends where the bottom sheet begins (less its rounded corners), so that
// fitting a route uses the part of the screen one sees; Mercator's edges would otherwise
// keep a world-wide route under the sheet.
new ResizeObserver(() => {
  const sheet = narrow() ? $("panel").getBoundingClientRect().height : 0;
  document.documentElement.style.setProperty("--sheet-h", `${Math.max(0, Math.round(sheet) - 14)}px`);
  map.resize();
}).observe($("panel"));

// --- network ------------------------------------------------------------------------------

const gaugeExpression = ["match", ["get", "gauge_mm"], ...gaugeColours.flatMap(([g, c]) => [g, c]), otherRailColour];
const linkIndex = new Map(); // link id -> properties, from today's network (for steps)
const networkIndex = { chokepoints: new Set(), chokepointNames: new Map(), countries: new Set(), nodes: new Map(), links: new Map() };

function indexNetwork(body) {
  for (const f of body.features) {
    const p = f.properties;
    if (p.kind === "link") {
      linkIndex.set(p.id, p);
      networkIndex.links.set(p.id, f);
      if (p.chokepoint) networkIndex.chokepoints.add(p.chokepoint);
      if (p.chokepoint && p.chokepoint_name) networkIndex.chokepointNames.set(p.chokepoint, p.chokepoint_name);
    } else {
      networkIndex.nodes.set(p.id, f);
      networkIndex.countries.add(p.country);
    }
  }
}

function lineLayer(id, filter, paint) {
  map.addLayer({ id, type: "line", source: "network", filter, layout: { "line-cap": "round", "line-join": "round" }, paint });
}

function addNetworkLayers(body) {
  map.addSource("network", { type: "geojson", data: body });
  const link = (mode) => ["all", ["==", ["get", "kind"], "link"], ["==", ["get", "mode"], mode]];
  const width = (w) => ["interpolate", ["linear"], ["zoom"], 2, w, 6, w * 2];
  lineLayer("sea", link("sea"), { "line-color": modeColours.sea[0], "line-width": width(1), "line-dasharray": [2, 2] });
  lineLayer("air", link("air"), { "line-color": modeColours.air[0], "line-width": width(0.8), "line-dasharray": [1, 3] });
  lineLayer("ferry", link("ferry"), { "line-color": modeColours.ferry[0], "line-width": width(1.6), "line-dasharray": [3, 1.5] });
  lineLayer("iww", link("iww"), { "line-color": modeColours.iww[0], "line-width": width(1.2) });
  lineLayer("road", link("road"), { "line-color": modeColours.road[0], "line-width": width(1) });
  lineLayer("rail", link("rail"), { "line-color": gaugeExpression, "line-width": width(1.6) });
}

const isNode = ["==", ["get", "kind"], "node"];
const majorPlace = ["in", ["get", "node_kind"], ["literal", ["city", "seaport", "dryport", "rail_terminal"]]];
function addPlaceLayers() {
  map.addLayer({
    id: "places", type: "circle", source: "network", filter: isNode,
    paint: {
      "circle-radius": ["interpolate", ["linear"], ["zoom"], 2, ["match", ["get", "node_kind"], "seaport", 2.6, "city", 2.4, 1.8],
        6, ["match", ["get", "node_kind"], "seaport", 5, "city", 4.5, 3.5]],
      "circle-color": ["match", ["get", "node_kind"], "seaport", placeColours.seaport, "border_station", placeColours.border_station, placeColours.other],
      "circle-stroke-color": "white", "circle-stroke-width": 1,
    },
  });
  map.addLayer({
    id: "place-labels", type: "symbol", source: "network",
    filter: ["all", isNode, ["any", ["all", majorPlace, [">=", ["zoom"], 2.8]], [">=", ["zoom"], 4.5]]],
    layout: {
      "text-field": ["get", "name"], "text-font": fonts.regular,
      "text-size": ["interpolate", ["linear"], ["zoom"], 3, 10.5, 7, 13],
      "text-variable-anchor": ["top", "bottom", "right", "left"], "text-radial-offset": 0.55, "text-justify": "auto",
      "symbol-sort-key": ["match", ["get", "node_kind"], "city", 0, "seaport", 1, 2],
    },
    paint: { "text-color": "#25313d", "text-halo-color": "rgba(255,255,255,0.92)", "text-halo-width": 1.4 },
  });
}

// --- routes -------------------------------------------------------------------------------

const empty = { type: "FeatureCollection", features: [] };

// A leg's line, split at +/-180 so a Pacific crossing is not drawn across the world.
function legGeometry(g) {
  const parts = splitLineAtAntimeridian(g.coordinates);
  return parts.length === 1 ? { type: "LineString", coordinates: parts[0] } : { type: "MultiLineString", coordinates: parts };
}

function addRouteLayers() {
  for (const id of ["routes", "baseline", "route-stops", "endpoints", "closed"]) map.addSource(id, { type: "geojson", data: empty });
  const round = { "line-cap": "round", "line-join": "round" };
  // What a scenario or an avoid closes, under the routes.
  map.addLayer({ id: "closed-countries", type: "fill", source: "basemap",
    filter: ["in", ["get", "iso"], ["literal", []]], paint: { "fill-color": closedColour, "fill-opacity": 0.1 } }, "rivers");
  map.addLayer({ id: "closed-country-edges", type: "line", source: "basemap",
    filter: ["in", ["get", "iso"], ["literal", []]],
    paint: { "line-color": closedColour, "line-width": 1.2, "line-dasharray": [3, 2], "line-opacity": 0.7 } }, "rivers");
  map.addLayer({ id: "closed-links", type: "line", source: "closed", filter: ["==", ["geometry-type"], "LineString"], layout: round,
    paint: { "line-color": closedColour, "line-width": ["case", ["==", ["get", "why"], "closed"], 5, 3.5],
      "line-opacity": ["case", ["==", ["get", "why"], "not-open"], 0.45, 0.9], "line-dasharray": [1, 1.5] } });
  map.addLayer({ id: "baseline-casing", type: "line", source: "baseline", layout: round,
    paint: { "line-color": "white", "line-width": 7, "line-opacity": 0.9 } });
  map.addLayer({ id: "baseline-line", type: "line", source: "baseline", layout: round,
    paint: { "line-color": baselineColour, "line-width": 3.5, "line-dasharray": [2, 1.2] } });
  map.addLayer({ id: "route-casing", type: "line", source: "routes", layout: { ...round, "line-sort-key": ["case", ["get", "selected"], 1, 0] },
    paint: { "line-color": "white", "line-width": ["case", ["get", "selected"], 10, 6.5], "line-opacity": 0.95 } });
  map.addLayer({ id: "route-line", type: "line", source: "routes", layout: { ...round, "line-sort-key": ["case", ["get", "selected"], 1, 0] },
    paint: { "line-color": ["get", "colour"], "line-width": ["case", ["get", "selected"], 6, 3.5],
      "line-opacity": ["case", ["get", "selected"], 1, 0.8] } });
  map.addLayer({ id: "route-hit", type: "line", source: "routes", paint: { "line-color": "#000", "line-opacity": 0, "line-width": 16 } });
  map.addLayer({ id: "route-stops", type: "circle", source: "route-stops",
    paint: { "circle-radius": 4, "circle-color": "white", "circle-stroke-color": ["get", "colour"], "circle-stroke-width": 2.5 } });
  addPlaceLayers();
  for (const l of basemapLabelLayers) map.addLayer(l, "place-labels");
  map.addLayer({ id: "closed-marks", type: "symbol", source: "closed", filter: ["==", ["geometry-type"], "Point"],
    layout: { "text-field": ["get", "label"], "text-font": fonts.bold, "text-size": 12, "text-offset": [0, 1.1],
      "text-anchor": "top", "text-allow-overlap": true, "text-max-width": 9 },
    paint: { "text-color": closedColour, "text-halo-color": "white", "text-halo-width": 1.6 } });
  map.addLayer({ id: "endpoints", type: "circle", source: "endpoints",
    paint: { "circle-radius": 7, "circle-color": "#1a1a1a", "circle-stroke-color": "white", "circle-stroke-width": 2.5 } });
  map.addLayer({ id: "endpoint-labels", type: "symbol", source: "endpoints",
    layout: { "text-field": ["get", "name"], "text-font": fonts.bold, "text-size": 13, "text-variable-anchor": ["bottom", "top", "left", "right"],
      "text-radial-offset": 0.9, "text-allow-overlap": true },
    paint: { "text-color": "#111", "text-halo-color": "white", "text-halo-width": 2 } });
}

function routeFeatures(answer, selected) {
  if (!answer) return empty;
  const features = answer.legs_geojson.features.map((f) => {
    const i = f.properties.route - 1;
    return { type: "Feature", geometry: legGeometry(f.geometry),
      properties: { ...f.properties, rank: i, colour: routeColour(i), selected: i === selected } };
  });
  return { type: "FeatureCollection", features };
}

// Under routes the network steps back (paler, as a modern map app does), so that the routes'
// own colours read at once; without routes it is drawn in full.
const networkLineLayers = ["sea", "air", "ferry", "iww", "road", "rail"];
function dimNetwork(dim) {
  dim = dim || Boolean(state.flows);  // the freight flow layer reads best over a pale network too
  // A comparison's reds and blues would read as the 1520 and 1435 gauges: paler still under it.
  const opacity = state.flows && state.flows.base ? 0.18 : dim ? 0.35 : 1;
  for (const id of networkLineLayers) map.setPaintProperty(id, "line-opacity", opacity);
  map.setPaintProperty("places", "circle-opacity", dim ? 0.5 : 1);
  map.setPaintProperty("places", "circle-stroke-opacity", dim ? 0.5 : 1);
  state.networkDimmed = dim;
}

function drawRoutes() {
  if (!map.getSource("routes")) return;
  map.getSource("routes").setData(routeFeatures(state.answer, state.selected));
  dimNetwork(state.routes.length > 0);
  const route = state.routes[state.selected];
  const stops = route ? route.legs.slice(0, -1).map((leg, k) => {
    const f = state.answer.legs_geojson.features.find((x) => x.properties.route === route.rank && x.properties.leg === k + 1);
    const c = f ? f.geometry.coordinates : [];
    return c.length ? { type: "Feature", geometry: { type: "Point", coordinates: c[c.length - 1] }, properties: { colour: routeColour(state.selected) } } : null;
  }).filter(Boolean) : [];
  map.getSource("route-stops").setData({ type: "FeatureCollection", features: stops });
  const ends = state.answer && state.answer.waypoints ? state.answer.waypoints.map((w) => ({
    type: "Feature", geometry: { type: "Point", coordinates: w.location }, properties: { name: w.name } })) : [];
  map.getSource("endpoints").setData({ type: "FeatureCollection", features: ends });
  const before = state.baseline && state.baseline.routes.length ? state.baseline : null;
  map.getSource("baseline").setData(before ? {
    type: "FeatureCollection",
    features: before.legs_geojson.features.filter((f) => f.properties.route === 1)
      .map((f) => ({ type: "Feature", geometry: legGeometry(f.geometry), properties: f.properties })),
  } : empty);
}

function fitTo(routes) {
  const coords = routes.flatMap((r) => r.geometry.coordinates);
  if (!coords.length) return;
  const bounds = coords.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(coords[0], coords[0]));
  const padding = narrow()
    ? { top: 40, left: 60, right: 60, bottom: 30 } // room for the end points' names
    : { top: 60, left: 60, right: 70, bottom: 60 };
  map.fitBounds(bounds, { padding, duration: 500, maxZoom: 7 });
}

// --- panel: table, before/after, steps, scenario ---------------------------------------------

// A route label that may wrap after each "+" (rail+road+sea+rail) rather than mid-word.
const breakable = (label) => escapeHtml(label).replace(/\+/g, "+<wbr>");

function fillTable() {
  const body = $("results").querySelector("tbody");
  body.innerHTML = "";
  state.routes.forEach((r, i) => {
    const tr = document.createElement("tr");
    if (i === state.selected) tr.className = "selected";
    tr.tabIndex = 0;
    const borders = r.crossings.filter((c) => c.dwell_h > 0).length;
    const chokepoints = [...new Set(r.passages.map((p) => p.name || p.chokepoint))].join(", ");
    // A scenario's market freight rates, apart from the operating cost the USD column shows.
    const market = (r.market_rates || []).map((m) =>
      `<div class="detail">market rate ${escapeHtml(m.from_name || m.from)} → ${escapeHtml(m.to_name || m.to)}: ${fmt(m.market_rate_usd_per_teu)} USD/TEU (operating cost ${fmt(m.operating_cost_usd)})</div>`).join("");
    tr.innerHTML = `<td><span class="swatch" style="background:${routeColour(i)}"></span></td>
      <td class="label">${breakable(r.label)}<div class="detail">${chokepoints ? `via ${escapeHtml(chokepoints)}` : "no chokepoints"}</div>${market}</td>
      <td>${fmt(r.total.time_days, 1)}</td><td>${fmt(r.total.cost_usd)}</td><td>${fmt(r.total.co2_kg)}</td><td>${borders}</td>`;
    const choose = () => selectRoute(i, true);
    tr.addEventListener("click", choose);
    tr.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), choose()));
    body.appendChild(tr);
  });
  $("results-box").hidden = state.routes.length === 0;
  $("exports").hidden = state.routes.length === 0;
}

function fillSteps() {
  const route = state.routes[state.selected];
  if (!route) {
    $("steps").innerHTML = "";
    return;
  }
  const steps = routeSteps(route, linkIndex);
  $("steps").innerHTML = `<h2><span class="swatch" style="background:${routeColour(state.selected)}"></span> Route ${route.rank}: ${route.legs.length} legs</h2>` +
    stepsHtml(route, steps);
  $("steps").querySelectorAll("button.step").forEach((b) =>
    b.addEventListener("click", () => showLeg(route, Number(b.dataset.leg), null, true)));
}

function fillComparison() {
  const box = $("compare");
  const after = state.routes[0];
  const before = state.baseline && state.baseline.routes[0];
  const q = state.query;
  if (!q || (!q.scenario && !q.year)) {
    box.hidden = true;
    return;
  }
  const name = [q.scenario, q.year ? `as of ${q.year}` : ""].filter(Boolean).join(", ");
  const cell = (r, key, digits) => (r ? fmt(r.total[key], digits) : "no route");
  const change = (key) => (after && before ? after.total[key] - before.total[key] : null);
  const delta = (key, digits) => {
    const d = change(key);
    return d === null ? "" : `${d > 0 ? "+" : d < 0 ? "−" : "±"}${fmt(Math.abs(d), digits)}`;
  };
  const pct = (key) => {
    const d = change(key);
    return d && before.total[key] ? ` (${d > 0 ? "+" : "−"}${fmt(Math.abs((100 * d) / before.total[key]))} %)` : "";
  };
  const same = after && before && ["time_days", "cost_usd", "co2_kg"].every((k) => change(k) === 0);
  const summary = !after || !before ? "" : same ? "The best route is the same before and after."
    : `After: ${delta("time_days", 1)} days${pct("time_days")}, USD ${delta("cost_usd", 0)}${pct("cost_usd")}, CO₂ ${delta("co2_kg", 0)} kg${pct("co2_kg")}.`;
  box.innerHTML = `<h2>Before and after</h2>
    <div class="table-box"><table class="compare">
      <thead><tr><th></th><th>best route</th><th>days</th><th>USD</th><th>CO₂ kg</th></tr></thead>
      <tbody>
        <tr class="before"><td><span class="swatch dashed"></span></td><td class="label">before: today<div class="detail">${before ? breakable(before.label) : escapeHtml(state.baselineError || "")}</div></td>
          <td>${cell(before, "time_days", 1)}</td><td>${cell(before, "cost_usd")}</td><td>${cell(before, "co2_kg")}</td></tr>
        <tr class="after"><td><span class="swatch" style="background:${routeColour(0)}"></span></td><td class="label">after: ${escapeHtml(name)}<div class="detail">${after ? breakable(after.label) : ""}</div></td>
          <td>${cell(after, "time_days", 1)}</td><td>${cell(after, "cost_usd")}</td><td>${cell(after, "co2_kg")}</td></tr>
        <tr class="delta"><td></td><td class="label">change</td><td>${delta("time_days", 1)}</td><td>${delta("cost_usd", 0)}</td><td>${delta("co2_kg", 0)}</td></tr>
      </tbody></table></div>
    <p class="change">${escapeHtml(summary)}</p>
    <div id="closures" class="closures">${describeClosures(state.closures)}</div>`;
  box.hidden = false;
}

function selectRoute(i, fit) {
  state.selected = i;
  fillTable();
  fillSteps();
  drawRoutes();
  if (fit) fitTo([state.routes[i]]);
  syncUrl(false);
}

// The popup for leg `legNo` (1-based) of `route`; at `lngLat`, or the leg's middle.
async function showLeg(route, legNo, lngLat, fit) {
  const steps = routeSteps(route, linkIndex);
  const step = steps[legNo - 1];
  if (!step) return;
  closePopups();
  const f = state.answer.legs_geojson.features.find((x) => x.properties.route === route.rank && x.properties.leg === legNo);
  const coords = f ? f.geometry.coordinates : [];
  if (!lngLat && coords.length) lngLat = coords[Math.floor(coords.length / 2)];
  if (fit && coords.length > 1) {
    if (narrow() && $("panel").dataset.sheet !== "collapsed") {
      // On a phone, show the map under the sheet: lowered, and the map grown into its place.
      const resized = new Promise((resolve) => { map.once("resize", resolve); setTimeout(resolve, 500); });
      setSheet("collapsed");
      await resized;
    }
    const b = coords.reduce((acc, c) => acc.extend(c), new maplibregl.LngLatBounds(coords[0], coords[0]));
    if (narrow()) {
      // On a phone the popup stands above the leg's middle: that point goes to the middle of
      // the map's width and a quarter of its height below the centre, at the leg's zoom.
      const camera = map.cameraForBounds(b, { padding: 40, maxZoom: 6 });
      const zoom = camera ? Math.min(6, camera.zoom - 0.5) : map.getZoom();
      map.easeTo({ center: lngLat, zoom, offset: [0, Math.round(map.getContainer().clientHeight / 4)], duration: 400 });
    } else {
      map.fitBounds(b, { padding: 80, duration: 400, maxZoom: 6 });
    }
  }
  state.popup = popup(lngLat, legHtml(route, step, routeColour(route.rank - 1)), !fit);
  state.popup.addClassName("leg");
  state.shownLeg = { route: route.rank, leg: legNo };
}

// A popup that fits the screen: on a phone, anchored under the point, which is moved to the
// middle of the map so that the popup has the whole width (unless the map is being fitted).
// Its content scrolls rather than running off the map: it gets half the map's height, which
// one side of any point has (MapLibre then anchors it on that side; on a phone the point is
// centred, or a fitted leg lies in the lower half, and the popup stands above it).
function popup(lngLat, html, centre = true) {
  const phone = narrow();
  if (phone && centre) map.easeTo({ center: lngLat, duration: 300 });
  const mapHeight = map.getContainer().clientHeight;
  const p = new maplibregl.Popup({ maxWidth: phone ? `${Math.min(340, window.innerWidth - 24)}px` : "400px", anchor: phone ? "bottom" : undefined })
    .setHTML(`<div class="popup-scroll" style="max-height:${Math.max(120, Math.round(mapHeight / 2 - 44))}px">${html}</div>`);
  return p.setLngLat(lngLat).addTo(map);
}

function closePopups() {
  document.querySelectorAll(".maplibregl-popup").forEach((p) => p.remove());
}

function showAttributes(f, lngLat) {
  const p = f.properties;
  const rows = Object.entries(p)
    .filter(([k, v]) => v !== null && v !== "" && v !== "[]" && k !== "kind" && k !== "colour")
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`)
    .join("");
  const title = p.kind === "node" ? p.name : `${p.from} – ${p.to}`;
  closePopups();
  popup(lngLat, `<strong>${escapeHtml(title)}</strong><table class="attributes">${rows}</table>`);
}

// --- the query ----------------------------------------------------------------------------

function setStatus(text, error = false) {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

function formQuery() {
  const avoid = [...document.querySelectorAll('input[name="avoid"]:checked')].map((c) => c.value);
  avoid.push(...$("avoid-more").value.split(",").map((x) => x.trim()).filter(Boolean));
  return {
    from: $("from").value.trim(), to: $("to").value.trim(), cargo: $("cargo").value, objective: $("objective").value,
    avoid, scenario: $("scenario").value, year: yearParam(), route: state.selected + 1,
  };
}

function applyToForm(s) {
  $("from").value = s.from;
  $("to").value = s.to;
  if ([...$("cargo").options].some((o) => o.value === s.cargo)) $("cargo").value = s.cargo;
  if ([...$("objective").options].some((o) => o.value === s.objective)) $("objective").value = s.objective;
  const boxes = [...document.querySelectorAll('input[name="avoid"]')];
  for (const b of boxes) b.checked = s.avoid.includes(b.value);
  $("avoid-more").value = s.avoid.filter((a) => !boxes.some((b) => b.value === a)).join(", ");
  $("scenario").value = s.scenario;
  if ($("scenario").value !== s.scenario) $("scenario").value = "";
  $("year").value = String(s.year || TODAY);
  $("year-label").textContent = s.year ? String(s.year) : "today";
}

function currentView() {
  const c = map.getCenter();
  return { zoom: map.getZoom(), center: [c.lng, c.lat] };
}

// The URL follows the query (a new history entry per query) and the view (replaced).
function syncUrl(newEntry) {
  const q = state.query || formQuery();
  const url = formatState({ ...q, route: state.selected + 1, view: currentView() });
  if (url === location.search + location.hash) return;
  if (newEntry) history.pushState(null, "", url || location.pathname);
  else history.replaceState(null, "", url || location.pathname);
}

function routeParams(q, withScenario) {
  const params = new URLSearchParams({ from: q.from, to: q.to, cargo: q.cargo, objective: q.objective, alternatives: "3" });
  if (q.avoid.length) params.set("avoid", q.avoid.join(","));
  if (withScenario && q.scenario) params.set("scenario", q.scenario);
  if (withScenario && q.year) params.set("year", String(q.year));
  return params;
}

async function findRoutes({ fromUrl = false, keepView = false } = {}) {
  const q = formQuery();
  if (fromUrl) q.route = initial.route;
  if (!q.from || !q.to) return setStatus("Choose an origin and a destination.", true);
  const params = routeParams(q, true);
  const compare = Boolean(q.scenario || q.year);
  $("go").disabled = true;
  state.routing = true;
  document.body.classList.add("routing");
  setStatus(compare ? "Routing, with the scenario and without…" : "Routing…");
  try {
    const [main, before] = await Promise.all([
      getJSON(`route?${params}`),
      compare ? getJSON(`route?${routeParams(q, false)}`) : Promise.resolve(null),
    ]);
    const { ok, body } = main;
    state.query = q;
    state.answer = ok ? body : null;
    state.routes = ok ? body.routes : [];
    state.selected = Math.min(Math.max(0, (q.route || 1) - 1), Math.max(0, state.routes.length - 1));
    state.baseline = before && before.ok ? before.body : null;
    state.baselineError = before && !before.ok ? before.body.message : "";
    const info = state.scenarios.find((s) => s.name === q.scenario);
    state.closures = scenarioClosures({ scenario: info, year: q.year, avoid: q.avoid, index: networkIndex,
      before: state.baseline && state.baseline.routes[0], after: state.routes });
    drawClosures();
    drawRoutes();
    fillTable();
    fillSteps();
    fillComparison();
    closePopups();
    if (!ok) {
      setStatus(body.message || "No route.", true);
    } else {
      const place = (w) => (w.exact ? w.name : `${w.name} (for “${w.asked}”)`);
      setStatus(`${place(body.waypoints[0])} → ${place(body.waypoints[1])}: ${state.routes.length} route(s)` +
        (q.scenario ? ` · scenario ${q.scenario}` : "") + (q.year ? ` · as of ${q.year}` : ""));
      if (narrow()) {
        // On a phone, the sheet shows the answer rather than the form; the map fits above it.
        setSheet("half");
        $("panel").scrollTop = $("status").offsetTop - $("sheet-toggle").offsetHeight - 4;
      }
      if (!keepView) fitTo([...state.routes, ...(state.baseline ? state.baseline.routes.slice(0, 1) : [])]);
    }
    state.lastQuery = params.toString();
    syncUrl(!fromUrl);
  } catch (e) {
    setStatus(`The server did not answer: ${e.message}`, true);
  } finally {
    $("go").disabled = false;
    state.routing = false;
    document.body.classList.remove("routing");
  }
}

async function drawClosures() {
  const c = state.closures;
  const countries = c ? [...c.countries.keys()] : [];
  for (const id of ["closed-countries", "closed-country-edges"]) {
    map.setFilter(id, ["all", ["==", ["get", "layer"], "country"], ["in", ["get", "iso"], ["literal", countries]]]);
  }
  let notOpen = [];
  if (c && c.year) {
    // Links of today's network missing from the network as of the year: not yet open then.
    const [today, then] = await Promise.all([fetchNetwork(null), fetchNetwork(c.year)]);
    const open = new Set(then.features.filter((f) => f.properties.kind === "link").map((f) => f.properties.id));
    notOpen = today.features.filter((f) => f.properties.kind === "link" && !open.has(f.properties.id));
    c.notOpen = notOpen.length;
    // Lines that ran then and have stopped since (closed_year): drawn with the year's network only.
    const now = new Set(today.features.filter((f) => f.properties.kind === "link").map((f) => f.properties.id));
    c.closedSince = then.features.filter((f) => f.properties.kind === "link" && !now.has(f.properties.id)).length;
    const box = $("closures");
    if (box) box.innerHTML = describeClosures(c);
  }
  map.getSource("closed").setData(closureFeatures(c, networkIndex, notOpen));
}

// --- set-up -------------------------------------------------------------------------------

function autocomplete(input, list) {
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (input.value.trim().length < 2) return;
      const { ok, body } = await getJSON(`places?q=${encodeURIComponent(input.value.trim())}&limit=8`);
      if (!ok) return;
      list.innerHTML = body.places.map((p) => `<option value="${escapeHtml(p.name)}">${escapeHtml(p.country)} · ${p.kind}</option>`).join("");
    }, 150);
  });
}

function legend() {
  const line = (colour, text, cls = "") => `<div><span class="swatch ${cls}" style="background:${colour}"></span> ${text}</div>`;
  $("legend").innerHTML = "<summary>Legend</summary><h2>Network</h2>" +
    gaugeColours.map(([, c, t]) => line(c, t)).join("") +
    Object.values(modeColours).map(([c, t]) => line(c, t, "dashed")).join("") +
    "<h2>Routes</h2>" + routeColours.map((c, i) => line(c, i === 0 ? "best" : `alternative ${i}`, "thick")).join("") +
    line(baselineColour, "before the scenario (best)", "thick dashed") +
    line(closedColour, "closed, or not yet open in that year", "thick dotted");
}

function setSheet(mode) {
  $("panel").dataset.sheet = mode;
  $("sheet-toggle").setAttribute("aria-expanded", mode === "collapsed" ? "false" : "true");
  $("sheet-toggle").textContent = mode === "collapsed" ? "Show the query and results" : "Hide";
}

function wireExports() {
  const sets = () => [
    { case: "routes", scenario: state.query.scenario, body: state.answer },
    ...(state.baseline ? [{ case: "before", scenario: "", body: state.baseline }] : []),
  ];
  $("export-geojson").addEventListener("click", () =>
    download(exportName(state.query, "geojson"), JSON.stringify(routesGeoJSON(sets()), null, 1), "application/geo+json"));
  $("export-csv").addEventListener("click", () => download(exportName(state.query, "csv"), routesCSV(sets()), "text/csv"));
  $("copy-link").addEventListener("click", async () => {
    syncUrl(false);
    try {
      await navigator.clipboard.writeText(location.href);
      setStatus("Link copied: it opens this view.");
    } catch {
      setStatus(`Link to this view: ${location.href}`);
    }
  });
}

async function init() {
  legend();
  setSheet("half");
  autocomplete($("from"), $("places-from"));
  autocomplete($("to"), $("places-to"));
  $("sheet-toggle").addEventListener("click", () => setSheet($("panel").dataset.sheet === "collapsed" ? "half" : "collapsed"));
  const { ok, body } = await scenariosAnswer;
  const options = ['<option value="">today (no scenario)</option>'];
  if (ok) {
    state.scenarios = body.scenarios;
    for (const s of body.scenarios) if (s.name !== "today") options.push(`<option value="${escapeHtml(s.name)}" title="${escapeHtml(s.description)}">${escapeHtml(s.name)}</option>`);
  }
  $("scenario").innerHTML = options.join("");
  $("flows-base").innerHTML = baseOptionsHtml(state.scenarios);
  applyToForm(initial);
  wireExports();
  $("query").addEventListener("submit", (e) => {
    e.preventDefault();
    state.selected = 0;
    findRoutes();
  });
  $("scenario").addEventListener("change", () => {
    const s = state.scenarios.find((x) => x.name === $("scenario").value);
    $("scenario-note").textContent = s ? s.description : "";
    if (state.lastQuery || ($("from").value && $("to").value)) findRoutes();
  });
  $("year").addEventListener("input", () => ($("year-label").textContent = yearParam() ? String(yearParam()) : "today"));
  $("year").addEventListener("change", async () => {
    await showNetwork(yearParam());
    if (state.lastQuery) findRoutes();
  });
  window.addEventListener("popstate", () => {
    const s = parseState(location.search, location.hash);
    applyToForm(s);
    initial.route = s.route;
    if (s.from && s.to) findRoutes({ fromUrl: true, keepView: Boolean(s.view) });
  });
  map.on("moveend", () => state.ready && syncUrl(false));
  const s = state.scenarios.find((x) => x.name === initial.scenario);
  $("scenario-note").textContent = s ? s.description : "";

  // The network's layers go in as soon as the style is there, not after the basemap's first
  // full render ("load"), so that both are drawn in one go.
  await styleLoaded;
  mark("map");
  // The attribution starts folded (its "i" button opens it): it would cover a phone's map.
  document.querySelector(".maplibregl-ctrl-attrib")?.classList.remove("maplibregl-compact-show");
  const network = await fetchNetwork(initial.year);
  indexNetwork(await fetchNetwork(null));
  addNetworkLayers(network);
  addRouteLayers();
  wireFlows({ map, checkbox: $("flows"), scenarioSelect: $("scenario"), baseSelect: $("flows-base"), baseRow: $("flows-base-row"), yearInput: $("year"), getYear: yearParam, panel: $("flows-panel"),
    legend: $("legend"), state, getJSON, beforeLayer: "route-casing", onToggle: () => dimNetwork(state.routes.length > 0) });
  await hideTwinCityLabels();
  state.networkFeatures = network.features.length;
  wireMapClicks();
  await new Promise((resolve) => map.once("idle", resolve));
  mark("drawn");
  state.ready = true;
  document.body.classList.remove("loading");
  if (initial.from && initial.to) {
    await findRoutes({ fromUrl: true, keepView: Boolean(initial.view) });
  } else {
    setStatus("Choose two places, or click the network for its sources.");
  }
}

async function showNetwork(year) {
  const body = await fetchNetwork(year);
  state.networkFeatures = body.features.length;
  map.getSource("network").setData(body);
}

// A basemap city with a network place of the same name near it is labelled by the network's
// layer only (no "Baku" twice).
function hideTwinCityLabels() {
  const near = (a, b) => Math.abs(a[0] - b[0]) < 0.5 && Math.abs(a[1] - b[1]) < 0.5;
  const nodes = [...networkIndex.nodes.values()];
  const basemap = early.basemap ? early.basemap.then(({ ok, body }) => (ok ? body : null)) : Promise.resolve(null);
  const load = (fc) => (fc && fc.features ? fc : fetch(basemapUrl()).then((r) => r.json()));
  const apply = (fc) => {
    if (!fc || !fc.features) return;
    const twins = fc.features.filter((f) => f.properties.layer === "city" &&
      nodes.some((n) => n.properties.name === f.properties.name && near(n.geometry.coordinates, f.geometry.coordinates)));
    const names = [...new Set(twins.map((f) => f.properties.name))];
    const base = map.getFilter("city-labels");
    map.setFilter("city-labels", ["all", base, ["!", ["in", ["get", "name"], ["literal", names]]]]);
    state.twinCities = names;
  };
  return basemap.then(load).then(apply).catch((e) => console.warn(`basemap city names: ${e.message}`));
}

function wireMapClicks() {
  // One popup per click: a route's leg wins over places, places over the lines under them.
  const clickable = ["route-hit", ...flowLayerIds, "places", "rail", "road", "ferry", "iww", "air", "sea"];
  map.on("click", (e) => {
    const box = [[e.point.x - 5, e.point.y - 5], [e.point.x + 5, e.point.y + 5]];
    const hits = map.queryRenderedFeatures(box, { layers: clickable });
    if (!hits.length) return;
    hits.sort((a, b) => clickable.indexOf(a.layer.id) - clickable.indexOf(b.layer.id)
      || (b.properties.selected === true) - (a.properties.selected === true));
    const hit = hits[0];
    if (hit.layer.id === "route-hit") {
      const i = hit.properties.route - 1;
      if (i !== state.selected) selectRoute(i, false);
      showLeg(state.routes[i], hit.properties.leg, e.lngLat, false);
    } else if (flowLayerIds.includes(hit.layer.id)) {
      closePopups();
      popup(e.lngLat, flowPopupHtml(hit.properties));
    } else {
      showAttributes(hit, e.lngLat);
    }
  });
  for (const layer of clickable) {
    map.on("mouseenter", layer, () => (map.getCanvas().style.cursor = "pointer"));
    map.on("mouseleave", layer, () => (map.getCanvas().style.cursor = ""));
  }
}

init().catch((e) => {
  document.body.classList.remove("loading");
  setStatus(`Could not start: ${e.message}`, true);
});
