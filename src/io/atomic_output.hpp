#pragma once
// Nothing lost: every file or folder silkroute writes goes first to a temporary beside its
// destination, is checked, and only then renamed into place (a rename within one folder is
// atomic). An existing destination is refused unless the caller forces it; a failed write
// (full disk, no permission) is an error and leaves nothing behind.

#include <filesystem>
#include <functional>
#include <string>

namespace silkroute::io {

class OutputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// A destination written through a temporary path. write() gets the temporary (with the
// destination's extension, so GDAL and HDF5 pick the same format); when it returns without
// throwing, the temporary replaces the destination.
class AtomicOutput {
 public:
  enum class Kind { file, folder };
  // Throws OutputError when the destination exists and force is false, or when its folder
  // does not exist.
  AtomicOutput(std::filesystem::path destination, Kind kind, bool force);
  ~AtomicOutput();  // removes the temporary unless committed
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::filesystem::path& temporary() const { return temporary_; }
  // Moves the temporary into place (replacing the destination when forced).
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path temporary_;
  Kind kind_;
  bool committed_ = false;
};

// The checks AtomicOutput's constructor makes (existing destination without force, missing
// folder), for commands that refuse a destination before minutes of work rather than after.
void check_output_path(const std::filesystem::path& destination, AtomicOutput::Kind kind, bool force);

// Writes text to a file through a temporary; OutputError on any failure.
void write_text_file(const std::filesystem::path& destination, const std::string& text, bool force);

// Runs write(temporary) for a file or folder destination, then commits.
void write_atomically(const std::filesystem::path& destination, AtomicOutput::Kind kind, bool force,
                      const std::function<void(const std::filesystem::path& temporary)>& write);

}  // namespace silkroute::io
