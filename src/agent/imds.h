#pragma once
// EC2 instance identity from IMDSv2 (PUT /latest/api/token, then GETs with the token),
// without libcurl: a tiny HTTP/1.1 client behind an interface, with a 1 s total budget.
// Off EC2 it is `skipped`; the link-local address is contacted only when DMI says the
// machine is an EC2 instance. The session token is never logged or recorded.

#include <string>
#include <utility>
#include <vector>

#include "agent/clock.h"
#include "agent/file_reader.h"
#include "agent/sysinfo.h"
#include "util/expected.h"

namespace agent {

struct HttpResponse {
  int status = 0;
  std::string body;
};

class MetadataTransport {
 public:
  virtual ~MetadataTransport() = default;
  virtual util::Expected<HttpResponse> Send(
      const std::string& method, const std::string& path,
      const std::vector<std::pair<std::string, std::string>>& headers, double timeout_seconds) = 0;
};

// HTTP/1.1 over a TCP socket with non-blocking connect and poll() deadlines.
class SocketTransport final : public MetadataTransport {
 public:
  explicit SocketTransport(std::string host = "169.254.169.254", int port = 80)
      : host_(std::move(host)), port_(port) {}
  util::Expected<HttpResponse> Send(const std::string& method, const std::string& path,
                                    const std::vector<std::pair<std::string, std::string>>& headers,
                                    double timeout_seconds) override;

 private:
  std::string host_;
  int port_;
};

// Parses "HTTP/1.1 200 OK\r\n...\r\n\r\nbody" (Content-Length or read-to-close).
util::Expected<HttpResponse> ParseHttpResponse(const std::string& raw);

// Whether DMI says this is an EC2 instance ("Amazon EC2" sys_vendor or board asset tag
// "i-..."); `why_not` explains a no.
bool LooksLikeEc2(const FileReader& files, std::string& why_not);

// An IMDSv2 session token (PUT /latest/api/token, 60 s TTL), for the GETs that follow;
// an error when the transport fails or the service answers anything but 200 with a token.
util::Expected<std::string> RequestImdsToken(MetadataTransport& transport, double timeout_seconds);

// The identity via `transport` within `budget_seconds` in total.
InstanceIdentity FetchInstanceIdentity(MetadataTransport& transport, const Clock& clock,
                                       double budget_seconds = 1.0);

}  // namespace agent
