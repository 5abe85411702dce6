#include "sweep_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli_common.hpp"

namespace silkroute::app {

void add_sweep_command_placeholder(CLI::App& app) {
  app.add_subcommand("sweep",
                     "run many scenarios (a sweep file) serially or on Dask; results in SQLite "
                     "(silkroute sweep --help)")
      ->allow_extras();
}

void exec_sweep_command_if_chosen(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) != "sweep") return;
  // The interpreter the Python module was built for, unless SILKROUTE_PYTHON names another.
  const char* env_python = std::getenv("SILKROUTE_PYTHON");
  const std::string python = env_python && *env_python ? env_python : SILKROUTE_PYTHON;
  // The built package (build/python) goes first on PYTHONPATH, so a build tree runs as is; an
  // installed package is found the ordinary way.
  const std::filesystem::path package_dir = SILKROUTE_PYTHON_DIR;
  if (std::filesystem::is_directory(package_dir / "silkroute")) {
    const char* old = std::getenv("PYTHONPATH");
    const std::string path = package_dir.string() + (old && *old ? ":" + std::string(old) : "");
    ::setenv("PYTHONPATH", path.c_str(), 1);
  }
  std::vector<std::string> args{python, "-m", "silkroute.sweep"};
  for (int i = 2; i < argc; ++i) args.emplace_back(argv[i]);
  std::vector<char*> raw;
  for (auto& a : args) raw.push_back(a.data());
  raw.push_back(nullptr);
  ::execvp(raw[0], raw.data());
  std::cerr << "error: 'sweep' needs Python 3 with the silkroute package (" << python << "): " << std::strerror(errno)
            << "\n";
  std::exit(kExitBadInput);
}

}  // namespace silkroute::app
