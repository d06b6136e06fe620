// bench_elementwise.cpp -- numfuse against hand-written loops on the
// foundation issue's element-wise cases (E1..E5, T1), plus E1u (E1 on
// arrays 8 bytes off alignment, at lengths that are not a multiple of the
// vector) and X1, the STREAM-style triad that gives the machine's memory
// bandwidth in the same run.
//
// Sides, registered as <case>/<dtype>/<side>/<N>:
//   loop        the serial hand-written loop (benchmarks/common/cases.hpp)
//   loop_omp    the same loop split over 2 threads by OpenMP (when found)
//   numfuse     numfuse at 1 thread
//   numfuse_t2  numfuse at 2 threads (numfuse::set_num_threads(2))
// benchmarks/compare.py pairs numfuse with loop and numfuse_t2 with loop_omp;
// benchmarks/report runs everything and writes docs/benchmarks.md.
//
// All sides are compiled in this file with the same flags: the build type's
// plus -march=native (CMake option NUMFUSE_BENCH_NATIVE, default ON; numfuse
// itself dispatches at run time either way), so the loop is what GCC
// auto-vectorizes for this CPU and transcendentals are scalar libm calls.
//
// Memory layout: every side reads the same input buffers and writes the same
// output. Each array lives in its own 4 KiB-aligned block; the output starts
// at offset 0 of its block and input k at (k + 1) * stagger bytes (stagger =
// 256 by default, NUMFUSE_BENCH_STAGGER overrides it), so a load never hits
// the 4K-aliasing false dependency on a recent store. numfuse sees the
// buffers through np::ndview, which takes exactly the same path as
// np::ndarray.
//
// Before the first timing of a (case, N, side), the side is run once and
// compared with the serial loop; on a mismatch the binary aborts.
//
// Run: ./bench_elementwise --benchmark_enable_random_interleaving=true
//        --benchmark_repetitions=5
// or  /usr/bin/python3 benchmarks/compare.py build/release/benchmarks/bench_elementwise

#include "common/cases.hpp"
#include "common/numfuse_side.hpp"

namespace np = numfuse;

namespace {

using namespace bench;

// Each case adds its numfuse expression to the shared loop case.
struct E1 : E1_case {
  template <class V>
  static void numfuse(V& r, V* in) {
    r = in[0] + 3.0 * in[1];
  }
};
struct E1u : E1u_case {
  template <class V>
  static void numfuse(V& r, V* in) {
    r = in[0] + 3.0 * in[1];
  }
};
template <class T>
struct E2 : E2_case<T> {
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    const V& b = in[1];
    const V& c = in[2];
    const V& d = in[3];
    r = 2 * a + 3 * b * b - c / d;
  }
};
template <class T>
struct E3 : E3_case<T> {
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    const V& b = in[1];
    r = np::sin(a) * np::sin(a) + np::cos(b) * np::cos(b);
  }
};
struct E4 : E4_case {
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    const V& c = in[1];
    r = np::exp(-0.5 * a * a) * c;
  }
};
struct E5 : E5_case {
  template <class V>
  static void numfuse(V& r, V* in) {
    const V& a = in[0];
    r = np::where(a > 0.5, a, 0.1 * a);
  }
};
struct T1 : T1_case {
  template <class V>
  static void numfuse(V& r, V* in) {
    r = in[0] + in[1] * in[2];
  }
};

template <class Case>
void add_case(std::vector<std::int64_t> sizes) {
  using T = typename Case::T;
  register_ew_loops<Case>(sizes);
  for (int nt : numfuse_thread_counts()) {
    register_ew<Case>(numfuse_side(nt), sizes, [nt](benchmark::State& st, ew_data<Case>& d) {
      std::vector<np::ndview<T>> in;
      for (int k = 0; k < Case::NIn; ++k)
        in.emplace_back(const_cast<T*>(d.in[k]), np::dims{std::ptrdiff_t(d.n)});
      np::ndview<T> r(d.out.data(), np::dims{std::ptrdiff_t(d.n)});
      numfuse_threads(nt);
      d.verify(numfuse_side(nt), [&] { Case::numfuse(r, in.data()); });
      for (auto _ : st) {
        Case::numfuse(r, in.data());
        benchmark::ClobberMemory();
      }
      st.SetLabel(np::simd_target());
    });
  }
}

const int registered = [] {
  add_case<E1>({1000, 65536, k1M, 16 * k1M});
  add_case<E1u>({1001, 65537});
  add_case<E2<double>>({k1M});
  add_case<E2<float>>({k1M});
  add_case<E3<double>>({k1M});
  add_case<E3<float>>({k1M});
  add_case<E4>({k1M});
  add_case<E5>({k1M});
  add_case<T1>({8, 64});
  register_ew_loops<X1_case>({16 * k1M});
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
