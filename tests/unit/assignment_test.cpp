// User-equilibrium assignment: volume-delay functions, TNTP reading and its errors, the
// searches, every algorithm against equilibria known in closed form, classes, warm starts,
// determinism across thread counts, and the result file.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "assignment/all_or_nothing.hpp"
#include "assignment/best_known.hpp"
#include "assignment/convergence.hpp"
#include "assignment/flow_csv.hpp"
#include "assignment/shortest_path_tree.hpp"
#include "assignment/tntp_files.hpp"
#include "assignment/warm_start.hpp"
#include "io/dataset_issue.hpp"

namespace as = silkroute::assignment;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(SILKROUTE_SOURCE_DIR) + "/tests/data/assignment/";

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("silkroute-assign-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                         "-" + std::to_string(counter_++) + "-" + std::to_string(::getpid()));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string write(const std::string& name, const std::string& text) const {
    const auto p = (path_ / name).string();
    std::ofstream(p) << text;
    return p;
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
  static inline int counter_ = 0;
};

std::string net_header(int zones, int nodes, int first_thru, int links) {
  return "<NUMBER OF ZONES> " + std::to_string(zones) + "\n<NUMBER OF NODES> " + std::to_string(nodes) +
         "\n<FIRST THRU NODE> " + std::to_string(first_thru) + "\n<NUMBER OF LINKS> " + std::to_string(links) +
         "\n<END OF METADATA>\n~ init term capacity length fft b power speed toll type ;\n";
}

// The reader's message for a file, or "" when it reads.
template <class F>
std::string error_of(F&& read) {
  try {
    read();
  } catch (const silkroute::io::DatasetError& e) {
    return e.what();
  }
  return "";
}

struct Loaded {
  as::AssignmentNetwork net;
  std::unique_ptr<as::AssignmentProblem> problem;
};

std::unique_ptr<Loaded> load(const std::string& net_path, const std::string& trips_path, as::VdfKind kind = as::VdfKind::bpr) {
  auto l = std::make_unique<Loaded>();
  l->net = as::read_tntp_network(net_path);
  as::TrafficClass c;
  c.name = "base";
  c.demand = as::read_tntp_trips(trips_path, l->net.zone_count);
  std::vector<as::TrafficClass> classes;
  classes.push_back(std::move(c));
  l->problem = std::make_unique<as::AssignmentProblem>(l->net, std::move(classes), as::VolumeDelay(l->net, kind));
  return l;
}

std::unique_ptr<Loaded> braess() { return load(kData + "braess_net.tntp", kData + "braess_trips.tntp"); }

as::AssignmentResult solve(const as::AssignmentProblem& p, as::Algorithm alg, double gap, int max_iterations = 100000,
                           int threads = 1) {
  as::AssignmentOptions o;
  o.algorithm = alg;
  o.target_gap = gap;
  o.max_iterations = max_iterations;
  o.threads = threads;
  return as::assign(p, o);
}

// A grid with zones on its rim and congestible links, for runs bigger than Braess.
std::unique_ptr<Loaded> grid(const TempDir& dir, int side = 8) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> fft(1, 5), cap(200, 900), pw(2, 5);
  const int zones = 4 * side;
  const int inner = side * side;
  std::string links;
  int count = 0;
  auto node = [&](int r, int c) { return zones + 1 + r * side + c; };
  auto add = [&](int a, int b, double t, double c, double p) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "\t%d\t%d\t%.6f\t%.6f\t%.6f\t0.15\t%.4f\t0\t0\t1\t;\n", a, b, c, t, t, p);
    links += buf;
    ++count;
  };
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c) {
      if (c + 1 < side) {
        add(node(r, c), node(r, c + 1), fft(rng), cap(rng), pw(rng));
        add(node(r, c + 1), node(r, c), fft(rng), cap(rng), pw(rng));
      }
      if (r + 1 < side) {
        add(node(r, c), node(r + 1, c), fft(rng), cap(rng), pw(rng));
        add(node(r + 1, c), node(r, c), fft(rng), cap(rng), pw(rng));
      }
    }
  for (int z = 0; z < zones; ++z) {
    const int side_no = z / side, k = z % side;
    const int target = side_no == 0 ? node(0, k) : side_no == 1 ? node(side - 1, k) : side_no == 2 ? node(k, 0) : node(k, side - 1);
    add(z + 1, target, 0.5, 1e5, 4);
    add(target, z + 1, 0.5, 1e5, 4);
  }
  const auto net = dir.write("grid_net.tntp", net_header(zones, zones + inner, zones + 1, count) + links);
  std::string trips = "<NUMBER OF ZONES> " + std::to_string(zones) + "\n<END OF METADATA>\n";
  std::uniform_real_distribution<double> dem(0, 40);
  for (int o = 1; o <= zones; ++o) {
    trips += "Origin " + std::to_string(o) + "\n";
    for (int d = 1; d <= zones; ++d) trips += std::to_string(d) + " : " + std::to_string(dem(rng)) + ";\n";
  }
  return load(net, dir.write("grid_trips.tntp", trips));
}

}  // namespace

TEST(VolumeDelay, BprAndConicalValuesSlopesAndIntegrals) {
  TempDir dir;
  const auto path = dir.write("n.tntp", net_header(1, 2, 1, 2) +
                                            "1 2 1000 1 10 0.15 4 0 0 1 ;\n"
                                            "1 2 500 1 6 1 3.5 0 0 1 ;\n");
  const auto net = as::read_tntp_network(path);
  const as::VolumeDelay bpr(net, as::VdfKind::bpr), conical(net, as::VdfKind::conical);
  EXPECT_DOUBLE_EQ(bpr.time(0, 0), 10);
  EXPECT_DOUBLE_EQ(bpr.time(0, 1000), 10 * 1.15);
  EXPECT_NEAR(bpr.time(1, 1000), 6 * (1 + std::pow(2.0, 3.5)), 1e-12);
  // Spiess: t(0) = t0, t(c) = 2 t0 for any steepness.
  EXPECT_NEAR(conical.time(0, 0), 10, 1e-12);
  EXPECT_NEAR(conical.time(0, 1000), 20, 1e-12);
  EXPECT_NEAR(conical.time(1, 500), 12, 1e-12);
  for (const auto* f : {&bpr, &conical})
    for (std::size_t a = 0; a < 2; ++a)
      for (double v : {0.0, 150.0, 700.0, 1300.0}) {
        const double h = 1e-3;
        const double numeric = (f->time(a, v + h) - f->time(a, std::max(0.0, v - h))) / (v + h - std::max(0.0, v - h));
        EXPECT_NEAR(f->derivative(a, v), numeric, 1e-6 * std::max(1.0, std::abs(numeric))) << a << " " << v;
        // Simpson's rule for the integral the objective uses.
        const int n = 2000;
        double s = f->time(a, 0) + f->time(a, v);
        for (int i = 1; i < n; ++i) s += (i % 2 ? 4 : 2) * f->time(a, v * i / n);
        EXPECT_NEAR(f->integral(a, v), s * v / n / 3, 1e-7 * std::max(1.0, s * v / n / 3)) << a << " " << v;
      }
  // Conical has a finite, positive slope below capacity where BPR's is nearly flat.
  EXPECT_GT(conical.derivative(0, 0), 0);
  EXPECT_EQ(bpr.derivative(0, 0), 0);
}

TEST(VolumeDelay, ConicalNeedsSteepnessAboveOne) {
  TempDir dir;
  const auto net = as::read_tntp_network(dir.write("n.tntp", net_header(1, 2, 1, 1) + "1 2 1000 1 10 0.15 1 0 0 1 ;\n"));
  try {
    as::VolumeDelay v(net, as::VdfKind::conical);
    FAIL() << "accepted a conical function with steepness 1";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("n.tntp:7: column 'power'"), std::string::npos) << e.what();
  }
}

TEST(TntpFiles, ReadsBraess) {
  const auto l = braess();
  EXPECT_EQ(l->net.node_count, 4);
  EXPECT_EQ(l->net.zone_count, 2);
  EXPECT_EQ(l->net.first_thru_node, 3);
  ASSERT_EQ(l->net.links.size(), 5u);
  EXPECT_EQ(l->net.links.from[4], 2);
  EXPECT_EQ(l->net.links.to[4], 3);
  EXPECT_EQ(l->net.links.link_type[4], 2);
  EXPECT_DOUBLE_EQ(l->problem->total_demand(), 6000);
  EXPECT_EQ(l->problem->classes()[0].demand.origins.size(), 1u);
}

TEST(TntpFiles, BadInputNamesFileLineAndField) {
  TempDir dir;
  auto net_error = [&](const std::string& body, int links = 1) {
    return error_of([&] { as::read_tntp_network(dir.write("bad_net.tntp", net_header(2, 3, 3, links) + body)); });
  };
  EXPECT_NE(net_error("1 9 100 1 1 0.15 4 0 0 1 ;\n").find("bad_net.tntp:7: column 'term_node': expected a node in 1..3"),
            std::string::npos);
  EXPECT_NE(net_error("1 3 100 1 x 0.15 4 0 0 1 ;\n").find("bad_net.tntp:7: column 'free_flow_time': expected a number"),
            std::string::npos);
  EXPECT_NE(net_error("1 3 0 1 1 0.15 4 0 0 1 ;\n").find("column 'capacity': expected a capacity above 0"), std::string::npos);
  EXPECT_NE(net_error("1 3 100 1 1 0.15 -4 0 0 1 ;\n").find("column 'power'"), std::string::npos);
  EXPECT_NE(net_error("1 3 100 1 1 ;\n").find("column 'b': missing"), std::string::npos);
  EXPECT_NE(net_error("1 3 100 1 1 0.15 4 0 0 1 ;\n", 2).find("<NUMBER OF LINKS>': says 2, the file has 1"), std::string::npos);
  EXPECT_NE(error_of([&] { as::read_tntp_network(dir.write("m.tntp", "<NUMBER OF NODES> 3\n<END OF METADATA>\n1 2 1 1 1 0 0;\n")); })
                .find("m.tntp: column '<NUMBER OF ZONES>': missing"),
            std::string::npos);
  EXPECT_NE(error_of([&] { as::read_tntp_network(dir.file("absent.tntp")); }).find("cannot open"), std::string::npos);

  auto trips_error = [&](const std::string& body) {
    return error_of([&] { as::read_tntp_trips(dir.write("bad_trips.tntp", body), 2); });
  };
  EXPECT_NE(trips_error("<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : abc;\n").find("bad_trips.tntp:4: column 'flow'"),
            std::string::npos);
  EXPECT_NE(trips_error("<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 3 : 5;\n").find("bad_trips.tntp:4: column 'destination'"),
            std::string::npos);
  EXPECT_NE(trips_error("<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 7\n").find("bad_trips.tntp:3: column 'origin'"),
            std::string::npos);
  EXPECT_NE(trips_error("<NUMBER OF ZONES> 3\n<END OF METADATA>\n").find("the network has 2 zones"), std::string::npos);
  EXPECT_NE(trips_error("<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 10\n<END OF METADATA>\nOrigin 1\n 2 : 5;\n")
                .find("column '<TOTAL OD FLOW>': says 10, the entries add up to 5"),
            std::string::npos);
  EXPECT_NE(trips_error("<NUMBER OF ZONES> 2\n<END OF METADATA>\n 2 : 5;\n").find("an entry before any 'Origin' line"),
            std::string::npos);
}

TEST(TntpFiles, UnreachableDemandIsRefusedWithItsLine) {
  TempDir dir;
  // Zone 2 reaches zone 3 only through zone 1, which may not be passed through.
  const auto net = dir.write("n.tntp", net_header(3, 3, 4, 2) + "2 1 100 1 1 0.15 4 0 0 1 ;\n1 3 100 1 1 0.15 4 0 0 1 ;\n");
  const auto trips = dir.write("t.tntp", "<NUMBER OF ZONES> 3\n<END OF METADATA>\nOrigin 2\n 3 : 5;\n");
  const auto message = error_of([&] { load(net, trips); });
  EXPECT_NE(message.find("t.tntp:4: column 'destination': zone 3 cannot be reached from origin 2"), std::string::npos) << message;
}

TEST(ShortestPathTree, NeverPassesThroughAZone) {
  TempDir dir;
  // 1 -> 2 -> 3 costs 2 but zone 2 is below FIRST THRU NODE; 1 -> 4 -> 3 costs 20.
  const auto text = "1 2 1 1 1 0 0 0 0 1 ;\n2 3 1 1 1 0 0 0 0 1 ;\n1 4 1 1 10 0 0 0 0 1 ;\n4 3 1 1 10 0 0 0 0 1 ;\n";
  for (int first_thru : {1, 4}) {
    const auto net = as::read_tntp_network(dir.write("z.tntp", net_header(3, 4, first_thru, 4) + text));
    const as::LinkGraph g(net);
    as::ShortestPathTree tree(g);
    const std::vector<double> cost = net.links.free_flow_time;
    tree.run(0, cost.data());
    EXPECT_DOUBLE_EQ(tree.distance()[2], first_thru == 1 ? 2 : 20);
    EXPECT_DOUBLE_EQ(tree.distance()[1], 1);  // a zone is still reached as a destination
  }
}

TEST(Assignment, AllOrNothingLoadsTheFreeFlowShortestPath) {
  const auto l = braess();
  const auto r = solve(*l->problem, as::Algorithm::aon, 1e-6);
  // Free flow: s-a-b-t costs 2.5, the others 46.
  EXPECT_EQ(r.flows.total, (std::vector<double>{6000, 0, 0, 6000, 6000}));
  EXPECT_EQ(r.iterations, 1);
  EXPECT_GT(r.relative_gap, 0.01);
}

TEST(Assignment, EveryAlgorithmFindsTheBraessEquilibrium) {
  const auto l = braess();
  const std::vector<double> expected{4350, 1650, 1650, 4350, 2700};
  for (auto alg : {as::Algorithm::fw, as::Algorithm::cfw, as::Algorithm::bfw, as::Algorithm::b}) {
    const auto r = solve(*l->problem, alg, 1e-10);
    EXPECT_TRUE(r.converged) << as::algorithm_name(alg) << " gap " << r.relative_gap;
    for (std::size_t a = 0; a < expected.size(); ++a)
      EXPECT_NEAR(r.flows.total[a], expected[a], 1e-3) << as::algorithm_name(alg) << " link " << a;
    EXPECT_NEAR(r.tstt, 6000 * 89.5, 1e-3);
    EXPECT_NEAR(r.time[0], 44.5, 1e-6);
  }
  // MSA converges too, only slowly.
  const auto msa = solve(*l->problem, as::Algorithm::msa, 1e-4, 3000);
  EXPECT_LT(msa.relative_gap, 1e-2);
  EXPECT_NEAR(msa.flows.total[4], 2700, 100);
}

TEST(Assignment, BeckmannObjectiveIsMinimalAtEquilibrium) {
  const auto l = braess();
  const auto r = solve(*l->problem, as::Algorithm::b, 1e-12);
  // Any other feasible split of the 6000 trips costs more: move 10 trips between routes.
  auto objective_of = [&](double f1, double f2, double f3) {
    as::LinkFlows x(1, 5);
    x.by_class[0] = {f1 + f3, f1, f2, f2 + f3, f3};
    x.sum_classes();
    return as::beckmann_objective(*l->problem, x);
  };
  const double best = objective_of(1650, 1650, 2700);
  EXPECT_NEAR(r.objective, best, 1e-6 * best);
  EXPECT_GT(objective_of(1660, 1650, 2690), best);
  EXPECT_GT(objective_of(1640, 1660, 2700), best);
  EXPECT_GT(objective_of(1650, 1640, 2710), best);
}

TEST(Assignment, ClassesWithTheirOwnTollFactors) {
  TempDir dir;
  // Route X (1-3-2) is quicker and tolled 3; route Y (1-4-2) is free. t_X = 10 + v/100,
  // t_Y = 15 + v/100. Vans (toll factor 0) all take X; cars (toll factor 1) split so that
  // t_X + 3 = t_Y: 100 cars on X, 900 on Y, t_X = 21, t_Y = 24.
  const auto net_path = dir.write("n.tntp", net_header(2, 4, 3, 4) +
                                                "1 3 1000 1 10 1 1 0 3 1 ;\n3 2 0 0 0 0 0 0 0 1 ;\n"
                                                "1 4 1500 1 15 1 1 0 0 1 ;\n4 2 0 0 0 0 0 0 0 1 ;\n");
  const auto trips = dir.write("t.tntp", "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : 1000;\n");
  const auto net = as::read_tntp_network(net_path);
  std::vector<as::TrafficClass> classes(2);
  classes[0].name = "car";
  classes[0].toll_factor = 1;
  classes[1].name = "van";
  classes[1].toll_factor = 0;
  for (auto& c : classes) c.demand = as::read_tntp_trips(trips, 2);
  const as::AssignmentProblem p(net, std::move(classes), as::VolumeDelay(net, as::VdfKind::bpr));
  for (auto alg : {as::Algorithm::b, as::Algorithm::bfw}) {
    const auto r = solve(p, alg, 1e-10);
    ASSERT_TRUE(r.converged) << as::algorithm_name(alg);
    EXPECT_NEAR(r.flows.by_class[0][0], 100, 1e-3) << as::algorithm_name(alg);
    EXPECT_NEAR(r.flows.by_class[0][2], 900, 1e-3);
    EXPECT_NEAR(r.flows.by_class[1][0], 1000, 1e-3);
    EXPECT_NEAR(r.flows.by_class[1][2], 0, 1e-3);
    EXPECT_NEAR(r.time[0], 21, 1e-6);
    EXPECT_NEAR(r.time[2], 24, 1e-6);
  }
}

TEST(Assignment, ConicalEquilibriumEqualisesRouteTimes) {
  TempDir dir;
  const auto path = dir.write("n.tntp", net_header(2, 4, 3, 4) +
                                            "1 3 1000 1 10 1 4 0 0 1 ;\n3 2 0 0 0 0 0 0 0 1 ;\n"
                                            "1 4 1500 1 12 1 6 0 0 1 ;\n4 2 0 0 0 0 0 0 0 1 ;\n");
  const auto l = load(path, dir.write("t.tntp", "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : 2500;\n"),
                      as::VdfKind::conical);
  const auto r = solve(*l->problem, as::Algorithm::b, 1e-12);
  EXPECT_GT(r.flows.total[0], 0);
  EXPECT_GT(r.flows.total[2], 0);
  EXPECT_NEAR(r.flows.total[0] + r.flows.total[2], 2500, 1e-6);
  EXPECT_NEAR(r.time[0], r.time[2], 1e-8);
  EXPECT_GT(r.time[0], 10);
}

TEST(Assignment, AlgorithmBReachesTinyGapsOnAGrid) {
  TempDir dir;
  const auto l = grid(dir);
  const auto b = solve(*l->problem, as::Algorithm::b, 1e-10, 500);
  EXPECT_TRUE(b.converged) << b.relative_gap;
  // The gap history falls (not necessarily every iteration) and the objective never rises.
  for (std::size_t i = 2; i < b.history.size(); ++i) EXPECT_LE(b.history[i].objective, b.history[i - 1].objective * (1 + 1e-12));
  // Bi-conjugate Frank-Wolfe reaches the same link flows.
  const auto bfw = solve(*l->problem, as::Algorithm::bfw, 1e-5, 20000);
  ASSERT_TRUE(bfw.converged) << bfw.relative_gap;
  double diff = 0, total = 0;
  for (std::size_t a = 0; a < l->problem->link_count(); ++a) {
    diff += std::abs(b.flows.total[a] - bfw.flows.total[a]);
    total += b.flows.total[a];
  }
  EXPECT_LT(diff / total, 1e-3);
  // Frank-Wolfe needs more iterations than its conjugate variants for the same gap.
  const auto fw = solve(*l->problem, as::Algorithm::fw, 1e-3, 20000);
  const auto cfw = solve(*l->problem, as::Algorithm::cfw, 1e-3, 20000);
  const auto bfw4 = solve(*l->problem, as::Algorithm::bfw, 1e-3, 20000);
  std::printf("iterations to gap 1e-3: fw %d, cfw %d, bfw %d; B to 1e-10: %d; BFW to 1e-5: %d\n", fw.iterations, cfw.iterations,
              bfw4.iterations, b.iterations, bfw.iterations);
  EXPECT_LT(bfw4.iterations, fw.iterations);
  EXPECT_LT(cfw.iterations, fw.iterations);
}

TEST(Assignment, SameResultForAnyThreadCount) {
  TempDir dir;
  const auto l = grid(dir);
  for (auto alg : {as::Algorithm::aon, as::Algorithm::bfw, as::Algorithm::b}) {
    const auto one = solve(*l->problem, alg, 1e-6, 30, 1);
    const auto three = solve(*l->problem, alg, 1e-6, 30, 3);
    EXPECT_EQ(one.flows.total, three.flows.total) << as::algorithm_name(alg);
    EXPECT_EQ(one.relative_gap, three.relative_gap) << as::algorithm_name(alg);
  }
}

TEST(Assignment, WarmStartContinuesWhereARunStopped) {
  TempDir dir;
  const auto l = grid(dir);
  const auto cold = solve(*l->problem, as::Algorithm::bfw, 1e-5, 20000);
  const auto rough = solve(*l->problem, as::Algorithm::bfw, 1e-3, 20000);
  const auto path = dir.file("rough.csv");
  as::write_flows_csv(path, *l->problem, rough, false);
  const auto start = as::read_flows_csv(path, *l->problem);
  EXPECT_EQ(start.total, rough.flows.total);  // 17 digits read back bit for bit
  as::check_flow_conservation(*l->problem, start);
  as::AssignmentOptions o;
  o.algorithm = as::Algorithm::bfw;
  o.target_gap = 1e-5;
  o.max_iterations = 20000;
  o.warm_start = &start;
  const auto warm = as::assign(*l->problem, o);
  ASSERT_TRUE(warm.converged);
  EXPECT_NEAR(warm.history.front().relative_gap, rough.relative_gap, 1e-12);
  EXPECT_LT(warm.iterations, cold.iterations);
  // Algorithm B cannot start from link flows, and says so.
  o.algorithm = as::Algorithm::b;
  EXPECT_THROW(as::assign(*l->problem, o), std::invalid_argument);
  // Flows that do not fit the demand are refused, naming the node.
  auto broken = start;
  broken.by_class[0][0] += 50;
  broken.sum_classes();
  try {
    as::check_flow_conservation(*l->problem, broken);
    FAIL() << "accepted flows that are not conserved";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("do not fit this demand: at node"), std::string::npos);
  }
}

TEST(FlowCsv, WritesAtomicallyAndRefusesToOverwrite) {
  TempDir dir;
  const auto l = braess();
  const auto r = solve(*l->problem, as::Algorithm::b, 1e-10);
  const auto path = dir.file("flows.csv");
  as::write_flows_csv(path, *l->problem, r, false);
  std::ifstream in(path);
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  EXPECT_EQ(header, "init_node,term_node,flow,cost");
  EXPECT_EQ(first.rfind("1,3,4350", 0), 0u) << first;
  EXPECT_THROW(as::write_flows_csv(path, *l->problem, r, false), std::invalid_argument);
  EXPECT_NO_THROW(as::write_flows_csv(path, *l->problem, r, true));
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(fs::path(path).parent_path())) ++files;
  EXPECT_EQ(files, 1);  // no temporary file left behind
  // The best-known comparison, by link order and by node pair.
  auto rows = as::read_tntp_flows(kData + "braess_flow.tntp");
  auto cmp = as::compare_flows(l->net, r.flows.total, rows, "braess_flow.tntp");
  EXPECT_LT(cmp.relative(), 1e-9);
  std::swap(rows[0], rows[3]);
  cmp = as::compare_flows(l->net, r.flows.total, rows, "braess_flow.tntp");
  EXPECT_LT(cmp.relative(), 1e-9);
  rows[0].flow += 100;
  EXPECT_NEAR(as::compare_flows(l->net, r.flows.total, rows, "x").sum_abs_difference, 100, 1e-6);
}

TEST(Assignment, TiesOnConstantLinksAreToldFromRealDifferences) {
  // ties_flow.tntp splits two equal-cost constant segments 40/60 (tests/data/assignment/README.md);
  // the solution here may split them otherwise, and both are equilibria: the difference is
  // confined to the constant links and moving to the file's split costs nothing.
  const auto rows = as::read_tntp_flows(kData + "ties_flow.tntp");
  auto costs = [](const as::AssignmentProblem& p, const as::AssignmentResult& r) {
    std::vector<double> c(r.time);
    for (std::size_t a = 0; a < c.size(); ++a) c[a] += p.fixed_cost(0)[a];
    return c;
  };
  const auto l = load(kData + "ties_net.tntp", kData + "ties_trips.tntp");
  const auto r = solve(*l->problem, as::Algorithm::b, 1e-12);
  ASSERT_TRUE(r.converged) << r.relative_gap;
  const auto cmp = as::compare_flows(l->net, r.flows.total, rows, "ties_flow.tntp", costs(*l->problem, r));
  EXPECT_LT(cmp.relative_congestible(), 1e-12);
  EXPECT_GT(cmp.sum_abs_difference_constant, 100);  // one side here, 40/60 in the file
  EXPECT_LT(std::abs(cmp.constant_cost_change), 1e-12 * r.tstt);
  // With the segment through node 6 dearer by 0.1, the file's 60% there is no tie.
  TempDir dir;
  std::ifstream in(kData + "ties_net.tntp");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string tie_link = "\t6\t7\t0\t1\t0.5\t";
  ASSERT_NE(text.find(tie_link), std::string::npos);
  text.replace(text.find(tie_link), tie_link.size(), "\t6\t7\t0\t1\t0.6\t");
  const auto u = load(dir.write("unequal_net.tntp", text), kData + "ties_trips.tntp");
  const auto ru = solve(*u->problem, as::Algorithm::b, 1e-12);
  ASSERT_TRUE(ru.converged) << ru.relative_gap;
  const auto cu = as::compare_flows(u->net, ru.flows.total, rows, "ties_flow.tntp", costs(*u->problem, ru));
  EXPECT_NEAR(cu.constant_cost_change, 0.1 * rows[5].flow, 1e-6);  // 210.69 trips at 0.1 more
  EXPECT_GT(std::abs(cu.constant_cost_change), 1e-4 * ru.tstt);
}

TEST(Assignment, SiouxFallsReachesTheBestKnownFlows) {
  const std::string dir = std::string(SILKROUTE_SOURCE_DIR) + "/../shared/data/assignment/SiouxFalls/";
  if (!fs::exists(dir + "SiouxFalls_net.tntp")) GTEST_SKIP() << dir << " is absent";
  const auto l = load(dir + "SiouxFalls_net.tntp", dir + "SiouxFalls_trips.tntp");
  const auto r = solve(*l->problem, as::Algorithm::b, 1e-10, 1000, 2);
  ASSERT_TRUE(r.converged) << r.relative_gap;
  const auto cmp = as::compare_flows(l->net, r.flows.total, as::read_tntp_flows(dir + "SiouxFalls_flow.tntp"), "flow");
  EXPECT_LT(cmp.relative(), 1e-5);
  // The README's optimal objective is 42.31335287107440, in units of 1e5 (flows are hundreds).
  EXPECT_NEAR(r.objective / 1e5, 42.31335287107440, 1e-6);
}

TEST(Assignment, AlgorithmBStopsWhenIterationsChangeNothing) {
  // A target gap of 0 is below rounding: B must stop by itself, not spin to the limit.
  const auto l = braess();
  const auto r = solve(*l->problem, as::Algorithm::b, 0.0, 100000);
  EXPECT_LT(r.iterations, 1000);
  EXPECT_TRUE(r.converged || r.stalled);
  EXPECT_NEAR(r.flows.total[4], 2700, 1e-6);
}
