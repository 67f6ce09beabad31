#include "agent/threads.h"

#include <omp.h>
#include <sched.h>

#include <atomic>

#include "util/strings.h"

namespace agent {

std::vector<int> AllowedCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return {0};
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(static_cast<size_t>(cpu), &set)) cpus.push_back(cpu);
  }
  return cpus;
}

bool PinCurrentThread(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(static_cast<size_t>(cpu), &set);
  return sched_setaffinity(0, sizeof set, &set) == 0;
}

void UnpinCurrentThread(const std::vector<int>& cpus) {
  cpu_set_t set;
  CPU_ZERO(&set);
  for (int cpu : cpus) CPU_SET(static_cast<size_t>(cpu), &set);
  (void)sched_setaffinity(0, sizeof set, &set);
}

std::string BindOpenMpThreads(int threads, const std::vector<int>& cpus) {
  if (cpus.empty() || threads < 1) return "none (no CPUs allowed)";
  std::atomic<int> failures{0};
  omp_set_dynamic(0);
#pragma omp parallel num_threads(threads)
  {
    size_t index = static_cast<size_t>(omp_get_thread_num()) % cpus.size();
    if (!PinCurrentThread(cpus[index])) failures.fetch_add(1);
  }
  std::vector<std::string> used;
  for (size_t i = 0; i < cpus.size() && i < static_cast<size_t>(threads); ++i) {
    used.push_back(std::to_string(cpus[i]));
  }
  if (failures.load() > 0) return "unbound (sched_setaffinity refused)";
  return "sched_setaffinity: one thread per cpu [" + util::Join(used, ",") + "]";
}

}  // namespace agent
