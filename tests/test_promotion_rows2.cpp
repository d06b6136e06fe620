// Values of a + b for the dtype-matrix rows int64, uint8, uint16, uint32
// (see test_promotion.cpp).
#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <tuple>

#include "promotion_add.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_promotion_rows2 {

TEST_CASE("promotion: values of a + b, rows int64, uint8, uint16, uint32") {
  promotion::check_rows(
      static_cast<std::tuple<std::int64_t, std::uint8_t, std::uint16_t, std::uint32_t>*>(nullptr));
}

}  // namespace test_promotion_rows2
