#pragma once
// The user-data an instance boots with: a bash script, no secrets, at most 16 KiB (EC2's
// limit before base64). It
//   1. schedules a failsafe `shutdown -h` at the session's deadline,
//   2. downloads the agent and checks its sha256 (else shuts down),
//   2b. downloads each custom suite's suite.json and files (docs/custom-suites.md) into
//      suites/NAME/, checking each sha256 (a mismatch is logged and the file removed: the
//      agent then reports that benchmark skipped, naming the file),
//   3. installs the packages the session's variants need, skipping those present,
//   4. runs the jobs one by one with the agent and uploads each result as soon as it exists,
//   5. uploads `interrupted` and stops when the agent saw a spot notice (exit status 130),
//   6. shuts down (`shutdown -h now`; the instance terminates on shutdown).
// How it reaches S3 (ObjectAccess):
//   - by the instance's role (the default): `aws s3 cp` with the instance profile's
//     credentials, which the AWS CLI takes from IMDS itself. The script holds the bucket,
//     the region and object keys only: no URL with a query, no signature. `awscli-2` is
//     installed (dnf) only when `aws` is missing; `--endpoint-url` only when the campaign's
//     S3 endpoint was overridden.
//   - by presigned URLs (--presigned-urls): curl GETs and PUTs. Each URL carries the access
//     key id, its signature and any session token (docs/aws-setup.md); they sit in variables
//     and arguments and are never echoed: the log names jobs, not URLs.
// Commands are called by name, never by absolute path, so a test sandbox can shim them.

#include <string>
#include <vector>

#include "cloud/provider.h"
#include "util/bytes.h"
#include "util/expected.h"
#include "util/time.h"

namespace cloud::aws {

inline constexpr size_t kUserDataLimit = 16 * util::kKiB;

enum class ObjectAccess {
  kInstanceRole,   // `aws s3 cp s3://bucket/key`, with the instance profile's credentials
  kPresignedUrls,  // curl with a presigned URL per object and method
};

// One S3 object as the script names it: its key (kInstanceRole) or its presigned URL for the
// one method the script uses on it (kPresignedUrls).
using ObjectRef = std::string;

struct S3Target {
  ObjectAccess access = ObjectAccess::kInstanceRole;
  std::string bucket;        // kInstanceRole
  std::string region;        // kInstanceRole: the bucket's region (aws s3 cp --region)
  std::string endpoint_url;  // kInstanceRole: "" = AWS's own; else passed as --endpoint-url
};

struct UserDataJob {
  std::string id;
  std::string benchmark;  // one variant, run with --exact
  ObjectRef result;       // where its result document goes (PUT)
};

// One file of a custom suite, fetched to `path` (relative to the session's folder).
struct UserDataFile {
  std::string path;
  std::string sha256;  // hex
  ObjectRef object;    // GET
};

struct UserDataInput {
  std::string session;
  util::TimePoint deadline{};
  S3Target s3;
  ObjectRef agent;           // GET
  std::string agent_sha256;  // hex
  std::vector<std::string> packages;
  std::vector<UserDataJob> jobs;
  ObjectRef interrupted;                  // PUT
  std::string market;                     // "spot" or "on-demand", passed to the agent
  bool quick = false;                     // the agent's --quick: small sizes, 3 iterations
  std::vector<UserDataFile> suite_files;  // every suite.json and the files each names
  std::vector<std::string> suites;        // the suite.json paths, passed as --suite
};

// The script; kInvalidInput when it would exceed kUserDataLimit (the error says by how
// much and suggests fewer jobs per session).
util::Expected<std::string> BuildUserData(const UserDataInput& input);

// The Amazon Linux 2023 packages the jobs' variants load (docs/aws-setup.md lists them):
// OpenBLAS for hpl, hpl-single and hpl-neoverse's fallback, BLIS for hpl-blis, numactl's
// library for the NUMA variants. MKL is not in AL2023's repositories: hpl-mkl is reported
// skipped by the agent.
std::vector<std::string> PackagesFor(const std::vector<JobSpec>& jobs);

// 'text' quoted for bash: single quotes, each ' written as '\''.
std::string ShellQuote(const std::string& text);

}  // namespace cloud::aws
