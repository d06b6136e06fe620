// numfuse/eval/argreduce.hpp -- evaluating argmax/argmin (and the nan
// forms) with the one engine. The plan's operands are
//   0       the int64 index result, stride 0 along the reduced axes,
//   1..K-2  the operand's leaves,
//   K-1     the best value so far (a scratch array shaped like the result,
//           in the kernel's compare dtype), stride 0 along the reduced axes;
// the per-target kernel (simd/argreduce-inl.h) runs the rows. A parallel
// layer may split the plan along non-reduced dimensions: each result
// element's rows are still visited in increasing index order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>

#include "numfuse/core/errors.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/operands.hpp"
#include "numfuse/eval/plan.hpp"
#include "numfuse/eval/split.hpp"
#include "numfuse/core/ndarray.hpp"  // assign() and prepare()
#include "numfuse/expr/argreduce.hpp"
#include "numfuse/expr/reductions.hpp"
#include "numfuse/simd/dispatch.hpp"

namespace numfuse {
namespace detail {

using expr::arg_none;

/// The lane type the kernel compares in: the dtype itself for 4- and 8-byte
/// dtypes, int32 for bool and 1-/2-byte integers (exact, order preserving).
template <class T>
using arg_lane_t = std::conditional_t<(sizeof(T) >= 4), T, std::int32_t>;

/// A whole-array argmax/argmin of a one-dimensional plan p (one result,
/// operands 0 and K-1 at stride 0) on `threads` threads: the row is cut into
/// pieces whose (index, best value) the kernel finds in parallel -- a
/// two-dimensional plan whose outer dimension is not reduced -- and the
/// pieces are folded in order with the kernel's own rule
/// (expr::arg_better), so the index is the serial one. False (nothing run)
/// when there is only one piece.
template <class Op, class C, int K>
bool arg_by_pieces(const plan<K>& p, kernel_call run, double cost, int threads) {
  const std::ptrdiff_t n = p.shape[0];
  const std::ptrdiff_t pieces = chunk_count(cost, threads);
  const std::ptrdiff_t len = (n + pieces - 1) / pieces;
  const std::ptrdiff_t full = n / len, rem = n - full * len;
  const std::ptrdiff_t count = full + (rem != 0);
  if (count < 2) return false;
  auto index = std::make_unique<std::int64_t[]>(static_cast<std::size_t>(count));
  auto best = std::make_unique<C[]>(static_cast<std::size_t>(count));
  std::fill_n(index.get(), count, arg_none);
  std::fill_n(best.get(), count, C(0));
  const auto at = [](const auto* ptr, std::ptrdiff_t i) { return reinterpret_cast<std::uintptr_t>(ptr + i); };
  plan<K> a = pieces_plan(p, full, len);  // piece j's index and best: index[j], best[j]
  a.strides[0][0] = std::ptrdiff_t(sizeof(std::int64_t));
  a.strides[K - 1][0] = std::ptrdiff_t(sizeof(C));
  a.base[0] = at(index.get(), 0);
  a.base[K - 1] = at(best.get(), 0);
  if (!cut_by_results(a, cost, threads, run)) run(a);
  if (rem != 0) {  // the last, shorter piece
    plan<K> b = sub_plan(p, 0, full * len, n);
    b.base[0] = at(index.get(), full);
    b.base[K - 1] = at(best.get(), full);
    run(b);
  }
  std::int64_t bi = arg_none;
  C bv = C(0);
  for (std::ptrdiff_t j = 0; j < count; ++j) {  // index[j] == arg_none: an all-NaN piece
    if (index[j] != arg_none && expr::arg_better<Op>(best[j], index[j] + j * len, bv, bi)) {
      bi = index[j] + j * len;
      bv = best[j];
    }
  }
  *reinterpret_cast<std::int64_t*>(p.base[0]) = bi;
  return true;
}

template <class Op, class A>
void evaluate_arg(const expr::arg_node<Op, A>& r) {
  using T = typename A::value_type;
  using C = arg_lane_t<T>;
  const std::ptrdiff_t outn = shape_size(r.shape_);
  if (r.count == 0 && outn != 0) {
    if constexpr (Op::skip_nan) {
      throw value_error("All-NaN slice encountered");  // NumPy 1.24's message here
    } else {
      throw value_error(std::string("attempt to get ") + Op::name + " of an empty sequence");
    }
  }
  auto out = std::make_shared<ndarray<std::int64_t>>(ndarray<std::int64_t>::uninitialized(r.shape_));
  assign(out->data(), out->shape(), out->element_strides(), expr::scalar_leaf<std::int64_t>(arg_none));
  const dims& in = r.a.shape();
  if (shape_size(in) != 0) {
    auto best = ndarray<C>::uninitialized(r.shape_);
    assign(best.data(), best.shape(), best.element_strides(), expr::scalar_leaf<C>(C(0)));
    prepare(r.a);
    const dims ostrides = result_strides(in, r);  // stride 0 on reduced axes
    constexpr int K = 2 + expr::leaf_count_v<A>;
    operand_desc ops[K];
    ops[0] = {reinterpret_cast<std::uintptr_t>(out->data()), &in, &ostrides,
              std::ptrdiff_t(sizeof(std::int64_t))};
    leaf_operands(r.a, ops + 1);
    ops[K - 1] = {reinterpret_cast<std::uintptr_t>(best.data()), &in, &ostrides,
                  std::ptrdiff_t(sizeof(C))};
    plan<K> p;
    make_plan(p, in, ops);
    // In parallel over result elements when large (argmax(A, 1)); a single
    // argmax over a one-dimensional plan in pieces.
    const kernel_call run{&argreduce_dispatch<Op, T, A>::call, &r.a};
    const double elem_cost = double(expr::cost_v<A> + 2);
    const double cost = double(plan_size(p)) * elem_cost;
    const int threads = parallel_threads(cost);
    const bool one_row = p.ndim == 1 && p.strides[0][0] == 0;
    if (!(one_row && threads > 1 && arg_by_pieces<Op, C>(p, run, cost, threads))) {
      run_by_results(p, elem_cost, run);
    }
  }
  if constexpr (Op::skip_nan) {
    // A slice that held only NaNs kept "no index". (Counted in int64
    // lanes: any() of an int64 comparison runs its bool kernel, whose
    // 8-lane byte vectors widened to int64 exceed AVX2/SSE4 vectors.)
    using cmp_t = expr::binary<op::equal, expr::ref_leaf<ndarray<std::int64_t>>,
                               expr::scalar_leaf<std::int64_t>>;
    if (outn != 0 &&
        std::int64_t(sum<std::int64_t>(cmp_t(expr::ref_leaf<ndarray<std::int64_t>>(*out),
                                             expr::scalar_leaf<std::int64_t>(arg_none)))) != 0) {
      throw value_error("All-NaN slice encountered");
    }
  }
  r.result = std::move(out);
}

}  // namespace detail

namespace expr {
template <class O, class A>
void evaluate(const arg_node<O, A>& r) {
  numfuse::detail::evaluate_arg(r);
}

template <class O, class A>
arg_node<O, A>::operator std::int64_t() const {
  if (shape_size(shape_) != 1) {
    throw type_error("only size-1 arrays can be converted to Python scalars");
  }
  numfuse::detail::evaluate_arg(*this);
  return result->data()[0];
}
}  // namespace expr

}  // namespace numfuse
