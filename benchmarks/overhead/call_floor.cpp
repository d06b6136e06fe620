// call_floor.cpp -- what one small assignment costs, and the least it could
// cost with the checks numfuse's API requires.
//
// T1 `r = a + b*c` (8 and 64 elements) and E1 `r = a + 3.0*b` (8 and 1000
// elements) on the page's data for those cases (common/cases.hpp: ew_data),
// serial, with these sides in one binary, so that every ratio is between
// runs of one process:
//
//   loop          the page's hand-written loop on raw pointers (no checks);
//   checks_loop   the floor: the checks the API makes on every assignment
//                 into a view, written by hand for exactly this expression
//                 and these operand types (same rank and extents as the
//                 output, each operand C-contiguous, each input disjoint
//                 from the output or exactly it), then the loop, inlined;
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

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include "common/cases.hpp"

#ifdef NUMFUSE_CALL_FLOOR_EIGEN
#include <Eigen/Core>
#include <unsupported/Eigen/CXX11/Tensor>
#endif

namespace np = numfuse;

namespace {

using bench::E1_case;
using bench::T1_case;
template <class Case>
using data_t = bench::ew_data<Case>;

/// Views of a case's inputs and output, made once per benchmark.
template <class Case>
struct views {
  std::vector<np::ndview<double>> in;
  np::ndview<double> out;
  explicit views(data_t<Case>& d) : out(d.out.data(), np::dims{std::ptrdiff_t(d.n)}) {
    for (int k = 0; k < Case::NIn; ++k)
      in.emplace_back(const_cast<double*>(d.in[k]), np::dims{std::ptrdiff_t(d.n)});
  }
};

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

/// The checks of r = a + b*c on views, then the loop, inlined; false when a
/// check fails (numfuse would broadcast, stride or copy there: not this path).
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
  double* o = r.data();
  const double *pa = a.data(), *pb = b.data(), *pc = c.data();
  for (std::size_t i = 0; i < std::size_t(n); ++i) o[i] = pa[i] + pb[i] * pc[i];
  return true;
}
__attribute__((noinline)) bool checks_loop_e1(np::ndview<double>& r, const np::ndview<double>& a,
                                              const np::ndview<double>& b) {
  if (!r.is_c_contiguous() || !same_layout(r, a) || !same_layout(r, b)) return false;
  const std::ptrdiff_t n = r.size();
  if (!safe_overlap(r.data(), a.data(), n) || !safe_overlap(r.data(), b.data(), n)) return false;
  double* o = r.data();
  const double *pa = a.data(), *pb = b.data();
  for (std::size_t i = 0; i < std::size_t(n); ++i) o[i] = pa[i] + 3.0 * pb[i];
  return true;
}

// --- sides ----------------------------------------------------------------

/// Registers <Case::name>/<side>/<n>: make(data) builds what the side
/// needs once (views, maps), step(that) is one assignment, checked against
/// the case's serial loop (ew_data::verify) before it is timed.
template <class Case, class Make, class Step>
void add(const char* side, std::initializer_list<std::int64_t> sizes, Make make, Step step) {
  const std::string name = std::string(Case::name) + "/" + side;
  auto* b = benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
    auto& d = bench::get_ew<Case>(std::size_t(st.range(0)));
    auto x = make(d);
    d.verify(side, [&] { step(x); });
    for (auto _ : st) {
      step(x);
      benchmark::ClobberMemory();
    }
  });
  for (auto n : sizes) b->Arg(n);
}

#ifdef NUMFUSE_CALL_FLOOR_EIGEN
// Each map is made once, outside the timed loop, as an Eigen user would
// (named objects: Eigen's expressions then read their sizes and pointers
// directly). c is unused by E1.
template <class M, class Case>
struct maps {
  M a, b, c, out;
  explicit maps(data_t<Case>& d)
      : a(const_cast<double*>(d.in[0]), Eigen::Index(d.n)),
        b(const_cast<double*>(d.in[1]), Eigen::Index(d.n)),
        c(const_cast<double*>(d.in[Case::NIn - 1]), Eigen::Index(d.n)),
        out(d.out.data(), Eigen::Index(d.n)) {}
};
using map_t = Eigen::Map<Eigen::ArrayXd, Eigen::Aligned64>;
using tmap_t = Eigen::TensorMap<Eigen::Tensor<double, 1>, Eigen::Aligned64>;
template <class M, class Case>
maps<M, Case> make_maps(data_t<Case>& d) {
  return maps<M, Case>(d);
}
#endif

const int registered = [] {
  using T1v = views<T1_case>;
  using E1v = views<E1_case>;
  const auto data = [](auto& d) { return &d; };  // the loop side uses the raw arrays
  add<T1_case>("loop", {8, 64}, data,
               [](auto* d) { T1_case::loop(1, d->out.data(), d->in, d->n); });
  add<T1_case>(
      "checks_loop", {8, 64}, [](auto& d) { return T1v(d); },
      [](T1v& v) {
        if (!checks_loop_t1(v.out, v.in[0], v.in[1], v.in[2])) std::abort();
      });
  add<T1_case>(
      "numfuse", {8, 64}, [](auto& d) { return T1v(d); },
      [](T1v& v) { v.out = v.in[0] + v.in[1] * v.in[2]; });
  add<E1_case>("loop", {8, 1000}, data,
               [](auto* d) { E1_case::loop(1, d->out.data(), d->in, d->n); });
  add<E1_case>(
      "checks_loop", {8, 1000}, [](auto& d) { return E1v(d); },
      [](E1v& v) {
        if (!checks_loop_e1(v.out, v.in[0], v.in[1])) std::abort();
      });
  add<E1_case>(
      "numfuse", {8, 1000}, [](auto& d) { return E1v(d); },
      [](E1v& v) { v.out = v.in[0] + 3.0 * v.in[1]; });
#ifdef NUMFUSE_CALL_FLOOR_EIGEN
  add<T1_case>("eigen", {8, 64}, make_maps<map_t, T1_case>,
               [](auto& m) { m.out = m.a + m.b * m.c; });
  add<T1_case>("eigen_tensor", {8, 64}, make_maps<tmap_t, T1_case>,
               [](auto& m) { m.out = m.a + m.b * m.c; });
  add<E1_case>("eigen", {8, 1000}, make_maps<map_t, E1_case>,
               [](auto& m) { m.out = m.a + 3.0 * m.b; });
  add<E1_case>("eigen_tensor", {8, 1000}, make_maps<tmap_t, E1_case>,
               [](auto& m) { m.out = m.a + 3.0 * m.b; });
#endif
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
