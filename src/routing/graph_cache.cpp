#include "routing/graph_cache.hpp"

#include <list>
#include <map>
#include <mutex>
#include <sstream>

namespace silkroute {

namespace {

template <typename T>
void optional_field(std::ostringstream& out, const char* name, const std::optional<T>& v) {
  if (v) out << name << '=' << *v << ';';
}

}  // namespace

std::string scenario_fingerprint(const Scenario& s) {
  std::ostringstream out;
  out.precision(17);
  out << "year=" << s.year << ";carbon=" << s.carbon_price_usd_per_t << ";";
  out << "countries:";
  for (const auto& c : s.closed.countries) out << c << ',';
  out << ";nodes:";
  for (auto n : s.closed.nodes) out << n << ',';
  out << ";links:";
  for (auto l : s.closed.links) out << l << ',';
  out << ";chokepoints:";
  for (const auto& c : s.closed.chokepoints) out << c << ',';
  out << ";modes:";
  for (auto m : s.closed.modes) out << static_cast<int>(m) << ',';
  out << ";borders:";
  for (const auto& [a, b] : s.closed.borders) out << a << '-' << b << ',';
  for (const auto& [mode, o] : s.mode_overrides) {
    out << ";mode" << static_cast<int>(mode) << ':' << o.speed_factor << ',' << o.cost_factor << ',';
    optional_field(out, "speed", o.speed_kmh);
    optional_field(out, "cost", o.cost_usd_per_teu_km);
    optional_field(out, "co2", o.co2_kg_per_teu_km);
    optional_field(out, "handling", o.handling_h);
    optional_field(out, "handling_cost", o.handling_cost_usd);
  }
  // Unordered maps: in key order, so equal scenarios give equal text.
  std::map<LinkIndex, const LinkOverride*> links;
  for (const auto& [l, o] : s.link_overrides) links[l] = &o;
  for (const auto& [l, o] : links) {
    out << ";link" << l << ':' << o->speed_factor << ',' << o->departures_factor << ',';
    optional_field(out, "speed", o->speed_kmh);
    optional_field(out, "departures", o->departures_per_week);
    optional_field(out, "cost", o->cost_usd_per_teu_km);
  }
  std::map<std::int32_t, const TransferOverride*> transfers;
  for (const auto& [t, o] : s.transfer_overrides) transfers[t] = &o;
  for (const auto& [t, o] : transfers) {
    out << ";transfer" << t << ':' << o->dwell_factor << ',';
    optional_field(out, "dwell", o->dwell_h);
    optional_field(out, "cost", o->cost_usd);
  }
  for (const auto& b : s.border_overrides) {
    out << ";border" << b.countries.first << '-' << b.countries.second << ':'
        << (b.mode ? static_cast<int>(*b.mode) : -1) << ',' << b.dwell_factor << ',' << b.fee_factor << ',';
    optional_field(out, "dwell", b.dwell_h);
    optional_field(out, "fee", b.fee_usd);
  }
  for (const auto& a : s.added_agreements)
    out << ";agreement" << a.id << ':' << a.country_a << '-' << a.country_b << ',' << a.dwell_factor << ','
        << a.fee_factor << ',' << a.year;
  out << ";removed:";
  for (const auto& r : s.removed_agreements) out << r << ',';
  return out.str();
}

namespace {
struct Entry {
  std::string key;
  std::shared_ptr<const StateGraph> graph;
};
std::mutex mutex;
std::list<Entry> entries;  // most recently used first
constexpr std::size_t kCapacity = 8;
}  // namespace

void clear_state_graph_cache() {
  std::lock_guard lock(mutex);
  entries.clear();
}

std::shared_ptr<const StateGraph> cached_state_graph(const Network& net, const CostModel& cost) {
  std::ostringstream key;
  key << net.identity() << '|' << cost.cargo().id
      << '|' << static_cast<int>(cost.objective()) << '|' << scenario_fingerprint(cost.scenario());
  const auto k = key.str();
  {
    std::lock_guard lock(mutex);
    for (auto it = entries.begin(); it != entries.end(); ++it) {
      if (it->key != k) continue;
      entries.splice(entries.begin(), entries, it);
      return entries.front().graph;
    }
  }
  auto graph = std::make_shared<const StateGraph>(build_state_graph(net, cost));
  std::lock_guard lock(mutex);
  entries.push_front({k, graph});
  if (entries.size() > kCapacity) entries.pop_back();
  return graph;
}

}  // namespace silkroute
