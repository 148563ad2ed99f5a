//===- Npy.h - Minimal .npy reader and writer -------------------*- C++ -*-===//
//
// Reads and writes NumPy .npy files (format versions 1.0, 2.0 and 3.0), C order only, little-endian
// or byte-sized dtypes only. Just enough for inductor-run to exchange tensors with Python.
//
//===----------------------------------------------------------------------===//

#ifndef INDUCTOR_TOOLS_INDUCTOR_RUN_NPY_H
#define INDUCTOR_TOOLS_INDUCTOR_RUN_NPY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace mlir::inductor::npy {

/// Heap memory aligned to 64 bytes (a cache line, a full AVX-512 register), so JIT code may use aligned
/// vector accesses on the inputs we pass it.
class AlignedBuffer {
public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t numBytes);

  char *data() { return storage.get(); }
  const char *data() const { return storage.get(); }
  size_t size() const { return numBytes; }

private:
  struct FreeDeleter {
    void operator()(char *ptr) const { std::free(ptr); }
  };
  std::unique_ptr<char, FreeDeleter> storage;
  size_t numBytes = 0;
};

/// A dense C-order array as stored in a .npy file.
struct Array {
  /// NumPy type descriptor, normalized to explicit little-endian ('<f4') or byte-sized ('|b1').
  std::string descr;
  llvm::SmallVector<int64_t> shape;
  AlignedBuffer data;

  int64_t getNumElements() const;
  size_t getElementByteWidth() const;
};

/// Returns the element byte width of a normalized descriptor such as '<f4', or 0 if it is malformed.
size_t getDescrByteWidth(llvm::StringRef descr);

/// Number of elements of `shape`, or an error when a dimension is negative or the product overflows.
llvm::Expected<int64_t> getNumElements(llvm::ArrayRef<int64_t> shape);

/// Allocates a zero-filled array of the given descriptor and shape.
llvm::Expected<Array> makeArray(llvm::StringRef descr, llvm::ArrayRef<int64_t> shape);

/// Parses the contents of a .npy file.
llvm::Expected<Array> parse(llvm::StringRef contents);

/// Reads and parses a .npy file.
llvm::Expected<Array> readFile(llvm::StringRef path);

/// Writes `array` as a version 1.0 .npy file (2.0 if the header needs it).
llvm::Error writeFile(llvm::StringRef path, const Array &array);

/// Formats a shape the way error messages print it: `[3, 769]`.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

} // namespace mlir::inductor::npy

#endif // INDUCTOR_TOOLS_INDUCTOR_RUN_NPY_H
