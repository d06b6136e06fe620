// numfuse/core/fwd.hpp -- forward declarations of the array types.
#pragma once

#include <type_traits>

#include "numfuse/core/dtype.hpp"

namespace numfuse {
template <dtype T> class ndarray;
template <class T> class ndview;  // T or const T, T a dtype
template <class T> class adv_ref;  // views/advanced.hpp
class adv_item;

namespace detail {
template <class X> struct is_ndarray : std::false_type {};
template <class T> struct is_ndarray<ndarray<T>> : std::true_type {};
template <class X> struct is_ndview : std::false_type {};
template <class T> struct is_ndview<ndview<T>> : std::true_type {};
template <class X> struct is_adv_ref : std::false_type {};
template <class T> struct is_adv_ref<adv_ref<T>> : std::true_type {};
template <class T, class... I>
adv_ref<T> make_adv(const ndview<T>& v, I&&... items);  // views/advanced.hpp
}  // namespace detail

/// ndarray<T> or ndview<T> (any cv/ref qualification).
template <class X>
concept array_like = detail::is_ndarray<std::remove_cvref_t<X>>::value ||
                     detail::is_ndview<std::remove_cvref_t<X>>::value;

/// adv_ref<T> (any cv/ref qualification): what a[mask], a[idx] and
/// a.adv(...) return. As an operand it is read once, as NumPy reads a[idx]:
/// the selected elements are copied into an array the expression owns.
template <class X>
concept adv_proxy = detail::is_adv_ref<std::remove_cvref_t<X>>::value;
}  // namespace numfuse
