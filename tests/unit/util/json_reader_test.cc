#include "util/json_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace util {
namespace {

using nlohmann::json;

// Runs `read` on `text` as the loaders do and returns the error message ("" when accepted).
template <typename Read>
std::string ErrorOf(std::string_view text, Read read) {
  auto result = ReadJsonDocument<bool>(text, "f.json", [&](const json& document) {
    JsonReader reader(document, "");
    read(reader);
    return true;
  });
  if (result) return "";
  EXPECT_EQ(result.error().error_class, ErrorClass::kInvalidInput);
  return result.error().message;
}

TEST(JsonReader, NestedObjectsAndArraysNameThePath) {
  const char* text = R"({"a": {"b": [{"c": 1}, {"c": 2}, {"c": "three"}]}})";
  EXPECT_EQ(ErrorOf(text,
                    [](JsonReader& r) {
                      for (JsonReader& item : r.Object("a").Objects("b")) item.Int("c", 0, 9);
                    }),
            "f.json: a.b[2].c: must be an integer between 0 and 9");
  EXPECT_EQ(
      ErrorOf(R"({"a": [{"s": ["x", 4]}]})", [](JsonReader& r) { r.Objects("a")[0].Strings("s"); }),
      "f.json: a[0].s[1]: must be a string");
  EXPECT_EQ(ErrorOf(R"({"a": [{}, 5]})", [](JsonReader& r) { r.Objects("a"); }),
            "f.json: a[1]: must be a JSON object");
  EXPECT_EQ(ErrorOf("[1]", [](JsonReader&) {}), "f.json: document: must be a JSON object");
}

// Property: for random nestings of objects and arrays, a wrong leaf is reported at exactly
// the path a person would write for it (built here by plain concatenation, not by the
// reader's own path functions).
TEST(JsonReader, RandomNestingsReportTheLeafPath) {
  std::mt19937 random(20261206);
  for (int trial = 0; trial < 300; ++trial) {
    struct Step {
      std::string key;
      int index;  // -1: an object member; else the element of an array
    };
    std::vector<Step> steps;
    int depth = std::uniform_int_distribution<int>(0, 6)(random);
    for (int i = 0; i < depth; ++i) {
      int index = std::uniform_int_distribution<int>(-1, 3)(random);
      steps.push_back({"k" + std::to_string(random() % 100), index});
    }
    json leaf_holder = {{"leaf", json::array({1, 2})}, {"other", true}};
    json value = leaf_holder;
    for (auto step = steps.rbegin(); step != steps.rend(); ++step) {
      json parent = {{"sibling", 0}};
      if (step->index < 0) {
        parent[step->key] = value;
      } else {
        json list = json::array();
        for (int k = 0; k < step->index; ++k) list.push_back(json::object());
        list.push_back(value);
        parent[step->key] = list;
      }
      value = parent;
    }
    std::string expected_path;
    for (const Step& step : steps) {
      expected_path += (expected_path.empty() ? "" : ".") + step.key;
      if (step.index >= 0) expected_path += "[" + std::to_string(step.index) + "]";
    }
    expected_path += (expected_path.empty() ? "" : ".") + std::string("leaf");
    std::string error = ErrorOf(value.dump(), [&](JsonReader& root) {
      JsonReader at = root;
      for (const Step& step : steps) {
        at = step.index < 0 ? at.Object(step.key.c_str())
                            : at.Objects(step.key.c_str())[static_cast<size_t>(step.index)];
      }
      at.String("leaf");
    });
    EXPECT_EQ(error, "f.json: " + expected_path + ": must be a string") << value.dump();
  }
}

TEST(JsonReader, TypeErrorsNameWhatIsAccepted) {
  struct Case {
    void (*read)(JsonReader&);
    const char* message;
  };
  const Case cases[] = {
      {[](JsonReader& r) { r.String("v"); }, "must be a string"},
      {[](JsonReader& r) { r.Bool("v"); }, "must be true or false"},
      {[](JsonReader& r) { r.Array("v"); }, "must be an array"},
      {[](JsonReader& r) { r.Object("v"); }, "must be a JSON object"},
      {[](JsonReader& r) { r.Number("v"); }, "must be a number"},
      {[](JsonReader& r) { r.Number("v", 0); }, "must be a number >= 0"},
      {[](JsonReader& r) { r.Number("v", 0, 5); }, "must be a number between 0 and 5"},
      {[](JsonReader& r) { r.PositiveNumber("v"); }, "must be a number > 0"},
      {[](JsonReader& r) { r.Int("v", 1, 3); }, "must be an integer between 1 and 3"},
      {[](JsonReader& r) { r.UInt64("v"); },
       "must be an integer between 0 and 18446744073709551615"},
      {[](JsonReader& r) {
         r.Enum("v", {"a", "b"});
       },
       "must be a string"},
  };
  // Each value is the wrong type for every accessor above.
  for (const char* value : {R"({"v": null})", R"({"v": {"x": [true]}})"}) {
    for (const Case& c : cases) {
      if (std::string(c.message) == "must be a JSON object" && value[6] == '{') continue;
      EXPECT_EQ(ErrorOf(value, c.read), std::string("f.json: v: ") + c.message) << value;
    }
  }
  EXPECT_EQ(ErrorOf(R"({"v": "c"})",
                    [](JsonReader& r) {
                      r.Enum("v", {"a", "b"});
                    }),
            "f.json: v: unknown value 'c' (accepted: a, b)");
  EXPECT_EQ(ErrorOf(R"({"v": ""})", [](JsonReader& r) { r.NonEmptyString("v"); }),
            "f.json: v: must not be empty");
  EXPECT_EQ(ErrorOf(R"({"v": "2026-13-01T00:00:00Z"})", [](JsonReader& r) { r.Time("v"); })
                .rfind("f.json: v: ", 0),
            0u);
}

TEST(JsonReader, MissingAndUnknownFields) {
  EXPECT_EQ(ErrorOf(R"({"o": {"a": 1}})", [](JsonReader& r) { r.Object("o").Int("b", 0, 1); }),
            "f.json: o: missing field 'b'");
  EXPECT_EQ(ErrorOf(R"({"a": 1})", [](JsonReader& r) { r.Bool("b"); }),
            "f.json: missing field 'b'");
  auto strict = [](JsonReader& r) {
    JsonReader o = r.Object("o");
    o.String("color");
    if (o.OptionalString("shade")) o.String("shade");
    o.RejectUnknownKeys();
    r.RejectUnknownKeys();
  };
  EXPECT_EQ(ErrorOf(R"({"o": {"color": "red"}})", strict), "");
  EXPECT_EQ(ErrorOf(R"({"o": {"color": "red", "shade": "dark"}})", strict), "");
  EXPECT_EQ(ErrorOf(R"({"o": {"color": "red", "colr": "x"}})", strict),
            "f.json: o.colr: unknown field (did you mean 'color'?)");
  EXPECT_EQ(ErrorOf(R"({"o": {"color": "red"}, "zzz": 1})", strict), "f.json: zzz: unknown field");
  // A map keyed by data: its members are all read, none is unknown.
  EXPECT_EQ(ErrorOf(R"({"m": {"x": 1, "y": 2}})",
                    [](JsonReader& r) {
                      JsonReader m = r.Object("m");
                      std::vector<JsonMember> members = m.Members();
                      ASSERT_EQ(members.size(), 2u);
                      EXPECT_EQ(members[1].path, "m.y");
                      m.RejectUnknownKeys();
                    }),
            "");
}

TEST(JsonReader, NumbersOutOfRangeAreErrorsNotExceptions) {
  // Beyond double: the parser fails, and the failure is a message.
  for (const char* text : {R"({"v": 1e400})", R"({"v": -1e400})", R"([0.02481969057626e597])"}) {
    std::string error = ErrorOf(text, [](JsonReader& r) { r.Number("v"); });
    EXPECT_EQ(error.rfind("f.json: not valid JSON: ", 0), 0u) << text << " -> " << error;
  }
  // Integers beyond the accessor's range, including beyond int64 and uint64.
  EXPECT_EQ(
      ErrorOf(R"({"v": 18446744073709551615})", [](JsonReader& r) { r.Int("v", 0, INT64_MAX); }),
      "f.json: v: must be an integer between 0 and 9223372036854775807");
  EXPECT_EQ(ErrorOf(R"({"v": -1})", [](JsonReader& r) { r.UInt64("v"); }),
            "f.json: v: must be an integer between 0 and 18446744073709551615");
  EXPECT_EQ(ErrorOf(R"({"v": 184467440737095516150})", [](JsonReader& r) { r.UInt64("v"); }),
            "f.json: v: must be an integer between 0 and 18446744073709551615");
  EXPECT_EQ(ErrorOf(R"({"v": 2.5})", [](JsonReader& r) { r.Int("v", 0, 9); }),
            "f.json: v: must be an integer between 0 and 9");
  EXPECT_EQ(ErrorOf(R"({"v": 5.5})", [](JsonReader& r) { r.Number("v", 0, 5); }),
            "f.json: v: must be a number between 0 and 5");
  // A value built in memory can hold infinity or NaN; neither is a number a reader accepts.
  for (double bad : {std::numeric_limits<double>::infinity(), std::nan("")}) {
    json document = {{"v", bad}, {"list", {1.0, bad}}};
    auto read = ReadJsonValue<bool>(document, "", [](const json& value) {
      JsonReader reader(value, "");
      reader.Number("v");
      return true;
    });
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().message, "v: must be a number");
    auto list = ReadJsonValue<bool>(document, "", [](const json& value) {
      JsonReader(value, "").Numbers("list");
      return true;
    });
    ASSERT_FALSE(list);
    EXPECT_EQ(list.error().message, "list[1]: must be a number");
  }
}

TEST(JsonReader, InvalidUtf8IsNotValidJson) {
  for (std::string text :
       {std::string("{\"v\": \"\xff\"}"), std::string("{\"v\": \"\xc0\xaf\"}"),
        std::string("{\"v\": \"\xed\xa0\x80\"}"), std::string("{\"v\xe2\x82\": 1}")}) {
    auto parsed = ParseJson(text, "f.json");
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().message.rfind("f.json: not valid JSON: ", 0), 0u)
        << parsed.error().message;
    EXPECT_NE(parsed.error().message.find("UTF-8"), std::string::npos) << parsed.error().message;
    // The message quotes the bad bytes escaped, so it can itself be stored as JSON.
    EXPECT_NO_THROW(json(parsed.error().message).dump()) << parsed.error().message;
  }
  auto valid = ParseJson("{\"v\": \"\xc3\xa9\xe2\x82\xac\"}", "f.json");  // é€
  EXPECT_TRUE(valid);
}

TEST(JsonReader, SyntaxErrorsNameTheirPosition) {
  auto parsed = ParseJson("{\n  \"a\": ,\n}", "f.json");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("line 2, column 8"), std::string::npos)
      << parsed.error().message;
  auto anonymous = ParseJson("", "");
  ASSERT_FALSE(anonymous);
  EXPECT_EQ(anonymous.error().message.rfind("not valid JSON: ", 0), 0u);
}

}  // namespace
}  // namespace util
