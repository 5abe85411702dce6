// Picks the algorithm a run asked for.
#include "assignment/algorithm_b.hpp"
#include "assignment/link_based.hpp"

namespace silkroute::assignment {

AssignmentResult assign(const AssignmentProblem& problem, const AssignmentOptions& options) {
  if (options.warm_start) {
    const auto& w = *options.warm_start;
    if (w.by_class.size() != problem.class_count() || w.total.size() != problem.link_count())
      throw std::invalid_argument("warm start: expected flows for " + std::to_string(problem.class_count()) + " class(es) on " +
                                  std::to_string(problem.link_count()) + " links");
  }
  switch (options.algorithm) {
    case Algorithm::aon:
      if (options.warm_start) throw std::invalid_argument("--warm-start has no meaning for all-or-nothing (aon)");
      return run_link_based(problem, options, nullptr);
    case Algorithm::msa: return run_link_based(problem, options, make_msa_rule().get());
    case Algorithm::fw: return run_link_based(problem, options, make_frank_wolfe_rule().get());
    case Algorithm::cfw: return run_link_based(problem, options, make_conjugate_frank_wolfe_rule().get());
    case Algorithm::bfw: return run_link_based(problem, options, make_biconjugate_frank_wolfe_rule().get());
    case Algorithm::b: return run_algorithm_b(problem, options);
  }
  return {};
}

}  // namespace silkroute::assignment
