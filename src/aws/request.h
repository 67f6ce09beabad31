#pragma once
// Sending one signed request to a service: the pieces every client shares.

#include <chrono>
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

// Throttling answers (RequestLimitExceeded, Throttling, SlowDown...) sent again after an
// exponential backoff with jitter, as the AWS CLI's standard retry mode does. For the calls
// outside the executor (preflight, bucket set-up, account facts, cleanup, catalog refresh);
// the campaign's provider keeps one attempt, since the executor owns its retries and gates.
struct ThrottleRetry {
  int attempts = 1;                            // 1: never again
  std::chrono::milliseconds first_delay{500};  // doubles per attempt, with up to half added
  std::function<void(std::chrono::milliseconds)> sleep;  // empty: std::this_thread::sleep_for
};

// Everything a client needs to call one service endpoint.
struct Caller {
  HttpClient* http = nullptr;
  CredentialsProvider* credentials = nullptr;
  ResolvedEndpoint endpoint;
  Clock now;
  ThrottleRetry throttle;
};

// Waits before attempt `attempt` + 1 (first_delay × 2^(attempt-1), plus jitter).
void SleepBeforeRetry(const ThrottleRetry& retry, int attempt);

// Runs `send` once, and again while it answers a throttling error and caller.throttle allows.
template <typename Send>
auto RetryThrottled(const Caller& caller, const Send& send) -> decltype(send()) {
  for (int attempt = 1;; ++attempt) {
    auto result = send();
    if (result || attempt >= caller.throttle.attempts ||
        result.error().error_class != util::ErrorClass::kThrottling) {
      return result;
    }
    SleepBeforeRetry(caller.throttle, attempt);
  }
}

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
                                     const std::string& body);

bool IsSuccess(long status);

}  // namespace aws
