#pragma once
// A small HTTP/1.1 server on 127.0.0.1 for the aws tests: each request goes to a handler
// that answers it, closes the connection without a reply, or hangs. It counts connections
// (keep-alive) and keeps every request it saw.

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace aws::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;                                        // path and query as sent
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  int connection = 0;  // 1 for the first connection accepted

  std::optional<std::string> Header(const std::string& lower_case_name) const;
};

struct Reply {
  enum class Kind { kRespond, kClose, kHang } kind = Kind::kRespond;
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class LoopbackServer {
 public:
  using Handler = std::function<Reply(const ReceivedRequest&)>;
  explicit LoopbackServer(Handler handler);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_.load(); }
  std::vector<ReceivedRequest> requests() const;

 private:
  void AcceptLoop();
  void Serve(int fd, int connection);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> requests_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

// A port on 127.0.0.1 that nothing listens on (bound, then closed).
int UnusedPort();

}  // namespace aws::testing
