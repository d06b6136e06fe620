// numfuse/expr/ops.hpp -- the op table: one tag per operation, with the
// traits that drive typing (kind), error messages (name) and, later, the
// thread cost model (cost, in "adds" per element).
//
// Adding an elementwise op: a row here, its vector code in
// simd/ops-inl.h, a free function in expr/functions.hpp, a doc row and a
// golden row.
#pragma once

namespace numfuse::op {

enum class kind {
  arithmetic,   // + - * maximum minimum: result = promoted type
  true_divide,  // /: integers promote to float64
  compare,      // == != < <= > >=: result bool
  logical,      // logical_and/or/xor: result bool, operands as truth values
  bitwise,      // & | ^: integers and bool only
  math,         // sqrt exp log sin cos: float result
  sign,         // negative, absolute: same type
  invert,       // ~: integers and bool only
};

#define NUMFUSE_BINARY_OPS(X)                      \
  X(add, arithmetic, 1)                            \
  X(subtract, arithmetic, 1)                       \
  X(multiply, arithmetic, 1)                       \
  X(divide, true_divide, 4)                        \
  X(maximum, arithmetic, 2)                        \
  X(minimum, arithmetic, 2)                        \
  X(equal, compare, 1)                             \
  X(not_equal, compare, 1)                         \
  X(less, compare, 1)                              \
  X(less_equal, compare, 1)                        \
  X(greater, compare, 1)                           \
  X(greater_equal, compare, 1)                     \
  X(logical_and, logical, 1)                       \
  X(logical_or, logical, 1)                        \
  X(logical_xor, logical, 1)                       \
  X(bitwise_and, bitwise, 1)                       \
  X(bitwise_or, bitwise, 1)                        \
  X(bitwise_xor, bitwise, 1)

#define NUMFUSE_UNARY_OPS(X)                       \
  X(negative, sign, 1)                             \
  X(absolute, sign, 1)                             \
  X(invert, invert, 1)                             \
  X(logical_not, logical, 1)                       \
  X(sqrt, math, 8)                                 \
  X(floor, math, 1)                                \
  X(ceil, math, 1)                                 \
  X(trunc, math, 1)                                \
  X(exp, math, 20)                                 \
  X(log, math, 20)                                 \
  X(sin, math, 25)                                 \
  X(cos, math, 25)

#define NUMFUSE_DEFINE_OP(NAME, KIND, COST)                \
  struct NAME {                                            \
    static constexpr const char* name = #NAME;             \
    static constexpr op::kind kind = op::kind::KIND;       \
    static constexpr int cost = COST;                      \
  };
NUMFUSE_BINARY_OPS(NUMFUSE_DEFINE_OP)
NUMFUSE_UNARY_OPS(NUMFUSE_DEFINE_OP)
#undef NUMFUSE_DEFINE_OP

/// Conversion to To (astype): a unary op parameterised by the target dtype.
template <class To>
struct cast {
  static constexpr const char* name = "astype";
  static constexpr int cost = 1;
};

/// where(cond, x, y): the one ternary op.
struct where {
  static constexpr const char* name = "where";
  static constexpr int cost = 1;
};

}  // namespace numfuse::op
