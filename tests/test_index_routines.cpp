// NumPy's indexing routines built on advanced indexing: take, put,
// take_along_axis, put_along_axis, compress, extract, place, putmask,
// nonzero, argwhere, flatnonzero, where(cond), choose, select, diag_indices,
// tril_indices, triu_indices, ix_, unravel_index, ravel_multi_index, and
// their errors. Goldens: tests/data/advanced.txt (tests/golden/gen_advanced.py).
#include <doctest/doctest.h>

#include <numfuse/numfuse.hpp>
#include <tuple>
#include <vector>

#include "advanced_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_index_routines {

namespace np = numfuse;
using adv_test::check;
using adv_test::check_error;
using I = np::ndarray<std::int64_t>;
using B = np::ndarray<bool>;
using D = np::ndarray<double>;
using S = np::slice;
using IE = np::index_error;
using VE = np::value_error;

TEST_CASE("take, put, take_along_axis, put_along_axis") {
  adv_test::sources s;
  auto& [A, v, M, F] = s;
  check(np::take(M, I{0, 2}, 1), "take.M_ax1");
  check(np::take(M, I{{1, 2}, {11, -1}}), "take.M_flat");
  check(np::take(A, I{-1, 0}, -2), "take.A_ax-2");
  check(np::take(F.T(), I{2, 2, 0}, 0), "take.F_T_ax0");
  check_error<IE>([&] { (void)np::take(M, I{4}, 1); }, "take.err");
  check_error<IE>([&] { (void)np::take(M, I{12}); }, "take.err_flat");
  {
    I a = v;
    np::put(a, I{1, -1, 4}, I{100, 200});
    check(a, "put.cycle");
  }
  {
    D b = M;
    np::put(b, I{0, 5, 11}, -1);
    check(b, "put.M");
  }
  {
    D b = M;
    np::put(b, I{{0, 1}}, D{7, 8});
    check(b, "put.M_2d");
  }
  {
    I a = v;
    check_error<IE>([&] { np::put(a, I{10}, np::array(std::int64_t(1))); }, "put.err");
  }
  const I ti{{3, 0}, {1, 1}, {2, 0}};
  check(np::take_along_axis(M, ti, 1), "tala.ax1");
  check(np::take_along_axis(M, I{{2, 1, 0, 2}}, 0), "tala.ax0");
  check_error<VE>([&] { (void)np::take_along_axis(M, I{1, 2}, 1); }, "tala.err");
  {
    // argsort(-F, axis=0) as NumPy computes it (distinct values: a stable order)
    const I order{{3, 3, 3}, {2, 2, 2}, {1, 1, 1}, {0, 0, 0}};
    check(np::take_along_axis(F, order, 0), "tala.argsort");
  }
  {
    D b = M;
    np::put_along_axis(b, ti, 99, 1);
    check(b, "pala.scalar");
  }
  {
    D b = M;
    np::put_along_axis(b, ti, I{{1, 2}, {3, 4}, {5, 6}}, 1);
    check(b, "pala.array");
  }
}

TEST_CASE("compress, extract, place, putmask") {
  adv_test::sources s;
  auto& [A, v, M, F] = s;
  check(np::compress(I{0, 1, 1}, M, 0), "compress.ax0");
  check(np::compress(B{true, false, true, true}, M, 1), "compress.ax1");
  check(np::compress(B{false, true}, v), "compress.short");
  check(np::compress(B{true, false, true}, A, -2), "compress.A");
  check(np::extract(np::remainder(M, 2.0) == 0.0, M), "extract.M");
  check(np::extract(np::remainder(A, 7) == 1, A), "extract.A");
  {
    I a = v;
    np::place(a, a > 5, I{1, 2});
    check(a, "place.v");
  }
  {
    D b = M;
    np::place(b, np::remainder(b, 5.0) == 0.0, D{-1.5});
    check(b, "place.M");
  }
  {
    I a = v;
    check_error<VE>([&] { np::place(a, a > 5, np::zeros<std::int64_t>({0})); }, "place.err");
  }
  {
    I a = v;
    np::putmask(a, a > 5, I{100, 200, 300});
    check(a, "putmask.v");
  }
  {
    D b = M;
    np::putmask(b, b < 3.0, -b);
    check(b, "putmask.M");
  }
}

TEST_CASE("nonzero, argwhere, flatnonzero, where(cond)") {
  adv_test::sources s;
  auto& [A, v, M, F] = s;
  check(np::nonzero(np::remainder(A, 5) == 0), "nonzero.A");
  check(np::nonzero(v), "nonzero.v");
  check(np::nonzero(M > 6.0), "nonzero.M");
  check(np::nonzero(M > 100.0), "nonzero.empty");
  check(np::nonzero(F.T() > 4.0f), "nonzero.F_T");
  check(np::argwhere(M > 6.0), "argwhere.M");
  check(np::argwhere(np::remainder(v, 3) == 0), "argwhere.v");
  check(np::argwhere(A > 20), "argwhere.A");
  check(np::flatnonzero(M.T() > 5.0), "flatnonzero.M_T");
  check(np::flatnonzero(v - 3), "flatnonzero.v");
  check(np::where(M > 8.0), "where1.M");
  // the result indexes the array back (NumPy's a[np.nonzero(a > 6)])
  const auto nz = np::nonzero(M > 6.0);
  check(M.adv(nz[0], nz[1]), "mask.M_gt6");
}

TEST_CASE("choose, select") {
  adv_test::sources s;
  auto& [A, v, M, F] = s;
  const I a0 = v.view(S(0, 4)), a1 = v.view(S(4, 8)) * 10, a2 = -1 * v.view(S(0, 4));
  check(np::choose(I{0, 2, 1, 0}, std::tie(a0, a1, a2)), "choose.v");
  check(np::choose(I{{0, 1}, {1, 0}}, std::make_tuple(I{1, 2}, I{{10}, {20}})), "choose.bcast");
  check_error<VE>([&] { (void)np::choose(I{0, 3}, std::make_tuple(I{0, 1}, I{2, 3})); }, "choose.err");
  check(np::select(std::vector<B>{v < 3, v > 6}, std::vector<I>{v, v * v}, -1), "select.v");
  check(np::select(std::vector<B>{M > 9.0, M > 4.0}, std::vector<D>{M * 0.0, M * 10.0}), "select.M");
}

TEST_CASE("index generators: diag_indices, tril/triu_indices, ix_, unravel_index, ravel_multi_index") {
  adv_test::sources s;
  auto& M = s.M;
  check(np::diag_indices(3), "diag_indices.3");
  check(np::diag_indices(2, 3), "diag_indices.2_3");
  check(np::tril_indices(4), "tril_indices.4");
  check(np::tril_indices(3, 1, 4), "tril_indices.3_1_4");
  check(np::triu_indices(4, -1), "triu_indices.4_-1");
  check(np::triu_indices(3, 1, 5), "triu_indices.3_1_5");
  const auto ix = np::ix_(I{0, 2}, I{1, 3});
  check(ix, "ix_.0");
  check(M.adv(ix[0], ix[1]), "ix_.M");
  check(np::ix_(B{true, false, true}, I{3, 0}), "ix_.bool");
  check(np::unravel_index(I{22, 41, 37}, {7, 6}), "unravel.1");
  check(np::unravel_index(np::array(std::int64_t(5)), {2, 3}), "unravel.0d");
  check(np::unravel_index(I{{0, 23}, {7, 13}}, {2, 3, 4}), "unravel.3d");
  check_error<VE>([&] { (void)np::unravel_index(I{3, 6}, {2, 3}); }, "unravel.err");
  check_error<VE>([&] { (void)np::unravel_index(I{-1}, {2, 3}); }, "unravel.err_neg");
  check(np::ravel_multi_index({I{3, 6, 6}, I{4, 5, 1}}, {7, 6}), "rmi.1");
  check(np::ravel_multi_index({I{{1}, {0}}, I{0, 2, 3}}, {2, 4}), "rmi.bcast");
  check_error<VE>([&] { (void)np::ravel_multi_index({I{3, 7}, I{4, 5}}, {7, 6}); }, "rmi.err");
}

}  // namespace test_index_routines
