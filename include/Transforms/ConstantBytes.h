//===- ConstantBytes.h - The bytes of a constant tensor ---------*- C++ -*-===//
//
// Frozen weights reach the compiler as arith.constant literals or, when large, as dense_resource blobs the
// embedder passed by pointer. Passes that rearrange them at compile time read both the same way.
//
//===----------------------------------------------------------------------===//

#ifndef INDUCTOR_TRANSFORMS_CONSTANTBYTES_H
#define INDUCTOR_TRANSFORMS_CONSTANTBYTES_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <optional>
#include <utility>

namespace mlir::inductor {

/// The raw bytes of the statically shaped constant tensor `v` (row-major, as stored) and whether it is a
/// splat (then the bytes hold one element); nullopt when `v` is not such a constant or a resource holds
/// fewer bytes than its type needs.
inline std::optional<std::pair<ArrayRef<char>, bool>> getConstantBytes(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  ElementsAttr constant;
  if (!type || !type.hasStaticShape() || !matchPattern(v, m_Constant(&constant)))
    return std::nullopt;
  if (auto dense = dyn_cast<DenseElementsAttr>(constant))
    return std::make_pair(dense.getRawData(), dense.isSplat());
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(constant))
    if (AsmResourceBlob *blob = resource.getRawHandle().getBlob();
        blob && int64_t(blob->getData().size()) * 8 >= type.getNumElements() * type.getElementTypeBitWidth())
      return std::make_pair(blob->getData(), false);
  return std::nullopt;
}

} // namespace mlir::inductor

#endif // INDUCTOR_TRANSFORMS_CONSTANTBYTES_H
