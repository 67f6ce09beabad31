#include "agent/threads.h"

#include <omp.h>
#include <sched.h>

#include <algorithm>
#include <atomic>

#include "util/strings.h"

namespace agent {

namespace {

// With OMP_PROC_BIND set, libgomp pins the initial thread to the first OpenMP place as
// the program starts, so sched_getaffinity then reports one CPU and every kernel thread
// would be pinned onto it (STREAM read half the bandwidth on two cores). The places
// still list every CPU the process was given.
std::vector<int> CpusOfOpenMpPlaces() {
  std::vector<int> cpus;
  if (omp_get_proc_bind() == omp_proc_bind_false) return cpus;
  for (int place = 0; place < omp_get_num_places(); ++place) {
    std::vector<int> ids(static_cast<size_t>(std::max(omp_get_place_num_procs(place), 0)));
    if (!ids.empty()) omp_get_place_proc_ids(place, ids.data());
    cpus.insert(cpus.end(), ids.begin(), ids.end());
  }
  std::sort(cpus.begin(), cpus.end());
  cpus.erase(std::unique(cpus.begin(), cpus.end()), cpus.end());
  return cpus;
}

}  // namespace

std::vector<int> AllowedCpus() {
  std::vector<int> cpus = CpusOfOpenMpPlaces();
  if (!cpus.empty()) return cpus;
  cpu_set_t set;
  CPU_ZERO(&set);
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
