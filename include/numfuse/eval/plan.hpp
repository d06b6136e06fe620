// numfuse/eval/plan.hpp -- the iteration plan shared by every operation:
// operands' strides broadcast to the output shape, dimensions of extent 1
// dropped, adjacent dimensions coalesced as NumPy's nditer does. The kernel
// runs the innermost dimension as a SIMD loop and the rest as outer loops.
#pragma once

#include <cstddef>
#include <cstdint>

#include "numfuse/config.hpp"
#include "numfuse/core/shape.hpp"

namespace numfuse::detail {

/// One operand as the planner sees it: base address, shape and element
/// strides (right-aligned against the output), element size in bytes.
struct operand_desc {
  std::uintptr_t base = 0;
  const dims* shape = nullptr;
  const dims* strides = nullptr;  // in elements
  std::ptrdiff_t itemsize = 1;
};

/// K operands: index 0 is the output, 1..K-1 the expression's leaves in
/// evaluation order. Strides are in bytes; dimension ndim-1 is innermost.
template <int K>
struct plan {
  static constexpr int operands = K;
  int ndim = 1;
  bool contiguous = false;  // every operand unit-stride in the inner loop
  bool leaves_contiguous = false;  // operands 1..K-1 unit-stride in the inner loop
  std::ptrdiff_t shape[maxdims];
  std::ptrdiff_t strides[K][maxdims];
  std::uintptr_t base[K];
  std::ptrdiff_t itemsize[K];  // bytes per element (1 for an iota)

  std::ptrdiff_t inner_size() const noexcept { return shape[ndim - 1]; }
  std::ptrdiff_t inner_stride(int k) const noexcept { return strides[k][ndim - 1]; }
  /// The output unit-stride in the inner loop and every leaf unit-stride or
  /// broadcast along it (stride 0: x[:, None] in x[:, None] * y[None, :]).
  bool unit_or_splat() const noexcept {
    if (inner_stride(0) != itemsize[0]) return false;
    for (int k = 1; k < K; ++k) {
      if (inner_stride(k) != itemsize[k] && inner_stride(k) != 0) return false;
    }
    return true;
  }
  std::ptrdiff_t outer_size() const noexcept {
    std::ptrdiff_t n = 1;
    for (int d = 0; d + 1 < ndim; ++d) n *= shape[d];
    return n;
  }
};

/// Builds the plan for writing `out_shape` from operands ops[0..K-1]
/// (ops[0] the output; the others must broadcast to out_shape, which the
/// caller has checked).
template <int K>
void make_plan(plan<K>& p, const dims& out_shape, const operand_desc* ops) {
  const int nd = out_shape.size();
  int m = 0;  // kept dimensions
  for (int d = 0; d < nd; ++d) {
    const std::ptrdiff_t n = out_shape[d];
    if (n == 1) continue;  // extent 1: no iteration, strides irrelevant
    p.shape[m] = n;
    for (int k = 0; k < K; ++k) {
      const dims& s = *ops[k].shape;
      const int off = nd - s.size();
      const int dk = d - off;
      std::ptrdiff_t st = 0;
      if (dk >= 0 && s[dk] != 1) st = (*ops[k].strides)[dk] * ops[k].itemsize;
      p.strides[k][m] = st;
    }
    ++m;
  }
  if (m == 0) {  // 0-d or all extents 1: one element
    p.shape[0] = 1;
    for (int k = 0; k < K; ++k) p.strides[k][0] = 0;
    m = 1;
  }
  // Coalesce: merge dimension d into d+1 when every operand steps through
  // d exactly as it would continue d+1.
  int w = m - 1;
  std::ptrdiff_t shape[maxdims];
  std::ptrdiff_t strides[K][maxdims];
  shape[w] = p.shape[m - 1];
  for (int k = 0; k < K; ++k) strides[k][w] = p.strides[k][m - 1];
  for (int d = m - 2; d >= 0; --d) {
    bool can = true;
    for (int k = 0; k < K && can; ++k) can = p.strides[k][d] == strides[k][w] * shape[w];
    if (can) {
      shape[w] *= p.shape[d];
    } else {
      --w;
      shape[w] = p.shape[d];
      for (int k = 0; k < K; ++k) strides[k][w] = p.strides[k][d];
    }
  }
  p.ndim = m - w;
  for (int d = 0; d < p.ndim; ++d) {
    p.shape[d] = shape[w + d];
    for (int k = 0; k < K; ++k) p.strides[k][d] = strides[k][w + d];
  }
  p.leaves_contiguous = true;
  for (int k = 0; k < K; ++k) {
    p.base[k] = ops[k].base;
    p.itemsize[k] = ops[k].itemsize;
    const bool unit = p.strides[k][p.ndim - 1] == ops[k].itemsize;
    if (k > 0) p.leaves_contiguous = p.leaves_contiguous && unit;
  }
  p.contiguous = p.leaves_contiguous && p.strides[0][p.ndim - 1] == ops[0].itemsize;
}

/// Steps the operands' row pointers to the plan's next row (an odometer over
/// dimensions 0..ndim-2, idx holding the position); false after the last.
template <int K>
inline bool next_row(const plan<K>& p, std::uintptr_t* ptrs, std::ptrdiff_t* idx) {
  for (int d = p.ndim - 2; d >= 0; --d) {
    for (int k = 0; k < K; ++k) ptrs[k] += static_cast<std::uintptr_t>(p.strides[k][d]);
    if (++idx[d] < p.shape[d]) return true;
    for (int k = 0; k < K; ++k) {
      ptrs[k] -= static_cast<std::uintptr_t>(p.strides[k][d] * p.shape[d]);
    }
    idx[d] = 0;
  }
  return false;
}

}  // namespace numfuse::detail
