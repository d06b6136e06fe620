// peer_eigen_tensor.cpp -- Eigen 3.4 Tensor expressions on the benchmark
// cases (optional; built when Eigen3 is found), with the same loop /
// loop_omp sides as the numfuse binaries. Sides:
//   eigen_tensor     DefaultDevice (1 thread)
//   eigen_tensor_t2  ThreadPoolDevice with a 2-thread Eigen::ThreadPool
// Row-major TensorMaps of the shared buffers. Eigen Tensor has no sin/cos
// methods: E3 uses unaryExpr with Eigen's scalar_sin_op / scalar_cos_op
// (vectorised for float only in Eigen 3.4).
#define EIGEN_USE_THREADS
#include <unsupported/Eigen/CXX11/Tensor>

#include "peers/peer_common.hpp"

namespace {

using namespace bench;
using Eigen::Index;
template <class T, int R>
using TMap = Eigen::TensorMap<Eigen::Tensor<T, R, Eigen::RowMajor>>;
template <class T, int R>
using CMap = Eigen::TensorMap<const Eigen::Tensor<T, R, Eigen::RowMajor>>;
using A1 = Eigen::array<Index, 1>;
using A2 = Eigen::array<Index, 2>;

template <class Case, class Dev, class F>
void tensor_ew(const char* side, Dev* dev, std::vector<std::int64_t> sizes, F f) {
  register_ew<Case>(side, sizes, [f, dev, side](benchmark::State& st, ew_data<Case>& d) {
    using T = typename Case::T;
    const auto n = Index(d.n);
    TMap<T, 1> r(d.out.data(), n);
    std::vector<CMap<T, 1>> in;
    for (int k = 0; k < Case::NIn; ++k) in.emplace_back(d.in[k], n);
    d.verify(side, [&] { f(r.device(*dev), in); });
    for (auto _ : st) {
      f(r.device(*dev), in);
      benchmark::ClobberMemory();
    }
  });
}

CMap<double, 2> mat(const placed_array<double>& p, std::size_t m, std::size_t n) {
  return {p.data(), Index(m), Index(n)};
}

template <class Dev>
void add_side(const char* side, Dev* dev) {
  tensor_ew<E1_case>(side, dev, {1000, 65536, k1M, 16 * k1M},
                     [](auto&& r, auto& in) { r = in[0] + in[1] * 3.0; });
  tensor_ew<E1u_case>(side, dev, {1001, 65537},
                      [](auto&& r, auto& in) { r = in[0] + in[1] * 3.0; });
  auto e2 = [&](auto tag) {
    using T = decltype(tag);
    tensor_ew<E2_case<T>>(side, dev, {k1M}, [](auto&& r, auto& in) {
      r = in[0] * T(2) + in[1] * in[1] * T(3) - in[2] / in[3];
    });
  };
  e2(double{});
  e2(float{});
  auto e3 = [&](auto tag) {
    using T = decltype(tag);
    tensor_ew<E3_case<T>>(side, dev, {k1M}, [](auto&& r, auto& in) {
      const auto s = in[0].unaryExpr(Eigen::internal::scalar_sin_op<T>());
      const auto c = in[1].unaryExpr(Eigen::internal::scalar_cos_op<T>());
      r = s * s + c * c;
    });
  };
  e3(double{});
  e3(float{});
  tensor_ew<E4_case>(side, dev, {k1M},
                     [](auto&& r, auto& in) { r = (in[0] * in[0] * -0.5).exp() * in[1]; });
  tensor_ew<E5_case>(side, dev, {k1M}, [](auto&& r, auto& in) {
    r = (in[0] > in[0].constant(0.5)).select(in[0], in[0] * 0.1);
  });
  tensor_ew<T1_case>(side, dev, {8, 64}, [](auto&& r, auto& in) { r = in[0] + in[1] * in[2]; });

  std::map<std::string, peer_impl> impls;
  impls["B1/f64"].run = [dev] {
    auto& d = PD();
    const Index m = Index(d.m), n = Index(d.n);
    TMap<double, 2> R(d.R.data(), m, n);
    R.device(*dev) = mat(d.A, d.m, d.n) - CMap<double, 1>(d.b.data(), n).reshape(A2{1, n}).broadcast(A2{m, 1});
  };
  impls["B2/f64"].run = [dev] {
    auto& d = PD();
    const Index m = Index(d.m), n = Index(d.n);
    TMap<double, 2> R(d.R.data(), m, n);
    R.device(*dev) = CMap<double, 1>(d.x.data(), m).reshape(A2{m, 1}).broadcast(A2{1, n}) *
                     CMap<double, 1>(d.y.data(), n).reshape(A2{1, n}).broadcast(A2{m, 1});
  };
  impls["B3/f64"].run = [dev] {
    auto& d = PD();
    const Index m = Index(d.m), n = Index(d.n);
    TMap<double, 2> R(d.R.data(), m, n);
    R.device(*dev) = mat(d.A, d.m, d.n) + CMap<double, 1>(d.c.data(), m).reshape(A2{m, 1}).broadcast(A2{1, n});
  };
  impls["S1/f64"].run = [dev] {
    auto& d = PD();
    TMap<double, 2> R(d.R.data(), Index(d.m), Index(d.n));
    R.device(*dev) = mat(d.A, d.m, d.n).shuffle(Eigen::array<int, 2>{1, 0}) + mat(d.A, d.m, d.n);
  };
  impls["S2/f64"].run = [dev] {
    auto& d = PD();
    const Index nv = Index(d.nv);
    TMap<double, 1> r(d.R.data(), nv);
    r.device(*dev) = CMap<double, 1>(d.a2.data(), 2 * nv).stride(A1{2}) +
                     CMap<double, 1>(d.b2.data(), 2 * nv).stride(A1{2});
  };
  impls["R1/f64"].run = [dev] {
    auto& d = PD();
    Eigen::Tensor<double, 0, Eigen::RowMajor> s;
    s.device(*dev) = CMap<double, 1>(d.a16.data(), Index(d.n16)).sum();
    d.scalar = s();
  };
  for (int axis : {0, 1}) {
    impls[axis == 0 ? "R2.axis0/f64" : "R2.axis1/f64"].run = [dev, axis] {
      auto& d = PD();
      TMap<double, 1> r(d.r.data(), Index(d.m2));
      r.device(*dev) = mat(d.A2, d.m2, d.m2).sum(A1{axis});
    };
  }
  impls["R3/f64"].run = [dev] {
    auto& d = PD();
    const CMap<double, 1> a(d.a16.data(), Index(d.n16));
    Eigen::Tensor<double, 0, Eigen::RowMajor> s;
    s.device(*dev) = (a * a).sum().sqrt();
    d.scalar = s();
  };
  impls["R4/f64"].run = [dev] {
    auto& d = PD();
    Eigen::Tensor<Index, 0, Eigen::RowMajor> i;
    i.device(*dev) = CMap<double, 1>(d.a16.data(), Index(d.n16)).argmax();
    d.scalar = double(i());
  };
  impls["R5/f64"].run = [dev] {
    auto& d = PD();
    const Index m = Index(d.m), n = Index(d.n);
    const auto A = mat(d.A5, d.m, d.n);
    TMap<double, 1> mu(d.r.data(), m), sd(d.r2.data(), m);
    mu.device(*dev) = A.mean(A1{1});
    sd.device(*dev) = (A - mu.reshape(A2{m, 1}).broadcast(A2{1, n})).square().mean(A1{1}).sqrt();
  };
  register_matrix_side(side, impls);
}

const int registered = [] {
  static Eigen::DefaultDevice serial;
  static Eigen::ThreadPool pool(2);
  static Eigen::ThreadPoolDevice threaded(&pool, 2);
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
  add_side("eigen_tensor", &serial);
  add_side("eigen_tensor_t2", &threaded);
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
