#pragma once
// Family and size of an instance-type name, through the catalog's name parser, for
// grouping report rows. A name the parser rejects ("local") is its own family, size "".

#include <string>

namespace report {

std::string FamilyOf(const std::string& type);
std::string SizeOf(const std::string& type);
// The catalog's order of sizes (large < xlarge < 2xlarge < ...).
int SizeRankOf(const std::string& type);

}  // namespace report
