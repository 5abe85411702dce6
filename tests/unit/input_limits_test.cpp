// Inputs that are not what they claim to be (a device, a folder, a file too big, keys and
// `extends` chains too deep, values that make no sense) are refused with the file, the line
// and the field, before they can crash the program, exhaust its memory or pass silently.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gis/vector_io.hpp"
#include "importers/osm_rail_import.hpp"
#include "io/csv_table.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "io/input_limits.hpp"
#include "io/tntp_reader.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/scenario_json.hpp"
#include "scenario/toml_guard.hpp"
#include "server/api.hpp"
#include "test_support.hpp"

using namespace silkroute;
namespace fs = std::filesystem;

namespace {

// A temporary folder for one test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / ("silkroute_limits_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path file(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
};

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const io::DatasetError& e) {
    return e.what();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

std::string scenario_error(const fs::path& file) {
  return error_of([&] { load_scenario(test::mini(), file.string()); });
}

std::string dataset_error(const test::DatasetCopy& d) {
  return error_of([&] { io::read_dataset(d.dir()); });
}

#define EXPECT_HAS(text, part) EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

}  // namespace

TEST(InputLimits, FilesPastTheLimitAreRefusedNamingFileAndLimit) {
  TempDir t;
  const auto big = t.file("big.toml", std::string(2 * io::kMiB, '#'));
  const auto problem = io::input_file_problem(big.string(), io::kMaxScenarioBytes, "scenario file");
  ASSERT_TRUE(problem);
  EXPECT_HAS(*problem, big.string());
  EXPECT_HAS(*problem, "more than the limit of 1 MiB for a scenario file");
  EXPECT_HAS(scenario_error(big), "limit of 1 MiB");
  EXPECT_FALSE(io::input_file_problem(t.file("small.csv", "a\n1\n").string(), io::kMaxCsvBytes, "CSV table"));
}

TEST(InputLimits, DevicesAndFoldersAreNotInputFiles) {
  // Each reader would otherwise read /dev/zero until memory runs out, or take a folder as empty.
  EXPECT_HAS(error_of([] { io::read_tntp("/dev/zero"); }), "not a regular file");
  EXPECT_HAS(error_of([] { gis::read_layer("/dev/zero"); }), "not a regular file");
  EXPECT_HAS(error_of([] {
               std::vector<importers::ImportLine> lines;
               std::vector<importers::ImportPoint> stations;
               importers::OsmRailReport report;
               importers::read_osm_rail("/dev/zero", {}, lines, stations, report);
             }),
             "not a regular file");
  io::IssueSink issues;
  EXPECT_FALSE(io::read_csv_file("/dev/zero", "zero.csv", issues));
  EXPECT_HAS(issues.report(), "zero.csv");
  EXPECT_HAS(issues.report(), "not a regular file");
  test::DatasetCopy d;
  d.remove("links.csv");
  fs::create_directory(fs::path(d.dir()) / "links.csv");
  EXPECT_HAS(dataset_error(d), "links.csv");
  EXPECT_HAS(dataset_error(d), "is a folder");
}

TEST(InputLimits, ExtendsMustNameAScenarioFile) {
  TempDir t;
  EXPECT_HAS(scenario_error(t.file("zero.toml", "extends = \"/dev/zero\"\n")), "not a regular file");
  fs::create_directory(t.path() / "folder.toml");
  EXPECT_HAS(scenario_error(t.file("dir.toml", "extends = \"folder.toml\"\n")), "is a folder");
}

TEST(InputLimits, ExtendsChainsHaveADepthLimitAndCyclesAreFound) {
  TempDir t;
  auto name = [](int i) { return std::string("s").append(std::to_string(i)).append(".toml"); };
  for (int i = 0; i < 40; ++i) t.file(name(i), std::string("extends = \"").append(name(i + 1)).append("\"\n"));
  t.file("s40.toml", "year = 2020\n");
  EXPECT_HAS(scenario_error(t.path() / "s0.toml"), "the limit is 16");
  // 16 files deep is fine.
  EXPECT_EQ(load_scenario(test::mini(), (t.path() / "s25.toml").string()).year, 2020);
  t.file("s40.toml", "extends = \"s30.toml\"\n");
  EXPECT_HAS(scenario_error(t.path() / "s28.toml"), "'extends' makes a cycle");
}

TEST(InputLimits, ExtendsIsRelativeToTheFileNotTheWorkingFolder) {
  TempDir t;
  fs::create_directory(t.path() / "sub");
  t.file("base.toml", "year = 2010\n");      // next to the working folder below
  t.file("sub/base.toml", "year = 2020\n");  // next to the file that extends it
  t.file("sub/main.toml", "extends = \"base.toml\"\n");
  const auto before = fs::current_path();
  fs::current_path(t.path());
  Scenario s;
  EXPECT_NO_THROW(s = load_scenario(test::mini(), "sub/main.toml"));
  fs::current_path(before);
  EXPECT_EQ(s.year, 2020);
}

TEST(InputLimits, DeepTomlKeysAndNestingAreRefusedBeforeParsing) {
  // toml++ 3.3.0 recurses per dotted part: 50,000 parts overflowed the stack.
  std::string dotted = "a";
  for (int i = 0; i < 50000; ++i) dotted += ".b";
  const std::string deep_key = "name = \"x\"\n" + dotted + " = 1\n";
  const std::string deep_header = "\n\n[" + dotted + "]\n";
  const std::string deep_array = "x = " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  for (const auto& text : {deep_key, deep_header, deep_array}) {
    const auto e = error_of([&] { parse_scenario(test::mini(), text, "deep.toml"); });
    EXPECT_HAS(e, "deep.toml:");
    EXPECT_TRUE(e.find("dotted parts") != std::string::npos || e.find("nested") != std::string::npos) << e;
  }
  EXPECT_HAS(error_of([&] { parse_scenario(test::mini(), deep_key, "deep.toml"); }), "deep.toml:2: a key with more than 32");
  EXPECT_HAS(error_of([&] { parse_scenario(test::mini(), deep_header, "deep.toml"); }), "deep.toml:3:");
  // Dots and brackets in strings and comments are text, not structure.
  const std::string dots(500, '.');
  EXPECT_FALSE(toml_depth_problem("description = \"" + dots + "\" # " + dots + "[[[[\nname = '''\n" + dots + "'''\n"));
  EXPECT_FALSE(toml_depth_problem("[modes.rail]\nspeed_factor = 1.5\nx.y.z = [[1, 2], {a.b = 3}]\n"));
}

TEST(InputLimits, StackedScenarioFactorsStayInRange) {
  // Factors multiply across entries and extended files; the product may not reach 0 or inf.
  std::string many;
  for (int i = 0; i < 400; ++i) many += "[[links]]\nid = \"r_astana_moscow\"\nspeed_factor = 10\n";
  const auto e = error_of([&] { parse_scenario(test::mini(), many, "stack.toml"); });
  EXPECT_HAS(e, "stack.toml:6: key 'links[1].speed_factor'");
  EXPECT_HAS(e, "outside 0.01 to 10");
  TempDir t;
  t.file("base.toml", "[[links]]\nid = \"r_astana_moscow\"\nspeed_factor = 0.1\n");
  const auto child = t.file("child.toml", "extends = \"base.toml\"\n[[links]]\nid = \"r_astana_moscow\"\nspeed_factor = 0.05\n");
  EXPECT_HAS(scenario_error(child), "child.toml:4: key 'links[0].speed_factor'");
  std::string borders;
  for (int i = 0; i < 3; ++i) borders += "[[borders]]\ncountries = [\"CHN\", \"KAZ\"]\ndwell_factor = 50\n";
  EXPECT_HAS(error_of([&] { parse_scenario(test::mini(), borders, "b.toml"); }), "b.toml:6: key 'borders[1].dwell_factor'");
  EXPECT_HAS(error_of([&] { parse_scenario(test::mini(), "[modes.rail]\nspeed_factor = 0\n", "m.toml"); }),
             "m.toml:2: key 'modes.rail.speed_factor'");
}

TEST(InputLimits, AgreementYearsAreChecked) {
  const auto e = error_of([&] {
    parse_scenario(test::mini(), "[[agreements]]\nid = \"x\"\ncountries = [\"KAZ\", \"RUS\"]\nyear = 99999\n", "a.toml");
  });
  EXPECT_HAS(e, "a.toml:4: key 'agreements[0].year': expected a year from 1800 to 9999");
}

TEST(InputLimits, DatasetNonsenseIsRefusedWithFileLineAndColumn) {
  {
    test::DatasetCopy d;
    d.replace("nodes.csv", "id,name,alt_names,", "id,name,name,");
    EXPECT_HAS(dataset_error(d), "nodes.csv:1: column 'name': column appears twice in the header (fields 2 and 3)");
  }
  {
    test::DatasetCopy d;  // Alashankou and Dostyk face each other across the border
    d.replace("links.csv", "r_alashankou_dostyk,alashankou,dostyk,rail,1435,12,", "r_alashankou_dostyk,alashankou,dostyk,rail,1435,4999,");
    EXPECT_HAS(dataset_error(d), "links.csv:3: column 'length_km': is 4999 km, more than 20 times the straight-line distance");
  }
  {
    test::DatasetCopy d;
    d.replace("links.csv", "r_alashankou_dostyk,alashankou,dostyk,rail,1435,12,,,", "r_alashankou_dostyk,alashankou,dostyk,rail,1435,12,,0.001,");
    EXPECT_HAS(dataset_error(d), "links.csv:3: column 'time_h': is 0.001 h for 12 km, faster than 1200 km/h");
  }
}

TEST(InputLimits, ApiRefusesNonsenseQueryValues) {
  const server::Api api(test::bri_engine_ptr());
  auto q = [](std::initializer_list<std::pair<const std::string, std::string>> items) { return server::Params(items); };
  auto check = [](const server::ApiResponse& r, const std::string& text) {
    EXPECT_EQ(r.status, 400) << r.body.dump();
    EXPECT_HAS(r.body["message"].get<std::string>(), text);
    EXPECT_NO_THROW((void)r.body.dump());  // the answer serializes (valid UTF-8)
  };
  for (const auto* price : {"nan", "inf", "-1e9", "1e300"})
    check(api.route(q({{"from", "xian"}, {"to", "duisburg"}, {"carbon_price", price}})), "parameter 'carbon_price'");
  check(api.route(q({{"from", "xi\xff\xfe" "an"}, {"to", "duisburg"}})), "parameter 'from': not valid UTF-8");
  check(api.route(q({{"from", "xian"}, {"to", "\xc0\xaf"}})), "parameter 'to': not valid UTF-8");  // overlong '/'
  check(api.places(q({{"q", "\xed\xa0\x80"}})), "not valid UTF-8");                                  // a surrogate
  for (const auto* box : {"nan,0,10,10", "0,0,10,10x", "0,-100,10,10", "-200,0,10,10", "0,0,inf,10"})
    check(api.network(q({{"bbox", box}})), "'bbox'");
  EXPECT_EQ(api.places(q({{"q", "M\xc3\xbcnchen"}})).status, 200);  // UTF-8 is fine
}

TEST(InputLimits, ImportsRefuseNonsenseOptionsAndEmptyResults) {
  importers::ImportLine line;
  line.points = {{76.9, 43.2}, {77.5, 43.6}};
  importers::TopologyOptions options;
  importers::TopologyReport report;
  options.snap_m = 1e308;  // would join every line into one node
  EXPECT_HAS(error_of([&] { importers::build_line_network({line}, {}, options, report); }), "snap distance: expected 0 to 10000 m");
  options.snap_m = std::nan("");
  EXPECT_HAS(error_of([&] { importers::build_line_network({line}, {}, options, report); }), "snap distance");
  options.snap_m = 20;
  EXPECT_HAS(error_of([&] { importers::build_line_network({}, {}, options, report); }), "no usable line: 0 lines read");
  EXPECT_NO_THROW(importers::build_line_network({line}, {}, options, report));
  TempDir t;
  const auto osm = t.file("a.osm", "<?xml version='1.0'?><osm version='0.6'></osm>\n");
  std::vector<importers::ImportLine> lines;
  std::vector<importers::ImportPoint> stations;
  importers::OsmRailReport osm_report;
  importers::OsmRailOptions osm_options;
  osm_options.default_gauge_mm = 5;
  EXPECT_HAS(error_of([&] { importers::read_osm_rail(osm.string(), osm_options, lines, stations, osm_report); }),
             "default gauge: expected 500 to 2000 mm, got 5");
}

TEST(InputLimits, PortableScenarioJsonKeepsToTheScenarioFileRanges) {
  // A sweep's or a cache's scenario must be one the scenario file door would accept.
  auto error = [](const std::string& text) { return error_of([&] { scenario_from_json(nlohmann::json::parse(text)); }); };
  EXPECT_HAS(error(R"({"year": 4294969296})"), "'year': expected a year from 1800 to 9999");  // not wrapped to 2000
  EXPECT_HAS(error(R"({"carbon_price_usd_per_t": 1e308})"), "'carbon_price_usd_per_t': expected a number from 0 to 100000");
  EXPECT_HAS(error(R"({"link_overrides": {"l": {"speed_factor": 0}}})"), "'link_overrides.l.speed_factor'");
  EXPECT_HAS(error(R"({"link_overrides": {"l": {"departures_per_week": 0}}})"), "expected a number above 0");
  EXPECT_HAS(error(R"({"mode_overrides": {"rail": {"speed_kmh": -5}}})"), "'mode_overrides.rail.speed_kmh'");
  EXPECT_HAS(error(R"({"added_agreements": [{"id": "x", "country_a": "KAZ", "country_b": "RUS", "year": 99999}]})"),
             "'added_agreements[0].year'");
  EXPECT_NO_THROW(scenario_from_json(nlohmann::json::parse(R"({"added_agreements": [{"id": "x", "country_a": "KAZ",
                                                               "country_b": "RUS", "year": 0}], "year": 2020})")));
}

TEST(InputLimits, PortableScenarioIdsAreCheckedLikeTheScenarioFiles) {
  // Found by fuzz/scenario_json: a border override between unknown countries was taken and did nothing.
  auto error = [](const std::string& text) {
    return error_of([&] { check_scenario_ids(test::mini(), scenario_from_json(nlohmann::json::parse(text))); });
  };
  EXPECT_HAS(error(R"({"border_overrides": [{"countries": "CHN-KA~", "dwell_factor": 0.5}]})"),
             "unknown country 'KA~' (did you mean 'KAZ'?)");
  EXPECT_HAS(error(R"({"closed": {"chokepoints": ["suz"]}})"), "unknown chokepoint 'suz'");
  EXPECT_HAS(error(R"({"closed": {"borders": ["CHN-TUR"]}})"), "no link of the network crosses the border");
  EXPECT_HAS(error(R"({"removed_agreements": ["nope"]})"), "unknown agreement 'nope'");
  EXPECT_HAS(error(R"({"added_agreements": [{"id": "x", "country_a": "CHN", "country_b": "CHN"}]})"), "two different countries");
  EXPECT_EQ(error(R"({"border_overrides": [{"countries": "CHN-KAZ", "dwell_factor": 0.5}], "closed": {"borders": ["CHN-KAZ"]}})"),
            "no error");
}

TEST(InputLimits, TomlFormOfAScenarioEscapesWhatTomlForbids) {
  // Found by fuzz/scenario_json: a DEL character in a name made TOML that does not parse.
  Scenario s;
  s.name = std::string("t\x7f") + "da\t\"q\"";
  s.description = "line\nbreak \\ and \x01";
  const auto back = parse_scenario(test::mini(), scenario_to_toml(test::mini(), s), "roundtrip.toml");
  EXPECT_EQ(back.name, s.name);
  EXPECT_EQ(back.description, s.description);
}
