#pragma once
// The AWS CLI's shared files: ~/.aws/credentials ([name] sections) and ~/.aws/config
// ([default] and [profile name] sections), or the files named by
// AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE. Keys are lower-cased (as Python's
// configparser does for the CLI); values are kept as written, inline '#' included.
// Nested settings (an indented block under "s3 =") become "s3.key".

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "aws/environment.h"
#include "util/expected.h"

namespace aws {

using ProfileSettings = std::map<std::string, std::string>;
using Profiles = std::map<std::string, ProfileSettings>;  // by profile name

enum class IniKind { kCredentials, kConfig };

// `file_name` names the file in errors (line numbers included).
util::Expected<Profiles> ParseIni(std::string_view text, IniKind kind, std::string_view file_name);

struct ConfigFiles {
  std::string credentials_path;
  std::string config_path;
  Profiles credentials;
  Profiles config;

  bool HasProfile(const std::string& name) const;
  // One setting of a profile: the credentials file wins over the config file.
  std::optional<std::string> Get(const std::string& profile, const std::string& key) const;
};

// Missing files are empty; an unreadable or malformed file is an error.
util::Expected<ConfigFiles> LoadConfigFiles(const Environment& environment);

}  // namespace aws
