// A secret per installation, for keyed hashes that must not be reversible by
// whoever holds the database (the audit log's client-address hash): 32
// random bytes, hex in a file of its own next to the SQLite file, never in the
// database. Created on first use with mode 0600; read on every start.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace itagap::security {

inline constexpr std::size_t kInstallationKeyBytes = 32;

// The key in `path` (its 32 raw bytes), or a new one written there when the
// file does not exist. kInvalid when the file exists but holds no key of
// ours; kInternal when it cannot be read or created.
StatusOr<std::string> load_or_create_installation_key(const std::string& path);

// BLAKE2b (libsodium crypto_generichash) of `data` keyed with `key`, as
// 32 hex digits (128 bits): equal inputs give equal hashes under one key,
// and without the key an address cannot be found by trying all of them.
// REQUIRES: key.size() between 16 and 64 bytes.
std::string keyed_hash_hex(std::string_view key, std::string_view data);

}  // namespace itagap::security
