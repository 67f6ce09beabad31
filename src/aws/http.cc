#include "aws/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

#include "util/strings.h"

namespace aws {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Transport failures worth another try: the request may not have reached the server, or
// its reply was lost. Everything else (bad URL, certificate) fails at once.
bool IsRetryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

util::ErrorClass ClassOf(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return util::ErrorClass::kTimeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return util::ErrorClass::kFatal;
    default:
      return util::ErrorClass::kTransient;
  }
}

std::string Hint(CURLcode code) {
  if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE) {
    return " (TLS verification is always on; point AWS_CA_BUNDLE at the CA that signed the "
           "endpoint's certificate)";
  }
  return "";
}

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t AppendHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::vector<Header>*>(user);
  std::string_view line(data, size * count);
  if (util::StartsWith(line, "HTTP/")) {
    headers->clear();  // a new response (after 100 Continue): keep only the final one's
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    headers->push_back({util::ToLower(util::Trim(line.substr(0, colon))),
                        std::string(util::Trim(line.substr(colon + 1)))});
  }
  return size * count;
}

std::string OriginOf(std::string_view url) {
  size_t scheme_end = url.find("://");
  size_t path = url.find_first_of("/?#", scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  return std::string(url.substr(0, path));
}

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(HttpOptions options) : options_(std::move(options)) { GlobalInitOnce(); }
  ~CurlHttpClient() override {
    for (auto& [origin, handle] : handles_) curl_easy_cleanup(handle);
  }
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  util::Expected<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    CURLcode code = CURLE_OK;
    std::chrono::milliseconds backoff = options_.first_backoff;
    for (int attempt = 1;; ++attempt) {
      HttpResponse response;
      code = Perform(request, response);
      if (code == CURLE_OK) return response;
      if (!IsRetryable(code) || attempt >= options_.attempts) {
        return util::MakeError(ClassOf(code),
                               "HTTP " + request.method + " " + UrlWithoutQuery(request.url) +
                                   ": " + curl_easy_strerror(code) + " (after " +
                                   std::to_string(attempt) + " attempt" +
                                   (attempt == 1 ? "" : "s") + ")" + Hint(code),
                               "Transport");
      }
      Sleep(backoff);
      backoff = std::min(backoff * 2, options_.max_backoff);
    }
  }

 private:
  void Sleep(std::chrono::milliseconds duration) {
    if (options_.sleep) {
      options_.sleep(duration);
    } else {
      std::this_thread::sleep_for(duration);
    }
  }

  // One easy handle per endpoint: curl keeps its connection open between requests.
  CURL* HandleFor(const std::string& url) {
    std::string origin = OriginOf(url);
    auto found = handles_.find(origin);
    if (found != handles_.end()) {
      curl_easy_reset(found->second);  // options only; the live connection stays
      return found->second;
    }
    CURL* handle = curl_easy_init();
    handles_.emplace(origin, handle);
    return handle;
  }

  CURLcode Perform(const HttpRequest& request, HttpResponse& response) {
    CURL* curl = HandleFor(request.url);
    if (curl == nullptr) return CURLE_FAILED_INIT;
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);  // S3 keys may hold "..": send them as is
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_bundle.empty())
      curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_bundle.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

    if (request.method == "HEAD") {
      curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.method == "GET" && request.body.empty()) {
      curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    }

    curl_slist* headers = nullptr;
    bool has_content_type = false;
    for (const Header& header : request.headers) {
      has_content_type |= util::ToLower(header.name) == "content-type";
      std::string line = header.name + (header.value.empty() ? ";" : ": " + header.value);
      headers = curl_slist_append(headers, line.c_str());
    }
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    if (!has_content_type) headers = curl_slist_append(headers, "Content-Type:");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    CURLcode code = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(headers);
    if (code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return code;
  }

  HttpOptions options_;
  std::mutex mutex_;
  std::map<std::string, CURL*> handles_;
};

}  // namespace

std::optional<std::string> HttpResponse::HeaderValue(std::string_view lower_case_name) const {
  for (const Header& header : headers) {
    if (header.name == lower_case_name) return header.value;
  }
  return std::nullopt;
}

HttpOptions HttpOptionsFromEnvironment(const Environment& environment) {
  HttpOptions options;
  if (auto bundle = environment("AWS_CA_BUNDLE")) options.ca_bundle = *bundle;
  return options;
}

std::unique_ptr<HttpClient> MakeCurlHttpClient(HttpOptions options) {
  return std::make_unique<CurlHttpClient>(std::move(options));
}

std::string UrlWithoutQuery(std::string_view url) {
  return std::string(url.substr(0, url.find_first_of("?#")));
}

}  // namespace aws
