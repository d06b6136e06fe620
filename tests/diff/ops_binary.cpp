// tests/diff/ops_binary.cpp -- binary ufuncs and where for the diff driver.
// Operands of different dtypes are converted to NumPy's common dtype first
// (one kernel per op and dtype), except for add and less, which are also
// compiled for every mixed pair (in-register conversion in the kernels).
#include "diff_value.hpp"

namespace diff {
namespace {
template <class T> inline constexpr bool is_b = std::is_same_v<T, bool>;
template <class T> inline constexpr bool is_f = std::is_floating_point_v<T>;

template <class T>
constexpr int index_of() {
  if constexpr (std::is_same_v<T, bool>) return 0;
  else if constexpr (std::is_same_v<T, std::int32_t>) return 1;
  else if constexpr (std::is_same_v<T, std::int64_t>) return 2;
  else if constexpr (std::is_same_v<T, float>) return 3;
  else return 4;
}

int common_index(const value& a, const value& b) {
  return std::visit([]<class A, class B>(const arr<A>&, const arr<B>&) { return index_of<np::promote_t<A, B>>(); },
                    a, b);
}

value to_index(int p, const value& v) { return int(v.index()) == p ? v : apply_cast(p, v); }
}  // namespace

#define DIFF_BINARY_LIST(X) \
  X(add, true)              \
  X(subtract, !is_b<T>)     \
  X(multiply, true)         \
  X(divide, true)           \
  X(floor_divide, !is_b<T>) \
  X(remainder, !is_b<T>)    \
  X(fmod, !is_b<T>)         \
  X(power, !is_b<T>)        \
  X(maximum, true)          \
  X(minimum, true)          \
  X(fmax, true)             \
  X(fmin, true)             \
  X(copysign, is_f<T>)      \
  X(bitwise_and, !is_f<T>)  \
  X(bitwise_or, !is_f<T>)   \
  X(bitwise_xor, !is_f<T>)  \
  X(logical_and, true)      \
  X(logical_or, true)       \
  X(logical_xor, true)      \
  X(equal, true)            \
  X(not_equal, true)        \
  X(less, true)             \
  X(less_equal, true)       \
  X(greater, true)          \
  X(greater_equal, true)

value apply_binary(std::string_view name, const value& a, const value& b) {
  if (a.index() != b.index() && (name == "add" || name == "less")) {
    return std::visit(
        [&]<class A, class B>(const arr<A>& x, const arr<B>& y) -> value {
          if (name == "add") return wrap(np::eval(np::add(x.v, y.v)));
          return wrap(np::eval(np::less(x.v, y.v)));
        },
        a, b);
  }
  const int p = common_index(a, b);
  const value ca = to_index(p, a), cb = to_index(p, b);
  return std::visit(
      [&]<class T>(const arr<T>& x) -> value {
        const arr<T>& y = std::get<arr<T>>(cb);
#define DIFF_X(op, ok)                                                                \
  if (name == #op) {                                                                  \
    if constexpr (ok) return wrap(np::eval(np::op(x.v, y.v)));                        \
    throw unsupported(std::string(#op) + " of " + std::string(np::dtype_name<T>())); \
  }
        DIFF_BINARY_LIST(DIFF_X)
#undef DIFF_X
        throw unsupported("binary " + std::string(name));
      },
      ca);
}

value apply_where(const value& c, const value& x, const value& y) {
  const value cc = to_index(0, c);
  const int p = common_index(x, y);
  const value cx = to_index(p, x), cy = to_index(p, y);
  const auto& cond = std::get<arr<bool>>(cc);
  return std::visit(
      [&]<class T>(const arr<T>& a) -> value {
        return wrap(np::eval(np::where(cond.v, a.v, std::get<arr<T>>(cy).v)));
      },
      cx);
}

}  // namespace diff
