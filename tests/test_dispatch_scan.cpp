// Runtime dispatch of the scan (cumsum/cumprod) and var-rows (var/std) kernels: the same
// calls under every SIMD target this CPU supports and that was compiled
// (hwy::SupportedAndGeneratedTargets, selected with
// hwy::SetSupportedTargetsForTest), each checked against NumPy's goldens
// (tests/golden/gen_reduce2.py, gen_reduce.py). Compiled for every target (test_dispatch*).
#include <doctest/doctest.h>

#include <cstdint>
#include <hwy/targets.h>
#include <numfuse/numfuse.hpp>
#include <string>

#include "dispatch_common.hpp"
#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_dispatch_scan {

namespace np = numfuse;
using std::int64_t;

namespace {

void check_current_target() {
  static const golden::data cum("cumulative.txt");
  const auto c32 = cum.array<float>("in.f32");
  golden::check_array(np::eval(np::cumsum(c32, 0)), cum.array<float>("cumsum.f32.0"), "cumsum f32 0");
  golden::check_array(np::eval(np::cumsum(c32, 2)), cum.array<float>("cumsum.f32.2"), "cumsum f32 2");
  const auto p64 = cum.array<std::int64_t>("in.pi64");
  golden::check_array(np::eval(np::cumprod(p64, 1)), cum.array<int64_t>("cumprod.pi64.1"), "cumprod i64");
  // var/std with both passes per row (simd/var-inl.h), goldens of gen_reduce.py
  static const golden::data red("reduce.txt");
  const auto rf64 = red.array<double>("in.f64");
  const auto rf32 = red.array<float>("in.f32");
  golden::check_array(np::eval(np::std(rf64, 2)), red.array<double>("std.f64.2"), "std f64 2", 4);
  golden::check_array(np::eval(np::std(rf32, {1, 2}, true)), red.array<float>("std.f32.1_2.k"), "std f32", 4);
}

}  // namespace

TEST_CASE("dispatch: cumsum, cumprod and std kernels on every target") {
  dispatch_test::on_every_target(check_current_target);
}

}  // namespace test_dispatch_scan
