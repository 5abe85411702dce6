// A route as steps: its legs in order (mode, length, time, cost, CO2), the border crossings
// on each leg and the stops (transfers, gauge changes) between legs. Used by the leg popup
// on the map and by the step list in the panel.

export const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
export const fmt = (v, digits = 0) =>
  v === null || v === undefined || Number.isNaN(v) ? "–" : Number(v).toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function modeName(leg) {
  return leg.mode === "rail" && leg.gauge_mm ? `rail ${leg.gauge_mm} mm` : leg.mode === "iww" ? "inland waterway" : leg.mode;
}

// links: Map link id -> { from, to } place names (from /network); crossings are matched to
// the leg whose links include the crossing's pair of places.
export function routeSteps(route, links) {
  const legs = route.legs.map((leg, i) => ({ leg, index: i, crossings: [], stops: [] }));
  const pairs = legs.map(({ leg }) => {
    const set = new Set();
    for (const id of leg.links || []) {
      const l = links.get(id);
      if (l) set.add(`${l.from}\u0000${l.to}`).add(`${l.to}\u0000${l.from}`);
    }
    return set;
  });
  for (const c of route.crossings || []) {
    let k = pairs.findIndex((set) => set.has(`${c.from}\u0000${c.to}`));
    if (k < 0) k = legs.findIndex(({ leg }) => leg.from === c.from || leg.to === c.to || leg.to === c.from);
    legs[Math.max(0, k)].crossings.push(c);
  }
  for (const s of route.stops || []) {
    const k = legs.findIndex(({ leg }) => leg.to === s.at);
    if (k >= 0) legs[k].stops.push(s);
  }
  return legs;
}

function crossingText(c) {
  const cost = [c.dwell_h > 0 ? `${fmt(c.dwell_h, 1)} h` : "", c.fee_usd > 0 ? `USD ${fmt(c.fee_usd)}` : ""].filter(Boolean).join(", ");
  return `${escapeHtml(c.from_country)} → ${escapeHtml(c.to_country)} at ${escapeHtml(c.from)}` +
    (c.regime ? ` (${escapeHtml(c.regime)})` : "") + (cost ? `: ${cost}` : ": no stop");
}

function stopText(s) {
  const carrier = (c) => (c ? (c.gauge_mm ? `${c.mode} ${c.gauge_mm}` : c.mode) : "");
  const change = s.from || s.to ? ` ${carrier(s.from)} → ${carrier(s.to)}` : "";
  return `${escapeHtml(s.kind.replace(/_/g, " "))} at ${escapeHtml(s.at)}${escapeHtml(change)}: ${fmt(s.dwell_h, 1)} h, USD ${fmt(s.cost_usd)}`;
}

// The popup for one leg.
export function legHtml(route, step, colour) {
  const { leg, index, crossings, stops } = step;
  const rows = [
    ["mode", modeName(leg)],
    ["length", `${fmt(leg.distance_km)} km`],
    ["time", `${fmt(leg.time_h, 1)} h` + (leg.wait_h > 0 ? ` (of which waiting ${fmt(leg.wait_h, 1)} h)` : "")],
    ["cost", `USD ${fmt(leg.cost_usd)}`],
    ["CO₂", `${fmt(leg.co2_kg)} kg`],
  ];
  if (leg.corridors && leg.corridors.length) rows.push(["corridors", leg.corridors.join(", ")]);
  return `<div class="leg-popup">
    <div class="leg-title"><span class="swatch" style="background:${colour}"></span>
      Route ${route.rank}, leg ${index + 1} of ${route.legs.length}</div>
    <strong>${escapeHtml(leg.from)} → ${escapeHtml(leg.to)}</strong>
    <table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>
    <div class="leg-sub">Border crossings: ${crossings.length ? `<ul>${crossings.map((c) => `<li>${crossingText(c)}</li>`).join("")}</ul>` : "none on this leg"}</div>
    ${stops.length ? `<div class="leg-sub">Then: <ul>${stops.map((s) => `<li>${stopText(s)}</li>`).join("")}</ul></div>` : ""}
  </div>`;
}

// The step list of the selected route in the panel; each leg is a button (data-leg).
export function stepsHtml(route, steps) {
  return `<ol class="steps">${steps.map((st) => {
    const { leg, index, crossings, stops } = st;
    return `<li><button type="button" class="step" data-leg="${index + 1}">
        <span class="step-mode mode-${escapeHtml(leg.mode)}">${escapeHtml(modeName(leg))}</span>
        <span class="step-places">${escapeHtml(leg.from)} → ${escapeHtml(leg.to)}</span>
        <span class="step-figures">${fmt(leg.distance_km)} km · ${fmt(leg.time_h, 1)} h · USD ${fmt(leg.cost_usd)}</span>
      </button>
      ${crossings.length ? `<div class="step-note">border: ${crossings.map(crossingText).join("; ")}</div>` : ""}
      ${stops.length ? `<div class="step-note">${stops.map(stopText).join("; ")}</div>` : ""}
    </li>`;
  }).join("")}</ol>`;
}
