// The server under abuse: oversized and malformed requests get the documented 4xx and the
// connection is closed; slow clients hold no worker and are dropped at the deadline while
// others are answered; a restart right after connections binds; log lines are escaped;
// answers written straight into the response are those the JSON tree gave.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "output/json_writer.hpp"
#include "server/access_log.hpp"
#include "server/api.hpp"
#include "server/http_server.hpp"
#include "server/query_string.hpp"
#include "server/response_cache.hpp"
#include "test_support.hpp"

using namespace silkroute;
using nlohmann::json;

namespace {

// The best route's label for the requests these tests send: the engine's own answer.
const std::string& chongqing_duisburg_label() {
  static const std::string label = [] {
    RouteRequest r;
    r.from = "Chongqing";
    r.to = "Duisburg";
    r.alternatives = 0;
    return test::bri_engine().route(r).answer.routes.at(0).label;
  }();
  return label;
}

int connect_to(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server closed: what it answered is still readable
    sent += static_cast<std::size_t>(n);
  }
}

// Reads until the server closes (or 20 s pass: a hang fails the test's checks, not the run).
std::string read_until_close(int fd) {
  std::string out;
  char buf[8192];
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < give_up) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    const auto n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

// One raw exchange: the bytes as sent, the answer as received, the connection closed after.
std::string roundtrip(int port, const std::string& bytes) {
  const int fd = connect_to(port);
  if (fd < 0) return "connect failed";
  send_all(fd, bytes);
  shutdown(fd, SHUT_WR);
  auto out = read_until_close(fd);
  close(fd);
  return out;
}

int status_of(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(response.substr(9, 3));
}

json body_of(const std::string& response) {
  const auto at = response.find("\r\n\r\n");
  return at == std::string::npos ? json() : json::parse(response.substr(at + 4), nullptr, false);
}

std::string get(const std::string& target) { return "GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"; }

// A server on a free port, serving on its own thread for the test's life.
struct Running {
  explicit Running(server::ServerOptions options = {}) : http(test::bri_engine_ptr(), with_port0(options), log) {
    port = http.bind();
    thread = std::thread([this] { http.serve(); });
  }
  ~Running() {
    http.stop();
    thread.join();
  }
  static server::ServerOptions with_port0(server::ServerOptions o) {
    if (o.port == 8080) o.port = 0;
    return o;
  }
  std::ostringstream log;
  server::HttpServer http;
  int port = 0;
  std::thread thread;
};

}  // namespace

TEST(JsonWriter, WritesTheBytesDumpWrites) {
  const std::vector<double> numbers = {0.0, -0.0, 0.1, 1.0 / 3, 1e300, -2.5e-7, 10124000.0, 1e16, 123456789012345680.0,
                                       std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()};
  const std::vector<std::string> texts = {"plain", "Małaszewicze", "quote \" and \\ backslash", "tab\tnew\nline\r",
                                          std::string("nul \0 esc \x1b del \x7f", 17), "日本語 🚆"};
  nlohmann::ordered_json tree = {{"numbers", numbers}, {"texts", texts}, {"int", -42}, {"big", 18446744073709551615ull},
                                 {"flag", false}, {"none", nullptr}, {"empty", json::array()}, {"nested", {{"a", json::object()}}}};
  std::string text;
  output::JsonWriter w(text);
  w.begin_object();
  w.key("numbers");
  w.begin_array();
  for (double v : numbers) w.value(v);
  w.end_array();
  w.key("texts");
  w.begin_array();
  for (const auto& t : texts) w.value(t);
  w.end_array();
  w.field("int", -42);
  w.field("big", std::uint64_t{18446744073709551615ull});
  w.field("flag", false);
  w.key("none");
  w.null();
  w.key("empty");
  w.begin_array();
  w.end_array();
  w.key("nested");
  w.begin_object();
  w.key("a");
  w.begin_object();
  w.end_object();
  w.end_object();
  w.end_object();
  EXPECT_EQ(text, tree.dump());
  std::string bad;
  output::JsonWriter wb(bad);
  EXPECT_THROW(wb.value(std::string("\xff\xfe")), std::invalid_argument);
  EXPECT_FALSE(output::is_valid_utf8("\xc0\xaf"));           // overlong '/'
  EXPECT_FALSE(output::is_valid_utf8("\xed\xa0\x80"));       // a surrogate
  EXPECT_FALSE(output::is_valid_utf8("\xf4\x90\x80\x80"));   // above U+10FFFF
  EXPECT_FALSE(output::is_valid_utf8("\xe6\x97"));           // cut short
  EXPECT_TRUE(output::is_valid_utf8("Łódź \xf0\x9f\x9a\x86"));
}

TEST(QueryString, DecodesAndRefusesWhatIsMalformed) {
  const auto t = server::parse_target("/route?from=%C5%81%C3%B3d%C5%BA&to=New+York&from=second&flag");
  EXPECT_EQ(t.path, "/route");
  EXPECT_EQ(t.params.find("from")->second, "Łódź");  // the first of repeated keys, as the Api reads it
  EXPECT_EQ(t.params.count("from"), 2u);
  EXPECT_EQ(t.params.find("to")->second, "New York");
  EXPECT_EQ(t.params.find("flag")->second, "");
  auto refused = [](const std::string& target, const std::string& text) {
    try {
      server::parse_target(target);
      ADD_FAILURE() << target << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
  };
  refused("/route?from=%FF", "parameter 'from': not valid UTF-8");
  refused("/route?from=a%0Ab", "parameter 'from': control characters");
  refused("/route?from=a%00b", "control characters");
  refused("/route?from=%zz", "parameter 'from': '%' must be followed by two hexadecimal digits");
  refused("/route?from=%4", "two hexadecimal digits");
  refused("/a%0Ab", "path: control characters");
  refused("route", "starting with '/'");
  std::string many = "/route?";
  for (int i = 0; i < 40; ++i) {
    many += 'k';
    many += std::to_string(i);
    many += "=v&";
  }
  refused(many, "more than 32 parameters");
  refused("/route?from=" + std::string(5000, 'x'), "parameter 'from': 5000 bytes; the limit is 4096");
}

TEST(Api, EveryTextIsBoundedAndChecked) {
  const server::Api api(test::bri_engine_ptr());
  // A megabyte-long unknown place costs a length check, not a did-you-mean over every name.
  const auto huge = api.matrix(json{{"origins", {std::string(1 << 20, 'x')}}, {"destinations", {"duisburg"}}});
  EXPECT_EQ(huge.status, 400);
  EXPECT_NE(huge.body["message"].get<std::string>().find("'origins'[0]: 1048576 bytes; the limit is 256"), std::string::npos)
      << huge.body.dump();
  const auto long_from = api.route(server::Params{{"from", std::string(300, 'x')}, {"to", "duisburg"}});
  EXPECT_EQ(long_from.status, 400);
  EXPECT_EQ(long_from.body["code"], "InvalidQuery");
  const auto bad_utf8 = api.route(server::Params{{"from", "\xff"}, {"to", "duisburg"}});
  EXPECT_EQ(bad_utf8.status, 400) << bad_utf8.body.dump();
  const auto esc = api.compare(json{{"b", "today"}, {"pairs", {{"xian\x1b[31m", "lodz"}}}});
  EXPECT_EQ(esc.status, 400) << esc.body.dump();
}

TEST(Api, MatrixOverItsCpuBudgetIsRefused) {
  const server::Api api(test::bri_engine_ptr(), server::Limits{.cpu_budget_s = 1e-9});
  const auto m = api.matrix(json{{"origins", {"xian", "chongqing", "wuhan"}}, {"destinations", {"duisburg", "lodz"}}});
  EXPECT_EQ(m.status, 503) << m.body.dump();
  EXPECT_EQ(m.body["code"], "TooExpensive");
  EXPECT_NE(m.body["message"].get<std::string>().find("of 3 origins"), std::string::npos) << m.body.dump();
}

TEST(Api, ABadParameterIsA400WithTheCacheOn) {
  // The cache lookup parses the request first; a bad value there once escaped as an ApiError
  // and terminated the server (year=1990, month=13).
  const server::Api cached(test::bri_engine_ptr());
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"year", "1990"}, {"month", "13"}, {"alternatives", "-1"}, {"scenario", "nope"}}) {
    const server::Params q{{"from", "Chongqing"}, {"to", "Duisburg"}, {name, value}};
    EXPECT_FALSE(cached.cached_route(q)) << name;
    const auto answer = cached.route_text(q);
    EXPECT_TRUE(answer.status == 400 || answer.status == 404) << name << ": " << answer.status;
  }
}

TEST(Api, CachedRouteAnswersAreTheAnswers) {
  const server::Api cached(test::bri_engine_ptr());
  const server::Api uncached(test::bri_engine_ptr(), server::Limits{.route_cache_bytes = 0});
  const server::Params q{{"from", "Chongqing"}, {"to", "Duisburg"}, {"alternatives", "1"}};
  EXPECT_FALSE(cached.cached_route(q));
  const auto first = cached.route_text(q);
  const auto again = cached.route_text(q);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body, again.body);  // the same bytes, not routed twice
  EXPECT_EQ(cached.route_cache()->hits(), 1u);
  EXPECT_EQ(*first.body, *uncached.route_text(q).body);
  ASSERT_TRUE(cached.cached_route(q));
  // The echo of what was asked is part of the answer, so a differently spelled place is its own entry.
  const auto lower = cached.route_text(server::Params{{"from", "chongqing"}, {"to", "Duisburg"}, {"alternatives", "1"}});
  EXPECT_EQ(json::parse(*lower.body)["waypoints"][0]["asked"], "chongqing");
  // Written once straight into the response, the answer is the JSON tree it replaced.
  const auto tree = cached.route(q).body;
  EXPECT_EQ(tree.dump(), *first.body);
  EXPECT_EQ(tree["routes"][0]["geometry"]["coordinates"][0], nlohmann::ordered_json::array({106.55, 29.56}));
  // An unknown place is answered (and kept) too; a server error never is.
  EXPECT_EQ(cached.route_text(server::Params{{"from", "Atlantisia"}, {"to", "Duisburg"}}).status, 400);
}

TEST(ResponseCache, KeepsTheMostRecentWithinItsBytes) {
  server::ResponseCache cache(8 * 1024);
  auto body = [](char c) { return std::make_shared<const std::string>(900, c); };
  for (char c = 'a'; c <= 'h'; ++c) cache.put(std::string(1, c), {200, body(c)});
  ASSERT_TRUE(cache.get("a"));  // a is now the most recent
  for (char c = 'i'; c <= 'l'; ++c) cache.put(std::string(1, c), {200, body(c)});
  EXPECT_TRUE(cache.get("a"));
  EXPECT_FALSE(cache.get("b"));
  EXPECT_TRUE(cache.get("l"));
  EXPECT_LE(cache.bytes(), 8u * 1024);
  cache.put("huge", {200, std::make_shared<const std::string>(4000, 'x')});  // over an eighth: not kept
  EXPECT_FALSE(cache.get("huge"));
}

TEST(AccessLog, EscapesWhatClientsSend) {
  std::ostringstream out;
  {
    server::AccessLog log(out);
    log.request("127.0.0.1", "GET", "/route?from=x\n2026-01-01T00:00:00Z forged\x1b[2J\\", 400, 10, 0.5);
    log.flush();
    EXPECT_NE(out.str().find("/route?from=x\\x0a2026-01-01T00:00:00Z\\x20forged\\x1b[2J\\x5c 400 10B"), std::string::npos)
        << out.str();
    log.request("127.0.0.1", "GET", "/health", 200, 5, 0.1);
  }  // the rest is written when the log closes
  const auto text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  EXPECT_NE(text.find("GET /health 200 5B"), std::string::npos);
}

TEST(HttpServerLimits, OversizedAndMalformedRequestsAreRefused) {
  Running s;
  auto check = [&](const std::string& bytes, int status, const std::string& text) {
    const auto r = roundtrip(s.port, bytes);
    EXPECT_EQ(status_of(r), status) << r.substr(0, 300);
    if (!text.empty()) {
      EXPECT_NE(body_of(r).dump().find(text), std::string::npos) << r.substr(0, 300);
    }
  };
  check(get("/route?from=" + std::string(10000, 'x') + "&to=y"), 414, "request line over 8192 bytes");
  std::string many = "GET /health HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 100; ++i) {
    many += "X-";
    many += std::to_string(i);
    many += ": v\r\n";
  }
  check(many + "\r\n", 431, "more than 64 request headers");
  // A megabyte of one header: refused after 16 KiB, and the answer still reaches the client.
  check("GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(1 << 20, 'x') + "\r\n\r\n", 431, "request headers over");
  check(get("/route?from=%FF&to=Duisburg"), 400, "not valid UTF-8");
  check(get("/route?from=Chongqing%0A&to=Duisburg"), 400, "control characters");
  check(get("/route?from=%zz&to=Duisburg"), 400, "hexadecimal");
  check("GARBAGE\r\n\r\n", 400, "malformed HTTP request");
  check("GET /health HTTP/9.9\r\n\r\n", 400, "malformed HTTP request");
  check("POST /matrix HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999\r\n\r\n", 413, "request body over");
  check("POST /matrix HTTP/1.1\r\nHost: t\r\nContent-Length: -5\r\n\r\n", 400, "");
  check("POST /route HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 405, "use GET");
  check(get("/nope"), 404, "no such endpoint");
  // Still answering, correctly.
  const auto r = roundtrip(s.port, get("/route?from=Chongqing&to=Duisburg&alternatives=0"));
  EXPECT_EQ(status_of(r), 200);
  EXPECT_EQ(body_of(r)["routes"][0]["label"], chongqing_duisburg_label());
  s.http.stop();
  s.thread.join();
  s.thread = std::thread([] {});  // for the destructor
  // One line per request and none forged: every line starts with a timestamp.
  std::istringstream lines(s.log.str());
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) EXPECT_EQ(line.substr(0, 2), "20") << line;
  EXPECT_GE(n, 13);
  EXPECT_NE(s.log.str().find("/route?from=Chongqing%0A&to=Duisburg 400"), std::string::npos) << s.log.str();
}

TEST(HttpServerLimits, SlowClientsHoldNoWorkerAndAreDroppedAtTheDeadline) {
  server::ServerOptions o;
  o.request_timeout_s = 1.5;
  Running s(o);
  // More slow clients than the old server had threads (64): each sends half a request.
  std::vector<int> slow;
  for (int i = 0; i < 150; ++i) {
    const int fd = connect_to(s.port);
    ASSERT_GE(fd, 0);
    send_all(fd, "GET /health HTTP/1.1\r\nHost: t\r\nX-Slow: ");
    slow.push_back(fd);
  }
  // Meanwhile others are answered, correctly.
  for (int k = 0; k < 5; ++k) {
    const auto r = roundtrip(s.port, get("/route?from=Chongqing&to=Duisburg&alternatives=0"));
    ASSERT_EQ(status_of(r), 200);
    EXPECT_EQ(body_of(r)["routes"][0]["label"], chongqing_duisburg_label());
    EXPECT_EQ(status_of(roundtrip(s.port, get("/health"))), 200);
  }
  // A byte now and then does not extend the deadline: the server closes each (read gives EOF).
  for (int fd : slow) send_all(fd, "x");
  int closed = 0;
  for (int fd : slow) {
    closed += read_until_close(fd).empty();
    close(fd);
  }
  EXPECT_EQ(closed, 150);
  // The server counts a timeout just after it closes the socket: let its threads catch up (a
  // bounded wait for the count, not a timing assertion).
  for (int i = 0; i < 500 && s.http.counters().timeouts.load() < 150u; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(s.http.counters().timeouts.load(), 150u);
}

TEST(HttpServerLimits, FullQueueAnswersBusyAndHealthStillAnswers) {
  server::ServerOptions o;
  o.max_queued = 0;  // every request for a worker is refused at once
  Running s(o);
  const auto r = roundtrip(s.port, get("/route?from=Xian&to=Duisburg"));
  EXPECT_EQ(status_of(r), 503);
  EXPECT_EQ(body_of(r)["code"], "Busy");
  EXPECT_EQ(status_of(roundtrip(s.port, get("/health"))), 200);
}

TEST(HttpServerLimits, RestartsRightAfterConnections) {
  int port = 0;
  {
    Running s;
    port = s.port;
    // The server closes these first, so its side of each is left in TIME_WAIT.
    for (int i = 0; i < 20; ++i) ASSERT_EQ(status_of(roundtrip(port, get("/health"))), 200);
  }
  server::ServerOptions again;
  again.port = port;
  std::ostringstream log;
  server::HttpServer second(test::bri_engine_ptr(), again, log);
  EXPECT_EQ(second.bind(), port);
  std::thread t([&] { second.serve(); });
  EXPECT_EQ(status_of(roundtrip(port, get("/health"))), 200);
  // While it listens, a third server on the port is refused.
  server::HttpServer third(test::bri_engine_ptr(), again, log);
  EXPECT_THROW(third.bind(), std::runtime_error);
  second.stop();
  t.join();
}
