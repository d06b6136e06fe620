// numfuse/io/repr.hpp -- NumPy's repr() of an array, e.g. "array([1., 2.])".
//
// Reproduces np.array_repr under NumPy's default print options (precision=8,
// floatmode='maxprec', suppress=False, linewidth=75, threshold=1000,
// edgeitems=3, sign='-', legacy=False). The rules, from numpy/core/arrayprint.py:
//
//  * Every printed element of the array goes through one formatter, so all
//    elements share a width. When the array has more than `threshold`
//    elements, only the "corners" (first/last `edgeitems` along each axis
//    longer than 2*edgeitems) are printed and measured, the rest is "...".
//  * Integers are right-aligned to the longest of str(min), str(max).
//    Booleans print as " True"/"False" (plain "True" in a 0-d array).
//  * Floats use scientific notation when, over the finite non-zero |x|,
//    max >= 1e8, min < 1e-4 or max/min > 1e3. Otherwise positional: each value
//    is its shortest round-trip repr, rounded (exact value, ties to even) to at
//    most `precision` fractional digits, trailing zeros trimmed but the point
//    kept ("1."); integer parts are right-aligned and fractions padded with
//    spaces on the right. In scientific notation every mantissa gets as many
//    digits as the longest shortest-repr mantissa (capped at `precision`), and
//    exponents share a digit count (at least 2). nan/inf are right-aligned to
//    the full width.
//  * Rows are wrapped to `linewidth` (minus 1 for the closing ")" or ","),
//    continuation lines are indented to align after "array([". Axes of rank
//    k >= 2 are separated by "," and k-1 newlines.
//  * float64, int64 and bool are implied dtypes; any other dtype, and any
//    empty array, gets ", dtype=NAME)" -- on a new line if it would overflow.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "numfuse/core/dtype.hpp"
#include "numfuse/core/shape.hpp"

namespace numfuse::detail {
namespace repr_impl {

inline constexpr int precision = 8;
inline constexpr std::size_t linewidth = 75;
inline constexpr std::ptrdiff_t threshold = 1000;
inline constexpr std::ptrdiff_t edgeitems = 3;

// A non-negative finite value as decimal digits: d.ddd x 10^exp.
struct decimal {
  std::string digits;  // no leading zeros (except the value 0: "0")
  int exp = 0;
};

// |x| in decimal: the shortest round-trip digits of F when sig < 0, else
// exactly `sig` significant digits correctly rounded (ties to even).
template <class F>
decimal to_decimal(F x, int sig = -1) {
  char buf[64];
  x = std::fabs(x);
  auto res = sig < 0 ? std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific)
                     : std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific,
                                     sig - 1);
  const std::string_view s(buf, static_cast<std::size_t>(res.ptr - buf));
  const std::size_t e = s.find('e');
  decimal d;
  for (std::size_t i = 0; i < e; ++i)
    if (s[i] != '.') d.digits += s[i];
  std::size_t p = e + 1;
  const bool neg = s[p] == '-';
  std::from_chars(s.data() + p + 1, s.data() + s.size(), d.exp);
  if (neg) d.exp = -d.exp;
  return d;
}

// Positional notation of |x| as (integer part, fraction digits), with at
// most `precision` fraction digits and trailing zeros trimmed.
// NumPy prints all integer digits exactly (float32(92570176) is "92570176.",
// not its shortest "92570180."); shortest digits only decide the fraction.
template <class F>
std::pair<std::string, std::string> positional(F x) {
  const decimal d = to_decimal(x);
  const int n = static_cast<int>(d.digits.size());
  if (d.exp < 0 && n - 1 - d.exp <= precision)
    return {"0", std::string(static_cast<std::size_t>(-d.exp - 1), '0') + d.digits};
  if (d.exp >= 0 && n > d.exp + 1 && n - 1 - d.exp <= precision)
    return {d.digits.substr(0, static_cast<std::size_t>(d.exp + 1)),
            d.digits.substr(static_cast<std::size_t>(d.exp + 1))};
  // An integer (exact digits), or a value rounded to `precision` fraction
  // digits (exact value, ties to even) with trailing zeros trimmed.
  char buf[400];
  const bool integral = n <= d.exp + 1;
  auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::fixed,
                           integral ? 0 : precision);
  std::string s(buf, res.ptr);
  if (integral) return {s, ""};
  const std::size_t dot = s.find('.');
  std::string frac = s.substr(dot + 1);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return {s.substr(0, dot), frac};
}

inline std::string exponent_str(int exp, int ndigits) {
  std::string e = std::to_string(exp < 0 ? -exp : exp);
  if (static_cast<int>(e.size()) < ndigits) e.insert(0, static_cast<std::size_t>(ndigits) - e.size(), '0');
  return (exp < 0 ? "e-" : "e+") + e;
}

inline std::string pad_left(const std::string& s, std::size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

// NumPy's FloatingFormat: formats all (printed) values of an array.
template <class F>
std::vector<std::string> format_floats(const std::vector<F>& vals) {
  std::vector<F> finite;
  bool neginf = false;
  for (F v : vals) {
    if (std::isfinite(v)) finite.push_back(v);
    else if (std::isinf(v) && v < 0) neginf = true;
  }
  // Scientific notation? (The ratio is computed in F, as NumPy does.)
  bool sci = false, any_nonzero = false;
  F mx = 0, mn = 0;
  for (F v : finite) {
    const F a = std::fabs(v);
    if (a == 0) continue;
    if (!any_nonzero || a > mx) mx = a;
    if (!any_nonzero || a < mn) mn = a;
    any_nonzero = true;
  }
  if (any_nonzero) {
    const F ratio = mx / mn;
    sci = double(mx) >= 1e8 || double(mn) < 1e-4 || double(ratio) > 1000.0;
  }

  std::size_t left = 0, right = 0;  // widths around the decimal point
  std::vector<std::string> out;
  out.reserve(vals.size());
  if (sci) {
    // First pass: shortest mantissas (at most precision+1 digits) and exponents.
    std::size_t frac = 0;
    int exp_digits = 2;
    for (F v : finite) {
      decimal d = to_decimal(v);
      if (d.digits.size() > precision + 1) {
        d = to_decimal(v, precision + 1);
        while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
      }
      frac = std::max(frac, d.digits.size() - 1);
      exp_digits = std::max(exp_digits, static_cast<int>(std::to_string(std::abs(d.exp)).size()));
      left = std::max<std::size_t>(left, std::signbit(v) ? 2 : 1);
    }
    right = static_cast<std::size_t>(exp_digits) + 2 + frac;
    if (finite.size() != vals.size())
      left = std::max({left, 3 - std::min<std::size_t>(3, right + 1),
                       (3 + neginf) - std::min<std::size_t>(3 + neginf, right + 1)});
    for (F v : vals) {
      if (!std::isfinite(v)) continue;
      // Second pass: every mantissa with `frac` digits (exactly rounded).
      const decimal d = to_decimal(v, static_cast<int>(frac) + 1);
      std::string s = std::signbit(v) ? "-" : "";
      s += d.digits[0];
      s += '.';
      s += d.digits.substr(1);
      out.push_back(pad_left(s, left + 1 + frac) + exponent_str(d.exp, exp_digits));
    }
  } else {
    std::vector<std::pair<std::string, std::string>> parts;
    for (F v : finite) {
      auto p = positional(v);
      if (std::signbit(v)) p.first.insert(0, "-");
      left = std::max(left, p.first.size());
      right = std::max(right, p.second.size());
      parts.push_back(std::move(p));
    }
    if (finite.size() != vals.size())
      left = std::max({left, 3 - std::min<std::size_t>(3, right + 1),
                       (3 + neginf) - std::min<std::size_t>(3 + neginf, right + 1)});
    for (auto& [i, f] : parts) out.push_back(pad_left(i, left) + "." + f + std::string(right - f.size(), ' '));
  }
  // Re-insert nan/inf at their positions, right-aligned to the full width.
  std::vector<std::string> all;
  all.reserve(vals.size());
  std::size_t k = 0;
  for (F v : vals) {
    if (std::isfinite(v)) all.push_back(std::move(out[k++]));
    else all.push_back(pad_left(std::isnan(v) ? "nan" : v < 0 ? "-inf" : "inf", left + right + 1));
  }
  return all;
}

template <class T>
std::vector<std::string> format_values(const std::vector<T>& vals, bool zero_d) {
  std::vector<std::string> out;
  if constexpr (std::is_same_v<T, bool>) {
    for (bool v : vals) out.push_back(v ? (zero_d ? "True" : " True") : "False");
  } else if constexpr (std::is_floating_point_v<T>) {
    out = format_floats(vals);
  } else {
    using wide = std::conditional_t<std::is_signed_v<T>, long long, unsigned long long>;
    std::size_t width = 0;
    for (T v : vals) {
      out.push_back(std::to_string(static_cast<wide>(v)));
      width = std::max(width, out.back().size());
    }
    for (auto& s : out) s = pad_left(s, width);
  }
  return out;
}

// Walks the printed elements in order; with summarise, axes longer than
// 2*edgeitems show only their first and last edgeitems entries.
template <class T>
void gather(const T* p, const dims& shape, const dims& strides, int axis, bool summarise,
            std::vector<T>& out) {
  if (axis == shape.size()) {
    out.push_back(*p);
    return;
  }
  const std::ptrdiff_t n = shape[axis];
  const bool show = summarise && n > 2 * edgeitems;
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    if (show && i == edgeitems) i = n - edgeitems;
    gather(p + i * strides[axis], shape, strides, axis + 1, summarise, out);
  }
}

// NumPy's _formatArray: nests the formatted words into brackets, wrapping
// rows that would exceed the line width.
struct layout {
  const dims& shape;
  const std::vector<std::string>& words;
  bool summarise;
  std::size_t next = 0;

  static void extend(std::string& s, std::string& line, const std::string& word, std::size_t width,
                     const std::string& indent) {
    if (line.size() + word.size() > width && line.size() > indent.size()) {
      line.erase(line.find_last_not_of(' ') + 1);
      s += line + "\n";
      line = indent;
    }
    line += word;
  }

  std::string recurse(int axis, const std::string& indent, std::size_t width) {
    if (axis == shape.size()) return words[next++];
    const std::string next_indent = indent + " ";
    const std::ptrdiff_t n = shape[axis];
    const bool show = summarise && n > 2 * edgeitems;
    std::string s;
    if (axis == shape.size() - 1) {
      const std::size_t elem_width = width - 1;  // room for "," or "]"
      std::string line = indent;
      for (std::ptrdiff_t i = 0; i < n; ++i) {
        if (show && i == edgeitems) {
          extend(s, line, "...", elem_width, indent);
          line += ", ";
          i = n - edgeitems;
        }
        extend(s, line, recurse(axis + 1, next_indent, width - 1), elem_width, indent);
        if (i + 1 < n) line += ", ";
      }
      s += line;
    } else {
      const std::string sep = "," + std::string(static_cast<std::size_t>(shape.size() - axis - 1), '\n');
      for (std::ptrdiff_t i = 0; i < n; ++i) {
        if (show && i == edgeitems) {
          s += indent + "..." + sep;
          i = n - edgeitems;
        }
        s += indent + recurse(axis + 1, next_indent, width - 1);
        if (i + 1 < n) s += sep;
      }
    }
    return "[" + s.substr(indent.size()) + "]";
  }
};

}  // namespace repr_impl

/// NumPy's repr of the strided array (strides counted in elements).
template <class T>
std::string repr(const T* data, const dims& shape, const dims& element_strides) {
  using namespace repr_impl;
  const std::ptrdiff_t size = shape_size(shape);
  std::string out = "array(";
  if (size == 0) {
    out += shape.size() == 1 ? "[]" : "[], shape=" + shape_str(shape);
  } else {
    const bool summarise = size > threshold;
    std::vector<T> vals;
    gather(data, shape, element_strides, 0, summarise, vals);
    const auto words = format_values(vals, shape.size() == 0);
    layout lay{shape, words, summarise};
    // Width less 1 for the suffix; continuation lines align after "array([".
    out += lay.recurse(0, std::string(7, ' '), linewidth - 1);
  }
  constexpr bool implied = std::is_same_v<T, double> || std::is_same_v<T, std::int64_t> ||
                           std::is_same_v<T, bool>;
  if (implied && size > 0) return out + ")";
  out += ",";
  const std::string dtype_str = "dtype=" + std::string(dtype_name<T>()) + ")";
  const std::size_t last_line = out.size() - (out.rfind('\n') + 1);
  out += last_line + dtype_str.size() + 1 > linewidth ? "\n      " : " ";
  return out + dtype_str;
}

/// Writes NumPy's repr of the strided array (strides counted in elements).
template <class T>
void write_repr(std::ostream& os, const T* data, const dims& shape, const dims& element_strides) {
  os << repr(data, shape, element_strides);
}

}  // namespace numfuse::detail
