#pragma once
// The hashes and encodings the AWS layer needs (OpenSSL): SHA-256, HMAC-SHA-256, MD5,
// lower-case hex and base64.

#include <string>
#include <string_view>

namespace aws {

std::string HexEncode(std::string_view bytes);
std::string Sha256(std::string_view data);  // raw 32 bytes
std::string Sha256Hex(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string Md5(std::string_view data);  // raw 16 bytes (S3's Content-MD5)
std::string Base64Encode(std::string_view bytes);

}  // namespace aws
