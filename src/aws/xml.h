#pragma once
// Small pugixml helpers shared by the XML clients (internal to src/aws).

#include <pugixml.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "util/expected.h"
#include "util/time.h"

namespace aws {

// Parses `xml` into `document` and returns its root, which must be named `root`.
// Malformed responses are transient errors ("<what>: malformed response (...)").
util::Expected<pugi::xml_node> LoadXml(pugi::xml_document& document, std::string_view xml,
                                       const char* root, std::string_view what);

// The text at a '/'-separated path below node ("instanceState/name"); "" when absent.
std::string Text(const pugi::xml_node& node, const char* path);

// "2026-01-01T00:00:00.000Z" (fractions dropped) or with an offset.
std::optional<util::TimePoint> ParseAwsTime(std::string_view text);

util::Error MalformedResponse(std::string_view what, std::string_view why);

}  // namespace aws
