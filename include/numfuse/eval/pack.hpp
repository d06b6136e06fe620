// numfuse/eval/pack.hpp -- buffered operands of tiled plans (eval/split.hpp).
// A leaf that a tile reads across its rows (A.T in `A.T + A`: each output
// row takes one element from every row of A) is first copied, tile by tile,
// into a row-major buffer by the transpose kernel of simd/pack-inl.h. The
// tile's plan then points that operand at the buffer, unit-stride, and the
// ordinary assignment kernel runs it with contiguous loads instead of one
// gathered element per lane. NumPy's nditer buffers operands the same way.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hwy/aligned_allocator.h"
#include "numfuse/eval/plan.hpp"
#include "numfuse/simd/dispatch.hpp"

namespace numfuse::detail {

NUMFUSE_DISPATCH_TABLE(pack_dispatch, pack_entry)

/// Whether leaf k of the two-dimensional plan p is read across its rows:
/// 4- or 8-byte elements, unit-stride down the rows, and more than a cache
/// line apart along them.
template <int K>
bool read_across(const plan<K>& p, int k) noexcept {
  const std::ptrdiff_t s = p.itemsize[k];
  const std::ptrdiff_t along = p.strides[k][1] < 0 ? -p.strides[k][1] : p.strides[k][1];
  return p.ndim == 2 && (s == 4 || s == 8) && p.strides[k][0] == s && along > 64;
}

/// The buffers of the leaves a tiled plan reads across its rows, one tile
/// of rows x cols elements each.
template <int K>
class tile_buffers {
 public:
  tile_buffers(const plan<K>& p, std::ptrdiff_t rows, std::ptrdiff_t cols) : cols_(cols) {
    std::size_t bytes = 0;
    for (int k = 1; k < K; ++k) {
      if (!read_across(p, k)) continue;
      offset_[n_] = bytes;
      leaf_[n_++] = k;
      bytes += std::size_t(rows * cols * p.itemsize[k] + 63) / 64 * 64;
    }
    if (n_ > 0) mem_ = hwy::AllocateAligned<unsigned char>(bytes);
  }

  /// Copies the block of tile t of every buffered leaf into its buffer and
  /// points t at the buffer.
  void pack(plan<K>& t) const {
    for (int i = 0; i < n_; ++i) {
      const int k = leaf_[i];
      const std::ptrdiff_t s = t.itemsize[k];
      plan<2> q;
      q.ndim = 2;
      q.shape[0] = t.shape[0];
      q.shape[1] = t.shape[1];
      q.base[0] = reinterpret_cast<std::uintptr_t>(mem_.get() + offset_[i]);
      q.strides[0][0] = cols_ * s;
      q.strides[0][1] = s;
      q.base[1] = t.base[k];
      q.strides[1][0] = s;
      q.strides[1][1] = t.strides[k][1];
      q.itemsize[0] = q.itemsize[1] = s;
      if (s == 8) {
        pack_dispatch<std::uint64_t>::call(&q, nullptr);
      } else {
        pack_dispatch<std::uint32_t>::call(&q, nullptr);
      }
      t.base[k] = q.base[0];
      t.strides[k][0] = q.strides[0][0];
      t.strides[k][1] = s;
    }
    t.leaves_contiguous = true;
    for (int k = 1; k < K; ++k) t.leaves_contiguous &= t.strides[k][1] == t.itemsize[k];
    t.contiguous = t.leaves_contiguous && t.strides[0][1] == t.itemsize[0];
  }

 private:
  hwy::AlignedFreeUniquePtr<unsigned char[]> mem_;
  std::size_t offset_[K] = {};
  int leaf_[K] = {};
  int n_ = 0;
  std::ptrdiff_t cols_;
};

}  // namespace numfuse::detail
