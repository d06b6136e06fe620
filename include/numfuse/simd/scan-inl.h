// numfuse/simd/scan-inl.h -- the per-target scan kernel of cumsum/cumprod
// (eval/scan.hpp), over a scan_plan (eval/scan_plan.hpp); operand 0 is the
// result. Values come from the operand's evaluator in the result dtype.
//   - the scanned axis is the array's innermost one (or axis=None): each
//     scan line is loaded a vector at a time and accumulated sequentially
//     (NumPy's add.accumulate order, so float results are NumPy's bits);
//   - otherwise: SIMD across the rows of the plan, one step of the scanned
//     axis at a time: out[t] = out[t-1] (+ or *) a[t].

#if defined(NUMFUSE_SIMD_SCAN_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_SCAN_INL_H_
#undef NUMFUSE_SIMD_SCAN_INL_H_
#else
#define NUMFUSE_SIMD_SCAN_INL_H_
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/eval/scan_plan.hpp"
#include "numfuse/expr/node.hpp"
#include "numfuse/simd/evaluator-inl.h"
#include "numfuse/simd/ops-inl.h"
#include "numfuse/simd/tail-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

template <class Op, class Acc, class Node>
struct scan_kernel {
  static constexpr int K = 1 + expr::leaf_count_v<Node>;
  using S = lane_t<Acc>;
  using D = hn::ScalableTag<S>;
  static constexpr std::size_t N = lanes_v<D>;
  static constexpr bool is_add = std::is_same_v<Op, op::add>;

  /// a (+ or *) b; integers wrap, as NumPy's.
  static HWY_INLINE S step(S a, S b) {
    if constexpr (std::is_integral_v<S>) {
      using U = std::make_unsigned_t<S>;
      return static_cast<S>(is_add ? U(U(a) + U(b)) : U(U(a) * U(b)));
    } else {
      return is_add ? a + b : a * b;
    }
  }

  /// Values of elements i..i+m-1 (m < N) through padded copies; the
  /// evaluator's row is restored.
  template <class E>
  static HWY_NOINLINE void tail_values(E& ev, const Node& node, const std::uintptr_t* ptrs,
                                       const std::ptrdiff_t* st, std::size_t i, std::size_t m,
                                       S* v) {
    padded_row<K> pr;
    pr.begin(D(), ev, node, ptrs, st, i, m);
    hn::StoreU(ev.get(D(), 0), D(), v);
    ev.begin_row(ptrs, st);
  }

  /// One scan line of n elements (row pointers ptrs, byte steps st),
  /// continuing from *carry_in, or (nullptr) starting with the first value
  /// itself, as NumPy's accumulate (so cumsum keeps a leading -0.0); out
  /// steps st[0] bytes.
  template <class E>
  static void line(E& ev, const Node& node, const std::uintptr_t* ptrs, const std::ptrdiff_t* st,
                   std::size_t n, const S* carry_in) {
    ev.begin_row(ptrs, st);
    S* out = reinterpret_cast<S*>(ptrs[0]);
    const std::ptrdiff_t os = st[0] / std::ptrdiff_t(sizeof(S));
    alignas(64) S v[N];
    S carry{};
    for (std::size_t i = 0; i < n; i += N) {
      const std::size_t m = std::min(N, n - i);
      if (m == N) {
        hn::Store(ev.get(D(), i), D(), v);
      } else {
        tail_values(ev, node, ptrs, st, i, m, v);
      }
      std::size_t j = 0;
      if (i == 0) {
        carry = carry_in ? step(*carry_in, v[0]) : v[0];
        out[0] = carry;
        j = 1;
      }
      for (; j < m; ++j) {
        carry = step(carry, v[j]);
        out[std::ptrdiff_t(i + j) * os] = carry;
      }
    }
  }

  template <row_access Access>
  static void run_plan(const detail::scan_plan<K>& sp, const Node& node) {
    const auto& p = sp.p;
    evaluator<Node, 1, Access> ev(node);
    std::ptrdiff_t st[K];
    std::uintptr_t ptrs[K];
    for (int k = 0; k < K; ++k) {
      st[k] = p.inner_stride(k);
      ptrs[k] = p.base[k];
    }
    const std::size_t n = static_cast<std::size_t>(p.inner_size());
    std::ptrdiff_t idx[maxdims] = {};
    bool first = true;
    do {
      if (sp.flat) {
        // consecutive pieces of one C-order scan: carry the previous element
        line(ev, node, ptrs, st, n, first ? nullptr : reinterpret_cast<const S*>(ptrs[0]) - 1);
      } else if (sp.along_inner) {
        // every element of the row starts a scan line along the axis
        std::uintptr_t q[K];
        for (std::size_t j = 0; j < n; ++j) {
          for (int k = 0; k < K; ++k) q[k] = ptrs[k] + std::uintptr_t(std::ptrdiff_t(j) * st[k]);
          line(ev, node, q, sp.sstride, static_cast<std::size_t>(sp.len), nullptr);
        }
      } else {
        across(ev, node, sp, ptrs, st, n);
      }
      first = false;
    } while (detail::next_row(p, ptrs, idx));
  }

  /// SIMD across a row of n scan lines, one step t of the axis at a time.
  template <class E>
  static void across(E& ev, const Node& node, const detail::scan_plan<K>& sp,
                     const std::uintptr_t* ptrs, const std::ptrdiff_t* st, std::size_t n) {
    const D d;
    std::uintptr_t q[K];
    const std::ptrdiff_t os = st[0] / std::ptrdiff_t(sizeof(S));
    const std::ptrdiff_t back = sp.sstride[0] / std::ptrdiff_t(sizeof(S));
    alignas(64) S v[N];
    for (std::ptrdiff_t t = 0; t < sp.len; ++t) {
      for (int k = 0; k < K; ++k) q[k] = ptrs[k] + std::uintptr_t(t * sp.sstride[k]);
      ev.begin_row(q, st);
      S* out = reinterpret_cast<S*>(q[0]);
      const S* prev = t > 0 ? out - back : out;  // the previous step (t > 0)
      std::size_t i = 0;
      if (os == 1) {
        for (; i + N <= n; i += N) {
          const auto x = ev.get(d, i);
          hn::StoreU(t == 0 ? x : vbinary<Op>::apply(d, hn::LoadU(d, prev + i), x), d, out + i);
        }
      }
      for (; i < n; i += N) {
        const std::size_t m = std::min(N, n - i);
        if (m == N) {
          hn::Store(ev.get(d, i), d, v);
        } else {
          tail_values(ev, node, q, st, i, m, v);
        }
        for (std::size_t j = 0; j < m; ++j) {
          const std::ptrdiff_t o = std::ptrdiff_t(i + j) * os;
          out[o] = t == 0 ? v[j] : step(prev[o], v[j]);
        }
      }
    }
  }

  static void run(const void* plan, const void* node) {
    const auto& sp = *static_cast<const detail::scan_plan<K>*>(plan);
    const auto& nd = *static_cast<const Node*>(node);
    if (sp.p.leaves_contiguous && !sp.along_inner) {
      run_plan<row_access::unit>(sp, nd);
    } else {
      run_plan<row_access::any>(sp, nd);  // along_inner: the lines' strides are not the plan's
    }
  }
};

template <class Op, class Acc, class Node>
void scan_entry(const void* plan, const void* node) {
  scan_kernel<Op, Acc, Node>::run(plan, node);
}

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
