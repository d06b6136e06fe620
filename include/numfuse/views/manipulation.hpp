// numfuse/views/manipulation.hpp -- NumPy's shape and axis manipulation:
// reshape, ravel, flatten, transpose, moveaxis, swapaxes, squeeze,
// expand_dims, broadcast_to, broadcast_arrays, atleast_1d/2d/3d, flip,
// fliplr, flipud, copyto.
//
// Each view routine returns an ndview aliasing its operand, as NumPy returns
// a view. The operand may be an ndarray, an ndview or an expression; an
// expression or a temporary ndarray is evaluated/moved into storage that
// the returned view owns (ndview::owner()), so the result never dangles.
// Where NumPy copies (reshape of a non-reshapeable layout, ravel of a
// non-contiguous array) the copy is made by the engine and owned by the
// returned view.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "numfuse/core/errors.hpp"
#include "numfuse/core/ndarray.hpp"
#include "numfuse/core/ndview.hpp"
#include "numfuse/core/shape.hpp"

namespace numfuse {

namespace detail {

/// The operand as a view: ndviews as they are, named arrays as views of
/// themselves (const arrays as const views), temporaries and expressions
/// moved/evaluated into an array the view owns.
template <class A>
auto view_of(A&& a) {
  using X = std::remove_cvref_t<A>;
  if constexpr (is_ndview<X>::value) {
    return X(a);
  } else if constexpr (is_ndarray<X>::value && std::is_lvalue_reference_v<A>) {
    return a.view();
  } else {
    using V = expr::value_t<const X&>;
    std::shared_ptr<ndarray<V>> p;
    if constexpr (is_ndarray<X>::value) {
      p = std::make_shared<ndarray<V>>(std::move(a));
    } else {
      p = std::make_shared<ndarray<V>>(a);
    }
    return ndview<V>::owning(p, p->data(), p->shape(), p->element_strides());
  }
}

/// NumPy's normalize_axis_index: axis in [-ndim, ndim), else AxisError
/// ("axis 3 is out of bounds for array of dimension 2", with an optional
/// "source: " prefix).
inline int normalize_axis(std::ptrdiff_t axis, int ndim, const char* prefix = nullptr) {
  if (axis < -ndim || axis >= ndim) {
    throw axis_error((prefix ? std::string(prefix) + ": " : std::string()) + "axis " +
                     std::to_string(axis) + " is out of bounds for array of dimension " +
                     std::to_string(ndim));
  }
  return int(axis < 0 ? axis + ndim : axis);
}

/// NumPy's normalize_axis_tuple: every axis normalized, no repeats.
inline std::vector<int> normalize_axes(const dims& axes, int ndim, const char* argname = nullptr) {
  std::vector<int> out;
  for (auto a : axes) out.push_back(normalize_axis(a, ndim, argname));
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (out[i] == out[j]) {
        throw value_error(argname ? "repeated axis in `" + std::string(argname) + "` argument"
                                  : std::string("repeated axis"));
      }
    }
  }
  return out;
}

/// The view v with its axes in the order perm (metadata only).
template <class T>
ndview<T> permuted(const ndview<T>& v, const std::vector<int>& perm) {
  dims shape(int(perm.size())), st(int(perm.size()));
  for (int i = 0; i < int(perm.size()); ++i) {
    shape[i] = v.shape()[perm[std::size_t(i)]];
    st[i] = v.element_strides()[perm[std::size_t(i)]];
  }
  return v.restrided(v.data(), std::move(shape), std::move(st));
}

/// NumPy's _attempt_nocopy_reshape (C order): the strides that view the
/// elements of (shape, estrides) with new_shape, or false when no view can.
inline bool nocopy_reshape(const dims& shape, const dims& estrides, const dims& new_shape,
                           dims& new_strides) {
  dims od, os;
  for (int i = 0; i < shape.size(); ++i) {
    if (shape[i] != 1) {
      od.push_back(shape[i]);
      os.push_back(estrides[i]);
    }
  }
  const int oldnd = od.size(), newnd = new_shape.size();
  new_strides = dims(newnd);
  int oi = 0, oj = 1, ni = 0, nj = 1;
  while (ni < newnd && oi < oldnd) {
    std::ptrdiff_t np_ = new_shape[ni], op = od[oi];
    while (np_ != op) {
      if (np_ < op) {
        np_ *= new_shape[nj++];
      } else {
        op *= od[oj++];
      }
    }
    for (int ok = oi; ok < oj - 1; ++ok) {
      if (os[ok] != od[ok + 1] * os[ok + 1]) return false;
    }
    new_strides[nj - 1] = os[oj - 1];
    for (int nk = nj - 1; nk > ni; --nk) new_strides[nk - 1] = new_strides[nk] * new_shape[nk];
    ni = nj++;
    oi = oj++;
  }
  const std::ptrdiff_t last = ni >= 1 ? new_strides[ni - 1] : 1;
  for (int nk = ni; nk < newnd; ++nk) new_strides[nk] = last;
  return true;
}

inline std::string reshape_shape_str(const dims& s) {
  // NumPy 1.24 prints an unknown (-1) extent as "newaxis".
  std::string r = "(";
  for (int i = 0; i < s.size(); ++i) {
    if (i) r += ",";
    r += s[i] == -1 ? std::string("newaxis") : std::to_string(s[i]);
  }
  return r + (s.size() == 1 ? ",)" : ")");
}

/// NumPy's _fix_unknown_dimension: the shape with its negative extent
/// inferred.
inline dims fix_unknown_dimension(const dims& shape, std::ptrdiff_t size) {
  auto mismatch = [&] {
    return value_error("cannot reshape array of size " + std::to_string(size) + " into shape " +
                       reshape_shape_str(shape));
  };
  int unknown = -1;
  std::ptrdiff_t known = 1;
  for (int i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0) {
      if (unknown >= 0) throw value_error("can only specify one unknown dimension");
      unknown = i;
    } else if (__builtin_mul_overflow(known, shape[i], &known)) {
      throw mismatch();
    }
  }
  dims out = shape;
  if (unknown >= 0) {
    if (known == 0 || size % known != 0) throw mismatch();
    out[unknown] = size / known;
  } else if (known != size) {
    throw mismatch();
  }
  return out;
}

/// A new C-ordered array of shape `shape` holding v's elements in C order,
/// returned as a view that owns it (one pass of the engine).
template <class T>
auto owning_copy(const ndview<T>& v, const dims& shape) {
  using V = std::remove_const_t<T>;
  auto p = std::make_shared<ndarray<V>>(ndarray<V>::uninitialized(shape));
  ndview<V>(p->data(), v.shape()) = v;
  return ndview<V>::owning(p, p->data(), p->shape(), p->element_strides());
}

}  // namespace detail

// --- reshape, ravel, flatten -------------------------------------------

/// np.reshape(a, shape): a view when the layout allows (NumPy's rule),
/// otherwise a view of a new C-ordered copy; one extent may be -1.
template <class A>
  requires array_operand<A>
auto reshape(A&& a, const dims& shape) {
  auto v = detail::view_of(std::forward<A>(a));
  using V = std::remove_const_t<typename decltype(v)::element_type>;
  using R = ndview<std::conditional_t<std::is_const_v<typename decltype(v)::element_type>, const V, V>>;
  if (shape == v.shape()) return R(v);
  const dims ns = detail::fix_unknown_dimension(shape, v.size());
  detail::checked_size(ns);
  if (v.is_c_contiguous()) {
    return R(v.restrided(v.data(), ns, detail::c_strides(ns)));
  }
  dims st;
  if (detail::nocopy_reshape(v.shape(), v.element_strides(), ns, st)) {
    return R(v.restrided(v.data(), ns, std::move(st)));
  }
  auto c = detail::owning_copy(v, ns);
  if constexpr (std::is_const_v<typename R::element_type>) {
    return R(c);
  } else {
    return c;
  }
}

/// np.ravel(a): a 1-d view when a is C-contiguous, else a view of a copy.
template <class A>
  requires array_operand<A>
auto ravel(A&& a) {
  auto v = detail::view_of(std::forward<A>(a));
  using R = decltype(v);
  const dims ns{v.size()};
  if (v.is_c_contiguous()) {
    return v.restrided(v.data(), ns, dims{1});
  }
  return R(detail::owning_copy(v, ns));
}

/// np.ndarray.flatten: always a new 1-d array.
template <array_operand A>
auto flatten(const A& a) {
  using V = expr::value_t<const A&>;
  auto r = ndarray<V>::uninitialized(dims{shape_size(a.shape())});
  ndview<V>(r.data(), a.shape()) = a;
  return r;
}

// --- axes --------------------------------------------------------------

/// np.transpose(a): the axes reversed (a view).
template <class A>
  requires array_operand<A>
auto transpose(A&& a) {
  auto v = detail::view_of(std::forward<A>(a));
  std::vector<int> perm(std::size_t(v.ndim()));
  for (int i = 0; i < v.ndim(); ++i) perm[std::size_t(i)] = v.ndim() - 1 - i;
  return detail::permuted(v, perm);
}
/// np.transpose(a, axes): axis i of the result is axis axes[i] of a.
template <class A>
  requires array_operand<A>
auto transpose(A&& a, const dims& axes) {
  auto v = detail::view_of(std::forward<A>(a));
  const int nd = v.ndim();
  if (axes.size() != nd) throw value_error("axes don't match array");
  std::vector<int> perm;
  std::vector<bool> seen(std::size_t(nd), false);
  for (auto ax : axes) {
    const int k = detail::normalize_axis(ax, nd);
    if (seen[std::size_t(k)]) throw value_error("repeated axis in transpose");
    seen[std::size_t(k)] = true;
    perm.push_back(k);
  }
  return detail::permuted(v, perm);
}

/// np.moveaxis(a, source, destination) for several axes.
template <class A>
  requires array_operand<A>
auto moveaxis(A&& a, const dims& source, const dims& destination) {
  auto v = detail::view_of(std::forward<A>(a));
  const int nd = v.ndim();
  const auto src = detail::normalize_axes(source, nd, "source");
  const auto dst = detail::normalize_axes(destination, nd, "destination");
  if (src.size() != dst.size()) {
    throw value_error("`source` and `destination` arguments must have the same number of elements");
  }
  std::vector<int> order;
  for (int n = 0; n < nd; ++n) {
    if (std::find(src.begin(), src.end(), n) == src.end()) order.push_back(n);
  }
  std::vector<std::pair<int, int>> pairs;
  for (std::size_t i = 0; i < src.size(); ++i) pairs.emplace_back(dst[i], src[i]);
  std::sort(pairs.begin(), pairs.end());
  for (auto [d, s] : pairs) order.insert(order.begin() + d, s);
  return detail::permuted(v, order);
}
/// np.moveaxis(a, source, destination) for one axis.
template <class A>
  requires array_operand<A>
auto moveaxis(A&& a, std::ptrdiff_t source, std::ptrdiff_t destination) {
  return moveaxis(std::forward<A>(a), dims{source}, dims{destination});
}

/// np.swapaxes(a, axis1, axis2).
template <class A>
  requires array_operand<A>
auto swapaxes(A&& a, std::ptrdiff_t axis1, std::ptrdiff_t axis2) {
  auto v = detail::view_of(std::forward<A>(a));
  const int i = detail::normalize_axis(axis1, v.ndim(), "axis1");
  const int j = detail::normalize_axis(axis2, v.ndim(), "axis2");
  std::vector<int> perm(std::size_t(v.ndim()));
  for (int k = 0; k < v.ndim(); ++k) perm[std::size_t(k)] = k;
  std::swap(perm[std::size_t(i)], perm[std::size_t(j)]);
  return detail::permuted(v, perm);
}

/// np.squeeze(a): every extent-1 axis removed.
template <class A>
  requires array_operand<A>
auto squeeze(A&& a) {
  auto v = detail::view_of(std::forward<A>(a));
  dims shape, st;
  for (int d = 0; d < v.ndim(); ++d) {
    if (v.shape()[d] != 1) {
      shape.push_back(v.shape()[d]);
      st.push_back(v.element_strides()[d]);
    }
  }
  return v.restrided(v.data(), std::move(shape), std::move(st));
}
/// np.squeeze(a, axis): the given extent-1 axes removed.
template <class A>
  requires array_operand<A>
auto squeeze(A&& a, const dims& axes) {
  auto v = detail::view_of(std::forward<A>(a));
  std::vector<bool> drop(std::size_t(v.ndim()), false);
  for (auto ax : axes) {
    const int k = detail::normalize_axis(ax, v.ndim());
    if (v.shape()[k] != 1) {
      throw value_error("cannot select an axis to squeeze out which has size not equal to one");
    }
    drop[std::size_t(k)] = true;
  }
  dims shape, st;
  for (int d = 0; d < v.ndim(); ++d) {
    if (!drop[std::size_t(d)]) {
      shape.push_back(v.shape()[d]);
      st.push_back(v.element_strides()[d]);
    }
  }
  return v.restrided(v.data(), std::move(shape), std::move(st));
}
template <class A>
  requires array_operand<A>
auto squeeze(A&& a, std::ptrdiff_t axis) {
  return squeeze(std::forward<A>(a), dims{axis});
}

/// np.expand_dims(a, axis): extent-1 axes inserted at the given positions
/// of the result.
template <class A>
  requires array_operand<A>
auto expand_dims(A&& a, const dims& axes) {
  auto v = detail::view_of(std::forward<A>(a));
  const int out_nd = v.ndim() + axes.size();
  const auto ax = detail::normalize_axes(axes, out_nd);
  dims shape(out_nd), st(out_nd);
  for (int d = 0, src = 0; d < out_nd; ++d) {
    if (std::find(ax.begin(), ax.end(), d) != ax.end()) {
      shape[d] = 1;
      st[d] = 0;
    } else {
      shape[d] = v.shape()[src];
      st[d] = v.element_strides()[src];
      ++src;
    }
  }
  return v.restrided(v.data(), std::move(shape), std::move(st));
}
template <class A>
  requires array_operand<A>
auto expand_dims(A&& a, std::ptrdiff_t axis) {
  return expand_dims(std::forward<A>(a), dims{axis});
}

/// np.atleast_1d / atleast_2d / atleast_3d (one operand): views with
/// extent-1 axes added as NumPy adds them.
template <class A>
  requires array_operand<A>
auto atleast_1d(A&& a) {
  auto v = detail::view_of(std::forward<A>(a));
  if (v.ndim() >= 1) return v;
  return v.restrided(v.data(), dims{1}, dims{0});
}
template <class A>
  requires array_operand<A>
auto atleast_2d(A&& a) {
  auto v = detail::view_of(std::forward<A>(a));
  if (v.ndim() == 0) return v.restrided(v.data(), dims{1, 1}, dims{0, 0});
  if (v.ndim() == 1) return v.restrided(v.data(), dims{1, v.shape()[0]}, dims{0, v.element_strides()[0]});
  return v;
}
template <class A>
  requires array_operand<A>
auto atleast_3d(A&& a) {
  auto v = detail::view_of(std::forward<A>(a));
  const auto& s = v.shape();
  const auto& t = v.element_strides();
  if (v.ndim() == 0) return v.restrided(v.data(), dims{1, 1, 1}, dims{0, 0, 0});
  if (v.ndim() == 1) return v.restrided(v.data(), dims{1, s[0], 1}, dims{0, t[0], 0});
  if (v.ndim() == 2) return v.restrided(v.data(), dims{s[0], s[1], 1}, dims{t[0], t[1], 0});
  return v;
}

// --- flips ---------------------------------------------------------------

namespace detail {
template <class T>
ndview<T> flipped(const ndview<T>& v, const std::vector<int>& axes) {
  dims st = v.element_strides();
  std::ptrdiff_t off = 0;
  for (int k : axes) {
    if (v.shape()[k] > 0) off += (v.shape()[k] - 1) * st[k];
    st[k] = -st[k];
  }
  if (v.size() == 0) off = 0;
  return v.restrided(v.data() + off, v.shape(), std::move(st));
}
}  // namespace detail

/// np.flip(a): every axis reversed (a view with negative strides).
template <class A>
  requires array_operand<A>
auto flip(A&& a) {
  auto v = detail::view_of(std::forward<A>(a));
  std::vector<int> all(std::size_t(v.ndim()));
  for (int d = 0; d < v.ndim(); ++d) all[std::size_t(d)] = d;
  return detail::flipped(v, all);
}
/// np.flip(a, axis): the given axes reversed.
template <class A>
  requires array_operand<A>
auto flip(A&& a, const dims& axes) {
  auto v = detail::view_of(std::forward<A>(a));
  return detail::flipped(v, detail::normalize_axes(axes, v.ndim()));
}
template <class A>
  requires array_operand<A>
auto flip(A&& a, std::ptrdiff_t axis) {
  return flip(std::forward<A>(a), dims{axis});
}
/// np.fliplr: columns reversed (a must be at least 2-d).
template <class A>
  requires array_operand<A>
auto fliplr(A&& a) {
  auto v = detail::view_of(std::forward<A>(a));
  if (v.ndim() < 2) throw value_error("Input must be >= 2-d.");
  return detail::flipped(v, {1});
}
/// np.flipud: rows reversed (a must be at least 1-d).
template <class A>
  requires array_operand<A>
auto flipud(A&& a) {
  auto v = detail::view_of(std::forward<A>(a));
  if (v.ndim() < 1) throw value_error("Input must be >= 1-d.");
  return detail::flipped(v, {0});
}

// --- broadcasting views ------------------------------------------------------

/// np.broadcast_to(a, shape): a read-only view of shape `shape` with zero
/// strides on the broadcast axes.
template <class A>
  requires array_operand<A>
auto broadcast_to(A&& a, const dims& shape) {
  auto v = detail::view_of(std::forward<A>(a));
  using T = std::remove_const_t<typename decltype(v)::element_type>;
  ndview<const T> c = v;
  if (shape.empty() && !v.shape().empty()) {
    throw value_error("cannot broadcast a non-scalar to a scalar array");
  }
  for (auto e : shape) {
    if (e < 0) throw value_error("all elements of broadcast shape must be non-negative");
  }
  if (v.ndim() > shape.size()) {
    throw value_error("input operand has more dimensions than allowed by the axis remapping");
  }
  const int off = shape.size() - v.ndim();
  dims st(shape.size(), 0);
  for (int d = 0; d < v.ndim(); ++d) {
    const auto n = v.shape()[d];
    if (n == shape[off + d]) {
      st[off + d] = v.element_strides()[d];
    } else if (n != 1) {
      throw value_error(
          "operands could not be broadcast together with remapped shapes [original->remapped]: " +
          detail::shape_str_compact(v.shape()) + "  and requested shape " +
          detail::shape_str_compact(shape));
    }
  }
  detail::checked_size(shape);
  return c.restrided(c.data(), shape, std::move(st));
}

/// np.broadcast_arrays(a, b, ...): read-only views of every operand at the
/// common shape (a std::tuple; NumPy returns a list).
template <class... A>
  requires(array_operand<A> && ...)
auto broadcast_arrays(A&&... a) {
  const dims* shapes[] = {&a.shape()...};
  constexpr int n = int(sizeof...(A));
  int nd = 0;
  for (auto s : shapes) nd = std::max(nd, s->size());
  dims out(nd, 1);
  for (int i = 0; i < nd; ++i) {
    int src = 0;
    for (int j = 0; j < n; ++j) {
      const int k = i + shapes[j]->size() - nd;
      if (k < 0) continue;
      const auto e = (*shapes[j])[k];
      if (e == 1) continue;
      if (out[i] == 1) {
        out[i] = e;
        src = j;
      } else if (out[i] != e) {
        throw value_error(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between "
            "arg " + std::to_string(src) + " with shape " + detail::shape_str_compact(*shapes[src]) +
            " and arg " + std::to_string(j) + " with shape " +
            detail::shape_str_compact(*shapes[j]) + ".");
      }
    }
  }
  return std::make_tuple(broadcast_to(std::forward<A>(a), out)...);
}

// --- copyto ----------------------------------------------------------------

/// np.copyto(dst, src): writes src (broadcast to dst's shape) into dst, an
/// ndarray or a mutable ndview. NumPy's 'same_kind' rule is checked at
/// compile time; a C++ scalar is weak (an int fits any integer or float
/// array, a float only float arrays).
template <class D, class S>
  requires(array_operand<S> || scalar_type<std::remove_cvref_t<S>>)
void copyto(D&& dst, const S& src) {
  using X = std::remove_cvref_t<D>;
  static_assert(detail::is_ndarray<X>::value || detail::is_ndview<X>::value, "copyto: dst must be an ndarray or an ndview");
  static_assert(!std::is_const_v<typename X::element_type> && !std::is_const_v<std::remove_reference_t<D>>,
                "copyto: dst must be writable");
  using T = std::remove_const_t<typename X::element_type>;
  ndview<T> out = dst;
  if constexpr (array_operand<S>) {
    static_assert(detail::same_kind_castable<expr::value_t<const S&>, T>,
                  "Cannot cast array data according to the rule 'same_kind' (NumPy's TypeError)");
    out = src;
  } else {
    using C = std::remove_cvref_t<S>;
    static_assert(std::is_same_v<C, bool> || (std::is_integral_v<C> && !std::is_same_v<T, bool>) ||
                      std::is_floating_point_v<T>,
                  "Cannot cast scalar according to the rule 'same_kind' (NumPy's TypeError)");
    if constexpr (std::is_integral_v<C> && !std::is_same_v<C, bool> && std::is_integral_v<T>) {
      out = expr::weak_scalar<T>(src);  // OverflowError as NumPy 2
    } else {
      out.fill(src);
    }
  }
}

}  // namespace numfuse
