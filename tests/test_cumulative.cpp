// cumsum and nancumsum for every dtype and axis (None flattens), NumPy's
// result dtypes (int64/uint64 for integers and bool), strided and fused
// operands, dtype=, empty, bad axis -- against NumPy
// (tests/golden/gen_reduce2.py). cumprod: test_cumprod.cpp.
#include "cumulative_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_cumulative {

using namespace cumulative_test;
using std::int64_t, std::uint64_t;

TEST_CASE("cumulative: cumsum of every dtype, every axis") {
  check_scan<int64_t, bool>("cumsum", "bool", NF_SCAN(cumsum));
  check_scan<int64_t, std::int8_t>("cumsum", "i8", NF_SCAN(cumsum));
  check_scan<uint64_t, std::uint8_t>("cumsum", "u8", NF_SCAN(cumsum));
  check_scan<int64_t, std::int16_t>("cumsum", "i16", NF_SCAN(cumsum));
  check_scan<uint64_t, std::uint16_t>("cumsum", "u16", NF_SCAN(cumsum));
  check_scan<int64_t, std::int32_t>("cumsum", "i32", NF_SCAN(cumsum));
  check_scan<uint64_t, std::uint32_t>("cumsum", "u32", NF_SCAN(cumsum));
  check_scan<int64_t, int64_t>("cumsum", "i64", NF_SCAN(cumsum));
  check_scan<uint64_t, uint64_t>("cumsum", "u64", NF_SCAN(cumsum));
  check_scan<float, float>("cumsum", "f32", NF_SCAN(cumsum));
  check_scan<double, double>("cumsum", "f64", NF_SCAN(cumsum));
  check_scan<float, float>("cumsum", "nanf32", NF_SCAN(cumsum));
  check_scan<double, double>("cumsum", "nanf64", NF_SCAN(cumsum));
}

TEST_CASE("cumulative: nancumsum (NaN counts as 0; integers as cumsum)") {
  check_scan<float, float>("nancumsum", "nanf32", NF_SCAN(nancumsum));
  check_scan<double, double>("nancumsum", "nanf64", NF_SCAN(nancumsum));
  check_scan<double, double>("nancumsum", "f64", NF_SCAN(nancumsum));
  check_scan<int64_t, std::int8_t>("nancumsum", "i8", NF_SCAN(nancumsum));
  check_scan<int64_t, bool>("nancumsum", "bool", NF_SCAN(nancumsum));
}

TEST_CASE("cumulative: strided and fused operands, dtype=, empty, bad axis") {
  const auto& g = data();
  const auto in = g.array<double>("in.f64");
  using np::slice, np::none;
  golden::check_array(np::eval(np::cumsum(in.view(slice(), slice(none, none, -2), slice(1, none, 3)), 1)),
                      g.array<double>("cumsum.strided.1"), "strided axis 1");
  golden::check_array(np::eval(np::cumsum(in.view(slice(none, none, 2), slice(), slice(none, none, -1)))),
                      g.array<double>("cumsum.strided.all"), "strided, flattened");
  golden::check_array(np::eval(np::cumsum(in * 2.0 - 1.0, 0)), g.array<double>("cumsum.fused.0"), "fused");
  golden::check_array(np::eval(np::cumsum<double>(g.array<std::int8_t>("in.i8"), 2)),
                      g.array<double>("cumsum.dtype.2"), "dtype=");
  golden::check_array(np::eval(np::cumsum(np::zeros<double>({0, 3}), 0)), g.array<double>("cumsum.empty"),
                      "empty");
  CHECK(golden::message_of<np::axis_error>([&] { (void)np::cumsum(in, 3); }) == g.text("cumsum.axis.bad"));
}

}  // namespace test_cumulative
