#include "serve_command.hpp"

#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <thread>

#include "cli_common.hpp"
#include "engine/engine.hpp"
#include "server/http_server.hpp"

#ifndef SILKROUTE_WEB_DIST
#define SILKROUTE_WEB_DIST ""
#endif

namespace silkroute::app {

std::function<int()> add_serve_command(CLI::App& app) {
  struct State {
    std::string network;
    server::ServerOptions options;
    std::string web = SILKROUTE_WEB_DIST;
    bool no_web = false;
    std::size_t max_body_kb = 1024;
    std::size_t route_cache_mb = 64;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("serve", "HTTP API and web map (http://127.0.0.1:8080 by default)");
  cmd->add_option("--network", s->network, "dataset folder (default: the embedded Belt and Road network)");
  cmd->add_option("--host", s->options.host, "address to bind; 0.0.0.0 exposes it to the network")->default_val("127.0.0.1");
  cmd->add_option("--port", s->options.port, "port (0: any free port)")->default_val(8080)->check(CLI::Range(0, 65535));
  cmd->add_flag("--cors", s->options.cors, "allow cross-origin requests from any page");
  cmd->add_option("--web", s->web, "folder of the built web page (default: web/dist)");
  cmd->add_flag("--no-web", s->no_web, "serve the API only");
  cmd->add_option("--max-body-kb", s->max_body_kb, "largest request body accepted")->default_val(1024)->check(CLI::Range(1, 1 << 20));
  cmd->add_option("--max-matrix-cells", s->options.limits.max_matrix_cells, "largest /matrix request (origins x destinations)")
      ->default_val(250000);
  cmd->add_option("--threads", s->options.workers, "worker threads for routing and analyses (0: one per core)")->default_val(0)->check(CLI::Range(0, 256));
  cmd->add_option("--io-threads", s->options.io_threads, "threads that read and write connections (0: one per core)")->default_val(0)->check(CLI::Range(0, 64));
  cmd->add_option("--request-timeout-s", s->options.request_timeout_s, "a request must arrive whole within this (slow clients are dropped)")
      ->default_val(10)->check(CLI::Range(0.1, 3600.0));
  cmd->add_option("--max-connections", s->options.max_connections, "connections open at once; more are closed")->default_val(4096)->check(CLI::Range(1, 1000000));
  cmd->add_option("--cpu-budget-s", s->options.limits.cpu_budget_s, "CPU seconds one /matrix request may take")->default_val(5)->check(CLI::Range(0.01, 3600.0));
  cmd->add_option("--route-cache-mb", s->route_cache_mb, "memory for /route answers already given (0: no cache)")->default_val(64)->check(CLI::Range(0, 65536));

  return [s, cmd]() -> int {
    if (!*cmd) return -1;
    // SIGINT and SIGTERM go to a waiting thread that stops the server cleanly.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    const auto engine = Engine::open(s->network.empty() ? default_network_dir() : s->network);
    auto options = s->options;
    options.max_body_bytes = s->max_body_kb * 1024;
    options.limits.route_cache_bytes = s->route_cache_mb << 20;
    if (!s->no_web && !s->web.empty()) {
      if (std::filesystem::is_directory(s->web)) options.static_dir = s->web;
      else std::cerr << "note: no web page at " << s->web << " (build it with scripts/build_web.sh); serving the API only\n";
    }
    server::HttpServer http(engine, options, std::cerr);
    int port = 0;
    try {
      port = http.bind();
    } catch (const std::runtime_error& e) {
      std::cerr << "error: " << e.what() << "\n";
      return kExitBadInput;  // a busy port or a bad host is the caller's to change
    }
    std::cerr << "silkroute serving " << engine->network().source_dir << " on http://" << options.host << ":" << port << "/"
              << (options.static_dir.empty() ? " (API only)" : "") << "; Ctrl-C stops\n";
    std::thread waiter([&] {
      int sig = 0;
      // Only SIGINT or SIGTERM stops it (sigwait can return early, e.g. under valgrind).
      while (sigwait(&signals, &sig) != 0 || (sig != SIGINT && sig != SIGTERM)) {
      }
      std::cerr << "silkroute: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", stopping\n";
      http.stop();
    });
    http.serve();
    // Stopped by a signal: the waiter is done. Stopped otherwise: wake it so it can end.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    std::cerr << "silkroute: stopped\n";
    return kExitOk;
  };
}

}  // namespace silkroute::app
