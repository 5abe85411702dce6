// Point-to-point queries: a forward upward search from s and a backward one from t,
// interleaved, each stopping once its queue's minimum cannot improve the best meeting.

#include "routing/ch/contraction_hierarchy.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include "routing/ch/upward_search.hpp"

namespace silkroute::ch {

void ContractionHierarchy::check_node(std::int32_t v, const char* what) const {
  if (v < 0 || v >= node_count_)
    throw std::out_of_range(std::string(what) + " node " + std::to_string(v) + " is outside 0.." +
                            std::to_string(node_count_ - 1));
}

Weight ContractionHierarchy::distance_units(std::int32_t s, std::int32_t t, SearchCounts* counts) const {
  check_node(s, "source");
  check_node(t, "target");
  // Buffers are kept per thread so a query allocates nothing; they are made again for
  // another hierarchy, and bound to this object's graphs on every call (a copy or a moved
  // hierarchy keeps its id).
  struct Buffers {
    detail::UpwardSearch forward, backward;
  };
  thread_local std::uint64_t owner = 0;
  thread_local std::unique_ptr<Buffers> buffers;
  if (owner != id_) {
    buffers.reset(new Buffers{{up_, down_, node_count_}, {down_, up_, node_count_}});
    owner = id_;
  }
  auto& forward = buffers->forward;
  auto& backward = buffers->backward;
  forward.bind(up_, down_);
  backward.bind(down_, up_);
  const auto rs = rank_of_[s], rt = rank_of_[t];
  if (rs == rt) return 0;
  SearchCounts local;
  forward.start(rs);
  backward.start(rt);
  // A node settled by one side meets the other at its tentative distance there; a side is
  // done once its minimum is no less than the best meeting (later nodes only get farther).
  Weight best = kUnreachable;
  for (;;) {
    const Weight f = forward.min_key(), b = backward.min_key();
    if (f >= best && b >= best) break;
    auto& side = f <= b ? forward : backward;
    auto& other = f <= b ? backward : forward;
    const auto settled = side.settle_next(local);
    const Weight meet = settled.dist + other.distance(settled.node);
    if (meet < best) best = meet;
  }
  if (counts) {
    counts->settled += local.settled;
    counts->relaxed += local.relaxed;
  }
  return best;
}

double ContractionHierarchy::distance(std::int32_t s, std::int32_t t, SearchCounts* counts) const {
  return from_units(distance_units(s, t, counts), weight_scale_);
}

}  // namespace silkroute::ch
