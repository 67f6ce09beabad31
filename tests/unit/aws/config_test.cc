// The shared config files, region and endpoint resolution.

#include <gtest/gtest.h>

#include "aws/config_files.h"
#include "aws/endpoints.h"
#include "test_support.h"

namespace aws {
namespace {

using testing::FakeEnvironment;
using testing::TempDir;

TEST(ParseIni, ConfigFileProfilesAndNestedSettings) {
  auto profiles = ParseIni(
      "# comment\n[default]\nregion = us-west-2\n\n[profile dev]\nRegion=eu-central-1\n"
      "s3 =\n  addressing_style = path\noutput = json # not a comment\n"
      "[sso-session corp]\nsso_region = us-east-1\n[services x]\nec2 =\n  endpoint_url = y\n",
      IniKind::kConfig, "config");
  ASSERT_TRUE(profiles.has_value()) << profiles.error().message;
  EXPECT_EQ(profiles->size(), 2u);
  EXPECT_EQ(profiles->at("default").at("region"), "us-west-2");
  EXPECT_EQ(profiles->at("dev").at("region"), "eu-central-1");
  EXPECT_EQ(profiles->at("dev").at("s3.addressing_style"), "path");
  EXPECT_EQ(profiles->at("dev").at("output"), "json # not a comment");
}

TEST(ParseIni, CredentialsFileSectionsAreBareNames) {
  auto profiles = ParseIni("[dev]\naws_access_key_id = AKID\n[profile x]\na = b\n",
                           IniKind::kCredentials, "credentials");
  ASSERT_TRUE(profiles.has_value());
  EXPECT_EQ(profiles->at("dev").at("aws_access_key_id"), "AKID");
  EXPECT_EQ(profiles->count("profile x"), 1u);  // the credentials file has no "profile " prefix
}

TEST(ParseIni, MalformedLinesNameFileAndLineButNotTheValue) {
  auto bad = ParseIni("[default]\naws_secret_access_key SECRETVALUE\n", IniKind::kCredentials,
                      "/home/u/.aws/credentials");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(bad.error().message.find("/home/u/.aws/credentials:2"), std::string::npos);
  EXPECT_EQ(bad.error().message.find("SECRETVALUE"), std::string::npos);
  EXPECT_FALSE(ParseIni("key = v\n", IniKind::kConfig, "c").has_value());
  EXPECT_FALSE(ParseIni("[default\n", IniKind::kConfig, "c").has_value());
}

TEST(LoadConfigFiles, PathsFromTheEnvironmentAndHome) {
  TempDir dir;
  std::string credentials = dir.Write("creds", "[a]\nregion = from-credentials\n");
  std::string config = dir.Write("conf", "[profile a]\nregion = from-config\noutput = text\n");
  auto files = LoadConfigFiles(
      FakeEnvironment({{"AWS_SHARED_CREDENTIALS_FILE", credentials}, {"AWS_CONFIG_FILE", config}}));
  ASSERT_TRUE(files.has_value());
  EXPECT_EQ(files->Get("a", "region"), "from-credentials");  // the credentials file wins
  EXPECT_EQ(files->Get("a", "output"), "text");
  EXPECT_FALSE(files->Get("b", "region").has_value());

  std::filesystem::create_directories(dir.path() + "/.aws");
  dir.Write(".aws/config", "[default]\nregion = ap-south-1\n");
  auto home = LoadConfigFiles(FakeEnvironment({{"HOME", dir.path()}}));
  ASSERT_TRUE(home.has_value());
  EXPECT_EQ(home->Get("default", "region"), "ap-south-1");
  EXPECT_TRUE(home->credentials.empty());  // a missing file is empty, not an error
}

Settings SettingsWith(std::map<std::string, std::string> environment, const ConfigFiles* files,
                      std::string profile = "default") {
  Settings settings;
  settings.environment = FakeEnvironment(std::move(environment));
  settings.files = files;
  settings.profile = std::move(profile);
  return settings;
}

TEST(ResolveRegion, FlagThenAwsRegionThenDefaultRegionThenProfile) {
  ConfigFiles files;
  files.config["p"]["region"] = "eu-west-3";
  Settings settings =
      SettingsWith({{"AWS_REGION", "us-east-2"}, {"AWS_DEFAULT_REGION", "us-west-1"}}, &files, "p");
  settings.region = "ap-south-1";
  EXPECT_EQ(*ResolveRegion(settings), "ap-south-1");
  settings.region.reset();
  EXPECT_EQ(*ResolveRegion(settings), "us-east-2");
  EXPECT_EQ(*ResolveRegion(SettingsWith({{"AWS_DEFAULT_REGION", "us-west-1"}}, &files, "p")),
            "us-west-1");
  EXPECT_EQ(*ResolveRegion(SettingsWith({}, &files, "p")), "eu-west-3");
  auto none = ResolveRegion(SettingsWith({}, &files, "other"));
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().error_class, util::ErrorClass::kInvalidInput);
  EXPECT_NE(none.error().message.find("AWS_REGION"), std::string::npos);
  auto bad = ResolveRegion(SettingsWith({{"AWS_REGION", "US East"}}, nullptr));
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("AWS_REGION"), std::string::npos);
}

TEST(ResolveEndpoint, DefaultsPerServiceAndRegion) {
  Settings settings = SettingsWith({}, nullptr);
  auto ec2 = ResolveEndpoint(Service::kEc2, "eu-central-1", settings);
  EXPECT_EQ(ec2->endpoint.Origin(), "https://ec2.eu-central-1.amazonaws.com");
  EXPECT_EQ(ec2->signing_name, "ec2");
  auto quotas = ResolveEndpoint(Service::kServiceQuotas, "us-east-1", settings);
  EXPECT_EQ(quotas->endpoint.Origin(), "https://servicequotas.us-east-1.amazonaws.com");
  EXPECT_EQ(quotas->signing_name, "servicequotas");
  auto china = ResolveEndpoint(Service::kSts, "cn-north-1", settings);
  EXPECT_EQ(china->endpoint.Origin(), "https://sts.cn-north-1.amazonaws.com.cn");
}

TEST(ResolveEndpoint, PricingLivesInThreeRegions) {
  Settings settings = SettingsWith({}, nullptr);
  auto pricing = ResolveEndpoint(Service::kPricing, "eu-west-1", settings);
  EXPECT_EQ(pricing->endpoint.Origin(), "https://api.pricing.eu-central-1.amazonaws.com");
  EXPECT_EQ(pricing->signing_region, "eu-central-1");
  EXPECT_EQ(PricingRegionFor("ap-northeast-1"), "ap-south-1");
  EXPECT_EQ(PricingRegionFor("us-west-2"), "us-east-1");
  EXPECT_EQ(PricingRegionFor("sa-east-1"), "us-east-1");
}

TEST(ResolveEndpoint, OverridesInTheCliOrder) {
  ConfigFiles files;
  files.config["default"]["endpoint_url"] = "http://profile:1";
  Settings settings = SettingsWith(
      {{"AWS_ENDPOINT_URL_EC2", "http://ec2-specific:2"}, {"AWS_ENDPOINT_URL", "http://global:3"}},
      &files);
  settings.endpoint_url = "http://flag:4";
  EXPECT_EQ(ResolveEndpoint(Service::kEc2, "us-east-1", settings)->endpoint.Origin(),
            "http://flag:4");
  settings.endpoint_url.reset();
  EXPECT_EQ(ResolveEndpoint(Service::kEc2, "us-east-1", settings)->endpoint.Origin(),
            "http://ec2-specific:2");
  EXPECT_EQ(ResolveEndpoint(Service::kS3, "us-east-1", settings)->endpoint.Origin(),
            "http://global:3");
  EXPECT_EQ(
      ResolveEndpoint(Service::kServiceQuotas, "us-east-1",
                      SettingsWith({{"AWS_ENDPOINT_URL_SERVICE_QUOTAS", "http://q:5"}}, &files))
          ->endpoint.Origin(),
      "http://q:5");
  EXPECT_EQ(
      ResolveEndpoint(Service::kSsm, "us-east-1", SettingsWith({}, &files))->endpoint.Origin(),
      "http://profile:1");
  EXPECT_EQ(ResolveEndpoint(Service::kSsm, "us-east-1",
                            SettingsWith({{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"},
                                          {"AWS_ENDPOINT_URL", "http://global:3"}},
                                         &files))
                ->endpoint.Origin(),
            "https://ssm.us-east-1.amazonaws.com");
}

TEST(ParseEndpoint, AcceptsUrlsAndNamesTheFlagOnError) {
  auto local = ParseEndpoint("http://127.0.0.1:4566/base/", "--endpoint-url");
  ASSERT_TRUE(local.has_value());
  EXPECT_EQ(local->HostHeader(), "127.0.0.1:4566");
  EXPECT_EQ(local->base_path, "/base");
  EXPECT_EQ(ParseEndpoint("https://h:443", "x")->HostHeader(), "h");
  EXPECT_EQ(ParseEndpoint("http://[::1]:8080", "x")->HostHeader(), "[::1]:8080");
  for (const char* bad :
       {"localhost:4566", "ftp://h", "http://", "http://h:0", "http://h:x", "http://u@h"}) {
    auto parsed = ParseEndpoint(bad, "--endpoint-url");
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_NE(parsed.error().message.find("--endpoint-url"), std::string::npos);
  }
}

}  // namespace
}  // namespace aws
