#pragma once
// The hashes SigV4 needs (OpenSSL): SHA-256 and HMAC-SHA-256, and lower-case hex.

#include <string>
#include <string_view>

namespace aws {

std::string HexEncode(std::string_view bytes);
std::string Sha256(std::string_view data);  // raw 32 bytes
std::string Sha256Hex(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);  // raw 32 bytes

}  // namespace aws

namespace aws {
std::string Base64Encode(std::string_view bytes);
}  // namespace aws
