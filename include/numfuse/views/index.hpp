// numfuse/views/index.hpp -- NumPy's basic indexing as metadata: the index
// items (integers, slices, newaxis, ellipsis) and the computation of the
// strided layout a[items...] selects. No element is touched here; ndview and
// ndarray turn the layout into a view (`a.view(np::slice(1, np::none, 2), 0)`).
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "numfuse/config.hpp"
#include "numfuse/core/errors.hpp"
#include "numfuse/core/shape.hpp"

namespace numfuse {

/// Python's None. Inside a slice it is an omitted part (`np::slice(np::none,
/// 3)` is `:3`); as an index it is np.newaxis (NumPy's newaxis is None).
struct none_t {
  friend constexpr bool operator==(none_t, none_t) noexcept { return true; }
};
inline constexpr none_t none{};
/// np.newaxis: inserts an axis of extent 1.
inline constexpr none_t newaxis{};

/// Python's Ellipsis (`...`): as many full slices as needed.
struct ellipsis_t {};
inline constexpr ellipsis_t ellipsis{};

/// Python's slice(start, stop, step); omitted parts are np::none.
/// `slice()` is `:`, `slice(stop)` is `:stop`, `slice(a, b)` is `a:b`,
/// `slice(a, b, c)` is `a:b:c`.
class slice {
 public:
  /// A slice bound: an integer or np::none.
  struct bound {
    std::ptrdiff_t value = 0;
    bool given = false;
    constexpr bound(none_t = none) noexcept {}  // NOLINT: implicit by design
    template <std::integral I>
      requires(!std::same_as<I, bool>)
    constexpr bound(I i) noexcept : value(static_cast<std::ptrdiff_t>(i)), given(true) {}  // NOLINT
  };

  constexpr slice() noexcept = default;
  constexpr slice(bound stop) noexcept : stop_(stop) {}  // NOLINT: np::slice(3) is :3
  constexpr slice(bound start, bound stop, bound step = none) noexcept
      : start_(start), stop_(stop), step_(step) {}

  constexpr bound start() const noexcept { return start_; }
  constexpr bound stop() const noexcept { return stop_; }
  constexpr bound step() const noexcept { return step_; }

  /// Python's slice.indices(n) and the slice length: clamps start and stop
  /// to the axis. Throws value_error for a zero step.
  struct resolved {
    std::ptrdiff_t start, step, length;
  };
  resolved indices(std::ptrdiff_t n) const {
    std::ptrdiff_t step = step_.given ? step_.value : 1;
    if (step == 0) throw value_error("slice step cannot be zero");
    if (step < -PTRDIFF_MAX) step = -PTRDIFF_MAX;  // as CPython does
    const std::ptrdiff_t lo = step < 0 ? -1 : 0, hi = step < 0 ? n - 1 : n;
    auto clamp = [n, lo, hi](const bound& b, std::ptrdiff_t dflt) {
      if (!b.given) return dflt;
      std::ptrdiff_t v = b.value;
      if (v < 0) {
        v = v < -n ? lo : v + n;  // v + n cannot overflow: v >= -n
        return v < 0 ? lo : v;
      }
      return v >= n ? hi : v;
    };
    const std::ptrdiff_t start = clamp(start_, step < 0 ? n - 1 : 0);
    const std::ptrdiff_t stop = clamp(stop_, step < 0 ? -1 : n);
    std::ptrdiff_t length = 0;
    if (step > 0 && start < stop) length = (stop - start - 1) / step + 1;
    if (step < 0 && stop < start) length = (start - stop - 1) / (-step) + 1;
    return {start, step, length};
  }

 private:
  bound start_, stop_, step_;
};

/// A short alias: `np::s(1, 5, 2)` is `np::slice(1, 5, 2)`.
using s = slice;

/// One item of a basic index: an integer, a slice, np::newaxis or
/// np::ellipsis.
class index {
 public:
  enum class kind : std::uint8_t { integer, slice, newaxis, ellipsis };

  template <std::integral I>
    requires(!std::same_as<I, bool>)  // a bool index is a mask (advanced indexing)
  constexpr index(I i) noexcept : kind_(kind::integer), i_(static_cast<std::ptrdiff_t>(i)) {}  // NOLINT
  constexpr index(numfuse::slice s) noexcept : kind_(kind::slice), s_(s) {}                    // NOLINT
  constexpr index(none_t) noexcept : kind_(kind::newaxis) {}                                    // NOLINT
  constexpr index(ellipsis_t) noexcept : kind_(kind::ellipsis) {}                               // NOLINT

  constexpr kind type() const noexcept { return kind_; }
  constexpr std::ptrdiff_t integer() const noexcept { return i_; }
  constexpr const numfuse::slice& as_slice() const noexcept { return s_; }

 private:
  kind kind_;
  std::ptrdiff_t i_ = 0;
  numfuse::slice s_;
};

/// Types usable as one index item.
template <class X>
concept index_item = std::convertible_to<X, index> && !std::same_as<std::remove_cvref_t<X>, bool>;

namespace detail {

/// The layout a basic index selects: element offset from the source's data,
/// shape and element strides of the view.
struct index_layout {
  std::ptrdiff_t offset = 0;
  dims shape, estrides;
};

/// Applies items[0..n) to an array of the given shape and element strides,
/// as NumPy's basic indexing does. Throws index_error / value_error with
/// NumPy's messages.
inline index_layout apply_index(const dims& shape, const dims& estrides, const index* items, int n) {
  int consumed = 0, newaxes = 0, ellipses = 0;
  for (int k = 0; k < n; ++k) {
    switch (items[k].type()) {
      case index::kind::integer:
      case index::kind::slice: ++consumed; break;
      case index::kind::newaxis: ++newaxes; break;
      case index::kind::ellipsis: ++ellipses; break;
    }
  }
  const int nd = shape.size();
  if (ellipses > 1) throw index_error("an index can only have a single ellipsis ('...')");
  if (consumed > nd) {
    throw index_error("too many indices for array: array is " + std::to_string(nd) +
                      "-dimensional, but " + std::to_string(consumed) + " were indexed");
  }
  int result_nd = newaxes;
  for (int k = 0; k < n; ++k) result_nd += items[k].type() == index::kind::slice;
  result_nd += nd - consumed;  // axes the ellipsis (or the implicit trailing one) keeps
  if (result_nd > maxdims) {
    throw index_error("number of dimensions must be within [0, " + std::to_string(maxdims) +
                      "], indexing result would have " + std::to_string(result_nd));
  }
  index_layout r;
  r.shape = dims(result_nd);
  r.estrides = dims(result_nd);
  int axis = 0, out = 0;
  auto keep = [&](std::ptrdiff_t extent, std::ptrdiff_t stride) {
    r.shape[out] = extent;
    r.estrides[out] = stride;
    ++out;
  };
  for (int k = 0; k < n; ++k) {
    const index& it = items[k];
    switch (it.type()) {
      case index::kind::integer: {
        std::ptrdiff_t j = it.integer();
        const std::ptrdiff_t m = shape[axis];
        if (j < -m || j >= m) {
          throw index_error("index " + std::to_string(j) + " is out of bounds for axis " +
                            std::to_string(axis) + " with size " + std::to_string(m));
        }
        if (j < 0) j += m;
        r.offset += j * estrides[axis];
        ++axis;
        break;
      }
      case index::kind::slice: {
        const auto sl = it.as_slice().indices(shape[axis]);
        std::ptrdiff_t st = estrides[axis];
        if (sl.length > 1) {
          st *= sl.step;  // |step| < extent: no overflow beyond the array's span
        } else if (__builtin_mul_overflow(st, sl.step, &st)) {
          st = estrides[axis];  // the stride of a length-0/1 axis is never used
        }
        if (sl.length > 0) r.offset += sl.start * estrides[axis];
        keep(sl.length, st);
        ++axis;
        break;
      }
      case index::kind::newaxis: keep(1, 0); break;
      case index::kind::ellipsis:
        for (int e = 0; e < nd - consumed; ++e, ++axis) keep(shape[axis], estrides[axis]);
        break;
    }
  }
  for (; axis < nd; ++axis) keep(shape[axis], estrides[axis]);  // implicit trailing ellipsis
  // An empty result never dereferences its pointer; keep it at the source's
  // data so that no out-of-range pointer is formed.
  if (shape_size(r.shape) == 0) r.offset = 0;
  return r;
}

}  // namespace detail
}  // namespace numfuse
