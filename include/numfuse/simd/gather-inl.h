// numfuse/simd/gather-inl.h -- the per-target kernels of advanced indexing:
// gather/scatter (a[idx], a[idx] = x, take, put, ...) and the compaction of
// a mask into the flat indices of its true elements (nonzero). Compiled once
// per SIMD target (included by simd/kernels-inl.h); driven by
// eval/gather.hpp, which builds the plans.
//
// Gathers and scatters only move elements (dtype conversion happens before,
// in ordinary engine passes), so the kernels are instantiated per element
// size only: 4 sizes x {gather, scatter}, whatever the dtypes of a program.

#if defined(NUMFUSE_SIMD_GATHER_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_GATHER_INL_H_
#undef NUMFUSE_SIMD_GATHER_INL_H_
#else
#define NUMFUSE_SIMD_GATHER_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/eval/plan.hpp"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

/// Gather (Scatter = false): vals[i] = *(base_i + off_i); scatter: the
/// reverse. A plan of three operands over the result shape:
///   0  the values (the new array of a gather, the right-hand side of a
///      scatter), U-sized elements;
///   1  the "base": an address in the indexed array that steps along the
///      result axes coming from slices (stride 0 on the indexed axes);
///   2  int64 element offsets from the base (stride 0 on the slice axes),
///      already wrapped and bounds-checked by the driver.
/// Scatters write lane by lane in iteration order, so that with repeated
/// indices the last value wins, as in NumPy.
template <class U, bool Scatter>
struct gather_kernel {
  static HWY_INLINE void row(U* vals, std::ptrdiff_t sv, U* base, std::ptrdiff_t sb,
                             const std::int64_t* off, std::ptrdiff_t so, std::size_t n) {
    std::size_t i = 0;
    if (sb == 0 && so == 1 && sv == 1) {  // one base, one offset per element
      if constexpr (!Scatter && sizeof(U) >= 4) {
        // hn::GatherIndex takes indices of the lane width: int64 offsets
        // for 8-byte lanes; for 4-byte lanes, when every offset of the row
        // fits int32 (checked per vector).
        const hn::ScalableTag<U> d;
        const hn::RebindToSigned<decltype(d)> di;
        const std::size_t N = hn::Lanes(d);
        if constexpr (sizeof(U) == 8) {
          for (; i + N <= n; i += N) {
            hn::StoreU(hn::GatherIndex(d, base, hn::LoadU(di, off + i)), d, vals + i);
          }
        } else {
          alignas(64) std::int32_t idx[hn::MaxLanes(di)];
          for (; i + N <= n; i += N) {
            bool fits = true;
            for (std::size_t j = 0; j < N; ++j) {
              fits &= off[i + j] == std::int64_t(std::int32_t(off[i + j]));
              idx[j] = std::int32_t(off[i + j]);
            }
            if (!fits) break;
            hn::StoreU(hn::GatherIndex(d, base, hn::Load(di, idx)), d, vals + i);
          }
        }
      }
      for (; i < n; ++i) {
        if constexpr (Scatter) {
          base[off[i]] = vals[i];
        } else {
          vals[i] = base[off[i]];
        }
      }
      return;
    }
    if (so == 0 && sb == 1 && sv == 1) {  // a contiguous slab per row
      U* src = base + *off;
      const hn::ScalableTag<U> d;
      const std::size_t N = hn::Lanes(d);
      for (; i + N <= n; i += N) {
        if constexpr (Scatter) {
          hn::StoreU(hn::LoadU(d, vals + i), d, src + i);
        } else {
          hn::StoreU(hn::LoadU(d, src + i), d, vals + i);
        }
      }
      for (; i < n; ++i) {
        if constexpr (Scatter) {
          src[i] = vals[i];
        } else {
          vals[i] = src[i];
        }
      }
      return;
    }
    for (; i < n; ++i) {  // general strides
      U* v = vals + std::ptrdiff_t(i) * sv;
      U* s = base + std::ptrdiff_t(i) * sb + off[std::ptrdiff_t(i) * so];
      if constexpr (Scatter) {
        *s = *v;
      } else {
        *v = *s;
      }
    }
  }

  static void run(const void* plan, const void*) {
    const auto& p = *static_cast<const detail::plan<3>*>(plan);
    std::uintptr_t ptrs[3] = {p.base[0], p.base[1], p.base[2]};
    const std::ptrdiff_t sv = p.inner_stride(0) / std::ptrdiff_t(sizeof(U));
    const std::ptrdiff_t sb = p.inner_stride(1) / std::ptrdiff_t(sizeof(U));
    const std::ptrdiff_t so = p.inner_stride(2) / std::ptrdiff_t(sizeof(std::int64_t));
    const auto n = static_cast<std::size_t>(p.inner_size());
    std::ptrdiff_t idx[maxdims] = {};
    do {
      row(reinterpret_cast<U*>(ptrs[0]), sv, reinterpret_cast<U*>(ptrs[1]), sb,
          reinterpret_cast<const std::int64_t*>(ptrs[2]), so, n);
    } while (detail::next_row(p, ptrs, idx));
  }
};

template <class U, class Scatter>
void gather_entry(const void* plan, const void* args) {
  gather_kernel<U, Scatter::value>::run(plan, args);
}

/// nonzero: the flat C-order positions of the nonzero bytes of a bool array
/// (operand 0 of a one-operand plan) written to args (an int64 buffer the
/// driver sized with count_nonzero, plus one slot: the
/// branch-free loop stores one position past the last kept one). The plan keeps C order (it only drops
/// extent-1 axes and merges axes), so a running counter is the flat index.
template <class U>
void nonzero_entry(const void* plan, const void* args) {
  const auto& p = *static_cast<const detail::plan<1>*>(plan);
  auto* out = static_cast<std::int64_t*>(const_cast<void*>(args));
  std::uintptr_t ptrs[1] = {p.base[0]};
  const std::ptrdiff_t s = p.inner_stride(0) / std::ptrdiff_t(sizeof(U));
  const std::ptrdiff_t n = p.inner_size();
  std::ptrdiff_t idx[maxdims] = {};
  std::int64_t pos = 0, k = 0;
  do {
    const U* m = reinterpret_cast<const U*>(ptrs[0]);
    for (std::ptrdiff_t j = 0; j < n; ++j, ++pos) {
      out[k] = pos;  // branch-free compaction: kept only when m != 0
      k += m[j * s] != 0;
    }
  } while (detail::next_row(p, ptrs, idx));
}

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
