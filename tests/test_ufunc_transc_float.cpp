// Transcendental and float-decomposition ufuncs (issue 3) on float32 and
// float64 against NumPy: exp2 expm1 log2 log10 log1p cbrt tan arcsin arccos
// arctan sinh cosh tanh arcsinh arccosh arctanh fabs modf frexp sinc,
// logaddexp logaddexp2 arctan2 hypot float_power ldexp, on ordinary and
// special inputs (NaN, +-inf, +-0, subnormals, huge), strided, broadcast and
// 0-d layouts. Tolerances: tests/ufunc_transc_common.hpp.
#include "ufunc_transc_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_ufunc_transc_float {

using namespace transc_test;
using std::int16_t, std::int32_t, std::int64_t, std::int8_t, std::uint16_t;

TEST_CASE("ufunc_transc: unary functions, float32") { unary_all<float>("f32"); }
TEST_CASE("ufunc_transc: unary functions, float64") { unary_all<double>("f64"); }

TEST_CASE("ufunc_transc: sinc on [-1, 1] and specials") {
  const auto& g = data();
  TRANSC_UN(float, float, "sinc_f32", np::sinc(x), kUlp);
  TRANSC_UN(double, double, "sinc_f64", np::sinc(x), kUlp);
}

template <class T>
void binaries(const std::string& s) {
  const auto& g = data();
  TRANSC_BIN(T, T, T, "logaddexp_" + s, np::logaddexp(x, y), kUlp);
  TRANSC_BIN(T, T, T, "logaddexp2_" + s, np::logaddexp2(x, y), kUlp);
  TRANSC_BIN(T, T, T, "arctan2_" + s, np::arctan2(x, y), kUlp);
  TRANSC_BIN(T, T, T, "hypot_" + s, np::hypot(x, y), kUlp);
  TRANSC_BIN(double, T, T, "float_power_" + s, np::float_power(x, y), kUlp);
  TRANSC_BIN(T, T, int32_t, "ldexp_" + s + "_i32", np::ldexp(x, y), 0);
  TRANSC_BIN(T, T, int64_t, "ldexp_" + s + "_i64", np::ldexp(x, y), 0);
  TRANSC_BIN(T, T, int8_t, "ldexp_" + s + "_i8", np::ldexp(x, y), 0);
  TRANSC_BIN(T, T, uint16_t, "ldexp_" + s + "_u16", np::ldexp(x, y), 0);
  TRANSC_UN(T, T, "ldexp_" + s + "_s3", np::ldexp(x, 3), 0);
  TRANSC_UN(T, T, "ldexp_" + s + "_sm1074", np::ldexp(x, -1074), 0);
}

TEST_CASE("ufunc_transc: binary functions, float32") { binaries<float>("f32"); }
TEST_CASE("ufunc_transc: binary functions, float64") { binaries<double>("f64"); }

TEST_CASE("ufunc_transc: mixed dtypes") {
  const auto& g = data();
  TRANSC_BIN(double, float, int64_t, "float_power_f32i64", np::float_power(x, y), kUlp);
  TRANSC_BIN(double, float, double, "hypot_f32f64", np::hypot(x, y), kUlp);
}

TEST_CASE("ufunc_transc: NumPy 2 aliases are the same functions") {
  const np::ndarray<double> x{-0.5, 0.0, 0.25, 0.9};
  const np::ndarray<double> y{1.5, -2.0, 0.5, 3.0};
  CHECK(np::array_equal(np::asin(x), np::arcsin(x)));
  CHECK(np::array_equal(np::acos(x), np::arccos(x)));
  CHECK(np::array_equal(np::atan(x), np::arctan(x)));
  CHECK(np::array_equal(np::asinh(x), np::arcsinh(x)));
  CHECK(np::array_equal(np::acosh(y * y + 1.0), np::arccosh(y * y + 1.0)));
  CHECK(np::array_equal(np::atanh(x), np::arctanh(x)));
  CHECK(np::array_equal(np::atan2(x, y), np::arctan2(x, y)));
  CHECK(np::array_equal(np::pow(x, y), np::power(x, y), true));  // NaN for x < 0
  CHECK(np::array_equal(np::true_divide(x, y), np::divide(x, y)));
  const np::ndarray<int32_t> i{-3, 0, 5, 7};
  CHECK(np::array_equal(np::bitwise_invert(i), np::invert(i)));
  CHECK(np::array_equal(np::bitwise_left_shift(i, 2), np::left_shift(i, 2)));
  CHECK(np::array_equal(np::bitwise_right_shift(i, 1), np::right_shift(i, 1)));
}

}  // namespace test_ufunc_transc_float
