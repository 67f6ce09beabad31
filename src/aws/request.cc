#include "aws/request.h"

#include <chrono>

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

util::Expected<std::string> CallQuery(const Caller& caller, std::string_view action,
                                      std::string_view version, std::vector<QueryParam> params) {
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

util::Expected<std::string> CallJson(const Caller& caller, std::string_view target,
                                     std::string body) {
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

}  // namespace aws
