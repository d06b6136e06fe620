// numfuse/simd/reduce-inl.h -- the per-target reduction kernel. It runs the
// same plans as the assignment kernel (eval/plan.hpp); operand 0, the
// result, has stride 0 along the reduced axes. For each row of the plan:
//   - result stride 0 (the row is reduced, e.g. sum(A, 1)): a horizontal
//     reduction into one result element. Float sums are NumPy's pairwise
//     summation, bit for bit (blocks of 128 with 8 accumulators, rows split
//     into 8192-element chunks added left to right); float products are
//     NumPy's too, sequential from the first element to the last;
//   - otherwise (e.g. sum(A, 0)): the row is combined elementwise into the
//     result row, SIMD over the result.
// Values come from the operand's evaluator in the accumulator dtype, so
// sum(a * b) and max(abs(a - b)) read their inputs once, with no temporary.

#if defined(NUMFUSE_SIMD_REDUCE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_REDUCE_INL_H_
#undef NUMFUSE_SIMD_REDUCE_INL_H_
#else
#define NUMFUSE_SIMD_REDUCE_INL_H_
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/eval/plan.hpp"
#include "numfuse/expr/node.hpp"
#include "numfuse/simd/evaluator-inl.h"
#include "numfuse/simd/ops-inl.h"
#include "numfuse/simd/tail-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

using expr::combine_scalar;

template <class Op, class Acc, class Node>
struct reduce_kernel {
  static constexpr int K = 1 + expr::leaf_count_v<Node>;
  using S = lane_t<Acc>;
  // 8 lanes, or as many as one vector of the node's widest type holds
  // (any(f64 array) reduces bool lanes loaded from doubles: on AVX2 that is
  // 4 lanes, as a Rebind of 8 bytes to 8 doubles does not exist).
  static constexpr int W = std::max(int(sizeof(S)), expr::widest_v<Node>);
  using wide_t = typename detail::uint_of_size<W>::type;
  using D = hn::CappedTag<S, std::min<std::size_t>(8, HWY_LANES(wide_t))>;
  static constexpr std::size_t L = lanes_v<D>;
  static constexpr std::size_t V = 8 / L;  // vectors per block of 8
  static constexpr bool pairwise = std::is_floating_point_v<Acc> && std::is_same_v<Op, op::add>;
  static constexpr bool sequential = expr::sequential_reduce_v<Op, Acc>;

  /// The row being reduced: operand pointers and byte steps, its length.
  struct row_ctx {
    const Node* node;
    const std::uintptr_t* ptrs;
    const std::ptrdiff_t* st;
    std::size_t n;
  };

  template <class E>
  static HWY_INLINE hn::Vec<D> get(const E& ev, std::size_t i) {
    return ev.get(D(), i);
  }

  /// Values of elements i..i+m-1 (m <= 8) into v; the evaluator's row is
  /// left as it was.
  template <class E>
  static HWY_NOINLINE void values(E& ev, const row_ctx& r, std::size_t i, std::size_t m, S* v) {
    if (i + 8 <= r.n) {  // a full block is there to read
      for (std::size_t k = 0; k < V; ++k) hn::StoreU(get(ev, i + k * L), D(), v + k * L);
      return;
    }
    for (std::size_t j = 0; j < m; j += L) {
      padded_row<K> pr;
      pr.begin(D(), ev, *r.node, r.ptrs, r.st, i + j, std::min(L, m - j));
      hn::StoreU(get(ev, 0), D(), v + j);
    }
    ev.begin_row(r.ptrs, r.st);
  }

  /// Rows shorter than a chunk (and a row's last, partial chunk) are read
  /// as P streams in lockstep: P independent accumulator chains hide the
  /// add latency, and the per-leaf work of an irregular tree is shared.
  /// SSE4 keeps 2 streams (4 vectors of 2 doubles per block of 8 each).
  /// Whole chunks take chunk_sum, one stream.
  static constexpr std::size_t P = V >= 4 ? 2 : 4;

  /// The lengths of the leaves (n <= 128) of NumPy's pairwise recursion
  /// over n elements, in order, appended at len[k]; returns the new count.
  /// For n <= reduce_chunk there are at most 65, each of 64..128 elements.
  static std::size_t pairwise_leaves(std::size_t n, std::uint8_t* len, std::size_t k) {
    if (n <= 128) {
      len[k] = static_cast<std::uint8_t>(n);
      return k + 1;
    }
    std::size_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_leaves(n - n2, len, pairwise_leaves(n2, len, k));
  }

  /// The leaf sums combined in the recursion's order: NumPy's tree.
  static Acc pairwise_combine(std::size_t n, const Acc* sums, std::size_t& k) {
    if (n <= 128) return sums[k++];
    std::size_t n2 = n / 2;
    n2 -= n2 % 8;
    const Acc a = pairwise_combine(n2, sums, k);
    return a + pairwise_combine(n - n2, sums, k);
  }

  /// NumPy's leaf sums of Q leaves (8 <= len[q] <= 128) starting at i0[q]:
  /// 8 accumulators over the full blocks, ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
  /// then the rest one by one. The leaves' common blocks are read in lockstep.
  template <std::size_t Q, class E>
  static HWY_INLINE void leaf_sums(E& ev, const row_ctx& r, const std::size_t* i0,
                                   const std::uint8_t* len, Acc* out) {
    hn::Vec<D> acc[Q][V];
    std::size_t full[Q];
    std::size_t common = 128;
    for (std::size_t q = 0; q < Q; ++q) {
      full[q] = len[q] - len[q] % 8;
      common = std::min(common, full[q]);
      for (std::size_t k = 0; k < V; ++k) acc[q][k] = get(ev, i0[q] + k * L);
    }
    for (std::size_t i = 8; i < common; i += 8) {
      for (std::size_t q = 0; q < Q; ++q) {
        for (std::size_t k = 0; k < V; ++k) {
          acc[q][k] = hn::Add(acc[q][k], get(ev, i0[q] + i + k * L));
        }
      }
    }
    alignas(64) S v[8];
    for (std::size_t q = 0; q < Q; ++q) {
      std::size_t i = std::max<std::size_t>(common, 8);
      for (; i < full[q]; i += 8) {
        for (std::size_t k = 0; k < V; ++k) {
          acc[q][k] = hn::Add(acc[q][k], get(ev, i0[q] + i + k * L));
        }
      }
      for (std::size_t k = 0; k < V; ++k) hn::StoreU(acc[q][k], D(), v + k * L);
      Acc res = ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
      if (i < len[q]) {
        values(ev, r, i0[q] + i, len[q] - i, v);
        for (std::size_t j = 0; j < len[q] - i; ++j) res += v[j];
      }
      out[q] = res;
    }
  }

  /// NumPy's pairwise_sum of a whole chunk, elements [i0, i0 + reduce_chunk).
  /// Its tree is perfect: 64 leaves of 128 elements, each leaf's 8
  /// accumulators added in adjacent pairs, then the leaves in adjacent
  /// pairs. So the leaves' 512 accumulators, leaf after leaf, are added in
  /// adjacent pairs level by level, a vector at a time (ConcatEven +
  /// ConcatOdd): NumPy's additions, in another order. The chunk is read as
  /// one sequential stream, leaf after leaf; each leaf has its own
  /// accumulators, so the out-of-order core overlaps the add chains of
  /// consecutive leaves.
  template <class E>
  static HWY_INLINE Acc chunk_sum(E& ev, std::size_t i0) {
    constexpr std::size_t leaves = std::size_t(expr::reduce_chunk) / 128;
    const D d;
    alignas(64) S part[leaves * 8];
    for (std::size_t leaf = 0; leaf < leaves; ++leaf) {
      const std::size_t at = i0 + leaf * 128;
      hn::Vec<D> acc[V];
      for (std::size_t k = 0; k < V; ++k) acc[k] = get(ev, at + k * L);
      for (std::size_t i = 8; i < 128; i += 8) {
        for (std::size_t k = 0; k < V; ++k) acc[k] = hn::Add(acc[k], get(ev, at + i + k * L));
      }
      for (std::size_t k = 0; k < V; ++k) hn::Store(acc[k], d, part + leaf * 8 + k * L);
    }
    std::size_t m = leaves * 8;
#if HWY_TARGET != HWY_SCALAR
    for (; m > L; m /= 2) {
      for (std::size_t j = 0; j < m; j += 2 * L) {
        const auto lo = hn::Load(d, part + j), hi = hn::Load(d, part + j + L);
        hn::Store(hn::Add(hn::ConcatEven(d, hi, lo), hn::ConcatOdd(d, hi, lo)), d, part + j / 2);
      }
    }
#endif
    for (; m > 1; m /= 2) {  // the last levels (all of them on the scalar target)
      for (std::size_t j = 0; j < m / 2; ++j) part[j] = part[2 * j] + part[2 * j + 1];
    }
    return part[0];
  }

  /// NumPy's pairwise_sum of elements [i0, i0 + n), n <= reduce_chunk: the
  /// leaf sums (P leaves at a time, from P far-apart parts of the range),
  /// then NumPy's tree over them.
  template <class E>
  static Acc pairwise_sum(E& ev, const row_ctx& r, std::size_t i0, std::size_t n) {
    if (n < 8) {
      alignas(64) S v[8];
      Acc res = Acc(0);
      values(ev, r, i0, n, v);
      for (std::size_t j = 0; j < n; ++j) res += v[j];
      return res;
    }
    if (n > std::size_t(expr::reduce_chunk)) {  // (callers pass chunks) NumPy's top split
      std::size_t n2 = n / 2;
      n2 -= n2 % 8;
      return pairwise_sum(ev, r, i0, n2) + pairwise_sum(ev, r, i0 + n2, n - n2);
    }
    Acc sums[128];
    if (n <= 128) {
      const std::uint8_t len = static_cast<std::uint8_t>(n);
      leaf_sums<1>(ev, r, &i0, &len, sums);
      return sums[0];
    }
    std::uint8_t len[128];
    std::size_t start[128];
    const std::size_t nl = pairwise_leaves(n, len, 0);
    for (std::size_t k = 0, at = i0; k < nl; ++k) {
      start[k] = at;
      at += len[k];
    }
    // Group g: leaves g, g + G, ..., g + (P-1) G; the last nl % P alone.
    const std::size_t G = nl / P;
    for (std::size_t g = 0; g < G; ++g) {
      std::size_t i[P];
      std::uint8_t l[P];
      Acc o[P];
      for (std::size_t q = 0; q < P; ++q) {
        i[q] = start[g + q * G];
        l[q] = len[g + q * G];
      }
      leaf_sums<P>(ev, r, i, l, o);
      for (std::size_t q = 0; q < P; ++q) sums[g + q * G] = o[q];
    }
    for (std::size_t k = P * G; k < nl; ++k) leaf_sums<1>(ev, r, &start[k], &len[k], &sums[k]);
    std::size_t k = 0;
    return pairwise_combine(n, sums, k);
  }

  /// Horizontal: combines the row's n values into *out.
  template <class E>
  static void reduce_row(E& ev, const row_ctx& r, S* out) {
    if constexpr (sequential) {  // ((out * v0) * v1) * ...: NumPy's float product
      alignas(64) S v[8];
      S total = *out;
      for (std::size_t i = 0; i < r.n; i += 8) {
        const std::size_t m = std::min<std::size_t>(8, r.n - i);
        values(ev, r, i, m, v);
        for (std::size_t j = 0; j < m; ++j) total = total * v[j];
      }
      *out = total;
      return;
    }
    // Chunks of expr::reduce_chunk elements, combined into *out left to
    // right: the float sum is NumPy's (pairwise within a chunk), and the
    // parallel layer (eval/split.hpp) can compute chunks on different
    // threads and fold them in the same order, bit for bit.
    constexpr std::size_t chunk = expr::reduce_chunk;
    S total = *out;
    for (std::size_t c = 0; c < r.n; c += chunk) {
      const std::size_t m = std::min(chunk, r.n - c);
      if constexpr (pairwise) {
        total = total + (m == chunk ? chunk_sum(ev, c) : pairwise_sum(ev, r, c, m));
      } else {
        total = combine_scalar<Op>(total, reduce_block(ev, r, c, m));
      }
    }
    *out = total;
  }

  /// Elements [c, c + m) combined with four vector accumulators, one per
  /// quarter of the range (four streams in lockstep; see P). Only for ops
  /// whose result does not depend on the order (integer sums wrap).
  template <class E>
  static S reduce_block(E& ev, const row_ctx& r, std::size_t c, std::size_t m) {
    const D d;
    const auto id = hn::Set(d, static_cast<S>(expr::reduce_identity<Op, Acc>()));
    hn::Vec<D> a0 = id, a1 = id, a2 = id, a3 = id;
    const std::size_t q = (m / (4 * L)) * L;  // elements per quarter, whole vectors
    const std::size_t c1 = c + q, c2 = c + 2 * q, c3 = c + 3 * q;
    for (std::size_t i = 0; i < q; i += L) {
      a0 = vbinary<Op>::apply(d, a0, get(ev, c + i));
      a1 = vbinary<Op>::apply(d, a1, get(ev, c1 + i));
      a2 = vbinary<Op>::apply(d, a2, get(ev, c2 + i));
      a3 = vbinary<Op>::apply(d, a3, get(ev, c3 + i));
    }
    std::size_t i = 4 * q;
    for (; i + L <= m; i += L) a0 = vbinary<Op>::apply(d, a0, get(ev, c + i));
    a0 = vbinary<Op>::apply(d, vbinary<Op>::apply(d, a0, a1), vbinary<Op>::apply(d, a2, a3));
    alignas(64) S v[8];
    hn::StoreU(a0, d, v);
    S res = v[0];
    for (std::size_t j = 1; j < L; ++j) res = combine_scalar<Op>(res, v[j]);
    if (i < m) {
      values(ev, r, c + i, m - i, v);
      for (std::size_t j = 0; j < m - i; ++j) res = combine_scalar<Op>(res, v[j]);
    }
    return res;
  }

  /// Vertical: out[j * ostride] = op(out[j * ostride], value j), j < n.
  template <class E>
  static void combine_row(E& ev, const row_ctx& r, S* out, std::ptrdiff_t ostride) {
    const D d;
    std::size_t i = 0;
    if (ostride == 1) {
      for (; i + L <= r.n; i += L) {
        hn::StoreU(vbinary<Op>::apply(d, hn::LoadU(d, out + i), get(ev, i)), d, out + i);
      }
    }
    alignas(64) S v[8];
    for (; i < r.n; i += 8) {
      const std::size_t m = std::min<std::size_t>(8, r.n - i);
      values(ev, r, i, m, v);
      for (std::size_t j = 0; j < m; ++j) {
        S& o = out[std::ptrdiff_t(i + j) * ostride];
        o = combine_scalar<Op>(o, v[j]);
      }
    }
  }

  template <row_access Access>
  static void rows(const detail::plan<K>& p, const Node& node) {
    evaluator<Node, 1, Access> ev(node);
    std::ptrdiff_t st[K];
    std::uintptr_t ptrs[K];
    for (int k = 0; k < K; ++k) {
      st[k] = p.inner_stride(k);
      ptrs[k] = p.base[k];
    }
    const row_ctx r{&node, ptrs, st, static_cast<std::size_t>(p.inner_size())};
    const std::ptrdiff_t ostride = st[0] / std::ptrdiff_t(sizeof(S));
    std::ptrdiff_t idx[maxdims] = {};
    do {
      ev.begin_row(ptrs, st);
      S* out = reinterpret_cast<S*>(ptrs[0]);
      if (ostride == 0) {
        reduce_row(ev, r, out);
      } else {
        combine_row(ev, r, out, ostride);
      }
    } while (detail::next_row(p, ptrs, idx));
  }

  static void run(const void* plan, const void* node) {
    const auto& p = *static_cast<const detail::plan<K>*>(plan);
    const auto& n = *static_cast<const Node*>(node);
    // row_access::unit (no per-load mode checks) when every leaf is unit-stride; the
    // result's own stride does not matter to the evaluator.
    if (p.leaves_contiguous) {
      rows<row_access::unit>(p, n);
    } else {
      rows<row_access::any>(p, n);
    }
  }
};

template <class Op, class Acc, class Node>
void reduce_entry(const void* plan, const void* node) {
  reduce_kernel<Op, Acc, Node>::run(plan, node);
}

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
