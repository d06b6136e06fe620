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
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/eval/plan.hpp"
#include "numfuse/expr/node.hpp"
#include "numfuse/simd/evaluator-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

template <class Out, class Node>
struct assign_kernel {
  static constexpr int K = 1 + expr::leaf_count_v<Node>;
  static constexpr int W = std::max(int(sizeof(Out)), expr::widest_v<Node>);
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

  /// One row: n elements, output at out with element stride ostride.
  template <bool Contig, class E>
  static HWY_INLINE void row(const E& ev, S* out, std::ptrdiff_t ostride,
                             std::size_t n) {
    const hn::ScalableTag<wide_t> dw;
    const hn::CappedTag<wide_t, 1> d1;
    const hn::Rebind<S, decltype(dw)> dsw;
    const hn::Rebind<S, decltype(d1)> ds1;
    const std::size_t N = hn::Lanes(dw);
    if (Contig || ostride == 1) {
      std::size_t i = 0;
      for (; i + 2 * N <= n; i += 2 * N) {
        const auto v0 = value(ev, dw, i);
        const auto v1 = value(ev, dw, i + N);
        hn::StoreU(v0, dsw, out + i);
        hn::StoreU(v1, dsw, out + i + N);
      }
      if (i + N <= n) {
        hn::StoreU(value(ev, dw, i), dsw, out + i);
        i += N;
      }
      for (; i < n; ++i) hn::StoreU(value(ev, d1, i), ds1, out + i);
    } else {
      std::size_t i = 0;
      alignas(64) S buf[lanes_v<decltype(dsw)>];
      for (; i + N <= n; i += N) {
        hn::Store(value(ev, dw, i), dsw, buf);
        for (std::size_t j = 0; j < N; ++j) out[std::ptrdiff_t(i + j) * ostride] = buf[j];
      }
      for (; i < n; ++i) {
        hn::Store(value(ev, d1, i), ds1, buf);
        out[std::ptrdiff_t(i) * ostride] = buf[0];
      }
    }
  }

  template <bool Contig>
  static void rows(const detail::plan<K>& p, const Node& node) {
    evaluator<Node, 1, Contig> ev(node);
    const std::size_t n = static_cast<std::size_t>(p.inner_size());
    std::ptrdiff_t st[K];
    std::uintptr_t ptrs[K];
    for (int k = 0; k < K; ++k) {
      st[k] = p.inner_stride(k);
      ptrs[k] = p.base[k];
    }
    const std::ptrdiff_t ostride = st[0] / std::ptrdiff_t(sizeof(S));
    if (p.ndim == 1) {  // one row: no outer loops (every contiguous same-shape assignment)
      ev.begin_row(ptrs, st);
      row<Contig>(ev, reinterpret_cast<S*>(ptrs[0]), ostride, n);
      return;
    }
    const int outer = p.ndim - 1;
    std::ptrdiff_t idx[maxdims];
    for (int d = 0; d < outer; ++d) idx[d] = 0;
    for (;;) {
      ev.begin_row(ptrs, st);
      row<Contig>(ev, reinterpret_cast<S*>(ptrs[0]), ostride, n);
      // Odometer over the outer dimensions.
      int d = outer - 1;
      for (; d >= 0; --d) {
        for (int k = 0; k < K; ++k) ptrs[k] += static_cast<std::uintptr_t>(p.strides[k][d]);
        if (++idx[d] < p.shape[d]) break;
        for (int k = 0; k < K; ++k) {
          ptrs[k] -= static_cast<std::uintptr_t>(p.strides[k][d] * p.shape[d]);
        }
        idx[d] = 0;
      }
      if (d < 0) break;
    }
  }

  static void run(const void* plan, const void* node) {
    const auto& p = *static_cast<const detail::plan<K>*>(plan);
    const auto& n = *static_cast<const Node*>(node);
    if (p.contiguous) {
      rows<true>(p, n);
    } else {
      rows<false>(p, n);
    }
  }
};

/// Dispatch entry points (function templates, so that a table can name
/// one instantiation per target).
template <class Out, class Node>
void assign_entry(const void* plan, const void* node) {
  assign_kernel<Out, Node>::run(plan, node);
}

inline std::int64_t target_entry() { return HWY_TARGET; }

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
