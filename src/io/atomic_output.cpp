#include "io/atomic_output.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <unistd.h>

namespace silkroute::io {

namespace fs = std::filesystem;

namespace {

bool exists_nonempty(const fs::path& p, AtomicOutput::Kind kind) {
  std::error_code ec;
  if (!fs::exists(p, ec)) return false;
  if (kind == AtomicOutput::Kind::folder && fs::is_directory(p, ec)) return !fs::is_empty(p, ec);
  return true;
}

}  // namespace

void check_output_path(const fs::path& destination, AtomicOutput::Kind kind, bool force) {
  if (destination.empty()) throw OutputError("no output path given");
  if (exists_nonempty(destination, kind) && !force)
    throw OutputError(destination.string() + " exists; choose another path or add --force to replace it");
  std::error_code ec;
  if (kind == AtomicOutput::Kind::folder && fs::exists(destination, ec) && !fs::is_directory(destination, ec))
    throw OutputError(destination.string() + " exists and is not a folder");
  if (kind == AtomicOutput::Kind::file && fs::is_directory(destination, ec))
    throw OutputError(destination.string() + " is a folder; give a file name");
  auto folder = destination.parent_path();
  if (folder.empty()) folder = ".";
  if (!fs::is_directory(folder, ec)) throw OutputError("folder " + folder.string() + " of " + destination.string() + " does not exist");
}

AtomicOutput::AtomicOutput(fs::path destination, Kind kind, bool force) : destination_(std::move(destination)), kind_(kind) {
  check_output_path(destination_, kind_, force);
  auto folder = destination_.parent_path();
  if (folder.empty()) folder = ".";
  static std::atomic<int> counter{0};
  // Built by appending: GCC 12 warns falsely (-Wrestrict) on "x" + temporary.
  std::string stem = ".";
  stem += destination_.filename().stem().string();
  stem += ".tmp";
  stem += std::to_string(::getpid());
  stem += '_';
  stem += std::to_string(counter++);
  temporary_ = folder / (stem + destination_.extension().string());
  std::error_code ec;
  fs::remove_all(temporary_, ec);
}

AtomicOutput::~AtomicOutput() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(temporary_, ec);
}

void AtomicOutput::commit() {
  std::error_code ec;
  if (!fs::exists(temporary_, ec)) throw OutputError("nothing was written for " + destination_.string());
  if (kind_ == Kind::folder && fs::exists(destination_, ec)) {
    // A folder cannot be renamed over a non-empty one: move the old one aside first.
    const auto old = temporary_.string() + ".old";
    fs::rename(destination_, old, ec);
    if (ec) throw OutputError("cannot replace " + destination_.string() + ": " + ec.message());
    fs::rename(temporary_, destination_, ec);
    if (ec) {
      std::error_code ignored;
      fs::rename(old, destination_, ignored);
      throw OutputError("cannot write " + destination_.string() + ": " + ec.message());
    }
    fs::remove_all(old, ec);
  } else {
    fs::rename(temporary_, destination_, ec);
    if (ec) throw OutputError("cannot write " + destination_.string() + ": " + ec.message());
  }
  committed_ = true;
}

void write_atomically(const fs::path& destination, AtomicOutput::Kind kind, bool force,
                      const std::function<void(const fs::path&)>& write) {
  AtomicOutput out(destination, kind, force);
  write(out.temporary());
  out.commit();
}

void write_text_file(const fs::path& destination, const std::string& text, bool force) {
  write_atomically(destination, AtomicOutput::Kind::file, force, [&](const fs::path& temporary) {
    std::ofstream out(temporary, std::ios::binary);
    if (!out) throw OutputError("cannot write " + destination.string() + ": " + std::strerror(errno));
    out << text;
    out.flush();
    if (!out) throw OutputError("writing " + destination.string() + " failed (disk full?)");
    out.close();
    if (!out) throw OutputError("writing " + destination.string() + " failed (disk full?)");
  });
}

}  // namespace silkroute::io
