// Transcendental and float-decomposition ufuncs on uint32, int64 and uint64
// inputs (float64), against NumPy. See tests/ufunc_transc_common.hpp.
#include "ufunc_transc_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_ufunc_transc_int_c {

using namespace transc_test;
using std::int64_t, std::uint32_t, std::uint64_t;

TEST_CASE("ufunc_transc: unary functions, uint32") { unary_all<uint32_t>("u32"); }
TEST_CASE("ufunc_transc: unary functions, int64") { unary_all<int64_t>("i64"); }
TEST_CASE("ufunc_transc: unary functions, uint64") { unary_all<uint64_t>("u64"); }

TEST_CASE("ufunc_transc: sinc of uint32, int64, uint64 is float64") {
  sinc_int<uint32_t>("u32");
  sinc_int<int64_t>("i64");
  sinc_int<uint64_t>("u64");
}

}  // namespace test_ufunc_transc_int_c
