// numfuse/eval/parallel.hpp -- how many threads an evaluation may use, and
// the one place that hands chunks of work to oneTBB.
//
// Public: set_num_threads / get_num_threads (NUMFUSE_NUM_THREADS in the
// environment gives the starting value), serial_scope (evaluate serially on
// this thread while it lives). The engine asks parallel_threads() whether a
// piece of work of a given cost may go parallel, and parallel_chunks() runs
// the chunks (eval/split.hpp decides what a chunk is).
//
// Nesting: chunks run with tbb::parallel_for in the caller's arena, so
// numfuse inside a user's tbb::task_arena uses at most that arena's
// concurrency, and numfuse inside the user's own parallel_for or std::thread
// work shares TBB's one pool of workers (no oversubscription, no deadlock:
// a waiting thread steals work instead of blocking). When the thread limit
// is below the arena's concurrency, the chunks run in a numfuse-owned arena
// of that size.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <mutex>
#include <string>

#include "numfuse/core/errors.hpp"

namespace numfuse {
namespace detail {

/// The thread count numfuse starts with: NUMFUSE_NUM_THREADS if set to a
/// positive integer, else oneTBB's default concurrency (the CPUs this
/// process may run on).
inline int default_num_threads() {
  if (const char* env = std::getenv("NUMFUSE_NUM_THREADS")) {
    char* end = nullptr;
    const long n = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && n > 0) return static_cast<int>(std::min(n, 1024L));
  }
  return std::max(1, tbb::info::default_concurrency());
}

inline std::atomic<int>& num_threads_setting() {
  static std::atomic<int> n{default_num_threads()};
  return n;
}

/// Evaluations on this thread that must stay serial (serial_scope depth).
inline int& serial_depth() {
  thread_local int depth = 0;
  return depth;
}

}  // namespace detail

/// The largest number of threads one evaluation may use.
inline int get_num_threads() { return detail::num_threads_setting().load(std::memory_order_relaxed); }

/// Sets the largest number of threads one evaluation may use (n >= 1; 0
/// restores the default) and returns the previous value, as numexpr's
/// set_num_threads does. Inside a tbb::task_arena, the arena's own limit
/// applies as well.
inline int set_num_threads(int n) {
  if (n < 0) {
    throw value_error("number of threads must be >= 0 (0 restores the default), got " +
                      std::to_string(n));
  }
  return detail::num_threads_setting().exchange(n == 0 ? detail::default_num_threads() : n);
}

/// While an object of this type lives, every evaluation started on this
/// thread runs serially (one expression: `{ np::serial_scope s; r = e; }`).
class serial_scope {
 public:
  serial_scope() noexcept { ++detail::serial_depth(); }
  ~serial_scope() { --detail::serial_depth(); }
  serial_scope(const serial_scope&) = delete;
  serial_scope& operator=(const serial_scope&) = delete;
};

namespace detail {

/// Cost units (about one vector add per element, eval/cost.hpp) below which
/// work always runs serially, and the least work worth one chunk. Measured
/// on a 2-core AVX-512 machine (docs/parallelism.md): waking a worker and
/// joining costs a few microseconds, so parallel evaluation pays off from
/// about 20 microseconds of serial work.
#ifndef NUMFUSE_PARALLEL_MIN_COST
#define NUMFUSE_PARALLEL_MIN_COST (1 << 18)
#endif
#ifndef NUMFUSE_PARALLEL_CHUNK_COST
#define NUMFUSE_PARALLEL_CHUNK_COST (1 << 16)
#endif
/// Chunks per thread at most (numexpr's ~16 tasks per thread balances load
/// when another process takes a core for a while).
inline constexpr int chunks_per_thread = 16;

/// The threads an evaluation of `cost` units may use: 1 when it is too
/// small, inside a serial_scope, or when the limit or the current arena
/// allows one thread.
inline int parallel_threads(double cost) {
  if (cost < double(NUMFUSE_PARALLEL_MIN_COST) || serial_depth() > 0) return 1;
  const int limit = get_num_threads();
  if (limit <= 1) return 1;
  return std::min(limit, tbb::this_task_arena::max_concurrency());
}

/// How many chunks to cut work of `cost` units into for `threads` threads.
inline std::ptrdiff_t chunk_count(double cost, int threads) {
  const double by_cost = cost / double(NUMFUSE_PARALLEL_CHUNK_COST);
  const double most = double(chunks_per_thread) * threads;
  return std::max<std::ptrdiff_t>(threads, static_cast<std::ptrdiff_t>(std::min(by_cost, most)));
}

/// A numfuse-owned arena of n threads (n below the current arena's
/// concurrency). Created on first use and kept for the process's life.
inline tbb::task_arena& limited_arena(int n) {
  static std::mutex m;
  static std::array<tbb::task_arena*, 256> arenas{};
  n = std::min<int>(n, int(arenas.size()) - 1);
  std::lock_guard<std::mutex> lock(m);
  if (!arenas[n]) arenas[n] = new tbb::task_arena(n);  // never destroyed: used until exit
  return *arenas[n];
}

/// Runs body(i) for every chunk index i in [0, chunks) on up to `threads`
/// threads. Each chunk is one task (simple_partitioner, grain 1), so the
/// caller decides chunk sizes; which thread runs a chunk never changes
/// what it computes.
template <class Body>
void parallel_chunks(std::ptrdiff_t chunks, int threads, const Body& body) {
  const auto run = [&] {
    tbb::parallel_for(
        tbb::blocked_range<std::ptrdiff_t>(0, chunks, 1),
        [&](const tbb::blocked_range<std::ptrdiff_t>& r) {
          for (std::ptrdiff_t i = r.begin(); i != r.end(); ++i) body(i);
        },
        tbb::simple_partitioner());
  };
  if (threads >= tbb::this_task_arena::max_concurrency()) {
    run();
  } else {
    limited_arena(threads).execute(run);
  }
}

}  // namespace detail
}  // namespace numfuse
