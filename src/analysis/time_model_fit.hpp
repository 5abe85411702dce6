#pragma once
// Fits the time model's global parameters (time_model.csv rows marked fitted) to published
// transit times, and says by k-fold cross-validation what the model gets on pairs it was not
// fitted to. The loss is the mean absolute log distance of each model time from the
// published range (zero inside it), so no single pair dominates and a range is a range.
// Parameters move only inside their physical bounds; nothing is fitted per pair or per link.

#include <cmath>
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
  // Beside the random folds (the first two each add fits; docs/calibration.md, "Which
  // cross-validation predicts unseen pairs"): grouped folds keep each structure group (mode and
  // the regions of the ends) whole on one side; by batch fits on the batches curated before
  // and predicts the next, and needs every pair to carry a batch.
  bool grouped_cv = false;
  bool batch_cv = false;
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
  double start_h = 0;            // with the sourced priors
  std::string group;             // structure group (structure_group, cv_folds.hpp)
  // With the parameters fitted on the other groups' folds / on the earlier batches; NaN when
  // that cross-validation did not run (or, by batch, for the first batch: nothing before it).
  double grouped_h = std::nan("");
  int grouped_fold = -1;
  double batch_h = std::nan("");
};

// One forward step of the cross-validation by batch: fitted on the batches before, the
// batch's own pairs predicted.
struct BatchStep {
  std::string batch;
  int train_pairs = 0;
  FitFigures test;
};

struct FitResult {
  std::vector<TimeParamValue> start;   // the dataset's parameters (prior and value), per TimeParam
  std::vector<TimeParamValue> fitted;  // after the fit on all pairs
  FitFigures start_figures;            // all pairs, the sourced priors
  FitFigures in_sample;                // all pairs, fitted on all
  FitFigures cross_validated;          // each pair predicted by the fit on the other folds
  FitFigures grouped;                  // each pair predicted by the fit on the other groups' folds
  int grouped_folds = 0;               // 0: not run
  int groups = 0;
  FitFigures by_batch;                 // each batch after the first predicted by the fit on the batches before
  std::vector<BatchStep> batch_steps;  // empty: not run
  std::vector<FittedPair> pairs;       // the pairs with a published time and a route
  std::vector<CalibrationRow> skipped;  // unknown places, no route, no published time
  int evaluations = 0;
};

// Relative error of a model time against a published range: 0 inside, else the distance to
// the nearest end over that end.
double range_error(double model_h, double low_h, double high_h);

// Figures of the pairs (of one mode, or all when empty) at the times `time` picks; pairs
// where it is NaN (not predicted) are left out.
FitFigures fit_figures(const std::vector<FittedPair>& pairs, double FittedPair::*time, const std::string& mode = "");

FitResult fit_time_model(const Network& net, const std::vector<PublishedPair>& pairs, const FitOptions& options);

// time_model.csv with the fitted values (comments and sources kept from `original_text`).
std::string time_model_csv(const std::string& original_text, const std::vector<TimeParamValue>& values);

}  // namespace silkroute
