#include "agent/imds.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include <nlohmann/json.hpp>

#include "util/strings.h"

namespace agent {
namespace {

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

int Millis(double seconds) { return std::max(1, static_cast<int>(std::lround(seconds * 1000.0))); }

util::Status WaitFor(int fd, short events, double timeout_seconds, const char* what) {
  pollfd p{fd, events, 0};
  int ready = poll(&p, 1, Millis(timeout_seconds));
  if (ready == 0)
    return util::MakeError(util::ErrorClass::kTimeout, std::string(what) + " timed out");
  if (ready < 0)
    return util::MakeError(util::ErrorClass::kIo, std::string(what) + ": " + std::strerror(errno));
  return {};
}

util::Status Connect(int fd, const std::string& host, int port, double timeout_seconds) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    return util::InvalidInput("metadata host must be an IPv4 address: " + host);
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 &&
      errno != EINPROGRESS) {
    return util::MakeError(util::ErrorClass::kIo, std::string("connect: ") + std::strerror(errno));
  }
  if (auto waited = WaitFor(fd, POLLOUT, timeout_seconds, "connect"); !waited) return waited;
  int error = 0;
  socklen_t length = sizeof error;
  getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
  if (error != 0)
    return util::MakeError(util::ErrorClass::kIo, std::string("connect: ") + std::strerror(error));
  return {};
}

// A field of the identity document as text; empty when absent or not a string, so that a
// malformed document fails the lookup instead of throwing out of the agent run
// (nlohmann's value() throws on a present field of another type).
std::string TextField(const nlohmann::json& document, const char* key) {
  const auto it = document.find(key);
  return it != document.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

util::Expected<HttpResponse> ParseHttpResponse(const std::string& raw) {
  size_t header_end = raw.find("\r\n\r\n");
  if (!util::StartsWith(raw, "HTTP/1.") || header_end == std::string::npos) {
    return util::MakeError(util::ErrorClass::kIo, "malformed HTTP response");
  }
  std::vector<std::string> status_line = util::Split(raw.substr(0, raw.find("\r\n")), ' ');
  auto status = status_line.size() >= 2 ? util::ParseInt(status_line[1]) : std::nullopt;
  if (!status) return util::MakeError(util::ErrorClass::kIo, "malformed HTTP status line");
  HttpResponse response{static_cast<int>(*status), raw.substr(header_end + 4)};
  for (const std::string& line : util::Split(raw.substr(0, header_end), '\n')) {
    std::string lower = util::ToLower(util::Trim(line));
    if (!util::StartsWith(lower, "content-length:")) continue;
    auto length = util::ParseInt(util::Trim(std::string_view(lower).substr(15)));
    if (!length || *length < 0 || static_cast<size_t>(*length) > response.body.size()) {
      return util::MakeError(util::ErrorClass::kIo, "HTTP body shorter than its Content-Length");
    }
    response.body.resize(static_cast<size_t>(*length));
  }
  return response;
}

util::Expected<HttpResponse> SocketTransport::Send(
    const std::string& method, const std::string& path,
    const std::vector<std::pair<std::string, std::string>>& headers, double timeout_seconds) {
  Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (socket.fd() < 0)
    return util::MakeError(util::ErrorClass::kIo, std::string("socket: ") + std::strerror(errno));
  if (auto connected = Connect(socket.fd(), host_, port_, timeout_seconds); !connected)
    return connected.error();
  std::string request =
      method + " " + path + " HTTP/1.1\r\nHost: " + host_ + "\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "Content-Length: 0\r\n\r\n";
  if (::send(socket.fd(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return util::MakeError(util::ErrorClass::kIo, "send failed");
  }
  std::string raw;
  char buffer[4096];
  while (raw.size() < (1u << 20)) {
    if (auto waited = WaitFor(socket.fd(), POLLIN, timeout_seconds, "read"); !waited)
      return waited.error();
    ssize_t n = ::recv(socket.fd(), buffer, sizeof buffer, 0);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) break;
    raw.append(buffer, static_cast<size_t>(n));
  }
  return ParseHttpResponse(raw);
}

bool LooksLikeEc2(const FileReader& files, std::string& why_not) {
  auto vendor = files.Read("/sys/class/dmi/id/sys_vendor");
  auto asset = files.Read("/sys/class/dmi/id/board_asset_tag");
  std::string v = vendor ? std::string(util::Trim(*vendor)) : "";
  std::string a = asset ? std::string(util::Trim(*asset)) : "";
  if (v == "Amazon EC2" || util::StartsWith(a, "i-")) return true;
  why_not = v.empty() ? "not an EC2 instance (no DMI sys_vendor)"
                      : "not an EC2 instance (DMI sys_vendor is '" + v + "')";
  return false;
}

util::Expected<std::string> RequestImdsToken(MetadataTransport& transport, double timeout_seconds) {
  auto token = transport.Send("PUT", "/latest/api/token",
                              {{"X-aws-ec2-metadata-token-ttl-seconds", "60"}}, timeout_seconds);
  if (!token) return token.error();
  if (token->status != 200 || token->body.empty()) {
    return util::MakeError(util::ErrorClass::kIo,
                           "token request answered HTTP " + std::to_string(token->status));
  }
  return token->body;
}

InstanceIdentity FetchInstanceIdentity(MetadataTransport& transport, const Clock& clock,
                                       double budget_seconds) {
  InstanceIdentity id;
  double deadline = clock.MonotonicSeconds() + budget_seconds;
  auto remaining = [&] { return deadline - clock.MonotonicSeconds(); };
  auto fail = [&](const std::string& reason) {
    id.status = "failed";
    id.reason = "IMDSv2: " + reason;
    return id;
  };
  auto token = RequestImdsToken(transport, remaining());
  if (!token) return fail(token.error().message);
  std::vector<std::pair<std::string, std::string>> auth = {{"X-aws-ec2-metadata-token", *token}};
  if (remaining() <= 0) return fail("time budget spent");
  auto document =
      transport.Send("GET", "/latest/dynamic/instance-identity/document", auth, remaining());
  if (!document) return fail(document.error().message);
  if (document->status != 200)
    return fail("identity document answered HTTP " + std::to_string(document->status));
  nlohmann::json parsed = nlohmann::json::parse(document->body, nullptr, false);
  if (!parsed.is_object()) return fail("identity document is not a JSON object");
  id.instance_id = TextField(parsed, "instanceId");
  id.instance_type = TextField(parsed, "instanceType");
  id.region = TextField(parsed, "region");
  id.availability_zone = TextField(parsed, "availabilityZone");
  if (id.instance_id.empty() || id.instance_type.empty())
    return fail("identity document lacks a string instanceId/instanceType");
  if (remaining() > 0) {
    auto lifecycle =
        transport.Send("GET", "/latest/meta-data/instance-life-cycle", auth, remaining());
    if (lifecycle && lifecycle->status == 200)
      id.lifecycle = std::string(util::Trim(lifecycle->body));
  }
  id.status = "ok";
  return id;
}

}  // namespace agent
