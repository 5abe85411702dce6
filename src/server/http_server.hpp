#pragma once
// Serves the API (and the built web page) over HTTP with cpp-httplib: limits on request
// and body size, JSON errors, one log line per request, CORS only when asked, requests
// handled in parallel by the library's thread pool.

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "server/api.hpp"

namespace httplib {
class Server;
}

namespace silkroute::server {

struct ServerOptions {
  std::string host = "127.0.0.1";  // localhost unless told otherwise
  int port = 8080;                 // 0: any free port
  bool cors = false;
  std::string static_dir;          // the built web page; empty: none
  std::size_t max_body_bytes = 1 << 20;
  Limits limits;
};

class HttpServer {
 public:
  HttpServer(std::shared_ptr<const Engine> engine, ServerOptions options, std::ostream& log);
  ~HttpServer();

  // Binds; returns the port (useful with port 0). Throws std::runtime_error if it cannot.
  int bind();
  // Serves until stop(); returns when stopped.
  void serve();
  void stop();

 private:
  std::unique_ptr<httplib::Server> http_;
  Api api_;
  ServerOptions options_;
  std::ostream& log_;
};

}  // namespace silkroute::server
