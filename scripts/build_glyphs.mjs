#!/usr/bin/env node
// Builds the map's label glyphs: MapLibre's signed-distance-field PBF ranges
// (OUT/<font stack>/<start>-<end>.pbf, 256 code points each) from Debian's DejaVu fonts, so
// the page draws place names without fetching fonts from anywhere.
//   node scripts/build_glyphs.mjs OUT_DIR
// The outlines are read with opentype.js (npm, web/node_modules); rasterising, the distance
// field and the protobuf encoding are done here. Format as MapLibre reads it: 24 px em, a
// 3 px border around each bitmap, one byte per pixel, 192 at the outline and 8 px of range
// on either side (the same parameters as MapLibre's own TinySDF fallback).
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(new URL("../web/package.json", import.meta.url));
const opentype = require("opentype.js");

// Font stacks the style names, and the Debian files they come from (fonts-dejavu-core,
// fonts-dejavu-extra for the oblique).
const DEJAVU = "/usr/share/fonts/truetype/dejavu";
export const fontStacks = {
  "DejaVu Sans Book": `${DEJAVU}/DejaVuSans.ttf`,
  "DejaVu Sans Bold": `${DEJAVU}/DejaVuSans-Bold.ttf`,
  "DejaVu Sans Oblique": `${DEJAVU}/DejaVuSans-Oblique.ttf`,
};

const EM_PX = 24;      // MapLibre lays glyphs out on a 24 px em
const BORDER_PX = 3;   // blank border around each bitmap (MapLibre's GLYPH_PBF_BORDER)
const RADIUS_PX = 8;   // distance range encoded either side of the outline
const CUTOFF = 0.25;   // where the outline sits in 0..1 (0.75 * 255 ~ 192)
// MapLibre places a glyph's bitmap `top` px above a line origin that is 17 px over the
// centre of a one-line label; 26 px puts capitals' middles on the anchor.
const TOP_ADJUST_PX = 26;
const LAST_CODE_POINT = 0xffff;

// --- outlines to line segments -------------------------------------------------------------

// Flattens an opentype.js path (y down, baseline at 0, EM_PX size) into closed polygons.
function flatten(commands) {
  const rings = [];
  let ring = null;
  let x = 0, y = 0;
  const STEPS = 8; // a 24 px glyph's curves need no more
  for (const c of commands) {
    if (c.type === "M") {
      ring = [[c.x, c.y]];
      rings.push(ring);
      x = c.x; y = c.y;
    } else if (c.type === "L") {
      ring.push([c.x, c.y]); x = c.x; y = c.y;
    } else if (c.type === "Q") {
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS, u = 1 - t;
        ring.push([u * u * x + 2 * u * t * c.x1 + t * t * c.x, u * u * y + 2 * u * t * c.y1 + t * t * c.y]);
      }
      x = c.x; y = c.y;
    } else if (c.type === "C") {
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS, u = 1 - t;
        ring.push([
          u * u * u * x + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x,
          u * u * u * y + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y,
        ]);
      }
      x = c.x; y = c.y;
    } else if (c.type === "Z" && ring) {
      ring.push([ring[0][0], ring[0][1]]);
    }
  }
  return rings.filter((r) => r.length > 2);
}

// Signed distance (px, negative inside) from (px, py) to the outline; non-zero winding.
function signedDistance(segments, px, py) {
  let best = Infinity;
  let winding = 0;
  for (let i = 0; i < segments.length; i += 4) {
    const ax = segments[i], ay = segments[i + 1], bx = segments[i + 2], by = segments[i + 3];
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ex = ax + t * dx - px, ey = ay + t * dy - py;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
    if (ay <= py) {
      if (by > py && dx * (py - ay) - (px - ax) * dy > 0) winding++;
    } else if (by <= py && dx * (py - ay) - (px - ax) * dy < 0) winding--;
  }
  const d = Math.sqrt(best);
  return winding !== 0 ? -d : d;
}

// One glyph's metrics and SDF bitmap, as MapLibre wants them.
function renderGlyph(font, glyph, codePoint) {
  const scale = EM_PX / font.unitsPerEm;
  const advance = Math.round(glyph.advanceWidth * scale);
  const rings = flatten(glyph.getPath(0, 0, EM_PX).commands);
  if (!rings.length) return { id: codePoint, width: 0, height: 0, left: 0, top: -TOP_ADJUST_PX, advance };
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  const segments = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [x, y] = ring[i];
      xMin = Math.min(xMin, x); xMax = Math.max(xMax, x); yMin = Math.min(yMin, y); yMax = Math.max(yMax, y);
      if (i > 0) segments.push(ring[i - 1][0], ring[i - 1][1], x, y);
    }
  }
  const left = Math.floor(xMin), right = Math.ceil(xMax);
  const top = Math.floor(yMin), bottom = Math.ceil(yMax); // y grows downwards here
  const width = right - left, height = bottom - top;
  const w = width + 2 * BORDER_PX, h = height + 2 * BORDER_PX;
  const bitmap = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    const py = top - BORDER_PX + j + 0.5;
    for (let i = 0; i < w; i++) {
      const px = left - BORDER_PX + i + 0.5;
      const d = signedDistance(segments, px, py);
      const v = Math.round(255 - 255 * (d / RADIUS_PX + CUTOFF));
      bitmap[j * w + i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  // `top` in the PBF: the bitmap's top above the baseline, shifted to MapLibre's origin.
  return { id: codePoint, bitmap, width, height, left, top: -top - TOP_ADJUST_PX, advance };
}

// --- protocol buffer encoding (glyphs.proto: glyphs { fontstack { glyph } }) ---------------

class Writer {
  constructor() { this.bytes = []; }
  varint(v) {
    v = Math.floor(v);
    while (v > 0x7f) { this.bytes.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); }
    this.bytes.push(v);
  }
  tag(field, wire) { this.varint((field << 3) | wire); }
  uint(field, v) { this.tag(field, 0); this.varint(v); }
  sint(field, v) { this.tag(field, 0); this.varint(v >= 0 ? 2 * v : -2 * v - 1); }
  raw(field, bytes) { this.tag(field, 2); this.varint(bytes.length); for (const b of bytes) this.bytes.push(b); }
  string(field, s) { this.raw(field, new TextEncoder().encode(s)); }
  done() { return Uint8Array.from(this.bytes); }
}

function encodeRange(stackName, start, end, glyphs) {
  const stack = new Writer();
  stack.string(1, stackName);
  stack.string(2, `${start}-${end}`);
  for (const g of glyphs) {
    const w = new Writer();
    w.uint(1, g.id);
    if (g.bitmap) w.raw(2, g.bitmap);
    w.uint(3, g.width); w.uint(4, g.height);
    w.sint(5, g.left); w.sint(6, g.top);
    w.uint(7, g.advance);
    stack.raw(3, w.done());
  }
  const out = new Writer();
  out.raw(1, stack.done());
  return out.done();
}

// --- main ----------------------------------------------------------------------------------

export const loadFont = (fontFile) => opentype.parse(readFileSync(fontFile).buffer);

// The PBF of one range (`start` a multiple of 256) and how many glyphs it holds.
export function buildRange(font, stackName, start) {
  const cmap = font.tables.cmap.glyphIndexMap; // code point -> glyph index
  const end = start + 255;
  const glyphs = [];
  for (let cp = start; cp <= end; cp++) {
    if (cmap[cp] === undefined) continue;
    glyphs.push(renderGlyph(font, font.glyphs.get(cmap[cp]), cp));
  }
  return { bytes: encodeRange(stackName, start, end, glyphs), count: glyphs.length };
}

export function buildStack(stackName, fontFile, outDir) {
  const font = loadFont(fontFile);
  const dir = join(outDir, stackName);
  mkdirSync(dir, { recursive: true });
  let count = 0;
  // Every range gets a file, empty where the font has nothing, so that a label with an
  // uncovered character draws what it can instead of failing to load its range.
  for (let start = 0; start <= LAST_CODE_POINT; start += 256) {
    const range = buildRange(font, stackName, start);
    count += range.count;
    writeFileSync(join(dir, `${start}-${start + 255}.pbf`), range.bytes);
  }
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error("usage: node scripts/build_glyphs.mjs OUT_DIR");
    process.exit(2);
  }
  for (const [name, file] of Object.entries(fontStacks)) {
    if (!existsSync(file)) {
      console.error(`build_glyphs: ${file} is missing (Debian packages fonts-dejavu-core, fonts-dejavu-extra; scripts/setup.sh installs them)`);
      process.exit(1);
    }
    const t0 = Date.now();
    const n = buildStack(name, file, outDir);
    console.log(`build_glyphs: ${name}: ${n} glyphs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
