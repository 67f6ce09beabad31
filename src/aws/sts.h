#pragma once
// STS (Query API 2011-06-15): GetCallerIdentity (the account id for the default bucket and
// preflight) and AssumeRole (profiles with role_arn).

#include <optional>
#include <string>
#include <string_view>

#include "aws/request.h"

namespace aws {

struct CallerIdentity {
  std::string account;
  std::string arn;
  std::string user_id;
};

struct AssumeRoleInput {
  std::string role_arn;
  std::string session_name;
  std::optional<std::string> external_id;
  std::optional<int> duration_seconds;
};

util::Expected<CallerIdentity> GetCallerIdentity(const Caller& sts);
util::Expected<Credentials> AssumeRole(const Caller& sts, const AssumeRoleInput& input);

// The parsers, on their own for tests and fuzzing.
util::Expected<CallerIdentity> ParseGetCallerIdentity(std::string_view xml);
util::Expected<Credentials> ParseAssumeRole(std::string_view xml);

}  // namespace aws
