// catalog list [--family F] [--region R] [--catalog FILE]; catalog show TYPE.

#include <iomanip>
#include <iostream>
#include <set>
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

// "key (date)" for a source key, or "none given" when a fact names no source.
std::string Cite(const catalog::Catalog& catalog, const std::string& key) {
  if (key.empty()) return "none given";
  auto it = catalog.sources().find(key);
  return it == catalog.sources().end() ? key : key + " (" + it->second.date + ")";
}

void PrintSources(const catalog::Catalog& catalog) {
  std::cout << "sources:\n";
  for (const auto& [key, source] : catalog.sources()) {
    std::cout << "  " << key << " (" << source.date << "): " << source.description << "\n";
  }
}

// Every fact of one type, each followed by the source it comes from.
void PrintFacts(const catalog::Catalog& catalog, const catalog::InstanceType& type) {
  const std::string spec = "  [" + Cite(catalog, type.spec_source) + "]\n";
  const std::string facts = "  [" + Cite(catalog, type.facts_source) + "]\n";
  std::cout << type.name << "  (snapshot " << catalog.snapshot_date() << ")\n"
            << "  family             " << type.family << " (generation " << type.generation << ")\n"
            << "  size               " << type.size << "\n"
            << "  vcpus              " << type.vcpus << spec << "  memory_gib         "
            << Number(type.memory_gib) << spec << "  architecture       "
            << catalog::ToString(type.architecture) << facts << "  vendor             "
            << catalog::ToString(type.vendor) << facts << "  processor          " << type.processor
            << facts << "  microarchitecture  " << type.microarchitecture << facts
            << "  isa                " << util::Join(type.isa, ", ") << facts
            << "  quota_class        " << type.quota_class
            << "  [EC2 vCPU quota class of the series, docs/catalog.md]\n";
}

// Each regional price, copied or derived (with its rule), and the regions without one.
void PrintPrices(const catalog::Catalog& catalog, const catalog::InstanceType& type) {
  std::cout << "  on-demand USD/hour (Linux):\n";
  for (const auto& [region, price] : type.on_demand) {
    std::cout << "    " << std::left << std::setw(16) << region << Money(price.usd_per_hour) << "  "
              << catalog::ToString(price.basis) << " from " << Cite(catalog, price.source)
              << (price.derived() ? "; rule: " + price.rule : "") << "\n";
  }
  std::vector<std::string> unpriced;
  for (const std::string& region : catalog.RegionNames()) {
    if (!type.OnDemandPrice(region)) unpriced.push_back(region);
  }
  if (!unpriced.empty()) {
    std::cout
        << "    no price (no source in the catalog lists one; docs/catalog.md, Known gaps) in "
        << unpriced.size() << " regions: " << util::Join(unpriced, ", ") << "\n";
  }
}

void PrintCitedSources(const catalog::Catalog& catalog, const catalog::InstanceType& type) {
  std::cout << "sources cited above:\n";
  std::set<std::string> cited = {type.spec_source, type.facts_source};
  for (const auto& [region, price] : type.on_demand) cited.insert(price.source);
  for (const std::string& key : cited) {
    auto it = catalog.sources().find(key);
    if (it != catalog.sources().end())
      std::cout << "  " << key << ": " << it->second.description << "\n";
  }
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
           price ? Money(price->usd_per_hour) + (price->derived() ? " (derived)" : "") : "-"});
    }
  }
  table.Print(std::cout);
  std::cout << "\n"
            << catalog->types().size() << " types; snapshot " << catalog->snapshot_date()
            << "; a price marked (derived) was computed by a rule ('catalog show TYPE' cites it)\n";
  PrintSources(*catalog);
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
  PrintFacts(*catalog, *type);
  PrintPrices(*catalog, *type);
  PrintCitedSources(*catalog, *type);
  return kExitSuccess;
}

}  // namespace cli
