#pragma once
// `catalog refresh`: a user catalog (docs/catalog.md, format_version 1) built from the
// account's own view of AWS: each region's instance types from EC2 DescribeInstanceTypes
// (vCPUs, memory, architecture) and their on-demand prices from the Price List API
// (GetProducts: AmazonEC2, Linux, shared tenancy, no pre-installed software, capacity status
// Used, the region by its regionCode). Neither API publishes a processor's model,
// microarchitecture or ISA, so a family's facts come from the embedded catalog and a type of
// a family it does not describe is left out (and counted), never guessed.

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "cloud/aws/aws_cloud.h"
#include "cloud/backend.h"

namespace cloud::aws {

util::Expected<CatalogRefresh> RefreshCatalog(Services& services,
                                              const std::vector<std::string>& regions,
                                              const catalog::Catalog& known);

}  // namespace cloud::aws
