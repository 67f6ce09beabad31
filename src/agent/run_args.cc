// Flag parsing of `run` / `bench run` (no CLI11: the agent stays free of the
// controller's dependencies).

#include <map>
#include <optional>

#include "agent/commands.h"
#include "util/strings.h"

namespace agent {
namespace {

const std::vector<std::string> kValueFlags = {
    "--iterations",    "--threads", "--output", "--job-id", "--session-id",
    "--instance-type", "--region",  "--az",     "--market", "--suite"};
const std::vector<std::string> kBoolFlags = {"--quick", "--no-imds", "--exact", "--help", "-h"};

util::Expected<int> PositiveInt(const std::string& flag, const std::string& value, int max) {
  auto parsed = util::ParseInt(value);
  if (!parsed || *parsed < 1 || *parsed > max) {
    return util::InvalidInput(flag + ": expected a whole number from 1 to " + std::to_string(max) +
                              ", got '" + value + "'");
  }
  return static_cast<int>(*parsed);
}

util::Status Apply(RunRequest& request, const std::string& flag, const std::string& value) {
  RunOptions& o = request.options;
  if (flag == "--iterations" || flag == "--threads") {
    auto number = PositiveInt(flag, value, flag == "--iterations" ? 1000 : 4096);
    if (!number) return number.error();
    (flag == "--iterations" ? o.iterations : o.threads) = *number;
    return {};
  }
  if (value.empty()) return util::InvalidInput(flag + ": expected a value");
  if (flag == "--suite") {
    request.suites.push_back(value);
    return {};
  }
  if (flag == "--market" && value != "on-demand" && value != "spot") {
    return util::InvalidInput("--market: expected 'on-demand' or 'spot', got '" + value + "'");
  }
  std::map<std::string, std::string*> targets = {
      {"--output", &request.output},   {"--job-id", &o.job_id},
      {"--session-id", &o.session_id}, {"--instance-type", &o.instance_type},
      {"--region", &o.region},         {"--az", &o.availability_zone},
      {"--market", &o.market}};
  *targets.at(flag) = value;
  return {};
}

bool Contains(const std::vector<std::string>& list, const std::string& word) {
  for (const std::string& item : list) {
    if (item == word) return true;
  }
  return false;
}

}  // namespace

util::Expected<RunRequest> ParseRunArgs(const std::vector<std::string>& args) {
  RunRequest request;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!util::StartsWith(arg, "-")) {
      request.names.push_back(arg);
      continue;
    }
    std::string flag = arg, value;
    bool inline_value = false;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      inline_value = true;
    }
    if (Contains(kBoolFlags, flag)) {
      // --x, --x=true and --x=false (as every boolean flag of the controller).
      std::optional<bool> on = inline_value ? util::ParseBool(value) : std::optional<bool>(true);
      if (!on) return util::InvalidInput(flag + ": expected true or false, got '" + value + "'");
      if (flag == "--quick") request.options.quick = *on;
      if (flag == "--no-imds") request.imds = !*on;
      if (flag == "--exact") request.exact = *on;
      if (flag == "--help" || flag == "-h") request.help = *on;
      continue;
    }
    if (!Contains(kValueFlags, flag)) {
      std::vector<std::string> all = kValueFlags;
      all.insert(all.end(), kBoolFlags.begin(), kBoolFlags.end());
      return util::InvalidInput("unknown flag '" + flag + "'" + util::DidYouMean(flag, all));
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) return util::InvalidInput(flag + ": expected a value");
      value = args[++i];
    }
    if (auto applied = Apply(request, flag, value); !applied) return applied.error();
  }
  return request;
}

std::string RunUsage(const std::string& program) {
  return "Usage: " + program +
         " [NAME...] [OPTIONS]\n\n"
         "Runs benchmark variants and writes one result document (docs/result-schema.md).\n"
         "NAME is a family (stream, hpl, micro: its variants that apply to this machine, as\n"
         "`schedule --benchmarks` expands it) or a variant name (exactly that variant); no\n"
         "NAME runs every variant, recording those that do not apply as skipped.\n\n"
         "Options:\n"
         "  --quick             smaller sizes and 3 iterations (every variant in seconds)\n"
         "  --iterations N      measured iterations per figure (default 10, 3 with --quick)\n"
         "  --threads N         threads for parallel kernels (default: every CPU)\n"
         "  --output FILE       write the result JSON to FILE (default: standard output)\n"
         "  --job-id ID, --session-id ID, --instance-type T, --region R, --az Z,\n"
         "  --market on-demand|spot   metadata recorded in the result\n"
         "  --no-imds           do not ask EC2 instance metadata for the instance identity\n"
         "  --exact             NAMEs are variant names only: 'stream' is the base variant\n"
         "  --suite FILE        add the custom benchmarks of a suite file (repeatable;\n"
         "                      docs/custom-suites.md); NAME 'custom' selects all of them\n";
}

}  // namespace agent
