#pragma once
// How calibrate's cross-validation splits published pairs into what a fit sees and what it
// predicts. Random folds let pairs of one corridor sit on both sides, so they flatter the
// model; grouped folds keep each structure group (mode and the regions of a pair's ends)
// whole on one side; forward steps by batch fit on the batches curated before and predict
// the next one, the way fresh published pairs arrive (docs/calibration.md).

#include <string>
#include <vector>

namespace silkroute {

// Fold (0..folds-1) of each of n items: a seeded shuffle dealt round the folds.
std::vector<int> random_folds(std::size_t n, int folds, unsigned seed);

// Fold of each item such that items of one group share a fold: groups, largest first (ties
// in a seeded order), each go to the fold with the fewest items so far. Fewer groups than
// folds give one fold per group.
std::vector<int> grouped_folds(const std::vector<std::string>& group_of, int folds, unsigned seed);

// The structure group of a pair: its mode and the unordered pair of its ends' regions
// ("rail china-europe"); `other` for a country without a region.
std::string structure_group(const std::string& mode, const std::string& origin_region, const std::string& destination_region);

}  // namespace silkroute
