// numfuse/expr/nanreductions.hpp -- NumPy's NaN-ignoring reductions:
// nansum nanprod nanmax nanmin nanmean nanvar nanstd, lazy like the other
// reductions. On integer and bool operands they are the plain reductions
// (NumPy's too). On floats they are fused through the one engine, with no
// temporary array:
//   nansum(a)  = sum(where(isnan(a), 0, a))      (NumPy's pairwise sum)
//   nanprod(a) = prod(where(isnan(a), 1, a))
//   nanmax(a)  = a reduction with fmax (identity NaN: an all-NaN slice is NaN)
//   nanmean(a) = nansum(a) / count of non-NaN    (all-NaN slice: NaN)
//   nanvar(a)  = NumPy's two-pass algorithm over the non-NaN values,
//                NaN where count - ddof <= 0 (select_var_node,
//                eval/select_var.hpp).
// where= and initial= are in expr/reduce_where.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "numfuse/core/errors.hpp"
#include "numfuse/expr/functions.hpp"
#include "numfuse/expr/reduce.hpp"
#include "numfuse/expr/reductions.hpp"
#include "numfuse/expr/select_var.hpp"
#include "numfuse/expr/ufuncs.hpp"

namespace numfuse {

namespace detail {
/// where(isnan(x), fill, x): x with its NaNs replaced, lazily. x is used
/// twice (an rvalue operand is copied for the condition).
template <class X>
auto nan_replaced(X&& x, expr::value_t<X&&> fill) {
  auto cond = isnan(expr::reuse(std::forward<X>(x)));
  return where(std::move(cond), fill, std::forward<X>(x));
}

template <class Op>
void check_nonempty(const expr::reduced_shape& r) {
  if (r.count == 0 && shape_size(r.shape()) != 0) {
    throw value_error(std::string("zero-size array to reduction operation ") + Op::name +
                      " which has no identity");
  }
}
}  // namespace detail

/// np.nansum(a, axis=None, dtype=None, keepdims=False): NaNs count as 0.
template <class T = void, array_operand X>
auto nansum(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    using Acc = detail::dtype_or_t<T, detail::sum_acc_t<V>>;
    return detail::make_reduce<op::add, Acc>(detail::nan_replaced(std::forward<X>(x), V(0)), axis,
                                             keepdims);
  } else {
    return sum<T>(std::forward<X>(x), axis, keepdims);
  }
}

/// np.nanprod: NaNs count as 1.
template <class T = void, array_operand X>
auto nanprod(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    using Acc = detail::dtype_or_t<T, detail::sum_acc_t<V>>;
    return detail::make_reduce<op::multiply, Acc>(detail::nan_replaced(std::forward<X>(x), V(1)),
                                                  axis, keepdims);
  } else {
    return prod<T>(std::forward<X>(x), axis, keepdims);
  }
}

/// np.nanmax: NaNs ignored; an all-NaN slice gives NaN (NumPy also warns);
/// an empty reduction raises value_error.
template <array_operand X>
auto nanmax(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    auto r = detail::make_reduce<op::fmax, V>(std::forward<X>(x), axis, keepdims);
    detail::check_nonempty<op::fmax>(r);
    return r;
  } else {
    return max(std::forward<X>(x), axis, keepdims);
  }
}

/// np.nanmin.
template <array_operand X>
auto nanmin(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    auto r = detail::make_reduce<op::fmin, V>(std::forward<X>(x), axis, keepdims);
    detail::check_nonempty<op::fmin>(r);
    return r;
  } else {
    return min(std::forward<X>(x), axis, keepdims);
  }
}

/// np.nanmean: the sum of the non-NaN values over their count (NaN for an
/// all-NaN or empty slice). Two passes over the operand (sum, count).
template <class T = void, array_operand X>
auto nanmean(X&& x, const axis_arg& axis = {}, bool keepdims = false) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    using Acc = detail::dtype_or_t<T, detail::mean_acc_t<V>>;
    auto cnt = detail::make_reduce<op::add, std::int64_t>(
        logical_not(isnan(expr::reuse(std::forward<X>(x)))), axis, keepdims);
    auto s = detail::make_reduce<op::add, Acc>(detail::nan_replaced(std::forward<X>(x), V(0)),
                                               axis, keepdims);
    return std::move(s) / astype<Acc>(std::move(cnt));
  } else {
    return mean<T>(std::forward<X>(x), axis, keepdims);
  }
}

/// np.nanvar(a, axis, keepdims, ddof): NumPy's algorithm over the non-NaN
/// values; NaN where count - ddof <= 0.
template <class T = void, array_operand X>
auto nanvar(X&& x, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    using Acc = detail::dtype_or_t<T, detail::mean_acc_t<V>>;
    return expr::select_var_node<Acc, expr::stored_t<X&&>, true, false>(
        expr::wrap(std::forward<X>(x)), axis, keepdims, ddof, false);
  } else {
    return var<T>(std::forward<X>(x), axis, keepdims, ddof);
  }
}

/// np.nanstd: sqrt(nanvar).
template <class T = void, array_operand X>
auto nanstd(X&& x, const axis_arg& axis = {}, bool keepdims = false, double ddof = 0) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    using Acc = detail::dtype_or_t<T, detail::mean_acc_t<V>>;
    return expr::select_var_node<Acc, expr::stored_t<X&&>, true, false>(
        expr::wrap(std::forward<X>(x)), axis, keepdims, ddof, true);
  } else {
    return numfuse::std<T>(std::forward<X>(x), axis, keepdims, ddof);
  }
}

}  // namespace numfuse
