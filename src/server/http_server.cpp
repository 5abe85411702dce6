#include "server/http_server.hpp"

#include "server/static_files.hpp"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace silkroute::server {

namespace {

void send(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  res.set_content(r.body.dump(), "application/json");
}

Params params_of(const httplib::Request& req) { return Params(req.params.begin(), req.params.end()); }

std::string timestamp() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

HttpServer::HttpServer(std::shared_ptr<const Engine> engine, ServerOptions options, std::ostream& log)
    : http_(std::make_unique<httplib::Server>()), api_(std::move(engine), options.limits), options_(std::move(options)), log_(log) {
  auto& s = *http_;
  s.set_payload_max_length(options_.max_body_bytes);
  s.set_read_timeout(10, 0);
  s.set_write_timeout(10, 0);
  s.set_keep_alive_max_count(1000);
  s.set_tcp_nodelay(true);
  // A keep-alive connection holds a worker while it waits for its next request, so the pool
  // is sized for connections, not cores; the work itself is short and CPU-bound.
  s.new_task_queue = [] { return new httplib::ThreadPool(64); };  // small JSON answers go out at once, not after a 40 ms delayed ACK

  if (options_.cors) {
    s.set_default_headers({{"Access-Control-Allow-Origin", "*"},
                           {"Access-Control-Allow-Headers", "Content-Type"},
                           {"Access-Control-Allow-Methods", "GET, POST, OPTIONS"}});
    s.Options(".*", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  }

  s.Get("/health", [this](const httplib::Request&, httplib::Response& res) { send(res, api_.health()); });
  s.Get("/route", [this](const httplib::Request& req, httplib::Response& res) { send(res, api_.route(params_of(req))); });
  s.Get("/scenarios", [this](const httplib::Request&, httplib::Response& res) { send(res, api_.scenarios()); });
  s.Get("/network", [this](const httplib::Request& req, httplib::Response& res) { send(res, api_.network(params_of(req))); });
  s.Get("/places", [this](const httplib::Request& req, httplib::Response& res) { send(res, api_.places(params_of(req))); });
  s.Get("/openapi.json", [this](const httplib::Request&, httplib::Response& res) { send(res, api_.openapi()); });
  auto post_json = [this](auto endpoint) {
    return [this, endpoint](const httplib::Request& req, httplib::Response& res) {
      nlohmann::json body;
      try {
        body = nlohmann::json::parse(req.body);
      } catch (const nlohmann::json::parse_error& e) {
        send(res, Api::error(400, "InvalidQuery", std::string("the body is not valid JSON: ") + e.what()));
        return;
      }
      send(res, (api_.*endpoint)(body));
    };
  };
  s.Post("/matrix", post_json(&Api::matrix));
  s.Post("/compare", post_json(&Api::compare));
  // The wrong method on a known path is 405, not 404.
  for (const char* path : {"/matrix", "/compare"})
    s.Get(path, [](const httplib::Request&, httplib::Response& res) {
      send(res, Api::error(405, "MethodNotAllowed", "use POST with a JSON body"));
    });

  if (!options_.static_dir.empty()) {
    // After the API's routes: anything else is a file of the page, sent uncompressed from
    // memory (a content provider of known length is never recompressed by the library).
    auto files = std::make_shared<StaticFiles>(options_.static_dir);
    s.Get(R"(/(.*))", [files](const httplib::Request& req, httplib::Response& res) {
      const auto file = files->get(req.path);
      if (!file) {
        res.status = 404;
        return;
      }
      const auto body = file->body;
      res.set_content_provider(body->size(), file->content_type,
                               [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 return sink.write(body->data() + offset, length);
                               });
    });
  }

  // Errors the library raises itself (unknown path, body too large) get a JSON body too.
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const auto code = res.status == 404 ? "NotFound" : res.status == 413 ? "TooBig" : "Error";
    const auto message = res.status == 404   ? "no such endpoint: " + req.path + " (see /openapi.json)"
                         : res.status == 413 ? std::string("request body too large")
                                             : "HTTP " + std::to_string(res.status);
    send(res, Api::error(res.status, code, message));
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send(res, Api::error(500, "InternalError", what));
  });
  s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    static std::mutex mutex;
    std::string target = req.path;
    if (req.method == "GET" && !req.params.empty()) {  // a POST's form-decoded body is not a query
      char sep = '?';
      for (const auto& [k, v] : req.params) {
        target += sep + k + "=" + v;
        sep = '&';
      }
    }
    std::lock_guard lock(mutex);
    log_ << timestamp() << " " << req.remote_addr << " " << req.method << " " << target << " " << res.status << " "
         << res.body.size() << "B" << std::endl;
  });
}

HttpServer::~HttpServer() = default;

namespace {

// cpp-httplib binds with SO_REUSEPORT, so a second server on a busy port would silently
// share it with the first. A plain bind first tells whether the port is really free.
bool port_is_free(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found) return true;
  bool free = true;
  const int fd = socket(found->ai_family, found->ai_socktype, found->ai_protocol);
  if (fd >= 0) {
    free = ::bind(fd, found->ai_addr, found->ai_addrlen) == 0;
    close(fd);
  }
  freeaddrinfo(found);
  return free;
}

}  // namespace

int HttpServer::bind() {
  if (options_.port != 0 && !port_is_free(options_.host, options_.port))
    throw std::runtime_error("port " + std::to_string(options_.port) + " on " + options_.host +
                             " is in use (another silkroute serve?); choose one with --port");
  if (options_.port == 0) {
    const int port = http_->bind_to_any_port(options_.host);
    if (port <= 0) throw std::runtime_error("cannot bind to " + options_.host);
    return port;
  }
  if (!http_->bind_to_port(options_.host, options_.port))
    throw std::runtime_error("cannot bind to " + options_.host + ":" + std::to_string(options_.port) +
                             " (in use? try --port)");
  return options_.port;
}

void HttpServer::serve() { http_->listen_after_bind(); }

void HttpServer::stop() { http_->stop(); }

}  // namespace silkroute::server
