// tests/diff/ops_unary.cpp -- unary ufuncs and astype for the diff driver.
#include "diff_value.hpp"

namespace diff {
namespace {
template <class T> inline constexpr bool is_b = std::is_same_v<T, bool>;
template <class T> inline constexpr bool is_f = std::is_floating_point_v<T>;
}  // namespace

// X(name, valid for operand dtype T): the generator's rules (NumPy's, minus
// what differs between NumPy 1.24 and 2).
#define DIFF_UNARY_LIST(X)  \
  X(negative, !is_b<T>)     \
  X(absolute, true)         \
  X(square, !is_b<T>)       \
  X(sign, !is_b<T>)         \
  X(sqrt, !is_b<T>)         \
  X(exp, !is_b<T>)          \
  X(log, !is_b<T>)          \
  X(sin, !is_b<T>)          \
  X(cos, !is_b<T>)          \
  X(floor, is_f<T>)         \
  X(ceil, is_f<T>)          \
  X(trunc, is_f<T>)         \
  X(rint, !is_b<T>)         \
  X(isnan, true)            \
  X(isinf, true)            \
  X(isfinite, true)         \
  X(logical_not, true)      \
  X(invert, !is_f<T>)

value apply_unary(std::string_view name, const value& x) {
  return std::visit(
      [&]<class T>(const arr<T>& a) -> value {
#define DIFF_X(op, ok)                                                   \
  if (name == #op) {                                                     \
    if constexpr (ok) return wrap(np::eval(np::op(a.v)));                \
    throw unsupported(std::string(#op) + " of " + std::string(np::dtype_name<T>())); \
  }
        DIFF_UNARY_LIST(DIFF_X)
#undef DIFF_X
        if (name == "absmod9") {  // |x| % 9: the generator's valid integer exponents
          if constexpr (std::is_integral_v<T> && !is_b<T>) {
            return wrap(np::eval(np::remainder(np::absolute(a.v), T(9))));
          }
        }
        throw unsupported("unary " + std::string(name) + " of " + std::string(np::dtype_name<T>()));
      },
      x);
}

value apply_cast(int to, const value& x) {
  return std::visit(
      [&]<class T>(const arr<T>& a) -> value {
        switch (to) {
          case 0: return wrap(np::eval(np::astype<bool>(a.v)));
          case 1: return wrap(np::eval(np::astype<std::int32_t>(a.v)));
          case 2: return wrap(np::eval(np::astype<std::int64_t>(a.v)));
          case 3: return wrap(np::eval(np::astype<float>(a.v)));
          case 4: return wrap(np::eval(np::astype<double>(a.v)));
        }
        throw unsupported("astype to dtype #" + std::to_string(to));
      },
      x);
}

}  // namespace diff
