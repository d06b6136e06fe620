// Integer-semantics ufuncs (issue 3), part 1: floor_divide, remainder/mod,
// fmod, divmod and power on every integer dtype, bool (int8 loop), float32
// and float64, with weak C++ scalars and mixed dtypes; division by zero,
// MIN // -1, negative operands, +-0., +-inf and NaN.
// Goldens: tests/data/ufunc_int.txt (tests/golden/gen_ufunc.py).
#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <string>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_ufunc_int {

namespace np = numfuse;
using golden::run_cases;
using std::int16_t, std::int32_t, std::int64_t, std::int8_t, std::uint16_t, std::uint32_t,
    std::uint64_t, std::uint8_t;

namespace {
const golden::data& data() {
  static const golden::data g("ufunc_int.txt");
  return g;
}
}  // namespace

#define BIN(R, T1, T2, NAME, EXPR) \
  run_cases<R, T1, T2>(g, NAME, [](auto& x, auto& y) { return EXPR; })
#define UN(R, T, NAME, EXPR) run_cases<R, T>(g, NAME, [](auto& x) { return EXPR; })

TEST_CASE("ufunc_int: floor_divide on integers (x // 0 == 0, MIN // -1 wraps)") {
  const auto& g = data();
  BIN(int8_t, int8_t, int8_t, "fd_i8", np::floor_divide(x, y));
  BIN(int16_t, int16_t, int16_t, "fd_i16", np::floor_divide(x, y));
  BIN(int32_t, int32_t, int32_t, "fd_i32", np::floor_divide(x, y));
  BIN(int64_t, int64_t, int64_t, "fd_i64", np::floor_divide(x, y));
  BIN(uint8_t, uint8_t, uint8_t, "fd_u8", np::floor_divide(x, y));
  BIN(uint16_t, uint16_t, uint16_t, "fd_u16", np::floor_divide(x, y));
  BIN(uint32_t, uint32_t, uint32_t, "fd_u32", np::floor_divide(x, y));
  BIN(uint64_t, uint64_t, uint64_t, "fd_u64", np::floor_divide(x, y));
  BIN(int8_t, bool, bool, "fd_b", np::floor_divide(x, y));
  BIN(int16_t, int8_t, uint8_t, "fd_i8u8", np::floor_divide(x, y));
  UN(int32_t, int32_t, "fd_i32_s3", np::floor_divide(x, -3));
  UN(double, int16_t, "fd_i16_sf", np::floor_divide(x, 2.5));
}

TEST_CASE("ufunc_int: remainder / mod and fmod on integers") {
  const auto& g = data();
  BIN(int8_t, int8_t, int8_t, "rem_i8", np::remainder(x, y));
  BIN(int16_t, int16_t, int16_t, "rem_i16", np::mod(x, y));
  BIN(int32_t, int32_t, int32_t, "rem_i32", np::remainder(x, y));
  BIN(int64_t, int64_t, int64_t, "rem_i64", np::remainder(x, y));
  BIN(uint8_t, uint8_t, uint8_t, "rem_u8", np::remainder(x, y));
  BIN(uint16_t, uint16_t, uint16_t, "rem_u16", np::remainder(x, y));
  BIN(uint32_t, uint32_t, uint32_t, "rem_u32", np::mod(x, y));
  BIN(uint64_t, uint64_t, uint64_t, "rem_u64", np::remainder(x, y));
  BIN(int8_t, bool, bool, "rem_b", np::remainder(x, y));
  BIN(int64_t, int32_t, int64_t, "rem_i32i64", np::remainder(x, y));
  UN(int64_t, int64_t, "rem_i64_s7", np::remainder(x, 7));
  BIN(int8_t, int8_t, int8_t, "fmod_i8", np::fmod(x, y));
  BIN(int16_t, int16_t, int16_t, "fmod_i16", np::fmod(x, y));
  BIN(int32_t, int32_t, int32_t, "fmod_i32", np::fmod(x, y));
  BIN(int64_t, int64_t, int64_t, "fmod_i64", np::fmod(x, y));
  BIN(uint8_t, uint8_t, uint8_t, "fmod_u8", np::fmod(x, y));
  BIN(uint16_t, uint16_t, uint16_t, "fmod_u16", np::fmod(x, y));
  BIN(uint32_t, uint32_t, uint32_t, "fmod_u32", np::fmod(x, y));
  BIN(uint64_t, uint64_t, uint64_t, "fmod_u64", np::fmod(x, y));
}

TEST_CASE("ufunc_int: floor_divide, remainder, fmod on floats (NumPy's npy_divmod, exact)") {
  const auto& g = data();
  BIN(float, float, float, "fd_f32", np::floor_divide(x, y));
  BIN(double, double, double, "fd_f64", np::floor_divide(x, y));
  BIN(float, float, float, "rem_f32", np::remainder(x, y));
  BIN(double, double, double, "rem_f64", np::remainder(x, y));
  BIN(float, float, float, "fmod_f32", np::fmod(x, y));
  BIN(double, double, double, "fmod_f64", np::fmod(x, y));
  UN(double, double, "fd_f64_s025", np::floor_divide(x, 0.25));
  UN(float, float, "rem_f32_sm025", np::remainder(x, -0.25));
}

TEST_CASE("ufunc_int: divmod returns (floor_divide, remainder)") {
  const auto& g = data();
  BIN(int32_t, int32_t, int32_t, "divmod_q_i32", np::divmod(x, y).first);
  BIN(int32_t, int32_t, int32_t, "divmod_r_i32", np::divmod(x, y).second);
  BIN(double, double, double, "divmod_q_f64", np::divmod(x, y).first);
  BIN(double, double, double, "divmod_r_f64", np::divmod(x, y).second);
  // An rvalue operand is copied into both expressions.
  np::ndarray<int32_t> a{-7, 7, -7, 7, 0};
  auto [q, r] = np::divmod(a + 0, np::ndarray<int32_t>{2, 2, -2, -2, 0});
  const np::ndarray<int32_t> qa = q, ra = r;
  CHECK(np::array_equal(qa, np::ndarray<int32_t>{-4, 3, 3, -4, 0}));
  CHECK(np::array_equal(ra, np::ndarray<int32_t>{1, 1, -1, -1, 0}));
}

TEST_CASE("ufunc_int: power (wrapping integer power, float pow)") {
  const auto& g = data();
  BIN(int8_t, int8_t, int8_t, "pow_i8", np::power(x, y));
  BIN(int16_t, int16_t, int16_t, "pow_i16", np::power(x, y));
  BIN(int32_t, int32_t, int32_t, "pow_i32", np::power(x, y));
  BIN(int64_t, int64_t, int64_t, "pow_i64", np::power(x, y));
  BIN(uint8_t, uint8_t, uint8_t, "pow_u8", np::power(x, y));
  BIN(uint16_t, uint16_t, uint16_t, "pow_u16", np::power(x, y));
  BIN(uint32_t, uint32_t, uint32_t, "pow_u32", np::power(x, y));
  BIN(uint64_t, uint64_t, uint64_t, "pow_u64", np::power(x, y));
  BIN(int8_t, bool, bool, "pow_b", np::power(x, y));
  UN(int32_t, int32_t, "pow_i32_s2", np::power(x, 2));
  UN(int64_t, int64_t, "pow_s3_i64", np::power(3, x));
  // NumPy's float power may come from SVML on AVX-512: a few ULP.
  run_cases<double, double, double>(g, "pow_f64", [](auto& x, auto& y) { return np::power(x, y); }, 4);
  run_cases<float, float, float>(g, "pow_f32", [](auto& x, auto& y) { return np::power(x, y); }, 4);
}

TEST_CASE("ufunc_int: integer power with a negative exponent raises value_error") {
  const np::ndarray<int32_t> a{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
  np::ndarray<int32_t> e = np::ones<int32_t>({17});
  e(16) = -1;  // in the tail
  const std::string msg = "Integers to negative integer powers are not allowed.";
  CHECK(golden::message_of<np::value_error>([&] { np::ndarray<int32_t> r = np::power(a, e); }) == msg);
  CHECK(golden::message_of<np::value_error>([&] { np::ndarray<int64_t> r = np::power(np::astype<int64_t>(a), -2); }) == msg);
  CHECK(golden::message_of<np::value_error>([&] { np::ndarray<int8_t> r = np::power(int8_t(2), np::astype<int8_t>(e) - int8_t(2)); }) == msg);
  // Unsigned exponents and non-negative ones do not raise.
  const np::ndarray<int32_t> ok = np::power(a, e + 1);
  CHECK(ok(16) == 1);
  CHECK(ok(0) == 4);
}

}  // namespace test_ufunc_int

#undef BIN
#undef UN
