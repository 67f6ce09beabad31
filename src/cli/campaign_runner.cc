#include "cli/campaign_runner.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <set>

#include "cli/exit_status.h"
#include "cli/flags.h"
#include "cloud/registry.h"
#include "exec/progress.h"
#include "util/strings.h"

namespace cli {
namespace {

std::atomic<bool> g_stop{false};

void OnSignal(int) {
  // The second signal leaves at once; the journal is consistent after every transaction.
  if (g_stop.exchange(true)) _exit(kExitInterrupted);
}

}  // namespace

void InstallSignalHandlers() {
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void AddBackendFlags(CLI::App& app, BackendFlags& flags, StateFlag state_flag) {
  flags.backend = cloud::kDefaultBackend;
  app.add_option("--backend", flags.backend,
                 "where jobs run: " + cloud::BackendNames() + " [default: " + flags.backend + "]");
  if (state_flag != StateFlag::kNone) {
    auto* state = app.add_option("--state", flags.state, "the campaign journal (SQLite)");
    if (state_flag == StateFlag::kRequired) state->required();
  }
  for (const cloud::Backend* backend : cloud::Backends()) {
    for (const cloud::BackendFlag& flag : backend->flags) {
      if (flags.options.count(flag.name)) continue;  // shared by two backends: added once
      std::string& text = flags.text[flag.name];
      text = flag.default_text;
      if (flag.kind == cloud::FlagKind::kBool) {
        flags.options[flag.name] = AddBoolFlag(app, flag.name, text, flag.help);
      } else if (flag.kind == cloud::FlagKind::kList) {
        // Each occurrence adds its items; CLI11 splits comma lists. Empty items are kept,
        // so that ResolveFlags can refuse "a,,b" naming the flag.
        flags.options[flag.name] =
            app.add_option(flag.name, flags.lists[flag.name], flag.help + " (repeatable)")
                ->delimiter(',')
                ->type_name("LIST");
      } else {
        std::string shown =
            flag.default_text.empty() ? "" : " [default: " + flag.default_text + "]";
        // The last occurrence wins, as for the planning flags (spec_flags.cc).
        flags.options[flag.name] = app.add_option(flag.name, text, flag.help + shown)
                                       ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
      }
    }
  }
}

cloud::FlagValues GivenBackendFlags(const BackendFlags& flags) {
  cloud::FlagValues given;
  for (const auto& [name, option] : flags.options) {
    if (option->count() == 0) continue;
    auto list = flags.lists.find(name);
    given[name] = list == flags.lists.end() ? flags.text.at(name) : util::Join(list->second, ",");
  }
  return given;
}

exec::NewCampaign NewCampaignFrom(const BackendFlags& flags) {
  return exec::NewCampaign{flags.state, flags.backend, GivenBackendFlags(flags)};
}

void PrintNotes(const exec::Notes& notes, std::ostream& out) {
  for (const std::string& note : notes) out << note << "\n";
  if (!notes.empty()) out << "\n";
}

int RunCampaign(const std::string& program, exec::Campaign& campaign) {
  bool tty = ::isatty(STDOUT_FILENO) != 0;
  auto last_draw = std::chrono::steady_clock::now() - std::chrono::seconds(10);
  int last_step = -1;
  exec::Options options;
  options.stop = &g_stop;
  options.on_progress = [&](const exec::State& s) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_draw < std::chrono::milliseconds(tty ? 100 : 0)) return;
    exec::Progress p = exec::ComputeProgress(s);
    int step = static_cast<int>(p.percent / 10);
    if (!tty && step == last_step) return;
    last_draw = now;
    last_step = step;
    if (tty)
      std::cout << "\r" << exec::FormatProgressBar(p, 30) << std::flush;
    else
      std::cout << exec::FormatProgressLine(p) << "\n";
  };
  auto outcome = campaign.Run(options);
  if (tty) std::cout << "\n";
  if (!outcome) return ReportError(program, outcome.error());
  std::cout << "\n"
            << exec::FormatSummary(exec::ComputeSummary(campaign.state()), campaign.simulated());
  if (*outcome == exec::RunOutcome::kCancelled) {
    std::cerr << program << ": interrupted; every instance of the campaign was terminated. "
              << "Resume with 'schedule resume --state " << campaign.path() << "'\n";
    return kExitInterrupted;
  }
  if (*outcome == exec::RunOutcome::kStopped) {
    std::cerr << program << ": campaign stopped: " << campaign.state().campaign.stop_reason << "\n";
    return kExitFailure;
  }
  return kExitSuccess;
}

}  // namespace cli
