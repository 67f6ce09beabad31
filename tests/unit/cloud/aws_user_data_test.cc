// The user-data script: its structure, `bash -n`, the 16 KiB limit, no command by absolute
// path, and runs under bash in a sandbox whose PATH shims aws, curl, shutdown, rpm and dnf
// (the agent is a stub that writes a document, and exits 130 for a "spot notice" job):
// results are uploaded as they appear, `interrupted` is uploaded and the run stops, the
// machine is shut down. By role (the default) the script holds keys, never a URL query, and
// moves objects with exactly `aws s3 cp SRC DST --region R [--endpoint-url U]
// --only-show-errors`; with presigned URLs the log never shows one.

#include "cloud/aws/user_data.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "aws/crypto.h"
#include "util/strings.h"

namespace cloud::aws {
namespace {

namespace fs = std::filesystem;

constexpr char kSignature[] = "SIGNATUREnotInLogs0123456789abcdef";

std::string Url(const std::string& key) {
  return "https://abc-1-us-east-1.s3.us-east-1.amazonaws.com/" + key +
         "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature=" + kSignature;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void Write(const fs::path& path, const std::string& text, bool executable = false) {
  std::ofstream(path) << text;
  if (executable) fs::permissions(path, fs::perms::owner_all, fs::perm_options::add);
}

// A stub agent: `run --exact B [--quick] --job-id J ... --output F` writes F (with whether
// --quick came); job "r/t/hpl" plays a spot notice (exit 130, as the agent does when
// interrupted). Job ids hold '/', as the planner's do.
constexpr char kStubAgent[] = R"sh(#!/bin/bash
out= job= quick=false all="$*"
while [ $# -gt 0 ]; do
  case "$1" in --output) out=$2; shift ;; --job-id) job=$2; shift ;; --quick) quick=true ;; esac
  shift
done
printf '{"job":"%s","quick":%s}\n' "$job" "$quick" >"$out"
echo "$all" >>agent-args.log
if [ "$job" = r/t/hpl ]; then exit 130; fi
exit 0
)sh";

// curl -o FILE URL copies the stub agent; curl ... -T FILE URL stores FILE under out/ by
// the URL's last path segment; every call's URL goes to curl.log (the test's, not the
// instance's log).
constexpr char kCurlShim[] = R"sh(#!/bin/bash
here=$(dirname "$0")/..
out= upload=
for a in "$@"; do url=$a; done
while [ $# -gt 0 ]; do
  case "$1" in -o) out=$2; shift ;; -T) upload=$2; shift ;; esac
  shift
done
echo "$url" >>"$here/curl.log"
if [ -n "$out" ]; then cp "$here/agent-src" "$out"; exit 0; fi
name=${url%%\?*}; name=${name##*/}
cp "$upload" "$here/out/$name"
)sh";

// `aws s3 cp SRC DST --region R [--endpoint-url U] --only-show-errors`, nothing else (exit
// 2, as the fake's shim and the contract say): a download copies the stub agent, an upload
// stores the file under s3/BUCKET/KEY. Each call's arguments go to aws.log, one per line,
// and "REGION|ENDPOINT" to aws-options.log.
constexpr char kAwsShim[] = R"sh(#!/bin/bash
here=$(dirname "$0")/..
printf '%s\n' "$@" >>"$here/aws.log"
echo -- >>"$here/aws.log"
if [ "$1" != s3 ] || [ "$2" != cp ] || [ $# -lt 4 ]; then echo "aws shim: only s3 cp" >&2; exit 2; fi
src=$3 dst=$4 region= endpoint=
shift 4
while [ $# -gt 0 ]; do
  case "$1" in
    --region) region=$2; shift ;;
    --endpoint-url) endpoint=$2; shift ;;
    --only-show-errors) ;;
    *) echo "aws shim: unexpected $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$region" ]; then echo "aws shim: no --region" >&2; exit 2; fi
echo "$region|$endpoint" >>"$here/aws-options.log"
case "$src" in
  s3://*) cp "$here/agent-src" "$dst" ;;
  *) case "$dst" in s3://*) ;; *) exit 2 ;; esac
     path="$here/s3/${dst#s3://}"
     mkdir -p "$(dirname "$path")" && cp "$src" "$path" ;;
esac
)sh";

// dnf: logs its arguments; `install ... awscli-2` puts the aws shim on PATH, as AL2023's
// package would.
constexpr char kDnfShim[] = R"sh(#!/bin/bash
here=$(dirname "$0")/..
echo "$*" >>"$here/dnf.log"
case " $* " in *" awscli-2 "*) cp "$here/aws-src" "$here/bin/aws" ;; esac
exit 0
)sh";

enum class AwsCli { kPresent, kMissing };

class Sandbox {
 public:
  explicit Sandbox(AwsCli aws_cli = AwsCli::kPresent) {
    std::random_device random;
    root_ = fs::temp_directory_path() / ("abc-userdata-" + std::to_string(random()));
    fs::create_directories(root_ / "bin");
    fs::create_directories(root_ / "out");
    fs::create_directories(root_ / "tmp");
    Write(root_ / "agent-src", kStubAgent, true);
    Write(root_ / "bin/curl", kCurlShim, true);
    Write(root_ / "bin/shutdown",
          "#!/bin/bash\necho \"$*\" >>\"$(dirname \"$0\")/../shutdown.log\"\n", true);
    Write(root_ / "bin/rpm", "#!/bin/bash\nexit 1\n", true);
    Write(root_ / "bin/dnf", kDnfShim, true);
    Write(root_ / "aws-src", kAwsShim, true);
    if (aws_cli == AwsCli::kPresent) Write(root_ / "bin/aws", kAwsShim, true);
  }
  ~Sandbox() { fs::remove_all(root_); }
  const fs::path& root() const { return root_; }
  int Run(const std::string& script) {
    Write(root_ / "user-data", script);
    std::string command = "env -i PATH='" + (root_ / "bin").string() + ":/usr/bin:/bin' TMPDIR='" +
                          (root_ / "tmp").string() + "' bash '" + (root_ / "user-data").string() +
                          "' >'" + (root_ / "stdout").string() + "' 2>&1";
    return std::system(command.c_str());
  }
  std::string SessionLog() const {
    for (const auto& entry : fs::recursive_directory_iterator(root_ / "tmp")) {
      if (entry.path().filename() == "session.log") return Read(entry.path());
    }
    return "";
  }

 private:
  fs::path root_;
};

// Presigned mode (--presigned-urls).
UserDataInput Input(const std::string& agent_sha256) {
  UserDataInput input;
  input.session = "s1";
  input.deadline = util::FromSeconds(4102444800);  // 2100: far away
  input.market = "spot";
  input.s3.access = ObjectAccess::kPresignedUrls;
  input.agent = Url("agents/x/aws-benchmark-agent");
  input.agent_sha256 = agent_sha256;
  input.packages = {"openblas", "numactl-libs"};
  input.interrupted = Url("campaigns/c1/s1/1/interrupted");
  input.jobs = {{"r/t/stream-triad", "stream-triad", Url("campaigns/c1/s1/1/results/j1.json")},
                {"r/t/hpl", "hpl", Url("campaigns/c1/s1/1/results/j-int.json")},
                {"r/t/stream-copy", "stream-copy", Url("campaigns/c1/s1/1/results/j3.json")}};
  return input;
}

// `bash -n` passes and no line after the shebang names a command by absolute path.
void ExpectSyntaxAndNoAbsolutePath(const std::string& script) {
  EXPECT_TRUE(util::StartsWith(script, "#!/bin/bash\n"));
  Sandbox sandbox;
  Write(sandbox.root() / "check", script);
  std::string command = "bash -n '" + (sandbox.root() / "check").string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0);
  auto lines = util::Split(script, '\n');
  for (size_t i = 1; i < lines.size(); ++i) {
    for (const char* dir : {"/bin/", "/sbin/", "/usr/"}) {
      EXPECT_EQ(lines[i].find(dir), std::string::npos) << "line " << i + 1 << ": " << lines[i];
    }
  }
}

TEST(AwsUserData, PassesBashSyntaxCheckAndCallsNoCommandByAbsolutePath) {
  auto script = BuildUserData(Input(std::string(64, 'a')));
  ASSERT_TRUE(script.has_value()) << script.error().message;
  ExpectSyntaxAndNoAbsolutePath(*script);
}

TEST(AwsUserData, OverTheLimitIsAnErrorNamingTheSize) {
  UserDataInput input = Input(std::string(64, 'a'));
  while (input.jobs.size() < 200) input.jobs.push_back(input.jobs.front());
  auto script = BuildUserData(input);
  ASSERT_FALSE(script.has_value());
  EXPECT_EQ(script.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(script.error().message.find("16384"), std::string::npos);
  input.jobs.resize(3);
  EXPECT_TRUE(BuildUserData(input).has_value());
}

TEST(AwsUserData, RunsJobsUploadsResultsStopsOnSpotNoticeAndShutsDown) {
  Sandbox sandbox;
  std::string sha = ::aws::Sha256Hex(kStubAgent);
  auto script = BuildUserData(Input(sha));
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(sandbox.Run(*script), 0) << Read(sandbox.root() / "stdout");
  EXPECT_EQ(Read(sandbox.root() / "out/j1.json"),
            "{\"job\":\"r/t/stream-triad\",\"quick\":false}\n");
  EXPECT_EQ(Read(sandbox.root() / "out/j-int.json"), "{\"job\":\"r/t/hpl\",\"quick\":false}\n");
  EXPECT_EQ(Read(sandbox.root() / "out/interrupted"), "{\"job\":\"r/t/hpl\"}\n");
  EXPECT_FALSE(fs::exists(sandbox.root() / "out/j3.json")) << "ran on after a spot notice";
  std::string shutdowns = Read(sandbox.root() / "shutdown.log");
  EXPECT_TRUE(util::StartsWith(shutdowns, "-h +")) << shutdowns;  // the failsafe first
  EXPECT_TRUE(util::EndsWith(shutdowns, "-h now\n")) << shutdowns;
  EXPECT_NE(Read(sandbox.root() / "dnf.log").find("install -y -q openblas"), std::string::npos);
  std::string log = sandbox.SessionLog();
  EXPECT_NE(log.find("job r/t/stream-triad"), std::string::npos) << log;
  EXPECT_EQ(log.find(kSignature), std::string::npos) << log;
  EXPECT_EQ(Read(sandbox.root() / "stdout").find(kSignature), std::string::npos);
}

TEST(AwsUserData, QuickRunsTheAgentWithQuick) {
  Sandbox sandbox;
  UserDataInput input = Input(::aws::Sha256Hex(kStubAgent));
  input.quick = true;
  auto script = BuildUserData(input);
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(sandbox.Run(*script), 0) << Read(sandbox.root() / "stdout");
  EXPECT_EQ(Read(sandbox.root() / "out/j1.json"),
            "{\"job\":\"r/t/stream-triad\",\"quick\":true}\n");
}

// Custom suites: each file is fetched to its path under suites/, one whose sha256 does not
// match is removed (and logged), and every job's agent gets the --suite arguments.
TEST(AwsUserData, FetchesSuiteFilesChecksThemAndPassesTheSuites) {
  Sandbox sandbox;
  std::string sha = ::aws::Sha256Hex(kStubAgent);  // the curl shim serves the stub's bytes
  UserDataInput input = Input(sha);
  input.jobs.resize(1);
  input.suite_files = {
      {"suites/s/data/in.bin", sha, Url("campaigns/c1/suite-objects/a")},
      {"suites/s/bad.bin", std::string(64, '0'), Url("campaigns/c1/suite-objects/b")},
      {"suites/s/suite.json", sha, Url("campaigns/c1/suite-objects/c")}};
  input.suites = {"suites/s/suite.json"};
  auto script = BuildUserData(input);
  ASSERT_TRUE(script.has_value()) << script.error().message;
  EXPECT_EQ(sandbox.Run(*script), 0) << Read(sandbox.root() / "stdout");
  fs::path work;
  for (const auto& entry : fs::recursive_directory_iterator(sandbox.root() / "tmp")) {
    if (entry.path().filename() == "session.log") work = entry.path().parent_path();
  }
  ASSERT_FALSE(work.empty());
  EXPECT_TRUE(fs::exists(work / "suites/s/data/in.bin"));
  EXPECT_TRUE(fs::exists(work / "suites/s/suite.json"));
  EXPECT_FALSE(fs::exists(work / "suites/s/bad.bin"));
  EXPECT_NE(sandbox.SessionLog().find("suite file suites/s/bad.bin: sha256 mismatch"),
            std::string::npos);
  EXPECT_NE(Read(work / "agent-args.log").find("--exact stream-triad --suite suites/s/suite.json"),
            std::string::npos)
      << Read(work / "agent-args.log");
  EXPECT_EQ(sandbox.SessionLog().find(kSignature), std::string::npos);
}

TEST(AwsUserData, WrongAgentChecksumRunsNothingAndShutsDown) {
  Sandbox sandbox;
  auto script = BuildUserData(Input(std::string(64, '0')));
  ASSERT_TRUE(script.has_value());
  sandbox.Run(*script);
  EXPECT_FALSE(fs::exists(sandbox.root() / "out/j1.json"));
  EXPECT_TRUE(util::EndsWith(Read(sandbox.root() / "shutdown.log"), "-h now\n"));
  EXPECT_NE(sandbox.SessionLog().find("sha256 mismatch"), std::string::npos);
}

TEST(AwsUserData, PackagesFollowTheVariants) {
  EXPECT_EQ(PackagesFor({{"a", "hpl", 1}, {"b", "hpl-blis", 1}, {"c", "stream-numa", 1}}),
            (std::vector<std::string>{"blis", "numactl-libs", "openblas"}));
  EXPECT_TRUE(PackagesFor({{"a", "stream-triad", 1}, {"b", "hpl-mkl", 1}}).empty());
}

TEST(AwsUserData, ShellQuoteSurvivesQuotes) { EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'"); }

// ---- by role (the default) ------------------------------------------------------------

constexpr char kBucket[] = "abc-123456789012-us-east-1";

UserDataInput RoleInput(const std::string& agent_sha256) {
  UserDataInput input;
  input.session = "s1";
  input.deadline = util::FromSeconds(4102444800);
  input.market = "spot";
  input.s3 = {ObjectAccess::kInstanceRole, kBucket, "us-east-1", ""};
  input.agent = "agents/" + agent_sha256 + "/aws-benchmark-agent";
  input.agent_sha256 = agent_sha256;
  input.packages = {"openblas"};
  input.interrupted = "campaigns/c1/s1/1/interrupted";
  input.jobs = {
      {"r/t/stream-triad", "stream-triad", "campaigns/c1/s1/1/results/r/t/stream-triad.json"},
      {"r/t/hpl", "hpl", "campaigns/c1/s1/1/results/r/t/hpl.json"},
      {"r/t/stream-copy", "stream-copy", "campaigns/c1/s1/1/results/r/t/stream-copy.json"}};
  return input;
}

// Every "://" in the script is the s3:// of `aws s3 cp`, so no URL (and no URL query) is there.
std::vector<std::string> UrlsOtherThanS3(const std::string& script) {
  std::vector<std::string> out;
  for (size_t at = script.find("://"); at != std::string::npos; at = script.find("://", at + 3)) {
    if (at < 2 || script.compare(at - 2, 5, "s3://") != 0) {
      out.push_back(script.substr(at < 20 ? 0 : at - 20, 40));
    }
  }
  return out;
}

TEST(AwsUserDataByRole, HoldsBucketAndKeysAndNoUrl) {
  UserDataInput input = RoleInput(std::string(64, 'a'));
  auto script = BuildUserData(input);
  ASSERT_TRUE(script.has_value()) << script.error().message;
  EXPECT_EQ(script->find("X-Amz-"), std::string::npos);
  EXPECT_FALSE(std::regex_search(*script, std::regex(R"(://[^\s'"]*\?)"))) << "a URL query";
  EXPECT_TRUE(UrlsOtherThanS3(*script).empty()) << UrlsOtherThanS3(*script).front();
  EXPECT_NE(script->find("bucket='" + std::string(kBucket) + "'"), std::string::npos);
  EXPECT_NE(script->find("region='us-east-1'"), std::string::npos);
  EXPECT_NE(script->find("'" + input.agent + "'"), std::string::npos);
  EXPECT_NE(script->find("'" + input.interrupted + "'"), std::string::npos);
  for (const auto& job : input.jobs) {
    EXPECT_NE(script->find("'" + job.result + "'"), std::string::npos) << job.result;
  }
  EXPECT_EQ(script->find("--endpoint-url '"), std::string::npos) << "AWS's own endpoint";
  EXPECT_EQ(script->find("curl"), std::string::npos);
  ExpectSyntaxAndNoAbsolutePath(*script);
}

TEST(AwsUserDataByRole, OverTheLimitIsAnError) {
  UserDataInput input = RoleInput(std::string(64, 'a'));
  while (input.jobs.size() < 400) input.jobs.push_back(input.jobs.front());
  auto script = BuildUserData(input);
  ASSERT_FALSE(script.has_value());
  EXPECT_EQ(script.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(script.error().message.find("16384"), std::string::npos);
}

TEST(AwsUserDataByRole, CopiesByKeyWithTheCliAndShutsDown) {
  Sandbox sandbox;
  UserDataInput input = RoleInput(::aws::Sha256Hex(kStubAgent));
  auto script = BuildUserData(input);
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(sandbox.Run(*script), 0) << Read(sandbox.root() / "stdout");
  fs::path bucket = sandbox.root() / "s3" / kBucket;
  EXPECT_EQ(Read(bucket / input.jobs[0].result),
            "{\"job\":\"r/t/stream-triad\",\"quick\":false}\n");
  EXPECT_EQ(Read(bucket / input.jobs[1].result), "{\"job\":\"r/t/hpl\",\"quick\":false}\n");
  EXPECT_EQ(Read(bucket / input.interrupted), "{\"job\":\"r/t/hpl\"}\n");
  EXPECT_FALSE(fs::exists(bucket / input.jobs[2].result)) << "ran on after a spot notice";
  // The agent came by key: `aws s3 cp s3://BUCKET/KEY agent --region R --only-show-errors`.
  std::string calls = Read(sandbox.root() / "aws.log");
  EXPECT_TRUE(util::StartsWith(calls, "s3\ncp\ns3://" + std::string(kBucket) + "/" + input.agent +
                                          "\nagent\n--region\nus-east-1\n--only-show-errors\n--\n"))
      << calls;
  std::string options = Read(sandbox.root() / "aws-options.log");
  EXPECT_EQ(options,
            "us-east-1|\nus-east-1|\nus-east-1|\nus-east-1|\n");  // agent, 2 results, marker
  EXPECT_FALSE(fs::exists(sandbox.root() / "curl.log"));
  EXPECT_EQ(Read(sandbox.root() / "dnf.log").find("awscli-2"), std::string::npos)
      << "installed the CLI though aws was there";
  EXPECT_TRUE(util::EndsWith(Read(sandbox.root() / "shutdown.log"), "-h now\n"));
}

TEST(AwsUserDataByRole, InstallsAwsCliOnlyWhenMissing) {
  Sandbox sandbox(AwsCli::kMissing);
  UserDataInput input = RoleInput(::aws::Sha256Hex(kStubAgent));
  input.jobs.resize(1);
  auto script = BuildUserData(input);
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(sandbox.Run(*script), 0) << Read(sandbox.root() / "stdout");
  std::string dnf = Read(sandbox.root() / "dnf.log");
  EXPECT_TRUE(util::StartsWith(dnf, "install -y -q awscli-2\n")) << dnf;  // before anything else
  EXPECT_TRUE(fs::exists(sandbox.root() / "s3" / kBucket / input.jobs[0].result));
}

TEST(AwsUserDataByRole, EndpointUrlOnlyWhenOverridden) {
  Sandbox sandbox;
  UserDataInput input = RoleInput(::aws::Sha256Hex(kStubAgent));
  input.jobs.resize(1);
  input.s3.endpoint_url = "http://127.0.0.1:4566";
  auto script = BuildUserData(input);
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(sandbox.Run(*script), 0) << Read(sandbox.root() / "stdout");
  EXPECT_EQ(Read(sandbox.root() / "aws-options.log"),
            "us-east-1|http://127.0.0.1:4566\nus-east-1|http://127.0.0.1:4566\n");
  EXPECT_TRUE(fs::exists(sandbox.root() / "s3" / kBucket / input.jobs[0].result));
}

// Keys, the bucket and the region are data: quotes, spaces and $(...) reach the CLI as they are.
TEST(AwsUserDataByRole, QuotesEveryValue) {
  Sandbox sandbox;
  UserDataInput input = RoleInput(::aws::Sha256Hex(kStubAgent));
  input.jobs = {
      {"r/t/it's", "stream-triad", "campaigns/c1/s1/1/results/it's $(touch pwned) `x`.json"}};
  input.s3.region = "us-east-1'x";
  auto script = BuildUserData(input);
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(sandbox.Run(*script), 0) << Read(sandbox.root() / "stdout");
  EXPECT_TRUE(fs::exists(sandbox.root() / "s3" / kBucket / input.jobs[0].result))
      << Read(sandbox.root() / "aws.log");
  EXPECT_NE(Read(sandbox.root() / "aws-options.log").find("us-east-1'x|"), std::string::npos);
  for (const auto& entry : fs::recursive_directory_iterator(sandbox.root())) {
    EXPECT_NE(entry.path().filename(), "pwned") << "a key ran as a command";
  }
}

TEST(AwsUserDataByRole, WrongAgentChecksumRunsNothing) {
  Sandbox sandbox;
  auto script = BuildUserData(RoleInput(std::string(64, '0')));
  ASSERT_TRUE(script.has_value());
  sandbox.Run(*script);
  EXPECT_FALSE(fs::exists(sandbox.root() / "s3"));
  EXPECT_NE(sandbox.SessionLog().find("sha256 mismatch"), std::string::npos);
  EXPECT_TRUE(util::EndsWith(Read(sandbox.root() / "shutdown.log"), "-h now\n"));
}

}  // namespace
}  // namespace cloud::aws
