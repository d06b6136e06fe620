// Reductions: sum, prod, mean, var, std for every dtype, axis choice and
// keepdims, against NumPy (tests/golden/gen_reduce.py); NumPy's accuracy.
#include "reduce_common.hpp"

#include <cmath>

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_reduce {

using namespace reduce_test;
using std::int32_t, std::int64_t, std::uint8_t, std::uint64_t;

#define NF_REDUCE(FN) [](const auto& a, const np::axis_arg& ax, bool k) { return np::FN(a, ax, k); }

TEST_CASE("reduce: sum accumulates as NumPy (int64/uint64, floats in their own dtype)") {
  check_all_axes<double, double>("sum", "f64", NF_REDUCE(sum), 2);
  check_all_axes<float, float>("sum", "f32", NF_REDUCE(sum), 2);
  check_all_axes<int64_t, int32_t>("sum", "i32", NF_REDUCE(sum));
  check_all_axes<uint64_t, uint8_t>("sum", "u8", NF_REDUCE(sum));
  check_all_axes<int64_t, bool>("sum", "bool", NF_REDUCE(sum));
}

TEST_CASE("reduce: prod") {
  // NumPy's float product is sequential; so is numfuse's: bit for bit
  check_all_axes<double, double>("prod", "f64", NF_REDUCE(prod));
  check_all_axes<int64_t, int32_t>("prod", "i32", NF_REDUCE(prod));  // wraps as NumPy's
  check_all_axes<int64_t, int64_t>("prod", "i64", NF_REDUCE(prod));
}

TEST_CASE("reduce: mean, var, std (float64 for integers)") {
  check_all_axes<double, double>("mean", "f64", NF_REDUCE(mean), 2);
  check_all_axes<float, float>("mean", "f32", NF_REDUCE(mean), 2);
  check_all_axes<double, int32_t>("mean", "i32", NF_REDUCE(mean), 2);
  check_all_axes<double, double>("var", "f64", NF_REDUCE(var), 4);
  check_all_axes<double, int32_t>("var", "i32", NF_REDUCE(var), 4);
  check_all_axes<float, float>("std", "f32", NF_REDUCE(std), 4);
  check_all_axes<double, double>("std", "f64", NF_REDUCE(std), 4);
  const auto& g = data();
  const auto in = g.array<double>("in.f64");
  golden::check_array(np::ndarray<double>(np::var(in, 1, false, 1)), g.array<double>("var.f64.1.ddof1"),
                      "ddof=1", 4);
  golden::check_array(np::ndarray<double>(np::std(in, {}, false, 1)), g.array<double>("std.f64.all.ddof1"),
                      "std ddof=1", 4);
}

TEST_CASE("reduce: a contiguous float sum is NumPy's pairwise sum, bit for bit") {
  const auto& g = data();
  const auto big = g.array<double>("in.big");
  const double s = np::sum(big);
  CHECK(s == g.array<double>("sum.big")());
  const auto bigf = g.array<float>("in.bigf");
  const float sf = np::sum(bigf);
  CHECK(sf == g.array<float>("sum.bigf")());
  golden::check_array(np::eval(np::mean(bigf)), g.array<float>("mean.bigf"), "float32 mean");
  // 2**25 float32 ones: a naive float32 loop stops at 16777216
  const auto ones = np::ones<float>({std::ptrdiff_t(1) << 25});
  CHECK(float(np::sum(ones)) == 33554432.0f);
}

TEST_CASE("reduce: fused forms and reductions inside expressions") {
  const auto& g = data();
  const auto big = g.array<double>("in.big");
  golden::check_array(np::eval(np::sqrt(np::sum(big * big))), g.array<double>("sumsq.big"), "norm", 1);
  const auto in = g.array<double>("in.f64");
  golden::check_array(np::eval(np::max(np::abs(in - np::flip(in, 0)))), g.array<double>("maxabsdiff.f64"),
                      "max|a-b|");
  golden::check_array(np::eval(in - np::mean(in, 2, true)), g.array<double>("center.f64.2"), "a - mean", 2);
  golden::check_array(np::eval((in - np::mean(in)) / np::std(in)), g.array<double>("z.f64"), "z-score", 4);
  // a strided view with a negative step
  golden::check_array(np::eval(np::sum(in.view(np::slice(), np::slice(np::none, np::none, -2),
                                               np::slice(1, np::none, 2)), 1)),
                      g.array<double>("sum.strided"), "strided", 2);
}

TEST_CASE("reduce: empty reductions") {
  const auto& g = data();
  const auto z = np::zeros<double>({0, 3});
  golden::check_array(np::eval(np::sum(z, 0)), g.array<double>("sum.empty"), "sum of empty");
  golden::check_array(np::eval(np::prod(np::zeros<double>({2, 0}), 1)), g.array<double>("prod.empty"),
                      "prod of empty");
  CHECK(golden::message_of<np::value_error>([&] { (void)np::eval(np::max(z, 0)); }) == g.text("max.empty"));
  const auto in = g.array<double>("in.f64");
  CHECK(golden::message_of<np::axis_error>([&] { (void)np::sum(in, 3); }) == g.text("axis.bad"));
  // Bounds first, then duplicates (NumPy's order): -4 is reported, not -2.
  const auto in2 = np::zeros<double>({2, 3});  // ndim 2, as f64[0]
  CHECK(golden::message_of<np::axis_error>([&] { (void)np::any(in2, {0, -2, -4}); }) ==
        g.text("axis.order"));
  CHECK(golden::message_of<np::value_error>([&] { (void)np::sum(in, {0, -3}); }) ==
        g.text("axis.dup"));
  CHECK(std::isnan(np::eval(np::mean(np::zeros<double>({0}))).data()[0]));
}

}  // namespace test_reduce

#undef NF_REDUCE
