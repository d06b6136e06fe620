// numfuse/expr/reduce_where.hpp -- NumPy's `initial=` and `where=` of
// sum, prod, max/amax, min/amin, mean, var, std, any, all and the nan*
// reductions, as further arguments after keepdims (and ddof), in NumPy's
// order: initial, then where:
//
//   np::sum(a, 1, false, 10.0)            // initial=10
//   np::sum(a, {}, false, mask)           // where=mask
//   np::max(a, 0, false, -1.0, a > 0)     // initial=-1, where=a > 0
//   np::mean(a, 1, false, mask)
//   np::var(a, 1, false, 1.0, mask)       // ddof=1, where=mask
//   np::nanmax(a, {}, false, 0.0, mask)   // initial=0, where=mask
//
// Fused through the engine with no temporary: where= reduces
// where(mask, a, identity), initial= combines the reduction with the
// initial value (sum + initial, maximum(max, initial), ...). NumPy's
// max/min have no identity: where= without initial= raises value_error.
// The mask is a bool array operand that broadcasts to a's shape. var/std
// and nanvar/nanstd with where= are select_var_node (three passes, NumPy's
// algorithm over the selected elements).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "numfuse/core/errors.hpp"
#include "numfuse/expr/functions.hpp"
#include "numfuse/expr/nanreductions.hpp"
#include "numfuse/expr/reductions.hpp"
#include "numfuse/expr/select_var.hpp"
#include "numfuse/expr/ufuncs.hpp"
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

/// var/std (SkipNan: nanvar/nanstd) of the elements of x where the mask,
/// broadcast to x's shape, is true.
template <class T, bool SkipNan, class X, class M>
auto select_var(X&& x, const axis_arg& axis, bool keepdims, double ddof, bool root, M&& where_) {
  using Acc = dtype_or_t<T, mean_acc_t<expr::value_t<X&&>>>;
  ndview<const bool> mask = broadcast_to(std::forward<M>(where_), dims(x.shape()));
  return expr::select_var_node<Acc, expr::stored_t<X&&>, SkipNan, true>(
      expr::wrap(std::forward<X>(x)), axis, keepdims, ddof, root, std::move(mask));
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

// ---- max, min: initial= (the result is at least / at most it; an empty
// slice gives initial), where= (needs initial=). NaN propagates from the
// operand and from initial.
template <array_operand X, scalar_type I>
auto max(X&& x, const axis_arg& axis, bool keepdims, I initial) {
  using V = expr::value_t<X&&>;
  auto r = detail::make_reduce<op::maximum, V>(std::forward<X>(x), axis, keepdims);
  r.empty_ok = true;  // an empty slice is the identity (lowest), then initial
  return maximum(std::move(r), static_cast<V>(initial));
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
  auto r = detail::make_reduce<op::minimum, V>(std::forward<X>(x), axis, keepdims);
  r.empty_ok = true;  // an empty slice is the identity (highest), then initial
  return minimum(std::move(r), static_cast<V>(initial));
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

// ---- var, std: where= (after ddof, or instead of it)
template <class T = void, array_operand X, detail::where_mask M>
auto var(X&& x, const axis_arg& axis, bool keepdims, double ddof, M&& where_) {
  return detail::select_var<T, false>(std::forward<X>(x), axis, keepdims, ddof, false,
                                      std::forward<M>(where_));
}
template <class T = void, array_operand X, detail::where_mask M>
auto var(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  return var<T>(std::forward<X>(x), axis, keepdims, 0.0, std::forward<M>(where_));
}
template <class T = void, array_operand X, detail::where_mask M>
auto std(X&& x, const axis_arg& axis, bool keepdims, double ddof, M&& where_) {
  return detail::select_var<T, false>(std::forward<X>(x), axis, keepdims, ddof, true,
                                      std::forward<M>(where_));
}
template <class T = void, array_operand X, detail::where_mask M>
auto std(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  return numfuse::std<T>(std::forward<X>(x), axis, keepdims, 0.0, std::forward<M>(where_));
}

// ---- nansum, nanprod: initial=, where= (NaNs replaced, then sum/prod's)
template <class T = void, array_operand X, class... R>
  requires(sizeof...(R) >= 1)
auto nansum(X&& x, const axis_arg& axis, bool keepdims, R&&... initial_where) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    return sum<T>(detail::nan_replaced(std::forward<X>(x), V(0)), axis, keepdims,
                  std::forward<R>(initial_where)...);
  } else {
    return sum<T>(std::forward<X>(x), axis, keepdims, std::forward<R>(initial_where)...);
  }
}
template <class T = void, array_operand X, class... R>
  requires(sizeof...(R) >= 1)
auto nanprod(X&& x, const axis_arg& axis, bool keepdims, R&&... initial_where) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    return prod<T>(detail::nan_replaced(std::forward<X>(x), V(1)), axis, keepdims,
                   std::forward<R>(initial_where)...);
  } else {
    return prod<T>(std::forward<X>(x), axis, keepdims, std::forward<R>(initial_where)...);
  }
}

// ---- nanmax, nanmin: initial=, where= (needs initial=, NumPy's fmax/fmin
// rule). On floats, unselected elements are NaN to fmax/fmin, which ignore
// them; an empty slice gives initial, as in NumPy.
template <array_operand X, scalar_type I>
auto nanmax(X&& x, const axis_arg& axis, bool keepdims, I initial) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    return fmax(detail::make_reduce<op::fmax, V>(std::forward<X>(x), axis, keepdims),
                static_cast<V>(initial));
  } else {
    return max(std::forward<X>(x), axis, keepdims, initial);
  }
}
template <array_operand X, scalar_type I, detail::where_mask M>
auto nanmax(X&& x, const axis_arg& axis, bool keepdims, I initial, M&& where_) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    return nanmax(detail::masked(std::forward<X>(x), std::forward<M>(where_),
                                 std::numeric_limits<V>::quiet_NaN()),
                  axis, keepdims, initial);
  } else {
    return max(std::forward<X>(x), axis, keepdims, initial, std::forward<M>(where_));
  }
}
template <array_operand X, detail::where_mask M>
auto nanmax(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  detail::no_identity_where<op::fmax>();
  return nanmax(std::forward<X>(x), axis, keepdims, expr::value_t<X&&>(0), std::forward<M>(where_));
}
template <array_operand X, scalar_type I>
auto nanmin(X&& x, const axis_arg& axis, bool keepdims, I initial) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    return fmin(detail::make_reduce<op::fmin, V>(std::forward<X>(x), axis, keepdims),
                static_cast<V>(initial));
  } else {
    return min(std::forward<X>(x), axis, keepdims, initial);
  }
}
template <array_operand X, scalar_type I, detail::where_mask M>
auto nanmin(X&& x, const axis_arg& axis, bool keepdims, I initial, M&& where_) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    return nanmin(detail::masked(std::forward<X>(x), std::forward<M>(where_),
                                 std::numeric_limits<V>::quiet_NaN()),
                  axis, keepdims, initial);
  } else {
    return min(std::forward<X>(x), axis, keepdims, initial, std::forward<M>(where_));
  }
}
template <array_operand X, detail::where_mask M>
auto nanmin(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  detail::no_identity_where<op::fmin>();
  return nanmin(std::forward<X>(x), axis, keepdims, expr::value_t<X&&>(0), std::forward<M>(where_));
}

// ---- nanmean: where= (the selected non-NaN values over their count)
template <class T = void, array_operand X, detail::where_mask M>
auto nanmean(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    using Acc = detail::dtype_or_t<T, detail::mean_acc_t<V>>;
    const dims shape = x.shape();
    auto cnt = count_nonzero(broadcast_to(expr::reuse(std::forward<M>(where_)), shape) &
                                 logical_not(isnan(expr::reuse(std::forward<X>(x)))),
                             axis, keepdims);
    auto s = sum<Acc>(detail::masked(detail::nan_replaced(std::forward<X>(x), V(0)),
                                     std::forward<M>(where_), V(0)),
                      axis, keepdims);
    return std::move(s) / astype<Acc>(std::move(cnt));
  } else {
    return mean<T>(std::forward<X>(x), axis, keepdims, std::forward<M>(where_));
  }
}

// ---- nanvar, nanstd: where= (after ddof, or instead of it)
template <class T = void, array_operand X, detail::where_mask M>
auto nanvar(X&& x, const axis_arg& axis, bool keepdims, double ddof, M&& where_) {
  if constexpr (std::is_floating_point_v<expr::value_t<X&&>>) {
    return detail::select_var<T, true>(std::forward<X>(x), axis, keepdims, ddof, false,
                                       std::forward<M>(where_));
  } else {
    return var<T>(std::forward<X>(x), axis, keepdims, ddof, std::forward<M>(where_));
  }
}
template <class T = void, array_operand X, detail::where_mask M>
auto nanvar(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  return nanvar<T>(std::forward<X>(x), axis, keepdims, 0.0, std::forward<M>(where_));
}
template <class T = void, array_operand X, detail::where_mask M>
auto nanstd(X&& x, const axis_arg& axis, bool keepdims, double ddof, M&& where_) {
  if constexpr (std::is_floating_point_v<expr::value_t<X&&>>) {
    return detail::select_var<T, true>(std::forward<X>(x), axis, keepdims, ddof, true,
                                       std::forward<M>(where_));
  } else {
    return numfuse::std<T>(std::forward<X>(x), axis, keepdims, ddof, std::forward<M>(where_));
  }
}
template <class T = void, array_operand X, detail::where_mask M>
auto nanstd(X&& x, const axis_arg& axis, bool keepdims, M&& where_) {
  return nanstd<T>(std::forward<X>(x), axis, keepdims, 0.0, std::forward<M>(where_));
}

}  // namespace numfuse
