// numfuse/io/npy.hpp -- NumPy's .npy files: np.save and np.load.
//
//   np::save("a.npy", a * 2.0);                  // any array, view or expression
//   np::ndarray<double> a = np::load<double>("a.npy");  // dtype must be float64
//   np::npy_array x = np::load_any("x.npy");      // dtype from the file
//
// Reads format versions 1.0, 2.0 and 3.0, every numfuse dtype in either byte
// order, C and Fortran order, 0-d and empty arrays; writes version 1.0 in
// C order and native byte order, byte for byte as NumPy 1.24 does. Nothing in
// a file is trusted: sizes are checked against the file before anything is
// allocated, and every problem is a numfuse exception (docs/errors.md).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <type_traits>

#include "numfuse/core/ndarray.hpp"
#include "numfuse/core/ndview.hpp"
#include "numfuse/expr/functions.hpp"
#include "numfuse/io/byte_io.hpp"
#include "numfuse/io/npy_array.hpp"
#include "numfuse/io/npy_header.hpp"

namespace numfuse {

namespace detail::npy {

/// Reads and checks the magic string, version and header.
inline header read_header(io::byte_source& src) {
  unsigned char pre[8];
  src.read(pre, sizeof pre, "magic string");
  if (std::memcmp(pre, magic, magic_len) != 0) {
    if (pre[0] == 'P' && pre[1] == 'K') {
      throw file_format_error(src.name() + " is a zip archive (an .npz?), not an .npy file: use "
                              "numfuse::load_npz");
    }
    throw file_format_error(src.name() + ": the magic string is not correct; expected "
                            "b'\\x93NUMPY', got " +
                            py_quote(std::string_view(reinterpret_cast<const char*>(pre), magic_len)) +
                            " (not an .npy file)");
  }
  const int major = pre[6], minor = pre[7];
  if (major < 1 || major > 3 || minor != 0) {
    throw file_format_error(src.name() + ": we only support format version (1,0), (2,0), and (3,0), "
                            "not (" + std::to_string(major) + ", " + std::to_string(minor) + ")");
  }
  unsigned char len[4] = {0, 0, 0, 0};
  src.read(len, major == 1 ? 2 : 4, "array header length");
  const std::uint32_t hlen = io::get_le<std::uint32_t>(len);
  if (hlen > max_header_size) {
    throw file_format_error(src.name() + ": Header info length (" + std::to_string(hlen) +
                            ") is large and may not be safe to load securely (limit " +
                            std::to_string(max_header_size) + " bytes)");
  }
  std::string text(hlen, '\0');
  src.read(text.data(), hlen, "array header");
  try {
    return interpret_header(text, major < 3);
  } catch (const type_error& e) {
    throw type_error(src.name() + ": " + e.what());
  } catch (const file_format_error& e) {
    throw file_format_error(src.name() + ": " + e.what());
  }
}

/// Brings raw element bytes into this machine's representation: swaps the
/// byte order when the file's differs, and maps bool bytes other than 0 to
/// 1 (a bool holding another value would be undefined behaviour).
template <dtype T>
void fix_bytes(unsigned char* p, std::ptrdiff_t n, bool swap) {
  if constexpr (std::is_same_v<T, bool>) {
    // In place through the engine: each byte read as uint8, written as its
    // truth value (the same elements: no copy is needed).
    const dims s{n};
    ndview<bool>(reinterpret_cast<bool*>(p), s) =
        astype<bool>(ndview<const std::uint8_t>(p, s));
  } else if constexpr (sizeof(T) > 1) {
    // Byte order: a decoding step before the elements are values (Highway
    // 1.0.3 has no lane byte-reverse op to run it through the engine).
    if (!swap) return;
    using U = typename uint_of_size<int(sizeof(T))>::type;
    for (std::ptrdiff_t i = 0; i < n; ++i) {
      U u;
      std::memcpy(&u, p + i * std::ptrdiff_t(sizeof(T)), sizeof(U));
      if constexpr (sizeof(U) == 2) u = __builtin_bswap16(u);
      else if constexpr (sizeof(U) == 4) u = __builtin_bswap32(u);
      else u = __builtin_bswap64(u);
      std::memcpy(p + i * std::ptrdiff_t(sizeof(T)), &u, sizeof(U));
    }
  }
}

/// Reads the data an already-read header describes into a C-ordered
/// ndarray<T> (T must be the header's dtype). Fortran-ordered data is read as
/// a view with Fortran strides and copied by the engine.
template <dtype T>
ndarray<T> read_data(io::byte_source& src, const header& h) {
  if (h.nbytes > src.remaining()) {
    throw file_format_error(src.name() + ": EOF: the array data is truncated: shape " + shape_str(h.shape) +
                            " of dtype " + std::string(name_of(h.descr.dtype)) + " needs " +
                            std::to_string(h.nbytes) + " bytes, but at most " +
                            std::to_string(src.remaining()) + " follow the header");
  }
  const bool reorder = h.fortran_order && h.shape.size() > 1;
  dims storage = h.shape;
  if (reorder) std::reverse(storage.begin(), storage.end());
  auto a = ndarray<T>::uninitialized(storage);
  auto* bytes = reinterpret_cast<unsigned char*>(a.data());
  if (h.nbytes > 0) src.read(bytes, static_cast<std::size_t>(h.nbytes), "array data");
  fix_bytes<T>(bytes, h.size, h.descr.swap);
  if (!reorder) return a;
  dims fstrides = a.element_strides();
  std::reverse(fstrides.begin(), fstrides.end());
  return ndarray<T>(ndview<const T>::from_element_strides(a.data(), h.shape, fstrides));
}

/// Reads one .npy (header and data) of whatever dtype it holds.
inline npy_array read_any(io::byte_source& src) {
  const header h = read_header(src);
  return with_dtype(h.descr.dtype, [&]<class T>() { return npy_array(read_data<T>(src, h)); });
}

/// Reads one .npy whose dtype must be T.
template <dtype T>
ndarray<T> read_as(io::byte_source& src) {
  const header h = read_header(src);
  if (h.descr.dtype != code_of<T>) {
    const std::string has(name_of(h.descr.dtype)), want(numfuse::dtype_name<T>());
    throw type_error(src.name() + " holds a " + has + " array, not " + want + ": load it with load<" +
                     std::string(cpp_name_of(h.descr.dtype)) + ">(), or with load_any(path).astype<" +
                     std::string(cpp_name_of(code_of<T>)) + ">() to convert");
  }
  return read_data<T>(src, h);
}

/// Writes header and data of a C-contiguous block of elements.
template <dtype T>
void write_npy(io::byte_sink& sink, const T* data, const dims& shape) {
  const std::string h = make_header(code_of<T>, shape);
  sink.write(h.data(), h.size());
  const auto n = static_cast<std::size_t>(shape_size(shape)) * sizeof(T);
  if (n > 0) sink.write(data, n);
}

/// Calls f(const T* data, const dims& shape) with the elements of e in C
/// order: arrays and C-contiguous views directly, anything else (strided
/// views, expressions) evaluated into a temporary ndarray first.
template <array_operand E, class F>
void with_c_order(const E& e, F&& f) {
  using T = expr::value_t<const E&>;
  if constexpr (array_like<E>) {
    if (e.is_c_contiguous()) {
      f(static_cast<const T*>(e.data()), e.shape());
      return;
    }
  }
  const ndarray<T> tmp(e);
  f(static_cast<const T*>(tmp.data()), tmp.shape());
}

/// np.save's rule: a path without the extension gets it appended.
inline std::filesystem::path with_extension(const std::filesystem::path& p, std::string_view ext) {
  const std::string s = p.string();
  if (s.size() >= ext.size() && s.compare(s.size() - ext.size(), ext.size(), ext) == 0) return p;
  return std::filesystem::path(s + std::string(ext));
}

}  // namespace detail::npy

/// np.save: writes an array, view or expression to a .npy file (format 1.0,
/// C order, native byte order). As np.save does, ".npy" is appended to a
/// path that does not end with it. Throws io_error if the file cannot be
/// written.
template <array_operand E>
void save(const std::filesystem::path& path, const E& e) {
  detail::io::output_file out(detail::npy::with_extension(path, ".npy"));
  detail::io::file_sink sink(out);
  detail::npy::with_c_order(e, [&](const auto* data, const dims& shape) {
    detail::npy::write_npy(sink, data, shape);
  });
  out.close();
}

/// np.save of an array whose dtype is known at run time.
inline void save(const std::filesystem::path& path, const npy_array& a) {
  a.visit([&](const auto& arr) { save(path, arr); });
}

/// np.load for a .npy file whose dtype is T. Throws type_error (naming the
/// file's dtype) when it holds another dtype, file_format_error when the file
/// is not a valid .npy, io_error when it cannot be read.
template <dtype T>
ndarray<T> load(const std::filesystem::path& path) {
  detail::io::input_file f(path);
  detail::io::file_range_source src(f, 0, f.size(), f.name(), false);
  return detail::npy::read_as<T>(src);
}

/// np.load for a .npy file of any dtype.
inline npy_array load_any(const std::filesystem::path& path) {
  detail::io::input_file f(path);
  detail::io::file_range_source src(f, 0, f.size(), f.name(), false);
  return detail::npy::read_any(src);
}

}  // namespace numfuse
