#include "aws/xml.h"

#include "util/time.h"

namespace aws {

util::Error MalformedResponse(std::string_view what, std::string_view why) {
  return util::MakeError(util::ErrorClass::kTransient,
                         std::string(what) + ": malformed response (" + std::string(why) + ")");
}

util::Expected<pugi::xml_node> LoadXml(pugi::xml_document& document, std::string_view xml,
                                       const char* root, std::string_view what) {
  pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
  if (!parsed) return MalformedResponse(what, std::string("not XML: ") + parsed.description());
  pugi::xml_node node = document.child(root);
  if (!node) return MalformedResponse(what, std::string("no <") + root + ">");
  return node;
}

std::string Text(const pugi::xml_node& node, const char* path) {
  return node.first_element_by_path(path).text().as_string();
}

std::optional<util::TimePoint> ParseAwsTime(std::string_view text) {
  std::string trimmed(text);
  size_t dot = trimmed.find('.');
  if (dot != std::string::npos) {
    size_t end = trimmed.find_first_not_of("0123456789", dot + 1);
    trimmed.erase(dot, (end == std::string::npos ? trimmed.size() : end) - dot);
  }
  auto parsed = util::ParseIso8601WithOffset(trimmed);
  if (!parsed) return std::nullopt;
  return *parsed;
}

}  // namespace aws
