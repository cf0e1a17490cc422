// The SQLite schema as an ordered list of migrations. Migration i (0-based)
// brings the schema to version i + 1. REQUIRES: entries are only ever
// appended; an applied migration is never edited (databases in the field
// already ran it).
#pragma once

#include <span>
#include <string_view>

namespace itagap::store::sqlite {

std::span<const std::string_view> migrations();

}  // namespace itagap::store::sqlite
