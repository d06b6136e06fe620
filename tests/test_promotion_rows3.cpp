// Values of a + b for the dtype-matrix rows uint64, float32, float64
// (see test_promotion.cpp).
#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <tuple>

#include "promotion_add.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_promotion_rows3 {

TEST_CASE("promotion: values of a + b, rows uint64, float32, float64") {
  promotion::check_rows(static_cast<std::tuple<std::uint64_t, float, double>*>(nullptr));
}

}  // namespace test_promotion_rows3
