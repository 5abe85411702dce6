#include "server/access_log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace silkroute::server {

namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;
constexpr std::size_t kMaxPendingBytes = 4 * 1024 * 1024;

// The current second as ISO 8601, formatted once per second per thread.
std::string_view timestamp() {
  thread_local std::time_t last = -1;
  thread_local char text[32];
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != last) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    last = now;
  }
  return text;
}

}  // namespace

void append_log_escaped(std::string& out, std::string_view text) {
  static const char* hex = "0123456789abcdef";
  for (unsigned char c : text) {
    if (c > 0x20 && c < 0x7F && c != '\\') {
      out += static_cast<char>(c);
    } else {
      const char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
      out.append(esc, 4);
    }
  }
}

AccessLog::AccessLog(std::ostream& out) : out_(out), writer_([this] { run(); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

void AccessLog::request(std::string_view remote, std::string_view method, std::string_view target, int status,
                        std::size_t body_bytes, double duration_ms) {
  std::string text;
  text.reserve(64 + target.size());
  text += timestamp();
  text += ' ';
  append_log_escaped(text, remote);
  text += ' ';
  append_log_escaped(text, method);
  text += ' ';
  append_log_escaped(text, target);
  char tail[64];
  std::snprintf(tail, sizeof tail, " %d %zuB %.3fms\n", status, body_bytes, duration_ms);
  text += tail;
  line(std::move(text));
}

void AccessLog::line(std::string text) {
  if (text.empty() || text.back() != '\n') text += '\n';
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (pending_.size() + text.size() > kMaxPendingBytes) {
      ++dropped_;
      return;
    }
    pending_ += text;
    ++generation_;
    wake = pending_.size() >= kFlushBytes;
  }
  if (wake) wake_.notify_one();
}

void AccessLog::flush() {
  std::unique_lock lock(mutex_);
  const auto wanted = generation_;
  wake_.notify_one();
  flushed_.wait(lock, [&] { return written_generation_ >= wanted || stopping_; });
}

void AccessLog::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, std::chrono::milliseconds(100));
    std::string batch;
    batch.swap(pending_);
    if (dropped_) {
      batch += "access log: " + std::to_string(dropped_) + " lines dropped (the log could not keep up)\n";
      dropped_ = 0;
    }
    const auto generation = generation_;
    const bool last = stopping_;
    lock.unlock();
    if (!batch.empty()) {
      out_ << batch;
      out_.flush();
    }
    lock.lock();
    written_generation_ = generation;
    flushed_.notify_all();
    if (last && pending_.empty()) return;
  }
}

}  // namespace silkroute::server
