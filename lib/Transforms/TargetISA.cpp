//===- TargetISA.cpp - The instruction set passes generate for -----------===//

#include "TargetISA.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

namespace mlir::inductor {

std::optional<TargetISA> parseISA(llvm::StringRef isa) {
  TargetISA target;
  if (isa == "host") {
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    target.avx2 = features.lookup("avx2") && features.lookup("fma");
    target.avx512 = features.lookup("avx512f");
    target.avx512Bf16 = target.avx512 && features.lookup("avx512bf16") && features.lookup("avx512vnni");
    target.avx512Vnni = target.avx512 && features.lookup("avx512vnni");
    target.amxBf16 = target.avx512 && features.lookup("amx-bf16") && features.lookup("amx-tile");
    target.amxInt8 = target.avx512 && features.lookup("amx-int8") && features.lookup("amx-tile");
  } else if (isa == "amx") {
    target.avx2 = target.avx512 = target.avx512Bf16 = target.avx512Vnni = target.amxBf16 = target.amxInt8 = true;
  } else if (isa == "avx512-bf16") {
    target.avx2 = target.avx512 = target.avx512Bf16 = target.avx512Vnni = true;
  } else if (isa == "avx512-vnni") {
    target.avx2 = target.avx512 = target.avx512Vnni = true;
  } else if (isa == "avx512") {
    target.avx2 = target.avx512 = true;
  } else if (isa == "avx2") {
    target.avx2 = true;
  } else if (isa != "generic") {
    return std::nullopt;
  }
  return target;
}

} // namespace mlir::inductor
