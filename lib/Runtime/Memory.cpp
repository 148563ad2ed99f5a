// Allocation entry points of generated code (finalize-memref-to-llvm{use-generic-functions}). Unlike bare
// malloc, a failed allocation stops the program with a message instead of a segfault on a null buffer.
//
// Large blocks are recycled: a freed block of at least kCachedMinBytes waits in a cache for the next request
// of the same size (compiled code allocates the same temporaries on every call). Fresh pages cost a page fault
// per 4 KiB on first touch, because malloc hands out blocks this large as new mappings: an f32 3x3
// convolution on 64x56x56 (7 MiB of patches and 7 MiB of packed patches per call) spent 43 % of its time in the
// kernel's page-fault handler, 5.9 ms a call against 0.47 ms for the same in bf16.
#include "Runtime/Runtime.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <vector>

namespace {
[[noreturn]] void reportAllocationFailure(uint64_t bytes) {
  char message[64];
  std::snprintf(message, sizeof(message), "inductor: cannot allocate %llu bytes",
                static_cast<unsigned long long>(bytes));
  inductor_runtime_fail(message);
  __builtin_unreachable();
}

constexpr uint64_t kHeaderBytes = 64;                  // keeps the user pointer 64-byte aligned
constexpr uint64_t kCachedMinBytes = 256 * 1024;       // smaller blocks go straight back to malloc
constexpr uint64_t kSizeClassBytes = 64 * 1024;        // cached sizes are rounded up to this
constexpr uint64_t kCacheLimitBytes = uint64_t(2) << 30; // at most this much memory waits in the cache

/// Stored in front of every block: where the allocation starts and its size class (0: not cached).
struct Header {
  void *base;
  uint64_t sizeClass;
};

struct BlockCache {
  std::mutex mutex;
  std::map<uint64_t, std::vector<void *>> free; // size class -> base pointers
  uint64_t cachedBytes = 0;
};

BlockCache &cache() {
  static BlockCache *instance = new BlockCache(); // never destroyed: frees may come during exit
  return *instance;
}

Header *headerOf(void *user) { return reinterpret_cast<Header *>(static_cast<char *>(user) - sizeof(Header)); }

void *allocate(uint64_t alignment, uint64_t bytes) {
  alignment = std::max<uint64_t>(alignment, kHeaderBytes);
  if (alignment % kHeaderBytes != 0 || bytes > UINT64_MAX / 2)
    reportAllocationFailure(bytes);
  uint64_t sizeClass = 0;
  uint64_t payload = (bytes + alignment - 1) / alignment * alignment;
  if (bytes >= kCachedMinBytes && alignment == kHeaderBytes) {
    sizeClass = (bytes + kSizeClassBytes - 1) / kSizeClassBytes * kSizeClassBytes;
    payload = sizeClass;
    BlockCache &c = cache();
    std::lock_guard<std::mutex> lock(c.mutex);
    auto it = c.free.find(sizeClass);
    if (it != c.free.end() && !it->second.empty()) {
      void *base = it->second.back();
      it->second.pop_back();
      c.cachedBytes -= sizeClass;
      return static_cast<char *>(base) + alignment;
    }
  }
  void *base = std::aligned_alloc(alignment, alignment + std::max<uint64_t>(payload, alignment));
  if (!base)
    reportAllocationFailure(bytes);
  void *user = static_cast<char *>(base) + alignment;
  *headerOf(user) = Header{base, sizeClass};
  return user;
}
} // namespace

extern "C" void *_mlir_memref_to_llvm_alloc(uint64_t bytes) { return allocate(kHeaderBytes, bytes); }

extern "C" void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t bytes) {
  return allocate(alignment, bytes);
}

extern "C" void _mlir_memref_to_llvm_free(void *p) {
  if (!p)
    return;
  Header header = *headerOf(p);
  if (header.sizeClass) {
    BlockCache &c = cache();
    std::lock_guard<std::mutex> lock(c.mutex);
    if (c.cachedBytes + header.sizeClass <= kCacheLimitBytes) {
      c.free[header.sizeClass].push_back(header.base);
      c.cachedBytes += header.sizeClass;
      return;
    }
  }
  std::free(header.base);
}
