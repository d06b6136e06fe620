// numfuse/eval/var_rows.hpp -- var/std with both passes per row: when each
// result element reduces exactly one row of the plan (the reduced axes are
// the innermost ones and coalesce into one, e.g. std(A, 1) of a C-ordered
// A), the kernel simd/var-inl.h computes a row's mean and then its squared
// deviations while the row is in cache. Otherwise the two-pass evaluation
// of eval/reduce.hpp runs (one pass over the whole operand each). Both give
// the same bits: the same pairwise sums in the same order.
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>

#include "numfuse/core/ndarray.hpp"  // assign() and prepare()
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/operands.hpp"
#include "numfuse/eval/plan.hpp"
#include "numfuse/eval/split.hpp"
#include "numfuse/expr/reduce.hpp"
#include "numfuse/simd/dispatch.hpp"

namespace numfuse {
namespace detail {

/// Computes v into v.result. With `mean` (np::eval of a mean and a var/std
/// of the same operand and axes, eval/eval_many.hpp), the one-row kernel
/// also writes each row's mean -- the same bits as mean(): the same
/// pairwise sum divided by the same count -- into a new array *mean, and
/// returns true; false when the two-pass fallback ran (*mean untouched).
template <class Acc, class A>
bool evaluate_var_rows(const expr::var_rows_node<Acc, A>& v, ndarray<Acc>* mean = nullptr) {
  const dims& in = v.a.shape();
  if (shape_size(in) != 0) {
    prepare(v.a);  // reductions inside the operand (again in the fallback)
    auto out = std::make_shared<ndarray<Acc>>(ndarray<Acc>::uninitialized(v.shape_));
    const dims ostrides = result_strides(in, v);  // stride 0 on reduced axes
    constexpr int K = 1 + expr::leaf_count_v<A>;
    operand_desc ops[K];
    ops[0] = {reinterpret_cast<std::uintptr_t>(out->data()), &in, &ostrides,
              std::ptrdiff_t(sizeof(Acc))};
    leaf_operands(v.a, ops + 1);
    plan<K> p;
    make_plan(p, in, ops);
    bool one_row = p.strides[0][p.ndim - 1] == 0;
    for (int d = 0; d + 1 < p.ndim; ++d) one_row = one_row && p.strides[0][d] != 0;
    if (one_row) {
      var_rows_args<A> args{&v.a, v.ddof, v.root};
      if (mean) {
        *mean = ndarray<Acc>::uninitialized(v.shape_);
        args.write_mean = true;
        args.mean_delta = reinterpret_cast<std::intptr_t>(mean->data()) -
                          reinterpret_cast<std::intptr_t>(out->data());
      }
      run_by_results(p, double(2 * expr::cost_v<A> + 4),
                     kernel_call{&var_rows_dispatch<Acc, A>::call, &args});
      v.result = std::move(out);
      return mean != nullptr;
    }
  }
  evaluate(static_cast<const expr::var_node<Acc, A>&>(v));  // two passes (eval/reduce.hpp)
  return false;
}

}  // namespace detail

namespace expr {
template <class T, class A>
void evaluate(const var_rows_node<T, A>& v) {
  numfuse::detail::evaluate_var_rows(v);
}
}  // namespace expr

}  // namespace numfuse
