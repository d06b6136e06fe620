// numfuse/io/npy_array.hpp -- npy_array: one ndarray of any numfuse dtype,
// as returned by load_any() and load_npz() when the dtype is known only
// from the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "numfuse/core/ndarray.hpp"
#include "numfuse/io/npy_header.hpp"

namespace numfuse {

namespace detail::npy {
/// Calls f.template operator()<T>() for the dtype T of code c.
template <class F>
decltype(auto) with_dtype(code c, F&& f) {
  switch (c) {
    case code::b1: return f.template operator()<bool>();
    case code::i1: return f.template operator()<std::int8_t>();
    case code::i2: return f.template operator()<std::int16_t>();
    case code::i4: return f.template operator()<std::int32_t>();
    case code::i8: return f.template operator()<std::int64_t>();
    case code::u1: return f.template operator()<std::uint8_t>();
    case code::u2: return f.template operator()<std::uint16_t>();
    case code::u4: return f.template operator()<std::uint32_t>();
    case code::u8: return f.template operator()<std::uint64_t>();
    case code::f4: return f.template operator()<float>();
    case code::f8: break;
  }
  return f.template operator()<double>();
}
}  // namespace detail::npy

/// One array of a dtype chosen at run time (a small variant of ndarrays).
///
///   np::npy_array a = np::load_any("x.npy");
///   if (a.holds<float>()) use(a.get<float>());
///   np::ndarray<double> d = a.astype<double>();       // any dtype, converted
///   a.visit([](const auto& arr) { std::cout << arr; });
class npy_array {
 public:
  using variant_type =
      std::variant<ndarray<bool>, ndarray<std::int8_t>, ndarray<std::int16_t>, ndarray<std::int32_t>,
                   ndarray<std::int64_t>, ndarray<std::uint8_t>, ndarray<std::uint16_t>,
                   ndarray<std::uint32_t>, ndarray<std::uint64_t>, ndarray<float>, ndarray<double>>;

  /// An empty float64 array of shape (0,).
  npy_array() : v_(std::in_place_type<ndarray<double>>) {}
  /// Takes (or copies) an array.
  template <dtype T>
  npy_array(ndarray<T> a) : v_(std::in_place_type<ndarray<T>>, std::move(a)) {}  // NOLINT: implicit

  /// NumPy's dtype name: "float64", "int32", "bool", ...
  std::string_view dtype_name() const { return detail::npy::name_of(code()); }
  const dims& shape() const {
    return std::visit([](const auto& a) -> const dims& { return a.shape(); }, v_);
  }
  int ndim() const { return shape().size(); }
  std::ptrdiff_t size() const { return shape_size(shape()); }
  std::ptrdiff_t itemsize() const { return detail::npy::itemsize_of(code()); }

  /// True when the array's dtype is T.
  template <dtype T>
  bool holds() const noexcept {
    return std::holds_alternative<ndarray<T>>(v_);
  }
  /// The array, if its dtype is T; throws type_error otherwise.
  template <dtype T>
  const ndarray<T>& get() const& {
    check<T>();
    return *std::get_if<ndarray<T>>(&v_);
  }
  template <dtype T>
  ndarray<T>& get() & {
    check<T>();
    return *std::get_if<ndarray<T>>(&v_);
  }
  template <dtype T>
  ndarray<T> get() && {
    check<T>();
    return std::move(*std::get_if<ndarray<T>>(&v_));
  }
  /// The array converted to dtype U (np.ndarray.astype; copies).
  template <dtype U>
  ndarray<U> astype() const {
    return std::visit([](const auto& a) { return ndarray<U>(a); }, v_);
  }
  /// f(const ndarray<T>&) for the array's dtype T.
  template <class F>
  decltype(auto) visit(F&& f) const {
    return std::visit(std::forward<F>(f), v_);
  }
  template <class F>
  decltype(auto) visit(F&& f) {
    return std::visit(std::forward<F>(f), v_);
  }
  const variant_type& variant() const noexcept { return v_; }

 private:
  detail::npy::code code() const noexcept { return detail::npy::code(v_.index()); }

  template <dtype T>
  void check() const {
    if (!holds<T>()) {
      throw type_error("npy_array holds a " + std::string(dtype_name()) + " array, not " +
                       std::string(numfuse::dtype_name<T>()) + "; call get<T>() with T of dtype " +
                       std::string(dtype_name()) + ", or astype<" + std::string(numfuse::dtype_name<T>()) +
                       ">() to convert");
    }
  }

  variant_type v_;
};

}  // namespace numfuse
