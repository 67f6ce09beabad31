#include "cloud/aws/suite_upload.h"

#include "aws/crypto.h"
#include "bench/suite.h"
#include "cloud/aws/aws_setup.h"
#include "util/files.h"

namespace cloud::aws {
namespace s3 = ::aws::s3;

namespace {

util::Status Ship(const ::aws::Caller& s3_caller, const s3::Location& where,
                  const std::string& campaign, const std::string& path, const std::string& bytes,
                  const RefFor& ref_for, UserDataInput& input) {
  std::string sha = ::aws::Sha256Hex(bytes);
  std::string key = SuiteObjectKey(campaign, sha);
  auto head = s3::HeadObject(s3_caller, where, key);
  if (!head) {
    if (head.error().error_class != util::ErrorClass::kNotFound) return head.error();
    auto put = s3::PutObject(s3_caller, where, key, bytes, "application/octet-stream");
    if (!put) return put.error();
  }
  auto object = ref_for(key, s3::PresignMethod::kGet);
  if (!object) return object.error();
  input.suite_files.push_back({path, sha, *object});
  return {};
}

}  // namespace

util::Status ShipSuites(const ::aws::Caller& s3_caller, const s3::Location& where,
                        const LaunchRequest& request, const RefFor& ref_for, UserDataInput& input) {
  for (const std::string& text : request.suites) {
    auto suite = bench::ParseSuite(text, "launch suite");
    if (!suite) return suite.error();
    const std::string folder = "suites/" + suite->name + "/";
    for (const bench::CustomBenchmark& benchmark : suite->benchmarks) {
      for (const std::string& file : benchmark.files) {
        auto bytes = util::ReadFile(suite->folder + "/" + file);
        if (!bytes) return bytes.error();
        if (auto shipped =
                Ship(s3_caller, where, request.campaign, folder + file, *bytes, ref_for, input);
            !shipped)
          return shipped;
      }
    }
    // The instance's copy names no folder: the agent uses the one its suite.json is in.
    suite->folder.clear();
    if (auto shipped = Ship(s3_caller, where, request.campaign, folder + "suite.json",
                            bench::SuiteToJson(*suite).dump(), ref_for, input);
        !shipped)
      return shipped;
    input.suites.push_back(folder + "suite.json");
  }
  return {};
}

}  // namespace cloud::aws
