// tests/fuzz/fuzz_npz.cpp -- libFuzzer target: the .npz (zip) reader.
//
// Any byte string is either loaded or rejected with a numfuse exception:
// never a crash, a leak, UB, or an allocation the archive cannot justify
// (zip bombs, overlapping members, lying sizes).
#include <numfuse/numfuse.hpp>

#include "fuzz_common.hpp"

namespace np = numfuse;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& path = fuzz::scratch_path(".npz");
  fuzz::write_file(path, data, size);
  try {
    const auto m = np::load_npz(path);
    std::size_t n = 0;
    for (const auto& [name, a] : m) n += std::size_t(a.size()) + name.size();
    if (n == std::size_t(-1)) std::abort();  // use the result
  } catch (const np::error&) {
  }
  return 0;
}
