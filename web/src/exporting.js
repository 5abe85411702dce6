// Export of the routes on the map as files: GeoJSON (one feature per leg, with the route's
// totals, for QGIS) and CSV (one row per leg, for a spreadsheet). `sets` are the answers
// shown: the routes asked for and, with a scenario, the baseline ("before") best route.
//   set = { case: "routes" | "before", scenario: "red-sea-closure" | "", body: /route answer }

const legRows = (set) => {
  const rows = [];
  set.body.routes.forEach((r, i) => {
    const routeCase = set.case === "before" && i > 0 ? null : set.case;
    if (!routeCase) return; // only the best route is drawn for "before"
    r.legs.forEach((leg, k) => {
      const geometry = set.body.legs_geojson.features.find((f) => f.properties.route === r.rank && f.properties.leg === k + 1)?.geometry;
      rows.push({ set, route: r, rank: r.rank, leg, legNo: k + 1, geometry });
    });
  });
  return rows;
};

export function routesGeoJSON(sets) {
  const features = sets.flatMap(legRows).map(({ set, route, rank, leg, legNo, geometry }) => ({
    type: "Feature",
    geometry: geometry || null,
    properties: {
      case: set.case, scenario: set.scenario || "today", route: rank, route_label: route.label, leg: legNo,
      mode: leg.mode, gauge_mm: leg.gauge_mm ?? null, from: leg.from, to: leg.to,
      distance_km: leg.distance_km, time_h: leg.time_h, wait_h: leg.wait_h, cost_usd: leg.cost_usd, co2_kg: leg.co2_kg,
      corridors: (leg.corridors || []).join("|"),
      route_time_h: route.total.time_h, route_cost_usd: route.total.cost_usd, route_co2_kg: route.total.co2_kg,
      route_distance_km: route.total.distance_km,
    },
  }));
  return { type: "FeatureCollection", features };
}

const csvColumns = ["case", "scenario", "route", "route_label", "leg", "mode", "gauge_mm", "from", "to", "distance_km",
  "time_h", "wait_h", "cost_usd", "co2_kg", "corridors", "route_time_h", "route_cost_usd", "route_co2_kg", "route_distance_km"];

function csvField(v) {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function routesCSV(sets) {
  const lines = [csvColumns.join(",")];
  for (const f of routesGeoJSON(sets).features) lines.push(csvColumns.map((c) => csvField(f.properties[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}

// A file name from the query: silkroute-chongqing-duisburg-red-sea-closure.csv
export function exportName(query, ext) {
  // Accents dropped (NFKD), and the letters that do not decompose spelled out.
  const spell = { "ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe" };
  const slug = (s) => String(s || "").toLowerCase().normalize("NFKD").replace(/[łøđıßæœ]/g, (c) => spell[c])
    .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return ["silkroute", slug(query.from), slug(query.to), slug(query.scenario), query.year ? String(query.year) : ""]
    .filter(Boolean).join("-") + "." + ext;
}

export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
