// Status strings and the URL dispatch of open_store(). The implementations
// live in sqlite/ and postgres/; this file knows only their factories.
#include "store/store.hpp"

#include <array>
#include <utility>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace itagap::store {

namespace {

// The strings are stored in the database (rounds.status, users.role): they
// are part of the schema and must never change.
constexpr std::array<std::pair<RoundStatus, std::string_view>, 3> kRoundStatusNames{{
    {RoundStatus::kDraft, "draft"},
    {RoundStatus::kOpen, "open"},
    {RoundStatus::kClosed, "closed"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoleNames{{
    {Role::kAdmin, "admin"},
    {Role::kUnitCoordinator, "unit_coordinator"},
    {Role::kExecutive, "executive"},
    {Role::kReviewer, "reviewer"},
}};

}  // namespace

std::string_view to_string(RoundStatus status) {
    for (const auto& [value, name] : kRoundStatusNames) {
        if (value == status) return name;
    }
    return "unknown";
}

std::optional<RoundStatus> round_status_from_string(std::string_view text) {
    for (const auto& [value, name] : kRoundStatusNames) {
        if (name == text) return value;
    }
    return std::nullopt;
}

std::string_view to_string(Role role) {
    for (const auto& [value, name] : kRoleNames) {
        if (value == role) return name;
    }
    return "unknown";
}

std::optional<Role> role_from_string(std::string_view text) {
    for (const auto& [value, name] : kRoleNames) {
        if (name == text) return value;
    }
    return std::nullopt;
}

StatusOr<std::unique_ptr<Store>> open_store(std::string_view url) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with(kSqlite)) {
        std::string_view path = url.substr(kSqlite.size());
        if (path.empty()) {
            return Status::Invalid("open_store: \"sqlite:\" needs a file path or :memory:");
        }
        return sqlite::open_sqlite_store(std::string(path));
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return postgres::open_postgres_store(std::string(url));
    }
    return Status::Invalid(
        "open_store: unsupported store URL; expected \"sqlite:PATH\", \"sqlite::memory:\", "
        "\"postgresql://...\" or \"postgres://...\"");
}

}  // namespace itagap::store
