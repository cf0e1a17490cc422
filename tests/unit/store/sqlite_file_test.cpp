// What only the SQLite file can show: the journal mode and table layout the
// durability and anonymity promises rest on, and durability when the process
// dies: a child submits responses and reports each one the moment submit()
// returns kStored; the parent kills it with SIGKILL part-way and checks that
// every reported response is in the file. (A kill keeps the OS page cache,
// so this tests the commit protocol, not the fsync; synchronous=FULL covers
// power loss.)
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <set>
#include <string>

#include "store/store.hpp"
#include "store_fixture.hpp"

namespace itagap::store {
namespace {

constexpr int kSubmissions = 400;
constexpr int kKillAfter = 120;  // reports read before the kill

// The child: never returns. Writes "i\n" to `out` after response i is stored.
[[noreturn]] void submit_until_killed(const std::string& url, Id round, Id unit, int out) {
    auto store = open_store(url);
    if (!store.ok()) _exit(2);
    for (int i = 0; i < kSubmissions; ++i) {
        Submission s{{round, unit, "IIT", "2025-11-03", {1, 2, 3}, std::to_string(i)},
                     "code-" + std::to_string(i),
                     ""};
        if ((*store)->submit(s).outcome != SubmitOutcome::kStored) _exit(3);
        std::string line = std::to_string(i) + "\n";
        if (write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(4);
    }
    _exit(0);
}

// The single-column result of `sql` on the file behind `url` ("sqlite:PATH").
std::vector<std::string> query_file(const std::string& url, const char* sql) {
    std::vector<std::string> rows;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(url.substr(7).c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(stmt, 0);
            rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return rows;
}

TEST(StoreSqliteFile, WalModeAndNoRowidOnAnonymousTables) {
    std::string why;
    bool skip = false;
    auto db = testing::TestDatabase::create(testing::Backend::kSqlite, why, skip);
    ASSERT_NE(db, nullptr) << why;
    {
        auto store = open_store(db->url());
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE((*store)->migrate().ok());
    }
    EXPECT_EQ(query_file(db->url(), "PRAGMA journal_mode"), std::vector<std::string>{"wal"});
    // Rowid tables number rows in arrival order; these tables must not.
    for (const char* table : {"responses", "eit_browser_tokens", "access_codes"}) {
        std::string sql = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" +
                          std::string(table) + "'";
        auto rows = query_file(db->url(), sql.c_str());
        ASSERT_EQ(rows.size(), 1u) << table;
        EXPECT_NE(rows[0].find("WITHOUT ROWID"), std::string::npos) << table;
    }
    EXPECT_EQ(query_file(db->url(), "SELECT version FROM schema_migrations ORDER BY version"),
              (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7"}));
    // Responses are clustered by round and unit (version 4), the random id
    // last: a unit's responses are one range, in no order of arrival.
    const auto schema =
        query_file(db->url(), "SELECT sql FROM sqlite_schema WHERE name = 'responses'");
    ASSERT_EQ(schema.size(), 1u);
    EXPECT_NE(schema[0].find("PRIMARY KEY (round_id, unit_id, instrument, id)"), std::string::npos)
        << schema[0];
}

TEST(StoreCrash, SqliteKeepsEveryResponseReportedStored) {
    std::string why;
    bool skip = false;
    auto db = testing::TestDatabase::create(testing::Backend::kSqlite, why, skip);
    ASSERT_NE(db, nullptr) << why;

    Id round = 0, unit = 0;
    {
        auto store = open_store(db->url());
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE((*store)->migrate().ok());
        unit = *(*store)->create_unit({0, std::nullopt, "u", "", ""});
        Id q = *(*store)->add_questionnaire({0, "k", "t", "{}", "2025-01-01T00:00:00Z"});
        round = *(*store)->create_round(
            {0, 2569, "r", "2025-10-01", "2026-02-28", q, RoundStatus::kOpen, false});
        std::vector<std::string> codes;
        for (int i = 0; i < kSubmissions; ++i) codes.push_back("code-" + std::to_string(i));
        ASSERT_TRUE((*store)->add_access_codes({round, unit, codes}).ok());
    }  // closed before fork: the child opens its own connections

    int pipe_fds[2];
    ASSERT_EQ(pipe(pipe_fds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(pipe_fds[0]);
        submit_until_killed(db->url(), round, unit, pipe_fds[1]);
    }
    close(pipe_fds[1]);

    std::set<std::string> reported;
    FILE* in = fdopen(pipe_fds[0], "r");
    ASSERT_NE(in, nullptr);
    char line[64];
    while (reported.size() < kKillAfter && std::fgets(line, sizeof line, in) != nullptr) {
        std::string s(line);
        if (!s.empty() && s.back() == '\n') s.pop_back();
        reported.insert(s);
    }
    kill(child, SIGKILL);
    // Anything already in the pipe was also reported before the kill landed.
    while (std::fgets(line, sizeof line, in) != nullptr) {
        std::string s(line);
        if (!s.empty() && s.back() == '\n') s.pop_back();
        reported.insert(s);
    }
    std::fclose(in);
    int wstatus = 0;
    waitpid(child, &wstatus, 0);
    ASSERT_EQ(reported.size() >= kKillAfter, true) << "child exited early: " << wstatus;

    auto store = open_store(db->url());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->migrate().ok());
    auto stored = (*store)->list_responses(round, unit, "IIT");
    ASSERT_TRUE(stored.ok()) << stored.status.message;
    std::set<std::string> comments;
    for (const auto& r : *stored) comments.insert(r.comment);
    for (const std::string& i : reported) EXPECT_TRUE(comments.count(i)) << "lost response " << i;
    // Codes and responses stay in step: a response is there iff its code is used.
    auto counts = (*store)->count_access_codes(round, unit);
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->used, static_cast<std::int64_t>(stored->size()));
}

}  // namespace
}  // namespace itagap::store
