// numfuse/core/access.hpp -- what ndarray and ndview share: shape queries and
// element access (unchecked `a(i, j)`, checked `a.at(i, j)`), written once
// as a CRTP base over data(), shape() and element_strides().
#pragma once

#include <concepts>
#include <cstddef>
#include <string>

#include "numfuse/core/errors.hpp"
#include "numfuse/core/shape.hpp"

namespace numfuse::detail {

template <class Derived, class T>
class strided_access {
 public:
  /// Number of dimensions.
  int ndim() const noexcept { return self().shape().size(); }
  /// Number of elements.
  std::ptrdiff_t size() const noexcept { return shape_size(self().shape()); }
  /// Bytes per element (NumPy's itemsize).
  static constexpr std::ptrdiff_t itemsize() noexcept { return sizeof(T); }
  /// Bytes spanned by the elements (size * itemsize).
  std::ptrdiff_t nbytes() const noexcept { return size() * itemsize(); }
  /// Strides in bytes, as NumPy reports them.
  dims strides() const {
    dims s = self().element_strides();
    for (auto& e : s) e *= itemsize();
    return s;
  }

  /// Unchecked element access: one index per dimension, each in [0, n).
  template <std::integral... I>
  decltype(auto) operator()(I... i) const noexcept {
    return self().data()[unchecked_offset(i...)];
  }
  template <std::integral... I>
  decltype(auto) operator()(I... i) noexcept {
    return mself().data()[unchecked_offset(i...)];
  }

  /// Checked element access: one index per dimension; negative indices
  /// count from the end. Throws index_error as NumPy would.
  template <std::integral... I>
  decltype(auto) at(I... i) const {
    return self().data()[checked_offset(i...)];
  }
  template <std::integral... I>
  decltype(auto) at(I... i) {
    return mself().data()[checked_offset(i...)];
  }

 private:
  template <class... I>
  std::ptrdiff_t unchecked_offset(I... i) const noexcept {
    const std::ptrdiff_t idx[] = {0, static_cast<std::ptrdiff_t>(i)...};
    std::ptrdiff_t off = 0;
    const auto& st = self().element_strides();
    for (int k = 0; k < int(sizeof...(I)); ++k) off += idx[k + 1] * st[k];
    return off;
  }
  template <class... I>
  std::ptrdiff_t checked_offset(I... i) const {
    const std::ptrdiff_t idx[] = {0, static_cast<std::ptrdiff_t>(i)...};
    const int n = int(sizeof...(I));
    if (n > ndim()) {
      throw index_error("too many indices for array: array is " + std::to_string(ndim()) +
                        "-dimensional, but " + std::to_string(n) + " were indexed");
    }
    if (n < ndim()) {
      throw index_error("at() needs one index per dimension: array is " + std::to_string(ndim()) +
                        "-dimensional, but " + std::to_string(n) + " were given");
    }
    std::ptrdiff_t off = 0;
    const auto& sh = self().shape();
    const auto& st = self().element_strides();
    for (int k = 0; k < n; ++k) {
      std::ptrdiff_t j = idx[k + 1];
      if (j < -sh[k] || j >= sh[k]) {
        throw index_error("index " + std::to_string(j) + " is out of bounds for axis " +
                          std::to_string(k) + " with size " + std::to_string(sh[k]));
      }
      if (j < 0) j += sh[k];
      off += j * st[k];
    }
    return off;
  }
  Derived& mself() noexcept { return static_cast<Derived&>(*this); }
  const Derived& self() const noexcept { return static_cast<const Derived&>(*this); }
};

}  // namespace numfuse::detail
