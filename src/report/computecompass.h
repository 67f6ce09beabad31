#pragma once
// The ComputeCompass export (`report --format computecompass --output DIR`):
// memory-benchmarks.json, cpu-benchmarks.json and price-performance.json in the shape
// ComputeCompass reads (docs/report.md, "ComputeCompass export", maps every field).
// Every figure comes from a measurement in the dataset; one that was not measured is
// absent, never 0. Prices come from the catalog (a published price, not a measurement).

#include <string>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "report/dataset.h"
#include "util/expected.h"

namespace report {

struct ComputeCompassFiles {
  nlohmann::json memory;  // memory-benchmarks.json
  nlohmann::json cpu;     // cpu-benchmarks.json
  nlohmann::json price;   // price-performance.json
};

// `generated_at` (ISO 8601 UTC) stamps each file's "lastUpdated".
ComputeCompassFiles ExportComputeCompass(const Dataset& dataset, const catalog::Catalog& catalog,
                                         const std::string& generated_at);

// Writes the three files into `directory` (created when missing; an existing file of the
// same name is replaced). kInvalidInput when `directory` is empty or is a file.
util::Status WriteComputeCompass(const ComputeCompassFiles& files, const std::string& directory);

}  // namespace report
