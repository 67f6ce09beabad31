#include "aws/s3.h"

#include <set>

#include "aws/crypto.h"
#include "aws/errors.h"
#include "aws/xml.h"
#include "util/strings.h"

namespace aws::s3 {
namespace {

constexpr std::chrono::seconds kMaxPresignExpiry{7 * 24 * 3600};

// The caller aimed at the bucket, and the decoded path of the key within it.
struct Target {
  Caller caller;
  std::string path;
};

Target Aim(const Caller& s3, const Location& where, const std::string& key) {
  Target target{s3, ""};
  if (where.path_style) {
    target.path = "/" + where.bucket + "/" + key;
  } else {
    target.caller.endpoint.endpoint.host = where.bucket + "." + s3.endpoint.endpoint.host;
    target.path = "/" + key;
  }
  return target;
}

util::Expected<HttpResponse> Send(const Caller& s3, const Location& where, const std::string& key,
                                  SignableRequest request, std::string_view operation) {
  Target target = Aim(s3, where, key);
  request.path = target.path;
  return RetryThrottled(s3, [&]() -> util::Expected<HttpResponse> {
    auto response = SendSigned(target.caller, request);
    if (!response) return response.error();
    if (!IsSuccess(response->status)) {
      return ErrorFromResponse(*response, Protocol::kRestXml, "s3 " + std::string(operation));
    }
    return response;
  });
}

std::string ContentMd5(std::string_view body) {
  // S3 requires Content-MD5 on lifecycle configurations: an integrity check, not security.
  return Base64Encode(Md5(body));
}

}  // namespace

bool PathStyleFor(const Caller& s3, std::string_view bucket) {
  const std::string& host = s3.endpoint.endpoint.host;
  bool aws_default = util::StartsWith(host, "s3.") && (util::EndsWith(host, ".amazonaws.com") ||
                                                       util::EndsWith(host, ".amazonaws.com.cn"));
  return !aws_default || bucket.find('.') != std::string_view::npos;
}

util::Status PutObject(const Caller& s3, const Location& where, const std::string& key,
                       std::string_view body, std::string_view content_type) {
  SignableRequest request;
  request.method = "PUT";
  request.headers = {{"Content-Type", std::string(content_type)}};
  request.body = body;
  auto response = Send(s3, where, key, std::move(request), "PutObject");
  if (!response) return response.error();
  return {};
}

util::Expected<std::string> GetObject(const Caller& s3, const Location& where,
                                      const std::string& key) {
  auto response = Send(s3, where, key, SignableRequest{"GET", "", "", {}, {}, ""}, "GetObject");
  if (!response) return response.error();
  return std::move(response->body);
}

util::Expected<ObjectInfo> HeadObject(const Caller& s3, const Location& where,
                                      const std::string& key) {
  auto response = Send(s3, where, key, SignableRequest{"HEAD", "", "", {}, {}, ""}, "HeadObject");
  if (!response) return response.error();
  ObjectInfo info;
  info.key = key;
  info.size = util::ParseInt(response->HeaderValue("content-length").value_or("0")).value_or(0);
  info.etag = response->HeaderValue("etag").value_or("");
  return info;
}

util::Expected<ListPage> ParseListObjectsV2(std::string_view xml) {
  pugi::xml_document document;
  auto root = LoadXml(document, xml, "ListBucketResult", "s3 ListObjectsV2");
  if (!root) return root.error();
  ListPage page;
  for (pugi::xml_node item : root->children("Contents")) {
    ObjectInfo info;
    info.key = Text(item, "Key");
    if (info.key.empty()) return MalformedResponse("s3 ListObjectsV2", "Contents without Key");
    info.size = util::ParseInt(Text(item, "Size")).value_or(0);
    info.etag = Text(item, "ETag");
    info.last_modified = ParseAwsTime(Text(item, "LastModified"));
    page.objects.push_back(std::move(info));
  }
  if (Text(*root, "IsTruncated") == "true") {
    page.next_continuation_token = Text(*root, "NextContinuationToken");
    if (page.next_continuation_token.empty()) {
      return MalformedResponse("s3 ListObjectsV2", "truncated without NextContinuationToken");
    }
  }
  return page;
}

util::Expected<std::vector<ObjectInfo>> ListObjectsV2(const Caller& s3, const Location& where,
                                                      const std::string& prefix) {
  std::vector<ObjectInfo> objects;
  std::string token;
  std::set<std::string> seen;
  for (;;) {
    SignableRequest request{"GET", "", "", {{"list-type", "2"}, {"prefix", prefix}}, {}, ""};
    if (!token.empty()) request.query.push_back({"continuation-token", token});
    // The bucket itself: path "/bucket/" (path style) or "/" (virtual-hosted).
    Target target = Aim(s3, where, "");
    request.path = target.path;
    auto response = SendSigned(target.caller, std::move(request));
    if (!response) return response.error();
    if (!IsSuccess(response->status)) {
      return ErrorFromResponse(*response, Protocol::kRestXml, "s3 ListObjectsV2");
    }
    auto page = ParseListObjectsV2(response->body);
    if (!page) return page.error();
    objects.insert(objects.end(), page->objects.begin(), page->objects.end());
    token = page->next_continuation_token;
    if (token.empty()) return objects;
    if (!seen.insert(token).second) {
      return MalformedResponse("s3 ListObjectsV2", "a continuation token came back twice");
    }
  }
}

util::Status DeleteObject(const Caller& s3, const Location& where, const std::string& key) {
  auto response =
      Send(s3, where, key, SignableRequest{"DELETE", "", "", {}, {}, ""}, "DeleteObject");
  if (!response) return response.error();
  return {};
}

std::string CreateBucketBody(std::string_view region) {
  // us-east-1 is the one region that takes no LocationConstraint (S3 API reference).
  if (region == "us-east-1") return "";
  return "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
         "<LocationConstraint>" +
         util::EscapeMarkup(region) +
         "</LocationConstraint>"
         "</CreateBucketConfiguration>";
}

util::Status CreateBucket(const Caller& s3, const Location& where) {
  std::string body = CreateBucketBody(s3.endpoint.signing_region);
  SignableRequest request{"PUT", "", "", {}, {}, body};
  if (!body.empty()) request.headers = {{"Content-Type", "application/xml"}};
  auto response = Send(s3, where, "", std::move(request), "CreateBucket");
  if (!response && response.error().code == "BucketAlreadyOwnedByYou") return {};
  if (!response) return response.error();
  return {};
}

std::string LifecycleBody(const std::string& rule_id, const std::string& prefix, int days) {
  return "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule>"
         "<ID>" +
         util::EscapeMarkup(rule_id) + "</ID><Filter><Prefix>" + util::EscapeMarkup(prefix) +
         "</Prefix></Filter><Status>Enabled</Status><Expiration><Days>" + std::to_string(days) +
         "</Days></Expiration></Rule></LifecycleConfiguration>";
}

util::Status PutExpirationRule(const Caller& s3, const Location& where, const std::string& rule_id,
                               const std::string& prefix, int days) {
  std::string body = LifecycleBody(rule_id, prefix, days);
  SignableRequest request{"PUT",
                          "",
                          "",
                          {{"lifecycle", ""}},
                          {{"Content-Type", "application/xml"}, {"Content-MD5", ContentMd5(body)}},
                          body};
  auto response = Send(s3, where, "", std::move(request), "PutBucketLifecycleConfiguration");
  if (!response) return response.error();
  return {};
}

util::Expected<std::string> PresignUrl(const Caller& s3, const Location& where,
                                       const std::string& key, PresignMethod method,
                                       std::chrono::seconds expires) {
  if (expires.count() < 1 || expires > kMaxPresignExpiry) {
    return util::InvalidInput("a presigned URL lives 1 s to 7 days; asked for " +
                              std::to_string(expires.count()) + " s");
  }
  auto credentials = s3.credentials->Get();
  if (!credentials) return credentials.error();
  Target target = Aim(s3, where, key);
  const Endpoint& endpoint = target.caller.endpoint.endpoint;
  SignableRequest request;
  request.method = method == PresignMethod::kGet ? "GET" : "PUT";
  request.host = endpoint.HostHeader();
  request.path = endpoint.base_path + target.path;
  SigningContext context{s3.endpoint.signing_region, s3.endpoint.signing_name, s3.now()};
  return endpoint.Origin() + WirePath(request.path) + "?" +
         PresignQuery(request, *credentials, context, expires);
}

}  // namespace aws::s3
