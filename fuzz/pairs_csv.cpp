// Pair files: a user's origin-destination pairs and the bundled demand table
// (read_od_pairs), weights by country pair (apply_country_weights) and the published-pairs
// file of the calibration (read_published_pairs), all on the input as one CSV file.

#include <cmath>

#include "fuzz_support.hpp"
#include "io/dataset_issue.hpp"
#include "io/od_pairs_reader.hpp"
#include "io/published_pairs_reader.hpp"

using namespace silkroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& net = fuzz::mini_network();
  const auto path = fuzz::scratch_dir() / "pairs.csv";
  fuzz::write_file(path, fuzz::as_text(data, size));
  std::vector<OdPair> pairs;
  try {
    pairs = read_od_pairs(net, path.string());
    for (const auto& p : pairs)
      if (!std::isfinite(p.weight) || p.weight < 0) fuzz::finding("a pair weight that is not a number of 0 or more");
  } catch (const std::invalid_argument&) {
  } catch (const io::DatasetError&) {
  }
  try {
    if (pairs.empty()) pairs.push_back({});
    for (auto& p : pairs) p.from = 0, p.to = static_cast<NodeIndex>(net.nodes.size() - 1);
    apply_country_weights(net, path.string(), pairs);
    for (const auto& p : pairs)
      if (!std::isfinite(p.weight) || p.weight < 0) fuzz::finding("a country weight that is not a number of 0 or more");
  } catch (const std::invalid_argument&) {
  } catch (const io::DatasetError&) {
  }
  try {
    for (const auto& p : read_published_pairs(path.string())) {
      if (p.time_low_h && !std::isfinite(*p.time_low_h)) fuzz::finding("a published time that is not finite");
      if (p.distance_km && !std::isfinite(*p.distance_km)) fuzz::finding("a published distance that is not finite");
    }
  } catch (const std::invalid_argument&) {
  } catch (const io::DatasetError&) {
  }
  return 0;
}
