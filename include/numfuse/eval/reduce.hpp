// numfuse/eval/reduce.hpp -- evaluating reductions with the one engine:
// the result, seen with the operand's shape and stride 0 along the reduced
// axes, is operand 0 of an ordinary plan (make_plan coalesces it like any
// other), and the per-target reduce kernel runs the rows.
//
// prepare(node) computes every reduction of an expression (each once) before
// the expression's own pass, which then reads the results as array leaves.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "numfuse/core/errors.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/operands.hpp"
#include "numfuse/eval/plan.hpp"
#include "numfuse/eval/split.hpp"
#include "numfuse/expr/reduce.hpp"
#include "numfuse/simd/dispatch.hpp"

namespace numfuse {
namespace detail {

template <class Op>
constexpr const char* reduce_name() {
  return std::is_same_v<Op, op::maximum> ? "maximum" : "minimum";
}

template <class Node>
void prepare(const Node& node);

/// Computes r into a new array it keeps (r.result).
template <class Op, class Acc, class A>
void evaluate(const expr::reduce_node<Op, Acc, A>& r) {
  if constexpr (std::is_same_v<Op, op::maximum> || std::is_same_v<Op, op::minimum>) {
    if (r.count == 0 && !r.empty_ok) {
      throw value_error(std::string("zero-size array to reduction operation ") +
                        reduce_name<Op>() + " which has no identity");
    }
  }
  auto out = std::make_shared<ndarray<Acc>>(ndarray<Acc>::uninitialized(r.shape_));
  assign(out->data(), out->shape(), out->element_strides(),
         expr::scalar_leaf<Acc>(expr::reduce_identity<Op, Acc>()));
  const dims& in = r.a.shape();
  if (shape_size(in) != 0) {
    prepare(r.a);
    const dims ostrides = result_strides(in, r);  // stride 0 on reduced axes
    constexpr int K = 1 + expr::leaf_count_v<A>;
    operand_desc ops[K];
    ops[0] = {reinterpret_cast<std::uintptr_t>(out->data()), &in, &ostrides,
              std::ptrdiff_t(sizeof(Acc))};
    leaf_operands(r.a, ops + 1);
    plan<K> p;
    make_plan(p, in, ops);
    run_reduce_parallel<Op, Acc>(p, r.a);
  }
  r.result = std::move(out);
}

/// var/std: the mean (keepdims) in one pass, then the sum of squared
/// deviations in a second, divided by max(count - ddof, 0).
template <class Acc, class A>
void evaluate(const expr::var_node<Acc, A>& v) {
  prepare(v.a);
  std::vector<int> axes;
  for (int d = 0; d < v.a.shape().size(); ++d) {
    if ((v.axes >> d) & 1) axes.push_back(d);
  }
  const axis_arg axis(axes);
  using ref = expr::node_ref<A>;
  using sum_t = expr::reduce_node<op::add, Acc, ref>;
  sum_t total(ref(v.a), axis, true);
  evaluate(total);
  const ndarray<Acc> mean(expr::binary<op::divide, expr::ref_leaf<ndarray<Acc>>, expr::scalar_leaf<Acc>>(
      expr::ref_leaf<ndarray<Acc>>(*total.result), expr::scalar_leaf<Acc>(Acc(v.count))));
  using dev_t = expr::binary<op::subtract, ref, expr::ref_leaf<ndarray<Acc>>>;
  using sq_t = expr::binary<op::multiply, dev_t, dev_t>;
  const sq_t sq(dev_t(ref(v.a), expr::ref_leaf<ndarray<Acc>>(mean)),
                dev_t(ref(v.a), expr::ref_leaf<ndarray<Acc>>(mean)));
  expr::reduce_node<op::add, Acc, expr::node_ref<sq_t>> ss(expr::node_ref<sq_t>(sq), axis,
                                                           v.keepdims);
  evaluate(ss);
  const double n = std::max(double(v.count) - v.ddof, 0.0);
  auto out = std::make_shared<ndarray<Acc>>(ndarray<Acc>::uninitialized(v.shape_));
  const expr::ref_leaf<ndarray<Acc>> ssl(*ss.result);
  const auto q = expr::binary<op::divide, expr::ref_leaf<ndarray<Acc>>, expr::scalar_leaf<Acc>>(
      ssl, expr::scalar_leaf<Acc>(Acc(n)));
  if (v.root) {
    assign(out->data(), out->shape(), out->element_strides(),
           expr::unary<op::sqrt, std::remove_cvref_t<decltype(q)>>(q));
  } else {
    assign(out->data(), out->shape(), out->element_strides(), q);
  }
  v.result = std::move(out);
}

/// Computes every reduction in node that is not inside another one.
template <class Node>
void prepare(const Node& node) {
  if constexpr (expr::has_reduction_v<Node>) {
    expr::for_each_reduction(node, [](const auto& r) { evaluate(r); });
  }
}

}  // namespace detail

namespace expr {
template <class Op, dtype Acc, class A>
reduce_node<Op, Acc, A>::operator Acc() const {
  if (shape_size(shape_) != 1) {
    throw type_error("only size-1 arrays can be converted to Python scalars");
  }
  numfuse::detail::evaluate(*this);
  return result->data()[0];
}
}  // namespace expr

}  // namespace numfuse
