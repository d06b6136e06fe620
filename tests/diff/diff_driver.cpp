// tests/diff/diff_driver.cpp -- the differential tester: evaluates the cases
// tests/diff/gen_cases.py computed with NumPy, with numfuse, and compares.
//
//   diff_driver <dir with cases.txt and pool.npz> [--no-fuse] [--verbose] [--max-report N]
//
// Integers and bools must be equal; floats within the case's tolerance
// ("u<N>": N ULP; "r<scale>"/"R<scale>": |got - want| <= rtol * (|want| +
// scale), rtol 1e-9, or 2e-4 for float32 results or "R", for results of
// several inexact steps or reductions summed in another order); a failing case must throw the
// numfuse exception class matching NumPy's error. Exit status 1 on any
// mismatch.
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "diff_value.hpp"

namespace diff {
namespace {

// ---- parsing --------------------------------------------------------------
bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

struct parser {
  std::string_view s;
  std::size_t p = 0;

  node term() {
    std::size_t b = p;
    while (p < s.size() && is_ident(s[p])) ++p;
    node n;
    n.name = std::string(s.substr(b, p - b));
    if (p >= s.size() || s[p] != '(') {  // an input x<k>
      if (n.name.size() < 2 || n.name[0] != 'x') throw unsupported("bad term " + n.name);
      n.arg = n.name.substr(1);
      n.name = "x";
      return n;
    }
    ++p;  // (
    for (;;) {
      if (is_term_start()) {
        n.kids.push_back(term());
      } else {
        std::size_t q = p;
        int depth = 0;
        while (q < s.size() && !(depth == 0 && (s[q] == ',' || s[q] == ')'))) {
          if (s[q] == '{') ++depth;
          if (s[q] == '}') --depth;
          ++q;
        }
        if (!n.arg.empty()) n.arg += '|';
        n.arg += std::string(s.substr(p, q - p));
        p = q;
      }
      if (p >= s.size()) throw unsupported("unterminated expression");
      if (s[p++] == ')') break;
    }
    return n;
  }

  bool is_term_start() const {
    if (p >= s.size() || !std::isalpha(static_cast<unsigned char>(s[p]))) return false;
    std::size_t q = p;
    while (q < s.size() && is_ident(s[q])) ++q;
    if (q < s.size() && s[q] == '(') return true;
    // x<digits> followed by , or )
    if (s[p] != 'x' || q == p + 1) return false;
    for (std::size_t i = p + 1; i < q; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
  }
};

// ---- data -----------------------------------------------------------------
struct pool {
  std::map<std::string, np::npy_array> arrays;

  /// "<dt>@<offset>:<shape>" -> a new array.
  value get(const std::string& ref) const {
    const auto at = ref.find('@'), colon = ref.find(':');
    const std::string dt = ref.substr(0, at);
    const std::size_t off = std::stoull(ref.substr(at + 1, colon - at - 1));
    const std::string sh = ref.substr(colon + 1);
    std::vector<std::ptrdiff_t> v;
    if (sh != "s") {
      std::stringstream ss(sh);
      std::string part;
      while (std::getline(ss, part, 'x')) v.push_back(std::stoll(part));
    }
    const np::dims shape(v.begin(), v.end());
    const np::npy_array& src = arrays.at(dt);
    return src.visit([&]<class T>(const np::ndarray<T>& flat) -> value {
      if constexpr (!(std::is_same_v<T, bool> || std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t> ||
                      std::is_floating_point_v<T>)) {
        throw unsupported("pool dtype " + dt);
      } else {
      auto a = np::ndarray<T>::uninitialized(shape);
      if (off + std::size_t(a.size()) > std::size_t(flat.size())) throw unsupported("ref out of the pool: " + ref);
      if (a.size()) std::memcpy(a.data(), flat.data() + off, sizeof(T) * std::size_t(a.size()));
      return wrap(std::move(a));
      }
    });
  }
};

struct context {
  std::vector<value> inputs;
  bool fuse = true;
};
thread_local context* ctx = nullptr;

const std::map<std::string, int, std::less<>> unary_names = {
    {"negative", 0}, {"absolute", 0}, {"square", 0}, {"sign", 0}, {"sqrt", 0}, {"exp", 0},
    {"log", 0}, {"sin", 0}, {"cos", 0}, {"floor", 0}, {"ceil", 0}, {"trunc", 0}, {"rint", 0},
    {"isnan", 0}, {"isinf", 0}, {"isfinite", 0}, {"logical_not", 0}, {"invert", 0}, {"absmod9", 0}};
const std::map<std::string, int, std::less<>> reduce_names = {
    {"sum", 0}, {"prod", 0}, {"max", 0}, {"min", 0}, {"mean", 0}, {"var", 0}, {"std", 0}, {"any", 0}, {"all", 0}};

int dt_index(std::string_view code) {
  for (int i = 0; i < 5; ++i) {
    if (code == dt_codes[i]) return i;
  }
  throw unsupported("dtype code " + std::string(code));
}

value eval_node(const node& n) {
  if (n.name == "x") return ctx->inputs.at(std::stoul(n.arg));
  if (ctx->fuse) {
    if (auto r = try_fused(n, &eval_node)) return *r;
  }
  if (n.name.rfind("astype_", 0) == 0) return apply_cast(dt_index(n.name.substr(7)), eval_node(n.kids.at(0)));
  if (unary_names.count(n.name)) return apply_unary(n.name, eval_node(n.kids.at(0)));
  if (reduce_names.count(n.name)) {
    const auto bar = n.arg.find('|');
    return apply_reduce(n.name, eval_node(n.kids.at(0)),
                        parse_reduce_args(n.arg.substr(0, bar), n.arg.substr(bar + 1)));
  }
  if (n.name == "where") return apply_where(eval_node(n.kids.at(0)), eval_node(n.kids.at(1)), eval_node(n.kids.at(2)));
  if (n.name == "ix" || n.name == "T" || n.name == "bt" || n.name == "rs") return apply_view(n, eval_node(n.kids.at(0)));
  if (n.kids.size() == 2) return apply_binary(n.name, eval_node(n.kids[0]), eval_node(n.kids[1]));
  throw unsupported("unknown op " + n.name);
}

// ---- comparison -----------------------------------------------------------
std::string error_class(const np::error& e) {
  if (dynamic_cast<const np::broadcast_error*>(&e)) return "broadcast_error";
  if (dynamic_cast<const np::axis_error*>(&e)) return "axis_error";
  if (dynamic_cast<const np::index_error*>(&e)) return "index_error";
  if (dynamic_cast<const np::value_error*>(&e)) return "value_error";
  if (dynamic_cast<const np::type_error*>(&e)) return "type_error";
  if (dynamic_cast<const np::overflow_error*>(&e)) return "overflow_error";
  if (dynamic_cast<const np::io_error*>(&e)) return "io_error";
  return "error";
}

template <class T>
std::int64_t ordered(T x) {
  if constexpr (std::is_same_v<T, float>) {
    const auto i = std::bit_cast<std::int32_t>(x);
    return i < 0 ? std::int64_t(INT32_MIN) - i : i;
  } else {
    const auto i = std::bit_cast<std::int64_t>(x);
    return i < 0 ? INT64_MIN - i : i;
  }
}

template <class T>
bool close(T got, T want, const std::string& tol) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got);
    if (got == want) return true;
    if (std::isinf(want) || std::isinf(got)) return false;
    if (tol[0] == 'u') {
      const long ulps = std::stol(tol.substr(1));
      const auto d = ordered(got) - ordered(want);
      return (d < 0 ? -d : d) <= ulps;
    }
    const double scale = std::stod(tol.substr(1));
    const double rtol = std::is_same_v<T, float> || tol[0] == 'R' ? 2e-4 : 1e-9;
    return std::fabs(double(got) - double(want)) <= rtol * (std::fabs(double(want)) + scale);
  } else {
    (void)tol;
    return got == want;
  }
}

template <class T>
std::string str(T x) {
  std::ostringstream o;
  o.precision(std::is_same_v<T, float> ? 9 : 17);
  if constexpr (std::is_same_v<T, bool>) o << (x ? "True" : "False");
  else o << +x;
  return o.str();
}

/// "" when got matches want, else what differs.
std::string compare(const value& got, const value& want, const std::string& tol) {
  if (got.index() != want.index()) {
    return std::string("dtype ") + dt_codes[got.index()] + ", NumPy " + dt_codes[want.index()];
  }
  return std::visit(
      [&]<class T>(const arr<T>& g) -> std::string {
        const arr<T>& w = std::get<arr<T>>(want);
        if (g.v.shape() != w.v.shape()) {
          return "shape " + np::shape_str(g.v.shape()) + ", NumPy " + np::shape_str(w.v.shape());
        }
        const np::ndarray<T> gc = np::eval(g.v);  // C order, through the engine
        const np::ndarray<T> wc = np::eval(w.v);
        for (std::ptrdiff_t i = 0; i < gc.size(); ++i) {
          if (!close(gc.data()[i], wc.data()[i], tol)) {
            return "element " + std::to_string(i) + " (C order) is " + str(gc.data()[i]) + ", NumPy " +
                   str(wc.data()[i]);
          }
        }
        return "";
      },
      got);
}

}  // namespace
}  // namespace diff

int main(int argc, char** argv) {
  using namespace diff;
  std::string dir;
  bool verbose = false;
  long max_report = 50;
  context c;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--no-fuse") c.fuse = false;
    else if (a == "--verbose") verbose = true;
    else if (a == "--max-report" && i + 1 < argc) max_report = std::stol(argv[++i]);
    else if (a == "--long") {}  // the data directory decides the size; accepted for symmetry with the generator
    else dir = a;
  }
  if (dir.empty()) {
    std::cerr << "usage: diff_driver <dir with cases.txt and pool.npz> [--no-fuse] [--verbose] [--max-report N]\n";
    return 2;
  }
  ctx = &c;
  pool p;
  p.arrays = np::load_npz(dir + "/pool.npz");
  std::ifstream in(dir + "/cases.txt");
  if (!in) {
    std::cerr << "cannot open " << dir << "/cases.txt\n";
    return 2;
  }
  long total = 0, passed = 0, failed = 0, errors_expected = 0, skipped = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream ls(line);
    std::string id, tol, expr, expect, ref;
    ls >> id >> tol >> expr >> expect;
    c.inputs.clear();
    ++total;
    std::string problem;
    try {
      while (ls >> ref) c.inputs.push_back(p.get(ref));
      parser ps{expr};
      const node root = ps.term();
      std::string got_class;
      std::optional<value> got;
      try {
        got.emplace(eval_node(root));
      } catch (const np::error& e) {
        got_class = error_class(e);
        if (verbose) std::cerr << id << ": " << got_class << ": " << e.what() << "\n";
      }
      if (expect.rfind("err:", 0) == 0) {
        ++errors_expected;
        if (got_class != expect.substr(4)) {
          problem = "NumPy raises " + expect.substr(4) + ", numfuse " + (got ? std::string("returns a value") : "throws " + got_class);
        }
      } else if (!got) {
        problem = "numfuse throws " + got_class + ", NumPy returns a value";
      } else {
        problem = compare(*got, p.get(expect.substr(3)), tol);
      }
    } catch (const unsupported& e) {
      ++skipped;
      problem = std::string("not in the driver's menu: ") + e.what();
    } catch (const std::exception& e) {
      problem = std::string("unexpected exception: ") + e.what();
    }
    if (problem.empty()) {
      ++passed;
    } else {
      ++failed;
      if (failed <= max_report) std::cout << "MISMATCH case " << id << ": " << expr << "\n    " << problem << "\n";
    }
  }
  std::cout << "diff_driver: " << total << " cases (" << errors_expected << " expect an error), " << passed
            << " agree with NumPy, " << failed << " differ (" << skipped << " outside the driver's menu)"
            << "; " << fused_evaluations << " fused depth-2/3 evaluations" << (c.fuse ? "" : ", fusion off") << "\n";
  return failed == 0 && total > 0 ? 0 : 1;
}
