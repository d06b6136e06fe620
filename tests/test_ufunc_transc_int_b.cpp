// Transcendental and float-decomposition ufuncs on int16, uint16 (computed
// in float32, as NumPy) and int32 (float64) inputs, against NumPy. See
// tests/ufunc_transc_common.hpp.
#include "ufunc_transc_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_ufunc_transc_int_b {

using namespace transc_test;
using std::int16_t, std::int32_t, std::uint16_t;

TEST_CASE("ufunc_transc: unary functions, int16") { unary_all<int16_t>("i16"); }
TEST_CASE("ufunc_transc: unary functions, uint16") { unary_all<uint16_t>("u16"); }
TEST_CASE("ufunc_transc: unary functions, int32") { unary_all<int32_t>("i32"); }

TEST_CASE("ufunc_transc: sinc of int16, uint16, int32 is float64") {
  sinc_int<int16_t>("i16");
  sinc_int<uint16_t>("u16");
  sinc_int<int32_t>("i32");
}

}  // namespace test_ufunc_transc_int_b
