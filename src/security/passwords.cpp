#include "security/passwords.hpp"

#include <sodium.h>

#include <atomic>
#include <cstdint>
#include <vector>

#include "security/sodium_init.hpp"

namespace itagap::security {

namespace {

// Decodes strict UTF-8 (no overlong forms, no surrogates, nothing above
// U+10FFFF) into code points; nullopt if `text` is not valid UTF-8.
std::optional<std::vector<char32_t>> decode_utf8(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<std::uint8_t>(text[i]);
        std::size_t extra = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if (lead < 0x80) {
            cp = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1, cp = lead & 0x1F, min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2, cp = lead & 0x0F, min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3, cp = lead & 0x07, min = 0x10000;
        } else {
            return std::nullopt;
        }
        if (text.size() - i <= extra) return std::nullopt;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<std::uint8_t>(text[i + k]);
            if ((next & 0xC0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (next & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
        out.push_back(cp);
        i += extra + 1;
    }
    return out;
}

// libsodium declares its arguments nonnull even when the length is zero, and
// an empty std::string_view may hold a null pointer.
const char* non_null(std::string_view s) { return s.empty() ? "" : s.data(); }

}  // namespace

PasswordHashLimits PasswordHashLimits::interactive() {
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordHashLimits PasswordHashLimits::minimum_for_tests() {
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

std::string hash_password(std::string_view password, PasswordHashLimits limits) {
    require_sodium();
    char out[crypto_pwhash_argon2id_STRBYTES];
    if (crypto_pwhash_str_alg(out, non_null(password), password.size(), limits.ops_limit,
                              limits.mem_limit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return {};
    }
    return std::string(out);
}

namespace {
std::atomic<std::uint64_t> verifications{0};
}  // namespace

std::uint64_t password_verifications() { return verifications.load(); }

bool verify_password(std::string_view hash, std::string_view password) {
    verifications.fetch_add(1, std::memory_order_relaxed);
    // libsodium reads the hash as a NUL-terminated string of at most
    // STRBYTES - 1 characters; anything else cannot be one of ours.
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES ||
        hash.find('\0') != std::string_view::npos) {
        return false;
    }
    require_sodium();
    char terminated[crypto_pwhash_STRBYTES] = {};
    hash.copy(terminated, hash.size());
    return crypto_pwhash_str_verify(terminated, non_null(password), password.size()) == 0;
}

bool password_needs_rehash(std::string_view hash, PasswordHashLimits limits) {
    if (hash.empty() || hash.size() >= crypto_pwhash_argon2id_STRBYTES ||
        hash.find('\0') != std::string_view::npos) {
        return true;
    }
    require_sodium();
    char terminated[crypto_pwhash_argon2id_STRBYTES] = {};
    hash.copy(terminated, hash.size());
    // 0: argon2id with exactly these limits; 1: other limits; -1: not argon2id.
    return crypto_pwhash_argon2id_str_needs_rehash(terminated, limits.ops_limit,
                                                   limits.mem_limit_bytes) != 0;
}

std::string_view message_key(PasswordProblem problem) {
    switch (problem) {
        case PasswordProblem::kNotUtf8:
            return "password_not_utf8";
        case PasswordProblem::kTooShort:
            return "password_too_short";
        case PasswordProblem::kTooLong:
            return "password_too_long";
        case PasswordProblem::kOneCharacter:
            return "password_one_character";
    }
    return "password_too_short";
}

std::optional<PasswordProblem> password_problem(std::string_view password) {
    const auto code_points = decode_utf8(password);
    if (!code_points) return PasswordProblem::kNotUtf8;
    if (code_points->size() < kPasswordMinCodePoints) return PasswordProblem::kTooShort;
    if (code_points->size() > kPasswordMaxCodePoints) return PasswordProblem::kTooLong;
    const char32_t first = code_points->front();
    bool all_same = true;
    for (char32_t cp : *code_points) all_same = all_same && cp == first;
    if (all_same) return PasswordProblem::kOneCharacter;
    return std::nullopt;
}

}  // namespace itagap::security
