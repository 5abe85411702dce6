// The gazetteer's binary snapshot (Gazetteer::load with a cache folder): the same places and
// lookups as the CSV file, an edit seen at once, a bad file still reported from the CSV file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "io/dataset_issue.hpp"
#include "places/gazetteer.hpp"

namespace fs = std::filesystem;

namespace silkroute {
namespace {

const std::string kPlaces = std::string(SILKROUTE_SOURCE_DIR) + "/data/places/places.csv";
const std::string kTransport = std::string(SILKROUTE_SOURCE_DIR) + "/data/places/transport_locations.csv";

// A folder of its own for the cache and for edited copies, removed afterwards.
struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("silkroute_gazetteer_" + std::to_string(::getpid()) + "_" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  io::SnapshotOptions options() const { return {(dir / "cache").string(), std::chrono::seconds(0)}; }
  std::string copy(const std::string& from) const {
    const auto to = dir / fs::path(from).filename();
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    return to.string();
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> ids(const Gazetteer& g, const std::vector<std::size_t>& found) {
  std::vector<std::string> out;
  for (auto i : found) out.push_back(g.places()[i].id);
  return out;
}

// Every place, every field, and what users look up: a name, an accent-free spelling, an id, a
// code, a name several places share, a near miss.
void expect_same(const Gazetteer& csv, const Gazetteer& snap) {
  ASSERT_EQ(csv.places().size(), snap.places().size());
  EXPECT_TRUE(csv.places() == snap.places());
  for (const char* q : {"Kolín", "kolin", "Nynashamn", "CZKOL", "Hyderabad", "Alexandria", "Nantong", "Giengen an der Brenz"})
    EXPECT_EQ(ids(csv, csv.exact(q)), ids(snap, snap.exact(q))) << q;
  EXPECT_EQ(ids(csv, csv.near("Kolinn", 6)), ids(snap, snap.near("Kolinn", 6)));
}

TEST(GazetteerSnapshot, TransportLocationsReadBackWithEveryField) {
  Scratch s;
  const auto csv = Gazetteer::load(kTransport);
  ASSERT_GT(csv.places().size(), 50000u);
  io::SnapshotOutcome first{}, second{};
  expect_same(csv, Gazetteer::load(kTransport, s.options(), &first));
  EXPECT_EQ(first, io::SnapshotOutcome::written);
  expect_same(csv, Gazetteer::load(kTransport, s.options(), &second));
  EXPECT_TRUE(second == io::SnapshotOutcome::hit || second == io::SnapshotOutcome::hit_by_stat);
  EXPECT_FALSE(csv.exact("Kolín").empty());
}

TEST(GazetteerSnapshot, OnlyTheLocationsAQueryNamesAreReadAndTheyAreAllOfThem) {
  Scratch s;
  const auto csv = Gazetteer::load(kTransport);
  // A name (one location, several, none), an id, a code in lower case, an accented spelling.
  const char* queries[] = {"Kolín", "Hyderabad", "Alexandria", "Nowhere Such", "kolin-cze", "czkln", "Giengen an der Brenz"};
  for (const char* q : queries) {
    io::SnapshotOutcome outcome{};
    const auto m = Gazetteer::load_matching(kTransport, q, s.options(), &outcome);
    EXPECT_EQ(ids(csv, csv.exact(q)), ids(m, m.exact(q))) << q;
    EXPECT_EQ(m.places().size(), csv.exact(q).size()) << q;
    EXPECT_EQ(ids(m, m.exact(q)), ids(csv.matching(q), csv.matching(q).exact(q))) << q;
    EXPECT_NE(outcome, io::SnapshotOutcome::disabled) << q;
  }
  EXPECT_EQ(ids(csv, csv.exact("CZKLN")), std::vector<std::string>{"kolin-cze"});
  EXPECT_GT(csv.exact("Alexandria").size(), 1u);
}

TEST(GazetteerSnapshot, AnEditedFileIsSeenAtOnce) {
  Scratch s;
  const auto path = s.copy(kPlaces);
  ASSERT_FALSE(Gazetteer::load(path, s.options()).exact("Nantong").empty());
  auto text = slurp(path);
  const auto at = text.find(",Nantong,Nantong,");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 17, ",Nantung,Nantung,");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  io::SnapshotOutcome outcome{};
  const auto edited = Gazetteer::load(path, s.options(), &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  EXPECT_TRUE(edited.exact("Nantong").empty());
  EXPECT_FALSE(edited.exact("Nantung").empty());
}

TEST(GazetteerSnapshot, ABadRowIsReportedFromTheCsvFile) {
  Scratch s;
  const auto path = s.copy(kPlaces);
  Gazetteer::load(path, s.options());
  auto text = slurp(path);
  const auto at = text.find("\naarau-che,Aarau,Aarau,,CHE,8.0340,47.3900,");
  ASSERT_NE(at, std::string::npos);
  text.replace(at + 28, 6, "8.0x40");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  try {
    Gazetteer::load(path, s.options());
    FAIL() << "a bad gazetteer loaded from its snapshot";
  } catch (const io::DatasetError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("places.csv:"), std::string::npos) << what;
    EXPECT_NE(what.find("column 'lon'"), std::string::npos) << what;
    EXPECT_NE(what.find("8.0x40"), std::string::npos) << what;
  }
}

TEST(GazetteerSnapshot, ADamagedSnapshotIsRebuilt) {
  Scratch s;
  const auto csv = Gazetteer::load(kPlaces);
  Gazetteer::load(kPlaces, s.options());
  const auto path = io::file_snapshot_path(kPlaces, Gazetteer::snapshot_format, s.options());
  const auto good = slurp(path);
  ASSERT_GT(good.size(), 1000u);
  for (const auto& damaged : {good.substr(0, good.size() - 1), std::string(), good.substr(0, 500) + char(good[500] ^ 1) + good.substr(501)}) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << damaged;
    io::SnapshotOutcome outcome{};
    expect_same(csv, Gazetteer::load(kPlaces, s.options(), &outcome));
    EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  }
}

TEST(GazetteerSnapshot, EveryTruncatedPayloadIsRefused) {
  Scratch s;
  const auto path = (s.dir / "small.csv").string();
  std::ofstream(path) << "id,name,ascii_name,alt_names,country,lon,lat,population,kind,locode,function,source\n"
                         "a-chn,Ä,A,Ay|Ai,CHN,100,30,10,city,CNAAA,rail,x\n"
                         "b-chn,B,B,,CHN,101,31,,transport,CNBBB,,un_locode\n";
  const auto payload = Gazetteer::load(path).serialize();
  ASSERT_TRUE(Gazetteer::deserialize(payload));
  ASSERT_EQ(Gazetteer::deserialize_matching(payload, "A")->places().size(), 1u);
  for (std::size_t n = 0; n < payload.size(); ++n) {
    EXPECT_FALSE(Gazetteer::deserialize(payload.substr(0, n))) << n;
    EXPECT_FALSE(Gazetteer::deserialize_matching(payload.substr(0, n), "A")) << n;
  }
}

}  // namespace
}  // namespace silkroute
