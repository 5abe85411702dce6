// The C++ side of the silkroute Python package: a loaded network and the engine's queries.
// Results cross as JSON text (the same documents the command line prints) or NumPy arrays;
// the Python layer (silkroute/__init__.py) turns them into objects and DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>

#include "analysis/compare.hpp"
#include "analysis/criticality.hpp"
#include "analysis/matrix.hpp"
#include "analysis/od_pairs.hpp"
#include "analysis/trade_impact.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "network/place_finder.hpp"
#include "output/analysis_output.hpp"
#include "output/route_output.hpp"
#include "routing/router.hpp"
#include "scenario/avoid.hpp"
#include "scenario/scenario_file.hpp"

namespace py = pybind11;
using namespace silkroute;

namespace {

// A scenario as Python passes it: nothing (today), a bundled name or path, or TOML text.
struct ScenarioArg {
  std::string name;
  std::string toml;
  std::string source = "<scenario>";
};

class PyNetwork {
 public:
  explicit PyNetwork(const std::string& dir) : net_(io::read_dataset(dir)), finder_(net_) {}

  const Network& net() const { return net_; }

  NodeIndex place(const std::string& query) const { return finder_.find_exact(query); }

  Scenario scenario(const ScenarioArg& s) const {
    if (!s.toml.empty()) return parse_scenario(net_, s.toml, s.source);
    if (!s.name.empty()) return load_scenario(net_, s.name);
    return Scenario{};
  }

  std::string route(const std::string& from, const std::string& to, const std::string& cargo,
                    const std::string& objective, const std::vector<std::string>& avoid, int alternatives,
                    const ScenarioArg& scenario_arg, std::optional<int> year, std::optional<double> carbon_price) const {
    RouteQuery q;
    q.from = place(from);
    q.to = place(to);
    if (q.from == q.to) throw std::invalid_argument("origin and destination are the same place: " + net_.nodes[q.from].name);
    q.objective = objective_of(objective);
    q.cargo = cargo;
    if (alternatives < 0 || alternatives > 20) throw std::invalid_argument("alternatives: expected 0 to 20");
    q.alternatives = alternatives;
    auto s = scenario(scenario_arg);
    if (year) {
      s.year = *year;
      s.name = (scenario_arg.name.empty() && scenario_arg.toml.empty() ? "" : s.name + " ") + "as of " + std::to_string(*year);
    }
    if (carbon_price) s.carbon_price_usd_per_t = *carbon_price;
    for (const auto& item : avoid) add_avoid_item(net_, finder_, item, s.closed);
    const auto& c = cargo_for(net_, q.cargo);
    const auto answer = find_routes(net_, s, q);
    const output::RouteContext ctx{net_, c, q.objective, s, q.from, q.to, avoid};
    nlohmann::ordered_json j;
    j["table"] = output::route_table(ctx, answer);
    const output::ExactNumbers exact;
    j["answer"] = output::route_json(ctx, answer);
    j["geojson"] = output::route_geojson(ctx, answer);
    return j.dump();
  }

  py::array_t<double> matrix(const std::vector<std::string>& origins, const std::vector<std::string>& destinations,
                             const std::string& metric, const std::string& cargo, const std::string& objective,
                             const ScenarioArg& scenario_arg, unsigned threads) const {
    std::vector<NodeIndex> o, d;
    for (const auto& p : origins) o.push_back(place(p));
    for (const auto& p : destinations) d.push_back(place(p));
    const auto m = parse_matrix_metric(metric);
    if (!m) throw std::invalid_argument("metric: expected time, cost, co2, distance or generalized, got '" + metric + "'");
    const auto s = scenario(scenario_arg);
    const PairRoutingOptions options{cargo, objective_of(objective), threads};
    std::vector<double> values;
    {
      py::gil_scoped_release release;
      values = route_matrix(net_, s, o, d, *m, options);
    }
    py::array_t<double> out({o.size(), d.size()});
    std::copy(values.begin(), values.end(), out.mutable_data());
    return out;
  }

  std::vector<OdPair> pairs(const std::vector<std::tuple<std::string, std::string, double>>& list,
                            const std::string& pairs_file, const std::vector<std::string>& modes) const {
    std::vector<OdPair> out;
    if (!pairs_file.empty()) out = read_od_pairs(net_, pairs_file);
    for (const auto& [a, b, w] : list) out.push_back(OdPair{place(a), place(b), w, "", {}});
    if (out.empty() && pairs_file.empty()) out = bundled_demand(net_);
    if (!modes.empty()) {
      std::set<Mode> only;
      for (const auto& m : modes) {
        auto mode = parse_mode(m);
        if (!mode) throw std::invalid_argument("modes: unknown mode '" + m + "'; modes are " + mode_names());
        only.insert(*mode);
      }
      for (auto& p : out) p.modes = only;
    }
    if (out.empty()) throw std::invalid_argument("no pairs: give pairs, or load a network with a demand.csv");
    return out;
  }

  std::string compare(const ScenarioArg& a, const ScenarioArg& b,
                      const std::vector<std::tuple<std::string, std::string, double>>& list, const std::string& pairs_file,
                      const std::vector<std::string>& modes, const std::string& cargo, const std::string& objective,
                      std::optional<double> elasticity) const {
    const auto sa = scenario(a);
    const auto sb = scenario(b);
    const auto p = pairs(list, pairs_file, modes);
    const PairRoutingOptions options{cargo, objective_of(objective), 0};
    std::string text;
    {
      py::gil_scoped_release release;
      const auto c = compare_scenarios(net_, sa, sb, p, options);
      text = elasticity ? output::impact_json(trade_impact(net_, c, *elasticity)).dump()
                        : output::comparison_json(net_, c).dump();
    }
    return text;
  }

  std::string criticality(const ScenarioArg& s, const std::vector<std::tuple<std::string, std::string, double>>& list,
                          const std::string& demand_file, const std::string& cargo, const std::string& objective) const {
    const auto scenario_value = scenario(s);
    const auto p = pairs(list, demand_file, {});
    const PairRoutingOptions options{cargo, objective_of(objective), 0};
    std::string text;
    {
      py::gil_scoped_release release;
      text = output::criticality_json(silkroute::criticality(net_, scenario_value, p, options)).dump();
    }
    return text;
  }

  std::vector<std::pair<std::string, std::string>> scenarios() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& b : bundled_scenarios(net_)) out.emplace_back(b.name, b.description);
    return out;
  }

  std::string place_id(const std::string& query) const { return net_.nodes[place(query)].id; }

 private:
  static Objective objective_of(const std::string& text) {
    auto o = parse_objective(text);
    if (!o) throw std::invalid_argument("objective: expected time, cost, co2 or generalized, got '" + text + "'");
    return *o;
  }

  Network net_;
  PlaceFinder finder_;
};

}  // namespace

PYBIND11_MODULE(_silkroute, m) {
  m.doc() = "The C++ engine of silkroute; use the silkroute package, not this module.";
#ifdef SILKROUTE_DEFAULT_NETWORK
  m.attr("DEFAULT_NETWORK") = SILKROUTE_DEFAULT_NETWORK;
#else
  m.attr("DEFAULT_NETWORK") = "";
#endif

  // The same messages as the command line, as Python exceptions.
  py::register_exception<io::DatasetError>(m, "DatasetError", PyExc_ValueError);
  py::register_exception<ScenarioError>(m, "ScenarioError", PyExc_ValueError);
  py::register_exception<PlaceNotFound>(m, "PlaceNotFoundError", PyExc_LookupError);

  py::class_<ScenarioArg>(m, "_ScenarioArg")
      .def(py::init<std::string, std::string, std::string>(), py::arg("name") = "", py::arg("toml") = "",
           py::arg("source") = "<scenario>");

  py::class_<PyNetwork>(m, "_Network")
      .def(py::init<const std::string&>(), py::arg("path"), py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("source_dir", [](const PyNetwork& n) { return n.net().source_dir; })
      .def_property_readonly("node_count", [](const PyNetwork& n) { return n.net().nodes.size(); })
      .def_property_readonly("link_count", [](const PyNetwork& n) { return n.net().links.size(); })
      .def("place_id", &PyNetwork::place_id)
      .def("scenarios", &PyNetwork::scenarios)
      .def("route", &PyNetwork::route, py::call_guard<py::gil_scoped_release>())
      .def("matrix", &PyNetwork::matrix)
      .def("compare", &PyNetwork::compare)
      .def("criticality", &PyNetwork::criticality)
      .def("nodes", [](const PyNetwork& n) {
        std::vector<std::tuple<std::string, std::string, std::string, std::string, double, double>> out;
        for (const auto& node : n.net().nodes)
          out.emplace_back(node.id, node.name, node.country, std::string(node_kind_name(node.kind)), node.position.lon,
                           node.position.lat);
        return out;
      });
}
