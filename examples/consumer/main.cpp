// Checks that an installed numfuse computes correct results and, without any
// -march flag, dispatches to AVX-512 code on CPUs that support it.
#include <numfuse/numfuse.hpp>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

namespace np = numfuse;

namespace {

// Reads element i of a 1-D array through whichever accessor ndarray offers.
template <class A>
double element(const A& a, std::size_t i) {
  if constexpr (requires { static_cast<double>(a.data()[i]); }) {
    return static_cast<double>(a.data()[i]);
  } else if constexpr (requires { static_cast<double>(*std::next(a.begin(), 1)); }) {
    return static_cast<double>(*std::next(a.begin(), static_cast<std::ptrdiff_t>(i)));
  } else if constexpr (requires { static_cast<double>(a[i]); }) {
    return static_cast<double>(a[i]);
  } else {
    return static_cast<double>(a(i));
  }
}

bool cpu_has_avx512() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  // Highway's AVX3 target needs F + VL + DQ + BW.
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw");
#else
  return false;
#endif
}

}  // namespace

int main() {
  constexpr std::size_t n = 1000;  // long enough to run full SIMD vectors
  np::ndarray<double> a = np::arange<double>(n);
  np::ndarray<double> r = np::eval(a * 2.0 + 1.0);

  std::size_t count = 1;
  for (auto d : r.shape()) {
    count *= static_cast<std::size_t>(d);
  }
  if (count != n) {
    std::fprintf(stderr, "FAIL: result has %zu elements, expected %zu\n", count, n);
    return 1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double got = element(r, i);
    const double want = 2.0 * static_cast<double>(i) + 1.0;
    if (got != want) {
      std::fprintf(stderr, "FAIL: r[%zu] = %g, expected %g\n", i, got, want);
      return 1;
    }
  }

  const std::string target(np::simd_target());
  std::cout << "numfuse consumer: a * 2 + 1 OK for " << n << " elements\n"
            << "SIMD target: " << target << "\n";

  if (cpu_has_avx512() && !target.starts_with("AVX3")) {
    std::cerr << "FAIL: CPU supports AVX-512 but numfuse dispatched to " << target << "\n";
    return 1;
  }
  return 0;
}
