// Shared helpers of the cumulative tests: goldens from
// tests/data/cumulative.txt (tests/golden/gen_reduce2.py).
#pragma once

#include "reduce2_common.hpp"

namespace cumulative_test {

inline const golden::data& data() {
  static const golden::data g("cumulative.txt");
  return g;
}

/// f(input, axis) for axis None, 0, 1, 2, -1 against "<func>.<dt>.<axis>",
/// bit for bit (the scans are sequential, as NumPy's accumulate).
template <class R, class T, class F>
void check_scan(const std::string& func, const std::string& dt, F f) {
  const auto& g = data();
  const auto in = g.array<T>("in." + dt);
  for (const char* ax : reduce2_test::axis_names) {
    const std::string name = func + "." + dt + "." + ax;
    const np::ndarray<R> got = f(in, reduce2_test::axis_of(ax));
    golden::check_array(got, g.array<R>(name), name);
  }
}

}  // namespace cumulative_test

#define NF_SCAN(FN) [](const auto& a, std::optional<int> ax) { return np::FN(a, ax); }
