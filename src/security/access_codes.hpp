// One-time access codes for staff surveys (IIT). The ITA coordinator prints
// or sends one code per staff member; the code lets one anonymous response in.
// The database stores only access_code_hash(code), never the code.
//
// A code is kAccessCodeLength symbols drawn uniformly and independently from
// kAccessCodeAlphabet: 31 symbols without the look-alikes 0/O, 1/I/L. That is
// 9 * log2(31) = 44.6 bits of randomness; a guesser trying a million codes
// against 1,000 live ones succeeds with probability 1e9 / 31^9 = 4e-5.
// Symbols are drawn with randombytes_uniform(31), which rejection-samples, so
// there is no modulo bias. Shown to people in groups of three: "K7Q-MX3-PAR".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itagap::security {

inline constexpr std::string_view kAccessCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kAccessCodeLength = 9;  // symbols, without dashes
inline constexpr std::size_t kAccessCodeGroup = 3;   // symbols per dash-separated group

// kAccessCodeLength * log2(alphabet size): the randomness of one code, in bits.
double access_code_entropy_bits();

// `n` distinct codes in display form ("K7Q-MX3-PAR").
std::vector<std::string> generate_access_codes(std::size_t n);

// What a person typed, in canonical form (kAccessCodeLength symbols, no
// dashes), or nullopt if it cannot be a code. Spaces, tabs, line breaks and
// dashes anywhere are ignored and lower case is read as upper case. A symbol
// outside the alphabet (0, O, 1, I, L, anything non-ASCII) is rejected, not
// guessed at: mapping O to 0 would be wrong, since neither is in the alphabet.
std::optional<std::string> normalise_access_code(std::string_view typed);

// Display form of a canonical code: "K7QMX3PAR" -> "K7Q-MX3-PAR".
std::string format_access_code(std::string_view normalised);

// What the database stores: sha256_hex of the canonical code. REQUIRES:
// `normalised` came from normalise_access_code (or generate, dashes removed).
// The hash is unsalted and fast, so whoever holds a copy of the database can
// recover unused codes by trying all 31^9 (hours on one GPU). That is accepted
// because such a person can already write responses; the hash keeps codes out
// of logs, backups and screens, not away from a database thief.
std::string access_code_hash(std::string_view normalised);

}  // namespace itagap::security
