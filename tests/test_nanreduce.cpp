// nansum nanprod nanmax nanmin against NumPy (tests/golden/gen_reduce2.py):
// floats with and without NaNs, every axis and keepdims; integer and bool
// operands behave like the plain reductions. nanmean/nanvar/nanstd and the
// all-NaN and empty cases: test_nanreduce_stats.cpp.
#include "reduce2_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_nanreduce {

using namespace reduce2_test;
using std::int64_t, std::uint64_t;

namespace {
const golden::data& data() {
  static const golden::data g("nanreduce.txt");
  return g;
}
}  // namespace

#define NF_RED(FN) \
  [](const auto& a, std::optional<int> ax, bool k) { return np::FN(a, ax ? np::axis_arg(*ax) : np::axis_arg(), k); }

TEST_CASE("nanreduce: nansum, nanprod (NaN counts as 0 / 1)") {
  const auto& g = data();
  for (const char* dt : {"f64", "nanf64"}) check_axes<double, double>(g, "nansum", dt, NF_RED(nansum), 2);
  for (const char* dt : {"f32", "nanf32"}) check_axes<float, float>(g, "nansum", dt, NF_RED(nansum), 2);
  check_axes<int64_t, bool>(g, "nansum", "bool", NF_RED(nansum));
  check_axes<int64_t, std::int8_t>(g, "nansum", "i8", NF_RED(nansum));
  check_axes<uint64_t, uint64_t>(g, "nansum", "u64", NF_RED(nansum));
  // 70 factors multiplied in 8 lanes, NumPy's sequentially: last bits differ
  check_axes<double, double>(g, "nanprod", "pf64", NF_RED(nanprod), 64);
  check_axes<float, float>(g, "nanprod", "pf32", NF_RED(nanprod), 64);
  check_axes<int64_t, std::int32_t>(g, "nanprod", "i32", NF_RED(nanprod));
  const auto n32 = g.array<float>("in.nanf32");
  golden::check_array(np::eval(np::nansum<double>(n32, 1)), g.array<double>("nansum.dtype"), "dtype=", 2);
}

TEST_CASE("nanreduce: nanmax, nanmin ignore NaN") {
  const auto& g = data();
  for (const char* dt : {"f64", "nanf64"}) {
    check_axes<double, double>(g, "nanmax", dt, NF_RED(nanmax));
    check_axes<double, double>(g, "nanmin", dt, NF_RED(nanmin));
  }
  for (const char* dt : {"f32", "nanf32"}) {
    check_axes<float, float>(g, "nanmax", dt, NF_RED(nanmax));
    check_axes<float, float>(g, "nanmin", dt, NF_RED(nanmin));
  }
  check_axes<bool, bool>(g, "nanmax", "bool", NF_RED(nanmax));
  check_axes<std::int8_t, std::int8_t>(g, "nanmax", "i8", NF_RED(nanmax));
  check_axes<uint64_t, uint64_t>(g, "nanmax", "u64", NF_RED(nanmax));
  check_axes<std::int32_t, std::int32_t>(g, "nanmin", "i32", NF_RED(nanmin));
}

}  // namespace test_nanreduce

#undef NF_RED
