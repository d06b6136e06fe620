// Threading (eval/parallel.hpp, eval/split.hpp): the thread-count controls,
// results identical at every thread count (bitwise for reductions) and
// equal to NumPy's (tests/golden/gen_parallel.py), small work serial, and
// nested use inside the user's TBB arenas, parallel_for and std::threads.
// This file is the `concurrency` test that also runs under ThreadSanitizer.
#include "golden_reader.hpp"

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <thread>
#include <vector>

namespace np = numfuse;
using std::int64_t;

namespace {

const golden::data& gdata() {
  static const golden::data d("parallel.txt");
  return d;
}

constexpr std::ptrdiff_t N = 1000003;

/// x[i] = ((i * 7919) % 1000003) / 1000003.0 - 0.5, as the golden script.
const np::ndarray<int64_t>& k_input() {
  static const np::ndarray<int64_t> k = np::remainder(np::arange<int64_t>(0, N) * 7919, 1000003);
  return k;
}
const np::ndarray<double>& x_input() {
  static const np::ndarray<double> x = np::astype<double>(k_input()) / 1000003.0 - 0.5;
  return x;
}

/// Restores the thread setting when a test ends.
struct threads_guard {
  int saved = np::get_num_threads();
  ~threads_guard() { np::set_num_threads(saved); }
};

/// f() evaluated with 1 thread, 2 threads and, inside a 4-slot arena, 4
/// (the chunking follows the thread count, so this varies how work is cut).
template <class F>
auto at_thread_counts(F f) {
  threads_guard g;
  using R = decltype(f());
  std::vector<R> out;
  np::set_num_threads(1);
  out.push_back(f());
  np::set_num_threads(2);
  out.push_back(f());
  np::set_num_threads(4);
  tbb::task_arena arena(4);
  arena.execute([&] { out.push_back(f()); });
  return out;
}

template <class T>
void check_same_bits(const std::vector<np::ndarray<T>>& r, const char* what) {
  for (std::size_t i = 1; i < r.size(); ++i) {
    golden::check_array(r[i], r[0], std::string(what) + " (threads run " + std::to_string(i) + ")");
  }
}

/// |got - want| <= tol elementwise (sums whose NumPy order differs).
template <class X>
void check_close(const X& got, const np::ndarray<double>& want, double tol, const char* what) {
  INFO(what);
  const auto gv = golden::elements(got), wv = golden::elements(want);
  REQUIRE(gv.size() == wv.size());
  for (std::size_t i = 0; i < gv.size(); ++i) CHECK(std::abs(gv[i] - wv[i]) <= tol);
}

}  // namespace

TEST_CASE("parallel: set_num_threads / get_num_threads / NUMFUSE_NUM_THREADS") {
  threads_guard g;
  const int def = np::detail::default_num_threads();
  CHECK(def >= 1);
  CHECK(np::set_num_threads(3) == g.saved);
  CHECK(np::get_num_threads() == 3);
  CHECK(np::set_num_threads(0) == 3);  // 0: back to the default
  CHECK(np::get_num_threads() == def);
  CHECK_THROWS_AS(np::set_num_threads(-1), np::value_error);
  CHECK(np::get_num_threads() == def);

  ::setenv("NUMFUSE_NUM_THREADS", "5", 1);
  CHECK(np::detail::default_num_threads() == 5);
  ::setenv("NUMFUSE_NUM_THREADS", "zero", 1);  // not a positive integer: ignored
  CHECK(np::detail::default_num_threads() == tbb::info::default_concurrency());
  ::setenv("NUMFUSE_NUM_THREADS", "-2", 1);
  CHECK(np::detail::default_num_threads() == tbb::info::default_concurrency());
  ::unsetenv("NUMFUSE_NUM_THREADS");
}

TEST_CASE("parallel: the cost model keeps small work serial; serial_scope and arenas limit threads") {
  threads_guard g;
  np::set_num_threads(2);
  const double big = 1e9;
  CHECK(np::detail::parallel_threads(1000.0) == 1);
  CHECK(np::detail::parallel_threads(big) == std::min(2, tbb::this_task_arena::max_concurrency()));
  {
    np::serial_scope s;
    CHECK(np::detail::parallel_threads(big) == 1);
    {
      np::serial_scope nested;
      CHECK(np::detail::parallel_threads(big) == 1);
    }
    CHECK(np::detail::parallel_threads(big) == 1);
  }
  CHECK(np::detail::parallel_threads(big) == std::min(2, tbb::this_task_arena::max_concurrency()));
  tbb::task_arena one(1);
  one.execute([&] { CHECK(np::detail::parallel_threads(big) == 1); });
  np::set_num_threads(1);
  CHECK(np::detail::parallel_threads(big) == 1);
  // The cost of an element: a sin weighs more than an add.
  using A = np::ndarray<double>;
  using add_t = decltype(std::declval<const A&>() + std::declval<const A&>());
  using sin_t = decltype(np::sin(std::declval<const A&>()));
  CHECK(np::expr::cost_v<sin_t> > 4 * np::expr::cost_v<add_t>);
}

TEST_CASE("parallel: whole-array reductions are NumPy's, bit for bit, at every thread count") {
  const auto& g = gdata();
  const auto& x = x_input();
  const auto& k = k_input();
  CHECK(k.size() == N);

  const auto ksum = at_thread_counts([&] { return np::ndarray<int64_t>(np::sum(k, {}, true)); });
  check_same_bits(ksum, "sum(k)");
  CHECK(ksum[0].data()[0] == g.array<int64_t>("k.sum").data()[0]);

  const auto xsum = at_thread_counts([&] { return np::ndarray<double>(np::sum(x, {}, true)); });
  check_same_bits(xsum, "sum(x)");
  golden::check_array(xsum[0].reshape({1}), g.array<double>("x.sum"), "sum(x) vs NumPy");

  const np::ndarray<float> x32 = np::astype<float>(x);
  const auto fsum = at_thread_counts([&] { return np::ndarray<float>(np::sum(x32, {}, true)); });
  check_same_bits(fsum, "sum(x32)");
  golden::check_array(fsum[0].reshape({1}), g.array<float>("x32.sum"), "sum(x32) vs NumPy");

  const auto xmax = at_thread_counts([&] { return np::ndarray<double>(np::max(x, {}, true)); });
  check_same_bits(xmax, "max(x)");
  golden::check_array(xmax[0].reshape({1}), g.array<double>("x.max"), "max(x) vs NumPy");
  const auto xmin = at_thread_counts([&] { return np::ndarray<double>(np::min(x, {}, true)); });
  check_same_bits(xmin, "min(x)");
  golden::check_array(xmin[0].reshape({1}), g.array<double>("x.min"), "min(x) vs NumPy");

  const auto mean = at_thread_counts([&] { return np::ndarray<double>(np::mean(x, {}, true)); });
  check_same_bits(mean, "mean(x)");
  golden::check_array(mean[0].reshape({1}), g.array<double>("x.mean"), "mean(x) vs NumPy");
  const auto sd = at_thread_counts([&] { return np::ndarray<double>(np::std(x, {}, true)); });
  check_same_bits(sd, "std(x)");
  golden::check_array(sd[0].reshape({1}), g.array<double>("x.std"), "std(x) vs NumPy", 4);

  // Fused: sqrt(sum(x*x)) reads x once; float prod has no NumPy bit
  // pattern to match but must not depend on the thread count.
  const auto nrm = at_thread_counts([&] {
    return np::ndarray<double>(np::sqrt(np::sum(x * x, {}, true)));
  });
  check_same_bits(nrm, "sqrt(sum(x*x))");
  golden::check_array(nrm[0].reshape({1}), g.array<double>("sqsum"), "norm vs NumPy");
  const auto prod = at_thread_counts([&] {
    return np::ndarray<double>(np::prod(1.0 + x * 1e-3, {}, true));
  });
  check_same_bits(prod, "prod(1 + x/1000)");
  CHECK(prod[0].data()[0] > 0.0);
}

TEST_CASE("parallel: axis reductions and strided operands, identical at every thread count") {
  const auto& g = gdata();
  const auto& x = x_input();
  const auto a = x.view(np::slice(1000 * 1000)).reshape({1000, 1000});
  const auto sample = [](const np::ndarray<double>& r) {
    return np::ndarray<double>(r.view(np::slice(np::none, np::none, 37)));
  };

  const auto s0 = at_thread_counts([&] { return np::ndarray<double>(np::sum(a, 0)); });
  check_same_bits(s0, "sum(A, 0)");
  golden::check_array(sample(s0[0]), g.array<double>("A.sum0"), "sum(A, 0) vs NumPy");

  const auto s1 = at_thread_counts([&] { return np::ndarray<double>(np::sum(a, 1)); });
  check_same_bits(s1, "sum(A, 1)");
  golden::check_array(sample(s1[0]), g.array<double>("A.sum1"), "sum(A, 1) vs NumPy");

  const auto m0 = at_thread_counts([&] { return np::ndarray<double>(np::max(a, 0)); });
  check_same_bits(m0, "max(A, 0)");
  golden::check_array(sample(m0[0]), g.array<double>("A.max0"), "max(A, 0) vs NumPy");

  const auto t1 = at_thread_counts([&] { return np::ndarray<double>(np::sum(a.T(), 1)); });
  check_same_bits(t1, "sum(A.T, 1)");
  // NumPy reorders this reduction to add whole rows (the order of
  // sum(A, 0)); numfuse sums each strided column pairwise. Both are
  // accurate; they differ by rounding only.
  check_close(sample(t1[0]), g.array<double>("AT.sum1"), 1e-12, "sum(A.T, 1) vs NumPy");

  // A reduction of a broadcast 3-d expression to one value.
  const np::ndarray<double> ones = np::ones<double>({3});
  const auto b = at_thread_counts([&] {
    return np::ndarray<double>(np::sum(a.view(np::slice(), np::newaxis, np::slice()) *
                                           ones.view(np::newaxis, np::slice(), np::newaxis),
                                       {}, true));
  });
  check_same_bits(b, "sum(A[:,None,:] * ones(3)[None,:,None])");
  check_close(b[0].reshape({1}), g.array<double>("B.sum"), 1e-9, "3-d broadcast sum vs NumPy");
}

TEST_CASE("parallel: whole-array argmax/argmin are NumPy's at every thread count") {
  const auto want = golden::elements(gdata().array<int64_t>("arg"));
  REQUIRE(want.size() == 10);
  const auto& x = x_input();
  np::ndarray<double> y = x;
  for (std::ptrdiff_t i : {300007, 700001, 900000}) y.data()[i] = std::nan("");
  const np::ndarray<double> ties = np::floor(x * 4.0);
  const auto got = at_thread_counts([&] {
    return np::ndarray<int64_t>{
        int64_t(np::argmax(x)),        int64_t(np::argmin(x)),
        int64_t(np::argmax(ties)),     int64_t(np::argmin(ties)),
        int64_t(np::argmax(y)),        int64_t(np::argmin(y)),
        int64_t(np::nanargmax(y)),     int64_t(np::nanargmin(y)),
        int64_t(np::argmax(x.view(np::slice(np::none, np::none, 3)))),
        int64_t(np::argmin(x.view(np::slice(np::none, np::none, -2))))};
  });
  for (std::size_t t = 0; t < got.size(); ++t) {
    INFO("thread setting " << t);
    CHECK(golden::elements(got[t]) == want);
  }
}

TEST_CASE("parallel: elementwise expressions and broadcasts are exact at every thread count") {
  const auto& g = gdata();
  const auto& x = x_input();
  const auto e = at_thread_counts([&] {
    return np::ndarray<double>(2.0 * x + 3.0 * x * x - x / (x + 2.0));
  });
  check_same_bits(e, "E2");
  golden::check_array(np::ndarray<double>(e[0].view(np::slice(np::none, np::none, 997))),
                      g.array<double>("E2"), "E2 vs NumPy");

  const auto a = x.view(np::slice(1000 * 1000)).reshape({1000, 1000});
  const auto bc = at_thread_counts([&] {
    return np::ndarray<double>(a - a.view(0).view(np::newaxis, np::slice()) *
                                       a.view(np::slice(), 0).view(np::slice(), np::newaxis));
  });
  check_same_bits(bc, "broadcast");
  const auto step = np::slice(np::none, np::none, 37);
  golden::check_array(np::ndarray<double>(bc[0].view(step, step)), g.array<double>("bc"),
                      "broadcast vs NumPy");

  // A transposed operand: the plan runs in cache-sized tiles.
  const auto t = at_thread_counts([&] {
    return np::ndarray<double>(a.view(np::slice(700), np::slice(600)).T() +
                               2.0 * a.view(np::slice(600), np::slice(700)));
  });
  check_same_bits(t, "A.T + 2*A (tiled)");
  golden::check_array(np::ndarray<double>(t[0].view(step, step)), g.array<double>("T"),
                      "A.T + 2*A vs NumPy");

  // In place, and a result that overlaps its
  // operand (copied first): still NumPy's answer.
  const auto inplace = at_thread_counts([&] {
    np::ndarray<double> y = x;
    y = y * 2.0 + 1.0;
    return y;
  });
  check_same_bits(inplace, "in place");
  const auto shifted = at_thread_counts([&] {
    np::ndarray<double> y = x;
    y.view(np::slice(1, np::none)) = y.view(np::slice(np::none, -1)) + 1.0;
    return y;
  });
  check_same_bits(shifted, "overlapping shift");
  CHECK(shifted[0].data()[0] == x.data()[0]);
  CHECK(shifted[0].data()[N - 1] == x.data()[N - 2] + 1.0);
}

TEST_CASE("parallel: numfuse inside the user's parallel_for, arenas and std::threads") {
  threads_guard g;
  np::set_num_threads(2);
  const auto& x = x_input();
  const double want = np::sum(x);
  const np::ndarray<double> twice = 2.0 * x;

  // Nested in a TBB parallel_for: no deadlock, every result right.
  std::vector<double> sums(8);
  std::vector<int> same(8, 0);
  tbb::parallel_for(0, 8, [&](int i) {
    sums[std::size_t(i)] = np::sum(x);
    const np::ndarray<double> y = x + x;
    same[std::size_t(i)] = np::array_equal(y, twice) ? 1 : 0;
  });
  for (int i = 0; i < 8; ++i) {
    CHECK(sums[std::size_t(i)] == want);
    CHECK(same[std::size_t(i)] == 1);
  }

  // Inside a one-thread arena: serial, same results.
  tbb::task_arena one(1);
  double in_arena = 0;
  one.execute([&] { in_arena = np::sum(x); });
  CHECK(in_arena == want);

  // From several std::threads at once.
  std::vector<std::thread> ts;
  std::vector<double> tsum(4);
  for (int i = 0; i < 4; ++i) {
    ts.emplace_back([&, i] {
      const np::ndarray<double> y = np::sin(x) * np::sin(x) + np::cos(x) * np::cos(x);
      tsum[std::size_t(i)] = np::sum(y - 1.0 + x);
    });
  }
  for (auto& t : ts) t.join();
  for (int i = 1; i < 4; ++i) CHECK(tsum[std::size_t(i)] == tsum[0]);
  CHECK(tsum[0] == doctest::Approx(want).epsilon(1e-9));
}
