// Unit tests of the map's pure parts, with Node's test runner (CTest web.unit):
//   node --test web/tests/unit.test.mjs
// Antimeridian splitting, the basemap file, the glyph PBFs, route colours against network
// colours, the URL state, the exports, route steps and scenario closures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { splitRingsAtAntimeridian, splitLineAtAntimeridian, simplify, roundCoords, jumps } from "../src/geometry.js";
import { routeColours, networkColours, baselineColour } from "../src/colours.js";
import { parseState, formatState } from "../src/urlstate.js";
import { routesGeoJSON, routesCSV, exportName } from "../src/exporting.js";
import { routeSteps } from "../src/steps.js";
import { scenarioClosures, closureFeatures, describeClosures } from "../src/scenario.js";

const here = (p) => new URL(p, import.meta.url);

// --- antimeridian ---------------------------------------------------------------------------

const ringArea = (r) => r.reduce((a, p, i) => (i ? a + (r[i - 1][0] * p[1] - p[0] * r[i - 1][1]) / 2 : 0), 0);
const hasJump = (line) => line.some((p, i) => i > 0 && jumps(line[i - 1], p));

test("a ring across the antimeridian becomes two, one each side, same area", () => {
  // A square from 178 E to 178 W (4 degrees wide), written as Natural Earth's own sources
  // (and world-atlas) do when they do not split: 178 -> -178 is one short step east.
  const ring = [[178, -16], [-178, -16], [-178, -18], [178, -18], [178, -16]];
  const parts = splitRingsAtAntimeridian([ring]);
  assert.equal(parts.length, 2);
  for (const [outer] of parts) {
    assert.ok(!hasJump(outer), `no jump in ${JSON.stringify(outer)}`);
    const xs = outer.map((p) => p[0]);
    assert.ok(xs.every((x) => x >= 178) || xs.every((x) => x <= -178), `one side only: ${xs}`);
    assert.deepEqual(outer[0], outer[outer.length - 1], "closed");
  }
  const area = parts.reduce((a, [outer]) => a + Math.abs(ringArea(outer)), 0);
  assert.ok(Math.abs(area - 8) < 1e-9, `area ${area} is the square's 4 x 2`);
});

test("a ring that does not cross is left alone, and a polar edge is not a jump", () => {
  const ring = [[10, 10], [20, 10], [20, 20], [10, 10]];
  assert.deepEqual(splitRingsAtAntimeridian([ring]), [[ring]]);
  // Antarctica's ring runs along the pole from 180 to -180: off the Mercator map.
  assert.equal(jumps([180, -89.99], [-180, -89.99]), false);
  assert.equal(jumps([179, 65], [-179, 66]), true);
});

test("a line across the antimeridian is cut there, with the crossing on both parts", () => {
  const parts = splitLineAtAntimeridian([[170, 60], [-170, 64], [-160, 65]]);
  assert.equal(parts.length, 2);
  assert.deepEqual(parts[0][parts[0].length - 1], [180, 62]);
  assert.deepEqual(parts[1][0], [-180, 62]);
  assert.ok(!parts.some(hasJump));
});

test("simplify keeps the ends and the corners; rounding drops repeated points", () => {
  const line = [[0, 0], [1, 0.001], [2, 0], [2, 2]];
  assert.deepEqual(simplify(line, 0.01), [[0, 0], [2, 0], [2, 2]]);
  const g = roundCoords({ type: "LineString", coordinates: [[0.001, 0.002], [0.004, 0.001], [1.006, 2]] });
  assert.deepEqual(g.coordinates, [[0, 0], [1.01, 2]]);
});

// --- the basemap --------------------------------------------------------------------------

test("the basemap has the layers the map draws, no band across the map, and stays small", () => {
  const file = here("../public/basemap.geojson");
  const text = readFileSync(file, "utf8");
  assert.ok(text.length < 2.5e6, `basemap.geojson is ${text.length} bytes`);
  const fc = JSON.parse(text);
  assert.match(fc.attribution, /Natural Earth/);
  const count = {};
  for (const f of fc.features) count[f.properties.layer] = (count[f.properties.layer] || 0) + 1;
  for (const [layer, min] of Object.entries({ country: 200, country_label: 200, border: 100, lake: 50, river: 100, city: 200, sea_label: 30 })) {
    assert.ok((count[layer] || 0) >= min, `${layer}: ${count[layer]} features`);
  }
  const bad = new Set();
  for (const f of fc.features) {
    const g = f.geometry;
    const lines = g.type === "MultiPolygon" ? g.coordinates.flat() : g.type === "Polygon" ? g.coordinates : g.type === "LineString" ? [g.coordinates] : [];
    for (const l of lines) if (hasJump(l)) bad.add(f.properties.name || f.properties.layer);
  }
  assert.deepEqual([...bad], [], "no ring or line jumps across the antimeridian");
  const names = new Set(fc.features.filter((f) => f.properties.layer === "country_label").map((f) => f.properties.name));
  for (const n of ["Russia", "China", "Kazakhstan", "Fiji", "Germany"]) assert.ok(names.has(n), `${n} is labelled`);
  const russia = fc.features.find((f) => f.properties.layer === "country" && f.properties.iso === "RUS");
  const xs = russia.geometry.coordinates.flat(2).map((p) => p[0]);
  assert.ok(Math.min(...xs) <= -179.9 && Math.max(...xs) >= 179.9, "Russia reaches both sides of the antimeridian, split");
});

// --- glyphs -------------------------------------------------------------------------------

// A minimal reader of the protobuf wire format, independent of the builder's writer.
function readMessage(bytes) {
  const fields = [];
  let i = 0;
  const varint = () => {
    let v = 0, shift = 1;
    for (;;) {
      const b = bytes[i++];
      v += (b & 0x7f) * shift;
      shift *= 128;
      if (b < 0x80) return v;
    }
  };
  while (i < bytes.length) {
    const key = varint(), field = Math.floor(key / 8), wire = key % 8;
    if (wire === 0) fields.push([field, varint()]);
    else if (wire === 2) {
      const n = varint();
      fields.push([field, bytes.subarray(i, i + n)]);
      i += n;
    } else throw new Error(`wire type ${wire}`);
  }
  return fields;
}
const zigzag = (v) => (v % 2 ? -(v + 1) / 2 : v / 2);

const dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const opentypeThere = existsSync(here("../node_modules/opentype.js/package.json"));
test("glyph ranges decode as MapLibre reads them, with a filled 'A'", { skip: !opentypeThere || !existsSync(dejavu) ? "needs web/node_modules (scripts/build_web.sh) and fonts-dejavu-core" : false }, async () => {
  const { loadFont, buildRange } = await import("../../scripts/build_glyphs.mjs");
  const font = loadFont(dejavu);
  const { bytes, count } = buildRange(font, "DejaVu Sans Book", 0);
  assert.ok(count > 180, `${count} glyphs in 0-255`);
  const [[one, stackBytes]] = readMessage(bytes);
  assert.equal(one, 1);
  const stack = readMessage(stackBytes);
  assert.equal(new TextDecoder().decode(stack.find(([f]) => f === 1)[1]), "DejaVu Sans Book");
  assert.equal(new TextDecoder().decode(stack.find(([f]) => f === 2)[1]), "0-255");
  const glyphs = stack.filter(([f]) => f === 3).map(([, b]) => Object.fromEntries(readMessage(b)));
  assert.equal(glyphs.length, count);
  const A = glyphs.find((g) => g[1] === 65);
  const [w, h] = [A[3], A[4]];
  assert.ok(w >= 14 && w <= 18 && h >= 16 && h <= 19, `'A' is ${w}x${h} px at 24 px`);
  assert.equal(A[2].length, (w + 6) * (h + 6), "bitmap has a 3 px border");
  assert.ok(A[7] >= 15 && A[7] <= 18, `advance ${A[7]}`);
  assert.ok(zigzag(A[6]) < 0 && zigzag(A[6]) > -12, `top ${zigzag(A[6])}`);
  // Inside the outline (the left leg, low down) above MapLibre's 192 edge; the border is empty.
  const at = (x, y) => A[2][(y + 3) * (w + 6) + (x + 3)];
  assert.ok(at(1, h - 2) > 192, `inside: ${at(1, h - 2)}`);
  assert.ok(at(-3, -3) < 100, `outside: ${at(-3, -3)}`);
  const space = glyphs.find((g) => g[1] === 32);
  assert.ok(space && !space[2] && space[7] > 5, "a space has an advance and no bitmap");
});

// --- colours ------------------------------------------------------------------------------

function lab(hex) {
  const lin = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const [r, g, b] = lin;
  const f = (t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047), y = f(r * 0.2126 + g * 0.7152 + b * 0.0722), z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a, b) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

test("route colours are far from every network colour and from each other", () => {
  for (const r of [...routeColours, baselineColour]) {
    for (const n of networkColours()) assert.ok(deltaE(r, n) >= 18, `${r} vs ${n}: ΔE ${deltaE(r, n).toFixed(1)}`);
  }
  for (const r of routeColours) for (const n of networkColours()) assert.ok(deltaE(r, n) >= 35, `route ${r} vs network ${n}: ΔE ${deltaE(r, n).toFixed(1)}`);
  for (let i = 0; i < routeColours.length; i++) {
    for (let j = i + 1; j < routeColours.length; j++) assert.ok(deltaE(routeColours[i], routeColours[j]) >= 40);
  }
});

// --- URL state ----------------------------------------------------------------------------

test("the URL holds the whole query and reads back the same", () => {
  const s = { from: "Chongqing", to: "Duisburg", cargo: "reefer", objective: "cost", avoid: ["suez", "KAZ"],
    scenario: "red-sea-closure", year: 2013, route: 2, view: { zoom: 4.25, center: [60.5, 45.125] } };
  const url = formatState(s);
  assert.equal(url, "?from=Chongqing&to=Duisburg&cargo=reefer&objective=cost&avoid=suez,KAZ&scenario=red-sea-closure&year=2013&route=2#map=4.25/45.125/60.500");
  const back = parseState(url.split("#")[0], "#" + url.split("#")[1]);
  assert.deepEqual(back, s);
  assert.equal(formatState(parseState("?from=A&to=B&cargo=general&objective=time")), "?from=A&to=B", "defaults are left out");
  const odd = parseState("?from=%20Xi%27an%20&year=abc&route=-1&avoid=,,rail,");
  assert.equal(odd.from, "Xi'an");
  assert.equal(odd.year, null, "a year that is not a number is ignored");
  assert.equal(odd.route, 1);
  assert.deepEqual(odd.avoid, ["rail"]);
});

// --- exports, steps and closures, on a small answer written here ----------------------------

const route = (rank, label, legs, extra = {}) => ({
  rank, label, total: { time_h: 100, time_days: 4.2, cost_usd: 1000, co2_kg: 500, distance_km: 3000 },
  legs, crossings: [], stops: [], passages: [], countries: [], ...extra,
});
const leg = (mode, from, to, links, more = {}) => ({ mode, from, to, links, distance_km: 100, time_h: 2, wait_h: 0, cost_usd: 50, co2_kg: 10, corridors: ["c1"], ...more });
const answer = {
  routes: [
    route(1, "rail via B, \"C\"", [leg("rail", "A", "B", ["l1"], { gauge_mm: 1435 }), leg("rail", "B", "D", ["l2", "l3"], { gauge_mm: 1520 })], {
      crossings: [{ from_country: "KAZ", to_country: "RUS", from: "C", to: "D", mode: "rail", regime: "customs union", dwell_h: 0, fee_usd: 0 }],
      stops: [{ kind: "gauge_change", at: "B", from: { mode: "rail", gauge_mm: 1435 }, to: { mode: "rail", gauge_mm: 1520 }, dwell_h: 6, cost_usd: 250 }],
      passages: [], countries: ["CHN", "KAZ", "RUS"],
    }),
    route(2, "sea via suez", [leg("sea", "A", "D", ["s1"])], { passages: [{ chokepoint: "suez", link: "s1" }], countries: ["CHN", "EGY"] }),
  ],
  legs_geojson: { type: "FeatureCollection", features: [
    { type: "Feature", properties: { route: 1, leg: 1 }, geometry: { type: "LineString", coordinates: [[0, 0], [1, 1]] } },
    { type: "Feature", properties: { route: 1, leg: 2 }, geometry: { type: "LineString", coordinates: [[1, 1], [3, 1]] } },
    { type: "Feature", properties: { route: 2, leg: 1 }, geometry: { type: "LineString", coordinates: [[0, 0], [3, 1]] } },
  ] },
};

test("exports: one GeoJSON feature and one CSV row per leg; the before route once", () => {
  const sets = [{ case: "routes", scenario: "red-sea-closure", body: answer }, { case: "before", scenario: "", body: answer }];
  const fc = routesGeoJSON(sets);
  assert.equal(fc.features.length, 3 + 2, "3 legs of the routes, 2 of the best route before");
  assert.deepEqual(fc.features[1].geometry.coordinates, [[1, 1], [3, 1]]);
  assert.equal(fc.features[1].properties.gauge_mm, 1520);
  assert.equal(fc.features[4].properties.case, "before");
  const csv = routesCSV(sets).trim().split("\r\n");
  assert.equal(csv.length, 1 + 5);
  assert.ok(csv[1].startsWith('routes,red-sea-closure,1,"rail via B, ""C""",1,rail,1435,A,B,100,2,0,50,10,c1,'), csv[1]);
  assert.equal(exportName({ from: "Chongqing", to: "Duisburg", scenario: "red-sea-closure", year: 2013 }, "csv"), "silkroute-chongqing-duisburg-red-sea-closure-2013.csv");
  assert.equal(exportName({ from: "Małaszewicze", to: "Xi'an" }, "geojson"), "silkroute-malaszewicze-xi-an.geojson");
});

test("steps: each crossing on the leg with its link, each stop after its leg", () => {
  const links = new Map([["l1", { from: "A", to: "B" }], ["l2", { from: "B", to: "C" }], ["l3", { from: "C", to: "D" }]]);
  const steps = routeSteps(answer.routes[0], links);
  assert.equal(steps.length, 2);
  assert.equal(steps[0].crossings.length, 0);
  assert.equal(steps[1].crossings[0].from_country, "KAZ");
  assert.equal(steps[0].stops[0].kind, "gauge_change");
});

test("closures: from the avoid list, and inferred only for what no route uses after", () => {
  const index = {
    chokepoints: new Set(["suez", "malacca"]), countries: new Set(["KAZ", "RUS"]),
    links: new Map([["s1", { properties: { id: "s1", chokepoint: "suez" }, geometry: { type: "LineString", coordinates: [[32, 30], [32, 31]] } }]]),
    nodes: new Map(),
  };
  const c = scenarioClosures({ avoid: ["suez", "kaz", "rail", "nowhere"], index });
  assert.equal(c.chokepoints.get("suez"), "closed");
  assert.equal(c.countries.get("KAZ"), "closed");
  assert.ok(c.modes.has("rail"));
  const features = closureFeatures(c, index).features;
  assert.equal(features.filter((f) => f.geometry.type === "LineString").length, 1);
  assert.match(features.find((f) => f.geometry.type === "Point").properties.label, /suez closed/);
  const scenario = { name: "red-sea-closure", description: "", year: null };
  const inferred = scenarioClosures({ scenario, index, before: answer.routes[1], after: [answer.routes[0]] });
  assert.equal(inferred.chokepoints.get("suez"), "avoided");
  assert.equal(inferred.countries.get("EGY"), "avoided");
  const stillUsed = scenarioClosures({ scenario, index, before: answer.routes[1], after: answer.routes });
  assert.equal(stillUsed.chokepoints.has("suez"), false, "an alternative after still passes Suez");
  const listed = scenarioClosures({ scenario: { ...scenario, closed: { chokepoints: ["babelmandeb"] } }, index, before: answer.routes[1], after: [answer.routes[0]] });
  assert.equal(listed.chokepoints.get("babelmandeb"), "closed");
  assert.equal(listed.chokepoints.has("suez"), false, "with the server's list, nothing is guessed");
});

test("closures: a year's panel counts the lines that ran then and have stopped since", () => {
  const index = { chokepoints: new Set(), countries: new Set(), links: new Map(), nodes: new Map() };
  const c = scenarioClosures({ year: 2020, index });
  c.notOpen = 12;
  assert.doesNotMatch(describeClosures(c), /stopped since/);
  c.closedSince = 1;
  assert.match(describeClosures(c), /12 links of today's network not open yet \(dotted\); 1 line that ran then has stopped since/);
  c.closedSince = 3;
  assert.match(describeClosures(c), /3 lines that ran then have stopped since, drawn for that year only/);
});

// createRequire keeps this file loadable where web/node_modules is absent.
void createRequire;

// --- freight flow layer ---------------------------------------------------------------------

import { flowWidth, utilizationColour, styledFlows, noCapacityColour, utilizationStops, fullestElements, flowSummary,
  flowPopupHtml, flowLegendHtml, teu } from "../src/flows.js";

test("flow width grows with TEU and colour with utilization; links without capacity are grey", () => {
  assert.equal(flowWidth(0), 0);
  assert.ok(flowWidth(20000) > 1 && flowWidth(20000) < flowWidth(1e6) && flowWidth(1e6) < flowWidth(2e6));
  assert.ok(flowWidth(1e9) <= 14, "a huge flow does not cover the map");
  assert.equal(utilizationColour(null), noCapacityColour);
  assert.equal(utilizationColour(undefined), noCapacityColour, "MapLibre drops null properties");
  assert.equal(utilizationColour(0.2), utilizationStops[0][1]);
  assert.equal(utilizationColour(0.96), utilizationStops[3][1]);
  assert.equal(utilizationColour(1.5), utilizationStops[4][1]);
  const fc = styledFlows({ features: [
    { type: "Feature", geometry: null, properties: { id: "a", flow_teu_per_year: 5e5, capacity_teu_per_year: 1e6, utilization: 0.5 } },
    { type: "Feature", geometry: null, properties: { id: "b", flow_teu_per_year: 0, capacity_teu_per_year: null, utilization: null } },
    { type: "Feature", geometry: null, properties: { id: "c", flow_teu_per_year: 0, capacity_teu_per_year: 1e5, utilization: 0 } },
  ] });
  assert.deepEqual(fc.features.map((f) => f.properties.id), ["a", "c"], "unused links without capacity are left out");
  assert.equal(fc.features[0].properties.colour, utilizationStops[1][1]);
});

test("a flow line across the antimeridian is drawn in two parts", () => {
  const fc = styledFlows({ features: [{ type: "Feature", geometry: { type: "LineString", coordinates: [[170, 40], [-170, 42]] },
    properties: { id: "pacific", flow_teu_per_year: 1e5, capacity_teu_per_year: null, utilization: null } }] });
  const g = fc.features[0].geometry;
  assert.equal(g.type, "MultiLineString");
  assert.equal(g.coordinates.length, 2);
  assert.ok(g.coordinates.every((part) => part.every(([x]) => Math.abs(x) <= 180)));
});

test("the flow panel: the mode split, the fullest elements first, and popups that say when there is no capacity", () => {
  const body = {
    assignment: { scenario: "avoid-russia", capacity_year: 2023, unserved_teu_per_year: 0,
      china_europe_teu_per_year: { sea: 12.2e6, rail: 1.3e5, road: 0, air: 0 } },
    features: [
      { properties: { id: "baku", name: "Baku", utilization: 0.78, delay_h: 35, flow_teu_per_year: 78000 } },
      { properties: { id: "f_kuryk_baku", name: "Kuryk – Alat", utilization: 0.79, delay_h: 156, flow_teu_per_year: 18000 } },
      { properties: { id: "idle", name: "Idle", utilization: 0, delay_h: 0, flow_teu_per_year: 0 } },
      { properties: { id: "l1", name: "a link", utilization: null, delay_h: 0, flow_teu_per_year: 5e5 } },
    ],
  };
  assert.deepEqual(fullestElements(body).map((p) => p.id), ["f_kuryk_baku", "baku"], "idle elements and links without capacity are not listed");
  assert.equal(flowSummary(body),
    "Freight flows of avoid-russia (capacities of 2023), general cargo: China–Europe 130,000 TEU a year by rail, 12.20 M by sea.");
  assert.equal(teu(1.07e6), "1.07 M");
  assert.equal(teu(89321), "89,000");
  const pop = flowPopupHtml({ name: "Poti <port>", kind: "port", flow_teu_per_year: 225000, delay_h: 3.04 });
  assert.ok(pop.includes("Poti &lt;port&gt;") && pop.includes("none in the data") && pop.includes("3.0 h"), pop);
  assert.ok(flowLegendHtml().includes("no capacity in the data") && flowLegendHtml().includes("2.00 M TEU a year"));
});

// --- freight flows of two scenarios compared -----------------------------------------------

import { changeColour, changeColours, changeWidth, signedTeu, styledComparison, largestUseChanges, comparisonSummary,
  comparisonPanelHtml, comparisonPopupHtml, comparisonLegendHtml } from "../src/flowcompare.js";
import { baseOptionsHtml } from "../src/flows.js";

test("a comparison colours each change by its sign, darker where a flow appears or empties, grey within 1,000 TEU", () => {
  assert.equal(changeColour(0, 18000), changeColours.moreStrong, "a ferry that only the scenario uses");
  assert.equal(changeColour(1.0e6, 1.2e6), changeColours.more);
  assert.equal(changeColour(1.0e6, 1.0e6 + 999), changeColours.same);
  assert.equal(changeColour(1.0e6, 1.0e6 - 999), changeColours.same);
  assert.equal(changeColour(1.0e6, 0.8e6), changeColours.less);
  assert.equal(changeColour(1.9e6, 0), changeColours.lessStrong, "a line that the scenario empties");
  assert.equal(changeColour(undefined, 5000), changeColours.moreStrong, "MapLibre drops null properties: absent is 0");
  assert.ok(changeWidth(0, 2e6) > changeWidth(0, 5e5) && changeWidth(0, 5e5) > changeWidth(0, 2e4));
  assert.equal(changeWidth(2e6, 0), changeWidth(0, 2e6), "width by the size of the change, whatever its sign");
  assert.equal(changeWidth(5e5, 5e5), 1, "what does not change is a hairline");
  assert.ok(changeWidth(0, 1e9) <= 14);
  assert.equal(signedTeu(1.83e6), "+1.83 M");
  assert.equal(signedTeu(-68112), "−68,000");
  assert.equal(signedTeu(0), "±0");
  const colours = Object.values(changeColours);
  assert.equal(new Set(colours).size, colours.length, "five distinct colours");
});

const compared = {
  comparison: {
    a: { scenario: "today", capacity_year: 2023, unserved_teu_per_year: 0, iterations: 438, china_europe_teu_per_year: { sea: 10.54e6, rail: 1.90e6, road: 0, air: 0 } },
    b: { scenario: "avoid-russia", capacity_year: 2023, unserved_teu_per_year: 0, iterations: 46, china_europe_teu_per_year: { sea: 12.37e6, rail: 68112, road: 0, air: 0 } },
  },
  features: [
    { type: "Feature", geometry: { type: "LineString", coordinates: [[51.3, 43.6], [49.9, 40.4]] },
      properties: { element: "link", id: "f_kuryk_baku", name: "Kuryk-Baku", kind: "ferry", capacity_teu_per_year_a: 23360, capacity_teu_per_year_b: 23360,
        flow_teu_per_year_a: 0, flow_teu_per_year_b: 17877, flow_change_teu_per_year: 17877, utilization_a: 0, utilization_b: 0.765,
        utilization_change: 0.765, delay_h_a: 0, delay_h_b: 136.9, delay_change_h: 136.9 } },
    { type: "Feature", geometry: { type: "LineString", coordinates: [[37.6, 55.8], [49.1, 55.8]] },
      properties: { element: "link", id: "r_moscow_kazan", name: "Moscow-Kazan", kind: "rail", flow_teu_per_year_a: 1896663, flow_teu_per_year_b: 0,
        flow_change_teu_per_year: -1896663, delay_h_a: 0, delay_h_b: 0, delay_change_h: 0 } },
    { type: "Feature", geometry: { type: "Point", coordinates: [23.1, 52.1] },
      properties: { element: "transfer", id: "malaszewicze", name: "Małaszewicze <1520-1435>", kind: "gauge change", capacity_teu_per_year_a: 1109892,
        capacity_teu_per_year_b: 1109892, flow_teu_per_year_a: 997770, flow_teu_per_year_b: 0, flow_change_teu_per_year: -997770,
        utilization_a: 0.9, utilization_b: 0, utilization_change: -0.9, delay_h_a: 7.6, delay_h_b: 0, delay_change_h: -7.6 } },
    { type: "Feature", geometry: { type: "LineString", coordinates: [[0, 0], [1, 1]] },
      properties: { element: "link", id: "idle", name: "idle in both", kind: "road", flow_teu_per_year_a: 0, flow_teu_per_year_b: 0, flow_change_teu_per_year: 0 } },
  ],
};

test("a comparison draws what either run uses, as wide as its change, largest change on top", () => {
  const fc = styledComparison(compared);
  assert.deepEqual(fc.features.map((f) => f.properties.id), ["f_kuryk_baku", "r_moscow_kazan", "malaszewicze"], "a link idle in both is left out");
  const [ferry, line, yard] = fc.features.map((f) => f.properties);
  assert.equal(ferry.colour, changeColours.moreStrong);
  assert.equal(line.colour, changeColours.lessStrong);
  assert.ok(line.width_px > yard.width_px && yard.width_px > ferry.width_px, "width follows the size of the change");
  assert.ok(line.sort_key > ferry.sort_key);
  assert.equal(ferry.scenario_a, "today");
  assert.equal(ferry.scenario_b, "avoid-russia", "each feature knows both runs' names, for its popup");
});

test("the comparison panel: China-Europe in both runs, then the largest changes of use", () => {
  assert.equal(comparisonSummary(compared),
    "Freight flows of avoid-russia against today (capacities of 2023), general cargo: China–Europe by rail 1.90 M → 68,000 TEU a year (−1.83 M), by sea 10.54 M → 12.37 M (+1.83 M).");
  assert.deepEqual(largestUseChanges(compared).map((p) => p.id), ["malaszewicze", "f_kuryk_baku"], "only elements with a capacity, largest change first");
  const html = comparisonPanelHtml(compared);
  assert.ok(html.includes("today → avoid-russia") && html.includes("90% → 0%") && html.includes("0% → 77%") && html.includes("0 → 137 h"), html);
  assert.ok(html.includes("Małaszewicze &lt;1520-1435&gt;"), "names are escaped");
});

test("a comparison popup gives both runs, the change, the capacity, the use and the wait", () => {
  const ferry = styledComparison(compared).features[0].properties;
  const pop = comparisonPopupHtml(ferry);
  for (const part of ["Kuryk-Baku", "<th>today</th><td>0 TEU a year", "<th>avoid-russia</th><td>18,000 TEU a year", "+18,000 TEU a year",
    "23,000 TEU a year", "0% → 77%", "none → 136.9 h"]) assert.ok(pop.includes(part), `${part} in ${pop}`);
  const line = comparisonPopupHtml(styledComparison(compared).features[1].properties);
  assert.ok(line.includes("−1.90 M TEU a year") && line.includes("none in the data") && line.includes("<th>wait</th><td>none"), line);
  assert.equal(flowPopupHtml(ferry), pop, "the flow layer's click handler gives a comparison's features their own popup");
});

test("the comparison legend names both runs; the base list offers none, today and every scenario once", () => {
  const legend = comparisonLegendHtml("today", "avoid-russia");
  assert.ok(legend.includes("avoid-russia against today") && legend.includes("within 1,000 TEU a year") && legend.includes("±2.00 M TEU a year"), legend);
  for (const c of Object.values(changeColours)) assert.ok(legend.includes(c));
  const options = baseOptionsHtml([{ name: "today" }, { name: "avoid-russia" }, { name: "red-sea-closure" }]);
  assert.deepEqual([...options.matchAll(/value="([^"]*)"/g)].map((m) => m[1]), ["", "today", "avoid-russia", "red-sea-closure"]);
});
