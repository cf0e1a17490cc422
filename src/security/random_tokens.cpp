#include "security/random_tokens.hpp"

#include <sodium.h>

#include <vector>

#include "security/sodium_init.hpp"

namespace itagap::security {

std::string random_token(std::size_t bytes) {
    if (bytes == 0) return {};  // randombytes_buf must not see a null buffer
    require_sodium();
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string token =
        base64url_encode(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
    sodium_memzero(raw.data(), raw.size());
    return token;
}

std::string base64url_encode(std::string_view bytes) {
    require_sodium();
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    // sodium_base64_ENCODED_LEN counts the terminating NUL.
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), kVariant);
    out.pop_back();
    return out;
}

std::string sha256_hex(std::string_view data) {
    require_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    std::string hex(crypto_hash_sha256_BYTES * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
    hex.pop_back();
    return hex;
}

std::string sha256_base64(std::string_view data) {
    require_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
    std::string out(sodium_base64_ENCODED_LEN(sizeof digest, kVariant), '\0');
    sodium_bin2base64(out.data(), out.size(), digest, sizeof digest, kVariant);
    out.pop_back();
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    require_sodium();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace itagap::security
