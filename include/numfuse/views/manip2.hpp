// numfuse/views/manip2.hpp -- more of NumPy's array manipulation: roll,
// rot90 (a view), pad (constant, edge, reflect, symmetric, wrap), diag,
// diagflat, trace, meshgrid, copyto(where=), resize, append, insert,
// delete_ (np.delete), trim_zeros (a view).
//
// Elements are written by the engine: slab assignments (roll, pad
// constant, insert), gathers along one axis with an index map computed by
// engine arithmetic (pad's other modes, resize), where() passes (copyto).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "numfuse/core/creation.hpp"
#include "numfuse/core/errors.hpp"
#include "numfuse/expr/reductions.hpp"
#include "numfuse/expr/ufuncs.hpp"
#include "numfuse/views/advanced.hpp"
#include "numfuse/views/join.hpp"
#include "numfuse/views/manipulation.hpp"
#include "numfuse/views/matrix.hpp"
#include "numfuse/views/select.hpp"

namespace numfuse {

namespace detail {
/// v[items] for a runtime list of basic items.
template <class T>
ndview<T> sliced(const ndview<T>& v, const std::vector<index>& items) {
  auto l = apply_index(v.shape(), v.element_strides(), items.data(), int(items.size()));
  return v.restrided(v.data() + l.offset, std::move(l.shape), std::move(l.estrides));
}
/// Python's a % n for n > 0.
inline std::ptrdiff_t pymod(std::ptrdiff_t a, std::ptrdiff_t n) {
  const std::ptrdiff_t r = a % n;
  return r < 0 ? r + n : r;
}
}  // namespace detail

// --- roll ------------------------------------------------------------------------

/// np.roll(a, shift, axis) for several axes (a repeated axis adds its
/// shifts, as NumPy's). A new array; at most 2^k slab copies for k rolled
/// axes.
template <class A>
  requires array_operand<A>
auto roll(A&& a, const dims& shift, const dims& axis) {
  auto v = detail::view_of(std::forward<A>(a));
  using V = std::remove_const_t<typename decltype(v)::element_type>;
  const int nd = v.ndim();
  if (shift.size() != axis.size() && shift.size() != 1 && axis.size() != 1) {
    throw value_error("'shift' and 'axis' should be scalars or 1D sequences");
  }
  std::vector<std::ptrdiff_t> s(static_cast<std::size_t>(nd), 0);
  const int m = std::max(shift.size(), axis.size());
  for (int i = 0; i < m; ++i) {
    const int ax = detail::normalize_axis(axis[axis.size() == 1 ? 0 : i], nd);
    s[std::size_t(ax)] += shift[shift.size() == 1 ? 0 : i];
  }
  std::vector<int> rolled;
  for (int d = 0; d < nd; ++d) {
    const auto n = v.shape()[d];
    s[std::size_t(d)] = n > 0 ? detail::pymod(s[std::size_t(d)], n) : 0;
    if (s[std::size_t(d)] != 0) rolled.push_back(d);
  }
  auto out = ndarray<V>::uninitialized(v.shape());
  const ndview<V> ov = out.view();
  const int k = int(rolled.size());
  for (unsigned combo = 0; combo < (1u << k); ++combo) {
    std::vector<index> di(static_cast<std::size_t>(nd), slice()), si(static_cast<std::size_t>(nd), slice());
    for (int j = 0; j < k; ++j) {
      const int d = rolled[std::size_t(j)];
      const auto n = v.shape()[d], sh = s[std::size_t(d)];
      if (combo & (1u << j)) {  // the wrapped part: a[n-s:] -> out[:s]
        di[std::size_t(d)] = slice(sh);
        si[std::size_t(d)] = slice(n - sh, none);
      } else {  // a[:n-s] -> out[s:]
        di[std::size_t(d)] = slice(sh, none);
        si[std::size_t(d)] = slice(n - sh);
      }
    }
    ndview<V> dst = detail::sliced(ov, di);
    dst = detail::sliced(v, si);
  }
  return out;
}
template <class A>
  requires array_operand<A>
auto roll(A&& a, std::ptrdiff_t shift, std::ptrdiff_t axis) {
  return roll(std::forward<A>(a), dims{shift}, dims{axis});
}
/// np.roll(a, shift) without axis: of the flattened array, reshaped back.
template <class A>
  requires array_operand<A>
auto roll(A&& a, std::ptrdiff_t shift) {
  auto v = detail::view_of(std::forward<A>(a));
  auto r = roll(ravel(v), dims{shift}, dims{0});
  return decltype(r)(r.reshape(v.shape()));
}

// --- rot90 -----------------------------------------------------------------------

/// np.rot90(m, k, axes): a view rotated k times by 90 degrees in the plane
/// of axes (from the first towards the second).
template <class A>
  requires array_operand<A>
auto rot90(A&& m, std::ptrdiff_t k = 1, const dims& axes = dims{0, 1}) {
  auto v = detail::view_of(std::forward<A>(m));
  const int nd = v.ndim();
  if (axes.size() != 2) throw value_error("len(axes) must be 2.");
  if (axes[0] == axes[1] || axes[0] - axes[1] == nd || axes[1] - axes[0] == nd) {
    throw value_error("Axes must be different.");
  }
  if (axes[0] >= nd || axes[0] < -nd || axes[1] >= nd || axes[1] < -nd) {
    throw value_error("Axes=(" + std::to_string(axes[0]) + ", " + std::to_string(axes[1]) +
                      ") out of range for array of ndim=" + std::to_string(nd) + ".");
  }
  const int a0 = detail::normalize_axis(axes[0], nd), a1 = detail::normalize_axis(axes[1], nd);
  k = detail::pymod(k, 4);
  if (k == 0) return v;
  if (k == 2) return detail::flipped(v, {a0, a1});
  std::vector<int> perm(static_cast<std::size_t>(nd));
  for (int d = 0; d < nd; ++d) perm[std::size_t(d)] = d;
  std::swap(perm[std::size_t(a0)], perm[std::size_t(a1)]);
  if (k == 1) return detail::permuted(detail::flipped(v, {a1}), perm);
  return detail::flipped(detail::permuted(v, perm), {a1});
}

// --- pad ------------------------------------------------------------------------------

/// np.pad(a, pad_width, mode, constant_values) with mode "constant",
/// "edge", "reflect", "symmetric" or "wrap". pad_width: one (before, after)
/// pair for every axis, or one pair for all.
template <class A>
  requires array_operand<A>
auto pad(A&& a, const std::vector<std::pair<std::ptrdiff_t, std::ptrdiff_t>>& pad_width,
         std::string_view mode = "constant", double constant_values = 0) {
  auto v = detail::view_of(std::forward<A>(a));
  using V = std::remove_const_t<typename decltype(v)::element_type>;
  const int nd = v.ndim();
  if (pad_width.size() != 1 && int(pad_width.size()) != nd) {
    throw value_error("pad_width: one (before, after) pair per axis, or one for all axes");
  }
  std::vector<std::pair<std::ptrdiff_t, std::ptrdiff_t>> w(static_cast<std::size_t>(nd));
  for (int d = 0; d < nd; ++d) {
    w[std::size_t(d)] = pad_width[pad_width.size() == 1 ? 0 : std::size_t(d)];
    if (w[std::size_t(d)].first < 0 || w[std::size_t(d)].second < 0) {
      throw value_error("index can't contain negative values");
    }
  }
  if (mode == "constant") {
    dims shape = v.shape();
    std::vector<index> inner;
    for (int d = 0; d < nd; ++d) {
      shape[d] += w[std::size_t(d)].first + w[std::size_t(d)].second;
      inner.push_back(slice(w[std::size_t(d)].first, w[std::size_t(d)].first + v.shape()[d]));
    }
    auto out = ndarray<V>::uninitialized(shape);
    out.fill(constant_values);
    ndview<V> dst = detail::sliced(out.view(), inner);
    dst = v;
    return out;
  }
  const bool known = mode == "edge" || mode == "reflect" || mode == "symmetric" || mode == "wrap";
  if (!known) throw value_error("mode '" + std::string(mode) + "' is not supported");
  ndarray<V> cur(v);
  for (int d = 0; d < nd; ++d) {
    const auto [b, e] = w[std::size_t(d)];
    if (b == 0 && e == 0) continue;
    const intp n = v.shape()[d];
    if (n == 0) {
      throw value_error("can't extend empty axis " + std::to_string(d) +
                        " using modes other than 'constant' or 'empty'");
    }
    // The source position of every padded position p in [-b, n + e).
    const auto p = arange<intp>(-b, n + e, 1);
    ndarray<intp> map;
    if (mode == "edge") {
      map = clip(p, intp(0), intp(n - 1));
    } else if (mode == "wrap") {
      map = remainder(p, n);
    } else if (n == 1) {
      map = zeros<intp>(p.shape());
    } else if (mode == "reflect") {
      const ndarray<intp> q(remainder(p, 2 * n - 2));
      map = where(q < n, q, (2 * n - 2) - q);
    } else {  // symmetric
      const ndarray<intp> q(remainder(p, 2 * n));
      map = where(q < n, q, (2 * n - 1) - q);
    }
    cur = take(cur, map, d);
  }
  return cur;
}
template <class A>
  requires array_operand<A>
auto pad(A&& a, std::ptrdiff_t pad_width, std::string_view mode = "constant", double constant_values = 0) {
  return pad(std::forward<A>(a), {{pad_width, pad_width}}, mode, constant_values);
}

// --- diag, diagflat, trace ---------------------------------------------------------------

/// np.diag(v, k): of a 1-d operand, a new 2-d array with v on the k-th
/// diagonal; of a 2-d operand, its k-th diagonal (a read-only view, as
/// NumPy's). Both are returned as read-only views (the first owns its array).
template <class A>
  requires array_operand<A>
auto diag(A&& a, std::ptrdiff_t k = 0) {
  auto v = detail::view_of(std::forward<A>(a));
  using V = std::remove_const_t<typename decltype(v)::element_type>;
  if (v.ndim() == 1) {
    const auto n = v.size() + (k < 0 ? -k : k);
    auto p = std::make_shared<ndarray<V>>(zeros<V>({n, n}));
    detail::diagonal_view(p->view(), k, 0, 1) = v;
    return ndview<const V>::owning(p, p->data(), p->shape(), p->element_strides());
  }
  if (v.ndim() == 2) return detail::diagonal_view(ndview<const V>(v), k, 0, 1);
  throw value_error("Input must be 1- or 2-d.");
}

/// np.diagflat(v, k): the flattened operand on the k-th diagonal of a new
/// 2-d array.
template <class A>
  requires array_operand<A>
auto diagflat(A&& a, std::ptrdiff_t k = 0) {
  auto f = ravel(std::forward<A>(a));
  using V = std::remove_const_t<typename decltype(f)::element_type>;
  const auto n = f.size() + (k < 0 ? -k : k);
  auto r = zeros<V>({n, n});
  detail::diagonal_view(r.view(), k, 0, 1) = f;
  return r;
}

/// np.trace(a, offset, axis1, axis2): the sums along diagonals (a lazy
/// reduction: a scalar for a 2-d operand; NumPy's accumulator dtype).
template <class A>
  requires array_operand<A>
auto trace(A&& a, std::ptrdiff_t offset = 0, std::ptrdiff_t axis1 = 0, std::ptrdiff_t axis2 = 1) {
  return sum(diagonal(std::forward<A>(a), offset, axis1, axis2), -1);
}

// --- meshgrid ------------------------------------------------------------------------------

/// np.meshgrid(*xi, indexing, sparse): coordinate arrays (new arrays of the
/// promoted dtype) from 1-d (or flattened) coordinate vectors.
template <operand_sequence Seq>
auto meshgrid(const Seq& xi, std::string_view indexing = "xy", bool sparse = false) {
  using V = typename detail::seq_value<Seq>::type;
  if (indexing != "xy" && indexing != "ij") {
    throw value_error("Valid values for `indexing` are 'xy' and 'ij'.");
  }
  const auto shapes = detail::shapes_of(xi);
  const int n = int(shapes.size());
  dims full(n);
  for (int i = 0; i < n; ++i) full[i] = shape_size(shapes[std::size_t(i)]);
  const bool xy = indexing == "xy" && n >= 2;
  if (xy) std::swap(full[0], full[1]);
  std::vector<ndarray<V>> out;
  detail::for_each_operand(xi, [&](int i, const auto& x) {
    int pos = i;
    if (xy && i < 2) pos = 1 - i;
    dims s(n, 1);
    s[pos] = full[pos];
    auto r = ravel(x);
    if (sparse) {
      out.push_back(ndarray<V>(r.reshape(s)));
    } else {
      auto o = ndarray<V>::uninitialized(full);
      o.view() = r.reshape(s);
      out.push_back(std::move(o));
    }
  });
  return out;
}

// --- copyto(where=) ------------------------------------------------------------------------------

/// np.copyto(dst, src, where=mask): src written where mask is true (one
/// engine pass of where(mask, src, dst)).
template <class D, class S, class W>
  requires(array_operand<S> || scalar_type<std::remove_cvref_t<S>>) && array_operand<W>
void copyto(D&& dst, const S& src, const W& where_mask) {
  using X = std::remove_cvref_t<D>;
  static_assert(!std::is_const_v<typename X::element_type>, "copyto: dst must be writable");
  using T = std::remove_const_t<typename X::element_type>;
  if constexpr (array_operand<S>) {
    static_assert(detail::same_kind_castable<expr::value_t<const S&>, T>,
                  "Cannot cast array data according to the rule 'same_kind' (NumPy's TypeError)");
  }
  static_assert(std::is_same_v<expr::value_t<const W&>, bool>,
                "Cannot cast array data from the mask's dtype to bool according to the rule 'safe'");
  ndview<T> out = dst;
  detail::check_broadcast_into(where_mask.shape(), out.shape());
  if constexpr (array_operand<S>) {
    detail::check_broadcast_into(src.shape(), out.shape());
    out = where(where_mask, astype<T>(src), out);
  } else {
    out = where(where_mask, detail::numpy_cast<T>(src), out);
  }
}

// --- resize, append, insert, delete_, trim_zeros -------------------------------------------------

/// np.resize(a, new_shape): a new array of new_shape filled with a's
/// elements repeated in C order (zeros when a is empty).
template <class A>
  requires array_operand<A>
auto resize(A&& a, const dims& new_shape) {
  auto f = ravel(std::forward<A>(a));
  using V = std::remove_const_t<typename decltype(f)::element_type>;
  for (auto s : new_shape) {
    if (s < 0) throw value_error("all elements of `new_shape` must be non-negative");
  }
  const auto n = shape_size(new_shape);
  if (f.size() == 0) return zeros<V>(new_shape);
  const ndarray<intp> map(remainder(arange<intp>(0, n, 1), intp(f.size())));
  return ndarray<V>(detail::gather(f, {detail::owned_item(map, true)}).reshape(new_shape));
}

/// np.append(arr, values): both flattened and joined.
template <array_operand A, array_operand B>
auto append(const A& arr, const B& values) {
  return concatenate(std::forward_as_tuple(ravel(arr), ravel(values)), 0);
}
/// np.append(arr, values, axis): concatenate along axis.
template <array_operand A, array_operand B>
auto append(const A& arr, const B& values, std::ptrdiff_t axis) {
  return concatenate(std::forward_as_tuple(arr, values), axis);
}

/// np.delete(arr, obj, axis) (delete is a C++ keyword): a new array without
/// the slices obj (integer indices, or a slice) along axis.
template <class A, class O>
  requires array_operand<A> && (array_operand<O> || std::is_same_v<O, slice> || std::is_integral_v<O>)
auto delete_(A&& arr, const O& obj, std::ptrdiff_t axis) {
  auto v = detail::view_of(std::forward<A>(arr));
  const int ax = detail::normalize_axis(axis, v.ndim());
  auto keep = ones<bool>({v.shape()[ax]});
  if constexpr (std::is_same_v<O, slice>) {
    keep.view(obj) = false;
  } else if constexpr (std::is_integral_v<O>) {
    keep[ndarray<intp>{intp(obj)}] = false;
  } else {
    keep[obj] = false;
  }
  return compress(keep, v, ax);
}
template <class A, class O>
  requires array_operand<A>
auto delete_(A&& arr, const O& obj) {
  return delete_(ravel(std::forward<A>(arr)), obj, 0);
}

/// np.insert(arr, index, values, axis): values inserted before `index`
/// along axis (values broadcast to the inserted slab, NumPy's moveaxis rule
/// for a scalar index).
template <class A, class Vals>
  requires array_operand<A> && array_operand<Vals>
auto insert(A&& arr, std::ptrdiff_t index_, const Vals& values, std::ptrdiff_t axis) {
  auto v = detail::view_of(std::forward<A>(arr));
  using V = std::remove_const_t<typename decltype(v)::element_type>;
  const int nd = v.ndim();
  const int ax = detail::normalize_axis(axis, nd);
  const auto N = v.shape()[ax];
  if (index_ < -N || index_ > N) {
    throw index_error("index " + std::to_string(index_) + " is out of bounds for axis " +
                      std::to_string(ax) + " with size " + std::to_string(N));
  }
  if (index_ < 0) index_ += N;
  // values as an array of at least nd dimensions (leading 1s), its axis 0
  // moved to ax.
  auto val = detail::view_of(values);
  const int lead = std::max(0, nd - val.ndim());
  dims vs(lead, 1), vst(lead, 0);
  for (int d = 0; d < val.ndim(); ++d) {
    vs.push_back(val.shape()[d]);
    vst.push_back(val.element_strides()[d]);
  }
  auto vv = moveaxis(val.restrided(val.data(), vs, vst), 0, ax);
  const auto numnew = vv.shape()[ax];
  dims out_shape = v.shape();
  out_shape[ax] += numnew;
  auto out = ndarray<V>::uninitialized(out_shape);
  const auto ov = out.view();
  detail::slab(ov, ax, 0, index_) = detail::slab(v, ax, 0, index_);
  detail::slab(ov, ax, index_, numnew) = vv;
  detail::slab(ov, ax, index_ + numnew, N - index_) = detail::slab(v, ax, index_, N - index_);
  return out;
}
/// np.insert(arr, index, values): of the flattened array.
template <class A, class Vals>
  requires array_operand<A> && array_operand<Vals>
auto insert(A&& arr, std::ptrdiff_t index_, const Vals& values) {
  return insert(ravel(std::forward<A>(arr)), index_, ravel(values), 0);
}
/// np.insert(arr, indices, values, axis) with a sequence of indices: one
/// slice of values before each index (positions after the insertion as
/// NumPy computes them: stable order of the indices).
template <class A, class Vals>
  requires array_operand<A> && array_operand<Vals>
auto insert(A&& arr, const std::vector<std::ptrdiff_t>& indices, const Vals& values, std::ptrdiff_t axis) {
  auto v = detail::view_of(std::forward<A>(arr));
  using V = std::remove_const_t<typename decltype(v)::element_type>;
  const int ax = detail::normalize_axis(axis, v.ndim());
  const auto N = v.shape()[ax];
  const auto numnew = std::ptrdiff_t(indices.size());
  static_assert(std::is_same_v<std::ptrdiff_t, intp>);
  const ndview<const intp> iv(indices.data(), dims{numnew});
  if (detail::any_outside(iv, -intp(N), intp(N))) {
    const auto first = detail::flat_true_positions(ndarray<bool>((iv < intp(-N)) | (iv > intp(N))));
    throw index_error("index " + std::to_string(indices[std::size_t(first(0))]) +
                      " is out of bounds for axis " + std::to_string(ax) + " with size " +
                      std::to_string(N));
  }
  const ndarray<intp> idx(where(iv < intp(0), iv + intp(N), iv));
  // position of insertion j: idx[j] + #{i : idx[i] < idx[j] or (idx[i] == idx[j] and i < j)}
  const auto col = idx.reshape({numnew, 1});
  const auto pos_ = arange<intp>(0, numnew, 1);
  const auto pcol = pos_.reshape({numnew, 1});
  const ndarray<intp> before(sum((idx < col) | ((idx == col) & (pos_ < pcol)), 1));
  const ndarray<intp> where_new(idx + before);
  auto is_new = zeros<bool>({N + numnew});
  is_new[where_new] = true;
  const ndarray<bool> is_old(logical_not(is_new));
  dims out_shape = v.shape();
  out_shape[ax] += numnew;
  auto out = ndarray<V>::uninitialized(out_shape);
  out.view() = V(0);
  std::vector<adv_item> old_items = detail::along_axis(v.ndim(), ax, adv_item(is_old));
  detail::scatter(out.view(), old_items, v);
  std::vector<adv_item> new_items = detail::along_axis(v.ndim(), ax, adv_item(where_new));
  detail::scatter(out.view(), new_items, values);
  return out;
}

/// np.insert with a scalar value.
template <class A, scalar_type Val>
  requires array_operand<A>
auto insert(A&& arr, std::ptrdiff_t index_, Val value, std::ptrdiff_t axis) {
  return insert(std::forward<A>(arr), index_, array(value), axis);
}
template <class A, scalar_type Val>
  requires array_operand<A>
auto insert(A&& arr, std::ptrdiff_t index_, Val value) {
  return insert(std::forward<A>(arr), index_, array(value));
}
template <class A, scalar_type Val>
  requires array_operand<A>
auto insert(A&& arr, const std::vector<std::ptrdiff_t>& indices, Val value, std::ptrdiff_t axis) {
  return insert(std::forward<A>(arr), indices, array(value), axis);
}

/// np.trim_zeros(filt, trim): a view of the 1-d operand without its leading
/// ('f') and/or trailing ('b') zeros.
template <class A>
  requires array_operand<A>
auto trim_zeros(A&& filt, std::string_view trim = "fb") {
  auto v = detail::view_of(std::forward<A>(filt));
  if (v.ndim() != 1) throw value_error("trim_zeros: filt must be 1-d");
  const auto nz = flatnonzero(v);
  std::ptrdiff_t first = 0, last = v.size();
  const bool f = trim.find_first_of("fF") != std::string_view::npos;
  const bool b = trim.find_first_of("bB") != std::string_view::npos;
  if (nz.size() == 0) {
    if (f || b) first = last = 0;
  } else {
    if (f) first = nz(0);
    if (b) last = nz(nz.size() - 1) + 1;
  }
  return v.view(slice(first, last));
}

}  // namespace numfuse
