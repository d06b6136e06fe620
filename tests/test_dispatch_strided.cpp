// Rows read with element stride 2 (a[::2]) and -1 (a[::-1]) under every SIMD
// target this CPU supports and that was compiled, at every length from 0 to
// 19 and around 32 and 64, so that a row ends at each position of a vector
// (the padded tails of simd/tail-inl.h), for the assignment, reduction,
// scan and arg-reduction kernels, and the interleaving joins (stack along
// the last axis: simd/interleave-inl.h) for every element size, and 2-d
// operands read across their rows (A.T, packed by simd/pack-inl.h). A
// regression test for any change to how strided leaves are loaded. Also rows
// with broadcast (stride-0) operands beside unit-stride ones, and outputs
// that start off a vector boundary (the assignment kernel's aligning first
// vector and overlapping last one), in place too, with the elements around
// them checked untouched. Goldens: tests/data/strided.txt
// (tests/golden/gen_strided.py).
#include <doctest/doctest.h>
#include <hwy/targets.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <string>

#include "dispatch_common.hpp"
#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_dispatch_strided {

namespace np = numfuse;
using S = np::slice;

namespace {

const golden::data& g() {
  static const golden::data d("strided.txt");
  return d;
}

/// x's values, shape and dtype equal the golden record `name`.
template <class X>
void check(const X& x, const std::string& name) {
  using T = typename X::value_type;
  golden::check_array(x, g().array<T>(name), name);
}

/// The sources of gen_strided.py: a = arange(2n + 1), b = (7 * a) % 11 + 1.
template <class T>
np::ndarray<T> source_a(int n) {
  np::ndarray<T> a = np::empty<T>({2 * n + 1});
  for (int i = 0; i <= 2 * n; ++i) a(i) = T(i);
  return a;
}
template <class T>
np::ndarray<T> source_b(int n) {
  np::ndarray<T> b = np::empty<T>({2 * n + 1});
  for (int i = 0; i <= 2 * n; ++i) b(i) = T((7 * i) % 11 + 1);
  return b;
}

constexpr int lengths[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12,
                           13, 14, 15, 16, 17, 18, 19, 31, 32, 33, 63, 64, 65};

/// Rows with a broadcast (stride-0) operand beside unit-stride ones: the
/// assignment kernel's branch-free rows (row_access::unit_or_splat), with
/// operands of the result's type, of another (float32, converted in
/// registers) and bool. c = [3, 5, 7], m = [true, false, true].
template <class T>
void check_broadcast(const np::ndarray<T>& a, const np::ndarray<T>& b, int n,
                     const std::string& k) {
  np::ndarray<T> c = np::empty<T>({3});
  np::ndarray<float> c32 = np::empty<float>({3});
  np::ndarray<bool> m = np::empty<bool>({3});
  for (int i = 0; i < 3; ++i) {
    c(i) = T(3 + 2 * i);
    c32(i) = float(3 + 2 * i);
    m(i) = i != 1;
  }
  const auto an = a.view(S(0, n)), bn = b.view(S(0, n));
  check(np::eval(c.view(S(), np::newaxis) * b.view(np::newaxis, S(0, n)) + an), "outer" + k);
  check(np::eval(c32.view(S(), np::newaxis) + an), "mix" + k);
  check(np::eval(np::where(m.view(S(), np::newaxis), an, bn * 2)), "where" + k);
}

template <class T>
void run(const std::string& dt) {
  for (const int n : lengths) {
    INFO("dtype " << dt << ", n " << n);
    const np::ndarray<T> a = source_a<T>(n), b = source_b<T>(n);
    const std::string k = "." + dt + "." + std::to_string(n);
    const auto rev = S(np::none, np::none, -1);
    check(np::eval(a.view(S(0, 2 * n, 2)) + b.view(S(1, np::none, 2))), "add2" + k);
    check(np::eval(a.view(rev) * 2 + a), "rev" + k);
    check(np::eval(np::sum(a.view(S(np::none, np::none, 2)))), "sum2" + k);
    check(np::eval(np::cumsum(b.view(S(1, np::none, 2)))), "cum2" + k);
    check(np::eval(np::argmax(b.view(rev))), "argrev" + k);
    check_broadcast(a, b, n, k);
  }
}

constexpr int align_lengths[] = {5, 17, 33, 63, 65, 129, 257, 300};

/// Rows written from element o of a 64-byte aligned array (the first
/// vector partial, the others aligned, the last overlapping the one before),
/// into a buffer whose other elements must stay as they were: gen_strided.py's
/// ua, ip (in place: the output is the operand) and gt (a bool output).
template <class T>
void run_unaligned(const std::string& dt) {
  for (const int n : align_lengths) {
    for (const int o : {1, 3}) {
      INFO("dtype " << dt << ", n " << n << ", offset " << o);
      const np::ndarray<T> a = source_a<T>(n), b = source_b<T>(n);
      const std::string k = "." + dt + "." + std::to_string(n) + "." + std::to_string(o);
      const auto out = S(o, o + n);
      np::ndarray<T> z = np::full<T>({o + n + 5}, T(99));
      z.view(out) = a.view(S(0, n)) * 3 + b.view(S(0, n));
      check(z, "ua" + k);
      np::ndarray<T> x = source_b<T>(o + n + 5).view(S(0, o + n + 5));
      x.view(out) = x.view(out) * 2 + 1;
      check(x, "ip" + k);
      np::ndarray<bool> y = np::zeros<bool>({o + n + 5});
      y.view(out) = a.view(S(0, n)) > b.view(S(0, n)) * 4;
      check(y, "gt" + k);
    }
  }
}

/// stack(..., axis=-1) of 2, 3 and 4 unit-stride parts (StoreInterleavedP),
/// of stride-2 parts (the element-by-element row) and of 2-d parts.
template <class T>
void run_stack(const std::string& dt) {
  for (const int n : lengths) {
    INFO("dtype " << dt << ", n " << n);
    const np::ndarray<T> a = source_a<T>(n), b = source_b<T>(n);
    const std::string k = "." + dt + "." + std::to_string(n);
    const auto a0 = a.view(S(0, n)), b0 = b.view(S(0, n));
    const auto a1 = a.view(S(1, n + 1)), b1 = b.view(S(1, n + 1));
    check(np::stack(std::tie(a0, b0), -1), "stack2" + k);
    check(np::stack(std::tie(a0, b0, a1), -1), "stack3" + k);
    check(np::stack(std::vector<np::ndview<const T>>{a0, b0, a1, b1}, 1), "stack4" + k);
    const auto as = a.view(S(0, 2 * n, 2)), bs = b.view(S(1, np::none, 2));
    check(np::stack(std::tie(as, bs), -1), "stacks" + k);
    const auto A = np::reshape(a.view(S(0, 2 * n)), {2, n});
    const auto B = np::reshape(b.view(S(0, 2 * n)), {2, n});
    check(np::stack(std::tie(A, B, A), -1), "stack2d" + k);
  }
}

/// X.T + 10 * Y (m x n) for the sources of gen_strided.py's "T" records:
/// X[i, j] = (7 * (i * m + j)) % 11 + 1 (n x m), Y[i, j] = (i * n + j) % 13,
/// X reversed along its first axis when `flip`. Large enough for tiles
/// (eval/split.hpp) whose X.T block is packed by simd/pack-inl.h.
template <class T>
void run_transposed(const std::string& dt, int m, int n, bool flip) {
  const std::string how = flip ? ", X reversed" : "";
  INFO("dtype " << dt << ", " << m << " x " << n << how);
  np::ndarray<T> X = np::empty<T>({n, m}), Y = np::empty<T>({m, n});
  for (int i = 0; i < n * m; ++i) X.data()[i] = T((7 * i) % 11 + 1);
  for (int i = 0; i < m * n; ++i) Y.data()[i] = T(i % 13);
  const auto Xs = flip ? X.view(S(np::none, np::none, -1)) : X.view(S());
  const std::string name = std::string("T") + (flip ? "rev." : ".") + dt + "." + std::to_string(m) +
                           "x" + std::to_string(n);
  check(np::eval(Xs.T() + 10 * Y), name);
}

}  // namespace

TEST_CASE(
    "operands read across their rows (A.T) on every target, 4- and "
    "8-byte elements") {
  dispatch_test::on_every_target([] {
    run_transposed<double>("float64", 37, 523, false);
    run_transposed<std::int32_t>("int32", 37, 523, false);
    run_transposed<std::int32_t>("int32", 45, 515, false);
    run_transposed<double>("float64", 45, 515, true);
  });
}

TEST_CASE("stack along the last axis on every target, for every element size") {
  dispatch_test::on_every_target([] {
    run_stack<double>("float64");
    run_stack<float>("float32");
    run_stack<std::int64_t>("int64");
    run_stack<std::int32_t>("int32");
    run_stack<std::int16_t>("int16");
    run_stack<std::uint8_t>("uint8");
  });
}

TEST_CASE(
    "stride-2, reversed and broadcast rows on every target, at every "
    "position of a vector") {
  dispatch_test::on_every_target([] {
    run<double>("float64");
    run<float>("float32");
    run<std::int64_t>("int64");
    run<std::int32_t>("int32");
    run<std::uint8_t>("uint8");
  });
}

TEST_CASE(
    "outputs off a vector boundary, in place too, on every target, for "
    "every element size") {
  dispatch_test::on_every_target([] {
    run_unaligned<double>("float64");
    run_unaligned<float>("float32");
    run_unaligned<std::int64_t>("int64");
    run_unaligned<std::int32_t>("int32");
    run_unaligned<std::int16_t>("int16");
    run_unaligned<std::uint8_t>("uint8");
  });
}

}  // namespace test_dispatch_strided
