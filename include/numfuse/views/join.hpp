// numfuse/views/join.hpp -- joining and splitting: concatenate, stack,
// hstack, vstack (new arrays, each operand written by one engine
// assignment into its slab of the result), split and array_split (vectors
// of views), tile and repeat (one broadcasting assignment into a strided
// view of the result).
//
// Joined along an axis after the first, the operands' parts of the result
// interleave in memory; they are then written block by block of the
// result's first axis (write_parts), so that the result is swept once.
//
// A sequence of operands is a range (std::vector<ndview<T>>, std::array,
// the result of split) or a std::tuple (`std::tie(a, b)`,
// `std::forward_as_tuple(a, b * 2)`), whose dtypes may differ: the result
// has NumPy's promoted dtype.
#pragma once

#include <cstddef>
#include <ranges>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "numfuse/core/errors.hpp"
#include "numfuse/core/ndarray.hpp"
#include "numfuse/eval/interleave.hpp"
#include "numfuse/eval/parallel.hpp"
#include "numfuse/views/manipulation.hpp"

namespace numfuse {

namespace detail {

template <class X>
struct is_tuple : std::false_type {};
template <class... X>
struct is_tuple<std::tuple<X...>> : std::true_type {};

template <class... V>
struct promote_all;
template <class V>
struct promote_all<V> {
  using type = V;
};
template <class V, class W, class... R>
struct promote_all<V, W, R...> {
  using type = typename promote_all<promote_t<V, W>, R...>::type;
};

template <class Seq>
struct seq_value;
template <class... X>
struct seq_value<std::tuple<X...>> {
  using type = typename promote_all<expr::value_t<const std::remove_cvref_t<X>&>...>::type;
};
template <class Seq>
  requires std::ranges::forward_range<Seq>
struct seq_value<Seq> {
  using type = expr::value_t<const std::ranges::range_value_t<Seq>&>;
};

}  // namespace detail

/// A sequence of array operands: a forward range of them or a std::tuple.
template <class S>
concept operand_sequence =
    (detail::is_tuple<std::remove_cvref_t<S>>::value) ||
    (std::ranges::forward_range<S> && array_operand<std::ranges::range_value_t<S>>);

namespace detail {

/// Calls f(i, operand) for every operand of the sequence.
template <class Seq, class F>
void for_each_operand(const Seq& seq, F&& f) {
  if constexpr (is_tuple<Seq>::value) {
    int i = 0;
    std::apply([&](const auto&... x) { (f(i++, x), ...); }, seq);
  } else {
    int i = 0;
    for (const auto& x : seq) f(i++, x);
  }
}

template <class Seq>
std::vector<dims> shapes_of(const Seq& seq) {
  std::vector<dims> s;
  for_each_operand(seq, [&](int, const auto& x) { s.push_back(x.shape()); });
  return s;
}

/// Elements [start, start + len) of axis ax of v.
template <class T>
ndview<T> slab(const ndview<T>& v, int ax, std::ptrdiff_t start, std::ptrdiff_t len) {
  dims shape = v.shape();
  shape[ax] = len;
  const std::ptrdiff_t off = shape_size(shape) > 0 ? start * v.element_strides()[ax] : 0;
  return v.restrided(v.data() + off, std::move(shape), v.element_strides());
}

/// Bytes of the result per block when the operands' parts interleave: the
/// block stays in a core's L2 cache while every operand writes its part.
/// (A macro so that tests can make blocks tiny.)
#ifndef NUMFUSE_JOIN_BLOCK_BYTES
#define NUMFUSE_JOIN_BLOCK_BYTES (1 << 19)
#endif
inline constexpr std::ptrdiff_t join_block_bytes = NUMFUSE_JOIN_BLOCK_BYTES;

/// An operand the interleave kernel can read: an array or view of dtype V.
template <class X, class V>
concept same_dtype_array =
    array_like<X> && std::is_same_v<std::remove_const_t<typename X::element_type>, V>;

/// Whether the operands' parts interleave element by element -- part(i)
/// starts i elements after part(0) with part(0)'s shape and strides, as in
/// stack(..., axis=-1) -- with 2 to 4 operands that are arrays or views of
/// the result's dtype and of their part's shape: then one pass of the
/// interleave kernel (eval/interleave.hpp) writes them all.
template <class V, class Seq, class Part>
bool parts_interleave(const Seq& seq, const std::vector<dims>& shapes, const Part& part) {
  const std::size_t P = shapes.size();
  if (P < 2 || P > 4) return false;
  const ndview<V> p0 = part(0);
  bool ok = p0.ndim() > 0;
  for_each_operand(seq, [&](int i, const auto& x) {
    if constexpr (same_dtype_array<std::remove_cvref_t<decltype(x)>, V>) {
      const ndview<V> pi = part(i);
      ok = ok && x.shape() == p0.shape() && pi.shape() == p0.shape() &&
           pi.element_strides() == p0.element_strides() && pi.data() == p0.data() + i;
    } else {
      ok = false;
    }
  });
  return ok;
}

/// The interleave kernel on rows [lo, lo + len) of axis 0 of every operand
/// and part (parts_interleave() said yes).
template <class V, class Seq, class Part>
void write_interleaved(const Seq& seq, const Part& part, std::size_t P, std::ptrdiff_t lo,
                       std::ptrdiff_t len) {
  const ndview<V> p0 = part(0);
  dims R = p0.shape();
  R[0] = len;
  V* const out = p0.data() + lo * p0.element_strides()[0];
  const V* in[4] = {};
  dims st[4];
  const dims* stp[4] = {&st[0], &st[1], &st[2], &st[3]};
  for_each_operand(seq, [&](int i, const auto& x) {
    if constexpr (same_dtype_array<std::remove_cvref_t<decltype(x)>, V>) {
      st[i] = x.element_strides();
      in[i] = x.data() + lo * st[i][0];
    }
  });
  if (P == 2) run_interleave<2>(out, R, p0.element_strides(), in, stp);
  if (P == 3) run_interleave<3>(out, R, p0.element_strides(), in, stp);
  if (P == 4) run_interleave<4>(out, R, p0.element_strides(), in, stp);
}

/// Writes every operand x_i of seq into part(i), its part of the result r
/// (a view of x_i's shape, shapes[i]). When the parts interleave in memory
/// (`interleaved`: a join along an axis after the first), writing each
/// operand whole would sweep all of r once per operand: then r is written
/// in blocks of rows along axis 0 (join_block_bytes each), every operand
/// writing its rows of a block while the block is in cache -- blocks on
/// several threads when the work is large. Operands that are expressions,
/// or whose shape was extended (hstack/vstack of 1-d operands), are
/// written whole. Parts that interleave element by element
/// (parts_interleave) are written by the interleave kernel in one pass.
template <class V, class Seq, class Part>
void write_parts(const Seq& seq, const std::vector<dims>& shapes, const ndarray<V>& r,
                 bool interleaved, const Part& part) {
  const std::ptrdiff_t rows = r.ndim() > 0 ? r.shape()[0] : 0;
  const std::ptrdiff_t row_bytes = rows > 0 ? std::ptrdiff_t(r.size() / rows * sizeof(V)) : 0;
  const std::ptrdiff_t block =
      row_bytes > 0 ? std::max<std::ptrdiff_t>(1, join_block_bytes / row_bytes) : rows;
  // Element-by-element interleaving: one streaming pass, in blocks only
  // to share it among threads.
  const bool one_pass = interleaved && rows > 0 && parts_interleave<V>(seq, shapes, part);
  bool blocked = interleaved && block < rows;
  for_each_operand(seq, [&](int i, const auto& x) {
    if constexpr (array_like<decltype(x)>) {
      blocked = blocked && x.shape() == shapes[std::size_t(i)];
    } else {
      blocked = false;
    }
  });
  if (one_pass && !blocked) {
    write_interleaved<V>(seq, part, shapes.size(), 0, rows);
    return;
  }
  if (!blocked) {
    for_each_operand(seq, [&](int i, const auto& x) {
      ndview<V> dst = part(i);
      dst = x;
    });
    return;
  }
  const std::ptrdiff_t blocks = (rows + block - 1) / block;
  const auto write_block = [&](std::ptrdiff_t b) {
    const std::ptrdiff_t lo = b * block, len = std::min(block, rows - lo);
    if (one_pass) {
      write_interleaved<V>(seq, part, shapes.size(), lo, len);
      return;
    }
    for_each_operand(seq, [&](int i, const auto& x) {
      if constexpr (array_like<decltype(x)>) {
        ndview<V> dst = slab(part(i), 0, lo, len);
        dst = slab(view_of(x), 0, lo, len);
      }
    });
  };
  const int threads = parallel_threads(2.0 * double(r.size()));
  if (threads > 1) {
    parallel_chunks(blocks, threads, [&](std::ptrdiff_t b) {
      serial_scope serial;  // each block's assignments stay on this thread
      write_block(b);
    });
  } else {
    for (std::ptrdiff_t b = 0; b < blocks; ++b) write_block(b);
  }
}

/// NumPy's checks and result shape for concatenating `shapes` along axis.
inline dims concat_shape(const std::vector<dims>& shapes, std::ptrdiff_t axis, int& ax) {
  if (shapes.empty()) throw value_error("need at least one array to concatenate");
  const int nd = shapes[0].size();
  if (nd == 0) throw value_error("zero-dimensional arrays cannot be concatenated");
  ax = normalize_axis(axis, nd);
  dims out = shapes[0];
  for (std::size_t i = 1; i < shapes.size(); ++i) {
    const dims& s = shapes[i];
    if (s.size() != nd) {
      throw value_error("all the input arrays must have same number of dimensions, but the array at "
                        "index 0 has " + std::to_string(nd) + " dimension(s) and the array at index " +
                        std::to_string(i) + " has " + std::to_string(s.size()) + " dimension(s)");
    }
    for (int d = 0; d < nd; ++d) {
      if (d == ax) {
        out[d] += s[d];
      } else if (out[d] != s[d]) {
        throw value_error("all the input array dimensions except for the concatenation axis must "
                          "match exactly, but along dimension " + std::to_string(d) +
                          ", the array at index 0 has size " + std::to_string(out[d]) +
                          " and the array at index " + std::to_string(i) + " has size " +
                          std::to_string(s[d]));
      }
    }
  }
  return out;
}

/// Concatenates the operands, each seen with shapes[i] (which it must
/// broadcast into: atleast_1d/2d shapes for hstack/vstack).
template <class Seq>
auto concat(const Seq& seq, const std::vector<dims>& shapes, std::ptrdiff_t axis) {
  using V = typename seq_value<Seq>::type;
  int ax = 0;
  const dims out = concat_shape(shapes, axis, ax);
  auto r = ndarray<V>::uninitialized(out);
  const ndview<V> rv = r.view();
  std::vector<std::ptrdiff_t> pos(shapes.size() + 1, 0);  // where each operand starts on ax
  for (std::size_t i = 0; i < shapes.size(); ++i) pos[i + 1] = pos[i] + shapes[i][ax];
  write_parts(seq, shapes, r, ax > 0, [&](int i) {
    return slab(rv, ax, pos[std::size_t(i)], shapes[std::size_t(i)][ax]);
  });
  return r;
}

inline dims atleast_shape(const dims& s, int n) {
  if (s.size() >= n) return s;
  if (n == 1) return dims{1};
  if (s.size() == 0) return dims{1, 1};
  return dims{1, s[0]};  // n == 2, 1-d
}

}  // namespace detail

/// np.concatenate(arrays, axis): a new array of NumPy's promoted dtype.
template <operand_sequence Seq>
auto concatenate(const Seq& arrays, std::ptrdiff_t axis = 0) {
  return detail::concat(arrays, detail::shapes_of(arrays), axis);
}

/// np.stack(arrays, axis): joins same-shaped operands along a new axis.
template <operand_sequence Seq>
auto stack(const Seq& arrays, std::ptrdiff_t axis = 0) {
  using V = typename detail::seq_value<Seq>::type;
  const auto shapes = detail::shapes_of(arrays);
  if (shapes.empty()) throw value_error("need at least one array to stack");
  for (const auto& s : shapes) {
    if (!(s == shapes[0])) throw value_error("all input arrays must have the same shape");
  }
  const int nd = shapes[0].size() + 1;
  const int ax = detail::normalize_axis(axis, nd);
  dims out(nd);
  for (int d = 0, k = 0; d < nd; ++d) out[d] = d == ax ? std::ptrdiff_t(shapes.size()) : shapes[0][k++];
  auto r = ndarray<V>::uninitialized(out);
  const ndview<V> rv = r.view();
  dims shape, st;  // the result at one index of axis ax: the operands' shape
  for (int d = 0; d < nd; ++d) {
    if (d != ax) {
      shape.push_back(rv.shape()[d]);
      st.push_back(rv.element_strides()[d]);
    }
  }
  detail::write_parts(arrays, shapes, r, ax > 0, [&](int i) {
    const std::ptrdiff_t off = r.size() > 0 ? i * rv.element_strides()[ax] : 0;
    return ndview<V>::from_element_strides(rv.data() + off, shape, st);
  });
  return r;
}

/// np.hstack: concatenation along axis 1 (axis 0 for 1-d operands).
template <operand_sequence Seq>
auto hstack(const Seq& arrays) {
  auto shapes = detail::shapes_of(arrays);
  for (auto& s : shapes) s = detail::atleast_shape(s, 1);
  const bool one_d = !shapes.empty() && shapes[0].size() == 1;
  return detail::concat(arrays, shapes, one_d ? 0 : 1);
}

/// np.vstack: concatenation along axis 0 of the operands as at least 2-d.
template <operand_sequence Seq>
auto vstack(const Seq& arrays) {
  auto shapes = detail::shapes_of(arrays);
  for (auto& s : shapes) s = detail::atleast_shape(s, 2);
  return detail::concat(arrays, shapes, 0);
}

// --- split -------------------------------------------------------------------

namespace detail {
template <class V>
auto split_at(const V& v, const std::vector<std::ptrdiff_t>& points, int ax) {
  std::vector<V> out;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const auto sl = slice(points[i], points[i + 1]).indices(v.shape()[ax]);
    out.push_back(slab(v, ax, sl.start, sl.length));
  }
  return out;
}
}  // namespace detail

/// np.array_split(a, sections, axis): `sections` views, the first
/// size % sections of them one element longer.
template <class A>
  requires array_operand<A>
auto array_split(A&& a, std::ptrdiff_t sections, std::ptrdiff_t axis = 0) {
  auto v = detail::view_of(std::forward<A>(a));
  const int ax = detail::normalize_axis(axis, v.ndim());
  if (sections <= 0) throw value_error("number sections must be larger than 0.");
  const std::ptrdiff_t n = v.shape()[ax], each = n / sections, extras = n % sections;
  std::vector<std::ptrdiff_t> points{0};
  for (std::ptrdiff_t i = 0; i < sections; ++i) points.push_back(points.back() + each + (i < extras));
  return detail::split_at(v, points, ax);
}
/// np.array_split / np.split at indices: views a[:i0], a[i0:i1], ...,
/// a[ik:] along axis (indices clamp as slices do).
template <class A>
  requires array_operand<A>
auto array_split(A&& a, const std::vector<std::ptrdiff_t>& indices, std::ptrdiff_t axis = 0) {
  auto v = detail::view_of(std::forward<A>(a));
  const int ax = detail::normalize_axis(axis, v.ndim());
  std::vector<std::ptrdiff_t> points{0};
  points.insert(points.end(), indices.begin(), indices.end());
  points.push_back(v.shape()[ax]);
  return detail::split_at(v, points, ax);
}
/// np.split(a, sections, axis): like array_split, but the sections must be
/// equal.
template <class A>
  requires array_operand<A>
auto split(A&& a, std::ptrdiff_t sections, std::ptrdiff_t axis = 0) {
  auto v = detail::view_of(std::forward<A>(a));
  const int ax = detail::normalize_axis(axis, v.ndim());
  if (sections <= 0) throw value_error("number sections must be larger than 0.");
  if (v.shape()[ax] % sections != 0) {
    throw value_error("array split does not result in an equal division");
  }
  return array_split(std::move(v), sections, ax);
}
template <class A>
  requires array_operand<A>
auto split(A&& a, const std::vector<std::ptrdiff_t>& indices, std::ptrdiff_t axis = 0) {
  return array_split(std::forward<A>(a), indices, axis);
}

// --- tile, repeat ----------------------------------------------------------------

/// np.tile(a, reps): a new array, a repeated reps[i] times along axis i.
template <class A>
  requires array_operand<A>
auto tile(A&& a, const dims& reps) {
  auto v = detail::view_of(std::forward<A>(a));
  using V = std::remove_const_t<typename decltype(v)::element_type>;
  for (auto r : reps) {
    if (r < 0) throw value_error("negative dimensions are not allowed");
  }
  const int nd = std::max(v.ndim(), reps.size());
  dims s(nd, 1), st(nd, 0), rp(nd, 1), out(nd);
  for (int d = 0; d < v.ndim(); ++d) {
    s[nd - v.ndim() + d] = v.shape()[d];
    st[nd - v.ndim() + d] = v.element_strides()[d];
  }
  for (int d = 0; d < reps.size(); ++d) rp[nd - reps.size() + d] = reps[d];
  for (int d = 0; d < nd; ++d) out[d] = s[d] * rp[d];
  auto r = ndarray<V>::uninitialized(out);
  if (r.size() == 0) return r;
  // The result as (rp0, s0, rp1, s1, ...), the source as (1, s0, 1, s1, ...).
  const dims& cs = r.element_strides();
  dims ishape(2 * nd), istrides(2 * nd), sshape(2 * nd), sstrides(2 * nd);
  for (int d = 0; d < nd; ++d) {
    ishape[2 * d] = rp[d];
    istrides[2 * d] = s[d] * cs[d];
    ishape[2 * d + 1] = s[d];
    istrides[2 * d + 1] = cs[d];
    sshape[2 * d] = 1;
    sstrides[2 * d] = 0;
    sshape[2 * d + 1] = s[d];
    sstrides[2 * d + 1] = st[d];
  }
  ndview<V>::from_element_strides(r.data(), ishape, istrides) =
      v.restrided(v.data(), sshape, sstrides);
  return r;
}
template <class A>
  requires array_operand<A>
auto tile(A&& a, std::ptrdiff_t reps) {
  return tile(std::forward<A>(a), dims{reps});
}

namespace detail {
/// repeat along axis ax of v (r repeats of each element).
template <class T>
auto repeat_axis(const ndview<T>& v, std::ptrdiff_t r, int ax) {
  using V = std::remove_const_t<T>;
  if (r < 0) throw value_error("negative dimensions are not allowed");
  dims out = v.shape();
  out[ax] *= r;
  auto res = ndarray<V>::uninitialized(out);
  if (res.size() == 0) return res;
  const int nd = v.ndim();
  dims ishape(nd + 1), istrides(nd + 1), sshape(nd + 1), sstrides(nd + 1);
  for (int d = 0, k = 0; d < nd; ++d, ++k) {
    ishape[k] = v.shape()[d];
    sshape[k] = v.shape()[d];
    sstrides[k] = v.element_strides()[d];
    istrides[k] = res.element_strides()[d] * (d == ax ? r : 1);
    if (d == ax) {
      ++k;
      ishape[k] = r;
      istrides[k] = res.element_strides()[d];
      sshape[k] = 1;
      sstrides[k] = 0;
    }
  }
  ndview<V>::from_element_strides(res.data(), ishape, istrides) = v.restrided(v.data(), sshape, sstrides);
  return res;
}
/// repeat with one count per element along axis ax: one assignment per
/// element position (NumPy copies one chunk per element as well).
template <class T>
auto repeat_axis(const ndview<T>& v, const std::vector<std::ptrdiff_t>& reps, int ax) {
  using V = std::remove_const_t<T>;
  const auto n = v.shape()[ax];
  if (reps.size() == 1) return repeat_axis(v, reps[0], ax);
  if (std::ptrdiff_t(reps.size()) != n) {
    throw value_error("operands could not be broadcast together with shape (" + std::to_string(n) +
                      ",) (" + std::to_string(reps.size()) + ",)");
  }
  std::ptrdiff_t total = 0;
  for (auto r : reps) {
    if (r < 0) throw value_error("repeats may not contain negative values.");
    total += r;
  }
  dims out = v.shape();
  out[ax] = total;
  auto res = ndarray<V>::uninitialized(out);
  const ndview<V> rv = res.view();
  std::ptrdiff_t pos = 0;
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const auto r = reps[std::size_t(i)];
    if (r == 0) continue;
    ndview<V> dst = slab(rv, ax, pos, r);
    dst = slab(v, ax, i, 1);
    pos += r;
  }
  return res;
}
}  // namespace detail

/// np.repeat(a, repeats, axis): each element repeated along axis (a new
/// array); without axis, of the flattened operand. `repeats` is a count or
/// one count per element.
template <class A>
  requires array_operand<A>
auto repeat(A&& a, std::ptrdiff_t repeats, std::ptrdiff_t axis) {
  auto v = detail::view_of(std::forward<A>(a));
  return detail::repeat_axis(v, repeats, detail::normalize_axis(axis, v.ndim()));
}
template <class A>
  requires array_operand<A>
auto repeat(A&& a, std::ptrdiff_t repeats) {
  return detail::repeat_axis(ravel(std::forward<A>(a)), repeats, 0);
}
template <class A>
  requires array_operand<A>
auto repeat(A&& a, const std::vector<std::ptrdiff_t>& repeats, std::ptrdiff_t axis) {
  auto v = detail::view_of(std::forward<A>(a));
  return detail::repeat_axis(v, repeats, detail::normalize_axis(axis, v.ndim()));
}
template <class A>
  requires array_operand<A>
auto repeat(A&& a, const std::vector<std::ptrdiff_t>& repeats) {
  return detail::repeat_axis(ravel(std::forward<A>(a)), repeats, 0);
}

}  // namespace numfuse
