// numfuse/eval/assign.hpp -- the one entry into the evaluation engine:
// check broadcasting, make overlapping operands safe, plan, dispatch.
// Every operation that writes elements (construction from an expression,
// assignment into arrays and views, fills, copies, astype, arange...) comes
// through assign().
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

#include "numfuse/core/fwd.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/operands.hpp"
#include "numfuse/eval/overlap.hpp"
#include "numfuse/eval/plan.hpp"
#include "numfuse/eval/split.hpp"
#include "numfuse/expr/make.hpp"
#include "numfuse/expr/reduce.hpp"
#include "numfuse/simd/dispatch.hpp"

namespace numfuse::detail {

/// Throws NumPy's error when `from` cannot be broadcast into `to`.
inline void check_broadcast_into(const dims& from, const dims& to) {
  bool ok = from.size() <= to.size();
  for (int i = 0; ok && i < from.size(); ++i) {
    const auto f = from[from.size() - 1 - i];
    ok = f == 1 || f == to[to.size() - 1 - i];
  }
  if (!ok) {
    throw value_error("could not broadcast input array from shape " + shape_str_compact(from) +
                      " into shape " + shape_str_compact(to));
  }
}


/// Makes an owned contiguous copy of a leaf (used when it overlaps the
/// output in a way that elementwise evaluation would not see through).
template <class T>
std::shared_ptr<ndarray<T>> copy_of(const T* data, const dims& shape, const dims& estrides);

/// Whether shape s is (sh[0], ..., sh[nd-1]). One loop with an early exit:
/// not vectorized and no memcmp call, so a 1-d shape costs one compare (a
/// vectorized loop's masked prologue and epilogue, or a call, cost more than
/// the whole kernel on 8 elements).
[[gnu::always_inline]] inline bool same_extents(const dims& s, const dims::value_type* sh,
                                                int nd) noexcept {
  if (s.size() != nd) return false;
  const dims::value_type* a = s.data();
  for (int d = 0; d < nd; ++d) {
    if (a[d] != sh[d]) return false;
  }
  return true;
}

/// The fast path of assign(): when the output is C-contiguous and every
/// array leaf has the output's shape, is C-contiguous as well, and either
/// does not touch the output's bytes or reads exactly its elements, the
/// whole assignment is one contiguous row of n elements. Fills that
/// one-dimensional plan and returns true; returns false (nothing else to
/// conclude) when any condition fails, for the general path to handle.
/// This skips make_plan and the general overlap analysis, which dominate
/// the cost of small assignments; it is written for few instructions.
/// When building the node found every leaf's shape equal to the node's
/// (expr::leaves_same), the output's shape is compared once, with the
/// node's; otherwise with each leaf's.
template <int K, dtype Out, class Node>
bool contiguous_plan(plan<K>& p, Out* data, const dims& shape, const dims& estrides,
                     const Node& node) {
  const int nd = shape.size();
  const dims::value_type* const sh = shape.data();
  const dims::value_type* const st = estrides.data();
  std::ptrdiff_t n = 1;
  for (int d = nd - 1; d >= 0; --d) {
    if (sh[d] != 1 && st[d] != n) return false;
    n *= sh[d];
  }
  const auto lo = reinterpret_cast<std::uintptr_t>(data);
  const auto hi = lo + static_cast<std::uintptr_t>(n) * sizeof(Out);
  p.ndim = 1;
  p.contiguous = true;
  p.leaves_contiguous = true;
  p.shape[0] = n;
  p.base[0] = lo;
  // Each leaf: the output's shape, C-contiguous, and either disjoint from
  // the output's bytes or exactly its elements (read before written).
  const bool same = K == 1 || (expr::leaves_same(node) && same_extents(node.shape(), sh, nd));
  bool ok = true;
  int k = 1;
  expr::for_each_leaf(node, [&](const auto& leaf) {
    using L = std::remove_cvref_t<decltype(leaf)>;
    using T = typename L::value_type;
    bool fits;
    if constexpr (requires { leaf.is_c_contiguous(); }) {
      fits = leaf.is_c_contiguous();  // arrays and views: a stored flag
    } else if constexpr (expr::is_array_leaf_v<L>) {
      fits = c_contiguous(leaf.shape(), leaf.element_strides());  // reduction results
    } else {
      fits = true;  // iota
    }
    if (!same) {
      fits &= same_extents(leaf.shape(), sh, nd);
    }
    if constexpr (expr::is_array_leaf_v<L>) {
      const auto b = reinterpret_cast<std::uintptr_t>(leaf.data());
      const auto e = b + static_cast<std::uintptr_t>(n) * sizeof(T);
      ok &= fits & ((e <= lo) | (hi <= b) | (b == lo && sizeof(T) == sizeof(Out)));
      p.base[k] = b;
    } else {  // iota: the "address" is the index
      ok &= fits;
      p.base[k] = 0;
    }
    ++k;
  });
  return ok;
}

/// The byte strides and element sizes of a plan contiguous_plan() filled
/// (it sets only the base and the shape): each operand's element size (1
/// for an iota).
template <dtype Out, int K, class Node>
void unit_strides_of(plan<K>& p, const Node& node) {
  p.strides[0][0] = p.itemsize[0] = sizeof(Out);
  int k = 1;
  expr::for_each_leaf(node, [&](const auto& leaf) {
    using L = std::remove_cvref_t<decltype(leaf)>;
    p.strides[k][0] = p.itemsize[k] = expr::is_array_leaf_v<L> ? sizeof(typename L::value_type) : 1;
    ++k;
  });
}

/// The general path of assign(): broadcasting, strided operands, and
/// operands that overlap the output (copied first). Kept out of line so
/// that the fast path stays a small function.
template <dtype Out, class Node>
HWY_NOINLINE void assign_general(Out* data, const dims& shape, const dims& estrides,
                                 const Node& node) {
  check_broadcast_into(node.shape(), shape);
  if (shape_size(shape) == 0) return;
  constexpr int K = 1 + expr::leaf_count_v<Node>;
  operand_desc ops[K];
  ops[0] = {reinterpret_cast<std::uintptr_t>(data), &shape, &estrides, std::ptrdiff_t(sizeof(Out))};
  std::vector<std::shared_ptr<void>> keep;  // copies of overlapping operands
  int k = 1;
  expr::for_each_leaf(node, [&](const auto& leaf) {
    using L = std::remove_cvref_t<decltype(leaf)>;
    using T = typename L::value_type;
    if constexpr (expr::is_array_leaf_v<L>) {
      operand_desc d{reinterpret_cast<std::uintptr_t>(leaf.data()), &leaf.shape(),
                     &leaf.element_strides(), std::ptrdiff_t(sizeof(T))};
      if (may_share_memory(ops[0], d) && !same_elements(ops[0], d)) {
        auto copy = copy_of<T>(leaf.data(), leaf.shape(), leaf.element_strides());
        d = {reinterpret_cast<std::uintptr_t>(copy->data()), &copy->shape(),
             &copy->element_strides(), std::ptrdiff_t(sizeof(T))};
        keep.push_back(std::move(copy));
      }
      ops[k++] = d;
    } else {  // iota: the "address" is the index
      ops[k++] = {0, &leaf.shape(), &unit_strides(), 1};
    }
  });
  plan<K> p;
  make_plan(p, shape, ops);
  run_assign_parallel<Out>(p, node);
}

/// Evaluates node into the strided output (data, shape, element strides).
/// node's shape must broadcast into shape. Overlap between the output and
/// any operand gives NumPy's result (as if operands were copied first);
/// a copy is made only when the overlap is real.
template <class Node>
void prepare(const Node& node);  // eval/reduce.hpp

template <dtype Out, class Node>
void assign(Out* data, const dims& shape, const dims& estrides, const Node& node) {
  prepare(node);  // reductions inside the expression, each computed once
  constexpr int K = 1 + expr::leaf_count_v<Node>;
  // Fast path. Every leaf having the output's shape, node.shape() (the
  // broadcast of the leaves' shapes and the scalars' ()) broadcasts into
  // it: no broadcast check is needed. An empty output runs an empty row.
  plan<K> p;
  if (contiguous_plan(p, data, shape, estrides, node)) {
    // Small work goes straight to the kernel; the rest may go parallel.
    constexpr std::ptrdiff_t serial_below = NUMFUSE_PARALLEL_MIN_COST / (expr::cost_v<Node> + 1);
    if (HWY_LIKELY(p.shape[0] < serial_below)) {
      run_assign<Out>(p, node);
    } else {
      unit_strides_of<Out>(p, node);
      run_assign_parallel<Out>(p, node);
    }
  } else {
    assign_general(data, shape, estrides, node);
  }
}

/// assign() for any array operand (array, view or expression).
template <dtype Out, array_operand E>
void assign_operand(Out* data, const dims& shape, const dims& estrides, const E& e) {
  if constexpr (expr::node<E>) {
    assign(data, shape, estrides, e);
  } else if constexpr (adv_proxy<E>) {
    assign(data, shape, estrides, expr::wrap(e));
  } else {
    assign(data, shape, estrides, expr::ref_leaf<E>(e));
  }
}

}  // namespace numfuse::detail

#include "numfuse/eval/reduce.hpp"  // prepare(): after assign(), which it uses
