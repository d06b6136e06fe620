// Reductions: sum, prod, mean, var, std for every dtype, axis choice and
// keepdims, against NumPy (tests/golden/gen_reduce.py); NumPy's accuracy.
#include "reduce_common.hpp"

#include <cmath>
#include <cstring>

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

/// np::eval(mean(in, ax, k), std(in, ax, k)) for every axis choice against
/// NumPy's mean and std, and bit for bit against evaluating them apart (the
/// pair is one pass of the var kernel where each result reduces one row).
template <class R, class T>
void check_mean_std_together(const std::string& dt) {
  const auto& g = data();
  const auto in = g.array<T>("in." + dt);
  for (const auto& ax : axis_names()) {
    for (bool k : {false, true}) {
      const std::string sfx = "." + dt + "." + ax + (k ? ".k" : "");
      INFO(sfx);
      auto [m, s] = np::eval(np::mean(in, axis_of(ax), k), np::std(in, axis_of(ax), k));
      golden::check_array(m, g.array<R>("mean" + sfx), "mean" + sfx, 2);
      golden::check_array(s, g.array<R>("std" + sfx), "std" + sfx, 4);
      const np::ndarray<R> m1 = np::mean(in, axis_of(ax), k), s1 = np::std(in, axis_of(ax), k);
      REQUIRE(m.size() == m1.size());
      CHECK(std::memcmp(m.data(), m1.data(), sizeof(R) * std::size_t(m.size())) == 0);
      CHECK(std::memcmp(s.data(), s1.data(), sizeof(R) * std::size_t(s.size())) == 0);
    }
  }
}

TEST_CASE("reduce: np::eval of a mean and a std/var together") {
  check_mean_std_together<double, double>("f64");
  check_mean_std_together<float, float>("f32");
  check_mean_std_together<double, int32_t>("i32");
  const auto& g = data();
  const auto in = g.array<double>("in.f64");
  // var first, ddof, and an operand that is evaluated on its own
  auto [v, m, x] = np::eval(np::var(in, 1, false, 1), np::mean(in, 1), in * 2.0);
  golden::check_array(v, g.array<double>("var.f64.1.ddof1"), "var ddof=1", 4);
  golden::check_array(m, g.array<double>("mean.f64.1"), "mean axis 1", 2);
  CHECK(x.shape() == in.shape());
  CHECK(x(1, 2, 3) == 2.0 * in(1, 2, 3));
  // different axes: not fused, each still right
  auto [m0, s2] = np::eval(np::mean(in, 0), np::std(in, 2));
  golden::check_array(m0, g.array<double>("mean.f64.0"), "mean axis 0", 2);
  golden::check_array(s2, g.array<double>("std.f64.2"), "std axis 2", 4);
  // a negative-stride view: fused on the strided row path
  const auto flipped = np::flip(in, 2);
  auto [mf, sf] = np::eval(np::mean(flipped, 2), np::std(flipped, 2));
  golden::check_array(mf, g.array<double>("mean.f64.2"), "mean flipped", 2);
  golden::check_array(sf, g.array<double>("std.f64.2"), "std flipped", 4);
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
