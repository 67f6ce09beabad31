#pragma once
// `results import DIR`: result files of our schema and of the earlier Go project, checked
// and written into a journal of backend "import" so that `report` reads them like any
// campaign (docs/report.md, "Importing results").

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "report/import_checks.h"
#include "report/import_flags.h"
#include "util/expected.h"

namespace report {

struct ImportOutcome {
  std::vector<ImportedFile> files;    // the files that will be journalled
  std::vector<std::string> rejected;  // files left out for schema violations (see flags)
  ImportFlags flags;                  // every problem, of kept and rejected files alike
};

// Reads every *.json file directly in `directory`, in name order. kInvalidInput (one line,
// naming the directory or file) when the directory is missing or holds no *.json file, or
// a file is unreadable, not JSON, or not a result file of either schema. A result file
// that violates its schema is flagged and left out; the others are flagged and kept.
util::Expected<ImportOutcome> ReadResultDirectory(const std::string& directory,
                                                  const catalog::Catalog& catalog);

// Creates the journal at `path` (which must not exist) holding the kept files: one
// session, job, attempt and result per file, and one "import-flag" event per flag.
// `now` (UTC seconds) stamps the campaign and rows. On failure no file is left behind.
util::Status WriteImportJournal(const std::string& path, const std::string& directory,
                                const ImportOutcome& outcome, int64_t now);

}  // namespace report
