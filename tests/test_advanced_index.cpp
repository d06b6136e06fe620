// Advanced indexing: boolean masks and integer arrays, alone and mixed with
// slices, integers, newaxis and ellipsis (NumPy's result shapes for
// adjacent and separated array indices), on views with negative strides and
// views of views; writes through masks and integer arrays (scalars, arrays,
// expressions, broadcasting, repeated indices, overlap between source and
// target); NumPy's errors. Goldens: tests/data/advanced.txt
// (tests/golden/gen_advanced.py).
#include <doctest/doctest.h>

#include <numfuse/numfuse.hpp>

#include "advanced_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_advanced_index {

namespace np = numfuse;
using adv_test::check;
using adv_test::check_error;
using np::ellipsis;
using np::newaxis;
using np::none;
using I = np::ndarray<std::int64_t>;
using S = np::slice;

TEST_CASE("advanced indexing: boolean masks (a copy, C order)") {
  adv_test::sources s;
  auto& [A, v, M, F] = s;
  check(v[v > 4], "mask.v");
  check(M[np::remainder(M, 3.0) == 0.0], "mask.M");
  check(A[A.view(S(), S(), 0) > 5], "mask.A_2d");
  check(A.adv(S(), np::ndarray<bool>{true, false, true}), "mask.A_axis1");
  check(v[v > 100], "mask.empty");
  check(M[M < 0.0], "mask.M_none");
  auto r = v.view(S(none, none, -1));
  check(r[np::remainder(r, 2) == 0], "mask.rev");
  auto vv = A.view(S(), S(none, none, -1)).view(1);
  check(vv[vv > 15], "mask.vv");
  check(F.T()[F.T() > 2.0f], "mask.F_T");
  const np::ndarray<bool> vb = v > 3;
  check(vb[np::remainder(v, 3) == 0], "mask.bool");
  // reading converts to an ndarray (a copy, not a view)
  np::ndarray<std::int64_t> c = v[v > 4];
  c(0) = -1;
  CHECK(v(5) == 5);
}

TEST_CASE("advanced indexing: integer arrays, NumPy's result shapes") {
  adv_test::sources s;
  auto& [A, v, M, F] = s;
  check(v[I{2, -1, 0, 2}], "int.v");
  check(M[I{2, 0}], "int.M_rows");
  check(M.adv(I{2, 0}, S()), "int.M_rows_all");
  check(M.adv(S(), I{3, -4, 1}), "int.M_cols");
  check(M.adv(I{0, 2}, I{1, 3}), "int.M_pairs");
  check(M.adv(I{{0}, {2}}, I{1, 3}), "int.M_bcast");
  check(A.adv(I{1, 0}, S(), I{2, 3}), "int.A_sep");  // separated: broadcast axes first
  check(A.adv(S(), I{0, 2}, I{1, 3}), "int.A_adj");
  check(A.adv(0, S(), I{1, 2}), "int.A_int_sep");  // an integer counts as an array
  check(A.adv(S(), 1, I{1, 2}), "int.A_int_adj");
  check(A.adv(ellipsis, I{3, 0}), "int.A_ell");
  check(A.adv(newaxis, I{1}, S(none, none, -1), 0), "int.A_na");
  check(v[np::zeros<std::int64_t>({0})], "int.v_empty");
  check(M.adv(np::zeros<std::int64_t>({0}), S()), "int.M_empty");
  check(v[I{{1, 2}, {3, 4}}], "int.v_2d");
  check(M[I{{0, 1}, {2, 2}}], "int.M_2d");
  check(v[np::ndarray<std::int32_t>{1, 3}], "int.v_i32");
  check(v[np::ndarray<std::uint8_t>{9, 0}], "int.v_u8");
  check(v[np::array(std::int64_t(3))], "int.v_0d");
  check(v.view(S(none, none, -2))[I{0, 1, 4}], "int.rev");
  const np::ndarray<bool> vb = v > 3;
  check(vb[I{1, 5}], "int.bool_src");
  check(F.T().adv(I{2, 0}, S(1, none)), "int.F_T");
  check(M.adv(S(none, none, -1), I{0, 3}), "int.M_slice_step");
  check(A.adv(np::ndarray<bool>{true, false}, S(), I{0, 3}), "int.A_mask_int");
  // an index expression is evaluated once
  check(v[v.view(S(0, 4)) * 2], "int.v_expr");
}

TEST_CASE("advanced indexing: 0-d index arrays and results") {
  adv_test::sources s;
  auto& [A, v, M, F] = s;
  check(A.adv(0, 1, I{2}), "0d.int_int_arr");
  const auto z = [](std::int64_t x) { return np::array(x); };
  check(A.adv(z(1), z(2), z(-1)), "0d.all_0d");
  check(np::take(v, z(2)), "0d.take");
  v[z(3)] = 7;
  check(v, "0d.write");
  (void)M;
  (void)F;
}

TEST_CASE("advanced indexing: writes through masks and integer arrays") {
  {
    adv_test::sources s;
    s.v[s.v > 4] = 0;
    check(s.v, "w.mask_scalar");
  }
  {
    adv_test::sources s;
    auto& v = s.v;
    v[np::remainder(v, 2) == 0] = v[np::remainder(v, 2) == 0].copy() * 10;
    check(v, "w.mask_array");
  }
  {
    adv_test::sources s;
    s.M[s.M > 5.0] = np::arange<std::int64_t>(0, 6, 1);
    check(s.M, "w.mask_arange");
  }
  {
    adv_test::sources s;
    auto& M = s.M;
    M[M > 5.0] = np::adv(M * 2.0, M > 5.0);  // a proxy on the right: gathered first
    check(M, "w.mask_expr");
  }
  {
    adv_test::sources s;
    s.M[I{0, 2}] = 7;
    check(s.M, "w.rows_scalar");
  }
  {
    adv_test::sources s;
    s.M[I{0, 2}] = np::ndarray<double>{{1, 2, 3, 4}};
    check(s.M, "w.rows_bcast");
  }
  {
    adv_test::sources s;
    s.M.adv(S(), I{1, 1, 3}) = np::ndarray<double>{10, 20, 30};  // the last write wins
    check(s.M, "w.dup_last");
  }
  {
    adv_test::sources s;
    s.v[I{1, 1, 1}] += 5;  // buffered: +5 once, as NumPy
    check(s.v, "w.dup_iadd");
  }
  {
    adv_test::sources s;
    auto& v = s.v;
    const I idx{0, 3, 5, 9};
    v[idx] = v.view(S(none, none, -1))[idx];
    check(v, "w.overlap_rev");
  }
  {
    adv_test::sources s;
    auto& v = s.v;
    const I idx{0, 3, 5};
    v.view(S(1, none))[idx] = v[idx];
    check(v, "w.overlap_shift");
  }
  {
    adv_test::sources s;
    auto r = s.A.view(S(), S(none, none, -1));
    r[r > 10] = -1;
    check(s.A, "w.vv_mask");
  }
  {
    adv_test::sources s;
    s.A.adv(I{1, 0}, S(), I{2, 3}) = I{{100, 101, 102}, {200, 201, 202}};
    check(s.A, "w.A_sep");
  }
  {
    adv_test::sources s;
    s.M.adv(I{0, 1}, I{1, 2}) *= 3;
    check(s.M, "w.pairs_imul");
  }
  {
    adv_test::sources s;
    s.F[s.F > 3.0f] = 1.5;
    check(s.F, "w.F");
  }
  {
    adv_test::sources s;
    s.M.adv(S(), I{0}) = s.M.adv(S(), I{3});
    check(s.M, "w.cols");
  }
  {
    adv_test::sources s;
    s.v[np::zeros<std::int64_t>({0})] = 5;
    check(s.v, "w.empty");
  }
}

TEST_CASE("advanced indexing: the proxy as an expression operand (read once, a copy)") {
  adv_test::sources s;
  auto& [A, v, M, F] = s;
  // Each result is evaluated into an ndarray of the expression's own dtype.
  const auto ev = [](const auto& e) { return np::eval(e); };
  check(ev(M[M > 4.0] * 2), "op.mask_mul");
  check(ev(np::sqrt(M[I{2, 0}]) + M[I{2, 0}]), "op.int_sqrt");
  check(np::ndarray<std::int64_t>(np::sum(A[np::remainder(A, 2) == 0])), "op.sum");
  check(ev(np::sum(A[I{1, 0}], 1)), "op.sum_axis");
  check(ev(v[I{1, 3, 5}] > 2), "op.cmp");
  check(ev(np::where(v[I{1, 3, 5}] > 2, v[I{1, 3, 5}], -1)), "op.where");
  check(ev(M[M > 4.0] + F.T()[F.T() > 2.0f]), "op.two");  // float64 + float32
  check(ev(M[I{2, 0}] - v[I{1, 2, 3, 4}]), "op.bcast");    // (2, 4) - (4,)
  const np::ndarray<float> f = v[I{1, 3}];                  // converted on the way
  check(f, "op.astype");
  check(np::ndarray<std::int64_t>(np::max(v.view(S(none, none, -1))[I{0, 9, 4}])), "op.max_rev");
  {
    auto a = np::ndarray<std::int64_t>(v);
    a[np::remainder(a, 3) == 0] = a[np::remainder(a, 3) == 0] * 10;
    check(a, "op.w_self");
  }
  {
    auto a = np::ndarray<std::int64_t>(v);
    a.view(S(0, 4)) = a[I{3, 2, 1, 0}];  // overlapping source: gathered first
    check(a, "op.w_view_overlap");
  }
  {
    np::ndarray<double> b(M);
    b = b[b > 6.0];  // a new shape: b is rebound to the selection
    check(b, "op.rebind");
  }
  check_error<np::broadcast_error>([&] { (void)np::eval(M[M > 4.0] + v[I{1, 2}]); },
                                   "op.err_bcast");
}

TEST_CASE("advanced indexing: NumPy's errors") {
  adv_test::sources s;
  auto& [A, v, M, F] = s;
  using IE = np::index_error;
  using VE = np::value_error;
  auto read = [](auto&& r) { (void)r.copy(); };
  check_error<IE>([&] { read(v[I{10}]); }, "err.oob");
  check_error<IE>([&] { read(v[I{0, -11}]); }, "err.oob_neg");
  check_error<IE>([&] { read(M.adv(S(), I{1, 4})); }, "err.oob_axis1");
  check_error<IE>([&] { read(M.adv(S(), I{1, 7, -9})); }, "err.oob_first");
  check_error<IE>([&] { read(M.adv(I{0, 1}, I{0, 1, 2})); }, "err.bcast");
  check_error<IE>([&] { read(M[np::ndarray<bool>{true, false}]); }, "err.mask_shape");
  check_error<IE>([&] { read(M.adv(S(), np::ndarray<bool>{true, false, true})); }, "err.mask_shape1");
  check_error<IE>([&] { read(A.adv(I{0}, I{0}, I{0}, I{0})); }, "err.too_many");
  const auto z = np::array(5.0);
  check_error<IE>([&] { read(z[I{0}]); }, "err.0d");
  check_error<VE>([&] { v[I{1, 2}] = I{1, 2, 3}; }, "err.w_shape");
  check_error<VE>([&] { v[v > 5] = I{1, 2}; }, "err.w_mask");
  check_error<IE>([&] { v[I{3, 12}] = 0; }, "err.w_oob");
  (void)F;
}

}  // namespace test_advanced_index
