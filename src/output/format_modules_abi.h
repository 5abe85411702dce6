/* The C interface of the output modules that silkroute loads on demand (dlopen): the
   libraries behind them (HDF5 for Open Matrix, libxlsxwriter with OpenSSL's libcrypto for
   XLSX) load only when a command writes such a file, so that every other run starts in
   milliseconds. Plain C types only, so that nothing allocated on one side is freed on the
   other. Each function returns 0 on success, else writes a message into error. */
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Module libsilkroute_omx.so. values[m] is row-major rows x cols; NaN: no value. */
int silkroute_write_omx(const char* path, size_t rows, size_t cols, size_t n_matrices, const char* const* names,
                        const double* const* values, const char* const* row_ids, const char* const* col_ids,
                        char* error, size_t error_size);

/* Module libsilkroute_xlsx.so. One worksheet: a header row (bold, frozen) and rows x cols
   cells, row-major; a column with numeric[c] != 0 holds numbers (empty cells stay blank),
   the others text. */
int silkroute_write_xlsx(const char* path, const char* sheet_name, size_t rows, size_t cols, const char* const* header,
                         const char* const* cells, const int* numeric, char* error, size_t error_size);

#ifdef __cplusplus
}
#endif
