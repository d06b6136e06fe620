// numfuse/simd/tail-inl.h -- rows shorter than a vector, and the last few
// elements of rows that no whole vector can cover: each operand's lanes are
// copied into a zero-padded vector-sized buffer and the evaluator is
// pointed at the copies, so a kernel evaluates the tail once at full width,
// with no second (narrower) instantiation of the evaluator tree and no read
// past the end of any operand.

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

/// Whether this target reads and writes chosen lanes of T in hardware,
/// never touching the others: no fault past the end of an array, no write
/// to an element another thread may own (Highway's MaskedLoad and
/// BlendedStore are emulated with whole-vector accesses elsewhere).
template <class T>
inline constexpr bool masked_mem_v =
#if HWY_TARGET == HWY_AVX3 || HWY_TARGET == HWY_AVX3_DL
    true;
#elif HWY_TARGET == HWY_AVX2
    sizeof(T) >= 4;  // vmaskmov
#else
    false;
#endif

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
  /// D is the tag the evaluator will be asked for: a unit-stride leaf of
  /// type T whose lanes masked_mem_v reads is copied with one masked load
  /// and one store of Rebind<T, D>, the vector the evaluator then loads
  /// (a load that spans several narrower stores waits for them to reach
  /// the cache instead of taking their data from the store buffer).
  template <class D, class E, class Node>
  HWY_NOINLINE void begin(D d, E& ev, const Node& node, const std::uintptr_t* row,
                          const std::ptrdiff_t* st, std::size_t i, std::size_t m) {
    int k = 1;
    expr::for_each_leaf(node, [&](const auto& leaf) {
      using L = std::remove_cvref_t<decltype(leaf)>;
      if constexpr (expr::is_array_leaf_v<L>) {
        using T = lane_t<typename L::value_type>;
        const std::ptrdiff_t step = st ? st[k] : std::ptrdiff_t(sizeof(T));
        const std::uintptr_t at = row[k] + static_cast<std::uintptr_t>(std::ptrdiff_t(i) * step);
        if (step == 0) {  // a splat
          ptrs[k] = at;
          steps[k] = 0;
        } else {
          copy<T>(d, buf[k], at, step, m);
          ptrs[k] = reinterpret_cast<std::uintptr_t>(buf[k]);
          steps[k] = std::ptrdiff_t(sizeof(T));
        }
      } else {  // an iota: the "address" is the index
        const std::ptrdiff_t step = st ? st[k] : 1;
        ptrs[k] = row[k] + static_cast<std::uintptr_t>(std::ptrdiff_t(i) * step);
        steps[k] = step;
      }
      ++k;
    });
    ev.begin_row(ptrs, steps);
  }

 private:
  template <class T, class D>
  static HWY_INLINE void copy([[maybe_unused]] D d, unsigned char* to, std::uintptr_t from,
                              std::ptrdiff_t step, std::size_t m) {
    const auto* src = reinterpret_cast<const unsigned char*>(from);
    if constexpr (masked_mem_v<T> && lanes_v<hn::Rebind<T, D>> * sizeof(T) <= HWY_MAX_BYTES) {
      if (step == std::ptrdiff_t(sizeof(T))) {
        const hn::Rebind<T, D> dt;
        hn::Store(hn::MaskedLoad(hn::FirstN(dt, m), dt, reinterpret_cast<const T*>(src)), dt,
                  reinterpret_cast<T*>(to));
        return;
      }
    }
    for (std::size_t j = 0; j < m; ++j) {
      std::memcpy(to + j * sizeof(T), src + std::ptrdiff_t(j) * step, sizeof(T));
    }
  }
};

}  // namespace HWY_NAMESPACE
}  // namespace numfuse
HWY_AFTER_NAMESPACE();

#endif  // toggle guard
