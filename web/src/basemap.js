// The offline basemap style: water, land, lakes, rivers, borders and names (oceans, seas,
// countries, cities) from web/public/basemap.geojson (Natural Earth, built by
// scripts/build_basemap.mjs), with labels drawn from bundled glyphs (web/public/fonts,
// built from Debian's DejaVu fonts by scripts/build_glyphs.mjs). Nothing is fetched from
// outside the silkroute server.

export const fonts = { regular: ["DejaVu Sans Book"], bold: ["DejaVu Sans Bold"], italic: ["DejaVu Sans Oblique"] };
export const water = "#c6dcec";
export const land = "#f6f4ef";

// MapLibre fetches in a worker, so URLs are made absolute against the page.
const here = (path) => new URL(path, document.baseURI).href;
const layer = (name) => ["==", ["get", "layer"], name];

export const basemapUrl = () => here("basemap.geojson");

// early: the page has asked for basemap.geojson already and sets the data when it comes.
export function basemapStyle({ early = false } = {}) {
  const data = early ? { type: "FeatureCollection", features: [] } : basemapUrl();
  return {
    version: 8,
    glyphs: `${here("fonts/")}{fontstack}/{range}.pbf`, // braces kept: URL() would escape them
    sources: { basemap: { type: "geojson", data, tolerance: 0.5 } },
    layers: [
      { id: "water", type: "background", paint: { "background-color": water } },
      { id: "land", type: "fill", source: "basemap", filter: layer("country"), paint: { "fill-color": land, "fill-antialias": true } },
      { id: "lakes", type: "fill", source: "basemap", filter: layer("lake"), paint: { "fill-color": water } },
      { id: "rivers", type: "line", source: "basemap", filter: layer("river"), minzoom: 3,
        paint: { "line-color": "#a8c8e0", "line-width": ["interpolate", ["linear"], ["zoom"], 3, 0.4, 7, 1.4] } },
      { id: "borders", type: "line", source: "basemap", filter: layer("border"), layout: { "line-join": "round" },
        paint: { "line-color": "#b3a8c4", "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.5, 6, 1.2] } },
    ],
  };
}

// Labels go above the network and routes; added after them.
export const basemapLabelLayers = [
  { id: "sea-labels", type: "symbol", source: "basemap",
    filter: ["all", layer("sea_label"), ["<=", ["get", "rank"], ["step", ["zoom"], 1, 2.2, 2, 3.5, 3, 4.5, 4]]],
    layout: {
      "text-field": ["get", "name"], "text-font": fonts.italic, "text-max-width": 7,
      "text-size": ["match", ["get", "rank"], 1, 14, 2, 12, 11],
      "text-letter-spacing": ["match", ["get", "rank"], 1, 0.25, 0.08],
    },
    paint: { "text-color": "#4f7fa6", "text-halo-color": water, "text-halo-width": 1 } },
  { id: "country-labels", type: "symbol", source: "basemap",
    filter: ["all", layer("country_label"), ["<=", ["get", "min_zoom"], ["step", ["zoom"], 2.5, 3, 3.5, 4, 4.5, 5, 6, 6, 11]]],
    layout: {
      "text-field": ["get", "name"], "text-font": fonts.bold, "text-transform": "uppercase", "text-max-width": 8,
      "text-size": ["interpolate", ["linear"], ["zoom"], 2, 9, 5, 12], "text-letter-spacing": 0.12,
      "symbol-sort-key": ["get", "rank"],
    },
    paint: { "text-color": "#8a8192", "text-halo-color": land, "text-halo-width": 1.2 } },
  { id: "city-labels", type: "symbol", source: "basemap", minzoom: 3.5,
    filter: ["all", layer("city"), ["any", ["==", ["get", "capital"], 1], [">=", ["zoom"], 5]]],
    layout: {
      "text-field": ["get", "name"], "text-font": fonts.regular, "text-size": 10, "text-max-width": 8,
      "symbol-sort-key": ["get", "rank"],
    },
    paint: { "text-color": "#857e74", "text-halo-color": land, "text-halo-width": 1.2 } },
];
