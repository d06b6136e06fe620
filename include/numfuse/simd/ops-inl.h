// numfuse/simd/ops-inl.h -- the vector code of every op in expr/ops.hpp,
// compiled once per SIMD target. One banner per op family.
//
// vbinary<Op>/vunary<Op>: numeric lanes in, numeric lanes out (the compute
// dtype). vcompare<Op>: numeric lanes in, mask out. mlogic<Op>: masks in,
// mask out (bool operands). Where Highway 1.0.3 lacks an op for a lane type
// (8/64-bit integer multiply) or a math function leaves its valid range,
// the lanes are computed one by one with NumPy's scalar semantics.

#if defined(NUMFUSE_SIMD_OPS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_OPS_INL_H_
#undef NUMFUSE_SIMD_OPS_INL_H_
#else
#define NUMFUSE_SIMD_OPS_INL_H_
#endif

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hwy/highway.h"
#include "hwy/contrib/math/math-inl.h"
#include "numfuse/expr/ops.hpp"
#include "numfuse/simd/convert-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

/// Applies f to each lane of a (and b): the fallback for ops Highway lacks.
template <class D, class F>
HWY_INLINE hn::Vec<D> lanewise(D d, hn::Vec<D> a, F f) {
  using T = hn::TFromD<D>;
  constexpr std::size_t N = lanes_v<D>;
  alignas(64) T x[N];
  hn::Store(a, d, x);
  for (std::size_t j = 0; j < N; ++j) x[j] = f(x[j]);
  return hn::Load(d, x);
}
template <class D, class F>
HWY_INLINE hn::Vec<D> lanewise(D d, hn::Vec<D> a, hn::Vec<D> b, F f) {
  using T = hn::TFromD<D>;
  constexpr std::size_t N = lanes_v<D>;
  alignas(64) T x[N];
  alignas(64) T y[N];
  hn::Store(a, d, x);
  hn::Store(b, d, y);
  for (std::size_t j = 0; j < N; ++j) x[j] = f(x[j], y[j]);
  return hn::Load(d, x);
}
/// v, with the lanes where `ok` is false replaced by f(a, b) of those
/// lanes: the fallback for the few lanes outside a vector path's domain.
template <class D, class M, class F>
HWY_INLINE hn::Vec<D> lanewise_unless(D d, M ok, hn::Vec<D> v, hn::Vec<D> a, hn::Vec<D> b, F f) {
  using T = hn::TFromD<D>;
  constexpr std::size_t N = lanes_v<D>;
  alignas(64) T r[N];
  alignas(64) T x[N];
  alignas(64) T y[N];
  alignas(64) T keep[N];
  hn::Store(v, d, r);
  hn::Store(a, d, x);
  hn::Store(b, d, y);
  hn::Store(hn::IfThenElseZero(ok, hn::Set(d, T(1))), d, keep);
  for (std::size_t j = 0; j < N; ++j) {
    if (keep[j] == T(0)) r[j] = f(x[j], y[j]);
  }
  return hn::Load(d, r);
}

template <class Op> struct vbinary;
template <class Op> struct vunary;
template <class Op> struct vcompare;
template <class Op> struct mlogic;
template <class Op> struct vpredicate;  // numeric lanes in, mask out
template <class Op> struct mpredicate;  // mask in, mask out (bool operand)

// ---- add, subtract (integer lanes wrap, as NumPy's do)
template <> struct vbinary<op::add> {
  template <class D, class V> static HWY_INLINE V apply(D, V a, V b) { return hn::Add(a, b); }
};
template <> struct vbinary<op::subtract> {
  template <class D, class V> static HWY_INLINE V apply(D, V a, V b) { return hn::Sub(a, b); }
};

// ---- multiply
template <> struct vbinary<op::multiply> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a, V b) {
    using T = hn::TFromD<D>;
    if constexpr (std::is_floating_point_v<T> || sizeof(T) == 2 || sizeof(T) == 4) {
      return hn::Mul(a, b);
    } else {
      // 8- and 64-bit integers: modular product, computed without UB.
      return lanewise(d, a, b, [](T x, T y) {
        return static_cast<T>(static_cast<std::uint64_t>(x) * static_cast<std::uint64_t>(y));
      });
    }
  }
};

// ---- divide (true division: the compute dtype is always a float)
template <> struct vbinary<op::divide> {
  template <class D, class V> static HWY_INLINE V apply(D, V a, V b) { return hn::Div(a, b); }
};

// ---- maximum, minimum: NaN propagates; on ties the second operand wins,
// so maximum(0., -0.) is -0. (NumPy's results).
template <> struct vbinary<op::maximum> {
  template <class D, class V>
  static HWY_INLINE V apply(D, V a, V b) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) {
      return hn::IfThenElse(hn::Or(a > b, hn::IsNaN(a)), a, b);
    } else {
      return hn::Max(a, b);
    }
  }
};
template <> struct vbinary<op::minimum> {
  template <class D, class V>
  static HWY_INLINE V apply(D, V a, V b) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) {
      return hn::IfThenElse(hn::Or(a < b, hn::IsNaN(a)), a, b);
    } else {
      return hn::Min(a, b);
    }
  }
};

// ---- bitwise and, or, xor (integers)
template <> struct vbinary<op::bitwise_and> {
  template <class D, class V> static HWY_INLINE V apply(D, V a, V b) { return hn::And(a, b); }
};
template <> struct vbinary<op::bitwise_or> {
  template <class D, class V> static HWY_INLINE V apply(D, V a, V b) { return hn::Or(a, b); }
};
template <> struct vbinary<op::bitwise_xor> {
  template <class D, class V> static HWY_INLINE V apply(D, V a, V b) { return hn::Xor(a, b); }
};

// ---- comparisons (numeric operands)
#define NUMFUSE_VCOMPARE(OP, SYM)                                              \
  template <> struct vcompare<op::OP> {                                        \
    template <class D, class V>                                                \
    static HWY_INLINE hn::Mask<D> apply(D, V a, V b) { return a SYM b; }       \
  };
NUMFUSE_VCOMPARE(equal, ==)
NUMFUSE_VCOMPARE(less, <)
NUMFUSE_VCOMPARE(greater, >)
#undef NUMFUSE_VCOMPARE
// Highway 1.0.3 defines <= and >= for float lanes only; for integers they
// are the negation of the strict compare (no NaN there to break that).
template <> struct vcompare<op::less_equal> {
  template <class D, class V>
  static HWY_INLINE hn::Mask<D> apply(D, V a, V b) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) return a <= b;
    else return hn::Not(b < a);
  }
};
template <> struct vcompare<op::greater_equal> {
  template <class D, class V>
  static HWY_INLINE hn::Mask<D> apply(D, V a, V b) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) return a >= b;
    else return hn::Not(a < b);
  }
};
// Highway's != on x86 is an *ordered* compare (false when either lane is
// NaN); NumPy's not_equal is true for NaN, so it is the negation of ==.
template <> struct vcompare<op::not_equal> {
  template <class D, class V>
  static HWY_INLINE hn::Mask<D> apply(D, V a, V b) { return hn::Not(a == b); }
};

// ---- logic on masks: bool operands of any op, and the logical_* ops
#define NUMFUSE_MLOGIC(OP, EXPR)                                               \
  template <> struct mlogic<op::OP> {                                          \
    template <class M> static HWY_INLINE M apply(M a, M b) { return EXPR; }    \
  };
NUMFUSE_MLOGIC(add, hn::Or(a, b))
NUMFUSE_MLOGIC(multiply, hn::And(a, b))
NUMFUSE_MLOGIC(maximum, hn::Or(a, b))
NUMFUSE_MLOGIC(minimum, hn::And(a, b))
NUMFUSE_MLOGIC(logical_or, hn::Or(a, b))
NUMFUSE_MLOGIC(logical_and, hn::And(a, b))
NUMFUSE_MLOGIC(logical_xor, hn::Xor(a, b))
NUMFUSE_MLOGIC(bitwise_or, hn::Or(a, b))
NUMFUSE_MLOGIC(bitwise_and, hn::And(a, b))
NUMFUSE_MLOGIC(bitwise_xor, hn::Xor(a, b))
NUMFUSE_MLOGIC(not_equal, hn::Xor(a, b))
NUMFUSE_MLOGIC(equal, hn::Not(hn::Xor(a, b)))
NUMFUSE_MLOGIC(less, hn::AndNot(a, b))         // !a & b
NUMFUSE_MLOGIC(greater, hn::AndNot(b, a))      // a & !b
NUMFUSE_MLOGIC(less_equal, hn::Not(hn::AndNot(b, a)))
NUMFUSE_MLOGIC(greater_equal, hn::Not(hn::AndNot(a, b)))
#undef NUMFUSE_MLOGIC

// ---- negative, absolute, invert
template <> struct vunary<op::negative> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    if constexpr (std::is_floating_point_v<hn::TFromD<D>>) return hn::Neg(a);
    else return hn::Sub(hn::Zero(d), a);  // wraps: -INT_MIN == INT_MIN
  }
};
template <> struct vunary<op::absolute> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    if constexpr (std::is_unsigned_v<T>) {
      return a;
    } else if constexpr (std::is_floating_point_v<T> || sizeof(T) <= 4) {
      return hn::Abs(a);  // integer abs(INT_MIN) wraps to INT_MIN
    } else {
      const V neg = hn::Sub(hn::Zero(d), a);
      return hn::IfThenElse(a < hn::Zero(d), neg, a);
    }
  }
};
template <> struct vunary<op::invert> {
  template <class D, class V> static HWY_INLINE V apply(D, V a) { return hn::Not(a); }
};

// ---- sqrt, exp, log, sin, cos (float lanes)
// Highway's contrib/math is used on the range where its accuracy is
// documented; a vector with any lane outside it is computed by the C library
// lane by lane, so results stay right on the whole domain (inf, NaN, huge).
template <> struct vunary<op::sqrt> {
  template <class D, class V> static HWY_INLINE V apply(D, V a) { return hn::Sqrt(a); }
};
// floor, ceil, trunc: integer lanes are returned unchanged (NumPy >= 2.1
// keeps the integer dtype).
#define NUMFUSE_VROUNDING(OP, FN)                                              \
  template <> struct vunary<op::OP> {                                          \
    template <class D, class V>                                                \
    static HWY_INLINE V apply(D, V a) {                                        \
      if constexpr (std::is_floating_point_v<hn::TFromD<D>>) return hn::FN(a); \
      else return a;                                                           \
    }                                                                          \
  };
NUMFUSE_VROUNDING(floor, Floor)
NUMFUSE_VROUNDING(ceil, Ceil)
NUMFUSE_VROUNDING(trunc, Trunc)
#undef NUMFUSE_VROUNDING
// (exp is in ops_transc-inl.h: float64 shares power's table exponential)
template <> struct vunary<op::log> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    const auto ok = hn::And(a >= hn::Set(d, std::numeric_limits<T>::min()),
                            a <= hn::Set(d, std::numeric_limits<T>::max()));
    if (HWY_LIKELY(hn::AllTrue(d, ok))) return hn::Log(d, a);
    return lanewise(d, a, [](T x) { return std::log(x); });
  }
};
template <> struct vunary<op::sin> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    if (HWY_LIKELY(hn::AllTrue(d, hn::Abs(a) <= hn::Set(d, T(39000))))) return hn::Sin(d, a);
    return lanewise(d, a, [](T x) { return std::sin(x); });
  }
};
template <> struct vunary<op::cos> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    if (HWY_LIKELY(hn::AllTrue(d, hn::Abs(a) <= hn::Set(d, T(39000))))) return hn::Cos(d, a);
    return lanewise(d, a, [](T x) { return std::cos(x); });
  }
};

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

// The ufunc families (issue 3), same toggle-guard pattern.
#include "numfuse/simd/ops_int-inl.h"
#include "numfuse/simd/ops_float-inl.h"
#include "numfuse/simd/ops_transc-inl.h"

#endif  // toggle guard
