// tests/golden_reader.hpp -- reads the golden data written by
// tests/golden/generate.py (format: see that script's docstring), and the
// comparison helpers the tests share (exact, bitwise for floats; ULP).
//
// Nothing here evaluates numfuse expressions: arrays are filled through
// data() and compared element by element, so that a bug in the engine
// cannot hide in the test harness.
#pragma once

#include <doctest/doctest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <numfuse/numfuse.hpp>

#ifndef NUMFUSE_TEST_DATA_DIR
#error "NUMFUSE_TEST_DATA_DIR must be defined (tests/CMakeLists.txt does it)"
#endif

namespace golden {

namespace np = numfuse;

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

struct record {
  char kind = 0;  // 'A' array, 'V' view, 'S' text
  std::string dtype;
  np::dims shape;
  std::vector<std::string> values;  // 'A'
  std::string text;                 // 'S'
  std::string base;                 // 'V'
  std::ptrdiff_t offset = 0;        // 'V', in elements
  np::dims strides;                 // 'V', in bytes
};

inline np::dims parse_tuple(std::string_view s) {
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') {
    throw std::runtime_error("golden: bad tuple '" + std::string(s) + "'");
  }
  s = s.substr(1, s.size() - 2);
  np::dims d;
  while (!s.empty()) {
    const auto comma = s.find(',');
    const std::string_view item = s.substr(0, comma);
    if (!item.empty()) d.push_back(std::stoll(std::string(item)));
    if (comma == std::string_view::npos) break;
    s = s.substr(comma + 1);
  }
  return d;
}

/// Parses one value token as T (exactly: from_chars is correctly rounded).
template <class T>
T parse_value(const std::string& tok) {
  if constexpr (std::is_same_v<T, bool>) {
    if (tok == "1") return true;
    if (tok == "0") return false;
  } else if constexpr (std::is_floating_point_v<T>) {
    T v{};
    std::string_view s = tok;
    bool neg = false;
    if (!s.empty() && s.front() == '-') {
      neg = true;
      s.remove_prefix(1);
    }
    if (s == "nan") return std::numeric_limits<T>::quiet_NaN();
    if (s == "inf") return neg ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
    const auto r = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    if (r.ec == std::errc() && r.ptr == tok.data() + tok.size()) return v;
  } else {
    T v{};
    const auto r = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    if (r.ec == std::errc() && r.ptr == tok.data() + tok.size()) return v;
  }
  throw std::runtime_error("golden: cannot parse '" + tok + "' as " +
                           std::string(np::dtype_name<T>()));
}

/// One data file of tests/data, parsed once.
class data {
 public:
  explicit data(const std::string& filename) : path_(std::string(NUMFUSE_TEST_DATA_DIR) + "/" + filename) {
    std::ifstream in(path_);
    if (!in) throw std::runtime_error("golden: cannot open " + path_);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream ls(line);
      std::string kind, name;
      ls >> kind >> name;
      record r;
      r.kind = kind.at(0);
      if (kind == "A") {
        std::string shape, tok;
        ls >> r.dtype >> shape;
        r.shape = parse_tuple(shape);
        while (ls >> tok) r.values.push_back(tok);
        if (std::ptrdiff_t(r.values.size()) != np::shape_size(r.shape)) {
          throw std::runtime_error("golden: " + name + ": size does not match its shape");
        }
      } else if (kind == "V") {
        std::string shape, strides;
        ls >> r.base >> r.offset >> shape >> strides;
        r.shape = parse_tuple(shape);
        r.strides = parse_tuple(strides);
      } else if (kind == "S") {
        std::getline(ls >> std::ws, r.text);
      } else {
        throw std::runtime_error("golden: bad record kind in " + path_ + ": " + line.substr(0, 40));
      }
      order_.push_back(name);
      records_.emplace(std::move(name), std::move(r));
    }
  }

  bool has(const std::string& name) const { return records_.count(name) != 0; }

  const record& get(const std::string& name) const {
    const auto it = records_.find(name);
    if (it == records_.end()) throw std::runtime_error("golden: no record '" + name + "' in " + path_);
    return it->second;
  }

  /// Names of all records that start with prefix and end with suffix, in
  /// file order.
  std::vector<std::string> names(std::string_view prefix, std::string_view suffix = "") const {
    std::vector<std::string> out;
    for (const auto& n : order_) {
      if (n.size() >= prefix.size() + suffix.size() && n.compare(0, prefix.size(), prefix) == 0 &&
          n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) {
        out.push_back(n);
      }
    }
    return out;
  }

  /// The dtype name of an array record ("float64", ...).
  const std::string& dtype(const std::string& name) const { return get(name).dtype; }

  /// An array record as ndarray<T>; its dtype must be T's.
  template <class T>
  np::ndarray<T> array(const std::string& name) const {
    const record& r = get(name);
    if (r.kind != 'A') throw std::runtime_error("golden: '" + name + "' is not an array");
    if (r.dtype != np::dtype_name<T>()) {
      throw std::runtime_error("golden: '" + name + "' has dtype " + r.dtype + ", not " +
                               std::string(np::dtype_name<T>()));
    }
    auto a = np::empty<T>(r.shape);  // no kernel: filled through data()
    T* p = a.data();
    for (const auto& tok : r.values) *p++ = parse_value<T>(tok);
    return a;
  }

  /// A text record.
  const std::string& text(const std::string& name) const {
    const record& r = get(name);
    if (r.kind != 'S') throw std::runtime_error("golden: '" + name + "' is not a text");
    return r.text;
  }

  /// A view record as a read-only view into its (cached) base array.
  template <class T>
  np::ndview<const T> view(const std::string& name) const {
    const record& r = get(name);
    if (r.kind != 'V') throw std::runtime_error("golden: '" + name + "' is not a view");
    const np::ndarray<T>& base = cached<T>(r.base);
    return np::ndview<const T>(base.data() + r.offset, r.shape, r.strides);
  }

  /// The (cached) base array of a view record.
  template <class T>
  const np::ndarray<T>& base_of(const std::string& view_name) const {
    return cached<T>(get(view_name).base);
  }

  const std::string& path() const { return path_; }

 private:
  template <class T>
  const np::ndarray<T>& cached(const std::string& name) const {
    auto it = cache_.find(name);
    if (it == cache_.end()) {
      it = cache_.emplace(name, std::make_shared<np::ndarray<T>>(array<T>(name))).first;
    }
    return *static_cast<const np::ndarray<T>*>(it->second.get());
  }

  std::string path_;
  std::map<std::string, record> records_;
  std::vector<std::string> order_;
  mutable std::map<std::string, std::shared_ptr<void>> cache_;
};

// ---------------------------------------------------------------------------
// Element access without the engine
// ---------------------------------------------------------------------------

/// The elements of an array or view in C order (walks data() with the
/// element strides).
template <class X>
auto elements(const X& x) {
  using T = std::remove_const_t<typename X::element_type>;
  std::vector<T> out;
  const auto& shape = x.shape();
  const auto& st = x.element_strides();
  const std::ptrdiff_t n = np::shape_size(shape);
  out.reserve(static_cast<std::size_t>(n));
  if (n == 0) return out;
  const int nd = shape.size();
  std::vector<std::ptrdiff_t> idx(static_cast<std::size_t>(nd), 0);
  for (std::ptrdiff_t k = 0; k < n; ++k) {
    std::ptrdiff_t off = 0;
    for (int d = 0; d < nd; ++d) off += idx[std::size_t(d)] * st[d];
    out.push_back(x.data()[off]);
    for (int d = nd - 1; d >= 0; --d) {
      if (++idx[std::size_t(d)] < shape[d]) break;
      idx[std::size_t(d)] = 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------

/// A value for messages: integers in decimal, floats with 17 digits and hex.
template <class T>
std::string show(T v) {
  std::ostringstream os;
  if constexpr (std::is_same_v<T, bool>) {
    os << (v ? "True" : "False");
  } else if constexpr (std::is_floating_point_v<T>) {
    os.precision(std::numeric_limits<T>::max_digits10);
    os << v << " (" << std::hexfloat << v << ")";
  } else if constexpr (sizeof(T) == 1) {
    os << int(v);
  } else {
    os << v;
  }
  return os.str();
}

/// Exact equality; for floats bitwise, except that any NaN equals any NaN
/// (so 0. and -0. differ).
template <class T>
bool same_value(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    return std::bit_cast<U>(a) == std::bit_cast<U>(b);
  } else {
    return a == b;
  }
}

/// Distance in units in the last place between two finite floats of the
/// same type (0 for equal values, 1 for neighbours; +0 and -0 are 0 apart).
template <class T>
std::uint64_t ulp_distance(T a, T b) {
  static_assert(std::is_floating_point_v<T>);
  using S = std::conditional_t<sizeof(T) == 4, std::int32_t, std::int64_t>;
  using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  // Map the floats onto a monotonic integer line.
  auto ordered = [](T x) -> std::int64_t {
    const S i = std::bit_cast<S>(x);
    return i < 0 ? -static_cast<std::int64_t>(static_cast<U>(i) & ~(U(1) << (8 * sizeof(T) - 1)))
                 : static_cast<std::int64_t>(i);
  };
  const std::int64_t ia = ordered(a), ib = ordered(b);
  return ia > ib ? static_cast<std::uint64_t>(ia - ib) : static_cast<std::uint64_t>(ib - ia);
}

/// Within max_ulp of each other: NaN matches only NaN, infinities only the
/// same infinity, and finite values within max_ulp.
template <class T>
bool close_value(T got, T want, std::uint64_t max_ulp) {
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(got) || !std::isfinite(want)) return same_value(got, want);
    return ulp_distance(got, want) <= max_ulp;
  } else {
    return got == want;
  }
}

/// Compares every element; returns "" when all match, else a description of
/// the first few mismatches.
template <class T>
std::string mismatches(const std::vector<T>& got, const std::vector<T>& want, std::uint64_t max_ulp) {
  if (got.size() != want.size()) {
    return "size " + std::to_string(got.size()) + " != expected " + std::to_string(want.size());
  }
  std::string msg;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const bool ok = max_ulp == 0 ? same_value(got[i], want[i]) : close_value(got[i], want[i], max_ulp);
    if (!ok) {
      if (++bad <= 5) {
        msg += "\n  [" + std::to_string(i) + "] got " + show(got[i]) + ", expected " + show(want[i]);
        if constexpr (std::is_floating_point_v<T>) {
          if (std::isfinite(got[i]) && std::isfinite(want[i])) {
            msg += " (" + std::to_string(ulp_distance(got[i], want[i])) + " ulp)";
          }
        }
      }
    }
  }
  if (bad) msg = std::to_string(bad) + " of " + std::to_string(got.size()) + " elements differ:" + msg;
  return msg;
}

/// Checks that `got` (array or view of T) has the expected shape and
/// elements (bitwise for floats when max_ulp == 0). One doctest assertion.
template <class X, class T>
void check_array(const X& got, const np::ndarray<T>& want, const std::string& what,
                 std::uint64_t max_ulp = 0) {
  static_assert(std::is_same_v<std::remove_const_t<typename X::element_type>, T>,
                "dtype of the result differs from the expected dtype");
  INFO(what);
  INFO("shape ", np::shape_str(got.shape()), ", expected ", np::shape_str(want.shape()));
  if (!(got.shape() == want.shape())) {
    CHECK_MESSAGE(false, "shape differs");
    return;
  }
  const std::string m = mismatches(elements(got), elements(want), max_ulp);
  CHECK_MESSAGE(m.empty(), m);
}

/// The message of the exception f() throws as E ("" and a failed check if
/// it throws nothing or something else).
template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("<unexpected exception: ") + e.what() + ">";
  }
  return "<no exception>";
}

// ---------------------------------------------------------------------------
// Strided output
// ---------------------------------------------------------------------------

/// A scratch buffer holding a view with reversed, doubled strides over
/// `shape` (every other element is a sentinel the view never touches).
/// Writing an expression into `view()` exercises the strided-output path.
template <class T>
class scattered_output {
 public:
  explicit scattered_output(const np::dims& shape) : shape_(shape) {
    const std::ptrdiff_t n = np::shape_size(shape);
    buf_.assign(static_cast<std::size_t>(2 * n + 1), sentinel());
    np::dims st(shape.size());
    std::ptrdiff_t s = 1;
    for (int d = shape.size() - 1; d >= 0; --d) {
      st[d] = -2 * s * std::ptrdiff_t(sizeof(T));
      s *= shape[d] > 0 ? shape[d] : 1;
    }
    strides_ = st;
    first_ = n > 0 ? 2 * (n - 1) : 0;
  }
  np::ndview<T> view() { return np::ndview<T>(buf_.data() + first_, shape_, strides_); }
  /// True when no element outside the view was written.
  bool sentinels_intact() const {
    const std::ptrdiff_t n = np::shape_size(shape_);
    for (std::ptrdiff_t i = 0; i < std::ptrdiff_t(buf_.size()); ++i) {
      const bool in_view = i % 2 == 0 && i / 2 < n;
      if (!in_view && !same_value(buf_[std::size_t(i)], sentinel())) return false;
    }
    return true;
  }

 private:
  static T sentinel() {
    if constexpr (std::is_same_v<T, bool>) return true;
    else return static_cast<T>(77);
  }
  np::dims shape_, strides_;
  std::ptrdiff_t first_ = 0;
  std::vector<T> buf_;
};

// std::vector<bool> has no data(); scattered_output<bool> uses a byte buffer.
template <>
class scattered_output<bool> {
 public:
  explicit scattered_output(const np::dims& shape) : shape_(shape) {
    const std::ptrdiff_t n = np::shape_size(shape);
    buf_.reset(new bool[static_cast<std::size_t>(2 * n + 1)]);
    size_ = 2 * n + 1;
    for (std::ptrdiff_t i = 0; i < size_; ++i) buf_[std::size_t(i)] = true;
    np::dims st(shape.size());
    std::ptrdiff_t s = 1;
    for (int d = shape.size() - 1; d >= 0; --d) {
      st[d] = -2 * s;
      s *= shape[d] > 0 ? shape[d] : 1;
    }
    strides_ = st;
    first_ = n > 0 ? 2 * (n - 1) : 0;
  }
  np::ndview<bool> view() { return np::ndview<bool>(buf_.get() + first_, shape_, strides_); }
  bool sentinels_intact() const {
    const std::ptrdiff_t n = np::shape_size(shape_);
    for (std::ptrdiff_t i = 0; i < size_; ++i) {
      const bool in_view = i % 2 == 0 && i / 2 < n;
      if (!in_view) {
        std::uint8_t byte;
        std::memcpy(&byte, &buf_[std::size_t(i)], 1);
        if (byte != 1) return false;
      }
    }
    return true;
  }

 private:
  np::dims shape_, strides_;
  std::ptrdiff_t first_ = 0, size_ = 0;
  std::unique_ptr<bool[]> buf_;
};

// ---------------------------------------------------------------------------
// Data-driven expression cases (expr*.txt)
// ---------------------------------------------------------------------------

/// Operand views key|x, key|y, key|z of dtypes Ts...
template <class... Ts, std::size_t... I>
auto make_views(const data& g, const std::string& key, std::index_sequence<I...>) {
  return std::make_tuple(g.view<Ts>(key + "|" + "xyz"[I])...);
}

/// Runs expression `f` on every case "<name>|<layouts>|<n>" of the file:
/// builds its operand views (dtypes Ts...), evaluates f(views...) into a
/// new ndarray and into a strided output view, and compares both with the
/// golden result (dtype R). Returns the number of cases run.
template <class R, class... Ts, class F>
int run_cases(const data& g, const std::string& name, F&& f, std::uint64_t max_ulp = 0) {
  const auto outs = g.names(name + "|", "|out");
  REQUIRE_MESSAGE(!outs.empty(), "no golden cases for " << name);
  int count = 0;
  for (const auto& out_name : outs) {
    const std::string key = out_name.substr(0, out_name.size() - 4);
    auto views = make_views<Ts...>(g, key, std::index_sequence_for<Ts...>{});
    const auto want = g.array<R>(out_name);
    std::apply(
        [&](const auto&... v) {
          auto e = f(v...);
          using V = typename decltype(e)::value_type;
          static_assert(std::is_same_v<V, R>, "expression dtype differs from NumPy's");
          CHECK(np::dtype_name<V>() == g.dtype(out_name));
          const np::ndarray<R> got = e;
          check_array(got, want, key + " (ndarray)", max_ulp);
          scattered_output<R> so(want.shape());
          so.view() = e;
          check_array(so.view(), want, key + " (strided output view)", max_ulp);
          CHECK_MESSAGE(so.sentinels_intact(), key << ": wrote outside the output view");
        },
        views);
    ++count;
  }
  return count;
}

}  // namespace golden
