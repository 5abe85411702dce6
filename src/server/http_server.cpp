#include "server/http_server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/resource.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/access_log.hpp"
#include "server/query_string.hpp"
#include "server/static_files.hpp"

namespace silkroute::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

Clock::duration seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// An answer ready to send: its bytes are shared (a cached route, a static file) or owned.
struct Reply {
  int status = 200;
  std::shared_ptr<const std::string> body;
  std::string content_type = "application/json";
  bool close = false;          // close the connection after it (the request could not be read whole)
  const char* allow = nullptr;  // the Allow header of a 405
};

Reply reply_of(const ApiResponse& r) { return {r.status, std::make_shared<const std::string>(r.body.dump())}; }
Reply reply_of(const CachedResponse& r) { return {r.status, r.body}; }
Reply error_reply(int status, const std::string& code, const std::string& message, bool close = false) {
  auto r = reply_of(Api::error(status, code, message));
  r.close = close;
  return r;
}

int thread_count_or_cores(int n) { return n > 0 ? n : std::max(2, static_cast<int>(std::thread::hardware_concurrency())); }

}  // namespace

struct HttpServer::Impl {
  Impl(std::shared_ptr<const Engine> engine, ServerOptions opts, std::ostream& out)
      : api(std::move(engine), opts.limits),
        options(std::move(opts)),
        log(out),
        scenarios_body(reply_of(api.scenarios())),
        openapi_body(reply_of(api.openapi())),
        ioc(thread_count_or_cores(options.io_threads)),
        acceptor(ioc),
        accept_retry(ioc),
        pool(static_cast<std::size_t>(thread_count_or_cores(options.workers))) {
    if (!options.static_dir.empty()) files = std::make_shared<StaticFiles>(options.static_dir);
  }

  void accept();

  // Destroyed in reverse: the pool first (its jobs hold sessions), then the io_context
  // (sessions' sockets), then what sessions use.
  Counters counters;
  Api api;
  ServerOptions options;
  AccessLog log;
  std::shared_ptr<StaticFiles> files;
  Reply scenarios_body, openapi_body;  // the same for the server's life: written once
  std::atomic<std::size_t> queued{0};
  std::atomic<bool> stopped{false};
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;
  net::thread_pool pool;
};

namespace {

using Impl = HttpServer::Impl;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Impl& server)
      : stream_(std::move(socket)), server_(server), opts_(server.options), buffer_(opts_.max_header_bytes + 64 * 1024) {
    beast::error_code ec;
    const auto remote = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "-" : remote.address().to_string();
  }
  ~Session() { --server_.counters.connections_open; }

  void start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this()));
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(opts_.max_header_bytes));
    parser_->body_limit(opts_.max_body_bytes);
    method_ = "-";
    target_ = "-";
    head_ = false;
    keep_alive_ = false;
    stream_.expires_after(seconds(opts_.request_timeout_s));
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    started_ = Clock::now();
    // The start line is parsed (and its bytes consumed) before the headers: a target tells
    // that the line was whole, so a header limit then is about the headers (431), not it (414).
    const bool line_done = !parser_->get().target().empty();
    if (line_done) {
      method_ = std::string(parser_->get().method_string());
      target_ = std::string(parser_->get().target());
    }
    if (ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
        ec == net::error::operation_aborted)
      return;  // the client is gone (or the server stops): the session ends with its last handler
    if (ec == beast::error::timeout) {
      // Idle between requests is normal; a request that did not arrive whole in time is not.
      if (buffer_.size() > 0 || parser_->got_some()) {
        ++server_.counters.timeouts;
        server_.log.request(remote_, method_, target_, 408, 0, ms_since_start());
      }
      return;  // Beast has closed the socket
    }
    if (ec == http::error::header_limit) {
      return reply(!line_done ? error_reply(414, "TooLong", "request line over " + std::to_string(opts_.max_request_line_bytes) + " bytes", true)
                        : error_reply(431, "TooLong", "request headers over " + std::to_string(opts_.max_header_bytes) + " bytes", true));
    }
    if (ec == http::error::body_limit)
      return reply(error_reply(413, "TooBig", "request body over " + std::to_string(opts_.max_body_bytes) + " bytes", true));
    if (ec) {
      if (ec.category() == http::make_error_code(http::error::bad_target).category() || ec == http::error::partial_message)
        return reply(error_reply(400, "InvalidQuery", "malformed HTTP request: " + ec.message(), true));
      return;  // a socket error: nothing can be sent
    }
    handle();
  }

  double ms_since_start() const { return std::chrono::duration<double, std::milli>(Clock::now() - started_).count(); }

  void handle() {
    ++server_.counters.requests;
    auto& req = parser_->get();
    keep_alive_ = req.keep_alive();
    head_ = req.method() == http::verb::head;
    if (target_.size() > opts_.max_request_line_bytes)
      return reply(error_reply(414, "TooLong", "request line over " + std::to_string(opts_.max_request_line_bytes) + " bytes", true));
    if (static_cast<std::size_t>(std::distance(req.begin(), req.end())) > opts_.max_headers)
      return reply(error_reply(431, "TooLong", "more than " + std::to_string(opts_.max_headers) + " request headers", true));
    Target t;
    try {
      t = parse_target(target_);
    } catch (const std::invalid_argument& e) {
      return reply(error_reply(400, "InvalidQuery", e.what()));
    }
    const auto verb = req.method();
    const bool get = verb == http::verb::get || verb == http::verb::head;
    const bool post = verb == http::verb::post;
    if (verb == http::verb::options && opts_.cors) return reply(Reply{204, nullptr});
    auto& api = server_.api;
    const auto& path = t.path;

    if (path == "/matrix" || path == "/compare") {
      if (!post) return reply(method_not_allowed("POST", "use POST with a JSON body"));
      const bool matrix = path == "/matrix";
      return offload([&api, matrix, body = std::move(req.body())]() -> Reply {
        nlohmann::json json;
        try {
          json = nlohmann::json::parse(body);
        } catch (const nlohmann::json::parse_error& e) {
          return reply_of(Api::error(400, "InvalidQuery", std::string("the body is not valid JSON: ") + e.what()));
        }
        return reply_of(matrix ? api.matrix(json) : api.compare(json));
      });
    }
    const bool api_path = path == "/health" || path == "/route" || path == "/scenarios" || path == "/network" ||
                          path == "/places" || path == "/openapi.json" || path == "/assign";
    if (api_path && !get) return reply(method_not_allowed("GET, HEAD", "use GET"));
    if (path == "/health") return reply(reply_of(api.health()));
    if (path == "/scenarios") return reply(server_.scenarios_body);
    if (path == "/openapi.json") return reply(server_.openapi_body);
    if (path == "/route") {
      // A request answered before costs a lookup here; a new one is routed by a worker.
      if (auto hit = api.cached_route(t.params)) return reply(reply_of(*hit));
      return offload([&api, q = std::move(t.params)] { return reply_of(api.route_text(q)); });
    }
    if (path == "/network") return offload([&api, q = std::move(t.params)] { return reply_of(api.network(q)); });
    if (path == "/places") return offload([&api, q = std::move(t.params)] { return reply_of(api.places(q)); });
    if (path == "/assign") return offload([&api, q = std::move(t.params)] { return reply_of(api.assign(q)); });
    if (server_.files && get) {
      if (const auto file = server_.files->get(path)) return reply(Reply{200, file->body, file->content_type});
    }
    reply(error_reply(404, "NotFound", "no such endpoint: " + path + " (see /openapi.json)"));
  }

  Reply method_not_allowed(const char* allow, const std::string& message) {
    auto r = error_reply(405, "MethodNotAllowed", message);
    r.allow = allow;
    return r;
  }

  // Runs work on the worker pool, then answers on this connection's strand.
  template <typename F>
  void offload(F&& work) {
    if (server_.queued.load() >= opts_.max_queued) {
      ++server_.counters.busy;
      return reply(error_reply(503, "Busy", "the server has " + std::to_string(opts_.max_queued) + " requests waiting; retry shortly"));
    }
    ++server_.queued;
    const auto deadline = Clock::now() + seconds(opts_.queue_timeout_s);
    net::post(server_.pool, [self = shared_from_this(), work = std::forward<F>(work), deadline]() mutable {
      --self->server_.queued;
      Reply r;
      if (Clock::now() > deadline) {
        ++self->server_.counters.busy;
        r = error_reply(503, "Busy", "waited too long for a worker; retry shortly");
      } else {
        try {
          r = work();
        } catch (const std::exception& e) {
          r = error_reply(500, "InternalError", e.what());
        }
      }
      net::post(self->stream_.get_executor(), [self, r = std::move(r)]() mutable { self->reply(std::move(r)); });
    });
  }

  void reply(Reply r) {
    static const auto empty = std::make_shared<const std::string>();
    body_ = r.body ? std::move(r.body) : empty;
    auto& res = response_.emplace();
    res.version(11);
    res.result(static_cast<unsigned>(r.status));
    if (r.status != 204) res.set(http::field::content_type, r.content_type);
    if (r.allow) res.set(http::field::allow, r.allow);
    if (opts_.cors) {
      res.set(http::field::access_control_allow_origin, "*");
      res.set(http::field::access_control_allow_headers, "Content-Type");
      res.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
    }
    res.keep_alive(keep_alive_ && !r.close);
    if (head_) {
      res.content_length(body_->size());  // the size a GET would get; no body
    } else {
      res.body() = beast::span<const char>(body_->data(), body_->size());
      if (r.status != 204) res.prepare_payload();
    }
    server_.log.request(remote_, method_, target_, r.status, head_ ? 0 : body_->size(), ms_since_start());
    stream_.expires_after(seconds(opts_.write_timeout_s));
    http::async_write(stream_, res, beast::bind_front_handler(&Session::on_write, shared_from_this(), !res.keep_alive()));
  }

  void on_write(bool close, beast::error_code ec, std::size_t) {
    response_.reset();
    body_.reset();
    if (ec) return;
    if (close) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      return drain(0);
    }
    read();
  }

  // After refusing a request that was not read whole (headers too big, a body over the
  // limit), read and drop what the client still sends, for a short while: closing with
  // unread bytes would reset the connection and the client could lose the answer.
  void drain(std::size_t dropped) {
    if (dropped > 4 * opts_.max_body_bytes + (1u << 20)) return;
    if (dropped == 0) stream_.expires_after(std::chrono::seconds(2));
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(16 * 1024), [self = shared_from_this(), dropped](beast::error_code ec, std::size_t n) {
      if (!ec) self->drain(dropped + n + 1);
    });
  }

  beast::tcp_stream stream_;
  Impl& server_;
  const ServerOptions& opts_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::span_body<const char>>> response_;
  std::shared_ptr<const std::string> body_;  // kept alive while response_ points into it
  std::string remote_, method_, target_;     // target as received, for the log
  bool keep_alive_ = false, head_ = false;
  Clock::time_point started_ = Clock::now();
};

}  // namespace

void HttpServer::Impl::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopped || ec == net::error::operation_aborted) return;
    if (ec) {
      // Out of file descriptors or the like: wait a little rather than spin, then go on.
      accept_retry.expires_after(std::chrono::milliseconds(50));
      accept_retry.async_wait([this](beast::error_code) { accept(); });
      return;
    }
    if (counters.connections_open.load() >= options.max_connections) {
      ++counters.connections_refused;
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      ++counters.connections_open;
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);  // small answers go out at once, not after a delayed ACK
      std::make_shared<Session>(std::move(socket), *this)->start();
    }
    accept();
  });
}

HttpServer::HttpServer(std::shared_ptr<const Engine> engine, ServerOptions options, std::ostream& log)
    : impl_(std::make_unique<Impl>(std::move(engine), std::move(options), log)) {}

HttpServer::~HttpServer() {
  stop();
  impl_->pool.join();
}

int HttpServer::bind() {
  auto& o = impl_->options;
  // Connections need file descriptors: raise the soft limit to the hard one, and keep the
  // connection limit under it, so that accepting never fails for want of descriptors.
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
    if (files.rlim_cur < files.rlim_max) {
      files.rlim_cur = files.rlim_max;
      setrlimit(RLIMIT_NOFILE, &files);
      getrlimit(RLIMIT_NOFILE, &files);
    }
    if (files.rlim_cur != RLIM_INFINITY && files.rlim_cur > 128)
      o.max_connections = std::min<std::size_t>(o.max_connections, files.rlim_cur - 128);
  }
  beast::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  const auto found = resolver.resolve(o.host, std::to_string(o.port), tcp::resolver::passive, ec);
  if (ec || found.empty()) throw std::runtime_error("cannot resolve host '" + o.host + "': " + ec.message());
  const tcp::endpoint endpoint = *found.begin();
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);  // TIME_WAIT from a previous run does not block a restart
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    a.close(ignored);
    if (ec == net::error::address_in_use)
      throw std::runtime_error("port " + std::to_string(o.port) + " on " + o.host +
                               " is in use (another silkroute serve?); choose one with --port");
    throw std::runtime_error("cannot bind to " + o.host + ":" + std::to_string(o.port) + ": " + ec.message());
  }
  return a.local_endpoint().port();
}

void HttpServer::serve() {
  auto& s = *impl_;
  if (!s.acceptor.is_open()) bind();
  s.accept();
  const int threads = thread_count_or_cores(s.options.io_threads);
  std::vector<std::thread> more;
  for (int i = 1; i < threads; ++i) more.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : more) t.join();
  s.log.flush();
}

void HttpServer::stop() {
  auto& s = *impl_;
  if (s.stopped.exchange(true)) return;
  net::post(s.ioc, [&s] {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    s.ioc.stop();
  });
}

const HttpServer::Counters& HttpServer::counters() const { return impl_->counters; }

}  // namespace silkroute::server
