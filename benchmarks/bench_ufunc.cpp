// bench_ufunc.cpp -- every float ufunc of issue 3 in float32 and float64 at
// 1M elements: numfuse against a loop calling the C library function, both
// compiled in this file with the same flags (the benchmarks' Release and
// -march=native: the loop is scalar libm calls, glibc picking its own FMA
// variants).
//
// Names: <ufunc>/<dtype>/loop/<n> and <ufunc>/<dtype>/numfuse/<n>, paired by
// benchmarks/compare.py (ratio numfuse/loop: below 1, numfuse is faster).
// Inputs are uniform over a range where the function is finite and
// interesting (e.g. [-1, 1] for arcsin, [0.1, 100] for the logs).
//
// numfuse runs on one thread (numfuse::set_num_threads(1)), whatever the
// machine: the targets compare one core with one core.
//
// Run: /usr/bin/python3 benchmarks/compare.py build/release/benchmarks/bench_ufunc
//        -- --benchmark_min_time=0.05
// or   /usr/bin/python3 benchmarks/ufunc_table.py build/release/benchmarks/bench_ufunc
//        (the table of docs/ufuncs.md, with the targets)

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <numfuse/numfuse.hpp>

#include "common/numfuse_side.hpp"

namespace np = numfuse;

namespace {

constexpr std::ptrdiff_t kN = 1 << 20;

template <class T>
struct buffers {
  np::ndarray<T> x, y, out;
  std::vector<T> out_loop;
  buffers(double lo, double hi, double ylo, double yhi)
      : x(np::empty<T>({kN})), y(np::empty<T>({kN})), out(np::empty<T>({kN})), out_loop(kN) {
    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> u(lo, hi), v(ylo, yhi);
    for (std::ptrdiff_t i = 0; i < kN; ++i) {
      x.data()[i] = static_cast<T>(u(rng));
      y.data()[i] = static_cast<T>(v(rng));
    }
  }
};

template <class T>
buffers<T>& get(const std::string& key, double lo, double hi, double ylo, double yhi) {
  static std::map<std::string, std::unique_ptr<buffers<T>>> cache;
  auto& b = cache[key];
  if (!b) b = std::make_unique<buffers<T>>(lo, hi, ylo, yhi);
  return *b;
}

template <class T>
const char* dt() {
  return sizeof(T) == 4 ? "float32" : "float64";
}

template <class T, class Loop, class Numfuse>
void register_pair(const std::string& name, double lo, double hi, double ylo, double yhi,
                   Loop loop, Numfuse nf) {
  const std::string base = name + "/" + dt<T>();
  benchmark::RegisterBenchmark((base + "/loop").c_str(), [=](benchmark::State& st) {
    auto& b = get<T>(base, lo, hi, ylo, yhi);
    const T* x = b.x.data();
    const T* y = b.y.data();
    T* r = b.out_loop.data();
    for (auto _ : st) {
      loop(r, x, y, std::size_t(kN));
      benchmark::ClobberMemory();
    }
    st.SetItemsProcessed(std::int64_t(st.iterations()) * kN);
  })->Arg(kN);
  benchmark::RegisterBenchmark((base + "/numfuse").c_str(), [=](benchmark::State& st) {
    auto& b = get<T>(base, lo, hi, ylo, yhi);
    bench::numfuse_threads(1);
    for (auto _ : st) {
      nf(b.out, b.x, b.y);
      benchmark::ClobberMemory();
    }
    st.SetItemsProcessed(std::int64_t(st.iterations()) * kN);
    st.SetLabel(np::simd_target());
  })->Arg(kN);
}

#define UNARY(NAME, LO, HI, CFN, NFN)                                                         \
  register_pair<T>(                                                                           \
      NAME, LO, HI, 0, 1,                                                                     \
      [](T* r, const T* x, const T*, std::size_t n) {                                         \
        for (std::size_t i = 0; i < n; ++i) r[i] = CFN(x[i]);                                 \
      },                                                                                      \
      [](np::ndarray<T>& r, const np::ndarray<T>& x, const np::ndarray<T>&) { r = NFN(x); })
#define BINARY(NAME, LO, HI, YLO, YHI, CFN, NFN)                                              \
  register_pair<T>(                                                                           \
      NAME, LO, HI, YLO, YHI,                                                                 \
      [](T* r, const T* x, const T* y, std::size_t n) {                                       \
        for (std::size_t i = 0; i < n; ++i) r[i] = CFN(x[i], y[i]);                           \
      },                                                                                      \
      [](np::ndarray<T>& r, const np::ndarray<T>& x, const np::ndarray<T>& y) { r = NFN(x, y); })

template <class T>
T c_logaddexp(T x, T y) {  // NumPy's npy_logaddexp
  if (x == y) return x + T(0.693147180559945309417232121458176568);
  const T d = x - y;
  return d > 0 ? x + std::log1p(std::exp(-d)) : y + std::log1p(std::exp(d));
}
template <class T>
T c_logaddexp2(T x, T y) {
  if (x == y) return x + 1;
  const T d = x - y;
  const T l2e = T(1.44269504088896340735992468100189214);
  return d > 0 ? x + l2e * std::log1p(std::exp2(-d)) : y + l2e * std::log1p(std::exp2(d));
}
template <class T>
T c_sinc(T x) {  // NumPy's sinc
  const T y = T(3.14159265358979323846264338327950288) * (x == 0 ? T(1e-20) : x);
  return std::sin(y) / y;
}

template <class T>
void register_all() {
  UNARY("sqrt", 0, 100, std::sqrt, np::sqrt);
  UNARY("exp", -50, 50, std::exp, np::exp);
  UNARY("exp2", -50, 50, std::exp2, np::exp2);
  UNARY("expm1", -5, 5, std::expm1, np::expm1);
  UNARY("log", 0.1, 100, std::log, np::log);
  UNARY("log2", 0.1, 100, std::log2, np::log2);
  UNARY("log10", 0.1, 100, std::log10, np::log10);
  UNARY("log1p", -0.9, 100, std::log1p, np::log1p);
  UNARY("sin", -10, 10, std::sin, np::sin);
  UNARY("cos", -10, 10, std::cos, np::cos);
  UNARY("tan", -10, 10, std::tan, np::tan);
  UNARY("arcsin", -1, 1, std::asin, np::arcsin);
  UNARY("arccos", -1, 1, std::acos, np::arccos);
  UNARY("arctan", -10, 10, std::atan, np::arctan);
  UNARY("sinh", -10, 10, std::sinh, np::sinh);
  UNARY("cosh", -10, 10, std::cosh, np::cosh);
  UNARY("tanh", -10, 10, std::tanh, np::tanh);
  UNARY("arcsinh", -10, 10, std::asinh, np::arcsinh);
  UNARY("arccosh", 1, 100, std::acosh, np::arccosh);
  UNARY("arctanh", -0.99, 0.99, std::atanh, np::arctanh);
  UNARY("cbrt", -100, 100, std::cbrt, np::cbrt);
  UNARY("sinc", -10, 10, c_sinc<T>, np::sinc);
  UNARY("fabs", -10, 10, std::fabs, np::fabs);
  BINARY("arctan2", -10, 10, -10, 10, std::atan2, np::arctan2);
  BINARY("hypot", -10, 10, -10, 10, std::hypot, np::hypot);
  BINARY("logaddexp", -10, 10, -10, 10, c_logaddexp<T>, np::logaddexp);
  BINARY("logaddexp2", -10, 10, -10, 10, c_logaddexp2<T>, np::logaddexp2);
  BINARY("power", 0.1, 10, -3, 3, std::pow, np::power);
}

// float_power is float64 for any input: benchmarked on float64 only.
void register_float_power() {
  using T = double;
  BINARY("float_power", 0.1, 10, -3, 3, std::pow, np::float_power);
}

const bool registered = [] {
  register_all<float>();
  register_all<double>();
  register_float_power();
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
