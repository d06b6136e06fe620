// numfuse/simd/ops_float-inl.h -- vector code of the rounding and float
// ufuncs (rint, copysign, heaviside, nextafter, spacing, fmax/fmin, isnan,
// isinf, isfinite, signbit, deg2rad/rad2deg, nan_to_num), compiled once per
// SIMD target; included by simd/ops-inl.h.

#if defined(NUMFUSE_SIMD_OPS_FLOAT_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_OPS_FLOAT_INL_H_
#undef NUMFUSE_SIMD_OPS_FLOAT_INL_H_
#else
#define NUMFUSE_SIMD_OPS_FLOAT_INL_H_
#endif

#include <cmath>
#include <limits>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/expr/ops.hpp"
#include "numfuse/simd/ufunc_scalar.hpp"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

// ---- rint: round half to even (Highway's Round)
template <> struct vunary<op::rint> {
  template <class D, class V> static HWY_INLINE V apply(D, V a) { return hn::Round(a); }
};

// ---- around(x, decimals) for float x: the second operand is a splat of
// f = 10^decimals (decimals >= 0: rint(x * f) / f) or of -10^-decimals
// (decimals < 0: rint(x / 10^-decimals) * 10^-decimals), as NumPy's
// PyArray_Round.
template <> struct vbinary<op::around> {
  template <class D, class V>
  static HWY_INLINE V apply(D, V x, V f) {
    using T = hn::TFromD<D>;
    static_assert(std::is_floating_point_v<T>, "around: float lanes only");
    if (hn::GetLane(f) > T(0)) return hn::Div(hn::Round(hn::Mul(x, f)), f);
    const V g = hn::Neg(f);
    return hn::Mul(hn::Round(hn::Div(x, g)), g);
  }
};

// ---- copysign (bitwise: also NaN and -0.), heaviside, nextafter
template <> struct vbinary<op::copysign> {
  template <class D, class V> static HWY_INLINE V apply(D, V a, V b) { return hn::CopySign(a, b); }
};
template <> struct vbinary<op::heaviside> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V x, V h0) {
    using T = hn::TFromD<D>;
    const V zero = hn::Zero(d);
    const V step = hn::IfThenElse(x < zero, zero, hn::Set(d, T(1)));
    return hn::IfThenElse(hn::IsNaN(x), x, hn::IfThenElse(x == zero, h0, step));
  }
};
template <> struct vbinary<op::nextafter> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a, V b) {
    using T = hn::TFromD<D>;
    return lanewise(d, a, b, [](T x, T y) { return std::nextafter(x, y); });
  }
};

// ---- fmax, fmin: a NaN operand is ignored (NaN only when both are NaN);
// on ties (0. and -0.) the second operand wins, as NumPy's loops.
template <> struct vbinary<op::fmax> {
  template <class D, class V>
  static HWY_INLINE V apply(D, V a, V b) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) {
      return hn::IfThenElse(hn::Or(a > b, hn::IsNaN(b)), a, b);
    } else {
      return hn::Max(a, b);
    }
  }
};
template <> struct vbinary<op::fmin> {
  template <class D, class V>
  static HWY_INLINE V apply(D, V a, V b) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) {
      return hn::IfThenElse(hn::Or(a < b, hn::IsNaN(b)), a, b);
    } else {
      return hn::Min(a, b);
    }
  }
};
template <> struct mlogic<op::fmax> {
  template <class M> static HWY_INLINE M apply(M a, M b) { return hn::Or(a, b); }
};
template <> struct mlogic<op::fmin> {
  template <class M> static HWY_INLINE M apply(M a, M b) { return hn::And(a, b); }
};

// ---- isnan, isinf, isfinite, signbit: unary predicates (vpredicate on
// numeric lanes, mpredicate on bool masks). Integers are never NaN/inf;
// signbit of an integer is x < 0 (NumPy casts it to a float first).
template <> struct vpredicate<op::isnan> {
  template <class D, class V>
  static HWY_INLINE hn::Mask<D> apply(D d, V a) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) return hn::IsNaN(a);
    else return hn::FirstN(d, 0);
  }
};
template <> struct vpredicate<op::isinf> {
  template <class D, class V>
  static HWY_INLINE hn::Mask<D> apply(D d, V a) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) return hn::IsInf(a);
    else return hn::FirstN(d, 0);
  }
};
template <> struct vpredicate<op::isfinite> {
  template <class D, class V>
  static HWY_INLINE hn::Mask<D> apply(D d, V a) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) return hn::IsFinite(a);
    else return hn::Not(hn::FirstN(d, 0));
  }
};
template <> struct vpredicate<op::signbit> {
  template <class D, class V>
  static HWY_INLINE hn::Mask<D> apply(D d, V a) {
    using T = hn::TFromD<D>;
    if constexpr (std::is_floating_point_v<T>) {
      const hn::RebindToSigned<D> di;
      return hn::RebindMask(d, hn::BitCast(di, a) < hn::Zero(di));
    } else if constexpr (std::is_signed_v<T>) {
      return a < hn::Zero(d);
    } else {
      return hn::FirstN(d, 0);
    }
  }
};
// bool operands (masks): never NaN, inf or negative; always finite
template <> struct mpredicate<op::isnan> {
  template <class M> static HWY_INLINE M apply(M a) { return hn::AndNot(a, a); }
};
template <> struct mpredicate<op::isinf> {
  template <class M> static HWY_INLINE M apply(M a) { return hn::AndNot(a, a); }
};
template <> struct mpredicate<op::signbit> {
  template <class M> static HWY_INLINE M apply(M a) { return hn::AndNot(a, a); }
};
template <> struct mpredicate<op::isfinite> {
  template <class M> static HWY_INLINE M apply(M a) { return hn::Or(a, hn::Not(a)); }
};

// ---- spacing (lane by lane), deg2rad, rad2deg
template <> struct vunary<op::spacing> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    return lanewise(d, a, [](T x) { return detail::spacing_scalar<T>(x); });
  }
};
// NumPy: x * (pi / 180) and x * (180 / pi), the constant rounded in T.
template <> struct vunary<op::deg2rad> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    return hn::Mul(a, hn::Set(d, T(3.141592653589793238462643383279502884) / T(180)));
  }
};
template <> struct vunary<op::rad2deg> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    return hn::Mul(a, hn::Set(d, T(180) / T(3.141592653589793238462643383279502884)));
  }
};

// ---- nan_to_num (defaults): NaN -> 0, +inf -> max, -inf -> lowest
template <> struct vunary<op::nan_to_num> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    if constexpr (std::is_floating_point_v<T>) {
      using L = std::numeric_limits<T>;
      const V inf = hn::Set(d, L::infinity());
      V r = hn::IfThenElse(a == inf, hn::Set(d, L::max()), a);
      r = hn::IfThenElse(a == hn::Neg(inf), hn::Set(d, L::lowest()), r);
      return hn::IfThenZeroElse(hn::IsNaN(a), r);
    } else {
      return a;
    }
  }
};

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
