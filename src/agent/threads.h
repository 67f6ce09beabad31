#pragma once
// Thread placement for kernels: STREAM-style runs bind one thread per CPU so that the
// scheduler does not migrate threads mid-measurement.

#include <string>
#include <vector>

namespace agent {

// The CPUs this process may run on, ascending: sched_getaffinity, or the OpenMP places
// when OMP_PROC_BIND is set (libgomp has pinned the main thread to one of them by then).
std::vector<int> AllowedCpus();
// Pins the calling thread to `cpu`; false when the kernel refuses.
bool PinCurrentThread(int cpu);
// Runs an OpenMP parallel region of `threads` threads and pins thread i to
// cpus[i % cpus.size()]. OpenMP keeps its thread pool, so later regions with the same
// thread count run on the same pinned threads. Returns a description for the result
// parameters, e.g. "sched_setaffinity: thread i -> cpu [0,1]", or why binding failed.
std::string BindOpenMpThreads(int threads, const std::vector<int>& cpus);
// Restores the calling thread's affinity to every allowed CPU (after a kernel).
void UnpinCurrentThread(const std::vector<int>& cpus);

}  // namespace agent
