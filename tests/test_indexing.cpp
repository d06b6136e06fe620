// Basic indexing (integers, slices with negative steps and clamping,
// newaxis, ellipsis), views of views, writes through views (scalars,
// arrays, expressions, broadcasting, overlapping source and target), and
// NumPy's indexing errors. Goldens: tests/data/indexing.txt
// (tests/golden/gen_indexing.py).
#include <doctest/doctest.h>

#include <numfuse/numfuse.hpp>

#include "indexing_common.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_indexing {

namespace np = numfuse;
using idx_test::check;
using idx_test::check_error;
using np::ellipsis;
using np::newaxis;
using np::none;
using S = np::slice;

TEST_CASE("indexing: integers and slices of a 1-d array") {
  idx_test::sources s;
  auto& v = s.v;
  check(v.view(3), "idx.v.int", v);
  check(v.view(-1), "idx.v.neg", v);
  check(v.view(S(1, 5, 2)), "idx.v.s1_5_2", v);
  check(v.view(S(none, none, -1)), "idx.v.rev", v);
  check(v.view(S(8, 2, -3)), "idx.v.s8_2_-3", v);
  check(v.view(S(-3, none)), "idx.v.s-3_", v);
  check(v.view(S(-12)), "idx.v.s_-12", v);
  check(v.view(S(-100, 100)), "idx.v.s-100_100", v);
  check(v.view(S(100, none)), "idx.v.s100_", v);
  check(v.view(S(5, 2)), "idx.v.s5_2", v);
  check(v.view(S(-1, -100, -4)), "idx.v.s-1_-100_-4", v);
  check(v.view(S(none, 5, -1)), "idx.v.s_5_-1", v);
  check(v.view(S(3, 3, -1)), "idx.v.s3_3_-1", v);
  check(v.view(S(0, 1, 100)), "idx.v.s0_1_100", v);
  check(v.view(newaxis), "idx.v.newaxis", v);
  check(v.view(np::s(2, 4), newaxis), "idx.v.s_newaxis", v);
  check(v.view(ellipsis), "idx.v.ell", v);
  // the braced form is the same
  check(v[{S(8, 2, -3)}], "idx.v.s8_2_-3", v);
  // a const array gives a read-only view
  const auto& cv = v;
  static_assert(std::is_same_v<decltype(cv.view(1)), np::ndview<const std::int64_t>>);
  static_assert(std::is_same_v<decltype(v.view(1)), np::ndview<std::int64_t>>);
}

TEST_CASE("indexing: mixed items on a 3-d array and on 0-d arrays") {
  idx_test::sources s;
  auto& A = s.A;
  check(A.view(0), "idx.A.0", A);
  check(A.view(-1, 1), "idx.A.-1_1", A);
  check(A.view(1, 2, 3), "idx.A.1_2_3", A);  // a 0-d view (NumPy: a[1, 2, 3, ...])
  CHECK(A.view(1, 2, 3).ndim() == 0);
  check(A.view(ellipsis, 1), "idx.A.ell_1", A);
  check(A.view(0, ellipsis), "idx.A.0_ell", A);
  check(A.view(S(), S(none, none, -1), S(none, none, 2)), "idx.A.all_rev_2", A);
  check(A.view(newaxis, 1, newaxis, ellipsis, newaxis), "idx.A.na_1_na_ell_na", A);
  check(A.view(ellipsis, newaxis, S(1, 3)), "idx.A.ell_na_s", A);
  check(A.view(1, ellipsis, -1), "idx.A.1_ell_-1", A);
  check(A.view(S(), S(2, 1), 0), "idx.A.empty", A);
  check(A[{S(), -1, S(none, none, -3)}], "idx.A.s_-1_1", A);
  check(s.z.view(ellipsis), "idx.z.ell", s.z);
  check(s.z.view(newaxis), "idx.z.na", s.z);
  check(s.z.view(), "idx.z.none", s.z);
}

TEST_CASE("indexing: views of views compose") {
  idx_test::sources s;
  check(s.A.view(S(), S(none, none, -1)).view(1).view(S(), S(1, 3)), "idx.vv1", s.A);
  check(s.v.view(S(none, none, 2)).view(S(none, none, -1)).view(S(1, none)), "idx.vv2", s.v);
  check(s.A.view(ellipsis, S(none, none, -1))[{newaxis}][{0, S(), 1}], "idx.vv3", s.A);
}

TEST_CASE("indexing: writes through views") {
  {
    idx_test::sources s;
    s.v.view(S(1, none)) = s.v.view(S(none, -1));  // overlap: NumPy's result
    check(s.v, "w.shift_right");
  }
  {
    idx_test::sources s;
    s.v.view(S(none, -1)) = s.v.view(S(1, none));
    check(s.v, "w.shift_left");
  }
  {
    idx_test::sources s;
    s.v.view(S(none, none, -1)) = s.v;
    check(s.v, "w.reverse");
  }
  {
    idx_test::sources s;
    s.v.view(S(none, none, 2)) = s.v.view(S(1, none, 2));
    check(s.v, "w.interleaved");
  }
  {
    idx_test::sources s;
    s.v.view(S(2, 8)) = -7;
    check(s.v, "w.scalar");
  }
  {
    idx_test::sources s;
    const np::ndarray<std::int64_t> col = {{100}, {200}};
    s.A.view(S(), 1, S(none, none, 2)) = col;  // (2, 1) broadcast into (2, 2)
    check(s.A, "w.bcast");
  }
  {
    idx_test::sources s;
    s.A.view(ellipsis, 0) = s.A.view(ellipsis, 3) * 2 + 1;
    check(s.A, "w.expr");
  }
  {
    idx_test::sources s;
    s.A.view(1) = s.A.view(0);
    check(s.A, "w.row");
  }
  {
    idx_test::sources s;
    s.A.view(S(), S(none, none, -1)).view(0).view(S(1, none), S(none, none, 3)) = 9;
    check(s.A, "w.vv");
  }
  {
    idx_test::sources s;
    const np::ndarray<std::int64_t> row = {{-1, -2}};
    s.A.view(0, 0, newaxis, S(1, 3)) = row;
    check(s.A, "w.newaxis");
  }
  {
    idx_test::sources s;
    s.z.view(ellipsis) = 2.5;
    check(s.z, "w.0d");
  }
  {
    idx_test::sources s;
    s.A.view(S(), S(), S(1, none)) = s.A.view(S(), S(), S(none, -1));
    check(s.A, "w.shift_axis2");
  }
}

TEST_CASE("indexing: errors are NumPy's") {
  idx_test::sources s;
  using IE = np::index_error;
  check_error<IE>([&] { (void)s.v.view(0, 0); }, "err.too_many");
  check_error<IE>([&] { (void)s.v.view(0, ellipsis, 0); }, "err.too_many_ell");
  check_error<IE>([&] { (void)s.v.view(ellipsis, ellipsis); }, "err.two_ell");
  check_error<np::value_error>([&] { (void)s.v.view(S(none, none, 0)); }, "err.step0");
  check_error<IE>([&] { (void)s.A.view(S(), 3); }, "err.oob");
  check_error<IE>([&] { (void)s.A.view(newaxis, -3); }, "err.oob_neg");
  check_error<IE>([&] { (void)s.v.view(S(3)).view(5); }, "err.oob_5");
  check_error<IE>([&] { (void)s.z.view(0); }, "err.0d");
  check_error<IE>(
      [&] {
        (void)s.v[{newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis,
                   newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis,
                   newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis,
                   newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis, newaxis}];
      },
      "err.newaxes");
  // element access is unchanged
  CHECK(s.A(1, 2, 3) == 23);
  CHECK(s.A.at(-1, -1, -1) == 23);
}

}  // namespace test_indexing
