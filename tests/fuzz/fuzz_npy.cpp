// tests/fuzz/fuzz_npy.cpp -- libFuzzer target: the .npy reader.
//
// Any byte string is either loaded or rejected with a numfuse exception
// (file_format_error, type_error, io_error): never a crash, a leak, UB, or an
// allocation the file's size does not justify. A loaded array is saved and
// loaded again and must come back with the same dtype, shape and bytes.
#include <cstring>

#include <numfuse/numfuse.hpp>

#include "fuzz_common.hpp"

namespace np = numfuse;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& path = fuzz::scratch_path(".npy");
  fuzz::write_file(path, data, size);
  np::npy_array a;
  try {
    a = np::load_any(path);
  } catch (const np::error&) {
    return 0;  // rejected: fine
  }
  // Round trip: what was loaded is written and read back unchanged.
  const auto& again = fuzz::scratch_path(".2.npy");
  np::save(again, a);
  const np::npy_array b = np::load_any(again);
  if (b.dtype_name() != a.dtype_name() || b.shape() != a.shape()) std::abort();
  a.visit([&]<class T>(const np::ndarray<T>& x) {
    const np::ndarray<T>& y = b.get<T>();
    if (x.size() && std::memcmp(x.data(), y.data(), sizeof(T) * std::size_t(x.size())) != 0) std::abort();
  });
  return 0;
}
