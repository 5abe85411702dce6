// libsilkroute_xlsx.so: one worksheet through libxlsxwriter (Debian's libxlsxwriter-dev).
// Numbers are written as numeric cells (libxlsxwriter keeps 16 significant digits; Excel
// itself shows 15), so that spreadsheets and pandas.read_excel get numbers, not text.
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "output/format_modules_abi.h"

namespace {

int fail(char* error, size_t error_size, const char* path, const char* what, lxw_error code) {
  std::snprintf(error, error_size, "%s: cannot write the XLSX file (%s: %s)", path, what, lxw_strerror(code));
  return 1;
}

// Excel limits: 31 characters in a sheet name, 32,767 in a cell, 1,048,576 rows, 16,384 columns.
constexpr size_t kMaxRows = 1048576 - 1;  // the header takes one
constexpr size_t kMaxCols = 16384;

}  // namespace

extern "C" int silkroute_write_xlsx(const char* path, const char* sheet_name, size_t rows, size_t cols,
                                    const char* const* header, const char* const* cells, const int* numeric, char* error,
                                    size_t error_size) {
  if (rows > kMaxRows || cols > kMaxCols) {
    std::snprintf(error, error_size, "%s: %zu rows x %zu columns do not fit in a worksheet (at most %zu x %zu); use .csv",
                  path, rows, cols, kMaxRows, kMaxCols);
    return 1;
  }
  lxw_workbook_options options = {};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(path, &options);
  if (!book) {
    std::snprintf(error, error_size, "%s: cannot create the XLSX file", path);
    return 1;
  }
  const std::string name = std::string(sheet_name).substr(0, 31);
  lxw_worksheet* sheet = workbook_add_worksheet(book, name.c_str());
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_error code = LXW_NO_ERROR;
  for (size_t c = 0; c < cols && code == LXW_NO_ERROR; ++c)
    code = worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c], bold);
  for (size_t r = 0; r < rows && code == LXW_NO_ERROR; ++r)
    for (size_t c = 0; c < cols && code == LXW_NO_ERROR; ++c) {
      const char* cell = cells[r * cols + c];
      if (!*cell) continue;  // blank: no value
      const auto row = static_cast<lxw_row_t>(r + 1);
      const auto col = static_cast<lxw_col_t>(c);
      code = numeric[c] ? worksheet_write_number(sheet, row, col, std::strtod(cell, nullptr), nullptr)
                        : worksheet_write_string(sheet, row, col, cell, nullptr);
    }
  if (code != LXW_NO_ERROR) {
    workbook_close(book);
    return fail(error, error_size, path, "cell", code);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  if (rows > 0 && cols > 0) worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows), static_cast<lxw_col_t>(cols - 1));
  code = workbook_close(book);
  return code == LXW_NO_ERROR ? 0 : fail(error, error_size, path, "close", code);
}
