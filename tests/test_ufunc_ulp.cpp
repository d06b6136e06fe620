// Accuracy of every float ufunc that is not exact by construction, in
// float32 and float64: random inputs over the whole domain (random bit
// patterns, so every exponent including subnormals, plus uniform ranges
// where each function is interesting) and special values (+-0, +-inf, NaN,
// subnormals, overflow thresholds, the edges of Highway's fast ranges).
//
// Reference: the C library in a wider type (long double for float64, double
// for float32), which is accurate to far below one ULP of the tested type.
// Error = |got - ref| / ulp(ref) in the tested type (fractional). NaN,
// infinities and exact zeros (with their sign) must match exactly. Bound:
// 4 ULP. The last test case prints the table of measured maxima (copied into
// docs/ufuncs.md).
//
// No golden file: the reference is computed here, in C++, not by NumPy
// (tests/test_ufunc_transc*.cpp compare with NumPy).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <numfuse/numfuse.hpp>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_ufunc_ulp {

namespace np = numfuse;

namespace {

constexpr double kMaxUlp = 4.0;
constexpr std::size_t kRandom = 100000;
constexpr double kInfErr = std::numeric_limits<double>::infinity();
bool report_only = false;  // measure without asserting the bound

/// Wider type of the reference computation.
template <class T>
using wide_t = std::conditional_t<sizeof(T) == 4, double, long double>;

/// Error of got against the wide reference, in ULPs of T.
template <class T, class R>
double ulp_error(T got, R ref, R mag = 0) {
  if (std::isnan(ref)) return std::isnan(got) ? 0.0 : kInfErr;
  if (std::isnan(got)) return kInfErr;
  const T ref_t = static_cast<T>(ref);
  if (std::isinf(got)) {
    if (std::isinf(ref_t) && std::signbit(ref_t) == std::signbit(got)) return 0.0;
    return kInfErr;
  }
  if (std::isinf(ref)) return kInfErr;  // an exact infinity must be produced
  if (ref == 0) return (got == 0 && std::signbit(got) == std::signbit(ref)) ? 0.0 : kInfErr;
  int e = 0;
  // |ref| (or the magnitude the caller measures errors against) in
  // [2^(e-1), 2^e)
  (void)std::frexp(std::isfinite(mag) && mag > std::fabs(ref) ? mag : std::fabs(ref), &e);
  constexpr int digits = std::numeric_limits<T>::digits;
  constexpr int min_exp = std::numeric_limits<T>::min_exponent;
  const R ulp = std::ldexp(R(1), std::max(e - digits, min_exp - digits));
  return static_cast<double>(std::fabs(static_cast<R>(got) - ref) / ulp);
}

template <class T>
std::string show(T v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", static_cast<double>(v));
  return buf;
}

struct result {
  double max_ulp = 0;
  std::string worst;
};
std::map<std::string, std::map<std::string, result>>& table() {
  static std::map<std::string, std::map<std::string, result>> t;
  return t;
}

/// Inputs: specials, random bit patterns (every finite float), and uniform
/// samples from each [lo, hi] in `ranges`.
template <class T>
std::vector<T> inputs(std::uint64_t seed, const std::vector<std::pair<double, double>>& ranges) {
  using L = std::numeric_limits<T>;
  std::vector<T> v = {T(0), -T(0), L::infinity(), -L::infinity(), L::quiet_NaN(), L::min(),
                      -L::min(), L::denorm_min(), -L::denorm_min(), L::max(), L::lowest(), T(1),
                      T(-1), T(0.5), T(-0.5), T(2), T(-2), T(1e-30), T(-1e-30),
                      T(88.5), T(-88.5), T(89.5), T(-89.5), T(103), T(105), T(-104), T(-105),
                      T(127.9), T(128), T(-149), T(-150), T(-126), T(-1022), T(-1074), T(-1075),
                      T(1023.9), T(1024), T(706), T(708.5), T(709.5), T(709.9), T(710.4),
                      T(710.6), T(-708), T(-745.2), T(-746), T(1000), T(-1000), T(39000),
                      T(-39000), T(39001), T(1e5), T(1e10), T(1e22), T(1e30),
                      T(-1e30), T(3.14159265358979), T(1.5707963267948966),
                      T(-1.5707963267948966), T(0.99999), T(-0.99999), T(1.00001), T(18.7),
                      T(18.8), T(-18.8), T(1e-8), T(-1e-8), T(0.7), T(-0.7), T(6), T(-6)};
  std::mt19937_64 rng(seed);
  using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  for (std::size_t i = 0; i < kRandom; ++i) {
    T x;
    do {
      const U bits = static_cast<U>(rng());
      std::memcpy(&x, &bits, sizeof x);
    } while (!std::isfinite(x));
    v.push_back(x);
  }
  for (const auto& [lo, hi] : ranges) {
    std::uniform_real_distribution<double> u(lo, hi);
    for (std::size_t i = 0; i < kRandom; ++i) v.push_back(static_cast<T>(u(rng)));
  }
  return v;
}

const std::vector<std::pair<double, double>> kGeneral = {{-10, 10}, {-1000, 1000}, {-1, 1}};

template <class T, class F, class Ref>
void check_unary(const std::string& name, F f, Ref ref,
                 const std::vector<std::pair<double, double>>& ranges = kGeneral) {
  using R = wide_t<T>;
  const auto xs = inputs<T>(std::hash<std::string>{}(name) + sizeof(T), ranges);
  np::ndarray<T> x = np::empty<T>({std::ptrdiff_t(xs.size())});
  std::copy(xs.begin(), xs.end(), x.data());
  const np::ndarray<T> got = f(x);
  result res;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double e = ulp_error<T, R>(got.data()[i], ref(static_cast<R>(xs[i])));
    if (e > res.max_ulp || (std::isnan(e) && !std::isnan(res.max_ulp))) {
      res.max_ulp = e;
      res.worst = name + "(" + show(xs[i]) + ") = " + show(got.data()[i]) + ", reference " +
                  show(ref(static_cast<R>(xs[i])));
    }
  }
  const std::string dt = sizeof(T) == 4 ? "float32" : "float64";
  table()[name][dt] = res;
  INFO(dt, " worst: ", res.worst);
  CHECK_MESSAGE(res.max_ulp <= kMaxUlp, name << " " << dt << ": " << res.max_ulp << " ULP");
}

/// For logaddexp/logaddexp2 in float64: errors in ULPs of the larger of the
/// two summands of max(x, y) + log1p(exp(-|x - y|)) (scaled to base 2).
/// Where they nearly cancel (result ~ 1e-6 from summands ~ 0.02) the function
/// is ill-conditioned; NumPy's algorithm, which numfuse uses, is accurate to
/// a few ULP of the larger summand there, not of the result.
struct summand_scale {
  template <class R>
  R operator()(R x, R y, R r) const {
    const R m = x > y ? x : y;
    if (!std::isfinite(m) || !std::isfinite(r)) return 0;
    return std::max(std::fabs(m), std::fabs(r - m));
  }
};
struct result_scale {
  template <class R>
  R operator()(R, R, R) const {
    return 0;
  }
};

template <class T, class F, class Ref, class Mag = result_scale>
void check_binary(const std::string& name, F f, Ref ref,
                  const std::vector<std::pair<double, double>>& ranges = kGeneral, Mag mag = {}) {
  auto xs = inputs<T>(std::hash<std::string>{}(name) + sizeof(T), ranges);
  auto ys = inputs<T>(std::hash<std::string>{}(name) + 7 * sizeof(T), ranges);
  // Every special against every special, then the random pairs.
  const std::size_t ns = 71;
  std::vector<T> a, b;
  for (std::size_t i = 0; i < ns; ++i) {
    for (std::size_t j = 0; j < ns; ++j) {
      a.push_back(xs[i]);
      b.push_back(ys[j]);
    }
  }
  std::mt19937_64 rng(42);
  std::shuffle(ys.begin() + ns, ys.end(), rng);
  a.insert(a.end(), xs.begin() + ns, xs.end());
  b.insert(b.end(), ys.begin() + ns, ys.end());
  np::ndarray<T> x = np::empty<T>({std::ptrdiff_t(a.size())});
  np::ndarray<T> y = np::empty<T>({std::ptrdiff_t(b.size())});
  std::copy(a.begin(), a.end(), x.data());
  std::copy(b.begin(), b.end(), y.data());
  const auto got = np::ndarray<typename decltype(f(x, y))::value_type>(f(x, y));
  using G = typename decltype(f(x, y))::value_type;
  using RG = wide_t<G>;
  result res;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const RG r = ref(static_cast<RG>(a[i]), static_cast<RG>(b[i]));
    const double e = ulp_error<G, RG>(got.data()[i], r, mag(RG(a[i]), RG(b[i]), r));
    if (e > res.max_ulp) {
      res.max_ulp = e;
      res.worst = name + "(" + show(a[i]) + ", " + show(b[i]) + ") = " + show(got.data()[i]) +
                  ", reference " + show(r);
    }
  }
  const std::string dt = sizeof(T) == 4 ? "float32" : "float64";
  table()[name][dt] = res;
  INFO(dt, " worst: ", res.worst);
  if (!report_only) {
    CHECK_MESSAGE(res.max_ulp <= kMaxUlp, name << " " << dt << ": " << res.max_ulp << " ULP");
  }
}

// References with NumPy's definitions where they differ from the C library.
template <class R>
R ref_sinc(R x) {
  if (x == 0) return R(1);
  if (std::isinf(x)) return std::numeric_limits<R>::quiet_NaN();
  const R pi = R(3.141592653589793238462643383279502884L);
  const R n = std::nearbyint(x);
  R s = std::sin(pi * (x - n));  // sin(pi x) from the exact fraction
  if (std::fmod(n, R(2)) != 0) s = -s;
  return s / (pi * x);
}
template <class R>
R ref_logaddexp(R x, R y) {
  if (std::isnan(x) || std::isnan(y)) return x + y;
  if (x == y) return x + std::log(R(2));
  const R m = x > y ? x : y;
  return m + std::log1p(std::exp(-std::fabs(x - y)));
}
template <class R>
R ref_logaddexp2(R x, R y) {
  if (std::isnan(x) || std::isnan(y)) return x + y;
  if (x == y) return x + 1;
  const R m = x > y ? x : y;
  return m + std::log1p(std::exp2(-std::fabs(x - y))) / std::log(R(2));
}

#define UN(NAME, EXPR, REF, ...)                                                       \
  check_unary<T>(NAME, [](auto& x) { return EXPR; }, [](auto v) { return REF; }     \
                 __VA_OPT__(, ) __VA_ARGS__)
#define BIN(NAME, EXPR, REF, ...)                                                            \
  check_binary<T>(NAME, [](auto& x, auto& y) { return EXPR; },                               \
                  [](auto v, auto w) { return REF; } __VA_OPT__(, ) __VA_ARGS__)

using RangeList = std::vector<std::pair<double, double>>;

template <class T>
void exp_log() {
  UN("exp", np::exp(x), std::exp(v), RangeList{{-10, 10}, {-750, 710}, {-110, 90}});
  UN("exp2", np::exp2(x), std::exp2(v), RangeList{{-10, 10}, {-1080, 1025}, {-155, 130}});
  UN("expm1", np::expm1(x), std::expm1(v), RangeList{{-1, 1}, {-1e-5, 1e-5}, {-50, 710}});
  UN("log", np::log(x), std::log(v), RangeList{{0, 2}, {0, 1e6}, {0.5, 1.5}});
  UN("log2", np::log2(x), std::log2(v), RangeList{{0, 2}, {0, 1e6}, {0.5, 1.5}});
  UN("log10", np::log10(x), std::log10(v), RangeList{{0, 2}, {0, 1e6}, {0.5, 1.5}});
  UN("log1p", np::log1p(x), std::log1p(v), RangeList{{-1, 1}, {-1e-5, 1e-5}, {-1, 1e6}});
}

template <class T>
void trig() {
  UN("sin", np::sin(x), std::sin(v), RangeList{{-10, 10}, {-40000, 40000}, {-1, 1}});
  UN("cos", np::cos(x), std::cos(v), RangeList{{-10, 10}, {-40000, 40000}, {-1, 1}});
  UN("tan", np::tan(x), std::tan(v), RangeList{{-10, 10}, {-40000, 40000}, {-1.6, 1.6}});
  UN("arcsin", np::arcsin(x), std::asin(v), RangeList{{-1, 1}, {-1e-3, 1e-3}, {0.9, 1}});
  UN("arccos", np::arccos(x), std::acos(v), RangeList{{-1, 1}, {-1e-3, 1e-3}, {0.9, 1}});
  UN("arctan", np::arctan(x), std::atan(v));
  UN("sinc", np::sinc(x), ref_sinc(v), RangeList{{-10, 10}, {-1000, 1000}, {-1e-3, 1e-3}});
}

template <class T>
void hyperbolic_and_roots() {
  UN("sinh", np::sinh(x), std::sinh(v), RangeList{{-10, 10}, {-720, 720}, {-1, 1}});
  UN("cosh", np::cosh(x), std::cosh(v), RangeList{{-10, 10}, {-720, 720}, {-1, 1}});
  UN("tanh", np::tanh(x), std::tanh(v), RangeList{{-10, 10}, {-20, 20}, {-1, 1}});
  UN("arcsinh", np::arcsinh(x), std::asinh(v), RangeList{{-10, 10}, {-1e6, 1e6}, {-1, 1}});
  UN("arccosh", np::arccosh(x), std::acosh(v), RangeList{{1, 10}, {1, 1e6}, {1, 1.01}});
  UN("arctanh", np::arctanh(x), std::atanh(v), RangeList{{-1, 1}, {0.99, 1}, {-1e-3, 1e-3}});
  UN("sqrt", np::sqrt(x), std::sqrt(v), RangeList{{0, 10}, {0, 1e6}, {0, 1}});
  UN("cbrt", np::cbrt(x), std::cbrt(v));
}

template <class T>
void binaries() {
  BIN("arctan2", np::arctan2(x, y), std::atan2(v, w));
  BIN("hypot", np::hypot(x, y), std::hypot(v, w));
  BIN("logaddexp", np::logaddexp(x, y), ref_logaddexp(v, w), kGeneral, summand_scale{});
  BIN("logaddexp2", np::logaddexp2(x, y), ref_logaddexp2(v, w), kGeneral, summand_scale{});
  // The same, in ULPs of the result (reported, not bounded: see above).
  if constexpr (sizeof(T) == 4) {
    BIN("logaddexp (ULP of result)", np::logaddexp(x, y), ref_logaddexp(v, w));
    BIN("logaddexp2 (ULP of result)", np::logaddexp2(x, y), ref_logaddexp2(v, w));
  } else {
    report_only = true;
    BIN("logaddexp (ULP of result)", np::logaddexp(x, y), ref_logaddexp(v, w));
    BIN("logaddexp2 (ULP of result)", np::logaddexp2(x, y), ref_logaddexp2(v, w));
    report_only = false;
  }
  BIN("power", np::power(x, y), std::pow(v, w), RangeList{{0, 10}, {-5, 5}, {0, 2}});
  BIN("float_power", np::float_power(x, y), std::pow(v, w), RangeList{{0, 10}, {-5, 5}, {0, 2}});
}

}  // namespace

TEST_CASE("ulp: exp, exp2, expm1, log, log2, log10, log1p") {
  exp_log<float>();
  exp_log<double>();
}
TEST_CASE("ulp: sin, cos, tan, arcsin, arccos, arctan, sinc") {
  trig<float>();
  trig<double>();
}
TEST_CASE("ulp: sinh, cosh, tanh, arcsinh, arccosh, arctanh, sqrt, cbrt") {
  hyperbolic_and_roots<float>();
  hyperbolic_and_roots<double>();
}
TEST_CASE("ulp: arctan2, hypot, logaddexp, logaddexp2, power, float_power") {
  binaries<float>();
  binaries<double>();
}

TEST_CASE("ulp: table of the measured maxima") {
  std::ostringstream os;
  os << "\n| ufunc | float32 max ULP | float64 max ULP |\n|---|---|---|\n";
  for (const auto& [name, per] : table()) {
    os << "| " << name;
    for (const char* dt : {"float32", "float64"}) {
      const auto it = per.find(dt);
      char buf[32];
      if (it == per.end()) std::snprintf(buf, sizeof buf, "-");
      else std::snprintf(buf, sizeof buf, "%.2f", it->second.max_ulp);
      os << " | " << buf;
    }
    os << " |\n";
  }
  for (const auto& [name, per] : table()) {
    for (const auto& [dt, r] : per) os << "worst " << dt << ": " << r.worst << "\n";
  }
  MESSAGE(os.str());
  CHECK(!table().empty());
}

}  // namespace test_ufunc_ulp

#undef UN
#undef BIN
