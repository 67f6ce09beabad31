#include "exec/crash_hook.h"

#include <csignal>
#include <cstdlib>
#include <string>

#if defined(ABC_TEST_HOOKS)

namespace exec {
namespace {

struct Hook {
  std::string point;
  long remaining = 0;
  std::string signal;
};

Hook& TheHook() {
  static Hook hook = [] {
    Hook h;
    const char* text = std::getenv("ABC_CRASH_AT");
    if (text == nullptr) return h;
    std::string value(text);
    size_t colon = value.rfind(':');
    h.point = value.substr(0, colon);
    h.remaining =
        colon == std::string::npos ? 1 : std::strtol(value.c_str() + colon + 1, nullptr, 10);
    const char* signal = std::getenv("ABC_CRASH_SIGNAL");
    h.signal = signal ? signal : "KILL";
    return h;
  }();
  return hook;
}

}  // namespace

void CrashPoint(std::string_view name) {
  Hook& hook = TheHook();
  if (hook.point.empty() || hook.point != name) return;
  if (--hook.remaining != 0) return;
  if (hook.signal == "INT") {
    std::raise(SIGINT);
  } else if (hook.signal == "INT2") {
    std::raise(SIGINT);
    std::raise(SIGINT);
  } else {
    std::raise(SIGKILL);
  }
}

}  // namespace exec

#endif  // ABC_TEST_HOOKS
