// numfuse/expr/functions.hpp -- NumPy's elementwise functions (ufuncs) as
// lazy numfuse functions with NumPy's names.
#pragma once

#include "numfuse/expr/make.hpp"

namespace numfuse {

#define NUMFUSE_UNARY_FUNCTION(NAME, OP)                         \
  template <array_operand X>                                     \
  auto NAME(X&& x) {                                             \
    return expr::make_unary<op::OP>(std::forward<X>(x));         \
  }
NUMFUSE_UNARY_FUNCTION(negative, negative)
NUMFUSE_UNARY_FUNCTION(absolute, absolute)
NUMFUSE_UNARY_FUNCTION(abs, absolute)
NUMFUSE_UNARY_FUNCTION(logical_not, logical_not)
NUMFUSE_UNARY_FUNCTION(sqrt, sqrt)
NUMFUSE_UNARY_FUNCTION(floor, floor)
NUMFUSE_UNARY_FUNCTION(ceil, ceil)
NUMFUSE_UNARY_FUNCTION(trunc, trunc)
NUMFUSE_UNARY_FUNCTION(exp, exp)
NUMFUSE_UNARY_FUNCTION(log, log)
NUMFUSE_UNARY_FUNCTION(sin, sin)
NUMFUSE_UNARY_FUNCTION(cos, cos)
#undef NUMFUSE_UNARY_FUNCTION

/// np.invert / np.bitwise_not: ~x.
template <array_operand X>
auto invert(X&& x) {
  return ~std::forward<X>(x);
}
template <array_operand X>
auto bitwise_not(X&& x) {
  return ~std::forward<X>(x);
}

#define NUMFUSE_BINARY_FUNCTION(NAME)                                        \
  template <class X, class Y>                                                \
    requires operand<X> && operand<Y> && (array_operand<X> || array_operand<Y>) \
  auto NAME(X&& x, Y&& y) {                                                  \
    return expr::make_binary<op::NAME>(std::forward<X>(x), std::forward<Y>(y)); \
  }
NUMFUSE_BINARY_FUNCTION(add)
NUMFUSE_BINARY_FUNCTION(subtract)
NUMFUSE_BINARY_FUNCTION(multiply)
NUMFUSE_BINARY_FUNCTION(divide)
NUMFUSE_BINARY_FUNCTION(maximum)
NUMFUSE_BINARY_FUNCTION(minimum)
NUMFUSE_BINARY_FUNCTION(equal)
NUMFUSE_BINARY_FUNCTION(not_equal)
NUMFUSE_BINARY_FUNCTION(less)
NUMFUSE_BINARY_FUNCTION(less_equal)
NUMFUSE_BINARY_FUNCTION(greater)
NUMFUSE_BINARY_FUNCTION(greater_equal)
NUMFUSE_BINARY_FUNCTION(logical_and)
NUMFUSE_BINARY_FUNCTION(logical_or)
NUMFUSE_BINARY_FUNCTION(logical_xor)
NUMFUSE_BINARY_FUNCTION(bitwise_and)
NUMFUSE_BINARY_FUNCTION(bitwise_or)
NUMFUSE_BINARY_FUNCTION(bitwise_xor)
#undef NUMFUSE_BINARY_FUNCTION

/// np.true_divide: alias of divide.
template <class X, class Y>
  requires operand<X> && operand<Y> && (array_operand<X> || array_operand<Y>)
auto true_divide(X&& x, Y&& y) {
  return expr::make_binary<op::divide>(std::forward<X>(x), std::forward<Y>(y));
}

/// np.where(cond, x, y): x where cond is true, else y; x and y broadcast with
/// cond and promote as for a binary op (scalars are weak).
template <array_operand C, operand X, operand Y>
auto where(C&& cond, X&& x, Y&& y) {
  auto xs = expr::where_branch<X, Y>(std::forward<X>(x));
  auto ys = expr::where_branch<Y, X>(std::forward<Y>(y));
  return expr::where_node<expr::stored_t<C&&>, decltype(xs), decltype(ys)>(
      expr::wrap(std::forward<C>(cond)), std::move(xs), std::move(ys));
}

/// Lazy conversion of an expression to dtype To (ndarray::astype evaluates).
template <dtype To, array_operand X>
auto astype(X&& x) {
  return expr::make_unary<op::cast<To>>(std::forward<X>(x));
}

}  // namespace numfuse
