// numfuse/expr/ufuncs.hpp -- NumPy's integer-semantics, rounding and float
// ufuncs (issue 3) as lazy numfuse functions with NumPy's names. Typing:
// expr/node.hpp (kinds int_arith, int_only, float_binary, int_unary,
// rounding); vector code: simd/ops_int-inl.h, simd/ops_float-inl.h.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "numfuse/core/errors.hpp"
#include "numfuse/expr/functions.hpp"
#include "numfuse/expr/make.hpp"
#include "numfuse/expr/operators.hpp"

namespace numfuse {

namespace expr {
/// An operand usable twice in one expression: lvalues are referred to,
/// rvalues are copied (an rvalue ndarray is copied deeply).
template <class X>
decltype(auto) reuse(X&& x) {
  if constexpr (std::is_lvalue_reference_v<X> || !array_operand<X>) {
    return std::forward<X>(x);
  } else {
    return std::remove_cvref_t<X>(x);
  }
}
}  // namespace expr

// ---- binary ufuncs (two operands, at least one an array operand)
#define NUMFUSE_UFUNC_BINARY(NAME, OP)                                               \
  template <class X, class Y>                                                        \
    requires operand<X> && operand<Y> && (array_operand<X> || array_operand<Y>)      \
  auto NAME(X&& x, Y&& y) {                                                          \
    return expr::make_binary<op::OP>(std::forward<X>(x), std::forward<Y>(y));        \
  }
NUMFUSE_UFUNC_BINARY(floor_divide, floor_divide)  // x // y (no C++ operator)
NUMFUSE_UFUNC_BINARY(remainder, remainder)
NUMFUSE_UFUNC_BINARY(mod, remainder)
NUMFUSE_UFUNC_BINARY(fmod, fmod)
NUMFUSE_UFUNC_BINARY(power, power)
NUMFUSE_UFUNC_BINARY(left_shift, left_shift)
NUMFUSE_UFUNC_BINARY(right_shift, right_shift)
NUMFUSE_UFUNC_BINARY(gcd, gcd)
NUMFUSE_UFUNC_BINARY(lcm, lcm)
NUMFUSE_UFUNC_BINARY(heaviside, heaviside)
NUMFUSE_UFUNC_BINARY(copysign, copysign)
NUMFUSE_UFUNC_BINARY(nextafter, nextafter)
NUMFUSE_UFUNC_BINARY(fmax, fmax)
NUMFUSE_UFUNC_BINARY(fmin, fmin)
NUMFUSE_UFUNC_BINARY(logaddexp, logaddexp)
NUMFUSE_UFUNC_BINARY(logaddexp2, logaddexp2)
NUMFUSE_UFUNC_BINARY(arctan2, arctan2)
NUMFUSE_UFUNC_BINARY(atan2, arctan2)  // NumPy 2 alias
NUMFUSE_UFUNC_BINARY(hypot, hypot)
NUMFUSE_UFUNC_BINARY(float_power, float_power)  // always float64
NUMFUSE_UFUNC_BINARY(pow, power)                // NumPy 2 alias
NUMFUSE_UFUNC_BINARY(bitwise_left_shift, left_shift)    // NumPy 2 alias
NUMFUSE_UFUNC_BINARY(bitwise_right_shift, right_shift)  // NumPy 2 alias
#undef NUMFUSE_UFUNC_BINARY

/// np.ldexp(x, n) = x * 2**n: n an integer array or C++ integer (a float
/// exponent does not compile, as NumPy raises TypeError); the result has
/// x's float type (integers as for the math functions).
template <class X, class Y>
  requires operand<X> && operand<Y> && (array_operand<X> || array_operand<Y>)
auto ldexp(X&& x, Y&& n) {
  if constexpr (!array_operand<Y>) {
    static_assert(std::is_integral_v<std::remove_cvref_t<Y>>,
                  "ufunc 'ldexp' not supported for the input types, and the inputs could not be "
                  "safely coerced to any supported types according to the casting rule ''safe''");
    return expr::binary<op::ldexp, expr::stored_t<X&&>, expr::scalar_leaf<std::int64_t>>(
        expr::wrap(std::forward<X>(x)), expr::scalar_leaf<std::int64_t>(static_cast<std::int64_t>(n)));
  } else {
    static_assert(array_operand<X>, "ldexp: the mantissa must be an array operand");
    return expr::make_binary<op::ldexp>(std::forward<X>(x), std::forward<Y>(n));
  }
}

/// x << y, x >> y: np.left_shift / np.right_shift.
template <class X, class Y>
  requires operand_pair<X, Y>
auto operator<<(X&& x, Y&& y) {
  return expr::make_binary<op::left_shift>(std::forward<X>(x), std::forward<Y>(y));
}
template <class X, class Y>
  requires operand_pair<X, Y>
auto operator>>(X&& x, Y&& y) {
  return expr::make_binary<op::right_shift>(std::forward<X>(x), std::forward<Y>(y));
}

/// np.divmod(x, y): the pair (floor_divide(x, y), remainder(x, y)), both lazy.
template <class X, class Y>
  requires operand<X> && operand<Y> && (array_operand<X> || array_operand<Y>)
auto divmod(X&& x, Y&& y) {
  auto q = expr::make_binary<op::floor_divide>(expr::reuse(std::forward<X>(x)),
                                               expr::reuse(std::forward<Y>(y)));
  auto r = expr::make_binary<op::remainder>(std::forward<X>(x), std::forward<Y>(y));
  return std::pair<decltype(q), decltype(r)>(std::move(q), std::move(r));
}

// ---- unary ufuncs
#define NUMFUSE_UFUNC_UNARY(NAME, OP)                     \
  template <array_operand X>                              \
  auto NAME(X&& x) {                                      \
    return expr::make_unary<op::OP>(std::forward<X>(x));  \
  }
NUMFUSE_UFUNC_UNARY(sign, sign)
NUMFUSE_UFUNC_UNARY(square, square)
NUMFUSE_UFUNC_UNARY(reciprocal, reciprocal)
NUMFUSE_UFUNC_UNARY(positive, positive)
NUMFUSE_UFUNC_UNARY(rint, rint)
NUMFUSE_UFUNC_UNARY(fix, trunc)  // np.fix == trunc (fix(-0.5) is -0.)
NUMFUSE_UFUNC_UNARY(spacing, spacing)
NUMFUSE_UFUNC_UNARY(deg2rad, deg2rad)
NUMFUSE_UFUNC_UNARY(radians, deg2rad)
NUMFUSE_UFUNC_UNARY(rad2deg, rad2deg)
NUMFUSE_UFUNC_UNARY(degrees, rad2deg)
NUMFUSE_UFUNC_UNARY(nan_to_num, nan_to_num)  // default arguments only
NUMFUSE_UFUNC_UNARY(exp2, exp2)
NUMFUSE_UFUNC_UNARY(expm1, expm1)
NUMFUSE_UFUNC_UNARY(log2, log2)
NUMFUSE_UFUNC_UNARY(log10, log10)
NUMFUSE_UFUNC_UNARY(log1p, log1p)
NUMFUSE_UFUNC_UNARY(cbrt, cbrt)
NUMFUSE_UFUNC_UNARY(tan, tan)
NUMFUSE_UFUNC_UNARY(arcsin, arcsin)
NUMFUSE_UFUNC_UNARY(arccos, arccos)
NUMFUSE_UFUNC_UNARY(arctan, arctan)
NUMFUSE_UFUNC_UNARY(sinh, sinh)
NUMFUSE_UFUNC_UNARY(cosh, cosh)
NUMFUSE_UFUNC_UNARY(tanh, tanh)
NUMFUSE_UFUNC_UNARY(arcsinh, arcsinh)
NUMFUSE_UFUNC_UNARY(arccosh, arccosh)
NUMFUSE_UFUNC_UNARY(arctanh, arctanh)
NUMFUSE_UFUNC_UNARY(asin, arcsin)    // NumPy 2 aliases
NUMFUSE_UFUNC_UNARY(acos, arccos)
NUMFUSE_UFUNC_UNARY(atan, arctan)
NUMFUSE_UFUNC_UNARY(asinh, arcsinh)
NUMFUSE_UFUNC_UNARY(acosh, arccosh)
NUMFUSE_UFUNC_UNARY(atanh, arctanh)
NUMFUSE_UFUNC_UNARY(sinc, sinc)      // sin(pi x) / (pi x); integers -> float64
NUMFUSE_UFUNC_UNARY(fabs, fabs)      // float result (integers convert)
#undef NUMFUSE_UFUNC_UNARY

/// np.bitwise_invert: NumPy 2 alias of invert.
template <array_operand X>
auto bitwise_invert(X&& x) {
  return ~std::forward<X>(x);
}

/// np.modf(x): the pair (fractional part, integral part), both lazy, both
/// with x's sign (modf(-0.5) is (-0.5, -0.), modf(inf) is (0., inf)).
template <array_operand X>
auto modf(X&& x) {
  auto f = expr::make_unary<op::modf_frac>(expr::reuse(std::forward<X>(x)));
  auto w = expr::make_unary<op::modf_whole>(std::forward<X>(x));
  return std::pair<decltype(f), decltype(w)>(std::move(f), std::move(w));
}

/// np.frexp(x): the pair (mantissa, exponent), both lazy: x = m * 2**e with
/// |m| in [0.5, 1), e int32; 0, inf and NaN give (x, 0).
template <array_operand X>
auto frexp(X&& x) {
  auto m = expr::make_unary<op::frexp_mant>(expr::reuse(std::forward<X>(x)));
  auto e = astype<std::int32_t>(expr::make_unary<op::frexp_exp>(std::forward<X>(x)));
  return std::pair<decltype(m), decltype(e)>(std::move(m), std::move(e));
}

// ---- predicates: bool results (unary nodes of kind predicate).
#define NUMFUSE_UFUNC_PREDICATE(NAME)                          \
  template <array_operand X>                                   \
  auto NAME(X&& x) {                                           \
    return expr::make_unary<op::NAME>(std::forward<X>(x));     \
  }
NUMFUSE_UFUNC_PREDICATE(isnan)
NUMFUSE_UFUNC_PREDICATE(isinf)
NUMFUSE_UFUNC_PREDICATE(isfinite)
NUMFUSE_UFUNC_PREDICATE(signbit)
#undef NUMFUSE_UFUNC_PREDICATE

/// np.around / np.round(x, decimals): round half to even at `decimals`
/// digits, computed as NumPy does (rint(x * 10^d) / 10^d, or for d < 0
/// rint(x / 10^-d) * 10^-d). Integers: unchanged for d >= 0; for d < 0
/// through float64 and back, as NumPy's.
template <array_operand X>
auto around(X&& x, int decimals = 0) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    const double f = std::pow(10.0, double(decimals < 0 ? -decimals : decimals));
    return expr::binary<op::around, expr::stored_t<X&&>, expr::scalar_leaf<V>>(
        expr::wrap(std::forward<X>(x)), expr::scalar_leaf<V>(V(decimals < 0 ? -f : f)));
  } else {
    // d >= 0 multiplies by 10^d, rounds and divides back: exact on integers,
    // so x itself; kept as one expression type for any d.
    const double f = std::pow(10.0, double(decimals < 0 ? -decimals : decimals));
    auto xd = astype<double>(std::forward<X>(x));
    return astype<V>(expr::binary<op::around, decltype(xd), expr::scalar_leaf<double>>(
        std::move(xd), expr::scalar_leaf<double>(decimals < 0 ? -f : f)));
  }
}
template <array_operand X>
auto round(X&& x, int decimals = 0) {
  return around(std::forward<X>(x), decimals);
}

/// np.clip(a, lo, hi) = minimum(maximum(a, lo), hi): NaN propagates from a
/// and from the bounds, as NumPy's clip loop.
template <array_operand X, operand L, operand H>
auto clip(X&& a, L&& lo, H&& hi) {
  return minimum(maximum(std::forward<X>(a), std::forward<L>(lo)), std::forward<H>(hi));
}

/// np.isclose(a, b, rtol, atol, equal_nan), NumPy 2's formula:
/// (|a - b| <= atol + rtol*|b| & isfinite(b)) | (a == b) [| isnan(a) & isnan(b)],
/// b converted to result_type(b, 1.0). Lazy (a bool expression); a and b
/// are used several times (rvalues are copied).
template <array_operand X, array_operand Y>
auto isclose(X&& a, Y&& b, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) {
  using TB = expr::value_t<Y&&>;
  using F = std::conditional_t<std::is_floating_point_v<TB>, TB, double>;
  // Each use of a or b below is its own operand: lvalues by reference,
  // rvalues copied (expr::reuse); the converted b is rebuilt each time.
  auto y = [&] { return astype<F>(expr::reuse(std::forward<Y>(b))); };
  auto x = [&] { return expr::reuse(std::forward<X>(a)); };
  auto close = ((absolute(x() - y()) <= atol + rtol * absolute(y())) & isfinite(y())) |
               (x() == y());
  // equal_nan is a run-time flag, a weak bool scalar here.
  return std::move(close) | ((isnan(x()) & isnan(y())) & equal_nan);
}

namespace detail {
template <class E>
bool all_true(const E& e) {
  const ndarray<bool> r = e;
  const bool* p = r.data();
  for (std::ptrdiff_t i = 0, n = r.size(); i < n; ++i) {
    if (!p[i]) return false;
  }
  return true;
}
}  // namespace detail

/// np.allclose: all(isclose(a, b, ...)) -- evaluates.
template <array_operand X, array_operand Y>
bool allclose(X&& a, Y&& b, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) {
  return detail::all_true(isclose(std::forward<X>(a), std::forward<Y>(b), rtol, atol, equal_nan));
}

/// np.array_equal(a, b, equal_nan=False): same shape and equal elements --
/// evaluates. With equal_nan, NaNs in the same places compare equal.
template <array_operand X, array_operand Y>
bool array_equal(const X& a, const Y& b, bool equal_nan = false) {
  if (!(a.shape() == b.shape())) return false;
  if (equal_nan) return detail::all_true((a == b) | (isnan(a) & isnan(b)));
  return detail::all_true(a == b);
}

}  // namespace numfuse
