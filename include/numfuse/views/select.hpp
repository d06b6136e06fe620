// numfuse/views/select.hpp -- NumPy's indexing routines, built on advanced
// indexing (views/advanced.hpp): take, put, take_along_axis,
// put_along_axis, compress, extract, place, putmask, nonzero, argwhere,
// flatnonzero, where(cond), choose, select, diag_indices, tril_indices,
// triu_indices, ix_, unravel_index, ravel_multi_index.
//
// Index arithmetic is ordinary engine passes (floor_divide, remainder,
// where); element movement is the gather/scatter kernel. No routine here
// loops over elements.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "numfuse/core/creation.hpp"
#include "numfuse/core/errors.hpp"
#include "numfuse/views/advanced.hpp"
#include "numfuse/views/join.hpp"
#include "numfuse/views/manipulation.hpp"

namespace numfuse {

namespace detail {

/// An owned int64 array as an index item (in_range: its entries are known
/// to be valid, non-negative indices of the axis it will index).
inline adv_item owned_item(ndarray<intp> a, bool in_range = false) {
  auto p = std::make_shared<ndarray<intp>>(std::move(a));
  return adv_item(ndview<const intp>::owning(p, p->data(), p->shape(), p->element_strides()), in_range);
}

/// The coordinates, along each axis of `shape`, of in-range flat C indices.
inline std::vector<ndarray<intp>> unravel_flat(const ndview<const intp>& flat, const dims& shape) {
  std::vector<ndarray<intp>> out(std::size_t(shape.size()));
  std::ptrdiff_t inner = 1;
  for (int d = shape.size() - 1; d >= 0; --d) {
    const intp n = shape[d] > 0 ? shape[d] : 1;
    out[std::size_t(d)] = ndarray<intp>(remainder(floor_divide(flat, intp(inner)), n));
    inner *= shape[d];
  }
  return out;
}

/// The bool array "a != 0" (a itself, viewed, when it is bool).
template <class A>
auto truth_of(A&& a) {
  if constexpr (std::is_same_v<expr::value_t<A&&>, bool>) {
    return view_of(std::forward<A>(a));
  } else {
    auto p = std::make_shared<ndarray<bool>>(a != 0);
    return ndview<bool>::owning(p, p->data(), p->shape(), p->element_strides());
  }
}

/// Items selecting `idx` along axis `ax` of an nd-dimensional array and
/// everything along the other axes.
inline std::vector<adv_item> along_axis(int nd, int ax, adv_item idx) {
  std::vector<adv_item> items;
  for (int d = 0; d < ax; ++d) items.emplace_back(slice());
  items.push_back(std::move(idx));
  (void)nd;
  return items;
}

/// a.flat[idx] as index items of a (flat indices wrapped and checked
/// against a.size as axis 0, as NumPy's put/take do).
template <class T>
std::vector<adv_item> flat_items(const ndview<T>& v, const ndview<const intp>& idx) {
  const auto w = wrapped_indices(idx, v.size(), 0);
  if (v.ndim() == 1) return {adv_item(w, true)};
  std::vector<adv_item> items;
  for (auto& c : unravel_flat(w, v.shape())) items.push_back(owned_item(std::move(c), true));
  return items;
}

/// The n values v.flat[i % v.size] (NumPy's repetition of put/place values).
template <class V>
auto cycled(const V& v, std::ptrdiff_t n) {
  using T = std::remove_const_t<typename V::element_type>;
  const ndarray<intp> i(remainder(arange<intp>(0, n, 1), intp(v.size() > 0 ? v.size() : 1)));
  return gather(ravel(v), std::vector<adv_item>{owned_item(i, true)});
  (void)sizeof(T);
}

}  // namespace detail

// --- nonzero and friends ---------------------------------------------------------------

/// np.nonzero(a): one int64 array per axis with the coordinates of the
/// nonzero elements, in C order. A 0-d operand raises (NumPy 2).
template <array_operand A>
std::vector<ndarray<intp>> nonzero(const A& a) {
  if (a.shape().size() == 0) {
    throw value_error("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead. If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`.");
  }
  const auto m = detail::truth_of(a);
  const auto flat = detail::flat_true_positions(m);
  if (m.ndim() == 1) return {flat};
  return detail::unravel_flat(flat, m.shape());
}

/// np.where(cond) with one argument: np.nonzero(cond).
template <array_operand A>
std::vector<ndarray<intp>> where(const A& cond) {
  return nonzero(cond);
}

/// np.flatnonzero(a): the flat indices of the nonzero elements.
template <array_operand A>
ndarray<intp> flatnonzero(const A& a) {
  return detail::flat_true_positions(detail::truth_of(ravel(a)));
}

/// np.argwhere(a): an (N, a.ndim) array of the nonzero elements' coordinates.
template <array_operand A>
ndarray<intp> argwhere(const A& a) {
  const int nd = a.shape().size();
  if (nd == 0) {
    const bool t = ndarray<bool>(detail::truth_of(a))();
    return ndarray<intp>::uninitialized(dims{t ? 1 : 0, 0});
  }
  const auto c = nonzero(a);
  auto r = ndarray<intp>::uninitialized(dims{c[0].size(), nd});
  for (int d = 0; d < nd; ++d) r.view(slice(), d) = c[std::size_t(d)];
  return r;
}

// --- take / put ------------------------------------------------------------------------

/// np.take(a, indices, axis): elements of a along axis (a new array of shape
/// a.shape[:axis] + indices.shape + a.shape[axis+1:]).
template <class A, class I>
  requires array_operand<A> && array_operand<I>
auto take(A&& a, I&& indices, std::ptrdiff_t axis) {
  auto v = detail::view_of(std::forward<A>(a));
  const int ax = detail::normalize_axis(axis, v.ndim());
  return detail::gather(v, detail::along_axis(v.ndim(), ax, adv_item(std::forward<I>(indices))));
}
/// np.take(a, indices): of the flattened array.
template <class A, class I>
  requires array_operand<A> && array_operand<I>
auto take(A&& a, I&& indices) {
  return detail::gather(ravel(std::forward<A>(a)), {adv_item(std::forward<I>(indices))});
}

/// np.put(a, ind, v): a.flat[ind] = v, v repeated as needed.
template <class D, class I, class V>
  requires array_operand<I> && array_operand<V>
void put(D&& a, const I& ind, const V& v) {
  auto dst = detail::view_of(a);
  const auto idx = detail::as_index_array(ind);
  const auto vals = detail::view_of(v);
  if (idx.size() > 0 && vals.size() == 0) return;  // NumPy: nothing to put
  const auto items = detail::flat_items(dst, idx);
  const auto cv = detail::cycled(vals, idx.size());
  detail::scatter(dst, items, cv.reshape(idx.shape()));
}

/// np.put(a, ind, v) with a scalar v.
template <class D, class I, scalar_type V>
  requires array_operand<I>
void put(D&& a, const I& ind, V v) {
  put(std::forward<D>(a), ind, array(v));
}

namespace detail {
/// The index items of take_along_axis/put_along_axis: `indices` along ax,
/// aranges broadcast along the other axes.
inline std::vector<adv_item> along_axis_items(const dims& ashape, const ndview<const intp>& idx, int ax) {
  const int nd = ashape.size();
  if (idx.ndim() != nd) {
    throw value_error("`indices` and `arr` must have the same number of dimensions");
  }
  std::vector<adv_item> items;
  for (int d = 0; d < nd; ++d) {
    if (d == ax) {
      items.emplace_back(idx);
    } else {
      dims s(nd, 1);
      s[d] = ashape[d];
      items.push_back(owned_item(ndarray<intp>(arange<intp>(0, ashape[d], 1).reshape(s)), true));
    }
  }
  return items;
}
}  // namespace detail

/// np.take_along_axis(arr, indices, axis).
template <class A, class I>
  requires array_operand<A> && array_operand<I>
auto take_along_axis(A&& arr, I&& indices, std::ptrdiff_t axis) {
  auto v = detail::view_of(std::forward<A>(arr));
  const auto idx = detail::as_index_array(std::forward<I>(indices));
  const int ax = detail::normalize_axis(axis, v.ndim());
  return detail::gather(v, detail::along_axis_items(v.shape(), idx, ax));
}

/// np.put_along_axis(arr, indices, values, axis).
template <class D, class I, class V>
  requires array_operand<I> && (array_operand<V> || scalar_type<V>)
void put_along_axis(D&& arr, const I& indices, const V& values, std::ptrdiff_t axis) {
  auto v = detail::view_of(arr);
  const auto idx = detail::as_index_array(indices);
  const int ax = detail::normalize_axis(axis, v.ndim());
  detail::scatter(v, detail::along_axis_items(v.shape(), idx, ax), values);
}

// --- masks -----------------------------------------------------------------------------

/// np.compress(condition, a, axis): the slices of a along axis where the 1-d
/// condition is true (a shorter condition counts as false).
template <class C, class A>
  requires array_operand<C> && array_operand<A>
auto compress(const C& condition, A&& a, std::ptrdiff_t axis) {
  auto v = detail::view_of(std::forward<A>(a));
  const int ax = detail::normalize_axis(axis, v.ndim());
  const auto c = detail::truth_of(condition);
  if (c.ndim() != 1) throw value_error("condition must be a 1-d array");
  const auto idx = detail::flat_true_positions(c);
  return detail::gather(v, detail::along_axis(v.ndim(), ax, detail::owned_item(idx, true)));
}
template <class C, class A>
  requires array_operand<C> && array_operand<A>
auto compress(const C& condition, A&& a) {
  return compress(condition, ravel(std::forward<A>(a)), 0);
}

/// np.extract(condition, arr): ravel(arr)[ravel(condition) != 0].
template <class C, class A>
  requires array_operand<C> && array_operand<A>
auto extract(const C& condition, A&& arr) {
  const auto idx = flatnonzero(condition);
  return detail::gather(ravel(std::forward<A>(arr)), {detail::owned_item(idx, true)});
}

/// np.place(arr, mask, vals): arr[mask] = the first N of vals repeated.
template <class D, class M, class V>
  requires array_operand<M> && array_operand<V>
void place(D&& arr, const M& mask, const V& vals) {
  auto dst = detail::view_of(arr);
  const auto m = detail::truth_of(mask);
  if (m.size() != dst.size()) throw value_error("place: mask and data must be the same size");
  const auto pos = detail::flat_true_positions(ravel(m));
  const auto vv = detail::view_of(vals);
  if (pos.size() == 0) return;
  if (vv.size() == 0) throw value_error("Cannot insert from an empty array!");
  detail::scatter(dst, detail::flat_items(dst, pos.view()), detail::cycled(vv, pos.size()));
}

/// np.putmask(a, mask, values): a.flat[n] = values.flat[n % values.size]
/// where mask.flat[n].
template <class D, class M, class V>
  requires array_operand<M> && array_operand<V>
void putmask(D&& a, const M& mask, const V& values) {
  auto dst = detail::view_of(a);
  const auto m = detail::truth_of(mask);
  if (m.size() != dst.size()) throw value_error("putmask: mask and data must be the same size");
  const auto vv = detail::view_of(values);
  const auto pos = detail::flat_true_positions(ravel(m));
  if (pos.size() == 0 || vv.size() == 0) return;
  const ndarray<intp> vi(remainder(pos, intp(vv.size())));
  const auto sel = detail::gather(ravel(vv), {detail::owned_item(vi, true)});
  detail::scatter(dst, detail::flat_items(dst, pos.view()), sel);
}

// --- choose / select ---------------------------------------------------------------------

/// np.choose(a, choices): choices[a[i]][i] (a, and every choice, broadcast
/// together). mode='raise' only.
template <class A, operand_sequence Seq>
  requires array_operand<A>
auto choose(const A& a, const Seq& choices) {
  using V = typename detail::seq_value<Seq>::type;
  const auto shapes = detail::shapes_of(choices);
  const auto n = std::ptrdiff_t(shapes.size());
  dims S = a.shape();
  for (const auto& s : shapes) {
    if (!detail::broadcast_into(S, s)) {
      throw value_error("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape " +
                        detail::shape_str_compact(a.shape()) + " and arg 1 with shape " + detail::shape_str_compact(s) + ".");
    }
  }
  const auto idx = detail::as_index_array(a);
  if (detail::any_outside(idx, 0, intp(n) - 1)) {
    throw value_error("invalid entry in choice array");
  }
  dims cs(S.size() + 1);
  cs[0] = n;
  for (int d = 0; d < S.size(); ++d) cs[d + 1] = S[d];
  auto C = ndarray<V>::uninitialized(cs);
  detail::for_each_operand(choices, [&](int i, const auto& x) { C.view(i) = x; });
  std::vector<adv_item> items;
  const ndarray<intp> ib(broadcast_to(idx, S));
  items.push_back(detail::owned_item(ib, true));  // checked above
  for (int d = 0; d < S.size(); ++d) {
    dims s(S.size(), 1);
    s[d] = S[d];
    items.push_back(detail::owned_item(ndarray<intp>(arange<intp>(0, S[d], 1).reshape(s)), true));
  }
  return detail::gather(C.view(), items);
}

/// np.select(condlist, choicelist, default): the first choice whose
/// condition holds, else default (engine where() passes, last to first).
template <class C, class T, scalar_type S = int>
auto select(const std::vector<C>& condlist, const std::vector<T>& choicelist, S dflt = 0) {
  if (condlist.size() != choicelist.size()) {
    throw value_error("list of cases must be same length as list of conditions");
  }
  if (condlist.empty()) throw value_error("select with an empty condition list is not possible");
  using V = expr::value_t<const T&>;
  dims shape;
  for (std::size_t i = 0; i < condlist.size(); ++i) {
    shape = i == 0 ? broadcast_shapes(condlist[i].shape(), choicelist[i].shape())
                   : broadcast_shapes(shape, broadcast_shapes(condlist[i].shape(), choicelist[i].shape()));
  }
  auto r = full<V>(shape, dflt);
  for (std::size_t i = condlist.size(); i-- > 0;) {
    r.view() = where(condlist[i], choicelist[i], r);
  }
  return r;
}

// --- index generators ----------------------------------------------------------------------

/// np.diag_indices(n, ndim): ndim copies of arange(n).
inline std::vector<ndarray<intp>> diag_indices(std::ptrdiff_t n, int ndim = 2) {
  return std::vector<ndarray<intp>>(std::size_t(ndim), arange<intp>(0, n, 1));
}

namespace detail {
template <bool lower>
std::vector<ndarray<intp>> tri_indices(std::ptrdiff_t n, std::ptrdiff_t k, std::ptrdiff_t m) {
  if (m < 0) m = n;
  const auto rows = arange<intp>(0, n, 1);
  const auto cols = arange<intp>(0, m, 1);
  const auto col = rows.reshape({n, 1});
  if constexpr (lower) {
    return nonzero(ndarray<bool>(cols - col <= intp(k)));
  } else {
    return nonzero(ndarray<bool>(cols - col >= intp(k)));
  }
}
}  // namespace detail

/// np.tril_indices(n, k, m) / np.triu_indices(n, k, m) (m < 0: m = n).
inline std::vector<ndarray<intp>> tril_indices(std::ptrdiff_t n, std::ptrdiff_t k = 0, std::ptrdiff_t m = -1) {
  return detail::tri_indices<true>(n, k, m);
}
inline std::vector<ndarray<intp>> triu_indices(std::ptrdiff_t n, std::ptrdiff_t k = 0, std::ptrdiff_t m = -1) {
  return detail::tri_indices<false>(n, k, m);
}

/// np.ix_(seqs...): 1-d integer (or bool: their nonzero positions) arrays
/// reshaped to broadcast against each other, as an open mesh.
template <class... X>
  requires(array_operand<X> && ...)
std::vector<ndarray<intp>> ix_(const X&... seqs) {
  const int n = int(sizeof...(X));
  std::vector<ndarray<intp>> out;
  int k = 0;
  auto one = [&](const auto& s) {
    if (s.shape().size() != 1) throw value_error("Cross index must be 1 dimensional");
    ndarray<intp> v;
    if constexpr (std::is_same_v<expr::value_t<decltype(s)>, bool>) {
      v = flatnonzero(s);
    } else {
      v = ndarray<intp>(detail::as_index_array(s));
    }
    dims sh(n, 1);
    sh[k] = v.size();
    out.push_back(ndarray<intp>(v.reshape(sh)));
    ++k;
  };
  (one(seqs), ...);
  return out;
}

/// np.unravel_index(indices, shape): one coordinate array per axis.
template <array_operand I>
std::vector<ndarray<intp>> unravel_index(const I& indices, const dims& shape) {
  const auto idx = detail::as_index_array(indices);
  const std::ptrdiff_t size = shape_size(shape);
  const ndarray<intp> flat(idx);
  if (detail::any_outside(flat, 0, intp(size) - 1)) {
    const ndarray<bool> bad((flat < intp(0)) | (flat >= intp(size)));
    const auto first = detail::flat_true_positions(bad);
    const ndarray<intp> r(ravel(flat));
    throw value_error("index " + std::to_string(r(first(0))) + " is out of bounds for array with size " +
                      std::to_string(size));
  }
  return detail::unravel_flat(flat, shape);
}

/// np.ravel_multi_index(multi_index, dims): the flat C index of each
/// coordinate tuple (mode='raise').
inline ndarray<intp> ravel_multi_index(const std::vector<ndarray<intp>>& multi_index, const dims& shape) {
  if (int(multi_index.size()) != shape.size()) {
    throw value_error("parameter multi_index must be a sequence of length " + std::to_string(shape.size()));
  }
  dims out;
  for (const auto& m : multi_index) {
    if (!detail::broadcast_into(out, m.shape())) {
      throw value_error("shape mismatch: objects cannot be broadcast to a single shape");
    }
  }
  auto r = zeros<intp>(out);
  std::ptrdiff_t stride = 1;
  for (int d = shape.size() - 1; d >= 0; --d) {
    const auto& m = multi_index[std::size_t(d)];
    if (detail::any_outside(m, 0, intp(shape[d]) - 1)) {
      throw value_error("invalid entry in coordinates array");
    }
    r.view() = r + m * intp(stride);
    stride *= shape[d];
  }
  return r;
}

}  // namespace numfuse
