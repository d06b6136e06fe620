// numfuse/simd/pack-inl.h -- the per-target kernel that copies a block of
// an operand read across its rows (the leaf A.T of `A.T + A`: its rows are
// A's columns) into a row-major buffer, so that the assignment kernel then
// reads it as unit-stride rows. The block is cut into squares of N x N
// elements, N the lanes of a vector of at most 8: N loads of N elements
// down the block's columns (contiguous in memory), a transpose in
// registers (log2 N rounds of ConcatEven / ConcatOdd, a perfect shuffle),
// and N stores along the buffer's rows. The block's edges (fewer than N
// rows or columns) are copied element by element. Compiled once per SIMD
// target (included by simd/kernels-inl.h); driven by eval/pack.hpp, which
// builds its plan, and instantiated per element size only: it moves bytes.

#if defined(NUMFUSE_SIMD_PACK_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_PACK_INL_H_
#undef NUMFUSE_SIMD_PACK_INL_H_
#else
#define NUMFUSE_SIMD_PACK_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "hwy/highway.h"
#include "numfuse/eval/plan.hpp"
#include "numfuse/simd/convert-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <class U>
struct pack_kernel {
  using D = hn::CappedTag<U, 8>;
  static constexpr std::size_t N = lanes_v<D>;

  /// v[j] holds row j of an N x N square; afterwards v[i] holds column i.
  static HWY_INLINE void transpose(hn::Vec<D>* v) {
#if HWY_TARGET == HWY_SCALAR
    (void)v;  // one lane: nothing to move
#else
    const D d;
    for (std::size_t round = 1; round < N; round *= 2) {
      hn::Vec<D> t[N];
      for (std::size_t k = 0; k < N / 2; ++k) {
        t[k] = hn::ConcatEven(d, v[2 * k + 1], v[2 * k]);
        t[k + N / 2] = hn::ConcatOdd(d, v[2 * k + 1], v[2 * k]);
      }
      for (std::size_t k = 0; k < N; ++k) v[k] = t[k];
    }
#endif
  }

  /// A two-dimensional plan of two operands, U-sized elements: operand 0
  /// the buffer (row-major, unit-stride along its rows), operand 1 the
  /// block (unit-stride down its columns, any step along its rows).
  static void run(const detail::plan<2>& p) {
    const D d;
    const std::size_t rows = std::size_t(p.shape[0]), cols = std::size_t(p.shape[1]);
    U* const dst = reinterpret_cast<U*>(p.base[0]);
    const std::ptrdiff_t dst_row = p.strides[0][0] / std::ptrdiff_t(sizeof(U));
    const std::ptrdiff_t col_step = p.strides[1][1];
    const auto at = [&](std::size_t r, std::size_t c) {
      return reinterpret_cast<const U*>(p.base[1] + std::uintptr_t(std::ptrdiff_t(c) * col_step)) + r;
    };
    const auto out = [&](std::size_t r, std::size_t c) { return dst + std::ptrdiff_t(r) * dst_row + c; };
    const std::size_t rN = rows - rows % N, cN = cols - cols % N;
    for (std::size_t c = 0; c < cN; c += N) {
      for (std::size_t r = 0; r < rN; r += N) {
        hn::Vec<D> v[N];
        for (std::size_t j = 0; j < N; ++j) v[j] = hn::LoadU(d, at(r, c + j));
        transpose(v);
        for (std::size_t i = 0; i < N; ++i) hn::StoreU(v[i], d, out(r + i, c));
      }
    }
    // The edges, element by element (memcpy: the elements are not U objects).
    for (std::size_t r = rN; r < rows; ++r) {  // the last rows % N rows
      for (std::size_t c = 0; c < cN; ++c) std::memcpy(out(r, c), at(r, c), sizeof(U));
    }
    for (std::size_t r = 0; r < rows; ++r) {  // the last cols % N columns
      for (std::size_t c = cN; c < cols; ++c) std::memcpy(out(r, c), at(r, c), sizeof(U));
    }
  }
};

template <class U>
void pack_entry(const void* plan, const void*) {
  pack_kernel<U>::run(*static_cast<const detail::plan<2>*>(plan));
}

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
