// numfuse/views/matrix.hpp -- NumPy's diagonal (a read-only view), eye,
// identity, tril and triu. Fills go through the engine.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "numfuse/core/creation.hpp"
#include "numfuse/core/errors.hpp"
#include "numfuse/core/ndarray.hpp"
#include "numfuse/expr/functions.hpp"
#include "numfuse/views/manipulation.hpp"

namespace numfuse {

namespace detail {
/// The diagonal of v as NumPy's diagonal: axis1 and axis2 removed, the
/// diagonal appended as the last axis (writable when v is).
template <class T>
ndview<T> diagonal_view(const ndview<T>& v, std::ptrdiff_t offset, std::ptrdiff_t axis1,
                        std::ptrdiff_t axis2) {
  const int nd = v.ndim();
  if (nd < 2) throw value_error("diag requires an array of at least two dimensions");
  const int a1 = normalize_axis(axis1, nd, "axis1");
  const int a2 = normalize_axis(axis2, nd, "axis2");
  if (a1 == a2) throw value_error("axis1 and axis2 cannot be the same");
  const auto n1 = v.shape()[a1], n2 = v.shape()[a2];
  const auto s1 = v.element_strides()[a1], s2 = v.element_strides()[a2];
  std::ptrdiff_t len = 0, off = 0;
  if (offset >= 0) {
    len = offset < n2 ? std::min(n1, n2 - offset) : 0;
    off = offset * s2;
  } else {
    len = -offset < n1 ? std::min(n1 + offset, n2) : 0;
    off = -offset * s1;
  }
  dims shape, st;
  for (int d = 0; d < nd; ++d) {
    if (d != a1 && d != a2) {
      shape.push_back(v.shape()[d]);
      st.push_back(v.element_strides()[d]);
    }
  }
  shape.push_back(len);
  st.push_back(s1 + s2);
  if (shape_size(shape) == 0) off = 0;
  return v.restrided(v.data() + off, std::move(shape), std::move(st));
}
}  // namespace detail

/// np.diagonal(a, offset, axis1, axis2): a read-only view (as NumPy's).
template <class A>
  requires array_operand<A>
auto diagonal(A&& a, std::ptrdiff_t offset = 0, std::ptrdiff_t axis1 = 0, std::ptrdiff_t axis2 = 1) {
  auto v = detail::view_of(std::forward<A>(a));
  using T = std::remove_const_t<typename decltype(v)::element_type>;
  return detail::diagonal_view(ndview<const T>(v), offset, axis1, axis2);
}

/// np.eye(N, M, k): ones on the k-th diagonal (M < 0 means M = N).
template <dtype T = double>
ndarray<T> eye(std::ptrdiff_t N, std::ptrdiff_t M = -1, std::ptrdiff_t k = 0) {
  auto r = zeros<T>({N, M < 0 ? N : M});
  if (r.size() > 0) detail::diagonal_view(r.view(), k, 0, 1).fill(1);
  return r;
}
/// np.identity(n).
template <dtype T = double>
ndarray<T> identity(std::ptrdiff_t n) {
  return eye<T>(n);
}

namespace detail {
/// tril (lower = true) / triu of any operand: NumPy's where(tri mask, a, 0)
/// over the last two axes (a 1-d operand gives a square matrix).
template <bool lower, class A>
auto triangle(const A& a, std::ptrdiff_t k) {
  using V = expr::value_t<const A&>;
  const dims& s = a.shape();
  if (s.size() == 0) throw type_error("tri() missing 1 required positional argument: 'N'");
  const std::ptrdiff_t N = s.size() >= 2 ? s[s.size() - 2] : s[0], M = s.back();
  const auto rows = arange<std::int64_t>(0, N, 1);
  const auto cols = arange<std::int64_t>(0, M, 1);
  const ndview<const std::int64_t> col(rows.data(), {N, 1});
  if constexpr (lower) {
    return ndarray<V>(where(cols - col <= std::int64_t(k), a, V(0)));
  } else {
    return ndarray<V>(where(cols - col >= std::int64_t(k), a, V(0)));
  }
}
}  // namespace detail

/// np.tril(a, k): elements above the k-th diagonal set to zero (new array).
template <array_operand A>
auto tril(const A& a, std::ptrdiff_t k = 0) {
  return detail::triangle<true>(a, k);
}
/// np.triu(a, k): elements below the k-th diagonal set to zero (new array).
template <array_operand A>
auto triu(const A& a, std::ptrdiff_t k = 0) {
  return detail::triangle<false>(a, k);
}

}  // namespace numfuse
