#include "security/csrf.hpp"

#include <sodium.h>

#include "security/random_tokens.hpp"
#include "security/sodium_init.hpp"

namespace itagap::security {

namespace {

// Domain separation: the same secret MACs nothing else with this prefix.
// The NUL ends the label, so label and purpose cannot run into each other.
constexpr std::string_view kLabel{"itagap-csrf-v1\0", 15};

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string new_csrf_secret() { return random_token(32); }

std::string csrf_token_for(std::string_view secret, std::string_view form_purpose) {
    if (secret.empty()) return {};
    require_sodium();
    // The streaming API takes a key of any length; crypto_auth_hmacsha256()
    // itself would insist on exactly 32 bytes.
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&state, bytes(secret), secret.size());
    crypto_auth_hmacsha256_update(&state, bytes(kLabel), kLabel.size());
    crypto_auth_hmacsha256_update(&state, bytes(form_purpose), form_purpose.size());
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_memzero(&state, sizeof state);
    return base64url_encode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

bool csrf_token_valid(std::string_view secret, std::string_view form_purpose,
                      std::string_view presented) {
    if (secret.empty() || presented.empty()) return false;
    return constant_time_equal(csrf_token_for(secret, form_purpose), presented);
}

}  // namespace itagap::security
