// astype: float64/float32 -> every integer dtype (ordinary values, NaN,
// +-inf, out-of-range) with NumPy's scalar cast results (x86 semantics);
// integers -> every dtype; eager (ndarray::astype) and lazy (np::astype on a
// reversed view) conversions. Goldens: tests/data/creation.txt.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <string>
#include <tuple>
#include <type_traits>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_astype {

namespace np = numfuse;

namespace {
const golden::data& data() {
  static const golden::data g("creation.txt");
  return g;
}

/// src -> To eagerly (ndarray::astype) and, if Lazy, through np::astype on
/// a reversed view of src.
template <class From, class To, bool Lazy>
void check_cast(const std::string& src_name, const std::string& want_name) {
  const auto& g = data();
  const auto src = g.array<From>(src_name);
  const auto want = g.array<To>(want_name);
  const np::ndarray<To> got = src.template astype<To>();
  golden::check_array(got, want, want_name + " (astype)");
  if constexpr (Lazy) {
    const std::ptrdiff_t n = src.size();
    const np::ndview<const From> rev(src.data() + n - 1, {n}, {-std::ptrdiff_t(sizeof(From))});
    const np::ndarray<To> lazy = np::astype<To>(rev);
    auto w = golden::elements(want);
    std::reverse(w.begin(), w.end());
    const std::string m = golden::mismatches(golden::elements(lazy), w, 0);
    INFO(want_name << " (lazy, reversed view)");
    CHECK_MESSAGE(m.empty(), m);
  }
}

template <class From, bool Lazy, class... To>
void check_casts(const std::string& prefix, std::tuple<To...>*) {
  (check_cast<From, To, Lazy>(prefix, prefix + "." + std::string(np::dtype_name<To>())), ...);
}

using int_dtypes = std::tuple<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                              std::uint16_t, std::uint32_t, std::uint64_t>;
using all_dtypes = std::tuple<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t,
                              std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t, float,
                              double>;
}  // namespace

TEST_CASE("astype: float64 -> every integer dtype (NaN, inf, out of range included)") {
  check_casts<double, true>("cast.float64", static_cast<int_dtypes*>(nullptr));
}

TEST_CASE("astype: float32 -> every integer dtype (NaN, inf, out of range included)") {
  check_casts<float, true>("cast.float32", static_cast<int_dtypes*>(nullptr));
}

TEST_CASE("astype: float64 -> float32 rounds, overflows to inf") {
  check_cast<double, float, true>("cast.float64", "cast.float64.float32");
}

TEST_CASE("astype: integers and bool -> every dtype") {
  check_casts<std::int64_t, false>("icast.int64", static_cast<all_dtypes*>(nullptr));
  check_casts<std::uint64_t, false>("icast.uint64", static_cast<all_dtypes*>(nullptr));
  check_casts<std::int32_t, false>("icast.int32", static_cast<all_dtypes*>(nullptr));
  check_casts<bool, false>("icast.bool", static_cast<all_dtypes*>(nullptr));
}

TEST_CASE("astype: float -> bool (0 and -0 are False; NaN and inf are True)") {
  check_cast<double, bool, true>("cast.float64", "cast.float64.bool");
  check_cast<float, bool, true>("cast.float32", "cast.float32.bool");
}

}  // namespace test_astype
