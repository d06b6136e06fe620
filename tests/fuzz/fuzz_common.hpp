// tests/fuzz/fuzz_common.hpp -- shared by the libFuzzer targets.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fuzz {

/// numfuse's readers take a path: each input is written to one scratch file
/// per process (in $TMPDIR, /tmp by default), overwritten every run.
inline const std::filesystem::path& scratch_path(const char* ext) {
  static const std::filesystem::path p = [&] {
    const char* dir = std::getenv("TMPDIR");
    return std::filesystem::path(dir && *dir ? dir : "/tmp") /
           ("numfuse-fuzz-" + std::to_string(::getpid()) + ext);
  }();
  return p;
}

inline void write_file(const std::filesystem::path& p, const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(p.c_str(), "wb");
  if (!f) std::abort();
  if (size && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
}

}  // namespace fuzz
