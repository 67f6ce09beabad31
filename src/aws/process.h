#pragma once
// Running credential_process: without a shell, its stdout captured.

#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace aws {

// Splits a command line the way a POSIX shell splits words (as the AWS CLI does with
// shlex): blanks separate words, single quotes keep everything, double quotes keep all but
// backslash escapes, a backslash escapes the next character. Nothing is expanded.
util::Expected<std::vector<std::string>> SplitCommandLine(std::string_view command_line);

struct ProcessOutput {
  int exit_status = 0;  // 128+N when killed by signal N
  std::string standard_output;
};

// Runs argv[0] (searched on PATH) with stdin from /dev/null and stderr inherited.
util::Expected<ProcessOutput> RunProcess(const std::vector<std::string>& argv);

}  // namespace aws
