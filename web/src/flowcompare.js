// The freight flows of two scenarios compared on the map: GET /assign?scenario=B&compare=A
// (docs/assignment.md, "Two scenarios compared"). Each link, terminal, port, gauge change and
// border is drawn as wide as its change of TEU a year between the base A and the scenario B, in
// diverging colours: red where B carries more, blue where it carries less, grey where the two
// are within 1,000 TEU a year (the threshold of the QGIS style of `export freight --compare`,
// src/assignment/freight_qgis_style.cpp, so both read alike). The darker shade marks a change of
// at least half the larger flow: new or at least doubled, emptied or at least halved.

import { escapeHtml, fmt } from "./steps.js";
import { flowWidth, splitGeometry, teu } from "./flows.js";

export const unchangedTeuPerYear = 1000;
export const changeColours = {
  moreStrong: "#b2182b",
  more: "#ef8a62",
  same: "#9e9e9e",
  less: "#67a9cf",
  lessStrong: "#2166ac",
};

const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

// The colour of a change from flow a (base) to flow b (scenario), both in TEU a year.
export function changeColour(a, b) {
  const d = num(b) - num(a);
  if (Math.abs(d) < unchangedTeuPerYear) return changeColours.same;
  const strong = Math.abs(d) >= 0.5 * Math.max(num(a), num(b));
  if (d > 0) return strong ? changeColours.moreStrong : changeColours.more;
  return strong ? changeColours.lessStrong : changeColours.less;
}

// Width in pixels for a change: the flow layer's square-root scale on its size, and a hairline
// for what stays within the threshold (so the unchanged part of the network is still seen).
export function changeWidth(a, b) {
  const d = Math.abs(num(b) - num(a));
  return d < unchangedTeuPerYear ? 1 : Math.max(1.5, flowWidth(d));
}

// "+1.83 M", "−68,000", "±0": a signed change of TEU a year.
export function signedTeu(v) {
  if (!(Math.abs(v) > 0)) return "±0";
  return `${v > 0 ? "+" : "−"}${teu(Math.abs(v))}`;
}

const percent = (u) => (typeof u === "number" ? `${fmt(u * 100)}%` : "–");
const hours = (h) => (typeof h === "number" && h > 0 ? `${fmt(h, 1)} h` : "none");

// The API's features with width, colour and sort key; what neither run uses is left out.
export function styledComparison(body) {
  const c = body.comparison || {};
  const names = { scenario_a: (c.a && c.a.scenario) || "A", scenario_b: (c.b && c.b.scenario) || "B" };
  const features = (body.features || []).filter((f) => num(f.properties.flow_teu_per_year_a) > 0 || num(f.properties.flow_teu_per_year_b) > 0);
  return {
    type: "FeatureCollection",
    features: features.map((f) => {
      const p = f.properties;
      const a = num(p.flow_teu_per_year_a), b = num(p.flow_teu_per_year_b);
      return {
        ...f,
        geometry: splitGeometry(f.geometry),
        properties: { ...p, ...names, width_px: changeWidth(a, b), colour: changeColour(a, b), sort_key: Math.abs(b - a) },
      };
    }),
  };
}

// The capacity elements whose use changed most, for the panel.
export function largestUseChanges(body, n = 5) {
  return (body.features || [])
    .map((f) => f.properties)
    .filter((p) => typeof p.utilization_a === "number" || typeof p.utilization_b === "number")
    .map((p) => ({ ...p, use_change: Math.abs(num(p.utilization_b) - num(p.utilization_a)) }))
    .filter((p) => p.use_change > 0.005)
    .sort((x, y) => y.use_change - x.use_change || (x.id < y.id ? -1 : 1))
    .slice(0, n);
}

function runYear(run) {
  return run && run.capacity_year ? `capacities of ${run.capacity_year}` : "latest capacities";
}

// One sentence: B against A, China-Europe by rail and by sea in both, and what went unserved.
export function comparisonSummary(body) {
  const { a = {}, b = {} } = body.comparison || {};
  const ce = (r, mode) => num(((r.china_europe_teu_per_year) || {})[mode]);
  const change = (mode, unit) => `${teu(ce(a, mode))} → ${teu(ce(b, mode))}${unit} (${signedTeu(ce(b, mode) - ce(a, mode))})`;
  const unserved = num(b.unserved_teu_per_year) - num(a.unserved_teu_per_year);
  return `Freight flows of ${b.scenario || "B"} against ${a.scenario || "A"} (${runYear(b)}), general cargo: ` +
    `China–Europe by rail ${change("rail", " TEU a year")}, by sea ${change("sea", "")}` +
    (Math.abs(unserved) >= 1 ? `; with no route ${signedTeu(unserved)}` : "") + ".";
}

export function comparisonPanelHtml(body) {
  const { a = {}, b = {} } = body.comparison || {};
  const rows = largestUseChanges(body).map((p) =>
    `<tr><td><span class="swatch" style="background:${changeColour(p.flow_teu_per_year_a, p.flow_teu_per_year_b)}"></span> ${escapeHtml(p.name || p.id)}</td>` +
    `<td>${percent(p.utilization_a)} → ${percent(p.utilization_b)}</td>` +
    `<td>${p.delay_h_a >= 1 || p.delay_h_b >= 1 ? `${fmt(p.delay_h_a)} → ${fmt(p.delay_h_b)} h` : "–"}</td></tr>`).join("");
  const head = `<tr><th>largest change of use</th><th>${escapeHtml(a.scenario || "A")} → ${escapeHtml(b.scenario || "B")}</th><th>wait</th></tr>`;
  return `<p>${escapeHtml(comparisonSummary(body))}</p>` +
    (rows ? `<table class="flow-top"><thead>${head}</thead><tbody>${rows}</tbody></table>` : "");
}

// The popup of a clicked line or circle: both runs, the change, capacity, use and wait.
export function comparisonPopupHtml(p) {
  const has = (v) => v !== null && v !== undefined && v !== "";
  const a = p.scenario_a || "A", b = p.scenario_b || "B";
  const capA = p.capacity_teu_per_year_a, capB = p.capacity_teu_per_year_b;
  const capacity = !has(capA) && !has(capB) ? "none in the data"
    : capA === capB ? `${teu(capA)} TEU a year` : `${has(capA) ? teu(capA) : "none"} → ${has(capB) ? teu(capB) : "none"} TEU a year`;
  const rows = [
    ["kind", p.kind],
    [a, `${teu(num(p.flow_teu_per_year_a))} TEU a year`],
    [b, `${teu(num(p.flow_teu_per_year_b))} TEU a year`],
    ["change", `${signedTeu(num(p.flow_teu_per_year_b) - num(p.flow_teu_per_year_a))} TEU a year`],
    ["capacity", capacity],
    ["used", has(capA) || has(capB) ? `${percent(p.utilization_a)} → ${percent(p.utilization_b)}` : "–"],
    ["wait", num(p.delay_h_a) > 0 || num(p.delay_h_b) > 0 ? `${hours(p.delay_h_a)} → ${hours(p.delay_h_b)}` : "none"],
  ];
  return `<strong>${escapeHtml(p.name || p.id)}</strong><table class="attributes">` +
    rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`).join("") + "</table>";
}

// The legend's part for the comparison of B against A.
export function comparisonLegendHtml(a = "the base", b = "the scenario") {
  const line = (style, text) => `<div><span class="swatch" style="${style}"></span> ${text}</div>`;
  const [ea, eb] = [escapeHtml(a), escapeHtml(b)];
  return `<h2>Flow change: ${eb} against ${ea}</h2>` +
    line(`background:${changeColours.moreStrong}`, `more in ${eb}: new, or at least doubled`) +
    line(`background:${changeColours.more}`, `more in ${eb}`) +
    line(`background:${changeColours.same}`, `within ${fmt(unchangedTeuPerYear)} TEU a year`) +
    line(`background:${changeColours.less}`, `less in ${eb}`) +
    line(`background:${changeColours.lessStrong}`, `less in ${eb}: emptied, or at least halved`) +
    [2e4, 5e5, 2e6].map((v) => line(`background:#3d4650;height:${Math.max(1, Math.round(changeWidth(0, v)))}px`, `±${teu(v)} TEU a year`)).join("");
}
