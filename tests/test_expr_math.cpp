// sqrt exp log sin cos abs on float64/float32 (and on integers, which
// promote to float), on the same layouts and lengths as test_expr.cpp,
// against NumPy. sqrt and abs are exact; the transcendental functions are
// compared within a few ULP (NumPy and Highway each have documented errors
// of up to ~3 ULP), but NaN, infinities and zeros must match exactly. The
// "_x" inputs mix NaN, +-inf, +-0, subnormals, huge values and arguments
// outside Highway's fast range, so that the library fallback is exercised.
// Goldens: tests/data/expr_math.txt (tests/golden/generate.py).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numfuse/numfuse.hpp>
#include <type_traits>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_expr_math {

namespace np = numfuse;
using golden::run_cases;

namespace {
const golden::data& data() {
  static const golden::data g("expr_math.txt");
  return g;
}

// Max distance from NumPy's result for one transcendental function, and for
// a composition of two.
constexpr std::uint64_t kUlp = 4;
constexpr std::uint64_t kUlp2 = 8;

template <class T>
void math_cases(const std::string& t) {
  const auto& g = data();
  run_cases<T, T>(g, "sqrt_" + t, [](auto& x) { return np::sqrt(x); });
  run_cases<T, T>(g, "sqrt_" + t + "_x", [](auto& x) { return np::sqrt(x); });
  run_cases<T, T>(g, "abs_" + t + "_x", [](auto& x) { return np::abs(x); });
  run_cases<T, T, T>(g, "hypot_" + t, [](auto& x, auto& y) { return np::sqrt(x * x + y * y); });
  run_cases<T, T>(g, "exp_" + t, [](auto& x) { return np::exp(x); }, kUlp);
  run_cases<T, T>(g, "exp_" + t + "_e", [](auto& x) { return np::exp(x); }, kUlp);
  run_cases<T, T>(g, "exp_" + t + "_x", [](auto& x) { return np::exp(x); }, kUlp);
  run_cases<T, T>(g, "log_" + t, [](auto& x) { return np::log(x); }, kUlp);
  run_cases<T, T>(g, "log_" + t + "_x", [](auto& x) { return np::log(x); }, kUlp);
  run_cases<T, T>(g, "sin_" + t, [](auto& x) { return np::sin(x); }, kUlp);
  run_cases<T, T>(g, "sin_" + t + "_x", [](auto& x) { return np::sin(x); }, kUlp);
  run_cases<T, T>(g, "cos_" + t, [](auto& x) { return np::cos(x); }, kUlp);
  run_cases<T, T>(g, "cos_" + t + "_x", [](auto& x) { return np::cos(x); }, kUlp);
  run_cases<T, T>(g, "expsin_" + t, [](auto& x) { return np::exp(np::sin(x)); }, kUlp2);
  // power: NumPy's is the C library's (nearly always correctly rounded);
  // numfuse's vector pow is within 0.52 ULP, so at most 1 ULP from NumPy's.
  // _xa/_ax: special bases / exponents (0, -0, inf, NaN, subnormal, huge).
  const auto pw = [](auto& x, auto& y) { return np::power(x, y); };
  run_cases<T, T, T>(g, "pow_" + t, pw, 1);
  run_cases<T, T, T>(g, "pow_" + t + "_xa", pw, 1);
  run_cases<T, T, T>(g, "pow_" + t + "_ax", pw, 1);
}
}  // namespace

TEST_CASE("expr_math: float64") { math_cases<double>("f64"); }

TEST_CASE("expr_math: float32") { math_cases<float>("f32"); }

TEST_CASE("expr_math: integers promote to float (int16 -> float32, int32 -> float64)") {
  const auto& g = data();
  run_cases<float, std::int16_t>(g, "sqrt_i16", [](auto& x) { return np::sqrt(x); });
  run_cases<double, std::int32_t>(g, "exp_i32", [](auto& x) { return np::exp(x); }, kUlp);
}

TEST_CASE("expr_math: special values are exact") {
  const double inf = std::numeric_limits<double>::infinity();
  const np::ndarray<double> x = {0.0, -0.0, inf, -inf, -1.0, 1.0, 1e-320, 800.0, -800.0};
  const np::ndarray<double> s = np::sqrt(x);
  CHECK(golden::same_value(s(1), -0.0));  // sqrt(-0.) is -0.
  CHECK(s(2) == inf);
  CHECK(std::isnan(s(3)));
  CHECK(std::isnan(s(4)));
  const np::ndarray<double> e = np::exp(x);
  CHECK(e(0) == 1.0);
  CHECK(e(2) == inf);
  CHECK(golden::same_value(e(3), 0.0));
  CHECK(e(7) == inf);
  CHECK(golden::same_value(e(8), 0.0));
  const np::ndarray<double> l = np::log(x);
  CHECK(l(0) == -inf);
  CHECK(l(1) == -inf);
  CHECK(l(2) == inf);
  CHECK(std::isnan(l(4)));
  CHECK(l(5) == 0.0);
  CHECK(std::isfinite(l(6)));  // subnormal input
  const np::ndarray<double> sn = np::sin(x);
  CHECK(golden::same_value(sn(1), -0.0));
  CHECK(std::isnan(sn(2)));
  const np::ndarray<double> c = np::cos(x);
  CHECK(c(0) == 1.0);
  CHECK(std::isnan(c(3)));
}

}  // namespace test_expr_math
