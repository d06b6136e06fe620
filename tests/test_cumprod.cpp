// cumprod and nancumprod for every dtype and axis (integers wrap as
// NumPy's), against NumPy (tests/golden/gen_reduce2.py).
#include "cumulative_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_cumprod {

using namespace cumulative_test;
using std::int64_t, std::uint64_t;

TEST_CASE("cumulative: cumprod of every dtype, every axis") {
  check_scan<int64_t, bool>("cumprod", "bool", NF_SCAN(cumprod));
  check_scan<int64_t, std::int8_t>("cumprod", "pi8", NF_SCAN(cumprod));
  check_scan<uint64_t, std::uint8_t>("cumprod", "pu8", NF_SCAN(cumprod));
  check_scan<int64_t, std::int16_t>("cumprod", "pi16", NF_SCAN(cumprod));
  check_scan<uint64_t, std::uint16_t>("cumprod", "pu16", NF_SCAN(cumprod));
  check_scan<int64_t, std::int32_t>("cumprod", "pi32", NF_SCAN(cumprod));
  check_scan<uint64_t, std::uint32_t>("cumprod", "pu32", NF_SCAN(cumprod));
  check_scan<int64_t, int64_t>("cumprod", "pi64", NF_SCAN(cumprod));
  check_scan<uint64_t, uint64_t>("cumprod", "pu64", NF_SCAN(cumprod));
  check_scan<float, float>("cumprod", "pf32", NF_SCAN(cumprod));
  check_scan<double, double>("cumprod", "pf64", NF_SCAN(cumprod));
}

TEST_CASE("cumulative: nancumprod (NaN counts as 1)") {
  check_scan<float, float>("nancumprod", "pf32", NF_SCAN(nancumprod));
  check_scan<double, double>("nancumprod", "pf64", NF_SCAN(nancumprod));
  check_scan<int64_t, std::int32_t>("nancumprod", "pi32", NF_SCAN(nancumprod));
}

}  // namespace test_cumprod
