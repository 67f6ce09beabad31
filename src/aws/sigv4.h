#pragma once
// AWS Signature Version 4, header and presigned-query forms.
// Spec: docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html and
// docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html.
// S3 signs the path as sent (encoded once, not normalized); every other service signs the
// normalized path encoded a second time.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/secret.h"
#include "aws/uri.h"
#include "util/time.h"

namespace aws {

struct Credentials {
  Secret access_key_id;  // not a secret to AWS, but kept out of logs like one
  Secret secret_access_key;
  Secret session_token;                       // empty for long-term keys
  std::optional<util::TimePoint> expiration;  // unset: does not expire
};

struct Header {
  std::string name;
  std::string value;
};

struct SignableRequest {
  std::string method;
  std::string host;        // exactly the Host header that is sent ("h:8080" for a non-default port)
  std::string path = "/";  // decoded: "/my bucket/ü.txt"; the signer encodes it
  std::vector<QueryParam> query;  // decoded names and values; repeats allowed
  std::vector<Header> headers;    // further headers to sign (and send)
  std::string_view body;
};

struct SigningContext {
  std::string region;
  std::string service;  // "ec2", "s3", "sts", ...
  util::TimePoint time;
};

enum class Payload { kSigned, kUnsigned };  // kUnsigned: S3's UNSIGNED-PAYLOAD

inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

struct HeaderSignature {
  std::vector<Header> headers;  // to send: X-Amz-Date, tokens, content hash, Authorization
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // hex
};

HeaderSignature SignHeaders(const SignableRequest& request, const Credentials& credentials,
                            const SigningContext& context, Payload payload = Payload::kSigned);

// The whole query string of a presigned URL: the request's own parameters, the X-Amz-*
// parameters (expiry `expires`, the session token if any) and X-Amz-Signature last.
std::string PresignQuery(const SignableRequest& request, const Credentials& credentials,
                         const SigningContext& context, std::chrono::seconds expires);

// The path as it goes on the wire: encoded once, '/' kept.
std::string WirePath(std::string_view decoded_path);
std::string CanonicalUri(std::string_view decoded_path, std::string_view service);
// Encoded pairs sorted by encoded name, then encoded value.
std::string CanonicalQuery(const std::vector<QueryParam>& query);
// "20150830T123600Z"
std::string AmzDate(util::TimePoint time);

}  // namespace aws
