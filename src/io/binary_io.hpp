#pragma once
// The plain binary form of the snapshots (io/dataset_snapshot.hpp, routing/routing_snapshot.hpp):
// a file mapped read-only, a writer and a bounds-checked reader of fixed-size values, counts,
// texts and arrays of fixed-size values.

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "util/enum_names.hpp"
#include "util/pod_array.hpp"

namespace silkroute::io {

// A file mapped read-only: its pages come from the page cache, mapped several at a time, with
// no copy (fewer page faults than reading it into a buffer: they count at this size).
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
      size_ = static_cast<std::size_t>(st.st_size);
      ok_ = true;
      if (size_ > 0) {
        // Every user reads the whole file (a hash at least): mapping its pages in one call costs
        // less than a fault per 16 pages (docs/performance.md, session 12).
        void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p == MAP_FAILED) ok_ = false, size_ = 0;
        else data_ = static_cast<const char*>(p);
      }
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  bool ok() const { return ok_; }
  std::string_view bytes() const { return {data_ ? data_ : "", size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  bool ok_ = false;
};

// Plain binary form: little-endian as the machine writes it (a snapshot never leaves the
// machine that wrote it: the build id is in its key).
class Writer {
 public:
  template <typename T>
  void pod(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void count(std::size_t n) { pod(static_cast<std::uint32_t>(n)); }
  void text(const std::string& s) {
    count(s.size());
    out_.append(s);
  }
  void optional_number(const std::optional<double>& v) {
    pod<std::uint8_t>(v.has_value());
    if (v) pod(*v);
  }
  // An array of fixed-size values: its count, then its bytes as they lie in memory.
  template <typename T>
  void pods(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    count(values.size());
    out_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  // Zero bytes up to a multiple of `alignment` from the start: what follows can be used in
  // place from a mapped file (whose start is page-aligned).
  void align(std::size_t alignment) { out_.append((alignment - out_.size() % alignment) % alignment, '\0'); }
  // An array of fixed-size values that a reader can view in place: its count, zeros up to an
  // 8-byte boundary, its bytes.
  template <typename T>
  void aligned_pods(const PodArray<T>& values) {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= 8);
    count(values.size());
    align(8);
    out_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void bytes(std::string_view b) { out_.append(b); }
  std::size_t size() const { return out_.size(); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }

  template <typename T>
  T pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value{};
    if (!need(sizeof value)) return value;
    std::memcpy(&value, in_.data() + pos_, sizeof value);
    pos_ += sizeof value;
    return value;
  }
  // An enum stored as its underlying integer, checked against the number of its values.
  template <typename E>
  E enumerator() {
    const auto raw = pod<std::underlying_type_t<E>>();
    if (static_cast<std::size_t>(raw) >= EnumNames<E>::names.size()) ok_ = false;
    return ok_ ? static_cast<E>(raw) : E{};
  }
  // A count of items at least min_bytes each: never more than the bytes left could hold.
  std::size_t count(std::size_t min_bytes) {
    const auto n = pod<std::uint32_t>();
    if (static_cast<std::size_t>(n) * min_bytes > in_.size() - pos_) ok_ = false;
    return ok_ ? n : 0;
  }
  std::string text() {
    const auto n = count(1);
    if (!need(n)) return {};
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::optional<double> optional_number() {
    if (pod<std::uint8_t>() == 0) return std::nullopt;
    return pod<double>();
  }
  // What Writer::pods wrote, copied at once.
  template <typename T>
  void pods(std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto n = count(sizeof(T));
    if (!ok_) return values.clear();
    values.resize(n);
    if (n > 0) std::memcpy(values.data(), in_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
  }
  // Skips to a multiple of `alignment` from the start (what Writer::align wrote).
  void align(std::size_t alignment) {
    const auto pad = (alignment - pos_ % alignment) % alignment;
    if (need(pad)) pos_ += pad;
  }
  // What Writer::aligned_pods wrote: viewed in place while `keep` holds the bytes (when it is
  // given and they lie aligned for T), else copied.
  template <typename T>
  void aligned_pods(PodArray<T>& values, const std::shared_ptr<const void>& keep) {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= 8);
    const auto n = count(sizeof(T));
    align(8);
    if (!need(n * sizeof(T))) return values.clear();
    const char* at = in_.data() + pos_;
    pos_ += n * sizeof(T);
    if (keep && reinterpret_cast<std::uintptr_t>(at) % alignof(T) == 0) {
      values = PodArray<T>::view(reinterpret_cast<const T*>(at), n, keep);
      return;
    }
    std::vector<T> copy(n);
    if (n > 0) std::memcpy(copy.data(), at, n * sizeof(T));
    values = std::move(copy);
  }
  // The next n bytes, not copied.
  std::string_view bytes(std::size_t n) {
    if (!need(n)) return {};
    const auto b = in_.substr(pos_, n);
    pos_ += n;
    return b;
  }
  void fail() { ok_ = false; }

 private:
  bool need(std::size_t n) {
    if (!ok_ || n > in_.size() - pos_) ok_ = false;
    return ok_;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace silkroute::io
