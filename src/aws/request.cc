#include "aws/request.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "aws/errors.h"

namespace aws {

Clock SystemClock() {
  return [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); };
}

bool IsSuccess(long status) { return status >= 200 && status < 300; }

util::Expected<HttpResponse> SendSigned(const Caller& caller, SignableRequest request,
                                        Payload payload) {
  auto credentials = caller.credentials->Get();
  if (!credentials) return credentials.error();
  const Endpoint& endpoint = caller.endpoint.endpoint;
  request.host = endpoint.HostHeader();
  request.path = endpoint.base_path + request.path;
  SigningContext context{caller.endpoint.signing_region, caller.endpoint.signing_name,
                         caller.now()};
  HeaderSignature signature = SignHeaders(request, *credentials, context, payload);
  HttpRequest http{request.method, endpoint.Origin() + WirePath(request.path), request.headers,
                   std::string(request.body)};
  if (!request.query.empty()) http.url += "?" + EncodeQuery(request.query);
  http.headers.push_back({"Host", request.host});
  http.headers.insert(http.headers.end(), signature.headers.begin(), signature.headers.end());
  return caller.http->Send(http);
}

void SleepBeforeRetry(const ThrottleRetry& retry, int attempt) {
  std::chrono::milliseconds delay = retry.first_delay * (int64_t{1} << std::min(attempt - 1, 10));
  // Jitter spreads the retries of several callers throttled at once (the standard mode's).
  thread_local std::minstd_rand random(std::random_device{}());
  delay += std::chrono::milliseconds(
      std::uniform_int_distribution<int64_t>(0, delay.count() / 2)(random));
  if (retry.sleep) {
    retry.sleep(delay);
  } else {
    std::this_thread::sleep_for(delay);
  }
}

namespace {

util::Expected<std::string> CallQueryOnce(const Caller& caller, std::string_view action,
                                          std::string_view version,
                                          std::vector<QueryParam> params) {
  params.insert(params.begin(),
                {{"Action", std::string(action)}, {"Version", std::string(version)}});
  std::string body = EncodeQuery(params);
  SignableRequest request;
  request.method = "POST";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = body;
  auto response = SendSigned(caller, std::move(request));
  if (!response) return response.error();
  if (!IsSuccess(response->status)) {
    return ErrorFromResponse(*response, Protocol::kQueryXml,
                             caller.endpoint.signing_name + " " + std::string(action));
  }
  return std::move(response->body);
}

util::Expected<std::string> CallJsonOnce(const Caller& caller, std::string_view target,
                                         const std::string& body) {
  SignableRequest request;
  request.method = "POST";
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", std::string(target)}};
  request.body = body;
  auto response = SendSigned(caller, std::move(request));
  if (!response) return response.error();
  if (!IsSuccess(response->status)) {
    std::string_view operation = target.substr(target.find('.') + 1);
    return ErrorFromResponse(*response, Protocol::kJson,
                             caller.endpoint.signing_name + " " + std::string(operation));
  }
  return std::move(response->body);
}

}  // namespace

util::Expected<std::string> CallQuery(const Caller& caller, std::string_view action,
                                      std::string_view version, std::vector<QueryParam> params) {
  return RetryThrottled(caller, [&] { return CallQueryOnce(caller, action, version, params); });
}

util::Expected<std::string> CallJson(const Caller& caller, std::string_view target,
                                     const std::string& body) {
  return RetryThrottled(caller, [&] { return CallJsonOnce(caller, target, body); });
}

}  // namespace aws
