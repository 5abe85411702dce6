// What a first touch of a page costs on this machine, by the way the page came: the malloc
// heap growing, an anonymous mapping (faulted, MAP_POPULATE, MADV_POPULATE_WRITE, 2 MB aligned
// with MADV_HUGEPAGE), and a file already in the page cache (faulted, MAP_POPULATE,
// MADV_WILLNEED, MADV_POPULATE_READ). Each way runs REPS times on fresh memory; the median time
// per page and the minor faults per page (getrusage) are printed. bench/page_fault_cost.sh
// builds and runs it (docs/performance.md, issue 17, item 4, session 18).
//   page_fault_cost PAGES REPS FILE     (FILE: at least PAGES * 4096 bytes, read once before)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

namespace {

constexpr std::size_t kPage = 4096;
constexpr std::size_t kHuge = 2u << 20;

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Keeps the compiler from dropping the reads of a mapped file.
volatile unsigned char g_sink = 0;

struct Result {
  double ns_per_page = 0;
  double faults_per_page = 0;
};

// Runs `one` (which maps, touches and unmaps `pages` pages) `reps` times: median ns per page.
Result measure(std::size_t pages, int reps, const std::function<void()>& one) {
  std::vector<double> ns;
  long faults = 0;
  for (int r = 0; r < reps; ++r) {
    const long before_faults = minor_faults();
    const auto start = std::chrono::steady_clock::now();
    one();
    const auto stop = std::chrono::steady_clock::now();
    faults += minor_faults() - before_faults;
    ns.push_back(std::chrono::duration<double, std::nano>(stop - start).count());
  }
  std::sort(ns.begin(), ns.end());
  Result result;
  result.ns_per_page = ns[ns.size() / 2] / static_cast<double>(pages);
  result.faults_per_page = static_cast<double>(faults) / reps / static_cast<double>(pages);
  return result;
}

void touch_write(char* p, std::size_t pages) {
  for (std::size_t i = 0; i < pages; ++i) p[i * kPage] = 1;
}

void touch_read(const unsigned char* p, std::size_t pages) {
  unsigned char sum = 0;
  for (std::size_t i = 0; i < pages; ++i) sum = static_cast<unsigned char>(sum + p[i * kPage]);
  g_sink = sum;
}

char* map_anonymous(std::size_t bytes, int extra_flags) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | extra_flags, -1, 0);
  if (p == MAP_FAILED) {
    std::perror("mmap");
    std::exit(1);
  }
  return static_cast<char*>(p);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s PAGES REPS FILE\n", argv[0]);
    return 2;
  }
  const std::size_t pages = std::strtoul(argv[1], nullptr, 10);
  const int reps = std::atoi(argv[2]);
  const int fd = open(argv[3], O_RDONLY);
  if (fd < 0 || pages == 0 || reps <= 0) {
    std::fprintf(stderr, "%s: cannot open or bad PAGES/REPS\n", argv[3]);
    return 2;
  }
  const std::size_t bytes = pages * kPage;

  struct Way {
    std::string name;
    std::function<void()> one;
  };
  std::vector<Way> ways;
  ways.push_back({"heap (malloc 4000-byte blocks)", [&] {
                    // Small blocks come from the brk heap, which grows as they are touched;
                    // freeing them all trims it back (M_TRIM_THRESHOLD), so each rep is fresh.
                    std::vector<char*> blocks(pages);
                    for (auto& b : blocks) {
                      b = static_cast<char*>(std::malloc(4000));
                      b[0] = 1;
                    }
                    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) std::free(*it);
                  }});
  ways.push_back({"anonymous, faulted", [&] {
                    char* p = map_anonymous(bytes, 0);
                    touch_write(p, pages);
                    munmap(p, bytes);
                  }});
  ways.push_back({"anonymous, MAP_POPULATE", [&] {
                    char* p = map_anonymous(bytes, MAP_POPULATE);
                    touch_write(p, pages);
                    munmap(p, bytes);
                  }});
  ways.push_back({"anonymous, MADV_POPULATE_WRITE", [&] {
                    char* p = map_anonymous(bytes, 0);
                    madvise(p, bytes, MADV_POPULATE_WRITE);
                    touch_write(p, pages);
                    munmap(p, bytes);
                  }});
  ways.push_back({"anonymous, 2 MB aligned, MADV_HUGEPAGE", [&] {
                    // Over-map by 2 MB and touch from the first 2 MB boundary.
                    char* raw = map_anonymous(bytes + kHuge, 0);
                    char* p = reinterpret_cast<char*>(
                        (reinterpret_cast<std::uintptr_t>(raw) + kHuge - 1) & ~(kHuge - 1));
                    madvise(p, bytes, MADV_HUGEPAGE);
                    touch_write(p, pages);
                    munmap(raw, bytes + kHuge);
                  }});
  const auto map_file = [&](int flags) {
    void* p = mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE | flags, fd, 0);
    if (p == MAP_FAILED) {
      std::perror("mmap file");
      std::exit(1);
    }
    return static_cast<unsigned char*>(p);
  };
  ways.push_back({"file in page cache, faulted", [&] {
                    unsigned char* p = map_file(0);
                    touch_read(p, pages);
                    munmap(p, bytes);
                  }});
  ways.push_back({"file in page cache, MAP_POPULATE", [&] {
                    unsigned char* p = map_file(MAP_POPULATE);
                    touch_read(p, pages);
                    munmap(p, bytes);
                  }});
  ways.push_back({"file in page cache, MADV_WILLNEED", [&] {
                    unsigned char* p = map_file(0);
                    madvise(p, bytes, MADV_WILLNEED);
                    touch_read(p, pages);
                    munmap(p, bytes);
                  }});
  ways.push_back({"file in page cache, MADV_POPULATE_READ", [&] {
                    unsigned char* p = map_file(0);
                    madvise(p, bytes, MADV_POPULATE_READ);
                    touch_read(p, pages);
                    munmap(p, bytes);
                  }});

  // Read the file once so that it is in the page cache.
  touch_read(map_file(MAP_POPULATE), pages);

  std::printf("%zu pages, %d reps, median per page\n", pages, reps);
  for (const Way& way : ways) {
    const Result r = measure(pages, reps, way.one);
    std::printf("  %-42s %8.0f ns/page  %5.3f faults/page\n", way.name.c_str(), r.ns_per_page,
                r.faults_per_page);
  }
  return 0;
}
