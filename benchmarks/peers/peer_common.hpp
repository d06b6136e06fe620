// peer_common.hpp -- the shared frame of the optional comparison binaries
// (peer_eigen, peer_eigen_tensor, peer_xtensor): the matrix / strided /
// reduction cases' data, their loop and loop_omp sides (the same loops as the
// numfuse binaries, from common/cases.hpp), and the registration of a peer
// library's sides, each checked against the serial loop before timing.
//
// A peer binary defines, per case name, a `peer_impl` (compute once into a
// vector for the check; run once for the timed loop) and calls
// register_matrix_cases(side, impls). Cases without an impl are not
// registered for that side (the report shows "n/a").
#pragma once

#include <functional>
#include <map>

#include "common/cases.hpp"

namespace bench {

struct peer_data {
  const std::size_t m = kMat, n = kMat, nv = std::size_t(k1M), n16 = k16M, m2 = kMatR2;
  placed_array<double> A = make_input<double>("views/A", m * n, 0, -1.0, 1.0);
  placed_array<double> b = make_input<double>("views/b", n, 1, -1.0, 1.0);
  placed_array<double> c = make_input<double>("views/c", m, 1, -1.0, 1.0);
  placed_array<double> x = make_input<double>("views/x", m, 0, -1.0, 1.0);
  placed_array<double> y = make_input<double>("views/y", n, 1, -1.0, 1.0);
  placed_array<double> a2 = make_input<double>("views/a2", 2 * nv, 0, -1.0, 1.0);
  placed_array<double> b2 = make_input<double>("views/b2", 2 * nv, 1, -1.0, 1.0);
  placed_array<double> R{m * n, 0};
  placed_array<double> a16 = make_input<double>("reduce/a", n16, 0, 0.0, 1.0);
  placed_array<double> A2 = make_input<double>("reduce/A2", m2 * m2, 0, -1.0, 1.0);
  placed_array<double> A5 = make_input<double>("reduce/A5", m * n, 0, -1.0, 1.0);
  placed_array<double> r{m2, 0}, r2{m2, 0};
  double scalar = 0;  // R1, R3, R4 results (R4: the index as a double)
};

inline peer_data& PD() {
  static peer_data d;
  return d;
}

inline std::vector<double> copy_of(const double* p, std::size_t n) { return {p, p + n}; }

/// One matrix case: name, arg, bytes, rtol and the loop at nt threads, which
/// leaves its result where result() reads it.
struct matrix_case {
  std::string name;
  std::int64_t arg;
  double bytes;
  double rtol;
  std::function<void(int)> loop;
  std::function<std::vector<double>()> result;
};

inline std::vector<matrix_case> matrix_cases() {
  const std::size_t m = kMat, n = kMat, nv = std::size_t(k1M), n16 = k16M, m2 = kMatR2;
  const double mat = double(m * n) * 8;
  auto R = [] { return copy_of(PD().R.data(), PD().m * PD().n); };
  auto Rv = [] { return copy_of(PD().R.data(), PD().nv); };
  auto s = [] { return std::vector<double>{PD().scalar}; };
  auto r2 = [] { return copy_of(PD().r.data(), PD().m2); };
  auto r5 = [] {
    auto v = copy_of(PD().r.data(), PD().m);
    v.insert(v.end(), PD().r2.data(), PD().r2.data() + PD().m);
    return v;
  };
  std::vector<matrix_case> cs;
  cs.push_back({"B1/f64", std::int64_t(n), 2 * mat + 8.0 * n, 1e-14, [](int nt) {
                  auto& d = PD();
                  loop_B1(nt, d.A.data(), d.b.data(), d.R.data(), d.m, d.n);
                }, R});
  cs.push_back({"B2/f64", std::int64_t(n), mat + 8.0 * (m + n), 1e-14, [](int nt) {
                  auto& d = PD();
                  loop_B2(nt, d.x.data(), d.y.data(), d.R.data(), d.m, d.n);
                }, R});
  cs.push_back({"B3/f64", std::int64_t(n), 2 * mat + 8.0 * m, 1e-14, [](int nt) {
                  auto& d = PD();
                  loop_B3(nt, d.A.data(), d.c.data(), d.R.data(), d.m, d.n);
                }, R});
  cs.push_back({"S1/f64", std::int64_t(n), 2 * mat, 1e-14, [](int nt) {
                  auto& d = PD();
                  loop_S1(nt, d.A.data(), d.R.data(), d.n);
                }, R});
  cs.push_back({"S2/f64", std::int64_t(nv), 24.0 * nv, 1e-14, [](int nt) {
                  auto& d = PD();
                  loop_S2(nt, d.a2.data(), d.b2.data(), d.R.data(), d.nv);
                }, Rv});
  cs.push_back({"R1/f64", std::int64_t(n16), 8.0 * n16, 1e-10, [](int nt) {
                  PD().scalar = loop_R1(nt, PD().a16.data(), PD().n16);
                }, s});
  cs.push_back({"R2.axis0/f64", std::int64_t(m2), 8.0 * double(m2 * m2 + m2), 1e-10, [](int nt) {
                  auto& d = PD();
                  loop_R2_axis0(nt, d.A2.data(), d.r.data(), d.m2, d.m2);
                }, r2});
  cs.push_back({"R2.axis1/f64", std::int64_t(m2), 8.0 * double(m2 * m2 + m2), 1e-10, [](int nt) {
                  auto& d = PD();
                  loop_R2_axis1(nt, d.A2.data(), d.r.data(), d.m2, d.m2);
                }, r2});
  cs.push_back({"R3/f64", std::int64_t(n16), 8.0 * n16, 1e-10, [](int nt) {
                  PD().scalar = loop_R3(nt, PD().a16.data(), PD().n16);
                }, s});
  cs.push_back({"R4/f64", std::int64_t(n16), 8.0 * n16, 0.0, [](int nt) {
                  PD().scalar = double(loop_R4(nt, PD().a16.data(), PD().n16));
                }, s});
  cs.push_back({"R5/f64", std::int64_t(m), 8.0 * double(m * n + 2 * m), 1e-10, [](int nt) {
                  auto& d = PD();
                  loop_R5(nt, d.A5.data(), d.r.data(), d.r2.data(), d.m, d.n);
                }, r5});
  return cs;
}

/// A peer's implementation of one case: `run()` computes the case and leaves
/// its result where the case's result() reads it (PD().R, .r/.r2, .scalar).
/// `setup(nt)` runs before the timed loop (e.g. to select a thread count).
struct peer_impl {
  std::function<void()> run;
};

inline void register_side(const matrix_case& c, const std::string& side,
                          std::function<void()> before, std::function<void()> run,
                          std::function<void()> after = {}) {
  benchmark::RegisterBenchmark(
      (c.name + "/" + side).c_str(),
      [c, side, before, run, after](benchmark::State& st) {
        c.loop(1);
        const std::vector<double> ref = c.result();
        if (before) before();
        std::fill(PD().R.data(), PD().R.data() + PD().m * PD().n, -12345.0);
        run();
        const std::vector<double> got = c.result();
        check_close(c.name + "/" + side, got.data(), ref.data(), ref.size(), c.rtol);
        for (auto _ : st) {
          run();
          benchmark::ClobberMemory();
        }
        if (after) after();
        set_bytes(st, c.bytes);
      })
      ->Arg(c.arg)
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
}

/// The loop and loop_omp sides of every matrix case.
inline void register_matrix_loops() {
  for (const auto& c : matrix_cases())
    for (int nt : {1, 2}) {
      if (nt > 1 && !kHaveOmp) continue;
      register_side(c, loop_side(nt), {}, [f = c.loop, nt] { f(nt); });
    }
}

/// A peer side: impls by case name; `before`/`after` bracket each timed run
/// (thread-count control).
inline void register_matrix_side(const std::string& side, const std::map<std::string, peer_impl>& impls,
                                 std::function<void()> before = {}, std::function<void()> after = {}) {
  for (const auto& c : matrix_cases()) {
    auto it = impls.find(c.name);
    if (it == impls.end()) continue;
    register_side(c, side, before, it->second.run, after);
  }
}

}  // namespace bench
