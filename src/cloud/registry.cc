#include "cloud/registry.h"

#include "cloud/aws/aws_backend.h"
#include "cloud/local/local_backend.h"
#include "cloud/sim/sim_backend.h"
#include "util/strings.h"

namespace cloud {

std::vector<const Backend*> Backends() {
  // One line per backend (ARCHITECTURE.md, "Adding a backend").
  static const Backend kSim = sim::SimBackend();
  static const Backend kLocal = local::LocalBackend();
  static const Backend kAws = aws::AwsBackend();
  return {&kSim, &kLocal, &kAws};
}

const Backend* FindBackend(const std::string& name) {
  for (const Backend* backend : Backends()) {
    if (backend->name == name) return backend;
  }
  return nullptr;
}

std::string BackendNames() {
  std::vector<std::string> names;
  for (const Backend* backend : Backends()) names.push_back(backend->name);
  return util::Join(names, ", ");
}

}  // namespace cloud
