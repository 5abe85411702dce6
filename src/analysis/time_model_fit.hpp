#pragma once
// Fits the time model's global parameters (time_model.csv rows marked fitted) to published
// transit times, and says by k-fold cross-validation what the model gets on pairs it was not
// fitted to. The loss is the mean absolute log distance of each model time from the
// published range (zero inside it), so no single pair dominates and a range is a range.
// Parameters move only inside their physical bounds; nothing is fitted per pair or per link.

#include <functional>
#include <string>
#include <vector>

#include "analysis/calibration.hpp"
#include "network/network.hpp"

namespace silkroute {

struct FitOptions {
  int folds = 5;
  unsigned seed = 1;
  int max_evaluations = 400;  // per fit (the whole fit and each fold's)
  // Weight of the pull toward the sourced priors: the loss adds prior_weight times the mean,
  // over the fitted parameters, of the squared distance from the prior in units of the
  // parameter's bounds (0 at the prior, 1 at the far bound). 0 fits the pairs alone. 3 was
  // chosen by cross-validation (docs/calibration.md, "Pulled toward the priors").
  double prior_weight = 3;
  // Called after each evaluation: (fits done, fits in all, evaluations in this fit).
  std::function<void(int, int, int)> progress;
};

// Figures on a set of pairs: share inside the published range widened by 15% each side,
// median relative error against the nearest end of the range (0 inside), and how many.
struct FitFigures {
  int pairs = 0;
  double share_inside = 0;
  double median_error = 0;
  double mean_abs_log_error = 0;
};

struct FittedPair {
  PublishedPair pair;
  double in_sample_h = 0;        // with the parameters fitted on all pairs
  double cross_validated_h = 0;  // with the parameters fitted on the other folds
  int fold = 0;
};

struct FitResult {
  std::vector<TimeParamValue> start;   // the dataset's parameters (prior and value), per TimeParam
  std::vector<TimeParamValue> fitted;  // after the fit on all pairs
  FitFigures start_figures;            // all pairs, the sourced priors
  FitFigures in_sample;                // all pairs, fitted on all
  FitFigures cross_validated;          // each pair predicted by the fit on the other folds
  std::vector<FittedPair> pairs;       // the pairs with a published time and a route
  std::vector<CalibrationRow> skipped;  // unknown places, no route, no published time
  int evaluations = 0;
};

// Relative error of a model time against a published range: 0 inside, else the distance to
// the nearest end over that end.
double range_error(double model_h, double low_h, double high_h);

FitResult fit_time_model(const Network& net, const std::vector<PublishedPair>& pairs, const FitOptions& options);

// time_model.csv with the fitted values (comments and sources kept from `original_text`).
std::string time_model_csv(const std::string& original_text, const std::vector<TimeParamValue>& values);

}  // namespace silkroute
