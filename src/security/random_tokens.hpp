// Random tokens (session ids, CSRF secrets, one-time links) and the small
// primitives used to store and compare them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace itagap::security {

// `bytes` bytes from the OS CSPRNG (libsodium randombytes_buf), encoded as
// URL-safe base64 without padding: ceil(4 * bytes / 3) characters from
// [A-Za-z0-9_-], safe in URLs, cookies and HTML attributes. Use at least 16
// bytes (128 bits) for anything that grants access; 32 is the usual choice.
std::string random_token(std::size_t bytes);

// URL-safe base64 without padding of arbitrary bytes (RFC 4648 section 5).
std::string base64url_encode(std::string_view bytes);

// SHA-256 of `data` as 64 lower-case hex digits. Store this, not the token,
// for high-entropy tokens that the server only needs to recognise.
std::string sha256_hex(std::string_view data);

// SHA-256 of `data` in standard base64 with padding (RFC 4648 section 4), as
// a Content-Security-Policy hash source wants it ('sha256-...').
std::string sha256_base64(std::string_view data);

// True if `a` and `b` hold the same bytes. For equal lengths the time taken
// does not depend on the contents (sodium_memcmp); different lengths return
// false at once, so only the length leaks, which for tokens is public anyway.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace itagap::security
