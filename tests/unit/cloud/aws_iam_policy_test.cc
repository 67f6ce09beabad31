// docs/aws-setup.md's IAM policy against the actions the src/aws clients can send: the
// actions are read from the clients' sources (EC2 and STS Query actions, JSON targets, the
// S3 functions), so a call added to a client without its permission fails here, and so does
// a permission the tool never uses.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

std::string Source(const std::string& path) {
  std::ifstream in(std::string(ABC_SOURCE_DIR) + "/" + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::set<std::string> Matches(const std::string& text, const std::string& pattern) {
  std::set<std::string> out;
  std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

// The IAM actions of the calls the clients can send (a call the formatter split across lines
// counts too).
std::set<std::string> ClientActions() {
  std::set<std::string> actions;
  std::string ec2 = Source("src/aws/ec2.cc");
  for (const auto& a : Matches(ec2, R"((?:AllPages<\w+>|CallQuery)\(\s*ec2,\s*\"(\w+)\")")) {
    actions.insert("ec2:" + a);
  }
  const std::map<std::string, std::string> kTargetPrefix = {
      {"AmazonSSM", "ssm"},
      {"ServiceQuotasV20190624", "servicequotas"},
      {"AWSPriceListService", "pricing"}};
  std::string json = Source("src/aws/json_services.cc");
  std::regex target(R"re(CallJson\(\w+, "(\w+)\.(\w+)")re");
  for (auto it = std::sregex_iterator(json.begin(), json.end(), target);
       it != std::sregex_iterator(); ++it) {
    auto prefix = kTargetPrefix.find((*it)[1].str());
    EXPECT_NE(prefix, kTargetPrefix.end()) << "unknown JSON target " << (*it)[1];
    if (prefix != kTargetPrefix.end()) actions.insert(prefix->second + ":" + (*it)[2].str());
  }
  // IAM: the instance profile the tool ensures at campaign start (or checks, when given).
  for (const auto& a : Matches(Source("src/aws/iam.cc"), R"(CallQuery\(\s*iam,\s*\"(\w+)\")")) {
    actions.insert("iam:" + a);
  }
  // STS: GetCallerIdentity needs no permission; AssumeRole is granted to the source identity.
  for (const auto& a : Matches(Source("src/aws/sts.cc"), R"(CallQuery\(\s*sts,\s*\"(\w+)\")")) {
    EXPECT_TRUE(a == "GetCallerIdentity" || a == "AssumeRole") << "new STS call " << a;
  }
  // S3: every client function and the action S3 authorizes it as.
  const std::map<std::string, std::string> kS3 = {
      {"PutObject", "s3:PutObject"},
      {"GetObject", "s3:GetObject"},
      {"HeadObject", "s3:GetObject"},
      {"ListObjectsV2", "s3:ListBucket"},
      {"DeleteObject", "s3:DeleteObject"},
      {"CreateBucket", "s3:CreateBucket"},
      {"PutExpirationRule", "s3:PutLifecycleConfiguration"},
      {"PresignUrl", "s3:GetObject"},  // and s3:PutObject for PUT URLs, listed above
      {"PathStyleFor", ""}};           // sends nothing
  for (const auto& f : Matches(Source("src/aws/s3.h"), R"((\w+)\(const Caller& s3)")) {
    auto found = kS3.find(f);
    EXPECT_NE(found, kS3.end()) << "S3 function " << f << " has no IAM action in this test";
    if (found != kS3.end() && !found->second.empty()) actions.insert(found->second);
  }
  return actions;
}

std::set<std::string> PolicyActions() {
  std::string doc = Source("docs/aws-setup.md");
  auto start = doc.find("```json\n");
  EXPECT_NE(start, std::string::npos);
  start += 8;
  auto end = doc.find("```", start);
  nlohmann::json policy = nlohmann::json::parse(doc.substr(start, end - start));
  std::set<std::string> actions;
  for (const auto& statement : policy.at("Statement")) {
    for (const auto& action : statement.at("Action")) actions.insert(action.get<std::string>());
  }
  return actions;
}

TEST(AwsIamPolicy, GrantsExactlyTheActionsTheClientsSend) {
  std::set<std::string> expected = ClientActions();
  ASSERT_GE(expected.size(), 15u);  // the sources were read
  EXPECT_TRUE(expected.count("ec2:RunInstances"));
  EXPECT_TRUE(expected.count("iam:GetInstanceProfile"));
  // Implied by calls above: tags at launch (CreateTags with ec2:CreateAction) and the
  // instance profile's role, passed to EC2 by RunInstances and to the profile by
  // AddRoleToInstanceProfile.
  expected.insert("ec2:CreateTags");
  expected.insert("iam:PassRole");
  std::set<std::string> granted = PolicyActions();
  for (const auto& a : expected) EXPECT_TRUE(granted.count(a)) << "policy lacks " << a;
  for (const auto& a : granted) EXPECT_TRUE(expected.count(a)) << "policy grants unused " << a;
}

}  // namespace
