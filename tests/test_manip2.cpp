// roll, rot90 (views), pad (constant, edge, reflect, symmetric, wrap; pads
// longer than the axis), diag, diagflat, trace, meshgrid (xy, ij, sparse),
// copyto(where=), resize, append, delete_, insert, trim_zeros (a view), and
// their errors. Goldens: tests/data/manip2.txt (tests/golden/gen_manip2.py).
#include <doctest/doctest.h>

#include <numfuse/numfuse.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_manip2 {

namespace np = numfuse;
using I = np::ndarray<std::int64_t>;
using B = np::ndarray<bool>;
using D = np::ndarray<double>;
using S = np::slice;
using std::int64_t;

namespace {
const golden::data& g() {
  static const golden::data d("manip2.txt");
  return d;
}
struct sources {
  I A = g().array<int64_t>("A");
  I v = g().array<int64_t>("v");
  D M = g().array<double>("M");
};
template <class X>
void check(const X& x, const std::string& name) {
  using T = std::remove_const_t<typename X::element_type>;
  golden::check_array(x, g().array<T>(name), name);
}
/// Also: x aliases src exactly when NumPy's result is a view of it.
template <class X, class Src>
void check(const X& x, const std::string& name, const Src& src) {
  check(x, name);
  const auto* lo = reinterpret_cast<const char*>(src.data());
  const auto* p = reinterpret_cast<const char*>(x.data());
  const bool view = x.size() > 0 && p >= lo && p < lo + src.nbytes();
  CHECK_MESSAGE(view == (g().text(name + "|view") == "1"), name << ": view vs copy");
}
template <class T>
void check(const std::vector<np::ndarray<T>>& xs, const std::string& name) {
  for (std::size_t i = 0; i < xs.size(); ++i) check(xs[i], name + "." + std::to_string(i));
  CHECK_MESSAGE(!g().has(name + "." + std::to_string(xs.size())), name << ": too few arrays");
}
template <class E, class F>
void check_error(F&& f, const std::string& name) {
  const std::string m = golden::message_of<E>(f);
  CHECK_MESSAGE(m == g().text(name), name << ": got '" << m << "'");
}
}  // namespace

TEST_CASE("roll and rot90") {
  sources s;
  auto& [A, v, M] = s;
  check(np::roll(v, 3), "roll.v_3");
  check(np::roll(v, -12), "roll.v_-12");
  check(np::roll(M, 1), "roll.M_flat");
  check(np::roll(M, 1, 0), "roll.M_ax0");
  check(np::roll(M, -1, 1), "roll.M_ax1");
  check(np::roll(A, {1, 2}, {0, 2}), "roll.A_two");
  check(np::roll(A, {1, 1}, {1, 1}), "roll.A_rep");
  check(np::roll(M.T(), 2, 0), "roll.MT");
  check(np::roll(v.view(S(0)), 2), "roll.empty");
  check_error<np::axis_error>([&] { (void)np::roll(M, 1, 2); }, "roll.err");
  check(np::rot90(M), "rot90.M", M);
  check(np::rot90(M, 2), "rot90.M_2", M);
  check(np::rot90(M, 3), "rot90.M_3", M);
  check(np::rot90(M, -1), "rot90.M_-1", M);
  check(np::rot90(M, 4), "rot90.M_4", M);
  check(np::rot90(A, 1, {1, 2}), "rot90.A_12", A);
  check(np::rot90(A, 1, {2, 0}), "rot90.A_20", A);
  check(np::rot90(M.view(S(np::none, np::none, -1), S(1, np::none))), "rot90.rev", M);
  check_error<np::value_error>([&] { (void)np::rot90(M, 1, {0, 0}); }, "rot90.err_same");
  check_error<np::value_error>([&] { (void)np::rot90(M, 1, {0, 3}); }, "rot90.err_range");
  // a view: writes reach the operand
  np::rot90(M).view(0, 0) = -1.0;
  CHECK(M(0, 3) == -1.0);
}

TEST_CASE("pad") {
  sources s;
  auto& [A, v, M] = s;
  const I one{5};
  for (std::string mode : {"constant", "edge", "reflect", "symmetric", "wrap"}) {
    check(np::pad(v.view(S(4)), {{2, 3}}, mode), "pad.v_" + mode);
    check(np::pad(v.view(S(3)), {{7, 9}}, mode), "pad.big_" + mode);
    check(np::pad(M, {{1, 2}, {0, 3}}, mode), "pad.M_" + mode);
    check(np::pad(one, {{2, 3}}, mode), "pad.one_" + mode);
  }
  check(np::pad(M, 1, "constant", -1), "pad.cval");
  check(np::pad(A.view(S(), S(np::none, np::none, -1)), {{0, 1}, {2, 2}, {1, 0}}, "reflect"), "pad.A_reflect");
  check_error<np::value_error>([&] { (void)np::pad(v, {{-1, 2}}); }, "pad.err_neg");
  check_error<np::value_error>([&] { (void)np::pad(v.view(S(0)), {{1, 1}}, "edge"); }, "pad.err_empty");
  check_error<np::value_error>([&] { (void)np::pad(v, 1, "foo"); }, "pad.err_mode");
}

TEST_CASE("diag, diagflat, trace") {
  sources s;
  auto& [A, v, M] = s;
  check(np::diag(v.view(S(3))), "diag.v");
  check(np::diag(v.view(S(3)), 1), "diag.v_1");
  check(np::diag(v.view(S(3)), -2), "diag.v_-2");
  check(np::diag(M), "diag.M", M);
  check(np::diag(M, 1), "diag.M_1", M);
  check(np::diag(M, -2), "diag.M_-2", M);
  check_error<np::value_error>([&] { (void)np::diag(A); }, "diag.err");
  check(np::diagflat(M.view(S(2), S(2))), "diagflat.M");
  check(np::diagflat(v.view(S(2)), -1), "diagflat.v_-1");
  const double t = np::trace(M);
  check(np::array(t), "trace.M");
  const double t1 = np::trace(M, 1);
  check(np::array(t1), "trace.M_1");
  check(I(np::trace(A)), "trace.A");
  check(I(np::trace(A, 0, 1, 2)), "trace.A_12");
}

TEST_CASE("meshgrid") {
  const I x = np::arange<int64_t>(0, 3, 1), y = np::arange<int64_t>(0, 2, 1) * 10, z{7, 8, 9, 6};
  check(np::meshgrid(std::tie(x, y)), "meshgrid.xy");
  check(np::meshgrid(std::tie(x, y), "ij"), "meshgrid.ij");
  check(np::meshgrid(std::tie(x, y), "xy", true), "meshgrid.sparse");
  check(np::meshgrid(std::tie(x, y, z)), "meshgrid.three");
  check(np::meshgrid(std::tie(x, y, z), "ij", true), "meshgrid.three_ij_sparse");
  check(np::meshgrid(std::tie(z)), "meshgrid.one");
}

TEST_CASE("copyto(where=), resize, append") {
  sources s;
  auto& [A, v, M] = s;
  {
    D c = M;
    np::copyto(c, 0., M > 5.0);
    check(c, "copyto.where_scalar");
  }
  {
    D c = M;
    np::copyto(c, v.view(S(4)), B{true, false, true, false});
    check(c, "copyto.where_bcast");
  }
  {
    D c = M;
    np::copyto(c, c.view(S(np::none, np::none, -1)), c > 4.0);
    check(c, "copyto.where_overlap");
  }
  check(np::resize(v.view(S(3)), {2, 4}), "resize.v");
  check(np::resize(M, {5}), "resize.M");
  check(np::resize(np::zeros<double>({0}), {2}), "resize.empty");
  check(np::resize(M.T(), {2, 7}), "resize.MT");
  check(np::append(v.view(S(3)), M.view(0)), "append.flat");
  check(np::append(M, M.view(S(1)), 0), "append.ax0");
  check_error<np::value_error>([&] { (void)np::append(M, v.view(S(4)), 0); }, "append.err");
}

TEST_CASE("delete_, insert, trim_zeros") {
  sources s;
  auto& [A, v, M] = s;
  check(np::delete_(v, 3), "delete.v_3");
  check(np::delete_(v, I{0, -1, 3}), "delete.v_list");
  check(np::delete_(M, 1, 1), "delete.M_ax1");
  check(np::delete_(M, S(np::none, np::none, 2), 1), "delete.M_slice");
  check(np::delete_(A, I{0}, 1), "delete.A");
  check(np::delete_(M, I{1, 11}), "delete.M_flat");
  check_error<np::index_error>([&] { (void)np::delete_(v, 10); }, "delete.err");
  check(np::insert(v.view(S(4)), 2, I{7, 8}), "insert.v_2");
  check(np::insert(v.view(S(4)), 4, I{7}), "insert.v_end");
  check(np::insert(M, 1, D{7, 8, 9}, 1), "insert.M_col");
  check(np::insert(M, -1, 5.5, 0), "insert.M_row");
  check(np::insert(v.view(S(4)), {1, 3, 1}, I{10, 20, 30}, 0), "insert.v_seq");
  check(np::insert(M, {0, 4}, D{{1.0}, {2.0}, {3.0}}, 1), "insert.M_seq");
  check_error<np::index_error>([&] { (void)np::insert(v, 11, I{1}); }, "insert.err");
  const I t{0, 0, 1, 2, 0, 3, 0};
  check(np::trim_zeros(t), "trim_zeros.fb", t);
  check(np::trim_zeros(t, "f"), "trim_zeros.f", t);
  check(np::trim_zeros(t, "b"), "trim_zeros.b", t);
  check(np::trim_zeros(np::zeros<int64_t>({3})), "trim_zeros.zeros");
}

}  // namespace test_manip2
