// Cross-site request forgery tokens: the synchroniser-token pattern, with the
// token derived from a secret instead of stored.
//
// The secret lives where an attacking site cannot read it:
//  - staff pages: in the server-side session (one secret per session);
//  - anonymous survey forms, which have no session: in a per-browser cookie
//    set with the __Host- prefix, Secure, HttpOnly, SameSite=Lax.
// Each form carries csrf_token_for(secret, purpose) in a hidden field; the
// handler recomputes it and compares. This is the "signed double-submit"
// variant for anonymous forms: a forged request must present a token that
// only someone who can read the secret could compute, and the __Host- prefix
// stops a sibling subdomain from planting a secret of its own.
//
// Tokens are HMAC-SHA256(secret, "itagap-csrf-v1" NUL purpose), base64url. The
// purpose ("submit-response", "delete-round:42") binds a token to one form, so
// a token leaked from one page cannot be replayed against another. Tokens do
// not expire on their own; rotate the secret at login and logout.
#pragma once

#include <string>
#include <string_view>

namespace itagap::security {

// A fresh secret: 32 random bytes, base64url (43 characters).
std::string new_csrf_secret();

// The token for `form_purpose` under `secret` (43 characters, base64url).
// Returns an empty string if `secret` is empty, so no valid token exists then.
std::string csrf_token_for(std::string_view secret, std::string_view form_purpose);

// True if `presented` is the token for `form_purpose` under `secret`. Compared
// in constant time; false for an empty secret or an empty token.
bool csrf_token_valid(std::string_view secret, std::string_view form_purpose,
                      std::string_view presented);

}  // namespace itagap::security
