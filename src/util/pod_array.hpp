#pragma once
// An array of plain values that either owns its elements (a std::vector) or views them where
// they lie in a mapped snapshot file, kept alive by a shared handle. The topology and the
// metrics a route command reads back from its routing snapshot are used in place: copying
// them out touched about 200 fresh pages a run, and on this kind of machine a page fault is
// the unit of cost (docs/performance.md, issue 17, item 4, sessions 12 and 17).
//
// Reads are those of a vector (a pointer and a size). Anything that writes makes a view an
// owned copy first, so a view is never written through; copies of a view share its handle,
// so no copy outlives the bytes it points into.

#include <algorithm>
#include <cstddef>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace silkroute {

template <typename T>
class PodArray {
  static_assert(std::is_trivially_copyable_v<T>, "PodArray holds plain values only");

 public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = T*;
  using const_iterator = const T*;
  using reference = T&;
  using const_reference = const T&;

  PodArray() = default;
  explicit PodArray(std::vector<T> values) : owned_(std::move(values)) { point_at_owned(); }
  PodArray(std::size_t n, const T& value) : owned_(n, value) { point_at_owned(); }
  // A view of n values at `data`, valid while `keep` is held (`data` aligned for T).
  static PodArray view(const T* data, std::size_t n, std::shared_ptr<const void> keep) {
    PodArray a;
    a.data_ = const_cast<T*>(data);
    a.size_ = n;
    a.keep_ = std::move(keep);
    a.viewing_ = true;
    return a;
  }

  PodArray(const PodArray& o) : owned_(o.owned_), keep_(o.keep_), viewing_(o.viewing_) {
    if (viewing_) data_ = o.data_, size_ = o.size_;
    else point_at_owned();
  }
  PodArray(PodArray&& o) noexcept
      : owned_(std::move(o.owned_)), data_(o.data_), size_(o.size_), keep_(std::move(o.keep_)), viewing_(o.viewing_) {
    o.owned_.clear();
    o.data_ = nullptr;
    o.size_ = 0;
    o.viewing_ = false;
  }
  PodArray& operator=(PodArray o) noexcept {
    swap(o);
    return *this;
  }
  PodArray& operator=(std::vector<T> values) {
    owned_ = std::move(values);
    keep_.reset();
    viewing_ = false;
    point_at_owned();
    return *this;
  }
  void swap(PodArray& o) noexcept {
    owned_.swap(o.owned_);
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    keep_.swap(o.keep_);
    std::swap(viewing_, o.viewing_);
  }

  // Whether the elements lie in a mapped file rather than in this object.
  bool is_view() const { return viewing_; }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return data_; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }
  std::span<const T> span() const { return {data_, size_}; }
  operator std::span<const T>() const { return span(); }
  std::vector<T> to_vector() const { return std::vector<T>(begin(), end()); }

  // Writing: an owned array, as a vector would.
  T* data() { return own().data(); }
  T& operator[](std::size_t i) { return own()[i]; }
  T* begin() { return own().data(); }
  T* end() { return own().data() + size_; }
  T& back() { return own().back(); }
  void assign(std::size_t n, const T& value) { edit([&](auto& v) { v.assign(n, value); }); }
  void resize(std::size_t n) { edit([&](auto& v) { v.resize(n); }); }
  void resize(std::size_t n, const T& value) { edit([&](auto& v) { v.resize(n, value); }); }
  void reserve(std::size_t n) { edit([&](auto& v) { v.reserve(n); }); }
  void push_back(const T& value) { edit([&](auto& v) { v.push_back(value); }); }
  void clear() { edit([](auto& v) { v.clear(); }); }
  template <typename It>
  void insert(const T* at, It first, It last) {
    const auto i = at - data_;
    edit([&](auto& v) { v.insert(v.begin() + i, first, last); });
  }

  friend bool operator==(const PodArray& a, const PodArray& b) { return std::ranges::equal(a, b); }
  friend bool operator==(const PodArray& a, const std::vector<T>& b) { return std::ranges::equal(a, b); }

 private:
  void point_at_owned() {
    data_ = owned_.data();
    size_ = owned_.size();
  }
  std::vector<T>& own() {
    if (viewing_) {
      owned_.assign(data_, data_ + size_);
      keep_.reset();
      viewing_ = false;
      point_at_owned();
    }
    return owned_;
  }
  template <typename F>
  void edit(F f) {
    f(own());
    point_at_owned();
  }

  std::vector<T> owned_;
  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::shared_ptr<const void> keep_;
  bool viewing_ = false;
};

}  // namespace silkroute
