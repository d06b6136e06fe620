// numfuse/io/byte_io.hpp -- binary files for the .npy/.npz readers and
// writers: an input file with bounds-checked reads, sequential byte sources
// and sinks, CRC-32, and little-endian integer packing (always through
// byte arithmetic: no misaligned or aliasing reads).
#pragma once

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>

#include "numfuse/core/errors.hpp"

#ifdef NUMFUSE_HAVE_ZLIB
#include <zlib.h>
#endif

namespace numfuse::detail::io {

// ---------------------------------------------------------------------------
// Little-endian integers
// ---------------------------------------------------------------------------

template <class U>
U get_le(const unsigned char* p) {
  U v = 0;
  for (std::size_t i = sizeof(U); i-- > 0;) v = U(v << 8) | U(p[i]);
  return v;
}
template <class U>
void put_le(std::string& out, U v) {
  for (std::size_t i = 0; i < sizeof(U); ++i) out += char((v >> (8 * i)) & 0xff);
}
template <class U>
void set_le(std::string& out, std::size_t pos, U v) {
  for (std::size_t i = 0; i < sizeof(U); ++i) out[pos + i] = char((v >> (8 * i)) & 0xff);
}

// ---------------------------------------------------------------------------
// CRC-32 (zip's), zlib's when available
// ---------------------------------------------------------------------------

inline constexpr std::array<std::uint32_t, 256> crc_table = [] {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}();

inline std::uint32_t crc32_update(std::uint32_t crc, const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
#ifdef NUMFUSE_HAVE_ZLIB
  while (n > 0) {
    const auto chunk = static_cast<uInt>(n < (std::size_t(1) << 30) ? n : (std::size_t(1) << 30));
    crc = static_cast<std::uint32_t>(::crc32(crc, p, chunk));
    p += chunk;
    n -= chunk;
  }
  return crc;
#else
  crc = ~crc;
  for (std::size_t i = 0; i < n; ++i) crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
#endif
}

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

inline std::string display(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

inline std::string errno_text(int e) {
  return e ? std::generic_category().message(e) : std::string("unknown error");
}

/// A file opened for reading, with its size.
class input_file {
 public:
  explicit input_file(const std::filesystem::path& path) : name_(display(path)) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      throw io_error("cannot open " + name_ + " for reading: Is a directory");
    }
    errno = 0;
    in_.open(path, std::ios::binary);
    if (!in_) throw io_error("cannot open " + name_ + " for reading: " + errno_text(errno));
    in_.seekg(0, std::ios::end);
    const auto end = in_.tellg();
    if (!in_ || end < 0) throw io_error("cannot determine the size of " + name_);
    size_ = static_cast<std::uint64_t>(end);
    in_.seekg(0);
  }

  std::uint64_t size() const noexcept { return size_; }
  const std::string& name() const noexcept { return name_; }

  /// Reads up to n bytes at offset; returns how many were read (fewer only
  /// when the file ends).
  std::size_t read_at(std::uint64_t offset, void* dst, std::size_t n) {
    if (offset >= size_ || n == 0) return 0;
    if (n > size_ - offset) n = static_cast<std::size_t>(size_ - offset);
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(offset));
    in_.read(static_cast<char*>(dst), static_cast<std::streamsize>(n));
    if (in_.bad()) throw io_error("error reading " + name_);
    const auto got = static_cast<std::size_t>(in_.gcount());
    in_.clear();
    return got;
  }

 private:
  std::string name_;
  std::ifstream in_;
  std::uint64_t size_ = 0;
};

/// A sequential source of bytes with a known bound on what is left.
class byte_source {
 public:
  virtual ~byte_source() = default;
  /// Reads exactly n bytes; throws file_format_error ("EOF: reading <what>,
  /// expected n bytes got k") when the data ends first.
  virtual void read(void* dst, std::size_t n, const char* what) = 0;
  /// No more bytes than this are left.
  virtual std::uint64_t remaining() const = 0;
  /// The file (or archive member) for messages.
  virtual const std::string& name() const = 0;

 protected:
  [[noreturn]] void eof(const char* what, std::size_t want, std::size_t got) const {
    throw file_format_error(name() + ": EOF: reading " + what + ", expected " + std::to_string(want) +
                            " bytes got " + std::to_string(got) + " (the file is truncated)");
  }
};

/// The bytes [begin, end) of an input file, read in order; keeps a CRC-32
/// of what was read.
class file_range_source final : public byte_source {
 public:
  file_range_source(input_file& f, std::uint64_t begin, std::uint64_t end, std::string name,
                    bool with_crc)
      : f_(f), pos_(begin), end_(end), name_(std::move(name)), with_crc_(with_crc) {}

  void read(void* dst, std::size_t n, const char* what) override {
    const std::size_t want = n;
    const std::size_t avail = remaining() < n ? static_cast<std::size_t>(remaining()) : n;
    const std::size_t got = avail ? f_.read_at(pos_, dst, avail) : 0;
    if (with_crc_) crc_ = crc32_update(crc_, dst, got);
    pos_ += got;
    if (got != want) eof(what, want, got);
  }
  std::uint64_t remaining() const override { return end_ > pos_ ? end_ - pos_ : 0; }
  const std::string& name() const override { return name_; }
  std::uint32_t crc() const noexcept { return crc_; }

 private:
  input_file& f_;
  std::uint64_t pos_, end_;
  std::string name_;
  bool with_crc_;
  std::uint32_t crc_ = 0;
};

/// A file opened for writing (truncated), with positioned rewrites.
class output_file {
 public:
  explicit output_file(const std::filesystem::path& path) : name_(display(path)) {
    errno = 0;
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (!out_) throw io_error("cannot open " + name_ + " for writing: " + errno_text(errno));
  }
  void write(const void* p, std::size_t n) {
    errno = 0;
    out_.write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
    if (!out_) throw io_error("error writing " + name_ + ": " + errno_text(errno));
    pos_ += n;
  }
  void write(const std::string& s) { write(s.data(), s.size()); }
  /// Overwrites bytes already written at offset, then returns to the end.
  void rewrite(std::uint64_t offset, const std::string& s) {
    out_.seekp(static_cast<std::streamoff>(offset));
    out_.write(s.data(), static_cast<std::streamsize>(s.size()));
    out_.seekp(static_cast<std::streamoff>(pos_));
    if (!out_) throw io_error("error writing " + name_);
  }
  std::uint64_t position() const noexcept { return pos_; }
  void close() {
    errno = 0;
    out_.close();
    if (!out_) throw io_error("error writing " + name_ + ": " + errno_text(errno));
  }
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
  std::ofstream out_;
  std::uint64_t pos_ = 0;
};

/// A sequential destination of bytes.
class byte_sink {
 public:
  virtual ~byte_sink() = default;
  virtual void write(const void* p, std::size_t n) = 0;
};

/// Writes straight into an output file, keeping a count and (on request) a
/// CRC-32 of what went through.
class file_sink final : public byte_sink {
 public:
  explicit file_sink(output_file& f, bool with_crc = false) : f_(f), with_crc_(with_crc) {}
  void write(const void* p, std::size_t n) override {
    f_.write(p, n);
    if (with_crc_) crc_ = crc32_update(crc_, p, n);
    count_ += n;
  }
  std::uint32_t crc() const noexcept { return crc_; }
  std::uint64_t count() const noexcept { return count_; }

 private:
  output_file& f_;
  bool with_crc_;
  std::uint32_t crc_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace numfuse::detail::io
