// numfuse/expr/diff_average.hpp -- np.diff and np.average. Both evaluate
// (NumPy returns new arrays) through the engine: diff is a[1:] - a[:-1]
// on views of the operand (bool: a[1:] != a[:-1]), n times, after
// np.concatenate with prepend=/append= when given; average with
// weights is sum(a * w) / sum(w) in NumPy's result dtype, fused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "numfuse/core/errors.hpp"
#include "numfuse/core/ndarray.hpp"
#include "numfuse/core/ndview.hpp"
#include "numfuse/expr/make.hpp"
#include "numfuse/expr/operators.hpp"
#include "numfuse/expr/reductions.hpp"
#include "numfuse/views/index.hpp"
#include "numfuse/views/join.hpp"

namespace numfuse {

namespace detail {
/// One difference along `axis` of the view v: v[1:] - v[:-1] (bool: !=).
template <class V>
ndarray<V> diff_once(const ndview<const V>& v, int axis) {
  dims shape = v.shape();
  const std::ptrdiff_t len = shape[axis] > 0 ? shape[axis] - 1 : 0;
  shape[axis] = len;
  const V* base = v.data();
  const auto lo = ndview<const V>::from_element_strides(base, shape, v.element_strides());
  const auto hi = ndview<const V>::from_element_strides(len > 0 ? base + v.element_strides()[axis] : base,
                                                         shape, v.element_strides());
  if constexpr (std::is_same_v<V, bool>) {
    return ndarray<bool>(hi != lo);
  } else {
    return ndarray<V>(hi - lo);
  }
}
/// NumPy's checks of diff's n and axis for an operand of shape s; the axis,
/// made non-negative.
inline int diff_axis(int n, const dims& s, int axis) {
  if (n < 0) throw value_error("order must be non-negative but got " + std::to_string(n));
  const int nd = s.size();
  if (nd == 0) throw value_error("diff requires input that is at least one dimensional");
  if (axis < -nd || axis >= nd) {
    throw axis_error("axis " + std::to_string(axis) + " is out of bounds for array of dimension " +
                     std::to_string(nd));
  }
  return axis < 0 ? axis + nd : axis;
}
}  // namespace detail

/// np.diff(a, n=1, axis=-1): the n-th discrete difference along axis
/// (integers wrap; bool operands give a[1:] != a[:-1], as NumPy's).
template <array_operand X>
auto diff(X&& x, int n = 1, int axis = -1) {
  using V = expr::value_t<X&&>;
  axis = detail::diff_axis(n, x.shape(), axis);
  // The operand as a view: arrays and views directly, expressions evaluated.
  ndarray<V> cur;
  if constexpr (array_like<X>) {
    const ndview<const V> v0(x);
    if (n == 0) return ndarray<V>(v0);
    cur = detail::diff_once(v0, axis);
  } else {
    cur = ndarray<V>(std::forward<X>(x));
    if (n == 0) return cur;
    cur = detail::diff_once(ndview<const V>(cur), axis);
  }
  for (int i = 1; i < n; ++i) cur = detail::diff_once(ndview<const V>(cur), axis);
  return cur;
}

namespace detail {
/// An argument of diff's prepend=/append=: none (absent), a C++ scalar or
/// an array operand.
template <class P>
concept diff_extra = std::is_same_v<std::remove_cvref_t<P>, none_t> ||
                     std::is_arithmetic_v<std::remove_cvref_t<P>> || array_operand<P>;

/// Its dtype: an operand's own; a scalar's is NumPy's for the Python scalar
/// (np.asanyarray(x): bool, int64, float64), not a weak one -- NumPy
/// concatenates it as an array.
template <class P>
struct diff_extra_dtype {
  using type = expr::value_t<const P&>;
};
template <class P>
  requires std::is_arithmetic_v<P>
struct diff_extra_dtype<P> {
  using type = std::conditional_t<std::is_same_v<P, bool>, bool,
                                  std::conditional_t<std::is_floating_point_v<P>, double, std::int64_t>>;
};

/// prepend/append as an array: a scalar or 0-d operand broadcast to a's
/// shape with extent 1 along axis, other operands as they are.
template <class P>
auto diff_extra_array(const P& p, const dims& shape, int axis) {
  using R = typename diff_extra_dtype<P>::type;
  dims s = shape;
  s[axis] = 1;
  if constexpr (std::is_arithmetic_v<P>) {
    return full<R>(s, static_cast<R>(p));
  } else {
    ndarray<R> a = p;
    if (a.ndim() == 0) return full<R>(s, a.data()[0]);
    return a;
  }
}
}  // namespace detail

/// np.diff(a, n, axis, prepend, append): a is extended along axis by
/// prepend and append first (np::none: absent) -- scalars and 0-d operands
/// broadcast to one slice -- as np.concatenate would, in its promoted dtype
/// (float32 data with a C++ double prepend gives float64, as NumPy's with a
/// Python float); then the n-th difference. n == 0 returns a's values in
/// that dtype (NumPy returns a itself).
template <array_operand X, detail::diff_extra P, detail::diff_extra A = none_t>
  requires(!std::is_same_v<std::remove_cvref_t<P>, none_t> ||
           !std::is_same_v<std::remove_cvref_t<A>, none_t>)
auto diff(X&& x, int n, int axis, const P& prepend, const A& append = none) {
  constexpr bool pre = !std::is_same_v<P, none_t>, app = !std::is_same_v<A, none_t>;
  const dims s = x.shape();
  axis = detail::diff_axis(n, s, axis);
  // concatenate reads x (an array, view or expression) as it is: no copy first
  if constexpr (pre && app) {
    const auto p = detail::diff_extra_array(prepend, s, axis);
    const auto q = detail::diff_extra_array(append, s, axis);
    return diff(concatenate(std::forward_as_tuple(p, x, q), axis), n, axis);
  } else if constexpr (pre) {
    const auto p = detail::diff_extra_array(prepend, s, axis);
    return diff(concatenate(std::forward_as_tuple(p, x), axis), n, axis);
  } else {
    const auto q = detail::diff_extra_array(append, s, axis);
    return diff(concatenate(std::forward_as_tuple(x, q), axis), n, axis);
  }
}

/// np.average(a, axis=None): the mean.
template <array_operand X>
auto average(X&& a, const axis_arg& axis = {}) {
  return mean(std::forward<X>(a), axis);
}

/// The tag of np.average(..., returned=True): `np::average(a, axis, w,
/// np::returned)` gives the pair (average, sum of weights).
struct returned_t {
  explicit returned_t() = default;
};
inline constexpr returned_t returned{};

namespace detail {
template <class V, class W>
using average_t = std::conditional_t<std::is_floating_point_v<V>, promote_t<V, W>,
                                     promote_t<promote_t<V, W>, double>>;

template <class W>
concept weights_or_none = std::is_same_v<std::remove_cvref_t<W>, none_t> || array_operand<W>;

/// np.average(a, axis, weights, returned, keepdims): the average and, when
/// Returned, the sum of weights broadcast to its shape (the count without
/// weights). Weighted: sum(a * w, axis) / sum(w, axis) in NumPy's dtype
/// (result_type(a, w), at least float64 for integer a). Weights have a's
/// shape, or are 1-D along the one given axis. Raises type_error /
/// value_error / zero_division_error with NumPy's messages.
template <bool Returned, class X, class Wt>
auto average_of(X&& a, const axis_arg& axis, Wt&& weights, bool keepdims) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_same_v<std::remove_cvref_t<Wt>, none_t>) {
    using R = mean_acc_t<V>;
    const std::ptrdiff_t n = shape_size(a.shape());
    ndarray<R> avg = mean(std::forward<X>(a), axis, keepdims);
    if constexpr (Returned) {
      if (avg.size() == 0) throw zero_division_error("division by zero");
      ndarray<R> scl = full<R>(avg.shape(), R(double(n) / double(avg.size())));
      return std::pair<ndarray<R>, ndarray<R>>(std::move(avg), std::move(scl));
    } else {
      return avg;
    }
  } else {
    using W = expr::value_t<Wt&&>;
    using R = average_t<V, W>;
    const dims& as = a.shape();
    const dims& ws = weights.shape();
    const int nd = as.size();
    const std::uint64_t mask = axis.mask(nd);  // also checks the axes
    // The weights as an operand of a's rank: themselves, or the 1-D weights
    // along the axis (extent-1 elsewhere).
    const ndarray<W> w = weights;
    dims wshape = w.shape(), wstrides = w.element_strides();
    if (!(as == ws)) {
      if (axis.is_none()) {
        throw type_error("Axis must be specified when shapes of a and weights differ.");
      }
      int ax = -1, count = 0;
      for (int d = 0; d < nd; ++d) {
        if ((mask >> d) & 1) {
          ax = d;
          ++count;
        }
      }
      if (ws.size() != 1) throw type_error("1D weights expected when shapes of a and weights differ.");
      if (count != 1 || ws[0] != as[ax]) {
        throw value_error("Length of weights not compatible with specified axis.");
      }
      wshape = dims(nd);
      wstrides = dims(nd);
      for (int d = 0; d < nd; ++d) {
        wshape[d] = d == ax ? ws[0] : 1;
        wstrides[d] = d == ax ? w.element_strides()[0] : 0;
      }
    }
    const auto wv = ndview<const W>::from_element_strides(w.data(), wshape, wstrides);
    const ndarray<R> scl = sum<R>(astype<R>(wv), axis, keepdims);
    // (a count rather than any(): see eval/argreduce.hpp on any() and AVX2)
    if (std::int64_t(sum<std::int64_t>(scl == R(0))) != 0) {
      throw zero_division_error("Weights sum to zero, can't be normalized");
    }
    ndarray<R> avg = sum<R>(astype<R>(std::forward<X>(a)) * astype<R>(wv), axis, keepdims) / scl;
    if constexpr (Returned) {
      ndarray<R> s = broadcast_to(scl, avg.shape());
      return std::pair<ndarray<R>, ndarray<R>>(std::move(avg), std::move(s));
    } else {
      return avg;
    }
  }
}
}  // namespace detail

/// np.average(a, axis, weights, keepdims=): weights an array operand, or
/// np::none for the plain mean (then a new array, where average(a, axis)
/// is the lazy mean).
template <array_operand X, detail::weights_or_none Wt>
auto average(X&& a, const axis_arg& axis, Wt&& weights, bool keepdims = false) {
  return detail::average_of<false>(std::forward<X>(a), axis, std::forward<Wt>(weights), keepdims);
}

/// np.average(a, axis, weights, returned=True, keepdims=): the pair
/// (average, sum of weights broadcast to the average's shape; the count of
/// averaged elements without weights).
template <array_operand X, detail::weights_or_none Wt>
auto average(X&& a, const axis_arg& axis, Wt&& weights, returned_t, bool keepdims = false) {
  return detail::average_of<true>(std::forward<X>(a), axis, std::forward<Wt>(weights), keepdims);
}

}  // namespace numfuse
