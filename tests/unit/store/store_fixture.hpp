// Fresh databases for the store tests: one per test, removed afterwards, so
// tests share nothing and can run in parallel (ctest runs one process per
// test).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace itagap::store::testing {

enum class Backend { kSqlite, kPostgres };

std::string backend_name(Backend backend);

class TestDatabase {
public:
    // A new empty database. Returns nullptr and sets `why` when it cannot be
    // made; `skip` is true when that is expected (PostgreSQL without
    // ITAGAP_TEST_POSTGRES_URL) rather than a failure.
    static std::unique_ptr<TestDatabase> create(Backend backend, std::string& why, bool& skip);
    virtual ~TestDatabase() = default;

    // The URL for open_store().
    virtual const std::string& url() const = 0;
    // Column names of `table`, read from the database's own catalogue.
    virtual std::vector<std::string> columns(std::string_view table) const = 0;
    // Runs constant SQL (several statements allowed) straight on the
    // database, bypassing the store: for building an old schema by hand.
    // Returns the error text, or "" on success.
    virtual std::string execute(const std::string& sql) const = 0;
};

}  // namespace itagap::store::testing
