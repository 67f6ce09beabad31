#pragma once
// Sending one signed request to a service: the pieces every client shares.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/endpoints.h"
#include "aws/http.h"
#include "aws/sigv4.h"
#include "util/expected.h"

namespace aws {

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  virtual util::Expected<Credentials> Get() = 0;
};

class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials)
      : credentials_(std::move(credentials)) {}
  util::Expected<Credentials> Get() override { return credentials_; }

 private:
  Credentials credentials_;
};

using Clock = std::function<util::TimePoint()>;
Clock SystemClock();

// Everything a client needs to call one service endpoint.
struct Caller {
  HttpClient* http = nullptr;
  CredentialsProvider* credentials = nullptr;
  ResolvedEndpoint endpoint;
  Clock now;
};

// Signs (header form) and sends; the endpoint's host and base path are filled in. A
// response of any status comes back.
util::Expected<HttpResponse> SendSigned(const Caller& caller, SignableRequest request,
                                        Payload payload = Payload::kSigned);

// The Query protocol (EC2, STS): POST form Action=..&Version=..&params. The 2xx body, or
// the parsed error ("<service> <Action>: Code: message").
util::Expected<std::string> CallQuery(const Caller& caller, std::string_view action,
                                      std::string_view version, std::vector<QueryParam> params);

// The JSON protocol (SSM, Service Quotas, Pricing): POST with X-Amz-Target.
util::Expected<std::string> CallJson(const Caller& caller, std::string_view target,
                                     std::string body);

bool IsSuccess(long status);

}  // namespace aws
