// tests/indexing_common.hpp -- shared helpers of test_indexing*.cpp: the
// golden sources of tests/data/indexing.txt (gen_indexing.py) and checks of
// a result's values, byte strides and whether it aliases its source.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <type_traits>

#include "golden_reader.hpp"

namespace idx_test {
namespace np = numfuse;

inline const golden::data& g() {
  static const golden::data d("indexing.txt");
  return d;
}
struct sources {
  np::ndarray<std::int64_t> A = g().array<std::int64_t>("A");  // arange(24).reshape(2,3,4)
  np::ndarray<std::int64_t> v = g().array<std::int64_t>("v");  // arange(10)
  np::ndarray<double> M = g().array<double>("M");              // arange(12.).reshape(3,4)
  np::ndarray<double> z = np::array(5.0);                      // 0-d
};

/// True when x has an element inside src's memory.
template <class X, class S>
bool aliases(const X& x, const S& src) {
  if (x.size() == 0 || src.size() == 0) return false;
  const auto* lo = reinterpret_cast<const char*>(src.data());
  const auto* hi = lo + src.size() * src.itemsize();
  const auto* p = reinterpret_cast<const char*>(x.data());
  return p >= lo && p < hi;
}

/// Checks values and shape (dtype must be NumPy's).
template <class X>
void check(const X& x, const std::string& name) {
  using T = std::remove_const_t<typename X::element_type>;
  golden::check_array(x, g().template array<T>(name), name);
}
/// Also checks byte strides, NumPy's C-contiguity flag, and whether x is a
/// view of src as in NumPy (new arrays are C-ordered in numfuse: their
/// strides are not compared).
template <class X, class S>
void check(const X& x, const std::string& name, const S& src) {
  check(x, name);
  CHECK_MESSAGE(aliases(x, src) == (g().text(name + "|view") == "1"), name << ": view vs copy");
  CHECK_MESSAGE(x.is_c_contiguous() == (g().text(name + "|c_contig") == "1"),
                name << ": is_c_contiguous() " << x.is_c_contiguous());
  // Byte strides of the axes longer than 1 (NumPy leaves the others
  // arbitrary, e.g. after reshape or expand_dims).
  if (x.size() > 1) {
    const np::dims want = golden::parse_tuple(g().text(name + "|strides"));
    np::dims got = x.strides(), w = want;
    for (int d = 0; d < got.size() && d < w.size(); ++d) {
      if (x.shape()[d] <= 1) got[d] = w[d] = 0;
    }
    CHECK_MESSAGE(got == w, name << ": strides " << np::shape_str(x.strides(), ",") << ", NumPy "
                                 << np::shape_str(want, ","));
  }
}
/// The message of the exception f throws as E equals the golden text.
template <class E, class F>
void check_error(F&& f, const std::string& name) {
  CHECK_MESSAGE(golden::message_of<E>(f) == g().text(name), name << ": got '" << golden::message_of<E>(f) << "'");
}
}  // namespace idx_test
