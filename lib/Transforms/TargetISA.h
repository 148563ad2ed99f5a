//===- TargetISA.h - The instruction set passes generate for -*- C++ -*-===//
//
// Several passes take an `isa` option (or a vector width that defaults to the host's): one reading of it, and
// of the host's features, for all of them.
//
//===----------------------------------------------------------------------===//
#ifndef INDUCTOR_LIB_TRANSFORMS_TARGETISA_H
#define INDUCTOR_LIB_TRANSFORMS_TARGETISA_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace mlir::inductor {

struct TargetISA {
  bool avx2 = false, avx512 = false, avx512Bf16 = false, avx512Vnni = false, amxBf16 = false, amxInt8 = false;

  /// The widest vector registers: 512 bits with AVX-512, 256 with AVX2, else 128.
  int64_t vectorBits() const { return avx512 ? 512 : avx2 ? 256 : 128; }
};

/// The names an `isa` option takes, for diagnostics.
inline constexpr const char *kISANames = "host, amx, avx512-bf16, avx512-vnni, avx512, avx2 or generic";

/// The ISA an `isa` option names: host (this machine's features), amx (AMX + AVX-512), avx512-bf16
/// (AVX-512 with BF16 and VNNI), avx512-vnni, avx512, avx2 (AVX2 + FMA) or generic; nullopt for any other.
std::optional<TargetISA> parseISA(llvm::StringRef isa);

} // namespace mlir::inductor

#endif
