#pragma once
// URI pieces as AWS signs and sends them: RFC 3986 percent-encoding of everything but the
// unreserved characters, dot-segment removal, and endpoint URLs.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/expected.h"

namespace aws {

// Percent-encodes every byte except A-Z a-z 0-9 - _ . ~ (and '/' when keep_slash), with
// upper-case hex, as SigV4 requires. UTF-8 text is encoded byte by byte.
std::string UriEncode(std::string_view text, bool keep_slash = false);

// RFC 3986 section 5.2.4 on a path, also dropping empty segments (AWS services other than
// S3 sign the normalized path). A trailing slash is kept; "" becomes "/".
std::string RemoveDotSegments(std::string_view path);

struct QueryParam {
  std::string name;  // decoded text
  std::string value;
};

// "a=1&b=%20x": names and values encoded, in the given order.
std::string EncodeQuery(const std::vector<QueryParam>& params);

// An endpoint given by the user or derived from the region: "https://ec2.us-east-1.amazonaws.com".
struct Endpoint {
  std::string scheme;  // "https" or "http"
  std::string host;    // without port; IPv6 literals keep their brackets
  int port = 443;
  std::string base_path;  // "" or "/prefix" (no trailing slash)

  bool DefaultPort() const { return port == (scheme == "https" ? 443 : 80); }
  // What the Host header carries: the port only when it is not the scheme's default.
  std::string HostHeader() const;
  std::string Origin() const;  // "https://host[:port]"
  std::string Url() const;     // Origin() and base_path: the endpoint URL as configured
};

// Accepts http(s)://host[:port][/path]; `what` names the flag or variable in the error.
util::Expected<Endpoint> ParseEndpoint(std::string_view url, std::string_view what);

}  // namespace aws
