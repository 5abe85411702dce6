// The silkroute map: the network by mode (rail coloured by gauge), routes from the API drawn
// and compared in a table, scenario and year switches, attributes on click. Works offline:
// country shapes come from the world-atlas package, everything else from the silkroute server.
import maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import { feature } from "topojson-client";
import world from "world-atlas/countries-50m.json";
import { gaugeColours, modeColours, routeColours } from "./colours.js";
import "./style.css";

const TODAY = 2026; // the slider's right end means "the network as it is"
const $ = (id) => document.getElementById(id);
const state = { routes: [], selected: 0, networkFeatures: 0, ready: false, lastQuery: null };
window.__silkroute = state; // read by the browser tests

const gaugeExpression = ["match", ["get", "gauge_mm"], ...gaugeColours.flatMap(([g, c]) => [g, c]), "#555"];

const map = new maplibregl.Map({
  container: "map",
  center: [60, 35],
  zoom: 2.3,
  attributionControl: false,
  style: {
    version: 8,
    sources: { countries: { type: "geojson", data: feature(world, world.objects.countries) } },
    layers: [
      { id: "ocean", type: "background", paint: { "background-color": "#dfe9f2" } },
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": "#f6f3ec" } },
      { id: "borders", type: "line", source: "countries", paint: { "line-color": "#cfc8b8", "line-width": 0.6 } },
    ],
  },
});
state.map = map;
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
map.addControl(new maplibregl.ScaleControl(), "bottom-right");

function yearParam() {
  const y = Number($("year").value);
  return y >= TODAY ? null : y;
}

async function getJSON(url, options) {
  const res = await fetch(url, options);
  const body = await res.json().catch(() => ({ message: `HTTP ${res.status}` }));
  return { ok: res.ok, status: res.status, body };
}

function lineLayer(id, filter, paint) {
  map.addLayer({ id, type: "line", source: "network", filter, layout: { "line-cap": "round" }, paint });
}

async function loadNetwork() {
  const year = yearParam();
  const { ok, body } = await getJSON(`network${year ? `?year=${year}` : ""}`);
  if (!ok) throw new Error(body.message);
  state.networkFeatures = body.features.length;
  if (map.getSource("network")) {
    map.getSource("network").setData(body);
    return;
  }
  map.addSource("network", { type: "geojson", data: body });
  const link = (mode) => ["all", ["==", ["get", "kind"], "link"], ["==", ["get", "mode"], mode]];
  lineLayer("sea", link("sea"), { "line-color": modeColours.sea[0], "line-width": 1.2, "line-dasharray": [2, 2] });
  lineLayer("air", link("air"), { "line-color": modeColours.air[0], "line-width": 1, "line-dasharray": [1, 3] });
  lineLayer("ferry", link("ferry"), { "line-color": modeColours.ferry[0], "line-width": 2, "line-dasharray": [3, 1.5] });
  lineLayer("iww", link("iww"), { "line-color": modeColours.iww[0], "line-width": 1.5 });
  lineLayer("road", link("road"), { "line-color": modeColours.road[0], "line-width": 1.2 });
  lineLayer("rail", link("rail"), { "line-color": gaugeExpression, "line-width": 2 });
  map.addLayer({
    id: "places", type: "circle", source: "network", filter: ["==", ["get", "kind"], "node"],
    paint: {
      "circle-radius": ["match", ["get", "node_kind"], "seaport", 3.5, "city", 3, 2.2],
      "circle-color": ["match", ["get", "node_kind"], "seaport", "#1b4f72", "border_station", "#7d3c98", "#34495e"],
      "circle-stroke-color": "white", "circle-stroke-width": 0.8,
    },
  });
  // One popup per click: a place wins over the lines through it.
  const clickable = ["places", "rail", "road", "ferry", "iww", "air", "sea"];
  map.on("click", (e) => {
    const box = [[e.point.x - 4, e.point.y - 4], [e.point.x + 4, e.point.y + 4]];
    const hits = map.queryRenderedFeatures(box, { layers: clickable });
    if (!hits.length) return;
    hits.sort((a, b) => clickable.indexOf(a.layer.id) - clickable.indexOf(b.layer.id));
    showAttributes(hits[0], e.lngLat);
  });
  for (const layer of clickable) {
    map.on("mouseenter", layer, () => (map.getCanvas().style.cursor = "pointer"));
    map.on("mouseleave", layer, () => (map.getCanvas().style.cursor = ""));
  }
}

function showAttributes(f, lngLat) {
  const p = f.properties;
  const rows = Object.entries(p)
    .filter(([k, v]) => v !== null && v !== "" && v !== "[]" && k !== "kind")
    .map(([k, v]) => `<tr><td>${k}</td><td>${escapeHtml(String(v))}</td></tr>`)
    .join("");
  const title = p.kind === "node" ? p.name : `${p.from} – ${p.to}`;
  document.querySelectorAll(".maplibregl-popup").forEach((p) => p.remove());
  new maplibregl.Popup({ maxWidth: "340px" }).setLngLat(lngLat)
    .setHTML(`<strong>${escapeHtml(title)}</strong><table>${rows}</table>`).addTo(map);
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function drawRoutes() {
  const features = state.routes.map((r, i) => ({
    type: "Feature", geometry: r.geometry, properties: { rank: i, selected: i === state.selected },
  }));
  features.sort((a, b) => a.properties.selected - b.properties.selected); // the selected route on top
  const data = { type: "FeatureCollection", features };
  if (map.getSource("routes")) {
    map.getSource("routes").setData(data);
  } else {
    map.addSource("routes", { type: "geojson", data });
    const colour = ["match", ["get", "rank"], ...routeColours.flatMap((c, i) => [i, c]), "#333"];
    map.addLayer({ id: "route-casing", type: "line", source: "routes", layout: { "line-cap": "round", "line-join": "round" },
      paint: { "line-color": "white", "line-width": ["case", ["get", "selected"], 9, 6], "line-opacity": 0.9 } });
    map.addLayer({ id: "route-line", type: "line", source: "routes", layout: { "line-cap": "round", "line-join": "round" },
      paint: { "line-color": colour, "line-width": ["case", ["get", "selected"], 5, 3],
               "line-opacity": ["case", ["get", "selected"], 1, 0.75] } });
  }
  map.moveLayer("route-casing");
  map.moveLayer("route-line");
}

function fitTo(route) {
  const coords = route.geometry.coordinates;
  if (!coords.length) return;
  const bounds = coords.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(coords[0], coords[0]));
  map.fitBounds(bounds, { padding: 60, duration: 600 });
}

function fillTable() {
  const body = $("results").querySelector("tbody");
  body.innerHTML = "";
  state.routes.forEach((r, i) => {
    const tr = document.createElement("tr");
    if (i === state.selected) tr.className = "selected";
    const borders = r.crossings.filter((c) => c.dwell_h > 0).length;
    const chokepoints = [...new Set(r.passages.map((p) => p.chokepoint))].join(", ");
    tr.innerHTML = `<td><span class="swatch" style="background:${routeColours[i % routeColours.length]}"></span></td>
      <td>${escapeHtml(r.label)}<div class="detail">${chokepoints ? `chokepoints: ${escapeHtml(chokepoints)}` : "no chokepoints"}</div></td>
      <td>${r.total.time_days.toFixed(1)}</td>
      <td>${Math.round(r.total.cost_usd).toLocaleString("en")}</td><td>${Math.round(r.total.co2_kg).toLocaleString("en")}</td>
      <td>${borders}</td>`;
    tr.addEventListener("click", () => {
      state.selected = i;
      fillTable();
      drawRoutes();
      fitTo(r);
    });
    body.appendChild(tr);
  });
  $("results").hidden = state.routes.length === 0;
}

function setStatus(text, error = false) {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

async function findRoutes() {
  const params = new URLSearchParams({
    from: $("from").value.trim(), to: $("to").value.trim(), cargo: $("cargo").value,
    objective: $("objective").value, alternatives: "3",
  });
  const avoid = [...document.querySelectorAll('input[name="avoid"]:checked')].map((c) => c.value);
  avoid.push(...$("avoid-more").value.split(",").map((x) => x.trim()).filter(Boolean));
  if (avoid.length) params.set("avoid", avoid.join(","));
  if ($("scenario").value) params.set("scenario", $("scenario").value);
  if (yearParam()) params.set("year", String(yearParam()));
  if (!params.get("from") || !params.get("to")) return setStatus("Choose an origin and a destination.", true);
  state.lastQuery = params.toString();
  $("go").disabled = true;
  setStatus("Routing…");
  try {
    const { ok, body } = await getJSON(`route?${params}`);
    state.routes = ok ? body.routes : [];
    state.selected = 0;
    drawRoutes();
    fillTable();
    if (!ok) return setStatus(body.message || "No route.", true);
    const place = (w) => (w.exact ? w.name : `${w.name} (for “${w.asked}”)`);
    setStatus(`${place(body.waypoints[0])} → ${place(body.waypoints[1])}: ${state.routes.length} route(s)` +
      (params.get("scenario") ? ` · scenario ${params.get("scenario")}` : "") + (yearParam() ? ` · as of ${yearParam()}` : ""));
    fitTo(state.routes[0]);
  } catch (e) {
    setStatus(`The server did not answer: ${e.message}`, true);
  } finally {
    $("go").disabled = false;
  }
}

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
  const line = (colour, text, dashed) =>
    `<div><span class="swatch" style="background:${colour};${dashed ? "opacity:0.7" : ""}"></span> ${text}</div>`;
  $("legend").innerHTML = "<h2>Network</h2>" +
    gaugeColours.map(([, c, t]) => line(c, t)).join("") +
    Object.values(modeColours).map(([c, t]) => line(c, t, true)).join("") +
    "<h2>Routes</h2>" + routeColours.slice(0, 4).map((c, i) => line(c, i === 0 ? "best" : `alternative ${i}`)).join("");
}

async function init() {
  legend();
  autocomplete($("from"), $("places-from"));
  autocomplete($("to"), $("places-to"));
  const { ok, body } = await getJSON("scenarios");
  const options = ['<option value="">today (no scenario)</option>'];
  if (ok) for (const s of body.scenarios) if (s.name !== "today") options.push(`<option value="${s.name}" title="${escapeHtml(s.description)}">${s.name}</option>`);
  $("scenario").innerHTML = options.join("");
  $("query").addEventListener("submit", (e) => { e.preventDefault(); findRoutes(); });
  $("scenario").addEventListener("change", () => state.routes.length && findRoutes());
  $("year").addEventListener("input", () => ($("year-label").textContent = yearParam() ? String(yearParam()) : "today"));
  $("year").addEventListener("change", async () => {
    await loadNetwork();
    if (state.routes.length || state.lastQuery) findRoutes();
  });
  await new Promise((resolve) => (map.loaded() ? resolve() : map.on("load", resolve)));
  await loadNetwork();
  state.ready = true;
  setStatus("Choose two places, or click the network for its sources.");
}

init().catch((e) => setStatus(`Could not start: ${e.message}`, true));
