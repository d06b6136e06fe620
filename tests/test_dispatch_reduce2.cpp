// Runtime dispatch of the argmax, nan-reduction and float-sum kernels: the same
// calls under every SIMD target this CPU supports and that was compiled
// (hwy::SupportedAndGeneratedTargets, selected with
// hwy::SetSupportedTargetsForTest), each checked against NumPy's goldens
// (tests/golden/gen_reduce2.py). Compiled for every target (test_dispatch*).
#include <doctest/doctest.h>

#include <cstdint>
#include <hwy/targets.h>
#include <numfuse/numfuse.hpp>
#include <string>

#include "dispatch_common.hpp"
#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_dispatch_reduce2 {

namespace np = numfuse;
using std::int64_t;

namespace {

void check_current_target() {
  static const golden::data arg("argreduce.txt");
  static const golden::data nan("nanreduce.txt");
  const auto f64 = arg.array<double>("in.nanf64");
  const auto i8 = arg.array<std::int8_t>("in.i8");
  const auto u64 = arg.array<std::uint64_t>("in.u64");
  const auto f32 = arg.array<float>("in.nanf32");
  golden::check_array(np::eval(np::argmax(f64, 2)), arg.array<int64_t>("argmax.nanf64.2"), "argmax f64 2");
  golden::check_array(np::eval(np::nanargmin(f64, 0)), arg.array<int64_t>("nanargmin.nanf64.0"),
                      "nanargmin f64 0");
  golden::check_array(np::eval(np::argmin(i8)), arg.array<int64_t>("argmin.i8.all"), "argmin i8");
  golden::check_array(np::eval(np::argmax(u64, 1)), arg.array<int64_t>("argmax.u64.1"), "argmax u64 1");
  golden::check_array(np::eval(np::argmax(f32, -1)), arg.array<int64_t>("argmax.nanf32.-1"), "argmax f32");
  const auto n32 = nan.array<float>("in.nanf32");
  golden::check_array(np::eval(np::nanmax(n32, 2)), nan.array<float>("nanmax.nanf32.2"), "nanmax f32 2");
  golden::check_array(np::eval(np::nanmin(n32, 0)), nan.array<float>("nanmin.nanf32.0"), "nanmin f32 0");
  // any/all reduce bool lanes converted from wider operands
  static const golden::data red("reduce.txt");
  const auto rf64 = red.array<double>("in.f64");
  const auto ri32 = red.array<std::int32_t>("in.i32");
  golden::check_array(np::eval(np::any(rf64, 1)), red.array<bool>("any.f64.1"), "any f64 1");
  golden::check_array(np::eval(np::any(rf64)), red.array<bool>("any.f64.all"), "any f64");
  golden::check_array(np::eval(np::all(ri32, {0, 2})), red.array<bool>("all.i32.0_2"), "all i32 (0,2)");
  // NumPy's pairwise float sums, bit for bit, with every target's lane
  // count: 20003 elements are two whole 8192-element chunks (chunk_sum)
  // and a partial one (pairwise_sum).
  CHECK(double(np::sum(red.array<double>("in.big"))) == red.array<double>("sum.big")());
  CHECK(float(np::sum(red.array<float>("in.bigf"))) == red.array<float>("sum.bigf")());
  const auto big = red.array<double>("in.big");
  golden::check_array(np::eval(np::sqrt(np::sum(big * big))), red.array<double>("sumsq.big"), "norm", 1);
}

}  // namespace

TEST_CASE("dispatch: argmax, nanmax and float sum kernels on every target") {
  dispatch_test::on_every_target(check_current_target);
}

}  // namespace test_dispatch_reduce2
