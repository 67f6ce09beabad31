#include "agent/custom/variant.h"

#include <filesystem>
#include <set>

#include "agent/custom/command.h"
#include "agent/hardware.h"
#include "util/strings.h"

namespace agent::custom {
namespace {

Better ToBetter(bench::Direction direction) {
  return direction == bench::Direction::kHigher ? Better::kHigher : Better::kLower;
}

// Why a run did not give output to read: empty when it exited with status 0.
std::string RunFailure(const CommandOutcome& outcome, const bench::CustomBenchmark& b) {
  std::string tail(util::Trim(outcome.err));
  if (tail.size() > 300) tail = "..." + tail.substr(tail.size() - 300);
  std::string with_err = tail.empty() ? "" : "; standard error ends: " + tail;
  switch (outcome.end) {
    case CommandEnd::kExited:
      return outcome.exit_status == 0 ? ""
                                      : "'" + b.command[0] + "' exited with status " +
                                            std::to_string(outcome.exit_status) + with_err;
    case CommandEnd::kSignalled:
      return "'" + b.command[0] + "' was killed by signal " + std::to_string(outcome.exit_status) +
             with_err;
    case CommandEnd::kTimedOut:
      return "'" + b.command[0] + "' ran past its timeout of " + std::to_string(b.timeout_s) +
             " s and was killed";
    case CommandEnd::kCancelled:
      return "cancelled";
    case CommandEnd::kNotStarted:
      return "'" + b.command[0] + "' could not be started: " + outcome.error;
  }
  return "unknown";
}

}  // namespace

std::string CustomVariant::Description() const {
  return "custom: " + util::Join(benchmark_.command, " ");
}

Applicability CustomVariant::Applies(const SysInfo& info, const Capabilities& caps) const {
  std::string why_not;
  double gib = static_cast<double>(info.memory_total_bytes) / (1024.0 * 1024.0 * 1024.0);
  if (!bench::MeetsCustom(benchmark_, TableHardware(info, caps), gib, &why_not)) {
    return Applicability::Hardware(benchmark_.name + " needs " + why_not +
                                   ", which this machine does not have");
  }
  if (FindProgram(benchmark_.command[0], folder_).empty()) {
    return Applicability::No("program '" + benchmark_.command[0] + "' not found" +
                             (benchmark_.command[0].find('/') == std::string::npos
                                  ? " in PATH"
                                  : " (or not executable)") +
                             ": install it on the machine to measure " + benchmark_.name);
  }
  for (const std::string& file : benchmark_.files) {
    std::string path = folder_.empty() ? file : folder_ + "/" + file;
    if (!std::filesystem::exists(path)) {
      return Applicability::No("file '" + file + "' named by the suite is not in '" +
                               (folder_.empty() ? "." : folder_) + "'");
    }
  }
  return Applicability::Yes();
}

BenchmarkResult CustomVariant::Run(const RunContext& ctx) const {
  const bench::CustomBenchmark& b = benchmark_;
  BenchmarkResult result = MakeResult(*this);
  int iterations = b.iterations > 0 ? b.iterations : ctx.iterations;
  result.parameters = {{"command", b.command},
                       {"iterations", iterations},
                       {"timeout_s", b.timeout_s},
                       {"suite", b.name.substr(0, b.name.find('.'))},
                       {"category", bench::ToString(b.category)}};
  std::vector<std::vector<double>> samples(b.metrics.size());
  std::vector<double> seconds;
  for (int i = 0; i < iterations; ++i) {
    CommandOutcome outcome = RunCommand(b.command, folder_, b.timeout_s, ctx.cancel);
    if (ctx.monitor != nullptr) ctx.monitor->Sample();
    if (std::string failure = RunFailure(outcome, b); !failure.empty()) {
      result.status = ctx.Cancelled() ? RunStatus::kInterrupted : RunStatus::kFailed;
      result.reason =
          "run " + std::to_string(i + 1) + " of " + std::to_string(iterations) + ": " + failure;
      return result;
    }
    seconds.push_back(outcome.seconds);
    for (size_t m = 0; m < b.metrics.size(); ++m) {
      auto figure = bench::ExtractFigure(b.metrics[m], outcome.out);
      if (!figure) {
        result.status = RunStatus::kFailed;
        result.reason = "metric " + b.metrics[m].name + ", run " + std::to_string(i + 1) + ": " +
                        figure.error().message;
        return result;
      }
      samples[m].push_back(*figure);
    }
  }
  for (size_t m = 0; m < b.metrics.size(); ++m) {
    AddMetric(result, b.metrics[m].name, b.metrics[m].unit, ToBetter(b.metrics[m].better),
              samples[m]);
  }
  // The wall time of each run, measured by the agent around fork and exit.
  AddMetric(result, "run_seconds", "s", Better::kLower, seconds);
  return result;
}

util::Expected<std::vector<std::unique_ptr<Variant>>> LoadSuiteVariants(
    const std::vector<std::string>& paths) {
  std::vector<std::unique_ptr<Variant>> variants;
  std::set<std::string> names;
  for (const std::string& path : paths) {
    auto suite = bench::ReadSuiteFile(path);
    if (!suite) return suite.error();
    const std::string folder = suite->folder;
    for (bench::CustomBenchmark& benchmark : suite->benchmarks) {
      if (!names.insert(benchmark.name).second) {
        return util::InvalidInput("--suite " + path + ": benchmark '" + benchmark.name +
                                  "' is also in an earlier suite");
      }
      variants.push_back(std::make_unique<CustomVariant>(std::move(benchmark), folder));
    }
  }
  return variants;
}

}  // namespace agent::custom
