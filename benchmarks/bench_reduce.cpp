// numfuse reductions vs hand-written loops in the same binary (issue 4's
// R1-R5): R1 sum(a) 16M, R2 sum(A, 0) and sum(A, 1) 4000x4000, R3
// sqrt(sum(a*a)) 16M, R4 argmax(a) 16M, R5 per-row mean(A, 1) and
// std(A, 1) of 2000x2000. Names <case>/f64/{loop,numfuse}/<N> for
// benchmarks/compare.py. The loops use 4 independent accumulators (what a
// good hand-written reduction does; GCC does not reassociate FP sums by
// itself) and are compiled with the same flags as numfuse's call sites.
//
// Run: taskset -c 1 ./bench_reduce --benchmark_enable_random_interleaving=true
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numfuse/numfuse.hpp>

namespace np = numfuse;

namespace {

const np::ndarray<double>& vec(std::ptrdiff_t n) {
  static np::ndarray<double> a = np::linspace(-1.0, 1.0, n) * 0.5 + 0.25;
  if (a.size() != n) a = np::linspace(-1.0, 1.0, n) * 0.5 + 0.25;
  return a;
}

__attribute__((noinline)) double loop_sum(const double* a, std::size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
  }
  for (; i < n; ++i) s0 += a[i];
  return (s0 + s1) + (s2 + s3);
}

__attribute__((noinline)) double loop_sumsq(const double* a, std::size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i] * a[i];
    s1 += a[i + 1] * a[i + 1];
    s2 += a[i + 2] * a[i + 2];
    s3 += a[i + 3] * a[i + 3];
  }
  for (; i < n; ++i) s0 += a[i] * a[i];
  return std::sqrt((s0 + s1) + (s2 + s3));
}

__attribute__((noinline)) void loop_sum_axis0(const double* A, double* r, std::size_t n0,
                                              std::size_t n1) {
  for (std::size_t j = 0; j < n1; ++j) r[j] = 0;
  for (std::size_t i = 0; i < n0; ++i) {
    for (std::size_t j = 0; j < n1; ++j) r[j] += A[i * n1 + j];
  }
}

__attribute__((noinline)) void loop_sum_axis1(const double* A, double* r, std::size_t n0,
                                              std::size_t n1) {
  for (std::size_t i = 0; i < n0; ++i) r[i] = loop_sum(A + i * n1, n1);
}

void R1_loop(benchmark::State& st) {
  const auto& a = vec(st.range(0));
  for (auto _ : st) benchmark::DoNotOptimize(loop_sum(a.data(), a.size()));
  st.SetBytesProcessed(st.iterations() * a.nbytes());
}
void R1_numfuse(benchmark::State& st) {
  const auto& a = vec(st.range(0));
  for (auto _ : st) benchmark::DoNotOptimize(double(np::sum(a)));
  st.SetBytesProcessed(st.iterations() * a.nbytes());
  st.SetLabel(np::simd_target());
}
void R3_loop(benchmark::State& st) {
  const auto& a = vec(st.range(0));
  for (auto _ : st) benchmark::DoNotOptimize(loop_sumsq(a.data(), a.size()));
  st.SetBytesProcessed(st.iterations() * a.nbytes());
}
void R3_numfuse(benchmark::State& st) {
  const auto& a = vec(st.range(0));
  np::ndarray<double> r = np::zeros<double>({});
  for (auto _ : st) {
    r = np::sqrt(np::sum(a * a));
    benchmark::DoNotOptimize(r.data()[0]);
  }
  st.SetBytesProcessed(st.iterations() * a.nbytes());
}

const np::ndarray<double>& mat(std::ptrdiff_t n) {
  static np::ndarray<double> A = np::ndarray<double>(np::linspace(-1.0, 1.0, n * n) * 0.5).reshape({n, n});
  return A;
}
void R2_axis0_loop(benchmark::State& st) {
  const auto& A = mat(st.range(0));
  np::ndarray<double> r = np::zeros<double>({st.range(0)});
  for (auto _ : st) loop_sum_axis0(A.data(), r.data(), A.shape()[0], A.shape()[1]);
  st.SetBytesProcessed(st.iterations() * A.nbytes());
}
void R2_axis0_numfuse(benchmark::State& st) {
  const auto& A = mat(st.range(0));
  np::ndarray<double> r = np::zeros<double>({st.range(0)});
  for (auto _ : st) r = np::sum(A, 0);
  st.SetBytesProcessed(st.iterations() * A.nbytes());
}
void R2_axis1_loop(benchmark::State& st) {
  const auto& A = mat(st.range(0));
  np::ndarray<double> r = np::zeros<double>({st.range(0)});
  for (auto _ : st) loop_sum_axis1(A.data(), r.data(), A.shape()[0], A.shape()[1]);
  st.SetBytesProcessed(st.iterations() * A.nbytes());
}
void R2_axis1_numfuse(benchmark::State& st) {
  const auto& A = mat(st.range(0));
  np::ndarray<double> r = np::zeros<double>({st.range(0)});
  for (auto _ : st) r = np::sum(A, 1);
  st.SetBytesProcessed(st.iterations() * A.nbytes());
}

/// argmax with NumPy's semantics (first index on ties, first NaN wins),
/// 4 independent (value, index) accumulators.
__attribute__((noinline)) std::ptrdiff_t loop_argmax(const double* a, std::size_t n) {
  if (n < 4) {
    std::size_t b = 0;
    for (std::size_t i = 1; i < n; ++i) {
      if (!(a[i] <= a[b]) && a[b] == a[b]) b = i;
    }
    return std::ptrdiff_t(b);
  }
  double m[4] = {a[0], a[1], a[2], a[3]};
  std::size_t k[4] = {0, 1, 2, 3};
  std::size_t i = 4;
  for (; i + 4 <= n; i += 4) {
    for (int j = 0; j < 4; ++j) {
      const double x = a[i + j];
      if (!(x <= m[j]) && m[j] == m[j]) {  // larger, or the first NaN
        m[j] = x;
        k[j] = i + j;
      }
    }
  }
  double bm = m[0];
  std::size_t bk = k[0];
  for (int j = 1; j < 4; ++j) {
    const bool bnan = bm != bm, jnan = m[j] != m[j];
    if (bnan ? (jnan && k[j] < bk) : (jnan || m[j] > bm || (m[j] == bm && k[j] < bk))) {
      bm = m[j];
      bk = k[j];
    }
  }
  for (; i < n; ++i) {
    if (!(a[i] <= bm) && bm == bm) {
      bm = a[i];
      bk = i;
    }
  }
  return std::ptrdiff_t(bk);
}

void R4_loop(benchmark::State& st) {
  const auto& a = vec(st.range(0));
  for (auto _ : st) benchmark::DoNotOptimize(loop_argmax(a.data(), a.size()));
  st.SetBytesProcessed(st.iterations() * a.nbytes());
}
void R4_numfuse(benchmark::State& st) {
  const auto& a = vec(st.range(0));
  for (auto _ : st) benchmark::DoNotOptimize(std::int64_t(np::argmax(a)));
  st.SetBytesProcessed(st.iterations() * a.nbytes());
}

const np::ndarray<double>& mat5(std::ptrdiff_t n) {
  static np::ndarray<double> A =
      np::ndarray<double>(np::sin(np::linspace(-3.0, 3.0, n * n)) * 2.0 + 1.0).reshape({n, n});
  return A;
}
__attribute__((noinline)) void loop_mean_axis1(const double* A, double* r, std::size_t n0,
                                               std::size_t n1) {
  for (std::size_t i = 0; i < n0; ++i) r[i] = loop_sum(A + i * n1, n1) / double(n1);
}
__attribute__((noinline)) void loop_std_axis1(const double* A, double* r, std::size_t n0,
                                              std::size_t n1) {
  for (std::size_t i = 0; i < n0; ++i) {
    const double* a = A + i * n1;
    const double m = loop_sum(a, n1) / double(n1);
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    std::size_t j = 0;
    for (; j + 4 <= n1; j += 4) {
      const double d0 = a[j] - m, d1 = a[j + 1] - m, d2 = a[j + 2] - m, d3 = a[j + 3] - m;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; j < n1; ++j) s0 += (a[j] - m) * (a[j] - m);
    r[i] = std::sqrt(((s0 + s1) + (s2 + s3)) / double(n1));
  }
}
void R5_mean_loop(benchmark::State& st) {
  const auto& A = mat5(st.range(0));
  np::ndarray<double> r = np::zeros<double>({st.range(0)});
  for (auto _ : st) loop_mean_axis1(A.data(), r.data(), A.shape()[0], A.shape()[1]);
  st.SetBytesProcessed(st.iterations() * A.nbytes());
}
void R5_mean_numfuse(benchmark::State& st) {
  const auto& A = mat5(st.range(0));
  np::ndarray<double> r = np::zeros<double>({st.range(0)});
  for (auto _ : st) r = np::mean(A, 1);
  st.SetBytesProcessed(st.iterations() * A.nbytes());
}
void R5_std_loop(benchmark::State& st) {
  const auto& A = mat5(st.range(0));
  np::ndarray<double> r = np::zeros<double>({st.range(0)});
  for (auto _ : st) loop_std_axis1(A.data(), r.data(), A.shape()[0], A.shape()[1]);
  st.SetBytesProcessed(st.iterations() * A.nbytes());
}
void R5_std_numfuse(benchmark::State& st) {
  const auto& A = mat5(st.range(0));
  np::ndarray<double> r = np::zeros<double>({st.range(0)});
  for (auto _ : st) r = np::std(A, 1);
  st.SetBytesProcessed(st.iterations() * A.nbytes());
}

}  // namespace

BENCHMARK(R1_loop)->Name("R1/f64/loop")->Arg(1 << 24)->Unit(benchmark::kMicrosecond);
BENCHMARK(R1_numfuse)->Name("R1/f64/numfuse")->Arg(1 << 24)->Unit(benchmark::kMicrosecond);
BENCHMARK(R3_loop)->Name("R3/f64/loop")->Arg(1 << 24)->Unit(benchmark::kMicrosecond);
BENCHMARK(R3_numfuse)->Name("R3/f64/numfuse")->Arg(1 << 24)->Unit(benchmark::kMicrosecond);
BENCHMARK(R2_axis0_loop)->Name("R2.axis0/f64/loop")->Arg(4000)->Unit(benchmark::kMicrosecond);
BENCHMARK(R2_axis0_numfuse)->Name("R2.axis0/f64/numfuse")->Arg(4000)->Unit(benchmark::kMicrosecond);
BENCHMARK(R2_axis1_loop)->Name("R2.axis1/f64/loop")->Arg(4000)->Unit(benchmark::kMicrosecond);
BENCHMARK(R2_axis1_numfuse)->Name("R2.axis1/f64/numfuse")->Arg(4000)->Unit(benchmark::kMicrosecond);
BENCHMARK(R4_loop)->Name("R4/f64/loop")->Arg(1 << 24)->Unit(benchmark::kMicrosecond);
BENCHMARK(R4_numfuse)->Name("R4/f64/numfuse")->Arg(1 << 24)->Unit(benchmark::kMicrosecond);
BENCHMARK(R5_mean_loop)->Name("R5.mean/f64/loop")->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(R5_mean_numfuse)->Name("R5.mean/f64/numfuse")->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(R5_std_loop)->Name("R5.std/f64/loop")->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(R5_std_numfuse)->Name("R5.std/f64/numfuse")->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
