#include "output/omx_writer.hpp"

#include <hdf5.h>

#include <cmath>
#include <stdexcept>

namespace silkroute::output {

namespace {

// Closes an HDF5 handle when it goes out of scope.
struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Handle() {
    if (id >= 0) close(id);
  }
};

void check(hid_t id, const std::string& path, const std::string& what) {
  if (id < 0) throw std::runtime_error(path + ": cannot write the OMX file (" + what + ")");
}

void string_attribute(hid_t on, const char* name, const std::string& value, const std::string& path) {
  Handle type{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(type.id, value.size());
  Handle space{H5Screate(H5S_SCALAR), H5Sclose};
  Handle attr{H5Acreate2(on, name, type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  check(attr.id, path, name);
  H5Awrite(attr.id, type.id, value.c_str());
}

void string_dataset(hid_t group, const char* name, const std::vector<std::string>& values, const std::string& path) {
  std::size_t width = 1;
  for (const auto& v : values) width = std::max(width, v.size());
  std::vector<char> buffer(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) values[i].copy(&buffer[i * width], width);
  Handle type{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(type.id, width);
  const hsize_t dims[1] = {values.size()};
  Handle space{H5Screate_simple(1, dims, nullptr), H5Sclose};
  Handle set{H5Dcreate2(group, name, type.id, space.id, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose};
  check(set.id, path, name);
  H5Dwrite(set.id, type.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data());
}

}  // namespace

void write_omx(const std::string& path, std::size_t rows, std::size_t cols, const std::vector<OmxMatrix>& matrices,
               const std::vector<std::string>& row_ids, const std::vector<std::string>& col_ids) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions, not stderr noise
  Handle file{H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose};
  check(file.id, path, "create");
  string_attribute(file.id, "OMX_VERSION", "0.2", path);
  {
    const int shape[2] = {static_cast<int>(rows), static_cast<int>(cols)};
    const hsize_t dims[1] = {2};
    Handle space{H5Screate_simple(1, dims, nullptr), H5Sclose};
    Handle attr{H5Acreate2(file.id, "SHAPE", H5T_STD_I32LE, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
    check(attr.id, path, "SHAPE");
    H5Awrite(attr.id, H5T_NATIVE_INT, shape);
  }
  Handle data{H5Gcreate2(file.id, "data", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose};
  check(data.id, path, "/data");
  for (const auto& m : matrices) {
    if (m.values.size() != rows * cols) throw std::runtime_error(path + ": matrix " + m.name + " has the wrong size");
    const hsize_t dims[2] = {rows, cols};
    Handle space{H5Screate_simple(2, dims, nullptr), H5Sclose};
    Handle props{H5Pcreate(H5P_DATASET_CREATE), H5Pclose};
    if (rows > 0 && cols > 0) {
      const hsize_t chunk[2] = {std::min<hsize_t>(rows, 256), std::min<hsize_t>(cols, 256)};
      H5Pset_chunk(props.id, 2, chunk);
      H5Pset_deflate(props.id, 1);
    }
    Handle set{H5Dcreate2(data.id, m.name.c_str(), H5T_IEEE_F64LE, space.id, H5P_DEFAULT, props.id, H5P_DEFAULT),
               H5Dclose};
    check(set.id, path, "/data/" + m.name);
    H5Dwrite(set.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.values.data());
    // OMX readers take NA from this attribute: here "no route".
    const double na = std::nan("");
    Handle na_space{H5Screate(H5S_SCALAR), H5Sclose};
    Handle na_attr{H5Acreate2(set.id, "NA", H5T_IEEE_F64LE, na_space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
    H5Awrite(na_attr.id, H5T_NATIVE_DOUBLE, &na);
  }
  Handle lookup{H5Gcreate2(file.id, "lookup", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose};
  check(lookup.id, path, "/lookup");
  string_dataset(lookup.id, "origins", row_ids, path);
  string_dataset(lookup.id, "destinations", col_ids, path);
}

}  // namespace silkroute::output
