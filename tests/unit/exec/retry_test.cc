#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "exec/executor.h"
#include "exec/retry.h"

namespace exec {
namespace {

TEST(Backoff, FullJitterStaysUnderTheCappedExponential) {
  BackoffPolicy policy{2, 120};
  for (int retry = 0; retry < 12; ++retry) {
    int64_t ceiling = std::min<int64_t>(120, int64_t{2} << retry);
    int64_t low = ceiling, high = 0;
    for (int k = 0; k < 400; ++k) {
      int64_t wait = BackoffSeconds(policy, retry, "key" + std::to_string(k));
      EXPECT_GE(wait, 1);
      EXPECT_LE(wait, ceiling);
      low = std::min(low, wait);
      high = std::max(high, wait);
    }
    // Full jitter spreads over the whole range, not around the ceiling.
    if (ceiling >= 16) {
      EXPECT_LT(low, ceiling / 4) << retry;
      EXPECT_GT(high, ceiling * 3 / 4) << retry;
    }
  }
}

TEST(Backoff, SameKeySameWait) {
  BackoffPolicy policy = PolicyFor(util::ErrorClass::kCapacity);
  EXPECT_EQ(BackoffSeconds(policy, 3, "s1/2"), BackoffSeconds(policy, 3, "s1/2"));
  EXPECT_GT(PolicyFor(util::ErrorClass::kCapacity).base_s,
            PolicyFor(util::ErrorClass::kThrottling).base_s);
}

TEST(TokenBucket, LimitsTheRate) {
  TokenBucket bucket(2, 4);
  util::TimePoint t0(std::chrono::seconds(1000));
  int taken = 0;
  for (int i = 0; i < 10; ++i) taken += bucket.TryTake(t0);
  EXPECT_EQ(taken, 4);
  EXPECT_GT(bucket.NextAvailable(t0), t0);
  int later = 0;
  for (int i = 0; i < 10; ++i) later += bucket.TryTake(t0 + std::chrono::seconds(1));
  EXPECT_EQ(later, 2);
  int much_later = 0;
  for (int i = 0; i < 10; ++i) much_later += bucket.TryTake(t0 + std::chrono::seconds(100));
  EXPECT_EQ(much_later, 4);  // never more than the burst
}

TEST(ClientToken, DeterministicDistinctAndWithinEc2Limit) {
  std::string a = ClientToken("c1", "session-with-a-rather-long-identifier-0001", 1);
  EXPECT_EQ(a, ClientToken("c1", "session-with-a-rather-long-identifier-0001", 1));
  EXPECT_NE(a, ClientToken("c1", "session-with-a-rather-long-identifier-0001", 2));
  EXPECT_NE(a, ClientToken("c2", "session-with-a-rather-long-identifier-0001", 1));
  EXPECT_LE(a.size(), 64u);
}

}  // namespace
}  // namespace exec
