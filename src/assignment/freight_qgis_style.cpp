#include "assignment/freight_qgis_style.hpp"

namespace silkroute::assignment {

namespace {

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string option(const std::string& name, const std::string& value) {
  return "<Option name=\"" + name + "\" type=\"QString\" value=\"" + xml_escape(value) + "\"/>";
}

// A data-defined property of a symbol layer: an expression (type 3) QGIS evaluates per feature.
std::string expression_property(const std::string& key, const std::string& expression) {
  return "<Option name=\"" + key + "\" type=\"Map\"><Option name=\"active\" type=\"bool\" value=\"true\"/>" +
         option("expression", expression) + "<Option name=\"type\" type=\"int\" value=\"3\"/></Option>";
}

// A single-symbol renderer whose one symbol layer takes its colour and size from expressions.
std::string single_symbol_qml(FreightStyleGeometry geometry, const std::string& colour, const std::string& size) {
  const bool lines = geometry == FreightStyleGeometry::lines;
  std::string layer;
  if (lines) {
    layer = "<layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">" +
            option("line_color", "107,123,140,255") + option("line_width", "0.3") + option("line_width_unit", "MM") +
            option("capstyle", "round") + option("joinstyle", "round") + option("line_style", "solid") +
            "</Option><data_defined_properties><Option type=\"Map\">" + option("name", "") +
            "<Option name=\"properties\" type=\"Map\">" + expression_property("outlineColor", colour) +
            expression_property("outlineWidth", size) + "</Option>" + option("type", "collection") +
            "</Option></data_defined_properties></layer>";
  } else {
    layer = "<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">" +
            option("name", "circle") + option("color", "107,123,140,255") + option("outline_color", "255,255,255,255") +
            option("outline_width", "0.3") + option("outline_width_unit", "MM") + option("size", "2") +
            option("size_unit", "MM") + "</Option><data_defined_properties><Option type=\"Map\">" + option("name", "") +
            "<Option name=\"properties\" type=\"Map\">" + expression_property("fillColor", colour) +
            expression_property("size", size) + "</Option>" + option("type", "collection") +
            "</Option></data_defined_properties></layer>";
  }
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
         "<qgis version=\"3.28.0\" styleCategories=\"Symbology\">\n"
         " <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n"
         "  <symbols>\n"
         "   <symbol type=\"" +
         std::string(lines ? "line" : "marker") + "\" name=\"0\" alpha=\"0.85\" clip_to_extent=\"1\" force_rhr=\"0\">" +
         layer +
         "</symbol>\n"
         "  </symbols>\n"
         "  <rotation/>\n"
         "  <sizescale/>\n"
         " </renderer-v2>\n"
         " <blendMode>0</blendMode>\n"
         " <featureBlendMode>0</featureBlendMode>\n"
         "</qgis>\n";
}

// Square root of TEU a year, in millimetres: 0.26 mm (a pixel) plus 2.1 mm per square root of a
// million TEU, at most 3.7 mm, as the web map's 1 + 8 sqrt(TEU / 1e6) pixels up to 14.
std::string width_mm(const std::string& teu_expression, const std::string& base_mm) {
  return "min(3.7, " + base_mm + " + 2.1 * sqrt(coalesce(" + teu_expression + ", 0) / 1e6))";
}

}  // namespace

std::string freight_flow_qml(FreightStyleGeometry geometry) {
  // The map's utilization stops (web/src/flows.js).
  const std::string colour =
      "CASE WHEN \"utilization\" IS NULL THEN '#6b7b8c' WHEN \"utilization\" >= 1.2 THEN '#7f0000' "
      "WHEN \"utilization\" >= 0.95 THEN '#e34a33' WHEN \"utilization\" >= 0.8 THEN '#fdae61' "
      "WHEN \"utilization\" >= 0.5 THEN '#91cf60' ELSE '#1a9850' END";
  const bool lines = geometry == FreightStyleGeometry::lines;
  return single_symbol_qml(geometry, colour, width_mm("\"flow_teu_per_year\"", lines ? "0.26" : "1.6"));
}

std::string freight_change_qml(FreightStyleGeometry geometry) {
  // Under 1,000 TEU a year either way shows as unchanged: a threshold for the eye (the CSV
  // and the attributes keep every figure).
  const std::string colour =
      "CASE WHEN \"flow_change_teu_per_year\" >= 1000 THEN '#b2182b' WHEN \"flow_change_teu_per_year\" <= -1000 "
      "THEN '#2166ac' ELSE '#9e9e9e' END";
  const bool lines = geometry == FreightStyleGeometry::lines;
  return single_symbol_qml(geometry, colour, width_mm("abs(\"flow_change_teu_per_year\")", lines ? "0.26" : "1.6"));
}

}  // namespace silkroute::assignment
