// initial= and where= of sum, prod, max, min, mean, any, all, var, std and
// the nan* reductions against NumPy
// (tests/golden/gen_reduce2.py): full-shape and broadcast masks, a slice
// with nothing selected, keepdims, the missing-initial error.
#include "reduce2_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_reduce_where {

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

// ---- where= (and initial=) of var, std and the nan* reductions
// (reduce_where_nan.txt). NumPy's masked sums skip the unselected elements
// where numfuse sums zeros in their place: float results are compared
// within a few ulp.
namespace {
const golden::data& nan_data() {
  static const golden::data g("reduce_where_nan.txt");
  return g;
}
}  // namespace

TEST_CASE("reduce where=: var, std") {
  const auto& g = nan_data();
  const auto f64 = g.array<double>("in.f64");
  const auto f32 = g.array<float>("in.f32");
  const auto i32 = g.array<int32_t>("in.i32");
  const auto mask = g.array<bool>("mask");
  const auto bmask = g.array<bool>("bmask");
  for (const char* a : {"all", "1", "2"}) {
    const std::string n = a;
    const auto ax = ax_of(n);
    for (bool k : {false, true}) {
      const std::string sfx = n + (k ? ".k" : "");
      golden::check_array(np::eval(np::var(f64, ax, k, mask)), g.array<double>("var.f64.mask." + sfx),
                          "var where " + sfx, 8);
    }
    // float32 over all axes: NumPy's masked float32 sum is 9 ulp from the
    // exact variance (4.1065788 in float64), numfuse's pairwise sum 0 ulp
    golden::check_array(np::eval(np::var(f32, ax, false, bmask)), g.array<float>("var.f32.bmask." + n),
                        "var float32 broadcast where " + n, 16);
    golden::check_array(np::eval(np::var(i32, ax, false, 0.0, mask)), g.array<double>("var.i32.mask." + n),
                        "var int32 where " + n, 8);
    golden::check_array(np::eval(np::std(f64, ax, false, 1.0, mask)),
                        g.array<double>("std.f64.mask.ddof1." + n), "std ddof=1 where " + n, 8);
  }
  // count - ddof <= 0: inf, or NaN for 0/0 (NumPy's max(count - ddof, 0))
  const np::ndarray<double> f3 = f64.view(np::ellipsis, np::slice(0, 3));
  const np::ndarray<bool> m3 = mask.view(np::ellipsis, np::slice(0, 3));
  golden::check_array(np::eval(np::var(f3, 2, false, 2.0, m3)), g.array<double>("var.f64.mask.ddof2.2"),
                      "var ddof=2 where", 8);
  // a fused operand and an expression mask
  golden::check_array(np::eval(np::var(f64 * 2.0 - i32, 1, false, f64 > 0.0)),
                      g.array<double>("var.fused.mask.1"), "var of an expression, expression mask", 8);
  // a mask that does not broadcast to the operand's shape
  const np::ndarray<bool> big = np::ones<bool>({2, 3, 5, 70});
  CHECK(golden::message_of<np::value_error>([&] { (void)np::var(f64, {}, false, big); }) ==
        g.text("var.where.shape"));
}

TEST_CASE("reduce where=: nansum, nanprod, nanmean, nanvar, nanstd") {
  const auto& g = nan_data();
  const auto n64 = g.array<double>("in.nanf64");
  const auto n32 = g.array<float>("in.nanf32");
  const auto i32 = g.array<int32_t>("in.i32");
  const auto mask = g.array<bool>("mask");
  const auto bmask = g.array<bool>("bmask");
  for (const char* a : {"all", "1", "2"}) {
    const std::string n = a;
    const auto ax = ax_of(n);
    golden::check_array(np::eval(np::nansum(n64, ax, false, mask)), g.array<double>("nansum.nanf64.mask." + n),
                        "nansum where " + n, 8);
    golden::check_array(np::eval(np::nansum(n64, ax, false, 2.5, mask)),
                        g.array<double>("nansum.nanf64.init_mask." + n), "nansum initial where " + n, 8);
    golden::check_array(np::eval(np::nansum(n32, ax, false, -1)), g.array<float>("nansum.nanf32.init." + n),
                        "nansum float32 initial " + n, 8);
    golden::check_array(np::eval(np::nanprod(n64 / 4.0, ax, false, mask)),
                        g.array<double>("nanprod.nanf64.mask." + n), "nanprod where " + n, 16);
    golden::check_array(np::eval(np::nanmean(n64, ax, false, mask)),
                        g.array<double>("nanmean.nanf64.mask." + n), "nanmean where " + n, 8);
    golden::check_array(np::eval(np::nanmean(n32, ax, false, bmask)),
                        g.array<float>("nanmean.nanf32.bmask." + n), "nanmean broadcast where " + n, 8);
    golden::check_array(np::eval(np::nanmean(i32, ax, false, mask)), g.array<double>("nanmean.i32.mask." + n),
                        "nanmean int32 where " + n, 8);
    golden::check_array(np::eval(np::nanvar(n64, ax, false, 1.0, mask)),
                        g.array<double>("nanvar.nanf64.mask.ddof1." + n), "nanvar ddof=1 where " + n, 8);
    golden::check_array(np::eval(np::nanstd(n32, ax, false, mask)), g.array<float>("nanstd.nanf32.mask." + n),
                        "nanstd float32 where " + n, 8);
    for (bool k : {false, true}) {
      const std::string sfx = n + (k ? ".k" : "");
      golden::check_array(np::eval(np::nanvar(n64, ax, k, mask)), g.array<double>("nanvar.nanf64.mask." + sfx),
                          "nanvar where " + sfx, 8);
    }
  }
  // count - ddof <= 0: NaN (nanvar's rule)
  const np::ndarray<double> n3 = n64.view(np::ellipsis, np::slice(0, 3));
  const np::ndarray<bool> m3 = mask.view(np::ellipsis, np::slice(0, 3));
  golden::check_array(np::eval(np::nanvar(n3, 2, false, 2.0, m3)), g.array<double>("nanvar.nanf64.mask.ddof2.2"),
                      "nanvar ddof=2 where", 8);
}

TEST_CASE("reduce where=/initial=: nanmax, nanmin") {
  const auto& g = nan_data();
  const auto n64 = g.array<double>("in.nanf64");
  const auto i32 = g.array<int32_t>("in.i32");
  const auto mask = g.array<bool>("mask");
  for (const char* a : {"all", "1", "2"}) {
    const std::string n = a;
    const auto ax = ax_of(n);
    golden::check_array(np::eval(np::nanmax(n64, ax, false, -0.5, mask)),
                        g.array<double>("nanmax.nanf64.init_mask." + n), "nanmax initial where " + n);
    golden::check_array(np::eval(np::nanmin(n64, ax, false, 0.25)), g.array<double>("nanmin.nanf64.init." + n),
                        "nanmin initial " + n);
    golden::check_array(np::eval(np::nanmin(i32, ax, false, 3, mask)),
                        g.array<int32_t>("nanmin.i32.init_mask." + n), "nanmin int32 initial where " + n);
  }
  // an empty slice gives initial (nanmin/nanmax, and max/min)
  const auto empty = np::zeros<double>({0, 3});
  golden::check_array(np::eval(np::nanmin(empty, 0, false, 3)), g.array<double>("nanmin.empty.init"),
                      "nanmin of an empty slice with initial");
  golden::check_array(np::eval(np::max(empty, 0, false, -1.5)), g.array<double>("max.empty.init"),
                      "max of an empty slice with initial");
  golden::check_array(np::eval(np::min(np::zeros<int32_t>({2, 0}), 1, false, 5)),
                      g.array<int32_t>("min.i32.empty.init"), "min of an empty slice with initial");
  golden::check_array(np::eval(np::max(empty, {}, false, 2.0, np::zeros<bool>({0, 3}))),
                      g.array<double>("max.empty.init_mask"), "max of an empty array, initial and where");
  // without initial, still NumPy's error
  CHECK_THROWS_AS((void)np::eval(np::max(empty, 0)), np::value_error);
  CHECK(golden::message_of<np::value_error>([&] { (void)np::nanmax(n64, {}, false, mask); }) ==
        g.text("nanmax.where"));
  CHECK(golden::message_of<np::value_error>([&] { (void)np::nanmin(i32, 1, false, mask); }) ==
        g.text("nanmin.where"));
}

}  // namespace test_reduce_where
