// numfuse/expr/ops.hpp -- the op table: one tag per operation, with the
// traits that drive typing (kind), error messages (name) and, later, the
// thread cost model (cost, in "adds" per element). The transcendental
// rows are calibrated on bench_ufunc (float64, AVX-512): exp = 20 took
// 1.8 ns per element.
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
  predicate,    // isnan isinf isfinite signbit: unary, result bool
  logical,      // logical_and/or/xor: result bool, operands as truth values
  bitwise,      // & | ^: integers and bool only
  math,         // sqrt exp log sin cos: float result
  sign,         // negative, absolute: same type
  invert,       // ~: integers and bool only
  int_arith,    // floor_divide remainder fmod power: promoted type, bool -> int8
  int_only,     // left/right_shift gcd lcm: integers only, bool -> int8
  float_binary, // copysign heaviside nextafter: float result (math_result_t)
  int_unary,    // sign square reciprocal positive: same type, bool -> int8
  rounding,     // floor ceil trunc: floats as is, integers unchanged (NumPy >= 2.1)
  math64,       // sinc: floats as is, integers and bool -> float64 (a Python function in NumPy)
  float_power,  // float_power: always float64
  ldexp,        // ldexp(x, n): float of x (math_result_t), n an integer
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
  X(bitwise_xor, bitwise, 1)                       \
  X(floor_divide, int_arith, 8)                    \
  X(remainder, int_arith, 8)                       \
  X(fmod, int_arith, 8)                            \
  X(power, int_arith, 20)                          \
  X(left_shift, int_only, 1)                       \
  X(right_shift, int_only, 1)                      \
  X(gcd, int_only, 40)                             \
  X(lcm, int_only, 40)                             \
  X(heaviside, float_binary, 2)                    \
  X(copysign, float_binary, 1)                     \
  X(nextafter, float_binary, 8)                    \
  X(fmax, arithmetic, 2)                           \
  X(fmin, arithmetic, 2)                           \
  X(around, arithmetic, 4) /* float x, splat +-10^d */ \
  X(logaddexp, float_binary, 58)                   \
  X(logaddexp2, float_binary, 90)                  \
  X(arctan2, float_binary, 34)                     \
  X(hypot, float_binary, 25)                       \
  X(float_power, float_power, 300) /* lane by lane (libm pow) */ \
  X(ldexp, ldexp, 4)

#define NUMFUSE_UNARY_OPS(X)                       \
  X(negative, sign, 1)                             \
  X(absolute, sign, 1)                             \
  X(invert, invert, 1)                             \
  X(isnan, predicate, 1)                           \
  X(isinf, predicate, 1)                           \
  X(isfinite, predicate, 1)                        \
  X(signbit, predicate, 1)                         \
  X(logical_not, logical, 1)                       \
  X(sqrt, math, 8)                                 \
  X(floor, rounding, 1)                            \
  X(ceil, rounding, 1)                             \
  X(trunc, rounding, 1)                            \
  X(rint, math, 1)                                 \
  X(sign, int_unary, 2)                            \
  X(square, int_unary, 1)                          \
  X(reciprocal, int_unary, 4)                      \
  X(positive, int_unary, 1)                        \
  X(spacing, math, 4)                              \
  X(deg2rad, math, 1)                              \
  X(rad2deg, math, 1)                              \
  X(nan_to_num, sign, 2)                           \
  X(exp, math, 20)                                 \
  X(log, math, 20)                                 \
  X(sin, math, 25)                                 \
  X(cos, math, 25)                                 \
  X(exp2, math, 28)                                \
  X(expm1, math, 25)                               \
  X(log2, math, 23)                                \
  X(log10, math, 23)                               \
  X(log1p, math, 22)                               \
  X(cbrt, math, 37)                                \
  X(tan, math, 33)                                 \
  X(arcsin, math, 19)                              \
  X(arccos, math, 20)                              \
  X(arctan, math, 23)                              \
  X(sinh, math, 30)                                \
  X(cosh, math, 25)                                \
  X(tanh, math, 33)                                \
  X(arcsinh, math, 65)                             \
  X(arccosh, math, 60)                             \
  X(arctanh, math, 35)                             \
  X(sinc, math64, 28)                              \
  X(fabs, math, 1)                                 \
  X(modf_frac, math, 2)                            \
  X(modf_whole, math, 1)                           \
  X(frexp_mant, math, 4)                           \
  X(frexp_exp, math, 4) /* the exponent as a float */

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
