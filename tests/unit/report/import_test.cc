// results import: each integrity problem in a file the test writes itself, flagged by file
// and field; bad input refused with one error; the journal that report reads.

#include "report/import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "report/import_go.h"
#include "store/journal.h"
#include "unit/report/import_support.h"

namespace report {
namespace {

using nlohmann::json;
using testing::OwnResult;
using testing::TempDir;
using testing::ValidGoResult;

const catalog::Catalog& Catalog() {
  static const catalog::Catalog catalog = *catalog::Catalog::Embedded();
  return catalog;
}

ImportOutcome Read(const TempDir& dir) {
  auto outcome = ReadResultDirectory(dir.Str(), Catalog());
  EXPECT_TRUE(outcome.has_value()) << (outcome ? "" : outcome.error().message);
  return outcome ? *outcome : ImportOutcome{};
}

// The flags on `file` whose field is `field`.
std::vector<ImportFlag> FlagsOn(const ImportOutcome& outcome, const std::string& file,
                                const std::string& field) {
  std::vector<ImportFlag> found;
  for (const ImportFlag& flag : outcome.flags) {
    if (flag.file == file && flag.field == field) found.push_back(flag);
  }
  return found;
}

std::string AllFlags(const ImportOutcome& outcome) {
  std::string text;
  for (const ImportFlag& flag : outcome.flags) text += ToString(flag) + "\n";
  return text;
}

TEST(Import, ValidFilesOfBothSchemasPassWithoutFlags) {
  TempDir dir;
  dir.Write("go.json", ValidGoResult("m7i.large", 41.9));
  dir.Write("own.json", OwnResult("m7i.xlarge", {80.1, 80.4, 79.9}));
  ImportOutcome outcome = Read(dir);
  EXPECT_EQ(outcome.files.size(), 2u);
  EXPECT_TRUE(outcome.rejected.empty());
  EXPECT_TRUE(outcome.flags.empty()) << AllFlags(outcome);
}

TEST(Import, GoSchemaViolationsAreFlaggedAndTheFileLeftOut) {
  struct Case {
    const char* pointer;
    json value;
    const char* field;
  };
  const std::vector<Case> cases = {
      // The ComputeCompass example's "cycles|GB/s" is not one of the schema's units.
      {"/performance/memory/cache/l1/unit", "cycles|GB/s", "performance.memory.cache.l1.unit"},
      {"/metadata/instanceType", "M7i.large", "metadata.instanceType"},
      {"/metadata/processorArchitecture", "sparc", "metadata.processorArchitecture"},
      {"/performance/cpu/linpack/efficiency", 1.5, "performance.cpu.linpack.efficiency"},
      {"/performance/memory/stream/triad/bandwidth", -1.0,
       "performance.memory.stream.triad.bandwidth"},
      {"/performance/memory/stream/triad/bandwidth", "41.9",
       "performance.memory.stream.triad.bandwidth"},
      {"/validation/reproducibility/runs", 2.5, "validation.reproducibility.runs"},
      {"/metadata/numaTopology/socketCount", 0, "metadata.numaTopology.socketCount"},
  };
  for (const Case& c : cases) {
    TempDir dir;
    json document = ValidGoResult();
    document[json::json_pointer(c.pointer)] = c.value;
    dir.Write("bad.json", document);
    ImportOutcome outcome = Read(dir);
    EXPECT_EQ(FlagsOn(outcome, "bad.json", c.field).size(), 1u) << c.field << "\n"
                                                                << AllFlags(outcome);
    EXPECT_EQ(outcome.rejected, std::vector<std::string>{"bad.json"});
    EXPECT_TRUE(outcome.files.empty());
  }
  for (const char* required : {"/validation/reproducibility/runs", "/metadata/region"}) {
    TempDir dir;
    json document = ValidGoResult();
    document[json::json_pointer(required).parent_pointer()].erase(
        json::json_pointer(required).back());
    dir.Write("bad.json", document);
    ImportOutcome outcome = Read(dir);
    std::string field = std::string(required + 1);
    std::replace(field.begin(), field.end(), '/', '.');
    EXPECT_EQ(FlagsOn(outcome, "bad.json", field).size(), 1u) << field << "\n" << AllFlags(outcome);
  }
}

TEST(Import, MissingStatisticsAreFlagged) {
  TempDir dir;
  json document = ValidGoResult();
  document["validation"]["reproducibility"].erase("stddev");
  document["validation"]["reproducibility"]["runs"] = 1;
  dir.Write("thin.json", document);
  dir.Write("one-sample.json", OwnResult("m7i.xlarge", {80.0}));
  ImportOutcome outcome = Read(dir);
  EXPECT_EQ(outcome.files.size(), 2u);  // flagged, not left out
  EXPECT_EQ(FlagsOn(outcome, "thin.json", "validation.reproducibility.stddev").size(), 1u);
  EXPECT_EQ(FlagsOn(outcome, "thin.json", "validation.reproducibility.runs").size(), 1u);
  EXPECT_EQ(FlagsOn(outcome, "one-sample.json", "benchmarks[0].metrics[0].samples").size(), 1u)
      << AllFlags(outcome);
}

TEST(Import, IdenticalFiguresAcrossTypesOrRunsAreFlagged) {
  TempDir dir;
  dir.Write("a.json", ValidGoResult("m7i.large", 41.9));
  dir.Write("b.json", ValidGoResult("m7i.xlarge", 41.9));  // the same figures, another type
  dir.Write("c.json", ValidGoResult("m7i.2xlarge", 83.0));
  dir.Write("own-1.json", OwnResult("c7i.large", {50.1, 50.2, 50.3}));
  dir.Write("own-2.json", OwnResult("c7i.large", {50.1, 50.2, 50.3}));  // another "run"
  ImportOutcome outcome = Read(dir);
  EXPECT_EQ(FlagsOn(outcome, "a.json", "performance.memory.stream").size(), 1u)
      << AllFlags(outcome);
  EXPECT_EQ(FlagsOn(outcome, "b.json", "performance.memory.stream").size(), 1u);
  EXPECT_TRUE(FlagsOn(outcome, "c.json", "performance.memory.stream").empty());
  EXPECT_EQ(FlagsOn(outcome, "own-1.json", "benchmarks[0]").size(), 1u);
  EXPECT_EQ(FlagsOn(outcome, "own-2.json", "benchmarks[0]").size(), 1u);
}

TEST(Import, TriadAboveTheMemorySystemsPeakIsFlagged) {
  TempDir dir;
  // One socket: the bound is 614.4 GB/s; two sockets double it.
  dir.Write("over.json", ValidGoResult("m7i.large", 650.0));
  json two_sockets = ValidGoResult("m7i.xlarge", 650.0);
  two_sockets["metadata"]["numaTopology"]["socketCount"] = 2;
  dir.Write("two-sockets.json", two_sockets);
  dir.Write("own-over.json", OwnResult("m7i.2xlarge", {100, 9000, 101}));
  ImportOutcome outcome = Read(dir);
  EXPECT_EQ(FlagsOn(outcome, "over.json", "performance.memory.stream.triad.bandwidth").size(), 1u)
      << AllFlags(outcome);
  EXPECT_TRUE(
      FlagsOn(outcome, "two-sockets.json", "performance.memory.stream.triad.bandwidth").empty());
  // Our file does not say its sockets here: the bound is 8 sockets' worth, 4915.2 GB/s.
  EXPECT_EQ(FlagsOn(outcome, "own-over.json", "benchmarks[0].metrics[0].samples").size(), 1u);
}

TEST(Import, LatencyBelowOneCycleIsFlagged) {
  TempDir dir;
  json document = ValidGoResult();
  document["performance"]["memory"]["cache"]["memory"]["latency"] = 0.1;
  document["performance"]["memory"]["cache"]["l1"]["latency"] = 0.5;
  dir.Write("fast.json", document);
  dir.Write("own-fast.json",
            OwnResult("m7i.xlarge", {0.9, 0.15, 1.0}, "micro-latency", "latency", "ns"));
  ImportOutcome outcome = Read(dir);
  EXPECT_EQ(FlagsOn(outcome, "fast.json", "performance.memory.cache.memory.latency").size(), 1u)
      << AllFlags(outcome);
  EXPECT_EQ(FlagsOn(outcome, "fast.json", "performance.memory.cache.l1.latency").size(), 1u);
  EXPECT_EQ(FlagsOn(outcome, "own-fast.json", "benchmarks[0].metrics[0].samples").size(), 1u);
}

TEST(Import, TypesTheCatalogDoesNotKnowOrWhoseProcessorDiffersAreFlagged) {
  TempDir dir;
  dir.Write("unknown.json", ValidGoResult("zz9.large"));
  json graviton = ValidGoResult("m7i.large", 44.0);
  graviton["metadata"]["processorArchitecture"] = "graviton";
  dir.Write("wrong-cpu.json", graviton);
  ImportOutcome outcome = Read(dir);
  EXPECT_EQ(FlagsOn(outcome, "unknown.json", "metadata.instanceType").size(), 1u)
      << AllFlags(outcome);
  EXPECT_EQ(FlagsOn(outcome, "wrong-cpu.json", "metadata.instanceType").size(), 1u);
}

TEST(Import, OwnFilesThatFailOurValidatorAreFlaggedAndLeftOut) {
  TempDir dir;
  json edited = OwnResult("m7i.large", {80.1, 80.4, 79.9});
  edited["benchmarks"][0]["metrics"][0]["statistics"]["mean"] = 99.0;  // hand-edited
  dir.Write("edited.json", edited);
  ImportOutcome outcome = Read(dir);
  EXPECT_EQ(FlagsOn(outcome, "edited.json", "benchmarks[0].metrics[0].statistics.mean").size(), 1u)
      << AllFlags(outcome);
  EXPECT_EQ(outcome.rejected, std::vector<std::string>{"edited.json"});
}

TEST(Import, BadInputIsOneInvalidInputError) {
  TempDir dir;
  auto missing = ReadResultDirectory((dir.path() / "nope").string(), Catalog());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(missing.error().message.find("no such directory"), std::string::npos);

  auto empty = ReadResultDirectory(dir.Str(), Catalog());
  ASSERT_FALSE(empty.has_value());
  EXPECT_NE(empty.error().message.find("no *.json"), std::string::npos);

  dir.Write("plan.json", json{{"jobs", json::array()}});
  auto not_result = ReadResultDirectory(dir.Str(), Catalog());
  ASSERT_FALSE(not_result.has_value());
  EXPECT_NE(not_result.error().message.find("plan.json: not a result file"), std::string::npos);

  TempDir broken;
  broken.WriteText("broken.json", "{\"schema\": ");
  auto not_json = ReadResultDirectory(broken.Str(), Catalog());
  ASSERT_FALSE(not_json.has_value());
  EXPECT_NE(not_json.error().message.find("broken.json: not JSON"), std::string::npos);
}

TEST(Import, TheJournalHoldsOneResultPerKeptFileAndEveryFlag) {
  TempDir dir;
  dir.Write("go.json", ValidGoResult("m7i.large", 41.9));
  dir.Write("own.json", OwnResult("m7i.xlarge", {80.1, 80.4, 79.9}));
  json document = ValidGoResult("m7i.2xlarge", 60.0);
  document["validation"]["reproducibility"].erase("stddev");
  dir.Write("thin.json", document);
  ImportOutcome outcome = Read(dir);
  std::string path = (dir.path() / "imported.db").string();
  ASSERT_TRUE(WriteImportJournal(path, dir.Str(), outcome, 1'700'000'000).has_value());

  auto journal = store::Journal::Open(path);
  ASSERT_TRUE(journal.has_value());
  auto snapshot = journal->Load();
  ASSERT_TRUE(snapshot.has_value());
  EXPECT_EQ(snapshot->campaign.backend, "import");
  ASSERT_EQ(snapshot->results.size(), 3u);
  EXPECT_EQ(snapshot->jobs.size(), 3u);
  EXPECT_EQ(snapshot->jobs[0].instance_type, "m7i.large");
  auto go = journal->ResultJson(snapshot->results[0].job, snapshot->results[0].attempt_id);
  ASSERT_TRUE(go.has_value());
  json converted = json::parse(*go);
  // The Go file's triad became a metric whose one sample is the reported figure.
  EXPECT_EQ(converted["benchmarks"][0]["metrics"][3]["name"], "triad");
  EXPECT_EQ(converted["benchmarks"][0]["metrics"][3]["samples"], json::array({41.9}));
  EXPECT_EQ(converted["metadata"]["imported"]["source_file"], "go.json");
  // Our own file is stored byte for byte.
  auto own = journal->ResultJson(snapshot->results[1].job, snapshot->results[1].attempt_id);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(json::parse(*own), json::parse(outcome.files[1].text));
  auto events = journal->Events();
  ASSERT_TRUE(events.has_value());
  EXPECT_EQ(std::count_if(events->begin(), events->end(),
                          [](const store::EventRow& e) { return e.kind == "import-flag"; }),
            static_cast<long>(outcome.flags.size()));
  EXPECT_FALSE(outcome.flags.empty());

  // A second import onto the same journal is refused and leaves it as it was.
  auto again = WriteImportJournal(path, dir.Str(), outcome, 1'700'000'001);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_EQ(store::Journal::Open(path)->Load()->results.size(), 3u);
}

}  // namespace
}  // namespace report
