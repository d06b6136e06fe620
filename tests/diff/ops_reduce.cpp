// tests/diff/ops_reduce.cpp -- reductions and views for the diff driver.
#include <cstdlib>

#include "diff_value.hpp"

namespace diff {

#define DIFF_REDUCE_LIST(X) X(sum) X(prod) X(max) X(min) X(mean) X(var) X(std) X(any) X(all)

value apply_reduce(std::string_view name, const value& x, const reduce_args& r) {
  return std::visit(
      [&]<class T>(const arr<T>& a) -> value {
#define DIFF_X(op) \
  if (name == #op) return wrap(np::eval(np::op(a.v, r.axis, r.keepdims)));
        DIFF_REDUCE_LIST(DIFF_X)
#undef DIFF_X
        throw unsupported("reduction " + std::string(name));
      },
      x);
}

reduce_args parse_reduce_args(const std::string& axes, const std::string& keep) {
  reduce_args r;
  r.keepdims = keep == "k1";
  if (axes == "a*") return r;
  std::string s = axes.substr(1);
  if (!s.empty() && s.back() == 'i') {  // one int
    r.axis = np::axis_arg(std::atoi(s.c_str()));
    return r;
  }
  std::vector<int> v;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = s.find('.', pos);
    if (end == std::string::npos) end = s.size();
    v.push_back(std::atoi(s.substr(pos, end - pos).c_str()));
    pos = end + 1;
  }
  r.axis = np::axis_arg(std::move(v));
  return r;
}

namespace {
np::dims parse_shape(const std::string& s) {
  np::dims d;
  if (s == "s") return d;
  std::vector<std::ptrdiff_t> v;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t end = s.find('x', pos);
    if (end == std::string::npos) end = s.size();
    v.push_back(std::atoll(s.substr(pos, end - pos).c_str()));
    pos = end + 1;
  }
  return np::dims(v.begin(), v.end());
}

np::slice::bound parse_bound(const std::string& s) {
  if (s.empty()) return np::none;
  return np::slice::bound(std::atoll(s.c_str()));
}

std::vector<np::index> parse_index(const std::string& arg) {
  // {a:b:c;i;N;E}
  std::vector<np::index> items;
  const std::string s = arg.substr(1, arg.size() - 2);
  std::size_t pos = 0;
  while (pos <= s.size() && !s.empty()) {
    std::size_t end = s.find(';', pos);
    if (end == std::string::npos) end = s.size();
    const std::string it = s.substr(pos, end - pos);
    if (it == "N") {
      items.emplace_back(np::newaxis);
    } else if (it == "E") {
      items.emplace_back(np::ellipsis);
    } else if (it.find(':') != std::string::npos) {
      const auto c1 = it.find(':'), c2 = it.find(':', c1 + 1);
      items.emplace_back(np::slice(parse_bound(it.substr(0, c1)), parse_bound(it.substr(c1 + 1, c2 - c1 - 1)),
                                   parse_bound(it.substr(c2 + 1))));
    } else {
      items.emplace_back(std::atoll(it.c_str()));
    }
    pos = end + 1;
  }
  return items;
}
}  // namespace

value apply_view(const node& n, const value& x) {
  return std::visit(
      [&]<class T>(const arr<T>& a) -> value {
        auto make = [&]() -> np::ndview<const T> {
          if (n.name == "T") return np::transpose(a.v);
          if (n.name == "bt") return np::broadcast_to(a.v, parse_shape(n.arg));
          if (n.name == "rs") return np::reshape(a.v, parse_shape(n.arg));
          if (n.name == "ix") {
            const auto it = parse_index(n.arg);
            switch (it.size()) {
              case 1: return a.v.view(it[0]);
              case 2: return a.v.view(it[0], it[1]);
              case 3: return a.v.view(it[0], it[1], it[2]);
              case 4: return a.v.view(it[0], it[1], it[2], it[3]);
              case 5: return a.v.view(it[0], it[1], it[2], it[3], it[4]);
              case 6: return a.v.view(it[0], it[1], it[2], it[3], it[4], it[5]);
              default: throw unsupported("index of " + std::to_string(it.size()) + " items");
            }
          }
          throw unsupported("view " + n.name);
        };
        const np::ndview<const T> r = make();
        return arr<T>{a.keep, r};
      },
      x);
}

}  // namespace diff
