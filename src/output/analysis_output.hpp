#pragma once
// How compare, criticality and impact results are shown: aligned tables for the terminal,
// CSV for spreadsheets and pandas, JSON for programs.

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/compare.hpp"
#include "analysis/criticality.hpp"
#include "analysis/trade_impact.hpp"

namespace silkroute::output {

struct CompareView {
  int top = 10;  // largest per-pair changes listed
  bool by_country = false;
  bool by_corridor = false;
};

std::string comparison_table(const Network& net, const Comparison& c, const CompareView& view);
// Per-pair rows, or per-country (and per-corridor) rows when asked.
std::string comparison_csv(const Network& net, const Comparison& c, const CompareView& view);
nlohmann::ordered_json comparison_json(const Network& net, const Comparison& c);

// One ranked element's numbers, as criticality JSON and the exported map layer show them.
nlohmann::ordered_json critical_element_json(const CriticalElement& e);
std::string criticality_table(const CriticalityResult& r, int top);
std::string criticality_csv(const CriticalityResult& r);
nlohmann::ordered_json criticality_json(const CriticalityResult& r);

std::string impact_table(const Network& net, const TradeImpact& t, int top);
std::string impact_csv(const TradeImpact& t);
nlohmann::ordered_json impact_json(const TradeImpact& t);

}  // namespace silkroute::output
