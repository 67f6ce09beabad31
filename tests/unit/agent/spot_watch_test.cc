// The spot interruption watcher against a real HTTP server on a loopback socket: the
// agent's own SocketTransport sends real requests; the server plays IMDSv2, answering
// 404 for spot/instance-action until the test posts a notice.

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "agent/spot_watch.h"
#include "test_support.h"

namespace agent {
namespace {

// A one-thread HTTP/1.1 server on 127.0.0.1 (ephemeral port): PUT /latest/api/token
// gives a token, GET /latest/meta-data/spot/instance-action gives 404 or the notice
// body once one is set, and answers 401 to a GET without the token. It stops by itself
// after a bounded number of connections or when destroyed.
class FakeImdsServer {
 public:
  FakeImdsServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 16);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeImdsServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  void SetNotice(std::string body) {
    std::lock_guard<std::mutex> lock(mutex_);
    notice_ = std::move(body);
  }
  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  void Serve() {
    for (int served = 0; served < 500 && !stop_;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) continue;
      ++served;
      Answer(client);
      ::close(client);
    }
  }
  void Answer(int client) {
    std::string request;
    char buffer[2048];
    while (request.find("\r\n\r\n") == std::string::npos) {
      ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      request.append(buffer, static_cast<size_t>(n));
    }
    std::string line = request.substr(0, request.find("\r\n"));
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(line);
    int status = 404;
    std::string body;
    if (line.rfind("PUT /latest/api/token ", 0) == 0) {
      status = 200;
      body = "token-123";
    } else if (request.find("X-aws-ec2-metadata-token: token-123\r\n") == std::string::npos) {
      status = 401;
    } else if (line.rfind("GET /latest/meta-data/spot/instance-action ", 0) == 0 &&
               !notice_.empty()) {
      status = 200;
      body = notice_;
    }
    std::string reply = "HTTP/1.1 " + std::to_string(status) +
                        " X\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\nConnection: close\r\n\r\n" + body;
    ::send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::string notice_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

TEST(SpotWatch, NoNoticeIs404AndANoticeIsRead) {
  FakeImdsServer server;
  SocketTransport transport("127.0.0.1", server.port());
  auto none = PollSpotNotice(transport, 2.0);
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_FALSE(none->has_value());
  server.SetNotice(R"({"action": "terminate", "time": "2027-01-15T08:02:00Z"})");
  auto notice = PollSpotNotice(transport, 2.0);
  ASSERT_TRUE(notice.has_value()) << notice.error().message;
  ASSERT_TRUE(notice->has_value());
  EXPECT_EQ((*notice)->action, "terminate");
  EXPECT_EQ((*notice)->time, "2027-01-15T08:02:00Z");
  EXPECT_EQ((*notice)->Text(), "spot interruption notice: terminate at 2027-01-15T08:02:00Z");
  // Every GET carried the token from the PUT before it.
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[0].rfind("PUT /latest/api/token", 0), 0u);
  EXPECT_EQ(requests[1].rfind("GET /latest/meta-data/spot/instance-action", 0), 0u);
}

TEST(SpotWatch, UnreadableNoticeBodyIsStillANotice) {
  FakeImdsServer server;
  server.SetNotice("not json");
  SocketTransport transport("127.0.0.1", server.port());
  auto notice = PollSpotNotice(transport, 2.0);
  ASSERT_TRUE(notice.has_value());
  ASSERT_TRUE(notice->has_value());
  EXPECT_EQ((*notice)->Text(), "spot interruption notice");
}

TEST(SpotWatch, NoServerIsAnErrorNotANotice) {
  int probe = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(probe);  // the port is now free: nothing listens there
  SocketTransport transport("127.0.0.1", ntohs(address.sin_port));
  auto polled = PollSpotNotice(transport, 0.5);
  EXPECT_FALSE(polled.has_value());
}

TEST(SpotWatch, WatcherPollsUntilTheNoticeAndCallsBackOnce) {
  FakeImdsServer server;
  SocketTransport transport("127.0.0.1", server.port());
  std::atomic<int> calls{0};
  std::atomic<bool> cancel{false};
  SpotWatcher watcher(transport, 0.02, [&](const SpotNotice&) {
    ++calls;
    cancel = true;
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (watcher.polls() < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GE(watcher.polls(), 3);
  EXPECT_FALSE(cancel.load());
  EXPECT_FALSE(watcher.notice().has_value());
  server.SetNotice(R"({"action": "stop", "time": "2027-01-15T08:02:00Z"})");
  while (!cancel.load() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(cancel.load());
  ASSERT_TRUE(watcher.notice().has_value());
  EXPECT_EQ(watcher.notice()->action, "stop");
  const int polls = watcher.polls();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(watcher.polls(), polls);  // it stopped polling after the notice
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(watcher.errors(), 0);
}

// Runs until the run is cancelled (at most 10 s), as a long benchmark would.
class UntilCancelled final : public BasicVariant {
 public:
  explicit UntilCancelled(std::string name) : BasicVariant(std::move(name), "waits") {}
  Applicability Applies(const SysInfo&, const Capabilities&) const override {
    return Applicability::Yes();
  }
  BenchmarkResult Run(const RunContext& ctx) const override {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!ctx.Cancelled() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    BenchmarkResult result = MakeResult(*this);
    AddMetric(result, "x", "s", Better::kLower, {1.0});
    return result;
  }
};

// A loopback IMDS and what RunVariants needs around it.
struct SpotRun {
  FakeImdsServer server;
  SocketTransport transport{"127.0.0.1", server.port()};
  RootedFileReader files;
  FakeClock clock;
  FakeCapabilities caps;
  std::atomic<bool> cancel{false};
  RunEnvironment env{&testing::HostInfo(), &caps, &clock, &files, &cancel, {}};
  RunOptions options;
  SpotRun() { options.iterations = 1; }
  std::vector<BenchmarkResult> Run(const std::vector<const Variant*>& variants) {
    return RunVariantsWatchingSpot(variants, options, env, transport, cancel, 0.02);
  }
};

TEST(SpotWatch, ANoticeDuringARunInterruptsItAndIsNamed) {
  SpotRun run;
  UntilCancelled first("first"), second("second");
  FakeImdsServer& server = run.server;
  std::thread notifier([&server] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    server.SetNotice(R"({"action": "terminate", "time": "2027-01-15T08:02:00Z"})");
  });
  std::vector<BenchmarkResult> results = run.Run({&first, &second});
  notifier.join();
  ASSERT_EQ(results.size(), 2u);
  for (const BenchmarkResult& result : results) {
    EXPECT_EQ(result.status, RunStatus::kInterrupted) << result.name;
    EXPECT_EQ(
        result.reason.rfind("spot interruption notice: terminate at 2027-01-15T08:02:00Z; ", 0), 0u)
        << result.reason;
  }
  EXPECT_TRUE(run.cancel.load());
}

TEST(SpotWatch, WithoutANoticeTheRunIsUntouched) {
  SpotRun run;
  // Cancelled by the test itself (as by SIGTERM), not by a notice: no notice is named.
  std::thread stopper([&run] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    run.cancel = true;
  });
  UntilCancelled only("only");
  auto results = run.Run({&only});
  stopper.join();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status, RunStatus::kInterrupted);
  EXPECT_EQ(results[0].reason.find("spot"), std::string::npos) << results[0].reason;
}

}  // namespace
}  // namespace agent
