// One colour per thing, used by the map layers and the legend alike. Routes use colours
// that no network layer uses (magenta, amber, lime, black), so a route never reads as a
// gauge or a mode; tests/colours.test.mjs checks the distance between the two sets.
export const gaugeColours = [
  [1435, "#1f5fbf", "rail 1435 mm (standard)"],
  [1520, "#c0392b", "rail 1520 mm (Russian)"],
  [1000, "#e67e22", "rail 1000 mm (metre)"],
  [1067, "#8e44ad", "rail 1067 mm (Cape)"],
  [1668, "#16a085", "rail 1668 mm (Iberian)"],
];
export const modeColours = {
  road: ["#7f6a4f", "road"],
  sea: ["#5a9bd4", "sea lane"],
  ferry: ["#9b59b6", "ferry"],
  air: ["#95a5a6", "air"],
  iww: ["#2e86c1", "inland waterway"],
};
export const otherRailColour = "#7a7a7a"; // a gauge not in the list (grey: far from the black route)
export const routeColours = ["#e6007e", "#ffc400", "#8cc800", "#1a1a1a"];
export const baselineColour = "#3d4650"; // the route before the scenario, dashed
export const closedColour = "#d0021b";   // what a scenario or an avoid closes
export const placeColours = { seaport: "#1b4f72", border_station: "#7d3c98", other: "#34495e" };

export const routeColour = (i) => routeColours[i % routeColours.length];

// All colours the network draws with, for the distinctness check.
export const networkColours = () => [...gaugeColours.map(([, c]) => c), ...Object.values(modeColours).map(([c]) => c), otherRailColour];
