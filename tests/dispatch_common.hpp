// tests/dispatch_common.hpp -- what the test_dispatch* files share: run a
// check under every SIMD target this CPU supports and that was compiled
// (hwy::SupportedAndGeneratedTargets), selecting each with
// hwy::SetSupportedTargetsForTest, and restore the normal choice after.
#pragma once

#include <doctest/doctest.h>
#include <hwy/targets.h>

#include <cstdint>
#include <string>

namespace dispatch_test {

inline void select_target(std::int64_t target) {
  hwy::SetSupportedTargetsForTest(target);
  hwy::GetChosenTarget().Update(hwy::SupportedTargets());
}

/// Restores the CPU's own target choice when it goes out of scope.
struct reset_targets {
  ~reset_targets() { select_target(0); }
};

/// Calls check() once per compiled and supported target, that target chosen.
template <class F>
void on_every_target(F&& check) {
  reset_targets reset;
  const auto targets = hwy::SupportedAndGeneratedTargets();
  CHECK(!targets.empty());
  for (const auto t : targets) {
    const std::string name = hwy::TargetName(t);  // INFO keeps a reference
    INFO("target " << name);
    select_target(t);
    check();
  }
}

}  // namespace dispatch_test
