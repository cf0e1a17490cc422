// The PostgreSQL backend of the shared store (sql_store.hpp): connections
// only. Each call leases a connection from the pool, runs one statement or
// one transaction on it and gives it back. Nothing is cached across calls
// (sessions, users, rounds all live in the database), so any number of
// itagap servers can share the database.
//
// Isolation is READ COMMITTED. The decisions a submission makes hold under
// it because each is made by the statement that also takes the row lock:
// - the round is read FOR SHARE (for_share() below), so closing a round
//   waits for submissions in flight and no response is stored in a round
//   after it closed;
// - "UPDATE access_codes SET used = true ... AND used = false" re-checks
//   used after waiting for a concurrent submitter of the same code, so a
//   code is used once;
// - a browser token is a primary key, so a second insert does nothing (or
//   waits for the first transaction and then does nothing).
#include "store/postgres/postgres_store.hpp"

#include <sodium.h>

#include <utility>

#include "store/postgres/connection.hpp"
#include "store/postgres/migrations.hpp"
#include "store/sql_store.hpp"

namespace itagap::store::postgres {

namespace {

class PostgresSource final : public SqlConnectionSource {
public:
    explicit PostgresSource(std::string url) : pool_(std::move(url)) {}

    Status with_writer(const std::function<Status(SqlConnection&)>& fn) override {
        auto lease = pool_.acquire();
        if (!lease.ok()) return lease.status;
        return fn(**lease);
    }
    Status with_reader(const std::function<Status(SqlConnection&)>& fn) override {
        return with_writer(fn);
    }
    std::span<const std::string_view> migrations() const override { return postgres::migrations(); }
    std::string_view name() const override { return "postgres"; }
    std::string_view for_share() const override { return " FOR SHARE"; }
    std::string_view for_update() const override { return " FOR UPDATE"; }

private:
    Pool pool_;
};

}  // namespace

StatusOr<std::unique_ptr<Store>> open_postgres_store(const std::string& url, SqlStoreHooks hooks) {
    if (sodium_init() < 0) {
        return Status::Internal("postgres: open: libsodium could not be initialised");
    }
    auto store = make_sql_store(std::make_unique<PostgresSource>(url), std::move(hooks));
    // Connect once now so a wrong URL or a down server shows at start-up,
    // not at the first respondent.
    Status reachable = store->schema_version().status;
    if (reachable.code == StatusCode::kUnavailable) return reachable;
    return store;
}

StatusOr<std::unique_ptr<Store>> open_postgres_store(const std::string& url) {
    return open_postgres_store(url, SqlStoreHooks{});
}

}  // namespace itagap::store::postgres
