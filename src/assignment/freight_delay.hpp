#pragma once
// Delay at a capacity-bound element of the freight network, as a function of its flow.
//
// Queues (terminals, border stations, gauge-change yards, ports, ferries): trains, sailings
// or trucks arrive at random (Poisson) and are served one at a time in a fixed time (one
// day's capacity spread evenly), an M/D/1 queue. Its stationary mean wait (Pollaczek-
// Khinchine with deterministic service) is
//     W_s(rho) = rho / (2 mu (1 - rho)),   rho = flow / capacity,  mu = batches served per hour
// per direction; it exists only below rho = 1. The flows are a year's, so the wait is that of
// a queue fed at rate rho for an analysis period T (a year): the coordinate transformation of
// Kimber and Hollis (1979, TRRL LR 909) and Akcelik (1980), as in the Highway Capacity Manual's
// overflow delay, which joins W_s to the deterministic backlog of arrivals above capacity,
// (rho - 1) T / 2:
//     W(rho) = T/4 [ (a - 1/(mu T)) + sqrt((a - 1/(mu T))^2 + 4 rho / (mu T)) ],  a = rho - 1.
// It is W_s for T -> infinity below capacity, finite at rho = 1 and grows without bound beyond
// it, by half a year's excess: an element booked 5% over its capacity for a year makes the
// average box wait over a week, as operators who refuse bookings make the excess wait for a
// later slot (docs/assignment.md, The model).
//
// Lines (rail or road with a capacity in trains or TEU): the BPR volume-delay function on the
// line's running time, t0 alpha (v/c)^beta of extra hours. On a short line that alone cannot
// hold flows back (at twice its capacity a 4-hour line loses 10 hours), yet a line beyond
// its capacity has no train paths left: trains wait for one as at a terminal. So above its
// capacity a line adds the queue's overflow, W(rho) - W(1), to its BPR time.

namespace silkroute::assignment {

// Mean wait in hours at an M/D/1 element fed for period_h hours. flow and capacity in TEU a
// year (both directions); batch_teu the TEU a train, sailing or truck carries; directions how
// many ways the capacity counts (2: a per-direction capacity against both-way flow).
double queue_wait_h(double flow_teu_per_year, double capacity_teu_per_year, double batch_teu, double directions,
                    double period_h, double hours_per_year);

// Extra hours on a line: t0 alpha (v/c)^beta.
double line_delay_h(double flow_teu_per_year, double capacity_teu_per_year, double free_time_h, double alpha,
                    double beta);

// The wait for a path on a line beyond its capacity: queue_wait_h(rho) - queue_wait_h(1), 0 at
// or below capacity.
double line_overflow_h(double flow_teu_per_year, double capacity_teu_per_year, double batch_teu, double directions,
                       double period_h, double hours_per_year);

}  // namespace silkroute::assignment
