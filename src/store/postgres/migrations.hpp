// The PostgreSQL schema as an ordered list of migrations, the twin of
// sqlite/migrations.cpp: same tables, columns and constraints in PostgreSQL's
// dialect. Migration i (0-based) brings the schema to version i + 1.
// REQUIRES: entries are only ever appended, never edited once released.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace itagap::store::postgres {

std::span<const std::string_view> migrations();

// The pg_advisory_xact_lock key that serialises migrations between servers
// starting at once ("itagapmg" in ASCII).
inline constexpr std::int64_t kMigrationLockKey = 0x6974616761706d67;

}  // namespace itagap::store::postgres
