// numfuse/core/memory.hpp -- large arrays on transparent huge pages, as
// NumPy's: from 4 MiB on, ndarray storage is advised (madvise
// MADV_HUGEPAGE) so that Linux backs it with 2 MiB pages when its policy
// is "madvise" (the default of many distributions). A new 64 MB array
// then takes 32 page faults instead of 16384: on the benchmark machine,
// allocating and filling one took 16.5 ms instead of 36.7 ms.
//
// NUMFUSE_MADVISE_HUGEPAGE=0 in the environment turns it off (read once,
// like NumPy's NUMPY_MADVISE_HUGEPAGE). Elsewhere than Linux it does
// nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace numfuse::detail {

/// Allocations from this size on are advised (NumPy's threshold).
inline constexpr std::size_t hugepage_threshold = std::size_t(1) << 22;

/// False when the environment variable NUMFUSE_MADVISE_HUGEPAGE is "0".
inline bool madvise_hugepage_enabled() noexcept {
  static const bool on = [] {
    const char* e = std::getenv("NUMFUSE_MADVISE_HUGEPAGE");
    return !(e != nullptr && e[0] == '0' && e[1] == '\0');
  }();
  return on;
}

/// Advises the whole pages inside [p, p + bytes) onto huge pages when
/// bytes >= hugepage_threshold. A hint: a refusal is ignored.
inline void advise_hugepages(void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes < hugepage_threshold || !madvise_hugepage_enabled()) return;
  static const std::uintptr_t page = [] {
    const long s = sysconf(_SC_PAGESIZE);
    return std::uintptr_t(s > 0 ? s : 4096);
  }();
  const auto b = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t first = (b + page - 1) & ~(page - 1);
  const std::uintptr_t end = (b + bytes) & ~(page - 1);
  if (end > first) madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

}  // namespace numfuse::detail
