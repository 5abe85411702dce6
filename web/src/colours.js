// One colour per thing, used by the map layers and the legend alike.
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
export const routeColours = ["#d35400", "#27ae60", "#8e44ad", "#2c3e50", "#c0392b", "#16a085"];
