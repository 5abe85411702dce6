#pragma once
// Turns what a user typed into a Place, the same way for every front end: a network node by
// an exact match (PlaceFinder), else coordinates, else a gazetteer place by an exact match;
// anything else is refused with "did you mean". Never a near miss taken silently.

#include <memory>
#include <mutex>
#include <optional>

#include "cost/access_leg.hpp"
#include "network/place_finder.hpp"
#include "places/coordinates.hpp"
#include "places/gazetteer.hpp"
#include "places/place.hpp"

namespace silkroute {

class PlaceResolver {
 public:
  // access: the dataset's access.csv (nullopt: places must be nodes). The gazetteer it names
  // is read on first use, so queries between nodes never pay for it.
  PlaceResolver(const Network& net, const PlaceFinder& finder, std::optional<AccessParams> access);

  // Throws PlaceNotFound ("field: unknown place 'x'; did you mean ...") or, for coordinates
  // out of range, std::invalid_argument. A resolved place that is not a node carries its
  // candidate terminals, or no_join_reason.
  Place resolve(const std::string& text, const std::string& field, CoordinateOrder order) const;

  // Places matching a query for `silkroute places`: exact matches, then names starting
  // with it, then near spellings; nodes and gazetteer places, at most `limit`. Coordinates
  // (in the given order) give the point itself and where it joins.
  std::vector<Place> search(const std::string& query, std::size_t limit, CoordinateOrder order) const;

  const std::optional<AccessParams>& access() const { return access_; }
  const PlaceFinder& finder() const { return finder_; }
  // The gazetteer of populated places (empty when the dataset names none); loads it on first call.
  const Gazetteer& gazetteer() const;
  // UN/LOCODE's transport locations (empty when the dataset names none); loads them all on first
  // call, which only a listing or a near miss makes (a name reads only its own: transport_matching).
  const Gazetteer& transport_gazetteer() const;
  // The transport locations `text` names exactly, read without the others (Gazetteer::load_matching).
  Gazetteer transport_matching(const std::string& text) const;

 private:
  Place from_node(NodeIndex n, const std::string& asked, const std::string& match) const;
  Place from_gazetteer(const Gazetteer& gz, std::size_t i, const std::string& asked, const std::string& match) const;
  void join(Place& place) const;
  // A gazetteer place that is a network node already (same name and country, within 50 km).
  bool twin_node(const GazetteerPlace& g) const;

  const Network& net_;
  const PlaceFinder& finder_;
  std::optional<AccessParams> access_;
  std::vector<NodeIndex> road_nodes_;  // nodes with a road link: where a first mile can end
  mutable std::once_flag gazetteer_once_;
  mutable std::unique_ptr<Gazetteer> gazetteer_;
  mutable std::once_flag transport_once_;
  mutable std::unique_ptr<Gazetteer> transport_;
};

}  // namespace silkroute
