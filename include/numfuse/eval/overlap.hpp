// numfuse/eval/overlap.hpp -- may two strided operands share memory?
// Exact for the cases that matter (disjoint ranges, interleaved views such
// as a[::2] and a[1::2]); conservative (may say yes) otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <numeric>

#include "numfuse/eval/plan.hpp"

namespace numfuse::detail {

struct byte_range {
  std::uintptr_t lo = 0, hi = 0;  // [lo, hi)
  bool empty() const noexcept { return lo >= hi; }
};

inline byte_range extent_of(const operand_desc& o) {
  std::ptrdiff_t lo = 0, hi = 0;
  for (int d = 0; d < o.shape->size(); ++d) {
    const std::ptrdiff_t n = (*o.shape)[d];
    if (n == 0) return {};
    const std::ptrdiff_t span = (n - 1) * (*o.strides)[d] * o.itemsize;
    (span < 0 ? lo : hi) += span;
  }
  return {o.base + lo, o.base + hi + o.itemsize};
}

/// True when a and b may have a byte in common.
inline bool may_share_memory(const operand_desc& a, const operand_desc& b) {
  const byte_range ra = extent_of(a), rb = extent_of(b);
  if (ra.empty() || rb.empty() || ra.hi <= rb.lo || rb.hi <= ra.lo) return false;
  // Interleaving: every element of a starts at a.base (mod g), of b at
  // b.base (mod g), where g divides every stride of both.
  std::ptrdiff_t g = 0;
  auto add = [&g](const operand_desc& o) {
    for (int d = 0; d < o.shape->size(); ++d) {
      if ((*o.shape)[d] > 1) g = std::gcd(g, (*o.strides)[d] * o.itemsize);
    }
  };
  add(a);
  add(b);
  if (g == 0) return true;  // both single elements inside each other's range
  const std::ptrdiff_t ra0 = static_cast<std::ptrdiff_t>(a.base % std::uintptr_t(g));
  const std::ptrdiff_t rb0 = static_cast<std::ptrdiff_t>(b.base % std::uintptr_t(g));
  // Residues covered: [ra0, ra0 + a.itemsize) and [rb0, rb0 + b.itemsize), mod g.
  if (a.itemsize >= g || b.itemsize >= g) return true;
  auto covers = [g](std::ptrdiff_t start, std::ptrdiff_t len, std::ptrdiff_t r) {
    return ((r - start) % g + g) % g < len;
  };
  return covers(ra0, a.itemsize, rb0) || covers(rb0, b.itemsize, ra0);
}

/// True when the leaf reads exactly the output's elements in the same
/// positions (same base, shape and strides): elementwise evaluation then
/// needs no copy.
inline bool same_elements(const operand_desc& out, const operand_desc& leaf) {
  if (out.base != leaf.base || out.itemsize != leaf.itemsize) return false;
  if (!(*out.shape == *leaf.shape)) return false;
  for (int d = 0; d < out.shape->size(); ++d) {
    if ((*out.shape)[d] > 1 && (*out.strides)[d] != (*leaf.strides)[d]) return false;
  }
  return true;
}

}  // namespace numfuse::detail
