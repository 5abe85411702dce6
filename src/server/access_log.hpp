#pragma once
// One line per request, written by a thread of its own: a request only appends its line to
// a buffer (no flush, no formatting under the lock); the writer flushes it every 100 ms or
// when 64 KiB are waiting. Lines are escaped: no client byte can start a line or reach the
// terminal raw (a %0A in a query stays "%0A"; a control byte becomes \xHH). If the log
// cannot keep up (a blocked stderr), lines beyond 4 MiB are dropped and the drop is counted.

#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

namespace silkroute::server {

// Appends text with bytes outside printable ASCII and the backslash as \xHH (UTF-8 letters
// included: the log is for grep, the JSON answers carry the names).
void append_log_escaped(std::string& out, std::string_view text);

class AccessLog {
 public:
  explicit AccessLog(std::ostream& out);
  ~AccessLog();  // writes what is left
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // "2026-11-26T21:04:05Z 127.0.0.1 GET /route?from=X 200 30721B 0.42ms"
  void request(std::string_view remote, std::string_view method, std::string_view target, int status,
               std::size_t body_bytes, double duration_ms);
  void line(std::string text);  // a line of the server's own (not escaped)
  void flush();                 // waits until everything so far is written

 private:
  void run();

  std::ostream& out_;
  std::mutex mutex_;
  std::condition_variable wake_, flushed_;
  std::string pending_;
  std::size_t dropped_ = 0;
  std::size_t generation_ = 0, written_generation_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace silkroute::server
