#pragma once
// SHA-256 of a byte string as 64 lower-case hex digits (OpenSSL libcrypto).

#include <string>
#include <string_view>

namespace store {

std::string Sha256Hex(std::string_view data);

}  // namespace store
