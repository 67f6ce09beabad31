// Differential test: botocore (Debian's python3-botocore, tests/unit/aws/sigv4_reference.py)
// signs thousands of random requests; we sign the same inputs and must agree on every
// signature. Seeds: a fixed one, plus ABC_SIGV4_SEED from the environment when set.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "aws/sigv4.h"

namespace aws {
namespace {

constexpr int kCasesPerSeed = 4000;

std::string RunReference(long long seed) {
  std::string command = std::string(ABC_SYSTEM_PYTHON3) + " " + ABC_SOURCE_DIR +
                        "/tests/unit/aws/sigv4_reference.py --seed " + std::to_string(seed) +
                        " --count " + std::to_string(kCasesPerSeed);
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return "";
  std::string output;
  char buffer[65536];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) output.append(buffer, n);
  return output;
}

SignableRequest RequestOf(const nlohmann::json& c) {
  SignableRequest request;
  request.method = c["method"];
  request.host = c["host"];
  request.path = c["path"];
  for (const auto& pair : c["query"]) request.query.push_back({pair[0], pair[1]});
  for (const auto& pair : c["headers"]) request.headers.push_back({pair[0], pair[1]});
  return request;
}

std::string SignatureOfQuery(const std::string& query) {
  auto at = query.rfind("X-Amz-Signature=");
  return at == std::string::npos ? "" : query.substr(at + 16);
}

void CompareSeed(long long seed) {
  std::string output = RunReference(seed);
  ASSERT_FALSE(output.empty()) << "the reference signer printed nothing (python3-botocore?)";
  size_t start = 0;
  int cases = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    auto c = nlohmann::json::parse(output.substr(start, end - start));
    start = end + 1;
    ++cases;
    SCOPED_TRACE("seed " + std::to_string(seed) + " case " + c["index"].dump() + ": " + c.dump());

    auto endpoint = ParseEndpoint("https://" + c["netloc"].get<std::string>(), "netloc");
    ASSERT_TRUE(endpoint.has_value());
    EXPECT_EQ(endpoint->HostHeader(), c["host"].get<std::string>());

    SignableRequest request = RequestOf(c);
    std::string body = c["body"];
    request.body = body;
    Credentials credentials{
        Secret(c["access_key"]), Secret(c["secret_key"]), Secret(c["session_token"]), {}};
    SigningContext context{c["region"], c["service"], util::FromSeconds(c["time"])};
    if (c["expires"].get<long long>() > 0) {
      std::string query =
          PresignQuery(request, credentials, context, std::chrono::seconds(c["expires"]));
      ASSERT_EQ(SignatureOfQuery(query), c["signature"].get<std::string>());
    } else {
      Payload payload = c["unsigned_payload"].get<bool>() ? Payload::kUnsigned : Payload::kSigned;
      auto signature = SignHeaders(request, credentials, context, payload);
      ASSERT_EQ(signature.canonical_request, c["canonical_request"].get<std::string>());
      ASSERT_EQ(signature.headers.back().value, c["authorization"].get<std::string>());
    }
  }
  EXPECT_EQ(cases, kCasesPerSeed);
}

TEST(SigV4Differential, AgreesWithBotocoreOnTheFixedSeed) { CompareSeed(20150830); }

TEST(SigV4Differential, AgreesWithBotocoreOnTheEnvironmentSeed) {
  const char* seed = std::getenv("ABC_SIGV4_SEED");
  if (seed == nullptr) GTEST_SKIP() << "set ABC_SIGV4_SEED to run a further seed";
  CompareSeed(std::atoll(seed));
}

}  // namespace
}  // namespace aws
