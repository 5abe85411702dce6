#pragma once
// Serves the API (and the built web page) over HTTP/1.1 with Boost.Beast on Boost.Asio:
// event-driven, so a connection costs a socket and a buffer, not a thread, and slow clients
// cannot take the workers. A few I/O threads read, parse and write; the work that can take
// long (routes not yet answered, matrices, comparisons, the network) runs on a pool of
// worker threads with a bounded queue. Limits at the door: a whole-request deadline, the
// request line, header count and bytes, the body, every parameter; one escaped log line per
// request, written by a thread of its own. (Why Beast rather than cpp-httplib's thread per
// connection: docs/performance.md, "HTTP server".)

#include <atomic>
#include <memory>
#include <ostream>
#include <string>

#include "server/api.hpp"

namespace silkroute::server {

struct ServerOptions {
  std::string host = "127.0.0.1";  // localhost unless told otherwise
  int port = 8080;                 // 0: any free port
  bool cors = false;
  std::string static_dir;          // the built web page; empty: none
  std::size_t max_body_bytes = 1 << 20;
  Limits limits;

  int io_threads = 0;  // read, parse, write, cached answers; 0: one per core
  int workers = 0;     // routing and analyses; 0: one per core
  // A request must arrive whole (line, headers, body) within this long of the connection
  // opening or the previous answer; then the connection is closed. Slow clients cannot hold
  // a connection longer, and they hold no thread meanwhile.
  double request_timeout_s = 10;
  double write_timeout_s = 10;  // a client that does not read its answer is dropped
  std::size_t max_request_line_bytes = 8 * 1024;  // 414 beyond
  std::size_t max_header_bytes = 16 * 1024;       // line and headers together; 431 beyond
  std::size_t max_headers = 64;                   // 431 beyond
  std::size_t max_connections = 4096;             // more are closed at once
  std::size_t max_queued = 256;  // requests waiting for a worker; 503 beyond
  double queue_timeout_s = 10;   // a request still waiting for a worker after this: 503
};

class HttpServer {
 public:
  HttpServer(std::shared_ptr<const Engine> engine, ServerOptions options, std::ostream& log);
  ~HttpServer();

  // Binds (SO_REUSEADDR, so a restart right after connections works; a port another server
  // listens on is refused); returns the port (useful with port 0). std::runtime_error if it cannot.
  int bind();
  // Serves until stop(); returns when stopped, with the log written.
  void serve();
  void stop();

  struct Counters {
    std::atomic<std::size_t> connections_open{0}, connections_refused{0}, requests{0}, timeouts{0}, busy{0};
  };
  const Counters& counters() const;

  struct Impl;  // Asio and Beast stay out of this header

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace silkroute::server
