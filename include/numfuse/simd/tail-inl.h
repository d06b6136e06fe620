// numfuse/simd/tail-inl.h -- the last few elements of a row (fewer than a
// vector): each operand's lanes are copied into a zero-padded vector-sized
// buffer and the evaluator is pointed at the copies, so a kernel evaluates
// the tail once at full width, with no second (narrower) instantiation of
// the evaluator tree and no read past the end of any operand.

#if defined(NUMFUSE_SIMD_TAIL_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef NUMFUSE_SIMD_TAIL_INL_H_
#undef NUMFUSE_SIMD_TAIL_INL_H_
#else
#define NUMFUSE_SIMD_TAIL_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "hwy/highway.h"
#include "numfuse/expr/node.hpp"
#include "numfuse/simd/evaluator-inl.h"

HWY_BEFORE_NAMESPACE();
namespace numfuse {
namespace HWY_NAMESPACE {

/// Zero-padded copies of operands 1..K-1 (operand 0 is the output).
template <int K>
struct padded_row {
  alignas(HWY_MAX_BYTES) unsigned char buf[K][HWY_MAX_BYTES] = {};
  std::uintptr_t ptrs[K] = {};
  std::ptrdiff_t steps[K] = {};

  /// Element size in bytes of each leaf of node (0 for iota leaves, whose
  /// "address" is an index), into size[1..K-1].
  template <class Node>
  static void leaf_sizes(const Node& node, std::ptrdiff_t* size) {
    int k = 1;
    expr::for_each_leaf(node, [&](const auto& leaf) {
      using L = std::remove_cvref_t<decltype(leaf)>;
      if constexpr (expr::is_array_leaf_v<L>) {
        size[k++] = std::ptrdiff_t(sizeof(lane_t<typename L::value_type>));
      } else {
        size[k++] = 0;
      }
    });
  }

  /// Copies m elements from element i of the row whose operands start at
  /// row[k] and step st[k] bytes (st == nullptr: every operand unit-stride),
  /// then begins the evaluator's row on the copies (element 0 = element i).
  template <class E, class Node>
  HWY_NOINLINE void begin(E& ev, const Node& node, const std::uintptr_t* row,
                          const std::ptrdiff_t* st, std::size_t i, std::size_t m) {
    std::ptrdiff_t size[K] = {};
    leaf_sizes(node, size);
    for (int k = 1; k < K; ++k) {
      const std::ptrdiff_t step = st ? st[k] : (size[k] ? size[k] : 1);
      const std::uintptr_t at = row[k] + static_cast<std::uintptr_t>(std::ptrdiff_t(i) * step);
      if (size[k] == 0 || step == 0) {  // an iota index, or a splat
        ptrs[k] = at;
        steps[k] = step;
        continue;
      }
      const auto* src = reinterpret_cast<const unsigned char*>(at);
      for (std::size_t j = 0; j < m; ++j) {
        std::memcpy(buf[k] + std::ptrdiff_t(j) * size[k], src + std::ptrdiff_t(j) * step,
                    static_cast<std::size_t>(size[k]));
      }
      ptrs[k] = reinterpret_cast<std::uintptr_t>(buf[k]);
      steps[k] = size[k];
    }
    ev.begin_row(ptrs, steps);
  }
};

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
