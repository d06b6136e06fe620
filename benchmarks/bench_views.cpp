// bench_views.cpp -- numfuse against hand-written loops on the indexing
// issue's broadcasting, transposed and strided cases and on joins of large
// arrays, plus X1, the STREAM-style triad of the same run.
//
//   B1/f64/<side>/2000     R = A - b[None, :]          (2000 x 2000)
//   B2/f64/<side>/2000     R = x[:, None] * y[None, :]
//   B3/f64/<side>/2000     R = A + c[:, None]
//   S1/f64/<side>/2000     R = A.T + A                 (loop: cache-blocked transpose)
//   S2/f64/<side>/1048576  r = a[::2] + b[::2]         (len(a) = 2n, n results)
//   J1.axis0/f64/<side>/2000  concatenate((A, B), axis=0) -> 4000 x 2000 (new array)
//   J1.axis1/f64/<side>/2000  concatenate((A, B), axis=1) -> 2000 x 4000 (new array)
//   J2/f64/<side>/1048576  stack((a, b, c), axis=1) -> n x 3 (new array)
//
// Sides: loop, loop_omp (OpenMP, 2 threads), numfuse, numfuse_t2 (see
// bench_elementwise.cpp). B/S cases write into a preallocated result on every
// side; the J cases allocate their result per call on every side (the loop
// with malloc), as np.concatenate / np.stack do. Every side is checked
// against the serial loop before it is timed.
//
// Run: ./bench_views --benchmark_enable_random_interleaving=true --benchmark_repetitions=5

#include <array>
#include <functional>

#include "common/cases.hpp"
#include "common/numfuse_side.hpp"

namespace np = numfuse;

namespace {

using namespace bench;
using V = np::ndview<double>;

struct views_data {
  const std::size_t m = kMat, n = kMat, nv = std::size_t(k1M);
  placed_array<double> A = make_input<double>("views/A", m * n, 0, -1.0, 1.0);
  placed_array<double> B = make_input<double>("views/B", m * n, 1, -1.0, 1.0);
  placed_array<double> b = make_input<double>("views/b", n, 1, -1.0, 1.0);
  placed_array<double> c = make_input<double>("views/c", m, 1, -1.0, 1.0);
  placed_array<double> x = make_input<double>("views/x", m, 0, -1.0, 1.0);
  placed_array<double> y = make_input<double>("views/y", n, 1, -1.0, 1.0);
  placed_array<double> a2 = make_input<double>("views/a2", 2 * nv, 0, -1.0, 1.0);
  placed_array<double> b2 = make_input<double>("views/b2", 2 * nv, 1, -1.0, 1.0);
  placed_array<double> va = make_input<double>("views/va", nv, 0, -1.0, 1.0);
  placed_array<double> vb = make_input<double>("views/vb", nv, 1, -1.0, 1.0);
  placed_array<double> vc = make_input<double>("views/vc", nv, 2, -1.0, 1.0);
  placed_array<double> R{m * n, 0};
  std::vector<double> ref;

  V Av() { return V(A.data(), np::dims{std::ptrdiff_t(m), std::ptrdiff_t(n)}); }
  V Bv() { return V(B.data(), np::dims{std::ptrdiff_t(m), std::ptrdiff_t(n)}); }
  V Rv() { return V(R.data(), np::dims{std::ptrdiff_t(m), std::ptrdiff_t(n)}); }
  V vec(placed_array<double>& p, std::size_t len) { return V(p.data(), np::dims{std::ptrdiff_t(len)}); }
};

views_data& D() {
  static views_data d;
  return d;
}

/// One case: its loop writes R (or returns a malloc'd result), its numfuse
/// side does the same through numfuse.
struct view_case {
  std::string name;  // "B1/f64"
  std::int64_t arg;
  double bytes;        // read + written per call
  std::size_t out_n;   // elements of the result
  // B/S: write into D().R (S2: the first n elements). J: return a new result.
  std::function<void(int)> loop;
  std::function<void()> numfuse;
  std::function<double*(int)> loop_new;                     // J cases
  std::function<np::ndarray<double>()> numfuse_new;         // J cases
};

void check(const view_case& vc, const std::string& side, const double* got) {
  auto& d = D();
  check_close(vc.name + "/" + side + "/" + std::to_string(vc.arg), got, d.ref.data(), vc.out_n,
              1e-14);
}

void make_ref(const view_case& vc) {
  auto& d = D();
  d.ref.assign(vc.out_n, 0.0);
  if (vc.loop) {
    vc.loop(1);
    std::copy(d.R.data(), d.R.data() + vc.out_n, d.ref.data());
  } else {
    double* p = vc.loop_new(1);
    std::copy(p, p + vc.out_n, d.ref.data());
    std::free(p);
  }
}

void register_case(view_case vc) {
  auto shared = std::make_shared<view_case>(std::move(vc));
  auto reg = [&](const std::string& side, std::function<void(benchmark::State&)> fn) {
    const double bytes = shared->bytes;
    benchmark::RegisterBenchmark((shared->name + "/" + side).c_str(),
                                 [fn, bytes](benchmark::State& st) {
                                   fn(st);
                                   set_bytes(st, bytes);
                                 })
        ->Arg(shared->arg)
        ->Unit(benchmark::kMicrosecond)
        ->UseRealTime();
  };
  for (int nt : {1, 2}) {
    if (nt > 1 && !kHaveOmp) continue;
    reg(loop_side(nt), [shared, nt](benchmark::State& st) {
      auto& c = *shared;
      auto& d = D();
      make_ref(c);
      if (c.loop) {
        std::fill(d.R.data(), d.R.data() + c.out_n, -12345.0);
        c.loop(nt);
        check(c, loop_side(nt), d.R.data());
        for (auto _ : st) {
          c.loop(nt);
          benchmark::ClobberMemory();
        }
      } else {
        double* p = c.loop_new(nt);
        check(c, loop_side(nt), p);
        std::free(p);
        for (auto _ : st) {
          p = c.loop_new(nt);
          benchmark::DoNotOptimize(p);
          std::free(p);
        }
      }
    });
  }
  for (int nt : numfuse_thread_counts()) {
    reg(numfuse_side(nt), [shared, nt](benchmark::State& st) {
      auto& c = *shared;
      auto& d = D();
      make_ref(c);
      numfuse_threads(nt);
      if (c.numfuse) {
        std::fill(d.R.data(), d.R.data() + c.out_n, -12345.0);
        c.numfuse();
        check(c, numfuse_side(nt), d.R.data());
        for (auto _ : st) {
          c.numfuse();
          benchmark::ClobberMemory();
        }
      } else {
        {
          auto r = c.numfuse_new();
          check(c, numfuse_side(nt), r.data());
        }
        for (auto _ : st) {
          auto r = c.numfuse_new();
          benchmark::DoNotOptimize(r.data());
        }
      }
      st.SetLabel(np::simd_target());
    });
  }
}

const int registered = [] {
  const std::size_t m = kMat, n = kMat, nv = std::size_t(k1M);
  const double mat = double(m * n) * 8;
  {
    view_case c{"B1/f64", std::int64_t(n), 2 * mat + 8.0 * n, m * n};
    c.loop = [](int nt) { auto& d = D(); loop_B1(nt, d.A.data(), d.b.data(), d.R.data(), d.m, d.n); };
    c.numfuse = [] {
      auto& d = D();
      V R = d.Rv();
      R = d.Av() - d.vec(d.b, d.n).view(np::newaxis, np::slice());
    };
    register_case(std::move(c));
  }
  {
    view_case c{"B2/f64", std::int64_t(n), mat + 8.0 * (m + n), m * n};
    c.loop = [](int nt) { auto& d = D(); loop_B2(nt, d.x.data(), d.y.data(), d.R.data(), d.m, d.n); };
    c.numfuse = [] {
      auto& d = D();
      V R = d.Rv();
      R = d.vec(d.x, d.m).view(np::slice(), np::newaxis) * d.vec(d.y, d.n).view(np::newaxis, np::slice());
    };
    register_case(std::move(c));
  }
  {
    view_case c{"B3/f64", std::int64_t(n), 2 * mat + 8.0 * m, m * n};
    c.loop = [](int nt) { auto& d = D(); loop_B3(nt, d.A.data(), d.c.data(), d.R.data(), d.m, d.n); };
    c.numfuse = [] {
      auto& d = D();
      V R = d.Rv();
      R = d.Av() + d.vec(d.c, d.m).view(np::slice(), np::newaxis);
    };
    register_case(std::move(c));
  }
  {
    view_case c{"S1/f64", std::int64_t(n), 2 * mat, m * n};
    c.loop = [](int nt) { auto& d = D(); loop_S1(nt, d.A.data(), d.R.data(), d.n); };
    c.numfuse = [] {
      auto& d = D();
      V R = d.Rv();
      V A = d.Av();
      R = A.T() + A;
    };
    register_case(std::move(c));
  }
  {
    // Counted as the bytes of the elements used (2 x 8 B read + 8 B
    // written per result); the stride-2 reads move twice that from memory.
    view_case c{"S2/f64", std::int64_t(nv), 24.0 * nv, nv};
    c.loop = [](int nt) { auto& d = D(); loop_S2(nt, d.a2.data(), d.b2.data(), d.R.data(), d.nv); };
    c.numfuse = [] {
      auto& d = D();
      V r = d.vec(d.R, d.nv);
      const auto s = np::slice(np::none, np::none, 2);
      r = d.vec(d.a2, 2 * d.nv).view(s) + d.vec(d.b2, 2 * d.nv).view(s);
    };
    register_case(std::move(c));
  }
  for (int axis : {0, 1}) {
    view_case c{axis == 0 ? "J1.axis0/f64" : "J1.axis1/f64", std::int64_t(n), 4 * mat, 2 * m * n};
    c.loop_new = [axis](int nt) {
      auto& d = D();
      return loop_J1(nt, d.A.data(), d.B.data(), d.m, d.n, axis);
    };
    c.numfuse_new = [axis] {
      auto& d = D();
      return np::concatenate(std::array<V, 2>{d.Av(), d.Bv()}, axis);
    };
    register_case(std::move(c));
  }
  {
    view_case c{"J2/f64", std::int64_t(nv), 48.0 * nv, 3 * nv};
    c.loop_new = [](int nt) {
      auto& d = D();
      return loop_J2(nt, d.va.data(), d.vb.data(), d.vc.data(), d.nv);
    };
    c.numfuse_new = [] {
      auto& d = D();
      return np::stack(std::array<V, 3>{d.vec(d.va, d.nv), d.vec(d.vb, d.nv), d.vec(d.vc, d.nv)}, 1);
    };
    register_case(std::move(c));
  }
  register_ew_loops<X1_case>({16 * k1M});
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
