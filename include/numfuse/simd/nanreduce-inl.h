// numfuse/simd/nanreduce-inl.h -- what the reduction kernel
// (simd/reduce-inl.h) needs to run nanmax/nanmin as reductions with fmax/
// fmin (a NaN operand is ignored; identity NaN, so an all-NaN slice stays
// NaN): the scalar combining step, with vbinary<op::fmax>'s semantics.
// Explicit specialisations of combine_scalar, declared before any kernel
// is instantiated (this header is included by simd/kernels-inl.h).

#if defined(NUMFUSE_SIMD_NANREDUCE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_NANREDUCE_INL_H_
#undef NUMFUSE_SIMD_NANREDUCE_INL_H_
#else
#define NUMFUSE_SIMD_NANREDUCE_INL_H_
#endif

#include "hwy/highway.h"
#include "numfuse/expr/ops.hpp"
#include "numfuse/simd/reduce-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

// fmax(a, b): a if a > b or b is NaN, else b (ties: the second operand).
template <> HWY_INLINE float combine_scalar<op::fmax, float>(float a, float b) {
  return (a > b || b != b) ? a : b;
}
template <> HWY_INLINE double combine_scalar<op::fmax, double>(double a, double b) {
  return (a > b || b != b) ? a : b;
}
template <> HWY_INLINE float combine_scalar<op::fmin, float>(float a, float b) {
  return (a < b || b != b) ? a : b;
}
template <> HWY_INLINE double combine_scalar<op::fmin, double>(double a, double b) {
  return (a < b || b != b) ? a : b;
}

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
