// Type promotion: the result dtype of a + b for all 11 x 11 dtype pairs
// (NumPy's promote_types), the values of a + b for the rows bool..int32
// (the other rows are in test_promotion_rows2.cpp and _rows3.cpp), and NEP 50
// weak C++ scalars, including NumPy 2's OverflowError for out-of-bounds
// integers. Goldens: tests/data/promotion.txt (tests/golden/generate.py).
#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <string>
#include <type_traits>
#include <utility>

#include "golden_reader.hpp"
#include "promotion_add.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_promotion {

namespace np = numfuse;
using promotion::all_dtypes;
using promotion::data;

namespace {

// --- result dtypes (types only: no kernel is instantiated) -----------------

template <class A, class B>
using add_t = typename decltype(std::declval<const np::ndarray<A>&>() +
                                std::declval<const np::ndarray<B>&>())::value_type;

template <class A, class B>
void check_type() {
  const std::string an(np::dtype_name<A>()), bn(np::dtype_name<B>());
  INFO(an << " + " << bn);
  CHECK(std::is_same_v<add_t<A, B>, np::promote_t<A, B>>);
  CHECK(np::dtype_name<add_t<A, B>>() == data().text("promote." + an + "." + bn));
  // Views and expressions promote like arrays.
  using VR = typename decltype(std::declval<const np::ndview<const A>&>() *
                               std::declval<const np::ndview<B>&>())::value_type;
  CHECK(std::is_same_v<VR, add_t<A, B>>);
}
template <class A, class... Bs>
void type_row(std::tuple<Bs...>*) {
  (check_type<A, Bs>(), ...);
}
template <class... As>
void type_matrix(std::tuple<As...>*) {
  (type_row<As>(static_cast<all_dtypes*>(nullptr)), ...);
}

// A few rows of NumPy's table spelled out, so that a wrong golden file
// cannot make promote_t wrong unnoticed.
using std::int16_t, std::int32_t, std::int64_t, std::int8_t, std::uint16_t, std::uint32_t,
    std::uint64_t, std::uint8_t;
static_assert(std::is_same_v<add_t<bool, bool>, bool>);
static_assert(std::is_same_v<add_t<bool, int8_t>, int8_t>);
static_assert(std::is_same_v<add_t<int8_t, uint8_t>, int16_t>);
static_assert(std::is_same_v<add_t<uint8_t, int8_t>, int16_t>);
static_assert(std::is_same_v<add_t<int16_t, uint16_t>, int32_t>);
static_assert(std::is_same_v<add_t<int32_t, uint32_t>, int64_t>);
static_assert(std::is_same_v<add_t<int64_t, uint64_t>, double>);
static_assert(std::is_same_v<add_t<uint64_t, int8_t>, double>);
static_assert(std::is_same_v<add_t<uint32_t, int64_t>, int64_t>);
static_assert(std::is_same_v<add_t<uint8_t, uint64_t>, uint64_t>);
static_assert(std::is_same_v<add_t<int16_t, float>, float>);
static_assert(std::is_same_v<add_t<uint16_t, float>, float>);
static_assert(std::is_same_v<add_t<int32_t, float>, double>);
static_assert(std::is_same_v<add_t<uint64_t, float>, double>);
static_assert(std::is_same_v<add_t<float, double>, double>);
static_assert(std::is_same_v<add_t<bool, float>, float>);

}  // namespace

TEST_CASE("promotion: result dtype of a + b for all 11 x 11 dtype pairs is NumPy's") {
  type_matrix(static_cast<all_dtypes*>(nullptr));
}

TEST_CASE("promotion: values of a + b, rows bool, int8, int16, int32") {
  promotion::check_rows(
      static_cast<std::tuple<bool, std::int8_t, std::int16_t, std::int32_t>*>(nullptr));
}

// --- NEP 50 weak scalars -----------------------------------------------------

namespace {
/// Evaluates f(in) for the golden case weak.<name> and checks dtype R and
/// values against NumPy 2's result.
template <class R, class T, class F>
void weak_case(const std::string& name, F&& f) {
  const auto& g = data();
  const auto in = g.array<T>("weak." + name + ".in");
  auto e = f(in);
  static_assert(std::is_same_v<typename decltype(e)::value_type, R>,
                "result dtype differs from NumPy 2 (NEP 50)");
  CHECK(np::dtype_name<R>() == g.dtype("weak." + name + ".out"));
  const np::ndarray<R> got = e;
  golden::check_array(got, g.array<R>("weak." + name + ".out"), "weak." + name);
}
}  // namespace

TEST_CASE("weak scalars: integer scalars adopt the integer array's dtype") {
  weak_case<std::int8_t, std::int8_t>("i8_plus_1", [](const auto& a) { return a + 1; });
  weak_case<std::int8_t, std::int8_t>("1_minus_i8", [](const auto& a) { return 1 - a; });
  weak_case<std::int8_t, std::int8_t>("i8_plus_true", [](const auto& a) { return a + true; });
  weak_case<std::int64_t, std::int64_t>("i64_minus_1", [](const auto& a) { return a - 1; });
  weak_case<std::uint8_t, std::uint8_t>("u8_plus_255", [](const auto& a) { return a + 255; });
  weak_case<std::uint64_t, std::uint64_t>(
      "u64_plus_max", [](const auto& a) { return a + 18446744073709551615ull; });
  weak_case<bool, std::int8_t>("i8_lt_1", [](const auto& a) { return a < 1; });
  weak_case<double, std::int8_t>("i8_div_2", [](const auto& a) { return a / 2; });
}

TEST_CASE("weak scalars: float scalars with integer arrays give float64") {
  weak_case<double, std::int32_t>("i32_plus_1.5", [](const auto& a) { return a + 1.5; });
  // NumPy 1.24's value-based casting would give float32 here; NumPy 2 float64.
  weak_case<double, std::int16_t>("i16_times_0.5", [](const auto& a) { return a * 0.5; });
}

TEST_CASE("weak scalars: float arrays keep their dtype") {
  weak_case<float, float>("f32_times_2.0", [](const auto& a) { return a * 2.0; });
  weak_case<float, float>("f32_plus_1e300", [](const auto& a) { return a + 1e300; });
  weak_case<float, float>("f32_plus_16777217", [](const auto& a) { return a + 16777217; });
  weak_case<double, double>("f64_plus_3", [](const auto& a) { return a + 3; });
}

TEST_CASE("weak scalars: bool arrays") {
  weak_case<std::int64_t, bool>("b_plus_1", [](const auto& a) { return a + 1; });
  weak_case<bool, bool>("b_plus_true", [](const auto& a) { return a + true; });
  weak_case<double, bool>("b_times_1.5", [](const auto& a) { return a * 1.5; });
}

TEST_CASE("weak scalars: out-of-bounds integers throw overflow_error (NumPy 2)") {
  const auto& g = data();
  const np::ndarray<std::int8_t> i8 = {1, 2, 3};
  const np::ndarray<std::uint8_t> u8 = {1, 2, 3};
  const np::ndarray<std::uint16_t> u16 = {1, 2, 3};
  const np::ndarray<std::int32_t> i32 = {1, 2, 3};
  const np::ndarray<std::int64_t> i64 = {1, 2, 3};
  const np::ndarray<std::uint64_t> u64 = {1, 2, 3};
  using E = np::overflow_error;
  CHECK(golden::message_of<E>([&] { (void)(i8 + 300); }) == g.text("overflow.i8_plus_300"));
  CHECK(golden::message_of<E>([&] { (void)(300 + i8); }) == g.text("overflow.i8_plus_300"));
  CHECK(golden::message_of<E>([&] { (void)(i8 * 300); }) == g.text("overflow.i8_plus_300"));
  CHECK(golden::message_of<E>([&] { (void)(i8 + (-129)); }) == g.text("overflow.i8_plus_-129"));
  CHECK(golden::message_of<E>([&] { (void)(u8 + (-1)); }) == g.text("overflow.u8_minus_1"));
  CHECK(golden::message_of<E>([&] { (void)(u8 + 256); }) == g.text("overflow.u8_plus_256"));
  CHECK(golden::message_of<E>([&] { (void)(u16 + 65536); }) == g.text("overflow.u16_plus_65536"));
  CHECK(golden::message_of<E>([&] { (void)(i32 + 2147483648LL); }) ==
        g.text("overflow.i32_plus_2^31"));
  CHECK(golden::message_of<E>([&] { (void)(i64 + 9223372036854775808ull); }) ==
        g.text("overflow.i64_plus_2^63"));
  CHECK(golden::message_of<E>([&] { (void)(u64 + (-1)); }) == g.text("overflow.u64_plus_-1"));
  // In range: no throw, and the scalar adopts the array's dtype.
  CHECK_NOTHROW((void)(i8 + 127));
  CHECK_NOTHROW((void)(i8 + (-128)));
  CHECK_NOTHROW((void)(u8 + 255));
  CHECK(std::is_same_v<decltype(u8 + 255)::value_type, std::uint8_t>);
  // The exception is also a numfuse::error.
  CHECK_THROWS_AS((void)(i8 + 300), np::error);
}

}  // namespace test_promotion
