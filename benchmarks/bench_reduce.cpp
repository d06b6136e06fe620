// bench_reduce.cpp -- numfuse reductions against hand-written loops in the
// same binary (the reductions issue's R1-R5), plus X1, the STREAM-style
// triad of the same run.
//
//   R1/f64/<side>/16777216       sum(a)
//   R2.axis0/f64/<side>/4000     sum(A, axis=0)   (4000 x 4000)
//   R2.axis1/f64/<side>/4000     sum(A, axis=1)
//   R3/f64/<side>/16777216       sqrt(sum(a*a))
//   R4/f64/<side>/16777216       argmax(a)
//   R5/f64/<side>/2000           mean(A, axis=1) and std(A, axis=1) (2000 x 2000);
//                                numfuse evaluates them together, in one pass:
//                                np::eval(np::mean(A, 1), np::std(A, 1))
//
// Sides: loop, loop_omp (OpenMP, 2 threads), numfuse, numfuse_t2 (see
// bench_elementwise.cpp). The loops use 4 independent accumulators (what a
// good hand-written reduction does; GCC does not reassociate FP sums by
// itself) and are compiled with the same flags as numfuse's call sites.
// Every side is checked against the serial loop before it is timed.
//
// Run: ./bench_reduce --benchmark_enable_random_interleaving=true --benchmark_repetitions=5

#include <functional>

#include "common/cases.hpp"
#include "common/numfuse_side.hpp"

namespace np = numfuse;

namespace {

using namespace bench;
using V = np::ndview<double>;

struct reduce_data {
  const std::size_t nv = k16M, m2 = kMatR2, m5 = kMat;
  // [0, 1): sums far from 0, so a relative check is meaningful.
  placed_array<double> a = make_input<double>("reduce/a", nv, 0, 0.0, 1.0);
  placed_array<double> A2 = make_input<double>("reduce/A2", m2 * m2, 0, -1.0, 1.0);
  placed_array<double> A5 = make_input<double>("reduce/A5", m5 * m5, 0, -1.0, 1.0);
  placed_array<double> r{m2, 0}, r2{m2, 0};
  std::vector<double> ref, ref2;

  V av() { return V(a.data(), np::dims{std::ptrdiff_t(nv)}); }
  V A2v() { return V(A2.data(), np::dims{std::ptrdiff_t(m2), std::ptrdiff_t(m2)}); }
  V A5v() { return V(A5.data(), np::dims{std::ptrdiff_t(m5), std::ptrdiff_t(m5)}); }
  V rv(std::size_t n) { return V(r.data(), np::dims{std::ptrdiff_t(n)}); }
  V r2v(std::size_t n) { return V(r2.data(), np::dims{std::ptrdiff_t(n)}); }
};

reduce_data& D() {
  static reduce_data d;
  return d;
}

/// A case: `run(side, nt)` computes once and returns its result(s) as
/// doubles (for the check); `time(side, nt, state)` is the timed loop.
struct red_case {
  std::string name;
  std::int64_t arg;
  double bytes;
  double rtol;
  // result of one call of the loop (nt) or numfuse side.
  std::function<std::vector<double>(int)> loop_once;
  std::function<std::vector<double>()> numfuse_once;
  std::function<void(int, benchmark::State&)> loop_time, numfuse_time;
};

void register_case(red_case rc) {
  auto c = std::make_shared<red_case>(std::move(rc));
  auto reg = [&](const std::string& side, int nt, bool is_loop) {
    benchmark::RegisterBenchmark(
        (c->name + "/" + side).c_str(),
        [c, nt, is_loop, side](benchmark::State& st) {
          const std::vector<double> ref = c->loop_once(1);
          if (!is_loop) numfuse_threads(nt);
          const std::vector<double> got = is_loop ? c->loop_once(nt) : c->numfuse_once();
          if (got.size() != ref.size()) {
            std::fprintf(stderr, "%s/%s: result size differs\n", c->name.c_str(), side.c_str());
            std::abort();
          }
          check_close(c->name + "/" + side, got.data(), ref.data(), ref.size(), c->rtol);
          if (is_loop) c->loop_time(nt, st);
          else c->numfuse_time(nt, st);
          set_bytes(st, c->bytes);
          if (!is_loop) st.SetLabel(np::simd_target());
        })
        ->Arg(c->arg)
        ->Unit(benchmark::kMicrosecond)
        ->UseRealTime();
  };
  for (int nt : {1, 2})
    if (nt == 1 || kHaveOmp) reg(loop_side(nt), nt, true);
  if (c->numfuse_once)
    for (int nt : numfuse_thread_counts()) reg(numfuse_side(nt), nt, false);
}

// Scalar results are kept in a member-like static and read after the loop,
// not passed to DoNotOptimize(double&) (google/benchmark#903 with GCC 12).
double g_sink = 0;

const int registered = [] {
  auto& d = D();
  const std::size_t nv = d.nv, m2 = d.m2, m5 = d.m5;
  {
    red_case c{"R1/f64", std::int64_t(nv), 8.0 * nv, 1e-10};
    c.loop_once = [](int nt) { return std::vector<double>{loop_R1(nt, D().a.data(), D().nv)}; };
    c.numfuse_once = [] { return std::vector<double>{double(np::sum(D().av()))}; };
    c.loop_time = [](int nt, benchmark::State& st) {
      for (auto _ : st) {
        g_sink += loop_R1(nt, D().a.data(), D().nv);
        benchmark::ClobberMemory();
      }
    };
    c.numfuse_time = [](int, benchmark::State& st) {
      const V a = D().av();
      for (auto _ : st) {
        g_sink += double(np::sum(a));
        benchmark::ClobberMemory();
      }
    };
    register_case(std::move(c));
  }
  {
    red_case c{"R3/f64", std::int64_t(nv), 8.0 * nv, 1e-10};
    c.loop_once = [](int nt) { return std::vector<double>{loop_R3(nt, D().a.data(), D().nv)}; };
    c.numfuse_once = [] {
      np::ndarray<double> r = np::sqrt(np::sum(D().av() * D().av()));
      return std::vector<double>{r.data()[0]};
    };
    c.loop_time = [](int nt, benchmark::State& st) {
      for (auto _ : st) {
        g_sink += loop_R3(nt, D().a.data(), D().nv);
        benchmark::ClobberMemory();
      }
    };
    c.numfuse_time = [](int, benchmark::State& st) {
      const V a = D().av();
      np::ndarray<double> r = np::zeros<double>({});
      for (auto _ : st) {
        r = np::sqrt(np::sum(a * a));
        benchmark::ClobberMemory();
      }
      g_sink += r.data()[0];
    };
    register_case(std::move(c));
  }
  for (int axis : {0, 1}) {
    red_case c{axis == 0 ? "R2.axis0/f64" : "R2.axis1/f64", std::int64_t(m2),
               8.0 * double(m2 * m2 + m2), 1e-10};
    auto loop = [axis](int nt) {
      auto& d = D();
      if (axis == 0) loop_R2_axis0(nt, d.A2.data(), d.r.data(), d.m2, d.m2);
      else loop_R2_axis1(nt, d.A2.data(), d.r.data(), d.m2, d.m2);
    };
    c.loop_once = [loop](int nt) {
      loop(nt);
      return std::vector<double>(D().r.data(), D().r.data() + D().m2);
    };
    c.numfuse_once = [axis] {
      auto& d = D();
      V r = d.rv(d.m2);
      r = np::sum(d.A2v(), axis);
      return std::vector<double>(d.r.data(), d.r.data() + d.m2);
    };
    c.loop_time = [loop](int nt, benchmark::State& st) {
      for (auto _ : st) {
        loop(nt);
        benchmark::ClobberMemory();
      }
    };
    c.numfuse_time = [axis](int, benchmark::State& st) {
      auto& d = D();
      V r = d.rv(d.m2);
      const V A = d.A2v();
      for (auto _ : st) {
        r = np::sum(A, axis);
        benchmark::ClobberMemory();
      }
    };
    register_case(std::move(c));
  }
  {
    red_case c{"R4/f64", std::int64_t(nv), 8.0 * nv, 0.0};
    c.loop_once = [](int nt) { return std::vector<double>{double(loop_R4(nt, D().a.data(), D().nv))}; };
    c.loop_time = [](int nt, benchmark::State& st) {
      for (auto _ : st) {
        g_sink += double(loop_R4(nt, D().a.data(), D().nv));
        benchmark::ClobberMemory();
      }
    };
    // np::argmax(a) with axis=None converts to the int64 flat index.
    c.numfuse_once = [] { return std::vector<double>{double(std::int64_t(np::argmax(D().av())))}; };
    c.numfuse_time = [](int, benchmark::State& st) {
      const V a = D().av();
      for (auto _ : st) {
        g_sink += double(std::int64_t(np::argmax(a)));
        benchmark::ClobberMemory();
      }
    };
    register_case(std::move(c));
  }
  {
    red_case c{"R5/f64", std::int64_t(m5), 8.0 * double(m5 * m5 + 2 * m5), 1e-10};
    auto both = [](auto&& compute) {
      auto& d = D();
      compute();
      std::vector<double> v(d.r.data(), d.r.data() + d.m5);
      v.insert(v.end(), d.r2.data(), d.r2.data() + d.m5);
      return v;
    };
    c.loop_once = [both](int nt) {
      return both([nt] {
        auto& d = D();
        loop_R5(nt, d.A5.data(), d.r.data(), d.r2.data(), d.m5, d.m5);
      });
    };
    c.numfuse_once = [both] {
      return both([] {
        auto& d = D();
        V mu = d.rv(d.m5), sd = d.r2v(d.m5);
        const V A = d.A5v();
        auto [m, s] = np::eval(np::mean(A, 1), np::std(A, 1));
        mu = m;
        sd = s;
      });
    };
    c.loop_time = [](int nt, benchmark::State& st) {
      auto& d = D();
      for (auto _ : st) {
        loop_R5(nt, d.A5.data(), d.r.data(), d.r2.data(), d.m5, d.m5);
        benchmark::ClobberMemory();
      }
    };
    c.numfuse_time = [](int, benchmark::State& st) {
      auto& d = D();
      const V A = d.A5v();
      for (auto _ : st) {  // one pass: mean and std evaluated together
        auto r = np::eval(np::mean(A, 1), np::std(A, 1));
        benchmark::DoNotOptimize(std::get<1>(r).data());
        benchmark::ClobberMemory();
      }
    };
    register_case(std::move(c));
  }
  register_ew_loops<X1_case>({16 * k1M});
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
