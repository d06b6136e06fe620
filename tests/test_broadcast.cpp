// Broadcasting: result shapes and values of a + b, a * b and a < b for
// compatible shapes (a float64, b int32), NumPy's errors for incompatible
// ones, and broadcasting assignment into views.
// Goldens: tests/data/broadcast.txt (tests/golden/generate.py).
#include <doctest/doctest.h>

#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <string>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_broadcast {

namespace np = numfuse;

namespace {
const golden::data& data() {
  static const golden::data g("broadcast.txt");
  return g;
}
}  // namespace

TEST_CASE("broadcast: compatible shapes give NumPy's shape and values") {
  const auto& g = data();
  const auto cases = g.names("ok", ".add");
  REQUIRE(cases.size() == 14);
  for (const auto& add_name : cases) {
    const std::string k = add_name.substr(0, add_name.size() - 4);
    const auto a = g.array<double>(k + ".a");
    const auto b = g.array<std::int32_t>(k + ".b");
    const auto want_add = g.array<double>(k + ".add");
    INFO(k << ": " << np::shape_str(a.shape()) << " with " << np::shape_str(b.shape()));
    CHECK(np::broadcast_shapes(a.shape(), b.shape()) == want_add.shape());
    CHECK(np::broadcast_shapes(b.shape(), a.shape()) == want_add.shape());
    const np::ndarray<double> sum = a + b;
    golden::check_array(sum, want_add, k + ": a + b");
    const np::ndarray<double> prod = a * b;
    golden::check_array(prod, g.array<double>(k + ".mul"), k + ": a * b");
    const np::ndarray<bool> lt = a < b;
    golden::check_array(lt, g.array<bool>(k + ".lt"), k + ": a < b");
    // Operand order does not matter for the shape; b + a equals a + b.
    const np::ndarray<double> rsum = b + a;
    golden::check_array(rsum, want_add, k + ": b + a");
  }
}

TEST_CASE("broadcast: shapes in the examples of the documentation") {
  // (3,1) x (1,4) -> (3,4); (2,1,3) x (4,1) -> (2,4,3); () x (2,3); (0,3) x (1,3)
  CHECK(np::broadcast_shapes({3, 1}, {1, 4}) == np::dims{3, 4});
  CHECK(np::broadcast_shapes({2, 1, 3}, {4, 1}) == np::dims{2, 4, 3});
  CHECK(np::broadcast_shapes({}, {2, 3}) == np::dims{2, 3});
  CHECK(np::broadcast_shapes({0, 3}, {1, 3}) == np::dims{0, 3});
  CHECK(np::broadcast_shapes({1}, {0}) == np::dims{0});
  // (A literal {{1.0}, {2.0}, {3.0}} is ambiguous between the 1-d and 2-d
  // initializer-list constructors, so the column is a (3, 1) view.)
  const np::ndarray<double> flat = {1.0, 2.0, 3.0};
  const np::ndarray<double> col = np::ndview<const double>(flat.data(), {3, 1});
  const np::ndarray<double> row = {{10.0, 20.0, 30.0, 40.0}};
  const np::ndarray<double> m = col * row;
  REQUIRE(m.shape() == np::dims{3, 4});
  CHECK(m(0, 0) == 10.0);
  CHECK(m(2, 3) == 120.0);
  CHECK(m(1, 2) == 60.0);
  CHECK(m.strides() == np::dims{32, 8});
  // a 0-d operand broadcasts against anything
  const auto s = np::array(2.5);
  const np::ndarray<double> t = s + m;
  CHECK(t(2, 3) == 122.5);
  // a 0-size result is evaluated without touching anything
  const auto empty = np::zeros<double>({0, 3});
  const np::ndarray<double> z = empty + np::ones<double>({1, 3});
  CHECK(z.shape() == np::dims{0, 3});
  CHECK(z.size() == 0);
}

TEST_CASE("broadcast: incompatible shapes throw broadcast_error") {
  const auto& g = data();
  const auto cases = g.names("fail", ".msg");
  REQUIRE(cases.size() == 7);
  for (const auto& msg_name : cases) {
    const std::string k = msg_name.substr(0, msg_name.size() - 4);
    const auto a = g.array<double>(k + ".a");
    const auto b = g.array<std::int32_t>(k + ".b");
    INFO(k << ": " << np::shape_str(a.shape()) << " with " << np::shape_str(b.shape()));
    CHECK_THROWS_AS((void)(a + b), np::broadcast_error);
    CHECK_THROWS_AS((void)(a * b), np::value_error);  // a ValueError in NumPy
    CHECK_THROWS_AS(np::broadcast_shapes(a.shape(), b.shape()), np::broadcast_error);
    // the error is raised when the expression is built, before evaluation
    CHECK_THROWS_AS((void)np::where(a < 0.0, a, b), np::broadcast_error);
  }
}

TEST_CASE("broadcast: error message for 1-d shapes is NumPy's") {
  const auto& g = data();
  // "operands could not be broadcast together with shapes (3,) (4,)"
  for (const char* k : {"fail0", "fail3", "fail4"}) {
    const auto a = g.array<double>(std::string(k) + ".a");
    const auto b = g.array<std::int32_t>(std::string(k) + ".b");
    REQUIRE(a.ndim() == 1);
    REQUIRE(b.ndim() == 1);
    CHECK(golden::message_of<np::broadcast_error>([&] { (void)(a + b); }) ==
          g.text(std::string(k) + ".msg"));
  }
  CHECK(g.text("fail0.msg") == "operands could not be broadcast together with shapes (3,) (4,)");
  // Assignment: "could not broadcast input array from shape (3,) into shape (4,)"
  np::ndarray<double> out = np::zeros<double>({4});
  const np::ndarray<double> src = {1.0, 2.0, 3.0};
  CHECK(golden::message_of<np::value_error>([&] { out.view() = src; }) == g.text("assign0.msg"));
}

// NumPy writes the shapes of this message without spaces, "(2,3) (3,2)"
// (unlike the shapes in most other messages, "(2, 3)").
TEST_CASE("broadcast: error message for n-d shapes is NumPy's") {
  const auto& g = data();
  const np::ndarray<double> a = np::zeros<double>({2, 3});
  const np::ndarray<double> b = np::zeros<double>({3, 2});
  CHECK(golden::message_of<np::broadcast_error>([&] { (void)(a + b); }) == g.text("fail1.msg"));
  CHECK(g.text("fail1.msg") == "operands could not be broadcast together with shapes (2,3) (3,2)");
}

// NumPy's message for np.where lists all three shapes, "(3,) (4,) (2,)".
TEST_CASE("broadcast: where() with three incompatible shapes names all three") {
  const np::ndarray<bool> c = {true, false, true};
  const np::ndarray<double> x = np::ones<double>({4});
  const np::ndarray<double> y = np::ones<double>({2});
  CHECK(golden::message_of<np::broadcast_error>([&] { (void)np::where(c, x, y); }) ==
        data().text("where3.msg"));
}

// The same compact shape format in the message of a failed broadcasting
// assignment, "(2,3) into shape (3,2)".
TEST_CASE("broadcast: assignment error message for n-d shapes is NumPy's") {
  const auto& g = data();
  np::ndarray<double> out = np::zeros<double>({3, 2});
  const np::ndarray<double> src = np::ones<double>({2, 3});
  CHECK(golden::message_of<np::value_error>([&] { out.view() = src; }) == g.text("assign1.msg"));
}

TEST_CASE("broadcast: assignment into a view broadcasts the source") {
  const auto& g = data();
  const auto cases = g.names("assign_ok", ".out");
  REQUIRE(cases.size() == 4);
  for (const auto& out_name : cases) {
    const std::string k = out_name.substr(0, out_name.size() - 4);
    const auto src = g.array<std::int32_t>(k + ".src");
    const auto want = g.array<double>(out_name);
    auto out = np::zeros<double>(want.shape());
    np::ndview<double> v(out.data(), want.shape());
    v = src;  // int32 -> float64, broadcast
    golden::check_array(out, want, k);
  }
}

TEST_CASE("broadcast: incompatible assignment throws NumPy's error, target untouched") {
  const auto& g = data();
  const auto cases = g.names("assign", ".msg");
  REQUIRE(cases.size() == 4);
  for (const auto& msg_name : cases) {
    const std::string k = msg_name.substr(0, msg_name.size() - 4);
    const auto src_shape = golden::elements(g.array<std::int64_t>(k + ".src_shape"));
    const auto dst_shape = golden::elements(g.array<std::int64_t>(k + ".dst_shape"));
    const np::dims src_dims(src_shape.begin(), src_shape.end());
    const np::dims dst_dims(dst_shape.begin(), dst_shape.end());
    INFO(k << ": " << np::shape_str(src_dims) << " into " << np::shape_str(dst_dims));
    auto out = np::full<double>(dst_dims, 5.0);
    const auto src = np::ones<double>(src_dims);
    CHECK(golden::message_of<np::value_error>([&] { out.view() = src; }) == g.text(msg_name));
    CHECK(golden::elements(out) == std::vector<double>(std::size_t(out.size()), 5.0));
  }
}

TEST_CASE("broadcast: compound assignment cannot change the array's shape") {
  np::ndarray<double> a = np::zeros<double>({3});
  const np::ndarray<double> b = np::ones<double>({2, 3});
  CHECK_THROWS_AS(a += b, np::value_error);
  CHECK_THROWS_AS(a += np::ones<double>({4}), np::broadcast_error);
  CHECK(golden::elements(a) == std::vector<double>{0.0, 0.0, 0.0});
  // a broadcastable right-hand side is fine
  np::ndarray<double> m = np::zeros<double>({2, 3});
  m += np::ndarray<double>{1.0, 2.0, 3.0};
  CHECK(golden::elements(m) == std::vector<double>{1, 2, 3, 1, 2, 3});
}

// NumPy's messages for a failed a += b: "non-broadcastable output operand
// with shape (3,) doesn't match the broadcast shape (2,3)", and for
// incompatible operands three shapes, the output's included: "(3,) (4,) (3,)".
TEST_CASE("broadcast: compound assignment error messages are NumPy's") {
  const auto& g = data();
  np::ndarray<double> a = np::zeros<double>({3});
  const np::ndarray<double> b = np::ones<double>({2, 3});
  const np::ndarray<double> c = np::ones<double>({4});
  CHECK(golden::message_of<np::value_error>([&] { a += b; }) == g.text("iadd0.msg"));
  CHECK(golden::message_of<np::value_error>([&] { a += c; }) == g.text("iadd1.msg"));
}

}  // namespace test_broadcast
