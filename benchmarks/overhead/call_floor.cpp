// call_floor.cpp -- what one small assignment costs, and the least it could
// cost with the checks numfuse's API requires.
//
// T1 `r = a + b*c` (8 and 64 elements) and E1 `r = a + 3.0*b` (8 and 1000
// elements) on views of 64-byte aligned float64 buffers, serial, with these
// sides in one binary, so that every ratio is between runs of one process:
//
//   loop          the hand-written loop on raw pointers (no checks);
//   checks_loop   the floor: the checks the API makes on every assignment
//                 into a view, written by hand for exactly this expression
//                 and these operand types (same rank and extents as the
//                 output, each operand C-contiguous, each input disjoint
//                 from the output or exactly it), then the same loop;
//   numfuse       the expression through the library;
//   eigen, eigen_tensor
//                 Map<ArrayXd> and TensorMap<Tensor<double, 1>> expressions,
//                 when Eigen 3.4 is found (no checks in a -DNDEBUG build).
//
// Not part of benchmarks/report (the page's T1 and E1 rows time the same
// expressions); run it directly, with repetitions, to see the floor:
//   build/release/benchmarks/call_floor --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true       (one command line)
#include <numfuse/numfuse.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <vector>

#ifdef NUMFUSE_CALL_FLOOR_EIGEN
#include <Eigen/Core>
#include <unsupported/Eigen/CXX11/Tensor>
#endif

namespace np = numfuse;

namespace {

struct free_deleter {
  void operator()(double* p) const noexcept { std::free(p); }
};

/// Four 64-byte aligned buffers (a, b, c, r) of n float64 each, 4 KiB apart
/// plus 256 bytes per buffer (no 4K aliasing between them), and views of them.
struct operands {
  std::size_t n;
  std::unique_ptr<double, free_deleter> mem;
  double* p[4];
  std::vector<np::ndview<double>> v;

  explicit operands(std::size_t n_) : n(n_) {
    const std::size_t stride = (n * sizeof(double) + 4095) / 4096 * 4096 + 4096 + 256;
    mem.reset(static_cast<double*>(std::aligned_alloc(4096, 4 * stride)));
    for (int k = 0; k < 4; ++k) {
      p[k] = reinterpret_cast<double*>(reinterpret_cast<char*>(mem.get()) + k * stride);
      for (std::size_t i = 0; i < n; ++i) p[k][i] = 0.25 * double((i * 7 + k) % 13) - 1.0;
      v.emplace_back(p[k], np::dims{std::ptrdiff_t(n)});
    }
  }
  const np::ndview<double>& a() const { return v[0]; }
  const np::ndview<double>& b() const { return v[1]; }
  const np::ndview<double>& c() const { return v[2]; }
  np::ndview<double>& r() { return v[3]; }
};

// --- loop ---------------------------------------------------------------

// The loop side calls these through noinline wrappers, as the report's loops
// are called; checks_loop inlines them after its checks.
inline void loop_t1(double* r, const double* a, const double* b, const double* c, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) r[i] = a[i] + b[i] * c[i];
}
inline void loop_e1(double* r, const double* a, const double* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) r[i] = a[i] + 3.0 * b[i];
}
__attribute__((noinline)) void call_loop_t1(double* r, const double* a, const double* b,
                                            const double* c, std::size_t n) {
  loop_t1(r, a, b, c, n);
}
__attribute__((noinline)) void call_loop_e1(double* r, const double* a, const double* b,
                                            std::size_t n) {
  loop_e1(r, a, b, n);
}

// --- checks_loop: the floor ---------------------------------------------

/// Whether in has out's rank and extents and is C-contiguous.
bool same_layout(const np::ndview<double>& out, const np::ndview<double>& in) {
  const np::dims& s = out.shape();
  const np::dims& t = in.shape();
  if (t.size() != s.size() || !in.is_c_contiguous()) return false;
  for (int d = 0; d < s.size(); ++d) {
    if (t[d] != s[d]) return false;
  }
  return true;
}
/// in reads none of out's n elements, or exactly them (addresses compared as
/// integers, as numfuse does: the buffers are unrelated objects).
bool safe_overlap(const double* out, const double* in, std::ptrdiff_t n) {
  const auto o = reinterpret_cast<std::uintptr_t>(out);
  const auto i = reinterpret_cast<std::uintptr_t>(in);
  const auto bytes = static_cast<std::uintptr_t>(n) * sizeof(double);
  return i + bytes <= o || o + bytes <= i || i == o;
}

/// The checks of r = a + b*c on views, then the loop; false when a check
/// fails (numfuse would broadcast, stride or copy there: not this path).
__attribute__((noinline)) bool checks_loop_t1(np::ndview<double>& r, const np::ndview<double>& a,
                                              const np::ndview<double>& b,
                                              const np::ndview<double>& c) {
  if (!r.is_c_contiguous() || !same_layout(r, a) || !same_layout(r, b) || !same_layout(r, c)) {
    return false;
  }
  const std::ptrdiff_t n = r.size();
  if (!safe_overlap(r.data(), a.data(), n) || !safe_overlap(r.data(), b.data(), n) ||
      !safe_overlap(r.data(), c.data(), n)) {
    return false;
  }
  loop_t1(r.data(), a.data(), b.data(), c.data(), std::size_t(n));
  return true;
}
__attribute__((noinline)) bool checks_loop_e1(np::ndview<double>& r, const np::ndview<double>& a,
                                              const np::ndview<double>& b) {
  if (!r.is_c_contiguous() || !same_layout(r, a) || !same_layout(r, b)) return false;
  const std::ptrdiff_t n = r.size();
  if (!safe_overlap(r.data(), a.data(), n) || !safe_overlap(r.data(), b.data(), n)) return false;
  loop_e1(r.data(), a.data(), b.data(), std::size_t(n));
  return true;
}

/// Aborts unless r holds the loop's result (|diff| <= 1e-14 |ref|): every
/// side is checked once before it is timed.
template <class Run>
void verify(const char* side, operands& o, bool t1, Run run) {
  std::vector<double> ref(o.n);
  if (t1) {
    loop_t1(ref.data(), o.p[0], o.p[1], o.p[2], o.n);
  } else {
    loop_e1(ref.data(), o.p[0], o.p[1], o.n);
  }
  std::fill(o.p[3], o.p[3] + o.n, -7.0);
  run();
  for (std::size_t i = 0; i < o.n; ++i) {
    if (!(std::abs(o.p[3][i] - ref[i]) <= 1e-14 * std::abs(ref[i]))) {
      std::fprintf(stderr, "call_floor: %s disagrees with the loop at %zu: %g vs %g\n", side, i,
                   o.p[3][i], ref[i]);
      std::abort();
    }
  }
}

// --- sides ----------------------------------------------------------------

/// Times step(o) on n = st.range(0) elements after checking its result.
template <class Step>
void time_side(benchmark::State& st, const char* side, bool t1, Step step) {
  operands o(std::size_t(st.range(0)));
  verify(side, o, t1, [&] { step(o); });
  for (auto _ : st) {
    step(o);
    benchmark::ClobberMemory();
  }
}

void T1_loop(benchmark::State& st) {
  time_side(st, "T1 loop", true,
            [](operands& o) { call_loop_t1(o.p[3], o.p[0], o.p[1], o.p[2], o.n); });
}
void T1_checks_loop(benchmark::State& st) {
  time_side(st, "T1 checks_loop", true, [](operands& o) {
    if (!checks_loop_t1(o.r(), o.a(), o.b(), o.c())) std::abort();
  });
}
void T1_numfuse(benchmark::State& st) {
  time_side(st, "T1 numfuse", true, [](operands& o) { o.r() = o.a() + o.b() * o.c(); });
}
void E1_loop(benchmark::State& st) {
  time_side(st, "E1 loop", false, [](operands& o) { call_loop_e1(o.p[3], o.p[0], o.p[1], o.n); });
}
void E1_checks_loop(benchmark::State& st) {
  time_side(st, "E1 checks_loop", false, [](operands& o) {
    if (!checks_loop_e1(o.r(), o.a(), o.b())) std::abort();
  });
}
void E1_numfuse(benchmark::State& st) {
  time_side(st, "E1 numfuse", false, [](operands& o) { o.r() = o.a() + 3.0 * o.b(); });
}

#ifdef NUMFUSE_CALL_FLOOR_EIGEN
// Each map is made once, outside the timed loop, as an Eigen user would.
using map_t = Eigen::Map<Eigen::ArrayXd, Eigen::Aligned64>;
using tmap_t = Eigen::TensorMap<Eigen::Tensor<double, 1>, Eigen::Aligned64>;

template <class M>
struct maps {
  M a, b, c, r;
  explicit maps(operands& o)
      : a(o.p[0], Eigen::Index(o.n)),
        b(o.p[1], Eigen::Index(o.n)),
        c(o.p[2], Eigen::Index(o.n)),
        r(o.p[3], Eigen::Index(o.n)) {}
};
template <class M, class Step>
void time_eigen(benchmark::State& st, const char* side, bool t1, Step step) {
  operands o(std::size_t(st.range(0)));
  maps<M> m(o);
  verify(side, o, t1, [&] { step(m); });
  for (auto _ : st) {
    step(m);
    benchmark::ClobberMemory();
  }
}
void T1_eigen(benchmark::State& st) {
  time_eigen<map_t>(st, "T1 eigen", true, [](maps<map_t>& m) { m.r = m.a + m.b * m.c; });
}
void T1_eigen_tensor(benchmark::State& st) {
  time_eigen<tmap_t>(st, "T1 eigen_tensor", true, [](maps<tmap_t>& m) { m.r = m.a + m.b * m.c; });
}
void E1_eigen(benchmark::State& st) {
  time_eigen<map_t>(st, "E1 eigen", false, [](maps<map_t>& m) { m.r = m.a + 3.0 * m.b; });
}
void E1_eigen_tensor(benchmark::State& st) {
  time_eigen<tmap_t>(st, "E1 eigen_tensor", false, [](maps<tmap_t>& m) { m.r = m.a + 3.0 * m.b; });
}
#endif

/// Registers one side of a case at the given sizes.
template <class F>
void add(const char* name, F f, std::initializer_list<std::int64_t> sizes) {
  auto* b = benchmark::RegisterBenchmark(name, f);
  for (auto n : sizes) b->Arg(n);
}

const int registered = [] {
  add("T1/f64/loop", T1_loop, {8, 64});
  add("T1/f64/checks_loop", T1_checks_loop, {8, 64});
  add("T1/f64/numfuse", T1_numfuse, {8, 64});
  add("E1/f64/loop", E1_loop, {8, 1000});
  add("E1/f64/checks_loop", E1_checks_loop, {8, 1000});
  add("E1/f64/numfuse", E1_numfuse, {8, 1000});
#ifdef NUMFUSE_CALL_FLOOR_EIGEN
  add("T1/f64/eigen", T1_eigen, {8, 64});
  add("T1/f64/eigen_tensor", T1_eigen_tensor, {8, 64});
  add("E1/f64/eigen", E1_eigen, {8, 1000});
  add("E1/f64/eigen_tensor", E1_eigen_tensor, {8, 1000});
#endif
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
