// Rounding and float ufuncs (issue 3): rint, around/round (decimals 0, 2,
// -1), fix, floor/ceil/trunc on integers (dtype kept, NumPy >= 2.1),
// copysign, signbit, isnan, isinf, isfinite, fmax, fmin, nextafter, spacing,
// deg2rad/radians, rad2deg/degrees, heaviside, clip, nan_to_num, isclose,
// allclose, array_equal. All exact (bitwise, any NaN equal to any NaN).
// Goldens: tests/data/ufunc_float.txt (tests/golden/gen_ufunc.py).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numfuse/numfuse.hpp>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_ufunc_float {

namespace np = numfuse;
using golden::run_cases;
using std::int16_t, std::int32_t, std::int64_t, std::int8_t, std::uint64_t, std::uint8_t;

namespace {
const golden::data& data() {
  static const golden::data g("ufunc_float.txt");
  return g;
}
}  // namespace

#define BIN(R, T1, T2, NAME, EXPR) \
  run_cases<R, T1, T2>(g, NAME, [](auto& x, auto& y) { return EXPR; })
#define UN(R, T, NAME, EXPR) run_cases<R, T>(g, NAME, [](auto& x) { return EXPR; })
// The same cases for float32 and float64.
#define UNF(NAME, EXPR)                        \
  UN(float, float, NAME "_f32", EXPR);         \
  UN(double, double, NAME "_f64", EXPR)
#define UNFB(NAME, EXPR)                       \
  UN(bool, float, NAME "_f32", EXPR);          \
  UN(bool, double, NAME "_f64", EXPR)
#define BINF(NAME, EXPR)                       \
  BIN(float, float, float, NAME "_f32", EXPR); \
  BIN(double, double, double, NAME "_f64", EXPR)

TEST_CASE("ufunc_float: rint, around/round, fix, floor") {
  const auto& g = data();
  UNF("rint", np::rint(x));
  UNF("round0", np::round(x));
  UNF("round2", np::around(x, 2));
  UNF("roundm1", np::round(x, -1));
  UNF("fix", np::fix(x));
  UNF("floor", np::floor(x));
}

TEST_CASE("ufunc_float: rounding of integers keeps the dtype (NumPy 2.1), rint gives floats") {
  const auto& g = data();
  UN(int8_t, int8_t, "floor_i8", np::floor(x));
  UN(int32_t, int32_t, "floor_i32", np::floor(x));
  UN(uint64_t, uint64_t, "floor_u64", np::floor(x));
  UN(int64_t, int64_t, "ceil_i64", np::ceil(x));
  UN(uint8_t, uint8_t, "trunc_u8", np::trunc(x));
  UN(int16_t, int16_t, "fix_i16", np::fix(x));
  UN(bool, bool, "floor_b", np::floor(x));
  UN(int32_t, int32_t, "round0_i32", np::round(x));
  UN(int32_t, int32_t, "roundm1_i32", np::round(x, -1));
  UN(double, int32_t, "rint_i32", np::rint(x));
  UN(float, int16_t, "rint_i16", np::rint(x));  // NumPy: float16
}

TEST_CASE("ufunc_float: copysign, signbit, isnan, isinf, isfinite") {
  const auto& g = data();
  BINF("copysign", np::copysign(x, y));
  UNFB("signbit", np::signbit(x));
  UNFB("isnan", np::isnan(x));
  UNFB("isinf", np::isinf(x));
  UNFB("isfinite", np::isfinite(x));
  UN(bool, int32_t, "signbit_i32", np::signbit(x));
  UN(bool, int64_t, "isnan_i64", np::isnan(x));
  UN(bool, uint8_t, "isfinite_u8", np::isfinite(x));
  UN(bool, bool, "isinf_b", np::isinf(x));
  BIN(double, int32_t, float, "copysign_i32f32", np::copysign(x, y));
}

TEST_CASE("ufunc_float: fmax, fmin (NaN ignored), nextafter, spacing, heaviside") {
  const auto& g = data();
  BINF("fmax", np::fmax(x, y));
  BINF("fmin", np::fmin(x, y));
  BIN(int32_t, int32_t, int32_t, "fmax_i32", np::fmax(x, y));
  BIN(uint64_t, uint64_t, uint64_t, "fmin_u64", np::fmin(x, y));
  BINF("nextafter", np::nextafter(x, y));
  UNF("spacing", np::spacing(x));
  BINF("heaviside", np::heaviside(x, y));
}

TEST_CASE("ufunc_float: deg2rad, rad2deg, clip, nan_to_num") {
  const auto& g = data();
  UNF("deg2rad", np::radians(x));
  UNF("rad2deg", np::degrees(x));
  UN(double, int32_t, "deg2rad_i32", np::deg2rad(x));
  UN(float, float, "clip_f32", np::clip(x, -1.5, 2.0));
  UN(double, double, "clip_f64", np::clip(x, -1.5, 2));
  UN(int16_t, int16_t, "clip_i16", np::clip(x, -100, 1000));
  BIN(double, double, double, "clip_f64_arr", np::clip(x, y, 3.0));
  UNF("nan_to_num", np::nan_to_num(x));
  UN(int32_t, int32_t, "nan_to_num_i32", np::nan_to_num(x));
}

TEST_CASE("ufunc_float: isclose (NumPy 2's formula), allclose, array_equal") {
  const auto& g = data();
  BIN(bool, float, float, "isclose_f32", np::isclose(x, y));
  BIN(bool, double, double, "isclose_f64", np::isclose(x, y));
  BIN(bool, float, float, "isclose_nan_f32", np::isclose(x, y, 1e-3, 1e-6, true));
  BIN(bool, double, double, "isclose_nan_f64", np::isclose(x, y, 1e-3, 1e-6, true));
  BIN(bool, int32_t, double, "isclose_i32f64", np::isclose(x, y));
  BIN(bool, int64_t, int64_t, "isclose_i64", np::isclose(x, y));

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const np::ndarray<double> a{1.0, 2.0, nan, 1e10};
  const np::ndarray<double> b{1.0 + 1e-9, 2.0, nan, 1.00001e10};
  CHECK_FALSE(np::allclose(a, b));
  CHECK(np::allclose(a, b, 1e-5, 1e-8, true));
  CHECK_FALSE(np::allclose(a, b, 1e-7, 1e-8, true));  // 1e10 vs 1.00001e10
  CHECK(np::allclose(a * 1.0, b, 1e-5, 1e-8, true));  // rvalue expression
  CHECK(np::array_equal(a, a, true));
  CHECK_FALSE(np::array_equal(a, a));  // NaN != NaN
  CHECK_FALSE(np::array_equal(a, np::ndarray<double>{1.0, 2.0}));
  CHECK(np::array_equal(np::ndarray<int32_t>{1, 2}, np::ndarray<double>{1.0, 2.0}));
  CHECK_FALSE(np::array_equal(np::ndarray<int32_t>{1, 2}, np::ndarray<int32_t>{1, 3}));
}

}  // namespace test_ufunc_float

#undef BIN
#undef UN
#undef UNF
#undef UNFB
#undef BINF
