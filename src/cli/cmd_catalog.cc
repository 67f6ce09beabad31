// catalog list [--family F] [--region R] [--catalog FILE]; catalog show TYPE.

#include <iomanip>
#include <iostream>
#include <sstream>

#include "catalog/catalog.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/flags.h"
#include "cli/table.h"
#include "util/strings.h"

namespace cli {
namespace {

std::string Money(double usd) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(4) << usd;
  return out.str();
}

std::string Number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

util::Expected<catalog::Catalog> LoadCatalog(const std::string& path) {
  return catalog::Catalog::Load(path);
}

}  // namespace

int RunCatalogList(const std::string& program, const Args& args) {
  CLI::App app("List the instance types of the catalog.", program);
  std::vector<std::string> families;
  std::string region = "us-east-1";
  std::string catalog_path;
  app.add_option("--family", families, "only these families (comma-separated)")->delimiter(',');
  app.add_option("--region", region, "region whose on-demand price is shown [default: us-east-1]");
  app.add_option("--catalog", catalog_path, "user catalog file (docs/catalog.md)");
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  auto catalog = LoadCatalog(catalog_path);
  if (!catalog) return ReportError(program, catalog.error());
  if (catalog->Region(region) == nullptr) {
    return ReportError(
        program,
        util::InvalidInput("--region: unknown region '" + region + "'" +
                           util::DidYouMean(region, catalog->RegionNames()) +
                           " (accepted: " + util::Join(catalog->RegionNames(), ", ") + ")"));
  }
  for (const std::string& family : families) {
    if (catalog->TypesOfFamily(family).empty()) {
      return ReportError(program,
                         util::InvalidInput("--family: unknown instance family '" + family + "'" +
                                            util::DidYouMean(family, catalog->FamilyNames())));
    }
  }
  Table table({"type", "vcpus", "memory_gib", "arch", "vendor", "microarchitecture", "isa",
               "usd_per_hour@" + region});
  for (const std::string& family : families.empty() ? catalog->FamilyNames() : families) {
    for (const catalog::InstanceType* type : catalog->TypesOfFamily(family)) {
      const catalog::Price* price = type->OnDemandPrice(region);
      table.AddRow(
          {type->name, std::to_string(type->vcpus), Number(type->memory_gib),
           catalog::ToString(type->architecture), catalog::ToString(type->vendor),
           type->microarchitecture, util::Join(type->isa, ","),
           price ? Money(price->usd_per_hour) + (price->derived ? " (derived)" : "") : "-"});
    }
  }
  table.Print(std::cout);
  std::cout << "\n"
            << catalog->types().size() << " types; snapshot " << catalog->snapshot_date()
            << "; sources: 'catalog show TYPE' and docs/catalog.md\n";
  return kExitSuccess;
}

int RunCatalogShow(const std::string& program, const Args& args) {
  CLI::App app("Show every fact of one instance type, with its sources.", program);
  std::string name;
  std::string catalog_path;
  app.add_option("TYPE", name, "instance type, e.g. m7i.large")->required();
  app.add_option("--catalog", catalog_path, "user catalog file (docs/catalog.md)");
  if (auto exit = ParseFlags(app, program, args)) return *exit;
  auto catalog = LoadCatalog(catalog_path);
  if (!catalog) return ReportError(program, catalog.error());
  const catalog::InstanceType* type = catalog->Find(name);
  if (type == nullptr) {
    return ReportError(program, util::InvalidInput("unknown instance type '" + name + "'" +
                                                   util::DidYouMean(name, catalog->TypeNames()) +
                                                   "; see 'catalog list'"));
  }
  std::cout << type->name << "\n"
            << "  family             " << type->family << " (generation " << type->generation
            << ")\n"
            << "  size               " << type->size << "\n"
            << "  vcpus              " << type->vcpus << "\n"
            << "  memory_gib         " << Number(type->memory_gib) << "\n"
            << "  architecture       " << catalog::ToString(type->architecture) << "\n"
            << "  vendor             " << catalog::ToString(type->vendor) << "\n"
            << "  processor          " << type->processor << "\n"
            << "  microarchitecture  " << type->microarchitecture << "\n"
            << "  isa                " << util::Join(type->isa, ", ") << "\n"
            << "  quota_class        " << type->quota_class << "\n"
            << "  facts source       " << type->facts_source << "\n"
            << "  on-demand USD/hour:\n";
  for (const auto& [region, price] : type->on_demand) {
    std::cout << "    " << std::left << std::setw(16) << region << Money(price.usd_per_hour)
              << "  source " << price.source << " (" << price.date << ")"
              << (price.derived ? ", derived: " + price.rule : "") << "\n";
  }
  for (const std::string& region : catalog->RegionNames()) {
    if (!type->OnDemandPrice(region))
      std::cout << "    " << std::left << std::setw(16) << region << "no price in the catalog\n";
  }
  return kExitSuccess;
}

}  // namespace cli
