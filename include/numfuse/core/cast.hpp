// numfuse/core/cast.hpp -- element conversion with NumPy's results on x86 and
// no undefined behaviour: float -> int conversions of NaN, inf and
// out-of-range values give what NumPy's (scalar) casting loops give.
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>

#include "numfuse/core/dtype.hpp"

namespace numfuse::detail {

// x86 cvttsd2si semantics: truncate, or the "integer indefinite" value
// (the minimum) when the value is NaN or does not fit.
inline std::int32_t cvtt_i32(double v) noexcept {
  if (v > -2147483649.0 && v < 2147483648.0) return static_cast<std::int32_t>(v);
  return std::numeric_limits<std::int32_t>::min();
}
inline std::int64_t cvtt_i64(double v) noexcept {
  if (v >= -9223372036854775808.0 && v < 9223372036854775808.0) return static_cast<std::int64_t>(v);
  return std::numeric_limits<std::int64_t>::min();
}

/// Converts one element as NumPy's astype does (on x86).
template <class To, class From>
constexpr To numpy_cast(From v) noexcept {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<To, bool>) {
    return v != From(0);  // NaN -> true, as in NumPy
  } else if constexpr (std::is_same_v<From, bool>) {
    return static_cast<To>(v ? 1 : 0);
  } else if constexpr (std::is_floating_point_v<To> || std::is_integral_v<From>) {
    // float<->float (IEEE rounding/overflow to inf) and int->any (modular for
    // integers since C++20, rounding for floats): all well defined.
    return static_cast<To>(v);
  } else {
    // floating point -> integer
    const double d = static_cast<double>(v);
    if constexpr (std::is_same_v<To, std::int64_t>) {
      return cvtt_i64(d);
    } else if constexpr (std::is_same_v<To, std::uint64_t>) {
      if (d >= 9223372036854775808.0) {
        return static_cast<std::uint64_t>(cvtt_i64(d - 9223372036854775808.0)) ^
               (std::uint64_t{1} << 63);
      }
      return static_cast<std::uint64_t>(cvtt_i64(d));
    } else if constexpr (std::is_same_v<To, std::uint32_t>) {
      return static_cast<std::uint32_t>(static_cast<std::uint64_t>(cvtt_i64(d)));
    } else {
      // int8, int16, int32, uint8, uint16: via a 32-bit conversion, then
      // modular truncation.
      return static_cast<To>(static_cast<std::uint32_t>(cvtt_i32(d)));
    }
  }
}

}  // namespace numfuse::detail
