#include <gtest/gtest.h>

#include "agent/registry.h"
#include "agent/result_schema.h"
#include "agent/runner.h"
#include "test_support.h"

namespace agent {
namespace {

using testing::HostInfo;

// A real document: stream-prefetch measured on this host (quick, 2 iterations) and
// stream-numa, skipped or measured as the host allows.
const nlohmann::json& RealDocument() {
  static const nlohmann::json document = [] {
    RootedFileReader files;
    RealClock clock;
    RealCapabilities caps(HostInfo());
    std::atomic<bool> cancel{false};
    RunOptions options;
    options.quick = true;
    options.iterations = 2;
    options.instance_type = "m7i.large";
    RunEnvironment env{&HostInfo(), &caps, &clock, &files, &cancel, {}};
    auto results =
        RunVariants({FindVariant("stream-prefetch"), FindVariant("stream-numa")}, options, env);
    return MakeResultDocument(results, options, HostInfo(), clock.WallSeconds() - 3,
                              clock.WallSeconds());
  }();
  return document;
}

std::string ErrorOf(const nlohmann::json& document) {
  util::Status status = ValidateResultDocument(document);
  return status ? "" : status.error().message;
}

TEST(Schema, AcceptsOurOwnOutput) {
  EXPECT_EQ(ErrorOf(RealDocument()), "");
  auto reparsed = ParseResultDocument(RealDocument().dump());
  EXPECT_TRUE(reparsed.has_value());
}

struct Breakage {
  const char* field;  // expected at the start of the error: the path, or the parent's path
                      // and the missing field's name
  void (*apply)(nlohmann::json&);
};

const Breakage kBreakages[] = {
    {"missing field 'schema'", [](nlohmann::json& d) { d.erase("schema"); }},
    {"schema_version:", [](nlohmann::json& d) { d["schema_version"] = 2; }},
    {"tool: missing field 'version'", [](nlohmann::json& d) { d["tool"].erase("version"); }},
    {"metadata.started_at:", [](nlohmann::json& d) { d["metadata"]["started_at"] = 5; }},
    {"metadata.market:", [](nlohmann::json& d) { d["metadata"]["market"] = "reserved"; }},
    {"sysinfo.caches:", [](nlohmann::json& d) { d["sysinfo"]["caches"] = "none"; }},
    {"sysinfo.hypervisor: missing field 'emulated'",
     [](nlohmann::json& d) { d["sysinfo"]["hypervisor"].erase("emulated"); }},
    {"benchmarks:", [](nlohmann::json& d) { d["benchmarks"] = nlohmann::json::object(); }},
    {"benchmarks[0].status:", [](nlohmann::json& d) { d["benchmarks"][0]["status"] = "great"; }},
    {"benchmarks[0].name:", [](nlohmann::json& d) { d["benchmarks"][0]["name"] = ""; }},
    {"benchmarks[0].metrics:",
     [](nlohmann::json& d) { d["benchmarks"][0]["metrics"] = nlohmann::json::array(); }},
    {"benchmarks[0].metrics[1].samples:",
     [](nlohmann::json& d) {
       d["benchmarks"][0]["metrics"][1]["samples"] = nlohmann::json::array();
     }},
    {"benchmarks[0].metrics[0].samples[1]:",
     [](nlohmann::json& d) { d["benchmarks"][0]["metrics"][0]["samples"][1] = "fast"; }},
    {"benchmarks[0].metrics[0].statistics.cv:",
     [](nlohmann::json& d) { d["benchmarks"][0]["metrics"][0]["statistics"]["cv"] = 0.5; }},
    {"benchmarks[0].metrics[0].statistics.",
     [](nlohmann::json& d) {
       d["benchmarks"][0]["metrics"][0]["samples"][0] =
           d["benchmarks"][0]["metrics"][0]["samples"][0].get<double>() * 2;
     }},
    {"benchmarks[0].metrics[2].statistics.count:",
     [](nlohmann::json& d) { d["benchmarks"][0]["metrics"][2]["statistics"]["count"] = 99; }},
    {"benchmarks[0].metrics[0].better:",
     [](nlohmann::json& d) { d["benchmarks"][0]["metrics"][0]["better"] = "more"; }},
    {"benchmarks[0].validation.passed:",
     [](nlohmann::json& d) { d["benchmarks"][0]["validation"]["passed"] = false; }},
    {"benchmarks[0]: missing field 'reason'",
     [](nlohmann::json& d) {
       d["benchmarks"][0]["status"] = "failed";
       d["benchmarks"][0].erase("reason");
     }},
    {"benchmarks[1]: missing field 'parameters'",
     [](nlohmann::json& d) { d["benchmarks"][1].erase("parameters"); }},
};

TEST(Schema, RejectsBrokenDocumentsNamingTheField) {
  ASSERT_EQ(RealDocument()["benchmarks"][0]["status"], "ok");
  for (const Breakage& breakage : kBreakages) {
    nlohmann::json broken = RealDocument();
    breakage.apply(broken);
    std::string error = ErrorOf(broken);
    EXPECT_EQ(error.rfind(breakage.field, 0), 0u)
        << "wanted " << breakage.field << ", got: " << error;
  }
}

// A number beyond double's range is a parse failure with a message, not an exception that
// escapes (found by the fuzz replay: 0.02481969057626e597 terminated `results validate`).
TEST(Schema, NumbersBeyondDoubleAreAnErrorNotACrash) {
  for (const char* text : {"{\"schema_version\": 1e999}", "[0.02481969057626e597]", "-1e400"}) {
    auto document = ParseResultDocument(text);
    ASSERT_FALSE(document.has_value()) << text;
    EXPECT_NE(document.error().message.find("not valid JSON"), std::string::npos)
        << document.error().message;
  }
}

TEST(Schema, ParseErrorsNameThePosition) {
  auto parsed = ParseResultDocument("{\"schema\": ");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("line 1, column 12"), std::string::npos)
      << parsed.error().message;
  EXPECT_EQ(parsed.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_FALSE(ParseResultDocument("[]").has_value());
}

}  // namespace
}  // namespace agent
