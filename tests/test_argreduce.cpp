// argmax, argmin, nanargmax, nanargmin on bool and float inputs, every
// axis and keepdims, NaN rules, strided/fused operands, errors -- against
// NumPy (tests/golden/gen_reduce2.py). Integer dtypes: test_argreduce_int.
#include "reduce2_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_argreduce {

using namespace reduce2_test;
using std::int64_t;

namespace {
const golden::data& data() {
  static const golden::data g("argreduce.txt");
  return g;
}
}  // namespace

#define NF_ARG(FN) [](const auto& a, std::optional<int> ax, bool k) { return np::FN(a, ax, k); }

TEST_CASE("argreduce: float and bool inputs, every axis, keepdims") {
  const auto& g = data();
  for (const char* dt : {"f64", "nanf64"}) {
    check_axes<int64_t, double>(g, "argmax", dt, NF_ARG(argmax));
    check_axes<int64_t, double>(g, "argmin", dt, NF_ARG(argmin));
    check_axes<int64_t, double>(g, "nanargmax", dt, NF_ARG(nanargmax));
    check_axes<int64_t, double>(g, "nanargmin", dt, NF_ARG(nanargmin));
  }
  for (const char* dt : {"f32", "nanf32"}) {
    check_axes<int64_t, float>(g, "argmax", dt, NF_ARG(argmax));
    check_axes<int64_t, float>(g, "argmin", dt, NF_ARG(argmin));
    check_axes<int64_t, float>(g, "nanargmax", dt, NF_ARG(nanargmax));
    check_axes<int64_t, float>(g, "nanargmin", dt, NF_ARG(nanargmin));
  }
  check_axes<int64_t, bool>(g, "argmax", "bool", NF_ARG(argmax));
  check_axes<int64_t, bool>(g, "argmin", "bool", NF_ARG(argmin));
  check_axes<int64_t, bool>(g, "nanargmax", "bool", NF_ARG(nanargmax));
}

TEST_CASE("argreduce: a long row; the first NaN wins argmax, nanargmax skips NaNs") {
  const auto& g = data();
  const auto big = g.array<float>("in.big");
  CHECK(int64_t(np::argmax(big)) == g.array<int64_t>("argmax.big")());
  CHECK(int64_t(np::argmin(big)) == g.array<int64_t>("argmin.big")());
  CHECK(int64_t(np::nanargmax(big)) == g.array<int64_t>("nanargmax.big")());
  CHECK(int64_t(np::nanargmin(big)) == g.array<int64_t>("nanargmin.big")());
}

TEST_CASE("argreduce: strided views and expressions") {
  const auto& g = data();
  const auto in = g.array<double>("in.f64");
  using np::slice, np::none;
  golden::check_array(np::eval(np::argmax(in.view(slice(), slice(none, none, -2), slice(1, none, 3)), 1)),
                      g.array<int64_t>("argmax.strided.1"), "strided axis 1");
  golden::check_array(np::eval(np::argmin(in.view(slice(none, none, 2), slice(), slice(none, none, -1)))),
                      g.array<int64_t>("argmin.strided.all"), "strided all");
  golden::check_array(np::eval(np::argmax(np::abs(in - np::flip(in, 0)), 2)),
                      g.array<int64_t>("argmax.absdiff.2"), "argmax(|a - b|)");
}

TEST_CASE("argreduce: empty and all-NaN slices, bad axis") {
  const auto& g = data();
  const auto z = np::zeros<double>({0, 3});
  CHECK(golden::message_of<np::value_error>([&] { (void)np::eval(np::argmax(z, 0)); }) ==
        g.text("argmax.empty"));
  CHECK(golden::message_of<np::value_error>([&] { (void)int64_t(np::argmin(np::zeros<double>({0}))); }) ==
        g.text("argmin.empty"));
  golden::check_array(np::eval(np::argmax(z, 1)), g.array<int64_t>("argmax.empty.1"), "empty result");
  const auto allnan = g.array<double>("in.allnan");
  CHECK(golden::message_of<np::value_error>([&] { (void)np::eval(np::nanargmax(allnan, 2)); }) ==
        g.text("nanargmax.allnan"));
  golden::check_array(np::eval(np::nanargmin(allnan, 0)), g.array<int64_t>("nanargmin.allnan.0"),
                      "all-NaN elsewhere");
  const auto in = g.array<double>("in.f64");
  CHECK(golden::message_of<np::axis_error>([&] { (void)np::argmax(in, 3); }) == g.text("axis.bad"));
}

}  // namespace test_argreduce

#undef NF_ARG
