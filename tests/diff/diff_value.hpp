// tests/diff/diff_value.hpp -- the differential tester's run-time values.
//
// numfuse expressions are compile-time templates; the driver interprets the
// generated expressions with a dynamically typed value (one of five dtypes)
// and a fixed menu of compiled forms: every node is evaluated by a switch
// over the op and the dtype (ops_*.cpp), and some depth-2/3 shapes of
// expression are evaluated as one fused numfuse expression (ops_fused.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <numfuse/numfuse.hpp>

namespace diff {
namespace np = numfuse;

/// An array operand: a view (any strides) and what keeps its memory alive.
template <class T>
struct arr {
  std::shared_ptr<const void> keep;
  np::ndview<const T> v;
};

using value = std::variant<arr<bool>, arr<std::int32_t>, arr<std::int64_t>, arr<float>, arr<double>>;

/// The dtype codes of the generated files, in the variant's order.
inline constexpr const char* dt_codes[] = {"b1", "i4", "i8", "f4", "f8"};

template <class T>
value wrap(np::ndarray<T>&& a) {
  auto p = std::make_shared<np::ndarray<T>>(std::move(a));
  const np::ndarray<T>& c = *p;
  return arr<T>{p, c.view()};
}

/// An expression the menu does not cover (a driver or generator bug).
struct unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One parsed expression node.
struct node {
  std::string name;            // op name, "x" for an input
  std::vector<node> kids;      // operands
  std::string arg;             // input number, axes, index list, shape...
};

/// The parsed reduction arguments.
struct reduce_args {
  np::axis_arg axis;
  bool keepdims = false;
};

value apply_unary(std::string_view name, const value& x);                  // ops_unary.cpp
value apply_cast(int to, const value& x);                                  // ops_unary.cpp
value apply_binary(std::string_view name, const value& a, const value& b); // ops_binary.cpp
value apply_where(const value& c, const value& x, const value& y);         // ops_binary.cpp
value apply_reduce(std::string_view name, const value& x, const reduce_args& r);  // ops_reduce.cpp
/// Views: ix, T, bt, rs (no kernels of their own but reshape's copy).
value apply_view(const node& n, const value& x);                           // ops_reduce.cpp

/// A fused form for n, given the values of its operands' operands, or
/// nullopt when n is not one of the compiled shapes (ops_fused.cpp).
using evaluator = value (*)(const node&);
std::optional<value> try_fused(const node& n, evaluator eval);
extern long fused_evaluations;  // how many nodes ran as one fused expression

reduce_args parse_reduce_args(const std::string& axes, const std::string& keep);

template <class F>
decltype(auto) with_dtype_index(const value& v, F&& f) {
  return std::visit(std::forward<F>(f), v);
}

}  // namespace diff
