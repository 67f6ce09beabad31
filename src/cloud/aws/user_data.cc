#include "cloud/aws/user_data.h"

#include <set>

#include "util/strings.h"

namespace cloud::aws {

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::vector<std::string> PackagesFor(const std::vector<JobSpec>& jobs) {
  std::set<std::string> packages;
  for (const auto& job : jobs) {
    const std::string& b = job.benchmark;
    if (b == "hpl" || b == "hpl-single" || b == "hpl-neoverse") packages.insert("openblas");
    if (b == "hpl-blis") packages.insert("blis");
    if (b.find("numa") != std::string::npos) packages.insert("numactl-libs");
  }
  return {packages.begin(), packages.end()};
}

namespace {

// How the script moves objects: `get OBJECT FILE` and `put FILE OBJECT`, where OBJECT is a
// key or a presigned URL (ObjectRef). Neither prints its arguments.
//
// By role: the AWS CLI takes the instance profile's credentials from IMDS by itself. Its
// command line is exactly `aws s3 cp SRC DST --region R [--endpoint-url U] --only-show-errors`.
constexpr char kRoleTransfer[] =
    R"sh(get() { aws s3 cp "s3://$bucket/$1" "$2" --region "$region" "${endpoint_args[@]}" --only-show-errors; }
put() { aws s3 cp "$1" "s3://$bucket/$2" --region "$region" "${endpoint_args[@]}" --only-show-errors; }
)sh";
// By presigned URL; curl's own errors name the host at most.
constexpr char kPresignedTransfer[] =
    R"sh(get() { curl -fsS --retry 5 --retry-delay 2 -o "$2" "$1"; }
put() { curl -fsS --retry 5 --retry-delay 2 -X PUT -H 'Content-Type: application/json' -T "$1" "$2"; }
)sh";
// AL2023's standard AMI ships the AWS CLI; a minimal image may not.
constexpr char kInstallAwsCli[] = R"sh(if ! command -v aws >/dev/null 2>&1; then
  dnf install -y -q awscli-2 || log "could not install awscli-2"
fi
)sh";

// Fixed parts of the script.
constexpr char kPrologue[] = R"sh(set -u
log() { printf '%s abc: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }
work=$(mktemp -d -t abc-session.XXXXXX) || exit 1
cd "$work" || exit 1
exec >>session.log 2>&1
now=$(date +%s)
minutes=$(( (deadline - now + 59) / 60 ))
if [ "$minutes" -lt 1 ]; then minutes=1; fi
shutdown -h "+$minutes" "abc: session deadline" || log "could not schedule the failsafe shutdown"
finish() { log "done: $1"; shutdown -h now; exit 0; }
)sh";

constexpr char kBody[] = R"sh(log "session $session: downloading the agent"
if ! get "$agent_object" agent; then finish "agent download failed"; fi
if ! printf '%s  agent\n' "$agent_sha256" | sha256sum -c --status; then finish "agent sha256 mismatch"; fi
chmod +x agent
for package in $packages; do
  if rpm -q "$package" >/dev/null 2>&1; then continue; fi
  dnf install -y -q "$package" || log "could not install $package (its variants report skipped)"
done
fetch() {
  mkdir -p "$(dirname "$1")" || return 1
  if ! get "$3" "$1"; then log "suite file $1: download failed"; rm -f "$1"; return 1; fi
  if ! printf '%s  %s\n' "$2" "$1" | sha256sum -c --status; then log "suite file $1: sha256 mismatch"; rm -f "$1"; fi
}
# run_job N JOB VARIANT OBJECT: job ids hold '/', so the result file is named by its index N.
run_job() {
  log "job $2 ($3): start"
  ./agent run --exact "$3" $quick "${suite_args[@]}" --job-id "$2" --session-id "$session" --market "$market" --output "result-$1.json"
  local status=$?
  log "job $2: agent exit $status"
  if [ -s "result-$1.json" ]; then put "result-$1.json" "$4" || log "job $2: result upload failed"; fi
  if [ "$status" -eq 130 ]; then
    printf '{"job":"%s"}\n' "$2" >interrupted
    put interrupted "$interrupted_object" || log "interrupted marker upload failed"
    finish "interrupted (spot notice)"
  fi
}
)sh";

bool ByRole(const UserDataInput& input) { return input.s3.access == ObjectAccess::kInstanceRole; }

// The variables the transfer functions read.
std::string TransferSettings(const UserDataInput& input) {
  if (!ByRole(input)) return "";
  std::string out = "bucket=" + ShellQuote(input.s3.bucket) + "\n";
  out += "region=" + ShellQuote(input.s3.region) + "\n";
  out += "endpoint_args=(";
  if (!input.s3.endpoint_url.empty()) out += " --endpoint-url " + ShellQuote(input.s3.endpoint_url);
  out += " )\n";
  return out;
}

}  // namespace

util::Expected<std::string> BuildUserData(const UserDataInput& input) {
  std::string script =
      "#!/bin/bash\n# aws-benchmark-collector session " + input.session +
      (ByRole(input) ? " (no secrets: the instance reaches S3 by its own role)\n"
                     : " (no credentials; its presigned URLs expire at the deadline)\n");
  script += "session=" + ShellQuote(input.session) + "\n";
  script += "deadline=" + std::to_string(util::ToSeconds(input.deadline)) + "\n";
  script += "market=" + ShellQuote(input.market) + "\n";
  script += TransferSettings(input);
  script += "agent_object=" + ShellQuote(input.agent) + "\n";
  script += "agent_sha256=" + ShellQuote(input.agent_sha256) + "\n";
  script += "interrupted_object=" + ShellQuote(input.interrupted) + "\n";
  script += "packages=" + ShellQuote(util::Join(input.packages, " ")) + "\n";
  script += std::string("quick=") + (input.quick ? "--quick" : "") + "\n";
  script += "suite_args=(";
  for (const std::string& suite : input.suites) script += " --suite " + ShellQuote(suite);
  script += " )\n";
  script += kPrologue;
  script += ByRole(input) ? kRoleTransfer : kPresignedTransfer;
  if (ByRole(input)) script += kInstallAwsCli;
  script += kBody;
  for (const UserDataFile& file : input.suite_files) {
    script += "fetch " + ShellQuote(file.path) + " " + ShellQuote(file.sha256) + " " +
              ShellQuote(file.object) + "\n";
  }
  for (size_t index = 0; index < input.jobs.size(); ++index) {
    const UserDataJob& job = input.jobs[index];
    script += "run_job " + std::to_string(index + 1) + " " + ShellQuote(job.id) + " " +
              ShellQuote(job.benchmark) + " " + ShellQuote(job.result) + "\n";
  }
  script += "finish \"all jobs ran\"\n";
  if (script.size() > kUserDataLimit) {
    return util::InvalidInput(
        "user-data for session " + input.session + " is " + std::to_string(script.size()) +
        " bytes, over EC2's limit of " + std::to_string(kUserDataLimit) + " (" +
        std::to_string(input.jobs.size()) + " jobs); plan fewer jobs per session");
  }
  return script;
}

}  // namespace cloud::aws
