// bench_common.hpp -- shared by every benchmark binary (numfuse's and the
// optional peer binaries): placement-controlled storage, the input data of
// every case, the hand-written loop baselines (serial and OpenMP), the
// STREAM-style triad, and the element-wise check run before timing.
//
// Does not include numfuse: the peer binaries (Eigen, xtensor) use it too, so
// that every binary times the same loop on the same data and the report can
// quote each library's ratio to the loop of its own run.
//
// Threads: the loop sides take `nt`; with nt > 1 and OpenMP available the
// range is split statically into nt contiguous chunks (64-byte aligned
// boundaries) by one `omp parallel` region. Below kOmpMin elements the loop
// stays serial, as a hand-written OpenMP loop would (`if` clause).
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#ifdef _OPENMP
#include <omp.h>
#endif

namespace bench {

#ifdef _OPENMP
inline constexpr bool kHaveOmp = true;
#else
inline constexpr bool kHaveOmp = false;
#endif

/// Below this many elements (or rows x cols) the OpenMP loop runs serially.
inline constexpr std::size_t kOmpMin = 32768;

// ---------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------

inline std::size_t stagger_bytes() {
  static const std::size_t s = [] {
    const char* e = std::getenv("NUMFUSE_BENCH_STAGGER");
    return e ? static_cast<std::size_t>(std::strtoul(e, nullptr, 0)) : std::size_t{256};
  }();
  return s;
}

struct free_deleter {
  void operator()(void* p) const noexcept { std::free(p); }
};

/// n elements of T starting `offset` bytes after a 4 KiB boundary, zeroed
/// (every page touched once); from 4 MiB on advised onto huge pages.
template <class T>
class placed_array {
 public:
  placed_array() = default;
  placed_array(std::size_t n, std::size_t offset) : n_(n) {
    const std::size_t bytes = (offset + n * sizeof(T) + 4095) / 4096 * 4096;
    mem_.reset(std::aligned_alloc(4096, std::max<std::size_t>(bytes, 4096)));
    if (!mem_) {
      std::fprintf(stderr, "benchmark: out of memory\n");
      std::abort();
    }
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // From 4 MiB on, on transparent huge pages where the system allows it,
    // as NumPy's arrays (and numfuse's ndarray) are: every side of every
    // binary reads the same kind of pages as the NumPy column.
    if (bytes >= (std::size_t(1) << 22)) madvise(mem_.get(), bytes, MADV_HUGEPAGE);
#endif
    p_ = reinterpret_cast<T*>(static_cast<char*>(mem_.get()) + offset);
    std::fill(p_, p_ + n_, T(0));
  }
  T* data() const noexcept { return p_; }
  std::size_t size() const noexcept { return n_; }

 private:
  std::unique_ptr<void, free_deleter> mem_;
  T* p_ = nullptr;
  std::size_t n_ = 0;
};

/// Input k of a case: n values uniform in [lo, hi), placed at
/// (k + 1) * stagger + extra_offset bytes after a page boundary. The seed depends on the
/// case name, n and k only, so every binary sees the same data.
template <class T>
placed_array<T> make_input(const char* case_name, std::size_t n, int k, double lo, double hi,
                           std::size_t extra_offset = 0) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char* p = case_name; *p; ++p) h = (h ^ std::uint8_t(*p)) * 1099511628211ull;
  std::mt19937_64 rng(h + 7919 * n + 31 * std::uint64_t(k));
  std::uniform_real_distribution<double> dist(lo, hi);
  placed_array<T> a(n, std::size_t(k + 1) * stagger_bytes() + extra_offset);
  for (std::size_t i = 0; i < n; ++i) a.data()[i] = static_cast<T>(dist(rng));
  return a;
}

// ---------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------

/// |got - ref| <= rtol * max(|ref|, rms(ref)) for every element; aborts with
/// the first bad element otherwise (NaN fails).
template <class T, class U>
void check_close(const std::string& what, const T* got, const U* ref, std::size_t n, double rtol) {
  double ss = 0;
  for (std::size_t i = 0; i < n; ++i) ss += double(ref[i]) * double(ref[i]);
  const double rms = n ? std::sqrt(ss / double(n)) : 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double scale = std::max(std::abs(double(ref[i])), rms);
    const double err = std::abs(double(got[i]) - double(ref[i]));
    if (!(err <= rtol * scale)) {
      std::fprintf(stderr,
                   "benchmark: %s disagrees with the serial loop at i=%zu: got %.17g, loop %.17g "
                   "(|diff| %.3g > rtol %.1g * %.3g)\n",
                   what.c_str(), i, double(got[i]), double(ref[i]), err, rtol, scale);
      std::abort();
    }
  }
}

// ---------------------------------------------------------------------------
// Static partition for the OpenMP loops
// ---------------------------------------------------------------------------

/// Calls body(begin, end) over [0, n): serially, or split into nt chunks by
/// one OpenMP parallel region (chunk boundaries on multiples of `align`).
template <class F>
inline void split(int nt, std::size_t n, std::size_t align, F&& body) {
#ifdef _OPENMP
  if (nt > 1 && n >= kOmpMin) {
#pragma omp parallel num_threads(nt)
    {
      const std::size_t t = std::size_t(omp_get_thread_num());
      const std::size_t T = std::size_t(omp_get_num_threads());
      std::size_t chunk = (n + T - 1) / T;
      chunk = (chunk + align - 1) / align * align;
      const std::size_t b = std::min(n, t * chunk);
      const std::size_t e = std::min(n, b + chunk);
      if (b < e) body(b, e);
    }
    return;
  }
#endif
  (void)nt;
  (void)align;
  body(std::size_t{0}, n);
}

/// Same over rows of an m x n matrix (the work threshold is m * n).
template <class F>
inline void split_rows(int nt, std::size_t m, std::size_t n, F&& body) {
#ifdef _OPENMP
  if (nt > 1 && m * n >= kOmpMin) {
#pragma omp parallel num_threads(nt)
    {
      const std::size_t t = std::size_t(omp_get_thread_num());
      const std::size_t T = std::size_t(omp_get_num_threads());
      const std::size_t chunk = (m + T - 1) / T;
      const std::size_t b = std::min(m, t * chunk);
      const std::size_t e = std::min(m, b + chunk);
      if (b < e) body(b, e);
    }
    return;
  }
#endif
  (void)nt;
  (void)n;
  body(std::size_t{0}, m);
}

/// Calls body(t, begin, end) for thread t of nt over [0, n) (t = 0 and the
/// whole range when serial): for reductions with per-thread partials.
template <class F>
inline void split_t(int nt, std::size_t n, F&& body) {
#ifdef _OPENMP
  if (nt > 1 && n >= kOmpMin) {
#pragma omp parallel num_threads(nt)
    {
      const std::size_t t = std::size_t(omp_get_thread_num());
      const std::size_t T = std::size_t(omp_get_num_threads());
      std::size_t chunk = (n + T - 1) / T;
      chunk = (chunk + 7) / 8 * 8;
      const std::size_t b = std::min(n, t * chunk);
      const std::size_t e = std::min(n, b + chunk);
      body(int(t), b, e);
    }
    return;
  }
#endif
  (void)nt;
  body(0, std::size_t{0}, n);
}

/// One slot per thread, a cache line apart.
template <class T>
struct alignas(64) padded {
  T v{};
};
inline constexpr int kMaxThreads = 16;

// ---------------------------------------------------------------------------
// Counters and naming
// ---------------------------------------------------------------------------

/// bytes: bytes read + written per call (inputs once, outputs once, no
/// write-allocate: the STREAM convention).
inline void set_bytes(benchmark::State& st, double bytes_per_call) {
  st.counters["bytes_per_call"] = bytes_per_call;
  st.SetBytesProcessed(std::int64_t(double(st.iterations()) * bytes_per_call));
}

inline std::string bench_name(const std::string& case_dtype, const std::string& side) {
  return case_dtype + "/" + side;
}

/// Side names of the loop baseline at nt threads.
inline const char* loop_side(int nt) { return nt > 1 ? "loop_omp" : "loop"; }

}  // namespace bench
