#pragma once
// Writes matrices in the Open Matrix format (OMX 0.2: an HDF5 file with the SHAPE and
// OMX_VERSION attributes, matrices under /data and zone lookups under /lookup) that
// transport modelling tools (Emme, Visum, TransCAD, openmatrix for Python) read.

#include <string>
#include <vector>

namespace silkroute::output {

struct OmxMatrix {
  std::string name;            // e.g. "time_h"
  std::vector<double> values;  // row-major rows x cols; NaN: no value
};

// Throws std::runtime_error naming the file when it cannot be written.
void write_omx(const std::string& path, std::size_t rows, std::size_t cols, const std::vector<OmxMatrix>& matrices,
               const std::vector<std::string>& row_ids, const std::vector<std::string>& col_ids);

}  // namespace silkroute::output
