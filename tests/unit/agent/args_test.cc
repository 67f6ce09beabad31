#include <gtest/gtest.h>

#include "agent/commands.h"

namespace agent {
namespace {

TEST(RunArgs, AcceptsEveryFlagInBothForms) {
  auto request = ParseRunArgs({"stream",     "micro",    "--quick",        "--iterations=4",
                               "--threads",  "2",        "--output",       "r.json",
                               "--job-id",   "j",        "--session-id=s", "--instance-type",
                               "m7i.large",  "--region", "us-east-1",      "--az",
                               "us-east-1a", "--market", "spot",           "--no-imds"});
  ASSERT_TRUE(request.has_value()) << request.error().message;
  EXPECT_EQ(request->names, (std::vector<std::string>{"stream", "micro"}));
  EXPECT_TRUE(request->options.quick);
  EXPECT_EQ(request->options.iterations, 4);
  EXPECT_EQ(request->options.threads, 2);
  EXPECT_EQ(request->output, "r.json");
  EXPECT_EQ(request->options.session_id, "s");
  EXPECT_EQ(request->options.availability_zone, "us-east-1a");
  EXPECT_EQ(request->options.market, "spot");
  EXPECT_FALSE(request->imds);
}

TEST(RunArgs, BadInputNamesTheFlagAndWhatIsAccepted) {
  struct Case {
    std::vector<std::string> args;
    const char* expected;
  };
  const Case cases[] = {
      {{"--iterations", "0"}, "--iterations: expected a whole number from 1 to 1000, got '0'"},
      {{"--iterations=ten"}, "--iterations: expected a whole number from 1 to 1000, got 'ten'"},
      {{"--threads"}, "--threads: expected a value"},
      {{"--market", "reserved"}, "--market: expected 'on-demand' or 'spot', got 'reserved'"},
      {{"--quik"}, "unknown flag '--quik' (did you mean '--quick'?)"},
      {{"--output="}, "--output: expected a value"},
      {{"--quick=maybe"}, "--quick: expected true or false, got 'maybe'"},
  };
  for (const Case& c : cases) {
    auto request = ParseRunArgs(c.args);
    ASSERT_FALSE(request.has_value()) << c.expected;
    EXPECT_EQ(request.error().message, c.expected);
    EXPECT_EQ(request.error().error_class, util::ErrorClass::kInvalidInput);
  }
}

TEST(RunArgs, BooleanFlagsTakeAnExplicitValue) {
  EXPECT_TRUE(ParseRunArgs({"--quick=true"})->options.quick);
  EXPECT_FALSE(ParseRunArgs({"--quick", "--quick=false"})->options.quick);
  EXPECT_TRUE(ParseRunArgs({"--no-imds=false"})->imds);
}

TEST(RunArgs, DefaultsLeaveIterationsToTheRunner) {
  auto request = ParseRunArgs({});
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->options.iterations, 0);
  EXPECT_TRUE(request->imds);
  EXPECT_TRUE(request->names.empty());
}

}  // namespace
}  // namespace agent
