#include "assignment/freight_delay.hpp"

#include <cmath>

namespace silkroute::assignment {

double queue_wait_h(double flow, double capacity, double batch_teu, double directions, double cap, double hours_per_year) {
  if (capacity <= 0 || flow <= 0) return 0;
  // Batches served per hour in one direction.
  const double mu = capacity / directions / batch_teu / hours_per_year;
  const double rho = flow / capacity;
  if (rho <= cap) return rho / (2 * mu * (1 - rho));
  const double w_cap = cap / (2 * mu * (1 - cap));
  const double slope = 1 / (2 * mu * (1 - cap) * (1 - cap));
  return w_cap + slope * (rho - cap);
}

double line_delay_h(double flow, double capacity, double free_time_h, double alpha, double beta) {
  if (capacity <= 0 || flow <= 0) return 0;
  return free_time_h * alpha * std::pow(flow / capacity, beta);
}

double line_overflow_h(double flow, double capacity, double batch_teu, double directions, double cap, double hours_per_year) {
  if (capacity <= 0 || flow <= cap * capacity) return 0;
  return queue_wait_h(flow, capacity, batch_teu, directions, cap, hours_per_year) -
         queue_wait_h(cap * capacity, capacity, batch_teu, directions, cap, hours_per_year);
}

}  // namespace silkroute::assignment
