// Runs generated code so that a failed runtime check (cf.assert, which lowers to puts + abort) or a failed
// allocation returns an error to the caller instead of killing the process: the JIT maps the generated
// code's `puts` and `abort` to the functions below, and abort unwinds to the guarded call with longjmp. The
// generated code has no destructors to run; buffers it allocated before the failure leak, which is the price
// of keeping a Python process alive after bad input.
#include "Runtime/Runtime.h"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {
thread_local std::jmp_buf *activeCall = nullptr;
thread_local char lastMessage[512];

void recordMessage(const char *text) {
  std::size_t length = std::strlen(lastMessage);
  if (length && length + 2 < sizeof(lastMessage))
    std::strcat(lastMessage, "; ");
  std::strncat(lastMessage, text, sizeof(lastMessage) - std::strlen(lastMessage) - 1);
}
} // namespace

extern "C" int inductor_runtime_puts(const char *text) {
  if (!activeCall)
    return std::puts(text);
  recordMessage(text);
  return 1;
}

extern "C" void inductor_runtime_abort(void) {
  if (!activeCall)
    std::abort();
  std::longjmp(*activeCall, 1);
}

extern "C" void inductor_runtime_fail(const char *message) {
  if (!activeCall) {
    std::fprintf(stderr, "%s\n", message);
    std::fflush(stderr);
    std::abort();
  }
  recordMessage(message);
  std::longjmp(*activeCall, 1);
}

extern "C" int inductor_runtime_guarded_call(void (*function)(void **), void **arguments, const char **message) {
  std::jmp_buf buffer;
  std::jmp_buf *previous = activeCall;
  lastMessage[0] = '\0';
  activeCall = &buffer;
  if (setjmp(buffer) != 0) {
    activeCall = previous;
    if (message)
      *message = lastMessage;
    return -1;
  }
  function(arguments);
  activeCall = previous;
  return 0;
}
