#include "assignment/freight_delay.hpp"

#include <cmath>

namespace silkroute::assignment {

double queue_wait_h(double flow, double capacity, double batch_teu, double directions, double period_h, double hours_per_year) {
  if (capacity <= 0 || flow <= 0) return 0;
  // Batches served per hour in one direction.
  const double mu = capacity / directions / batch_teu / hours_per_year;
  const double rho = flow / capacity;
  const double b = (rho - 1) - 1 / (mu * period_h);
  return period_h / 4 * (b + std::sqrt(b * b + 4 * rho / (mu * period_h)));
}

double line_delay_h(double flow, double capacity, double free_time_h, double alpha, double beta) {
  if (capacity <= 0 || flow <= 0) return 0;
  return free_time_h * alpha * std::pow(flow / capacity, beta);
}

double line_overflow_h(double flow, double capacity, double batch_teu, double directions, double period_h, double hours_per_year) {
  if (capacity <= 0 || flow <= capacity) return 0;
  return queue_wait_h(flow, capacity, batch_teu, directions, period_h, hours_per_year) -
         queue_wait_h(capacity, capacity, batch_teu, directions, period_h, hours_per_year);
}

}  // namespace silkroute::assignment
