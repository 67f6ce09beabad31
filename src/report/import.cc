#include "report/import.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "agent/result_schema.h"
#include "report/import_go.h"
#include "store/journal.h"
#include "store/sha256.h"
#include "util/files.h"

namespace report {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

util::Expected<std::vector<std::string>> JsonFiles(const std::string& directory) {
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    return util::InvalidInput(
        directory +
        ": no such directory (results import reads a directory of *.json result files)");
  }
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      names.push_back(entry.path().filename().string());
    }
  }
  if (error) return util::InvalidInput(directory + ": cannot list: " + error.message());
  if (names.empty()) return util::InvalidInput(directory + ": holds no *.json result file");
  std::sort(names.begin(), names.end());
  return names;
}

std::string Text(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) return "";
  return object.at(key).get<std::string>();
}

// "benchmarks[0].metrics[0].samples: must be ..." -> field and problem.
ImportFlag FlagFromValidation(const std::string& file, const std::string& message) {
  size_t colon = message.find(": ");
  if (colon == std::string::npos) return {file, "(document)", message};
  return {file, message.substr(0, colon), message.substr(colon + 2)};
}

// Our own schema: validated by the agent's validator (which recomputes every statistic).
void ReadOwnResult(const std::string& name, std::string text, json document,
                   ImportOutcome& outcome) {
  if (auto valid = agent::ValidateResultDocument(document); !valid) {
    outcome.flags.push_back(FlagFromValidation(name, valid.error().message));
    outcome.rejected.push_back(name);
    return;
  }
  const json& metadata = document.at("metadata");
  ImportedFile file;
  file.file = name;
  file.format = agent::kResultSchemaName;
  file.instance_type = Text(metadata, "planned_instance_type");
  if (file.instance_type.empty()) file.instance_type = Text(metadata, "instance_type");
  file.region = Text(metadata, "region");
  if (file.region.empty()) file.region = Text(metadata, "planned_region");
  file.market = Text(metadata, "market");
  file.text = std::move(text);
  file.document = std::move(document);
  outcome.files.push_back(std::move(file));
}

void ReadGoResult(const std::string& name, const json& document, ImportOutcome& outcome) {
  ImportFlags schema = CheckGoSchema(document, name);
  if (!schema.empty()) {
    outcome.flags.insert(outcome.flags.end(), schema.begin(), schema.end());
    outcome.rejected.push_back(name);
    return;
  }
  ImportFlags statistics = CheckGoStatistics(document, name);
  outcome.flags.insert(outcome.flags.end(), statistics.begin(), statistics.end());
  ImportedFile file;
  file.file = name;
  file.format = kGoFormatName;
  file.document = ConvertGoResult(document, name);
  file.text = file.document.dump();
  file.instance_type = Text(document.at("metadata"), "instanceType");
  file.region = Text(document.at("metadata"), "region");
  outcome.files.push_back(std::move(file));
}

}  // namespace

util::Expected<ImportOutcome> ReadResultDirectory(const std::string& directory,
                                                  const catalog::Catalog& catalog) {
  auto names = JsonFiles(directory);
  if (!names) return names.error();
  ImportOutcome outcome;
  for (const std::string& name : *names) {
    std::string path = (fs::path(directory) / name).string();
    auto text = util::ReadFile(path);
    if (!text) return util::InvalidInput(path + ": cannot read: " + text.error().message);
    json document = json::parse(*text, nullptr, false);
    if (document.is_discarded()) return util::InvalidInput(path + ": not JSON");
    if (Text(document, "schema") == agent::kResultSchemaName) {
      ReadOwnResult(name, std::move(*text), std::move(document), outcome);
    } else if (LooksLikeGoResult(document)) {
      ReadGoResult(name, document, outcome);
    } else {
      return util::InvalidInput(path + ": not a result file (neither \"schema\": \"" +
                                std::string(agent::kResultSchemaName) +
                                "\" nor the Go project's schema_version 1.0.0)");
    }
  }
  for (const ImportedFile& file : outcome.files) {
    for (ImportFlags flags : {CheckPhysicalLimits(file, catalog), CheckSampleCounts(file)}) {
      outcome.flags.insert(outcome.flags.end(), flags.begin(), flags.end());
    }
  }
  ImportFlags identical = CheckIdenticalFigures(outcome.files);
  outcome.flags.insert(outcome.flags.end(), identical.begin(), identical.end());
  return outcome;
}

}  // namespace report
