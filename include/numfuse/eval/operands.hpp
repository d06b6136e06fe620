// numfuse/eval/operands.hpp -- how the planner sees an expression's leaves
// and a reduction's result (operand_desc, eval/plan.hpp): shared by every
// evaluation that builds its own plan (reductions, argmax, scans, var).
#pragma once

#include <cstdint>
#include <type_traits>

#include "numfuse/core/shape.hpp"
#include "numfuse/eval/plan.hpp"
#include "numfuse/expr/node.hpp"

namespace numfuse::detail {

/// Strides of 1 element (an iota leaf's "address" is its index).
inline const dims& unit_strides() {
  static const dims s{1};
  return s;
}

/// Writes the operand_desc of every array/iota leaf of node, in evaluation
/// order, to ops[0], ops[1], ...
template <class Node>
void leaf_operands(const Node& node, operand_desc* ops) {
  int k = 0;
  expr::for_each_leaf(node, [&](const auto& leaf) {
    using L = std::remove_cvref_t<decltype(leaf)>;
    using T = typename L::value_type;
    if constexpr (expr::is_array_leaf_v<L>) {
      ops[k] = {reinterpret_cast<std::uintptr_t>(leaf.data()), &leaf.shape(),
                &leaf.element_strides(), std::ptrdiff_t(sizeof(T))};
    } else {
      ops[k] = {0, &leaf.shape(), &unit_strides(), 1};
    }
    ++k;
  });
}

/// The C-order element strides of a reduction's result seen with the
/// operand's shape `in`: 0 along the axes r reduces.
template <class R>
dims result_strides(const dims& in, const R& r) {
  dims st(in.size());
  std::ptrdiff_t s = 1;
  for (int d = in.size() - 1; d >= 0; --d) {
    st[d] = r.reduces(d) ? 0 : s;
    if (!r.reduces(d)) s *= in[d];
  }
  return st;
}

}  // namespace numfuse::detail
