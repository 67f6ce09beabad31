// JsonReader::Time in a file of its own: it needs the time-zone code of util/time.cc (date-tz),
// which the agent must not pull in (the aarch64 agent is linked without date-tz). A static
// library only links the object files a program uses, so the agent, which reads no instants,
// never links this one.
#include "util/json_reader.h"

namespace util {

util::TimePoint JsonReader::Time(const char* key) {
  std::string text = String(key);
  auto instant = util::ParseIso8601WithOffset(text);
  if (!instant) JsonFailAt(PathOf(key), instant.error().message);
  if (auto accepted = util::CheckAcceptedInstant(*instant, text); !accepted) {
    JsonFailAt(PathOf(key), accepted.error().message);
  }
  return *instant;
}

}  // namespace util
