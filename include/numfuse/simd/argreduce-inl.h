// numfuse/simd/argreduce-inl.h -- the per-target argmax/argmin kernel. It
// runs the plans of eval/argreduce.hpp: operand 0 the int64 index result
// and operand K-1 the best value so far, both with stride 0 along the
// reduced axes; operands 1..K-2 the expression's leaves. For each row:
//   - result stride 0 (the row is reduced): SIMD over the row with four
//     (value, index) accumulator vectors reading four parts of the row in
//     lockstep (a strict compare keeps the first index in each lane), then the lanes are combined by value and, on
//     ties, the smaller index -- so the result does not depend on how the
//     row was split into lanes;
//   - otherwise (argmax(A, 0)): the row is compared elementwise with the
//     best values so far, SIMD over the result row, and the row's index is
//     stored where it wins.
// NaN: argmax/argmin take the first NaN (a NaN beats any number, a later
// NaN does not beat an earlier one); nanargmax/nanargmin never take a NaN.
// Values come from the operand's evaluator in the compare lane type C (the
// dtype, or int32 for 1- and 2-byte integers and bool).

#if defined(NUMFUSE_SIMD_ARGREDUCE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_ARGREDUCE_INL_H_
#undef NUMFUSE_SIMD_ARGREDUCE_INL_H_
#else
#define NUMFUSE_SIMD_ARGREDUCE_INL_H_
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/eval/plan.hpp"
#include "numfuse/expr/node.hpp"
#include "numfuse/simd/convert-inl.h"
#include "numfuse/simd/evaluator-inl.h"
#include "numfuse/simd/tail-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

template <class Op, class T, class Node>
struct argreduce_kernel {
  static constexpr int K = 2 + expr::leaf_count_v<Node>;
  static constexpr bool Max = Op::max;
  static constexpr bool SkipNan = Op::skip_nan;
  using C = std::conditional_t<(sizeof(T) >= 4), lane_t<T>, std::int32_t>;
  using I = std::conditional_t<sizeof(C) == 4, std::int32_t, std::int64_t>;
  static constexpr bool is_float = std::is_floating_point_v<C>;
  static constexpr std::int64_t none = expr::arg_none;
  using D = hn::ScalableTag<C>;
  using DI = hn::RebindToSigned<D>;
  static constexpr std::size_t N = lanes_v<D>;
  static constexpr std::size_t U = 4;  // accumulator vectors
  // Index lanes count within a chunk of the row; 32-bit lanes need chunks.
  static constexpr std::size_t chunk =
      sizeof(I) == 4 ? (std::size_t(1) << 30) : std::numeric_limits<std::size_t>::max() / 2;

  /// Does value v at index i beat the best (bv, bi) so far?
  /// (expr::arg_better; the caller never offers a NaN when NaNs are skipped.)
  static HWY_INLINE bool better(C v, std::int64_t i, C bv, std::int64_t bi) {
    return expr::arg_better<Op>(v, i, bv, bi);
  }
  static HWY_INLINE bool candidate(C v) {
    if constexpr (is_float && SkipNan) {
      return v == v;
    } else {
      (void)v;
      return true;
    }
  }

  /// Lanes where v replaces the lane's best b (later index: strict).
  template <class DC>
  static HWY_INLINE hn::Mask<DC> wins(DC, hn::Vec<DC> v, hn::Vec<DC> b) {
    const auto gt = Max ? (v > b) : (v < b);
    if constexpr (is_float) {
      if constexpr (SkipNan) {
        return hn::Or(gt, hn::AndNot(hn::IsNaN(v), hn::IsNaN(b)));  // b NaN, v not
      } else {
        return hn::Or(gt, hn::AndNot(hn::IsNaN(b), hn::IsNaN(v)));  // v NaN, b not
      }
    } else {
      return gt;
    }
  }

  struct row_ctx {
    const Node* node;
    const std::uintptr_t* ptrs;
    const std::ptrdiff_t* st;
  };

  /// Values of elements i..i+m-1 (m < N) into v through padded copies; the
  /// evaluator's row is restored afterwards.
  template <class E, class DC>
  static HWY_NOINLINE void tail_values(E& ev, const row_ctx& r, DC dc, std::size_t i,
                                       std::size_t m, C* v) {
    padded_row<K> pr;  // operand K-1 (the best values) is never read
    pr.begin(dc, ev, *r.node, r.ptrs, r.st, i, m);
    hn::StoreU(ev.get(dc, 0), dc, v);
    ev.begin_row(r.ptrs, r.st);
  }

  /// Horizontal: the row's n elements, reduced indices rb.., merged into
  /// (*ov, *oi).
  template <class E>
  static void reduce_row(E& ev, const row_ctx& r, std::size_t n, std::int64_t rb,
                         std::int64_t* oi, C* ov) {
    const D d;
    const DI di;
    alignas(64) C vbuf[U * N];
    alignas(64) I ibuf[U * N];
    for (std::size_t c0 = 0; c0 < n; c0 += chunk) {
      const std::size_t end = c0 + std::min(chunk, n - c0);
      C bv{};
      std::int64_t bi = none;
      auto offer = [&](C v, std::int64_t i) {
        if (candidate(v) && better(v, i, bv, bi)) {
          bv = v;
          bi = i;
        }
      };
      std::size_t i = c0;
      if (end - c0 >= N) {
        // Stream u (U streams read in lockstep: one sequential stream leaves
        // memory bandwidth unused, see simd/reduce-inl.h) covers q elements
        // from c0 + N + u*q. acc[u] holds each lane's best value, blk[u]
        // the offset from c0 of the vector it came from (element index =
        // c0 + blk + lane). Each lane sees its indices in increasing order,
        // so its strict compare keeps the first; the lanes are merged below
        // by value and index, so the split does not change the result.
        hn::Vec<D> acc[U];
        hn::Vec<DI> blk[U], pos[U];
        acc[0] = ev.get(d, c0);
        const std::size_t q = ((end - c0 - N) / (U * N)) * N;
        for (std::size_t u = 0; u < U; ++u) {
          acc[u] = acc[0];
          blk[u] = hn::Zero(di);
          pos[u] = hn::Set(di, I(N + u * q));
        }
        const auto step = hn::Set(di, I(N));
        for (std::size_t t = 0; t < q; t += N) {
          for (std::size_t u = 0; u < U; ++u) {
            const auto v = ev.get(d, c0 + N + u * q + t);
            const auto m = wins(d, v, acc[u]);
            acc[u] = hn::IfThenElse(m, v, acc[u]);
            blk[u] = hn::IfThenElse(hn::RebindMask(di, m), pos[u], blk[u]);
            pos[u] = hn::Add(pos[u], step);
          }
        }
        i = c0 + N + U * q;
        for (; i + N <= end; i += N) {  // after every stream: stream 0 goes on
          const auto v = ev.get(d, i);
          const auto m = wins(d, v, acc[0]);
          acc[0] = hn::IfThenElse(m, v, acc[0]);
          blk[0] = hn::IfThenElse(hn::RebindMask(di, m), hn::Set(di, I(i - c0)), blk[0]);
        }
        for (std::size_t u = 0; u < U; ++u) {
          hn::Store(acc[u], d, vbuf + u * N);
          hn::Store(blk[u], di, ibuf + u * N);
        }
        for (std::size_t u = 0; u < U; ++u) {
          for (std::size_t j = 0; j < N; ++j) {
            const std::int64_t off = std::int64_t(ibuf[u * N + j]) + std::int64_t(j);
            offer(vbuf[u * N + j], rb + std::int64_t(c0) + off);
          }
        }
      }
      if (i < end) {
        tail_values(ev, r, d, i, end - i, vbuf);
        for (std::size_t j = 0; j < end - i; ++j) offer(vbuf[j], rb + std::int64_t(i + j));
      }
      if (bi != none && better(bv, bi, *ov, *oi)) {
        *ov = bv;
        *oi = bi;
      }
    }
  }

  /// Vertical: element j of the row (index ri along the reduced axes)
  /// against (ov[j*os], oi[j*os]).
  template <class E>
  static void combine_row(E& ev, const row_ctx& r, std::size_t n, std::int64_t ri,
                          std::int64_t* oi, C* ov, std::ptrdiff_t os) {
    const hn::ScalableTag<std::int64_t> d64;
    const hn::Rebind<C, decltype(d64)> dc;
    constexpr std::size_t M = lanes_v<decltype(d64)>;
    std::size_t i = 0;
    if (os == 1) {
      const auto vnone = hn::Set(d64, none);
      const auto vri = hn::Set(d64, ri);
      for (; i + M <= n; i += M) {
        const auto v = ev.get(dc, i);
        const auto bv = hn::LoadU(dc, ov + i);
        const auto bi = hn::LoadU(d64, oi + i);
        auto m = hn::Or(convert_mask(dc, d64, bi == vnone), wins(dc, v, bv));
        if constexpr (is_float && SkipNan) m = hn::AndNot(hn::IsNaN(v), m);
        hn::StoreU(hn::IfThenElse(m, v, bv), dc, ov + i);
        hn::StoreU(hn::IfThenElse(convert_mask(d64, dc, m), vri, bi), d64, oi + i);
      }
    }
    alignas(64) C v[M];
    for (; i < n; i += M) {
      const std::size_t m = std::min(M, n - i);
      if (m == M) {
        hn::StoreU(ev.get(dc, i), dc, v);
      } else {
        tail_values(ev, r, dc, i, m, v);
      }
      for (std::size_t j = 0; j < m; ++j) {
        const std::ptrdiff_t o = std::ptrdiff_t(i + j) * os;
        if (candidate(v[j]) && better(v[j], ri, ov[o], oi[o])) {
          ov[o] = v[j];
          oi[o] = ri;
        }
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
    // Reduced index of a row: its position over the reduced plan
    // dimensions (C order), which is the flat index over the reduced axes.
    const int nd = p.ndim;
    std::int64_t rmul[maxdims];
    std::int64_t mul = 1;
    for (int dd = nd - 1; dd >= 0; --dd) {
      rmul[dd] = mul;
      if (p.strides[0][dd] == 0) mul *= p.shape[dd];
    }
    const bool inner_reduced = st[0] == 0;
    const std::size_t n = static_cast<std::size_t>(p.inner_size());
    const std::ptrdiff_t os = st[0] / std::ptrdiff_t(sizeof(std::int64_t));
    const row_ctx r{&node, ptrs, st};
    std::ptrdiff_t idx[maxdims] = {};
    do {
      std::int64_t rb = 0;
      for (int dd = 0; dd + 1 < nd; ++dd) {
        if (p.strides[0][dd] == 0) rb += std::int64_t(idx[dd]) * rmul[dd];
      }
      ev.begin_row(ptrs, st);
      auto* oi = reinterpret_cast<std::int64_t*>(ptrs[0]);
      auto* ov = reinterpret_cast<C*>(ptrs[K - 1]);
      if (inner_reduced) {
        reduce_row(ev, r, n, rb, oi, ov);
      } else {
        combine_row(ev, r, n, rb, oi, ov, os);
      }
    } while (detail::next_row(p, ptrs, idx));
  }

  static void run(const void* plan, const void* node) {
    const auto& p = *static_cast<const detail::plan<K>*>(plan);
    const auto& nd = *static_cast<const Node*>(node);
    // row_access::unit when every leaf (operands 1..K-2) is unit-stride.
    std::ptrdiff_t size[K] = {};
    padded_row<K>::leaf_sizes(nd, size);
    bool contig = true;
    for (int k = 1; k + 1 < K; ++k) {
      contig = contig && p.inner_stride(k) == (size[k] ? size[k] : 1);
    }
    if (contig) {
      rows<row_access::unit>(p, nd);
    } else {
      rows<row_access::any>(p, nd);
    }
  }
};

template <class Op, class T, class Node>
void argreduce_entry(const void* plan, const void* node) {
  argreduce_kernel<Op, T, Node>::run(plan, node);
}

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
