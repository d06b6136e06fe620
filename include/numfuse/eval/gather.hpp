// numfuse/eval/gather.hpp -- the engine entry of advanced indexing: plans
// for the gather/scatter and nonzero kernels of simd/gather-inl.h, and their
// dispatch tables. The index arithmetic (wrapping, bounds checks, offsets)
// is done before, in ordinary engine passes (views/advanced.hpp); these
// kernels only move elements.
#pragma once

#include <cstdint>
#include <type_traits>

#include "numfuse/core/dtype.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/plan.hpp"
#include "numfuse/simd/dispatch.hpp"

namespace numfuse::detail {

NUMFUSE_DISPATCH_TABLE(gather_dispatch, gather_entry)
NUMFUSE_DISPATCH_TABLE(nonzero_dispatch, nonzero_entry)

/// Gather (Scatter = false): vals[r] = base[r][offs[r]] for every position
/// r of the result shape R; scatter: base[r][offs[r]] = vals[r], in C order
/// of R (the last of repeated targets wins). Strides are in elements over R:
/// `bstrides` those of the indexed array along R's slice axes (0 on the
/// indexed axes), `ostrides` those of the int64 offsets (0 on slice axes),
/// `vstrides` those of the values (0 for a broadcast scalar).
template <class T, bool Scatter>
void run_gather(std::conditional_t<Scatter, const T, T>* vals, const dims& R, const dims& vstrides,
                std::conditional_t<Scatter, T, const T>* base, const dims& bstrides,
                const std::int64_t* offs, const dims& ostrides) {
  if (shape_size(R) == 0) return;
  using U = typename uint_of_size<int(sizeof(T))>::type;
  operand_desc ops[3] = {
      {reinterpret_cast<std::uintptr_t>(vals), &R, &vstrides, std::ptrdiff_t(sizeof(T))},
      {reinterpret_cast<std::uintptr_t>(base), &R, &bstrides, std::ptrdiff_t(sizeof(T))},
      {reinterpret_cast<std::uintptr_t>(offs), &R, &ostrides, std::ptrdiff_t(sizeof(std::int64_t))}};
  plan<3> p;
  make_plan(p, R, ops);
  gather_dispatch<U, std::bool_constant<Scatter>>::call(&p, nullptr);
}

/// Writes the flat C-order positions of the true elements of a bool array
/// (any strides) to out, which must hold count_nonzero + 1 elements.
inline void run_nonzero(const bool* data, const dims& shape, const dims& estrides,
                        std::int64_t* out) {
  if (shape_size(shape) == 0) return;
  operand_desc ops[1] = {{reinterpret_cast<std::uintptr_t>(data), &shape, &estrides, 1}};
  plan<1> p;
  make_plan(p, shape, ops);
  nonzero_dispatch<std::uint8_t>::call(&p, out);
}

}  // namespace numfuse::detail
