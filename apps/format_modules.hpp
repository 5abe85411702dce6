#pragma once
// Output formats whose libraries load only when a command writes them: Open Matrix (HDF5)
// and XLSX (libxlsxwriter) live in modules next to silkroute (libsilkroute_omx.so,
// libsilkroute_xlsx.so), opened with dlopen on first use.

#include <string>
#include <vector>

#include "output/omx_writer.hpp"

namespace silkroute::app {

// Writes a CSV table (header row, then data) as one XLSX worksheet through a temporary (an
// existing file only with force). Numeric columns become number cells.
void write_xlsx_output(const std::string& csv_text, const std::string& path, const std::string& sheet_name, bool force);

// Writes matrices as an Open Matrix file through a temporary.
void write_omx_output(const std::string& path, bool force, std::size_t rows, std::size_t cols,
                      const std::vector<output::OmxMatrix>& matrices, const std::vector<std::string>& row_ids,
                      const std::vector<std::string>& col_ids);

}  // namespace silkroute::app
