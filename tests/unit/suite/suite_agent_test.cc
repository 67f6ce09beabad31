// The agent's custom variant (agent/custom): the argv runs without a shell, figures get the
// same statistics as built-ins, a missing program is skipped with the reason, an unmatched
// pattern or a non-zero exit fails naming the cause, a run past its timeout is killed, and
// requirements the machine lacks are hardware misses (as the planner decides them).
#include <gtest/gtest.h>

#include <chrono>

#include "agent/custom/command.h"
#include "agent/custom/variant.h"
#include "agent/hardware.h"
#include "agent/registry.h"

namespace {

bench::CustomBenchmark Benchmark(std::vector<std::string> command, std::string regex) {
  bench::CustomBenchmark b;
  b.name = "t.b";
  b.command = std::move(command);
  b.metrics = {{"v", "u", bench::Direction::kLower, bench::FigureSource::kRegex, std::move(regex)}};
  b.timeout_s = 20;
  return b;
}

agent::BenchmarkResult RunBenchmark(const bench::CustomBenchmark& b, int iterations = 3) {
  agent::custom::CustomVariant variant(b, "");
  agent::RunContext ctx;
  ctx.iterations = iterations;
  return variant.Run(ctx);
}

TEST(SuiteAgent, RunsArgvWithoutShellAndComputesStatistics) {
  // A shell would expand $HOME and split on ';': printf must see them as they are.
  auto result = RunBenchmark(
      Benchmark({"printf", "%s v=%s\n", "$HOME;x", "42.5"}, "^\\$HOME;x v=(?<v>[0-9.]+)$"));
  ASSERT_EQ(result.status, agent::RunStatus::kOk) << result.reason;
  EXPECT_EQ(result.family, "custom");
  ASSERT_GE(result.metrics.size(), 2u);
  const agent::Metric& v = result.metrics[0];
  EXPECT_EQ(v.name, "v");
  EXPECT_EQ(v.better, agent::Better::kLower);
  EXPECT_EQ(v.samples, (std::vector<double>{42.5, 42.5, 42.5}));
  EXPECT_EQ(v.stats.count, 3u);
  EXPECT_DOUBLE_EQ(v.stats.mean, 42.5);
  EXPECT_EQ(result.metrics[1].name, "run_seconds");
  EXPECT_EQ(result.parameters["iterations"], 3);
}

TEST(SuiteAgent, BenchmarkIterationsOverrideTheRun) {
  bench::CustomBenchmark b = Benchmark({"printf", "v=1\n"}, "v=(?<v>[0-9]+)");
  b.iterations = 2;
  auto result = RunBenchmark(b, 5);
  ASSERT_EQ(result.status, agent::RunStatus::kOk) << result.reason;
  EXPECT_EQ(result.metrics[0].samples.size(), 2u);
}

TEST(SuiteAgent, UnmatchedPatternFailsNamingIt) {
  auto result = RunBenchmark(Benchmark({"printf", "nothing\n"}, "v=(?<v>[0-9]+)"));
  EXPECT_EQ(result.status, agent::RunStatus::kFailed);
  EXPECT_NE(result.reason.find("'v=(?<v>[0-9]+)' matched no line"), std::string::npos)
      << result.reason;
}

TEST(SuiteAgent, NonZeroExitFailsWithStatusAndStandardError) {
  auto result = RunBenchmark(Benchmark({"ls", "/abc-no-such-path"}, "v=(?<v>[0-9]+)"));
  EXPECT_EQ(result.status, agent::RunStatus::kFailed);
  EXPECT_NE(result.reason.find("'ls' exited with status 2"), std::string::npos) << result.reason;
  EXPECT_NE(result.reason.find("abc-no-such-path"), std::string::npos) << result.reason;
}

TEST(SuiteAgent, TimeoutKillsTheCommand) {
  bench::CustomBenchmark b = Benchmark({"sleep", "30"}, "v=(?<v>[0-9]+)");
  b.timeout_s = 1;
  auto start = std::chrono::steady_clock::now();
  auto result = RunBenchmark(b, 1);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(result.status, agent::RunStatus::kFailed);
  EXPECT_NE(result.reason.find("timeout of 1 s"), std::string::npos) << result.reason;
  EXPECT_LT(seconds, 20);
}

TEST(SuiteAgent, MissingProgramIsSkippedWithTheReason) {
  agent::SysInfo info;
  info.memory_total_bytes = uint64_t{8} << 30;
  agent::FakeCapabilities caps;
  agent::custom::CustomVariant variant(Benchmark({"abc-no-such-program", "x"}, "(?<v>1)"), "");
  agent::Applicability applies = agent::CheckApplies(variant, info, caps);
  EXPECT_FALSE(applies.applies);
  EXPECT_FALSE(applies.hardware);  // recorded as skipped, not left out
  EXPECT_NE(applies.reason.find("'abc-no-such-program' not found in PATH"), std::string::npos);
  // And the command runner itself reports a program that cannot be started.
  auto outcome = agent::custom::RunCommand({"abc-no-such-program"}, "", 5, nullptr);
  EXPECT_EQ(outcome.end, agent::custom::CommandEnd::kNotStarted);
}

TEST(SuiteAgent, RequirementMissesAreHardware) {
  agent::SysInfo info;
  info.arch = "x86_64";
  info.memory_total_bytes = uint64_t{2} << 30;
  agent::FakeCapabilities caps;
  bench::CustomBenchmark b = Benchmark({"printf", "v=1\n"}, "v=(?<v>1)");
  b.arch = bench::Arch::kArm64;
  agent::custom::CustomVariant arm(b, "");
  EXPECT_TRUE(agent::CheckApplies(arm, info, caps).hardware);
  b.arch = bench::Arch::kAny;
  b.min_memory_gib = 4;
  agent::custom::CustomVariant big(b, "");
  agent::Applicability applies = agent::CheckApplies(big, info, caps);
  EXPECT_TRUE(applies.hardware);
  EXPECT_NE(applies.reason.find("4 GiB"), std::string::npos) << applies.reason;
  b.min_memory_gib = 1;
  agent::custom::CustomVariant fits(b, "");
  EXPECT_TRUE(agent::CheckApplies(fits, info, caps).applies);
}

TEST(SuiteAgent, SelectionByNameAndByCustomFamily) {
  agent::VariantList custom;
  custom.push_back(std::make_unique<agent::custom::CustomVariant>(
      Benchmark({"printf", "v=1\n"}, "v=(?<v>1)"), ""));
  auto only = agent::SelectWithCustom({"t.b"}, /*exact=*/true, custom);
  ASSERT_TRUE(only);
  ASSERT_EQ(only->size(), 1u);
  EXPECT_EQ((*only)[0].variant->Name(), "t.b");
  EXPECT_TRUE((*only)[0].named);
  auto family = agent::SelectWithCustom({"custom", "micro-ipc"}, false, custom);
  ASSERT_TRUE(family);
  ASSERT_EQ(family->size(), 2u);
  EXPECT_EQ((*family)[1].variant->Name(), "t.b");
  EXPECT_FALSE((*family)[1].named);
  EXPECT_FALSE(agent::SelectWithCustom({"t.c"}, true, custom));
}

// The agent's `run --suite` reads TOML like JSON (bench::ReadSuiteFile): the shipped TOML
// example gives the same variants, and the folder is the file's.
TEST(SuiteAgent, LoadsTomlSuitesLikeJson) {
  const std::string folder = std::string(ABC_SOURCE_DIR) + "/examples/suites";
  auto toml = agent::custom::LoadSuiteVariants({folder + "/sysbench.toml"});
  auto json = agent::custom::LoadSuiteVariants({folder + "/sysbench.json"});
  ASSERT_TRUE(toml) << toml.error().message;
  ASSERT_TRUE(json) << json.error().message;
  ASSERT_EQ(toml->size(), json->size());
  for (size_t i = 0; i < toml->size(); ++i) {
    EXPECT_EQ((*toml)[i]->Name(), (*json)[i]->Name());
    EXPECT_EQ((*toml)[i]->Description(), (*json)[i]->Description());
  }
  auto both =
      agent::custom::LoadSuiteVariants({folder + "/sysbench.toml", folder + "/sysbench.json"});
  ASSERT_FALSE(both);
  EXPECT_NE(both.error().message.find("'sysbench.cpu' is also in an earlier suite"),
            std::string::npos)
      << both.error().message;
}

}  // namespace
