// Where threads start to pay: the same expression at 1 and 2 threads over a
// range of sizes, for a cheap op (add, cost 5 per element with its loads)
// and an expensive one (sin, cost 27), plus whole-array sums. The crossover
// sets NUMFUSE_PARALLEL_MIN_COST (eval/parallel.hpp; docs/parallelism.md).
//
//   bench_parallel --benchmark_enable_random_interleaving=true --benchmark_repetitions=5
//
// Names: P<k>/<what>/t<threads>/<n>; compare t1 and t2 of the same n. The
// hand-written loop of the same work is the baseline (loop/<n>).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include <numfuse/numfuse.hpp>

namespace np = numfuse;

namespace {

np::ndarray<double> input(std::ptrdiff_t n, double scale) {
  return np::sin(np::arange<double>(0, n) * scale);
}

template <int Threads>
void BM_add(benchmark::State& st) {
  const std::ptrdiff_t n = st.range(0);
  const auto a = input(n, 0.001), b = input(n, 0.002);
  np::ndarray<double> r = np::empty<double>({n});
  const int saved = np::set_num_threads(Threads);
  for (auto _ : st) {
    r = a + 3.0 * b;
    benchmark::DoNotOptimize(r.data());
    benchmark::ClobberMemory();
  }
  np::set_num_threads(saved);
  st.SetItemsProcessed(st.iterations() * n);
}

__attribute__((noinline)) void add_loop(double* r, const double* a, const double* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) r[i] = a[i] + 3.0 * b[i];
}

void BM_add_loop(benchmark::State& st) {
  const std::ptrdiff_t n = st.range(0);
  const auto a = input(n, 0.001), b = input(n, 0.002);
  np::ndarray<double> r = np::empty<double>({n});
  for (auto _ : st) {
    add_loop(r.data(), a.data(), b.data(), std::size_t(n));
    benchmark::DoNotOptimize(r.data());
    benchmark::ClobberMemory();
  }
  st.SetItemsProcessed(st.iterations() * n);
}

template <int Threads>
void BM_sin(benchmark::State& st) {
  const std::ptrdiff_t n = st.range(0);
  const auto a = input(n, 0.001);
  np::ndarray<double> r = np::empty<double>({n});
  const int saved = np::set_num_threads(Threads);
  for (auto _ : st) {
    r = np::sin(a);
    benchmark::DoNotOptimize(r.data());
    benchmark::ClobberMemory();
  }
  np::set_num_threads(saved);
  st.SetItemsProcessed(st.iterations() * n);
}

template <int Threads>
void BM_sum(benchmark::State& st) {
  const std::ptrdiff_t n = st.range(0);
  const auto a = input(n, 0.001);
  const int saved = np::set_num_threads(Threads);
  for (auto _ : st) {
    const double s = np::sum(a);
    benchmark::DoNotOptimize(s);
  }
  np::set_num_threads(saved);
  st.SetItemsProcessed(st.iterations() * n);
}

void sizes(benchmark::internal::Benchmark* b) {
  for (std::ptrdiff_t n = 1024; n <= (1 << 20); n *= 2) b->Arg(n);
}

}  // namespace

BENCHMARK(BM_add_loop)->Name("P1/add/loop")->Apply(sizes)->UseRealTime();
BENCHMARK(BM_add<1>)->Name("P1/add/t1")->Apply(sizes)->UseRealTime();
BENCHMARK(BM_add<2>)->Name("P1/add/t2")->Apply(sizes)->UseRealTime();
BENCHMARK(BM_sin<1>)->Name("P2/sin/t1")->Apply(sizes)->UseRealTime();
BENCHMARK(BM_sin<2>)->Name("P2/sin/t2")->Apply(sizes)->UseRealTime();
BENCHMARK(BM_sum<1>)->Name("P3/sum/t1")->Apply(sizes)->UseRealTime();
BENCHMARK(BM_sum<2>)->Name("P3/sum/t2")->Apply(sizes)->UseRealTime();

BENCHMARK_MAIN();
