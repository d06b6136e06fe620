// Shared helpers of the argmax/nan*/cumulative tests: goldens from
// tests/golden/gen_reduce2.py, axes as that script names them.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <optional>
#include <string>

#include "golden_reader.hpp"

namespace np = numfuse;

namespace reduce2_test {

inline std::optional<int> axis_of(const std::string& s) {
  if (s == "all") return std::nullopt;
  return std::stoi(s);
}

inline const char* const axis_names[] = {"all", "0", "1", "2", "-1"};

/// For every axis (None, 0, 1, 2, -1) and keepdims, f(input, axis,
/// keepdims) against "<func>.<dt>.<axis>[.k]"; R is NumPy's result dtype.
template <class R, class T, class F>
void check_axes(const golden::data& g, const std::string& func, const std::string& dt, F f,
                std::uint64_t ulp = 0) {
  const auto in = g.array<T>("in." + dt);
  for (const char* ax : axis_names) {
    for (bool k : {false, true}) {
      const std::string name = func + "." + dt + "." + ax + (k ? ".k" : "");
      const np::ndarray<R> got = f(in, axis_of(ax), k);
      golden::check_array(got, g.array<R>(name), name, ulp);
    }
  }
}

}  // namespace reduce2_test
