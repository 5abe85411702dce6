#pragma once
// Delay at a capacity-bound element of the freight network, as a function of its flow.
//
// Queues (terminals, border stations, gauge-change yards, ports, ferries): trains, sailings
// or trucks arrive at random (Poisson) and are served one at a time in a fixed time (one
// day's capacity spread evenly), a stationary M/D/1 queue. The mean wait (Pollaczek-
// Khinchine with deterministic service) is
//     W(rho) = rho / (2 mu (1 - rho)),   rho = flow / capacity,  mu = batches served per hour
// per direction. It grows without bound as rho -> 1, and a stationary queue does not exist
// above it; so above a utilization cap rho_c the wait is continued along its tangent:
//     W(rho) = W(rho_c) + W'(rho_c) (rho - rho_c),  W'(rho) = 1 / (2 mu (1 - rho)^2).
// That is a deterministic backlog: arrivals above the service rate for a period T wait on
// average (rho - 1) T / 2 more, with T = 2 W'(rho_c); at rho_c = 0.95, T = 400 / mu.
//
// Lines (rail or road with a capacity in trains or TEU): the BPR volume-delay function on the
// line's running time, t0 alpha (v/c)^beta of extra hours. On a short line that alone cannot
// hold flows back (at twice its capacity a 4-hour line loses 10 hours), yet a line beyond
// its capacity has no train paths left: trains wait for one as at a terminal. So above the
// utilization cap a line adds the queue's overflow, W(rho) - W(rho_c), to its BPR time.

namespace silkroute::assignment {

// Mean wait in hours at an M/D/1 element with the overflow rule above. flow and capacity in
// TEU a year (both directions); batch_teu the TEU a train, sailing or truck carries; directions
// how many ways the capacity counts (2: a per-direction capacity against both-way flow).
double queue_wait_h(double flow_teu_per_year, double capacity_teu_per_year, double batch_teu, double directions,
                    double utilization_cap, double hours_per_year);

// Extra hours on a line: t0 alpha (v/c)^beta.
double line_delay_h(double flow_teu_per_year, double capacity_teu_per_year, double free_time_h, double alpha,
                    double beta);

// The wait for a path on a line beyond the utilization cap: queue_wait_h(rho) - queue_wait_h(rho_c),
// 0 at or below the cap.
double line_overflow_h(double flow_teu_per_year, double capacity_teu_per_year, double batch_teu, double directions,
                       double utilization_cap, double hours_per_year);

}  // namespace silkroute::assignment
