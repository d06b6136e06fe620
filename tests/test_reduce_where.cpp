// initial= and where= of sum, prod, max, min, mean, any, all against NumPy
// (tests/golden/gen_reduce2.py): full-shape and broadcast masks, a slice
// with nothing selected, keepdims, the missing-initial error.
#include "reduce2_common.hpp"

using std::int32_t, std::int64_t;

namespace {
const golden::data& data() {
  static const golden::data g("reduce_where.txt");
  return g;
}
np::axis_arg ax_of(const std::string& s) { return s == "all" ? np::axis_arg() : np::axis_arg(std::stoi(s)); }
}  // namespace

TEST_CASE("reduce where=/initial=: sum, prod, max, min") {
  const auto& g = data();
  const auto f64 = g.array<double>("in.f64");
  const auto i32 = g.array<int32_t>("in.i32");
  const auto mask = g.array<bool>("mask");
  for (const char* a : {"all", "1", "2"}) {
    const std::string n = a;
    const auto ax = ax_of(n);
    // NumPy's masked reduction groups the additions differently
    golden::check_array(np::eval(np::sum(f64, ax, false, mask)), g.array<double>("sum.f64.mask." + n),
                        "sum where", 4);
    golden::check_array(np::eval(np::sum(f64, ax, false, 10.5)), g.array<double>("sum.f64.init." + n),
                        "sum initial", 4);
    golden::check_array(np::eval(np::sum(i32, ax, false, 7, mask)),
                        g.array<int64_t>("sum.i32.init_mask." + n), "sum initial where");
    golden::check_array(np::eval(np::prod(f64 / 4.0, ax, false, mask)), g.array<double>("prod.f64.mask." + n),
                        "prod where", 16);
    golden::check_array(np::eval(np::max(f64, ax, false, -1.5, mask)),
                        g.array<double>("max.f64.init_mask." + n), "max initial where");
    golden::check_array(np::eval(np::amin(i32, ax, false, -3)), g.array<int32_t>("min.i32.init." + n),
                        "min initial");
  }
  golden::check_array(np::eval(np::sum(f64, 1, true, mask)), g.array<double>("sum.f64.mask.1.k"), "keepdims",
                      4);
  CHECK(golden::message_of<np::value_error>([&] { (void)np::max(f64, {}, false, mask); }) ==
        g.text("max.where"));
  CHECK(golden::message_of<np::value_error>([&] { (void)np::min(i32, 1, false, mask); }) ==
        g.text("min.where"));
}

TEST_CASE("reduce where=: mean, any, all") {
  const auto& g = data();
  const auto f64 = g.array<double>("in.f64");
  const auto f32 = g.array<float>("in.f32");
  const auto i32 = g.array<int32_t>("in.i32");
  const auto mask = g.array<bool>("mask");
  const auto bmask = g.array<bool>("bmask");
  for (const char* a : {"all", "1", "2"}) {
    const std::string n = a;
    const auto ax = ax_of(n);
    golden::check_array(np::eval(np::mean(f64, ax, false, mask)), g.array<double>("mean.f64.mask." + n),
                        "mean where", 4);
    golden::check_array(np::eval(np::mean(f32, ax, false, bmask)), g.array<float>("mean.f32.bmask." + n),
                        "mean broadcast where", 4);
    golden::check_array(np::eval(np::any(f64 > 3.0, ax, false, mask)), g.array<bool>("any.f64.mask." + n),
                        "any where");
    golden::check_array(np::eval(np::all(i32, ax, false, mask)), g.array<bool>("all.i32.mask." + n),
                        "all where");
  }
}
