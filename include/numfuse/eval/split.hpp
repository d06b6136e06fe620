// numfuse/eval/split.hpp -- parallel evaluation of a plan: cut it into
// chunks along one dimension (each chunk is again a plan, so the same
// per-target kernels run it) and hand the chunks to oneTBB
// (eval/parallel.hpp). Work below the cost threshold runs serially.
//
// Assignments may cut any dimension. Reductions cut only dimensions along
// which the result moves (independent results); a reduction to a single
// value is cut into the kernel's fixed reduce_chunk pieces, whose results
// are folded in order -- so every result is bitwise the same at every
// thread count.
//
// Compile time: everything here is a template on the plan's operand count
// K only (and, for reductions, the combining op and accumulator). The
// expression reaches it as a kernel_call -- the dispatch function of its
// kernel and a pointer to the node -- so oneTBB's templates are
// instantiated a handful of times per translation unit, not once per
// expression.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "numfuse/config.hpp"
#include "numfuse/eval/pack.hpp"
#include "numfuse/eval/parallel.hpp"
#include "numfuse/eval/plan.hpp"
#include "numfuse/expr/node.hpp"
#include "numfuse/expr/reduce.hpp"
#include "numfuse/simd/dispatch.hpp"

namespace numfuse::detail {

/// A kernel and what it evaluates, type-erased: each chunk of a parallel
/// evaluation calls fn(&sub_plan, node) (fn one of simd/dispatch.hpp's
/// *_dispatch<...>::call).
struct kernel_call {
  kernel_fn fn;
  const void* node;
  template <int K>
  void operator()(const plan<K>& q) const {
    fn(&q, node);
  }
};

/// Elements a plan iterates over.
template <int K>
std::ptrdiff_t plan_size(const plan<K>& p) noexcept {
  std::ptrdiff_t n = 1;
  for (int d = 0; d < p.ndim; ++d) n *= p.shape[d];
  return n;
}

/// How a plan is cut: `chunks` pieces of dimension `dim`, each starting at
/// a multiple of `align` elements (a long innermost dimension is cut at
/// multiples of 16, whole cache lines of output).
struct plan_cut {
  int dim = -1;
  std::ptrdiff_t extent = 0;
  std::ptrdiff_t align = 1;
  std::ptrdiff_t chunks = 1;

  std::ptrdiff_t bound(std::ptrdiff_t i) const noexcept {
    if (i >= chunks) return extent;
    const std::ptrdiff_t b = static_cast<std::ptrdiff_t>(
        static_cast<long double>(extent) * static_cast<long double>(i) / chunks);
    return b - b % align;
  }
};

/// The plan restricted to [b, e) along dimension d.
template <int K>
plan<K> sub_plan(const plan<K>& p, int d, std::ptrdiff_t b, std::ptrdiff_t e) noexcept {
  plan<K> q = p;
  q.shape[d] = e - b;
  for (int k = 0; k < K; ++k) q.base[k] += static_cast<std::uintptr_t>(b * p.strides[k][d]);
  return q;
}

/// p with its innermost dimension cut into q pieces of len elements
/// (dimensions ..., q, len; every operand steps len elements from piece to
/// piece). The elements from q * len on are sub_plan(p, ndim - 1, q * len,
/// n). Callers point the result operands at their buffers of partials.
template <int K>
plan<K> pieces_plan(const plan<K>& p, std::ptrdiff_t q, std::ptrdiff_t len) noexcept {
  const int m = p.ndim;
  plan<K> a = p;
  a.ndim = m + 1;
  a.shape[m - 1] = q;
  a.shape[m] = len;
  for (int k = 0; k < K; ++k) {
    a.strides[k][m - 1] = p.strides[k][m - 1] * len;
    a.strides[k][m] = p.strides[k][m - 1];
  }
  return a;
}

/// Chooses where to cut plan p into about `wanted` chunks, among the
/// dimensions `allowed(d)` accepts: the outermost one long enough,
/// otherwise the longest. chunks < 2: not worth cutting.
template <int K, class Allowed>
plan_cut choose_cut(const plan<K>& p, std::ptrdiff_t wanted, Allowed allowed) {
  plan_cut c;
  for (int d = 0; d < p.ndim; ++d) {
    if (!allowed(d)) continue;
    const bool lines = d == p.ndim - 1 && p.shape[d] >= 16 * wanted;
    const std::ptrdiff_t align = lines ? 16 : 1;
    const std::ptrdiff_t pieces = p.shape[d] / align;
    if (c.dim < 0 || pieces > c.extent / c.align) c = {d, p.shape[d], align, 0};
    if (pieces >= wanted) break;
  }
  if (c.dim >= 0) c.chunks = std::min(wanted, c.extent / c.align);
  return c;
}

/// Tiles for plans that read an operand across its rows (`A.T + A`): the
/// kernel runs blocks of tile_rows x tile_cols elements, so that the cache
/// lines the transposed operand brings in for one output row are still in
/// L1 for the next ones (a cache-blocked transpose, through the engine).
inline constexpr std::ptrdiff_t tile_rows = 16;
inline constexpr std::ptrdiff_t tile_cols = 256;

/// A two-dimensional plan with an operand that steps through memory faster
/// along the outer dimension than along the inner one (and by more than a
/// cache line along the inner one).
template <int K>
bool wants_tiles(const plan<K>& p) noexcept {
  if (p.ndim != 2 || p.shape[0] < 2 * tile_rows || p.shape[1] < 2 * tile_cols) return false;
  for (int k = 0; k < K; ++k) {
    const std::ptrdiff_t outer = p.strides[k][0] < 0 ? -p.strides[k][0] : p.strides[k][0];
    const std::ptrdiff_t inner = p.strides[k][1] < 0 ? -p.strides[k][1] : p.strides[k][1];
    if (inner > 64 && outer != 0 && outer < inner) return true;
  }
  return false;
}

/// A cut of the innermost dimension of a plan with outer dimensions (the
/// columns of `sum(A, axis=0)`) gives each chunk a band of columns to read
/// down every row. Narrow bands are short streams the hardware prefetcher
/// keeps restarting: bands of at least band_min_bytes of every operand (but
/// one per thread at least), and a chunk count that is a multiple of the
/// thread count (a band is too long to balance by stealing). Measured,
/// R2.axis0 (4000 x 4000 doubles, 2 threads): 32 bands of 125 columns
/// 5.8 ms, 6 bands of 666 columns 4.3 ms.
inline constexpr std::ptrdiff_t band_min_bytes = 4096;

template <int K>
void narrow_bands(const plan<K>& p, plan_cut& c, int threads) noexcept {
  std::ptrdiff_t step = 1;  // the widest inner step of any operand, in bytes
  for (int k = 0; k < K; ++k) {
    const std::ptrdiff_t s = p.strides[k][c.dim] < 0 ? -p.strides[k][c.dim] : p.strides[k][c.dim];
    step = std::max(step, s);
  }
  const std::ptrdiff_t band = std::max<std::ptrdiff_t>(1, band_min_bytes / step);
  std::ptrdiff_t chunks = std::min(c.chunks, c.extent / band);
  if (chunks > threads) chunks -= chunks % threads;
  // Narrower bands on every thread still beat one thread.
  c.chunks = std::max(chunks, std::min<std::ptrdiff_t>(c.chunks, threads));
}

/// Runs rows [r0, r1) of a tiled plan, tile by tile. The leaves it reads
/// across their rows are buffered one tile at a time (eval/pack.hpp).
template <int K>
void run_assign_tiles(const plan<K>& p, kernel_call run, std::ptrdiff_t r0, std::ptrdiff_t r1) {
  const tile_buffers<K> buffers(p, tile_rows, tile_cols);
  for (std::ptrdiff_t r = r0; r < r1; r += tile_rows) {
    const plan<K> band = sub_plan(p, 0, r, std::min(r + tile_rows, r1));
    for (std::ptrdiff_t c = 0; c < p.shape[1]; c += tile_cols) {
      plan<K> tile = sub_plan(band, 1, c, std::min(c + tile_cols, p.shape[1]));
      buffers.pack(tile);
      run(tile);
    }
  }
}

/// Runs the assignment plan p (elem_cost units per element) on up to the
/// threads its cost allows (eval/parallel.hpp), cut along any dimension in
/// which the output moves (a zero-stride output dimension writes one
/// element repeatedly).
template <int K>
void run_assign_plan(const plan<K>& p, kernel_call run, double elem_cost) {
  const double cost = double(plan_size(p)) * elem_cost;
  const int threads = parallel_threads(cost);
  if (wants_tiles(p)) {  // bands of tile_rows rows, each thread a run of bands
    const std::ptrdiff_t bands = (p.shape[0] + tile_rows - 1) / tile_rows;
    const std::ptrdiff_t chunks = threads > 1 ? std::min(bands, chunk_count(cost, threads)) : 1;
    const auto row = [&](std::ptrdiff_t i) { return std::min(p.shape[0], bands * i / chunks * tile_rows); };
    if (chunks > 1 && p.strides[0][0] != 0) {
      parallel_chunks(chunks, threads, [&](std::ptrdiff_t i) {
        run_assign_tiles(p, run, row(i), row(i + 1));
      });
    } else {
      run_assign_tiles(p, run, 0, p.shape[0]);
    }
    return;
  }
  if (threads > 1) {
    const plan_cut c = choose_cut(p, chunk_count(cost, threads),
                                  [&](int d) { return p.strides[0][d] != 0; });
    if (c.chunks > 1) {
      parallel_chunks(c.chunks, threads, [&](std::ptrdiff_t i) {
        run(sub_plan(p, c.dim, c.bound(i), c.bound(i + 1)));
      });
      return;
    }
  }
  run(p);
}

/// run_assign_plan() for the assignment kernel of (Out, Node).
template <class Out, class Node, int K>
void run_assign_parallel(const plan<K>& p, const Node& node) {
  run_assign_plan(p, kernel_call{&assign_dispatch<Out, Node>::call, &node},
                  double(expr::cost_v<Node> + 1));
}

/// Runs run(q) on sub-plans q of p on `threads` threads, p cut along a
/// dimension in which operand 0 (the result) moves, so that each result
/// element is computed by one call, as serially; false (nothing run) if p
/// has no such dimension to cut.
template <int K>
bool cut_by_results(const plan<K>& p, double cost, int threads, kernel_call run) {
  plan_cut c = choose_cut(p, chunk_count(cost, threads),
                          [&](int d) { return p.strides[0][d] != 0; });
  if (c.dim >= 0 && c.dim == p.ndim - 1 && p.ndim > 1) narrow_bands(p, c, threads);
  if (c.chunks < 2) return false;
  parallel_chunks(c.chunks, threads, [&](std::ptrdiff_t i) {
    run(sub_plan(p, c.dim, c.bound(i), c.bound(i + 1)));
  });
  return true;
}

/// Runs a reduction-like plan p (operand 0 the result, stride 0 along the
/// reduced dimensions) whose kernel is run(plan): in parallel over result
/// elements when the work (elem_cost per element) is large enough, else
/// serially. Used by kernels that have no fixed-piece fold (argmax, the
/// one-pass var rows); results do not depend on the thread count.
template <int K>
void run_by_results(const plan<K>& p, double elem_cost, kernel_call run) {
  const double cost = double(plan_size(p)) * elem_cost;
  const int threads = parallel_threads(cost);
  if (threads > 1 && cut_by_results(p, cost, threads, run)) return;
  run(p);
}

/// A reduction of a plan to one value (the result's strides all 0): each
/// row is cut at multiples of reduce_chunk, as the kernel cuts it; the
/// pieces reduce in parallel into a buffer of partial results, which are
/// then folded into the result in row-major order -- the kernel's own
/// order, so the value is the serial one bit for bit.
template <class Op, class Acc, int K>
bool reduce_by_pieces(const plan<K>& p, kernel_call run, double cost, int threads) {
  const int m = p.ndim;
  if (m + 1 > maxdims) return false;
  using S = std::conditional_t<std::is_same_v<Acc, bool>, bool, Acc>;
  constexpr std::ptrdiff_t C = expr::reduce_chunk;
  const std::ptrdiff_t n = p.shape[m - 1];
  const std::ptrdiff_t q = n / C, rem = n % C;
  const std::ptrdiff_t per_row = q + (rem != 0);
  std::ptrdiff_t rows = 1;
  for (int d = 0; d + 1 < m; ++d) rows *= p.shape[d];
  const std::ptrdiff_t count = rows * per_row;
  if (count < 2) return false;
  auto part = std::make_unique<S[]>(static_cast<std::size_t>(count));
  std::fill_n(part.get(), count, expr::reduce_identity<Op, Acc>());
  const auto at = [&](std::ptrdiff_t i) { return reinterpret_cast<std::uintptr_t>(part.get() + i); };
  // Result strides of the outer dimensions: one row of partials per row.
  std::ptrdiff_t rstride[maxdims];
  std::ptrdiff_t s = per_row * std::ptrdiff_t(sizeof(S));
  for (int d = m - 2; d >= 0; --d) {
    rstride[d] = s;
    s *= p.shape[d];
  }
  if (q > 0) {  // full pieces: dimensions (outer..., q, C)
    plan<K> a = pieces_plan(p, q, C);
    for (int d = 0; d + 1 < m; ++d) a.strides[0][d] = rstride[d];
    a.strides[0][m - 1] = std::ptrdiff_t(sizeof(S));
    a.strides[0][m] = 0;
    a.base[0] = at(0);
    if (!cut_by_results(a, cost, threads, run)) run(a);
  }
  if (rem > 0) {  // the last, shorter piece of each row: (outer..., rem)
    plan<K> b = sub_plan(p, m - 1, q * C, n);
    for (int d = 0; d + 1 < m; ++d) b.strides[0][d] = rstride[d];
    b.strides[0][m - 1] = 0;
    b.base[0] = at(q);
    const double bcost = cost * double(rem) / double(n);
    const int bthreads = parallel_threads(bcost);
    if (bthreads < 2 || !cut_by_results(b, bcost, bthreads, run)) run(b);
  }
  S* out = reinterpret_cast<S*>(p.base[0]);
  S total = *out;
  for (std::ptrdiff_t i = 0; i < count; ++i) total = expr::combine_scalar<Op>(total, part[i]);
  *out = total;
  return true;
}

/// Runs the reduction plan p (operand 0 the result, stride 0 along the
/// reduced dimensions) on up to the threads its cost allows. Every result
/// is the same bit for bit whatever the thread count.
/// Reductions pay for threads later than assignments: their input is often
/// hot in the calling core's cache, and pieces are folded serially. Measured
/// (bench_parallel P3): sum of 131072 doubles was slower on 2 threads (0.88x)
/// at the assignment threshold, 2x faster from 262144 on.
inline constexpr double reduce_cost_scale = 0.5;

template <class Op, class Acc, int K>
void run_reduce_plan(const plan<K>& p, kernel_call run, double elem_cost) {
  const double cost = double(plan_size(p)) * elem_cost * reduce_cost_scale;
  const int threads = parallel_threads(cost);
  if (threads > 1) {
    if (cut_by_results(p, cost, threads, run)) return;
    bool single = true;
    for (int d = 0; d < p.ndim; ++d) single = single && p.strides[0][d] == 0;
    // (a float product is one sequential chain, as NumPy's: not cut)
    if constexpr (!expr::sequential_reduce_v<Op, Acc>) {
      if (single && reduce_by_pieces<Op, Acc>(p, run, cost, threads)) return;
    }
  }
  run(p);
}

/// run_reduce_plan() for the reduction kernel of (Op, Acc, Node).
template <class Op, class Acc, class Node, int K>
void run_reduce_parallel(const plan<K>& p, const Node& node) {
  run_reduce_plan<Op, Acc>(p, kernel_call{&reduce_dispatch<Op, Acc, Node>::call, &node},
                           double(expr::cost_v<Node> + 1));
}

}  // namespace numfuse::detail
