// numfuse/views/advanced.hpp -- NumPy's advanced indexing: boolean masks and
// integer arrays, alone (`a[mask]`, `a[idx]`) or mixed with basic items
// (`a.adv(np::slice(), idx)`, `a.adv(idx0, idx1)`), read (a new array) or
// written (`a[mask] = x`).
//
// How it runs: masks become integer arrays (nonzero); the basic items give
// a view W of the operand; the integer arrays are wrapped, bounds-checked
// and combined into one int64 array of element offsets into W (engine
// passes); then the gather/scatter kernel (simd/gather-inl.h, through
// eval/gather.hpp) moves the elements.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "numfuse/core/errors.hpp"
#include "numfuse/core/ndarray.hpp"
#include "numfuse/core/ndview.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/gather.hpp"
#include "numfuse/expr/functions.hpp"
#include "numfuse/expr/reductions.hpp"
#include "numfuse/expr/ufuncs.hpp"
#include "numfuse/views/index.hpp"
#include "numfuse/views/manipulation.hpp"

namespace numfuse {

/// NumPy's intp: the dtype of index arrays numfuse returns.
using intp = std::int64_t;

namespace detail {

/// An int64 view of an integer array operand (a view of it when it is an
/// int64 array, else an owned converted copy).
template <class E>
ndview<const intp> as_index_array(E&& e) {
  using V = expr::value_t<E&&>;
  static_assert(std::is_integral_v<V> && !std::is_same_v<V, bool>,
                "arrays used as indices must be of integer (or boolean) type");
  if constexpr (std::is_same_v<V, intp>) {
    return ndview<const intp>(view_of(std::forward<E>(e)));
  } else {
    auto p = std::make_shared<ndarray<intp>>(e);
    return ndview<const intp>::owning(p, p->data(), p->shape(), p->element_strides());
  }
}

/// The flat C-order positions of the true elements of a bool operand (one
/// engine pass to count, one nonzero-kernel pass), as a view owning its
/// buffer (one slot longer than the view: see nonzero_entry).
template <class E>
ndview<const intp> flat_true_view(const E& mask) {
  auto m = view_of(mask);
  const auto n = std::int64_t(count_nonzero(m));
  auto buf = std::make_shared<ndarray<intp>>(ndarray<intp>::uninitialized(dims{n + 1}));
  run_nonzero(m.data(), m.shape(), m.element_strides(), buf->data());
  return ndview<const intp>::owning(buf, buf->data(), dims{n}, dims{1});
}
/// The same as a new array.
template <class E>
ndarray<intp> flat_true_positions(const E& mask) {
  return ndarray<intp>(flat_true_view(mask));
}

/// True when some element of the int64 operand x is outside [lo, hi]
/// (engine min/max reductions; false for an empty x).
template <class X>
bool any_outside(const X& x, intp lo, intp hi) {
  if (shape_size(x.shape()) == 0) return false;
  return intp(min(x)) < lo || intp(max(x)) > hi;
}

inline std::string oob_message(intp v, int axis, std::ptrdiff_t n) {
  return "index " + std::to_string(v) + " is out of bounds for axis " + std::to_string(axis) +
         " with size " + std::to_string(n);
}

/// idx with negative entries counted from the end of an axis of extent n;
/// throws index_error (NumPy's message, the first bad index in C order) when
/// any is outside [-n, n). Two reductions (min, max); idx itself is returned
/// when no entry is negative, else a wrapped copy (one more pass).
inline ndview<const intp> wrapped_indices(const ndview<const intp>& idx, std::ptrdiff_t n, int axis) {
  if (idx.size() == 0) return idx;
  const intp lo = min(idx), hi = max(idx);
  if (lo >= 0 && hi < n) return idx;
  if (lo < -n || hi >= n) {
    const ndarray<bool> bad((idx < intp(-n)) | (idx >= intp(n)));
    const auto first = flat_true_positions(bad);
    const ndarray<intp> flat(ravel(idx));
    throw index_error(oob_message(flat(first(0)), axis, n));
  }
  auto p = std::make_shared<ndarray<intp>>(where(idx < intp(0), idx + intp(n), idx));
  return ndview<const intp>::owning(p, p->data(), p->shape(), p->element_strides());
}

}  // namespace detail

/// One item of an advanced index: a basic item (integer, slice, newaxis,
/// ellipsis), an integer array or a bool array (a mask), as in NumPy's
/// a[items]. Arrays are held as views (temporaries are owned).
class adv_item {
 public:
  enum class kind : std::uint8_t { basic, ints, mask };

  template <index_item X>
  adv_item(const X& x) : kind_(kind::basic), basic_(index(x)) {}  // NOLINT: implicit by design
  template <class E>
    requires array_operand<E>
  adv_item(E&& e)  // NOLINT: implicit by design
      : kind_(std::is_same_v<expr::value_t<E&&>, bool> ? kind::mask : kind::ints), basic_(0) {
    if constexpr (std::is_same_v<expr::value_t<E&&>, bool>) {
      mask_ = std::make_shared<const ndview<const bool>>(detail::view_of(std::forward<E>(e)));
    } else {
      ints_ = std::make_shared<const ndview<const intp>>(detail::as_index_array(std::forward<E>(e)));
    }
  }
  /// An integer array given as a view (for the routines built on indexing);
  /// in_range: every entry is known to be in [0, extent) of the axis it
  /// indexes (nonzero results, aranges), so no wrap/bounds pass is needed.
  explicit adv_item(ndview<const intp> v, bool in_range = false)
      : kind_(kind::ints),
        in_range_(in_range),
        basic_(0),
        ints_(std::make_shared<const ndview<const intp>>(std::move(v))) {}

  kind type() const noexcept { return kind_; }
  const index& basic() const noexcept { return basic_; }
  const ndview<const intp>& ints() const noexcept { return *ints_; }
  const ndview<const bool>& mask() const noexcept { return *mask_; }
  bool in_range() const noexcept { return in_range_; }

 private:
  kind kind_;
  bool in_range_ = false;
  index basic_;
  std::shared_ptr<const ndview<const intp>> ints_;
  std::shared_ptr<const ndview<const bool>> mask_;
};

namespace detail {

/// Where an advanced index reads/writes: for every position r of the result
/// shape R, element base[r-th slice position] + offs[r-th index position].
template <class T>
struct adv_layout {
  T* base = nullptr;
  dims R, bstrides, ostrides;
  const intp* offs = nullptr;          // element offsets over B
  std::shared_ptr<const void> keep;    // what offs points into
  bool single_mask = false;  // the index was one bool array (NumPy's assignment message)
};

/// NumPy's advanced indexing of src by items[0..n): the result shape and
/// the offsets of the selected elements (index arithmetic in engine passes).
template <class T>
adv_layout<T> plan_advanced(const ndview<T>& src, const std::vector<adv_item>& items_in) {
  const int nd = src.ndim();
  // 1. Masks -> integer arrays (nonzero), after locating the axes they cover.
  int consumed = 0;
  for (const auto& it : items_in) {
    if (it.type() == adv_item::kind::mask) {
      consumed += it.mask().ndim();
    } else if (it.type() == adv_item::kind::ints) {
      consumed += 1;
    } else if (it.basic().type() == index::kind::integer || it.basic().type() == index::kind::slice) {
      consumed += 1;
    }
  }
  std::vector<adv_item> items;
  std::vector<int> src_axis;  // source axis of each integer-array item (-1 otherwise)
  int ax = 0;
  for (const auto& it : items_in) {
    if (it.type() == adv_item::kind::mask) {
      const auto& m = it.mask();
      if (m.ndim() == 0) throw index_error("a 0-d boolean index is not supported by numfuse");
      if (ax + m.ndim() > nd) {
        throw index_error("too many indices for array: array is " + std::to_string(nd) +
                          "-dimensional, but " + std::to_string(consumed) + " were indexed");
      }
      for (int d = 0; d < m.ndim(); ++d) {
        if (m.shape()[d] != src.shape()[ax + d]) {
          throw index_error("boolean index did not match indexed array along dimension " +
                            std::to_string(ax + d) + "; dimension is " +
                            std::to_string(src.shape()[ax + d]) +
                            " but corresponding boolean dimension is " + std::to_string(m.shape()[d]));
        }
      }
      const auto flat = flat_true_view(m);
      if (m.ndim() == 1) {
        items.push_back(adv_item(flat, true));
        src_axis.push_back(ax++);
        continue;
      }
      // unravel: coordinate d = (flat / prod(shape[d+1:])) % shape[d]
      std::ptrdiff_t inner = 1;
      std::vector<adv_item> coords;
      for (int d = m.ndim() - 1; d >= 0; --d) {
        auto c = std::make_shared<ndarray<intp>>(
            ndarray<intp>(remainder(floor_divide(flat, intp(inner)), intp(m.shape()[d] ? m.shape()[d] : 1))));
        coords.insert(coords.begin(), adv_item(ndview<const intp>::owning(c, c->data(), c->shape(),
                                                                           c->element_strides()), true));
        inner *= m.shape()[d];
      }
      for (int d = 0; d < m.ndim(); ++d) {
        items.push_back(coords[std::size_t(d)]);
        src_axis.push_back(ax + d);
      }
      ax += m.ndim();
    } else if (it.type() == adv_item::kind::ints) {
      items.push_back(it);
      src_axis.push_back(ax++);
    } else {
      const auto k = it.basic().type();
      if (k == index::kind::ellipsis) {
        ax += std::max(0, nd - consumed);
      } else if (k != index::kind::newaxis) {
        if (k == index::kind::integer) {
          // With arrays present, an integer is a 0-d integer array.
          if (ax >= nd) {
            throw index_error("too many indices for array: array is " + std::to_string(nd) +
                              "-dimensional, but " + std::to_string(consumed) + " were indexed");
          }
          auto c = std::make_shared<ndarray<intp>>(array(intp(it.basic().integer())));
          items.push_back(adv_item(ndview<const intp>::owning(c, c->data(), c->shape(), c->element_strides())));
          src_axis.push_back(ax++);
          continue;
        }
        ++ax;
      }
      items.push_back(it);
      src_axis.push_back(-1);
    }
  }
  // 2. The basic index with every array replaced by ':' gives W.
  std::vector<index> basic;
  std::vector<int> w_axis(items.size(), -1);
  int w = 0;
  int ell_extra = nd - consumed;
  for (std::size_t k = 0; k < items.size(); ++k) {
    const auto& it = items[k];
    if (it.type() == adv_item::kind::ints) {
      basic.push_back(slice());
      w_axis[k] = w++;
    } else {
      basic.push_back(it.basic());
      const auto t = it.basic().type();
      if (t == index::kind::slice || t == index::kind::newaxis) ++w;
      if (t == index::kind::ellipsis) w += std::max(0, ell_extra);
    }
  }
  const auto W = apply_index(src.shape(), src.element_strides(), basic.data(), int(basic.size()));
  // 3. Broadcast the integer arrays; adjacency decides where B goes.
  dims B;
  bool first = true, ok = true;
  std::string shapes;
  int first_k = -1, last_k = -1, count = 0;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (items[k].type() != adv_item::kind::ints) continue;
    const dims& s = items[k].ints().shape();
    shapes += shape_str_compact(s) + " ";
    if (first) {
      B = s;
      first = false;
    } else {
      ok = ok && broadcast_into(B, s);
    }
    if (first_k < 0) first_k = int(k);
    last_k = int(k);
    ++count;
  }
  if (!ok) {
    shapes.pop_back();  // NumPy's trailing space
    throw index_error("shape mismatch: indexing arrays could not be broadcast together with shapes " +
                      shapes);
  }
  const bool adjacent = last_k - first_k + 1 == count;
  // 4. Offsets: sum of wrapped indices times W's strides (engine passes).
  adv_layout<T> L;
  L.single_mask = items_in.size() == 1 && items_in[0].type() == adv_item::kind::mask;
  dims cst;
  const auto in_range_view = [&](std::size_t k) {
    const adv_item& it = items[k];
    if (it.in_range()) return it.ints();
    return wrapped_indices(it.ints(), W.shape[w_axis[k]], src_axis[k]);
  };
  if (count == 1 && W.estrides[w_axis[std::size_t(first_k)]] == 1) {
    // One array along a unit-stride axis: the (wrapped) indices are the offsets.
    const auto o = in_range_view(std::size_t(first_k));
    L.offs = o.data();
    cst = o.element_strides();
    L.keep = std::make_shared<ndview<const intp>>(o);
  } else {
    auto offs = std::make_shared<ndarray<intp>>(ndarray<intp>::uninitialized(B));
    bool started = false;
    for (std::size_t k = 0; k < items.size(); ++k) {
      if (items[k].type() != adv_item::kind::ints) continue;
      const auto idx = in_range_view(k);
      const intp st = W.estrides[w_axis[k]];
      ndview<intp> o = offs->view();
      if (!started) {
        o = idx * st;
        started = true;
      } else {
        o = *offs + idx * st;
      }
    }
    L.offs = offs->data();
    cst = offs->element_strides();
    L.keep = offs;
  }
  // 5. The result shape and the two operands' strides over it.
  const int bn = B.size();
  int insert_at = adjacent ? w_axis[std::size_t(first_k)] : 0;
  for (int d = 0; d < W.shape.size(); ++d) {
    if (d == insert_at) {
      for (int b = 0; b < bn; ++b) {
        L.R.push_back(B[b]);
        L.bstrides.push_back(0);
        L.ostrides.push_back(cst[b]);
      }
    }
    bool is_adv = false;
    for (std::size_t k = 0; k < items.size(); ++k) is_adv = is_adv || w_axis[k] == d;
    if (is_adv) continue;
    L.R.push_back(W.shape[d]);
    L.bstrides.push_back(W.estrides[d]);
    L.ostrides.push_back(0);
  }
  if (insert_at >= W.shape.size()) {  // cannot happen (an array keeps an axis of W); defensive
    for (int b = 0; b < bn; ++b) {
      L.R.push_back(B[b]);
      L.bstrides.push_back(0);
      L.ostrides.push_back(cst[b]);
    }
  }
  if (L.R.size() > maxdims) {
    throw index_error("number of dimensions must be within [0, " + std::to_string(maxdims) +
                      "], indexing result would have " + std::to_string(L.R.size()));
  }
  L.base = src.data() + W.offset;
  return L;
}

/// a[items] read: a new array.
template <class T>
auto gather(const ndview<T>& src, const std::vector<adv_item>& items) {
  using V = std::remove_const_t<T>;
  const auto L = plan_advanced(src, items);
  auto out = ndarray<V>::uninitialized(L.R);
  run_gather<V, false>(out.data(), L.R, out.element_strides(), L.base, L.bstrides, L.offs,
                       L.ostrides);
  return out;
}

/// a[items] = value (an array operand, broadcast to the result shape, or a
/// scalar). The value is evaluated into a temporary of the indexed array's
/// dtype first (NumPy's "as if copied" when it overlaps the target).
template <class T, class E>
void scatter(const ndview<T>& dst, const std::vector<adv_item>& items, const E& value) {
  const auto L = plan_advanced(dst, items);
  if constexpr (scalar_type<E>) {
    const T v = numpy_cast<T>(static_cast<canonical_t<E>>(value));
    run_gather<T, true>(&v, L.R, dims(L.R.size(), 0), L.base, L.bstrides, L.offs, L.ostrides);
  } else {
    const dims& vs = value.shape();
    dims b = L.R;
    const bool fits = vs.size() <= L.R.size() && broadcast_into(b, vs) && b == L.R;
    if (!fits) {
      if (L.single_mask && vs.size() <= 1) {
        throw value_error("NumPy boolean array indexing assignment cannot assign " +
                          std::to_string(shape_size(vs)) + " input values to the " +
                          std::to_string(shape_size(L.R)) + " output values where the mask is true");
      }
      throw value_error("shape mismatch: value array of shape " + shape_str_compact(vs) +
                        " could not be broadcast to indexing result of shape " +
                        shape_str_compact(L.R));
    }
    ndarray<T> vals = ndarray<T>::uninitialized(L.R);
    vals.view() = value;
    run_gather<T, true>(vals.data(), L.R, vals.element_strides(), L.base, L.bstrides,
                        L.offs, L.ostrides);
  }
}

}  // namespace detail

/// The result of a[mask] / a[idx] / a.adv(items...): a reference to the
/// selected elements. Read it as a new array (conversion to ndarray,
/// copy()) or as an operand of any expression or function (a copy taken
/// when the expression is built); write through it with =, +=, ... (NumPy's
/// a[idx] = x, a[idx] += x: with repeated indices the last write wins).
/// It holds a view of a and of the index arrays: use it within the
/// statement, or keep the copy.
template <class T>
class adv_ref {
 public:
  using value_type = std::remove_const_t<T>;
  adv_ref(ndview<T> src, std::vector<adv_item> items) : src_(std::move(src)), items_(std::move(items)) {}

  /// The selected elements as a new array (NumPy's a[idx]).
  ndarray<value_type> copy() const { return detail::gather(src_, items_); }

  adv_ref(const adv_ref&) = default;

  template <class E>
    requires(operand<E> && !std::is_const_v<T>)
  adv_ref& operator=(const E& e) {
    detail::scatter(src_, items_, e);
    return *this;
  }
  /// a[i] = b[j] (or a[i] = a[j]): the right-hand side is gathered first.
  adv_ref& operator=(const adv_ref& o)
    requires(!std::is_const_v<T>)
  {
    const ndarray<value_type> v = o.copy();
    detail::scatter(src_, items_, v);
    return *this;
  }
  template <class U>
  adv_ref& operator=(const adv_ref<U>& o)
    requires(!std::is_const_v<T>)
  {
    const auto v = o.copy();
    detail::scatter(src_, items_, v);
    return *this;
  }

#define NUMFUSE_ADV_COMPOUND(SYM)                                  \
  template <class E>                                               \
    requires(operand<E> && !std::is_const_v<T>)                    \
  adv_ref& operator SYM##=(const E& e) {                           \
    ndarray<value_type> cur = copy();                              \
    cur SYM##= e;                                                  \
    detail::scatter(src_, items_, cur);                            \
    return *this;                                                  \
  }
  NUMFUSE_ADV_COMPOUND(+)
  NUMFUSE_ADV_COMPOUND(-)
  NUMFUSE_ADV_COMPOUND(*)
  NUMFUSE_ADV_COMPOUND(/)
#undef NUMFUSE_ADV_COMPOUND

 private:
  ndview<T> src_;
  std::vector<adv_item> items_;
};

/// Advanced indexing of any operand, expressions included (evaluated once
/// into storage the proxy owns): `np::adv(M * 2, M > 5)` is NumPy's
/// `(M * 2)[M > 5]`.
template <class A, class... I>
  requires array_operand<A>
auto adv(A&& a, I&&... items) {
  auto v = detail::view_of(std::forward<A>(a));
  using T = typename decltype(v)::element_type;
  return adv_ref<T>(v, std::vector<adv_item>{adv_item(std::forward<I>(items))...});
}

namespace detail {
template <class T, class... I>
adv_ref<T> make_adv(const ndview<T>& v, I&&... items) {
  return adv_ref<T>(v, std::vector<adv_item>{adv_item(std::forward<I>(items))...});
}
}  // namespace detail

}  // namespace numfuse
