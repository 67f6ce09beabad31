#pragma once
// A credential value that must never reach a log, an error text or a file: printing it or
// streaming it shows a placeholder; only Reveal() gives the text, at the one place that
// signs with it.

#include <ostream>
#include <string>
#include <utility>

namespace aws {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  const std::string& Reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  friend bool operator==(const Secret&, const Secret&) = default;

 private:
  std::string value_;
};

inline std::ostream& operator<<(std::ostream& out, const Secret&) { return out << "<redacted>"; }

}  // namespace aws
