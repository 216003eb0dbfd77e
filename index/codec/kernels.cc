#include "index/codec/kernels.h"

namespace nsearch::codec {

const Kernels& ActiveKernels() {
  // Only the scalar kernels exist so far; CPU feature detection goes here with the SIMD ones.
  static const Kernels& active = ScalarKernels();
  return active;
}

}  // namespace nsearch::codec
