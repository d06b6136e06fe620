// numfuse/expr/cumulative.hpp -- cumsum, cumprod, nancumsum, nancumprod:
// the scan node (plain data: the operand, the axis, the result's shape) and
// the free functions. Like a reduction, a scan is a lazy array operand,
// computed once by the engine (eval/scan.hpp, kernel simd/scan-inl.h)
// before an expression that contains it reads it.
//
//   np::ndarray<double> c = np::cumsum(a);        // axis=None: flattened
//   np::ndarray<std::int64_t> p = np::cumprod(i32, 1);
//   auto n = np::nancumsum(A, 0) / np::arange(1.0, 4.0).reshape({3, 1});
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "numfuse/core/errors.hpp"
#include "numfuse/core/fwd.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/expr/make.hpp"
#include "numfuse/expr/nanreductions.hpp"
#include "numfuse/expr/reduce.hpp"
#include "numfuse/expr/reductions.hpp"

namespace numfuse {
namespace expr {

/// Cumulative Op (add: cumsum, multiply: cumprod) of A along `axis`
/// (-1 after normalisation means axis=None: the flattened operand).
template <class Op, dtype Acc, class A>
struct scan_node : node_tag {
  using value_type = Acc;
  using array_type = ndarray<Acc>;
  using op_type = Op;
  A a;
  int axis = -1;  // normalised; -1: flattened
  dims shape_;
  dims estrides_;
  mutable std::shared_ptr<ndarray<Acc>> result;

  scan_node(A x, std::optional<int> ax) : a(std::move(x)) {
    const dims& s = a.shape();
    if (ax) {
      const int nd = s.size();
      if (*ax < -nd || *ax >= nd) {
        throw axis_error("axis " + std::to_string(*ax) + " is out of bounds for array of dimension " +
                         std::to_string(nd));
      }
      axis = *ax < 0 ? *ax + nd : *ax;
      shape_ = s;
    } else {
      shape_ = dims{shape_size(s)};
    }
    estrides_ = numfuse::detail::c_strides(shape_);
  }
  const dims& shape() const noexcept { return shape_; }
  const dims& element_strides() const noexcept { return estrides_; }
  const Acc* data() const noexcept { return result->data(); }
};

template <class O, class T, class A> inline constexpr bool is_array_leaf_v<scan_node<O, T, A>> = true;
template <class O, class T, class A> inline constexpr int leaf_count_v<scan_node<O, T, A>> = 1;
template <class O, class T, class A> inline constexpr bool is_reduce_v<scan_node<O, T, A>> = true;
template <class O, class T, class A> inline constexpr bool has_reduction_v<scan_node<O, T, A>> = true;

/// Computes s.result (eval/scan.hpp); found by argument-dependent lookup
/// from prepare().
template <class O, class T, class A>
void evaluate(const scan_node<O, T, A>& s);

}  // namespace expr

namespace detail {
template <class Op, class Acc, class X>
auto make_scan(X&& x, std::optional<int> axis) {
  return expr::scan_node<Op, Acc, expr::stored_t<X&&>>(expr::wrap(std::forward<X>(x)), axis);
}
}  // namespace detail

/// np.cumsum(a, axis=None, dtype=None): int64 for bool and signed
/// integers, uint64 for unsigned ones, floats unchanged (NumPy's sum
/// accumulator); integers wrap. axis=None scans the flattened operand.
template <class T = void, array_operand X>
auto cumsum(X&& x, std::optional<int> axis = std::nullopt) {
  using Acc = detail::dtype_or_t<T, detail::sum_acc_t<expr::value_t<X&&>>>;
  return detail::make_scan<op::add, Acc>(std::forward<X>(x), axis);
}

/// np.cumprod.
template <class T = void, array_operand X>
auto cumprod(X&& x, std::optional<int> axis = std::nullopt) {
  using Acc = detail::dtype_or_t<T, detail::sum_acc_t<expr::value_t<X&&>>>;
  return detail::make_scan<op::multiply, Acc>(std::forward<X>(x), axis);
}

/// np.nancumsum: NaNs count as 0 (fused: cumsum of where(isnan(a), 0, a)).
template <class T = void, array_operand X>
auto nancumsum(X&& x, std::optional<int> axis = std::nullopt) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    return cumsum<T>(detail::nan_replaced(std::forward<X>(x), V(0)), axis);
  } else {
    return cumsum<T>(std::forward<X>(x), axis);
  }
}

/// np.nancumprod: NaNs count as 1.
template <class T = void, array_operand X>
auto nancumprod(X&& x, std::optional<int> axis = std::nullopt) {
  using V = expr::value_t<X&&>;
  if constexpr (std::is_floating_point_v<V>) {
    return cumprod<T>(detail::nan_replaced(std::forward<X>(x), V(1)), axis);
  } else {
    return cumprod<T>(std::forward<X>(x), axis);
  }
}

}  // namespace numfuse
