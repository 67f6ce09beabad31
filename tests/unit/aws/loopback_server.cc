#include "loopback_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace aws::testing {
namespace {

int Listen(int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd, 16) != 0) {
    throw std::runtime_error("loopback server: cannot listen");
  }
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

bool WaitReadable(int fd, const std::atomic<bool>& stop) {
  while (!stop.load()) {
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, 50);
    if (ready > 0) return true;
    if (ready < 0) return false;
  }
  return false;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::optional<std::string> ReceivedRequest::Header(const std::string& lower_case_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_case_name) return value;
  }
  return std::nullopt;
}

LoopbackServer::LoopbackServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = Listen(port_);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

LoopbackServer::~LoopbackServer() {
  stop_ = true;
  acceptor_.join();
  for (std::thread& worker : workers_) worker.join();
  ::close(listen_fd_);
}

std::vector<ReceivedRequest> LoopbackServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void LoopbackServer::AcceptLoop() {
  while (WaitReadable(listen_fd_, stop_)) {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    int connection = ++connections_;
    workers_.emplace_back([this, fd, connection] { Serve(fd, connection); });
  }
}

void LoopbackServer::Serve(int fd, int connection) {
  std::string buffer;
  char chunk[8192];
  auto read_more = [&] {
    if (!WaitReadable(fd, stop_)) return false;
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    return true;
  };
  for (;;) {
    size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (!read_more()) return (void)::close(fd);
    }
    ReceivedRequest request;
    request.connection = connection;
    std::string head = buffer.substr(0, head_end);
    size_t line_end = head.find("\r\n");
    std::string request_line = head.substr(0, line_end);
    size_t space1 = request_line.find(' ');
    size_t space2 = request_line.rfind(' ');
    request.method = request_line.substr(0, space1);
    request.target = request_line.substr(space1 + 1, space2 - space1 - 1);
    size_t length = 0;
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t end = head.find("\r\n", pos);
      if (end == std::string::npos) end = head.size();
      std::string line = head.substr(pos, end - pos);
      size_t colon = line.find(':');
      std::string name = Lower(line.substr(0, colon));
      std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (name == "content-length") length = std::strtoul(value.c_str(), nullptr, 10);
      request.headers.emplace_back(name, value);
      pos = end + 2;
    }
    while (buffer.size() < head_end + 4 + length) {
      if (!read_more()) return (void)::close(fd);
    }
    request.body = buffer.substr(head_end + 4, length);
    buffer.erase(0, head_end + 4 + length);
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    Reply reply = handler_(request);
    if (reply.kind == Reply::Kind::kClose) return (void)::close(fd);
    if (reply.kind == Reply::Kind::kHang) {
      while (!stop_.load()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      return (void)::close(fd);
    }
    std::string response = "HTTP/1.1 " + std::to_string(reply.status) + " Status\r\n" +
                           "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
    for (const auto& [name, value] : reply.headers) response += name + ": " + value + "\r\n";
    response += "\r\n";
    if (request.method != "HEAD") response += reply.body;
    size_t sent = 0;
    while (sent < response.size()) {
      ssize_t n = ::send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return (void)::close(fd);
      sent += static_cast<size_t>(n);
    }
  }
}

int UnusedPort() {
  int port = 0;
  int fd = Listen(port);
  ::close(fd);
  return port;
}

}  // namespace aws::testing
