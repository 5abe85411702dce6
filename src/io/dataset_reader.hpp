#pragma once
// Reads a dataset folder of CSV tables (docs/dataset.md) into a Network, validating
// every table. Throws DatasetError listing every problem found (capped per file).

#include <string>

#include "network/network.hpp"

namespace silkroute::io {

Network read_dataset(const std::string& dir);

}  // namespace silkroute::io
