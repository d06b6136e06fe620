// Shared by tests/test_ufunc_transc_*.cpp: the transcendental and
// float-decomposition ufuncs against NumPy (tests/data/ufunc_transc.txt,
// written by tests/golden/gen_ufunc_transc.py). Each test file instantiates
// the cases for a few dtypes only (compile time).
//
// Tolerances: NumPy's transcendental loops (SVML on AVX-512 machines) and
// numfuse's are each within 4 ULP of the exact result
// (tests/test_ufunc_ulp.cpp), so they may differ by up to kUlp; NaN,
// infinities and zeros (with their sign) must match exactly. fabs, modf,
// frexp and ldexp are exact.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>

#include <numfuse/numfuse.hpp>

#include "golden_reader.hpp"

namespace transc_test {

namespace np = numfuse;
using golden::run_cases;

constexpr std::uint64_t kUlp = 8;

inline const golden::data& data() {
  static const golden::data g("ufunc_transc.txt");
  return g;
}

/// Result dtype of a math ufunc on T (numfuse: float32 where NumPy has
/// float16, i.e. for bool and 8/16-bit integers).
template <class T>
using math_t = std::conditional_t<std::is_floating_point_v<T>, T,
                                  std::conditional_t<(sizeof(T) <= 2), float, double>>;

#define TRANSC_UN(R, T, NAME, EXPR, ULP) \
  run_cases<R, T>(g, NAME, [](auto& x) { return EXPR; }, ULP)
#define TRANSC_BIN(R, T1, T2, NAME, EXPR, ULP) \
  run_cases<R, T1, T2>(g, NAME, [](auto& x, auto& y) { return EXPR; }, ULP)

/// Every unary function of the file on dtype T (suffix s).
template <class T>
void unary_all(const std::string& s) {
  using R = math_t<T>;
  const auto& g = data();
  TRANSC_UN(R, T, "exp2_" + s, np::exp2(x), kUlp);
  TRANSC_UN(R, T, "expm1_" + s, np::expm1(x), kUlp);
  TRANSC_UN(R, T, "log2_" + s, np::log2(x), kUlp);
  TRANSC_UN(R, T, "log10_" + s, np::log10(x), kUlp);
  TRANSC_UN(R, T, "log1p_" + s, np::log1p(x), kUlp);
  TRANSC_UN(R, T, "cbrt_" + s, np::cbrt(x), kUlp);
  TRANSC_UN(R, T, "tan_" + s, np::tan(x), kUlp);
  TRANSC_UN(R, T, "arcsin_" + s, np::arcsin(x), kUlp);
  TRANSC_UN(R, T, "arccos_" + s, np::arccos(x), kUlp);
  TRANSC_UN(R, T, "arctan_" + s, np::arctan(x), kUlp);
  TRANSC_UN(R, T, "sinh_" + s, np::sinh(x), kUlp);
  TRANSC_UN(R, T, "cosh_" + s, np::cosh(x), kUlp);
  TRANSC_UN(R, T, "tanh_" + s, np::tanh(x), kUlp);
  TRANSC_UN(R, T, "arcsinh_" + s, np::arcsinh(x), kUlp);
  TRANSC_UN(R, T, "arccosh_" + s, np::arccosh(x), kUlp);
  TRANSC_UN(R, T, "arctanh_" + s, np::arctanh(x), kUlp);
  TRANSC_UN(R, T, "fabs_" + s, np::fabs(x), 0);
  TRANSC_UN(R, T, "modf0_" + s, np::modf(x).first, 0);
  TRANSC_UN(R, T, "modf1_" + s, np::modf(x).second, 0);
  TRANSC_UN(R, T, "frexp0_" + s, np::frexp(x).first, 0);
  TRANSC_UN(std::int32_t, T, "frexp1_" + s, np::frexp(x).second, 0);
}

/// sinc of an integer dtype: float64; NumPy's sin(pi*n)/(pi*n) is ~1e-17
/// where numfuse's is 0, so the comparison is absolute (1e-15).
template <class T>
void sinc_int(const std::string& s) {
  const auto& g = data();
  const auto outs = g.names("sinc_" + s + "|", "|out");
  REQUIRE(!outs.empty());
  for (const auto& out_name : outs) {
    const std::string key = out_name.substr(0, out_name.size() - 4);
    const auto x = g.view<T>(key + "|x");
    const auto want = golden::elements(g.array<double>(out_name));
    auto e = np::sinc(x);
    static_assert(std::is_same_v<typename decltype(e)::value_type, double>);
    const np::ndarray<double> got_a = e;
    const auto got = golden::elements(got_a);
    REQUIRE(got.size() == want.size());
    int bad = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (!(std::fabs(got[i] - want[i]) <= 1e-15)) ++bad;
    }
    CHECK_MESSAGE(bad == 0, key << ": " << bad << " elements differ by more than 1e-15");
  }
}

}  // namespace transc_test
