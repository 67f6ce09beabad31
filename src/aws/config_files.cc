#include "aws/config_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/strings.h"

namespace aws {
namespace {

util::Error Malformed(std::string_view file_name, int line, std::string_view what) {
  return util::InvalidInput(std::string(file_name) + ":" + std::to_string(line) + ": " +
                            std::string(what));
}

// "[profile x]" -> "x" in the config file; "[default]" in both; other section kinds
// ([sso-session x], [services x]) are not profiles and are skipped (nullopt).
std::optional<std::string> ProfileName(std::string_view header, IniKind kind) {
  std::string_view name = util::Trim(header);
  if (kind == IniKind::kCredentials) return std::string(name);
  if (name == "default") return std::string(name);
  if (util::StartsWith(name, "profile ")) return std::string(util::Trim(name.substr(8)));
  return std::nullopt;
}

std::string ExpandHome(const std::string& path, const Environment& environment) {
  if (!util::StartsWith(path, "~/")) return path;
  return environment("HOME").value_or("") + path.substr(1);
}

util::Expected<std::string> ReadIfPresent(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return std::string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return util::MakeError(util::ErrorClass::kIo, "cannot read AWS file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

util::Expected<Profiles> ParseIni(std::string_view text, IniKind kind, std::string_view file_name) {
  Profiles profiles;
  ProfileSettings* section = nullptr;
  bool skipping = false;  // inside a section that is not a profile
  std::string parent;     // the key whose indented block we are in ("s3")
  int number = 0;
  for (const std::string& raw : util::Split(text, '\n')) {
    ++number;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = util::Trim(line);
    if (trimmed.empty() || trimmed.front() == '#' || trimmed.front() == ';') continue;
    bool indented = line.front() == ' ' || line.front() == '\t';
    if (trimmed.front() == '[') {
      if (trimmed.back() != ']') return Malformed(file_name, number, "unclosed section header");
      auto name = ProfileName(trimmed.substr(1, trimmed.size() - 2), kind);
      skipping = !name.has_value();
      section = skipping ? nullptr : &profiles[*name];
      parent.clear();
      continue;
    }
    if (skipping) continue;
    if (section == nullptr) return Malformed(file_name, number, "setting before any [section]");
    size_t equals = trimmed.find('=');
    if (equals == std::string_view::npos) {
      return Malformed(file_name, number, "expected 'key = value'");
    }
    std::string key = util::ToLower(util::Trim(trimmed.substr(0, equals)));
    std::string value(util::Trim(trimmed.substr(equals + 1)));
    if (indented && !parent.empty()) {
      (*section)[parent + "." + key] = value;
      continue;
    }
    parent = value.empty() ? key : "";
    (*section)[key] = value;
  }
  return profiles;
}

bool ConfigFiles::HasProfile(const std::string& name) const {
  return credentials.count(name) > 0 || config.count(name) > 0;
}

std::optional<std::string> ConfigFiles::Get(const std::string& profile,
                                            const std::string& key) const {
  for (const Profiles* file : {&credentials, &config}) {
    auto found = file->find(profile);
    if (found == file->end()) continue;
    auto value = found->second.find(key);
    if (value != found->second.end()) return value->second;
  }
  return std::nullopt;
}

util::Expected<ConfigFiles> LoadConfigFiles(const Environment& environment) {
  ConfigFiles files;
  files.credentials_path = ExpandHome(
      environment("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"), environment);
  files.config_path =
      ExpandHome(environment("AWS_CONFIG_FILE").value_or("~/.aws/config"), environment);
  for (auto [path, kind, target] :
       {std::tuple{&files.credentials_path, IniKind::kCredentials, &files.credentials},
        std::tuple{&files.config_path, IniKind::kConfig, &files.config}}) {
    auto text = ReadIfPresent(*path);
    if (!text) return text.error();
    auto parsed = ParseIni(*text, kind, *path);
    if (!parsed) return parsed.error();
    *target = std::move(*parsed);
  }
  return files;
}

}  // namespace aws
