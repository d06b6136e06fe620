// peer_eigen.cpp -- Eigen 3.4 Array expressions on the benchmark cases, with
// the same loop / loop_omp sides as the numfuse binaries (optional; built
// when Eigen3 is found). Side "eigen" is 1 thread only: Eigen parallelises
// GEMM alone, none of these cases.
//
// Matrices are row-major maps of the shared buffers (NumPy's layout).
// Names: <case>/<dtype>/eigen/<arg>.
#include <Eigen/Core>

#include "peers/peer_common.hpp"

namespace {

using namespace bench;
using Eigen::Dynamic;
using Eigen::Index;
template <class T>
using Vec = Eigen::Array<T, Dynamic, 1>;
using Row = Eigen::Array<double, 1, Dynamic>;
using Mat = Eigen::Array<double, Dynamic, Dynamic, Eigen::RowMajor>;

template <class Case, class F>
void eigen_ew(std::vector<std::int64_t> sizes, F f) {
  register_ew_loops<Case>(sizes);
  register_ew<Case>("eigen", sizes, [f](benchmark::State& st, ew_data<Case>& d) {
    using T = typename Case::T;
    using In = Eigen::Map<const Vec<T>>;
    const auto n = Index(d.n);
    Eigen::Map<Vec<T>> r(d.out.data(), n);
    std::vector<In> in;
    for (int k = 0; k < Case::NIn; ++k) in.emplace_back(d.in[k], n);
    d.verify("eigen", [&] { f(r, in); });
    for (auto _ : st) {
      f(r, in);
      benchmark::ClobberMemory();
    }
  });
}

template <class T>
void e2(std::vector<std::int64_t> sizes) {
  eigen_ew<E2_case<T>>(sizes, [](auto& r, auto& in) {
    r = T(2) * in[0] + T(3) * in[1] * in[1] - in[2] / in[3];
  });
}
template <class T>
void e3(std::vector<std::int64_t> sizes) {
  eigen_ew<E3_case<T>>(sizes, [](auto& r, auto& in) {
    r = in[0].sin() * in[0].sin() + in[1].cos() * in[1].cos();
  });
}

Eigen::Map<const Mat> A(const placed_array<double>& p, std::size_t m, std::size_t n) {
  return {p.data(), Index(m), Index(n)};
}

const int registered = [] {
  eigen_ew<E1_case>({1000, 65536, k1M, 16 * k1M},
                    [](auto& r, auto& in) { r = in[0] + 3.0 * in[1]; });
  eigen_ew<E1u_case>({1001, 65537}, [](auto& r, auto& in) { r = in[0] + 3.0 * in[1]; });
  e2<double>({k1M});
  e2<float>({k1M});
  e3<double>({k1M});
  e3<float>({k1M});
  eigen_ew<E4_case>({k1M}, [](auto& r, auto& in) { r = (-0.5 * in[0] * in[0]).exp() * in[1]; });
  eigen_ew<E5_case>({k1M}, [](auto& r, auto& in) { r = (in[0] > 0.5).select(in[0], 0.1 * in[0]); });
  eigen_ew<T1_case>({8, 64}, [](auto& r, auto& in) { r = in[0] + in[1] * in[2]; });

  std::map<std::string, peer_impl> impls;
  impls["B1/f64"].run = [] {
    auto& d = PD();
    Eigen::Map<Mat> R(d.R.data(), Index(d.m), Index(d.n));
    R = A(d.A, d.m, d.n).rowwise() - Eigen::Map<const Row>(d.b.data(), Index(d.n));
  };
  impls["B2/f64"].run = [] {
    auto& d = PD();
    Eigen::Map<Mat> R(d.R.data(), Index(d.m), Index(d.n));
    R.matrix().noalias() = Eigen::Map<const Vec<double>>(d.x.data(), Index(d.m)).matrix() *
                           Eigen::Map<const Row>(d.y.data(), Index(d.n)).matrix();
  };
  impls["B3/f64"].run = [] {
    auto& d = PD();
    Eigen::Map<Mat> R(d.R.data(), Index(d.m), Index(d.n));
    R = A(d.A, d.m, d.n).colwise() + Eigen::Map<const Vec<double>>(d.c.data(), Index(d.m));
  };
  impls["S1/f64"].run = [] {
    auto& d = PD();
    Eigen::Map<Mat> R(d.R.data(), Index(d.m), Index(d.n));
    R = A(d.A, d.m, d.n).transpose() + A(d.A, d.m, d.n);
  };
  impls["S2/f64"].run = [] {
    auto& d = PD();
    using S = Eigen::Map<const Vec<double>, 0, Eigen::InnerStride<2>>;
    Eigen::Map<Vec<double>> r(d.R.data(), Index(d.nv));
    r = S(d.a2.data(), Index(d.nv)) + S(d.b2.data(), Index(d.nv));
  };
  impls["R1/f64"].run = [] {
    auto& d = PD();
    d.scalar = Eigen::Map<const Vec<double>>(d.a16.data(), Index(d.n16)).sum();
  };
  impls["R2.axis0/f64"].run = [] {
    auto& d = PD();
    Eigen::Map<Row>(d.r.data(), Index(d.m2)) = A(d.A2, d.m2, d.m2).colwise().sum();
  };
  impls["R2.axis1/f64"].run = [] {
    auto& d = PD();
    Eigen::Map<Vec<double>>(d.r.data(), Index(d.m2)) = A(d.A2, d.m2, d.m2).rowwise().sum();
  };
  impls["R3/f64"].run = [] {
    auto& d = PD();
    d.scalar = std::sqrt(Eigen::Map<const Vec<double>>(d.a16.data(), Index(d.n16)).square().sum());
  };
  impls["R4/f64"].run = [] {
    auto& d = PD();
    Index i = 0;
    Eigen::Map<const Vec<double>>(d.a16.data(), Index(d.n16)).maxCoeff(&i);
    d.scalar = double(i);
  };
  impls["R5/f64"].run = [] {
    auto& d = PD();
    const auto A5 = A(d.A5, d.m, d.n);
    Eigen::Map<Vec<double>> mu(d.r.data(), Index(d.m)), sd(d.r2.data(), Index(d.m));
    mu = A5.rowwise().mean();
    sd = (A5.colwise() - mu).square().rowwise().mean().sqrt();
  };
  register_matrix_loops();
  register_matrix_side("eigen", impls);
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
