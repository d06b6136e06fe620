// Transcendental and float-decomposition ufuncs on bool, int8 and uint8
// inputs (computed in float32: numfuse has no float16), and the binary
// functions on integer operands, against NumPy. See
// tests/ufunc_transc_common.hpp.
#include "ufunc_transc_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_ufunc_transc_int_a {

using namespace transc_test;
using std::int16_t, std::int32_t, std::int8_t, std::uint8_t;

TEST_CASE("ufunc_transc: unary functions, bool") { unary_all<bool>("b"); }
TEST_CASE("ufunc_transc: unary functions, int8") { unary_all<int8_t>("i8"); }
TEST_CASE("ufunc_transc: unary functions, uint8") { unary_all<uint8_t>("u8"); }

TEST_CASE("ufunc_transc: sinc of bool, int8, uint8 is float64") {
  sinc_int<bool>("b");
  sinc_int<int8_t>("i8");
  sinc_int<uint8_t>("u8");
}

TEST_CASE("ufunc_transc: binary functions on integers") {
  const auto& g = data();
  TRANSC_BIN(double, int32_t, int32_t, "logaddexp_i32", np::logaddexp(x, y), kUlp);
  TRANSC_BIN(double, int32_t, int32_t, "logaddexp2_i32", np::logaddexp2(x, y), kUlp);
  TRANSC_BIN(double, int32_t, int32_t, "arctan2_i32", np::arctan2(x, y), kUlp);
  TRANSC_BIN(double, int32_t, int32_t, "hypot_i32", np::hypot(x, y), kUlp);
  TRANSC_BIN(double, int32_t, int32_t, "float_power_i32", np::float_power(x, y), kUlp);
  TRANSC_BIN(float, int8_t, int8_t, "logaddexp_i8", np::logaddexp(x, y), kUlp);
  TRANSC_BIN(float, int8_t, int8_t, "arctan2_i8", np::arctan2(x, y), kUlp);
  TRANSC_BIN(float, int8_t, int8_t, "hypot_i8", np::hypot(x, y), kUlp);
  TRANSC_BIN(double, int8_t, int8_t, "float_power_i8", np::float_power(x, y), kUlp);
  TRANSC_BIN(float, bool, bool, "logaddexp2_b", np::logaddexp2(x, y), kUlp);
  TRANSC_BIN(float, bool, bool, "hypot_b", np::hypot(x, y), kUlp);
  TRANSC_BIN(double, bool, bool, "float_power_b", np::float_power(x, y), kUlp);
  TRANSC_BIN(double, int32_t, int32_t, "ldexp_i32_i32", np::ldexp(x, y), 0);
  TRANSC_BIN(float, int8_t, int32_t, "ldexp_i8_i32", np::ldexp(x, y), 0);
  TRANSC_BIN(float, bool, int16_t, "ldexp_b_i16", np::ldexp(x, y), 0);
}

}  // namespace test_ufunc_transc_int_a
