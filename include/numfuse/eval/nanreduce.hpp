// numfuse/eval/nanreduce.hpp -- evaluating nanvar/nanstd with the one
// engine, NumPy's algorithm (lib/nanfunctions.py): the count of non-NaN
// values and their sum (keepdims) give the mean; the squared deviations of
// the non-NaN values are summed in a second reduction; the result is that
// sum over count - ddof, NaN where count - ddof <= 0. Three passes over the
// operand; no temporary of its size.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "numfuse/core/ndarray.hpp"  // assign() and prepare()
#include "numfuse/core/ndview.hpp"
#include "numfuse/expr/nanreductions.hpp"

namespace numfuse {
namespace detail {

template <class Acc, class A>
void evaluate_nanvar(const expr::nanvar_node<Acc, A>& v) {
  using V = typename A::value_type;
  prepare(v.a);
  std::vector<int> axes;
  for (int d = 0; d < v.a.shape().size(); ++d) {
    if (v.reduces(d)) axes.push_back(d);
  }
  const axis_arg axis(axes);
  using ref = expr::node_ref<A>;
  using isnan_t = expr::unary<op::isnan, ref>;
  using arr = expr::ref_leaf<ndarray<Acc>>;
  // count of non-NaN values and their sum, keepdims
  expr::reduce_node<op::add, std::int64_t, expr::unary<op::logical_not, isnan_t>> cnt(
      expr::unary<op::logical_not, isnan_t>(isnan_t(ref(v.a))), axis, true);
  evaluate(cnt);
  using filled_t = expr::where_node<isnan_t, expr::scalar_leaf<V>, ref>;
  expr::reduce_node<op::add, Acc, filled_t> total(
      filled_t(isnan_t(ref(v.a)), expr::scalar_leaf<V>(V(0)), ref(v.a)), axis, true);
  evaluate(total);
  using cntl_t = expr::ref_leaf<ndarray<std::int64_t>>;
  const ndarray<Acc> mean(expr::binary<op::divide, arr, expr::unary<op::cast<Acc>, cntl_t>>(
      arr(*total.result), expr::unary<op::cast<Acc>, cntl_t>(cntl_t(*cnt.result))));
  // sum of squared deviations of the non-NaN values
  using dev_t = expr::where_node<isnan_t, expr::scalar_leaf<Acc>,
                                 expr::binary<op::subtract, ref, arr>>;
  using sq_t = expr::unary<op::square, dev_t>;
  expr::reduce_node<op::add, Acc, sq_t> ss(
      sq_t(dev_t(isnan_t(ref(v.a)), expr::scalar_leaf<Acc>(Acc(0)),
                 expr::binary<op::subtract, ref, arr>(ref(v.a), arr(mean)))),
      axis, v.keepdims);
  evaluate(ss);
  // ss / (count - ddof), NaN where count - ddof <= 0
  const ndview<const std::int64_t> cnt_r(cnt.result->data(), v.shape_);  // same elements
  using cntv_t = expr::ref_leaf<ndview<const std::int64_t>>;
  using dof_t = expr::binary<op::subtract, expr::unary<op::cast<Acc>, cntv_t>, expr::scalar_leaf<Acc>>;
  const dof_t dof(expr::unary<op::cast<Acc>, cntv_t>(cntv_t(cnt_r)), expr::scalar_leaf<Acc>(Acc(v.ddof)));
  using dref = expr::node_ref<dof_t>;
  const auto q = expr::where_node<expr::binary<op::greater, dref, expr::scalar_leaf<Acc>>,
                                  expr::binary<op::divide, arr, dref>, expr::scalar_leaf<Acc>>(
      expr::binary<op::greater, dref, expr::scalar_leaf<Acc>>(dref(dof), expr::scalar_leaf<Acc>(Acc(0))),
      expr::binary<op::divide, arr, dref>(arr(*ss.result), dref(dof)),
      expr::scalar_leaf<Acc>(std::numeric_limits<Acc>::quiet_NaN()));
  auto out = std::make_shared<ndarray<Acc>>(ndarray<Acc>::uninitialized(v.shape_));
  if (v.root) {
    assign(out->data(), out->shape(), out->element_strides(),
           expr::unary<op::sqrt, std::remove_cvref_t<decltype(q)>>(q));
  } else {
    assign(out->data(), out->shape(), out->element_strides(), q);
  }
  v.result = std::move(out);
}

}  // namespace detail

namespace expr {
template <class T, class A>
void evaluate(const nanvar_node<T, A>& v) {
  numfuse::detail::evaluate_nanvar(v);
}
}  // namespace expr

}  // namespace numfuse
