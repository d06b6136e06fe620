// Expressions on float64/float32 and mixed dtypes: arithmetic, comparisons
// (bool results), maximum/minimum (NaN, signed zeros), where, logical ops,
// astype, against NumPy's results. Every expression runs on contiguous,
// strided (byte strides), reversed (negative strides), zero-stride
// (broadcast), 0-d and 2-d (broadcast column x row, transposed) operands,
// for lengths 0, 1, 7, 8, 9, 17, 100 and 1003 (vector tails), and is written
// both into a new ndarray and into a strided output view.
// Goldens: tests/data/expr.txt (tests/golden/generate.py).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numfuse/numfuse.hpp>
#include <string>
#include <type_traits>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_expr {

namespace np = numfuse;
using golden::run_cases;
using std::int16_t, std::int32_t, std::int8_t, std::uint8_t;

namespace {
const golden::data& data() {
  static const golden::data g("expr.txt");
  return g;
}
}  // namespace

TEST_CASE("expr: float64 arithmetic on all layouts") {
  const auto& g = data();
  run_cases<double, double, double>(g, "add_f64", [](auto& x, auto& y) { return x + y; });
  run_cases<double, double, double>(g, "sub_f64", [](auto& x, auto& y) { return x - y; });
  run_cases<double, double, double>(g, "mul_f64", [](auto& x, auto& y) { return x * y; });
  run_cases<double, double, double>(g, "div_f64", [](auto& x, auto& y) { return x / y; });
  // one fused pass; rounded like NumPy's separate ufunc calls (no FMA)
  run_cases<double, double, double>(g, "fused_f64",
                                    [](auto& x, auto& y) { return x * y + x / (y * y + 1.0); });
  run_cases<double, double, double>(g, "negabs_f64",
                                    [](auto& x, auto& y) { return -x + np::abs(y); });
}

TEST_CASE("expr: float64 comparisons give bool") {
  const auto& g = data();
  run_cases<bool, double, double>(g, "lt_f64", [](auto& x, auto& y) { return x < y; });
  run_cases<bool, double, double>(g, "le_f64", [](auto& x, auto& y) { return x <= y; });
  run_cases<bool, double, double>(g, "gt_f64", [](auto& x, auto& y) { return x > y; });
  run_cases<bool, double, double>(g, "ge_f64", [](auto& x, auto& y) { return x >= y; });
  run_cases<bool, double, double>(g, "eq_f64", [](auto& x, auto& y) { return x == y; });
  run_cases<bool, double, double>(g, "ne_f64", [](auto& x, auto& y) { return x != y; });
  run_cases<bool, double>(g, "lt_scalar_f64", [](auto& x) { return x < 0.5; });
}

TEST_CASE("expr: maximum/minimum propagate NaN; ties give the second operand") {
  const auto& g = data();
  run_cases<double, double, double>(g, "max_f64", [](auto& x, auto& y) { return np::maximum(x, y); });
  run_cases<double, double, double>(g, "min_f64", [](auto& x, auto& y) { return np::minimum(x, y); });
  run_cases<float, float, float>(g, "max_f32", [](auto& x, auto& y) { return np::maximum(x, y); });
  run_cases<float, float, float>(g, "min_f32", [](auto& x, auto& y) { return np::minimum(x, y); });

  // The documented corner cases, spelled out.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const np::ndarray<double> a = {0.0, -0.0, nan, 1.0, nan, -0.0, 0.0, 2.0, 3.0};
  const np::ndarray<double> b = {-0.0, 0.0, 1.0, nan, nan, -0.0, 0.0, 1.0, 4.0};
  const np::ndarray<double> mx = np::maximum(a, b);
  const np::ndarray<double> mn = np::minimum(a, b);
  CHECK(std::signbit(mx(0)));   // maximum(0., -0.) is -0. in NumPy
  CHECK(!std::signbit(mx(1)));  // maximum(-0., 0.) is 0.
  CHECK(std::signbit(mn(0)));   // minimum(0., -0.) is -0.
  CHECK(!std::signbit(mn(1)));  // minimum(-0., 0.) is 0.
  CHECK(std::isnan(mx(2)));
  CHECK(std::isnan(mx(3)));
  CHECK(std::isnan(mx(4)));
  CHECK(std::isnan(mn(2)));
  CHECK(std::isnan(mn(3)));
  CHECK(mx(7) == 2.0);
  CHECK(mn(8) == 3.0);
}

TEST_CASE("expr: where") {
  const auto& g = data();
  run_cases<double, double, double>(
      g, "where_f64", [](auto& x, auto& y) { return np::where(x > y, x, y * 2.0); });
  run_cases<double, double>(g, "relu_f64", [](auto& x) { return np::where(x < 0.0, 0.0, x); });
  // bool condition, int32 and float32 branches -> float64
  run_cases<double, bool, int32_t, float>(
      g, "where_mixed", [](auto& c, auto& x, auto& y) { return np::where(c, x, y); });
  // float64 condition (truth values), int8 branches
  run_cases<int8_t, double, int8_t, int8_t>(
      g, "where_num_cond", [](auto& c, auto& x, auto& y) { return np::where(c, x, y); });
}

// GCC 12.2 used to crash compiling this selection for AVX-512 (an 8-byte
// condition choosing between int8/uint8 branches widened to int16).
TEST_CASE("expr: where with a float64 condition and int8/uint8 branches (int16)") {
  run_cases<int16_t, double, int8_t, uint8_t>(
      data(), "where_widen", [](auto& c, auto& x, auto& y) { return np::where(c, x, y); });
}

TEST_CASE("expr: logical operators on float truth values") {
  const auto& g = data();
  run_cases<bool, double, double>(g, "land_f64", [](auto& x, auto& y) { return np::logical_and(x, y); });
  run_cases<bool, double, double>(g, "lor_f64", [](auto& x, auto& y) { return np::logical_or(x, y); });
  run_cases<bool, double, double>(g, "lxor_f64", [](auto& x, auto& y) { return np::logical_xor(x, y); });
  run_cases<bool, double>(g, "lnot_f64", [](auto& x) { return np::logical_not(x); });
  run_cases<bool, int32_t, bool>(g, "land_mixed", [](auto& x, auto& y) { return np::logical_and(x, y); });
}

TEST_CASE("expr: float32 stays float32") {
  const auto& g = data();
  run_cases<float, float, float>(g, "addmul_f32", [](auto& x, auto& y) { return x * y + x; });
  run_cases<float, float>(g, "scal_f32", [](auto& x) { return x * 2.0 - 1; });  // weak scalars
  run_cases<float, float, float>(g, "div_f32", [](auto& x, auto& y) { return x / y; });
  run_cases<bool, float, float>(g, "lt_f32", [](auto& x, auto& y) { return x < y; });
}

TEST_CASE("expr: mixed dtypes are converted in registers") {
  const auto& g = data();
  run_cases<double, int32_t, float>(g, "i32_plus_f32", [](auto& x, auto& y) { return x + y; });
  run_cases<double, int32_t, double>(g, "i32_times_f64", [](auto& x, auto& y) { return x * y; });
  run_cases<double, float, double>(g, "f32_plus_f64", [](auto& x, auto& y) { return x + y; });
  run_cases<int16_t, uint8_t, int8_t>(g, "u8_plus_i8", [](auto& x, auto& y) { return x + y; });
  run_cases<bool, uint8_t, int8_t>(g, "u8_lt_i8", [](auto& x, auto& y) { return x < y; });
  run_cases<float, double, float>(g, "cast_f32",
                                  [](auto& x, auto& y) { return np::astype<float>(x) + y; });
  // integer true division: float64, x/0 -> +-inf, 0/0 -> nan
  run_cases<double, int32_t, int32_t>(g, "i32_div", [](auto& x, auto& y) { return x / y; });
  // NEP 50: int16 * 1.5 is float64 (NumPy 1.24 would say float32)
  run_cases<double, int16_t>(g, "i16_times_1.5", [](auto& x) { return x * 1.5; });
  run_cases<int32_t, double>(g, "cast_i32_f64", [](auto& x) { return np::astype<int32_t>(x); });
  run_cases<bool, double>(g, "cast_bool_f64", [](auto& x) { return np::astype<bool>(x); });
}

TEST_CASE("expr: NaN != x is true and NaN is a true truth value") {
  // NumPy: nan != nan is True and bool(nan) is True. (Highway 1.0.3's float
  // operator!= is an ordered compare on AVX2/AVX-512, false for NaN; numfuse
  // must not use it as is.)
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const np::ndarray<double> a = {nan, 1.0, nan, nan, 0.0, nan, 2.0, nan, nan};
  const np::ndarray<bool> ne = a != a;
  CHECK(ne(0));
  CHECK(!ne(1));
  const np::ndarray<bool> truth = np::astype<bool>(a);
  CHECK(truth(0));
  CHECK(!truth(4));
  // the same question ("x != y", "x != 0") through every path, with NaN in
  // the data
  const auto& g = data();
  run_cases<bool, double, double>(g, "ne_f64_nan", [](auto& x, auto& y) { return x != y; });
  run_cases<bool, double, double>(g, "land_f64_nan", [](auto& x, auto& y) { return np::logical_and(x, y); });
  run_cases<bool, double>(g, "lnot_f64_nan", [](auto& x) { return np::logical_not(x); });
  run_cases<bool, double>(g, "cast_bool_f64_nan", [](auto& x) { return np::astype<bool>(x); });
  run_cases<int8_t, double, int8_t, int8_t>(
      g, "where_nan_cond", [](auto& c, auto& x, auto& y) { return np::where(c, x, y); });
}

TEST_CASE("expr: operands held by reference, by value and as sub-expressions") {
  const np::ndarray<double> a = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0};
  const np::ndarray<float> b = {0.5f, 0.25f, 2.0f, -1.0f, 8.0f, 3.0f, -2.0f, 0.0f, 1.0f};
  // an lvalue expression reused twice (node_ref) and an owned temporary
  const auto s = a + b;  // float64
  const np::ndarray<double> r = s * s - np::eval(a * 2.0);
  REQUIRE(r.shape() == np::dims{9});
  for (int i = 0; i < 9; ++i) {
    const double si = a(i) + double(b(i));
    CHECK(r(i) == si * si - a(i) * 2.0);
  }
  // an expression assigned into a temporary-owning expression's operand
  np::ndarray<double> c = np::zeros<double>({9});
  c = np::ndarray<double>(a + 1.0) / 2.0;
  CHECK(c(8) == 5.0);
  // 0-d with 0-d gives 0-d
  const np::ndarray<double> z = np::array(2.0) * np::array(3.5) + 1;
  CHECK(z.ndim() == 0);
  CHECK(z.size() == 1);
  CHECK(z() == 8.0);
  // views of arrays of another dtype mix in too
  const np::ndarray<std::int64_t> k = {1, 2, 3};
  const np::ndarray<double> m = k.view() * np::array<float>(0.5f);  // int64 * float32 -> float64
  CHECK(m(2) == 1.5);
  CHECK(std::is_same_v<decltype(k.view() * np::array<float>(0.5f))::value_type, double>);
}

TEST_CASE("expr: comparisons and logical ops return bool arrays") {
  const np::ndarray<double> a = {1.0, 2.0, 3.0};
  const np::ndarray<std::int32_t> b = {3, 2, 1};
  CHECK(std::is_same_v<decltype(a < b)::value_type, bool>);
  CHECK(std::is_same_v<decltype(a == 2)::value_type, bool>);
  CHECK(std::is_same_v<decltype(np::logical_or(a, b))::value_type, bool>);
  CHECK(std::is_same_v<decltype(~(a < b))::value_type, bool>);
  const np::ndarray<bool> r = (a < b) | (a == 3.0);
  CHECK(r(0));
  CHECK(!r(1));
  CHECK(r(2));
  const np::ndarray<bool> n = ~(a < b);
  CHECK(!n(0));
  CHECK(n(1));
}

}  // namespace test_expr
