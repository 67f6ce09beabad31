#include "agent/commands.h"

#include <csignal>
#include <cstdio>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "agent/custom/variant.h"
#include "agent/hardware.h"
#include "agent/imds.h"
#include "agent/registry.h"
#include "agent/result_schema.h"
#include "agent/spot_watch.h"
#include "util/files.h"
#include "util/strings.h"

namespace agent {
namespace {

std::atomic<bool> g_interrupted{false};

// AWS's recommended interval for checking spot interruption notices.
constexpr double kSpotPollSeconds = 5.0;

extern "C" void OnInterrupt(int) { g_interrupted.store(true); }

bool IsHelp(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") return true;
  }
  return false;
}

// A one-line summary of a result for the progress stream.
std::string Summary(const BenchmarkResult& result, size_t index, size_t total) {
  std::ostringstream line;
  line << "[" << index << "/" << total << "] " << result.name << ": " << ToString(result.status);
  if (!result.reason.empty()) line << " (" << result.reason << ")";
  if (!result.metrics.empty()) {
    const Metric& last = result.metrics.back();
    line << "; " << last.name << " best " << std::setprecision(4) << last.stats.best << " "
         << last.unit;
  }
  if (result.environment.contains("duration_seconds")) {
    line << "; " << std::fixed << std::setprecision(1)
         << result.environment["duration_seconds"].get<double>() << " s";
  }
  return line.str();
}

// 130 when anything was interrupted, 1 when anything failed, else 0 (skips are fine).
int ExitStatusOf(const std::vector<BenchmarkResult>& results) {
  int failed = 0, interrupted = 0;
  for (const BenchmarkResult& result : results) {
    failed += result.status == RunStatus::kFailed;
    interrupted += result.status == RunStatus::kInterrupted;
  }
  if (interrupted > 0) return kAgentInterrupted;
  return failed > 0 ? kAgentFailure : kAgentOk;
}

// On EC2 (and only there: the same gate as the identity) a spot interruption notice
// stops the run as SIGTERM would, and the interrupted result names the notice.
std::vector<BenchmarkResult> RunWatchingSpot(const std::vector<const Variant*>& selected,
                                             const RunRequest& request, const RunEnvironment& env,
                                             const FileReader& files) {
  std::string not_used;
  if (!UsesInstanceMetadata(request, files, not_used))
    return RunVariants(selected, request.options, env);
  SocketTransport imds;
  return RunVariantsWatchingSpot(selected, request.options, env, imds, g_interrupted,
                                 kSpotPollSeconds);
}

SysInfo CollectWithIdentity(const RunRequest& request, const FileReader& files,
                            const Clock& clock) {
  SysInfo info = CollectSysInfo(files);
  std::string why_not;
  if (!UsesInstanceMetadata(request, files, why_not)) {
    info.instance.reason = why_not;
  } else {
    SocketTransport transport;
    info.instance = FetchInstanceIdentity(transport, clock, 1.0);
  }
  return info;
}

}  // namespace

bool UsesInstanceMetadata(const RunRequest& request, const FileReader& files,
                          std::string& why_not) {
  if (!request.imds) {
    why_not = "disabled by --no-imds";
    return false;
  }
  return LooksLikeEc2(files, why_not);
}

const std::atomic<bool>& InterruptFlag() { return g_interrupted; }

void InstallInterruptHandler() {
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
}

int ListCommand(const std::string& program, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  if (IsHelp(args)) {
    out << "Usage: " << program
        << "\n\nLists the benchmark variants, what each measures, and whether it "
        << "applies to this machine.\n";
    return kAgentOk;
  }
  if (!args.empty()) {
    err << program << ": unexpected argument '" << args[0] << "' (list takes no arguments)\n";
    return kAgentUsage;
  }
  RootedFileReader files;
  SysInfo info = CollectSysInfo(files);
  RealCapabilities caps(info);
  out << std::left << std::setw(16) << "VARIANT" << std::setw(8) << "FAMILY" << std::setw(10)
      << "CATEGORY"
      << "APPLIES  WHAT IT MEASURES\n";
  for (const auto& variant : AllVariants()) {
    Applicability applies = CheckApplies(*variant, info, caps);
    out << std::left << std::setw(16) << variant->Name() << std::setw(8) << variant->Family()
        << std::setw(10) << variant->Category() << std::setw(9) << (applies.applies ? "yes" : "no")
        << variant->Description() << "\n";
    if (!applies.applies) out << std::string(43, ' ') << "(" << applies.reason << ")\n";
  }
  return kAgentOk;
}

int RunCommand(const std::string& program, const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  auto request = ParseRunArgs(args);
  if (!request) {
    err << program << ": " << request.error().message << "\n";
    return kAgentUsage;
  }
  if (request->help) {
    out << RunUsage(program);
    return kAgentOk;
  }
  auto custom = custom::LoadSuiteVariants(request->suites);
  if (!custom) {
    err << program << ": " << custom.error().message << "\n";
    return kAgentUsage;
  }
  auto selection = SelectWithCustom(request->names, request->exact, *custom);
  if (!selection) {
    err << program << ": " << selection.error().message << "\n";
    return kAgentUsage;
  }
  if (!request->output.empty()) {
    if (auto writable = util::CheckWritable(request->output); !writable) {
      err << program << ": --output: " << writable.error().message << "\n";
      return kAgentUsage;
    }
  }
  RootedFileReader files;
  RealClock clock;
  double started = clock.WallSeconds();
  SysInfo info = CollectWithIdentity(*request, files, clock);
  RealCapabilities caps(info);
  const std::vector<const Variant*> selected = VariantsToRun(*selection, info, caps);
  InstallInterruptHandler();
  size_t index = 0;
  RunEnvironment env{
      &info, &caps, &clock, &files, &InterruptFlag(), [&](const BenchmarkResult& result) {
        err << Summary(result, ++index, selected.size()) << "\n";
      }};
  std::vector<BenchmarkResult> results = RunWatchingSpot(selected, *request, env, files);
  nlohmann::json document =
      MakeResultDocument(results, request->options, info, started, clock.WallSeconds());
  std::string text = document.dump(2) + "\n";
  if (request->output.empty()) {
    out << text;
  } else if (auto written = util::WriteFileAtomic(request->output, text); !written) {
    err << program << ": " << written.error().message << "\n";
    return kAgentFailure;
  }
  return ExitStatusOf(results);
}

int ValidateCommand(const std::string& program, const std::vector<std::string>& args,
                    std::ostream& out, std::ostream& err) {
  if (IsHelp(args)) {
    out << "Usage: " << program << " FILE\n\nChecks a result file against the result schema "
        << "(docs/result-schema.md). Exit status 2 names the first field that is wrong.\n";
    return kAgentOk;
  }
  if (args.size() != 1 || util::StartsWith(args[0], "-")) {
    err << program << ": expected exactly one FILE (a result JSON file)\n";
    return kAgentUsage;
  }
  auto text = util::ReadFile(args[0]);
  if (!text) {
    err << program << ": " << text.error().message << "\n";
    return kAgentUsage;
  }
  auto document = ParseResultDocument(*text);
  if (!document) {
    err << program << ": " << args[0] << ": " << document.error().message << "\n";
    return kAgentUsage;
  }
  out << args[0] << ": valid (schema version " << kResultSchemaVersion << ", "
      << document->at("benchmarks").size() << " benchmarks)\n";
  return kAgentOk;
}

}  // namespace agent
