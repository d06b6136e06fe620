// numfuse/core/dtype.hpp -- element types, their NumPy names, and NumPy's
// type promotion (promote_types, and NEP 50 rules for weak C++ scalars).
#pragma once

#include <concepts>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace numfuse {

/// The element types an ndarray may hold: bool, int8..int64, uint8..uint64,
/// float32, float64.
template <class T>
concept dtype =
    std::same_as<T, bool> || std::same_as<T, std::int8_t> || std::same_as<T, std::int16_t> ||
    std::same_as<T, std::int32_t> || std::same_as<T, std::int64_t> ||
    std::same_as<T, std::uint8_t> || std::same_as<T, std::uint16_t> ||
    std::same_as<T, std::uint32_t> || std::same_as<T, std::uint64_t> ||
    std::same_as<T, float> || std::same_as<T, double>;

/// C++ arithmetic types accepted as scalar operands. All are "weak" in the
/// sense of NEP 50: like Python scalars, they adopt the array's dtype.
template <class S>
concept scalar_type = std::is_arithmetic_v<S> && !std::same_as<S, char> &&
                      !std::same_as<S, wchar_t> && !std::same_as<S, long double>;

namespace detail {
template <class T> inline constexpr std::string_view dtype_name_v = "?";
template <> inline constexpr std::string_view dtype_name_v<bool> = "bool";
template <> inline constexpr std::string_view dtype_name_v<std::int8_t> = "int8";
template <> inline constexpr std::string_view dtype_name_v<std::int16_t> = "int16";
template <> inline constexpr std::string_view dtype_name_v<std::int32_t> = "int32";
template <> inline constexpr std::string_view dtype_name_v<std::int64_t> = "int64";
template <> inline constexpr std::string_view dtype_name_v<std::uint8_t> = "uint8";
template <> inline constexpr std::string_view dtype_name_v<std::uint16_t> = "uint16";
template <> inline constexpr std::string_view dtype_name_v<std::uint32_t> = "uint32";
template <> inline constexpr std::string_view dtype_name_v<std::uint64_t> = "uint64";
template <> inline constexpr std::string_view dtype_name_v<float> = "float32";
template <> inline constexpr std::string_view dtype_name_v<double> = "float64";

template <int Bytes> struct sint_of_size;
template <> struct sint_of_size<1> { using type = std::int8_t; };
template <> struct sint_of_size<2> { using type = std::int16_t; };
template <> struct sint_of_size<4> { using type = std::int32_t; };
template <> struct sint_of_size<8> { using type = std::int64_t; };
template <int Bytes> struct uint_of_size;
template <> struct uint_of_size<1> { using type = std::uint8_t; };
template <> struct uint_of_size<2> { using type = std::uint16_t; };
template <> struct uint_of_size<4> { using type = std::uint32_t; };
template <> struct uint_of_size<8> { using type = std::uint64_t; };

template <class T> inline constexpr bool is_bool_v = std::same_as<T, bool>;
template <class T> inline constexpr bool is_float_v = std::is_floating_point_v<T>;
template <class T>
inline constexpr bool is_sint_v = std::is_integral_v<T> && std::is_signed_v<T> && !is_bool_v<T>;
template <class T>
inline constexpr bool is_uint_v = std::is_integral_v<T> && std::is_unsigned_v<T> && !is_bool_v<T>;
template <class T> inline constexpr bool is_int_v = is_sint_v<T> || is_uint_v<T>;

// promote_types for two array dtypes (NumPy's promotion lattice).
template <class A, class B>
constexpr auto promote_impl() {
  if constexpr (std::same_as<A, B>) {
    return A{};
  } else if constexpr (is_bool_v<A>) {
    return B{};
  } else if constexpr (is_bool_v<B>) {
    return A{};
  } else if constexpr (is_float_v<A> && is_float_v<B>) {
    return double{};
  } else if constexpr (is_float_v<A> || is_float_v<B>) {
    using F = std::conditional_t<is_float_v<A>, A, B>;
    using I = std::conditional_t<is_float_v<A>, B, A>;
    // float32 holds int8/uint8/int16/uint16 exactly; wider ints need float64.
    if constexpr (std::same_as<F, float> && sizeof(I) <= 2) return float{};
    else return double{};
  } else if constexpr (is_sint_v<A> == is_sint_v<B>) {
    return std::conditional_t<(sizeof(A) >= sizeof(B)), A, B>{};
  } else {
    using S = std::conditional_t<is_sint_v<A>, A, B>;
    using U = std::conditional_t<is_sint_v<A>, B, A>;
    if constexpr (sizeof(U) < sizeof(S)) return S{};
    else if constexpr (sizeof(U) < 8) return typename sint_of_size<2 * sizeof(U)>::type{};
    else return double{};  // uint64 with any signed int
  }
}

// Normalise C++ scalar types onto dtypes (long long -> int64, char types...).
template <class S>
using canonical_t = std::conditional_t<
    std::same_as<S, bool>, bool,
    std::conditional_t<std::is_floating_point_v<S>,
                       std::conditional_t<(sizeof(S) <= 4), float, double>,
                       std::conditional_t<std::is_signed_v<S>,
                                          typename sint_of_size<int(sizeof(S))>::type,
                                          typename uint_of_size<int(sizeof(S))>::type>>>;
}  // namespace detail

/// NumPy's name of a dtype ("float64", "int32", ...).
template <dtype T>
constexpr std::string_view dtype_name() {
  return detail::dtype_name_v<T>;
}

/// np.promote_types(A, B) as a type.
template <dtype A, dtype B>
using promote_t = decltype(detail::promote_impl<A, B>());

/// NEP 50: the result dtype of combining an array of dtype T with a weak
/// C++ scalar of type S. A weak bool never changes T; a weak integer adopts
/// T unless T is bool (then int64); a weak float adopts T if T is a float,
/// otherwise float64.
template <dtype T, scalar_type S>
using weak_promote_t = std::conditional_t<
    std::same_as<S, bool>, T,
    std::conditional_t<
        std::is_integral_v<S>, std::conditional_t<std::same_as<T, bool>, std::int64_t, T>,
        std::conditional_t<std::is_floating_point_v<T>, T, double>>>;

}  // namespace numfuse
