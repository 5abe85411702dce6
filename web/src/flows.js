// The freight flow layer: where the bundled demand goes once capacities bind (silkroute
// assign, docs/assignment.md). Line width by TEU a year, colour by utilization of the
// capacity-bound element (grey where a link has no capacity in the data); terminals, ports,
// gauge changes and ferries' berths as circles. The server assigns each scenario and year once
// and keeps the answer (GET /assign?scenario=&year=), so switching back costs one request.

import { splitLineAtAntimeridian } from "./geometry.js";
import { escapeHtml, fmt } from "./steps.js";
import { styledComparison, comparisonPanelHtml, comparisonPopupHtml, comparisonLegendHtml } from "./flowcompare.js";

// Utilization stops: free (green) to saturated (red), beyond capacity dark red. From about 0.95
// the assignment's queues grow from hours to days (docs/assignment.md, Delays).
export const utilizationStops = [
  [0, "#1a9850"],
  [0.5, "#91cf60"],
  [0.8, "#fdae61"],
  [0.95, "#e34a33"],
  [1.2, "#7f0000"],
];
export const utilizationLabels = ["under 50%", "50–80%", "80–95%", "95–120%: queues of days", "over 120%"];
export const noCapacityColour = "#6b7b8c";

// Width in pixels for a flow in TEU a year: square root, so a 2 M TEU corridor is wide but a
// 20,000 TEU one still shows.
export function flowWidth(teuPerYear) {
  if (!(teuPerYear > 0)) return 0;
  return Math.min(14, 1 + Math.sqrt(teuPerYear / 1e6) * 8);
}

export function utilizationColour(u) {
  if (u === null || u === undefined || Number.isNaN(u)) return noCapacityColour;
  let c = utilizationStops[0][1];
  for (const [stop, colour] of utilizationStops) if (u >= stop) c = colour;
  return c;
}

// "1.07 M", "89,000", "640": TEU counts as a reader takes them in.
export function teu(v) {
  if (!(v > 0)) return "0";
  if (v >= 1e6) return `${fmt(v / 1e6, 2)} M`;
  return fmt(v >= 1e4 ? Math.round(v / 1000) * 1000 : v);
}

// Lines that cross the antimeridian drawn in two parts, not as a band across the map.
export function splitGeometry(g) {
  if (!g) return g;
  if (g.type === "LineString") {
    const parts = splitLineAtAntimeridian(g.coordinates);
    return parts.length === 1 ? g : { type: "MultiLineString", coordinates: parts };
  }
  if (g.type === "MultiLineString") return { type: "MultiLineString", coordinates: g.coordinates.flatMap(splitLineAtAntimeridian) };
  return g;
}

// The API's features with the width and colour the layers draw (computed here, so the unit
// test checks what the map shows). Links without capacity and without flow are left out;
// elements with a capacity stay (an idle Kuryk is news when Russia is avoided).
export function styledFlows(collection) {
  const features = (collection.features || []).filter((f) => f.properties.flow_teu_per_year > 0 || f.properties.capacity_teu_per_year);
  return {
    type: "FeatureCollection",
    features: features.map((f) => ({
      ...f,
      geometry: splitGeometry(f.geometry),
      properties: {
        ...f.properties,
        width_px: flowWidth(f.properties.flow_teu_per_year),
        colour: utilizationColour(f.properties.utilization),
        sort_key: f.properties.flow_teu_per_year,
      },
    })),
  };
}

// The most utilized elements, for the panel: [{name, utilization, delay_h, flow}], fullest first.
export function fullestElements(collection, n = 4) {
  return (collection.features || [])
    .map((f) => f.properties)
    .filter((p) => p.utilization !== null && p.utilization !== undefined && p.flow_teu_per_year > 0)
    .sort((a, b) => b.utilization - a.utilization || (a.id < b.id ? -1 : 1))
    .slice(0, n);
}

// One line of what the run gave: China-Europe by rail and by sea, and what went unserved.
export function flowSummary(body) {
  const a = body.assignment || {};
  const ce = a.china_europe_teu_per_year || {};
  const year = a.capacity_year ? ` (capacities of ${a.capacity_year})` : " (latest capacities)";
  const unserved = a.unserved_teu_per_year > 0 ? `; ${teu(a.unserved_teu_per_year)} TEU with no route` : "";
  return `Freight flows of ${a.scenario || "today"}${year}, general cargo: China–Europe ${teu(ce.rail)} TEU a year by rail, ` +
    `${teu(ce.sea)} by sea${unserved}.`;
}

export function flowPanelHtml(body) {
  const rows = fullestElements(body).map((p) =>
    `<tr><td><span class="swatch" style="background:${utilizationColour(p.utilization)}"></span> ${escapeHtml(p.name)}</td>` +
    `<td>${fmt(p.utilization * 100)}%</td><td>${p.delay_h >= 1 ? `${fmt(p.delay_h)} h` : "–"}</td></tr>`).join("");
  return `<p>${escapeHtml(flowSummary(body))}</p>` +
    (rows ? `<table class="flow-top"><thead><tr><th>fullest</th><th>used</th><th>wait</th></tr></thead><tbody>${rows}</tbody></table>` : "");
}

// The popup of a clicked flow line or point (MapLibre drops null properties: absent = none);
// a feature of a comparison (it has a change) gets both runs.
export function flowPopupHtml(p) {
  if (p.flow_change_teu_per_year !== undefined) return comparisonPopupHtml(p);
  const has = (v) => v !== null && v !== undefined && v !== "";
  const rows = [
    ["kind", p.kind],
    ["flow", `${teu(p.flow_teu_per_year)} TEU a year`],
    ["capacity", has(p.capacity_teu_per_year) ? `${teu(p.capacity_teu_per_year)} TEU a year` : "none in the data"],
    ["used", has(p.utilization) ? `${fmt(p.utilization * 100)}%` : "–"],
    ["wait", p.delay_h > 0 ? `${fmt(p.delay_h, 1)} h` : "none"],
  ];
  return `<strong>${escapeHtml(p.name || p.id)}</strong><table class="attributes">` +
    rows.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(String(v))}</td></tr>`).join("") + "</table>";
}

// The legend's part: what the colours and widths mean.
export function flowLegendHtml() {
  const line = (style, text) => `<div><span class="swatch" style="${style}"></span> ${text}</div>`;
  return "<h2>Freight flows</h2>" +
    utilizationStops.map(([, c], i) => line(`background:${c}`, `${utilizationLabels[i]} of capacity`)).join("") +
    line(`background:${noCapacityColour}`, "no capacity in the data") +
    [2e4, 5e5, 2e6].map((v) => line(`background:#3d4650;height:${Math.max(1, Math.round(flowWidth(v)))}px`, `${teu(v)} TEU a year`)).join("");
}

const empty = { type: "FeatureCollection", features: [] };
export const flowLayerIds = ["flow-lines", "flow-points"];

// Adds the source and layers (hidden) below `beforeLayer`; returns show(scenario, year, base) /
// hide(). With a base, the layers draw the change from the base to the scenario.
export function addFlowLayers(map, beforeLayer, getJSON) {
  map.addSource("flows", { type: "geojson", data: empty });
  const lines = ["match", ["geometry-type"], ["LineString", "MultiLineString"], true, false];
  map.addLayer({ id: "flow-lines", type: "line", source: "flows", filter: lines,
    layout: { "line-cap": "round", "line-join": "round", visibility: "none", "line-sort-key": ["get", "sort_key"] },
    paint: { "line-color": ["get", "colour"], "line-width": ["get", "width_px"], "line-opacity": 0.85 } }, beforeLayer);
  map.addLayer({ id: "flow-points", type: "circle", source: "flows", filter: ["==", ["geometry-type"], "Point"],
    layout: { visibility: "none", "circle-sort-key": ["get", "sort_key"] },
    paint: { "circle-color": ["get", "colour"], "circle-radius": ["max", 3.5, ["*", 0.6, ["get", "width_px"]]],
      "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.2 } },
    beforeLayer);
  const cache = new Map();
  const visible = (v) => {
    for (const id of flowLayerIds) map.setLayoutProperty(id, "visibility", v ? "visible" : "none");
  };
  return {
    async show(scenario, year, base) {
      const params = new URLSearchParams({ scenario: scenario || "today" });
      if (year) params.set("year", String(year));
      if (base) params.set("compare", base);
      const url = `assign?${params}`;
      if (!cache.has(url)) {
        cache.set(url, getJSON(url).then(({ ok, body }) => {
          if (!ok) throw new Error(body.message);
          return body;
        }));
      }
      let body;
      try {
        body = await cache.get(url);
      } catch (e) {
        cache.delete(url);
        throw e;
      }
      const styled = base ? styledComparison(body) : styledFlows(body);
      map.getSource("flows").setData(styled);
      visible(true);
      return { styled, body };
    },
    hide() {
      visible(false);
    },
  };
}

// The base choices of the comparison: none (the scenario's own flows), today, then the bundled
// scenarios in the server's order.
export function baseOptionsHtml(scenarios) {
  const names = ["today", ...(scenarios || []).map((s) => s.name).filter((n) => n !== "today")];
  return ['<option value="">none: the scenario\'s own flows</option>',
    ...names.map((n) => `<option value="${escapeHtml(n)}">${escapeHtml(n)}</option>`)].join("");
}

// Wires the panel's "Freight flows" box: shown for the scenario and year selected (today when
// none), reloaded when either changes; with a base chosen in `baseSelect` (its row shows while
// the box is ticked), the change from that base to the scenario. What is shown goes to
// state.flows for the tests.
export function wireFlows({ map, checkbox, scenarioSelect, baseSelect, baseRow, yearInput, getYear, panel, legend, state, getJSON, beforeLayer, onToggle }) {
  const layer = addFlowLayers(map, beforeLayer, getJSON);
  let legendPart = null, compareLegendPart = null;
  if (legend) {
    legend.insertAdjacentHTML("beforeend", `<div id="flow-legend" hidden>${flowLegendHtml()}</div><div id="flow-compare-legend" hidden></div>`);
    legendPart = legend.querySelector("#flow-legend");
    compareLegendPart = legend.querySelector("#flow-compare-legend");
  }
  const legends = (plain, compared) => {
    if (legendPart) legendPart.hidden = !plain;
    if (compareLegendPart) compareLegendPart.hidden = !compared;
  };
  let asked = 0;
  const update = async () => {
    const ask = ++asked;  // a later change wins over an answer still on its way
    if (baseRow) baseRow.hidden = !checkbox.checked;
    if (!checkbox.checked) {
      layer.hide();
      state.flows = null;
      panel.hidden = true;
      legends(false, false);
      if (onToggle) onToggle(false);
      return;
    }
    const scenario = scenarioSelect.value || "today";
    const chosen = baseSelect ? baseSelect.value : "";
    const base = chosen && chosen !== scenario ? chosen : "";
    panel.hidden = false;
    panel.innerHTML = base
      ? `<p>Assigning the freight of ${escapeHtml(scenario)} and of ${escapeHtml(base)} to compare them…</p>`
      : `<p>Assigning the freight of ${escapeHtml(scenario)} (capacities, waits, mode choice)…</p>`;
    state.flowsLoading = true;
    try {
      const year = getYear();
      const { styled, body } = await layer.show(scenario, year, base);
      if (ask !== asked) return;
      if (!checkbox.checked) return update();
      const same = chosen && !base ? `<p class="note">The base is the scenario itself: its own flows are shown.</p>` : "";
      panel.innerHTML = (base ? comparisonPanelHtml(body) : flowPanelHtml(body)) + same;
      if (base && compareLegendPart) compareLegendPart.innerHTML = comparisonLegendHtml(base, scenario);
      legends(!base, Boolean(base));
      state.flows = base
        ? { scenario, base, year, features: styled.features.length, iterations: [body.comparison.a.iterations, body.comparison.b.iterations] }
        : { scenario, base: null, year, features: styled.features.length, iterations: body.assignment && body.assignment.iterations };
      if (onToggle) onToggle(true);
    } catch (e) {
      if (ask === asked) panel.innerHTML = `<p class="error">Freight flows: ${escapeHtml(e.message)}</p>`;
    } finally {
      if (ask === asked) state.flowsLoading = false;
    }
  };
  checkbox.addEventListener("change", update);
  scenarioSelect.addEventListener("change", () => checkbox.checked && update());
  if (baseSelect) baseSelect.addEventListener("change", () => checkbox.checked && update());
  if (yearInput) yearInput.addEventListener("change", () => checkbox.checked && update());
  return update;
}
