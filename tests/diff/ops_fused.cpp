// tests/diff/ops_fused.cpp -- depth-2/3 expression shapes evaluated as ONE
// numfuse expression (one fused kernel), so the differential test exercises
// fusion, not only one kernel per node:
//   op1(op2(A, B), C)        op1, op2 in {add, subtract, multiply}; int64, float32, float64
//   op(u(A), B)              u in {sin, exp, sqrt, absolute}, op in {add, multiply}; float32, float64
//   where(cmp(A, B), C, D)   cmp in {less, greater}; int32, float64
//   sum(multiply(A, B), axes, keepdims)                        int64, float32, float64
// with every operand of the same dtype; anything else is evaluated node by
// node from the same operand values.
#include "diff_value.hpp"

namespace diff {
namespace {


template <class T>
std::optional<value> arith2(std::string_view o1, std::string_view o2, const value& va, const value& vb,
                            const value& vc) {
  if (!std::holds_alternative<arr<T>>(va) || !std::holds_alternative<arr<T>>(vb) ||
      !std::holds_alternative<arr<T>>(vc)) {
    return std::nullopt;
  }
  const auto& a = std::get<arr<T>>(va).v;
  const auto& b = std::get<arr<T>>(vb).v;
  const auto& c = std::get<arr<T>>(vc).v;
  auto inner = [&](auto&& f) -> value {
    if (o2 == "add") return f(np::add(a, b));
    if (o2 == "subtract") return f(np::subtract(a, b));
    return f(np::multiply(a, b));
  };
  return inner([&](auto&& ab) -> value {
    if (o1 == "add") return wrap(np::eval(np::add(std::move(ab), c)));
    if (o1 == "subtract") return wrap(np::eval(np::subtract(std::move(ab), c)));
    return wrap(np::eval(np::multiply(std::move(ab), c)));
  });
}

template <class T>
std::optional<value> unary_binary(std::string_view u, std::string_view o, const value& va, const value& vb) {
  if (!std::holds_alternative<arr<T>>(va) || !std::holds_alternative<arr<T>>(vb)) return std::nullopt;
  const auto& a = std::get<arr<T>>(va).v;
  const auto& b = std::get<arr<T>>(vb).v;
  auto outer = [&](auto&& ua) -> value {
    if (o == "add") return wrap(np::eval(np::add(std::move(ua), b)));
    return wrap(np::eval(np::multiply(std::move(ua), b)));
  };
  if (u == "sin") return outer(np::sin(a));
  if (u == "exp") return outer(np::exp(a));
  if (u == "sqrt") return outer(np::sqrt(a));
  return outer(np::absolute(a));
}

template <class T>
std::optional<value> where_cmp(std::string_view cmp, const value& va, const value& vb, const value& vc,
                               const value& vd) {
  for (const value* v : {&va, &vb, &vc, &vd}) {
    if (!std::holds_alternative<arr<T>>(*v)) return std::nullopt;
  }
  const auto& a = std::get<arr<T>>(va).v;
  const auto& b = std::get<arr<T>>(vb).v;
  const auto& c = std::get<arr<T>>(vc).v;
  const auto& d = std::get<arr<T>>(vd).v;
  if (cmp == "less") return wrap(np::eval(np::where(np::less(a, b), c, d)));
  return wrap(np::eval(np::where(np::greater(a, b), c, d)));
}

template <class T>
std::optional<value> sum_product(const value& va, const value& vb, const reduce_args& r) {
  if (!std::holds_alternative<arr<T>>(va) || !std::holds_alternative<arr<T>>(vb)) return std::nullopt;
  const auto& a = std::get<arr<T>>(va).v;
  const auto& b = std::get<arr<T>>(vb).v;
  return wrap(np::eval(np::sum(np::multiply(a, b), r.axis, r.keepdims)));
}

bool is_arith(const std::string& s) { return s == "add" || s == "subtract" || s == "multiply"; }

}  // namespace

long fused_evaluations = 0;

std::optional<value> try_fused(const node& n, evaluator eval) {
  if (is_arith(n.name) && n.kids.size() == 2 && is_arith(n.kids[0].name) && n.kids[0].kids.size() == 2) {
    const value a = eval(n.kids[0].kids[0]), b = eval(n.kids[0].kids[1]), c = eval(n.kids[1]);
    if (auto r = arith2<std::int64_t>(n.name, n.kids[0].name, a, b, c)) return ++fused_evaluations, r;
    if (auto r = arith2<float>(n.name, n.kids[0].name, a, b, c)) return ++fused_evaluations, r;
    if (auto r = arith2<double>(n.name, n.kids[0].name, a, b, c)) return ++fused_evaluations, r;
    return apply_binary(n.name, apply_binary(n.kids[0].name, a, b), c);
  }
  if ((n.name == "add" || n.name == "multiply") && n.kids.size() == 2) {
    const std::string& u = n.kids[0].name;
    if (u == "sin" || u == "exp" || u == "sqrt" || u == "absolute") {
      const value a = eval(n.kids[0].kids[0]), b = eval(n.kids[1]);
      if (auto r = unary_binary<float>(u, n.name, a, b)) return ++fused_evaluations, r;
      if (auto r = unary_binary<double>(u, n.name, a, b)) return ++fused_evaluations, r;
      return apply_binary(n.name, apply_unary(u, a), b);
    }
  }
  if (n.name == "where" && (n.kids[0].name == "less" || n.kids[0].name == "greater")) {
    const value a = eval(n.kids[0].kids[0]), b = eval(n.kids[0].kids[1]);
    const value c = eval(n.kids[1]), d = eval(n.kids[2]);
    if (auto r = where_cmp<std::int32_t>(n.kids[0].name, a, b, c, d)) return ++fused_evaluations, r;
    if (auto r = where_cmp<double>(n.kids[0].name, a, b, c, d)) return ++fused_evaluations, r;
    return apply_where(apply_binary(n.kids[0].name, a, b), c, d);
  }
  if (n.name == "sum" && n.kids[0].name == "multiply") {
    const auto bar = n.arg.find('|');
    const reduce_args ra = parse_reduce_args(n.arg.substr(0, bar), n.arg.substr(bar + 1));
    const value a = eval(n.kids[0].kids[0]), b = eval(n.kids[0].kids[1]);
    if (auto r = sum_product<std::int64_t>(a, b, ra)) return ++fused_evaluations, r;
    if (auto r = sum_product<float>(a, b, ra)) return ++fused_evaluations, r;
    if (auto r = sum_product<double>(a, b, ra)) return ++fused_evaluations, r;
    return apply_reduce("sum", apply_binary("multiply", a, b), ra);
  }
  return std::nullopt;
}

}  // namespace diff
