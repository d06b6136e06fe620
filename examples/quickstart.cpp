// numfuse quickstart: NumPy-style arrays, lazy expressions, one fused SIMD pass.
#include <numfuse/numfuse.hpp>

#include <iostream>

namespace np = numfuse;

int main() {
  // Arrays from nested initializer lists, like np.array([[...], [...]]).
  np::ndarray<double> a = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
  np::ndarray<double> b = {10.0, 20.0, 30.0};

  // a * b + sin(a) builds an expression; assigning it evaluates everything in
  // one fused pass, broadcasting shape (2, 3) with shape (3,).
  np::ndarray<double> c = a * b + np::sin(a);
  std::cout << "c shape: " << np::shape_str(c.shape()) << "\n" << c << "\n";  // (2, 3)

  // Python scalars do not promote: float32 * 2.0 stays float32 (NEP 50).
  np::ndarray<float> x = np::linspace<float>(0.0, 1.0, 5);
  std::cout << np::eval(x * 2.0) << "\n";

  // Constructors and unary functions: (4,) broadcast against (2, 4).
  np::ndarray<double> z = np::zeros<double>({2, 4});
  std::cout << np::eval(np::sqrt(np::arange<double>(4)) + np::exp(z)) << "\n";

  std::cout << "SIMD target: " << np::simd_target() << "\n";
}
