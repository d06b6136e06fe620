// tests/advanced_common.hpp -- shared helpers of test_advanced_index*.cpp and
// test_index_routines.cpp: the goldens of tests/data/advanced.txt
// (tests/golden/gen_advanced.py) and value/error checks.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "golden_reader.hpp"

namespace adv_test {
namespace np = numfuse;

inline const golden::data& g() {
  static const golden::data d("advanced.txt");
  return d;
}
struct sources {
  np::ndarray<std::int64_t> A = g().array<std::int64_t>("A");  // arange(24).reshape(2,3,4)
  np::ndarray<std::int64_t> v = g().array<std::int64_t>("v");  // arange(10)
  np::ndarray<double> M = g().array<double>("M");              // arange(12.).reshape(3,4)
  np::ndarray<float> F = g().array<float>("F");                // arange(12.f).reshape(4,3)*0.5
};

/// Values, shape and dtype of x equal NumPy's.
template <class X>
void check(const X& x, const std::string& name) {
  using T = std::remove_const_t<typename X::element_type>;
  golden::check_array(x, g().template array<T>(name), name);
}
/// The same for an advanced-index proxy (read as a copy).
template <class T>
void check(const np::adv_ref<T>& x, const std::string& name) {
  check(x.copy(), name);
}
/// A list of arrays (nonzero, ix_, unravel_index...): name.0, name.1, ...
template <class T>
void check(const std::vector<np::ndarray<T>>& xs, const std::string& name) {
  for (std::size_t i = 0; i < xs.size(); ++i) check(xs[i], name + "." + std::to_string(i));
  CHECK_MESSAGE(!g().has(name + "." + std::to_string(xs.size())), name << ": too few arrays");
}
template <class E, class F>
void check_error(F&& f, const std::string& name) {
  const std::string m = golden::message_of<E>(f);
  CHECK_MESSAGE(m == g().text(name), name << ": got '" << m << "'");
}
}  // namespace adv_test
