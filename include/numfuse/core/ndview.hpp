// numfuse/core/ndview.hpp -- ndview<T>: a non-owning strided view over any
// memory (negative and zero strides allowed). Every operation accepts it
// exactly as it accepts an ndarray; assigning to it writes through.
#pragma once

#include "numfuse/config.hpp"  // first: it configures Highway

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <type_traits>
#include <utility>

#include "numfuse/core/access.hpp"
#include "numfuse/core/cast.hpp"
#include "numfuse/core/dtype.hpp"
#include "numfuse/core/errors.hpp"
#include "numfuse/core/fwd.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/eval/assign.hpp"
#include "numfuse/views/index.hpp"
#include "numfuse/views/members.hpp"

namespace numfuse {

template <class T>
class ndview : public detail::strided_access<ndview<T>, T>,
               public detail::view_members<ndview<T>> {
  static_assert(dtype<std::remove_const_t<T>>, "ndview<T>: T must be a numfuse dtype");

 public:
  using element_type = T;
  using value_type = std::remove_const_t<T>;

  /// A C-contiguous view of `shape` starting at data.
  ndview(T* data, dims shape)
      : data_(data), shape_(std::move(shape)), estrides_(detail::c_strides(shape_)) {
    detail::checked_size(shape_);
  }

  /// A view with NumPy-style strides in bytes (each a multiple of
  /// sizeof(T); negative and zero strides allowed).
  ndview(T* data, dims shape, const dims& byte_strides) : data_(data), shape_(std::move(shape)) {
    detail::checked_size(shape_);
    if (byte_strides.size() != shape_.size()) {
      throw value_error("strides " + shape_str(byte_strides) + " do not match shape " +
                        shape_str(shape_));
    }
    estrides_ = dims(shape_.size());
    for (int i = 0; i < shape_.size(); ++i) {
      if (byte_strides[i] % std::ptrdiff_t(sizeof(T)) != 0) {
        throw value_error("strides must be multiples of the itemsize (" +
                          std::to_string(sizeof(T)) + ")");
      }
      estrides_[i] = byte_strides[i] / std::ptrdiff_t(sizeof(T));
    }
    contiguous_ = detail::c_contiguous(shape_, estrides_);
  }

  /// A view with strides counted in elements (as std::mdspan does).
  static ndview from_element_strides(T* data, dims shape, dims estrides) {
    ndview v(data, std::move(shape));
    v.estrides_ = std::move(estrides);
    v.contiguous_ = detail::c_contiguous(v.shape_, v.estrides_);
    return v;
  }

  /// Views of arrays (mutable arrays give mutable views).
  ndview(ndarray<value_type>& a)  // NOLINT: implicit, like std::span
    requires(!std::is_const_v<T>)
      : data_(a.data()), shape_(a.shape()), estrides_(a.element_strides()) {}
  ndview(const ndarray<value_type>& a)  // NOLINT
    requires std::is_const_v<T>
      : data_(a.data()), shape_(a.shape()), estrides_(a.element_strides()) {}
  /// A read-only view of a mutable view.
  ndview(const ndview<value_type>& v)  // NOLINT
    requires std::is_const_v<T>
      : data_(v.data()),
        contiguous_(v.is_c_contiguous()),
        shape_(v.shape()),
        estrides_(v.element_strides()),
        owner_(v.owner()) {}

  ndview(const ndview&) = default;
  ndview(ndview&&) noexcept = default;

  /// Writes the elements of e (broadcast to this view's shape).
  template <array_operand E>
  ndview& operator=(const E& e)
    requires(!std::is_const_v<T>)
  {
    detail::assign_operand(data_, shape_, estrides_, e);
    return *this;
  }
  /// Copy assignment writes elements too (views never rebind).
  ndview& operator=(const ndview& v)
    requires(!std::is_const_v<T>)
  {
    detail::assign_operand(data_, shape_, estrides_, v);
    return *this;
  }
  ndview& operator=(ndview&& v)
    requires(!std::is_const_v<T>)
  {
    detail::assign_operand(data_, shape_, estrides_, v);
    return *this;
  }
  /// Fills every element with s (converted as NumPy converts a Python
  /// scalar assigned into an array).
  template <scalar_type S>
  ndview& operator=(S s)
    requires(!std::is_const_v<T>)
  {
    fill(s);
    return *this;
  }
  template <scalar_type S>
  void fill(S s) const
    requires(!std::is_const_v<T>)
  {
    detail::assign(data_, shape_, estrides_, expr::scalar_leaf<value_type>(detail::numpy_cast<value_type>(static_cast<detail::canonical_t<S>>(s))));
  }

  T* data() const noexcept { return data_; }
  const dims& shape() const noexcept { return shape_; }
  const dims& element_strides() const noexcept { return estrides_; }
  /// NumPy's flags.c_contiguous (computed once, when the view is made).
  bool is_c_contiguous() const noexcept { return contiguous_; }

  /// Basic indexing (views/index.hpp): integers, np::slice, np::newaxis,
  /// np::ellipsis, as NumPy's a[i, 1:5:2, None, ...]. A view of this view.
  template <index_item... I>
    requires(sizeof...(I) > 0)
  ndview view(const I&... items) const {
    const index list[] = {index(items)...};
    return indexed(list, int(sizeof...(I)));
  }
  /// The same with a braced list: `v[{np::slice(1, 5, 2), -1}]`.
  ndview operator[](std::initializer_list<index> items) const {
    return indexed(items.begin(), int(items.size()));
  }

  /// Advanced indexing (views/advanced.hpp): `v[mask]`, `v[idx]` with a bool
  /// or integer array operand, and `v.adv(items...)` mixing arrays with
  /// basic items (`v.adv(np::slice(), idx)`). Returns a reference proxy:
  /// convert it to an ndarray to read (a copy, as NumPy), assign to write.
  template <class E>
    requires array_operand<E>
  adv_ref<T> operator[](E&& e) const {
    return detail::make_adv(*this, std::forward<E>(e));
  }
  template <class... I>
    requires(sizeof...(I) > 0)
  adv_ref<T> adv(I&&... items) const {
    return detail::make_adv(*this, std::forward<I>(items)...);
  }

  /// A view of other elements of the same memory, sharing this view's owner
  /// (the building block of indexing and of the views/ routines).
  ndview restrided(T* data, dims shape, dims estrides) const {
    ndview v = from_element_strides(data, std::move(shape), std::move(estrides));
    v.owner_ = owner_;
    return v;
  }
  /// A view that keeps `owner` (e.g. a copy made by reshape) alive, like
  /// NumPy's ndarray.base.
  static ndview owning(std::shared_ptr<const void> owner, T* data, dims shape, dims estrides) {
    ndview v = from_element_strides(data, std::move(shape), std::move(estrides));
    v.owner_ = std::move(owner);
    return v;
  }
  /// The object this view keeps alive, or null (views of user memory and
  /// of named arrays do not own anything).
  const std::shared_ptr<const void>& owner() const noexcept { return owner_; }

 private:
  ndview indexed(const index* items, int n) const {
    auto l = detail::apply_index(shape_, estrides_, items, n);
    return restrided(data_ + l.offset, std::move(l.shape), std::move(l.estrides));
  }

  T* data_;
  bool contiguous_ = true;  // C order without gaps (views made from a shape are)
  dims shape_;
  dims estrides_;
  std::shared_ptr<const void> owner_;
};

}  // namespace numfuse
