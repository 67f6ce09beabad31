// The backend registry and its generic flag rules.
#include "cloud/backend.h"

#include <gtest/gtest.h>

#include <set>

#include "cloud/registry.h"

namespace cloud {
namespace {

TEST(Registry, NamesAndStateSuffixesAreUnique) {
  std::set<std::string> names, suffixes;
  for (const Backend* backend : Backends()) {
    EXPECT_TRUE(names.insert(backend->name).second) << backend->name;
    EXPECT_TRUE(suffixes.insert(backend->state_suffix).second) << backend->state_suffix;
    EXPECT_EQ(FindBackend(backend->name), backend);
    EXPECT_TRUE(backend->configure && backend->create && backend->open) << backend->name;
  }
  EXPECT_EQ(FindBackend("no-such-backend"), nullptr);
}

TEST(ResolveFlags, FillsDefaultsAndChecksEachKind) {
  Backend b;
  b.name = "b";
  b.flags = {{"--rate", "", "0", FlagKind::kRate},
             {"--count", "", "", FlagKind::kCount},
             {"--on", "", "false", FlagKind::kBool}};
  auto resolved = ResolveFlags(b, {{"--rate", "0.25"}}, {&b});
  ASSERT_TRUE(resolved);
  EXPECT_EQ(*resolved, (FlagValues{{"--rate", "0.25"}, {"--count", ""}, {"--on", "false"}}));
  for (const auto& [flag, text] :
       std::vector<std::pair<std::string, std::string>>{{"--rate", "1.5"},
                                                        {"--rate", "-0.1"},
                                                        {"--rate", "x"},
                                                        {"--count", "-1"},
                                                        {"--count", "1.5"},
                                                        {"--on", "maybe"}}) {
    auto bad = ResolveFlags(b, {{flag, text}}, {&b});
    ASSERT_FALSE(bad) << flag << "=" << text;
    EXPECT_EQ(bad.error().error_class, util::ErrorClass::kInvalidInput);
    EXPECT_EQ(bad.error().message.rfind(flag + ":", 0), 0u) << bad.error().message;
  }
}

TEST(ResolveFlags, AListFlagKeepsItsOrderAndRefusesEmptyItems) {
  Backend b;
  b.name = "b";
  b.flags = {{"--subnet", "", "", FlagKind::kList}};
  auto resolved = ResolveFlags(b, {{"--subnet", "subnet-b,subnet-a"}}, {&b});
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->at("--subnet"), "subnet-b,subnet-a");
  for (const std::string text : {"subnet-a,,subnet-b", "subnet-a,", ",", ""}) {
    auto bad = ResolveFlags(b, {{"--subnet", text}}, {&b});
    ASSERT_FALSE(bad) << text;
    EXPECT_EQ(bad.error().error_class, util::ErrorClass::kInvalidInput);
    EXPECT_EQ(bad.error().message.rfind("--subnet: '" + text + "' has an empty item", 0), 0u)
        << bad.error().message;
  }
}

TEST(ResolveFlags, AnotherBackendsFlagIsRefusedNamingItsBackend) {
  Backend a, b;
  a.name = "alpha";
  a.flags = {{"--alpha-x", "", "0", FlagKind::kText}};
  b.name = "beta";
  auto refused = ResolveFlags(b, {{"--alpha-x", "1"}}, {&a, &b});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "--alpha-x: applies to --backend alpha only");
}

}  // namespace
}  // namespace cloud
