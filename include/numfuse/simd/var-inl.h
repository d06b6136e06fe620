// numfuse/simd/var-inl.h -- the per-target kernel of var/std when each
// result element reduces exactly one row of the plan (var(A, 1) of a
// C-ordered A, a full reduction of a contiguous array): both of NumPy's
// passes -- the mean, then the sum of squared deviations -- run on one row
// while it is in cache, instead of one pass over the whole operand each.
// The sums are the reduction kernel's own (NumPy's pairwise summation in
// 8192-element chunks), so results are those of the two-pass evaluation
// in eval/reduce.hpp, bit for bit.

#if defined(NUMFUSE_SIMD_VAR_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_VAR_INL_H_
#undef NUMFUSE_SIMD_VAR_INL_H_
#else
#define NUMFUSE_SIMD_VAR_INL_H_
#endif

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "numfuse/eval/plan.hpp"
#include "numfuse/expr/node.hpp"
#include "numfuse/simd/evaluator-inl.h"
#include "numfuse/simd/reduce-inl.h"

#ifndef NUMFUSE_VAR_ROWS_ARGS_DEFINED  // once, not per target
#define NUMFUSE_VAR_ROWS_ARGS_DEFINED
namespace numfuse::detail {
/// What the var-rows kernel needs besides the plan: the operand, ddof, sqrt,
/// and optionally where to write each row's mean too (np::eval(mean(A, 1),
/// std(A, 1)), eval/eval_many.hpp): mean_delta bytes after its result.
template <class Node>
struct var_rows_args {
  const Node* node;
  double ddof;
  bool root;
  bool write_mean = false;
  std::ptrdiff_t mean_delta = 0;
};
}  // namespace numfuse::detail
#endif

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

template <class Acc, class Node>
struct var_rows_kernel {
  static constexpr int K = 1 + expr::leaf_count_v<Node>;
  // (a - mean)**2 with the row's mean as a scalar: the same leaves as a.
  using dev_t = expr::binary<op::subtract, expr::node_ref<Node>, expr::scalar_leaf<Acc>>;
  using sq_t = expr::unary<op::square, dev_t>;
  using sum_a = reduce_kernel<op::add, Acc, Node>;
  using sum_sq = reduce_kernel<op::add, Acc, sq_t>;
  static constexpr std::size_t chunk = 8192;  // as reduce_kernel::reduce_row

  template <class RK, class E, class N>
  static Acc row_sum(E& ev, const N& node, const std::uintptr_t* ptrs, const std::ptrdiff_t* st,
                     std::size_t n) {
    const typename RK::row_ctx r{&node, ptrs, st, n};
    Acc total = Acc(0);
    for (std::size_t c = 0; c < n; c += chunk) {
      total = total + RK::pairwise_sum(ev, r, c, std::min(chunk, n - c));
    }
    return total;
  }

  template <row_access Access>
  static void rows(const detail::plan<K>& p, const detail::var_rows_args<Node>& args) {
    const Node& node = *args.node;
    evaluator<Node, 1, Access> ev(node);
    std::ptrdiff_t st[K];
    std::uintptr_t ptrs[K];
    for (int k = 0; k < K; ++k) {
      st[k] = p.inner_stride(k);
      ptrs[k] = p.base[k];
    }
    const std::size_t n = static_cast<std::size_t>(p.inner_size());
    const Acc count = Acc(n);
    const Acc div = Acc(std::max(double(n) - args.ddof, 0.0));
    std::ptrdiff_t idx[maxdims] = {};
    do {
      ev.begin_row(ptrs, st);
      const Acc mean = row_sum<sum_a>(ev, node, ptrs, st, n) / count;
      if (args.write_mean) *reinterpret_cast<Acc*>(ptrs[0] + args.mean_delta) = mean;
      const sq_t sq{dev_t{expr::node_ref<Node>{node}, expr::scalar_leaf<Acc>{mean}}};
      evaluator<sq_t, 1, Access> ev2(sq);
      ev2.begin_row(ptrs, st);
      const Acc q = row_sum<sum_sq>(ev2, sq, ptrs, st, n) / div;
      *reinterpret_cast<Acc*>(ptrs[0]) = args.root ? std::sqrt(q) : q;
    } while (detail::next_row(p, ptrs, idx));
  }

  static void run(const void* plan, const void* args) {
    const auto& p = *static_cast<const detail::plan<K>*>(plan);
    const auto& a = *static_cast<const detail::var_rows_args<Node>*>(args);
    if (p.leaves_contiguous) {
      rows<row_access::unit>(p, a);
    } else {
      rows<row_access::any>(p, a);
    }
  }
};

template <class Acc, class Node>
void var_rows_entry(const void* plan, const void* args) {
  var_rows_kernel<Acc, Node>::run(plan, args);
}

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
