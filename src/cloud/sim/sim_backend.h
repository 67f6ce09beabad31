#pragma once
// The sim backend's registry entry (cloud/registry.cc): its flags, facts and settings.

#include "cloud/backend.h"

namespace cloud::sim {

Backend SimBackend();

}  // namespace cloud::sim
