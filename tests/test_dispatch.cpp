// Runtime dispatch: the same expressions under every SIMD target that this
// CPU supports and that was compiled (hwy::SupportedAndGeneratedTargets),
// selected with hwy::SetSupportedTargetsForTest. numfuse::simd_target()
// must follow the selection, every target must match NumPy's goldens, and
// the exactly rounded operations must give bit-identical results on every
// target. Goldens: tests/data/expr*.txt (tests/golden/generate.py).
#include <doctest/doctest.h>

#include <cstdint>
#include <hwy/targets.h>
#include <numfuse/numfuse.hpp>
#include <string>
#include <vector>

#include "dispatch_common.hpp"
#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_dispatch {

namespace np = numfuse;
using std::int16_t, std::int32_t, std::int64_t, std::int8_t, std::uint8_t;

namespace {

using dispatch_test::reset_targets;   // restores normal CPU detection
using dispatch_test::select_target;   // selects one target as Highway's tests do

/// Evaluates f on every golden case of `name` and returns all results, in
/// file order, concatenated (to compare targets with each other).
template <class R, class... Ts, class F>
std::vector<R> all_results(const golden::data& g, const std::string& name, F&& f) {
  std::vector<R> out;
  for (const auto& out_name : g.names(name + "|", "|out")) {
    const std::string key = out_name.substr(0, out_name.size() - 4);
    auto views = golden::make_views<Ts...>(g, key, std::index_sequence_for<Ts...>{});
    std::apply(
        [&](const auto&... v) {
          const np::ndarray<R> r = f(v...);
          const auto e = golden::elements(r);
          out.insert(out.end(), e.begin(), e.end());
        },
        views);
  }
  return out;
}

/// Runs the expressions under the current target: checks them against the
/// goldens and appends their results to `exact` (the exactly rounded ones).
struct results {
  std::vector<double> f64;
  std::vector<float> f32;
  std::vector<int64_t> i64;
  std::vector<int16_t> i16;
  std::vector<bool> b;
  std::vector<uint8_t> u8;
};

results run_all(const std::string& target) {
  static const golden::data g("expr.txt"), gi("expr_int.txt"), gm("expr_math.txt");
  INFO("target " << target);
  results r;
  auto fused = [](auto& x, auto& y) { return x * y + x / (y * y + 1.0); };
  auto maxf = [](auto& x, auto& y) { return np::maximum(x, y); };
  auto add = [](auto& x, auto& y) { return x + y; };
  auto mul = [](auto& x, auto& y) { return x * y; };
  auto lt = [](auto& x, auto& y) { return x < y; };
  auto where = [](auto& c, auto& x, auto& y) { return np::where(c, x, y); };
  auto bits = [](auto& x, auto& y) { return (x & y) | ~x; };
  auto cast = [](auto& x) { return np::astype<int32_t>(x); };
  auto addmul = [](auto& x, auto& y) { return x * y + x; };

  // against NumPy
  golden::run_cases<double, double, double>(g, "fused_f64", fused);
  golden::run_cases<double, double, double>(g, "max_f64", maxf);
  golden::run_cases<double, int32_t, float>(g, "i32_plus_f32", add);
  golden::run_cases<int16_t, uint8_t, int8_t>(g, "u8_plus_i8", add);
  golden::run_cases<bool, double, double>(g, "lt_f64", lt);
  golden::run_cases<double, bool, int32_t, float>(g, "where_mixed", where);
  golden::run_cases<int32_t, double>(g, "cast_i32_f64", cast);
  golden::run_cases<float, float, float>(g, "addmul_f32", addmul);
  golden::run_cases<int64_t, int64_t, int64_t>(gi, "mul_i64", mul);
  golden::run_cases<uint8_t, uint8_t, uint8_t>(gi, "bits_u8", bits);
  golden::run_cases<int64_t, int64_t, int64_t>(gi, "max_i64",
                                               [](auto& x, auto& y) { return np::maximum(x, y); });
  golden::run_cases<bool, std::uint64_t, std::uint64_t>(gi, "gt_u64", [](auto& x, auto& y) { return x > y; });
  // transcendental functions: within a few ULP of NumPy on every target
  // (not required to be identical across targets: FMA is used where the
  // target has it)
  golden::run_cases<float, float>(gm, "sin_f32_x", [](auto& x) { return np::sin(x); }, 4);
  golden::run_cases<double, double>(gm, "exp_f64_x", [](auto& x) { return np::exp(x); }, 4);
  golden::run_cases<double, double>(gm, "log_f64", [](auto& x) { return np::log(x); }, 4);
  // float64 power: the vector pow (double-double log) on FMA targets, the C
  // library's on the others; special bases and exponents included
  const auto pw = [](auto& x, auto& y) { return np::power(x, y); };
  golden::run_cases<double, double, double>(gm, "pow_f64", pw, 1);
  golden::run_cases<double, double, double>(gm, "pow_f64_xa", pw, 1);
  golden::run_cases<double, double, double>(gm, "pow_f64_ax", pw, 1);
  // float64 exp2 and float32 logaddexp (base e) take 2^(j/N) from a table of
  // N = the target's float64 lane count (8 on AVX-512, 4 on AVX2: another
  // series degree) and a table-free series elsewhere; float32
  // logaddexp/logaddexp2 skip their NaN/inf selections in all-finite vectors.
  // Each target's variant against NumPy (float32 logaddexp: NumPy's float64
  // result rounded, see tests/golden/gen_ufunc_transc.py).
  static const golden::data gt("ufunc_transc.txt");
  golden::run_cases<double, double>(gt, "exp2_f64", [](auto& x) { return np::exp2(x); }, 1);
  golden::run_cases<float, float, float>(
      gt, "logaddexp_f32", [](auto& x, auto& y) { return np::logaddexp(x, y); }, 1);
  golden::run_cases<float, float, float>(
      gt, "logaddexp2_f32", [](auto& x, auto& y) { return np::logaddexp2(x, y); }, 1);

  // results of the exactly rounded ones, to compare across targets
  for (auto v : all_results<double, double, double>(g, "fused_f64", fused)) r.f64.push_back(v);
  for (auto v : all_results<double, double, double>(g, "max_f64", maxf)) r.f64.push_back(v);
  for (auto v : all_results<double, int32_t, float>(g, "i32_plus_f32", add)) r.f64.push_back(v);
  for (auto v : all_results<double, bool, int32_t, float>(g, "where_mixed", where)) r.f64.push_back(v);
  r.i16 = all_results<int16_t, uint8_t, int8_t>(g, "u8_plus_i8", add);
  r.b = all_results<bool, double, double>(g, "lt_f64", lt);
  r.f32 = all_results<float, float, float>(g, "addmul_f32", addmul);
  r.i64 = all_results<int64_t, int64_t, int64_t>(gi, "mul_i64", mul);
  r.u8 = all_results<uint8_t, uint8_t, uint8_t>(gi, "bits_u8", bits);
  return r;
}

template <class T>
void check_same(const std::vector<T>& a, const std::vector<T>& b, const std::string& what) {
  INFO(what);
  REQUIRE(a.size() == b.size());
  const std::string m = golden::mismatches(a, b, 0);
  CHECK_MESSAGE(m.empty(), m);
}

bool cpu_has_avx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw");
}

}  // namespace

TEST_CASE("dispatch: the default target is the best one the CPU supports") {
  const std::string name = np::simd_target();
  MESSAGE("numfuse::simd_target() = " << name);
  const auto targets = hwy::SupportedAndGeneratedTargets();
  REQUIRE(!targets.empty());
  // Highway lists targets best first.
  CHECK(name == hwy::TargetName(targets.front()));
  if (cpu_has_avx512()) {
    CHECK((name == "AVX3" || name == "AVX3_DL"));
  }
}

TEST_CASE("dispatch: every supported and compiled target gives the same results") {
  const reset_targets reset;
  const auto targets = hwy::SupportedAndGeneratedTargets();
  REQUIRE(!targets.empty());
  std::string names;
  for (auto t : targets) names += std::string(hwy::TargetName(t)) + " ";
  MESSAGE("targets: " << names);
  if (cpu_has_avx512()) {
    CHECK(names.find("AVX3") != std::string::npos);
  }
  if (__builtin_cpu_supports("avx2")) CHECK(names.find("AVX2") != std::string::npos);

  std::vector<results> all;
  for (const auto t : targets) {
    select_target(t);
    const std::string name = hwy::TargetName(t);
    CHECK(np::simd_target() == name);  // numfuse follows the selection
    all.push_back(run_all(name));
  }
  for (std::size_t i = 1; i < all.size(); ++i) {
    const std::string what = std::string(hwy::TargetName(targets[i])) + " vs " +
                             hwy::TargetName(targets[0]);
    check_same(all[i].f64, all[0].f64, what + ": float64 results");
    check_same(all[i].f32, all[0].f32, what + ": float32 results");
    check_same(all[i].i64, all[0].i64, what + ": int64 results");
    check_same(all[i].i16, all[0].i16, what + ": int16 results");
    check_same(all[i].u8, all[0].u8, what + ": uint8 results");
    INFO(what << ": bool results");
    CHECK(all[i].b == all[0].b);
  }
}

TEST_CASE("dispatch: resetting the mock restores the default target") {
  const auto targets = hwy::SupportedAndGeneratedTargets();
  REQUIRE(!targets.empty());
  {
    const reset_targets reset;
    select_target(targets.back());
    CHECK(np::simd_target() == hwy::TargetName(targets.back()));
  }
  CHECK(np::simd_target() == hwy::TargetName(targets.front()));
  if (cpu_has_avx512()) {
    const std::string name = np::simd_target();
    CHECK((name == "AVX3" || name == "AVX3_DL"));
  }
}

}  // namespace test_dispatch
