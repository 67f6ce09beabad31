#include "aws/sigv4.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "aws/crypto.h"
#include "util/strings.h"

namespace aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

bool IsS3(std::string_view service) { return service == "s3"; }

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Trims and collapses inner runs of white space to one space.
std::string TrimAll(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

struct CanonicalHeaders {
  std::string text;          // "name:value\n" per header
  std::string signed_names;  // "host;x-amz-date"
};

CanonicalHeaders Canonicalize(const std::vector<Header>& headers) {
  std::map<std::string, std::vector<std::string>> by_name;  // sorted by lower-case name
  for (const Header& header : headers) {
    by_name[util::ToLower(util::Trim(header.name))].push_back(TrimAll(header.value));
  }
  CanonicalHeaders canonical;
  for (const auto& [name, values] : by_name) {
    canonical.text += name + ":" + util::Join(values, ",") + "\n";
    if (!canonical.signed_names.empty()) canonical.signed_names += ';';
    canonical.signed_names += name;
  }
  return canonical;
}

std::string Scope(const SigningContext& context) {
  return AmzDate(context.time).substr(0, 8) + "/" + context.region + "/" + context.service +
         "/aws4_request";
}

std::string SigningKey(const Credentials& credentials, const SigningContext& context) {
  std::string key = HmacSha256("AWS4" + credentials.secret_access_key.Reveal(),
                               AmzDate(context.time).substr(0, 8));
  key = HmacSha256(key, context.region);
  key = HmacSha256(key, context.service);
  return HmacSha256(key, "aws4_request");
}

struct Signed {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
};

Signed Sign(const SignableRequest& request, const std::vector<QueryParam>& query,
            const CanonicalHeaders& headers, std::string_view payload_hash,
            const Credentials& credentials, const SigningContext& context) {
  Signed out;
  std::string method = request.method;
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  out.canonical_request = method + "\n" + CanonicalUri(request.path, context.service) + "\n" +
                          CanonicalQuery(query) + "\n" + headers.text + "\n" +
                          headers.signed_names + "\n" + std::string(payload_hash);
  out.string_to_sign = std::string(kAlgorithm) + "\n" + AmzDate(context.time) + "\n" +
                       Scope(context) + "\n" + Sha256Hex(out.canonical_request);
  out.signature = HexEncode(HmacSha256(SigningKey(credentials, context), out.string_to_sign));
  return out;
}

}  // namespace

std::string AmzDate(util::TimePoint time) { return date::format("%Y%m%dT%H%M%SZ", time); }

std::string WirePath(std::string_view decoded_path) { return UriEncode(decoded_path, true); }

std::string CanonicalUri(std::string_view decoded_path, std::string_view service) {
  std::string wire = WirePath(decoded_path.empty() ? "/" : decoded_path);
  if (IsS3(service)) return wire;
  return UriEncode(RemoveDotSegments(wire), true);
}

std::string CanonicalQuery(const std::vector<QueryParam>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const QueryParam& param : query) {
    encoded.emplace_back(UriEncode(param.name), UriEncode(param.value));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

HeaderSignature SignHeaders(const SignableRequest& request, const Credentials& credentials,
                            const SigningContext& context, Payload payload) {
  HeaderSignature result;
  result.headers.push_back({"X-Amz-Date", AmzDate(context.time)});
  if (!credentials.session_token.empty()) {
    result.headers.push_back({"X-Amz-Security-Token", credentials.session_token.Reveal()});
  }
  std::string payload_hash =
      payload == Payload::kUnsigned ? std::string(kUnsignedPayload) : Sha256Hex(request.body);
  if (IsS3(context.service)) result.headers.push_back({"X-Amz-Content-SHA256", payload_hash});

  std::vector<Header> to_sign = request.headers;
  to_sign.push_back({"host", request.host});
  to_sign.insert(to_sign.end(), result.headers.begin(), result.headers.end());
  CanonicalHeaders canonical = Canonicalize(to_sign);
  Signed sig = Sign(request, request.query, canonical, payload_hash, credentials, context);
  result.headers.push_back(
      {"Authorization", std::string(kAlgorithm) +
                            " Credential=" + credentials.access_key_id.Reveal() + "/" +
                            Scope(context) + ", SignedHeaders=" + canonical.signed_names +
                            ", Signature=" + sig.signature});
  result.canonical_request = std::move(sig.canonical_request);
  result.string_to_sign = std::move(sig.string_to_sign);
  result.signature = std::move(sig.signature);
  return result;
}

std::string PresignQuery(const SignableRequest& request, const Credentials& credentials,
                         const SigningContext& context, std::chrono::seconds expires) {
  std::vector<Header> to_sign = request.headers;
  to_sign.push_back({"host", request.host});
  CanonicalHeaders canonical = Canonicalize(to_sign);

  std::vector<QueryParam> query = request.query;
  query.push_back({"X-Amz-Algorithm", std::string(kAlgorithm)});
  query.push_back({"X-Amz-Credential", credentials.access_key_id.Reveal() + "/" + Scope(context)});
  query.push_back({"X-Amz-Date", AmzDate(context.time)});
  query.push_back({"X-Amz-Expires", std::to_string(expires.count())});
  query.push_back({"X-Amz-SignedHeaders", canonical.signed_names});
  if (!credentials.session_token.empty()) {
    query.push_back({"X-Amz-Security-Token", credentials.session_token.Reveal()});
  }
  std::string payload_hash =
      IsS3(context.service) ? std::string(kUnsignedPayload) : Sha256Hex(request.body);
  Signed sig = Sign(request, query, canonical, payload_hash, credentials, context);
  query.push_back({"X-Amz-Signature", sig.signature});
  return EncodeQuery(query);
}

}  // namespace aws
