#include <gtest/gtest.h>

#include "analysis/matrix.hpp"
#include "analysis/pair_routing.hpp"
#include "cost/cost_model.hpp"
#include "routing/route.hpp"
#include "test_support.hpp"

using namespace silkroute;
using test::mini;

namespace {
LinkIndex link(const std::string& id) { return *mini().link_by_id(id); }
}  // namespace

TEST(CostModel, RailLinkFromModeDefaults) {
  Scenario s;
  const CostModel cost(mini(), *mini().cargo("general"), Objective::time, s);
  const auto c = cost.link_cost(link("r_dostyk_astana"));  // 1300 km at 50 km/h, 0.4 USD and 0.3 kg per TEU-km
  EXPECT_DOUBLE_EQ(c.running.time_h, 26.0);
  EXPECT_DOUBLE_EQ(c.running.cost_usd, 520.0);
  EXPECT_DOUBLE_EQ(c.running.co2_kg, 390.0);
  EXPECT_DOUBLE_EQ(c.wait_h, 0.0);
  EXPECT_FALSE(c.border.has_value());
}

TEST(CostModel, FerryWaitsHalfAHeadwayAndUsesExplicitTime) {
  Scenario s;
  const CostModel cost(mini(), *mini().cargo("general"), Objective::time, s);
  const auto c = cost.link_cost(link("f_aktau_baku"));  // 20 h sailing, 2 departures a week
  EXPECT_DOUBLE_EQ(c.running.time_h, 20.0);
  EXPECT_DOUBLE_EQ(c.wait_h, 42.0);
  ASSERT_TRUE(c.border.has_value());
  EXPECT_EQ(c.border->regime, "border rule");
  EXPECT_DOUBLE_EQ(c.total().time_h, 20.0 + 42.0 + 12.0);
}

TEST(CostModel, CustomsUnionOnlyFromItsYear) {
  Scenario today;
  Scenario y2013;
  y2013.year = 2013;
  const auto& cargo = *mini().cargo("general");
  const auto now = CostModel(mini(), cargo, Objective::time, today).border_cost("KAZ", "RUS", Mode::rail);
  const auto then = CostModel(mini(), cargo, Objective::time, y2013).border_cost("KAZ", "RUS", Mode::rail);
  ASSERT_TRUE(now && then);
  EXPECT_EQ(now->regime, "customs union EAEU");
  EXPECT_DOUBLE_EQ(now->dwell_h, 0.0);
  EXPECT_EQ(then->regime, "border rule");
  EXPECT_DOUBLE_EQ(then->dwell_h, 20.0);
}

TEST(CostModel, AgreementReducesDwellAndFeeFromItsYear) {
  const auto& cargo = *mini().cargo("general");
  Scenario today;
  Scenario y2018;
  y2018.year = 2018;
  const auto now = CostModel(mini(), cargo, Objective::time, today).border_cost("CHN", "KAZ", Mode::rail);
  const auto before = CostModel(mini(), cargo, Objective::time, y2018).border_cost("KAZ", "CHN", Mode::rail);
  EXPECT_DOUBLE_EQ(now->dwell_h, 5.0);  // 10 h x 0.5 (single window)
  EXPECT_DOUBLE_EQ(now->fee_usd, 120.0);
  EXPECT_EQ(now->agreements, std::vector<std::string>{"chn_kaz_single_window"});
  EXPECT_DOUBLE_EQ(before->dwell_h, 10.0);
  EXPECT_TRUE(before->agreements.empty());
}

TEST(CostModel, NoBorderStopForSeaOrAir) {
  Scenario s;
  const CostModel cost(mini(), *mini().cargo("general"), Objective::time, s);
  EXPECT_FALSE(cost.border_cost("CHN", "DEU", Mode::air).has_value());
  EXPECT_FALSE(cost.border_cost("CHN", "NLD", Mode::sea).has_value());
}

TEST(CostModel, ValueOfTimeAndObjectives) {
  Scenario s;
  s.carbon_price_usd_per_t = 100;
  const auto& electronics = *mini().cargo("electronics");
  EXPECT_NEAR(electronics.value_of_time_usd_per_h(), 500000 * 0.01 / 24, 1e-9);
  Metrics m{10, 1000, 2000, 500};
  const CostModel gen(mini(), electronics, Objective::generalized, s);
  EXPECT_NEAR(gen.weight(m), 1000 + 10 * 500000 * 0.01 / 24 + 100 * 2.0, 1e-9);
  const CostModel time(mini(), electronics, Objective::time, s);
  EXPECT_NEAR(time.weight(m), 10.0, 0.01);
  const CostModel co2(mini(), electronics, Objective::co2, s);
  EXPECT_NEAR(co2.weight(m), 2000.0, 0.01);
}

TEST(CostModel, ReeferCostFactorAndBulkExclusions) {
  Scenario s;
  const CostModel reefer(mini(), *mini().cargo("reefer"), Objective::cost, s);
  EXPECT_DOUBLE_EQ(reefer.link_cost(link("r_dostyk_astana")).running.cost_usd, 520.0 * 1.3);
  const CostModel bulk(mini(), *mini().cargo("bulk"), Objective::cost, s);
  EXPECT_FALSE(bulk.mode_allowed(Mode::air));
  EXPECT_TRUE(bulk.mode_allowed(Mode::sea));
}

TEST(Objective, Parse) {
  EXPECT_EQ(parse_objective("fastest"), Objective::time);
  EXPECT_EQ(parse_objective("co2"), Objective::co2);
  EXPECT_FALSE(parse_objective("shortest").has_value());
}

// Every mode is one entry of SILKROUTE_MODES; everything that lists modes reads it.
TEST(ModeRegistry, EveryModeIsKnownEverywhereFromItsOneEntry) {
  ASSERT_EQ(kAllModes.size(), kModeTraits.size());
  for (const auto& t : kModeTraits) {
    EXPECT_EQ(parse_mode(t.name), t.mode) << t.name;
    EXPECT_EQ(mode_name(t.mode), t.name);
    EXPECT_EQ(&mode_traits(t.mode), &t);
    EXPECT_NE(mode_names().find(std::string(t.name)), std::string::npos) << t.name;
    EXPECT_EQ(t.colour.size(), 7u) << t.name;  // "#rrggbb" for maps and GIS styling
    EXPECT_NE(t.node_kinds, 0u) << t.name;
    // Restricting pairs to one mode closes every other registered mode.
    const auto only = restricted_to_modes(Scenario{}, {t.mode});
    EXPECT_EQ(only.closed.modes.size(), kModeTraits.size() - 1) << t.name;
    EXPECT_FALSE(only.closed.modes.count(t.mode));
  }
  EXPECT_FALSE(parse_mode("hovercraft"));
  // A gauge only where the mode has one.
  EXPECT_EQ(carrier_name({Mode::rail, 1520}), "rail 1520 mm");
  EXPECT_EQ(carrier_name({Mode::sea, 0}), "sea");
  EXPECT_FALSE(parse_carrier_pattern("sea:1520"));
}

TEST(EnumNames, OneListGivesNamesParsersAndMessages) {
  EXPECT_EQ(objective_name(Objective::generalized), "generalized");
  EXPECT_EQ(parse_objective("fastest"), Objective::time);
  EXPECT_EQ(enum_list<Objective>(), "time, cost, co2, generalized");
  EXPECT_EQ(node_kind_name(NodeKind::border_station), "border_station");
  EXPECT_EQ(parse_node_kind("rail_terminal"), NodeKind::rail_terminal);
  EXPECT_EQ(stop_kind_name(StopKind::gauge_change), "gauge change");
  EXPECT_EQ(parse_matrix_metric("co2"), MatrixMetric::co2_kg);
  EXPECT_EQ(parse_matrix_metric("generalized"), MatrixMetric::generalized_cost_usd);
  EXPECT_FALSE(parse_matrix_metric("cost_us"));
}

// Network::border_rule passes rules by on their first letter before comparing names: for every
// pair of countries the rules name (either order, every mode) and a pair none names, it finds
// the rule a plain scan finds (a mode's own rule first, else the last rule for every mode).
TEST(CostModel, BorderRuleLookupFindsWhatAPlainScanFinds) {
  const auto& net = test::bri();
  auto plain = [&](const std::string& a, const std::string& b, Mode mode) -> const BorderRule* {
    const BorderRule* any_mode = nullptr;
    for (const auto& r : net.border_rules) {
      if (!((r.country_a == a && r.country_b == b) || (r.country_a == b && r.country_b == a))) continue;
      if (r.mode == mode) return &r;
      if (!r.mode) any_mode = &r;
    }
    return any_mode;
  };
  int found = 0;
  for (const auto& r : net.border_rules)
    for (const auto& [a, b] : {std::pair{r.country_a, r.country_b}, std::pair{r.country_b, r.country_a}})
      for (const auto mode : kAllModes) {
        const auto* fast = net.border_rule(a, b, mode);
        EXPECT_EQ(fast, plain(a, b, mode)) << a << "-" << b << " " << mode_name(mode);
        found += fast != nullptr;
      }
  EXPECT_GT(found, 2 * static_cast<int>(net.border_rules.size()));
  EXPECT_EQ(net.border_rule("CHN", "XXX", Mode::rail), nullptr);
  EXPECT_EQ(net.border_rule("", "KAZ", Mode::rail), plain("", "KAZ", Mode::rail));
}
