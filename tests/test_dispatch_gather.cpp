// The gather/scatter and nonzero kernels of advanced indexing
// (simd/gather-inl.h) under every SIMD target this CPU supports and that was
// compiled: 1-, 2-, 4- and 8-byte elements (float32/int32 and float64 take
// hn::GatherIndex), one offset per element (a[idx], a[:, idx]), a slab per
// row (a[idx] of a 2-d array), general strides, masks, scatters with
// repeated indices. Goldens: tests/data/advanced.txt (gen_advanced.py).
#include <doctest/doctest.h>

#include <cstdint>
#include <hwy/targets.h>
#include <numfuse/numfuse.hpp>
#include <string>

#include "advanced_common.hpp"
#include "dispatch_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_dispatch_gather {

namespace np = numfuse;
using I = np::ndarray<std::int64_t>;
using S = np::slice;

namespace {
using dispatch_test::reset_targets;
using dispatch_test::select_target;

template <class T>
void run(const std::string& dt, const std::string& target) {
  const auto& g = adv_test::g();
  const std::string p = "big." + dt;
  INFO("target " << target << ", dtype " << dt);
  const auto src = g.array<T>(p);
  const I idx = g.array<std::int64_t>("big.idx");
  const I rows = g.array<std::int64_t>("big.rows");
  const auto S2 = src.reshape({10, 10});
  adv_test::check(src[idx], p + ".flat");
  adv_test::check(S2[rows], p + ".rows");
  adv_test::check(S2.adv(S(), rows), p + ".cols");
  const I r5 = np::remainder(rows, 5);
  adv_test::check(S2.view(S(np::none, np::none, -1), S(np::none, np::none, 2))[r5].copy().adv(S(), I{4, 0, 2}),
                  p + ".strided");
  adv_test::check(src[np::remainder(np::arange<std::int64_t>(0, 100, 1), 3) != 1], p + ".mask");
  {
    np::ndarray<T> t = src;
    t[idx] = src.view(S(37));
    adv_test::check(t, p + ".scatter");
  }
  {
    np::ndarray<T> t = S2;
    t.adv(S(), rows) = np::tile(S2, {1, 2}).view(S(), S(17));
    adv_test::check(t, p + ".scatter_cols");
  }
  {
    np::ndarray<T> t = S2;
    t[rows.view(S(10))] = S2.view(S(np::none, np::none, -1));
    adv_test::check(t, p + ".scatter_rows");
  }
}
}  // namespace

TEST_CASE("gather/scatter kernels on every target") {
  const reset_targets reset;
  const auto targets = hwy::SupportedAndGeneratedTargets();
  REQUIRE(!targets.empty());
  for (const auto t : targets) {
    select_target(t);
    const std::string name = hwy::TargetName(t);
    CHECK(np::simd_target() == name);
    run<float>("float32", name);
    run<double>("float64", name);
    run<std::int16_t>("int16", name);
    run<std::uint8_t>("uint8", name);
    run<std::int32_t>("int32", name);
    run<bool>("bool", name);
  }
}

}  // namespace test_dispatch_gather
