// SigV4 against published known answers:
// - the AWS SigV4 test suite (docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html,
//   credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service");
// - the S3 examples of docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
//   (GET Object with a Range header) and sigv4-query-string-auth.html (presigned GET).

#include "aws/sigv4.h"

#include <gtest/gtest.h>

#include <sstream>

#include "aws/crypto.h"

namespace aws {
namespace {

Credentials SuiteCredentials() {
  return {Secret("AKIDEXAMPLE"), Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), Secret(), {}};
}

SigningContext SuiteContext() {
  return {"us-east-1", "service", util::FromSeconds(1440938160)};  // 2015-08-30T12:36:00Z
}

std::string AuthorizationOf(const HeaderSignature& signature) {
  for (const Header& header : signature.headers) {
    if (header.name == "Authorization") return header.value;
  }
  return "";
}

TEST(SigV4Suite, GetVanilla) {
  SignableRequest request{"GET", "example.amazonaws.com", "/", {}, {}, ""};
  EXPECT_EQ(AuthorizationOf(SignHeaders(request, SuiteCredentials(), SuiteContext())),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4Suite, GetVanillaQueryOrderKeyCase) {
  SignableRequest request{
      "GET", "example.amazonaws.com", "/", {{"Param2", "value2"}, {"Param1", "value1"}}, {}, ""};
  auto signature = SignHeaders(request, SuiteCredentials(), SuiteContext());
  EXPECT_EQ(signature.signature,
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4Suite, PostXWwwFormUrlencoded) {
  SignableRequest request{"POST",
                          "example.amazonaws.com",
                          "/",
                          {},
                          {{"Content-Type", "application/x-www-form-urlencoded"}},
                          "Param1=value1"};
  EXPECT_EQ(AuthorizationOf(SignHeaders(request, SuiteCredentials(), SuiteContext())),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, "
            "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
}

Credentials S3DocCredentials() {
  return {Secret("AKIAIOSFODNN7EXAMPLE"),
          Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
          Secret(),
          {}};
}

SigningContext S3DocContext() {
  return {"us-east-1", "s3", util::FromSeconds(1369353600)};  // 2013-05-24T00:00:00Z
}

TEST(SigV4S3, GetObjectWithRangeFromTheS3Docs) {
  SignableRequest request{"GET", "examplebucket.s3.amazonaws.com", "/test.txt",
                          {},    {{"Range", "bytes=0-9"}},         ""};
  auto signature = SignHeaders(request, S3DocCredentials(), S3DocContext());
  EXPECT_EQ(signature.signature,
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  // S3 always carries the payload hash it signed.
  bool has_content_hash = false;
  for (const Header& header : signature.headers) {
    if (header.name == "X-Amz-Content-SHA256") {
      has_content_hash = true;
      EXPECT_EQ(header.value, Sha256Hex(""));
    }
  }
  EXPECT_TRUE(has_content_hash);
}

TEST(SigV4S3, PresignedGetFromTheS3Docs) {
  SignableRequest request{"GET", "examplebucket.s3.amazonaws.com", "/test.txt", {}, {}, ""};
  EXPECT_EQ(PresignQuery(request, S3DocCredentials(), S3DocContext(), std::chrono::seconds(86400)),
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2F"
            "us-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&"
            "X-Amz-SignedHeaders=host&X-Amz-Signature="
            "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

TEST(SigV4, SessionTokenIsSignedAndSent) {
  Credentials credentials = SuiteCredentials();
  credentials.session_token = Secret("token/with+chars=");
  SignableRequest request{"GET", "example.amazonaws.com", "/", {}, {}, ""};
  auto with_token = SignHeaders(request, credentials, SuiteContext());
  EXPECT_NE(with_token.canonical_request.find("x-amz-security-token:token/with+chars=\n"),
            std::string::npos);
  EXPECT_NE(AuthorizationOf(with_token).find("SignedHeaders=host;x-amz-date;x-amz-security-token"),
            std::string::npos);
  std::string presigned = PresignQuery(request, credentials, SuiteContext(), std::chrono::hours(1));
  EXPECT_NE(presigned.find("X-Amz-Security-Token=token%2Fwith%2Bchars%3D"), std::string::npos);
}

TEST(SigV4, UnsignedPayloadForS3) {
  SigningContext context = S3DocContext();
  SignableRequest request{"PUT", "b.s3.amazonaws.com", "/k", {}, {}, "body"};
  auto signature = SignHeaders(request, S3DocCredentials(), context, Payload::kUnsigned);
  EXPECT_TRUE(signature.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
  EXPECT_NE(signature.canonical_request.find("x-amz-content-sha256:UNSIGNED-PAYLOAD\n"),
            std::string::npos);
}

TEST(SigV4, CanonicalUriS3KeepsThePathOthersNormalizeAndEncodeTwice) {
  EXPECT_EQ(CanonicalUri("/a b//../ü", "s3"), "/a%20b//../%C3%BC");
  EXPECT_EQ(CanonicalUri("/a b//../ü", "ec2"), "/%25C3%25BC");
  EXPECT_EQ(CanonicalUri("/a b/c/", "ec2"), "/a%2520b/c/");
  EXPECT_EQ(CanonicalUri("", "sts"), "/");
}

TEST(SigV4, CanonicalQuerySortsByEncodedNameThenValueAndKeepsEmptyValues) {
  EXPECT_EQ(CanonicalQuery({{"b", "2"}, {"a", "z"}, {"a", ""}, {"a", "y"}, {"A", "1"}}),
            "A=1&a=&a=y&a=z&b=2");
  // Sorted after encoding: '%' (0x25) sorts before letters; ' ' encodes as %20.
  EXPECT_EQ(CanonicalQuery({{"x", "1"}, {" x", "2"}, {"~", "3"}}), "%20x=2&x=1&~=3");
}

TEST(SigV4, UriEncodeIsStrictRfc3986) {
  EXPECT_EQ(UriEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(UriEncode("a b+c/d=é"), "a%20b%2Bc%2Fd%3D%C3%A9");
  EXPECT_EQ(UriEncode("a/b", true), "a/b");
}

TEST(SigV4, RemoveDotSegments) {
  EXPECT_EQ(RemoveDotSegments("/a/./b/../c/"), "/a/c/");
  EXPECT_EQ(RemoveDotSegments("/../.."), "/");
  EXPECT_EQ(RemoveDotSegments("//a//b"), "/a/b");
  EXPECT_EQ(RemoveDotSegments(""), "/");
}

TEST(Secret, PrintsNothingOfItsValue) {
  std::ostringstream out;
  out << Secret("wJalrXUtnFEMI");
  EXPECT_EQ(out.str().find("wJalr"), std::string::npos);
  EXPECT_EQ(Secret("x").Reveal(), "x");
}

}  // namespace
}  // namespace aws
