#include "store_fixture.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace itagap::store::testing {

namespace {

namespace fs = std::filesystem;

// A directory of its own holds the database and its -wal and -shm files.
class SqliteDatabase final : public TestDatabase {
public:
    SqliteDatabase() {
        std::string pattern = (fs::temp_directory_path() / "itagap-store-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
        url_ = "sqlite:" + (dir_ / "itagap.db").string();
    }
    ~SqliteDatabase() override {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }

    const std::string& url() const override { return url_; }

    std::vector<std::string> columns(std::string_view table) const override {
        std::vector<std::string> names;
        sqlite3* db = nullptr;
        if (sqlite3_open_v2((dir_ / "itagap.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK) {
            sqlite3_stmt* stmt = nullptr;
            sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?)", -1, &stmt, nullptr);
            sqlite3_bind_text(stmt, 1, table.data(), static_cast<int>(table.size()),
                              SQLITE_TRANSIENT);
            while (sqlite3_step(stmt) == SQLITE_ROW) {
                names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
            }
            sqlite3_finalize(stmt);
        }
        sqlite3_close(db);
        return names;
    }

    std::string execute(const std::string& sql) const override {
        sqlite3* db = nullptr;
        std::string error;
        if (sqlite3_open_v2((dir_ / "itagap.db").c_str(), &db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
            error = db != nullptr ? sqlite3_errmsg(db) : "cannot open";
        } else {
            sqlite3_exec(db, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
            char* message = nullptr;
            if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
                error = message != nullptr ? message : "error";
            }
            sqlite3_free(message);
        }
        sqlite3_close(db);
        return error;
    }

private:
    fs::path dir_;
    std::string url_;
};

// The URL `server_url` with its database name replaced by `dbname`:
// postgresql://user@host:port/postgres?x=y -> postgresql://user@host:port/dbname?x=y
std::string with_database(const std::string& server_url, const std::string& dbname) {
    std::size_t authority = server_url.find("://");
    authority = authority == std::string::npos ? 0 : authority + 3;
    std::size_t query = server_url.find('?', authority);
    std::string params = query == std::string::npos ? "" : server_url.substr(query);
    std::string head = server_url.substr(0, query);
    std::size_t slash = head.find('/', authority);
    if (slash != std::string::npos) head.resize(slash);
    return head + "/" + dbname + params;
}

class PostgresDatabase final : public TestDatabase {
public:
    // The database name is made of numbers only; nothing else is spliced
    // into the SQL.
    explicit PostgresDatabase(std::string server_url) : server_url_(std::move(server_url)) {
        static std::atomic<int> counter{0};
        name_ = "itagap_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
        admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        std::string error = admin("CREATE DATABASE " + name_);
        if (!error.empty()) throw std::runtime_error(error);
        url_ = with_database(server_url_, name_);
    }
    ~PostgresDatabase() override { admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"); }

    const std::string& url() const override { return url_; }

    std::vector<std::string> columns(std::string_view table) const override {
        std::vector<std::string> names;
        PGconn* conn = PQconnectdb(url_.c_str());
        if (PQstatus(conn) == CONNECTION_OK) {
            std::string t(table);
            const char* params[] = {t.c_str()};
            PGresult* r = PQexecParams(conn,
                                       "SELECT column_name FROM information_schema.columns "
                                       "WHERE table_schema = current_schema() AND table_name = $1 "
                                       "ORDER BY ordinal_position",
                                       1, nullptr, params, nullptr, nullptr, 0);
            if (PQresultStatus(r) == PGRES_TUPLES_OK) {
                for (int i = 0; i < PQntuples(r); ++i) names.emplace_back(PQgetvalue(r, i, 0));
            }
            PQclear(r);
        }
        PQfinish(conn);
        return names;
    }

    std::string execute(const std::string& sql) const override {
        PGconn* conn = PQconnectdb(url_.c_str());
        PQsetNoticeProcessor(
            conn, [](void*, const char*) {}, nullptr);
        std::string error;
        if (PQstatus(conn) != CONNECTION_OK) {
            error = PQerrorMessage(conn);
        } else {
            PGresult* r = PQexec(conn, sql.c_str());
            if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
                error = PQresultErrorMessage(r);
            }
            PQclear(r);
        }
        PQfinish(conn);
        return error;
    }

private:
    // Runs one statement on the server's maintenance database; returns the
    // error text or "".
    std::string admin(const std::string& sql) const {
        PGconn* conn = PQconnectdb(server_url_.c_str());
        PQsetNoticeProcessor(
            conn, [](void*, const char*) {}, nullptr);
        std::string error;
        if (PQstatus(conn) != CONNECTION_OK) {
            error = PQerrorMessage(conn);
        } else {
            PGresult* r = PQexec(conn, sql.c_str());
            if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
            PQclear(r);
        }
        PQfinish(conn);
        return error;
    }

    std::string server_url_;
    std::string name_;
    std::string url_;
};

}  // namespace

std::string backend_name(Backend backend) {
    return backend == Backend::kSqlite ? "sqlite" : "postgres";
}

std::unique_ptr<TestDatabase> TestDatabase::create(Backend backend, std::string& why, bool& skip) {
    skip = false;
    try {
        if (backend == Backend::kSqlite) return std::make_unique<SqliteDatabase>();
        const char* server = std::getenv("ITAGAP_TEST_POSTGRES_URL");
        if (server == nullptr || *server == '\0') {
            skip = true;
            why =
                "PostgreSQL tests skipped: ITAGAP_TEST_POSTGRES_URL is not set "
                "(run them with scripts/with-postgres.sh)";
            return nullptr;
        }
        return std::make_unique<PostgresDatabase>(server);
    } catch (const std::exception& e) {
        why = std::string("cannot create a test database: ") + e.what();
        return nullptr;
    }
}

}  // namespace itagap::store::testing
