#include "cli/flags.h"

#include <iostream>
#include <vector>

#include "cli/exit_status.h"
#include "util/strings.h"

namespace cli {
namespace {

std::vector<std::string> LongFlagNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

// CLI11 reports unknown flags as "The following arguments were not expected: --x";
// add a hint when one of them is a typo of a real flag.
std::string UnknownFlagHint(const CLI::App& app, const Args& args) {
  std::vector<std::string> known = LongFlagNames(app);
  for (const std::string& arg : args) {
    if (!util::StartsWith(arg, "--")) continue;
    std::string name = arg.substr(0, arg.find('='));
    bool is_known = false;
    for (const std::string& k : known) is_known = is_known || k == name;
    if (!is_known) return util::DidYouMean(name, known);
  }
  return "";
}

}  // namespace

std::optional<int> ParseFlags(CLI::App& app, const std::string& program, const Args& args) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return kExitSuccess;
  } catch (const CLI::ParseError& error) {
    std::string hint =
        dynamic_cast<const CLI::ExtrasError*>(&error) ? UnknownFlagHint(app, args) : "";
    std::cerr << program << ": " << error.what() << hint << "; run '" << program
              << " --help' for the accepted options\n";
    return kExitUsage;
  }
  return std::nullopt;
}

CLI::Option* AddBoolFlag(CLI::App& app, const std::string& name, std::string& text,
                         const std::string& description) {
  std::string shown_default = text;
  return app.add_option(name, text, description + " [default: " + shown_default + "]")
      ->expected(0, 1)
      ->type_name("[=BOOL]")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

util::Expected<bool> ParseBoolFlag(const std::string& name, const std::string& text) {
  return util::ParseBoolFlag(name, text);
}

int ReportError(const std::string& program, const util::Error& error) {
  std::cerr << program << ": " << error.message << "\n";
  return error.error_class == util::ErrorClass::kInvalidInput ? kExitUsage : kExitFailure;
}

}  // namespace cli
