#pragma once
// Integrity checks of `results import` over documents already in our result schema
// (docs/report.md, "Importing results"): figures beyond physical limits, identical figures
// in different files, figures without spread. Each flag names the file and the field.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "report/import_flags.h"

namespace report {

// One file read by `results import`, converted to our schema when it was not.
// The implicit move constructor is noexcept; clang-tidy 14 follows nlohmann::json's move
// into its invariant assertion and reports a throw that cannot happen there.
struct ImportedFile {         // NOLINT(bugprone-exception-escape)
  std::string file;           // path relative to the imported directory
  std::string format;         // agent::kResultSchemaName or kGoFormatName
  std::string text;           // the JSON stored in the journal (ours: the file unchanged)
  nlohmann::json document;    // our schema
  std::string instance_type;  // the type the figures are said to be from ("" if unknown)
  std::string region;
  std::string market;  // "on-demand", "spot" or ""
};

// Bounds (the reasons are in docs/report.md):
// the memory system's peak of one socket: 12 DDR5 channels at 6400 MT/s, 8 bytes each.
inline constexpr double kMemoryPeakPerSocketGBs = 12 * 6400e6 * 8 / 1e9;  // 614.4 GB/s
// sockets assumed when a file does not say: the most any EC2 host has.
inline constexpr int kMaxSocketsPerHost = 8;
// one core cycle at 5 GHz, a clock no EC2 processor reaches: no load can be faster.
inline constexpr double kOneCycleNs = 1.0 / 5.0;

// STREAM bandwidth above sockets x kMemoryPeakPerSocketGBs, a latency below one cycle, a
// type the catalog does not know or whose processor differs from the catalog's.
ImportFlags CheckPhysicalLimits(const ImportedFile& file, const catalog::Catalog& catalog);
// Metrics with fewer than two samples (no spread: nothing to compare against).
ImportFlags CheckSampleCounts(const ImportedFile& file);
// Benchmarks whose figures (every sample of every metric, at least two numbers) are
// identical in two files: a copied file or a copied figure, never a second measurement.
ImportFlags CheckIdenticalFigures(const std::vector<ImportedFile>& files);

}  // namespace report
