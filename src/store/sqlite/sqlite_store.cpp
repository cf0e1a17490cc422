// The SQLite backend of the shared store (sql_store.hpp): connections only.
// Writes go through one connection under `write_mu_` (SQLite allows one
// writer per file anyway); reads use a small pool of their own connections,
// which in WAL mode never wait for the writer.
#include "store/sqlite/sqlite_store.hpp"

#include <sodium.h>

#include <utility>
#include <vector>

#include "core/thread_annotations.hpp"
#include "store/sql_store.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"

namespace itagap::store::sqlite {

namespace {

// Readers kept open between calls; more are opened under load and closed
// when returned to a full pool.
constexpr std::size_t kIdleReaders = 4;

class SqliteSource final : public SqlConnectionSource {
public:
    SqliteSource(std::string path, std::unique_ptr<Connection> writer)
        : path_(std::move(path)), in_memory_(path_ == ":memory:"), writer_(std::move(writer)) {}

    Status with_writer(const std::function<Status(SqlConnection&)>& fn) override {
        core::MutexLock lock(write_mu_);
        return fn(*writer_);
    }

    // An in-memory database exists only inside the writer's connection, so
    // it is read there.
    Status with_reader(const std::function<Status(SqlConnection&)>& fn) override {
        if (in_memory_) return with_writer(fn);
        auto reader = acquire_reader();
        if (!reader.ok()) return reader.status;
        Status s = fn(**reader);
        release_reader(std::move(*reader));
        return s;
    }

    std::span<const std::string_view> migrations() const override { return sqlite::migrations(); }
    std::string_view name() const override { return "sqlite"; }
    // The one writer serialises submissions and round changes.
    std::string_view for_share() const override { return ""; }
    std::string_view for_update() const override { return ""; }

private:
    StatusOr<std::unique_ptr<Connection>> acquire_reader() {
        {
            core::MutexLock lock(readers_mu_);
            if (!idle_readers_.empty()) {
                auto reader = std::move(idle_readers_.back());
                idle_readers_.pop_back();
                return reader;
            }
        }
        auto reader = Connection::open(path_, /*create=*/false);
        if (!reader.ok()) return reader;
        if (Status s = (*reader)->make_read_only(); !s.ok()) return s;
        return reader;
    }

    void release_reader(std::unique_ptr<Connection> reader) {
        core::MutexLock lock(readers_mu_);
        if (idle_readers_.size() < kIdleReaders) idle_readers_.push_back(std::move(reader));
    }

    const std::string path_;
    const bool in_memory_;

    core::Mutex write_mu_;
    std::unique_ptr<Connection> writer_ PT_GUARDED_BY(write_mu_);

    core::Mutex readers_mu_;
    std::vector<std::unique_ptr<Connection>> idle_readers_ GUARDED_BY(readers_mu_);
};

}  // namespace

StatusOr<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, SqlStoreHooks hooks) {
    if (sodium_init() < 0) {
        return Status::Internal("sqlite: open: libsodium could not be initialised");
    }
    auto writer = Connection::open(path, /*create=*/true);
    if (!writer.ok()) return writer.status;
    return make_sql_store(std::make_unique<SqliteSource>(path, std::move(*writer)),
                          std::move(hooks));
}

StatusOr<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
    return open_sqlite_store(path, SqlStoreHooks{});
}

}  // namespace itagap::store::sqlite
