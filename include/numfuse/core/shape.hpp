// numfuse/core/shape.hpp -- shapes and strides (`dims`), NumPy's shape
// formatting "(3, 4)", and broadcasting of shapes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "numfuse/config.hpp"
#include "numfuse/core/errors.hpp"

namespace numfuse {

/// A small vector of extents or strides with inline storage for the common
/// ranks, so that shapes of small arrays never allocate.
class dims {
 public:
  using value_type = std::ptrdiff_t;
  static constexpr int inline_capacity = 6;

  dims() noexcept {}  // NOLINT: inline storage stays uninitialised (size 0)
  explicit dims(int n, value_type fill = 0) { resize(n, fill); }
  dims(std::initializer_list<value_type> il) { assign(il.begin(), il.end()); }
  template <class It>
    requires(!std::is_integral_v<It>)
  dims(It first, It last) {
    assign(first, last);
  }
  dims(const dims& o) { assign(o.begin(), o.end()); }
  dims(dims&& o) noexcept { steal(o); }
  dims& operator=(const dims& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  dims& operator=(dims&& o) noexcept {
    if (this != &o) {
      heap_.reset();
      steal(o);
    }
    return *this;
  }

  template <class It>
  void assign(It first, It last) {
    resize(static_cast<int>(std::distance(first, last)));
    std::copy(first, last, data());
  }
  void resize(int n, value_type fill = 0) {
    if (n > capacity_) {
      auto p = std::make_unique<value_type[]>(static_cast<std::size_t>(n));
      std::copy(data_, data_ + std::min(size_, n), p.get());
      heap_ = std::move(p);
      data_ = heap_.get();
      capacity_ = n;
    }
    for (int i = size_; i < n; ++i) data_[i] = fill;
    size_ = n;
  }
  void push_back(value_type v) {
    resize(size_ + 1);
    data()[size_ - 1] = v;
  }

  int size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  value_type* data() noexcept { return data_; }
  const value_type* data() const noexcept { return data_; }
  value_type& operator[](int i) noexcept { return data()[i]; }
  value_type operator[](int i) const noexcept { return data()[i]; }
  value_type* begin() noexcept { return data(); }
  value_type* end() noexcept { return data() + size_; }
  const value_type* begin() const noexcept { return data(); }
  const value_type* end() const noexcept { return data() + size_; }
  value_type back() const noexcept { return data()[size_ - 1]; }

  friend bool operator==(const dims& a, const dims& b) noexcept {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  void steal(dims& o) noexcept {
    size_ = o.size_;
    capacity_ = o.capacity_;
    if (o.heap_) {
      heap_ = std::move(o.heap_);
      data_ = heap_.get();
    } else {
      std::copy_n(o.inline_, o.size_, inline_);
      data_ = inline_;
    }
    o.size_ = 0;
    o.capacity_ = inline_capacity;
    o.data_ = o.inline_;
  }

  // data_ points at inline_ or at heap_'s block: access never branches.
  value_type* data_ = inline_;
  int size_ = 0;
  int capacity_ = inline_capacity;
  value_type inline_[inline_capacity];  // the first size_ are set (when not on the heap)
  std::unique_ptr<value_type[]> heap_;
};

/// Number of elements of a shape (1 for the 0-d shape ()).
inline std::ptrdiff_t shape_size(const dims& shape) noexcept {
  std::ptrdiff_t n = 1;
  for (auto e : shape) n *= e;
  return n;
}

/// A shape written as NumPy writes it: (), (3,), (2, 3). NumPy's error
/// messages use the compact form (2,3): pass sep = ",".
inline std::string shape_str(const dims& shape, const char* sep = ", ") {
  std::string s = "(";
  for (int i = 0; i < shape.size(); ++i) {
    if (i) s += sep;
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

namespace detail {
/// A shape as NumPy writes it inside error messages: (2,3), (3,), ().
inline std::string shape_str_compact(const dims& shape) { return shape_str(shape, ","); }

/// C-order (row-major) element strides of a shape.
inline dims c_strides(const dims& shape) {
  dims st(shape.size());
  std::ptrdiff_t s = 1;
  for (int i = shape.size() - 1; i >= 0; --i) {
    st[i] = s;
    s *= std::max<std::ptrdiff_t>(shape[i], 1);
  }
  return st;
}

/// NumPy's C-contiguity flag: the elements are in C order without gaps
/// (strides of extent-1 axes ignored; empty arrays are contiguous).
inline bool c_contiguous(const dims& shape, const dims& estrides) noexcept {
  std::ptrdiff_t expect = 1;
  bool ok = true;
  for (int d = shape.size() - 1; d >= 0; --d) {
    if (shape[d] != 1 && estrides[d] != expect) ok = false;
    expect *= shape[d];
  }
  return ok || expect == 0;
}

/// Checks a requested shape (non-negative extents, at most maxdims axes, no
/// overflow of the element count) and returns its size.
inline std::ptrdiff_t checked_size(const dims& shape) {
  if (shape.size() > maxdims) {
    throw value_error("maximum supported dimension for an ndarray is " + std::to_string(maxdims) +
                      ", found " + std::to_string(shape.size()));
  }
  std::ptrdiff_t n = 1;
  for (auto e : shape) {
    if (e < 0) throw value_error("negative dimensions are not allowed");
    if (e != 0 && n > PTRDIFF_MAX / e) {
      throw value_error("array is too big; `arr.size * arr.dtype.itemsize` is larger than the "
                        "maximum possible size.");
    }
    n *= e;
  }
  return n;
}

/// Broadcasts `b` into `out` in place (right-aligned); returns false when the
/// shapes are incompatible.
inline bool broadcast_into(dims& out, const dims& b) {
  if (b.size() > out.size()) {
    dims grown(b.size(), 1);
    std::copy(out.begin(), out.end(), grown.begin() + (b.size() - out.size()));
    out = std::move(grown);
  }
  const int off = out.size() - b.size();
  for (int i = 0; i < b.size(); ++i) {
    auto& o = out[off + i];
    if (o == b[i] || b[i] == 1) continue;
    if (o == 1) {
      o = b[i];
      continue;
    }
    return false;
  }
  return true;
}
}  // namespace detail

/// np.broadcast_shapes for three shapes (np.where's operands); the error
/// names all three, as NumPy's does.
inline dims broadcast_shapes(const dims& a, const dims& b, const dims& c) {
  dims out = a;
  if (!detail::broadcast_into(out, b) || !detail::broadcast_into(out, c)) {
    throw broadcast_error("operands could not be broadcast together with shapes " +
                          detail::shape_str_compact(a) + " " + detail::shape_str_compact(b) + " " +
                          detail::shape_str_compact(c));
  }
  return out;
}

/// np.broadcast_shapes for two shapes; throws broadcast_error with NumPy's
/// message when they are incompatible.
inline dims broadcast_shapes(const dims& a, const dims& b) {
  dims out = a;
  if (!detail::broadcast_into(out, b)) {
    throw broadcast_error("operands could not be broadcast together with shapes " +
                          detail::shape_str_compact(a) + " " + detail::shape_str_compact(b));
  }
  return out;
}

}  // namespace numfuse
