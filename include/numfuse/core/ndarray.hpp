// numfuse/core/ndarray.hpp -- ndarray<T>: an owning, C-ordered array of any
// rank (0-d included) with 64-byte aligned storage. Deep-copy value
// semantics, like std::vector. Constructing or assigning from an expression
// evaluates it in one fused pass.
#pragma once

#include "numfuse/config.hpp"  // first: it configures Highway

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>

#include "hwy/aligned_allocator.h"
#include "numfuse/core/access.hpp"
#include "numfuse/core/cast.hpp"
#include "numfuse/core/dtype.hpp"
#include "numfuse/core/errors.hpp"
#include "numfuse/core/memory.hpp"
#include "numfuse/core/ndview.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/assign.hpp"
#include "numfuse/expr/operators.hpp"
#include "numfuse/views/members.hpp"

namespace numfuse {

namespace detail {
/// Kind order of NumPy's 'same_kind' casting: bool < uint < int < float.
template <class T>
constexpr int kind_rank() {
  return std::is_same_v<T, bool> ? 0 : std::is_floating_point_v<T> ? 3 : std::is_signed_v<T> ? 2 : 1;
}
template <class From, class To>
inline constexpr bool same_kind_castable = kind_rank<From>() <= kind_rank<To>();

/// NumPy's errors for `out op= in` (a ufunc with out=): the three operands
/// must broadcast, and the result must have the output's shape.
inline void check_inplace_operand(const dims& out, const dims& in) {
  dims s = out;
  if (!broadcast_into(s, in)) {
    throw broadcast_error("operands could not be broadcast together with shapes " +
                          shape_str_compact(out) + " " + shape_str_compact(in) + " " +
                          shape_str_compact(out));
  }
  if (!(s == out)) {
    throw value_error("non-broadcastable output operand with shape " + shape_str_compact(out) +
                      " doesn't match the broadcast shape " + shape_str_compact(s));
  }
}

/// One scalar of a nested initializer list. It is a class (a user-defined
/// conversion), so that `{{1.0}, {2.0}}` prefers the 2-d constructor over
/// reading {1.0} as a scalar. Integers out of T's range raise, as NumPy 2's
/// np.array([300], dtype=np.uint8) does; other values convert as astype.
template <dtype T>
struct list_scalar {
  T value;
  template <scalar_type U>
  list_scalar(U v) : value(convert(v)) {}  // NOLINT: implicit by design

 private:
  template <class U>
  static T convert(U v) {
    if constexpr (std::is_integral_v<U> && !std::is_same_v<U, bool> && std::is_integral_v<T> &&
                  !std::is_same_v<T, bool>) {
      if (!std::in_range<T>(v)) {
        throw overflow_error("Python integer " + std::to_string(v) + " out of bounds for " +
                             std::string(dtype_name<T>()));
      }
    }
    return numpy_cast<T>(v);
  }
};
}  // namespace detail

template <dtype T>
class ndarray : public detail::strided_access<ndarray<T>, T>,
                public detail::view_members<ndarray<T>> {
 public:
  using element_type = T;
  using value_type = T;
  using scalar_list = std::initializer_list<detail::list_scalar<T>>;

  /// An empty 1-d array, shape (0,).
  ndarray() : shape_{0}, estrides_{1} {}

  /// From nested initializer lists: {1, 2}, {{1, 2}, {3, 4}}, ... (up to 4-d).
  /// The innermost lists take any scalar (converted as NumPy's
  /// np.array(..., dtype) does); `{{1.0}, {2.0}}` is the 2-d (2, 1) array.
  /// A 3-d or 4-d list whose innermost lists all have one element
  /// (`{{{1.0}, {2.0}}}`) is ambiguous in C++: build it with reshape.
  ndarray(scalar_list l) { from_nested(l); }
  ndarray(std::initializer_list<std::initializer_list<T>> l) { from_nested(l); }
  ndarray(std::initializer_list<std::initializer_list<std::initializer_list<T>>> l) {
    from_nested(l);
  }
  ndarray(std::initializer_list<std::initializer_list<std::initializer_list<std::initializer_list<T>>>> l) {
    from_nested(l);
  }

  /// Evaluates an expression (or copies an array/view), converting to T.
  template <array_operand E>
    requires(!std::is_same_v<std::remove_cvref_t<E>, ndarray> && !adv_proxy<E>)
  ndarray(const E& e) {  // NOLINT: implicit, so that `ndarray<double> r = a + b;` works
    allocate(e.shape());
    detail::assign_operand(data_, shape_, estrides_, e);
  }
  /// The elements a[mask] or a[idx] selects (NumPy's a[idx] is a copy),
  /// converted to T.
  template <adv_proxy E>
  ndarray(const E& e) : ndarray(e.copy()) {}  // NOLINT: implicit, as above

  ndarray(const ndarray& o) : ndarray(ndview<const T>(o)) {}
  ndarray(ndarray&& o) noexcept = default;

  ndarray& operator=(const ndarray& o) {
    if (this != &o) *this = ndview<const T>(o);
    return *this;
  }
  ndarray& operator=(ndarray&& o) noexcept = default;
  /// r = a[idx]: the selected elements are gathered first (so r may be a).
  template <adv_proxy E>
  ndarray& operator=(const E& e) {
    const auto c = e.copy();
    return *this = c;
  }

  /// Evaluates e into this array: in place (no allocation) when the shapes
  /// are equal, otherwise into new storage of e's shape.
  template <array_operand E>
    requires(!std::is_same_v<std::remove_cvref_t<E>, ndarray> && !adv_proxy<E>)
  ndarray& operator=(const E& e) {
    if (e.shape() == shape_) {
      detail::assign_operand(data_, shape_, estrides_, e);
    } else {
      ndarray tmp(e);
      *this = std::move(tmp);
    }
    return *this;
  }

  /// An uninitialised array of the given shape (np.empty).
  static ndarray uninitialized(const dims& shape) {
    ndarray a(no_init{});
    a.allocate(shape);
    return a;
  }

  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  const dims& shape() const noexcept { return shape_; }
  const dims& element_strides() const noexcept { return estrides_; }
  /// NumPy's flags.c_contiguous: an ndarray always is.
  static constexpr bool is_c_contiguous() noexcept { return true; }

  /// A view of the whole array.
  ndview<T> view() noexcept { return ndview<T>(*this); }
  ndview<const T> view() const noexcept { return ndview<const T>(*this); }
  /// Basic indexing: a view of the elements a[items...] selects
  /// (views/index.hpp): `a.view(np::slice(1, np::none, 2), -1, np::newaxis)`.
  template <index_item... I>
    requires(sizeof...(I) > 0)
  ndview<T> view(const I&... items) {
    return view().view(items...);
  }
  template <index_item... I>
    requires(sizeof...(I) > 0)
  ndview<const T> view(const I&... items) const {
    return view().view(items...);
  }
  /// The same with a braced list: `a[{np::slice(1, 5, 2), -1}]`.
  ndview<T> operator[](std::initializer_list<index> items) { return view()[items]; }
  ndview<const T> operator[](std::initializer_list<index> items) const { return view()[items]; }
  /// Advanced indexing: `a[mask]`, `a[idx]`, `a.adv(np::slice(), idx)`
  /// (views/advanced.hpp; a reference proxy: read as an ndarray, or assign).
  template <class E>
    requires array_operand<E>
  adv_ref<T> operator[](E&& e) {
    return view()[std::forward<E>(e)];
  }
  template <class E>
    requires array_operand<E>
  adv_ref<const T> operator[](E&& e) const {
    return view()[std::forward<E>(e)];
  }
  template <class... I>
    requires(sizeof...(I) > 0)
  adv_ref<T> adv(I&&... items) {
    return view().adv(std::forward<I>(items)...);
  }
  template <class... I>
    requires(sizeof...(I) > 0)
  adv_ref<const T> adv(I&&... items) const {
    return view().adv(std::forward<I>(items)...);
  }

  /// np.ndarray.astype: a new array of dtype U.
  template <dtype U>
  ndarray<U> astype() const {
    return ndarray<U>(*this);
  }
  /// np.ndarray.copy.
  ndarray copy() const { return *this; }
  /// np.ndarray.fill: sets every element to s.
  template <scalar_type S>
  void fill(S s) {
    detail::assign(data_, shape_, estrides_,
                   expr::scalar_leaf<T>(detail::numpy_cast<T>(static_cast<detail::canonical_t<S>>(s))));
  }

  // In-place operators: NumPy's a += b (the result must be castable to T
  // under 'same_kind', as for NumPy's ufunc out= argument).
#define NUMFUSE_COMPOUND(SYM, OP)                                                              \
  template <operand E>                                                                         \
  ndarray& operator SYM##=(const E& e) {                                                       \
    if constexpr (array_operand<E>) detail::check_inplace_operand(shape_, e.shape());         \
    auto node = expr::make_binary<op::OP>(*this, e);                                           \
    using R = typename decltype(node)::value_type;                                             \
    static_assert(detail::same_kind_castable<R, T>,                                            \
                  "Cannot cast ufunc output to the array's dtype with casting rule "           \
                  "'same_kind' (as NumPy's UFuncTypeError).");                                 \
    detail::assign(data_, shape_, estrides_, node);                                            \
    return *this;                                                                              \
  }
  NUMFUSE_COMPOUND(+, add)
  NUMFUSE_COMPOUND(-, subtract)
  NUMFUSE_COMPOUND(*, multiply)
  NUMFUSE_COMPOUND(/, divide)
  NUMFUSE_COMPOUND(&, bitwise_and)
  NUMFUSE_COMPOUND(|, bitwise_or)
  NUMFUSE_COMPOUND(^, bitwise_xor)
#undef NUMFUSE_COMPOUND

 private:
  struct no_init {};
  explicit ndarray(no_init) {}

  void allocate(const dims& shape) {
    const std::ptrdiff_t n = detail::checked_size(shape);
    buf_ = hwy::AllocateAligned<T>(static_cast<std::size_t>(n > 0 ? n : 1));
    if (!buf_) throw std::bad_alloc();
    detail::advise_hugepages(buf_.get(), static_cast<std::size_t>(n) * sizeof(T));
    data_ = buf_.get();
    shape_ = shape;
    estrides_ = detail::c_strides(shape_);
  }

  /// Extents of a nested list, level by level; `consistent` is lowered to
  /// the first depth at which two lists disagree in length.
  template <class L>
  static void nested_extents(const L& l, int depth, dims& shape, int& consistent) {
    const auto n = std::ptrdiff_t(l.size());
    if (depth == shape.size()) {
      shape.push_back(n);
    } else if (shape[depth] != n) {
      consistent = std::min(consistent, depth);
    }
    if constexpr (!std::is_same_v<L, scalar_list> && !std::is_same_v<L, std::initializer_list<T>>) {
      for (const auto& sub : l) nested_extents(sub, depth + 1, shape, consistent);
    }
  }
  template <class L>
  static dims nested_shape(const L& l) {
    dims shape;
    int consistent = maxdims + 1;
    nested_extents(l, 0, shape, consistent);
    if (consistent <= shape.size()) {
      shape.resize(consistent);
      throw value_error(
          "setting an array element with a sequence. The requested array has an "
          "inhomogeneous shape after " +
          std::to_string(consistent) + " dimensions. The detected shape was " +
          shape_str(shape) + " + inhomogeneous part.");
    }
    return shape;  // {} inside ({{}, {}}) stops the shape there: (2, 0)
  }
  template <class L>
  static void copy_nested(const L& l, T*& out) {
    if constexpr (std::is_same_v<L, scalar_list>) {
      out = std::transform(l.begin(), l.end(), out, [](const auto& x) { return x.value; });
    } else if constexpr (std::is_same_v<L, std::initializer_list<T>>) {
      const dims s{std::ptrdiff_t(l.size())};
      ndview<T>(out, s) = ndview<const T>(l.begin(), s);  // copy through the engine
      out += l.size();
    } else {
      for (const auto& sub : l) copy_nested(sub, out);
    }
  }
  template <class L>
  void from_nested(const L& l) {
    allocate(nested_shape(l));
    T* out = data_;
    if (this->size() > 0) copy_nested(l, out);
  }

  hwy::AlignedFreeUniquePtr<T[]> buf_;
  T* data_ = nullptr;
  dims shape_;
  dims estrides_;
};

namespace detail {
template <class T>
std::shared_ptr<ndarray<T>> copy_of(const T* data, const dims& shape, const dims& estrides) {
  auto c = std::make_shared<ndarray<T>>(ndarray<T>::uninitialized(shape));
  assign(c->data(), c->shape(), c->element_strides(),
         expr::own_leaf<ndview<const T>>(ndview<const T>::from_element_strides(data, shape, estrides)));
  return c;
}
}  // namespace detail

/// Evaluates any array operand into a new ndarray (np.asarray of an
/// expression).
template <array_operand E>
auto eval(const E& e) {
  return ndarray<expr::value_t<const E&>>(e);
}

}  // namespace numfuse
