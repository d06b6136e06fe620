// numfuse_side.hpp -- numfuse's thread control for the benchmark binaries.
//
// numfuse's thread count is numfuse::set_num_threads(n) (header
// numfuse/eval/parallel.hpp, included by numfuse/numfuse.hpp). Until that
// header exists in the tree being built, only the 1-thread numfuse side is
// registered (numfuse is then serial) and numfuse_t2 columns stay empty.
#pragma once

#include <numfuse/numfuse.hpp>

#include <vector>

#if __has_include(<numfuse/eval/parallel.hpp>)
#include <numfuse/eval/parallel.hpp>
#define NUMFUSE_BENCH_HAVE_THREADS 1
#else
#define NUMFUSE_BENCH_HAVE_THREADS 0
#endif

namespace bench {

/// Thread counts timed for numfuse: {1, 2}, or {1} without the parallel API.
inline std::vector<int> numfuse_thread_counts() {
  if (NUMFUSE_BENCH_HAVE_THREADS) return {1, 2};
  return {1};
}

/// Sets numfuse's thread count for the next timed loop.
inline void numfuse_threads([[maybe_unused]] int nt) {
#if NUMFUSE_BENCH_HAVE_THREADS
  numfuse::set_num_threads(nt);
#endif
}

inline const char* numfuse_side(int nt) { return nt > 1 ? "numfuse_t2" : "numfuse"; }

}  // namespace bench
