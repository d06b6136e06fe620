// Configure-time probe (tests/CMakeLists.txt): exits 0 when Highway's own
// run-time detection says this machine runs its AVX3 (AVX-512) target.
#include <hwy/targets.h>

int main() { return (hwy::SupportedTargets() & HWY_AVX3) != 0 ? 0 : 1; }
