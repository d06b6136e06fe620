// numfuse/io/npy_header.hpp -- the header of NumPy's .npy format: the dtype
// descriptors ('<f8', '|b1', ...), a parser for the header's Python dict
// literal that never trusts the file, and the header NumPy writes.
//
// Format (numpy/lib/format.py): "\x93NUMPY", major, minor, a little-endian
// header length (uint16 for 1.0, uint32 for 2.0 and 3.0), then the header:
//   {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
// padded with spaces and a final '\n' so that the data starts at a multiple
// of 64 bytes. Version 3.0 differs from 2.0 only by a UTF-8 header.
#pragma once

#include <bit>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "numfuse/config.hpp"
#include "numfuse/core/dtype.hpp"
#include "numfuse/core/errors.hpp"
#include "numfuse/core/shape.hpp"

namespace numfuse::detail::npy {

/// The dtypes numfuse stores, in the order of npy_array's alternatives.
enum class code : int { b1, i1, i2, i4, i8, u1, u2, u4, u8, f4, f8 };
inline constexpr int code_count = 11;

template <class T> inline constexpr code code_of = code::b1;
template <> inline constexpr code code_of<std::int8_t> = code::i1;
template <> inline constexpr code code_of<std::int16_t> = code::i2;
template <> inline constexpr code code_of<std::int32_t> = code::i4;
template <> inline constexpr code code_of<std::int64_t> = code::i8;
template <> inline constexpr code code_of<std::uint8_t> = code::u1;
template <> inline constexpr code code_of<std::uint16_t> = code::u2;
template <> inline constexpr code code_of<std::uint32_t> = code::u4;
template <> inline constexpr code code_of<std::uint64_t> = code::u8;
template <> inline constexpr code code_of<float> = code::f4;
template <> inline constexpr code code_of<double> = code::f8;

inline constexpr std::string_view code_names[code_count] = {
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64"};
inline constexpr char code_kinds[code_count] = {'b', 'i', 'i', 'i', 'i', 'u', 'u', 'u', 'u', 'f', 'f'};
inline constexpr int code_sizes[code_count] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 4, 8};

inline constexpr std::string_view code_cpp_names[code_count] = {
    "bool", "std::int8_t", "std::int16_t", "std::int32_t", "std::int64_t", "std::uint8_t",
    "std::uint16_t", "std::uint32_t", "std::uint64_t", "float", "double"};

inline std::string_view name_of(code c) { return code_names[int(c)]; }
inline std::string_view cpp_name_of(code c) { return code_cpp_names[int(c)]; }
inline int itemsize_of(code c) { return code_sizes[int(c)]; }

/// The descriptor NumPy writes for a dtype in this machine's byte order:
/// '|b1', '|i1', '|u1', '<i4', '<f8' (or '>...' on big-endian machines).
inline std::string descr_of(code c) {
  const int size = itemsize_of(c);
  const char order = size == 1 ? '|' : (std::endian::native == std::endian::little ? '<' : '>');
  return std::string{order, code_kinds[int(c)], char('0' + size)};
}

/// A parsed descriptor: the dtype and whether its bytes must be swapped to
/// this machine's order.
struct descr_info {
  code dtype = code::f8;
  bool swap = false;
};

/// Quotes a string for messages as Python's repr would ('...').
inline std::string py_quote(std::string_view s, std::size_t max_len = 80) {
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < max_len; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c < 0x20 || c >= 0x7f) {
      static const char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += char(c);
    }
  }
  if (s.size() > max_len) out += "...";
  return out + "'";
}

/// Parses a dtype descriptor string. Throws type_error for dtypes NumPy has
/// but numfuse does not (complex, float16, strings, objects, datetimes...)
/// and file_format_error for strings that are not descriptors at all.
inline descr_info parse_descr(std::string_view d) {
  std::string_view s = d;
  char order = '=';
  if (!s.empty() && (s[0] == '<' || s[0] == '>' || s[0] == '|' || s[0] == '=')) {
    order = s[0];
    s.remove_prefix(1);
  }
  auto unsupported = [&](std::string_view what) -> descr_info {
    throw type_error("numfuse has no dtype for NumPy's " + py_quote(d) + " (" + std::string(what) +
                     "); numfuse arrays hold bool, int8..int64, uint8..uint64, float32 or float64");
  };
  if (s == "?") s = "b1";
  if (s.size() == 2 || s.size() == 3) {
    int size = 0;
    bool digits = true;
    for (std::size_t i = 1; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') digits = false;
      else size = size * 10 + (s[i] - '0');
    }
    if (digits) {
      for (int c = 0; c < code_count; ++c) {
        if (code_kinds[c] == s[0] && code_sizes[c] == size) {
          const bool big = order == '>';
          const bool little = order == '<';
          const bool native_little = std::endian::native == std::endian::little;
          const bool swap = size > 1 && ((big && native_little) || (little && !native_little));
          return {code(c), swap};
        }
      }
      if (s[0] == 'f' && size == 2) return unsupported("float16");
      if (s[0] == 'f' && (size == 12 || size == 16)) return unsupported("longdouble");
      if (s[0] == 'c' && (size == 8 || size == 16 || size == 24 || size == 32)) {
        return unsupported("complex" + std::to_string(8 * size));
      }
      if (s[0] == 'O' && size == 8) return unsupported("object");
    }
  }
  if (s == "O") return unsupported("object: NumPy pickles these");
  if (!s.empty()) {
    switch (s[0]) {
      case 'U': return unsupported("str");
      case 'S': case 'a': return unsupported("bytes");
      case 'V': return unsupported("void");
      case 'M': return unsupported("datetime64");
      case 'm': return unsupported("timedelta64");
      default: break;
    }
  }
  throw file_format_error("descr is not a valid dtype descriptor: " + py_quote(d));
}

// ---------------------------------------------------------------------------
// The header's Python literal
// ---------------------------------------------------------------------------

/// A Python literal as found in a .npy header (the subset ast.literal_eval
/// accepts that NumPy could have written, plus lists for structured descrs).
struct pyvalue {
  enum class kind { str, integer, boolean, none, tuple, list, dict };
  kind k = kind::none;
  std::string s;                 // str
  std::int64_t i = 0;            // integer, boolean
  bool big = false;              // integer outside int64
  std::vector<pyvalue> items;    // tuple, list; dict: key, value, key, value...
};

inline const char* kind_name(pyvalue::kind k) {
  switch (k) {
    case pyvalue::kind::str: return "a str";
    case pyvalue::kind::integer: return "an int";
    case pyvalue::kind::boolean: return "a bool";
    case pyvalue::kind::none: return "None";
    case pyvalue::kind::tuple: return "a tuple";
    case pyvalue::kind::list: return "a list";
    case pyvalue::kind::dict: return "a dict";
  }
  return "?";
}

/// Recursive-descent parser with a depth limit, so that a hostile header of
/// ten thousand '(' cannot exhaust the stack.
class literal_parser {
 public:
  literal_parser(std::string_view text, bool python2_longs) : t_(text), longs_(python2_longs) {}

  pyvalue parse() {
    pyvalue v = value(0);
    skip_ws();
    if (p_ != t_.size()) fail("unexpected text after the literal");
    return v;
  }

 private:
  static constexpr int max_depth = 16;

  [[noreturn]] void fail(const char* what) const {
    throw file_format_error(std::string("Cannot parse header: ") + what + " at offset " +
                            std::to_string(p_) + " of " + py_quote(t_));
  }
  void skip_ws() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r' ||
                              t_[p_] == '\f' || t_[p_] == '\v')) {
      ++p_;
    }
  }
  bool eat(char c) {
    skip_ws();
    if (p_ < t_.size() && t_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (t_.substr(p_, w.size()) != w) return false;
    const std::size_t e = p_ + w.size();
    if (e < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[e])) || t_[e] == '_')) return false;
    p_ = e;
    return true;
  }

  pyvalue value(int depth) {
    if (depth > max_depth) fail("nesting too deep");
    skip_ws();
    if (p_ >= t_.size()) fail("unexpected end");
    const char c = t_[p_];
    pyvalue v;
    if (c == '\'' || c == '"') {
      v.k = pyvalue::kind::str;
      v.s = string();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v.k = pyvalue::kind::integer;
      integer(v);
    } else if (c == '(' || c == '[') {
      ++p_;
      const char close = c == '(' ? ')' : ']';
      v.k = c == '(' ? pyvalue::kind::tuple : pyvalue::kind::list;
      bool comma = false;  // a 1-tuple needs its comma: (3) is the int 3
      while (!eat(close)) {
        if (!v.items.empty() && !comma) fail("expected ',' between items");
        v.items.push_back(value(depth + 1));
        comma = eat(',');
      }
      if (c == '(' && v.items.size() == 1 && !comma) return std::move(v.items[0]);
    } else if (c == '{') {
      ++p_;
      v.k = pyvalue::kind::dict;
      bool comma = false;
      while (!eat('}')) {
        if (!v.items.empty() && !comma) fail("expected ',' between items");
        v.items.push_back(value(depth + 1));
        if (!eat(':')) fail("expected ':' in a dict");
        v.items.push_back(value(depth + 1));
        comma = eat(',');
      }
    } else if (word("True")) {
      v.k = pyvalue::kind::boolean;
      v.i = 1;
    } else if (word("False")) {
      v.k = pyvalue::kind::boolean;
    } else if (word("None")) {
      v.k = pyvalue::kind::none;
    } else {
      fail("unexpected character");
    }
    return v;
  }

  std::string string() {
    const char q = t_[p_++];
    std::string s;
    while (true) {
      if (p_ >= t_.size() || t_[p_] == '\n') fail("unterminated string");
      const char c = t_[p_++];
      if (c == q) break;
      if (c == '\\') {
        if (p_ >= t_.size()) fail("unterminated string");
        const char e = t_[p_++];
        if (e == '\\' || e == '\'' || e == '"') {
          s += e;
        } else {
          s += '\\';  // other escapes never occur in descriptors: keep them verbatim
          s += e;
        }
      } else {
        s += c;
      }
    }
    return s;
  }

  void integer(pyvalue& v) {
    bool neg = false;
    if (t_[p_] == '-') {
      neg = true;
      ++p_;
      skip_ws();
    }
    if (p_ >= t_.size() || t_[p_] < '0' || t_[p_] > '9') fail("expected a digit");
    // Accumulate the magnitude as unsigned: no signed overflow.
    std::uint64_t m = 0;
    while (p_ < t_.size() && ((t_[p_] >= '0' && t_[p_] <= '9') || t_[p_] == '_')) {
      if (t_[p_] != '_') {
        const unsigned d = unsigned(t_[p_] - '0');
        if (m > (UINT64_MAX - d) / 10) v.big = true;
        else m = m * 10 + d;
      }
      ++p_;
    }
    if (longs_ && p_ < t_.size() && (t_[p_] == 'L' || t_[p_] == 'l')) ++p_;  // Python 2 headers
    if (p_ < t_.size() && (std::isalpha(static_cast<unsigned char>(t_[p_])) || t_[p_] == '.')) {
      fail("not an integer");
    }
    const std::uint64_t lim = neg ? std::uint64_t(INT64_MAX) + 1 : std::uint64_t(INT64_MAX);
    if (m > lim) v.big = true;
    if (!v.big) v.i = neg ? std::int64_t(0 - m) : std::int64_t(m);  // 0 - m: unsigned, defined
    if (neg && v.big) v.i = -1;                                         // any negative marker
  }

  std::string_view t_;
  std::size_t p_ = 0;
  bool longs_;
};

inline std::string repr(const pyvalue& v, int depth = 0) {
  if (depth > 4) return "...";
  switch (v.k) {
    case pyvalue::kind::str: return py_quote(v.s);
    case pyvalue::kind::integer: return v.big ? std::string(v.i < 0 ? "-" : "") + "<huge>" : std::to_string(v.i);
    case pyvalue::kind::boolean: return v.i ? "True" : "False";
    case pyvalue::kind::none: return "None";
    case pyvalue::kind::dict: return "{...}";
    case pyvalue::kind::tuple:
    case pyvalue::kind::list: {
      std::string s = v.k == pyvalue::kind::tuple ? "(" : "[";
      for (std::size_t i = 0; i < v.items.size() && i < 40; ++i) {
        if (i) s += ", ";
        s += repr(v.items[i], depth + 1);
      }
      if (v.items.size() > 40) s += ", ...";
      if (v.k == pyvalue::kind::tuple && v.items.size() == 1) s += ",";
      return s + (v.k == pyvalue::kind::tuple ? ")" : "]");
    }
  }
  return "?";
}

// ---------------------------------------------------------------------------
// The header
// ---------------------------------------------------------------------------

inline constexpr char magic[] = "\x93NUMPY";  // 6 bytes + NUL
inline constexpr std::size_t magic_len = 6;
/// NumPy's _MAX_HEADER_SIZE: longer headers are refused as unsafe to parse.
inline constexpr std::size_t max_header_size = 10000;

/// What a .npy header says about the data that follows it.
struct header {
  descr_info descr;
  bool fortran_order = false;
  dims shape;
  std::ptrdiff_t size = 0;     // elements
  std::uint64_t nbytes = 0;    // size * itemsize
};

/// Checks the dict of a header as NumPy's _read_array_header does, then the
/// shape against numfuse's limits (rank, no negative extents, a byte count
/// that fits in ptrdiff_t).
inline header interpret_header(std::string_view text, bool python2_longs) {
  const pyvalue d = literal_parser(text, python2_longs).parse();
  if (d.k != pyvalue::kind::dict) {
    throw file_format_error("Header is not a dictionary: " + repr(d));
  }
  const pyvalue* descr = nullptr;
  const pyvalue* fortran = nullptr;
  const pyvalue* shape = nullptr;
  std::vector<std::string> keys;
  bool bad_key = false;
  for (std::size_t i = 0; i < d.items.size(); i += 2) {
    const pyvalue& k = d.items[i];
    const std::string name = k.k == pyvalue::kind::str ? k.s : repr(k);
    if (k.k == pyvalue::kind::str && name == "descr") descr = &d.items[i + 1];
    else if (k.k == pyvalue::kind::str && name == "fortran_order") fortran = &d.items[i + 1];
    else if (k.k == pyvalue::kind::str && name == "shape") shape = &d.items[i + 1];
    else bad_key = true;
    keys.push_back(name);
  }
  if (bad_key || !descr || !fortran || !shape) {
    std::string list = "[";
    for (std::size_t i = 0; i < keys.size() && i < 10; ++i) list += (i ? ", " : "") + py_quote(keys[i]);
    throw file_format_error("Header does not contain the correct keys: " + list +
                            "]; expected 'descr', 'fortran_order' and 'shape'");
  }
  header h;
  if (shape->k != pyvalue::kind::tuple) {
    throw file_format_error("shape is not valid: " + repr(*shape) + " (expected a tuple of ints)");
  }
  for (const auto& e : shape->items) {
    if (e.k != pyvalue::kind::integer) {
      throw file_format_error("shape is not valid: " + repr(*shape) + " (expected a tuple of ints)");
    }
  }
  if (fortran->k != pyvalue::kind::boolean) {
    throw file_format_error("fortran_order is not a valid bool: " + repr(*fortran));
  }
  h.fortran_order = fortran->i != 0;
  if (descr->k == pyvalue::kind::list) {
    throw type_error("numfuse has no structured dtypes; the file's descr is " + repr(*descr));
  }
  if (descr->k != pyvalue::kind::str) {
    throw file_format_error("descr is not a valid dtype descriptor: " + repr(*descr));
  }
  h.descr = parse_descr(descr->s);

  const std::size_t nd = shape->items.size();
  if (nd > std::size_t(maxdims)) {
    throw file_format_error("shape " + repr(*shape) + " has " + std::to_string(nd) +
                            " dimensions; numfuse supports at most " + std::to_string(maxdims));
  }
  h.shape = dims(int(nd));
  // Byte count with overflow checks (as np.empty: zero extents do not
  // excuse an overflowing product of the others).
  const auto item = std::uint64_t(itemsize_of(h.descr.dtype));
  std::uint64_t bytes = item;
  std::uint64_t count = 1;
  for (std::size_t i = 0; i < nd; ++i) {
    const pyvalue& e = shape->items[i];
    if (e.i < 0) {
      throw file_format_error("shape " + repr(*shape) + " is not valid: negative dimensions are not allowed");
    }
    const auto x = std::uint64_t(e.i);
    if (e.big || (x != 0 && bytes > std::uint64_t(PTRDIFF_MAX) / x)) {
      throw file_format_error("shape " + repr(*shape) + " is not valid: the array would be larger "
                              "than the maximum possible size");
    }
    if (x != 0) bytes *= x;
    count *= x;
    h.shape[int(i)] = std::ptrdiff_t(x);
  }
  h.size = std::ptrdiff_t(count);
  h.nbytes = count * item;
  return h;
}

/// The header NumPy 1.24 writes for a C-ordered array, byte for byte
/// (including the 21 - len(repr(shape[0])) spaces it reserves to let the
/// first axis grow), as version 1.0.
inline std::string make_header(code c, const dims& shape) {
  std::string h = "{'descr': '" + descr_of(c) + "', 'fortran_order': False, 'shape': (";
  for (int i = 0; i < shape.size(); ++i) {
    if (i) h += ", ";
    h += std::to_string(shape[i]);
  }
  if (shape.size() == 1) h += ",";
  h += "), }";
  if (shape.size() > 0) {
    const std::size_t digits = std::to_string(shape[0]).size();
    h.append(digits < 21 ? 21 - digits : 0, ' ');
  }
  const std::size_t hlen = h.size() + 1;  // + '\n'
  const std::size_t pad = 64 - (magic_len + 2 + 2 + hlen) % 64;
  h.append(pad, ' ');
  h += '\n';
  std::string out(magic, magic_len);
  out += '\x01';
  out += '\x00';
  const std::size_t n = h.size();  // < 65536: at most maxdims extents of 20 digits
  out += char(n & 0xff);
  out += char((n >> 8) & 0xff);
  return out + h;
}

}  // namespace numfuse::detail::npy
