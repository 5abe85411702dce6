#pragma once
// QGIS layer styles (QML) for the freight layers of a GeoPackage (silkroute export freight),
// stored in its layer_styles table so that QGIS opens them styled: the same widths and
// colours as the web map's flow layer (web/src/flows.js).

#include <string>

namespace silkroute::assignment {

enum class FreightStyleGeometry { lines, points };

// One assignment: line width (or circle size) by flow_teu_per_year, on a square-root scale;
// colour by utilization in the map's classes (green under 50%, light green to 80%, orange to
// 95%, red to 120%, dark red beyond; grey without a capacity).
std::string freight_flow_qml(FreightStyleGeometry geometry);

// Two assignments compared: width by the size of flow_change_teu_per_year, colour diverging
// by its sign (red where B carries more than A, blue where less, grey where about the same).
std::string freight_change_qml(FreightStyleGeometry geometry);

}  // namespace silkroute::assignment
