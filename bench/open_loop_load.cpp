// An open-loop HTTP load generator for `silkroute serve` on 127.0.0.1: requests are scheduled
// at a fixed rate whatever the answers do (wrk sends the next request only when the last one
// is answered, so on a saturated machine its latencies measure the queue it builds itself),
// sent on the first idle keep-alive connection, and each latency runs from the request's
// scheduled time to the last byte of its answer: a request that waits for a free connection
// or a slow server counts its wait (no coordinated omission). One thread, epoll and a timerfd,
// so the client costs one core at most and little of it. Prints per request path the count,
// the percentiles of latency from the scheduled time and from the time the request was sent
// (which leaves out the waits for a connection and for the client itself, when it was not
// running at the scheduled time), and the errors.
//   silkroute_open_loop_load PORT RATE_PER_S SECONDS CONNECTIONS PATH [PATH...]
// PATHs are used in turn, e.g. "/route?from=Chongqing&to=Duisburg". The run stops by itself:
// it schedules for SECONDS, then waits at most 5 s for the last answers.
// The server closes a keep-alive connection left idle longer than its request timeout
// (`--request-timeout-s`, 10 s): at a low rate the connections last in the idle list wait that
// long, so a connection the server closed is opened again and the count printed; a request it
// was carrying (sent just as the server closed it) is sent again on the new connection, its
// latency still counted from its scheduled time, as an HTTP client retries an idempotent GET.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <string>
#include <vector>

namespace {

std::int64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

[[noreturn]] void die(const char* what) {
  std::perror(what);
  std::exit(1);
}

struct Pending {
  std::int64_t scheduled_ns;
  std::size_t path;
};

struct Connection {
  int fd = -1;
  bool busy = false;
  bool resent = false;  // the request it carries was sent again after a close
  Pending request{};
  std::int64_t sent_ns = 0;
  std::string in;
};

struct PathStats {
  std::vector<double> latency_ms;       // from the scheduled time
  std::vector<double> from_send_ms;     // from the time the request was sent
  std::size_t non_200 = 0;
};

// The answer's total length (headers and body) once its headers are in, else 0.
std::size_t answer_length(const std::string& in, int& status) {
  const auto end = in.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  status = std::atoi(in.c_str() + std::min<std::size_t>(9, in.size()));
  std::size_t length = 0;
  for (std::size_t line = in.find("\r\n") + 2; line < end; line = in.find("\r\n", line) + 2) {
    static const char kName[] = "content-length:";
    if (strncasecmp(in.c_str() + line, kName, sizeof kName - 1) == 0)
      length = std::strtoul(in.c_str() + line + sizeof kName - 1, nullptr, 10);
  }
  return end + 4 + length;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s PORT RATE_PER_S SECONDS CONNECTIONS PATH [PATH...]\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const double rate = std::atof(argv[2]);
  const double seconds = std::atof(argv[3]);
  const int connection_count = std::atoi(argv[4]);
  if (port <= 0 || rate <= 0 || seconds <= 0 || connection_count <= 0 || rate > 1e6 || seconds > 600 ||
      connection_count > 1000) {
    std::fprintf(stderr, "bad arguments: PORT > 0, 0 < RATE <= 1e6, 0 < SECONDS <= 600, 0 < CONNECTIONS <= 1000\n");
    return 2;
  }
  std::vector<std::string> paths(argv + 5, argv + argc);
  std::vector<std::string> requests;
  for (const auto& p : paths)
    requests.push_back("GET " + p + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");

  const int ep = epoll_create1(0);
  if (ep < 0) die("epoll_create1");
  std::vector<Connection> connections(static_cast<std::size_t>(connection_count));
  auto open = [&](std::size_t i) {
    auto& c = connections[i];
    c.fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c.fd < 0) die("socket");
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only: this tool loads a local server
    if (connect(c.fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) die("connect to 127.0.0.1");
    const int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    if (epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev) != 0) die("epoll_ctl");
  };
  for (std::size_t i = 0; i < connections.size(); ++i) open(i);
  const int timer = timerfd_create(CLOCK_MONOTONIC, 0);
  if (timer < 0) die("timerfd_create");
  {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = ~std::uint64_t{0};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, timer, &ev) != 0) die("epoll_ctl");
  }

  const std::int64_t interval_ns = static_cast<std::int64_t>(1e9 / rate);
  const std::int64_t start_ns = now_ns() + 10'000'000;
  const std::int64_t total = static_cast<std::int64_t>(seconds * rate);
  const std::int64_t give_up_ns = start_ns + static_cast<std::int64_t>(seconds * 1e9) + 5'000'000'000;
  std::int64_t scheduled = 0, answered = 0, failed = 0, reopened = 0, resent = 0;
  std::deque<Pending> waiting;  // scheduled, no idle connection yet
  std::vector<PathStats> stats(paths.size());
  std::vector<std::size_t> idle;
  for (std::size_t i = connections.size(); i-- > 0;) idle.push_back(i);

  auto send_on = [&](std::size_t i, const Pending& p) {
    auto& c = connections[i];
    const auto& text = requests[p.path];
    std::size_t sent = 0;
    while (sent < text.size()) {
      const auto n = send(c.fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) break;  // closed by the server: seen on the next read
      if (n <= 0) die("send");
      sent += static_cast<std::size_t>(n);
    }
    c.busy = true;
    c.request = p;
    c.sent_ns = now_ns();
  };
  auto arm = [&](std::int64_t at_ns) {
    itimerspec spec{};
    spec.it_value.tv_sec = at_ns / 1'000'000'000;
    spec.it_value.tv_nsec = at_ns % 1'000'000'000;
    timerfd_settime(timer, TFD_TIMER_ABSTIME, &spec, nullptr);
  };
  arm(start_ns);
  char buffer[64 * 1024];
  epoll_event events[64];
  while (answered + failed < total && now_ns() < give_up_ns) {
    const int n = epoll_wait(ep, events, 64, 100);
    if (n < 0 && errno != EINTR) die("epoll_wait");
    for (int k = 0; k < n; ++k) {
      if (events[k].data.u64 == ~std::uint64_t{0}) {
        std::uint64_t expirations = 0;
        if (read(timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN) die("read timerfd");
        continue;
      }
      const auto i = static_cast<std::size_t>(events[k].data.u64);
      auto& c = connections[i];
      const auto got = recv(c.fd, buffer, sizeof buffer, 0);
      if (got <= 0) {
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        // Closed by the server (idle past its timeout): open it again; a request it carried
        // is sent again, once; a second close under the same request is a failure.
        if (c.busy && (c.resent || !c.in.empty())) {
          std::fprintf(stderr, "connection %zu closed by the server twice under one request (or in the middle of an answer)\n", i);
          return 1;
        }
        close(c.fd);  // also leaves the epoll set
        const bool carried = c.busy;
        const auto request = c.request;
        c = Connection{};
        open(i);
        ++reopened;
        if (carried) {
          send_on(i, request);
          c.resent = true;
          ++resent;
        } else {
          idle.erase(std::find(idle.begin(), idle.end(), i));
          idle.push_back(i);  // in use again at once: a fresh connection
        }
        continue;
      }
      c.in.append(buffer, static_cast<std::size_t>(got));
      int status = 0;
      const auto length = answer_length(c.in, status);
      if (length == 0 || c.in.size() < length || !c.busy) continue;
      const auto at = now_ns();
      auto& s = stats[c.request.path];
      if (status == 200) {
        s.latency_ms.push_back(static_cast<double>(at - c.request.scheduled_ns) / 1e6);
        s.from_send_ms.push_back(static_cast<double>(at - c.sent_ns) / 1e6);
        ++answered;
      } else {
        ++s.non_200;
        ++failed;
      }
      c.in.erase(0, length);
      c.busy = false;
      c.resent = false;
      idle.push_back(i);
    }
    // Schedule what is due, then hand the oldest waiting requests to idle connections.
    const auto now = now_ns();
    while (scheduled < total && start_ns + scheduled * interval_ns <= now) {
      waiting.push_back({start_ns + scheduled * interval_ns, static_cast<std::size_t>(scheduled) % paths.size()});
      ++scheduled;
    }
    while (!waiting.empty() && !idle.empty()) {
      send_on(idle.back(), waiting.front());
      idle.pop_back();
      waiting.pop_front();
    }
    if (scheduled < total) arm(start_ns + scheduled * interval_ns);
  }
  const double elapsed_s = static_cast<double>(now_ns() - start_ns) / 1e9;
  std::printf("scheduled %lld at %.0f/s on %d connections; answered %lld (200), %lld other, %lld unanswered; %.1f s\n",
              static_cast<long long>(scheduled), rate, connection_count, static_cast<long long>(answered),
              static_cast<long long>(failed), static_cast<long long>(total - answered - failed), elapsed_s);
  std::printf("connections closed by the server (idle past its request timeout) and opened again: %lld; requests sent again: %lld\n",
              static_cast<long long>(reopened), static_cast<long long>(resent));
  auto print = [](const char* what, std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v.empty() ? 0.0 : v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))]; };
    std::printf("  %-14s n %7zu  p50 %7.3f  p90 %7.3f  p99 %7.3f  p99.9 %7.3f  max %8.3f ms\n", what, v.size(), at(0.5),
                at(0.9), at(0.99), at(0.999), v.empty() ? 0.0 : v.back());
  };
  for (std::size_t p = 0; p < paths.size(); ++p) {
    std::printf("%s (non-200: %zu)\n", paths[p].c_str(), stats[p].non_200);
    print("from schedule", stats[p].latency_ms);
    print("from send", stats[p].from_send_ms);
  }
  return answered == total ? 0 : 1;
}
