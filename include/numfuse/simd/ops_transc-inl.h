// numfuse/simd/ops_transc-inl.h -- vector code of the transcendental and
// float-decomposition ufuncs (exp2 expm1 log2 log10 log1p logaddexp
// logaddexp2 cbrt tan arcsin arccos arctan arctan2 hypot sinh cosh tanh
// arcsinh arccosh arctanh sinc fabs modf frexp ldexp float_power), compiled
// once per SIMD target; included by simd/ops-inl.h.
//
// Rules (docs/ufuncs.md has the measured errors):
// * Highway's contrib/math is used on the range where it is accurate; a
//   vector with a lane outside that range (inf, NaN, overflow, subnormal
//   where unsupported) is computed lane by lane by the C library, so every
//   result is right on the whole domain.
// * What contrib/math lacks (exp2, cbrt, tan, cosh, arctan2, hypot, sinc,
//   logaddexp) is composed from Highway ops here. float32 lanes of the
//   compositions that chain several approximations are computed in float64
//   registers (via_f64) and rounded once, which keeps them within 1 ULP.
// * NaN never reaches a float->int conversion (the scalar target's
//   ConvertTo would be undefined behaviour): inputs are sanitised first.

#if defined(NUMFUSE_SIMD_OPS_TRANSC_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_OPS_TRANSC_INL_H_
#undef NUMFUSE_SIMD_OPS_TRANSC_INL_H_
#else
#define NUMFUSE_SIMD_OPS_TRANSC_INL_H_
#endif

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hwy/highway.h"
#include "hwy/contrib/math/math-inl.h"
#include "numfuse/expr/ops.hpp"
#include "numfuse/simd/pow_table.hpp"
#include "numfuse/simd/ufunc_scalar.hpp"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

namespace transc {

template <class T>
inline constexpr bool is_f32 = sizeof(T) == 4;

/// x with NaN lanes replaced by 0 (before any float -> int conversion).
template <class D, class V>
HWY_INLINE V no_nan(D, V x) {
  return hn::IfThenZeroElse(hn::IsNaN(x), x);
}

/// f(dd, v) on float64 lanes: float64 vectors as they are, float32 vectors
/// promoted (in halves when a full vector of doubles would not fit), the
/// result rounded once to float32.
template <class D, class V, class F>
HWY_INLINE V via_f64(D d, V v, F f) {
  using T = hn::TFromD<D>;
  if constexpr (sizeof(T) == 8) {
    return f(d, v);
  } else if constexpr (lanes_v<D> * 8 <= HWY_MAX_BYTES) {
    const hn::Rebind<double, D> dd;
    return convert(d, dd, f(dd, hn::PromoteTo(dd, v)));
  } else {
#if HWY_TARGET != HWY_SCALAR  // (1-lane vectors always take the branch above)
    const hn::Half<D> dh;
    const hn::Rebind<double, decltype(dh)> dd;
    const auto lo = hn::DemoteTo(dh, f(dd, hn::PromoteTo(dd, hn::LowerHalf(dh, v))));
    const auto hi = hn::DemoteTo(dh, f(dd, hn::PromoteTo(dd, hn::UpperHalf(dh, v))));
    return hn::Combine(d, hi, lo);
#endif
  }
}
template <class D, class V, class F>
HWY_INLINE V via_f64(D d, V a, V b, F f) {
  using T = hn::TFromD<D>;
  if constexpr (sizeof(T) == 8) {
    return f(d, a, b);
  } else if constexpr (lanes_v<D> * 8 <= HWY_MAX_BYTES) {
    const hn::Rebind<double, D> dd;
    return convert(d, dd, f(dd, hn::PromoteTo(dd, a), hn::PromoteTo(dd, b)));
  } else {
#if HWY_TARGET != HWY_SCALAR
    const hn::Half<D> dh;
    const hn::Rebind<double, decltype(dh)> dd;
    const auto lo = hn::DemoteTo(dh, f(dd, hn::PromoteTo(dd, hn::LowerHalf(dh, a)),
                                       hn::PromoteTo(dd, hn::LowerHalf(dh, b))));
    const auto hi = hn::DemoteTo(dh, f(dd, hn::PromoteTo(dd, hn::UpperHalf(dh, a)),
                                       hn::PromoteTo(dd, hn::UpperHalf(dh, b))));
    return hn::Combine(d, hi, lo);
#endif
  }
}

/// (ln 2)^k / k!, k = 0..9: the Taylor series of 2^r (exp2_normal_f64).
inline constexpr double exp2_taylor_f64[] = {
    1.0,                   0x1.62e42fefa39efp-1,  0x1.ebfbdff82c58fp-3,  0x1.c6b08d704a0c0p-5,
    0x1.3b2ab6fba4e77p-7,  0x1.5d87fe78a6731p-10, 0x1.430912f86c787p-13, 0x1.ffcbfc588b0c7p-17,
    0x1.62c0223a5c824p-20, 0x1.b5253d395e7c4p-24};

/// c[0] + c[1] x + ... + c[K-1] x^(K-1), K <= 16, by Estrin's scheme:
/// pairs c[i] + c[i+1] x, joined by x^2, then x^4, then x^8 -- log2(K)
/// multiply-add latencies instead of Horner's K - 1, for a few more
/// multiplications. The double-double log and exp of float64 power and the
/// float64-lane series of float32 power and logaddexp are chains long
/// enough that the reorder window, not the execution ports, limits how many
/// vectors are in flight: a shorter chain is a faster kernel there.
template <int K, class D, class V>
HWY_INLINE V estrin_from(D d, V x, V x2, V x4, V x8, const double* c) {
  using T = hn::TFromD<D>;
  static_assert(K >= 1 && K <= 16);
  if constexpr (K == 1) {
    return hn::Set(d, T(c[0]));
  } else if constexpr (K == 2) {
    return hn::MulAdd(hn::Set(d, T(c[1])), x, hn::Set(d, T(c[0])));
  } else if constexpr (K <= 4) {
    return hn::MulAdd(estrin_from<K - 2>(d, x, x2, x4, x8, c + 2), x2,
                      estrin_from<2>(d, x, x2, x4, x8, c));
  } else if constexpr (K <= 8) {
    return hn::MulAdd(estrin_from<K - 4>(d, x, x2, x4, x8, c + 4), x4,
                      estrin_from<4>(d, x, x2, x4, x8, c));
  } else {
    return hn::MulAdd(estrin_from<K - 8>(d, x, x2, x4, x8, c + 8), x8,
                      estrin_from<8>(d, x, x2, x4, x8, c));
  }
}
template <class D, class V, std::size_t K>
HWY_INLINE V estrin(D d, V x, const double (&c)[K]) {
  const V x2 = hn::Mul(x, x);
  const V x4 = hn::Mul(x2, x2);  // (unused ones are dropped by the compiler)
  return estrin_from<int(K)>(d, x, x2, x4, hn::Mul(x4, x4), c);
}

/// 2^n for integer-valued float lanes n in the normal exponent range.
template <class D, class V>
HWY_INLINE V pow2i(D d, V n) {
  using T = hn::TFromD<D>;
  using TI = hwy::MakeSigned<T>;
  const hn::Rebind<TI, D> di;
  constexpr int kMant = is_f32<T> ? 23 : 52;
  constexpr TI kBias = is_f32<T> ? 127 : 1023;
  const auto ni = hn::ConvertTo(di, n);
  return hn::BitCast(d, hn::ShiftLeft<kMant>(hn::Add(ni, hn::Set(di, kBias))));
}

/// 2^x for every x (NaN excepted: the caller restores it): Exp of the
/// fraction (|r| <= 1/2, so r*ln2 is accurate), scaled by 2^n in two exact
/// steps so that a subnormal result is rounded once.
template <class D, class V>
HWY_INLINE V exp2(D d, V x) {
  using T = hn::TFromD<D>;
  const V lim = hn::Set(d, is_f32<T> ? T(160) : T(1100));
  const V xc = hn::Min(hn::Max(no_nan(d, x), hn::Neg(lim)), lim);
  const V n = hn::Round(xc);
  const V r = hn::Sub(xc, n);
  const V e = hn::Exp(d, hn::Mul(r, hn::Set(d, T(0.693147180559945309417232121458176568))));
  const V n1 = hn::Trunc(hn::Mul(n, hn::Set(d, T(0.5))));
  const V n2 = hn::Sub(n, n1);
  return hn::Mul(hn::Mul(e, pow2i(d, n1)), pow2i(d, n2));
}

/// s = a + b rounded, and err the exact a + b - s (Knuth's two-sum).
template <class V>
HWY_INLINE V two_sum(V a, V b, V& err) {
  const V s = hn::Add(a, b);
  const V bb = hn::Sub(s, a);
  err = hn::Add(hn::Sub(a, hn::Sub(s, bb)), hn::Sub(b, bb));
  return s;
}

/// two_sum when |a| >= |b| or a == 0 (Dekker's fast two-sum): 3 ops.
template <class V>
HWY_INLINE V fast_two_sum(V a, V b, V& err) {
  const V s = hn::Add(a, b);
  err = hn::Sub(b, hn::Sub(s, a));
  return s;
}

/// Whether float64 vectors of D have 4 or 8 lanes (AVX2, AVX-512): a table
/// of 2^(j/N) then fits one vector (exp2_normal_f64,
/// exp_medium_lanes).
template <class D>
constexpr bool exp2_lanes_table() {
  return hn::MaxLanes(D()) == 4 || hn::MaxLanes(D()) == 8;
}

/// 2^(j/N), j = 0..N-1 (N = 4 or 8), as a double-double: one vector each
/// of simd/pow_table.hpp's entries 128 j/N (lanes N..7 unused), for
/// TableLookupLanes.
template <int N>
struct exp2_frac_lanes {
  static constexpr std::array<double, 8> pick(const double (&table)[128]) {
    std::array<double, 8> v{};
    for (int j = 0; j < N; ++j) v[j] = table[j * 128 / N];
    return v;
  }
  alignas(64) static constexpr std::array<double, 8> hi = pick(numfuse::detail::pow_table::exp2_hi);
  alignas(64) static constexpr std::array<double, 8> lo = pick(numfuse::detail::pow_table::exp2_lo);
};

#if HWY_NATIVE_FMA
/// log(x) as a double-double hi + lo, relative error about 2^-68, for
/// normal positive finite float64 lanes: x = 2^k z, z = c (1 + r) with
/// 1/c from simd/pow_table.hpp (r = z/c - 1 exact in one fma, |r| < 2^-8),
/// log x = k ln2 + log c + log1p(r); the leading terms are summed exactly
/// (two_sum, fma), log1p(r) - r + r^2/2 by its Taylor series to r^8.
/// Needs a fused multiply-add (the exactness of r and of r^2/2 rests on it).
template <class D, class V>
HWY_INLINE V log_dd(D d, V x, V& lo) {
  namespace lt = numfuse::detail::pow_table;
  const hn::RebindToUnsigned<D> du;
  const hn::RebindToSigned<D> di;
  const auto ix = hn::BitCast(du, x);
  const auto tmp = hn::Sub(ix, hn::Set(du, lt::off));
  const auto k = hn::ShiftRight<52>(hn::BitCast(di, tmp));  // arithmetic
  const auto idx = hn::BitCast(
      di, hn::And(hn::ShiftRight<52 - lt::bits>(tmp), hn::Set(du, (1u << lt::bits) - 1)));
  const V z = hn::BitCast(d, hn::Sub(ix, hn::And(tmp, hn::Set(du, 0xfff0000000000000ull))));
  const V kd = hn::ConvertTo(d, k);
  const V invc = hn::GatherIndex(d, lt::invc, idx);
  const V logc = hn::GatherIndex(d, lt::logc, idx);
  const V logc_lo = hn::GatherIndex(d, lt::logc_lo, idx);
  const V r = hn::MulAdd(z, invc, hn::Set(d, -1.0));  // exact
  V e1, e2, e4;
  // k*ln2_hi is exact; it is 0 or larger than |log c| <= ln2/2
  const V s1 = fast_two_sum(hn::Mul(kd, hn::Set(d, lt::ln2_hi)), logc, e1);
  const V s2 = two_sum(s1, r, e2);
  const V ar = hn::Mul(hn::Set(d, -0.5), r);
  const V ar2 = hn::Mul(ar, r);            // -r^2/2 rounded
  const V e3 = hn::MulSub(ar, r, ar2);     // its rounding error, exact
  // |s2| = |log x - r^2/2 + ...| >= r^2/2: z is next to 1 (s1 = 0, s2 = r)
  // or |log z| >= 2^-10
  const V hi = fast_two_sum(s2, ar2, e4);
  // r^3 (1/3 - r/4 + ... - r^5/8): truncation below 2^-67 relative
  static constexpr double kQ[] = {1.0 / 3, -1.0 / 4, 1.0 / 5, -1.0 / 6, 1.0 / 7, -1.0 / 8};
  const V p = hn::Mul(hn::Mul(hn::Mul(r, r), r), estrin(d, r, kQ));
  const V l = hn::Add(hn::Add(hn::Add(e1, e2), hn::Add(e3, e4)),
                      hn::Add(hn::MulAdd(kd, hn::Set(d, lt::ln2_lo), logc_lo), p));
  const V y = hn::Add(hi, l);
  lo = hn::Add(hn::Sub(hi, y), l);
  return y;
}

/// exp(hi + lo) for a double-double argument (|lo| <= ulp(hi)), within
/// about 0.51 ULP: n = round(hi * 128/ln2), r = hi - n ln2/128 + lo
/// (|r| <= ln2/256; hi - n*ln2_128_hi is exact), exp(r) - 1 by its Taylor
/// series to r^5, times 2^(i/128) (i = n mod 128) as a double-double from
/// simd/pow_table.hpp, rounded once, then scaled by 2^(n div 128): by an
/// integer add to the exponent field when every |hi| <= 700 (every result
/// normal), else in two exact multiplications so that a subnormal result
/// is rounded once more at most, overflowing to inf and underflowing to 0
/// as it must (hi clamped to +-1100 first); a NaN hi gives NaN.
/// (A table of 4 or 8 entries picked by a lane permutation, as in
/// exp2_normal_f64, made float64 power 3% and exp 10% faster, but with
/// |r| up to ln2/8 the error grew to 0.60 ULP with 8 lanes, 0.74 with 4.)
template <class D, class V>
HWY_INLINE V exp_dd(D d, V hi, V lo) {
  namespace lt = numfuse::detail::pow_table;
  const hn::RebindToSigned<D> di;
  // 2^(i/128) (1 + p), p = exp(r) - 1, for n = 128 m + i
  const auto core = [&](V h, V l, V& n) {
    n = hn::Round(hn::Mul(h, hn::Set(d, lt::inv_ln2_128)));
    const V r0 = hn::NegMulAdd(n, hn::Set(d, lt::ln2_128_hi), h);  // exact
    const V r = hn::Add(r0, hn::NegMulAdd(n, hn::Set(d, lt::ln2_128_lo), l));
    static constexpr double kQ[] = {1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120};
    const V p = hn::MulAdd(hn::Mul(r, r), estrin(d, r, kQ), r);
    const auto idx = hn::And(hn::ConvertTo(di, n), hn::Set(di, 127));
    const V t_hi = hn::GatherIndex(d, lt::exp2_hi, idx);
    const V t_lo = hn::GatherIndex(d, lt::exp2_lo, idx);
    return hn::Add(t_hi, hn::MulAdd(t_hi, p, t_lo));  // in [0.99, 2.01]
  };
  V n;
  if (HWY_LIKELY(hn::AllTrue(d, hn::Le(hn::Abs(hi), hn::Set(d, 700.0))))) {
    // every result normal: 2^m added to the exponent field
    const V e = core(hi, lo, n);
    const auto m = hn::ShiftRight<7>(hn::ConvertTo(di, n));  // floor(n / 128)
    return hn::BitCast(d, hn::Add(hn::BitCast(di, e), hn::ShiftLeft<52>(m)));
  }
  // overflow, underflow, subnormal results: hi clamped, lo dropped when
  // |hi| is large (it may be inf or NaN there), 2^m in two exact steps
  const V lim = hn::Set(d, 1100.0);
  const auto big = hn::Gt(hn::Abs(hi), hn::Set(d, 1000.0));
  const V e = core(hn::Min(hn::Max(hi, hn::Neg(lim)), lim), hn::IfThenZeroElse(big, lo), n);
  const auto m = hn::ShiftRight<7>(hn::ConvertTo(di, n));
  const auto m1 = hn::ShiftRight<1>(m);
  const auto m2 = hn::Sub(m, m1);
  const auto bias = hn::Set(di, 1023);
  const V s1 = hn::BitCast(d, hn::ShiftLeft<52>(hn::Add(m1, bias)));
  const V s2 = hn::BitCast(d, hn::ShiftLeft<52>(hn::Add(m2, bias)));
  return hn::IfThenElse(hn::IsNaN(hi), hi, hn::Mul(hn::Mul(e, s1), s2));  // NaN stays
}

/// 2^x for float64 lanes, within about 0.51 ULP: exp_dd of x ln2 as a
/// double-double (NaN, inf, overflow and underflow included). Where every
/// result is normal, vunary<op::exp2> takes exp2_normal_f64 instead.
template <class D, class V>
HWY_INLINE V exp2_f64(D d, V x) {
  namespace lt = numfuse::detail::pow_table;
  const V c = hn::Set(d, lt::ln2);
  const V hi = hn::Mul(x, c);
  const V lo = hn::MulAdd(x, hn::Set(d, lt::ln2_tail), hn::MulSub(x, c, hi));
  return exp_dd(d, hi, lo);
}

/// 2^x for float64 lanes with |x| <= 1020 (every result normal), without
/// the double-double product x ln2 that exp2_f64 forms: x = m/N + r, N the
/// number of lanes (4 or 8), |r| <= 1/(2N) (r exact); 2^(j/N) (j = m mod N)
/// as a double-double picked by a lane permutation, not a gather;
/// 2^r - 1 = r Q(r) by the Taylor series to r^8 or r^9 (truncation below
/// 2^-58); 2^(m div N) added to the exponent field. Measured over 4M random
/// inputs against exp2l: 0.61 ULP at most with 8 lanes, 0.75 with 4 (the
/// rounding of Q, times r, counts twice where the result is just below 1).
template <class D, class V>
HWY_INLINE V exp2_normal_f64(D d, V x) {
  constexpr int N = static_cast<int>(hn::MaxLanes(D()));
  static_assert(exp2_lanes_table<D>(), "float64 vectors of 4 or 8 lanes (AVX2, AVX-512)");
  constexpr int kLog = N == 8 ? 3 : 2;
  const hn::RebindToSigned<D> di;
  const V m = hn::Round(hn::Mul(x, hn::Set(d, double(N))));
  const V r = hn::NegMulAdd(m, hn::Set(d, 1.0 / N), x);  // exact
  const auto mi = hn::ConvertTo(di, m);
  const auto idx = hn::IndicesFromVec(d, hn::And(mi, hn::Set(di, N - 1)));
  const V th = hn::TableLookupLanes(hn::Load(d, exp2_frac_lanes<N>::hi.data()), idx);
  const V tl = hn::TableLookupLanes(hn::Load(d, exp2_frac_lanes<N>::lo.data()), idx);
  V q = hn::Set(d, exp2_taylor_f64[N == 8 ? 8 : 9]);
  for (int i = (N == 8 ? 7 : 8); i >= 1; --i) q = hn::MulAdd(q, r, hn::Set(d, exp2_taylor_f64[i]));
  const V e = hn::Add(th, hn::MulAdd(th, hn::Mul(r, q), tl));  // in [0.9, 2.1)
  return hn::BitCast(d, hn::Add(hn::BitCast(di, e), hn::ShiftLeft<52>(hn::ShiftRight<kLog>(mi))));
}

/// x^y for float64 lanes with x normal, positive and finite and y finite:
/// exp(y log x) with log x and y log x as double-doubles. Within about
/// 0.52 ULP (tests/test_ufunc_ulp.cpp measures it).
template <class D, class V>
HWY_INLINE V pow_f64(D d, V x, V y) {
  V lo;
  const V l = log_dd(d, x, lo);
  const V th = hn::Mul(y, l);
  const V tl = hn::MulAdd(y, lo, hn::MulSub(y, l, th));
  return exp_dd(d, th, tl);
}

/// 1/v for float64 lanes v in [2^-100, 2^100], without a division: the
/// float32 estimate (12 bits or better) and kSteps Newton steps, each
/// doubling the bits. Beyond that range the estimate is 0 or inf (never
/// undefined behaviour): asinh_f64 multiplies it by 0 in those lanes.
template <int kSteps, class D, class V>
HWY_INLINE V reciprocal_f64(D d, V v) {
  const hn::Rebind<float, D> df;
  V r = hn::PromoteTo(d, hn::ApproximateReciprocal(hn::DemoteTo(df, v)));
  for (int i = 0; i < kSteps; ++i) r = hn::MulAdd(r, hn::NegMulAdd(v, r, hn::Set(d, 1.0)), r);
  return r;
}

/// asinh |x| for finite float64 lanes with one division (in Highway's
/// Log), where the library's formula log1p(|x| + x^2 / (1 + sqrt(1 +
/// x^2))) costs three (one in it, two in Highway's Log1p) and was bound by
/// them: log(y), y = |x| + sqrt(x^2 + 1) carried as a double-double. x^2 + 1
/// is exact as t + tl (fma, two_sum); its square root s gets the low part
/// s_lo = (t + tl - s^2) / 2s (the residual exact by fma); y = s + |x| by
/// fast_two_sum plus s_lo; and log y = log(yh) + yl / yh. The reciprocals
/// are float32 estimates refined by two Newton steps (2^-48), enough for
/// terms below ulp(y) -- unless yh rounds to 1 and the whole result is in
/// yl: below 2^-26 the result is x - x^3/6 instead. From 2^28 on, y = |x|
/// and ln 2 is added (1/x^2 is below the precision).
/// At most 1.25 ULP in tests/test_ufunc_ulp.cpp, 1.33 over 4M random inputs.
template <class D, class V>
HWY_INLINE V asinh_f64(D d, V x) {
  namespace lt = numfuse::detail::pow_table;
  const V one = hn::Set(d, 1.0);
  const auto big = hn::Gt(x, hn::Set(d, 0x1p28));
  const V xc = hn::Min(x, hn::Set(d, 0x1p28));
  const V p = hn::Mul(xc, xc);
  const V pe = hn::MulSub(xc, xc, p);  // x^2 = p + pe exactly
  V te;
  const V t = two_sum(one, p, te);
  const V tl = hn::Add(te, pe);  // x^2 + 1 = t + tl
  const V sq = hn::Sqrt(t);
  const V res = hn::Add(hn::NegMulAdd(sq, sq, t), tl);  // t + tl - sq^2
  const V sl = hn::Mul(hn::Mul(res, hn::Set(d, 0.5)), reciprocal_f64<2>(d, sq));
  V ye;
  const V yh0 = fast_two_sum(sq, xc, ye);  // sq >= x
  const V yh = hn::IfThenElse(big, x, yh0);
  const V yl = hn::IfThenZeroElse(big, hn::Add(ye, sl));
  const V lh = hn::Log(d, yh);
  const V corr = hn::MulAdd(yl, reciprocal_f64<2>(d, yh),
                            hn::IfThenElseZero(big, hn::Set(d, lt::ln2_lo)));
  const V large = hn::Add(hn::Add(lh, hn::IfThenElseZero(big, hn::Set(d, lt::ln2_hi))), corr);
  // |x| < 2^-26: x - x^3/6 is exact to the last bit
  return hn::IfThenElse(hn::Lt(x, hn::Set(d, 0x1p-26)),
                        hn::NegMulAdd(hn::Mul(x, p), hn::Set(d, 1.0 / 6), x), large);
}
#endif  // HWY_NATIVE_FMA

/// Lanes with a negative sign bit (also -0. and -NaN).
template <class D, class V>
HWY_INLINE hn::Mask<D> sign_set(D d, V x) {
  const hn::RebindToSigned<D> di;
  return hn::RebindMask(d, hn::Lt(hn::BitCast(di, x), hn::Zero(di)));
}

/// cbrt on float64 lanes: an exponent/3 guess refined by Halley steps.
template <int kSteps, class D, class V>
HWY_INLINE V cbrt_f64(D d, V x) {
  const hn::RebindToSigned<D> di;
  const V ax = hn::Abs(x);
  // Subnormal and huge inputs are scaled by 2^54 / 2^-999 (the Halley step
  // cubes y and must not overflow), the result by 2^-18 / 2^333.
  const auto sub = hn::Lt(ax, hn::Set(d, std::numeric_limits<double>::min()));
  const auto huge = hn::Gt(ax, hn::Set(d, 0x1p1000));
  V a = hn::IfThenElse(sub, hn::Mul(ax, hn::Set(d, 0x1p54)), ax);
  a = hn::IfThenElse(huge, hn::Mul(ax, hn::Set(d, 0x1p-999)), a);
  // bits(a)/3 + bits(1) * 2/3: within ~10% of cbrt(a) (a is normal, finite
  // or not: the result is replaced below for 0, inf and NaN).
  const auto bits = hn::BitCast(di, hn::IfThenElse(hn::IsFinite(a), a, hn::Set(d, 1.0)));
  const V third = hn::Mul(hn::ConvertTo(d, bits), hn::Set(d, 1.0 / 3.0));
  V y = hn::BitCast(d, hn::Add(hn::ConvertTo(di, third),
                               hn::Set(di, std::int64_t(682) << 52)));
  const V two = hn::Set(d, 2.0);
  for (int k = 0; k < kSteps; ++k) {
    const V y3 = hn::Mul(hn::Mul(y, y), y);
    y = hn::Mul(y, hn::Div(hn::Add(y3, hn::Mul(two, a)), hn::Add(hn::Mul(two, y3), a)));
  }
  y = hn::IfThenElse(sub, hn::Mul(y, hn::Set(d, 0x1p-18)), y);
  y = hn::IfThenElse(huge, hn::Mul(y, hn::Set(d, 0x1p333)), y);
  const V r = hn::CopySign(y, x);
  return hn::IfThenElse(hn::Or(hn::Eq(x, hn::Zero(d)), hn::Not(hn::IsFinite(x))), x, r);
}

/// hypot on float64 lanes: both scaled by a power of two near 1/max, so
/// that the squares neither overflow nor underflow.
template <class D, class V>
HWY_INLINE V hypot_f64(D d, V x, V y) {
  const hn::RebindToSigned<D> di;
  const V ax = hn::Abs(x), ay = hn::Abs(y);
  const V mx = hn::IfThenElse(hn::Gt(ay, ax), ay, ax);
  const V mn = hn::IfThenElse(hn::Gt(ay, ax), ax, ay);
  const auto expmask = hn::Set(di, std::int64_t(0x7FF) << 52);
  const auto e = hn::And(hn::BitCast(di, mx), expmask);  // 2^k of mx (0 if subnormal)
  // scale = 2^(1023-k-1023) = 2^-k, unscale = 2^k; clamp k to the normal range.
  const auto ec = hn::Min(hn::Max(e, hn::Set(di, std::int64_t(1) << 52)),
                          hn::Set(di, std::int64_t(2045) << 52));
  const V scale = hn::BitCast(d, hn::Sub(hn::Set(di, std::int64_t(2046) << 52), ec));
  const V unscale = hn::BitCast(d, ec);
  const V a = hn::Mul(mx, scale), b = hn::Mul(mn, scale);
  const V r = hn::Mul(hn::Sqrt(hn::Add(hn::Mul(a, a), hn::Mul(b, b))), unscale);
  const V inf = hn::Set(d, std::numeric_limits<double>::infinity());
  const auto anyinf = hn::Or(hn::IsInf(x), hn::IsInf(y));
  const auto anynan = hn::Or(hn::IsNaN(x), hn::IsNaN(y));
  return hn::IfThenElse(anyinf, inf, hn::IfThenElse(anynan, hn::Add(x, y), r));
}

/// arctan2(y, x) on float lanes from Atan of min/max in [0, 1].
template <class D, class V>
HWY_INLINE V atan2(D d, V y, V x) {
  using T = hn::TFromD<D>;
  const V ax = hn::Abs(x), ay = hn::Abs(y);
  const auto swap = hn::Gt(ay, ax);
  const V mx = hn::IfThenElse(swap, ay, ax);
  const V mn = hn::IfThenElse(swap, ax, ay);
  const auto bothinf = hn::And(hn::IsInf(x), hn::IsInf(y));
  V t = hn::Div(mn, mx);  // NaN for 0/0 and inf/inf
  t = hn::IfThenElse(bothinf, hn::Set(d, T(1)), no_nan(d, t));
  V a = hn::Atan(d, t);
  const V pio2_hi = hn::Set(d, T(1.57079632679489661923132169163975144));
  const V pio2_lo = hn::Set(d, T(1.57079632679489661923132169163975144L -
                                 (long double)T(1.57079632679489661923132169163975144)));
  const V pi_hi = hn::Set(d, T(3.14159265358979323846264338327950288));
  const V pi_lo = hn::Set(d, T(3.14159265358979323846264338327950288L -
                               (long double)T(3.14159265358979323846264338327950288)));
  a = hn::IfThenElse(swap, hn::Add(hn::Sub(pio2_hi, a), pio2_lo), a);
  a = hn::IfThenElse(sign_set(d, x), hn::Add(hn::Sub(pi_hi, a), pi_lo), a);
  const V r = hn::CopySign(a, y);
  return hn::IfThenElse(hn::Or(hn::IsNaN(x), hn::IsNaN(y)), hn::Add(x, y), r);
}

/// logaddexp (base e, or base 2): max + log1p(exp(-|x - y|)); x + log(2)
/// (or x + 1) when x == y, which also covers equal infinities.
template <bool kBase2, class D, class V>
HWY_INLINE V logaddexp(D d, V x, V y) {
  using T = hn::TFromD<D>;
  const V m = hn::IfThenElse(hn::Gt(x, y), x, y);
  // s + err = x - y exactly (TwoSum): the rounding of x - y would otherwise
  // cost |x - y| * 2^-53 relative in exp(-|x - y|) (NumPy has that error).
  const V s = hn::Sub(x, y);
  const V bb = hn::Sub(s, x);
  V err = hn::Add(hn::Sub(x, hn::Sub(s, bb)), hn::Sub(hn::Neg(y), bb));
  err = hn::IfThenZeroElse(hn::Not(hn::IsFinite(err)), err);
  const auto pos = hn::Gt(s, hn::Zero(d));
  const V dn = no_nan(d, hn::Neg(hn::Abs(s)));  // <= 0 or -inf
  const V dn_err = hn::IfThenElse(pos, hn::Neg(err), err);
  V r;
  if constexpr (kBase2) {
#if HWY_NATIVE_FMA
    V e = std::is_same_v<T, double> ? exp2_f64(d, dn) : exp2(d, dn);
#else
    V e = exp2(d, dn);
#endif
    e = hn::MulAdd(hn::Mul(e, dn_err), hn::Set(d, T(0.693147180559945309417232121458176568)), e);
    const V l = hn::Log1p(d, e);
    r = hn::Add(m, hn::Mul(l, hn::Set(d, T(1.44269504088896340735992468100189214))));
  } else {
    V e = hn::Exp(d, dn);
    e = hn::MulAdd(e, dn_err, e);
    r = hn::Add(m, hn::Log1p(d, e));
  }
  const V same = hn::Add(x, hn::Set(d, kBase2 ? T(1) : T(0.693147180559945309417232121458176568)));
  r = hn::IfThenElse(hn::Eq(x, y), same, r);
  return hn::IfThenElse(hn::Or(hn::IsNaN(x), hn::IsNaN(y)), hn::Add(x, y), r);
}

/// sin(pi x) / (pi x), sin(pi x) computed from the exact fraction x - n.
template <class D, class V>
HWY_INLINE V sinc(D d, V x) {
  using T = hn::TFromD<D>;
  const V pi = hn::Set(d, T(3.14159265358979323846264338327950288));
  const V ax = hn::Abs(x);
  // From 2^53 (2^24) on every float is an even integer: sin(pi x) = +0.
  const auto big = hn::Not(hn::Lt(ax, hn::Set(d, is_f32<T> ? T(0x1p24) : T(0x1p53))));  // or NaN
  const V xs = hn::IfThenZeroElse(big, x);
  const V n = hn::Round(xs);
  const V r = hn::Sub(xs, n);                   // exact, in [-1/2, 1/2]
  V s = hn::Sin(d, hn::Mul(pi, r));
  // (-1)^n: n is even when n/2 is an integer.
  const V half = hn::Mul(n, hn::Set(d, T(0.5)));
  s = hn::IfThenElse(hn::Eq(hn::Floor(half), half), s, hn::Neg(s));
  const V px = hn::Mul(pi, x);
  const V q = hn::Div(s, px);
  V res = hn::IfThenElse(hn::Eq(x, hn::Zero(d)), hn::Set(d, T(1)), q);
  res = hn::IfThenElse(hn::And(big, hn::IsFinite(x)), hn::CopySign(hn::Zero(d), x), res);
  return hn::IfThenElse(hn::IsFinite(x), res, hn::Set(d, std::numeric_limits<T>::quiet_NaN()));
}

/// Horner's scheme: c[0] + x (c[1] + x (c[2] + ...)), coefficients as
/// double constants rounded to the lane type.
template <class D, class V, std::size_t N>
HWY_INLINE V horner(D d, V x, const double (&c)[N]) {
  using T = hn::TFromD<D>;
  V p = hn::Set(d, T(c[N - 1]));
  for (std::size_t k = N - 1; k-- > 0;) p = hn::MulAdd(p, x, hn::Set(d, T(c[k])));
  return p;
}

/// Taylor coefficients of sin(r)/r and cos(r) in r^2, to r^10 and r^12:
/// below 2^-33 relative on |r| <= pi/4 (enough for a float32 result).
inline constexpr double sin_r2[] = {1.0, -1.0 / 6, 1.0 / 120, -1.0 / 5040, 1.0 / 362880,
                                    -1.0 / 39916800};
inline constexpr double cos_r2[] = {1.0, -1.0 / 2, 1.0 / 24, -1.0 / 720, 1.0 / 40320,
                                    -1.0 / 3628800, 1.0 / 479001600};

/// tan of float32 values in float64 lanes with |x| <= 39000: one
/// Cody-Waite reduction x = k pi/2 + r (pi/2 in two parts; k < 2^15, so
/// r is accurate to about 2^-100 absolute), sin r and cos r by their
/// Taylor series, tan = sin/cos (k even) or -cos/sin (k odd). Within
/// 2^-32 relative before the rounding to float32.
template <class D, class V>
HWY_INLINE V tan_f32_in_f64(D d, V x) {
  const hn::RebindToSigned<D> di;
  const V k = hn::Round(hn::Mul(x, hn::Set(d, 0.63661977236758134308)));
  V r = hn::NegMulAdd(k, hn::Set(d, 1.5707963267948966192), x);
  r = hn::NegMulAdd(k, hn::Set(d, 6.123233995736766036e-17), r);
  const V r2 = hn::Mul(r, r);
  const V sn = hn::Mul(r, horner(d, r2, sin_r2));
  const V cs = horner(d, r2, cos_r2);
  const auto odd = hn::RebindMask(
      d, hn::Eq(hn::And(hn::ConvertTo(di, k), hn::Set(di, 1)), hn::Set(di, 1)));
  const V num = hn::IfThenElse(odd, hn::Neg(cs), sn);
  const V den = hn::IfThenElse(odd, sn, cs);
  return hn::Div(num, den);
}

/// sinc of float32 values in float64 lanes: sin(pi r) of the exact fraction
/// r = x - n (|r| <= 1/2) by its Taylor series in r^2 (to r^15: below
/// 2^-38 relative), the sign of (-1)^n, over pi x.
template <class D, class V>
HWY_INLINE V sinc_f32_in_f64(D d, V x) {
  // sin(pi r) / r = sum (-1)^k pi^(2k+1) / (2k+1)! r^(2k)
  static constexpr double c[] = {3.14159265358979323846,  -5.16771278004997002925,
                                 2.55016403987734548847,  -0.599264529320792076892,
                                 0.0821458866111282287488, -0.00737043094571435057568,
                                 0.000466302805767612550964, -2.19153534478302162070e-05};
  const V pi = hn::Set(d, 3.14159265358979323846);
  const V ax = hn::Abs(x);
  // From 2^24 on every float32 is an even integer: sin(pi x) = +0.
  const auto big = hn::Not(hn::Lt(ax, hn::Set(d, 0x1p24)));  // or NaN
  const V xs = hn::IfThenZeroElse(big, x);
  const V n = hn::Round(xs);
  const V r = hn::Sub(xs, n);  // exact
  V s = hn::Mul(r, horner(d, hn::Mul(r, r), c));
  const V half = hn::Mul(n, hn::Set(d, 0.5));
  s = hn::IfThenElse(hn::Eq(hn::Floor(half), half), s, hn::Neg(s));
  V res = hn::IfThenElse(hn::Eq(x, hn::Zero(d)), hn::Set(d, 1.0), hn::Div(s, hn::Mul(pi, x)));
  res = hn::IfThenElse(hn::And(big, hn::IsFinite(x)), hn::CopySign(hn::Zero(d), x), res);
  return hn::IfThenElse(hn::IsFinite(x), res, hn::Set(d, std::numeric_limits<double>::quiet_NaN()));
}

/// 2^r for |r| <= 1/2 by the Taylor series of exp(r ln2) to degree 7
/// (truncation below 2^-27 relative: float32 lanes).
inline constexpr double exp2_taylor[] = {
    1.0, 0.693147180559945309417, 0.240226506959100712333, 0.0555041086648215799531,
    0.00961812910762847716197, 0.00133335581464284434234, 0.000154035303933816099545,
    1.52527338040598402800e-05};

/// Series for float32 results computed in float64 lanes (2^-38 relative
/// or better): exp(r) to r^10 for |r| <= ln2/2, and Q(u) ~ log1p(u)/u on
/// [sqrt(1/2) - 1, sqrt(2) - 1], a degree-13 fit (tools/fit_log1p.py).
inline constexpr double exp_r10[] = {1.0,        1.0,         1.0 / 2,      1.0 / 6,
                                     1.0 / 24,   1.0 / 120,   1.0 / 720,    1.0 / 5040,
                                     1.0 / 40320, 1.0 / 362880, 1.0 / 3628800};
inline constexpr double log1p_q13[] = {
    0.99999999999839062,  -0.49999999991459732,  0.33333333462707626,  -0.25000002384205255,
    0.19999985180938668,  -0.1666646998281974,   0.14286253291710629,  -0.12507102539891726,
    0.11105651213926052,  -0.098752489175931393, 0.090251919491610696, -0.093380582481889976,
    0.092110760197457606, -0.048526968124857621};

/// exp(t) for float64 lanes t in [-300, 300] to about 2^-42 relative:
/// 2^n exp(r), n = round(t / ln2), |r| <= ln2/2 (ln2 in two parts).
template <class D, class V>
HWY_INLINE V exp_medium(D d, V t) {
  const V n = hn::Round(hn::Mul(t, hn::Set(d, 1.44269504088896340736)));
  V r = hn::NegMulAdd(n, hn::Set(d, 0.693147180559945286227), t);
  r = hn::NegMulAdd(n, hn::Set(d, 2.319046813846299558e-17), r);
  return hn::Mul(estrin(d, r, exp_r10), pow2i(d, n));
}

/// exp(t) for float64 lanes t in [-300, 300] to about 2^-43 relative, as
/// exp_medium, with 2^(j/N) from a one-vector table (N = 4 or 8 lanes,
/// picked by a lane permutation) so that the series is of degree 6 or 7 on
/// |r| <= ln2/(2N) instead of 10 on |r| <= ln2/2.
template <class D, class V>
HWY_INLINE V exp_medium_lanes(D d, V t) {
  namespace lt = numfuse::detail::pow_table;
  constexpr int N = static_cast<int>(hn::MaxLanes(D()));
  static_assert(exp2_lanes_table<D>(), "float64 vectors of 4 or 8 lanes (AVX2, AVX-512)");
  constexpr int kLog = N == 8 ? 3 : 2;
  static constexpr double kExp7[] = {1.0,       1.0,        1.0 / 2,   1.0 / 6,
                                     1.0 / 24,  1.0 / 120,  1.0 / 720, 1.0 / 5040};
  const hn::RebindToSigned<D> di;
  const V n = hn::Round(hn::Mul(t, hn::Set(d, lt::inv_ln2_128 * N / 128)));
  V r = hn::NegMulAdd(n, hn::Set(d, lt::ln2_128_hi * 128 / N), t);
  r = hn::NegMulAdd(n, hn::Set(d, lt::ln2_128_lo * 128 / N), r);
  const auto ni = hn::ConvertTo(di, n);
  const V th = hn::TableLookupLanes(hn::Load(d, exp2_frac_lanes<N>::hi.data()),
                                    hn::IndicesFromVec(d, hn::And(ni, hn::Set(di, N - 1))));
  V p;
  if constexpr (N == 8) {
    static constexpr double kExp6[] = {1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720};
    p = estrin(d, r, kExp6);
  } else {
    p = estrin(d, r, kExp7);
  }
  const V e = hn::Mul(th, p);
  return hn::BitCast(d, hn::Add(hn::BitCast(di, e), hn::ShiftLeft<52>(hn::ShiftRight<kLog>(ni))));
}

/// x^y for float32 values in float64 lanes, x > 0 and both finite: exp(y
/// log x) with log x = k ln2 + log1p(m - 1), x = 2^k m, m in [sqrt(1/2),
/// sqrt(2)) (m - 1 exact), log1p by the Q fit above and exp by exp_medium:
/// y log x is then accurate to about 2^-36 absolute wherever the result is
/// a finite nonzero float32. y log x is clamped to +-300: the rounding to
/// float32 gives inf or 0 there.
template <class D, class V>
HWY_INLINE V pow_f32_in_f64(D d, V x, V y) {
  const hn::RebindToSigned<D> di;
  const auto sqrt_half = hn::Set(di, std::int64_t(0x3fe6a09e667f3bcd));
  const auto k = hn::ShiftRight<52>(hn::Sub(hn::BitCast(di, x), sqrt_half));  // arithmetic
  const V m = hn::BitCast(d, hn::Sub(hn::BitCast(di, x), hn::ShiftLeft<52>(k)));
  const V u = hn::Sub(m, hn::Set(d, 1.0));
  const V l = hn::MulAdd(hn::ConvertTo(d, k), hn::Set(d, 0.693147180559945309417),
                         hn::Mul(u, estrin(d, u, log1p_q13)));
  const V lim = hn::Set(d, 300.0);
  return exp_medium(d, hn::Min(hn::Max(hn::Mul(y, l), hn::Neg(lim)), lim));
}

/// logaddexp (base e, or base 2) of float32 values in float64 lanes, with
/// the precision a float32 result needs (about 2^-38 relative before the
/// final rounding): max + log1p(exp(-|x - y|)) with exp by its Taylor
/// series on |r| <= ln2/2 scaled by 2^n (base e on AVX2 and AVX-512:
/// exp_medium_lanes, on |r| <= ln2/(2N)), and log1p(e) = u Q(u) (u = e, or
/// (e - 1)/2 plus ln 2 when e > sqrt(2) - 1) with Q a degree-13 fit of
/// log1p(u)/u on [sqrt(1/2) - 1, sqrt(2) - 1] (tools/fit_log1p.py, 2^-38
/// relative): no division, where Highway's Exp and Log1p in float64 cost
/// three. x == y (equal infinities included) gives x + ln 2 (x + 1); NaN
/// gives NaN. kFinite: the caller has checked that x and y are finite, and
/// the selections for infinities and NaN are left out.
template <bool kBase2, bool kFinite, class D, class V>
HWY_INLINE V logaddexp_f32_in_f64(D d, V x, V y) {
  const V ln2 = hn::Set(d, 0.693147180559945309417);
  const V m = hn::Max(x, y);
  // -|x - y| (exact to 2^-53 relative: negligible in exp for a float32
  // result), clamped where exp (2^) is below every float32 (NaN -> -200)
  V dn = hn::Neg(hn::Abs(hn::Sub(x, y)));
  if constexpr (!kFinite) dn = no_nan(d, dn);
  dn = hn::Max(dn, hn::Set(d, -200.0));
  V e;  // exp(dn) or 2^dn, in [0, 1]
  if constexpr (kBase2) {
    const V n = hn::Round(dn);
    e = hn::Mul(estrin(d, hn::Mul(hn::Sub(dn, n), ln2), exp_r10), pow2i(d, n));
  } else if constexpr (exp2_lanes_table<D>()) {
    e = exp_medium_lanes(d, dn);
  } else {
    e = exp_medium(d, dn);
  }
  const auto reduce = hn::Gt(e, hn::Set(d, 0.41421356237309504880));
  const V u = hn::IfThenElse(reduce, hn::Mul(hn::Sub(e, hn::Set(d, 1.0)), hn::Set(d, 0.5)), e);
  const V l = hn::MulAdd(u, estrin(d, u, log1p_q13), hn::IfThenElseZero(reduce, ln2));
  V res = kBase2 ? hn::MulAdd(l, hn::Set(d, 1.44269504088896340736), m) : hn::Add(m, l);
  // x == y: exactly x + ln 2 (x + 1). Finite, base e: l is then ln 2 already;
  // base 2: l/ln2 rounds below 1 (logaddexp2(-1, -1) would not be 0).
  if constexpr (!kFinite || kBase2) {
    res = hn::IfThenElse(hn::Eq(x, y), hn::Add(x, kBase2 ? hn::Set(d, 1.0) : ln2), res);
  }
  if constexpr (kFinite) return res;
  return hn::IfThenElse(hn::Or(hn::IsNaN(x), hn::IsNaN(y)), hn::Add(x, y), res);
}

/// logaddexp_f32_in_f64 on float32 vectors: every lane finite (one test
/// per float32 vector) skips the infinity and NaN selections of each half.
template <bool kBase2, class D, class V>
HWY_INLINE V logaddexp_f32(D d, V a, V b) {
  // (always_inline: an out-of-line call per half vector costs 20%)
  if (HWY_LIKELY(hn::AllTrue(d, hn::And(hn::IsFinite(a), hn::IsFinite(b))))) {
    return via_f64(d, a, b, [](auto dd, auto x, auto y) __attribute__((always_inline)) {
      return logaddexp_f32_in_f64<kBase2, true>(dd, x, y);
    });
  }
  return via_f64(d, a, b, [](auto dd, auto x, auto y) __attribute__((always_inline)) {
    return logaddexp_f32_in_f64<kBase2, false>(dd, x, y);
  });
}

}  // namespace transc

/// The C library function lane by lane (the rare-range fallback).
#define NUMFUSE_LANEWISE_STD(d, a, FN) \
  lanewise(d, a, [](hn::TFromD<D> v) { return std::FN(v); })

// ---- exp: float64 on FMA targets, the table exponential of power
// (transc::exp_dd, within 0.51 ULP on normal results, every input);
// otherwise Highway's Exp where it is accurate, the library beyond.
template <> struct vunary<op::exp> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
#if HWY_NATIVE_FMA
    if constexpr (std::is_same_v<T, double>) return transc::exp_dd(d, a, hn::Zero(d));
#endif
    const T hi = std::is_same_v<T, float> ? T(88) : T(706);
    const T lo = std::is_same_v<T, float> ? T(-87) : T(-708);
    if (HWY_LIKELY(hn::AllTrue(d, hn::And(a <= hn::Set(d, hi), a >= hn::Set(d, lo))))) {
      return hn::Exp(d, a);
    }
    return lanewise(d, a, [](T x) { return std::exp(x); });
  }
};

// ---- exp2, expm1
template <> struct vunary<op::exp2> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
#if HWY_NATIVE_FMA
    if constexpr (std::is_same_v<T, double>) {
      if constexpr (transc::exp2_lanes_table<D>()) {
        if (HWY_LIKELY(hn::AllTrue(d, hn::Le(hn::Abs(a), hn::Set(d, 1020.0))))) {
          return transc::exp2_normal_f64(d, a);
        }
      }
      return transc::exp2_f64(d, a);
    }
#endif
    // Results in the normal range: 2^n is normal, one scaling multiply.
    const V lo = hn::Set(d, transc::is_f32<T> ? T(-126) : T(-1022));
    const V hi = hn::Set(d, transc::is_f32<T> ? T(127) : T(1023));
    if (HWY_LIKELY(hn::AllTrue(d, hn::And(hn::Ge(a, lo), hn::Le(a, hi))))) {
      const V n = hn::Round(a);
      V e;
      if constexpr (transc::is_f32<T>) {
        e = transc::horner(d, hn::Sub(a, n), transc::exp2_taylor);
      } else {
        e = hn::Exp(d, hn::Mul(hn::Sub(a, n),
                               hn::Set(d, T(0.693147180559945309417232121458176568))));
      }
      return hn::Mul(e, transc::pow2i(d, n));
    }
    return hn::IfThenElse(hn::IsNaN(a), a, transc::exp2(d, a));
  }
};
template <> struct vunary<op::expm1> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    // Highway's Expm1: accurate up to 88 (float32) / 706 (float64), and
    // -1 below -104 / -1000; inf, NaN and overflow go to the library.
    const V hi = hn::Set(d, transc::is_f32<T> ? T(88) : T(706));
    const V lo = hn::Set(d, std::numeric_limits<T>::lowest());
    if (HWY_LIKELY(hn::AllTrue(d, hn::And(hn::Le(a, hi), hn::Ge(a, lo))))) {
      const V r = hn::Expm1(d, a);
      return hn::IfThenElse(hn::Eq(a, hn::Zero(d)), a, r);  // expm1(-0.) is -0.
    }
    return NUMFUSE_LANEWISE_STD(d, a, expm1);
  }
};

// ---- log2, log10, log1p: the library for non-positive, subnormal, inf, NaN
#define NUMFUSE_VLOG(OP, FN)                                                           \
  template <> struct vunary<op::OP> {                                                  \
    template <class D, class V>                                                        \
    static HWY_INLINE V apply(D d, V a) {                                              \
      using T = hn::TFromD<D>;                                                         \
      const auto ok = hn::And(hn::Ge(a, hn::Set(d, std::numeric_limits<T>::min())),   \
                              hn::Le(a, hn::Set(d, std::numeric_limits<T>::max())));   \
      if (HWY_LIKELY(hn::AllTrue(d, ok))) return hn::FN(d, a);                         \
      return NUMFUSE_LANEWISE_STD(d, a, OP);                                           \
    }                                                                                  \
  };
NUMFUSE_VLOG(log2, Log2)
NUMFUSE_VLOG(log10, Log10)
#undef NUMFUSE_VLOG
template <> struct vunary<op::log1p> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    const auto ok = hn::And(hn::Gt(a, hn::Set(d, T(-1))),
                            hn::Le(a, hn::Set(d, std::numeric_limits<T>::max())));
    if (HWY_LIKELY(hn::AllTrue(d, ok))) return hn::Log1p(d, a);
    return NUMFUSE_LANEWISE_STD(d, a, log1p);
  }
};

// ---- logaddexp, logaddexp2 (float32 through float64, with the precision
// a float32 result needs; float64 with Highway's Exp and Log1p)
template <> struct vbinary<op::logaddexp> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a, V b) {
    if constexpr (transc::is_f32<hn::TFromD<D>>) {
      return transc::logaddexp_f32<false>(d, a, b);
    } else {
      return transc::logaddexp<false>(d, a, b);
    }
  }
};
template <> struct vbinary<op::logaddexp2> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a, V b) {
    if constexpr (transc::is_f32<hn::TFromD<D>>) {
      return transc::logaddexp_f32<true>(d, a, b);
    } else {
      return transc::logaddexp<true>(d, a, b);
    }
  }
};

// ---- cbrt (float32 through float64 with two Halley steps)
template <> struct vunary<op::cbrt> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    return transc::via_f64(d, a, [](auto dd, auto x) {
      return transc::cbrt_f64<transc::is_f32<T> ? 2 : 3>(dd, x);
    });
  }
};

// ---- tan: float64 = sin / cos, float32 = one reduction and two series in
// float64 lanes (transc::tan_f32_in_f64); |x| > 39000, inf and NaN by the
// library.
template <> struct vunary<op::tan> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    if (HWY_LIKELY(hn::AllTrue(d, hn::Le(hn::Abs(a), hn::Set(d, T(39000)))))) {
      if constexpr (transc::is_f32<T>) {
        return transc::via_f64(d, a, [](auto dd, auto x) {
          return hn::IfThenElse(hn::Eq(x, hn::Zero(dd)), x, transc::tan_f32_in_f64(dd, x));
        });
      } else {
        const V r = hn::Div(hn::Sin(d, a), hn::Cos(d, a));
        return hn::IfThenElse(hn::Eq(a, hn::Zero(d)), a, r);
      }
    }
    return NUMFUSE_LANEWISE_STD(d, a, tan);
  }
};

// ---- arcsin, arccos (NaN outside [-1, 1]), arctan, arctan2
template <> struct vunary<op::arcsin> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    const auto in = hn::Le(hn::Abs(a), hn::Set(d, T(1)));
    const V r = hn::Asin(d, hn::IfThenElseZero(in, a));
    return hn::IfThenElse(in, r, hn::Set(d, std::numeric_limits<T>::quiet_NaN()));
  }
};
template <> struct vunary<op::arccos> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    const auto in = hn::Le(hn::Abs(a), hn::Set(d, T(1)));
    const V r = hn::Acos(d, hn::IfThenElseZero(in, a));
    return hn::IfThenElse(in, r, hn::Set(d, std::numeric_limits<T>::quiet_NaN()));
  }
};
template <> struct vunary<op::arctan> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    const V r = hn::Atan(d, transc::no_nan(d, a));
    return hn::IfThenElse(hn::IsNaN(a), a, r);
  }
};
template <> struct vbinary<op::arctan2> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V y, V x) {
    return transc::via_f64(d, y, x, [](auto dd, auto u, auto v) { return transc::atan2(dd, u, v); });
  }
};

// ---- hypot: float32 in float32 when the squares can neither overflow nor
// lose precision to underflow (within 1 ULP), otherwise through float64
// (no overflow, one rounding); float64 with power-of-two scaling.
template <> struct vbinary<op::hypot> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a, V b) {
    using T = hn::TFromD<D>;
    if constexpr (transc::is_f32<T>) {
      const V ax = hn::Abs(a), ay = hn::Abs(b);
      const V mx = hn::Max(ax, ay), mn = hn::Min(ax, ay);
      const V big = hn::Set(d, T(0x1p60));  // NaN and inf lanes fail the test
      const auto ok = hn::And(hn::And(hn::Le(ax, big), hn::Le(ay, big)),
                              hn::Or(hn::Ge(mx, hn::Set(d, T(0x1p-60))), hn::Eq(mx, hn::Zero(d))));
      if (HWY_LIKELY(hn::AllTrue(d, ok))) return hn::Sqrt(hn::MulAdd(mx, mx, hn::Mul(mn, mn)));
      return transc::via_f64(d, a, b, [](auto dd, auto x, auto y) {
        const auto r = hn::Sqrt(hn::Add(hn::Mul(x, x), hn::Mul(y, y)));
        const auto inf = hn::Set(dd, std::numeric_limits<double>::infinity());
        return hn::IfThenElse(hn::Or(hn::IsInf(x), hn::IsInf(y)), inf, r);
      });
    } else {
      return transc::hypot_f64(d, a, b);
    }
  }
};

// ---- sinh, cosh, tanh
template <> struct vunary<op::sinh> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    // Highway's Sinh: |x| <= 88.72 / 709; beyond, inf and NaN: the library.
    const V hi = hn::Set(d, transc::is_f32<T> ? T(88) : T(709));
    if (HWY_LIKELY(hn::AllTrue(d, hn::Le(hn::Abs(a), hi)))) return hn::Sinh(d, a);
    return NUMFUSE_LANEWISE_STD(d, a, sinh);
  }
};
template <> struct vunary<op::cosh> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    // (e + 1/e) / 2 with e = exp(|x|), while exp(|x|) is finite.
    const V ax = hn::Abs(a);
    const V hi = hn::Set(d, transc::is_f32<T> ? T(88) : T(706));
    if (HWY_LIKELY(hn::AllTrue(d, hn::Le(ax, hi)))) {
      const V half = hn::Set(d, T(0.5));
      const V e = hn::Exp(d, ax);
      return hn::Add(hn::Mul(half, e), hn::Div(half, e));
    }
    return NUMFUSE_LANEWISE_STD(d, a, cosh);
  }
};
template <> struct vunary<op::tanh> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    const V r = hn::Tanh(d, transc::no_nan(d, a));
    return hn::IfThenElse(hn::Or(hn::IsNaN(a), hn::Eq(a, hn::Zero(d))), a, r);
  }
};

// ---- arcsinh, arccosh, arctanh
// arcsinh float64 on FMA targets: transc::asinh_f64 (one division).
// Otherwise arcsinh(x) = sign(x) log1p(|x| + x^2 / (1 + sqrt(1 + x^2))): one square
// root, one division and Highway's Log1p, where Highway's Asinh evaluates
// both of its branches. From 2^30 (float32) / 2^60 (float64) on, where x^2
// could overflow and 1/x is below the precision: log1p(|x|) + ln 2.
template <> struct vunary<op::arcsinh> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
#if HWY_NATIVE_FMA
    if constexpr (std::is_same_v<T, double>) {
      const V x = hn::Abs(hn::IfThenZeroElse(hn::Not(hn::IsFinite(a)), a));
      return hn::IfThenElse(hn::IsFinite(a), hn::CopySign(transc::asinh_f64(d, x), a), a);
    }
#endif
    const V one = hn::Set(d, T(1));
    const V x = hn::Abs(hn::IfThenZeroElse(hn::Not(hn::IsFinite(a)), a));
    const auto big = hn::Gt(x, hn::Set(d, transc::is_f32<T> ? T(0x1p30) : T(0x1p60)));
    const V x2 = hn::Mul(x, x);
    const V v = hn::IfThenElse(big, x, hn::Add(x, hn::Div(x2, hn::Add(one, hn::Sqrt(hn::Add(one, x2))))));
    const V r = hn::Add(hn::Log1p(d, v),
                        hn::IfThenElseZero(big, hn::Set(d, T(0.693147180559945309417232121458176568))));
    return hn::IfThenElse(hn::IsFinite(a), hn::CopySign(r, a), a);  // +-inf, NaN as they are
  }
};
// arccosh(x) = log1p(t + sqrt(t (t + 2))), t = x - 1 (exact for x <= 2,
// so results near 0 keep their precision): one square root and Highway's
// Log1p, where Highway's Acosh evaluates three branches (two square roots,
// three divisions); a vector whose lanes are all >= 2 takes
// log(x + sqrt(x^2 - 1)). From 2^30 (float32) / 2^60 (float64) on, where t (t + 2)
// could overflow and 1/x is below the precision: log1p(x) + ln 2.
template <> struct vunary<op::arccosh> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    const V one = hn::Set(d, T(1));
    const auto in = hn::And(hn::Ge(a, one), hn::IsFinite(a));
    const V x = hn::IfThenElse(in, a, one);
    const auto big = hn::Gt(x, hn::Set(d, transc::is_f32<T> ? T(0x1p30) : T(0x1p60)));
    const V ln2 = hn::IfThenElseZero(big, hn::Set(d, T(0.693147180559945309417232121458176568)));
    V r;
    if (hn::AllTrue(d, hn::Ge(x, hn::Set(d, T(2))))) {
      // every result above 1.3: log(x + sqrt(x^2 - 1)) (Log: one division
      // fewer than Log1p)
      r = hn::Add(hn::Log(d, hn::IfThenElse(big, x, hn::Add(x, hn::Sqrt(hn::MulSub(x, x, one))))),
                  ln2);
    } else {
      const V t = hn::Sub(x, one);
      const V v =
          hn::IfThenElse(big, x, hn::Add(t, hn::Sqrt(hn::Mul(t, hn::Add(t, hn::Set(d, T(2)))))));
      r = hn::Add(hn::Log1p(d, v), ln2);
    }
    const V nan = hn::Set(d, std::numeric_limits<T>::quiet_NaN());
    const V inf = hn::Set(d, std::numeric_limits<T>::infinity());
    return hn::IfThenElse(in, r, hn::IfThenElse(hn::Eq(a, inf), inf, nan));
  }
};
template <> struct vunary<op::arctanh> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    const V one = hn::Set(d, T(1));
    const V ax = hn::Abs(a);
    const auto in = hn::Lt(ax, one);
    const V r = hn::Atanh(d, hn::IfThenElseZero(in, a));
    const V inf = hn::CopySign(hn::Set(d, std::numeric_limits<T>::infinity()), a);
    const V nan = hn::Set(d, std::numeric_limits<T>::quiet_NaN());
    return hn::IfThenElse(in, hn::IfThenElse(hn::Eq(a, hn::Zero(d)), a, r),
                          hn::IfThenElse(hn::Eq(ax, one), inf, nan));
  }
};

// ---- sinc (float32 through float64, with a series for sin(pi r))
template <> struct vunary<op::sinc> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) {
    using T = hn::TFromD<D>;
    if constexpr (transc::is_f32<T>) {
      return transc::via_f64(d, a, [](auto dd, auto x) { return transc::sinc_f32_in_f64(dd, x); });
    } else {
      return transc::sinc(d, a);
    }
  }
};

// ---- fabs, modf (fraction, whole), frexp (mantissa, exponent as a float)
template <> struct vunary<op::fabs> {
  template <class D, class V> static HWY_INLINE V apply(D, V a) { return hn::Abs(a); }
};
template <> struct vunary<op::modf_frac> {
  template <class D, class V>
  static HWY_INLINE V apply(D, V a) {
    // x - trunc(x) is exact; modf(+-inf) has fraction +-0.
    const V f = hn::IfThenZeroElse(hn::IsInf(a), hn::Sub(a, hn::Trunc(a)));
    return hn::IfThenElse(hn::IsNaN(a), a, hn::CopySign(f, a));
  }
};
template <> struct vunary<op::modf_whole> {
  template <class D, class V> static HWY_INLINE V apply(D, V a) { return hn::Trunc(a); }
};
namespace transc {
/// frexp: mantissa in [0.5, 1) with x's sign and the exponent (as a float);
/// 0, inf and NaN give (x, 0).
template <bool kMantissa, class D, class V>
HWY_INLINE V frexp(D d, V x) {
  using T = hn::TFromD<D>;
  using TI = hwy::MakeSigned<T>;
  const hn::Rebind<TI, D> di;
  constexpr int kMant = is_f32<T> ? 23 : 52;
  constexpr TI kExpMask = is_f32<T> ? TI(0xFF) : TI(0x7FF);
  constexpr TI kHalfExp = is_f32<T> ? TI(126) : TI(1022);
  const auto special = hn::Or(hn::Eq(x, hn::Zero(d)), hn::Not(hn::IsFinite(x)));
  const auto sub = hn::Lt(hn::Abs(x), hn::Set(d, std::numeric_limits<T>::min()));
  const T kUp = is_f32<T> ? T(0x1p32) : T(0x1p64);
  const V xs = hn::IfThenElse(sub, hn::Mul(x, hn::Set(d, kUp)), x);
  const auto bits = hn::BitCast(di, xs);
  if constexpr (kMantissa) {
    const auto keep = hn::Set(di, TI(~(TI(kExpMask) << kMant)));
    const V m = hn::BitCast(d, hn::Or(hn::And(bits, keep), hn::Set(di, TI(kHalfExp << kMant))));
    return hn::IfThenElse(special, x, m);
  } else {
    const auto eb = hn::And(hn::ShiftRight<kMant>(bits), hn::Set(di, kExpMask));
    V e = hn::ConvertTo(d, hn::Sub(eb, hn::Set(di, kHalfExp)));
    e = hn::IfThenElse(sub, hn::Sub(e, hn::Set(d, is_f32<T> ? T(32) : T(64))), e);
    return hn::IfThenZeroElse(special, e);
  }
}
}  // namespace transc
template <> struct vunary<op::frexp_mant> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) { return transc::frexp<true>(d, a); }
};
template <> struct vunary<op::frexp_exp> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a) { return transc::frexp<false>(d, a); }
};

// ---- ldexp(x, n): n arrives as integer-valued float lanes. x * 2^n is one
// correctly rounded multiply while 2^n is a normal number; larger |n| (rare)
// by the library.
template <> struct vbinary<op::ldexp> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V x, V n) {
    using T = hn::TFromD<D>;
    const T lo = transc::is_f32<T> ? T(-126) : T(-1022);
    const T hi = transc::is_f32<T> ? T(127) : T(1023);
    if (HWY_LIKELY(hn::AllTrue(d, hn::And(hn::Ge(n, hn::Set(d, lo)), hn::Le(n, hn::Set(d, hi)))))) {
      return hn::Mul(x, transc::pow2i(d, n));
    }
    return lanewise(d, x, n, [](T v, T e) {
      const T c = e < T(-100000) ? T(-100000) : (e > T(100000) ? T(100000) : e);
      return std::ldexp(v, static_cast<int>(c));
    });
  }
};

// ---- power. Integers: lane by lane (by squaring, wrapping; a negative
// exponent throws). float32: exp(y * log(x)) in float64 registers -- the
// float64 error of y*log(x) is far below a float32 ULP. float64, on targets
// with FMA: transc::pow_f64 (a double-double log). Lanes outside the
// vector path's domain (x <= 0, subnormal, inf or NaN, y inf or NaN: the
// special cases of pow) are computed by the C library's pow, as NumPy's,
// lane by lane; a vector without such lanes never leaves the vector path.
#if HWY_NATIVE_FMA
namespace transc {
/// float64 pow: pow_f64 on every lane (lanes outside its domain give
/// garbage, never undefined behaviour: table indices are masked), then the
/// C library's pow on the lanes outside the domain (x not normal, positive
/// and finite, or y not finite).
template <class D, class V>
HWY_INLINE V pow_or_lanes(D d, V a, V b) {
  const hn::RebindToUnsigned<D> du;
  // x - DBL_MIN < inf - DBL_MIN as unsigned bits: x normal, positive, finite
  const auto min_bits = hn::Set(du, 0x0010000000000000ull);
  const auto ok = hn::And(
      hn::RebindMask(d, hn::Lt(hn::Sub(hn::BitCast(du, a), min_bits),
                               hn::Set(du, 0x7ff0000000000000ull - 0x0010000000000000ull))),
      hn::IsFinite(b));
  const V v = pow_f64(d, a, b);
  if (HWY_LIKELY(hn::AllTrue(d, ok))) return v;
  return lanewise_unless(d, ok, v, a, b, [](double x, double y) { return std::pow(x, y); });
}
}  // namespace transc
#endif

template <> struct vbinary<op::power> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a, V b) {
    using T = hn::TFromD<D>;
    if constexpr (std::is_same_v<T, float>) {
      const auto ok = hn::And(hn::And(hn::Gt(a, hn::Zero(d)), hn::IsFinite(a)), hn::IsFinite(b));
      if (HWY_LIKELY(hn::AllTrue(d, ok))) {
        return transc::via_f64(d, a, b, [](auto dd, auto x, auto y) __attribute__((always_inline)) {
          return transc::pow_f32_in_f64(dd, x, y);
        });
      }
#if HWY_NATIVE_FMA
    } else if constexpr (std::is_same_v<T, double>) {
      return transc::pow_or_lanes(d, a, b);
#endif
    }
    return lanewise(d, a, b, [](T x, T y) { return detail::power_scalar<T>(x, y); });
  }
};

// ---- float_power: float64 pow (as power of float64 above)
template <> struct vbinary<op::float_power> {
  template <class D, class V>
  static HWY_INLINE V apply(D d, V a, V b) {
    using T = hn::TFromD<D>;
#if HWY_NATIVE_FMA
    if constexpr (std::is_same_v<T, double>) return transc::pow_or_lanes(d, a, b);
#endif
    return lanewise(d, a, b, [](T x, T y) { return std::pow(x, y); });
  }
};

#undef NUMFUSE_LANEWISE_STD

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
