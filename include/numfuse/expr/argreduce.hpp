// numfuse/expr/argreduce.hpp -- argmax, argmin, nanargmax, nanargmin: the
// arg-reduction node (plain data: the operand, the axis, keepdims) and the
// free functions. Evaluated by eval/argreduce.hpp with the per-target
// kernel simd/argreduce-inl.h; like any reduction it is a lazy int64 array
// operand, computed once before an expression that contains it.
//
//   std::int64_t i = np::argmax(a);             // flat index (axis=None)
//   np::ndarray<std::int64_t> j = np::argmin(A, 1);
//   auto k = np::nanargmax(A, 0, /*keepdims=*/true);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>

#include "numfuse/core/fwd.hpp"
#include "numfuse/expr/make.hpp"
#include "numfuse/expr/reduce.hpp"

namespace numfuse {
namespace expr {

/// The kind of an arg-reduction: largest or smallest; Nan: NaN is skipped
/// (nanargmax) instead of winning (argmax: the first NaN's index).
template <bool Max, bool Nan>
struct arg_op {
  static constexpr bool max = Max;
  static constexpr bool skip_nan = Nan;
  static constexpr const char* name =
      Max ? (Nan ? "nanargmax" : "argmax") : (Nan ? "nanargmin" : "argmin");
};

/// argmax/argmin of A over one axis or all axes (flat C-order index).
/// `result` is filled by the engine before any kernel reads this node.
template <class Op, class A>
struct arg_node : node_tag, reduced_shape {
  using value_type = std::int64_t;
  using array_type = ndarray<std::int64_t>;
  using op_type = Op;
  A a;
  mutable std::shared_ptr<ndarray<std::int64_t>> result;

  arg_node(A x, std::optional<int> axis, bool keepdims)
      : reduced_shape(x.shape(), axis ? axis_arg(*axis) : axis_arg(), keepdims), a(std::move(x)) {}
  const std::int64_t* data() const noexcept { return result->data(); }
  /// A size-1 result converts to its index (eval/argreduce.hpp).
  operator std::int64_t() const;  // NOLINT: NumPy returns a scalar
};

template <class O, class A> inline constexpr bool is_array_leaf_v<arg_node<O, A>> = true;
template <class O, class A> inline constexpr int leaf_count_v<arg_node<O, A>> = 1;
template <class O, class A> inline constexpr bool is_reduce_v<arg_node<O, A>> = true;
template <class O, class A> inline constexpr bool has_reduction_v<arg_node<O, A>> = true;

/// Computes r.result (eval/argreduce.hpp); found by argument-dependent
/// lookup from prepare().
template <class O, class A>
void evaluate(const arg_node<O, A>& r);

}  // namespace expr

namespace detail {
template <bool Max, bool Nan, class X>
auto make_arg(X&& x, std::optional<int> axis, bool keepdims) {
  return expr::arg_node<expr::arg_op<Max, Nan>, expr::stored_t<X&&>>(
      expr::wrap(std::forward<X>(x)), axis, keepdims);
}
}  // namespace detail

/// np.argmax(a, axis=None, keepdims=False): int64 indices of the largest
/// values (the first one on ties; the first NaN if there is one). An empty
/// reduction raises value_error.
template <array_operand X>
auto argmax(X&& x, std::optional<int> axis = std::nullopt, bool keepdims = false) {
  return detail::make_arg<true, false>(std::forward<X>(x), axis, keepdims);
}
/// np.argmin.
template <array_operand X>
auto argmin(X&& x, std::optional<int> axis = std::nullopt, bool keepdims = false) {
  return detail::make_arg<false, false>(std::forward<X>(x), axis, keepdims);
}
/// np.nanargmax: NaNs ignored; an all-NaN slice raises value_error
/// ("All-NaN slice encountered"). Integers: argmax.
template <array_operand X>
auto nanargmax(X&& x, std::optional<int> axis = std::nullopt, bool keepdims = false) {
  constexpr bool f = std::is_floating_point_v<expr::value_t<X&&>>;
  return detail::make_arg<true, f>(std::forward<X>(x), axis, keepdims);
}
/// np.nanargmin.
template <array_operand X>
auto nanargmin(X&& x, std::optional<int> axis = std::nullopt, bool keepdims = false) {
  constexpr bool f = std::is_floating_point_v<expr::value_t<X&&>>;
  return detail::make_arg<false, f>(std::forward<X>(x), axis, keepdims);
}

}  // namespace numfuse
