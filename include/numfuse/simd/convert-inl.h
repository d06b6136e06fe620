// numfuse/simd/convert-inl.h -- per-target conversions between lane types,
// and between masks of different lane types. Compiled once per SIMD target
// (Highway's toggle guard); included by simd/kernels-inl.h.
//
// Conversions stay in registers: Highway's native conversions where they
// exist, otherwise a lane-by-lane conversion through a stack buffer of one
// vector (never a temporary array).

#if defined(NUMFUSE_SIMD_CONVERT_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_CONVERT_INL_H_
#undef NUMFUSE_SIMD_CONVERT_INL_H_
#else
#define NUMFUSE_SIMD_CONVERT_INL_H_
#endif

#include <cstdint>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/core/cast.hpp"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

/// Lane count of a tag, as a constant (x86 tags are not scalable).
template <class D>
inline constexpr std::size_t lanes_v = D::kPrivateN;

/// Converts v (lanes of DFrom) to DTo lane by lane with numpy_cast.
template <class DTo, class DFrom>
HWY_INLINE hn::Vec<DTo> convert_lanewise(DTo dto, DFrom dfrom, hn::Vec<DFrom> v) {
  using To = hn::TFromD<DTo>;
  using From = hn::TFromD<DFrom>;
  constexpr std::size_t N = lanes_v<DFrom>;
  alignas(64) From in[N];
  alignas(64) To out[N];
  hn::Store(v, dfrom, in);
  for (std::size_t j = 0; j < N; ++j) out[j] = detail::numpy_cast<To>(in[j]);
  return hn::Load(dto, out);
}

/// Converts a vector of DFrom lanes to DTo lanes (same lane count) with
/// NumPy's casting results.
template <class DTo, class DFrom>
HWY_INLINE hn::Vec<DTo> convert(DTo dto, DFrom dfrom, hn::Vec<DFrom> v) {
  using To = hn::TFromD<DTo>;
  using From = hn::TFromD<DFrom>;
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<From, float> && std::is_same_v<To, double>) {
    return hn::PromoteTo(dto, v);
  } else if constexpr (std::is_same_v<From, double> && std::is_same_v<To, float>) {
#if HWY_TARGET == HWY_SCALAR || HWY_TARGET == HWY_EMU128
    // Highway 1.0.3's DemoteTo there saturates inf and overflow to the
    // largest float; NumPy (IEEE rounding) gives inf.
    return convert_lanewise(dto, dfrom, v);
#else
    return hn::DemoteTo(dto, v);
#endif
  } else if constexpr (std::is_same_v<From, std::int32_t> && std::is_same_v<To, double>) {
    return hn::PromoteTo(dto, v);
  } else if constexpr (std::is_same_v<From, std::int32_t> && std::is_same_v<To, float>) {
    return hn::ConvertTo(dto, v);
  } else if constexpr (std::is_same_v<From, std::int64_t> && std::is_same_v<To, double>) {
    return hn::ConvertTo(dto, v);
  } else if constexpr (std::is_integral_v<From> && std::is_integral_v<To> &&
                       !std::is_same_v<From, bool> && sizeof(To) > sizeof(From) &&
                       sizeof(To) <= 4 * sizeof(From) &&
                       (std::is_signed_v<To> || !std::is_signed_v<From>) &&
                       (sizeof(To) <= 4 || (sizeof(From) == 4 && std::is_signed_v<To> ==
                                                                     std::is_signed_v<From>))) {
    // Integer widening Highway 1.0.3 has: 8->16/32, 16->32, 32->64 (same
    // signedness for 32->64).
    return hn::PromoteTo(dto, v);
  } else {
    return convert_lanewise(dto, dfrom, v);
  }
}

/// Re-expresses a mask of DFrom lanes as a mask of DTo lanes.
template <class DTo, class DFrom>
HWY_INLINE hn::Mask<DTo> convert_mask(DTo dto, DFrom dfrom, hn::Mask<DFrom> m) {
  using To = hn::TFromD<DTo>;
  using From = hn::TFromD<DFrom>;
  if constexpr (std::is_same_v<To, From>) {
    return m;
  } else if constexpr (sizeof(To) == sizeof(From)) {
    return hn::RebindMask(dto, m);
  } else {
    alignas(8) std::uint8_t bits[16] = {};
    hn::StoreMaskBits(dfrom, m, bits);
    return hn::LoadMaskBits(dto, bits);
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
