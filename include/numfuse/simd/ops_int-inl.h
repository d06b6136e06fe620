// numfuse/simd/ops_int-inl.h -- vector code of the integer-semantics ufuncs
// (floor_divide, remainder, fmod, power, shifts, gcd, lcm, sign, square,
// reciprocal, positive), compiled once per SIMD target; included by
// simd/ops-inl.h. Highway 1.0.3 has no integer division: those ops, power,
// gcd/lcm and 8-bit shifts run lane by lane with NumPy's scalar loops
// (simd/ufunc_scalar.hpp).

#if defined(NUMFUSE_SIMD_OPS_INT_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_OPS_INT_INL_H_
#undef NUMFUSE_SIMD_OPS_INT_INL_H_
#else
#define NUMFUSE_SIMD_OPS_INT_INL_H_
#endif

#include <cstdint>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/expr/ops.hpp"
#include "numfuse/simd/ufunc_scalar.hpp"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

// ---- floor_divide, remainder, fmod: lane by lane (no vector integer
// division in Highway 1.0.3; the float versions follow NumPy's npy_divmod).
// power: simd/ops_transc-inl.h.
#define NUMFUSE_LANEWISE_BINARY(OP, FN)                                        \
  template <> struct vbinary<op::OP> {                                         \
    template <class D, class V>                                                \
    static HWY_INLINE V apply(D d, V a, V b) {                                 \
      using T = hn::TFromD<D>;                                                 \
      return lanewise(d, a, b, [](T x, T y) { return detail::FN<T>(x, y); });  \
    }                                                                          \
  };
NUMFUSE_LANEWISE_BINARY(floor_divide, floor_divide_scalar)
NUMFUSE_LANEWISE_BINARY(remainder, remainder_scalar)
NUMFUSE_LANEWISE_BINARY(fmod, fmod_scalar)
NUMFUSE_LANEWISE_BINARY(gcd, gcd_scalar)
NUMFUSE_LANEWISE_BINARY(lcm, lcm_scalar)
#undef NUMFUSE_LANEWISE_BINARY

// ---- left_shift, right_shift: Highway's per-lane shifts for 16/32/64-bit
// lanes with the count clamped (NumPy: 0, or -1 for negative values shifted
// right, when the count is >= the width or negative); 8-bit lanes lane by lane.
template <> struct vbinary<op::left_shift> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a, V b) {
    using T = hn::TFromD<D>;
    if constexpr (sizeof(T) == 1) {
      return lanewise(d, a, b, [](T x, T y) { return detail::left_shift_scalar<T>(x, y); });
    } else {
      const hn::RebindToUnsigned<D> du;
      using U = hn::TFromD<decltype(du)>;
      const auto bu = hn::BitCast(du, b);
      const auto maxc = hn::Set(du, U(8 * sizeof(T) - 1));
      const auto big = hn::RebindMask(d, bu > maxc);
      const auto cnt = hn::Min(bu, maxc);
      return hn::IfThenZeroElse(big, hn::BitCast(d, hn::BitCast(du, a) << cnt));
    }
  }
};
template <> struct vbinary<op::right_shift> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a, V b) {
    using T = hn::TFromD<D>;
    if constexpr (sizeof(T) == 1) {
      return lanewise(d, a, b, [](T x, T y) { return detail::right_shift_scalar<T>(x, y); });
    } else {
      const hn::RebindToUnsigned<D> du;
      using U = hn::TFromD<decltype(du)>;
      const auto bu = hn::BitCast(du, b);
      const auto maxc = hn::Set(du, U(8 * sizeof(T) - 1));
      const auto cnt = hn::Min(bu, maxc);
      if constexpr (std::is_signed_v<T>) {
        return a >> hn::BitCast(d, cnt);  // arithmetic: a count of width-1 gives 0 or -1
      } else {
        return hn::IfThenZeroElse(bu > maxc, a >> cnt);
      }
    }
  }
};

// ---- sign: -1, 0, 1 (NaN stays NaN; sign(-0.) is 0.)
template <> struct vunary<op::sign> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    const V zero = hn::Zero(d);
    const V one = hn::Set(d, T(1));
    if constexpr (std::is_floating_point_v<T>) {
      const V rest = hn::IfThenElse(a == zero, zero, a);  // 0 for +-0, a for NaN
      return hn::IfThenElse(a > zero, one, hn::IfThenElse(a < zero, hn::Set(d, T(-1)), rest));
    } else if constexpr (std::is_signed_v<T>) {
      return hn::IfThenElse(a < zero, hn::Set(d, T(-1)), hn::IfThenElseZero(zero < a, one));
    } else {
      return hn::IfThenZeroElse(a == zero, one);
    }
  }
};

// ---- square (wrapping for integers), positive
template <> struct vunary<op::square> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) { return vbinary<op::multiply>::apply(d, a, a); }
};
template <> struct vunary<op::positive> {
  template <class D, class V> static HWY_INLINE V apply(D, V a) { return a; }
};

// ---- reciprocal: 1/x; integers as NumPy (1.0/x in double, converted)
template <> struct vunary<op::reciprocal> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    if constexpr (std::is_floating_point_v<T>) {
      return hn::Div(hn::Set(d, T(1)), a);
    } else {
      return lanewise(d, a, [](T x) { return detail::int_reciprocal<T>(x); });
    }
  }
};

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
