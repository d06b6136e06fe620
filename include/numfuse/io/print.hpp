// numfuse/io/print.hpp -- operator<< prints arrays, views and expressions
// as NumPy's repr does.
#pragma once

#include <ostream>

#include "numfuse/core/ndarray.hpp"
#include "numfuse/io/repr.hpp"

namespace numfuse {

template <dtype T>
std::ostream& operator<<(std::ostream& os, const ndarray<T>& a) {
  detail::write_repr(os, a.data(), a.shape(), a.element_strides());
  return os;
}
template <class T>
std::ostream& operator<<(std::ostream& os, const ndview<T>& v) {
  detail::write_repr(os, static_cast<const std::remove_const_t<T>*>(v.data()), v.shape(),
                     v.element_strides());
  return os;
}
/// Printing an expression evaluates it.
template <expr::node E>
std::ostream& operator<<(std::ostream& os, const E& e) {
  return os << eval(e);
}

}  // namespace numfuse
