#include "analysis/cv_folds.hpp"

#include <algorithm>
#include <map>
#include <random>

namespace silkroute {

namespace {

// Our own Fisher-Yates over a 64-bit Mersenne twister, so every platform draws the same.
template <typename T>
void seeded_shuffle(std::vector<T>& v, unsigned seed) {
  std::mt19937_64 rng(seed);
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
}

}  // namespace

std::vector<int> random_folds(std::size_t n, int folds, unsigned seed) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  seeded_shuffle(order, seed);
  std::vector<int> fold(n, 0);
  const auto k = static_cast<std::size_t>(std::max(1, folds));
  for (std::size_t j = 0; j < n; ++j) fold[order[j]] = static_cast<int>(j % k);
  return fold;
}

std::vector<int> grouped_folds(const std::vector<std::string>& group_of, int folds, unsigned seed) {
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < group_of.size(); ++i) members[group_of[i]].push_back(i);
  std::vector<const std::vector<std::size_t>*> groups;
  for (const auto& [name, m] : members) groups.push_back(&m);
  // The seeded shuffle breaks ties between groups of one size; the stable sort keeps it.
  seeded_shuffle(groups, seed);
  std::stable_sort(groups.begin(), groups.end(), [](auto a, auto b) { return a->size() > b->size(); });
  const auto k = static_cast<std::size_t>(std::max(1, std::min(folds, static_cast<int>(groups.size()))));
  std::vector<std::size_t> load(k, 0);
  std::vector<int> fold(group_of.size(), 0);
  for (const auto* g : groups) {
    const auto f = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    load[f] += g->size();
    for (auto i : *g) fold[i] = static_cast<int>(f);
  }
  return fold;
}

std::string structure_group(const std::string& mode, const std::string& origin_region, const std::string& destination_region) {
  const auto a = origin_region.empty() ? std::string("other") : origin_region;
  const auto b = destination_region.empty() ? std::string("other") : destination_region;
  return mode + " " + std::min(a, b) + "-" + std::max(a, b);
}

}  // namespace silkroute
