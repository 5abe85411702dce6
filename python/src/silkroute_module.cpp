// The C++ side of the silkroute Python package: a loaded network and the engine's queries.
// Results cross as JSON text (the same documents the command line prints) or NumPy arrays;
// the Python layer (silkroute/__init__.py) turns them into objects and DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>

#include "assignment/freight_assignment.hpp"
#include "assignment/freight_compare.hpp"
#include "assignment/freight_criticality.hpp"
#include "assignment/freight_output.hpp"
#include "engine/engine.hpp"
#include "io/od_pairs_reader.hpp"
#include "io/dataset_issue.hpp"
#include "output/analysis_output.hpp"
#include "output/place_output.hpp"
#include "output/route_output.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/scenario_json.hpp"
#include "sweep_bindings.hpp"

namespace py = pybind11;
using namespace silkroute;

namespace {

ScenarioSpec spec_of(const std::string& name, const std::string& toml, const std::string& source) {
  return ScenarioSpec{name, toml, source};
}

using PairList = std::vector<std::tuple<std::string, std::string, double>>;

// The engine as Python sees it: keyword arguments fill the same typed requests as the command
// line and the HTTP API, and the Engine answers them.
class PyNetwork {
 public:
  explicit PyNetwork(const std::string& dir) : engine_(Engine::open(dir)) {}

  const Network& net() const { return engine_->network(); }

  std::string route(const std::string& from, const std::string& to, const std::string& cargo,
                    const std::string& objective, const std::vector<std::string>& avoid, std::optional<int> alternatives,
                    const ScenarioSpec& scenario, std::optional<int> year, std::optional<double> carbon_price,
                    std::optional<double> max_detour, std::optional<int> month,
                    const std::string& rail_service, const std::string& road_crew) const {
    RouteRequest r;
    r.from = from;
    r.to = to;
    r.cargo = cargo;
    r.objective = objective;
    r.avoid = avoid;
    if (alternatives) r.alternatives = *alternatives;
    r.scenario = scenario;
    r.year = year;
    r.month = month;
    r.rail_service = rail_service;
    r.road_crew = road_crew;
    r.carbon_price_usd_per_t = carbon_price;
    if (max_detour) r.max_detour = *max_detour;
    const auto result = engine_->route(r);
    nlohmann::ordered_json j;
    j["table"] = output::route_table(result);
    j["answer"] = output::route_json(result, output::Precision::exact);
    j["geojson"] = output::route_geojson(result, output::Precision::exact);
    return j.dump();
  }

  py::array_t<double> matrix(const std::vector<std::string>& origins, const std::vector<std::string>& destinations,
                             const std::string& metric, const std::string& cargo, const std::string& objective,
                             const ScenarioSpec& scenario, unsigned threads) const {
    MatrixRequest r;
    r.origins = origins;
    r.destinations = destinations;
    r.metric = metric;
    r.cargo = cargo;
    r.objective = objective;
    r.scenario = scenario;
    r.threads = threads;
    MatrixResult m;
    {
      py::gil_scoped_release release;
      m = engine_->matrix(r);
    }
    py::array_t<double> out({m.origins.size(), m.destinations.size()});
    std::copy(m.values.begin(), m.values.end(), out.mutable_data());
    return out;
  }

  static PairsSpec pairs_spec(const PairList& list, const std::string& pairs_file, const std::vector<std::string>& modes) {
    PairsSpec p;
    p.pairs = list;
    p.pairs_file = pairs_file;
    p.modes = modes;
    return p;
  }

  std::string compare(const ScenarioSpec& a, const ScenarioSpec& b, const PairList& list, const std::string& pairs_file,
                      const std::vector<std::string>& modes, const std::string& cargo, const std::string& objective,
                      std::optional<double> elasticity) const {
    CompareRequest r;
    r.a = a;
    r.b = b;
    r.pairs = pairs_spec(list, pairs_file, modes);
    r.cargo = cargo;
    r.objective = objective;
    py::gil_scoped_release release;
    if (elasticity) return output::impact_json(engine_->impact({r, *elasticity})).dump();
    return output::comparison_json(engine_->network(), engine_->compare(r)).dump();
  }

  std::string criticality(const ScenarioSpec& scenario, const PairList& list, const std::string& demand_file,
                          const std::string& cargo, const std::string& objective) const {
    CriticalityRequest r;
    r.scenario = scenario;
    r.pairs = pairs_spec(list, demand_file, {});
    r.cargo = cargo;
    r.objective = objective;
    py::gil_scoped_release release;
    return output::criticality_json(engine_->criticality(r)).dump();
  }

  // The bundled demand split over the cargo classes, and the run's options, checked.
  std::pair<std::vector<silkroute::assignment::FreightDemand>, silkroute::assignment::FreightOptions> freight_setup(
      const std::string& cargo, std::optional<int> year, bool capacities, int max_iterations) const {
    namespace as = silkroute::assignment;
    if (max_iterations < 1) throw std::invalid_argument("max_iterations: expected 1 or more, got " + std::to_string(max_iterations));
    const auto shares = as::parse_cargo_shares(net(), cargo);
    const auto pairs = bundled_demand(net());
    if (pairs.empty()) throw std::invalid_argument(net().source_dir + " has no demand.csv to assign");
    as::FreightOptions options;
    options.capacities = capacities;
    options.max_iterations = max_iterations;
    if (year) {
      check_year(*year);
      options.year = *year;
    }
    return {as::freight_demand(pairs, shares, nullptr), options};
  }

  // Freight assignment with capacities and the nested logit on the bundled demand (the JSON
  // of silkroute assign --out x.json).
  std::string assign_freight(const ScenarioSpec& scenario, const std::string& cargo, std::optional<int> year,
                             bool capacities, int max_iterations, int criticality) const {
    namespace as = silkroute::assignment;
    if (criticality < 0) throw std::invalid_argument("top: expected 1 or more, got " + std::to_string(criticality));
    const auto sc = engine_->scenario(scenario);
    const auto [demand, options] = freight_setup(cargo, year, capacities, max_iterations);
    py::gil_scoped_release release;
    const auto topology = engine_->cache().topology(net());
    const auto params = as::read_freight_parameters(net());
    const auto result = as::assign_freight(net(), topology, sc, demand, params, options);
    if (criticality > 0)
      return as::freight_criticality_json(as::freight_criticality(net(), topology, sc, demand, params, options, result, criticality),
                                          sc.name);
    return as::freight_json(net(), result, sc.name);
  }

  // Two scenarios' freight assignments joined element by element (silkroute assign --compare).
  std::string compare_freight(const ScenarioSpec& a, const ScenarioSpec& b, const std::string& cargo,
                              std::optional<int> year, bool capacities, int max_iterations) const {
    namespace as = silkroute::assignment;
    const auto sa = engine_->scenario(a);
    const auto sb = engine_->scenario(b);
    const auto [demand, options] = freight_setup(cargo, year, capacities, max_iterations);
    py::gil_scoped_release release;
    return as::freight_compare_json(as::compare_freight_scenarios(net(), engine_->cache().topology(net()), sa, sb, demand,
                                                                  as::read_freight_parameters(net()), options));
  }

  std::vector<std::pair<std::string, std::string>> scenarios() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& b : engine_->bundled_scenarios()) out.emplace_back(b.name, b.description);
    return out;
  }

  std::string place_id(const std::string& query) const { return net().nodes[engine_->place(query, "place")].id; }

  // Nodes and gazetteer places matching a query, as `silkroute places --format json` lists them.
  std::string places(const std::string& query, int limit) const {
    if (limit < 1 || limit > 200) throw std::invalid_argument("limit: expected 1 to 200, got " + std::to_string(limit));
    const auto& access = engine_->resolver().access();
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& p : engine_->search_places(query, static_cast<std::size_t>(limit)))
      list.push_back(output::place_json(net(), p, access ? access->circuity_factor : 0));
    return list.dump();
  }
  // For sweeps (python/silkroute/sweep*): scenarios travel as canonical JSON, ids only.
  std::string scenario_json(const ScenarioSpec& spec) const { return scenario_key(engine_->scenario(spec)); }
  std::pair<std::string, std::string> canonical_scenario(const std::string& json) const {
    const auto s = sweep::scenario_of_json(net(), json);
    return {scenario_key(s), scenario_hash(s)};
  }
  ScenarioSpec scenario_arg_from_json(const std::string& json) const {
    return ScenarioSpec{"", scenario_to_toml(net(), sweep::scenario_of_json(net(), json)), "<sweep scenario>"};
  }
  std::vector<sweep::PairTotals> pair_totals(const std::string& scenario_json, const PairList& list,
                                             const std::string& pairs_file, const std::vector<std::string>& modes,
                                             const std::string& cargo, const std::string& objective,
                                             unsigned threads) const {
    const auto s = sweep::scenario_of_json(net(), scenario_json);
    const auto pairs = engine_->pairs(pairs_spec(list, pairs_file, modes));
    py::gil_scoped_release release;
    return sweep::pair_totals(*engine_, s, pairs, cargo, objective, threads);
  }
  std::vector<sweep::Element> elements() const { return sweep::elements(net()); }

 private:
  std::shared_ptr<Engine> engine_;
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

  py::class_<ScenarioSpec>(m, "_ScenarioArg")
      .def(py::init(&spec_of), py::arg("name") = "", py::arg("toml") = "", py::arg("source") = "<scenario>");
  // The request defaults, so the Python signatures show the engine's own.
  m.attr("DEFAULT_ALTERNATIVES") = kDefaultAlternatives;
  m.attr("DEFAULT_MAX_DETOUR") = kDefaultMaxDetour;

  // A TOML file as JSON text plus the line of every key ("a.b[2].c" -> line), so that sweep
  // files parsed in Python report lines the way scenario files do.
  m.def("parse_toml", &sweep::parse_toml, py::arg("text"), py::arg("source"));

  py::class_<PyNetwork>(m, "_Network")
      .def(py::init<const std::string&>(), py::arg("path"), py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("source_dir", [](const PyNetwork& n) { return n.net().source_dir; })
      .def_property_readonly("node_count", [](const PyNetwork& n) { return n.net().nodes.size(); })
      .def_property_readonly("link_count", [](const PyNetwork& n) { return n.net().links.size(); })
      .def("place_id", &PyNetwork::place_id)
      .def("places", &PyNetwork::places)
      .def("scenarios", &PyNetwork::scenarios)
      .def("route", &PyNetwork::route, py::call_guard<py::gil_scoped_release>())
      .def("matrix", &PyNetwork::matrix)
      .def("compare", &PyNetwork::compare)
      .def("criticality", &PyNetwork::criticality)
      .def("scenario_json", &PyNetwork::scenario_json)
      .def("canonical_scenario", &PyNetwork::canonical_scenario)
      .def("scenario_arg_from_json", &PyNetwork::scenario_arg_from_json)
      .def("pair_totals", &PyNetwork::pair_totals)
      .def("elements", &PyNetwork::elements)
      .def("assign_freight", &PyNetwork::assign_freight)
      .def("compare_freight", &PyNetwork::compare_freight)
      .def("nodes", [](const PyNetwork& n) {
        std::vector<std::tuple<std::string, std::string, std::string, std::string, double, double>> out;
        for (const auto& node : n.net().nodes)
          out.emplace_back(node.id, node.name, node.country, std::string(node_kind_name(node.kind)), node.position.lon,
                           node.position.lat);
        return out;
      });
}
