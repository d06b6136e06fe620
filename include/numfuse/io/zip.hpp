// numfuse/io/zip.hpp -- the subset of the zip format .npz files use: a
// reader of the central directory (stored and, with zlib, deflated members;
// ZIP64 records as Python's zipfile writes them) that validates every offset
// and size against the file, and a writer producing what np.savez writes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "numfuse/core/errors.hpp"
#include "numfuse/io/byte_io.hpp"

namespace numfuse::detail::zip {

inline constexpr std::uint32_t sig_local = 0x04034b50;
inline constexpr std::uint32_t sig_central = 0x02014b50;
inline constexpr std::uint32_t sig_end = 0x06054b50;
inline constexpr std::uint32_t sig_end64 = 0x06064b50;
inline constexpr std::uint32_t sig_locator64 = 0x07064b50;
inline constexpr std::uint32_t u32max = 0xFFFFFFFFu;
/// Deflate never compresses better than 1032:1; a member claiming more is a
/// lie (or a bomb) and is refused before anything is allocated.
inline constexpr std::uint64_t max_deflate_ratio = 1032;

/// One member, from the central directory.
struct entry {
  std::string name;
  std::uint16_t flags = 0, method = 0;
  std::uint32_t crc = 0;
  std::uint64_t csize = 0, usize = 0, local_offset = 0, data_offset = 0;
};

/// A member's bytes, decompressed; finish() reads what the caller left and
/// checks the size and CRC-32 the central directory recorded.
class member_source : public io::byte_source {
 public:
  virtual void finish() = 0;
};

class stored_member final : public member_source {
 public:
  stored_member(io::input_file& f, const entry& e, std::string name)
      : e_(e), src_(f, e.data_offset, e.data_offset + e.csize, std::move(name), true) {}
  void read(void* dst, std::size_t n, const char* what) override { src_.read(dst, n, what); }
  std::uint64_t remaining() const override { return src_.remaining(); }
  const std::string& name() const override { return src_.name(); }
  void finish() override {
    unsigned char buf[4096];
    while (src_.remaining() > 0) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof buf, src_.remaining()));
      src_.read(buf, n, "member data");
    }
    if (src_.crc() != e_.crc) throw file_format_error(name() + ": Bad CRC-32 (the data is corrupt)");
  }

 private:
  entry e_;
  io::file_range_source src_;
};

#ifdef NUMFUSE_HAVE_ZLIB
class inflate_member final : public member_source {
 public:
  inflate_member(io::input_file& f, const entry& e, std::string name)
      : e_(e), in_(f, e.data_offset, e.data_offset + e.csize, std::move(name), false), buf_(65536) {
    zs_.zalloc = Z_NULL;
    zs_.zfree = Z_NULL;
    zs_.opaque = Z_NULL;
    zs_.next_in = Z_NULL;
    zs_.avail_in = 0;
    if (inflateInit2(&zs_, -15) != Z_OK) throw io_error("zlib: inflateInit2 failed");
  }
  ~inflate_member() override { inflateEnd(&zs_); }
  inflate_member(const inflate_member&) = delete;
  inflate_member& operator=(const inflate_member&) = delete;

  void read(void* dst, std::size_t n, const char* what) override {
    auto* out = static_cast<unsigned char*>(dst);
    std::size_t done = 0;
    while (done < n) {
      if (ended_) eof(what, n, done);
      const std::size_t want = std::min<std::size_t>(n - done, std::size_t(1) << 30);
      const std::size_t got = inflate_into(out + done, want);
      crc_ = io::crc32_update(crc_, out + done, got);
      done += got;
    }
  }
  std::uint64_t remaining() const override { return e_.usize > produced_ ? e_.usize - produced_ : 0; }
  const std::string& name() const override { return in_.name(); }
  void finish() override {
    unsigned char buf[4096];
    while (!ended_) {
      const std::size_t got = inflate_into(buf, sizeof buf);
      crc_ = io::crc32_update(crc_, buf, got);
    }
    if (produced_ != e_.usize) {
      throw file_format_error(name() + ": the member decompresses to " + std::to_string(produced_) +
                              " bytes, the zip directory says " + std::to_string(e_.usize));
    }
    if (crc_ != e_.crc) throw file_format_error(name() + ": Bad CRC-32 (the data is corrupt)");
  }

 private:
  /// Inflates up to n bytes into out; returns how many (0 only at the end).
  std::size_t inflate_into(unsigned char* out, std::size_t n) {
    zs_.next_out = out;
    zs_.avail_out = static_cast<uInt>(n);
    while (zs_.avail_out > 0 && !ended_) {
      if (zs_.avail_in == 0) {
        const auto k = static_cast<std::size_t>(std::min<std::uint64_t>(buf_.size(), in_.remaining()));
        if (k == 0) {
          throw file_format_error(name() + ": EOF: the compressed data ends before the end of "
                                  "its deflate stream (the file is truncated)");
        }
        in_.read(buf_.data(), k, "compressed data");
        zs_.next_in = buf_.data();
        zs_.avail_in = static_cast<uInt>(k);
      }
      const int r = inflate(&zs_, Z_NO_FLUSH);
      if (r == Z_STREAM_END) {
        ended_ = true;
      } else if (r != Z_OK && r != Z_BUF_ERROR) {
        throw file_format_error(name() + ": invalid deflate data (zlib: " +
                                std::string(zs_.msg ? zs_.msg : "error " + std::to_string(r)) + ")");
      }
    }
    const std::size_t got = n - zs_.avail_out;
    produced_ += got;
    if (produced_ > e_.usize) {
      throw file_format_error(name() + ": the member decompresses to more than the " +
                              std::to_string(e_.usize) + " bytes the zip directory says");
    }
    return got;
  }

  entry e_;
  io::file_range_source in_;
  std::vector<unsigned char> buf_;
  z_stream zs_{};
  bool ended_ = false;
  std::uint64_t produced_ = 0;
  std::uint32_t crc_ = 0;
};
#endif

/// The central directory of a zip file, validated.
class reader {
 public:
  explicit reader(io::input_file& f) : f_(f) { parse(); }

  const std::vector<entry>& entries() const noexcept { return entries_; }

  /// A source of a member's decompressed bytes.
  std::unique_ptr<member_source> open(const entry& e) const {
    const std::string name = f_.name() + " member '" + e.name + "'";
    if (e.method == 0) {
      if (e.csize != e.usize) {
        throw file_format_error(name + ": stored member with compressed size " + std::to_string(e.csize) +
                                " != size " + std::to_string(e.usize));
      }
      return std::make_unique<stored_member>(f_, e, name);
    }
#ifdef NUMFUSE_HAVE_ZLIB
    return std::make_unique<inflate_member>(f_, e, name);
#else
    throw io_error(name + " is deflate-compressed (np.savez_compressed), but numfuse was built "
                   "without zlib (NUMFUSE_HAVE_ZLIB): install zlib (Debian: zlib1g-dev) and reconfigure");
#endif
  }

 private:
  [[noreturn]] void bad(const std::string& what) const {
    throw file_format_error(f_.name() + ": " + what);
  }
  std::vector<unsigned char> read_exact(std::uint64_t off, std::uint64_t n, const char* what) const {
    std::vector<unsigned char> b(static_cast<std::size_t>(n));
    if (n > 0 && f_.read_at(off, b.data(), b.size()) != b.size()) bad(std::string("EOF: reading ") + what);
    return b;
  }

  void parse() {
    using io::get_le;
    const std::uint64_t size = f_.size();
    if (size < 22) bad("File is not a zip file (too short for an end of central directory record)");
    // The end record: 22 bytes and a comment of up to 65535 bytes, which
    // must reach exactly the end of the file.
    const std::uint64_t tail_len = std::min<std::uint64_t>(size, 22 + 65535);
    const std::uint64_t tail_off = size - tail_len;
    const auto tail = read_exact(tail_off, tail_len, "end of central directory");
    std::uint64_t end_pos = 0;
    bool found = false, found_other = false;
    for (std::uint64_t p = tail_len - 22 + 1; p-- > 0;) {
      if (get_le<std::uint32_t>(&tail[p]) != sig_end) continue;
      if (p + 22 + get_le<std::uint16_t>(&tail[p + 20]) == tail_len) {
        end_pos = p;
        found = true;
        break;
      }
      found_other = true;
    }
    if (!found) {
      if (found_other) bad("trailing data after the end of the zip archive (corrupt or appended to)");
      if (size >= 4 && tail[0] == 0x93 && tail_off == 0 && tail_len > 6 && tail[1] == 'N') {
        bad("File is not a zip file: it looks like an .npy file; use numfuse::load");
      }
      bad("File is not a zip file (no end of central directory record)");
    }
    const unsigned char* e = &tail[end_pos];
    const std::uint64_t end_off = tail_off + end_pos;
    std::uint64_t disk = get_le<std::uint16_t>(e + 4), cd_disk = get_le<std::uint16_t>(e + 6);
    std::uint64_t n_disk = get_le<std::uint16_t>(e + 8), n = get_le<std::uint16_t>(e + 10);
    std::uint64_t cd_size = get_le<std::uint32_t>(e + 12), cd_off = get_le<std::uint32_t>(e + 16);
    std::uint64_t cd_limit = end_off;  // the central directory ends where the end records start

    // ZIP64: a locator just before the end record points at the ZIP64 end
    // record, whose 64-bit fields replace the saturated 16/32-bit ones.
    if (end_off >= 20) {
      const auto loc = read_exact(end_off - 20, 20, "zip64 locator");
      if (get_le<std::uint32_t>(&loc[0]) == sig_locator64) {
        const std::uint64_t r_off = get_le<std::uint64_t>(&loc[8]);
        if (get_le<std::uint32_t>(&loc[4]) != 0 || get_le<std::uint32_t>(&loc[16]) > 1) {
          bad("multi-disk zip archives are not supported");
        }
        if (r_off > end_off - 20 || end_off - 20 - r_off < 56) bad("zip64 end record outside the file");
        const auto r = read_exact(r_off, 56, "zip64 end of central directory");
        if (get_le<std::uint32_t>(&r[0]) != sig_end64) bad("bad zip64 end of central directory record");
        disk = get_le<std::uint32_t>(&r[16]);
        cd_disk = get_le<std::uint32_t>(&r[20]);
        n_disk = get_le<std::uint64_t>(&r[24]);
        n = get_le<std::uint64_t>(&r[32]);
        cd_size = get_le<std::uint64_t>(&r[40]);
        cd_off = get_le<std::uint64_t>(&r[48]);
        cd_limit = r_off;
      }
    }
    if (disk != 0 || cd_disk != 0 || n_disk != n) bad("multi-disk zip archives are not supported");
    if (cd_off > cd_limit || cd_size != cd_limit - cd_off) {
      bad("the central directory (offset " + std::to_string(cd_off) + ", size " + std::to_string(cd_size) +
          ") does not end where the end records start (" + std::to_string(cd_limit) + ")");
    }
    if (n > cd_size / 46) bad("the central directory is too small for its " + std::to_string(n) + " entries");
    const auto cd = read_exact(cd_off, cd_size, "central directory");

    std::size_t p = 0;
    entries_.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t i = 0; i < n; ++i) {
      if (cd.size() - p < 46 || get_le<std::uint32_t>(&cd[p]) != sig_central) {
        bad("bad central directory entry " + std::to_string(i));
      }
      const unsigned char* c = &cd[p];
      entry en;
      en.flags = get_le<std::uint16_t>(c + 8);
      en.method = get_le<std::uint16_t>(c + 10);
      en.crc = get_le<std::uint32_t>(c + 16);
      en.csize = get_le<std::uint32_t>(c + 20);
      en.usize = get_le<std::uint32_t>(c + 24);
      const std::size_t name_len = get_le<std::uint16_t>(c + 28);
      const std::size_t extra_len = get_le<std::uint16_t>(c + 30);
      const std::size_t comment_len = get_le<std::uint16_t>(c + 32);
      const std::uint16_t start_disk = get_le<std::uint16_t>(c + 34);
      en.local_offset = get_le<std::uint32_t>(c + 42);
      if (cd.size() - p - 46 < name_len + extra_len + comment_len) {
        bad("central directory entry " + std::to_string(i) + " overruns the directory");
      }
      en.name.assign(reinterpret_cast<const char*>(c + 46), name_len);
      read_zip64_extra(en, c + 46 + name_len, extra_len, start_disk);
      p += 46 + name_len + extra_len + comment_len;
      check_entry(en, cd_off);
      entries_.push_back(std::move(en));
    }
    if (p != cd.size()) bad("unexpected data at the end of the central directory");

    // Members must not overlap (overlapping members let a small file
    // decompress to many large arrays).
    std::vector<const entry*> order;
    for (const auto& x : entries_) order.push_back(&x);
    std::sort(order.begin(), order.end(),
              [](const entry* a, const entry* b) { return a->local_offset < b->local_offset; });
    for (std::size_t k = 1; k < order.size(); ++k) {
      if (order[k - 1]->data_offset + order[k - 1]->csize > order[k]->local_offset) {
        bad("members '" + order[k - 1]->name + "' and '" + order[k]->name + "' overlap");
      }
    }
  }

  void read_zip64_extra(entry& en, const unsigned char* x, std::size_t len, std::uint16_t disk) const {
    using io::get_le;
    const bool need_u = en.usize == u32max, need_c = en.csize == u32max, need_o = en.local_offset == u32max;
    bool seen = false;
    while (len >= 4) {
      const std::uint16_t id = get_le<std::uint16_t>(x);
      const std::size_t sz = get_le<std::uint16_t>(x + 2);
      if (sz > len - 4) bad("member '" + en.name + "': extra field overruns its entry");
      if (id == 1 && !seen) {
        seen = true;
        std::size_t q = 0;
        auto take = [&](std::uint64_t& v) {
          if (sz - q < 8) bad("member '" + en.name + "': zip64 extra field too short");
          v = get_le<std::uint64_t>(x + 4 + q);
          q += 8;
        };
        if (need_u) take(en.usize);
        if (need_c) take(en.csize);
        if (need_o) take(en.local_offset);
      }
      x += 4 + sz;
      len -= 4 + sz;
    }
    if ((need_u || need_c || need_o) && !seen) bad("member '" + en.name + "': missing zip64 extra field");
    if (disk != 0 && disk != 0xFFFF) bad("multi-disk zip archives are not supported");
  }

  void check_entry(entry& en, std::uint64_t cd_off) const {
    using io::get_le;
    const std::string who = "member '" + en.name + "'";
    if (en.flags & 1) bad(who + " is encrypted; encrypted archives are not supported");
    if (en.method != 0 && en.method != 8) {
      bad(who + " uses compression method " + std::to_string(en.method) +
          "; .npz files use 0 (stored) or 8 (deflate)");
    }
    if (en.method == 8 && en.usize / max_deflate_ratio > en.csize + 1) {
      bad(who + " claims " + std::to_string(en.usize) + " bytes from " + std::to_string(en.csize) +
          " compressed bytes, more than deflate can produce");
    }
    if (en.local_offset > cd_off || cd_off - en.local_offset < 30) bad(who + ": local header outside the file");
    const auto lh = read_exact(en.local_offset, 30, "local file header");
    if (get_le<std::uint32_t>(&lh[0]) != sig_local) bad(who + ": bad local file header signature");
    const std::uint64_t skip = 30 + std::uint64_t(get_le<std::uint16_t>(&lh[26])) + get_le<std::uint16_t>(&lh[28]);
    if (cd_off - en.local_offset < skip || cd_off - en.local_offset - skip < en.csize) {
      bad(who + ": data (" + std::to_string(en.csize) + " bytes) runs past the central directory");
    }
    en.data_offset = en.local_offset + skip;
  }

  io::input_file& f_;
  std::vector<entry> entries_;
};

#ifdef NUMFUSE_HAVE_ZLIB
/// Deflates into an output file (raw deflate, zlib's default level, as
/// Python's zipfile with ZIP_DEFLATED).
class deflate_sink final : public io::byte_sink {
 public:
  explicit deflate_sink(io::output_file& out) : out_(out), buf_(65536) {
    if (deflateInit2(&zs_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw io_error("zlib: deflateInit2 failed");
    }
  }
  ~deflate_sink() override { deflateEnd(&zs_); }
  deflate_sink(const deflate_sink&) = delete;
  deflate_sink& operator=(const deflate_sink&) = delete;

  void write(const void* p, std::size_t n) override {
    crc_ = io::crc32_update(crc_, p, n);
    count_ += n;
    const auto* in = static_cast<const unsigned char*>(p);
    while (n > 0) {
      const std::size_t k = std::min<std::size_t>(n, std::size_t(1) << 30);
      zs_.next_in = const_cast<Bytef*>(in);  // zlib does not write through next_in
      zs_.avail_in = static_cast<uInt>(k);
      run(Z_NO_FLUSH);
      in += k;
      n -= k;
    }
  }
  void finish() {
    zs_.next_in = Z_NULL;
    zs_.avail_in = 0;
    run(Z_FINISH);
  }
  std::uint32_t crc() const noexcept { return crc_; }
  std::uint64_t count() const noexcept { return count_; }
  std::uint64_t compressed() const noexcept { return written_; }

 private:
  void run(int flush) {
    while (true) {
      zs_.next_out = buf_.data();
      zs_.avail_out = static_cast<uInt>(buf_.size());
      const int r = deflate(&zs_, flush);
      if (r == Z_STREAM_ERROR) throw io_error("zlib: deflate failed");
      const std::size_t have = buf_.size() - zs_.avail_out;
      out_.write(buf_.data(), have);
      written_ += have;
      if (flush == Z_FINISH ? r == Z_STREAM_END : (zs_.avail_in == 0 && zs_.avail_out != 0)) break;
    }
  }

  io::output_file& out_;
  std::vector<unsigned char> buf_;
  z_stream zs_{};
  std::uint32_t crc_ = 0;
  std::uint64_t count_ = 0, written_ = 0;
};
#endif

/// Writes a zip archive member by member (as np.savez: ZIP64 extra fields
/// in every local header, like Python's zipfile with force_zip64=True).
class writer {
 public:
  explicit writer(const std::filesystem::path& path) : out_(path) {}

  /// Adds a member whose bytes `fill(byte_sink&)` writes.
  template <class F>
  void add(const std::string& name, bool deflate, F&& fill) {
    if (name.size() > 0xFFFF) throw value_error("zip member name too long");
    entry en;
    en.name = name;
    en.method = deflate ? 8 : 0;
    en.local_offset = out_.position();
    for (unsigned char ch : name) {
      if (ch >= 0x80) en.flags = 0x800;  // UTF-8 name
    }
    std::string lh;
    put(lh, sig_local, std::uint16_t(45), en.flags, en.method, std::uint16_t(0), std::uint16_t(0x21),
        std::uint32_t(0), u32max, u32max, std::uint16_t(name.size()), std::uint16_t(20));
    lh += name;
    put(lh, std::uint16_t(1), std::uint16_t(16), std::uint64_t(0), std::uint64_t(0));
    out_.write(lh);
    if (deflate) {
#ifdef NUMFUSE_HAVE_ZLIB
      deflate_sink s(out_);
      fill(static_cast<io::byte_sink&>(s));
      s.finish();
      en.crc = s.crc();
      en.usize = s.count();
      en.csize = s.compressed();
#else
      throw io_error("savez_compressed needs zlib (NUMFUSE_HAVE_ZLIB)");
#endif
    } else {
      io::file_sink s(out_, true);
      fill(static_cast<io::byte_sink&>(s));
      en.crc = s.crc();
      en.usize = en.csize = s.count();
    }
    // Patch the CRC and the ZIP64 sizes into the local header.
    std::string crc, sizes;
    put(crc, en.crc);
    put(sizes, en.usize, en.csize);
    out_.rewrite(en.local_offset + 14, crc);
    out_.rewrite(en.local_offset + 30 + name.size() + 4, sizes);
    entries_.push_back(std::move(en));
  }

  /// Writes the central directory and end records, and closes the file.
  void finish() {
    const std::uint64_t cd_off = out_.position();
    std::string cd;
    for (const auto& en : entries_) {
      std::string extra;
      if (en.usize >= u32max) put(extra, en.usize);
      if (en.csize >= u32max) put(extra, en.csize);
      if (en.local_offset >= u32max) put(extra, en.local_offset);
      if (!extra.empty()) {
        std::string h;
        put(h, std::uint16_t(1), std::uint16_t(extra.size()));
        extra = h + extra;
      }
      put(cd, sig_central, std::uint16_t(0x0300 | 45), std::uint16_t(45), en.flags, en.method,
          std::uint16_t(0), std::uint16_t(0x21), en.crc, clamp32(en.csize), clamp32(en.usize),
          std::uint16_t(en.name.size()), std::uint16_t(extra.size()), std::uint16_t(0), std::uint16_t(0),
          std::uint16_t(0), std::uint32_t(0600u << 16), clamp32(en.local_offset));
      cd += en.name;
      cd += extra;
    }
    out_.write(cd);
    const std::uint64_t cd_size = cd.size(), n = entries_.size();
    std::string end;
    if (n >= 0xFFFF || cd_off >= u32max || cd_size >= u32max) {
      const std::uint64_t r_off = out_.position();
      put(end, sig_end64, std::uint64_t(44), std::uint16_t(45), std::uint16_t(45), std::uint32_t(0),
          std::uint32_t(0), n, n, cd_size, cd_off);
      put(end, sig_locator64, std::uint32_t(0), r_off, std::uint32_t(1));
    }
    const auto n16 = std::uint16_t(std::min<std::uint64_t>(n, 0xFFFF));
    put(end, sig_end, std::uint16_t(0), std::uint16_t(0), n16, n16, clamp32(cd_size), clamp32(cd_off),
        std::uint16_t(0));
    out_.write(end);
    out_.close();
  }

 private:
  static std::uint32_t clamp32(std::uint64_t v) { return v >= u32max ? u32max : std::uint32_t(v); }
  template <class... U>
  static void put(std::string& s, U... v) {
    (io::put_le(s, v), ...);
  }

  io::output_file out_;
  std::vector<entry> entries_;
};

}  // namespace numfuse::detail::zip
