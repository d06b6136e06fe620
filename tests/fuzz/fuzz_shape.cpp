// tests/fuzz/fuzz_shape.cpp -- libFuzzer target: shapes, broadcasting,
// basic indexing (slices with any steps, integers, newaxis, ellipsis),
// reshape, transpose, squeeze/expand_dims, moveaxis/swapaxes, flip,
// broadcast_to and broadcast_shapes.
//
// The input drives a chain of view operations on an int32 array holding
// 0, 1, 2, ...; each is either accepted or rejected with a numfuse exception.
// After each accepted step the view must be coherent: its size is the
// product of its shape, every element it addresses lies inside the array
// (unless it owns a copy), and the engine's evaluation of the view equals
// a naive walk of its strides. ASan/UBSan catch the rest.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>
#include <optional>
#include <vector>

#include <numfuse/numfuse.hpp>

namespace np = numfuse;
using view_t = np::ndview<const std::int32_t>;

namespace {

np::dims some_shape(FuzzedDataProvider& in, std::ptrdiff_t lo, std::ptrdiff_t hi, int max_ndim = 5) {
  const int nd = in.ConsumeIntegralInRange(0, max_ndim);
  np::dims d(nd);
  for (int i = 0; i < nd; ++i) d[i] = in.ConsumeIntegralInRange<std::ptrdiff_t>(lo, hi);
  return d;
}

np::slice::bound some_bound(FuzzedDataProvider& in, int lo, int hi) {
  if (in.ConsumeBool()) return np::none;
  return np::slice::bound(in.ConsumeIntegralInRange(lo, hi));
}

np::index some_index(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 4)) {
    case 0: return np::index(in.ConsumeIntegralInRange(-8, 8));
    case 1: return np::newaxis;
    case 2: return np::ellipsis;
    default: return np::slice(some_bound(in, -9, 9), some_bound(in, -9, 9), some_bound(in, -3, 3));
  }
}

view_t indexed(const view_t& v, FuzzedDataProvider& in) {
  std::vector<np::index> it;
  const int n = in.ConsumeIntegralInRange(1, 5);
  for (int i = 0; i < n; ++i) it.push_back(some_index(in));
  switch (n) {
    case 1: return v.view(it[0]);
    case 2: return v.view(it[0], it[1]);
    case 3: return v.view(it[0], it[1], it[2]);
    case 4: return v.view(it[0], it[1], it[2], it[3]);
    default: return v.view(it[0], it[1], it[2], it[3], it[4]);
  }
}

view_t step(const view_t& v, FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 10)) {
    case 0: return indexed(v, in);
    case 1: return np::transpose(v);
    case 2: return np::transpose(v, some_shape(in, -5, 5));
    case 3: return np::reshape(v, some_shape(in, -2, 7));
    case 4: return np::broadcast_to(v, some_shape(in, -1, 4));
    case 5: return in.ConsumeBool() ? np::squeeze(v) : np::squeeze(v, some_shape(in, -5, 5, 3));
    case 6: return np::expand_dims(v, some_shape(in, -6, 6, 3));
    case 7: return np::moveaxis(v, in.ConsumeIntegralInRange(-5, 5), in.ConsumeIntegralInRange(-5, 5));
    case 8: return np::swapaxes(v, in.ConsumeIntegralInRange(-5, 5), in.ConsumeIntegralInRange(-5, 5));
    case 9: return in.ConsumeBool() ? np::flip(v) : np::flip(v, in.ConsumeIntegralInRange(-5, 5));
    default: {
      const np::dims b = np::broadcast_shapes(v.shape(), some_shape(in, 0, 4));
      return np::broadcast_to(v, b);
    }
  }
}

void check(const view_t& v, const std::int32_t* base, std::ptrdiff_t n) {
  std::ptrdiff_t size = 1;
  for (int d = 0; d < v.ndim(); ++d) {
    if (v.shape()[d] < 0) std::abort();
    size *= v.shape()[d];
  }
  if (size != v.size()) std::abort();
  const np::ndarray<std::int32_t> e = np::eval(v);  // the engine's walk
  if (e.shape() != v.shape()) std::abort();
  const bool owns = v.owner() != nullptr;
  // naive walk of the strides, C order
  std::vector<std::ptrdiff_t> idx(std::size_t(v.ndim()), 0);
  for (std::ptrdiff_t k = 0; k < size; ++k) {
    const std::int32_t* p = v.data();
    for (int d = 0; d < v.ndim(); ++d) p += idx[std::size_t(d)] * v.element_strides()[d];
    if (!owns && (p < base || p >= base + n)) std::abort();
    if (*p != e.data()[k]) std::abort();
    for (int d = v.ndim() - 1; d >= 0; --d) {
      if (++idx[std::size_t(d)] < v.shape()[d]) break;
      idx[std::size_t(d)] = 0;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const np::dims shape = some_shape(in, 0, 5, 4);
  np::ndarray<std::int32_t> a;
  try {
    a = np::ndarray<std::int32_t>::uninitialized(shape);
  } catch (const np::error&) {
    return 0;
  }
  for (std::ptrdiff_t i = 0; i < a.size(); ++i) a.data()[i] = std::int32_t(i);
  const np::ndarray<std::int32_t>& ca = a;
  std::optional<view_t> v;
  v.emplace(ca.view());
  for (int k = 0; k < 8 && in.remaining_bytes() > 0; ++k) {
    try {
      const view_t next = step(*v, in);
      v.reset();
      v.emplace(next);
    } catch (const np::error&) {
      continue;
    }
    check(*v, a.data(), a.size());
  }
  return 0;
}
