// numfuse/simd/kernels-inl.h -- the per-target assignment kernel: runs a
// plan's outer loops and, for each row, the SIMD inner loop that evaluates
// the expression tree and stores into the output. One call per assignment:
// dispatch happens once, outside (simd/dispatch.hpp).

#if defined(NUMFUSE_SIMD_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_KERNELS_INL_H_
#undef NUMFUSE_SIMD_KERNELS_INL_H_
#else
#define NUMFUSE_SIMD_KERNELS_INL_H_
#endif

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/eval/plan.hpp"
#include "numfuse/expr/node.hpp"
#include "numfuse/simd/evaluator-inl.h"
#include "numfuse/simd/tail-inl.h"
#include "numfuse/simd/reduce-inl.h"
#include "numfuse/simd/argreduce-inl.h"
#include "numfuse/simd/scan-inl.h"
#include "numfuse/simd/var-inl.h"
#include "numfuse/simd/gather-inl.h"
#include "numfuse/simd/interleave-inl.h"
#include "numfuse/simd/pack-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

/// Expressions whose work per element (expr::cost_v) exceeds this are
/// compute-bound: their rows are not unrolled and one copy of the
/// contiguous row serves every caller (compile time: a transcendental
/// expression was inlined a dozen times per target).
inline constexpr int unroll_max_cost = 16;

template <class Out, class Node>
struct assign_kernel {
  static constexpr int K = 1 + expr::leaf_count_v<Node>;
  static constexpr int W = std::max(int(sizeof(Out)), expr::widest_v<Node>);
  static constexpr bool cheap = expr::cost_v<Node> <= unroll_max_cost;
  using wide_t = typename detail::uint_of_size<W>::type;
  using S = lane_t<Out>;

  template <class E, class D>
  static HWY_INLINE hn::Vec<hn::Rebind<S, D>> value(const E& ev, D, std::size_t i) {
    const hn::Rebind<S, D> ds;
    if constexpr (std::is_same_v<Out, bool>) {
      return hn::IfThenElseZero(ev.get_mask(ds, i), hn::Set(ds, S(1)));
    } else {
      return ev.get(ds, i);
    }
  }

  /// m < N elements of a row from element i on (a row shorter than a
  /// vector, or an expensive expression's remainder), evaluated at full
  /// width on padded copies (simd/tail-inl.h). st == nullptr: every operand
  /// is unit-stride. One instantiation per node (the general evaluator: a
  /// padded copy may be a splat).
  static HWY_NOINLINE void tail(const Node& node, const std::uintptr_t* ptrs,
                                const std::ptrdiff_t* st, std::size_t i, std::size_t m) {
    const hn::ScalableTag<wide_t> dw;
    const hn::Rebind<S, decltype(dw)> dsw;
    evaluator<Node, 1, row_access::any> ev(node);
    padded_row<K> pr;
    pr.begin(dw, ev, node, ptrs, st, i, m);
    const std::ptrdiff_t ostride = st ? st[0] / std::ptrdiff_t(sizeof(S)) : 1;
    store_lanes(value(ev, dw, 0), dsw, reinterpret_cast<S*>(ptrs[0]), ostride, i, 0, m);
  }

  /// Stores one vector at element i of a row (ostride 1, or a scatter
  /// through a buffer: store_lanes).
  template <bool Contig, class V, class D>
  static HWY_INLINE void store(V v, D dsw, S* out, std::ptrdiff_t ostride, std::size_t i) {
    if (Contig || ostride == 1) {
      hn::StoreU(v, dsw, out + i);
    } else {
      store_lanes(v, dsw, out, ostride, i, 0, lanes_v<D>);
    }
  }

  /// Stores lanes [a, b) of v, the vector of elements j.. of a row, to
  /// those elements only: the others are not touched (another thread may
  /// be writing them, or they were already written). AVX-512 has a masked
  /// store (AVX2 for 32- and 64-bit lanes: masked_mem_v); elsewhere the
  /// lanes go through a buffer.
  template <class V, class D>
  static HWY_INLINE void store_lanes(V v, D dsw, S* out, std::ptrdiff_t ostride, std::size_t j,
                                     std::size_t a, std::size_t b) {
    if constexpr (masked_mem_v<S>) {
      if (ostride == 1) {
        hn::BlendedStore(v, hn::AndNot(hn::FirstN(dsw, a), hn::FirstN(dsw, b)), dsw, out + j);
        return;
      }
    }
    alignas(HWY_MAX_BYTES) S buf[lanes_v<D>];
    hn::Store(v, dsw, buf);
    for (std::size_t l = a; l < b; ++l) out[std::ptrdiff_t(j + l) * ostride] = buf[l];
  }

  /// Rows at least this many vectors long whose output is unit-stride but
  /// not vector-aligned start with a partial vector, so that every other
  /// store is aligned (a store that straddles two cache lines costs two:
  /// E1 on 1000 float64 in L1 took 1.5x as long with the output 8 bytes off
  /// alignment). Shorter rows are not worth the extra vector.
  static constexpr std::size_t align_min_vectors = 4;

  /// One row of n elements (the evaluator's row is set); returns how many
  /// elements were written: all of them, unless the expression is
  /// expensive (the remainder, fewer than a vector, is left to tail()) or
  /// the row is shorter than a vector. Each value() is one inlined copy of
  /// the expression. Cheap ones are unrolled by two, and a row of at least
  /// one vector ends with the vector of its last N elements, of which only
  /// the lanes not yet written are stored: the others are recomputed from
  /// the same inputs (lanes are independent, and a leaf that is the output
  /// itself was read before it was written). Expensive ones are not
  /// unrolled (they are compute-bound; the copies would only cost compile
  /// time) but prefetch their unit-stride operands and output.
  template <bool Contig, class E>
  static HWY_INLINE std::size_t row(const E& ev, S* out, std::ptrdiff_t ostride, std::size_t n) {
    const hn::ScalableTag<wide_t> dw;
    const hn::Rebind<S, decltype(dw)> dsw;
    const std::size_t N = hn::Lanes(dw);
    std::size_t i = 0;
    if constexpr (cheap) {
      if (n < N) return 0;
      if constexpr (Contig) {
        constexpr std::uintptr_t vbytes = lanes_v<decltype(dsw)> * sizeof(S);
        const auto addr = reinterpret_cast<std::uintptr_t>(out);
        const std::uintptr_t off = addr & (vbytes - 1);
        if (off != 0 && off % sizeof(S) == 0 && n >= align_min_vectors * N) {
          i = (vbytes - off) / sizeof(S);
          store_lanes(value(ev, dw, 0), dsw, out, 1, 0, 0, i);
        }
      }
      // Each vector stored before the next one is read: the memory
      // streams advance in the order a plain loop's do (reading both
      // vectors first was 5% slower on 16M-element E1).
      for (; i + 2 * N <= n; i += 2 * N) {
        store<Contig>(value(ev, dw, i), dsw, out, ostride, i);
        store<Contig>(value(ev, dw, i + N), dsw, out, ostride, i + N);
      }
      while (i < n) {  // fewer than 2N left: a whole vector, then the last N
        const std::size_t j = std::min(i, n - N);
        const auto v = value(ev, dw, j);
        if (j == i) {
          store<Contig>(v, dsw, out, ostride, i);
        } else {
          store_lanes(v, dsw, out, ostride, j, i - j, N);
        }
        i = j + N;
      }
    } else {
      for (; i + N <= n; i += N) {
        if constexpr (Contig) {  // compute-bound: fetch ahead (evaluator-inl.h)
          ev.prefetch(i);
          hwy::Prefetch(reinterpret_cast<const S*>(reinterpret_cast<std::uintptr_t>(out + i) +
                                                   prefetch_ahead));
        }
        store<Contig>(value(ev, dw, i), dsw, out, ostride, i);
      }
    }
    return i;
  }

  /// Unit "strides" for the contiguous evaluators (array leaves ignore
  /// them; an iota leaf steps its index by 1).
  static constexpr std::array<std::ptrdiff_t, K> unit_steps() {
    std::array<std::ptrdiff_t, K> a{};
    for (auto& x : a) x = 1;
    return a;
  }

  /// One contiguous row of n elements: every same-shape contiguous
  /// assignment (assign()'s fast path sets only the plan's base and shape).
  /// Kept small: it is most of the cost of assigning a tiny array.
  static HWY_INLINE void one_row_inline(const std::uintptr_t* base, std::size_t n,
                                        const Node& node) {
    static constexpr std::array<std::ptrdiff_t, K> unit = unit_steps();
    evaluator<Node, 1, row_access::unit> ev(node);
    ev.begin_row(base, unit.data());
    const std::size_t done = row<true>(ev, reinterpret_cast<S*>(base[0]), 1, n);
    if (HWY_UNLIKELY(done < n)) tail(node, base, nullptr, done, n - done);
  }
  static HWY_NOINLINE void one_row_call(const std::uintptr_t* base, std::size_t n,
                                        const Node& node) {
    one_row_inline(base, n, node);
  }
  /// Inlined where the expression is cheap (the per-call cost matters),
  /// one out-of-line copy otherwise.
  static HWY_INLINE void one_row(const std::uintptr_t* base, std::size_t n, const Node& node) {
    if constexpr (cheap) {
      one_row_inline(base, n, node);
    } else {
      one_row_call(base, n, node);
    }
  }

  /// Every row of a plan whose inner loop is unit-stride for all operands.
  static HWY_NOINLINE void contiguous_rows(const detail::plan<K>& p, const Node& node) {
    const std::size_t n = static_cast<std::size_t>(p.inner_size());
    std::uintptr_t ptrs[K];
    for (int k = 0; k < K; ++k) ptrs[k] = p.base[k];
    std::ptrdiff_t idx[maxdims] = {};
    do {
      one_row(ptrs, n, node);
    } while (detail::next_row(p, ptrs, idx));
  }

  /// Every row of any other plan: evaluator Acc (row_access), the output
  /// unit-stride when Contig.
  template <row_access Acc, bool Contig>
  static void rows(const detail::plan<K>& p, const Node& node) {
    evaluator<Node, 1, Acc> ev(node);
    const std::size_t n = static_cast<std::size_t>(p.inner_size());
    std::ptrdiff_t st[K];
    std::uintptr_t ptrs[K];
    for (int k = 0; k < K; ++k) {
      st[k] = p.inner_stride(k);
      ptrs[k] = p.base[k];
    }
    const std::ptrdiff_t ostride = st[0] / std::ptrdiff_t(sizeof(S));
    std::ptrdiff_t idx[maxdims] = {};
    do {
      ev.begin_row(ptrs, st);
      const std::size_t done = row<Contig>(ev, reinterpret_cast<S*>(ptrs[0]), ostride, n);
      if (done < n) tail(node, ptrs, st, done, n - done);
    } while (detail::next_row(p, ptrs, idx));
  }

  /// Plans with a broadcast (stride-0) leaf beside unit-stride ones, the
  /// outer product x[:, None] * y[None, :] or A + c[:, None]: branch-free
  /// loads. Cheap expressions only: the row is one more instantiation of
  /// the expression, and checking each leaf's mode per vector costs little
  /// beside an expensive one (B2 paid 5% over a hand-written loop for the
  /// checks).
  static HWY_NOINLINE void strided_rows(const detail::plan<K>& p, const Node& node) {
    if constexpr (cheap) {
      if (p.unit_or_splat()) return rows<row_access::unit_or_splat, true>(p, node);
    }
    rows<row_access::any, false>(p, node);
  }

  static HWY_INLINE void run(const void* plan, const void* node) {
    const auto& p = *static_cast<const detail::plan<K>*>(plan);
    const auto& n = *static_cast<const Node*>(node);
    if (p.contiguous && p.ndim == 1) {
      one_row(p.base, static_cast<std::size_t>(p.shape[0]), n);
    } else if (p.contiguous) {
      contiguous_rows(p, n);
    } else {
      strided_rows(p, n);
    }
  }
};

/// Dispatch entry points (function templates, so that a table can name
/// one instantiation per target). The assignment's is inlined where it is
/// called directly (a build with one target: HWY_STATIC_DISPATCH), so that
/// a small assignment makes no call; a dispatch table still gets a copy.
template <class Out, class Node>
HWY_INLINE void assign_entry(const void* plan, const void* node) {
  assign_kernel<Out, Node>::run(plan, node);
}

inline std::int64_t target_entry() { return HWY_TARGET; }

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
