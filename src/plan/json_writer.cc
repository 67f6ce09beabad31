#include "plan/json_writer.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace plan {

std::string FormatFixed(double value) {
  if (!std::isfinite(value)) return "0.000000";  // JSON has no inf/nan; loaders reject them first
  char buffer[64];
  int length = std::snprintf(buffer, sizeof buffer, "%.*f", JsonWriter::kDecimals, value);
  if (length < 0 || static_cast<size_t>(length) >= sizeof buffer) return "0.000000";
  std::string text(buffer, static_cast<size_t>(length));
  // "-0.000000" would make -0 and tiny negatives differ from 0 in the file.
  if (text.find_first_not_of("-0.") == std::string::npos) return "0.000000";
  return text;
}

double RoundFixed(double value) { return std::strtod(FormatFixed(value).c_str(), nullptr); }

void JsonWriter::Newline() {
  out_ += '\n';
  out_.append(2 * first_.size(), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_.empty()) return;
  if (!first_.back()) out_ += ',';
  first_.back() = false;
  Newline();
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  first_.push_back(true);
}

void JsonWriter::Close(char bracket) {
  assert(!first_.empty());
  bool empty = first_.back();
  first_.pop_back();
  if (!empty) Newline();
  out_ += bracket;
}

void JsonWriter::EndObject() { Close('}'); }

void JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  first_.push_back(true);
}

void JsonWriter::EndArray() { Close(']'); }

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  Quote(key);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  Quote(value);
}

void JsonWriter::Quote(std::string_view text) {
  out_ += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out_ += buffer;
        } else {
          out_ += c;  // UTF-8 passes through; the loader only accepts valid UTF-8
        }
    }
  }
  out_ += '"';
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  out_ += std::to_string(value);
}

void JsonWriter::UInt(uint64_t value) {
  BeforeValue();
  out_ += std::to_string(value);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
}

void JsonWriter::Fixed(double value) {
  BeforeValue();
  out_ += FormatFixed(value);
}

void JsonWriter::StringArray(const std::vector<std::string>& values) {
  BeforeValue();
  out_ += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out_ += ", ";
    Quote(values[i]);
  }
  out_ += ']';
}

std::string JsonWriter::Finish() {
  assert(first_.empty());
  out_ += '\n';
  return std::move(out_);
}

}  // namespace plan
