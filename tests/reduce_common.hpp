// Shared helpers of the reduction tests: goldens from tests/data/reduce.txt
// (tests/golden/gen_reduce.py), axis names as the generator writes them.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <string>
#include <vector>

#include "golden_reader.hpp"

namespace np = numfuse;

namespace reduce_test {

inline const golden::data& data() {
  static const golden::data g("reduce.txt");
  return g;
}

/// "all" -> all axes, "1" -> 1, "0_2" -> {0, 2}.
inline np::axis_arg axis_of(const std::string& s) {
  if (s == "all") return {};
  std::vector<int> axes;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = s.find('_', start);
    axes.push_back(std::stoi(s.substr(start, end - start)));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (axes.size() == 1) return axes[0];
  return axes;
}

inline const std::vector<std::string>& axis_names() {
  static const std::vector<std::string> a = {"all", "0", "1", "2", "-1", "0_2", "1_2"};
  return a;
}

/// For every axis choice and keepdims, f(input, axis, keepdims) against
/// "<func>.<dt>.<axis>[.k]"; R is the result dtype NumPy gives.
template <class R, class T, class F>
void check_all_axes(const std::string& func, const std::string& dt, F f, std::uint64_t ulp = 0) {
  const auto& g = data();
  const auto in = g.array<T>("in." + dt);
  for (const auto& ax : axis_names()) {
    for (bool k : {false, true}) {
      const std::string name = func + "." + dt + "." + ax + (k ? ".k" : "");
      const np::ndarray<R> got = f(in, axis_of(ax), k);
      golden::check_array(got, g.array<R>(name), name, ulp);
    }
  }
}

}  // namespace reduce_test
