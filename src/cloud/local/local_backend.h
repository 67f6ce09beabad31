#pragma once
// The local backend's registry entry (cloud/registry.cc): its flags, facts and settings.

#include "cloud/backend.h"

namespace cloud::local {

Backend LocalBackend();

}  // namespace cloud::local
