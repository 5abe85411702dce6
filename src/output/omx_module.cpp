// libsilkroute_omx.so: write_omx behind the C interface of format_modules_abi.h.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "output/format_modules_abi.h"
#include "output/omx_writer.hpp"

extern "C" int silkroute_write_omx(const char* path, size_t rows, size_t cols, size_t n_matrices, const char* const* names,
                                   const double* const* values, const char* const* row_ids, const char* const* col_ids,
                                   char* error, size_t error_size) {
  try {
    std::vector<silkroute::output::OmxMatrix> matrices;
    for (size_t m = 0; m < n_matrices; ++m) matrices.push_back({names[m], std::vector<double>(values[m], values[m] + rows * cols)});
    silkroute::output::write_omx(path, rows, cols, matrices, std::vector<std::string>(row_ids, row_ids + rows),
                                 std::vector<std::string>(col_ids, col_ids + cols));
    return 0;
  } catch (const std::exception& e) {
    std::snprintf(error, error_size, "%s", e.what());
    return 1;
  }
}
