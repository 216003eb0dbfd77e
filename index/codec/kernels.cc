// CPU dispatch: which kernel tables this process may run, and which one bitpack.h uses.

#include "index/codec/kernels.h"

#include <array>
#include <cstdlib>
#include <cstring>

#include "index/codec/kernels_x86.h"

namespace nsearch::codec {
namespace {

struct KernelList {
  std::array<const Kernels*, 4> tables{};
  size_t size = 0;

  void Add(const Kernels& k) { tables[size++] = &k; }
};

KernelList DetectKernels() {
  KernelList list;
  list.Add(ScalarKernels());
#ifdef NSEARCH_CODEC_X86_KERNELS
  // libgcc's constructor normally runs this first; calling it again is cheap and makes detection
  // safe from other static initializers. __builtin_cpu_supports also checks (via XGETBV) that the
  // OS saves the wider registers, so "avx2"/"avx512f" mean usable, not merely present.
  __builtin_cpu_init();
  if (__builtin_cpu_supports("sse4.1")) {
    list.Add(Sse41Kernels());
  }
  if (__builtin_cpu_supports("avx2")) {
    list.Add(Avx2Kernels());
  }
  if (__builtin_cpu_supports("avx512f")) {
    list.Add(Avx512Kernels());
  }
#endif
  return list;
}

bool ForceScalar() {
  const char* value = std::getenv("NSEARCH_FORCE_SCALAR");
  return value != nullptr && value[0] != '\0' && std::strcmp(value, "0") != 0;
}

}  // namespace

std::span<const Kernels* const> SupportedKernels() {
  static const KernelList list = DetectKernels();  // thread-safe static initialization
  return {list.tables.data(), list.size};
}

const Kernels& ActiveKernels() {
  static const Kernels& active = ForceScalar() ? ScalarKernels() : *SupportedKernels().back();
  return active;
}

}  // namespace nsearch::codec
