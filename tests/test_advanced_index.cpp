#include <doctest/doctest.h>
#include <numfuse/numfuse.hpp>
#include <iostream>
namespace np = numfuse;
TEST_CASE("smoke") {
  np::ndarray<double> a = np::arange<double>(0, 12, 1).reshape({3, 4});
  np::ndarray<double> r = a[a > 4.0];
  std::cout << r << "\n";
  np::ndarray<std::int64_t> idx{2, 0, -1};
  np::ndarray<double> r2 = a[idx];
  std::cout << r2 << "\n";
  np::ndarray<double> r3 = a.adv(np::slice(), idx);
  std::cout << r3 << "\n";
  np::ndarray<double> r4 = a.adv(idx, idx);
  std::cout << r4 << "\n";
  a[a > 4.0] = 0;
  std::cout << a << "\n";
  a[idx] += 1.0; a[idx] = a[idx];
  std::cout << a << "\n";
  np::ndarray<std::int32_t> b{1,2,3,4};
  np::ndarray<std::int32_t> r5 = b[idx];
  std::cout << r5 << "\n";
  try { np::ndarray<double> x = a[np::ndarray<std::int64_t>{5}]; } catch (np::index_error& e) { std::cout << e.what() << "\n"; }
}
