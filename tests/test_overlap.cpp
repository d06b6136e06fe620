// Assignments whose operands overlap the output must give NumPy's result,
// i.e. as if every input were copied before the first element is written:
// shifted views of one buffer, reversed (negative-stride) views, identical
// views (in place, no copy needed), interleaved disjoint views, stride-0
// views of the output's own elements, transposed 2-d views, and compound
// assignment (+=, *=) with an overlapping view. Lengths 1..1003 make the
// overlap cross SIMD vector boundaries.
// Goldens: tests/data/overlap.txt (tests/golden/generate.py).
#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <string>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_overlap {

namespace np = numfuse;

namespace {
const golden::data& data() {
  static const golden::data g("overlap.txt");
  return g;
}
const int kLengths[] = {1, 7, 8, 9, 17, 100, 1003};
const int kSquare[] = {1, 7, 8, 9, 17};

template <class T>
np::ndarray<T> buffer(int n) {
  return data().array<T>(std::string("buf.") + (sizeof(T) == 8 ? "f64." : "i32.") +
                         std::to_string(n));
}
template <class T>
void check(const np::ndarray<T>& x, const std::string& name, int n) {
  golden::check_array(x, data().array<T>(name + "." + std::to_string(n)), name + "." + std::to_string(n));
}
constexpr std::ptrdiff_t D = sizeof(double);
}  // namespace

TEST_CASE("overlap: x[1:] = x[1:] + x[:-1] (shifted views of one buffer)") {
  for (int n : kLengths) {
    auto x = buffer<double>(n);
    np::ndview<double> out(x.data() + 1, {n});
    out = out + np::ndview<const double>(x.data(), {n});
    check(x, "shift_add", n);

    auto xi = buffer<std::int32_t>(n);
    np::ndview<std::int32_t> outi(xi.data() + 1, {n});
    outi = np::ndview<const std::int32_t>(xi.data() + 1, {n}) + np::ndview<const std::int32_t>(xi.data(), {n});
    check(xi, "shift_add_i32", n);
  }
}

TEST_CASE("overlap: x[:-1] = x[1:] * 2 and x[:n] = x[:n] - x[1:n+1]") {
  for (int n : kLengths) {
    auto x = buffer<double>(n);
    np::ndview<double>(x.data(), {n}) = np::ndview<const double>(x.data() + 1, {n}) * 2.0;
    check(x, "shift_back", n);

    auto y = buffer<double>(n);
    np::ndview<double> v(y.data(), {n});
    v = v - np::ndview<const double>(y.data() + 1, {n});
    check(y, "sub_shift", n);
  }
}

TEST_CASE("overlap: reversed views of the same memory") {
  for (int n : kLengths) {
    // x[:n] = x[:n][::-1]
    auto x = buffer<double>(n);
    np::ndview<double>(x.data(), {n}) = np::ndview<const double>(x.data() + n - 1, {n}, {-D});
    check(x, "reverse", n);

    auto xi = buffer<std::int32_t>(n);
    np::ndview<std::int32_t>(xi.data(), {n}) =
        np::ndview<const std::int32_t>(xi.data() + n - 1, {n}, {-std::ptrdiff_t(sizeof(std::int32_t))});
    check(xi, "reverse_i32", n);

    // x[:n][::-1] = x[:n] + 1 (the output is the reversed view)
    auto y = buffer<double>(n);
    np::ndview<double>(y.data() + n - 1, {n}, {-D}) = np::ndview<const double>(y.data(), {n}) + 1.0;
    check(y, "reverse_out", n);
  }
}

TEST_CASE("overlap: identical operand and output (in place)") {
  for (int n : kLengths) {
    auto x = buffer<double>(n);
    x = x * 2.0;  // same shape: evaluated in place
    check(x, "same", n);

    // v = v * v + v on a stride-2 view
    auto y = buffer<double>(n);
    np::ndview<double> v(y.data() + 1, {n}, {2 * D});
    v = v * v + v;
    check(y, "same_strided", n);
  }
}

TEST_CASE("overlap: interleaved views are disjoint") {
  for (int n : kLengths) {
    // x[0:2n:2] = x[1:2n:2] * 10
    auto x = buffer<double>(n);
    np::ndview<double>(x.data(), {n}, {2 * D}) = np::ndview<const double>(x.data() + 1, {n}, {2 * D}) * 10.0;
    check(x, "interleaved", n);
    // x[1:2n:2] = x[0:2n:2] + x[1:2n:2]
    auto y = buffer<double>(n);
    np::ndview<double> odd(y.data() + 1, {n}, {2 * D});
    odd = np::ndview<const double>(y.data(), {n}, {2 * D}) + odd;
    check(y, "interleaved2", n);
  }
}

TEST_CASE("overlap: stride-2 output over a contiguous input and back") {
  for (int n : kLengths) {
    // x[0:2n:2] = x[:n] - 1
    auto x = buffer<double>(n);
    np::ndview<double>(x.data(), {n}, {2 * D}) = np::ndview<const double>(x.data(), {n}) - 1.0;
    check(x, "spread", n);
    // x[:n] = x[0:2n:2]
    auto y = buffer<double>(n);
    np::ndview<double>(y.data(), {n}) = np::ndview<const double>(y.data(), {n}, {2 * D});
    check(y, "gather", n);
  }
}

TEST_CASE("overlap: compound assignment with an overlapping view") {
  for (int n : kLengths) {
    const std::ptrdiff_t m = 2 * n + 2;
    // x += x[::-1]
    auto x = buffer<double>(n);
    x += np::ndview<const double>(x.data() + m - 1, {m}, {-D});
    check(x, "iadd_rev", n);

    auto xi = buffer<std::int32_t>(n);
    xi += np::ndview<const std::int32_t>(xi.data() + m - 1, {m}, {-std::ptrdiff_t(sizeof(std::int32_t))});
    check(xi, "iadd_rev_i32", n);

    // x *= x[n] broadcast: a stride-0 view of one of x's own elements
    auto y = buffer<double>(n);
    y *= np::ndview<const double>(y.data() + n, {m}, {0});
    check(y, "imul_bcast", n);
  }
}

TEST_CASE("overlap: 2-d, row broadcast and transposed views") {
  const auto& g = data();
  for (int k : kSquare) {
    const std::string ks = std::to_string(k);
    // a += a[0]: every row gets the original first row
    auto a = g.array<double>("mat." + ks);
    a += np::ndview<const double>(a.data(), {k});
    golden::check_array(a, g.array<double>("iadd_row." + ks), "iadd_row." + ks);

    // s[...] = s.T
    auto s = g.array<double>("sq." + ks);
    s = np::ndview<const double>(s.data(), {k, k}, {D, k * D});
    golden::check_array(s, g.array<double>("transpose." + ks), "transpose." + ks);

    // s[...] = s.T + s
    auto t = g.array<double>("sq." + ks);
    t = np::ndview<const double>(t.data(), {k, k}, {D, k * D}) + t;
    golden::check_array(t, g.array<double>("transpose_add." + ks), "transpose_add." + ks);
  }
}

TEST_CASE("overlap: view-to-view copy in both directions") {
  // The classic memmove cases, small enough to spell out.
  np::ndarray<std::int32_t> x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  np::ndview<std::int32_t>(x.data() + 2, {8}) = np::ndview<const std::int32_t>(x.data(), {8});
  const np::ndarray<std::int32_t> fwd = {0, 1, 0, 1, 2, 3, 4, 5, 6, 7};
  golden::check_array(x, fwd, "x[2:] = x[:-2]");
  np::ndview<std::int32_t>(x.data(), {8}) = np::ndview<const std::int32_t>(x.data() + 2, {8});
  const np::ndarray<std::int32_t> back = {0, 1, 2, 3, 4, 5, 6, 7, 6, 7};
  golden::check_array(x, back, "x[:-2] = x[2:]");
  // ndview's copy assignment writes elements (views never rebind)
  np::ndarray<std::int32_t> y = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  np::ndview<std::int32_t> hi(y.data() + 3, {7});
  const np::ndview<std::int32_t> lo(y.data(), {7});
  hi = lo;
  const np::ndarray<std::int32_t> moved = {0, 1, 2, 0, 1, 2, 3, 4, 5, 6};
  golden::check_array(y, moved, "view = view (copy assignment)");
  CHECK(hi.data() == y.data() + 3);
}

}  // namespace test_overlap
