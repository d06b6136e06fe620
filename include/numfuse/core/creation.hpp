// numfuse/core/creation.hpp -- array creation routines with NumPy's names:
// empty, zeros, ones, full, arange, linspace, the *_like family and array().
// Every fill goes through the evaluation engine.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "numfuse/core/cast.hpp"
#include "numfuse/core/ndarray.hpp"
#include "numfuse/expr/functions.hpp"

namespace numfuse {

namespace detail {
/// NumPy's default dtype for a Python-like scalar: bool, int64 or float64.
template <class S>
using default_dtype_t =
    std::conditional_t<std::is_same_v<S, bool>, bool,
                       std::conditional_t<std::is_integral_v<S>, std::int64_t, double>>;
template <class T, class... S>
using deduce_t = std::conditional_t<!std::is_void_v<T>, T,
                                    default_dtype_t<std::common_type_t<S...>>>;
}  // namespace detail

/// np.empty: an uninitialised array.
template <dtype T = double>
ndarray<T> empty(const dims& shape) {
  return ndarray<T>::uninitialized(shape);
}
/// np.full: every element set to value (dtype from T, or NumPy's default for
/// the value's kind: bool, int64, float64).
template <class T = void, scalar_type S>
auto full(const dims& shape, S value) {
  using R = detail::deduce_t<T, S>;
  auto a = empty<R>(shape);
  a.fill(value);
  return a;
}
/// np.zeros.
template <dtype T = double>
ndarray<T> zeros(const dims& shape) {
  return full<T>(shape, 0);
}
/// np.ones.
template <dtype T = double>
ndarray<T> ones(const dims& shape) {
  return full<T>(shape, 1);
}

/// np.empty_like / zeros_like / ones_like / full_like: the shape of a, the
/// dtype of a unless T is given.
template <class T = void, array_operand A>
auto empty_like(const A& a) {
  using R = std::conditional_t<std::is_void_v<T>, expr::value_t<const A&>, T>;
  return empty<R>(a.shape());
}
template <class T = void, array_operand A>
auto zeros_like(const A& a) {
  using R = std::conditional_t<std::is_void_v<T>, expr::value_t<const A&>, T>;
  return zeros<R>(a.shape());
}
template <class T = void, array_operand A>
auto ones_like(const A& a) {
  using R = std::conditional_t<std::is_void_v<T>, expr::value_t<const A&>, T>;
  return ones<R>(a.shape());
}
template <class T = void, array_operand A, scalar_type S>
auto full_like(const A& a, S value) {
  using R = std::conditional_t<std::is_void_v<T>, expr::value_t<const A&>, T>;
  return full<R>(a.shape(), value);
}

/// np.array(value): a 0-d array.
template <class T = void, scalar_type S>
auto array(S value) {
  return full<T>(dims{}, value);
}

/// np.arange(start, stop, step): values start + i*delta for i < ceil((stop -
/// start) / step), computed as NumPy does (delta = T(start + step) - T(start)).
template <class T = void, scalar_type A, scalar_type B, scalar_type S = int>
auto arange(A start, B stop, S step = 1) {
  using R = detail::deduce_t<T, A, B, S>;
  const double dstep = static_cast<double>(step);
  if (dstep == 0) throw value_error("arange: step must not be zero (division by zero)");
  const double len = std::ceil((static_cast<double>(stop) - static_cast<double>(start)) / dstep);
  if (!(len < 9.2e18)) throw value_error("Maximum allowed size exceeded");
  const std::ptrdiff_t n = len > 0 ? static_cast<std::ptrdiff_t>(len) : 0;
  R first, second;
  if constexpr (std::is_integral_v<A> && std::is_integral_v<S>) {
    first = detail::numpy_cast<R>(static_cast<std::int64_t>(start));
    second = detail::numpy_cast<R>(static_cast<std::int64_t>(start) + static_cast<std::int64_t>(step));
  } else {
    first = detail::numpy_cast<R>(static_cast<double>(start));
    second = detail::numpy_cast<R>(static_cast<double>(start) + dstep);
  }
  R delta;
  if constexpr (std::is_same_v<R, bool>) {
    delta = second;
  } else if constexpr (std::is_integral_v<R>) {
    using U = std::make_unsigned_t<R>;
    delta = static_cast<R>(static_cast<U>(second) - static_cast<U>(first));
  } else {
    delta = second - first;
  }
  if constexpr (std::is_same_v<R, bool>) {
    if (n > 2) throw type_error("arange() is only supported for booleans when the result has at most length 2.");
    return ndarray<bool>(astype<bool>(expr::iota_leaf<std::int64_t>(first, delta, n)));
  } else {
    // NumPy stores start and T(start + step), then fills the rest with
    // start + i*delta, delta = buffer[1] - buffer[0].
    ndarray<R> r(expr::iota_leaf<R>(first, delta, n));
    if (n > 1) r(1) = second;
    return r;
  }
}
/// np.arange(stop).
template <class T = void, scalar_type B>
auto arange(B stop) {
  return arange<T>(0, stop, 1);
}

/// np.linspace(start, stop, num, endpoint): computed in float64 as NumPy
/// does (i * step + start, the last value set to stop), then converted.
template <dtype T = double, scalar_type A, scalar_type B>
ndarray<T> linspace(A start, B stop, std::ptrdiff_t num = 50, bool endpoint = true) {
  if (num < 0) {
    throw value_error("Number of samples, " + std::to_string(num) + ", must be non-negative.");
  }
  const double s = static_cast<double>(start), e = static_cast<double>(stop);
  const double div = endpoint ? double(num - 1) : double(num);
  const double delta = e - s;
  const expr::iota_leaf<double> i(0.0, 1.0, num);
  // NumPy (>= 1.20) floors the float64 values before converting to an
  // integer dtype.
  const auto to_T = [](auto&& y) {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      return ndarray<T>(astype<T>(floor(std::move(y))));
    } else {
      return ndarray<T>(astype<T>(std::move(y)));
    }
  };
  ndarray<T> r;
  const double step = div > 0 ? delta / div : std::nan("");
  if (div > 0 && step != 0) {
    r = to_T(i * step + s);
  } else if (div > 0) {
    r = to_T(i / div * delta + s);
  } else {
    r = to_T(i * delta + s);
  }
  if (endpoint && num > 1) {
    constexpr bool floors = std::is_integral_v<T> && !std::is_same_v<T, bool>;
    r(num - 1) = detail::numpy_cast<T>(floors ? std::floor(e) : e);
  }
  return r;
}

}  // namespace numfuse
