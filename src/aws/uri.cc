#include "aws/uri.h"

#include "util/strings.h"

namespace aws {
namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

}  // namespace

std::string UriEncode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

std::string RemoveDotSegments(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> kept;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (!segment.empty() && segment != ".") {
      kept.push_back(segment);
    }
    start = end + 1;
  }
  std::string out = path.front() == '/' ? "/" : "";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out += '/';
    out += kept[i];
  }
  if (path.back() == '/' && !kept.empty()) out += '/';
  return out;
}

std::string EncodeQuery(const std::vector<QueryParam>& params) {
  std::string out;
  for (const QueryParam& param : params) {
    if (!out.empty()) out += '&';
    out += UriEncode(param.name);
    out += '=';
    out += UriEncode(param.value);
  }
  return out;
}

std::string Endpoint::HostHeader() const {
  return DefaultPort() ? host : host + ":" + std::to_string(port);
}

std::string Endpoint::Origin() const { return scheme + "://" + HostHeader(); }

std::string Endpoint::Url() const { return Origin() + base_path; }

util::Expected<Endpoint> ParseEndpoint(std::string_view url, std::string_view what) {
  auto bad = [&](std::string_view why) {
    return util::InvalidInput(std::string(what) + ": '" + std::string(url) + "' is not an " +
                              "endpoint URL (" + std::string(why) +
                              "; expected http(s)://host[:port][/path])");
  };
  Endpoint endpoint;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return bad("no scheme");
  endpoint.scheme = util::ToLower(url.substr(0, scheme_end));
  if (endpoint.scheme != "https" && endpoint.scheme != "http") return bad("scheme not http(s)");
  endpoint.port = endpoint.scheme == "https" ? 443 : 80;
  std::string_view rest = url.substr(scheme_end + 3);
  size_t path_start = rest.find('/');
  std::string_view authority = rest.substr(0, path_start);
  if (path_start != std::string_view::npos) {
    std::string_view path = rest.substr(path_start);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    endpoint.base_path = std::string(path);
  }
  if (authority.find_first_of("@?#") != std::string_view::npos) return bad("unexpected @, ? or #");
  size_t port_colon = authority.rfind(':');
  size_t bracket = authority.rfind(']');
  if (port_colon != std::string_view::npos &&
      (bracket == std::string_view::npos || port_colon > bracket)) {
    auto port = util::ParseInt(authority.substr(port_colon + 1));
    if (!port || *port < 1 || *port > 65535) return bad("port not in 1..65535");
    endpoint.port = static_cast<int>(*port);
    authority = authority.substr(0, port_colon);
  }
  if (authority.empty()) return bad("no host");
  endpoint.host = util::ToLower(authority);
  return endpoint;
}

}  // namespace aws
