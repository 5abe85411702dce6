#pragma once
// Writes a network's nodes and links as a dataset folder (docs/dataset.md) and copies the
// other tables (transfers, borders, countries, agreements, modes, cargo, demand,
// scenarios) from a base folder, so an importer's output loads like any dataset.

#include <string>

#include "network/network.hpp"

namespace silkroute::io {

void write_nodes_csv(const Network& net, const std::string& path, const std::string& comment);
void write_links_csv(const Network& net, const std::string& path, const std::string& comment);

// nodes.csv and links.csv from `net`; every other table and scenarios/ from `base_dir`
// (when given). Creates `out_dir`.
void write_dataset(const Network& net, const std::string& out_dir, const std::string& base_dir,
                   const std::string& comment);

// A dataset of its own (an importer's output): nodes, links and countries from `net`,
// modes.csv and cargo.csv (the cost parameters) from `base_dir`.
void write_standalone_dataset(const Network& net, const std::string& out_dir, const std::string& base_dir,
                              const std::string& comment);

}  // namespace silkroute::io
