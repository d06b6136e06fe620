// peer_xtensor.cpp -- xtensor 0.24 (with xsimd and TBB) on the benchmark
// cases (optional; built when xtensor and xsimd are found), with the same
// loop / loop_omp sides as the numfuse binaries. Sides:
//   xtensor     TBB limited to 1 thread (tbb::global_control)
//   xtensor_t2  TBB limited to 2 threads
// XTENSOR_USE_XSIMD and XTENSOR_USE_TBB are set by CMake. Buffers are seen
// through xt::adapt (no ownership, row-major). Results are assigned with
// xt::noalias; reducers use evaluation_strategy::immediate where xtensor has
// it (the lazy sum was ~10x slower in a side test).
#include <tbb/global_control.h>

#include <memory>
#include <xtensor/xadapt.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>
#include <xtensor/xnorm.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xview.hpp>

#include "peers/peer_common.hpp"

namespace {

using namespace bench;

template <class T>
auto adapt1(T* p, std::size_t n) {
  return xt::adapt(p, n, xt::no_ownership(), std::array<std::size_t, 1>{n});
}
template <class T>
auto adapt2(T* p, std::size_t m, std::size_t n) {
  return xt::adapt(p, m * n, xt::no_ownership(), std::array<std::size_t, 2>{m, n});
}

std::unique_ptr<tbb::global_control> g_ctrl;
void limit(int nt) {
  g_ctrl.reset();
  g_ctrl = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                 std::size_t(nt));
}
void unlimit() { g_ctrl.reset(); }

template <class Case, class F>
void xt_ew(const char* side, int nt, std::vector<std::int64_t> sizes, F f) {
  register_ew<Case>(side, sizes, [f, nt, side](benchmark::State& st, ew_data<Case>& d) {
    using T = typename Case::T;
    auto r = adapt1(d.out.data(), d.n);
    using In = decltype(adapt1(static_cast<T*>(nullptr), 0));
    std::vector<In> in;
    for (int k = 0; k < Case::NIn; ++k) in.push_back(adapt1(const_cast<T*>(d.in[k]), d.n));
    limit(nt);
    d.verify(side, [&] { f(r, in); });
    for (auto _ : st) {
      f(r, in);
      benchmark::ClobberMemory();
    }
    unlimit();
  });
}

template <class T>
struct E2f {
  template <class R, class I>
  void operator()(R& r, I& in) const {
    xt::noalias(r) = T(2) * in[0] + T(3) * in[1] * in[1] - in[2] / in[3];
  }
};
template <class T>
struct E3f {
  template <class R, class I>
  void operator()(R& r, I& in) const {
    xt::noalias(r) = xt::sin(in[0]) * xt::sin(in[0]) + xt::cos(in[1]) * xt::cos(in[1]);
  }
};

void add_side(const char* side, int nt) {
  xt_ew<E1_case>(side, nt, {1000, 65536, k1M, 16 * k1M},
                 [](auto& r, auto& in) { xt::noalias(r) = in[0] + 3.0 * in[1]; });
  xt_ew<E1u_case>(side, nt, {1001, 65537},
                  [](auto& r, auto& in) { xt::noalias(r) = in[0] + 3.0 * in[1]; });
  xt_ew<E2_case<double>>(side, nt, {k1M}, E2f<double>{});
  xt_ew<E2_case<float>>(side, nt, {k1M}, E2f<float>{});
  xt_ew<E3_case<double>>(side, nt, {k1M}, E3f<double>{});
  xt_ew<E3_case<float>>(side, nt, {k1M}, E3f<float>{});
  xt_ew<E4_case>(side, nt, {k1M},
                 [](auto& r, auto& in) { xt::noalias(r) = xt::exp(-0.5 * in[0] * in[0]) * in[1]; });
  xt_ew<E5_case>(side, nt, {k1M},
                 [](auto& r, auto& in) { xt::noalias(r) = xt::where(in[0] > 0.5, in[0], 0.1 * in[0]); });
  xt_ew<T1_case>(side, nt, {8, 64}, [](auto& r, auto& in) { xt::noalias(r) = in[0] + in[1] * in[2]; });

  std::map<std::string, peer_impl> impls;
  impls["B1/f64"].run = [] {
    auto& d = PD();
    auto R = adapt2(d.R.data(), d.m, d.n);
    xt::noalias(R) = adapt2(d.A.data(), d.m, d.n) -
                     xt::view(adapt1(d.b.data(), d.n), xt::newaxis(), xt::all());
  };
  impls["B2/f64"].run = [] {
    auto& d = PD();
    auto R = adapt2(d.R.data(), d.m, d.n);
    xt::noalias(R) = xt::view(adapt1(d.x.data(), d.m), xt::all(), xt::newaxis()) *
                     xt::view(adapt1(d.y.data(), d.n), xt::newaxis(), xt::all());
  };
  impls["B3/f64"].run = [] {
    auto& d = PD();
    auto R = adapt2(d.R.data(), d.m, d.n);
    xt::noalias(R) = adapt2(d.A.data(), d.m, d.n) +
                     xt::view(adapt1(d.c.data(), d.m), xt::all(), xt::newaxis());
  };
  impls["S1/f64"].run = [] {
    auto& d = PD();
    auto R = adapt2(d.R.data(), d.m, d.n);
    auto A = adapt2(d.A.data(), d.m, d.n);
    xt::noalias(R) = xt::transpose(A) + A;
  };
  impls["S2/f64"].run = [] {
    auto& d = PD();
    auto r = adapt1(d.R.data(), d.nv);
    const auto n2 = std::ptrdiff_t(2 * d.nv);
    xt::noalias(r) = xt::view(adapt1(d.a2.data(), 2 * d.nv), xt::range(0, n2, 2)) +
                     xt::view(adapt1(d.b2.data(), 2 * d.nv), xt::range(0, n2, 2));
  };
  impls["R1/f64"].run = [] {
    auto& d = PD();
    d.scalar = xt::sum(adapt1(d.a16.data(), d.n16), xt::evaluation_strategy::immediate)();
  };
  for (std::size_t axis : {0, 1}) {
    impls[axis == 0 ? "R2.axis0/f64" : "R2.axis1/f64"].run = [axis] {
      auto& d = PD();
      auto r = adapt1(d.r.data(), d.m2);
      xt::noalias(r) = xt::sum(adapt2(d.A2.data(), d.m2, d.m2), {axis}, xt::evaluation_strategy::immediate);
    };
  }
  impls["R3/f64"].run = [] {
    auto& d = PD();
    d.scalar = xt::norm_l2(adapt1(d.a16.data(), d.n16))();
  };
  impls["R4/f64"].run = [] {
    auto& d = PD();
    d.scalar = double(xt::argmax(adapt1(d.a16.data(), d.n16))());
  };
  impls["R5/f64"].run = [] {
    auto& d = PD();
    auto A = adapt2(d.A5.data(), d.m, d.n);
    auto mu = adapt1(d.r.data(), d.m);
    auto sd = adapt1(d.r2.data(), d.m);
    xt::noalias(mu) = xt::mean(A, {1}, xt::evaluation_strategy::immediate);
    xt::noalias(sd) = xt::stddev(A, {1}, xt::evaluation_strategy::immediate);
  };
  register_matrix_side(side, impls, [nt] { limit(nt); }, [] { unlimit(); });
}

const int registered = [] {
  register_ew_loops<E1_case>({1000, 65536, k1M, 16 * k1M});
  register_ew_loops<E1u_case>({1001, 65537});
  register_ew_loops<E2_case<double>>({k1M});
  register_ew_loops<E2_case<float>>({k1M});
  register_ew_loops<E3_case<double>>({k1M});
  register_ew_loops<E3_case<float>>({k1M});
  register_ew_loops<E4_case>({k1M});
  register_ew_loops<E5_case>({k1M});
  register_ew_loops<T1_case>({8, 64});
  register_matrix_loops();
  add_side("xtensor", 1);
  add_side("xtensor_t2", 2);
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
