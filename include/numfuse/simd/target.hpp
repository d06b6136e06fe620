// numfuse/simd/target.hpp -- which SIMD target the kernels run on.
#pragma once

#include <string>

#include "numfuse/simd/dispatch.hpp"

namespace numfuse {

HWY_EXPORT(target_entry);

/// Name of the SIMD target chosen for this CPU, e.g. "AVX3", "AVX2", "SSE4".
inline std::string simd_target() {
  return hwy::TargetName(HWY_DYNAMIC_DISPATCH(target_entry)());
}

}  // namespace numfuse
