// TNTP files (TransportationNetworks): the network reader of the CH benchmarks
// (src/io/tntp_reader) and the assignment's readers of networks, trip tables and flows.

#include "assignment/tntp_files.hpp"
#include "fuzz_support.hpp"
#include "io/dataset_issue.hpp"
#include "io/tntp_reader.hpp"

using namespace silkroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = fuzz::scratch_dir() / "input.tntp";
  fuzz::write_file(path, fuzz::as_text(data, size));
  try {
    const auto net = io::read_tntp(path.string());
    for (const auto& e : net.edges)
      if (e.from < 0 || e.to < 0 || e.from >= net.graph_nodes || e.to >= net.graph_nodes) fuzz::finding("an edge outside the graph");
  } catch (const io::DatasetError&) {
  } catch (const std::invalid_argument&) {
  }
  std::int32_t zones = 4;
  try {
    const auto net = assignment::read_tntp_network(path.string());
    zones = std::max<std::int32_t>(1, std::min<std::int32_t>(net.zone_count, 1000));
  } catch (const io::DatasetError&) {
  } catch (const std::invalid_argument&) {
  }
  try {
    (void)assignment::read_tntp_trips(path.string(), zones);
  } catch (const io::DatasetError&) {
  } catch (const std::invalid_argument&) {
  }
  try {
    (void)assignment::read_tntp_flows(path.string());
  } catch (const io::DatasetError&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
