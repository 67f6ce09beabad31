#pragma once
#include <string_view>

namespace catalog {
// data/catalog.json, compiled in at build time (cmake/EmbedFile.cmake).
std::string_view EmbeddedCatalogJson();
}  // namespace catalog
