// Integer and bool expressions: wrapping arithmetic (8/16/32/64-bit, signed
// and unsigned), bitwise & | ^ ~, bool logic through arithmetic operators,
// abs/negative at the minimum, maximum/minimum and comparisons of 64-bit
// integers, weak integer scalars and integer conversions, on the same
// layouts and lengths as test_expr.cpp.
// Goldens: tests/data/expr_int.txt (tests/golden/generate.py).
#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <type_traits>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_expr_int {

namespace np = numfuse;
using golden::run_cases;
using std::int16_t, std::int32_t, std::int64_t, std::int8_t, std::uint16_t, std::uint32_t,
    std::uint64_t, std::uint8_t;

namespace {
const golden::data& data() {
  static const golden::data g("expr_int.txt");
  return g;
}
}  // namespace

TEST_CASE("expr_int: bitwise operators on integers") {
  const auto& g = data();
  run_cases<int32_t, int32_t, int32_t>(g, "and_i32", [](auto& x, auto& y) { return x & y; });
  run_cases<int32_t, int32_t, int32_t>(g, "or_xor_not_i32",
                                       [](auto& x, auto& y) { return (x | y) ^ ~x; });
  run_cases<uint8_t, uint8_t, uint8_t>(g, "bits_u8", [](auto& x, auto& y) { return (x & y) | ~x; });
  run_cases<uint8_t, uint8_t, uint8_t>(g, "xor_u8", [](auto& x, auto& y) { return x ^ y; });
  run_cases<int64_t, int64_t, int64_t>(g, "xor_i64", [](auto& x, auto& y) { return x ^ y; });
}

TEST_CASE("expr_int: bool operands") {
  const auto& g = data();
  run_cases<bool, bool, bool>(g, "bool_ops", [](auto& p, auto& q) { return (p & q) | ~p; });
  run_cases<bool, bool, bool>(g, "bool_xor", [](auto& p, auto& q) { return p ^ q; });
  run_cases<bool, bool>(g, "bool_not", [](auto& p) { return ~p; });
  run_cases<bool, bool, bool>(g, "bool_add", [](auto& p, auto& q) { return p + q; });  // or
  run_cases<bool, bool, bool>(g, "bool_mul", [](auto& p, auto& q) { return p * q; });  // and
  run_cases<bool, bool, bool>(g, "bool_max", [](auto& p, auto& q) { return np::maximum(p, q); });
  run_cases<bool, bool, bool>(g, "bool_lt", [](auto& p, auto& q) { return p < q; });
  run_cases<bool, bool, bool>(g, "bool_eq", [](auto& p, auto& q) { return p == q; });
  run_cases<int8_t, bool, int8_t>(g, "bool_plus_i8", [](auto& p, auto& q) { return p + q; });
}

TEST_CASE("expr_int: integer arithmetic wraps as NumPy's does") {
  const auto& g = data();
  run_cases<int8_t, int8_t, int8_t>(g, "add_i8", [](auto& x, auto& y) { return x + y; });
  run_cases<int8_t, int8_t, int8_t>(g, "mul_i8", [](auto& x, auto& y) { return x * y; });
  run_cases<uint8_t, uint8_t, uint8_t>(g, "mul_u8", [](auto& x, auto& y) { return x * y; });
  run_cases<int32_t, int32_t, int32_t>(g, "mul_i32", [](auto& x, auto& y) { return x * y; });
  run_cases<uint16_t, uint16_t, uint16_t>(g, "mul_u16", [](auto& x, auto& y) { return x * y; });
  run_cases<int64_t, int64_t, int64_t>(g, "mul_i64", [](auto& x, auto& y) { return x * y; });
  run_cases<uint16_t, uint16_t, uint16_t>(g, "sub_u16", [](auto& x, auto& y) { return x - y; });
  run_cases<uint32_t, uint32_t, uint32_t>(g, "sub_u32", [](auto& x, auto& y) { return x - y; });
  run_cases<uint64_t, uint64_t, uint64_t>(g, "add_u64", [](auto& x, auto& y) { return x + y; });
}

TEST_CASE("expr_int: abs and negative (the minimum maps to itself)") {
  const auto& g = data();
  run_cases<int8_t, int8_t>(g, "abs_i8", [](auto& x) { return np::abs(x); });
  run_cases<int64_t, int64_t>(g, "abs_i64", [](auto& x) { return np::absolute(x); });
  run_cases<int32_t, int32_t>(g, "abs_i32", [](auto& x) { return np::abs(x); });
  run_cases<uint32_t, uint32_t>(g, "neg_u32", [](auto& x) { return -x; });
  run_cases<int64_t, int64_t>(g, "neg_i64", [](auto& x) { return -x; });
  run_cases<int8_t, int8_t>(g, "neg_i8", [](auto& x) { return np::negative(x); });
}

TEST_CASE("expr_int: maximum, minimum and comparisons") {
  const auto& g = data();
  run_cases<int64_t, int64_t, int64_t>(g, "max_i64", [](auto& x, auto& y) { return np::maximum(x, y); });
  run_cases<uint64_t, uint64_t, uint64_t>(g, "min_u64", [](auto& x, auto& y) { return np::minimum(x, y); });
  run_cases<uint8_t, uint8_t, uint8_t>(g, "max_u8", [](auto& x, auto& y) { return np::maximum(x, y); });
  run_cases<int8_t, int8_t, int8_t>(g, "min_i8", [](auto& x, auto& y) { return np::minimum(x, y); });
  run_cases<uint32_t, uint32_t, uint32_t>(g, "max_u32", [](auto& x, auto& y) { return np::maximum(x, y); });
  run_cases<bool, uint64_t, uint64_t>(g, "gt_u64", [](auto& x, auto& y) { return x > y; });
  run_cases<bool, uint32_t, uint32_t>(g, "lt_u32", [](auto& x, auto& y) { return x < y; });
  run_cases<bool, int8_t, int8_t>(g, "eq_i8", [](auto& x, auto& y) { return x == y; });
  run_cases<bool, int32_t, int32_t>(g, "ne_i32", [](auto& x, auto& y) { return x != y; });
}

TEST_CASE("expr_int: <= and >= on integers") {
  const auto& g = data();
  run_cases<bool, int64_t, int64_t>(g, "le_i64", [](auto& x, auto& y) { return x <= y; });
  run_cases<bool, uint16_t, uint16_t>(g, "ge_u16", [](auto& x, auto& y) { return x >= y; });
}

TEST_CASE("expr_int: weak integer scalars") {
  const auto& g = data();
  run_cases<int32_t, int32_t>(g, "i32_plus_7", [](auto& x) { return x + 7; });
  run_cases<uint8_t, uint8_t>(g, "u8_times_3", [](auto& x) { return x * 3; });
  run_cases<int64_t, int64_t>(g, "i64_minus_1", [](auto& x) { return x - 1; });
  run_cases<bool, uint64_t>(g, "u64_gt_2^63", [](auto& x) { return x > 9223372036854775808ull; });
}

TEST_CASE("expr_int: mixed integer dtypes and conversions") {
  const auto& g = data();
  run_cases<int32_t, uint16_t, int32_t>(g, "u16_plus_i32", [](auto& x, auto& y) { return x + y; });
  run_cases<int64_t, uint32_t, int32_t>(g, "u32_plus_i32", [](auto& x, auto& y) { return x + y; });
  run_cases<double, uint64_t, int64_t>(g, "u64_plus_i64", [](auto& x, auto& y) { return x + y; });
  run_cases<int64_t, int8_t, int64_t>(g, "i8_times_i64", [](auto& x, auto& y) { return x * y; });
  run_cases<float, uint64_t>(g, "cast_u64_f32", [](auto& x) { return np::astype<float>(x); });
  run_cases<double, int64_t>(g, "cast_i64_f64", [](auto& x) { return np::astype<double>(x); });
  run_cases<uint16_t, int8_t>(g, "cast_i8_u16", [](auto& x) { return np::astype<uint16_t>(x); });
}

TEST_CASE("expr_int: bool results as numbers, bool where") {
  const np::ndarray<std::int32_t> a = {1, 5, 3, 7, 2, 9, 4, 8, 6, 0};
  const np::ndarray<std::int32_t> b = {2, 5, 1, 8, 2, 3, 4, 9, 1, 0};
  // bool + int scalar -> int64 (NEP 50), bool * float -> float64
  const np::ndarray<std::int64_t> c = (a < b) + 1;
  const np::ndarray<double> d = (a == b) * 2.5;
  const np::ndarray<bool> w = np::where(a > b, a < 5, b > 4);  // all bool
  for (int i = 0; i < 10; ++i) {
    INFO(i);
    CHECK(c(i) == (a(i) < b(i) ? 2 : 1));
    CHECK(d(i) == (a(i) == b(i) ? 2.5 : 0.0));
    CHECK(w(i) == (a(i) > b(i) ? a(i) < 5 : b(i) > 4));
  }
  CHECK(std::is_same_v<decltype((a < b) + 1)::value_type, std::int64_t>);
  CHECK(std::is_same_v<decltype(np::where(a > b, a < 5, b > 4))::value_type, bool>);
}

TEST_CASE("expr_int: compound assignment on integer arrays") {
  np::ndarray<std::int8_t> a = {100, -100, 127, -128, 5};
  a += 100;  // wraps in int8
  CHECK(a(0) == -56);
  CHECK(a(1) == 0);
  CHECK(a(2) == -29);
  CHECK(a(3) == -28);
  CHECK(a(4) == 105);
  const np::ndarray<std::int8_t> m = {1, 2, 4, 8, 16};
  a ^= m;
  CHECK(a(4) == (105 ^ 16));
  np::ndarray<std::uint8_t> u = {1, 2, 3};
  u -= 2;  // 255, 0, 1
  CHECK(u(0) == 255);
  CHECK(u(1) == 0);
  CHECK(u(2) == 1);
  CHECK_THROWS_AS(u += 256, np::overflow_error);
  CHECK(u(0) == 255);  // untouched
}

}  // namespace test_expr_int
