// The curl HttpClient against a loopback server: what it sends, keep-alive, which failures
// it retries (transport only, never HTTP statuses), timeouts, and TLS verification.

#include "aws/http.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "loopback_server.h"

namespace aws {
namespace {

using testing::LoopbackServer;
using testing::ReceivedRequest;
using testing::Reply;

HttpOptions FastOptions() {
  HttpOptions options;
  options.connect_timeout = std::chrono::milliseconds(1000);
  options.total_timeout = std::chrono::milliseconds(2000);
  options.first_backoff = std::chrono::milliseconds(1);
  options.attempts = 3;
  return options;
}

TEST(CurlHttpClient, SendsMethodHeadersAndBodyAndReturnsTheResponse) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond, 201, {{"X-Amzn-RequestId", "r-1"}}, "hello"};
  });
  auto client = MakeCurlHttpClient(FastOptions());
  auto response = client->Send(
      {"POST",
       server.url() + "/a/b%20c?x=1",
       {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Amz-Date", "20150830T123600Z"}},
       "Action=Describe"});
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, "hello");
  EXPECT_EQ(response->HeaderValue("x-amzn-requestid"), "r-1");
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/a/b%20c?x=1");
  EXPECT_EQ(requests[0].body, "Action=Describe");
  EXPECT_EQ(requests[0].Header("x-amz-date"), "20150830T123600Z");
  EXPECT_EQ(requests[0].Header("content-type"), "application/x-www-form-urlencoded");
  EXPECT_FALSE(requests[0].Header("expect").has_value());
}

TEST(CurlHttpClient, SendsDotSegmentsAsGiven) {
  LoopbackServer server([](const ReceivedRequest&) { return Reply{}; });
  auto client = MakeCurlHttpClient(FastOptions());
  ASSERT_TRUE(client->Send({"GET", server.url() + "/bucket/a/../b//c", {}, ""}).has_value());
  EXPECT_EQ(server.requests().at(0).target, "/bucket/a/../b//c");
}

TEST(CurlHttpClient, KeepsOneConnectionPerEndpoint) {
  LoopbackServer server([](const ReceivedRequest&) { return Reply{}; });
  LoopbackServer other([](const ReceivedRequest&) { return Reply{}; });
  auto client = MakeCurlHttpClient(FastOptions());
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(client->Send({"GET", server.url() + "/" + std::to_string(i), {}, ""}));
    ASSERT_TRUE(client->Send({"PUT", other.url() + "/k", {}, "v"}));
  }
  EXPECT_EQ(server.requests().size(), 4u);
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(other.connections(), 1);
}

TEST(CurlHttpClient, ReturnsHttpErrorsWithoutRetrying) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kRespond, 503, {}, "<Error><Code>SlowDown</Code></Error>"};
  });
  auto client = MakeCurlHttpClient(FastOptions());
  auto response = client->Send({"GET", server.url() + "/", {}, ""});
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(CurlHttpClient, RetriesAConnectionClosedWithoutAReply) {
  LoopbackServer server([](const ReceivedRequest& request) {
    if (request.connection < 3) return Reply{Reply::Kind::kClose, 0, {}, {}};
    return Reply{Reply::Kind::kRespond, 200, {}, "third time"};
  });
  auto client = MakeCurlHttpClient(FastOptions());
  auto response = client->Send({"POST", server.url() + "/", {}, "Action=RunInstances"});
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->body, "third time");
  EXPECT_EQ(server.connections(), 3);
}

TEST(CurlHttpClient, GivesUpAfterItsAttemptsWithoutShowingTheQuery) {
  HttpOptions options = FastOptions();
  std::vector<std::chrono::milliseconds> sleeps;
  options.sleep = [&](std::chrono::milliseconds d) { sleeps.push_back(d); };
  options.first_backoff = std::chrono::milliseconds(100);
  auto client = MakeCurlHttpClient(options);
  std::string url = "http://127.0.0.1:" + std::to_string(testing::UnusedPort()) +
                    "/k?X-Amz-Signature=deadbeefsecret";
  auto response = client->Send({"GET", url, {{"Authorization", "AWS4 secret-header"}}, ""});
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().error_class, util::ErrorClass::kTransient);
  EXPECT_NE(response.error().message.find("after 3 attempts"), std::string::npos);
  EXPECT_EQ(response.error().message.find("deadbeefsecret"), std::string::npos);
  EXPECT_EQ(response.error().message.find("secret-header"), std::string::npos);
  ASSERT_EQ(sleeps.size(), 2u);  // between the attempts, doubling
  EXPECT_EQ(sleeps[0].count(), 100);
  EXPECT_EQ(sleeps[1].count(), 200);
}

TEST(CurlHttpClient, TimesOutOnAServerThatNeverAnswers) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply{Reply::Kind::kHang, 0, {}, {}};
  });
  HttpOptions options = FastOptions();
  options.total_timeout = std::chrono::milliseconds(300);
  options.attempts = 2;
  auto client = MakeCurlHttpClient(options);
  auto started = std::chrono::steady_clock::now();
  auto response = client->Send({"GET", server.url() + "/", {}, ""});
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().error_class, util::ErrorClass::kTimeout);
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(CurlHttpClient, CaBundleComesFromAwsCaBundle) {
  auto options =
      HttpOptionsFromEnvironment([](std::string_view name) -> std::optional<std::string> {
        if (name == "AWS_CA_BUNDLE") return "/etc/my-ca.pem";
        return std::nullopt;
      });
  EXPECT_EQ(options.ca_bundle, "/etc/my-ca.pem");
}

// A TLS server with a self-signed certificate (openssl s_server): refused by default,
// accepted when AWS_CA_BUNDLE names the certificate.
class TlsServer {
 public:
  TlsServer() {
    dir_ = std::filesystem::temp_directory_path() /
           ("abc-tls-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(dir_);
    port_ = testing::UnusedPort();
    std::string d = dir_.string();
    std::string command =
        "cd " + d +
        " && openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 "
        "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 && "
        "(openssl s_server -accept 127.0.0.1:" +
        std::to_string(port_) +
        " -cert cert.pem -key key.pem -www -quiet >/dev/null 2>&1 & echo $! > pid)";
    ok_ = std::system(command.c_str()) == 0;
    for (int i = 0; ok_ && i < 100; ++i) {  // wait until it listens
      auto client = MakeCurlHttpClient(HttpOptions{});
      auto probe = client->Send({"GET", "http://127.0.0.1:" + std::to_string(port_) + "/", {}, ""});
      if (probe || probe.error().message.find("Couldn't connect") == std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~TlsServer() {
    std::ifstream pid_file(dir_ / "pid");
    int pid = 0;
    if (pid_file >> pid && pid > 0) ::kill(pid, SIGTERM);
    std::filesystem::remove_all(dir_);
  }
  bool ok() const { return ok_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }
  std::string cert() const { return (dir_ / "cert.pem").string(); }

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  bool ok_ = false;
};

TEST(CurlHttpClient, VerifiesTlsAndTrustsOnlyTheGivenBundle) {
  TlsServer server;
  ASSERT_TRUE(server.ok()) << "openssl could not start a TLS server";
  HttpOptions options = FastOptions();
  auto refused = MakeCurlHttpClient(options)->Send({"GET", server.url(), {}, ""});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().error_class, util::ErrorClass::kFatal) << refused.error().message;
  EXPECT_NE(refused.error().message.find("AWS_CA_BUNDLE"), std::string::npos);
  EXPECT_NE(refused.error().message.find("after 1 attempt)"), std::string::npos);

  options.ca_bundle = server.cert();
  auto accepted = MakeCurlHttpClient(options)->Send({"GET", server.url(), {}, ""});
  ASSERT_TRUE(accepted.has_value()) << accepted.error().message;
  EXPECT_EQ(accepted->status, 200);
}

}  // namespace
}  // namespace aws
