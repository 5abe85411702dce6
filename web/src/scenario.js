// What a scenario (and the avoid list) closes or changes, for the map and the panel.
// Sources, most certain first:
//  - `closed` in the scenario's /scenarios entry ({chokepoints, countries, links, nodes}),
//    when the server sends it;
//  - the scenario's year: links of today's network not open in that year;
//  - the avoid list: chokepoints, countries (ISO 3166 alpha-3), links and places by id;
//  - otherwise, comparing the best route before and after: chokepoints and countries the
//    route used before and avoids after, marked as "avoided", not as closed.
import { escapeHtml } from "./steps.js";

const MODES = new Set(["rail", "road", "sea", "ferry", "air", "iww"]);

export function scenarioClosures({ scenario, year, avoid = [], index, before, after = [] }) {
  const c = {
    scenario: scenario ? scenario.name : "", description: scenario ? scenario.description : "",
    year: year || (scenario && scenario.year) || null,
    chokepoints: new Map(), countries: new Map(), links: new Map(), nodes: new Map(), modes: new Set(),
    listed: Boolean(scenario && scenario.closed), inferred: false, notOpen: 0,
    // People read "Suez Canal", not the tag "suez".
    names: (index && index.chokepointNames) || new Map(),
  };
  const closed = scenario && scenario.closed;
  if (closed) {
    for (const x of closed.chokepoints || []) c.chokepoints.set(x, "closed");
    for (const x of closed.countries || []) c.countries.set(x, "closed");
    for (const x of closed.links || []) c.links.set(x, "closed");
    for (const x of closed.nodes || []) c.nodes.set(x, "closed");
  }
  for (const item of avoid) {
    const lower = item.toLowerCase();
    if (MODES.has(lower)) c.modes.add(lower);
    else if (index.chokepoints.has(lower)) c.chokepoints.set(lower, "closed");
    else if (/^[A-Za-z]{3}$/.test(item) && index.countries.has(item.toUpperCase())) c.countries.set(item.toUpperCase(), "closed");
    else if (index.links.has(item)) c.links.set(item, "closed");
    else if (index.nodes.has(lower)) c.nodes.set(lower, "closed");
  }
  // A scenario that does not say what it closes: what the best route used before and no
  // route uses after.
  if (scenario && !closed && before && after.length) {
    const used = (r) => new Set(r.passages.map((p) => p.chokepoint));
    const afterChokepoints = new Set(after.flatMap((r) => [...used(r)]));
    const afterCountries = new Set(after.flatMap((r) => r.countries));
    for (const x of used(before)) if (!afterChokepoints.has(x) && !c.chokepoints.has(x)) c.chokepoints.set(x, "avoided");
    for (const x of before.countries) if (!afterCountries.has(x) && !c.countries.has(x)) c.countries.set(x, "avoided");
    c.inferred = [...c.chokepoints.values(), ...c.countries.values()].includes("avoided");
  }
  return c;
}

const midpoint = (coords) => {
  // A shaped link's middle vertex lies on its line; a straight one's middle is between its ends.
  if (coords.length > 2) return coords[Math.floor(coords.length / 2)];
  const [a, b] = [coords[0], coords[coords.length - 1]];
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
};

// Map features: the closed links (with a mark and a label at their middle), closed places,
// and links not open yet in the scenario's year.
export function closureFeatures(c, index, notOpenLinks = []) {
  const features = [];
  if (!c) return { type: "FeatureCollection", features };
  const marked = new Set();
  const addLink = (f, why, label) => {
    features.push({ type: "Feature", geometry: f.geometry, properties: { why, id: f.properties.id } });
    if (label && !marked.has(label)) {
      marked.add(label);
      features.push({ type: "Feature", geometry: { type: "Point", coordinates: midpoint(f.geometry.coordinates) },
        properties: { why, label } });
    }
  };
  for (const f of index.links.values()) {
    const p = f.properties;
    const choke = p.chokepoint && c.chokepoints.get(p.chokepoint);
    const name = p.chokepoint_name || p.chokepoint;
    if (choke) addLink(f, choke, choke === "avoided" ? `${name}: not used after` : `✕ ${name} closed`);
    else if (c.links.has(p.id)) addLink(f, "closed", `✕ ${p.id} closed`);
  }
  for (const id of c.nodes.keys()) {
    const f = index.nodes.get(id);
    if (f) features.push({ type: "Feature", geometry: f.geometry, properties: { why: "closed", label: `✕ ${f.properties.name} closed` } });
  }
  for (const f of notOpenLinks) features.push({ type: "Feature", geometry: f.geometry, properties: { why: "not-open", id: f.properties.id } });
  return { type: "FeatureCollection", features };
}

// The panel's words for the same.
export function describeClosures(c) {
  if (!c) return "";
  const list = (m, why) => [...m].filter(([, w]) => w === why).map(([k]) => escapeHtml(c.names.get(k) || k)).join(", ");
  const parts = [];
  const closed = [["chokepoints", c.chokepoints], ["countries", c.countries], ["links", c.links], ["places", c.nodes]]
    .map(([what, m]) => [what, list(m, "closed")]).filter(([, v]) => v);
  if (closed.length) parts.push(`<p><span class="closed-key"></span> Closed: ${closed.map(([w, v]) => `${w} ${v}`).join("; ")}.</p>`);
  if (c.modes.size) parts.push(`<p>Avoided modes: ${[...c.modes].map(escapeHtml).join(", ")}.</p>`);
  if (c.year) {
    parts.push(`<p><span class="closed-key faint"></span> Network as of ${c.year}: ${c.notOpen ? `${c.notOpen} links of today's network not open yet (dotted)` : "links opened later are left out"}` +
      (c.closedSince ? `; ${c.closedSince} ${c.closedSince === 1 ? "line that ran then has" : "lines that ran then have"} stopped since, drawn for that year only` : "") + ".</p>");
  }
  const avoided = [["chokepoints", c.chokepoints], ["countries", c.countries]].map(([w, m]) => [w, list(m, "avoided")]).filter(([, v]) => v);
  if (avoided.length) {
    parts.push(`<p><span class="closed-key faint"></span> The best route before used, and no route after uses: ${avoided.map(([w, v]) => `${w} ${v}`).join("; ")}.` +
      (c.listed ? "" : " (The server does not list what this scenario closes.)") + "</p>");
  }
  return parts.join("");
}
