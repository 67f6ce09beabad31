// Error bodies in the shapes AWS documents, and the code -> class table of issue 10.

#include "aws/errors.h"

#include <gtest/gtest.h>

namespace aws {
namespace {

using util::ErrorClass;

TEST(ParseXmlError, Ec2QueryShape) {
  auto error = ParseXmlError(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
      "<Code>InsufficientInstanceCapacity</Code><Message>We currently do not have sufficient "
      "m7i.large capacity in the Availability Zone you requested (us-east-1a).</Message>"
      "</Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, "InsufficientInstanceCapacity");
  EXPECT_NE(error->message.find("us-east-1a"), std::string::npos);
  EXPECT_EQ(error->request_id, "ea966190-f9aa-478e-9ede-example");
}

TEST(ParseXmlError, StsQueryShape) {
  auto error = ParseXmlError(
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
      "<Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token "
      "included in the request is invalid.</Message></Error><RequestId>r-2</RequestId>"
      "</ErrorResponse>");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, "InvalidClientTokenId");
  EXPECT_EQ(error->request_id, "r-2");
}

TEST(ParseXmlError, S3RestShape) {
  auto error = ParseXmlError(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The "
      "resource you requested does not exist</Message><Resource>/mybucket/myfoto.jpg"
      "</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, "NoSuchKey");
  EXPECT_EQ(error->request_id, "4442587FB7D0A2F9");
}

TEST(ParseXmlError, RejectsWhatIsNotAnError) {
  EXPECT_FALSE(ParseXmlError("").has_value());
  EXPECT_FALSE(ParseXmlError("<html>Bad Gateway</html>").has_value());
  EXPECT_FALSE(ParseXmlError("<Response><Errors><Error></Error></Errors></Response>").has_value());
}

TEST(ParseJsonError, TypeFieldHeaderAndMessage) {
  auto from_type = ParseJsonError(
      R"({"__type":"com.amazonaws.ssm#ParameterNotFound","message":"no such parameter"})", "");
  ASSERT_TRUE(from_type.has_value());
  EXPECT_EQ(from_type->code, "ParameterNotFound");
  EXPECT_EQ(from_type->message, "no such parameter");
  auto from_header = ParseJsonError(R"({"Message":"Rate exceeded"})",
                                    "ThrottlingException:http://internal.amazon.com/coral/");
  ASSERT_TRUE(from_header.has_value());
  EXPECT_EQ(from_header->code, "ThrottlingException");
  EXPECT_EQ(from_header->message, "Rate exceeded");
  EXPECT_FALSE(ParseJsonError("not json", "").has_value());
  EXPECT_FALSE(ParseJsonError(R"({"__type": 5})", "").has_value());
}

TEST(ClassifyAwsError, TheIssueTable) {
  for (const char* code : {"InsufficientInstanceCapacity", "InsufficientFreeAddressesInSubnet",
                           "Unsupported", "SpotMaxPriceTooLow", "InsufficientCapacityOnHost"}) {
    EXPECT_EQ(ClassifyAwsError(code, 500), ErrorClass::kCapacity) << code;
  }
  for (const char* code :
       {"VcpuLimitExceeded", "MaxSpotInstanceCountExceeded", "InstanceLimitExceeded"}) {
    EXPECT_EQ(ClassifyAwsError(code, 400), ErrorClass::kQuota) << code;
  }
  for (const char* code : {"RequestLimitExceeded", "Throttling", "SlowDown"}) {
    EXPECT_EQ(ClassifyAwsError(code, 503), ErrorClass::kThrottling) << code;
  }
  for (const char* code :
       {"AuthFailure", "UnauthorizedOperation", "InvalidParameterValue", "InvalidKeyPair.NotFound",
        "InvalidGroup.NotFound", "InvalidSubnetID.NotFound", "IdempotentParameterMismatch"}) {
    EXPECT_EQ(ClassifyAwsError(code, 400), ErrorClass::kFatal) << code;
  }
  EXPECT_EQ(ClassifyAwsError("InvalidInstanceID.NotFound", 400), ErrorClass::kEventualConsistency);
  EXPECT_EQ(ClassifyAwsError("SomethingNew", 400), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyAwsError("", 500), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyAwsError("", 429), ErrorClass::kThrottling);
}

TEST(ClassifyAwsError, IamCodes) {
  EXPECT_EQ(ClassifyAwsError("NoSuchEntity", 404), ErrorClass::kNotFound);
  EXPECT_EQ(ClassifyAwsError("EntityAlreadyExists", 409), ErrorClass::kFatal);
  EXPECT_EQ(ClassifyAwsError("AccessDenied", 403), ErrorClass::kFatal);
  EXPECT_EQ(ClassifyAwsError("MalformedPolicyDocument", 400), ErrorClass::kFatal);
  EXPECT_EQ(ClassifyAwsError("LimitExceeded", 409), ErrorClass::kQuota);
}

// A fresh instance profile EC2 cannot see yet is eventual consistency; any other
// InvalidParameterValue (and the same words under another code) stays what it was.
TEST(ErrorFromResponse, FreshInstanceProfileIsEventualConsistencyOnly) {
  auto response = [](const std::string& code, const std::string& message) {
    return HttpResponse{400,
                        {},
                        "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message +
                            "</Message></Error></Errors><RequestID>r</RequestID></Response>"};
  };
  // AWS's text for a profile not visible yet.
  util::Error fresh = ErrorFromResponse(
      response("InvalidParameterValue",
               "Value (aws-benchmark-collector-agent) for parameter iamInstanceProfile.name is "
               "invalid. Invalid IAM Instance Profile name"),
      Protocol::kQueryXml, "ec2 RunInstances");
  EXPECT_EQ(fresh.error_class, ErrorClass::kEventualConsistency);
  EXPECT_EQ(fresh.code, "InvalidParameterValue");
  EXPECT_EQ(ErrorFromResponse(response("InvalidParameterValue",
                                       "Value (x) for parameter iamInstanceProfile.arn is invalid"),
                              Protocol::kQueryXml, "ec2 RunInstances")
                .error_class,
            ErrorClass::kEventualConsistency);
  EXPECT_EQ(ErrorFromResponse(response("InvalidParameterValue",
                                       "Value (m7i.huge) for parameter instanceType is invalid."),
                              Protocol::kQueryXml, "ec2 RunInstances")
                .error_class,
            ErrorClass::kFatal);
  EXPECT_EQ(ErrorFromResponse(response("InvalidParameterValue", ""), Protocol::kQueryXml,
                              "ec2 RunInstances")
                .error_class,
            ErrorClass::kFatal);
  EXPECT_EQ(ErrorFromResponse(
                response("InvalidParameterCombination", "iamInstanceProfile and something else"),
                Protocol::kQueryXml, "ec2 RunInstances")
                .error_class,
            ErrorClass::kFatal);
}

TEST(ErrorFromResponse, NamesTheOperationCodeAndMessage) {
  HttpResponse response{400,
                        {},
                        "<Response><Errors><Error><Code>VcpuLimitExceeded</Code><Message>You "
                        "have requested more vCPU capacity</Message></Error></Errors></Response>"};
  util::Error error = ErrorFromResponse(response, Protocol::kQueryXml, "ec2 RunInstances");
  EXPECT_EQ(error.error_class, ErrorClass::kQuota);
  EXPECT_EQ(error.code, "VcpuLimitExceeded");
  EXPECT_EQ(error.message,
            "ec2 RunInstances: VcpuLimitExceeded: You have requested more vCPU capacity");
}

TEST(ErrorFromResponse, BodilessS3Answers) {
  EXPECT_EQ(ErrorFromResponse({503, {}, ""}, Protocol::kRestXml, "s3 HeadObject").error_class,
            ErrorClass::kThrottling);
  EXPECT_EQ(ErrorFromResponse({404, {}, ""}, Protocol::kRestXml, "s3 HeadObject").error_class,
            ErrorClass::kNotFound);
  EXPECT_EQ(ErrorFromResponse({403, {}, ""}, Protocol::kRestXml, "s3 HeadObject").error_class,
            ErrorClass::kFatal);
}

TEST(ErrorFromResponse, JsonErrorTypeHeader) {
  HttpResponse response{400, {{"x-amzn-errortype", "AccessDeniedException:http://x"}}, "{}"};
  EXPECT_EQ(ErrorFromResponse(response, Protocol::kJson, "ssm GetParameter").error_class,
            ErrorClass::kFatal);
}

}  // namespace
}  // namespace aws
