#pragma once
// GIS vector layers through GDAL/OGR: read line and point layers (GeoJSON, GeoPackage,
// Shapefile, anything OGR opens) in WGS84 longitude/latitude, and write GeoJSON feature
// collections as GeoJSON or GeoPackage files that QGIS opens.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "geo/great_circle.hpp"

namespace silkroute::gis {

struct VectorFeature {
  long long fid = 0;
  std::vector<std::vector<geo::LonLat>> lines;  // parts of a (multi)line; empty for points
  std::optional<geo::LonLat> point;
  std::map<std::string, std::string> attributes;  // every field as text; missing = absent
};

struct VectorLayer {
  std::string name;
  std::vector<VectorFeature> features;
  long long skipped_empty = 0;  // features without usable geometry
};

// Reads one layer (the first when `layer` is empty), reprojected to WGS84. Throws
// std::invalid_argument naming the file and what is wrong.
VectorLayer read_layer(const std::string& path, const std::string& layer = "");

// Writes features (GeoJSON FeatureCollections, one per layer name) to `path`: GeoPackage
// when it ends in .gpkg (one table per layer), a zipped Shapefile when it ends in .shp.zip
// (one .shp per layer, one geometry type each), otherwise one GeoJSON file (one layer only).
// A QGIS style (QML) for a layer written to a GeoPackage: stored as the layer's default in the
// layer_styles table (the table QGIS itself writes when it saves a style to a GeoPackage), so
// QGIS opens the layer styled. Other formats have no such table; their styles are not written.
struct LayerStyle {
  std::string layer;
  std::string name;
  std::string qml;
  std::string description;
};
void write_layers(const std::string& path, const std::vector<std::pair<std::string, nlohmann::ordered_json>>& layers,
                  const std::vector<LayerStyle>& styles = {});

}  // namespace silkroute::gis
