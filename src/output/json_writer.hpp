#pragma once
// Compact JSON written straight into a string, byte for byte what nlohmann's dump() gives
// for the same tree (its own shortest-round-trip double formatting, the same escapes), but
// without building the tree first: the server's answers are written once, where they go.

#include <cstdint>
#include <string>
#include <string_view>

namespace silkroute::output {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  // Indented as dump(indent) writes it (the command line's JSON for people and scripts).
  JsonWriter(std::string& out, int indent) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // A key in the open object; the next call writes its value.
  void key(std::string_view k);

  // Strings must be valid UTF-8 (std::invalid_argument otherwise, as dump() refuses them).
  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(double v);  // non-finite: null, as dump()
  void value(int v) { value(static_cast<std::int64_t>(v)); }
  void value(std::int64_t v);
  void value(std::uint64_t v);
  void value(bool v);
  void null();
  // A value already serialized as compact JSON (e.g. a node's cached "[lon,lat]").
  void raw(std::string_view json);

  // key(k) then value(v).
  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void separate() {
    if (after_key_) {  // the value of the key just written
      after_key_ = false;
      return;
    }
    if (need_comma_) out_ += ',';
    need_comma_ = false;
    if (indent_ > 0 && depth_ > 0) new_line();
  }
  void open(char c) {
    separate();
    out_ += c;
    ++depth_;
  }
  void close(char c) {
    --depth_;
    if (indent_ > 0 && need_comma_) new_line();  // need_comma_: the container is not empty
    out_ += c;
    need_comma_ = true;
  }
  void new_line() {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_ * indent_), ' ');
  }

  std::string& out_;
  int indent_ = 0;
  int depth_ = 0;
  bool need_comma_ = false;
  bool after_key_ = false;
};

// The JSON text of a string (quotes and escapes), as dump() writes it.
void append_json_string(std::string& out, std::string_view s);
// The JSON text of a double, as dump() writes it.
void append_json_number(std::string& out, double v);

// True when s is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

}  // namespace silkroute::output
