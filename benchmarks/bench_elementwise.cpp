// bench_elementwise.cpp -- numfuse against hand-written loops on the
// foundation issue's element-wise cases (E1..E5, T1).
//
// Every case is registered twice, as <case>/<dtype>/loop/<N> and
// <case>/<dtype>/numfuse/<N>; benchmarks/compare.py pairs them and prints
// median(numfuse) / median(loop). Both sides are compiled in this file with
// the same flags (the build type's, no -march), so the loop is what GCC
// auto-vectorizes for the baseline target and transcendentals are scalar
// libm calls.
//
// Memory layout: both sides read the same input buffers and write
// same-placed outputs. Each array lives in its own 4 KiB-aligned block; the
// output starts at offset 0 of its block and input k at (k + 1) * stagger
// bytes (stagger = 256 by default, NUMFUSE_BENCH_STAGGER overrides it). The
// load streams then run ahead of the store stream modulo 4 KiB, so a load
// never hits the 4K-aliasing false dependency on a recent store (a load whose
// address matches, in bits 11:0, a store that is still in flight); hwy's own
// allocator, by contrast, may place an input 64-192 bytes behind the output,
// which for L1/L2-resident sizes makes timings depend on placement more than
// on code. numfuse sees the buffers through np::ndview, which takes exactly
// the same path as np::ndarray (assign_operand on data, shape, strides).
//
// Before the first timing of a (case, N), the fixture runs both sides once
// and compares them; on a mismatch it prints the first bad element and
// aborts.
//
// Run: taskset -c 1 ./bench_elementwise --benchmark_enable_random_interleaving=true
//        --benchmark_repetitions=5
// or  /usr/bin/python3 benchmarks/compare.py build/release/benchmarks/bench_elementwise

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <numfuse/numfuse.hpp>

namespace np = numfuse;

namespace {

// ---------------------------------------------------------------------------
// Placement-controlled storage
// ---------------------------------------------------------------------------

std::size_t stagger_bytes() {
  static const std::size_t s = [] {
    const char* e = std::getenv("NUMFUSE_BENCH_STAGGER");
    return e ? static_cast<std::size_t>(std::strtoul(e, nullptr, 0)) : std::size_t{256};
  }();
  return s;
}

struct free_deleter {
  void operator()(void* p) const noexcept { std::free(p); }
};

/// n elements of T starting `offset` bytes after a 4 KiB boundary.
template <class T>
class placed_array {
 public:
  placed_array(std::size_t n, std::size_t offset) : n_(n) {
    const std::size_t bytes = (offset + n * sizeof(T) + 4095) / 4096 * 4096;
    mem_.reset(std::aligned_alloc(4096, std::max<std::size_t>(bytes, 4096)));
    if (!mem_) {
      std::fprintf(stderr, "bench_elementwise: out of memory\n");
      std::abort();
    }
    p_ = reinterpret_cast<T*>(static_cast<char*>(mem_.get()) + offset);
    std::fill(p_, p_ + n_, T(0));  // touch every page once
  }
  T* data() const noexcept { return p_; }
  std::size_t size() const noexcept { return n_; }

 private:
  std::unique_ptr<void, free_deleter> mem_;
  T* p_ = nullptr;
  std::size_t n_ = 0;
};

// ---------------------------------------------------------------------------
// The cases. Each has: T, NIn (inputs), name, the inputs' ranges, a
// plain loop over raw pointers and the numfuse expression.
// ---------------------------------------------------------------------------

struct range {
  double lo, hi;
};

// E1: r = a + 3.0*b
struct E1 {
  using T = double;
  static constexpr int NIn = 2;
  static constexpr const char* name = "E1/f64";
  static constexpr double rtol = 1e-14;
  static range input(int) { return {-1.0, 1.0}; }
  __attribute__((noinline)) static void loop(T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* b = in[1];
    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] + 3.0 * b[i];
  }
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    const V& b = in[1];
    r = a + 3.0 * b;
  }
};

// E2: r = 2*a + 3*b*b - c/d
template <class TT>
struct E2 {
  using T = TT;
  static constexpr int NIn = 4;
  static constexpr const char* name = sizeof(T) == 8 ? "E2/f64" : "E2/f32";
  static constexpr double rtol = sizeof(T) == 8 ? 1e-14 : 1e-6;
  static range input(int k) { return k == 3 ? range{0.5, 2.0} : range{-1.0, 1.0}; }
  __attribute__((noinline)) static void loop(T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* b = in[1];
    const T* c = in[2];
    const T* d = in[3];
    for (std::size_t i = 0; i < n; ++i) r[i] = T(2) * a[i] + T(3) * b[i] * b[i] - c[i] / d[i];
  }
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    const V& b = in[1];
    const V& c = in[2];
    const V& d = in[3];
    r = 2 * a + 3 * b * b - c / d;
  }
};

// E3: r = sin(a)*sin(a) + cos(b)*cos(b). The loop computes each sine and
// cosine once, as one would write it by hand.
template <class TT>
struct E3 {
  using T = TT;
  static constexpr int NIn = 2;
  static constexpr const char* name = sizeof(T) == 8 ? "E3/f64" : "E3/f32";
  static constexpr double rtol = sizeof(T) == 8 ? 1e-12 : 1e-5;
  static range input(int) { return {-10.0, 10.0}; }
  __attribute__((noinline)) static void loop(T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* b = in[1];
    for (std::size_t i = 0; i < n; ++i) {
      const T s = std::sin(a[i]);
      const T c = std::cos(b[i]);
      r[i] = s * s + c * c;
    }
  }
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    const V& b = in[1];
    r = np::sin(a) * np::sin(a) + np::cos(b) * np::cos(b);
  }
};

// E4: r = exp(-0.5*a*a) * c
struct E4 {
  using T = double;
  static constexpr int NIn = 2;
  static constexpr const char* name = "E4/f64";
  static constexpr double rtol = 1e-12;
  static range input(int k) { return k == 0 ? range{-3.0, 3.0} : range{-1.0, 1.0}; }
  __attribute__((noinline)) static void loop(T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* c = in[1];
    for (std::size_t i = 0; i < n; ++i) r[i] = std::exp(-0.5 * a[i] * a[i]) * c[i];
  }
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    const V& c = in[1];
    r = np::exp(-0.5 * a * a) * c;
  }
};

// E5: r = where(a > 0.5, a, 0.1*a), a uniform in [0, 1): an unpredictable
// 50/50 condition.
struct E5 {
  using T = double;
  static constexpr int NIn = 1;
  static constexpr const char* name = "E5/f64";
  static constexpr double rtol = 1e-14;
  static range input(int) { return {0.0, 1.0}; }
  __attribute__((noinline)) static void loop(T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] > 0.5 ? a[i] : 0.1 * a[i];
  }
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    r = np::where(a > 0.5, a, 0.1 * a);
  }
};

// T1: r = a + b*c on tiny arrays (per-call overhead).
struct T1 {
  using T = double;
  static constexpr int NIn = 3;
  static constexpr const char* name = "T1/f64";
  static constexpr double rtol = 1e-14;
  static range input(int) { return {-1.0, 1.0}; }
  __attribute__((noinline)) static void loop(T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* b = in[1];
    const T* c = in[2];
    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] + b[i] * c[i];
  }
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    const V& b = in[1];
    const V& c = in[2];
    r = a + b * c;
  }
};

// ---------------------------------------------------------------------------
// Fixtures: built once per (case, N), shared by the loop and numfuse runs,
// verified on construction.
// ---------------------------------------------------------------------------

template <class Case>
struct fixture {
  using T = typename Case::T;
  static constexpr int NIn = Case::NIn;

  std::size_t n;
  std::vector<placed_array<T>> in_store;
  placed_array<T> out_loop, out_np;
  const T* in[NIn];
  std::vector<np::ndview<T>> in_views;
  np::ndview<T> r_view;

  explicit fixture(std::size_t n_)
      : n(n_), out_loop(n_, 0), out_np(n_, 0), r_view(out_np.data(), np::dims{std::ptrdiff_t(n_)}) {
    std::mt19937_64 rng(0x5eed + 7919 * n_ + 31 * NIn);
    for (int k = 0; k < NIn; ++k) {
      in_store.emplace_back(n, (k + 1) * stagger_bytes());
      const range rg = Case::input(k);
      std::uniform_real_distribution<double> dist(rg.lo, rg.hi);
      T* p = in_store.back().data();
      for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<T>(dist(rng));
      in[k] = p;
      in_views.emplace_back(p, np::dims{std::ptrdiff_t(n)});
    }
    verify();
  }

  void run_loop() { Case::loop(out_loop.data(), in, n); }
  void run_numfuse() { Case::numfuse(r_view, in_views.data()); }

  void verify() {
    std::fill(out_loop.data(), out_loop.data() + n, T(-12345));
    std::fill(out_np.data(), out_np.data() + n, T(54321));
    run_loop();
    run_numfuse();
    const T* ref = out_loop.data();
    const T* got = out_np.data();
    double ss = 0;
    for (std::size_t i = 0; i < n; ++i) ss += double(ref[i]) * double(ref[i]);
    const double rms = std::sqrt(ss / double(n));
    for (std::size_t i = 0; i < n; ++i) {
      const double scale = std::max(std::abs(double(ref[i])), rms);
      const double err = std::abs(double(got[i]) - double(ref[i]));
      if (!(err <= Case::rtol * scale)) {  // also catches NaN
        std::fprintf(stderr,
                     "bench_elementwise: %s/%zu: numfuse and loop disagree at i=%zu: "
                     "numfuse %.17g, loop %.17g (|diff| %.3g > rtol %.1g * %.3g)\n",
                     Case::name, n, i, double(got[i]), double(ref[i]), err, Case::rtol, scale);
        std::abort();
      }
    }
  }
};

template <class Case>
fixture<Case>& get_fixture(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<fixture<Case>>> cache;
  auto& f = cache[n];
  if (!f) f = std::make_unique<fixture<Case>>(n);
  return *f;
}

template <class Case>
void set_counters(benchmark::State& st, std::size_t n) {
  using T = typename Case::T;
  st.SetBytesProcessed(std::int64_t(st.iterations()) * std::int64_t(n) *
                       std::int64_t(sizeof(T)) * (Case::NIn + 1));
  st.SetItemsProcessed(std::int64_t(st.iterations()) * std::int64_t(n));
}

template <class Case>
void BM_loop(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  auto& f = get_fixture<Case>(n);
  for (auto _ : st) {
    f.run_loop();
    benchmark::ClobberMemory();
  }
  set_counters<Case>(st, n);
}

template <class Case>
void BM_numfuse(benchmark::State& st) {
  const auto n = static_cast<std::size_t>(st.range(0));
  auto& f = get_fixture<Case>(n);
  for (auto _ : st) {
    f.run_numfuse();
    benchmark::ClobberMemory();
  }
  set_counters<Case>(st, n);
  st.SetLabel(np::simd_target());
}

using E2d = E2<double>;
using E2f = E2<float>;
using E3d = E3<double>;
using E3f = E3<float>;

constexpr std::int64_t k1M = 1 << 20;

#define NUMFUSE_BENCH_PAIR(Case, ...)                                                   \
  BENCHMARK_TEMPLATE(BM_loop, Case)->Name(std::string(Case::name) + "/loop")__VA_ARGS__; \
  BENCHMARK_TEMPLATE(BM_numfuse, Case)->Name(std::string(Case::name) + "/numfuse")__VA_ARGS__

NUMFUSE_BENCH_PAIR(E1, ->Arg(1000)->Arg(65536)->Arg(k1M)->Arg(16 * k1M));
NUMFUSE_BENCH_PAIR(E2d, ->Arg(k1M));
NUMFUSE_BENCH_PAIR(E2f, ->Arg(k1M));
NUMFUSE_BENCH_PAIR(E3d, ->Arg(k1M));
NUMFUSE_BENCH_PAIR(E3f, ->Arg(k1M));
NUMFUSE_BENCH_PAIR(E4, ->Arg(k1M));
NUMFUSE_BENCH_PAIR(E5, ->Arg(k1M));
NUMFUSE_BENCH_PAIR(T1, ->Arg(8)->Arg(64));

}  // namespace

BENCHMARK_MAIN();
