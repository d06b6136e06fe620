// np.diff (n = 0, 1, 2, 30; axes; bool gives !=) and np.average (no
// weights, full-shape and 1-D weights, NumPy's result dtypes, errors)
// against NumPy (tests/golden/gen_reduce2.py).
#include "cumulative_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_diff_average {

using namespace cumulative_test;
using std::int64_t;

namespace {
template <class T>
void check_diff(const std::string& dt) {
  const auto& g = data();
  const auto in = g.array<T>("in." + dt);
  for (int n : {1, 2}) {
    for (int ax : {-1, 0, 1}) {
      const std::string name = "diff." + dt + "." + std::to_string(n) + "." + std::to_string(ax);
      golden::check_array(np::diff(in, n, ax), g.array<T>(name), name);
    }
  }
}

template <class T>
void check_average(const std::string& dt) {
  const auto& g = data();
  const auto a = g.array<T>("in." + dt);
  const auto wfull = g.array<double>("w.full");
  const auto w1 = g.array<float>("w.1");
  const auto wi = g.array<std::int32_t>("w.i");
  const std::string p = "average." + dt;
  using M = std::conditional_t<std::is_floating_point_v<T>, T, double>;
  golden::check_array(np::eval(np::average(a)), g.array<M>(p + ".none"), p + ".none", 2);
  golden::check_array(np::eval(np::average(a, 1)), g.array<M>(p + ".1"), p + ".1", 2);
  golden::check_array(np::average(a, {}, wfull), g.array<double>(p + ".full.all"), p + ".full.all", 4);
  golden::check_array(np::average(a, 2, wfull), g.array<double>(p + ".full.2"), p + ".full.2", 4);
  using R1 = np::detail::average_t<T, float>;
  golden::check_array(np::average(a, 1, w1), g.array<R1>(p + ".w1.1"), p + ".w1.1", 4);
  golden::check_array(np::average(a, -1, wi), g.array<double>(p + ".wi.-1"), p + ".wi.-1", 4);
}
}  // namespace

TEST_CASE("diff: n-th differences along an axis, every dtype family") {
  check_diff<bool>("bool");
  check_diff<std::int8_t>("i8");
  check_diff<std::uint16_t>("u16");
  check_diff<int64_t>("i64");
  check_diff<float>("f32");
  check_diff<double>("nanf64");
  const auto& g = data();
  const auto in = g.array<double>("in.f64");
  golden::check_array(np::diff(in, 0), g.array<double>("diff.f64.0"), "n=0");
  golden::check_array(np::diff(in, 30), g.array<double>("diff.f64.30"), "n > length");
  CHECK(golden::message_of<np::value_error>([&] { (void)np::diff(in, -1); }) == g.text("diff.neg"));
  CHECK(golden::message_of<np::value_error>([&] { (void)np::diff(np::zeros<double>({})); }) ==
        g.text("diff.0d"));
}

TEST_CASE("diff: prepend= and append=, NumPy's dtypes and errors") {
  const auto& g = data();
  const auto f64 = g.array<double>("in.f64");
  const auto f32 = g.array<float>("in.f32");
  const auto i8 = g.array<std::int8_t>("in.i8");
  const auto b = g.array<bool>("in.bool");
  golden::check_array(np::diff(f64, 1, 1, 0.0), g.array<double>("diff.pre.f64"), "prepend 0.0");
  // a double prepend makes float32 data float64, as a Python float does
  const np::ndarray<double> pre32 = np::diff(f32, 1, -1, 0.5);
  golden::check_array(pre32, g.array<double>("diff.pre.f32"), "float32, prepend 0.5");
  golden::check_array(np::diff(f32, 1, 0, np::none, f32.view(np::slice(0, 1))),
                      g.array<float>("diff.app.f32"), "append a slice");
  // an int prepend is int64 (NumPy's default int), so the result is too
  const np::ndarray<std::int64_t> both =
      np::diff(i8, 2, -1, 1, i8.view(np::ellipsis, np::slice(0, 2)));
  golden::check_array(both, g.array<std::int64_t>("diff.both.i8"), "prepend and append");
  golden::check_array(np::diff(b, 1, 1, true), g.array<bool>("diff.pre.bool"), "bool prepend");
  CHECK(golden::message_of<np::value_error>([&] {
          (void)np::diff(f64, 1, 1, np::zeros<double>({2, 1, 21}));
        }) == g.text("diff.pre.bad"));
}

TEST_CASE("average: weights, dtypes, errors") {
  check_average<double>("f64");
  check_average<float>("f32");
  check_average<std::int32_t>("i32");
  check_average<bool>("bool");
  const auto& g = data();
  const auto in = g.array<double>("in.f64");
  const auto w1 = g.array<float>("w.1");
  const auto wfull = g.array<double>("w.full");
  CHECK(golden::message_of<np::type_error>([&] { (void)np::average(in, {}, w1); }) == g.text("average.noaxis"));
  const np::ndarray<double> w2 = wfull.view(0);
  CHECK(golden::message_of<np::type_error>([&] { (void)np::average(in, 1, w2); }) == g.text("average.not1d"));
  CHECK(golden::message_of<np::value_error>([&] { (void)np::average(in, 0, w1); }) == g.text("average.len"));
  const np::ndarray<float> w0 = w1 * 0.0f;
  CHECK(golden::message_of<np::zero_division_error>([&] { (void)np::average(in, 1, w0); }) ==
        g.text("average.zero"));
}

TEST_CASE("average: keepdims= and returned=") {
  const auto& g = data();
  const auto f64 = g.array<double>("in.f64");
  const auto f32 = g.array<float>("in.f32");
  const auto i32 = g.array<std::int32_t>("in.i32");
  const auto wfull = g.array<double>("w.full");
  const auto w1 = g.array<float>("w.1");
  const auto wi = g.array<std::int32_t>("w.i");
  golden::check_array(np::average(f64, 1, np::none, true), g.array<double>("average.f64.1.k"),
                      "keepdims", 2);
  golden::check_array(np::average(i32, 1, w1, true), g.array<double>("average.i32.w1.1.k"),
                      "weights, keepdims", 4);
  {
    auto [avg, scl] = np::average(f64, 2, np::none, np::returned);
    golden::check_array(avg, g.array<double>("average.f64.ret.2"), "returned", 2);
    golden::check_array(scl, g.array<double>("average.f64.ret.2.scl"), "returned count");
  }
  {
    auto [avg, scl] = np::average(i32, -1, wi, np::returned);
    golden::check_array(avg, g.array<double>("average.i32.wi.ret"), "1-d weights, returned", 4);
    golden::check_array(scl, g.array<double>("average.i32.wi.ret.scl"), "sum of 1-d weights");
  }
  {
    auto [avg, scl] = np::average(f32, 2, wfull, np::returned, true);
    golden::check_array(avg, g.array<double>("average.f32.full.ret.k"), "returned, keepdims", 4);
    golden::check_array(scl, g.array<double>("average.f32.full.ret.k.scl"), "sum of weights", 4);
  }
  {
    auto [avg, scl] = np::average(i32, {}, np::none, np::returned);
    golden::check_array(avg, g.array<double>("average.i32.ret.all"), "all, returned", 2);
    golden::check_array(scl, g.array<double>("average.i32.ret.all.scl"), "count");
  }
}

}  // namespace test_diff_average
