// numfuse/eval/scan.hpp -- evaluating cumsum/cumprod with the one engine:
// the result, seen with the operand's shape (C order), is operand 0 of a
// scan_plan (eval/scan_plan.hpp); the per-target scan kernel
// (simd/scan-inl.h) runs it.
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>

#include "numfuse/core/ndarray.hpp"  // assign() and prepare()
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/operands.hpp"
#include "numfuse/eval/plan.hpp"
#include "numfuse/eval/scan_plan.hpp"
#include "numfuse/expr/cumulative.hpp"
#include "numfuse/simd/dispatch.hpp"

namespace numfuse {
namespace detail {

template <class Op, class Acc, class A>
void evaluate_scan(const expr::scan_node<Op, Acc, A>& s) {
  auto out = std::make_shared<ndarray<Acc>>(ndarray<Acc>::uninitialized(s.shape_));
  const dims& in = s.a.shape();
  if (shape_size(in) != 0) {
    prepare(s.a);
    const dims ostrides = c_strides(in);  // the result in the operand's shape
    constexpr int K = 1 + expr::leaf_count_v<A>;
    operand_desc ops[K];
    ops[0] = {reinterpret_cast<std::uintptr_t>(out->data()), &in, &ostrides,
              std::ptrdiff_t(sizeof(Acc))};
    leaf_operands(s.a, ops + 1);
    scan_plan<K> sp;
    if (s.axis < 0) {
      sp.flat = true;
      make_plan(sp.p, in, ops);
    } else {
      // Plan the other dimensions (the scanned one has extent 1 there);
      // record every operand's stride along the scanned axis.
      const int ax = s.axis;
      dims other = in;
      other[ax] = 1;
      make_plan(sp.p, other, ops);
      sp.len = in[ax];
      const int nd = in.size();
      for (int q = 0; q < K; ++q) {
        const dims& sh = *ops[q].shape;
        const int dk = ax - (nd - sh.size());
        sp.sstride[q] = (dk >= 0 && sh[dk] != 1) ? (*ops[q].strides)[dk] * ops[q].itemsize : 0;
      }
      // Scanning the innermost axis (every later one has extent 1): one
      // line per element of the plan; otherwise SIMD across the plan's rows.
      bool innermost = true;
      for (int d = ax + 1; d < nd; ++d) innermost = innermost && in[d] == 1;
      sp.along_inner = innermost;
    }
    scan_dispatch<Op, Acc, A>::call(&sp, &s.a);
  }
  s.result = std::move(out);
}

}  // namespace detail

namespace expr {
template <class O, class T, class A>
void evaluate(const scan_node<O, T, A>& s) {
  numfuse::detail::evaluate_scan(s);
}
}  // namespace expr

}  // namespace numfuse
