// numfuse/expr/operators.hpp -- C++ operators on arrays, views and
// expressions. Each builds a lazy node; nothing is computed here.
#pragma once

#include "numfuse/expr/make.hpp"

namespace numfuse {

/// True when (X, Y) is a valid pair for a numfuse binary operator.
template <class X, class Y>
concept operand_pair = operand<X> && operand<Y> && (array_operand<X> || array_operand<Y>);

#define NUMFUSE_BINARY_OPERATOR(SYM, OP)                          \
  template <class X, class Y>                                     \
    requires operand_pair<X, Y>                                   \
  auto operator SYM(X&& x, Y&& y) {                               \
    return expr::make_binary<op::OP>(std::forward<X>(x), std::forward<Y>(y)); \
  }
NUMFUSE_BINARY_OPERATOR(+, add)
NUMFUSE_BINARY_OPERATOR(-, subtract)
NUMFUSE_BINARY_OPERATOR(*, multiply)
NUMFUSE_BINARY_OPERATOR(/, divide)
NUMFUSE_BINARY_OPERATOR(==, equal)
NUMFUSE_BINARY_OPERATOR(!=, not_equal)
NUMFUSE_BINARY_OPERATOR(<, less)
NUMFUSE_BINARY_OPERATOR(<=, less_equal)
NUMFUSE_BINARY_OPERATOR(>, greater)
NUMFUSE_BINARY_OPERATOR(>=, greater_equal)
NUMFUSE_BINARY_OPERATOR(&, bitwise_and)
NUMFUSE_BINARY_OPERATOR(|, bitwise_or)
NUMFUSE_BINARY_OPERATOR(^, bitwise_xor)
#undef NUMFUSE_BINARY_OPERATOR

template <array_operand X>
auto operator-(X&& x) {
  return expr::make_unary<op::negative>(std::forward<X>(x));
}

/// ~x: bitwise NOT for integers, logical NOT for bool (np.invert).
template <array_operand X>
auto operator~(X&& x) {
  if constexpr (std::is_same_v<expr::value_t<X&&>, bool>) {
    return expr::make_unary<op::logical_not>(std::forward<X>(x));
  } else {
    return expr::make_unary<op::invert>(std::forward<X>(x));
  }
}

}  // namespace numfuse
