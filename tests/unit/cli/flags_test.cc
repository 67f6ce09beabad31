// cli flag parsing: usage errors are exit 2 with one line, help is exit 0, booleans take
// the bare and the =value forms, and the backend flags come from cloud's registry with only
// the given ones passed on.
#include "cli/flags.h"

#include <gtest/gtest.h>

#include "cli/campaign_runner.h"
#include "cli/exit_status.h"
#include "cloud/registry.h"

namespace cli {
namespace {

struct Captured {
  std::optional<int> exit;
  std::string out;
  std::string err;
};

Captured Parse(CLI::App& app, const Args& args) {
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  Captured c;
  c.exit = ParseFlags(app, "prog cmd", args);
  c.out = testing::internal::GetCapturedStdout();
  c.err = testing::internal::GetCapturedStderr();
  return c;
}

TEST(ParseFlags, UnknownFlagIsExit2WithOneLineAndAHint) {
  CLI::App app("test", "prog cmd");
  std::string days;
  app.add_option("--days", days, "days");
  Captured c = Parse(app, {"--dayz", "3"});
  ASSERT_TRUE(c.exit);
  EXPECT_EQ(*c.exit, kExitUsage);
  EXPECT_NE(c.err.find("--days"), std::string::npos) << c.err;  // did you mean
  EXPECT_EQ(c.err.find('\n'), c.err.size() - 1) << c.err;       // one line
  EXPECT_TRUE(c.out.empty());
}

TEST(ParseFlags, MissingRequiredFlagIsExit2) {
  CLI::App app("test", "prog cmd");
  std::string state;
  app.add_option("--state", state, "state")->required();
  Captured c = Parse(app, {});
  ASSERT_TRUE(c.exit);
  EXPECT_EQ(*c.exit, kExitUsage);
  EXPECT_NE(c.err.find("--state"), std::string::npos) << c.err;
}

TEST(ParseFlags, HelpIsExit0OnStdout) {
  CLI::App app("Describes the command.", "prog cmd");
  Captured c = Parse(app, {"--help"});
  ASSERT_TRUE(c.exit);
  EXPECT_EQ(*c.exit, kExitSuccess);
  EXPECT_NE(c.out.find("Describes the command."), std::string::npos);
  EXPECT_TRUE(c.err.empty());
}

TEST(ParseFlags, GoodFlagsLetTheCommandRun) {
  CLI::App app("test", "prog cmd");
  std::string days = "7";
  app.add_option("--days", days, "days");
  Captured c = Parse(app, {"--days", "3"});
  EXPECT_FALSE(c.exit);
  EXPECT_EQ(days, "3");
}

TEST(BoolFlag, BareEqualsTrueAndFalseForms) {
  for (const auto& [args, expected] :
       std::vector<std::pair<Args, bool>>{{{}, false},
                                          {{"--quick"}, true},
                                          {{"--quick=true"}, true},
                                          {{"--quick=false"}, false},
                                          {{"--quick=yes"}, true},
                                          {{"--quick=false", "--quick"}, true}}) {
    CLI::App app("test", "prog cmd");
    std::string text = "false";
    AddBoolFlag(app, "--quick", text, "quick");
    ASSERT_FALSE(Parse(app, args).exit);
    auto value = ParseBoolFlag("--quick", text);
    ASSERT_TRUE(value) << testing::PrintToString(args);
    EXPECT_EQ(*value, expected) << testing::PrintToString(args);
  }
}

TEST(BoolFlag, BadValueNamesTheFlagAndTheAcceptedForms) {
  auto value = ParseBoolFlag("--quick", "maybe");
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(value.error().message.find("--quick=false"), std::string::npos);
}

TEST(BackendFlags, EveryRegisteredBackendFlagIsAcceptedWithItsHelp) {
  CLI::App app("test", "prog cmd");
  BackendFlags flags;
  AddBackendFlags(app, flags, StateFlag::kRequired);
  std::string help = app.help();
  for (const cloud::Backend* backend : cloud::Backends()) {
    EXPECT_NE(help.find(backend->name), std::string::npos);  // listed in --backend's help
    for (const cloud::BackendFlag& flag : backend->flags) {
      EXPECT_NE(help.find(flag.name), std::string::npos) << flag.name;
      EXPECT_NE(help.find(flag.help), std::string::npos) << flag.name;
    }
  }
}

TEST(BackendFlags, OnlyTheGivenFlagsArePassedOn) {
  const cloud::Backend* backend = cloud::Backends().front();
  ASSERT_FALSE(backend->flags.empty());
  const cloud::BackendFlag& flag = backend->flags.front();
  CLI::App app("test", "prog cmd");
  BackendFlags flags;
  AddBackendFlags(app, flags, StateFlag::kRequired);
  std::string value = flag.kind == cloud::FlagKind::kBool ? "true" : "0.5";
  ASSERT_FALSE(
      Parse(app, {"--backend", backend->name, "--state", "x.db", flag.name + "=" + value}).exit);
  exec::NewCampaign request = NewCampaignFrom(flags);
  EXPECT_EQ(request.backend, backend->name);
  EXPECT_EQ(request.state, "x.db");
  EXPECT_EQ(request.backend_flags, (cloud::FlagValues{{flag.name, value}}));
}

// Repeated and comma-separated forms mix; the order given is kept (it is, for --subnet, the
// AZ failover order).
TEST(BackendFlags, AListFlagIsRepeatableAndKeepsTheOrderGiven) {
  for (const cloud::Backend* backend : cloud::Backends()) {
    for (const cloud::BackendFlag& flag : backend->flags) {
      if (flag.kind != cloud::FlagKind::kList) continue;
      CLI::App app("test", "prog cmd");
      BackendFlags flags;
      AddBackendFlags(app, flags, StateFlag::kOptional);
      ASSERT_FALSE(Parse(app, {"--backend", backend->name, flag.name, "c", flag.name + "=a,d",
                               flag.name, "b"})
                       .exit);
      cloud::FlagValues given = GivenBackendFlags(flags);
      EXPECT_EQ(given.at(flag.name), "c,a,d,b") << flag.name;
      auto resolved = cloud::ResolveFlags(*backend, given, cloud::Backends());
      ASSERT_TRUE(resolved) << resolved.error().message;
    }
  }
}

// A one-value flag given twice takes the last value, like the planning flags: a repeated
// --key-pair is not a usage error, and nothing of the first value is passed on.
TEST(BackendFlags, AOneValueFlagGivenTwiceTakesTheLast) {
  for (const cloud::Backend* backend : cloud::Backends()) {
    for (const cloud::BackendFlag& flag : backend->flags) {
      if (flag.kind == cloud::FlagKind::kList) continue;
      std::string first = flag.kind == cloud::FlagKind::kBool ? "false" : "1";
      std::string last = flag.kind == cloud::FlagKind::kBool ? "true" : "0.5";
      CLI::App app("test", "prog cmd");
      BackendFlags flags;
      AddBackendFlags(app, flags, StateFlag::kOptional);
      Captured c =
          Parse(app, {"--backend", backend->name, flag.name + "=" + first, flag.name + "=" + last});
      ASSERT_FALSE(c.exit) << flag.name << ": " << c.err;
      EXPECT_EQ(GivenBackendFlags(flags).at(flag.name), last) << flag.name;
    }
  }
}

TEST(BackendFlags, TheBackendIsAwsUnlessNamed) {
  CLI::App app("test", "prog cmd");
  BackendFlags flags;
  AddBackendFlags(app, flags, StateFlag::kOptional);
  ASSERT_FALSE(Parse(app, {}).exit);
  EXPECT_EQ(flags.backend, "aws");
  ASSERT_NE(cloud::FindBackend(flags.backend), nullptr);
}

TEST(BackendFlags, ABareBooleanBackendFlagIsPassedOnAsGiven) {
  for (const cloud::Backend* backend : cloud::Backends()) {
    for (const cloud::BackendFlag& flag : backend->flags) {
      if (flag.kind != cloud::FlagKind::kBool) continue;
      CLI::App app("test", "prog cmd");
      BackendFlags flags;
      AddBackendFlags(app, flags, StateFlag::kOptional);
      ASSERT_FALSE(Parse(app, {"--backend", backend->name, flag.name}).exit);
      cloud::FlagValues given = GivenBackendFlags(flags);
      ASSERT_EQ(given.count(flag.name), 1u) << flag.name;
      EXPECT_EQ(given.at(flag.name), "");  // the bare form; the backend reads it as true
    }
  }
}

}  // namespace
}  // namespace cli
