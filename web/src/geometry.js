// Plane geometry on longitude/latitude for the map: antimeridian splitting (a ring or line
// that jumps from +179 to -179 would otherwise be drawn as a band across the whole map),
// Douglas-Peucker simplification and coordinate rounding. Shared by the page (route lines)
// and scripts/build_basemap.mjs (countries, coasts, rivers).

// A segment that jumps more than half the world in longitude, other than one along a pole's
// edge (Antarctica's ring runs along -90 from 180 to -180, off the Mercator map).
const polar = (p) => Math.abs(p[1]) >= 85;
export const jumps = (a, b) => Math.abs(b[0] - a[0]) > 180 && !(polar(a) && polar(b));

// Longitudes made continuous: each point moved by whole turns to within 180 of the previous.
function unwrap(ring) {
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let x = ring[i][0];
    const prev = out[i - 1][0];
    while (x - prev > 180) x -= 360;
    while (x - prev < -180) x += 360;
    out.push([x, ring[i][1]]);
  }
  return out;
}

// Sutherland-Hodgman against one vertical line: keep the side where sign * (x - at) <= 0.
function clipRing(ring, at, sign) {
  const inside = (p) => sign * (p[0] - at) <= 0;
  const cross = (a, b) => [at, a[1] + ((at - a[0]) / (b[0] - a[0])) * (b[1] - a[1])];
  const out = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i], b = ring[i + 1];
    if (inside(a)) {
      out.push(a);
      if (!inside(b)) out.push(cross(a, b));
    } else if (inside(b)) {
      out.push(cross(a, b));
    }
  }
  if (out.length) out.push(out[0].slice());
  return out.length >= 4 ? out : null;
}

// A polygon (outer ring, then holes) as one or more polygons, none crossing +/-180.
export function splitRingsAtAntimeridian(rings) {
  if (!rings.length || rings[0].length < 4) return [];
  if (!rings.some((r) => r.some((p, i) => i > 0 && jumps(r[i - 1], p)))) return [rings];
  const outer = unwrap(rings[0]);
  const holes = rings.slice(1).map((h) => {
    const u = unwrap(h);
    const shift = Math.round((outer[0][0] - u[0][0]) / 360) * 360;
    return u.map(([x, y]) => [x + shift, y]);
  });
  const xs = outer.map((p) => p[0]);
  const first = Math.floor((Math.min(...xs) + 180) / 360), last = Math.floor((Math.max(...xs) + 180) / 360);
  const polygons = [];
  for (let k = first; k <= last; k++) {
    const lo = -180 + 360 * k, hi = 180 + 360 * k;
    const clip = (r) => {
      const a = clipRing(r, hi, 1);
      return a && clipRing(a, lo, -1);
    };
    const shell = clip(outer);
    if (!shell) continue;
    const shifted = (r) => r.map(([x, y]) => [x - 360 * k, y]);
    polygons.push([shifted(shell), ...holes.map(clip).filter(Boolean).map(shifted)]);
  }
  return polygons;
}

// A line as one or more lines, cut where it crosses +/-180 (with the crossing point on both).
export function splitLineAtAntimeridian(line) {
  const parts = [];
  let part = [line[0]];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1], b = line[i];
    if (jumps(a, b)) {
      const edge = a[0] > 0 ? 180 : -180;
      const bx = b[0] + (a[0] > 0 ? 360 : -360);
      const y = a[1] + ((edge - a[0]) / (bx - a[0])) * (b[1] - a[1]);
      part.push([edge, y]);
      parts.push(part);
      part = [[-edge, y]];
    }
    part.push(b);
  }
  parts.push(part);
  return parts.filter((p) => p.length >= 2);
}

// Douglas-Peucker with a tolerance in degrees; keeps both ends (so rings stay closed).
export function simplify(points, tolerance) {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  const t2 = tolerance * tolerance;
  while (stack.length) {
    const [s, e] = stack.pop();
    const [ax, ay] = points[s], [bx, by] = points[e];
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    let worst = -1, worstD = t2;
    for (let i = s + 1; i < e; i++) {
      const [px, py] = points[i];
      let t = len2 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
      t = Math.max(0, Math.min(1, t));
      const ex = ax + t * dx - px, ey = ay + t * dy - py, d = ex * ex + ey * ey;
      if (d > worstD) { worstD = d; worst = i; }
    }
    if (worst > 0) { keep[worst] = 1; stack.push([s, worst], [worst, e]); }
  }
  const out = points.filter((_, i) => keep[i]);
  // A ring that collapsed keeps its original points rather than becoming a sliver.
  return out.length >= 4 || points[0] !== points[points.length - 1] ? out : points;
}

// Coordinates rounded to `digits` decimals, repeated points dropped.
export function roundCoords(geometry, digits = 2) {
  const f = 10 ** digits;
  const r = (p) => [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
  const line = (ps) => ps.map(r).filter((p, i, a) => i === 0 || p[0] !== a[i - 1][0] || p[1] !== a[i - 1][1]);
  switch (geometry.type) {
    case "Point": return { type: "Point", coordinates: r(geometry.coordinates) };
    case "LineString": return { type: "LineString", coordinates: line(geometry.coordinates) };
    case "Polygon": return { type: "Polygon", coordinates: geometry.coordinates.map(line).filter((x) => x.length >= 4) };
    case "MultiLineString": return { type: "MultiLineString", coordinates: geometry.coordinates.map(line) };
    case "MultiPolygon":
      return { type: "MultiPolygon", coordinates: geometry.coordinates.map((p) => p.map(line).filter((x) => x.length >= 4)).filter((p) => p.length) };
    default: return geometry;
  }
}
