// numfuse/simd/dispatch.hpp -- compiles the kernels for every SIMD target
// Highway enables and picks one at run time, once per assignment.
//
// Highway 1.0.3 has no HWY_EXPORT_T, and HWY_EXPORT cannot name a template
// instantiation, so the dispatch table is a static data member of a class
// template: entry 0 detects the CPU on first use, then one entry per
// compiled target (see docs/architecture.md).
//
// Define NUMFUSE_STATIC_TARGET_ONLY to compile the baseline target only.
#pragma once

#include <cstdint>

#include "numfuse/config.hpp"

// Re-include the kernel headers once per target. A user's own
// HWY_TARGET_INCLUDE is saved and restored.
#pragma push_macro("HWY_TARGET_INCLUDE")
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "numfuse/simd/kernels-inl.h"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
#include "numfuse/simd/kernels-inl.h"
#pragma pop_macro("HWY_TARGET_INCLUDE")

namespace numfuse {
namespace detail {

using kernel_fn = void (*)(const void*, const void*);

#if (HWY_TARGETS & (HWY_TARGETS - 1)) == 0
inline constexpr bool single_target = true;
#else
inline constexpr bool single_target = false;
#endif

/// NUMFUSE_DISPATCH_TABLE(name, entry): struct name<Args...> whose call()
/// runs entry<Args...> for the best target this CPU supports (a static
/// table per instantiation; see highway-1.0.3 notes in docs/architecture.md).
#if (HWY_TARGETS & (HWY_TARGETS - 1)) == 0
#define NUMFUSE_DISPATCH_TABLE(NAME, ENTRY)                              \
  template <class... Args>                                               \
  struct NAME {                                                          \
    static HWY_INLINE void call(const void* plan, const void* node) {    \
      HWY_STATIC_DISPATCH(ENTRY<Args...>)(plan, node);                    \
    }                                                                    \
  };
#else
#define NUMFUSE_DISPATCH_TABLE(NAME, ENTRY)                              \
  template <class... Args>                                               \
  struct NAME {                                                          \
    static const kernel_fn table[HWY_MAX_DYNAMIC_TARGETS + 2];           \
    static void call(const void* plan, const void* node) {               \
      table[hwy::GetChosenTarget().GetIndex()](plan, node);              \
    }                                                                    \
  };                                                                     \
  template <class... Args>                                               \
  const kernel_fn NAME<Args...>::table[HWY_MAX_DYNAMIC_TARGETS + 2] = {  \
      &hwy::FunctionCache<void, const void*, const void*>::template      \
          ChooseAndCall<NAME<Args...>::table>,                           \
      HWY_CHOOSE_TARGET_LIST(ENTRY<Args...>),                            \
      HWY_CHOOSE_FALLBACK(ENTRY<Args...>),                               \
  };
#endif

NUMFUSE_DISPATCH_TABLE(assign_dispatch, assign_entry)
NUMFUSE_DISPATCH_TABLE(reduce_dispatch, reduce_entry)
NUMFUSE_DISPATCH_TABLE(argreduce_dispatch, argreduce_entry)
NUMFUSE_DISPATCH_TABLE(scan_dispatch, scan_entry)
NUMFUSE_DISPATCH_TABLE(var_rows_dispatch, var_rows_entry)

/// Runs the assignment kernel for output dtype Out and expression Node on
/// the best target this CPU supports.
template <class Out, class Node, class Plan>
inline void run_assign(const Plan& p, const Node& node) {
  assign_dispatch<Out, Node>::call(&p, &node);
}

/// Runs the reduction kernel (combining op Op, accumulator Acc) of a plan
/// whose operand 0 is the result, zero-strided along the reduced axes.
template <class Op, class Acc, class Node, class Plan>
inline void run_reduce(const Plan& p, const Node& node) {
  reduce_dispatch<Op, Acc, Node>::call(&p, &node);
}

}  // namespace detail
}  // namespace numfuse
