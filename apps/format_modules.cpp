#include "format_modules.hpp"

#include <dlfcn.h>

#include <iostream>
#include <stdexcept>

#include "cli_common.hpp"
#include "io/atomic_output.hpp"
#include "output/format_modules_abi.h"
#include "output/sheet_table.hpp"

namespace silkroute::app {

namespace {

// The named function of a module next to this program; a missing module is the user's
// problem to fix (a partial install), so it is an error that names the file.
void* module_function(const char* module, const char* function, const char* format) {
  const auto path = program_dir("") / module;
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    throw std::invalid_argument(std::string("writing ") + format + " needs " + path.string() +
                                " (built with silkroute): " + (why ? why : "cannot load it"));
  }
  void* f = ::dlsym(handle, function);
  if (!f) throw std::invalid_argument(path.string() + " has no " + function + ": rebuild silkroute");
  return f;  // the module stays loaded until exit
}

}  // namespace

void write_xlsx_output(const std::string& csv_text, const std::string& path, const std::string& sheet_name, bool force) {
  if (path.empty() || path == "-") throw std::invalid_argument("XLSX is a file format: give --out FILE.xlsx");
  const auto table = output::sheet_table_from_csv(csv_text, path);
  auto* write = reinterpret_cast<decltype(&silkroute_write_xlsx)>(
      module_function("libsilkroute_xlsx.so", "silkroute_write_xlsx", "XLSX"));
  std::vector<const char*> header, cells;
  std::vector<int> numeric;
  for (const auto& h : table.header) header.push_back(h.c_str());
  for (const auto& row : table.rows)
    for (const auto& cell : row) cells.push_back(cell.c_str());
  for (bool n : table.numeric) numeric.push_back(n ? 1 : 0);
  io::write_atomically(path, io::AtomicOutput::Kind::file, force, [&](const std::filesystem::path& tmp) {
    char error[512] = "";
    if (write(tmp.c_str(), sheet_name.c_str(), table.rows.size(), header.size(), header.data(), cells.data(),
              numeric.data(), error, sizeof error) != 0)
      throw io::OutputError(error);
  });
  std::cerr << "wrote " << path << "\n";
}

void write_omx_output(const std::string& path, bool force, std::size_t rows, std::size_t cols,
                      const std::vector<output::OmxMatrix>& matrices, const std::vector<std::string>& row_ids,
                      const std::vector<std::string>& col_ids) {
  auto* write = reinterpret_cast<decltype(&silkroute_write_omx)>(
      module_function("libsilkroute_omx.so", "silkroute_write_omx", "Open Matrix (.omx)"));
  std::vector<const char*> names, rids, cids;
  std::vector<const double*> values;
  for (const auto& m : matrices) {
    if (m.values.size() != rows * cols) throw std::logic_error("matrix " + m.name + " has the wrong size");
    names.push_back(m.name.c_str());
    values.push_back(m.values.data());
  }
  for (const auto& id : row_ids) rids.push_back(id.c_str());
  for (const auto& id : col_ids) cids.push_back(id.c_str());
  io::write_atomically(path, io::AtomicOutput::Kind::file, force, [&](const std::filesystem::path& tmp) {
    char error[512] = "";
    if (write(tmp.c_str(), rows, cols, names.size(), names.data(), values.data(), rids.data(), cids.data(), error,
              sizeof error) != 0)
      throw io::OutputError(error);
  });
}

}  // namespace silkroute::app
