#pragma once
// The backends this build knows, by name. The one place a backend is listed: cli adds
// every backend's flags from here and exec creates and opens campaigns through it.

#include <string>
#include <vector>

#include "cloud/backend.h"

namespace cloud {

std::vector<const Backend*> Backends();
// What --backend means when it is absent: real EC2 (issue 10). The offline backends are
// always named explicitly (`--backend sim`, `--backend local`).
inline constexpr char kDefaultBackend[] = "aws";
// nullptr when no backend has this name.
const Backend* FindBackend(const std::string& name);
// "sim, local": for help text and errors.
std::string BackendNames();

}  // namespace cloud
