// numfuse/io/npz.hpp -- NumPy's .npz archives: np.savez, np.savez_compressed
// (with zlib) and np.load of an .npz.
//
//   np::savez("run.npz", {{"x", x}, {"y", y * 2.0}});
//   std::map<std::string, np::npy_array> m = np::load_npz("run.npz");
//   np::ndarray<double> x = m.at("x").get<double>();
//
// An .npz is a zip archive with one .npy member per array, "<name>.npy".
// savez stores members uncompressed; savez_compressed (defined when numfuse
// is built with zlib: NUMFUSE_HAVE_ZLIB) deflates them. load_npz reads both
// (deflated members need zlib) and checks every member's size and CRC-32.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <ranges>
#include <concepts>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "numfuse/io/npy.hpp"
#include "numfuse/io/zip.hpp"

namespace numfuse {

/// One named array for savez: {"name", array_view_or_expression}.
/// An lvalue ndarray or a view is referred to (it must outlive the item, as
/// with an expression); temporaries and expressions are evaluated into an
/// array the item owns. Non C-contiguous views are evaluated too.
class npz_item {
 public:
  template <class E>
    requires array_operand<std::remove_cvref_t<E>>
  npz_item(std::string name, E&& e) : name_(std::move(name)) {  // NOLINT: implicit, for {"a", a}
    using X = std::remove_cvref_t<E>;
    using T = expr::value_t<const X&>;
    if constexpr (std::is_same_v<X, ndarray<T>> && !std::is_lvalue_reference_v<E>) {
      own(ndarray<T>(std::forward<E>(e)));  // a temporary array: keep it
    } else if constexpr (expr::node<X> || adv_proxy<X>) {
      own(ndarray<T>(e));
    } else if (e.is_c_contiguous()) {
      data_ = e.data();
      shape_ = e.shape();
      code_ = detail::npy::code_of<T>;
    } else {
      own(ndarray<T>(e));
    }
  }
  /// An array whose dtype is known at run time (as load_npz returns them).
  npz_item(std::string name, const npy_array& a) : name_(std::move(name)) {
    a.visit([&](const auto& arr) {
      using T = typename std::remove_cvref_t<decltype(arr)>::value_type;
      data_ = arr.data();
      shape_ = arr.shape();
      code_ = detail::npy::code_of<T>;
    });
  }

  const std::string& name() const noexcept { return name_; }

  /// Writes the item as an .npy member.
  void write(detail::io::byte_sink& sink) const {
    detail::npy::with_dtype(code_, [&]<class T>() {
      detail::npy::write_npy(sink, static_cast<const T*>(data_), shape_);
    });
  }

 private:
  template <dtype T>
  void own(ndarray<T> a) {
    auto p = std::make_shared<const npy_array>(std::move(a));
    const auto& arr = p->template get<T>();
    data_ = arr.data();
    shape_ = arr.shape();
    code_ = detail::npy::code_of<T>;
    owned_ = std::move(p);
  }

  std::string name_;
  const void* data_ = nullptr;
  dims shape_;
  detail::npy::code code_ = detail::npy::code::f8;
  std::shared_ptr<const npy_array> owned_;
};

/// A range of npz_item (std::vector<npz_item>, std::span<const npz_item>...).
template <class R>
concept npz_item_range = std::ranges::input_range<R> &&
                         std::convertible_to<std::ranges::range_reference_t<const R&>, const npz_item&>;
/// The map load_npz returns.
template <class M>
concept npz_array_map = std::same_as<M, std::map<std::string, npy_array>>;

namespace detail::npy {
template <class R>
void write_npz(const std::filesystem::path& path, const R& items, bool deflate) {
  std::set<std::string> seen;
  for (const npz_item& it : items) {
    if (!seen.insert(it.name()).second) {
      throw value_error("savez: the name '" + it.name() + "' is used for two arrays");
    }
  }
  zip::writer w(with_extension(path, ".npz"));
  for (const npz_item& it : items) {
    w.add(it.name() + ".npy", deflate, [&](io::byte_sink& s) { it.write(s); });
  }
  w.finish();
}
inline std::vector<npz_item> items_of(const std::map<std::string, npy_array>& arrays) {
  std::vector<npz_item> v;
  v.reserve(arrays.size());
  for (const auto& [name, a] : arrays) v.emplace_back(name, a);
  return v;
}
}  // namespace detail::npy

// The range and map overloads are templates so that a braced list
// {{"a", a}, ...} always means the initializer_list overload.

/// np.savez: several named arrays in one uncompressed .npz archive
/// (".npz" is appended to a path that does not end with it).
///   np::savez("out.npz", {{"a", a}, {"b", b + 1}});
inline void savez(const std::filesystem::path& path, std::initializer_list<npz_item> items) {
  detail::npy::write_npz(path, items, false);
}
template <npz_item_range R>
void savez(const std::filesystem::path& path, const R& items) {
  detail::npy::write_npz(path, items, false);
}
template <npz_array_map M>
void savez(const std::filesystem::path& path, const M& arrays) {
  detail::npy::write_npz(path, detail::npy::items_of(arrays), false);
}

#ifdef NUMFUSE_HAVE_ZLIB
/// np.savez_compressed: as savez, with deflate-compressed members. Needs
/// zlib (declared when NUMFUSE_HAVE_ZLIB is defined).
inline void savez_compressed(const std::filesystem::path& path, std::initializer_list<npz_item> items) {
  detail::npy::write_npz(path, items, true);
}
template <npz_item_range R>
void savez_compressed(const std::filesystem::path& path, const R& items) {
  detail::npy::write_npz(path, items, true);
}
template <npz_array_map M>
void savez_compressed(const std::filesystem::path& path, const M& arrays) {
  detail::npy::write_npz(path, detail::npy::items_of(arrays), true);
}
#endif

/// np.load of an .npz archive: every member, by name (without ".npy").
/// Throws file_format_error for a broken archive or member (including a
/// member that is not an .npy file), io_error if the file cannot be read or
/// a member is compressed and numfuse was built without zlib.
inline std::map<std::string, npy_array> load_npz(const std::filesystem::path& path) {
  detail::io::input_file f(path);
  const detail::zip::reader zr(f);
  std::map<std::string, npy_array> out;
  for (const auto& e : zr.entries()) {
    if (!e.name.empty() && e.name.back() == '/' && e.usize == 0) continue;  // a directory
    const std::string_view ext = ".npy";
    if (e.name.size() < ext.size() || e.name.compare(e.name.size() - ext.size(), ext.size(), ext) != 0) {
      throw file_format_error(f.name() + " member '" + e.name +
                              "' is not an .npy file; numfuse loads only .npy members");
    }
    std::string key = e.name.substr(0, e.name.size() - ext.size());
    if (out.count(key)) throw file_format_error(f.name() + ": member '" + e.name + "' appears twice");
    auto src = zr.open(e);
    npy_array a = detail::npy::read_any(*src);
    src->finish();
    out.emplace(std::move(key), std::move(a));
  }
  return out;
}

}  // namespace numfuse
