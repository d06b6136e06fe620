// numfuse/config.hpp -- build-time knobs, each with a documented default.
#pragma once

#include <cstddef>

/// Maximum number of dimensions an array may have (NumPy 1.x: 32).
#ifndef NUMFUSE_MAXDIMS
#define NUMFUSE_MAXDIMS 32
#endif

/// Define NUMFUSE_STATIC_TARGET_ONLY to compile kernels for the compiler's
/// baseline target only (no runtime dispatch; smaller and faster builds).
/// Equivalent to Highway's HWY_COMPILE_ONLY_STATIC.
#if defined(NUMFUSE_STATIC_TARGET_ONLY) && !defined(HWY_COMPILE_ONLY_STATIC)
#define HWY_COMPILE_ONLY_STATIC 1
#endif

/// Targets numfuse does not compile kernels for, unless the user sets
/// HWY_DISABLED_TARGETS. SSSE3-only CPUs (pre-2008) run the scalar
/// fallback; skipping the target cuts compile time by about a fifth.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS HWY_SSSE3
#endif

/// Highway 1.0.3 refuses -march=native on AVX-512 CPUs with VBMI2/FP16
/// ("Logic error" in detect_targets.h) unless AVX3_DL is wanted; numfuse
/// turns it on so that -march=native user builds work.
#if defined(__AVX512VBMI2__) && !defined(HWY_WANT_AVX3_DL)
#define HWY_WANT_AVX3_DL 1
#endif

namespace numfuse {
inline constexpr int maxdims = NUMFUSE_MAXDIMS;
}  // namespace numfuse
