// argmax, argmin (and nanargmax/nanargmin, which are the same on integers)
// for every integer dtype, every axis and keepdims, against NumPy
// (tests/golden/gen_reduce2.py). The dtypes' extremes are in the inputs.
#include "reduce2_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_argreduce_int {

using namespace reduce2_test;
using std::int64_t;

namespace {
const golden::data& data() {
  static const golden::data g("argreduce.txt");
  return g;
}

template <class T>
void check_int(const std::string& dt) {
  const auto& g = data();
  check_axes<int64_t, T>(g, "argmax", dt, [](const auto& a, std::optional<int> ax, bool k) {
    return np::argmax(a, ax, k);
  });
  check_axes<int64_t, T>(g, "argmin", dt, [](const auto& a, std::optional<int> ax, bool k) {
    return np::argmin(a, ax, k);
  });
  check_axes<int64_t, T>(g, "nanargmax", dt, [](const auto& a, std::optional<int> ax, bool k) {
    return np::nanargmax(a, ax, k);
  });
  check_axes<int64_t, T>(g, "nanargmin", dt, [](const auto& a, std::optional<int> ax, bool k) {
    return np::nanargmin(a, ax, k);
  });
}
}  // namespace

TEST_CASE("argreduce: 8- and 16-bit integers (compared as int32 lanes)") {
  check_int<std::int8_t>("i8");
  check_int<std::uint8_t>("u8");
  check_int<std::int16_t>("i16");
  check_int<std::uint16_t>("u16");
}

TEST_CASE("argreduce: 32- and 64-bit integers") {
  check_int<std::int32_t>("i32");
  check_int<std::uint32_t>("u32");
  check_int<std::int64_t>("i64");
  check_int<std::uint64_t>("u64");
}

}  // namespace test_argreduce_int
