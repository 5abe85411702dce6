#pragma once
// Volume-delay functions: link travel time as a function of link volume, per link.
//
// BPR:     t(v) = t0 * (1 + B * (v/c)^P)
// Conical: t(v) = t0 * (2 + sqrt(a^2 (1-x)^2 + s^2) - a (1-x) - s),  x = v/c,
//          s = (2a - 1) / (2a - 2), a > 1  (Spiess 1990, "Conical volume-delay functions",
//          Transportation Science 24(2)). t(0) = t0 and t(c) = 2 t0 as with BPR's B = 1;
//          unlike BPR it has a finite slope above capacity and a positive one below it.
// A link with B = 0 has a constant time t0 under either function. For conical links the
// steepness a is the link's power column (the role BPR's power plays), and B only switches
// congestion on or off.

#include <cstdint>
#include <vector>

#include "assignment/network.hpp"

namespace silkroute::assignment {

enum class VdfKind : std::uint8_t { bpr, conical };

class VolumeDelay {
 public:
  VolumeDelay() = default;
  // kind_per_link empty: every link uses `kind`. Throws std::invalid_argument naming the
  // file line of a conical link whose power is not above 1.
  VolumeDelay(const AssignmentNetwork& net, VdfKind kind, std::vector<VdfKind> kind_per_link = {});

  std::size_t size() const { return t0_.size(); }
  double time(std::size_t a, double v) const;
  double derivative(std::size_t a, double v) const;  // dt/dv
  double integral(std::size_t a, double v) const;    // integral of t from 0 to v
  VdfKind kind(std::size_t a) const { return kind_[a]; }

  // Times of all links at volumes v.
  void times(const std::vector<double>& v, std::vector<double>& t) const;
  void derivatives(const std::vector<double>& v, std::vector<double>& d) const;

 private:
  std::vector<VdfKind> kind_;
  std::vector<double> t0_, b_, power_, capacity_;
  std::vector<double> conical_s_;  // s = (2a-1)/(2a-2) for conical links
};

}  // namespace silkroute::assignment
