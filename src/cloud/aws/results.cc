// The aws backend's results: the attempt's S3 prefix, new keys only, each document
// validated against the result schema before it is returned (as the local backend does).

#include <nlohmann/json.hpp>

#include "agent/result_schema.h"
#include "aws/s3.h"
#include "cloud/aws/aws_cloud.h"
#include "util/strings.h"

namespace cloud::aws {

namespace s3 = ::aws::s3;

namespace {

// "2026-11-29T12:14:10.648Z" -> the whole second.
std::optional<util::TimePoint> ParseAgentTime(const nlohmann::json& metadata, const char* field) {
  if (!metadata.contains(field) || !metadata.at(field).is_string()) return std::nullopt;
  std::string text = metadata.at(field).get<std::string>();
  if (auto dot = text.find('.'); dot != std::string::npos) text = text.substr(0, dot) + "Z";
  auto parsed = util::ParseIso8601WithOffset(text);
  if (!parsed) return std::nullopt;
  return *parsed;
}

std::pair<std::string, std::string> StatusOf(const nlohmann::json& document) {
  for (const auto& benchmark : document.at("benchmarks")) {
    std::string status = benchmark.value("status", "failed");
    if (status != "ok") return {status, benchmark.value("reason", "")};
  }
  return {"ok", ""};
}

ResultDoc FailureDoc(const std::string& job, const std::string& instance_id, std::string status,
                     std::string reason, util::TimePoint at) {
  ResultDoc doc{job, instance_id, std::move(status), std::move(reason), at, at, ""};
  doc.json = nlohmann::json{{"schema", "aws-benchmark-collector/aws-failure"},
                            {"schema_version", 1},
                            {"job", job},
                            {"instance_id", instance_id},
                            {"status", doc.status},
                            {"reason", doc.reason}}
                 .dump();
  return doc;
}

}  // namespace

util::Expected<ResultDoc> AwsCloud::ReadResult(const ::aws::Caller& s3_caller,
                                               const std::string& key, const std::string& job) {
  s3::Location where{setup_.bucket, s3::PathStyleFor(s3_caller, setup_.bucket)};
  auto body = s3::GetObject(s3_caller, where, key);
  if (!body) return body.error();
  std::string prefix = key.substr(0, key.find("results/"));
  std::string instance_id = instance_by_prefix_.count(prefix) ? instance_by_prefix_[prefix] : "";
  auto parsed = agent::ParseResultDocument(*body);
  if (!parsed) {
    return FailureDoc(job, instance_id, "failed",
                      "the result in s3://" + setup_.bucket + "/" + key +
                          " is not valid: " + parsed.error().message,
                      services_->Now());
  }
  nlohmann::json& metadata = (*parsed)["metadata"];
  const nlohmann::json& identity = (*parsed)["sysinfo"]["instance"];
  if (instance_id.empty() && identity.is_object() && identity.contains("instance_id")) {
    instance_id = identity.value("instance_id", "");
  }
  ResultDoc doc;
  doc.job = job;
  doc.instance_id = instance_id;
  std::tie(doc.status, doc.reason) = StatusOf(*parsed);
  doc.started_at = ParseAgentTime(metadata, "started_at").value_or(services_->Now());
  doc.ended_at = ParseAgentTime(metadata, "ended_at").value_or(doc.started_at);
  metadata["backend"] = "aws";
  doc.json = parsed->dump();
  return doc;
}

util::Expected<std::vector<ResultDoc>> AwsCloud::FetchResults(
    const std::string& campaign, const std::string& session, int attempt,
    const std::set<std::string>& known_jobs) {
  auto s3_caller = Caller(::aws::Service::kS3, setup_.region);
  if (!s3_caller) return s3_caller.error();
  s3::Location where{setup_.bucket, s3::PathStyleFor(*s3_caller, setup_.bucket)};
  std::string prefix = AttemptPrefix(campaign, session, attempt);
  auto objects = s3::ListObjectsV2(*s3_caller, where, prefix);
  if (!objects) return objects.error();
  std::vector<ResultDoc> out;
  std::set<std::string> seen = known_jobs;
  bool interrupted = false;
  for (const auto& object : *objects) {
    if (object.key == InterruptedKey(campaign, session, attempt)) {
      interrupted = true;
      continue;
    }
    std::string results = prefix + "results/";
    if (!util::StartsWith(object.key, results) || !util::EndsWith(object.key, ".json")) continue;
    std::string job = object.key.substr(results.size(), object.key.size() - results.size() - 5);
    if (seen.count(job)) continue;
    auto doc = ReadResult(*s3_caller, object.key, job);
    if (!doc) return doc.error();
    seen.insert(job);
    out.push_back(std::move(*doc));
  }
  if (interrupted) {
    // The marker names the job the notice stopped; without its own document it is
    // reported interrupted here (the later jobs never started: the executor retries them).
    auto marker = s3::GetObject(*s3_caller, where, InterruptedKey(campaign, session, attempt));
    if (!marker) return marker.error();
    nlohmann::json j = nlohmann::json::parse(*marker, nullptr, false);
    std::string job = j.is_object() ? j.value("job", "") : "";
    if (!job.empty() && !seen.count(job)) {
      std::string id = instance_by_prefix_.count(prefix) ? instance_by_prefix_[prefix] : "";
      out.push_back(FailureDoc(job, id, "interrupted", "spot interruption notice seen by the agent",
                               services_->Now()));
    }
  }
  return out;
}

}  // namespace cloud::aws
