// .npy/.npz I/O: NumPy-made files of every dtype, byte order, memory order,
// format version, 0-d and empty arrays, stored/compressed/ZIP64 archives load
// with the values NumPy wrote; numfuse's files are byte-identical to
// np.save's and round-trip for every dtype (also from strided views and
// expressions); hand-made malformed and hostile files throw the documented
// exception types without reading out of bounds or allocating absurd sizes.
// Data: tests/data/npy/ and its expected.txt (tests/golden/gen_npy.py).
//
// With NUMFUSE_NPY_OUT_DIR=<dir> in the environment, the round-trip test also
// saves every expected array and archive into <dir> for
// `/usr/bin/python3 tests/golden/gen_npy.py --verify <dir>` (NumPy reads them).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <numfuse/numfuse.hpp>
#include <random>
#include <set>
#include <span>
#include <type_traits>
#include <string>
#include <vector>

#include "golden_reader.hpp"

// Everything below is local to this file: the suite compiles several test files
// as one translation unit (tests/CMakeLists.txt, unity batches).
namespace test_npy {

namespace np = numfuse;
namespace fs = std::filesystem;

namespace {

const golden::data& expected() {
  static const golden::data g("npy/expected.txt");
  return g;
}
fs::path data_dir() { return fs::path(NUMFUSE_TEST_DATA_DIR) / "npy"; }

/// A scratch directory, removed at exit.
const fs::path& scratch() {
  struct dir {
    fs::path p;
    dir() {
      std::random_device rd;
      p = fs::temp_directory_path() / ("numfuse_test_npy_" + std::to_string(rd()) + std::to_string(rd()));
      fs::create_directories(p);
    }
    ~dir() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  };
  static const dir d;
  return d.p;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot open " << p);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
fs::path write_bytes(const std::string& name, const std::string& bytes) {
  const fs::path p = scratch() / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  return p;
}

/// Calls f.template operator()<T>() for the dtype named `name`.
template <class F>
void with_dtype_name(const std::string& name, F&& f) {
  if (name == "bool") f.template operator()<bool>();
  else if (name == "int8") f.template operator()<std::int8_t>();
  else if (name == "int16") f.template operator()<std::int16_t>();
  else if (name == "int32") f.template operator()<std::int32_t>();
  else if (name == "int64") f.template operator()<std::int64_t>();
  else if (name == "uint8") f.template operator()<std::uint8_t>();
  else if (name == "uint16") f.template operator()<std::uint16_t>();
  else if (name == "uint32") f.template operator()<std::uint32_t>();
  else if (name == "uint64") f.template operator()<std::uint64_t>();
  else if (name == "float32") f.template operator()<float>();
  else if (name == "float64") f.template operator()<double>();
  else FAIL("unknown dtype " << name);
}

/// Checks an npy_array against the expected record `name`.
void check_loaded(const np::npy_array& got, const std::string& name) {
  const std::string dt = expected().dtype(name);
  CHECK_MESSAGE(got.dtype_name() == dt, name);
  with_dtype_name(dt, [&]<class T>() {
    if (got.holds<T>()) golden::check_array(got.get<T>(), expected().array<T>(name), name);
  });
}

/// Names of expected .npy files (records without '/').
std::vector<std::string> npy_names() {
  std::vector<std::string> out;
  for (const auto& n : expected().names("")) {
    if (n.find('/') == std::string::npos) out.push_back(n);
  }
  return out;
}
/// Member names of the expected archive `archive`.
std::set<std::string> npz_members(const std::string& archive) {
  std::set<std::string> out;
  for (const auto& n : expected().names(archive + "/")) out.insert(n.substr(archive.size() + 1));
  return out;
}

void check_archive(const std::map<std::string, np::npy_array>& m, const std::string& archive) {
  std::set<std::string> names;
  for (const auto& [k, v] : m) names.insert(k);
  CHECK_MESSAGE(names == npz_members(archive), archive);
  for (const auto& [k, v] : m) {
    if (npz_members(archive).count(k)) check_loaded(v, archive + "/" + k);
  }
}

// ---------------------------------------------------------------------------
// Hand-made files
// ---------------------------------------------------------------------------

std::string le16(unsigned v) { return {char(v & 0xff), char((v >> 8) & 0xff)}; }
std::string le32(std::uint32_t v) { return le16(v & 0xffff) + le16(v >> 16); }

/// An .npy file from a header text and data bytes (version 1.0 unless told).
std::string npy_file(const std::string& header, const std::string& data = "", int major = 1) {
  std::string h = header + "\n";
  std::string out = std::string("\x93NUMPY", 6) + char(major) + '\0';
  out += major == 1 ? le16(unsigned(h.size())) : le32(std::uint32_t(h.size()));
  return out + h + data;
}
std::string dict(const std::string& descr, const std::string& shape, const std::string& fortran = "False") {
  return "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
}

struct zip_member {
  std::string name, data;
  std::uint16_t method = 0, flags = 0;
  std::uint32_t usize_override = 0;  // 0: the data's size
};
std::uint32_t crc32_of(const std::string& s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return ~c;
}
/// A plain (non-ZIP64) zip archive, written independently of numfuse's writer.
std::string make_zip(const std::vector<zip_member>& ms) {
  std::string out, cd;
  for (const auto& m : ms) {
    const std::uint32_t off = std::uint32_t(out.size());
    const std::uint32_t crc = crc32_of(m.data);
    const std::uint32_t usize = m.usize_override ? m.usize_override : std::uint32_t(m.data.size());
    out += le32(0x04034b50) + le16(20) + le16(m.flags) + le16(m.method) + le16(0) + le16(0x21) +
           le32(crc) + le32(std::uint32_t(m.data.size())) + le32(usize) + le16(unsigned(m.name.size())) +
           le16(0) + m.name + m.data;
    cd += le32(0x02014b50) + le16(20) + le16(20) + le16(m.flags) + le16(m.method) + le16(0) + le16(0x21) +
          le32(crc) + le32(std::uint32_t(m.data.size())) + le32(usize) + le16(unsigned(m.name.size())) +
          le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(off) + m.name;
  }
  const std::uint32_t cd_off = std::uint32_t(out.size());
  out += cd;
  out += le32(0x06054b50) + le16(0) + le16(0) + le16(unsigned(ms.size())) + le16(unsigned(ms.size())) +
         le32(std::uint32_t(cd.size())) + le32(cd_off) + le16(0);
  return out;
}

const std::string good_f8 = npy_file(dict("'<f8'", "(2,)"), std::string(16, '\0'));

template <class E>
std::string npy_error(const std::string& bytes) {
  const fs::path p = write_bytes("bad.npy", bytes);
  return golden::message_of<E>([&] { (void)np::load_any(p); });
}
template <class E>
std::string npz_error(const std::string& bytes) {
  const fs::path p = write_bytes("bad.npz", bytes);
  return golden::message_of<E>([&] { (void)np::load_npz(p); });
}
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

// ---------------------------------------------------------------------------
// NumPy's files
// ---------------------------------------------------------------------------

TEST_CASE("npy: NumPy's files load (every dtype, both byte orders, C and F order, 0-d, empty, v1-v3)") {
  int count = 0;
  for (const auto& name : npy_names()) {
    const fs::path p = data_dir() / (name + ".npy");
    INFO(p.string());
    const np::npy_array a = np::load_any(p);
    check_loaded(a, name);
    // load<T> with the file's dtype gives the same; any other T is a type_error
    with_dtype_name(expected().dtype(name), [&]<class T>() {
      golden::check_array(np::load<T>(p), expected().array<T>(name), name + " (load<T>)");
      if constexpr (std::is_same_v<T, double>) {
        CHECK_THROWS_AS((void)np::load<float>(p), np::type_error);
      } else {
        CHECK_THROWS_AS((void)np::load<double>(p), np::type_error);
      }
    });
    ++count;
  }
  CHECK(count == 61);
  // the message names both dtypes and how to load the file
  const std::string m = golden::message_of<np::type_error>([] { (void)np::load<float>(data_dir() / "i4_le_c.npy"); });
  CHECK(contains(m, "holds a int32 array, not float32"));
  CHECK(contains(m, "load<std::int32_t>()"));
  // a 0-d file is 0-d; an F-ordered file becomes a C-ordered array
  CHECK(np::load<double>(data_dir() / "f8_0d.npy").ndim() == 0);
  const auto f = np::load<std::int32_t>(data_dir() / "i4_be_f.npy");
  CHECK(f.shape() == np::dims{2, 3, 4});
  CHECK(f.strides() == np::dims{48, 16, 4});
}

TEST_CASE("npz: NumPy's archives load (stored, deflated, ZIP64, empty)") {
  check_archive(np::load_npz(data_dir() / "arrays.npz"), "arrays");
  check_archive(np::load_npz(data_dir() / "arrays_zip64.npz"), "arrays_zip64");
  CHECK(np::load_npz(data_dir() / "empty.npz").empty());
#ifdef NUMFUSE_HAVE_ZLIB
  check_archive(np::load_npz(data_dir() / "arrays_compressed.npz"), "arrays_compressed");
  const auto big = np::load_npz(data_dir() / "big_compressed.npz").at("big").get<std::int64_t>();
  REQUIRE(big.shape() == np::dims{300000});
  bool ok = true;
  for (std::int64_t i = 0; i < 300000; ++i) ok = ok && big(i) == (i * 7919) % 1000;
  CHECK(ok);
#else
  CHECK_THROWS_AS((void)np::load_npz(data_dir() / "arrays_compressed.npz"), np::io_error);
#endif
  // npy_array: get<T> of another dtype throws, astype converts
  const auto m = np::load_npz(data_dir() / "arrays.npz");
  const auto& count = m.at("count");
  CHECK(count.holds<std::int32_t>());
  CHECK_THROWS_AS((void)count.get<std::int64_t>(), np::type_error);
  const np::ndarray<double> d = count.astype<double>();
  const auto& c32 = count.get<std::int32_t>();
  for (int i = 0; i < 5; ++i) CHECK(d(i) == double(c32(i)));
  CHECK(count.ndim() == 1);
  CHECK(count.itemsize() == 4);
}

// ---------------------------------------------------------------------------
// numfuse's files
// ---------------------------------------------------------------------------

TEST_CASE("npy: save writes NumPy's bytes and round-trips every dtype") {
  const char* env = std::getenv("NUMFUSE_NPY_OUT_DIR");
  int identical = 0, count = 0;
  for (const auto& name : npy_names()) {
    INFO(name);
    with_dtype_name(expected().dtype(name), [&]<class T>() {
      const np::ndarray<T> want = expected().array<T>(name);
      const fs::path p = scratch() / (name + ".npy");
      np::save(p, want);
      golden::check_array(np::load<T>(p), want, name + " (round trip)");
      if (env) np::save(fs::path(env) / (name + ".npy"), want);
      // files NumPy wrote in native order, C order, version 1.0: same bytes
      const bool native_c = name.find("_be") == std::string::npos && name.find("_f") == std::string::npos &&
                            name.find("_v2") == std::string::npos && name.find("_v3") == std::string::npos &&
                            name.find("_py2") == std::string::npos;
      if (native_c) {
        CHECK_MESSAGE(read_bytes(p) == read_bytes(data_dir() / (name + ".npy")), name << ": bytes differ from NumPy's");
        ++identical;
      }
    });
    ++count;
  }
  CHECK(count == 61);
  CHECK(identical == 27);
  if (env) {
    for (const std::string a : {"arrays", "arrays_compressed", "arrays_zip64"}) {
      std::map<std::string, np::npy_array> m = np::load_npz(data_dir() / (a + ".npz"));
#ifdef NUMFUSE_HAVE_ZLIB
      if (a == "arrays_compressed") {
        np::savez_compressed(fs::path(env) / (a + ".npz"), m);
        continue;
      }
#endif
      np::savez(fs::path(env) / (a + ".npz"), m);
    }
  }
}

TEST_CASE("npy: save of views and expressions writes their values in C order") {
  np::ndarray<double> a = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
  const np::ndarray<double> want = {{6.0, 5.0, 4.0}, {3.0, 2.0, 1.0}};
  // a reversed view (negative strides)
  np::ndview<const double> rev(a.data() + 5, {2, 3}, {-24, -8});
  np::save(scratch() / "rev.npy", rev);
  golden::check_array(np::load<double>(scratch() / "rev.npy"), want, "reversed view");
  // a transposed (F-ordered) view
  np::ndview<const double> tr(a.data(), {3, 2}, {8, 24});
  np::save(scratch() / "tr.npy", tr);
  const np::ndarray<double> want_t = {{1.0, 4.0}, {2.0, 5.0}, {3.0, 6.0}};
  golden::check_array(np::load<double>(scratch() / "tr.npy"), want_t, "transposed view");
  // a C-contiguous view is written directly
  np::save(scratch() / "view.npy", a.view());
  golden::check_array(np::load<double>(scratch() / "view.npy"), a, "contiguous view");
  // an expression: its dtype and values
  np::save(scratch() / "expr.npy", a * 2.0 > 5.0);
  const np::ndarray<bool> want_b = {{false, false, true}, {true, true, true}};
  golden::check_array(np::load<bool>(scratch() / "expr.npy"), want_b, "expression");
  // as np.save, ".npy" is appended when missing
  np::save(scratch() / "noext", a);
  CHECK(fs::exists(scratch() / "noext.npy"));
  // an npy_array
  np::save(scratch() / "any.npy", np::load_any(scratch() / "noext.npy"));
  golden::check_array(np::load<double>(scratch() / "any.npy"), a, "npy_array");
  // unwritable path
  CHECK_THROWS_AS(np::save(scratch() / "no_such_dir" / "x.npy", a), np::io_error);
  CHECK_THROWS_AS((void)np::load_any(scratch() / "missing.npy"), np::io_error);
  CHECK_THROWS_AS((void)np::load_any(scratch()), np::io_error);
  static_assert(std::is_base_of_v<np::io_error, np::file_format_error>);
  static_assert(std::is_base_of_v<np::error, np::io_error>);
}

TEST_CASE("npz: savez and savez_compressed round-trip") {
  np::ndarray<double> a = {{1.5, -2.0}, {3.25, 1e300}};
  np::ndarray<std::int16_t> b = {-3, 7, 32767};
  const np::ndarray<double> a2 = a * 2.0;
  np::ndview<const double> col(a.data(), {2}, {16});  // strided: evaluated
  auto check_all = [&](const std::map<std::string, np::npy_array>& m) {
    CHECK(m.size() == 6);
    golden::check_array(m.at("a").get<double>(), a, "a");
    golden::check_array(m.at("b").get<std::int16_t>(), b, "b");
    golden::check_array(m.at("twice").get<double>(), a2, "twice");
    golden::check_array(m.at("col").get<double>(), np::ndarray<double>{1.5, 3.25}, "col");
    golden::check_array(m.at("tmp").get<std::uint8_t>(), np::full<std::uint8_t>({1, 3}, 9), "tmp");
    CHECK(m.at("zero_d").ndim() == 0);
    CHECK(m.at("zero_d").get<float>()() == 0.5f);
  };
  np::savez(scratch() / "r.npz", {{"a", a},
                                  {"b", b},
                                  {"twice", a * 2.0},
                                  {"col", col},
                                  {"tmp", np::full<std::uint8_t>({1, 3}, 9)},
                                  {"zero_d", np::array<float>(0.5)}});
  const auto m = np::load_npz(scratch() / "r.npz");
  check_all(m);
  // items kept past the full-expression own their temporaries
  std::vector<np::npz_item> items;
  items.emplace_back("a", a);
  items.emplace_back("b", b);
  items.emplace_back("twice", a * 2.0);
  items.emplace_back("col", col);
  items.emplace_back("tmp", np::full<std::uint8_t>({1, 3}, 9));
  items.emplace_back("zero_d", m.at("zero_d"));
  np::savez(scratch() / "items", items);  // ".npz" appended
  check_all(np::load_npz(scratch() / "items.npz"));
  // the map load_npz returns saves back
  np::savez(scratch() / "again.npz", m);
  check_all(np::load_npz(scratch() / "again.npz"));
  CHECK_THROWS_AS(np::savez(scratch() / "dup.npz", {{"a", a}, {"a", b}}), np::value_error);
  np::savez(scratch() / "none.npz", std::span<const np::npz_item>());
  CHECK(np::load_npz(scratch() / "none.npz").empty());
#ifdef NUMFUSE_HAVE_ZLIB
  np::savez_compressed(scratch() / "c.npz", m);
  check_all(np::load_npz(scratch() / "c.npz"));
  // compressible data really is compressed
  const auto z = np::zeros<double>({100000});
  np::savez_compressed(scratch() / "zeros.npz", {{"z", z}});
  CHECK(fs::file_size(scratch() / "zeros.npz") < 10000);
  golden::check_array(np::load_npz(scratch() / "zeros.npz").at("z").get<double>(), z, "zeros");
#endif
}

// ---------------------------------------------------------------------------
// Malformed and hostile files
// ---------------------------------------------------------------------------

TEST_CASE("npy: malformed headers throw file_format_error") {
  using FE = np::file_format_error;
  CHECK(npy_error<FE>(good_f8) == "<no exception>");
  CHECK(contains(npy_error<FE>(""), "EOF: reading magic string"));
  CHECK(contains(npy_error<FE>("\x93NUMP"), "EOF"));
  CHECK(contains(npy_error<FE>("hello, world, this is not npy"), "the magic string is not correct"));
  CHECK(contains(npy_error<FE>(read_bytes(data_dir() / "arrays.npz")), "use numfuse::load_npz"));
  std::string v4 = good_f8;
  v4[6] = 4;
  CHECK(contains(npy_error<FE>(v4), "not (4, 0)"));
  std::string v11 = good_f8;
  v11[7] = 1;
  CHECK(contains(npy_error<FE>(v11), "not (1, 1)"));
  // header length beyond the file, or beyond NumPy's safety limit
  CHECK(contains(npy_error<FE>(good_f8.substr(0, 9)), "EOF: reading array header length"));
  CHECK(contains(npy_error<FE>(good_f8.substr(0, 40)), "EOF: reading array header"));
  CHECK(contains(npy_error<FE>(std::string("\x93NUMPY\x02\x00\xff\xff\xff\xff", 12) + "{}"), "may not be safe"));
  CHECK(contains(npy_error<FE>(std::string("\x93NUMPY\x01\x00\xff\xff", 10) + "{}"), "may not be safe"));
  // not a dict, wrong keys, bad literals
  CHECK(contains(npy_error<FE>(npy_file("[1, 2]")), "Header is not a dictionary"));
  CHECK(contains(npy_error<FE>(npy_file("{'descr': '<f8', 'shape': (2,)}")), "correct keys"));
  CHECK(contains(npy_error<FE>(npy_file("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}")),
                 "correct keys"));
  CHECK(contains(npy_error<FE>(npy_file("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), ")),
                 "Cannot parse header"));
  CHECK(contains(npy_error<FE>(npy_file("{'descr': '<f8, 'fortran_order': False, 'shape': (2,)}")),
                 "Cannot parse header"));
  CHECK(contains(npy_error<FE>(npy_file("{'descr': '<f8' 'fortran_order': False}")), "Cannot parse header"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(2,)") + " junk")), "Cannot parse header"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "__import__('os')"))), "Cannot parse header"));
  CHECK(contains(npy_error<FE>(npy_file(std::string(4000, '(') + std::string(4000, ')'))), "too deep"));
  CHECK(contains(npy_error<FE>(npy_file(std::string(9000, '['))), "too deep"));
  // shapes
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "[2]"))), "shape is not valid"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(2.5,)"))), "Cannot parse header"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "('2',)"))), "shape is not valid"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "2"))), "shape is not valid"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(2, -1)"))), "negative dimensions"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(-99999999999999999999999,)"))), "negative dimensions"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(4611686018427387904, 4)"))), "maximum possible size"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<u1'", "(4294967296, 4294967296, 0)"))), "maximum possible size"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(99999999999999999999999,)"))), "maximum possible size"));
  std::string many = "(";
  for (int i = 0; i < 33; ++i) many += "1, ";
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", many + ")"))), "at most 32"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(2,)", "'yes'"))), "fortran_order is not a valid bool"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(2,)", "1"))), "fortran_order is not a valid bool"));
  // descr strings that are no dtype at all
  CHECK(contains(npy_error<FE>(npy_file(dict("'hello'", "(2,)"))), "descr is not a valid dtype descriptor"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<i3'", "(2,)"))), "descr is not a valid dtype descriptor"));
  CHECK(contains(npy_error<FE>(npy_file(dict("5", "(2,)"))), "descr is not a valid dtype descriptor"));
  CHECK(contains(npy_error<FE>(npy_file(dict("''", "(2,)"))), "descr is not a valid dtype descriptor"));
  // messages name the file
  CHECK(contains(npy_error<FE>(npy_file("[1]")), "bad.npy"));
}

TEST_CASE("npy: truncated data throws before allocating") {
  using FE = np::file_format_error;
  const std::string ok = npy_file(dict("'<i4'", "(3,)"), std::string(12, '\x01'));
  CHECK(npy_error<FE>(ok) == "<no exception>");
  CHECK(contains(npy_error<FE>(ok.substr(0, ok.size() - 1)), "truncated"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<i4'", "(3,)"))), "truncated"));
  // a shape of 2^40 float64 (8 TiB) in a tiny file: refused, nothing allocated
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(1099511627776,)"), "12345678")), "truncated"));
  CHECK(contains(npy_error<FE>(npy_file(dict("'<f8'", "(1048576, 1048576)", "True"))), "truncated"));
  // trailing bytes after the data are ignored, as by NumPy
  CHECK(npy_error<FE>(ok + "trailing") == "<no exception>");
  // empty arrays need no data; huge empty shapes are fine
  CHECK(np::load<float>(write_bytes("e.npy", npy_file(dict("'<f4'", "(0, 1000000000000)")))).size() == 0);
}

TEST_CASE("npy: unsupported dtypes throw type_error") {
  using TE = np::type_error;
  for (const char* d : {"'<c16'", "'<c8'", "'O'", "'|O'", "'<U3'", "'|S5'", "'<f2'", "'<f16'", "'<M8[ns]'",
                        "'<m8[s]'", "'|V8'"}) {
    INFO(d);
    const std::string m = npy_error<TE>(npy_file(dict(d, "(1,)"), std::string(64, '\0')));
    CHECK(contains(m, "numfuse has no dtype for NumPy's"));
  }
  CHECK(contains(npy_error<TE>(npy_file(dict("'<c16'", "(1,)"), std::string(16, '\0'))), "complex128"));
  CHECK(contains(npy_error<TE>(npy_file(dict("[('a', '<f8'), ('b', '<i4')]", "(1,)"), std::string(12, '\0'))),
                 "structured"));
}

TEST_CASE("npy: odd but valid files") {
  // bool bytes other than 0/1 read as True (no invalid bool values)
  const auto b = np::load<bool>(write_bytes("b.npy", npy_file(dict("'|b1'", "(4,)"), std::string("\0\x01\x02\xff", 4))));
  CHECK(golden::elements(b) == std::vector<bool>{false, true, true, true});
  // descriptors in other spellings, double quotes, extra whitespace, Python 2 longs
  const std::string one_i4 = std::string("\x01\0\0\0", 4);
  CHECK(np::load<std::int32_t>(write_bytes("a.npy", npy_file("{\"descr\":\"=i4\",\"shape\":(1,),\"fortran_order\":False}", one_i4)))() == 1);
  CHECK(np::load<bool>(write_bytes("a.npy", npy_file(dict("'?'", "()"), "\x01")))() == true);
  CHECK(np::load<std::int8_t>(write_bytes("a.npy", npy_file(dict("'<i1'", "(1,)"), "\xff")))(0) == -1);
  CHECK(np::load<std::int32_t>(write_bytes("a.npy", npy_file(dict("'<i4'", "( 1 , )"), one_i4)))(0) == 1);
  CHECK(np::load<std::int32_t>(write_bytes("a.npy", npy_file(dict("'>i4'", "(1,)"), std::string("\0\0\0\x02", 4))))(0) == 2);
  // unaligned data (header length not padded to 64): read without misaligned loads
  for (int pad = 0; pad < 8; ++pad) {
    const std::string h = dict("'<f8'", "(3,)") + std::string(std::size_t(pad), ' ');
    const std::string bytes = npy_file(h, std::string("\0\0\0\0\0\0\xf0\x3f", 8) + std::string(16, '\0'));
    const auto a = np::load<double>(write_bytes("u.npy", bytes));
    CHECK(a(0) == 1.0);
    const std::string be = npy_file(dict("'>f8'", "(2, 2)", "True") + std::string(std::size_t(pad), ' '),
                                    std::string("\x3f\xf0\0\0\0\0\0\0", 8) + std::string(24, '\0'));
    CHECK(np::load<double>(write_bytes("u.npy", be))(0, 0) == 1.0);
  }
  // format 2.0 and 3.0 headers built by hand
  CHECK(np::load<std::int32_t>(write_bytes("a.npy", npy_file(dict("'<i4'", "(1,)"), one_i4, 2)))(0) == 1);
  CHECK(np::load<std::int32_t>(write_bytes("a.npy", npy_file(dict("'<i4'", "(1,)"), one_i4, 3)))(0) == 1);
}

TEST_CASE("npz: malformed archives throw file_format_error") {
  using FE = np::file_format_error;
  const std::string arr = npy_file(dict("'<i4'", "(3,)"), std::string(12, '\x01'));
  CHECK(npz_error<FE>(make_zip({{"a.npy", arr}})) == "<no exception>");
  CHECK(contains(npz_error<FE>(""), "not a zip file"));
  CHECK(contains(npz_error<FE>(std::string(100, 'x')), "not a zip file"));
  CHECK(contains(npz_error<FE>(good_f8), "use numfuse::load"));
  const std::string npz = read_bytes(data_dir() / "arrays.npz");
  CHECK(npz_error<FE>(npz) == "<no exception>");
  CHECK(contains(npz_error<FE>(npz + "garbage"), "trailing data"));
  CHECK(contains(npz_error<FE>(npz + std::string(100000, '\0')), "not a zip file"));
  CHECK(contains(npz_error<FE>(npz.substr(0, npz.size() / 2)), "not a zip file"));
  CHECK(contains(npz_error<FE>(npz.substr(npz.size() / 2)), ""));  // some file_format_error
  CHECK(npz_error<FE>(npz.substr(npz.size() / 2)) != "<no exception>");
  // a flipped data byte: the CRC catches it
  {
    std::string bad = npz;
    bad[30 + 5 + 20 + 128 + 3] ^= 0x10;  // first member "x.npy": local header, name, zip64 extra, npy header
    CHECK(contains(npz_error<FE>(bad), "Bad CRC-32"));
  }
  // central directory fields pointing outside the file
  {
    std::string bad = npz;
    const std::size_t e = bad.size() - 22;
    bad[e + 16] = '\xff';  // central directory offset
    CHECK(contains(npz_error<FE>(bad), "central directory"));
    std::string bad2 = npz;
    bad2[e + 10] = '\x7f';  // entry count
    CHECK(npz_error<FE>(bad2) != "<no exception>");
    std::string bad3 = npz;
    bad3[e + 4] = 1;  // disk number
    CHECK(contains(npz_error<FE>(bad3), "multi-disk"));
  }
  // member-level problems
  CHECK(contains(npz_error<FE>(make_zip({{"a.npy", arr, 12}})), "compression method 12"));
  CHECK(contains(npz_error<FE>(make_zip({{"a.npy", arr, 0, 1}})), "encrypted"));
  CHECK(contains(npz_error<FE>(make_zip({{"readme.txt", "hello"}})), "is not an .npy file"));
  CHECK(contains(npz_error<FE>(make_zip({{"a.npy", arr}, {"a.npy", arr}})), ""));
  CHECK(npz_error<FE>(make_zip({{"a.npy", arr}, {"a.npy", arr}})) != "<no exception>");
  CHECK(contains(npz_error<FE>(make_zip({{"a.npy", arr.substr(0, arr.size() - 2)}})), "truncated"));
  CHECK(contains(npz_error<FE>(make_zip({{"a.npy", "not an npy file at all"}})), "magic string"));
  CHECK(contains(npz_error<FE>(make_zip({{"a.npy", arr, 0, 0, 999}})), "stored member"));
  CHECK(contains(npz_error<np::type_error>(make_zip({{"a.npy", npy_file(dict("'<c8'", "(1,)"), "12345678")}})),
                 "complex64"));
  // a deflate member claiming 4 GiB from a few bytes (a zip bomb's claim)
  CHECK(contains(npz_error<FE>(make_zip({{"a.npy", "\x03\x00", 8, 0, 0xFFFFFFF0u}})), "more than deflate"));
  CHECK(np::load_npz(write_bytes("dir.npz", make_zip({{"sub/", ""}, {"sub/a.npy", arr}}))).count("sub/a") == 1);
#ifdef NUMFUSE_HAVE_ZLIB
  {
    const std::string c = read_bytes(data_dir() / "arrays_compressed.npz");
    std::string bad = c;
    for (int k = 0; k < 8; ++k) bad[30 + 5 + 20 + 40 + k] ^= 0x5a;  // inside the deflate stream of x.npy
    CHECK(npz_error<FE>(bad) != "<no exception>");
    CHECK(contains(npz_error<FE>(make_zip({{"a.npy", "\xff\xff\xff\xff", 8}})), "invalid deflate data"));
    // an empty deflate stream where the directory promises 200 bytes
    CHECK(contains(npz_error<FE>(make_zip({{"a.npy", std::string("\x03\x00", 2), 8, 0, 200}})), "EOF"));
  }
#endif
}

}  // namespace test_npy
