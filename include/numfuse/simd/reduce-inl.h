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
      pr.begin(ev, *r.node, r.ptrs, r.st, i + j, std::min(L, m - j));
      hn::StoreU(get(ev, 0), D(), v + j);
    }
    ev.begin_row(r.ptrs, r.st);
  }

  /// NumPy's pairwise_sum of elements [i0, i0 + n).
  template <class E>
  static Acc pairwise_sum(E& ev, const row_ctx& r, std::size_t i0, std::size_t n) {
    alignas(64) S v[8];
    if (n < 8) {
      Acc res = Acc(0);
      values(ev, r, i0, n, v);
      for (std::size_t j = 0; j < n; ++j) res += v[j];
      return res;
    }
    if (n <= 128) {
      hn::Vec<D> acc[V];
      for (std::size_t k = 0; k < V; ++k) acc[k] = get(ev, i0 + k * L);
      std::size_t i = 8;
      for (; i < n - n % 8; i += 8) {
        for (std::size_t k = 0; k < V; ++k) acc[k] = hn::Add(acc[k], get(ev, i0 + i + k * L));
      }
      for (std::size_t k = 0; k < V; ++k) hn::StoreU(acc[k], D(), v + k * L);
      Acc res = ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
      if (i < n) {
        values(ev, r, i0 + i, n - i, v);
        for (std::size_t j = 0; j < n - i; ++j) res += v[j];
      }
      return res;
    }
    std::size_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum(ev, r, i0, n2) + pairwise_sum(ev, r, i0 + n2, n - n2);
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
        total = total + pairwise_sum(ev, r, c, m);
      } else {
        total = combine_scalar<Op>(total, reduce_block(ev, r, c, m));
      }
    }
    *out = total;
  }

  /// Elements [c, c + m) combined with four vector accumulators.
  template <class E>
  static S reduce_block(E& ev, const row_ctx& r, std::size_t c, std::size_t m) {
    const D d;
    const auto id = hn::Set(d, static_cast<S>(expr::reduce_identity<Op, Acc>()));
    hn::Vec<D> a0 = id, a1 = id, a2 = id, a3 = id;
    std::size_t i = 0;
    for (; i + 4 * L <= m; i += 4 * L) {
      a0 = vbinary<Op>::apply(d, a0, get(ev, c + i));
      a1 = vbinary<Op>::apply(d, a1, get(ev, c + i + L));
      a2 = vbinary<Op>::apply(d, a2, get(ev, c + i + 2 * L));
      a3 = vbinary<Op>::apply(d, a3, get(ev, c + i + 3 * L));
    }
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

  template <bool Contig>
  static void rows(const detail::plan<K>& p, const Node& node) {
    evaluator<Node, 1, Contig> ev(node);
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
    // Contig (no per-load mode checks) when every leaf is unit-stride; the
    // result's own stride does not matter to the evaluator.
    if (p.leaves_contiguous) {
      rows<true>(p, n);
    } else {
      rows<false>(p, n);
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
