// numfuse/expr/make.hpp -- turning operands into nodes: arrays and views by
// reference (lvalues) or by value (rvalues), scalars converted under NEP 50.
#pragma once

#include <limits>
#include <string>
#include <type_traits>
#include <utility>

#include "numfuse/core/errors.hpp"
#include "numfuse/expr/node.hpp"

namespace numfuse {

/// Anything that can be an array operand: ndarray, ndview, expression, or
/// the advanced-index proxy (a[mask], a[idx]; gathered into a copy).
template <class X>
concept array_operand = array_like<X> || expr::node<X> || adv_proxy<X>;

/// Any operand: an array operand or a C++ arithmetic scalar.
template <class X>
concept operand = array_operand<X> || scalar_type<std::remove_cvref_t<X>>;

namespace expr {

namespace detail {
template <class X, bool = adv_proxy<X>>
struct adv_stored {
  using type = void;
};
template <class X>
struct adv_stored<X, true> {
  using type = own_leaf<ndarray<typename std::remove_cvref_t<X>::value_type>>;
};
}  // namespace detail

/// The stored form of an array operand X&&: arrays and views by reference
/// (lvalues) or by value, expressions likewise, an advanced-index proxy as
/// the array of the elements it selects.
template <class X>
using stored_t = std::conditional_t<
    adv_proxy<X>, typename detail::adv_stored<X>::type,
    std::conditional_t<
    array_like<X>,
    std::conditional_t<std::is_lvalue_reference_v<X>, ref_leaf<std::remove_cvref_t<X>>,
                       own_leaf<std::remove_cvref_t<X>>>,
    std::conditional_t<std::is_lvalue_reference_v<X>, node_ref<std::remove_cvref_t<X>>,
                       std::remove_cvref_t<X>>>>;

template <array_operand X>
stored_t<X&&> wrap(X&& x) {
  if constexpr (adv_proxy<X>) {
    return stored_t<X&&>(x.copy());  // NumPy's a[idx]: a copy, read now
  } else if constexpr (array_like<X> && !std::is_lvalue_reference_v<X>) {
    return stored_t<X&&>(std::remove_cvref_t<X>(std::forward<X>(x)));
  } else if constexpr (array_like<X> || std::is_lvalue_reference_v<X>) {
    return stored_t<X&&>(x);
  } else {
    return std::move(x);
  }
}

/// dtype of an array operand.
template <class X>
using value_t = typename stored_t<X>::value_type;

/// A weak scalar converted to dtype C, as NumPy 2 does: an integer that does
/// not fit an integer dtype raises OverflowError.
template <dtype C, scalar_type S>
scalar_leaf<C> weak_scalar(S s) {
  if constexpr (std::is_integral_v<S> && !std::is_same_v<S, bool> && std::is_integral_v<C> &&
                !std::is_same_v<C, bool>) {
    if (!std::in_range<C>(s)) {
      throw overflow_error("Python integer " + std::to_string(s) + " out of bounds for " +
                           std::string(dtype_name<C>()));
    }
  }
  return scalar_leaf<C>(static_cast<C>(s));
}

/// dtype both weak scalars of a where() with two scalar branches take.
template <class S1, class S2>
using scalar_pair_t = std::conditional_t<
    std::is_floating_point_v<S1> || std::is_floating_point_v<S2>, double,
    std::conditional_t<std::is_same_v<S1, bool> && std::is_same_v<S2, bool>, bool, std::int64_t>>;

/// Builds binary<Op, ...> from two operands, at least one an array operand.
template <class Op, class X, class Y>
auto make_binary(X&& x, Y&& y) {
  if constexpr (array_operand<X> && array_operand<Y>) {
    return binary<Op, stored_t<X&&>, stored_t<Y&&>>(wrap(std::forward<X>(x)),
                                                     wrap(std::forward<Y>(y)));
  } else if constexpr (array_operand<X>) {
    using C = weak_promote_t<value_t<X&&>, std::remove_cvref_t<Y>>;
    return binary<Op, stored_t<X&&>, scalar_leaf<C>>(wrap(std::forward<X>(x)), weak_scalar<C>(y));
  } else {
    static_assert(array_operand<Y>, "at least one operand must be an array or expression");
    using C = weak_promote_t<value_t<Y&&>, std::remove_cvref_t<X>>;
    return binary<Op, scalar_leaf<C>, stored_t<Y&&>>(weak_scalar<C>(x), wrap(std::forward<Y>(y)));
  }
}

template <class Op, array_operand X>
auto make_unary(X&& x) {
  return unary<Op, stored_t<X&&>>(wrap(std::forward<X>(x)));
}

/// The stored form of a where() branch, given the other branch.
template <class X, class Other>
auto where_branch(X&& x) {
  using Xr = std::remove_cvref_t<X>;
  using Or = std::remove_cvref_t<Other>;
  if constexpr (array_operand<X>) {
    return wrap(std::forward<X>(x));
  } else if constexpr (array_operand<Other>) {
    return weak_scalar<weak_promote_t<value_t<Other>, Xr>>(x);
  } else {
    return weak_scalar<scalar_pair_t<Xr, Or>>(x);
  }
}

}  // namespace expr
}  // namespace numfuse
