#include "gis/vector_io.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

#include "io/input_limits.hpp"

namespace silkroute::gis {

namespace {

void register_drivers() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetConfigOption("CPL_LOG", "/dev/null");
  });
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

std::vector<geo::LonLat> points_of(const OGRLineString& line) {
  std::vector<geo::LonLat> out;
  out.reserve(line.getNumPoints());
  for (int i = 0; i < line.getNumPoints(); ++i) out.push_back({line.getX(i), line.getY(i)});
  return out;
}

}  // namespace

// The largest coordinate a feature may have in a projected or geographic system: 1e9 units
// (metres, feet or degrees) is far beyond the Earth in any of them.
constexpr double kMaxProjectedCoordinate = 1e9;

VectorLayer read_layer(const std::string& path, const std::string& layer_name) {
  register_drivers();
  // A folder may be one dataset (shapefiles); a device or a file past the limit is refused.
  if (auto problem = io::input_file_problem(path, io::kMaxGisBytes, "GIS vector file", true)) throw std::invalid_argument(*problem);
  DatasetPtr ds(static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!ds) throw std::invalid_argument(path + ": not a vector dataset GDAL can open (" + CPLGetLastErrorMsg() + ")");
  OGRLayer* layer = layer_name.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layer_name.c_str());
  if (!layer) {
    std::string names;
    for (int i = 0; i < ds->GetLayerCount(); ++i) names += (names.empty() ? "" : ", ") + std::string(ds->GetLayer(i)->GetName());
    throw std::invalid_argument(path + ": no layer '" + layer_name + "'; layers: " + names);
  }
  VectorLayer out;
  out.name = layer->GetName();
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
  if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!srs->IsSame(&wgs84)) {
      OGRSpatialReference source(*srs);
      source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      to_wgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
      if (!to_wgs84) throw std::invalid_argument(path + ": cannot transform its coordinate system to WGS84");
    }
  }
  layer->ResetReading();
  OGRFeature* raw;
  while ((raw = layer->GetNextFeature()) != nullptr) {
    std::unique_ptr<OGRFeature> f(raw);
    VectorFeature vf;
    vf.fid = f->GetFID();
    for (int i = 0; i < f->GetFieldCount(); ++i)
      if (f->IsFieldSetAndNotNull(i)) vf.attributes[f->GetFieldDefnRef(i)->GetNameRef()] = f->GetFieldAsString(i);
    OGRGeometry* g = f->GetGeometryRef();
    if (g && to_wgs84) {
      // A coordinate no coordinate system on Earth has (beyond a million km, or not a number)
      // is refused before the transformation, which can spin for minutes on one (fuzz_vector_import).
      OGREnvelope box;
      g->getEnvelope(&box);
      for (const double v : {box.MinX, box.MaxX, box.MinY, box.MaxY})
        if (!g->IsEmpty() && !(std::abs(v) <= kMaxProjectedCoordinate))
          throw std::invalid_argument(path + ": feature " + std::to_string(vf.fid) + ": coordinate " + std::to_string(v) +
                                      " is out of range for its coordinate system");
      g->transform(to_wgs84.get());
    }
    if (g) {
      const auto type = wkbFlatten(g->getGeometryType());
      if (type == wkbLineString) vf.lines.push_back(points_of(*g->toLineString()));
      else if (type == wkbMultiLineString)
        for (const auto* part : *g->toMultiLineString()) vf.lines.push_back(points_of(*part));
      else if (type == wkbPoint) vf.point = geo::LonLat{g->toPoint()->getX(), g->toPoint()->getY()};
    }
    if (vf.lines.empty() && !vf.point) {
      ++out.skipped_empty;
      continue;
    }
    out.features.push_back(std::move(vf));
  }
  return out;
}

namespace {

// QGIS's layer_styles table (as QGIS creates it in a GeoPackage), one row per style, each the
// default of its layer. Written through OGR as an attributes table, so gpkg_contents lists it.
void write_layer_styles(GDALDataset& target, const std::string& path, const std::vector<LayerStyle>& styles) {
  char* options[] = {const_cast<char*>("FID=id"), nullptr};
  OGRLayer* table = target.CreateLayer("layer_styles", nullptr, wkbNone, options);
  if (!table) throw std::runtime_error(path + ": cannot create layer_styles (" + CPLGetLastErrorMsg() + ")");
  auto field = [&](const char* name, OGRFieldType type, int width = 0, OGRFieldSubType sub = OFSTNone) {
    OGRFieldDefn f(name, type);
    f.SetWidth(width);
    f.SetSubType(sub);
    if (table->CreateField(&f) != OGRERR_NONE)
      throw std::runtime_error(path + ": cannot create layer_styles." + name + " (" + CPLGetLastErrorMsg() + ")");
  };
  field("f_table_catalog", OFTString, 256);
  field("f_table_schema", OFTString, 256);
  field("f_table_name", OFTString, 256);
  field("f_geometry_column", OFTString, 256);
  field("styleName", OFTString, 30);
  field("styleQML", OFTString);
  field("styleSLD", OFTString);
  field("useAsDefault", OFTInteger, 0, OFSTBoolean);
  field("description", OFTString);
  field("owner", OFTString, 30);
  field("ui", OFTString, 30);
  field("update_time", OFTDateTime);
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  for (const auto& style : styles) {
    OGRLayer* styled = target.GetLayerByName(style.layer.c_str());
    if (!styled) throw std::invalid_argument(path + ": a style for layer " + style.layer + ", which is not written");
    OGRFeature row(table->GetLayerDefn());
    row.SetField("f_table_catalog", "");
    row.SetField("f_table_schema", "");
    row.SetField("f_table_name", style.layer.c_str());
    row.SetField("f_geometry_column", styled->GetGeometryColumn());
    row.SetField("styleName", style.name.c_str());
    row.SetField("styleQML", style.qml.c_str());
    row.SetField("styleSLD", "");
    row.SetField("useAsDefault", 1);
    row.SetField("description", style.description.c_str());
    row.SetField("owner", "");
    row.SetField("ui", "");
    row.SetField("update_time", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                 static_cast<float>(utc.tm_sec), 100);
    if (table->CreateFeature(&row) != OGRERR_NONE)
      throw std::runtime_error(path + ": cannot write the style of " + style.layer + " (" + CPLGetLastErrorMsg() + ")");
  }
}

}  // namespace

void write_layers(const std::string& path, const std::vector<std::pair<std::string, nlohmann::ordered_json>>& layers,
                  const std::vector<LayerStyle>& styles) {
  register_drivers();
  const bool gpkg = path.size() > 5 && path.ends_with(".gpkg");
  // A zipped Shapefile (GDAL 3.1+): one file that holds a .shp (with .shx, .dbf, .prj) per
  // layer, which QGIS opens as it is.
  const bool shapefile = path.size() > 8 && path.ends_with(".shp.zip");
  if (!gpkg && !shapefile) {
    if (layers.size() != 1) throw std::invalid_argument(path + ": GeoJSON holds one layer; use .gpkg for several");
    std::ofstream out(path);
    if (!out) throw std::invalid_argument(path + ": cannot write");
    out << layers.front().second.dump() << "\n";
    return;
  }
  std::filesystem::remove(path);
  const char* driver_name = gpkg ? "GPKG" : "ESRI Shapefile";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  if (!driver) throw std::runtime_error(std::string("GDAL has no ") + driver_name + " driver");
  DatasetPtr target(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!target) throw std::invalid_argument(path + ": cannot create (" + std::string(CPLGetLastErrorMsg()) + ")");
  // Each layer goes through GDAL's GeoJSON reader in memory, then is copied as a table.
  int n = 0;
  for (const auto& [name, collection] : layers) {
    if (shapefile) {
      // One geometry type per Shapefile layer: GDAL would drop the others without a word.
      std::set<std::string> types;
      for (const auto& f : collection["features"]) {
        std::string type = f["geometry"].is_object() ? f["geometry"].value("type", "") : "";
        if (type.starts_with("Multi")) type = type.substr(5);
        types.insert(type);
      }
      if (types.size() > 1)
        throw std::invalid_argument(path + ": layer " + name + " mixes " + *types.begin() + " and " + *types.rbegin() +
                                    " features; a Shapefile holds one geometry type per layer: use .gpkg or .geojson");
    }
    const std::string mem = "/vsimem/silkroute_layer_" + std::to_string(n++) + ".geojson";
    const auto text = collection.dump();
    VSILFILE* fp = VSIFileFromMemBuffer(mem.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(text.data())),
                                        text.size(), FALSE);
    VSIFCloseL(fp);
    DatasetPtr source(static_cast<GDALDataset*>(GDALOpenEx(mem.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
    if (!source) {
      VSIUnlink(mem.c_str());
      throw std::runtime_error(path + ": layer " + name + " is not valid GeoJSON");
    }
    // Shapefile: UTF-8 text (a .cpg says so); field names are cut to 10 characters by the format.
    char* gpkg_options[] = {const_cast<char*>("SPATIAL_INDEX=YES"), nullptr};
    char* shp_options[] = {const_cast<char*>("ENCODING=UTF-8"), nullptr};
    OGRLayer* copied = target->CopyLayer(source->GetLayer(0), name.c_str(), gpkg ? gpkg_options : shp_options);
    const auto given = source->GetLayer(0)->GetFeatureCount();
    if (copied && copied->GetFeatureCount() != given) {
      const auto written = copied->GetFeatureCount();
      source.reset();
      VSIUnlink(mem.c_str());
      throw std::runtime_error(path + ": layer " + name + ": " + std::to_string(written) + " of " + std::to_string(given) +
                               " features written (" + CPLGetLastErrorMsg() + ")");
    }
    source.reset();
    VSIUnlink(mem.c_str());
    if (!copied) throw std::runtime_error(path + ": cannot write layer " + name + " (" + CPLGetLastErrorMsg() + ")");
  }
  if (gpkg && !styles.empty()) write_layer_styles(*target, path, styles);
}

}  // namespace silkroute::gis
