#include "store/sql_store.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <cstring>
#include <limits>

namespace itagap::store {

std::string username_key(std::string_view username) {
    std::string key(username);
    for (char& ch : key) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return key;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

Id random_response_id() {
    std::uint64_t bits = 0;
    randombytes_buf(&bits, sizeof bits);
    Id id = 0;
    std::memcpy(&id, &bits, sizeof id);
    return id;
}

Id random_evidence_id() { return random_response_id() & std::numeric_limits<Id>::max(); }

StatusOr<EvidenceFile> checked_evidence(const EvidenceFile& file, std::string_view bytes) {
    EvidenceFile out = file;
    const std::string digest = sha256_hex(bytes);
    const auto size = static_cast<std::int64_t>(bytes.size());
    if ((!file.sha256.empty() && file.sha256 != digest) ||
        (file.size_bytes != 0 && file.size_bytes != size)) {
        return Status::Invalid("add_evidence: the size or SHA-256 given does not match the bytes");
    }
    out.sha256 = digest;
    out.size_bytes = size;
    return out;
}

std::string audit_details(const AuditEntry& entry, std::optional<Id> new_id) {
    std::string_view details = entry.details;
    if (entry.new_id_key.empty() || !new_id) return details.empty() ? "{}" : std::string(details);
    // The key is a constant of the caller's ("unit_id"), spliced as a JSON
    // string; the id is a number.
    std::string field = fmt::format("\"{}\":{}", entry.new_id_key, *new_id);
    std::size_t open = details.find('{');
    if (open == std::string_view::npos) return "{" + field + "}";
    std::size_t next = details.find_first_not_of(" \t\r\n", open + 1);
    const bool empty_object = next != std::string_view::npos && details[next] == '}';
    return std::string(details.substr(0, open + 1)) + field + (empty_object ? "" : ",") +
           std::string(details.substr(open + 1));
}

StatusOr<RoundStatus> round_status_of_row(std::string_view text, Id row_id) {
    if (auto status = round_status_from_string(text)) return *status;
    return Status::Internal(
        fmt::format("rounds row {}: status '{}' is not draft, open or closed", row_id, text));
}

StatusOr<Role> role_of_row(std::string_view text, Id row_id) {
    if (auto role = role_from_string(text)) return *role;
    return Status::Internal(fmt::format(
        "users row {}: role '{}' is not admin, unit_coordinator or executive", row_id, text));
}

}  // namespace itagap::store
