// numfuse/simd/ufunc_scalar.hpp -- NumPy's scalar loops of the ufuncs that
// Highway 1.0.3 cannot vectorise (integer division, power, gcd, the float
// divmod family, ...), one element at a time, without undefined behaviour:
// wrapping arithmetic is done on the unsigned type, division is guarded.
// Used by the `lanewise` fallbacks of simd/ops_int-inl.h and ops_float-inl.h.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "numfuse/core/cast.hpp"
#include "numfuse/core/errors.hpp"

namespace numfuse::detail {

template <class T>
using uint_of_t = std::make_unsigned_t<T>;

/// a * b modulo 2^bits (no signed overflow).
template <class T>
constexpr T wrap_mul(T a, T b) noexcept {
  using U = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, uint_of_t<T>>;
  return static_cast<T>(static_cast<U>(static_cast<U>(a) * static_cast<U>(b)));
}

// ---- integer floor_divide / remainder / fmod (NumPy: x // 0 == x % 0 == 0,
// MIN // -1 == MIN, MIN % -1 == 0)
template <class T>
constexpr T int_floor_divide(T a, T b) noexcept {
  if (b == 0) return T(0);
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return static_cast<T>(uint_of_t<T>(0) - static_cast<uint_of_t<T>>(a));
    T q = static_cast<T>(a / b);
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
  } else {
    return static_cast<T>(a / b);
  }
}
template <class T>
constexpr T int_remainder(T a, T b) noexcept {
  if (b == 0) return T(0);
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return T(0);
    T r = static_cast<T>(a % b);
    if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
    return r;
  } else {
    return static_cast<T>(a % b);
  }
}
template <class T>
constexpr T int_fmod(T a, T b) noexcept {
  if (b == 0) return T(0);
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return T(0);
  }
  return static_cast<T>(a % b);
}

// ---- float divmod: NumPy's npy_divmod / npy_floor_divide / npy_remainder
template <class T>
T float_divmod(T a, T b, T* modulus) noexcept {
  T mod = std::fmod(a, b);
  if (!b) {
    *modulus = mod;
    return a / b;
  }
  T div = (a - mod) / b;
  if (mod) {
    if (std::isless(b, T(0)) != std::isless(mod, T(0))) {
      mod += b;
      div -= T(1);
    }
  } else {
    mod = std::copysign(T(0), b);
  }
  T floordiv;
  if (div) {
    floordiv = std::floor(div);
    if (std::isgreater(div - floordiv, T(0.5))) floordiv += T(1);
  } else {
    floordiv = std::copysign(T(0), a / b);
  }
  *modulus = mod;
  return floordiv;
}
template <class T>
T float_floor_divide(T a, T b) noexcept {
  if (!b) return a / b;
  T mod;
  return float_divmod(a, b, &mod);
}
template <class T>
T float_remainder(T a, T b) noexcept {
  if (!b) return std::fmod(a, b);
  T mod;
  float_divmod(a, b, &mod);
  return mod;
}

template <class T>
T floor_divide_scalar(T a, T b) noexcept {
  if constexpr (std::is_floating_point_v<T>) return float_floor_divide(a, b);
  else return int_floor_divide(a, b);
}
template <class T>
T remainder_scalar(T a, T b) noexcept {
  if constexpr (std::is_floating_point_v<T>) return float_remainder(a, b);
  else return int_remainder(a, b);
}
template <class T>
T fmod_scalar(T a, T b) noexcept {
  if constexpr (std::is_floating_point_v<T>) return std::fmod(a, b);
  else return int_fmod(a, b);
}

// ---- power: integers by squaring (wrapping); a negative exponent raises
// NumPy's ValueError. Floats: the C library's pow, as NumPy's scalar loop.
[[noreturn]] inline void throw_negative_power() {
  throw value_error("Integers to negative integer powers are not allowed.");
}
template <class T>
T power_scalar(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::pow(a, b);
  } else {
    if constexpr (std::is_signed_v<T>) {
      if (b < 0) throw_negative_power();
    }
    if (b == 0 || a == 1) return T(1);
    T out = (b & 1) ? a : T(1);
    b = static_cast<T>(b >> 1);
    while (b > 0) {
      a = wrap_mul(a, a);
      if (b & 1) out = wrap_mul(out, a);
      b = static_cast<T>(b >> 1);
    }
    return out;
  }
}

// ---- shifts: NumPy gives 0 for counts >= the bit width (or negative), and
// -1 for a negative value shifted right that far.
template <class T>
constexpr T left_shift_scalar(T a, T b) noexcept {
  constexpr unsigned bits = 8 * sizeof(T);
  using U = uint_of_t<T>;
  // A negative count is huge as unsigned: also 0.
  if (static_cast<std::uint64_t>(static_cast<U>(b)) >= bits) return T(0);
  return static_cast<T>(static_cast<U>(static_cast<U>(a) << static_cast<unsigned>(b)));
}
template <class T>
constexpr T right_shift_scalar(T a, T b) noexcept {
  constexpr unsigned bits = 8 * sizeof(T);
  if (static_cast<std::uint64_t>(static_cast<uint_of_t<T>>(b)) >= bits) {
    if constexpr (std::is_signed_v<T>) return a < 0 ? T(-1) : T(0);
    else return T(0);
  }
  return static_cast<T>(a >> static_cast<unsigned>(b));  // arithmetic for signed (C++20)
}

// ---- gcd, lcm: computed on magnitudes in the unsigned type (so gcd(MIN, 0)
// is MIN, as NumPy's), lcm wraps.
template <class T>
constexpr uint_of_t<T> magnitude(T a) noexcept {
  using U = uint_of_t<T>;
  if constexpr (std::is_signed_v<T>) return a < 0 ? U(U(0) - static_cast<U>(a)) : static_cast<U>(a);
  else return a;
}
template <class U>
constexpr U gcd_u(U a, U b) noexcept {
  while (b != 0) {
    const U t = static_cast<U>(a % b);
    a = b;
    b = t;
  }
  return a;
}
template <class T>
constexpr T gcd_scalar(T a, T b) noexcept {
  return static_cast<T>(gcd_u(magnitude(a), magnitude(b)));
}
template <class T>
constexpr T lcm_scalar(T a, T b) noexcept {
  using U = uint_of_t<T>;
  const U ua = magnitude(a), ub = magnitude(b);
  const U g = gcd_u(ua, ub);
  if (g == 0) return T(0);
  return static_cast<T>(wrap_mul(static_cast<U>(ua / g), ub));
}

// ---- reciprocal of an integer: NumPy computes 1.0 / x in double and
// converts (1/0 = inf converts like NumPy's cast of inf).
template <class T>
T int_reciprocal(T a) noexcept {
  return numpy_cast<T>(1.0 / static_cast<double>(a));
}

// ---- spacing: distance to the next float away from zero; NaN for inf/NaN.
template <class T>
T spacing_scalar(T x) noexcept {
  if (std::isnan(x) || std::isinf(x)) return std::numeric_limits<T>::quiet_NaN();
  if (x == T(0)) return std::numeric_limits<T>::denorm_min();  // also for -0. (NumPy)
  return std::nextafter(x, std::copysign(std::numeric_limits<T>::infinity(), x)) - x;
}

}  // namespace numfuse::detail
