// numfuse/simd/evaluator-inl.h -- per-target evaluators: for each node type,
// how to produce one vector of its values (get) or truth values (get_mask)
// at inner index i. Compiled once per SIMD target.
//
// evaluator<Node, I, Acc>: I is the plan index of the node's first leaf;
// Acc (row_access) is what the row may assume of the leaves' inner strides.
// A numeric node answers get(d, i) in any lane type (converting in
// registers) and get_mask(d, i) as "value != 0"; a bool node answers
// get_mask natively and get(d, i) as 0/1. prefetch(i) asks for the cache
// lines prefetch_ahead bytes past element i of every array leaf (the
// contiguous rows of compute-bound expressions, simd/kernels-inl.h).

#if defined(NUMFUSE_SIMD_EVALUATOR_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_EVALUATOR_INL_H_
#undef NUMFUSE_SIMD_EVALUATOR_INL_H_
#else
#define NUMFUSE_SIMD_EVALUATOR_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "numfuse/core/cast.hpp"
#include "numfuse/expr/node.hpp"
#include "numfuse/expr/reduce.hpp"
#include "numfuse/simd/convert-inl.h"
#include "numfuse/simd/ops-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

/// What a row's evaluator knows of its array leaves' inner strides:
///  - any: nothing; each leaf checks its mode (unit, splat, pair, strided)
///    at every load;
///  - unit: every leaf is unit-stride (plain loads, no checks);
///  - unit_or_splat: every leaf is unit-stride or broadcast (stride 0, as
///    x[:, None] in x[:, None] * y[None, :]); each load is branch-free: a
///    broadcast leaf reads a vector of copies of its element, set per row.
enum class row_access : std::uint8_t { any, unit, unit_or_splat };

template <class Node, int I, row_access Acc>
struct evaluator;

/// How far ahead of the element being computed a compute-bound row asks
/// for its operands' cache lines. A transcendental spends so long on each
/// vector that the hardware prefetcher alone leaves memory idle while it
/// computes; 1 KiB ahead lets the two overlap (at 1M elements on one
/// AVX-512 core: exp 1.23x faster in float64, log 1.28x).
inline constexpr std::uintptr_t prefetch_ahead = 1024;

/// Lane storage type of a dtype: bool is kept as uint8 0/1.
template <class T>
using lane_t = std::conditional_t<std::is_same_v<T, bool>, std::uint8_t, T>;

/// CRTP base of nodes with a numeric value: Derived::value(dt, i) yields
/// lanes of T; get/get_mask adapt them to what the consumer asks for.
template <class Derived, class T>
struct numeric_node {
  template <class D>
  HWY_INLINE hn::Vec<D> get(D d, std::size_t i) const {
    const hn::Rebind<T, D> dt;
    return convert(d, dt, static_cast<const Derived*>(this)->value(dt, i));
  }
  template <class D>
  HWY_INLINE hn::Mask<D> get_mask(D d, std::size_t i) const {
    const hn::Rebind<T, D> dt;
    const auto v = static_cast<const Derived*>(this)->value(dt, i);
    // Not(v == 0), not v != 0: x86's != is ordered, and NaN is truthy.
    return convert_mask(d, dt, hn::Not(v == hn::Zero(dt)));
  }
};

/// CRTP base of bool-valued nodes: Derived::get_mask is native.
template <class Derived>
struct bool_node {
  template <class D>
  HWY_INLINE hn::Vec<D> get(D d, std::size_t i) const {
    using T = hn::TFromD<D>;
    return hn::IfThenElseZero(static_cast<const Derived*>(this)->get_mask(d, i), hn::Set(d, T(1)));
  }
};

// ---- array leaf: a row pointer and an inner stride (in elements)
// pair: stride 2 (a[::2]), two unit-stride loads and a shuffle instead of
// a lane-by-lane gather, where the vector is full (ConcatOdd/ConcatEven).
enum class lane_mode : std::uint8_t { contiguous, splat, pair, strided };

#if HWY_TARGET != HWY_SCALAR
template <class DS>
inline constexpr bool pair_loads_v =
    lanes_v<DS> >= 2 &&
    (lanes_v<DS> * sizeof(hn::TFromD<DS>) == 16 || lanes_v<DS> * sizeof(hn::TFromD<DS>) == 32 ||
     lanes_v<DS> * sizeof(hn::TFromD<DS>) == 64) &&
    lanes_v<DS> * sizeof(hn::TFromD<DS>) <= HWY_MAX_BYTES;

/// Lanes p[0], p[2], ..., p[2N-2], reading nothing past p[2N-2]: lo holds
/// p[0..N), hi p[N-1..2N-1); the even lanes of lo and the odd lanes of hi.
template <class DS>
HWY_INLINE hn::Vec<DS> load_pair(DS ds, const hn::TFromD<DS>* p) {
  constexpr std::size_t N = lanes_v<DS>;
  const auto lo = hn::LoadU(ds, p);
  const auto hi = hn::LoadU(ds, p + (N - 1));
  return hn::ConcatUpperLower(ds, hn::ConcatOdd(ds, hi, hi), hn::ConcatEven(ds, lo, lo));
}
#else
template <class DS>
inline constexpr bool pair_loads_v = false;  // one lane: the strided load is one load
template <class DS>
hn::Vec<DS> load_pair(DS, const hn::TFromD<DS>*);  // never called
#endif

/// A vector's worth of copies of a broadcast leaf's element (row_access::
/// unit_or_splat); nothing otherwise.
template <class S, bool Used>
struct splat_copies {};
template <class S>
struct splat_copies<S, true> {
  alignas(HWY_MAX_BYTES) S v[HWY_MAX_BYTES / sizeof(S)];
};

template <class L, int I, row_access Acc>
  requires expr::is_array_leaf_v<L>
struct evaluator<L, I, Acc>
    : std::conditional_t<std::is_same_v<typename L::value_type, bool>,
                         bool_node<evaluator<L, I, Acc>>,
                         numeric_node<evaluator<L, I, Acc>, typename L::value_type>> {
  using T = typename L::value_type;
  using S = lane_t<T>;
  static constexpr bool by_copies = Acc == row_access::unit_or_splat;
  const S* row = nullptr;
  std::ptrdiff_t stride = 1;
  lane_mode mode = lane_mode::contiguous;
  std::size_t index_mask = ~std::size_t(0);  // unit_or_splat: 0 for a broadcast
  [[no_unique_address]] splat_copies<S, by_copies> copies;

  explicit evaluator(const L&) {}
  HWY_INLINE void begin_row(const std::uintptr_t* ptrs, const std::ptrdiff_t* strides) {
    row = reinterpret_cast<const S*>(ptrs[I]);
    stride = strides[I] / std::ptrdiff_t(sizeof(S));
    if constexpr (Acc == row_access::any) {
      mode = stride == 1   ? lane_mode::contiguous
             : stride == 0 ? lane_mode::splat
             : stride == 2 ? lane_mode::pair
                           : lane_mode::strided;
    } else if constexpr (by_copies) {
      if (stride == 0) {
        const hn::ScalableTag<S> dmax;  // at most HWY_MAX_BYTES
        hn::Store(hn::Set(dmax, *row), dmax, copies.v);
        index_mask = 0;
      } else {
        index_mask = ~std::size_t(0);
      }
    }
  }
  template <class DS>
  HWY_INLINE hn::Vec<DS> load(DS ds, std::size_t i) const {
    if constexpr (Acc == row_access::unit) {
      return hn::LoadU(ds, row + i);
    } else if constexpr (by_copies) {
      // Chosen at each load, not stored in row: a pointer into the
      // evaluator itself made GCC reload every leaf's fields from the stack
      // after each store (B2 at 64 x 64: 1.09-1.14 us -> 0.96 us).
      const S* base = index_mask != 0 ? row : copies.v;
      return hn::LoadU(ds, base + (i & index_mask));
    } else {
      if (mode == lane_mode::contiguous) return hn::LoadU(ds, row + i);
      if (mode == lane_mode::splat) return hn::Set(ds, *row);
      if constexpr (pair_loads_v<DS>) {
        if (mode == lane_mode::pair) return load_pair(ds, row + 2 * std::ptrdiff_t(i));
      }
      constexpr std::size_t N = lanes_v<DS>;
      alignas(64) S buf[N];
      const S* p = row + std::ptrdiff_t(i) * stride;
      for (std::size_t j = 0; j < N; ++j) buf[j] = p[std::ptrdiff_t(j) * stride];
      return hn::Load(ds, buf);
    }
  }
  template <class DT>
  HWY_INLINE hn::Vec<DT> value(DT dt, std::size_t i) const {
    return load(dt, i);
  }
  /// Unit-stride rows only (row_access::unit). A prefetch never faults: the address
  /// may lie past the row.
  HWY_INLINE void prefetch(std::size_t i) const {
    hwy::Prefetch(reinterpret_cast<const S*>(reinterpret_cast<std::uintptr_t>(row + i) +
                                             prefetch_ahead));
  }
  template <class D>
  HWY_INLINE hn::Mask<D> get_mask(D d, std::size_t i) const {
    if constexpr (std::is_same_v<T, bool>) {
      const hn::Rebind<std::uint8_t, D> du8;
      return convert_mask(d, du8, load(du8, i) != hn::Zero(du8));
    } else {
      return numeric_node<evaluator, T>::get_mask(d, i);
    }
  }
};

// ---- scalar leaf: a splat
template <class T, int I, row_access Acc>
struct evaluator<expr::scalar_leaf<T>, I, Acc> {
  T v;
  explicit evaluator(const expr::scalar_leaf<T>& s) : v(s.value) {}
  HWY_INLINE void begin_row(const std::uintptr_t*, const std::ptrdiff_t*) {}
  HWY_INLINE void prefetch(std::size_t) const {}
  template <class D>
  HWY_INLINE hn::Vec<D> get(D d, std::size_t) const {
    return hn::Set(d, detail::numpy_cast<hn::TFromD<D>>(v));
  }
  template <class D>
  HWY_INLINE hn::Mask<D> get_mask(D d, std::size_t) const {
    using U = hn::TFromD<D>;
    return hn::Set(d, U(v != T(0) ? 1 : 0)) != hn::Zero(d);
  }
};

// ---- iota leaf: start + index*step, the index carried as the "pointer"
template <class T, int I, row_access Acc>
struct evaluator<expr::iota_leaf<T>, I, Acc>
    : numeric_node<evaluator<expr::iota_leaf<T>, I, Acc>, T> {
  T start, step;
  std::ptrdiff_t first = 0, stride = 1;
  explicit evaluator(const expr::iota_leaf<T>& n) : start(n.start), step(n.step) {}
  HWY_INLINE void begin_row(const std::uintptr_t* ptrs, const std::ptrdiff_t* strides) {
    first = static_cast<std::ptrdiff_t>(ptrs[I]);
    stride = strides[I];
  }
  HWY_INLINE void prefetch(std::size_t) const {}
  template <class DT>
  HWY_INLINE hn::Vec<DT> value(DT dt, std::size_t i) const {
    constexpr std::size_t N = lanes_v<DT>;
    alignas(64) T buf[N];
    for (std::size_t j = 0; j < N; ++j) {
      const std::ptrdiff_t k = first + (std::ptrdiff_t(i) + std::ptrdiff_t(j)) * stride;
      if constexpr (std::is_floating_point_v<T>) {
        buf[j] = start + static_cast<T>(k) * step;
      } else {  // modular, as NumPy's integer arange
        using U = std::make_unsigned_t<T>;
        buf[j] = static_cast<T>(static_cast<U>(start) + static_cast<U>(k) * static_cast<U>(step));
      }
    }
    return hn::Load(dt, buf);
  }
};

// ---- reference to an lvalue expression
template <class N, int I, row_access Acc>
struct evaluator<expr::node_ref<N>, I, Acc> : evaluator<N, I, Acc> {
  explicit evaluator(const expr::node_ref<N>& r) : evaluator<N, I, Acc>(*r.p) {}
};

// ---- unary
/// isnan, isinf, isfinite, signbit: a mask computed from the operand's lanes.
template <class Op>
constexpr bool is_predicate() {
  if constexpr (requires { Op::kind; }) {
    return Op::kind == op::kind::predicate;
  } else {
    return false;  // astype
  }
}

template <class Op, class A, int I, row_access Acc>
struct evaluator<expr::unary<Op, A>, I, Acc>
    : std::conditional_t<std::is_same_v<typename expr::unary<Op, A>::value_type, bool>,
                         bool_node<evaluator<expr::unary<Op, A>, I, Acc>>,
                         numeric_node<evaluator<expr::unary<Op, A>, I, Acc>,
                                      typename expr::unary<Op, A>::value_type>> {
  using R = typename expr::unary<Op, A>::value_type;
  evaluator<A, I, Acc> a;
  explicit evaluator(const expr::unary<Op, A>& n) : a(n.a) {}
  HWY_INLINE void begin_row(const std::uintptr_t* p, const std::ptrdiff_t* s) { a.begin_row(p, s); }
  HWY_INLINE void prefetch(std::size_t i) const { a.prefetch(i); }

  template <class DT>
  HWY_INLINE hn::Vec<DT> value(DT dt, std::size_t i) const {
    if constexpr (expr::is_cast_v<Op>) {
      return a.get(dt, i);  // astype: the conversion happens in get
    } else {
      return vunary<Op>::apply(dt, a.get(dt, i));
    }
  }
  template <class D>
  HWY_INLINE hn::Mask<D> get_mask(D d, std::size_t i) const {
    if constexpr (std::is_same_v<Op, op::logical_not>) {
      return hn::Not(a.get_mask(d, i));
    } else if constexpr (is_predicate<Op>()) {
      using T = typename A::value_type;
      if constexpr (std::is_same_v<T, bool>) {
        return mpredicate<Op>::apply(a.get_mask(d, i));
      } else {
        const hn::Rebind<T, D> dt;
        return convert_mask(d, dt, vpredicate<Op>::apply(dt, a.get(dt, i)));
      }
    } else if constexpr (std::is_same_v<R, bool>) {
      return a.get_mask(d, i);  // absolute(bool), astype<bool>
    } else {
      return numeric_node<evaluator, R>::get_mask(d, i);
    }
  }
};

// ---- binary
template <class Op, class A, class B, int I, row_access Acc>
struct evaluator<expr::binary<Op, A, B>, I, Acc>
    : std::conditional_t<std::is_same_v<typename expr::binary<Op, A, B>::value_type, bool>,
                         bool_node<evaluator<expr::binary<Op, A, B>, I, Acc>>,
                         numeric_node<evaluator<expr::binary<Op, A, B>, I, Acc>,
                                      typename expr::binary<Op, A, B>::value_type>> {
  using node_t = expr::binary<Op, A, B>;
  using R = typename node_t::value_type;
  using C = typename node_t::compute_type;
  evaluator<A, I, Acc> a;
  evaluator<B, I + expr::leaf_count_v<A>, Acc> b;
  explicit evaluator(const node_t& n) : a(n.a), b(n.b) {}
  HWY_INLINE void begin_row(const std::uintptr_t* p, const std::ptrdiff_t* s) {
    a.begin_row(p, s);
    b.begin_row(p, s);
  }
  HWY_INLINE void prefetch(std::size_t i) const {
    a.prefetch(i);
    b.prefetch(i);
  }
  template <class DT>
  HWY_INLINE hn::Vec<DT> value(DT dt, std::size_t i) const {
    return vbinary<Op>::apply(dt, a.get(dt, i), b.get(dt, i));
  }
  template <class D>
  HWY_INLINE hn::Mask<D> get_mask(D d, std::size_t i) const {
    if constexpr (std::is_same_v<C, bool>) {
      return mlogic<Op>::apply(a.get_mask(d, i), b.get_mask(d, i));
    } else if constexpr (Op::kind == op::kind::compare) {
      const hn::Rebind<C, D> dc;
      return convert_mask(d, dc, vcompare<Op>::apply(dc, a.get(dc, i), b.get(dc, i)));
    } else {
      return numeric_node<evaluator, R>::get_mask(d, i);
    }
  }
};

// ---- where
template <class Cn, class A, class B, int I, row_access Acc>
struct evaluator<expr::where_node<Cn, A, B>, I, Acc>
    : std::conditional_t<std::is_same_v<typename expr::where_node<Cn, A, B>::value_type, bool>,
                         bool_node<evaluator<expr::where_node<Cn, A, B>, I, Acc>>,
                         numeric_node<evaluator<expr::where_node<Cn, A, B>, I, Acc>,
                                      typename expr::where_node<Cn, A, B>::value_type>> {
  using node_t = expr::where_node<Cn, A, B>;
  using R = typename node_t::value_type;
  evaluator<Cn, I, Acc> c;
  evaluator<A, I + expr::leaf_count_v<Cn>, Acc> a;
  evaluator<B, I + expr::leaf_count_v<Cn> + expr::leaf_count_v<A>, Acc> b;
  explicit evaluator(const node_t& n) : c(n.c), a(n.a), b(n.b) {}
  HWY_INLINE void begin_row(const std::uintptr_t* p, const std::ptrdiff_t* s) {
    c.begin_row(p, s);
    a.begin_row(p, s);
    b.begin_row(p, s);
  }
  HWY_INLINE void prefetch(std::size_t i) const {
    c.prefetch(i);
    a.prefetch(i);
    b.prefetch(i);
  }
  template <class DT>
  HWY_INLINE hn::Vec<DT> value(DT dt, std::size_t i) const {
    using T = hn::TFromD<DT>;
    if constexpr (sizeof(T) == 2 && expr::widest_v<Cn> == 8) {
      // GCC 12.2 ICEs (lra-constraints.cc:4168) on the AVX-512 kernel when
      // a mask converted from 8-byte lanes selects between 16-bit lanes
      // widened from 8-bit ones; the same selection through a vector mask
      // compiles.
      const auto m = hn::VecFromMask(dt, c.get_mask(dt, i));
      return hn::Or(hn::And(m, a.get(dt, i)), hn::AndNot(m, b.get(dt, i)));
    } else {
      return hn::IfThenElse(c.get_mask(dt, i), a.get(dt, i), b.get(dt, i));
    }
  }
  template <class D>
  HWY_INLINE hn::Mask<D> get_mask(D d, std::size_t i) const {
    if constexpr (std::is_same_v<R, bool>) {
      const auto m = c.get_mask(d, i);
      return hn::Or(hn::And(m, a.get_mask(d, i)), hn::AndNot(m, b.get_mask(d, i)));
    } else {
      return numeric_node<evaluator, R>::get_mask(d, i);
    }
  }
};

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
