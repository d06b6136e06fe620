// numfuse/expr/reductions.hpp -- NumPy's reductions as lazy operands:
// sum prod max/amax min/amin ptp mean var std any all count_nonzero.
//
//   double s = np::sum(a);                    // full reduction -> scalar
//   np::ndarray<double> m = np::mean(A, 1);   // along an axis
//   auto z = (x - np::mean(x)) / np::std(x);  // reductions inside expressions
//   double n = np::sqrt(np::sum(a * a));      // fused: no temporary for a*a
//
// Result dtypes are NumPy's: integer and bool sums/products accumulate in
// int64 (uint64 for unsigned), floats in their own dtype; mean/var/std of
// integers are float64. The optional first template argument is NumPy's
// dtype= (e.g. np::sum<double>(i32)).
#pragma once

#include <cstdint>
#include <type_traits>

#include "numfuse/expr/functions.hpp"
#include "numfuse/expr/make.hpp"
#include "numfuse/expr/reduce.hpp"

namespace numfuse {

namespace detail {
/// NumPy's default accumulator of sum/prod: the platform integer (int64) for
/// bool and signed integers, uint64 for unsigned ones, floats unchanged.
template <class T>
using sum_acc_t = std::conditional_t<
    std::is_floating_point_v<T>, T,
    std::conditional_t<std::is_same_v<T, bool> || std::is_signed_v<T>, std::int64_t,
                       std::uint64_t>>;
/// mean/var/std: float64 for integers and bool, floats unchanged.
template <class T>
using mean_acc_t = std::conditional_t<std::is_floating_point_v<T>, T, double>;

template <class Given, class Default>
using dtype_or_t = std::conditional_t<std::is_void_v<Given>, Default, Given>;

template <class Op, class Acc, class X>
auto make_reduce(X&& x, const axis_arg& axis, bool keepdims) {
  return expr::reduce_node<Op, Acc, expr::stored_t<X&&>>(expr::wrap(std::forward<X>(x)), axis,
                                                         keepdims);
}
}  // namespace detail

/// np.sum(a, axis=None, dtype=None, keepdims=False).
template <class T = void, array_operand X>
auto sum(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  using Acc = detail::dtype_or_t<T, detail::sum_acc_t<expr::value_t<X&&>>>;
  return detail::make_reduce<op::add, Acc>(std::forward<X>(x), axis, keepdims);
}

/// np.prod.
template <class T = void, array_operand X>
auto prod(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  using Acc = detail::dtype_or_t<T, detail::sum_acc_t<expr::value_t<X&&>>>;
  return detail::make_reduce<op::multiply, Acc>(std::forward<X>(x), axis, keepdims);
}

/// np.max / np.amax: NaN propagates; an empty reduction raises value_error.
template <array_operand X>
auto max(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  return detail::make_reduce<op::maximum, expr::value_t<X&&>>(std::forward<X>(x), axis, keepdims);
}
template <array_operand X>
auto amax(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  return max(std::forward<X>(x), axis, keepdims);
}

/// np.min / np.amin.
template <array_operand X>
auto min(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  return detail::make_reduce<op::minimum, expr::value_t<X&&>>(std::forward<X>(x), axis, keepdims);
}
template <array_operand X>
auto amin(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  return min(std::forward<X>(x), axis, keepdims);
}

/// np.ptp: max - min (integers wrap, as NumPy's do). x is referenced
/// twice: an rvalue operand is copied.
template <array_operand X>
auto ptp(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  if constexpr (std::is_lvalue_reference_v<X>) {
    return max(x, axis, keepdims) - min(x, axis, keepdims);
  } else {
    auto hi = max(std::remove_cvref_t<X>(x), axis, keepdims);
    return std::move(hi) - min(std::move(x), axis, keepdims);
  }
}

/// np.mean: sum in the float accumulator, divided by the count (an empty
/// reduction gives NaN).
template <class T = void, array_operand X>
auto mean(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  using Acc = detail::dtype_or_t<T, detail::mean_acc_t<expr::value_t<X&&>>>;
  auto s = detail::make_reduce<op::add, Acc>(std::forward<X>(x), axis, keepdims);
  const auto n = static_cast<Acc>(s.count);
  return expr::binary<op::divide, decltype(s), expr::scalar_leaf<Acc>>(std::move(s),
                                                                       expr::scalar_leaf<Acc>(n));
}

/// np.var(a, axis, keepdims, ddof): NumPy's two-pass algorithm.
template <class T = void, array_operand X>
auto var(X&& x, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0) {
  using Acc = detail::dtype_or_t<T, detail::mean_acc_t<expr::value_t<X&&>>>;
  return expr::var_rows_node<Acc, expr::stored_t<X&&>>(expr::wrap(std::forward<X>(x)), axis,
                                                       keepdims, ddof, false);
}

/// np.std: sqrt(var).
template <class T = void, array_operand X>
auto std(X&& x, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0) {
  using Acc = detail::dtype_or_t<T, detail::mean_acc_t<expr::value_t<X&&>>>;
  return expr::var_rows_node<Acc, expr::stored_t<X&&>>(expr::wrap(std::forward<X>(x)), axis,
                                                       keepdims, ddof, true);
}

/// np.any / np.all: truth values (NaN is true), result bool.
/// Empty: any is False, all is True (the identities of or/and).
template <array_operand X>
auto any(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  auto r = detail::make_reduce<op::maximum, bool>(astype<bool>(std::forward<X>(x)), axis, keepdims);
  r.empty_ok = true;
  return r;
}
template <array_operand X>
auto all(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  auto r = detail::make_reduce<op::minimum, bool>(astype<bool>(std::forward<X>(x)), axis, keepdims);
  r.empty_ok = true;
  return r;
}

/// np.count_nonzero: int64 counts of true values.
template <array_operand X>
auto count_nonzero(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  return detail::make_reduce<op::add, std::int64_t>(astype<bool>(std::forward<X>(x)), axis,
                                                    keepdims);
}

}  // namespace numfuse
