// tests/promotion_add.hpp -- a + b for rows of the 11 x 11 dtype matrix,
// against NumPy's results in tests/data/promotion.txt. The rows are split
// over test_promotion*.cpp so that no single file instantiates all 121
// kernels (each is compiled once per SIMD target).
#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>

#include "golden_reader.hpp"

namespace promotion {

namespace np = numfuse;

using all_dtypes = std::tuple<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t,
                              std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t, float,
                              double>;

inline const golden::data& data() {
  static const golden::data g("promotion.txt");
  return g;
}

/// a + b for arrays of dtypes A and B: the result dtype is NumPy's
/// promote_types(A, B) and every value equals NumPy's.
template <class A, class B>
void check_add() {
  const auto& g = data();
  const std::string an(np::dtype_name<A>()), bn(np::dtype_name<B>());
  const std::string pair = an + " + " + bn;
  const auto a = g.array<A>("in." + an);
  const auto b = g.array<B>("in." + bn);
  auto e = a + b;
  using R = typename decltype(e)::value_type;
  static_assert(std::is_same_v<R, np::promote_t<A, B>>);
  INFO(pair);
  CHECK(np::dtype_name<R>() == g.text("promote." + an + "." + bn));
  const std::string name = "add." + an + "." + bn;
  REQUIRE(np::dtype_name<R>() == g.dtype(name));
  const np::ndarray<R> got = e;
  golden::check_array(got, g.array<R>(name), pair);
}

template <class A, class... Bs>
void check_row(std::tuple<Bs...>*) {
  (check_add<A, Bs>(), ...);
}

/// Checks a + b for every A in Rows and every B of the 11 dtypes.
template <class... Rows>
void check_rows(std::tuple<Rows...>*) {
  (check_row<Rows>(static_cast<all_dtypes*>(nullptr)), ...);
}

}  // namespace promotion
