// Golden tests of detail::repr against NumPy 1.24's repr(), from
// tests/data/repr_cases.txt (regenerate with tests/golden/gen_repr.py).
#include <doctest/doctest.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "numfuse/io/repr.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_repr {

namespace {

using numfuse::dims;

struct golden_case {
  std::string name, dtype;
  dims shape, strides;
  std::ptrdiff_t offset = 0;
  std::vector<std::string> buffer;
  std::string expected;
};

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? s.npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

dims parse_dims(const std::string& s) {
  dims d;
  if (s.empty()) return d;
  for (const auto& e : split(s, ',')) d.push_back(std::stoll(e));
  return d;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      out += s[i] == 'n' ? '\n' : s[i];
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<golden_case> load_cases() {
  std::ifstream in(NUMFUSE_TEST_DATA_DIR "/repr_cases.txt");
  REQUIRE_MESSAGE(in.good(), "cannot open " NUMFUSE_TEST_DATA_DIR "/repr_cases.txt");
  std::vector<golden_case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '|');
    REQUIRE_MESSAGE(f.size() == 7, "malformed line: " << line.substr(0, 80));
    golden_case c;
    c.name = f[0];
    c.dtype = f[1];
    c.shape = parse_dims(f[2]);
    c.strides = parse_dims(f[3]);
    c.offset = std::stoll(f[4]);
    if (!f[5].empty()) c.buffer = split(f[5], ' ');
    c.expected = unescape(f[6]);
    cases.push_back(std::move(c));
  }
  return cases;
}

template <class T>
T parse_value(const std::string& s) {
  if constexpr (std::is_same_v<T, bool>) {
    return s == "1";
  } else if constexpr (std::is_floating_point_v<T>) {
    // float.hex() output ("0x1.8p+1", "-0x0.0p+0", "inf", "nan"); exact.
    return static_cast<T>(std::strtod(s.c_str(), nullptr));
  } else {
    T v{};
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{}) FAIL("bad integer " << s);
    return v;
  }
}

template <class T>
std::string run_case(const golden_case& c) {
  // Not std::vector: std::vector<bool> has no contiguous bool storage.
  auto buf = std::make_unique<T[]>(c.buffer.size());
  for (std::size_t i = 0; i < c.buffer.size(); ++i) buf[i] = parse_value<T>(c.buffer[i]);
  return numfuse::detail::repr<T>(buf.get() + c.offset, c.shape, c.strides);
}

std::string run_case_any(const golden_case& c) {
  const std::string& t = c.dtype;
  if (t == "bool") return run_case<bool>(c);
  if (t == "int8") return run_case<std::int8_t>(c);
  if (t == "int16") return run_case<std::int16_t>(c);
  if (t == "int32") return run_case<std::int32_t>(c);
  if (t == "int64") return run_case<std::int64_t>(c);
  if (t == "uint8") return run_case<std::uint8_t>(c);
  if (t == "uint16") return run_case<std::uint16_t>(c);
  if (t == "uint32") return run_case<std::uint32_t>(c);
  if (t == "uint64") return run_case<std::uint64_t>(c);
  if (t == "float32") return run_case<float>(c);
  if (t == "float64") return run_case<double>(c);
  FAIL("unknown dtype " << t);
  return {};
}

}  // namespace

TEST_CASE("repr matches NumPy 1.24 golden cases") {
  const auto cases = load_cases();
  CHECK(cases.size() >= 80);
  for (const auto& c : cases) {
    INFO("case: ", c.name);
    CHECK(run_case_any(c) == c.expected);
  }
}

TEST_CASE("write_repr writes the same text to a stream") {
  const double data[] = {1.0, 2.5, -3.0, 4.0};
  std::ostringstream os;
  numfuse::detail::write_repr(os, data, dims{2, 2}, dims{2, 1});
  CHECK(os.str() == "array([[ 1. ,  2.5],\n       [-3. ,  4. ]])");
  const std::int8_t scalar = 3;
  CHECK(numfuse::detail::repr(&scalar, dims{}, dims{}) == "array(3, dtype=int8)");
}

}  // namespace test_repr
