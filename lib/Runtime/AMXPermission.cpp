// Asks the kernel for permission to use AMX tile data in this process. Linux refuses tile instructions
// (SIGILL) until a process requests XFEATURE_XTILEDATA once.
#include "Runtime/Runtime.h"

#include <sys/syscall.h>
#include <unistd.h>

namespace {
constexpr int kArchReqXcompPerm = 0x1023;
constexpr int kXfeatureXtiledata = 18;
} // namespace

extern "C" int inductor_request_amx_permission(void) {
  static int status = syscall(SYS_arch_prctl, kArchReqXcompPerm, kXfeatureXtiledata) == 0 ? 0 : -1;
  return status;
}
