// numfuse/expr/reduce_where.hpp -- NumPy's `initial=` and `where=` of
// sum, prod, max/amax, min/amin, mean, any, all, as further arguments after
// keepdims (NumPy's order: initial, then where):
//
//   np::sum(a, 1, false, 10.0)            // initial=10
//   np::sum(a, {}, false, mask)           // where=mask
//   np::max(a, 0, false, -1.0, a > 0)     // initial=-1, where=a > 0
//   np::mean(a, 1, false, mask)
//
// Fused through the engine with no temporary: where= reduces
// where(mask, a, identity), initial= combines the reduction with the
// initial value (sum + initial, maximum(max, initial), ...). NumPy's
// max/min have no identity: where= without initial= raises value_error.
// The mask is a bool array operand that broadcasts to a's shape.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "numfuse/core/errors.hpp"
#include "numfuse/expr/functions.hpp"
#include "numfuse/expr/reductions.hpp"
#include "numfuse/views/manipulation.hpp"

namespace numfuse {

namespace detail {
template <class M>
concept where_mask = array_operand<M> && std::is_same_v<expr::value_t<M&&>, bool>;

/// where(mask, x, fill) with x used once; fill is converted to x's dtype.
template <class X, class M>
auto masked(X&& x, M&& mask, expr::value_t<X&&> fill) {
  return where(std::forward<M>(mask), std::forward<X>(x), fill);
}

template <class Op>
[[noreturn]] inline void no_identity_where() {
  throw value_error(std::string("reduction operation '") + Op::name +
                    "' does not have an identity, so to use a where mask one has to specify "
                    "'initial'");
}
}  // namespace detail

// ---- sum, prod: initial=, where=
template <class T = void, array_operand X, scalar_type I>
auto sum(X&& x, const axis_arg& axis, bool keepdims, I initial) {
  using Acc = detail::dtype_or_t<T, detail::sum_acc_t<expr::value_t<X&&>>>;
  return sum<T>(std::forward<X>(x), axis, keepdims) + static_cast<Acc>(initial);
}
template <class T = void, array_operand X, detail::where_mask M>
auto sum(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  return sum<T>(detail::masked(std::forward<X>(x), std::forward<M>(where_), 0), axis, keepdims);
}
template <class T = void, array_operand X, scalar_type I, detail::where_mask M>
auto sum(X&& x, const axis_arg& axis, bool keepdims, I initial, M&& where_) {
  return sum<T>(detail::masked(std::forward<X>(x), std::forward<M>(where_), 0), axis, keepdims,
                initial);
}

template <class T = void, array_operand X, scalar_type I>
auto prod(X&& x, const axis_arg& axis, bool keepdims, I initial) {
  using Acc = detail::dtype_or_t<T, detail::sum_acc_t<expr::value_t<X&&>>>;
  return prod<T>(std::forward<X>(x), axis, keepdims) * static_cast<Acc>(initial);
}
template <class T = void, array_operand X, detail::where_mask M>
auto prod(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  return prod<T>(detail::masked(std::forward<X>(x), std::forward<M>(where_), 1), axis, keepdims);
}
template <class T = void, array_operand X, scalar_type I, detail::where_mask M>
auto prod(X&& x, const axis_arg& axis, bool keepdims, I initial, M&& where_) {
  return prod<T>(detail::masked(std::forward<X>(x), std::forward<M>(where_), 1), axis, keepdims,
                 initial);
}

// ---- max, min: initial= (the result is at least / at most it), where=
// (needs initial=). NaN propagates from the operand and from initial.
template <array_operand X, scalar_type I>
auto max(X&& x, const axis_arg& axis, bool keepdims, I initial) {
  using V = expr::value_t<X&&>;
  return maximum(max(std::forward<X>(x), axis, keepdims), static_cast<V>(initial));
}
template <array_operand X, scalar_type I, detail::where_mask M>
auto max(X&& x, const axis_arg& axis, bool keepdims, I initial, M&& where_) {
  using V = expr::value_t<X&&>;
  return max(detail::masked(std::forward<X>(x), std::forward<M>(where_), static_cast<V>(initial)),
             axis, keepdims, initial);
}
template <array_operand X, detail::where_mask M>
auto max(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  detail::no_identity_where<op::maximum>();
  return max(std::forward<X>(x), axis, keepdims, expr::value_t<X&&>(0), std::forward<M>(where_));
}
template <array_operand X, scalar_type I>
auto min(X&& x, const axis_arg& axis, bool keepdims, I initial) {
  using V = expr::value_t<X&&>;
  return minimum(min(std::forward<X>(x), axis, keepdims), static_cast<V>(initial));
}
template <array_operand X, scalar_type I, detail::where_mask M>
auto min(X&& x, const axis_arg& axis, bool keepdims, I initial, M&& where_) {
  using V = expr::value_t<X&&>;
  return min(detail::masked(std::forward<X>(x), std::forward<M>(where_), static_cast<V>(initial)),
             axis, keepdims, initial);
}
template <array_operand X, detail::where_mask M>
auto min(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  detail::no_identity_where<op::minimum>();
  return min(std::forward<X>(x), axis, keepdims, expr::value_t<X&&>(0), std::forward<M>(where_));
}
template <array_operand X, class... R>
  requires(sizeof...(R) >= 1)
auto amax(X&& x, const axis_arg& axis, bool keepdims, R&&... r) {
  return max(std::forward<X>(x), axis, keepdims, std::forward<R>(r)...);
}
template <array_operand X, class... R>
  requires(sizeof...(R) >= 1)
auto amin(X&& x, const axis_arg& axis, bool keepdims, R&&... r) {
  return min(std::forward<X>(x), axis, keepdims, std::forward<R>(r)...);
}

// ---- mean: where= (the sum of the selected elements over their count;
// NaN where nothing is selected)
template <class T = void, array_operand X, detail::where_mask M>
auto mean(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  using Acc = detail::dtype_or_t<T, detail::mean_acc_t<expr::value_t<X&&>>>;
  const dims shape = x.shape();
  auto cnt = count_nonzero(broadcast_to(expr::reuse(std::forward<M>(where_)), shape), axis, keepdims);
  auto s = sum<Acc>(detail::masked(std::forward<X>(x), std::forward<M>(where_), 0), axis, keepdims);
  return std::move(s) / astype<Acc>(std::move(cnt));
}

// ---- any, all: where= (unselected elements count as false / true)
template <array_operand X, detail::where_mask M>
auto any(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  return any(where(std::forward<M>(where_), astype<bool>(std::forward<X>(x)), false), axis, keepdims);
}
template <array_operand X, detail::where_mask M>
auto all(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  return all(where(std::forward<M>(where_), astype<bool>(std::forward<X>(x)), true), axis, keepdims);
}

}  // namespace numfuse
