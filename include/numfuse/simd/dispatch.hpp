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

/// The dispatch table of assign_entry<Out, Node>.
template <class... Args>
struct assign_dispatch {
#if (HWY_TARGETS & (HWY_TARGETS - 1)) != 0
  static const kernel_fn table[HWY_MAX_DYNAMIC_TARGETS + 2];
#endif
  static void call(const void* plan, const void* node) {
#if (HWY_TARGETS & (HWY_TARGETS - 1)) == 0
    HWY_STATIC_DISPATCH(assign_entry<Args...>)(plan, node);
#else
    table[hwy::GetChosenTarget().GetIndex()](plan, node);
#endif
  }
};

#if (HWY_TARGETS & (HWY_TARGETS - 1)) != 0
template <class... Args>
const kernel_fn assign_dispatch<Args...>::table[HWY_MAX_DYNAMIC_TARGETS + 2] = {
    &hwy::FunctionCache<void, const void*, const void*>::template ChooseAndCall<
        assign_dispatch<Args...>::table>,
    HWY_CHOOSE_TARGET_LIST(assign_entry<Args...>),
    HWY_CHOOSE_FALLBACK(assign_entry<Args...>),
};
#endif

/// Runs the assignment kernel for output dtype Out and expression Node on
/// the best target this CPU supports.
template <class Out, class Node, class Plan>
inline void run_assign(const Plan& p, const Node& node) {
  assign_dispatch<Out, Node>::call(&p, &node);
}

}  // namespace detail
}  // namespace numfuse
