// numfuse/expr/select_var.hpp -- the variance of the selected elements of
// an operand, one node for three NumPy functions:
//   nanvar/nanstd                NaNs are not selected
//   var/std with where=mask      only elements where mask is true
//   nanvar/nanstd with where=    both
// A reduction-like node: eval/select_var.hpp computes it once, with NumPy's
// two-pass algorithm, before the expression that holds it is evaluated.
#pragma once

#include <memory>
#include <type_traits>

#include "numfuse/core/fwd.hpp"
#include "numfuse/core/ndview.hpp"
#include "numfuse/expr/node.hpp"
#include "numfuse/expr/reduce.hpp"

namespace numfuse::expr {

/// No where= mask (select_var_node's Mask when nothing is masked).
struct no_mask {};

/// The variance (root: standard deviation) over some axes of A of the
/// elements selected by SkipNan (NaNs are not) and by `mask` (where=, a
/// bool view broadcast to A's shape, when Masked). Acc is the float dtype
/// of the result. With SkipNan the result is NaN where count - ddof <= 0
/// (nanvar's rule); without it, the sum of squares is divided by
/// max(count - ddof, 0) (var's rule: inf, or NaN for 0/0).
template <dtype Acc, class A, bool SkipNan, bool Masked>
struct select_var_node : node_tag, reduced_shape {
  using value_type = Acc;
  using array_type = ndarray<Acc>;
  using mask_type = std::conditional_t<Masked, ndview<const bool>, no_mask>;
  A a;
  mask_type mask;
  double ddof = 0;
  bool root = false;  // std
  bool keepdims = false;
  mutable std::shared_ptr<ndarray<Acc>> result;

  select_var_node(A x, const axis_arg& axis, bool keep, double dd, bool sqrt_of, mask_type m = {})
      : reduced_shape(x.shape(), axis, keep), a(std::move(x)), mask(std::move(m)), ddof(dd),
        root(sqrt_of), keepdims(keep) {}
  const Acc* data() const noexcept { return result->data(); }
};

template <class T, class A, bool N, bool M>
inline constexpr bool is_array_leaf_v<select_var_node<T, A, N, M>> = true;
template <class T, class A, bool N, bool M>
inline constexpr int leaf_count_v<select_var_node<T, A, N, M>> = 1;
template <class T, class A, bool N, bool M>
inline constexpr bool is_reduce_v<select_var_node<T, A, N, M>> = true;
template <class T, class A, bool N, bool M>
inline constexpr bool has_reduction_v<select_var_node<T, A, N, M>> = true;

/// Computes v.result (eval/select_var.hpp); found by argument-dependent
/// lookup from prepare().
template <class T, class A, bool N, bool M>
void evaluate(const select_var_node<T, A, N, M>& v);

}  // namespace numfuse::expr
