// Thread configuration of generated code. Its parallel loops run on LLVM's OpenMP runtime, which reads its
// environment once, at the first parallel region: this sets that environment first.
#include "Runtime/Runtime.h"

#include <sched.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

namespace {
/// Physical cores among the CPUs this process may run on (SMT siblings counted once).
int countPhysicalCores() {
  cpu_set_t mask;
  if (sched_getaffinity(0, sizeof(mask), &mask) != 0)
    return 0;
  std::set<std::string> cores;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (!CPU_ISSET(cpu, &mask))
      continue;
    std::string path = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/thread_siblings_list";
    std::string siblings = std::to_string(cpu);
    if (FILE *f = std::fopen(path.c_str(), "r")) {
      char buffer[256];
      if (std::fgets(buffer, sizeof(buffer), f))
        siblings = buffer;
      std::fclose(f);
    }
    cores.insert(siblings);
  }
  return static_cast<int>(cores.size());
}
} // namespace

extern "C" void inductor_configure_threads(int pinByDefault) {
  static bool done = [pinByDefault] {
    // INDUCTOR_NUM_THREADS wins over OMP_NUM_THREADS; without either, one thread per physical core.
    if (const char *n = std::getenv("INDUCTOR_NUM_THREADS"); n && *n)
      setenv("OMP_NUM_THREADS", n, 1);
    else if (!std::getenv("OMP_NUM_THREADS"))
      if (int cores = countPhysicalCores(); cores > 0)
        setenv("OMP_NUM_THREADS", std::to_string(cores).c_str(), 1);
    // Pinned: one thread per core, neighbours close together (unless the user chose otherwise). Pinning also
    // binds the calling thread, and threads it creates later inherit that: in a PyTorch process the main
    // thread and then all of PyTorch's workers ended up on one core (eager BERT with 2 threads: 0.25 s ->
    // 1.9 s). Embedders therefore pin only when asked (INDUCTOR_PIN_THREADS=1).
    const char *pinVariable = std::getenv("INDUCTOR_PIN_THREADS");
    bool pin = pinVariable && *pinVariable ? pinVariable[0] == '1' : pinByDefault != 0;
    if (pin) {
      setenv("OMP_PROC_BIND", "close", 0);
      setenv("OMP_PLACES", "cores", 0);
    }
    // Idle workers spin for 200 us, not libomp's 200 ms, so they soon leave the cores to other work in the
    // process (PyTorch's own OpenMP pool, Python); but not 0 either: a sleeping worker takes ~30 us to wake
    // through a futex, and back-to-back kernels are much closer than that (Zen 5, 2 threads: a u8s8 decode
    // GEMM 1x3072x768 47 -> 14 us, 512^3 192 -> 141 us with 200 us instead of 0).
    setenv("KMP_BLOCKTIME", "200us", 0);
    return true;
  }();
  (void)done;
}
