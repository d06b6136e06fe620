// numfuse/eval/scan_plan.hpp -- the plan of a cumulative operation (cumsum,
// cumprod): an ordinary plan over the dimensions that are NOT scanned
// (the scanned axis has extent 1 in it, so the planner drops it), plus the
// scanned axis's length and each operand's byte stride along it. A
// parallel layer may split `p` like any plan: every scan line stays whole.
// axis=None (a flattened scan) is `flat`: `p` covers every dimension and
// its rows are consecutive pieces of one scan in C order.
#pragma once

#include <cstddef>

#include "numfuse/eval/plan.hpp"

namespace numfuse::detail {

template <int K>
struct scan_plan {
  plan<K> p;
  bool flat = false;
  bool along_inner = false;  // each element of p starts a scan line (else rows of p scan together)
  std::ptrdiff_t len = 0;    // length of the scanned axis (not flat)
  std::ptrdiff_t sstride[K] = {};  // byte strides along it
};

}  // namespace numfuse::detail
