// Throttling answers retried with backoff outside the executor (aws/request.h ThrottleRetry).
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "aws/request.h"

namespace aws {
namespace {

using std::chrono::milliseconds;

util::Error Throttled() {
  return util::MakeError(util::ErrorClass::kThrottling, "ec2 RunInstances: RequestLimitExceeded");
}

struct Recorder {
  std::vector<milliseconds> sleeps;
  Caller CallerWith(int attempts) {
    Caller caller;
    caller.throttle.attempts = attempts;
    caller.throttle.first_delay = milliseconds(100);
    caller.throttle.sleep = [this](milliseconds delay) { sleeps.push_back(delay); };
    return caller;
  }
};

TEST(ThrottleRetry, ThrottledCallsAreSentAgainUntilOneSucceeds) {
  Recorder recorder;
  int calls = 0;
  auto result = RetryThrottled(recorder.CallerWith(5), [&]() -> util::Expected<std::string> {
    if (++calls < 3) return Throttled();
    return std::string("ok");
  });
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result, "ok");
  EXPECT_EQ(calls, 3);
  ASSERT_EQ(recorder.sleeps.size(), 2u);
  // Exponential with up to half added as jitter: 100-150 ms, then 200-300 ms.
  EXPECT_GE(recorder.sleeps[0], milliseconds(100));
  EXPECT_LE(recorder.sleeps[0], milliseconds(150));
  EXPECT_GE(recorder.sleeps[1], milliseconds(200));
  EXPECT_LE(recorder.sleeps[1], milliseconds(300));
}

TEST(ThrottleRetry, GivesUpAfterItsAttemptsWithTheLastError) {
  Recorder recorder;
  int calls = 0;
  auto result = RetryThrottled(recorder.CallerWith(4), [&]() -> util::Expected<std::string> {
    ++calls;
    return Throttled();
  });
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().error_class, util::ErrorClass::kThrottling);
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(recorder.sleeps.size(), 3u);
}

TEST(ThrottleRetry, OtherErrorsAndTheExecutorsSingleAttemptAreNotRetried) {
  Recorder recorder;
  int calls = 0;
  auto fatal = RetryThrottled(recorder.CallerWith(5), [&]() -> util::Expected<std::string> {
    ++calls;
    return util::MakeError(util::ErrorClass::kFatal, "ec2 RunInstances: AuthFailure");
  });
  EXPECT_FALSE(fatal.has_value());
  EXPECT_EQ(calls, 1);
  calls = 0;
  auto once = RetryThrottled(recorder.CallerWith(1), [&]() -> util::Expected<std::string> {
    ++calls;
    return Throttled();
  });
  EXPECT_FALSE(once.has_value());
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(recorder.sleeps.empty());
}

}  // namespace
}  // namespace aws
