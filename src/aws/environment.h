#pragma once
// Where the AWS layer reads environment variables, so that tests can give their own.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace aws {

// A variable's value; nullopt when unset. Empty values count as unset, as in the AWS CLI.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

Environment ProcessEnvironment();

}  // namespace aws
