// Array creation: empty/zeros/ones/full shapes, dtypes and strides; arange
// (integers, floats, negative steps, float32) and linspace (endpoint, num
// 0/1/2/50, float32, integer dtypes) bit-exact against NumPy; the *_like
// family; nested initializer lists (ragged lists throw value_error); at()
// with NumPy's index errors; 0-d arrays; arrays from 4 MiB on advised
// onto huge pages (Linux: /proc/self/smaps).
// Goldens: tests/data/creation.txt (tests/golden/generate.py).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <numfuse/numfuse.hpp>
#include <sstream>
#include <string>
#include <type_traits>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_creation {

namespace np = numfuse;
using std::int32_t, std::int64_t, std::int8_t, std::uint8_t;

namespace {
const golden::data& data() {
  static const golden::data g("creation.txt");
  return g;
}
template <class A, class T>
void check(const A& got, const std::string& name) {
  static_assert(std::is_same_v<typename A::value_type, T>);
  golden::check_array(got, data().array<T>(name), name);
}
}  // namespace

TEST_CASE("creation: zeros, ones, full, empty") {
  const auto z = np::zeros<double>({2, 3});
  CHECK(z.shape() == np::dims{2, 3});
  CHECK(z.ndim() == 2);
  CHECK(z.size() == 6);
  CHECK(z.strides() == np::dims{24, 8});
  CHECK(z.element_strides() == np::dims{3, 1});
  CHECK(z.itemsize() == 8);
  CHECK(z.nbytes() == 48);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) CHECK(golden::same_value(z(i, j), 0.0));
  const auto o = np::ones<std::int8_t>({4});
  CHECK(std::is_same_v<decltype(o)::value_type, std::int8_t>);
  CHECK(o.strides() == np::dims{1});
  CHECK(golden::elements(o) == std::vector<std::int8_t>{1, 1, 1, 1});
  CHECK(std::is_same_v<decltype(np::zeros({2}))::value_type, double>);  // default dtype
  const auto e = np::empty<float>({2, 0, 3});
  CHECK(e.shape() == np::dims{2, 0, 3});
  CHECK(e.size() == 0);
  CHECK(np::empty<std::uint16_t>({5}).size() == 5);
  // full: dtype from T, or NumPy's default for the value's kind
  check<decltype(np::full({2, 2}, 2.5)), double>(np::full({2, 2}, 2.5), "full.f64_2.5");
  check<decltype(np::full({3}, 3)), int64_t>(np::full({3}, 3), "full.int_3");
  check<decltype(np::full({2}, true)), bool>(np::full({2}, true), "full.bool");
  check<np::ndarray<bool>, bool>(np::ones<bool>({2, 2}), "ones.bool");
  const auto f = np::full<float>({3}, 0.1);
  CHECK(f(2) == 0.1f);
  // fill
  auto a = np::zeros<std::int32_t>({2, 2});
  a.fill(-7);
  CHECK(golden::elements(a) == std::vector<std::int32_t>{-7, -7, -7, -7});
  // negative extents
  CHECK(golden::message_of<np::value_error>([] { (void)np::zeros<double>({2, -1}); }) ==
        data().text("negative_dim"));
}

TEST_CASE("creation: arange with integers") {
  check<decltype(np::arange(0, 10, 1)), int64_t>(np::arange(0, 10, 1), "arange.int_0_10");
  check<decltype(np::arange(5)), int64_t>(np::arange(5), "arange.int_stop5");
  check<decltype(np::arange(10, 0, -3)), int64_t>(np::arange(10, 0, -3), "arange.int_10_0_-3");
  check<decltype(np::arange(-5, 5, 2)), int64_t>(np::arange(-5, 5, 2), "arange.int_-5_5_2");
  check<decltype(np::arange(3, 3, 1)), int64_t>(np::arange(3, 3, 1), "arange.int_empty");
  check<decltype(np::arange(0, 5, -1)), int64_t>(np::arange(0, 5, -1), "arange.int_empty_neg");
  check<np::ndarray<int32_t>, int32_t>(np::arange<int32_t>(0, 100, 7), "arange.i32_0_100_7");
  check<np::ndarray<uint8_t>, uint8_t>(np::arange<uint8_t>(250, 255, 1), "arange.u8_250_255");
  check<np::ndarray<int32_t>, int32_t>(np::arange<int32_t>(0.5, 5.0, 1.5), "arange.i32_0.5_5_1.5");
  CHECK_THROWS_AS((void)np::arange(0, 5, 0), np::value_error);
}

TEST_CASE("creation: arange with floats") {
  check<decltype(np::arange(0.0, 1.0, 0.1)), double>(np::arange(0.0, 1.0, 0.1), "arange.f64_0_1_0.1");
  check<decltype(np::arange(1.0, -1.0, -0.25)), double>(np::arange(1.0, -1.0, -0.25),
                                                       "arange.f64_1_-1_-0.25");
  check<decltype(np::arange(0.0, 100.0, 0.37)), double>(np::arange(0.0, 100.0, 0.37),
                                                       "arange.f64_0_100_0.37");
  check<decltype(np::arange(2.5)), double>(np::arange(2.5), "arange.f64_stop2.5");
  check<decltype(np::arange(-3, 7.5, 1)), double>(np::arange(-3, 7.5, 1), "arange.f64_-3_7.5_1");
  check<np::ndarray<double>, double>(np::arange<double>(2, 9, 2), "arange.f64_int_args");
  check<np::ndarray<float>, float>(np::arange<float>(0.0, 1.0, 0.1), "arange.f32_0_1_0.1");
  check<np::ndarray<float>, float>(np::arange<float>(10), "arange.f32_stop10");
}

// NumPy stores start and T(start + step), then start + i*delta for i >= 2,
// delta = T(start + step) - T(start): element 1 is not start + 1*delta.
TEST_CASE("creation: arange float32 second element is T(start + step)") {
  check<np::ndarray<float>, float>(np::arange<float>(0.3, 16.0, 1.1), "arange.f32_0.3_16_1.1");
  check<np::ndarray<float>, float>(np::arange<float>(0.1, -4.0, -0.3), "arange.f32_0.1_-4_-0.3");
}

TEST_CASE("creation: linspace is bit-exact") {
  check<np::ndarray<double>, double>(np::linspace(0, 1, 50), "linspace.0_1_50");
  check<np::ndarray<double>, double>(np::linspace(0, 1), "linspace.0_1_50");  // num defaults to 50
  check<np::ndarray<double>, double>(np::linspace(0, 1, 50, false), "linspace.0_1_50_open");
  check<np::ndarray<double>, double>(np::linspace(0, 1, 0), "linspace.0_1_0");
  check<np::ndarray<double>, double>(np::linspace(0, 1, 1), "linspace.0_1_1");
  check<np::ndarray<double>, double>(np::linspace(0, 1, 1, false), "linspace.0_1_1_open");
  check<np::ndarray<double>, double>(np::linspace(2, 3, 2), "linspace.2_3_2");
  check<np::ndarray<double>, double>(np::linspace(2, 3, 2, false), "linspace.2_3_2_open");
  check<np::ndarray<float>, float>(np::linspace<float>(-3.5, 7.25, 17), "linspace.-3.5_7.25_17_f32");
  check<np::ndarray<float>, float>(np::linspace<float>(0.1, 0.7, 9, false),
                                   "linspace.0.1_0.7_9_f32_open");
  check<np::ndarray<double>, double>(np::linspace(1, 1, 5), "linspace.1_1_5");
  check<np::ndarray<double>, double>(np::linspace(10, -10, 9), "linspace.10_-10_9");
  check<np::ndarray<double>, double>(np::linspace(0, 1e-310, 5), "linspace.0_1e-310_5");
  check<np::ndarray<double>, double>(np::linspace(0.1, 1e6, 1003), "linspace.0.1_1e6_1003");
  check<np::ndarray<int64_t>, int64_t>(np::linspace<int64_t>(0, 10, 7), "linspace.0_10_7_i64");
  CHECK_THROWS_AS((void)np::linspace(0, 1, -1), np::value_error);
}

// NumPy >= 1.20 floors before converting to an integer dtype:
// np.linspace(-1, 0, 3, dtype=np.int64) is [-1, -1, 0].
TEST_CASE("creation: linspace with an integer dtype floors") {
  check<np::ndarray<int64_t>, int64_t>(np::linspace<int64_t>(-1, 0, 3), "linspace.-1_0_3_i64");
  check<np::ndarray<int32_t>, int32_t>(np::linspace<int32_t>(-7, 3, 7), "linspace.-7_3_7_i32");
}

TEST_CASE("creation: the *_like family") {
  const auto& g = data();
  const auto base = g.array<int32_t>("like.base");
  check<decltype(np::zeros_like(base)), int32_t>(np::zeros_like(base), "like.zeros");
  check<np::ndarray<double>, double>(np::ones_like<double>(base), "like.ones_f64");
  check<decltype(np::full_like(base, 7.9)), int32_t>(np::full_like(base, 7.9), "like.full_7.9");
  check<np::ndarray<float>, float>(np::full_like<float>(base, 0.1), "like.full_f32_0.1");
  const auto e = np::empty_like(base);
  CHECK(std::is_same_v<decltype(e)::value_type, int32_t>);
  CHECK(e.shape() == base.shape());
  // of an expression: its dtype and shape
  const auto le = np::zeros_like(base * 0.5);
  CHECK(std::is_same_v<decltype(le)::value_type, double>);
  CHECK(le.shape() == np::dims{2, 3});
  // of a view
  const auto lv = np::ones_like(np::ndview<const int32_t>(base.data(), {3}, {8}));
  CHECK(lv.shape() == np::dims{3});
  CHECK(lv.strides() == np::dims{4});  // a new C-ordered array
}

TEST_CASE("creation: nested initializer lists") {
  const np::ndarray<double> a = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
  CHECK(a.shape() == np::dims{2, 3});
  CHECK(a.strides() == np::dims{24, 8});
  CHECK(a(1, 0) == 4.0);
  CHECK(golden::elements(a) == std::vector<double>{1, 2, 3, 4, 5, 6});
  const np::ndarray<int8_t> b = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
  CHECK(b.shape() == np::dims{2, 2, 2});
  CHECK(b.strides() == np::dims{4, 2, 1});
  CHECK(b(1, 1, 0) == 7);
  const np::ndarray<float> c = {{{{1.f, 2.f}}, {{3.f, 4.f}}}};
  CHECK(c.shape() == np::dims{1, 2, 1, 2});
  CHECK(c(0, 1, 0, 1) == 4.f);
  const np::ndarray<bool> d = {true, false, true};
  CHECK(d.shape() == np::dims{3});
  CHECK(golden::elements(d) == std::vector<bool>{true, false, true});
  // one-element inner lists: a column, not a 1-d list of braced scalars
  const np::ndarray<double> col = {{1.0}, {2.0}, {3.0}};
  CHECK(col.shape() == np::dims{3, 1});
  CHECK(col(2, 0) == 3.0);
  // mixed literals in a 1-d list convert as np.array(..., dtype) does
  const np::ndarray<double> mixed = {1, 2.5, true};
  CHECK(golden::elements(mixed) == std::vector<double>{1.0, 2.5, 1.0});
  CHECK_THROWS_AS((np::ndarray<std::uint8_t>{1, 300}), np::overflow_error);
  const np::ndarray<double> empty;
  CHECK(empty.shape() == np::dims{0});
  CHECK(empty.size() == 0);
}

TEST_CASE("creation: ragged nested lists throw value_error") {
  const auto& g = data();
  using I = np::ndarray<int64_t>;
  CHECK(golden::message_of<np::value_error>([] { I a = {{1, 2}, {3}}; }) == g.text("ragged.2"));
  CHECK_THROWS_AS((I{{{1, 2}, {3, 4}}, {{1, 2}, {3}}}), np::value_error);
  CHECK_THROWS_AS((I{{{1, 2}, {3, 4}}, {{1, 2, 3}, {4, 5, 6}}}), np::value_error);
}

// NumPy reports the depth and the shape detected up to the first ragged level.
TEST_CASE("creation: ragged message for deeper levels is NumPy's") {
  const auto& g = data();
  using I = np::ndarray<int64_t>;
  CHECK(golden::message_of<np::value_error>([] { I a = {{{1, 2}, {3, 4}}, {{1, 2}, {3}}}; }) ==
        g.text("ragged.3_inner"));
  CHECK(golden::message_of<np::value_error>([] { I a = {{{1, 2}, {3, 4}}, {{1, 2, 3}, {4, 5, 6}}}; }) ==
        g.text("ragged.3_mid"));
}

TEST_CASE("creation: at() checks indices like NumPy") {
  const auto& g = data();
  np::ndarray<double> a = {10.0, 20.0, 30.0};
  CHECK(a.at(0) == 10.0);
  CHECK(a.at(-1) == 30.0);
  CHECK(a.at(-3) == 10.0);
  a.at(-2) = 25.0;
  CHECK(a(1) == 25.0);
  using E = np::index_error;
  CHECK(golden::message_of<E>([&] { (void)a.at(5); }) == g.text("index.5_of_3"));
  CHECK(golden::message_of<E>([&] { (void)a.at(-4); }) == g.text("index.-4_of_3"));
  CHECK(golden::message_of<E>([&] { (void)a.at(3); }) == g.text("index.3_of_3"));
  CHECK(golden::message_of<E>([&] { (void)a.at(1, 2); }) == g.text("index.too_many"));
  CHECK(g.text("index.5_of_3") == "index 5 is out of bounds for axis 0 with size 3");
  const np::ndarray<int32_t> m = {{1, 2, 3}, {4, 5, 6}};
  CHECK(m.at(1, -1) == 6);
  CHECK(m.at(-2, 2) == 3);
  CHECK(golden::message_of<E>([&] { (void)m.at(1, 7); }) == g.text("index.1_7_of_2x3"));
  CHECK(golden::message_of<E>([&] { (void)m.at(-3, 0); }) == g.text("index.-3_0_of_2x3"));
  CHECK_THROWS_AS((void)m.at(1), np::index_error);  // numfuse needs one index per axis
  // views index their own shape
  const np::ndview<const int32_t> col(m.data() + 2, {2}, {12});
  CHECK(col.at(-1) == 6);
  CHECK_THROWS_AS((void)col.at(2), np::index_error);
}

TEST_CASE("creation: 0-d arrays") {
  const auto a = np::array(3.5);
  CHECK(std::is_same_v<decltype(a)::value_type, double>);
  CHECK(a.ndim() == 0);
  CHECK(a.shape() == np::dims{});
  CHECK(a.strides() == np::dims{});
  CHECK(a.size() == 1);
  CHECK(a() == 3.5);
  CHECK(a.at() == 3.5);
  CHECK(std::is_same_v<decltype(np::array(7))::value_type, int64_t>);
  CHECK(std::is_same_v<decltype(np::array(true))::value_type, bool>);
  CHECK(std::is_same_v<decltype(np::array<float>(2))::value_type, float>);
  CHECK(np::array(7)() == 7);
  auto z = np::zeros<float>({});
  CHECK(z.ndim() == 0);
  z.fill(1.25);
  CHECK(z() == 1.25f);
  // 0-d in expressions broadcasts; 0-d with 0-d stays 0-d
  const np::ndarray<double> v = {1.0, 2.0};
  const np::ndarray<double> r = v * a;
  CHECK(r.shape() == np::dims{2});
  CHECK(r(1) == 7.0);
  const np::ndarray<double> s = a + z;  // float64 + float32 -> float64 (not value-based)
  CHECK(s.ndim() == 0);
  CHECK(s() == 4.75);
  CHECK(std::is_same_v<decltype(a + z)::value_type, double>);
  CHECK(std::is_same_v<decltype(np::array<std::int32_t>(1) + v.astype<float>())::value_type, double>);
}

#if defined(__linux__)
namespace {
/// The VmFlags line of the /proc/self/smaps mapping holding address p, or
/// "" when there is no such file (a sandbox) or mapping.
std::string vm_flags_of(const void* p) {
  std::ifstream f("/proc/self/smaps");
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  std::string line;
  bool inside = false;
  while (std::getline(f, line)) {
    unsigned long lo = 0, hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-') {
      inside = lo <= a && a < hi;  // a mapping's header line
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}
}  // namespace

TEST_CASE("creation: arrays from 4 MiB on are advised onto huge pages, as NumPy's") {
  const char* env = std::getenv("NUMFUSE_MADVISE_HUGEPAGE");
  if (env != nullptr && std::string(env) == "0") return;  // turned off
  const auto big = np::zeros<double>({1024, 1024});  // 8 MiB
  const std::string flags = vm_flags_of(big.data() + big.size() / 2);
  if (flags.empty()) return;  // no /proc/self/smaps here
  CHECK_MESSAGE(flags.find(" hg") != std::string::npos, flags);
  CHECK(big(1023, 1023) == 0.0);
}
#endif

}  // namespace test_creation
