#include "validate_command.hpp"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "io/dataset_reader.hpp"
#include "network/validation_report.hpp"
#include "output/text_table.hpp"

namespace silkroute::app {

namespace {

struct ValidateCommand {
  std::string dir;
  std::string format = "table";
};

const char* severity_name(FindingSeverity s) { return s == FindingSeverity::error ? "error" : "warning"; }

int run_validate(const ValidateCommand& c) {
  // Hard errors (a file, line and field each) throw here and exit 2 like every command's.
  const auto net = io::read_dataset(c.dir);
  const auto findings = validate_network(net);
  std::size_t errors = 0;
  for (const auto& f : findings) errors += f.severity == FindingSeverity::error;
  const std::size_t warnings = findings.size() - errors;

  if (c.format == "json") {
    auto list = nlohmann::ordered_json::array();
    for (const auto& f : findings)
      list.push_back({{"severity", severity_name(f.severity)}, {"check", f.check}, {"file", f.file},
                      {"element", f.element}, {"message", f.message}});
    std::cout << nlohmann::ordered_json{{"dataset", c.dir}, {"nodes", net.nodes.size()}, {"links", net.links.size()},
                                        {"errors", errors}, {"warnings", warnings}, {"findings", list}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << c.dir << ": " << (errors ? "ERRORS" : "OK") << ", " << net.nodes.size() << " nodes, " << net.links.size()
              << " links; " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
              << (warnings == 1 ? " warning\n" : " warnings\n");
    if (!findings.empty()) {
      using output::Align;
      output::TextTable t({{"severity", Align::left}, {"check", Align::left}, {"file", Align::left},
                           {"element", Align::left}, {"finding", Align::left}});
      for (const auto& f : findings) t.add_row({severity_name(f.severity), f.check, f.file, f.element, f.message});
      std::cout << "\n" << t.render();
    }
  }
  return errors ? kExitBadInput : kExitOk;
}

}  // namespace

std::function<int()> add_validate_command(CLI::App& app) {
  auto c = std::make_shared<ValidateCommand>();
  auto* cmd = app.add_subcommand("validate", "check a dataset folder: every hard error, then a report of what looks wrong");
  cmd->add_option("DIR", c->dir, "dataset folder")->required();
  cmd->add_option("--format", c->format, "table or json")->default_val("table")->check(CLI::IsMember({"table", "json"}));
  return [c, cmd]() -> int { return *cmd ? run_validate(*c) : -1; };
}

}  // namespace silkroute::app
