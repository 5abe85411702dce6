#pragma once
// The measured dwell of a crossing point (crossings.csv, docs/time-model.md "Borders and
// terminals") for a train's service and the network's year. A crossing can have several rows:
// one for every service and every year, and rows for one rail service (express block trains
// clear in hours where the ordinary trains CAREC samples queue for a day or more) or from a year
// on (Mohan/Boten took over 40 h when the China-Laos railway opened, under 5 h from 2023).
// They are kept in TimeModel::crossing_dwell_h under the keys below: the plain link id for the
// row of every service and every year, a composite key for the others.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "network/time_model.hpp"

namespace silkroute {

// The last year a crossings.csv row may start in; later network years take the latest row.
inline constexpr int kLastCrossingYear = 2100;

// Key of a crossing row: the link id alone for every service in every year (from_year 0);
// "link|service|from_year" otherwise, with "*" for every service.
inline std::string crossing_dwell_key(std::string_view link, std::optional<RailService> service, int from_year) {
  if (!service && from_year == 0) return std::string(link);
  return std::string(link) + "|" + (service ? std::string(enum_name(*service)) : std::string("*")) + "|" +
         std::to_string(from_year);
}

// Marks a link with rows for one service or from a year on; its value is the earliest from_year
// among them (0 when every such row holds in every year), so a lookup knows how far back to look.
inline std::string crossing_variants_key(std::string_view link) { return std::string(link) + "|variants"; }

// The dwell of `link` for a train of `service` (a truck: any service) in network year `year`: the
// rows measured on the train's own service first, then the every-service rows; among either, the
// row with the latest from_year not after `year`. nullopt where no row applies (the country pair's
// rule then holds).
inline std::optional<double> crossing_dwell_for(const TimeModel& tm, const std::string& link, RailService service,
                                                int year) {
  const auto& rows = tm.crossing_dwell_h;
  const auto find = [&](std::optional<RailService> s, int from) -> std::optional<double> {
    const auto it = rows.find(crossing_dwell_key(link, s, from));
    return it == rows.end() ? std::nullopt : std::optional<double>(it->second);
  };
  const auto variants = rows.find(crossing_variants_key(link));
  if (variants == rows.end()) return find(std::nullopt, 0);
  const int earliest = static_cast<int>(variants->second);
  for (const std::optional<RailService> s : {std::optional<RailService>(service), std::optional<RailService>()}) {
    if (earliest > 0)
      for (int y = std::min(year, kLastCrossingYear); y >= earliest; --y)
        if (const auto d = find(s, y)) return d;
    if (const auto d = find(s, 0)) return d;
  }
  return std::nullopt;
}

}  // namespace silkroute
