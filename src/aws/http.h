#pragma once
// HTTP for the AWS clients. HttpClient is an interface so that tests and the backend can use
// fakes; MakeCurlHttpClient is the real one (libcurl): TLS verification always on, connect
// and total timeouts, keep-alive per endpoint, and retries of transport failures only.
// HTTP statuses (throttling, 5xx) come back to the caller: the executor owns those retries.
// Request headers are never logged or put in errors (they carry signatures and tokens), and
// error texts name the URL without its query (presigned URLs carry a signature there).

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/environment.h"
#include "aws/sigv4.h"
#include "util/expected.h"

namespace aws {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute, query included
  std::vector<Header> headers;
  std::string body;
};

struct HttpResponse {
  long status = 0;
  std::vector<Header> headers;  // names lower-case
  std::string body;

  std::optional<std::string> HeaderValue(std::string_view lower_case_name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // A response of any status, or a transport error (kTimeout, kTransient; kFatal when the
  // server's certificate does not verify) after the retries.
  virtual util::Expected<HttpResponse> Send(const HttpRequest& request) = 0;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{60000};
  int attempts = 4;                              // first try plus retries of transport failures
  std::chrono::milliseconds first_backoff{250};  // doubles per retry
  std::chrono::milliseconds max_backoff{4000};
  std::string ca_bundle;  // a PEM file to trust instead of the system's; empty: system
  std::function<void(std::chrono::milliseconds)> sleep;  // empty: really sleep
};

// Defaults, with AWS_CA_BUNDLE as the CA bundle like the AWS CLI.
HttpOptions HttpOptionsFromEnvironment(const Environment& environment);

std::unique_ptr<HttpClient> MakeCurlHttpClient(HttpOptions options);

// "https://host/path?query" -> "https://host/path": what errors may show of a URL.
std::string UrlWithoutQuery(std::string_view url);

}  // namespace aws
