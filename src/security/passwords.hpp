// Staff passwords: argon2id hashes in libsodium's self-describing string form
// ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash"), and the policy a new password
// must meet. Respondents never have passwords; only agency staff do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace itagap::security {

// Cost of one argon2id hash. The hash string records the limits it was made
// with, so changing them never breaks verification of stored hashes; it only
// makes password_needs_rehash() say yes for the old ones.
struct PasswordHashLimits {
    unsigned long long ops_limit;  // passes over memory (argon2 "t")
    std::size_t mem_limit_bytes;   // memory per hash, in bytes (argon2 "m" is KiB)

    // libsodium's INTERACTIVE: 2 passes, 64 MiB; about 0.1 s per hash. The default.
    static PasswordHashLimits interactive();
    // libsodium's minimum (1 pass, 8 KiB). For tests only: offers no protection.
    static PasswordHashLimits minimum_for_tests();
};

// A new argon2id hash with a fresh random salt; two calls with the same
// password give different strings. Returns an empty string only if the hash
// could not be computed (out of memory); verify_password("") is always false.
std::string hash_password(std::string_view password,
                          PasswordHashLimits limits = PasswordHashLimits::interactive());

// True if `password` matches `hash` (a string from hash_password). A malformed
// or empty hash is simply false. Comparison is constant-time inside libsodium.
bool verify_password(std::string_view hash, std::string_view password);

// How many times verify_password has run in this process (each is one
// argon2id computation when the hash is well-formed): lets a test show that
// every sign-in refusal costs the same work, without timing it.
std::uint64_t password_verifications();

// True if `hash` should be replaced after the next successful login: it is not
// an argon2id hash made with exactly `limits` (older, cheaper or malformed).
bool password_needs_rehash(std::string_view hash,
                           PasswordHashLimits limits = PasswordHashLimits::interactive());

enum class PasswordProblem { kNotUtf8, kTooShort, kTooLong, kOneCharacter };

// Why `password` is not acceptable as a new staff password; nullopt if it is
// acceptable. Rules: valid UTF-8; 10 to 256 characters counted as Unicode
// code points (so a Thai password of 10 letters is 10, not 30); not one
// character repeated. Any script is allowed, including Thai and spaces.
std::optional<PasswordProblem> password_problem(std::string_view password);
// The message catalogue's key (msgctxt "admin") that explains `problem`.
std::string_view message_key(PasswordProblem problem);

inline constexpr std::size_t kPasswordMinCodePoints = 10;
inline constexpr std::size_t kPasswordMaxCodePoints = 256;

}  // namespace itagap::security
