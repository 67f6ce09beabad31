// catalog refresh --region R [--region R2...] [--output FILE]: a user catalog (docs/catalog.md)
// from the backend's own view of the cloud (aws: DescribeInstanceTypes and the Price List).

#include <iostream>

#include "cli/campaign_runner.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "cli/region_flag.h"
#include "cloud/registry.h"
#include "util/files.h"
#include "util/strings.h"

namespace cli {
namespace {

std::string RefreshBackends() {
  std::vector<std::string> names;
  for (const cloud::Backend* backend : cloud::Backends()) {
    if (backend->refresh_catalog) names.push_back(backend->name);
  }
  return util::Join(names, ", ");
}

}  // namespace

int RunCatalogRefresh(const std::string& program, const Args& args) {
  CLI::App app(
      "Build a user catalog (load it with --catalog FILE) from the cloud's own instance types "
      "and on-demand prices in each --region.",
      program);
  BackendFlags backend;
  std::vector<std::string> regions;
  std::string output;
  AddBackendFlags(app, backend, StateFlag::kNone);
  app.add_option("--region", regions, "regions to read (repeatable)")
      ->delimiter(',')
      ->type_name("REGION");
  app.add_option("--output", output, "write the catalog to this file [default: standard output]");
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  if (auto known = CheckKnownRegions(regions); !known) return ReportError(program, known.error());
  if (!output.empty()) {
    if (auto writable = util::CheckWritable(output); !writable) {
      return ReportError(program, util::InvalidInput("--output: " + writable.error().message));
    }
  }
  const cloud::Backend* chosen = cloud::FindBackend(backend.backend);
  if (chosen == nullptr || !chosen->refresh_catalog) {
    return ReportError(program, util::InvalidInput("--backend: '" + backend.backend +
                                                   "' cannot read a catalog (accepted: " +
                                                   RefreshBackends() + ")"));
  }
  auto flags = cloud::ResolveFlags(*chosen, GivenBackendFlags(backend), cloud::Backends());
  if (!flags) return ReportError(program, flags.error());
  auto refreshed = chosen->refresh_catalog(*flags, regions);
  if (!refreshed) return ReportError(program, refreshed.error());
  if (output.empty()) {
    std::cout << refreshed->json;
    return kExitSuccess;
  }
  if (auto written = util::WriteFileAtomic(output, refreshed->json); !written) {
    return ReportError(program, written.error());
  }
  std::cout << "Catalog written to " << output << ": " << refreshed->types << " types, "
            << refreshed->prices << " regional prices in " << util::Join(regions, ", ") << "\n";
  if (!refreshed->skipped_families.empty()) {
    std::cout << "Left out (no processor facts for these families in the embedded catalog): "
              << util::Join(refreshed->skipped_families, ", ") << "\n";
  }
  std::cout << "Use it with --catalog " << output
            << " (each type in it replaces the embedded one as a whole: refresh every region "
               "you plan in)\n";
  return kExitSuccess;
}

}  // namespace cli
