#include "security/access_codes.hpp"

#include <sodium.h>

#include <cmath>
#include <cstdint>
#include <unordered_set>

#include "security/random_tokens.hpp"
#include "security/sodium_init.hpp"

namespace itagap::security {

namespace {

// Longer input than this is not a mistyped code; refuse it before any work.
constexpr std::size_t kMaxTypedLength = 64;

bool in_alphabet(char c) { return kAccessCodeAlphabet.find(c) != std::string_view::npos; }

std::string random_canonical_code() {
    std::string code;
    code.reserve(kAccessCodeLength);
    for (std::size_t i = 0; i < kAccessCodeLength; ++i) {
        const auto index =
            randombytes_uniform(static_cast<std::uint32_t>(kAccessCodeAlphabet.size()));
        code.push_back(kAccessCodeAlphabet[index]);
    }
    return code;
}

}  // namespace

double access_code_entropy_bits() {
    return static_cast<double>(kAccessCodeLength) *
           std::log2(static_cast<double>(kAccessCodeAlphabet.size()));
}

std::vector<std::string> generate_access_codes(std::size_t n) {
    require_sodium();
    std::unordered_set<std::string> seen;
    seen.reserve(n);
    std::vector<std::string> codes;
    codes.reserve(n);
    while (codes.size() < n) {
        std::string code = random_canonical_code();
        if (seen.insert(code).second) codes.push_back(format_access_code(code));
    }
    return codes;
}

std::optional<std::string> normalise_access_code(std::string_view typed) {
    if (typed.size() > kMaxTypedLength) return std::nullopt;
    std::string code;
    code.reserve(kAccessCodeLength);
    for (char c : typed) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (!in_alphabet(c)) return std::nullopt;
        code.push_back(c);
    }
    if (code.size() != kAccessCodeLength) return std::nullopt;
    return code;
}

std::string format_access_code(std::string_view normalised) {
    std::string out;
    out.reserve(normalised.size() + normalised.size() / kAccessCodeGroup);
    for (std::size_t i = 0; i < normalised.size(); ++i) {
        if (i > 0 && i % kAccessCodeGroup == 0) out.push_back('-');
        out.push_back(normalised[i]);
    }
    return out;
}

std::string access_code_hash(std::string_view normalised) { return sha256_hex(normalised); }

}  // namespace itagap::security
