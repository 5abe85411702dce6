// The dataset reader (read_dataset) on a folder built from the input: the small test network
// (tests/data/mini), with every table the input names ("=== links.csv" lines) replaced by the
// input's text. An input without such a line replaces links.csv.

#include <cmath>
#include <fstream>
#include <sstream>

#include "fuzz_support.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"

using namespace silkroute;
namespace fs = std::filesystem;

namespace {

std::vector<std::pair<std::string, std::string>> mini_tables() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : fs::directory_iterator(fuzz::source_dir() / "tests/data/mini")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    out.emplace_back(entry.path().filename().string(), text.str());
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto base = mini_tables();
  const auto dir = fuzz::fresh_dir("dataset");
  for (const auto& [name, text] : base) fuzz::write_file(dir / name, text);
  for (const auto& [name, text] : fuzz::split_files(fuzz::as_text(data, size), "links.csv")) fuzz::write_file(dir / name, text);
  try {
    const auto net = io::read_dataset(dir.string());
    // What the reader accepts, the rest of the program relies on.
    for (const auto& link : net.links) {
      if (link.from < 0 || link.to < 0 || link.from >= static_cast<NodeIndex>(net.nodes.size()) ||
          link.to >= static_cast<NodeIndex>(net.nodes.size()))
        fuzz::finding("a link whose end is not a node");
      if (!(link.length_km > 0) || !std::isfinite(link.length_km)) fuzz::finding("a link length that is not a positive number");
    }
  } catch (const io::DatasetError&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
