// Integer-semantics ufuncs (issue 3), part 2: left_shift/right_shift (and
// << >>) with counts >= the width and negative counts, gcd, lcm, sign,
// square, reciprocal, positive on every integer dtype, bool and floats.
// Goldens: tests/data/ufunc_int.txt (tests/golden/gen_ufunc.py).
#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_ufunc_bits {

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

TEST_CASE("ufunc_bits: left_shift / right_shift (counts >= width give 0 or -1)") {
  const auto& g = data();
  BIN(int8_t, int8_t, int8_t, "lsh_i8", x << y);
  BIN(int16_t, int16_t, int16_t, "lsh_i16", np::left_shift(x, y));
  BIN(int32_t, int32_t, int32_t, "lsh_i32", x << y);
  BIN(int64_t, int64_t, int64_t, "lsh_i64", x << y);
  BIN(uint8_t, uint8_t, uint8_t, "lsh_u8", np::left_shift(x, y));
  BIN(uint16_t, uint16_t, uint16_t, "lsh_u16", x << y);
  BIN(uint32_t, uint32_t, uint32_t, "lsh_u32", x << y);
  BIN(uint64_t, uint64_t, uint64_t, "lsh_u64", x << y);
  BIN(int8_t, int8_t, int8_t, "rsh_i8", x >> y);
  BIN(int16_t, int16_t, int16_t, "rsh_i16", x >> y);
  BIN(int32_t, int32_t, int32_t, "rsh_i32", np::right_shift(x, y));
  BIN(int64_t, int64_t, int64_t, "rsh_i64", x >> y);
  BIN(uint8_t, uint8_t, uint8_t, "rsh_u8", x >> y);
  BIN(uint16_t, uint16_t, uint16_t, "rsh_u16", np::right_shift(x, y));
  BIN(uint32_t, uint32_t, uint32_t, "rsh_u32", x >> y);
  BIN(uint64_t, uint64_t, uint64_t, "rsh_u64", x >> y);
  BIN(int8_t, bool, bool, "lsh_b", x << y);
  UN(int32_t, int32_t, "lsh_i32_s3", x << 3);
  UN(int64_t, int64_t, "rsh_i64_s65", x >> 65);
}

TEST_CASE("ufunc_bits: gcd and lcm (magnitudes; gcd(MIN, 0) is MIN; lcm wraps)") {
  const auto& g = data();
  BIN(int8_t, int8_t, int8_t, "gcd_i8", np::gcd(x, y));
  BIN(int16_t, int16_t, int16_t, "gcd_i16", np::gcd(x, y));
  BIN(int32_t, int32_t, int32_t, "gcd_i32", np::gcd(x, y));
  BIN(int64_t, int64_t, int64_t, "gcd_i64", np::gcd(x, y));
  BIN(uint8_t, uint8_t, uint8_t, "gcd_u8", np::gcd(x, y));
  BIN(uint64_t, uint64_t, uint64_t, "gcd_u64", np::gcd(x, y));
  BIN(int32_t, int32_t, int32_t, "gcd_i32_2", np::gcd(x, y));
  BIN(int8_t, int8_t, int8_t, "lcm_i8", np::lcm(x, y));
  BIN(int16_t, int16_t, int16_t, "lcm_i16", np::lcm(x, y));
  BIN(int32_t, int32_t, int32_t, "lcm_i32", np::lcm(x, y));
  BIN(int64_t, int64_t, int64_t, "lcm_i64", np::lcm(x, y));
  BIN(uint16_t, uint16_t, uint16_t, "lcm_u16", np::lcm(x, y));
  BIN(uint32_t, uint32_t, uint32_t, "lcm_u32", np::lcm(x, y));
  BIN(uint64_t, uint64_t, uint64_t, "lcm_u64", np::lcm(x, y));
  BIN(uint16_t, uint16_t, uint16_t, "lcm_u16_2", np::lcm(x, y));
}

TEST_CASE("ufunc_bits: sign, square, reciprocal, positive") {
  const auto& g = data();
  UN(int8_t, int8_t, "sign_i8", np::sign(x));
  UN(int16_t, int16_t, "sign_i16", np::sign(x));
  UN(int64_t, int64_t, "sign_i64", np::sign(x));
  UN(uint32_t, uint32_t, "sign_u32", np::sign(x));
  UN(float, float, "sign_f32", np::sign(x));
  UN(double, double, "sign_f64", np::sign(x));
  UN(int8_t, int8_t, "square_i8", np::square(x));
  UN(int32_t, int32_t, "square_i32", np::square(x));
  UN(uint64_t, uint64_t, "square_u64", np::square(x));
  UN(float, float, "square_f32", np::square(x));
  UN(int8_t, bool, "square_b", np::square(x));
  UN(int8_t, int8_t, "recip_i8", np::reciprocal(x));
  UN(int32_t, int32_t, "recip_i32", np::reciprocal(x));
  UN(int64_t, int64_t, "recip_i64", np::reciprocal(x));
  UN(uint8_t, uint8_t, "recip_u8", np::reciprocal(x));
  UN(uint64_t, uint64_t, "recip_u64", np::reciprocal(x));
  UN(double, double, "recip_f64", np::reciprocal(x));
  UN(float, float, "recip_f32", np::reciprocal(x));
  UN(int16_t, int16_t, "pos_i16", np::positive(x));
  UN(double, double, "pos_f64", np::positive(x));
}

}  // namespace test_ufunc_bits

#undef BIN
#undef UN
