// nanmean nanvar nanstd against NumPy (tests/golden/gen_reduce2.py):
// floats with and without NaNs, every axis and keepdims; integer and bool
// operands behave like mean/var; all-NaN slices, ddof, empty reductions.
// nansum nanprod nanmax nanmin: test_nanreduce.cpp.
#include "reduce2_common.hpp"

#include <cmath>

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_nanreduce_stats {

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

TEST_CASE("nanreduce: nanmean, nanvar, nanstd") {
  const auto& g = data();
  for (const char* dt : {"f64", "nanf64"}) {
    check_axes<double, double>(g, "nanmean", dt, NF_RED(nanmean), 2);
    check_axes<double, double>(g, "nanvar", dt, NF_RED(nanvar), 4);
    check_axes<double, double>(g, "nanstd", dt, NF_RED(nanstd), 4);
  }
  for (const char* dt : {"f32", "nanf32"}) {
    check_axes<float, float>(g, "nanmean", dt, NF_RED(nanmean), 2);
    check_axes<float, float>(g, "nanvar", dt, NF_RED(nanvar), 4);
    check_axes<float, float>(g, "nanstd", dt, NF_RED(nanstd), 4);
  }
  check_axes<double, std::int8_t>(g, "nanmean", "i8", NF_RED(nanmean), 2);
  check_axes<double, bool>(g, "nanmean", "bool", NF_RED(nanmean), 2);
  check_axes<double, std::int32_t>(g, "nanvar", "i32", NF_RED(nanvar), 4);
  const auto n64 = g.array<double>("in.nanf64");
  golden::check_array(np::eval(np::nanvar(n64, 2, false, 1)), g.array<double>("nanvar.nanf64.2.ddof1"),
                      "ddof=1", 4);
  golden::check_array(np::eval(np::nanstd(n64, 2, false, 63)), g.array<double>("nanstd.nanf64.2.ddof63"),
                      "ddof: count - ddof <= 0 gives NaN", 4);
  golden::check_array(np::eval(np::nanmean(n64 * 2.0 - 1.0, 0)), g.array<double>("nanmean.fused"),
                      "fused operand", 2);
}

TEST_CASE("nanreduce: all-NaN slices and empty reductions") {
  const auto& g = data();
  const auto a = g.array<double>("in.allnan");
  golden::check_array(np::eval(np::nansum(a, 2)), g.array<double>("nansum.allnan.2"), "nansum", 2);
  golden::check_array(np::eval(np::nanmax(a, 2)), g.array<double>("nanmax.allnan.2"), "nanmax");
  golden::check_array(np::eval(np::nanmin(a, 2)), g.array<double>("nanmin.allnan.2"), "nanmin");
  golden::check_array(np::eval(np::nanmean(a, 2)), g.array<double>("nanmean.allnan.2"), "nanmean", 2);
  golden::check_array(np::eval(np::nanvar(a, 2)), g.array<double>("nanvar.allnan.2"), "nanvar", 4);
  golden::check_array(np::eval(np::nanstd(a, 2)), g.array<double>("nanstd.allnan.2"), "nanstd", 4);
  golden::check_array(np::eval(np::nanmean(np::zeros<double>({0}))), g.array<double>("nanmean.empty"),
                      "nanmean of empty");
  CHECK(golden::message_of<np::value_error>([&] { (void)np::nanmax(np::zeros<double>({0, 3}), 0); }) ==
        g.text("nanmax.empty"));
  CHECK(golden::message_of<np::value_error>([&] { (void)np::nanmin(np::zeros<double>({0})); }) ==
        g.text("nanmin.empty"));
}

}  // namespace test_nanreduce_stats

#undef NF_RED
