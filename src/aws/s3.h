#pragma once
// S3 (REST XML): the object calls the campaign needs, bucket creation with its lifecycle
// rule, and presigned GET/PUT URLs for the instances.
// Addressing: virtual-hosted (bucket.s3.region.amazonaws.com) on AWS's own endpoints, path
// style (endpoint/bucket/key) on a configured endpoint (a fake, a compatible store).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/request.h"
#include "util/time.h"

namespace aws::s3 {

struct Location {
  std::string bucket;
  bool path_style = false;  // see above; PathStyleFor decides
};

// True when the endpoint is not AWS's default for S3 in that region, or the bucket name has
// dots (a TLS certificate covers one label only).
bool PathStyleFor(const Caller& s3, std::string_view bucket);

util::Status PutObject(const Caller& s3, const Location& where, const std::string& key,
                       std::string_view body, std::string_view content_type);
// kNotFound when there is no such key.
util::Expected<std::string> GetObject(const Caller& s3, const Location& where,
                                      const std::string& key);

struct ObjectInfo {
  std::string key;
  long long size = 0;
  std::string etag;
  std::optional<util::TimePoint> last_modified;
};
util::Expected<ObjectInfo> HeadObject(const Caller& s3, const Location& where,
                                      const std::string& key);
// Every object under the prefix (all pages).
util::Expected<std::vector<ObjectInfo>> ListObjectsV2(const Caller& s3, const Location& where,
                                                      const std::string& prefix);
util::Status DeleteObject(const Caller& s3, const Location& where, const std::string& key);

// In the caller's region (a LocationConstraint outside us-east-1). A bucket the account
// already owns is success.
util::Status CreateBucket(const Caller& s3, const Location& where);
// One rule: objects under `prefix` expire after `days`.
util::Status PutExpirationRule(const Caller& s3, const Location& where, const std::string& rule_id,
                               const std::string& prefix, int days);

enum class PresignMethod { kGet, kPut };
// A URL valid for `expires` (at most 7 days, SigV4's limit) from `now`.
util::Expected<std::string> PresignUrl(const Caller& s3, const Location& where,
                                       const std::string& key, PresignMethod method,
                                       std::chrono::seconds expires);

struct ListPage {
  std::vector<ObjectInfo> objects;
  std::string next_continuation_token;  // "" when not truncated
};
util::Expected<ListPage> ParseListObjectsV2(std::string_view xml);

std::string CreateBucketBody(std::string_view region);
std::string LifecycleBody(const std::string& rule_id, const std::string& prefix, int days);

}  // namespace aws::s3
