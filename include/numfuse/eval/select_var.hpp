// numfuse/eval/select_var.hpp -- evaluating select_var_node (nanvar/nanstd,
// var/std with where=) with the one engine and NumPy's algorithm
// (core/_methods.py _var, lib/nanfunctions.py nanvar): the count of the
// selected elements and their sum (keepdims) give the mean; the squared
// deviations of the selected elements are summed in a second reduction;
// the result is that sum over count - ddof (see select_var_node for the
// rule when that is <= 0). Three passes over the operand; no temporary of
// its size.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "numfuse/core/ndarray.hpp"  // assign() and prepare()
#include "numfuse/core/ndview.hpp"
#include "numfuse/expr/select_var.hpp"

namespace numfuse {
namespace detail {

/// The selection of a select_var_node as a bool node over refs to its
/// operand (and mask): built afresh for each pass.
template <class Acc, class A, bool SkipNan, bool Masked>
auto selection(const expr::select_var_node<Acc, A, SkipNan, Masked>& v) {
  using ref = expr::node_ref<A>;
  using notnan_t = expr::unary<op::logical_not, expr::unary<op::isnan, ref>>;
  using mask_t = expr::ref_leaf<ndview<const bool>>;
  if constexpr (SkipNan && Masked) {
    return expr::binary<op::logical_and, mask_t, notnan_t>(
        mask_t(v.mask), notnan_t(expr::unary<op::isnan, ref>(ref(v.a))));
  } else if constexpr (SkipNan) {
    return notnan_t(expr::unary<op::isnan, ref>(ref(v.a)));
  } else {
    static_assert(Masked, "select_var_node selects nothing out: use var_rows_node");
    return mask_t(v.mask);
  }
}

template <class Acc, class A, bool SkipNan, bool Masked>
void evaluate_select_var(const expr::select_var_node<Acc, A, SkipNan, Masked>& v) {
  using V = typename A::value_type;
  prepare(v.a);
  std::vector<int> axes;
  for (int d = 0; d < v.a.shape().size(); ++d) {
    if (v.reduces(d)) axes.push_back(d);
  }
  const axis_arg axis(axes);
  using ref = expr::node_ref<A>;
  using arr = expr::ref_leaf<ndarray<Acc>>;
  using sel_t = decltype(selection(v));
  // count of the selected values and their sum, keepdims
  expr::reduce_node<op::add, std::int64_t, sel_t> cnt(selection(v), axis, true);
  evaluate(cnt);
  using picked_t = expr::where_node<sel_t, ref, expr::scalar_leaf<V>>;
  expr::reduce_node<op::add, Acc, picked_t> total(
      picked_t(selection(v), ref(v.a), expr::scalar_leaf<V>(V(0))), axis, true);
  evaluate(total);
  using cntl_t = expr::ref_leaf<ndarray<std::int64_t>>;
  const ndarray<Acc> mean(expr::binary<op::divide, arr, expr::unary<op::cast<Acc>, cntl_t>>(
      arr(*total.result), expr::unary<op::cast<Acc>, cntl_t>(cntl_t(*cnt.result))));
  // sum of squared deviations of the selected values
  using dev_t = expr::where_node<sel_t, expr::binary<op::subtract, ref, arr>,
                                 expr::scalar_leaf<Acc>>;
  using sq_t = expr::unary<op::square, dev_t>;
  expr::reduce_node<op::add, Acc, sq_t> ss(
      sq_t(dev_t(selection(v), expr::binary<op::subtract, ref, arr>(ref(v.a), arr(mean)),
                 expr::scalar_leaf<Acc>(Acc(0)))),
      axis, v.keepdims);
  evaluate(ss);
  // ss / (count - ddof)
  const ndview<const std::int64_t> cnt_r(cnt.result->data(), v.shape_);  // same elements
  using cntv_t = expr::ref_leaf<ndview<const std::int64_t>>;
  using dof_t = expr::binary<op::subtract, expr::unary<op::cast<Acc>, cntv_t>, expr::scalar_leaf<Acc>>;
  const dof_t dof(expr::unary<op::cast<Acc>, cntv_t>(cntv_t(cnt_r)), expr::scalar_leaf<Acc>(Acc(v.ddof)));
  using dref = expr::node_ref<dof_t>;
  auto out = std::make_shared<ndarray<Acc>>(ndarray<Acc>::uninitialized(v.shape_));
  const auto write = [&](const auto& q) {
    if (v.root) {
      assign(out->data(), out->shape(), out->element_strides(),
             expr::unary<op::sqrt, std::remove_cvref_t<decltype(q)>>(q));
    } else {
      assign(out->data(), out->shape(), out->element_strides(), q);
    }
  };
  if constexpr (SkipNan) {  // nanvar: NaN where count - ddof <= 0
    write(expr::where_node<expr::binary<op::greater, dref, expr::scalar_leaf<Acc>>,
                           expr::binary<op::divide, arr, dref>, expr::scalar_leaf<Acc>>(
        expr::binary<op::greater, dref, expr::scalar_leaf<Acc>>(dref(dof), expr::scalar_leaf<Acc>(Acc(0))),
        expr::binary<op::divide, arr, dref>(arr(*ss.result), dref(dof)),
        expr::scalar_leaf<Acc>(std::numeric_limits<Acc>::quiet_NaN())));
  } else {  // var: divided by max(count - ddof, 0)
    using clip_t = expr::binary<op::maximum, dref, expr::scalar_leaf<Acc>>;
    write(expr::binary<op::divide, arr, clip_t>(
        arr(*ss.result), clip_t(dref(dof), expr::scalar_leaf<Acc>(Acc(0)))));
  }
  v.result = std::move(out);
}

}  // namespace detail

namespace expr {
template <class T, class A, bool N, bool M>
void evaluate(const select_var_node<T, A, N, M>& v) {
  numfuse::detail::evaluate_select_var(v);
}
}  // namespace expr

}  // namespace numfuse
