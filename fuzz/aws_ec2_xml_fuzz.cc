// libFuzzer target: the EC2, STS and IAM Query XML parsers and the XML error parser must never
// crash, hang or throw; they return items or an error that says something.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aws/ec2.h"
#include "aws/errors.h"
#include "aws/iam.h"
#include "aws/sts.h"

namespace {

template <typename T>
void Check(const util::Expected<T>& parsed) {
  if (!parsed && parsed.error().message.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  auto instances = aws::ec2::ParseDescribeInstances(xml);
  Check(instances);
  if (instances) {
    for (const auto& instance : instances->items) {
      if (instance.instance_id.empty()) __builtin_trap();  // every instance has its id
    }
  }
  Check(aws::ec2::ParseRunInstances(xml));
  Check(aws::ec2::ParseTerminateInstances(xml));
  auto prices = aws::ec2::ParseSpotPriceHistory(xml);
  Check(prices);
  if (prices) {
    for (const auto& price : prices->items) {
      if (!(price.price >= 0)) __builtin_trap();  // no negative or NaN price gets through
    }
  }
  Check(aws::ec2::ParseInstanceTypes(xml));
  Check(aws::ec2::ParseInstanceTypeOfferings(xml));
  Check(aws::ec2::ParseSubnets(xml));
  Check(aws::ec2::ParseSecurityGroups(xml));
  Check(aws::ec2::ParseKeyPairs(xml));
  Check(aws::ec2::ParseImages(xml));
  Check(aws::ParseGetCallerIdentity(xml));
  Check(aws::ParseAssumeRole(xml));
  Check(aws::iam::ParseGetRole(xml));
  Check(aws::iam::ParseCreateRole(xml));
  for (auto profile :
       {aws::iam::ParseGetInstanceProfile(xml), aws::iam::ParseCreateInstanceProfile(xml)}) {
    Check(profile);
    if (!profile) continue;
    for (const auto& role : profile->roles) {
      if (role.name.empty()) __builtin_trap();  // every role has its name
    }
  }
  auto error = aws::ParseXmlError(xml);
  if (error && error->code.empty()) __builtin_trap();
  return 0;
}
