// numfuse/eval/interleave.hpp -- the engine entry of joins whose parts
// interleave element by element (stack(..., axis=-1), column_stack of 1-d
// arrays): the plan and dispatch table of the kernel in
// simd/interleave-inl.h. views/join.hpp decides when it applies.
#pragma once

#include <cstdint>
#include <type_traits>

#include "numfuse/core/dtype.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/plan.hpp"
#include "numfuse/simd/dispatch.hpp"

namespace numfuse::detail {

NUMFUSE_DISPATCH_TABLE(interleave_dispatch, interleave_entry)

/// For every position r of shape R: out[r] + k = in[k][r], k < P. `ostrides`
/// are the element strides over R of the result's first element at each
/// position; in[k] / istrides[k] the parts (any strides, same dtype). The
/// P elements after out[r] must not be another position's (the caller's
/// result layout guarantees it).
template <int P, class T>
void run_interleave(T* out, const dims& R, const dims& ostrides, const T* const* in,
                    const dims* const* istrides) {
  static_assert(2 <= P && P <= 4, "interleave of 2 to 4 parts");
  if (shape_size(R) == 0) return;
  using U = typename uint_of_size<int(sizeof(T))>::type;
  operand_desc ops[1 + P];
  ops[0] = {reinterpret_cast<std::uintptr_t>(out), &R, &ostrides, std::ptrdiff_t(sizeof(T))};
  for (int k = 0; k < P; ++k) {
    ops[1 + k] = {reinterpret_cast<std::uintptr_t>(in[k]), &R, istrides[k],
                  std::ptrdiff_t(sizeof(T))};
  }
  plan<1 + P> p;
  make_plan(p, R, ops);
  interleave_dispatch<U, std::integral_constant<int, P>>::call(&p, nullptr);
}

}  // namespace numfuse::detail
