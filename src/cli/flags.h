#pragma once
// Shared flag handling on top of CLI11: one clear line and exit status 2 for bad input,
// "did you mean" for mistyped flags, and --help on every command.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/command.h"
#include "util/expected.h"

namespace cli {

// Parses `args` into `app`. Returns an exit status when the command must stop here
// (help printed, or a usage error reported); nothing when the command should run.
std::optional<int> ParseFlags(CLI::App& app, const std::string& program, const Args& args);

// Adds a boolean flag that takes --name, --name=true and --name=false. The text lands in
// `text` ("" for the bare form) and is checked later by ParseBoolFlag, so that a bad value
// gets the project's error message rather than CLI11's.
CLI::Option* AddBoolFlag(CLI::App& app, const std::string& name, std::string& text,
                         const std::string& description);
util::Expected<bool> ParseBoolFlag(const std::string& name, const std::string& text);

// Prints "<program>: <message>" to stderr and returns the exit status for the error's
// class: 2 for invalid input, 1 otherwise.
int ReportError(const std::string& program, const util::Error& error);

}  // namespace cli
