// numfuse/simd/interleave-inl.h -- the per-target kernel of joins whose
// parts interleave element by element: stack(..., axis=-1), column_stack of
// 1-d arrays, and any join where P operands (2 <= P <= 4) of one shape fill
// the P consecutive elements of each position of the result. Compiled once
// per SIMD target (included by simd/kernels-inl.h); driven by
// eval/interleave.hpp, which builds the plan.
//
// The kernel only moves elements (the driver uses it when the operands are
// arrays or views of the result's dtype), so it is instantiated per element
// size and P. Rows where the result's positions are P elements apart and
// every operand is unit-stride are stored with Highway's StoreInterleaved2/
// 3/4, one vector of each operand at a time; other rows (strided operands)
// are copied element by element.

#if defined(NUMFUSE_SIMD_INTERLEAVE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_INTERLEAVE_INL_H_
#undef NUMFUSE_SIMD_INTERLEAVE_INL_H_
#else
#define NUMFUSE_SIMD_INTERLEAVE_INL_H_
#endif

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "numfuse/eval/plan.hpp"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

/// A plan of 1 + P operands over the operands' common shape: operand 0 the
/// result's first element at each position (the others follow it at +1,
/// ..., +P-1 elements), operands 1..P the parts, U-sized elements.
template <class U, int P>
struct interleave_kernel {
  static HWY_INLINE void row(U* out, std::ptrdiff_t so, const U* const* in,
                             const std::ptrdiff_t* si, std::size_t n) {
    std::size_t i = 0;
    bool unit = so == P;
    for (int k = 0; k < P; ++k) unit &= si[k] == 1;
    if (unit) {
      const hn::ScalableTag<U> d;
      const std::size_t N = hn::Lanes(d);
      for (; i + N <= n; i += N) {
        U* o = out + i * P;
        if constexpr (P == 2) {
          hn::StoreInterleaved2(hn::LoadU(d, in[0] + i), hn::LoadU(d, in[1] + i), d, o);
        } else if constexpr (P == 3) {
          hn::StoreInterleaved3(hn::LoadU(d, in[0] + i), hn::LoadU(d, in[1] + i),
                                hn::LoadU(d, in[2] + i), d, o);
        } else {
          static_assert(P == 4, "2 <= P <= 4");
          hn::StoreInterleaved4(hn::LoadU(d, in[0] + i), hn::LoadU(d, in[1] + i),
                                hn::LoadU(d, in[2] + i), hn::LoadU(d, in[3] + i), d, o);
        }
      }
    }
    for (; i < n; ++i) {
      U* o = out + std::ptrdiff_t(i) * so;
      for (int k = 0; k < P; ++k) o[k] = in[k][std::ptrdiff_t(i) * si[k]];
    }
  }

  static void run(const void* plan) {
    const auto& p = *static_cast<const detail::plan<1 + P>*>(plan);
    std::uintptr_t ptrs[1 + P];
    std::ptrdiff_t si[P];
    for (int k = 0; k <= P; ++k) ptrs[k] = p.base[k];
    for (int k = 0; k < P; ++k) si[k] = p.inner_stride(1 + k) / std::ptrdiff_t(sizeof(U));
    const std::ptrdiff_t so = p.inner_stride(0) / std::ptrdiff_t(sizeof(U));
    const auto n = static_cast<std::size_t>(p.inner_size());
    std::ptrdiff_t idx[maxdims] = {};
    do {
      const U* in[P];
      for (int k = 0; k < P; ++k) in[k] = reinterpret_cast<const U*>(ptrs[1 + k]);
      row(reinterpret_cast<U*>(ptrs[0]), so, in, si, n);
    } while (detail::next_row(p, ptrs, idx));
  }
};

template <class U, class PC>
void interleave_entry(const void* plan, const void*) {
  interleave_kernel<U, PC::value>::run(plan);
}

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
