// Shape manipulation (views: reshape, ravel, transpose, moveaxis, swapaxes,
// squeeze, expand_dims, broadcast_to/arrays, atleast_*d, flips, diagonal;
// whether NumPy returns a view or a copy), joins and splits (concatenate,
// stack, hstack, vstack, split, array_split), tile, repeat, eye, identity,
// tril, triu, copyto, and their errors. Goldens: tests/data/indexing.txt.
#include <doctest/doctest.h>

#include <numfuse/numfuse.hpp>
#include <tuple>
#include <vector>

#include "indexing_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_indexing_manip {

namespace np = numfuse;
using idx_test::check;
using idx_test::check_error;
using std::int64_t;
using S = np::slice;
using VE = np::value_error;
using AE = np::axis_error;

TEST_CASE("manipulation: reshape, ravel, flatten (view when NumPy gives one)") {
  idx_test::sources s;
  auto& A = s.A;
  check(np::reshape(A, {6, 4}), "reshape.6_4", A);
  check(A.reshape({-1}), "reshape.-1", A);
  check(A.reshape({4, -1, 3}), "reshape.4_-1_3", A);
  auto T = np::transpose(A, {0, 2, 1});
  check(T.reshape({-1}), "reshape.T_-1", T);
  check(T.reshape({2, 12}), "reshape.T_2_12", T);
  check(T.reshape({2, 4, 3}), "reshape.T_2_4_3", T);
  check(T.reshape({2, 2, 2, 3}), "reshape.T_2_2_2_3", T);
  check(T.reshape({1, 2, 1, 12, 1}), "reshape.T_1_2_1_12_1", T);
  auto Sv = A.view(S(), S(1, np::none), S(np::none, np::none, 2));
  check(Sv.reshape({2, 4}), "reshape.S_2_4", Sv);
  check(Sv.reshape({4, 2}), "reshape.S_4_2", Sv);
  check(Sv.reshape({2, 2, 2}), "reshape.S_same", Sv);
  check(s.z.reshape({1, 1}), "reshape.z_1_1", s.z);
  check(s.v.view(S(np::none, np::none, -1)).reshape({2, 5}), "reshape.v_2_5_rev", s.v);
  check(np::zeros({0, 3}).reshape({3, 0, 5}), "reshape.empty");
  check_error<VE>([&] { (void)A.reshape({4, -1, 5}); }, "reshape.err_4_-1");
  check_error<VE>([&] { (void)A.reshape({5, 7}); }, "reshape.err_5_7");
  check_error<VE>([&] { (void)A.reshape({-1, -1}); }, "reshape.err_two");
  check_error<VE>([&] { (void)np::zeros({0, 3}).reshape({0, -1}); }, "reshape.err_0");
  // a reshape of a view writes through; of a temporary, the view owns it
  A.reshape({-1}).view(0) = 100;
  CHECK(A(0, 0, 0) == 100);
  A(0, 0, 0) = 0;
  auto owned = np::arange(6).reshape({2, 3});
  CHECK(owned.owner() != nullptr);
  CHECK(owned(1, 2) == 5);
  check(np::ravel(A), "ravel.A", A);
  check(np::ravel(T), "ravel.T", T);
  check(np::ravel(s.v.view(S(np::none, np::none, 2))), "ravel.v2", s.v);
  check(np::ravel(s.z), "ravel.z", s.z);
  check(np::flatten(A), "flatten.A", A);
  check(np::flatten(T), "flatten.T", T);
}

TEST_CASE("manipulation: axes") {
  idx_test::sources s;
  auto& A = s.A;
  check(np::transpose(A), "transpose.A", A);
  check(np::transpose(A, {1, 0, 2}), "transpose.A_1_0_2", A);
  check(np::transpose(A, {-1, 0, 1}), "transpose.A_-1_0_1", A);
  check(np::transpose(s.z), "transpose.z", s.z);
  check(s.M.T(), "transpose.M_T", s.M);
  check_error<VE>([&] { (void)np::transpose(A, {0, 1}); }, "transpose.err_len");
  check_error<VE>([&] { (void)np::transpose(A, {0, 1, 1}); }, "transpose.err_rep");
  check_error<AE>([&] { (void)np::transpose(A, {0, 1, 3}); }, "transpose.err_oob");
  check(np::moveaxis(A, 0, -1), "moveaxis.0_-1", A);
  check(np::moveaxis(A, 2, 0), "moveaxis.2_0", A);
  check(np::moveaxis(A, {0, 1}, {-1, -2}), "moveaxis.multi", A);
  check_error<VE>([&] { (void)np::moveaxis(A, {0, 1}, {0}); }, "moveaxis.err_len");
  check_error<VE>([&] { (void)np::moveaxis(A, {0, 0}, {0, 1}); }, "moveaxis.err_rep");
  check_error<AE>([&] { (void)np::moveaxis(A, 3, 0); }, "moveaxis.err_oob");
  check_error<AE>([&] { (void)np::moveaxis(A, 0, -4); }, "moveaxis.err_oob_dst");
  check(np::swapaxes(A, 0, 2), "swapaxes.0_2", A);
  check(np::swapaxes(A, -1, 1), "swapaxes.-1_1", A);
  check_error<AE>([&] { (void)np::swapaxes(A, 0, 5); }, "swapaxes.err");
  auto Q = np::arange(6).reshape({1, 2, 1, 3, 1});
  check(np::squeeze(Q), "squeeze.all", Q);
  check(np::squeeze(Q, 0), "squeeze.0", Q);
  check(np::squeeze(Q, {0, -1}), "squeeze.0_-1", Q);
  check(np::squeeze(s.z), "squeeze.z", s.z);
  check_error<VE>([&] { (void)np::squeeze(Q, 1); }, "squeeze.err");
  check_error<AE>([&] { (void)np::squeeze(Q, 5); }, "squeeze.err_oob");
  check(np::expand_dims(s.M, 0), "expand_dims.0", s.M);
  check(np::expand_dims(s.M, -1), "expand_dims.-1", s.M);
  check(np::expand_dims(s.M, {0, 3}), "expand_dims.0_3", s.M);
  check(np::expand_dims(s.z, 0), "expand_dims.z", s.z);
  check_error<VE>([&] { (void)np::expand_dims(s.M, {0, 0}); }, "expand_dims.err_rep");
  check_error<AE>([&] { (void)np::expand_dims(s.M, 3); }, "expand_dims.err_oob");
}

TEST_CASE("manipulation: broadcast_to, broadcast_arrays, atleast_*d") {
  idx_test::sources s;
  auto& M = s.M;
  auto& v = s.v;
  auto b = np::broadcast_to(v, {3, 10});
  static_assert(std::is_same_v<decltype(b), np::ndview<const int64_t>>);  // read-only
  check(b, "broadcast_to.v_3_10", v);
  check(np::broadcast_to(M.view(S(), S(1)), {2, 3, 4}), "broadcast_to.col", M);
  check(np::broadcast_to(s.z, {2, 3}), "broadcast_to.z", s.z);
  check(np::broadcast_to(v.view(S(1)), {0, 4}), "broadcast_to.empty");
  check_error<VE>([&] { (void)np::broadcast_to(M, {}); }, "broadcast_to.err_scalar");
  check_error<VE>([&] { (void)np::broadcast_to(M, {-1, 4}); }, "broadcast_to.err_neg");
  check_error<VE>([&] { (void)np::broadcast_to(M, {4}); }, "broadcast_to.err_fewer");
  check_error<VE>([&] { (void)np::broadcast_to(M, {2, 4, 3}); }, "broadcast_to.err_mismatch");
  check_error<VE>([&] { (void)np::broadcast_to(v, {3}); }, "broadcast_to.err_mismatch2");
  auto [x1, x2, x3] = np::broadcast_arrays(M, v.view(S(4)), M.view(S(), S(1)));
  check(x1, "broadcast_arrays.0", M);
  check(x2, "broadcast_arrays.1", v);
  check(x3, "broadcast_arrays.2", M);
  check_error<VE>([&] { (void)np::broadcast_arrays(v.view(S(3)), M.view(S(2), S(1)), v.view(S(4))); },
                  "broadcast_arrays.err");
  check(np::atleast_1d(s.z), "atleast_1d.z", s.z);
  check(np::atleast_1d(v), "atleast_1d.v", v);
  check(np::atleast_1d(M), "atleast_1d.M", M);
  check(np::atleast_1d(s.A), "atleast_1d.A", s.A);
  check(np::atleast_2d(s.z), "atleast_2d.z", s.z);
  check(np::atleast_2d(v), "atleast_2d.v", v);
  check(np::atleast_2d(M), "atleast_2d.M", M);
  check(np::atleast_2d(s.A), "atleast_2d.A", s.A);
  check(np::atleast_3d(s.z), "atleast_3d.z", s.z);
  check(np::atleast_3d(v), "atleast_3d.v", v);
  check(np::atleast_3d(M), "atleast_3d.M", M);
  check(np::atleast_3d(s.A), "atleast_3d.A", s.A);
}

TEST_CASE("manipulation: flips and diagonal") {
  idx_test::sources s;
  auto& A = s.A;
  auto& M = s.M;
  check(np::flip(A), "flip.A", A);
  check(np::flip(A, 1), "flip.A_1", A);
  check(np::flip(A, {0, -1}), "flip.A_0_-1", A);
  check(np::flip(s.z), "flip.z");  // a 0-d view (NumPy returns a scalar)
  check(np::flip(A.view(S(), S(2, 1))), "flip.empty");
  check(np::fliplr(M), "fliplr.M", M);
  check(np::flipud(M), "flipud.M", M);
  check(np::flipud(s.v), "flipud.v", s.v);
  check_error<VE>([&] { (void)np::fliplr(s.v); }, "fliplr.err");
  check_error<VE>([&] { (void)np::flipud(s.z); }, "flipud.err");
  check_error<AE>([&] { (void)np::flip(M, 2); }, "flip.err");
  auto d = np::diagonal(M);
  static_assert(std::is_same_v<decltype(d), np::ndview<const double>>);  // read-only, as NumPy's
  check(d, "diagonal.M", M);
  check(np::diagonal(M, 1), "diagonal.M_1", M);
  check(np::diagonal(M, -2), "diagonal.M_-2", M);
  check(np::diagonal(M, 4), "diagonal.M_4");
  check(np::diagonal(M, -5), "diagonal.M_-5");
  check(np::diagonal(A, 0, 2, 1), "diagonal.A_0_2_1", A);
  check(np::diagonal(A, 1, 0, 2), "diagonal.A_1_0_2", A);
  check_error<VE>([&] { (void)np::diagonal(s.v); }, "diagonal.err_1d");
  check_error<VE>([&] { (void)np::diagonal(M, 0, 1, 1); }, "diagonal.err_same");
  check_error<AE>([&] { (void)np::diagonal(M, 0, 0, 2); }, "diagonal.err_oob");
  // a flipped view is writable and writes through
  np::flip(s.v).view(0) = -1;
  CHECK(s.v(9) == -1);
}

TEST_CASE("joins: concatenate, stack, hstack, vstack, split") {
  idx_test::sources s;
  auto& M = s.M;
  auto& v = s.v;
  const np::ndarray<std::int32_t> B = np::arange<std::int32_t>(8).reshape({2, 4});
  check(np::concatenate(std::tie(M, B)), "concatenate.0");  // float64 + int32 -> float64
  check(np::concatenate(std::forward_as_tuple(M.T().view(S(2)), B.view(S(), S(3)),
                                              B.view(S(), S(np::none, np::none, -1))), 1),
        "concatenate.1");
  check(np::concatenate(std::forward_as_tuple(M.T(), M.T()), -1), "concatenate.T");
  check(np::concatenate(std::vector{v.view(S(0)), v.view(S(3, 5))}), "concatenate.empty");
  check(np::concatenate(np::array_split(M, 3, 1), 1), "concatenate.split");
  check_error<VE>([&] { (void)np::concatenate(std::vector<np::ndview<double>>{}); }, "concatenate.err_none");
  check_error<VE>([&] { (void)np::concatenate(std::tie(s.z, s.z)); }, "concatenate.err_0d");
  check_error<VE>([&] { (void)np::concatenate(std::tie(M, v)); }, "concatenate.err_ndim");
  check_error<VE>([&] { (void)np::concatenate(std::forward_as_tuple(M, B.view(S(), S(2)))); },
                  "concatenate.err_shape");
  check_error<AE>([&] { (void)np::concatenate(std::tie(M, M), 2); }, "concatenate.err_axis");
  check(np::stack(std::forward_as_tuple(M, M * 2)), "stack.0");
  check(np::stack(std::forward_as_tuple(M, np::concatenate(std::forward_as_tuple(
                                               np::fliplr(B), np::fliplr(B).view(S(1, 2)))).view(np::ellipsis)),
                  1),
        "stack.1");
  check(np::stack(std::forward_as_tuple(v, np::flip(v)), -1), "stack.-1");
  check(np::stack(std::tie(s.z, s.z)), "stack.z");
  check_error<VE>([&] { (void)np::stack(std::forward_as_tuple(M, M.T())); }, "stack.err_shape");
  check_error<VE>([&] { (void)np::stack(std::vector<np::ndview<double>>{}); }, "stack.err_none");
  check_error<AE>([&] { (void)np::stack(std::tie(M, M), 3); }, "stack.err_axis");
  check(np::hstack(std::forward_as_tuple(v, v.view(S(3)))), "hstack.1d");
  check(np::hstack(std::forward_as_tuple(M, M.view(S(), S(1)))), "hstack.2d");
  check(np::hstack(std::tie(s.z, s.z)), "hstack.0d");
  check(np::vstack(std::tie(v, v)), "vstack.1d");
  check(np::vstack(std::forward_as_tuple(M, v.view(S(4)))), "vstack.2d");
  check_error<VE>([&] { (void)np::vstack(std::forward_as_tuple(v, v.view(S(2)))); }, "vstack.err");
  auto p3 = np::array_split(v, 3);
  REQUIRE(p3.size() == 3);
  for (int i = 0; i < 3; ++i) check(p3[i], "array_split.3." + std::to_string(i), v);
  auto p5 = np::array_split(M, 5, 1);
  REQUIRE(p5.size() == 5);
  for (int i = 0; i < 5; ++i) check(p5[i], "array_split.M_5_1." + std::to_string(i), M);
  auto pi = np::split(v, std::vector<std::ptrdiff_t>{2, -3, 20});
  REQUIRE(pi.size() == 4);
  for (int i = 0; i < 4; ++i) check(pi[i], "split.idx." + std::to_string(i), v);
  auto pa = np::split(s.A, 3, 1);
  REQUIRE(pa.size() == 3);
  for (int i = 0; i < 3; ++i) check(pa[i], "split.A_3_1." + std::to_string(i), s.A);
  check_error<VE>([&] { (void)np::split(v, 3); }, "split.err");
  check_error<VE>([&] { (void)np::array_split(v, 0); }, "array_split.err");
}

TEST_CASE("tile, repeat, eye, identity, tril, triu, copyto") {
  idx_test::sources s;
  auto& M = s.M;
  auto& v = s.v;
  check(np::tile(v.view(S(3)), 2), "tile.v_2");
  check(np::tile(v.view(S(3)), {2, 3}), "tile.v_2_3");
  check(np::tile(M, {2, 1, 2}), "tile.M_2_1_2");
  check(np::tile(s.A.view(S(), S(np::none, np::none, -1)), 2), "tile.A_2");
  check(np::tile(s.z, 3), "tile.z_3");
  check(np::tile(M, {0, 2}), "tile.M_0");
  check_error<VE>([&] { (void)np::tile(M, -1); }, "tile.err");
  check(np::repeat(v.view(S(4)), 3), "repeat.v_3");
  check(np::repeat(M, 2), "repeat.M_2");
  check(np::repeat(M, 2, 1), "repeat.M_2_ax1");
  check(np::repeat(s.A, 3, -2), "repeat.A_3_ax-2");
  check(np::repeat(M, {2, 0, 1}, 0), "repeat.M_list_ax0");
  check(np::repeat(v.view(S(3)), {3, 1, 2}), "repeat.v_list");
  check(np::repeat(s.z, 4), "repeat.z_4");
  check(np::repeat(M, 0, 1), "repeat.M_0_ax1");
  check_error<VE>([&] { (void)np::repeat(M, -1); }, "repeat.err_neg");
  check_error<VE>([&] { (void)np::repeat(M, {1, 2}, 1); }, "repeat.err_len");
  check_error<VE>([&] { (void)np::repeat(M, {1, -2, 1}, 0); }, "repeat.err_negs");
  check_error<AE>([&] { (void)np::repeat(M, 2, 2); }, "repeat.err_axis");
  check(np::eye(3), "eye.3");
  check(np::eye(3, 4, 1), "eye.3_4_1");
  check(np::eye<std::int32_t>(4, 3, -2), "eye.4_3_-2");
  check(np::eye(2, 2, 5), "eye.2_2_5");
  check(np::eye(0), "eye.0");
  check(np::identity<float>(4), "identity.4");
  check_error<VE>([&] { (void)np::eye(-1); }, "eye.err");
  check(np::tril(M), "tril.M");
  check(np::tril(M, 1), "tril.M_1");
  check(np::tril(M, -1), "tril.M_-1");
  check(np::tril(s.A, -1), "tril.A_-1");
  check(np::tril(v.view(S(4))), "tril.v");
  check(np::triu(M), "triu.M");
  check(np::triu(M, 2), "triu.M_2");
  check(np::triu(s.A, -1), "triu.A_-1");
  const np::ndarray<std::int32_t> B = np::arange<std::int32_t>(8).reshape({2, 4});
  check(np::triu(B), "triu.B");
  {
    auto c = np::zeros({3, 4});
    np::copyto(c, v.view(S(4)));
    check(c, "copyto.bcast");
  }
  {
    auto c = np::zeros<int64_t>({3, 4});
    np::copyto(c, 7);
    check(c, "copyto.scalar");
  }
  {
    auto c = M.copy();
    np::copyto(c.view(np::ellipsis, S(np::none, np::none, -1)), c);  // overlap
    check(c, "copyto.overlap");
  }
  {
    auto c = M.copy();
    np::copyto(c, B.view(S(1), S(4)));
    check(c, "copyto.int32");
  }
  check_error<VE>([&] { auto c = np::zeros({3}); np::copyto(c, np::zeros({4})); }, "copyto.err");
}

}  // namespace test_indexing_manip
