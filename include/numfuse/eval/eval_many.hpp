// numfuse/eval/eval_many.hpp -- np::eval(e1, e2, ...): several lazy results
// evaluated together, returned as a std::tuple of new arrays:
//
//   auto [mu, sd] = np::eval(np::mean(A, 1), np::std(A, 1));
//
// Each result is what np::eval(e_i) gives, bit for bit. Results that can
// share a pass do: a mean and a var/std of the same operand (the same
// arrays, views or expression leaves) over the same axes with the same
// keepdims are one pass of the var kernel, which writes the row means it
// computes anyway (otherwise NumPy's two statements read the operand twice).
// Everything else is evaluated one after the other, left to right.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "numfuse/core/ndarray.hpp"
#include "numfuse/eval/var_rows.hpp"
#include "numfuse/expr/reduce.hpp"

namespace numfuse {

namespace detail {

/// mean(x, axis, keepdims) as np::mean builds it: sum / count.
template <class E>
struct mean_parts : std::false_type {};
template <dtype Acc, class A>
struct mean_parts<expr::binary<op::divide, expr::reduce_node<op::add, Acc, A>,
                               expr::scalar_leaf<Acc>>> : std::true_type {
  using acc = Acc;
  using operand = A;
};

template <class E>
struct var_parts : std::false_type {};
template <dtype Acc, class A>
struct var_parts<expr::var_rows_node<Acc, A>> : std::true_type {
  using acc = Acc;
  using operand = A;
};

/// Can the var/std v also give the mean m: the same accumulator, an
/// operand that is one array or view in both (the same data, shape and
/// strides), the same axes and result shape, and m's divisor the count.
/// Expression operands (mean(a * b, 1)) are not compared: not fused.
template <class M, class V>
bool mean_fuses(const M& m, const V& v) {
  if constexpr (mean_parts<M>::value && var_parts<V>::value) {
    using A = typename var_parts<V>::operand;
    if constexpr (std::is_same_v<typename mean_parts<M>::acc, typename var_parts<V>::acc> &&
                  expr::is_array_leaf_v<typename mean_parts<M>::operand> &&
                  expr::is_array_leaf_v<A>) {
      using Acc = typename var_parts<V>::acc;
      const auto& r = m.a;  // the sum
      const auto& x = r.a;
      const auto& y = v.a;
      using X = std::remove_cvref_t<decltype(x)>;
      if constexpr (!std::is_same_v<typename X::value_type, typename A::value_type>) {
        return false;
      } else {
        return r.axes == v.axes && r.shape() == v.shape() && m.b.value == Acc(r.count) &&
               static_cast<const void*>(x.data()) == static_cast<const void*>(y.data()) &&
               x.shape() == y.shape() && x.element_strides() == y.element_strides();
      }
    } else {
      return false;
    }
  } else {
    return false;
  }
}

/// If e_J is a var/std and e_I a mean it can give (neither done yet): both
/// in one pass.
template <std::size_t J, std::size_t I, class Out, class Args>
void fuse_pair(Out& out, const Args& args, bool* done) {
  using VJ = std::remove_cvref_t<std::tuple_element_t<J, Args>>;
  using MI = std::remove_cvref_t<std::tuple_element_t<I, Args>>;
  if constexpr (var_parts<VJ>::value && mean_parts<MI>::value) {
    const auto& v = std::get<J>(args);
    if (done[J] || done[I] || !mean_fuses(std::get<I>(args), v)) return;
    if (evaluate_var_rows(v, &std::get<I>(out))) done[I] = true;
    std::get<J>(out) = std::move(*v.result);
    v.result.reset();
    done[J] = true;
  }
}
template <std::size_t J, class Out, class Args, std::size_t... I>
void fuse_with(Out& out, const Args& args, bool* done, std::index_sequence<I...>) {
  (fuse_pair<J, I>(out, args, done), ...);
}
template <class Out, class Args, std::size_t... J>
void fuse_all(Out& out, const Args& args, bool* done, std::index_sequence<J...> all) {
  (fuse_with<J>(out, args, done, all), ...);
}
template <class Out, class Args, std::size_t... I>
void eval_rest(Out& out, const Args& args, const bool* done, std::index_sequence<I...>) {
  ((done[I] ? void() : void(std::get<I>(out) = numfuse::eval(std::get<I>(args)))), ...);
}

}  // namespace detail

/// Evaluates two or more array operands; see the top of this file. Each
/// var/std takes the first mean it can give, left to right.
template <array_operand... E>
  requires(sizeof...(E) >= 2)
auto eval(const E&... e) {
  std::tuple<ndarray<expr::value_t<const E&>>...> out;
  const std::tuple<const E&...> args(e...);
  bool done[sizeof...(E)] = {};
  detail::fuse_all(out, args, done, std::index_sequence_for<E...>{});
  detail::eval_rest(out, args, done, std::index_sequence_for<E...>{});
  return out;
}

}  // namespace numfuse
