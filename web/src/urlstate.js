// The whole query in the URL, so that a view can be shared and a reload restores it:
//   ?from=Chongqing&to=Duisburg&cargo=general&objective=time&avoid=suez,KAZ
//    &scenario=red-sea-closure&year=2013&route=2#map=4.2/45.1/60.3
// Defaults are left out so that links stay short.

export const defaults = { from: "", to: "", cargo: "general", objective: "time", avoid: [], scenario: "", year: null, route: 1 };

export function parseState(search, hash = "") {
  const q = new URLSearchParams(search);
  const s = { ...defaults, avoid: [] };
  for (const key of ["from", "to", "cargo", "objective", "scenario"]) if (q.get(key)) s[key] = q.get(key).trim();
  if (q.get("avoid")) s.avoid = q.get("avoid").split(",").map((x) => x.trim()).filter(Boolean);
  const year = Number(q.get("year"));
  if (q.get("year") && Number.isInteger(year) && year >= 1800 && year <= 9999) s.year = year;
  const route = Number(q.get("route"));
  if (Number.isInteger(route) && route >= 1) s.route = route;
  const m = /map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(hash);
  if (m) s.view = { zoom: Number(m[1]), center: [Number(m[3]), Number(m[2])] };
  return s;
}

export function formatState(s) {
  const q = new URLSearchParams();
  if (s.from) q.set("from", s.from);
  if (s.to) q.set("to", s.to);
  if (s.cargo && s.cargo !== defaults.cargo) q.set("cargo", s.cargo);
  if (s.objective && s.objective !== defaults.objective) q.set("objective", s.objective);
  if (s.avoid && s.avoid.length) q.set("avoid", s.avoid.join(","));
  if (s.scenario) q.set("scenario", s.scenario);
  if (s.year) q.set("year", String(s.year));
  if (s.route && s.route !== 1) q.set("route", String(s.route));
  const search = q.toString().replace(/%2C/g, ",");
  const hash = s.view ? `#map=${s.view.zoom.toFixed(2)}/${s.view.center[1].toFixed(3)}/${s.view.center[0].toFixed(3)}` : "";
  return (search ? `?${search}` : "") + hash;
}
