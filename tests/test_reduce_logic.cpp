// Reductions: max, min, ptp, any, all, count_nonzero for every dtype, axis
// choice and keepdims, against NumPy; NaN propagation.
#include "reduce_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_reduce_logic {

using namespace reduce_test;
using std::int32_t, std::int64_t, std::uint8_t;

#define NF_REDUCE(FN) [](const auto& a, const np::axis_arg& ax, bool k) { return np::FN(a, ax, k); }

TEST_CASE("reduce: max and min keep the dtype") {
  check_all_axes<double, double>("max", "f64", NF_REDUCE(max));
  check_all_axes<float, float>("min", "f32", NF_REDUCE(min));
  check_all_axes<int32_t, int32_t>("max", "i32", NF_REDUCE(amax));
  check_all_axes<uint8_t, uint8_t>("min", "u8", NF_REDUCE(amin));
  check_all_axes<bool, bool>("max", "bool", NF_REDUCE(max));
  check_all_axes<int32_t, int32_t>("ptp", "i32", NF_REDUCE(ptp));
  check_all_axes<uint8_t, uint8_t>("ptp", "u8", NF_REDUCE(ptp));  // wraps as NumPy's
}

TEST_CASE("reduce: any, all, count_nonzero") {
  check_all_axes<bool, double>("any", "f64", NF_REDUCE(any));
  check_all_axes<bool, double>("all", "f64", NF_REDUCE(all));
  check_all_axes<bool, int32_t>("all", "i32", NF_REDUCE(all));
  check_all_axes<bool, bool>("any", "bool", NF_REDUCE(any));
  check_all_axes<int64_t, double>("count_nonzero", "f64", NF_REDUCE(count_nonzero));
  check_all_axes<int64_t, uint8_t>("count_nonzero", "u8", NF_REDUCE(count_nonzero));
}

TEST_CASE("reduce: NaN propagates through max, min and sum") {
  const auto& g = data();
  const auto nan = g.array<double>("in.nan");
  golden::check_array(np::eval(np::max(nan, 2)), g.array<double>("max.nan.2"), "max");
  golden::check_array(np::eval(np::min(nan)), g.array<double>("min.nan.all"), "min");
  golden::check_array(np::eval(np::sum(nan, 0)), g.array<double>("sum.nan.0"), "sum", 2);
}

}  // namespace test_reduce_logic

#undef NF_REDUCE
