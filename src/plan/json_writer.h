#pragma once
// A small streaming JSON writer with one fixed layout (2-space indent, arrays of strings
// on one line, numbers with a fixed number of decimals), so that the same plan always
// gives the same bytes. nlohmann::json cannot do fixed decimals, hence this writer.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace plan {

class JsonWriter {
 public:
  // Decimals of every non-integer number (money, ratios, GiB): enough for a micro-dollar.
  static constexpr int kDecimals = 6;

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // Names the next value inside an object.
  void Key(std::string_view key);

  void String(std::string_view value);
  void Int(int64_t value);
  void UInt(uint64_t value);
  void Bool(bool value);
  void Null();
  // A number with kDecimals decimals; -0 is written as 0.
  void Fixed(double value);
  void StringArray(const std::vector<std::string>& values);

  // Key and value in one call, for the long runs of scalar fields.
  void StringField(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void IntField(std::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }
  void BoolField(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }
  void FixedField(std::string_view key, double value) {
    Key(key);
    Fixed(value);
  }
  void StringArrayField(std::string_view key, const std::vector<std::string>& values) {
    Key(key);
    StringArray(values);
  }

  // The document, ending with a newline.
  std::string Finish();

 private:
  void BeforeValue();
  void Quote(std::string_view text);
  void Newline();
  void Close(char bracket);

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// The text of a number as JsonWriter::Fixed writes it ("0.350000").
std::string FormatFixed(double value);
// `value` rounded the way JsonWriter::Fixed writes it, so in-memory values can be
// compared with values loaded back from a file.
double RoundFixed(double value);

}  // namespace plan
