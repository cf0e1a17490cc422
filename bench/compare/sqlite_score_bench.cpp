// Scoring in SQLite, for the comparison with itagap (bench/compare/run_compare.sh,
// docs/performance.md, "Scoring, compared").
//
// Loads the answered cells into an in-memory database as a long table (not
// timed), then times one prepared statement that computes what itagap's
// score_all computes for the comparison -- item score (favourable share, reverse
// items mirrored), indicator mean, instrument mean and weighted ITA total of
// every unit -- and fetching every result row. Every figure is then checked
// against itagap's to 1e-9; any difference exits 1.
//
//   itagap-bench-sqlite-score --questionnaire Q.json --responses R.csv [--repeat 5] [--query SQL]
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/scoring.hpp"
#include "reference_scores.hpp"

namespace {

using itagap::bench::ScoreLevel;
using itagap::bench::ScoreRow;
using Clock = std::chrono::steady_clock;

// One row per answered cell, clustered on (unit, item, option): a GROUP BY
// unit, item (, option) then reads the table in order and needs no sorter or
// hash table. `respondent` only makes the key unique; an unanswered cell is
// no row, as in DuckDB's UNPIVOT. `favourable_mask` has bit k set when the
// k-th option of the item's scale, after reversal, is favourable, so the
// method's "favourable" needs no join with the scale's options.
constexpr const char* kSchema = R"sql(
CREATE TABLE answers(
  unit INTEGER NOT NULL, instrument INTEGER NOT NULL, item INTEGER NOT NULL,
  option INTEGER NOT NULL, respondent INTEGER NOT NULL,
  PRIMARY KEY (unit, item, option, respondent)) WITHOUT ROWID;
CREATE TABLE items(
  item INTEGER PRIMARY KEY, indicator INTEGER NOT NULL, instrument INTEGER NOT NULL,
  reverse INTEGER NOT NULL, option_count INTEGER NOT NULL, favourable_mask INTEGER NOT NULL);
CREATE TABLE instruments(instrument INTEGER PRIMARY KEY, weight REAL NOT NULL);
)sql";

// Counts per written option first, so the join with items and the reversal
// run on one row per (unit, item, option), not per answer: on the national
// set that is more than 10 times fewer rows, and the fastest form measured (see
// docs/performance.md for the plain join). The arithmetic follows
// core/scoring.cpp, 100.0 * favourable / answers and plain means, so the
// figures agree to rounding.
constexpr const char* kScoreQuery = R"sql(
WITH option_count AS MATERIALIZED (
  SELECT unit, item, option, count(*) AS n FROM answers GROUP BY unit, item, option
), item_score AS MATERIALIZED (
  SELECT c.unit, c.item, i.indicator, i.instrument,
         100.0 * sum(c.n * ((i.favourable_mask >> CASE WHEN i.reverse
                                                      THEN i.option_count + 1 - c.option
                                                      ELSE c.option END) & 1))
               / sum(c.n) AS score
  FROM option_count c JOIN items i ON i.item = c.item
  GROUP BY c.unit, c.item
), indicator_score AS MATERIALIZED (
  SELECT unit, indicator, instrument, avg(score) AS score
  FROM item_score GROUP BY unit, indicator
), instrument_score AS MATERIALIZED (
  SELECT unit, instrument, avg(score) AS score
  FROM indicator_score GROUP BY unit, instrument
)
SELECT 1, unit, item, score FROM item_score
UNION ALL SELECT 2, unit, indicator, score FROM indicator_score
UNION ALL SELECT 3, unit, instrument, score FROM instrument_score
UNION ALL
SELECT 4, s.unit, 0, sum(s.score * w.weight) / sum(w.weight)
FROM instrument_score s JOIN instruments w ON w.instrument = s.instrument
WHERE w.weight > 0 GROUP BY s.unit
)sql";

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::cerr << "sqlite: " << error << "\n  in: " << sql << "\n";
        std::exit(2);
    }
}

sqlite3_stmt* prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        std::cerr << "sqlite: " << sqlite3_errmsg(db) << "\n  in: " << sql << "\n";
        std::exit(2);
    }
    return statement;
}

// Bit k set when the k-th option after reversal is favourable; see kSchema.
std::int64_t favourable_mask(const itagap::core::AnswerScale& scale) {
    std::int64_t mask = 0;
    for (std::size_t k = 0; k < scale.options.size(); ++k) {
        if (scale.options[k].favourable) mask |= std::int64_t{1} << (k + 1);
    }
    return mask;
}

// Unit ids are the (unit, round) indices of score_all's result, so rows can
// be compared with itagap's without names.
void load(sqlite3* db, const itagap::bench::ParsedInput& input) {
    const auto& q = input.questionnaire;
    exec(db, "BEGIN");
    sqlite3_stmt* item = prepare(db, "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < q.items.size(); ++i) {
        const auto& it = q.items[i];
        const auto& scale = q.scales[it.scale];
        const std::int64_t values[] = {static_cast<std::int64_t>(i),
                                       it.indicator,
                                       q.indicators[it.indicator].instrument,
                                       it.reverse,
                                       static_cast<std::int64_t>(scale.options.size()),
                                       favourable_mask(scale)};
        for (int c = 0; c < 6; ++c) sqlite3_bind_int64(item, c + 1, values[c]);
        sqlite3_step(item);
        sqlite3_reset(item);
    }
    sqlite3_finalize(item);
    sqlite3_stmt* instrument = prepare(db, "INSERT INTO instruments VALUES (?, ?)");
    for (std::size_t i = 0; i < q.instruments.size(); ++i) {
        sqlite3_bind_int64(instrument, 1, static_cast<std::int64_t>(i));
        sqlite3_bind_double(instrument, 2, q.instruments[i].weight);
        sqlite3_step(instrument);
        sqlite3_reset(instrument);
    }
    sqlite3_finalize(instrument);

    std::map<std::pair<std::string, std::string>, int> unit_ids;
    sqlite3_stmt* answer = prepare(db, "INSERT INTO answers VALUES (?, ?, ?, ?, ?)");
    for (const auto& table : input.responses.tables) {
        auto [at, inserted] = unit_ids.emplace(std::make_pair(table.unit(), table.round()),
                                               static_cast<int>(unit_ids.size()));
        for (std::size_t c = 0; c < table.item_of_column().size(); ++c) {
            const auto column = table.answers(static_cast<int>(c));
            // Option by option, so the rows arrive in key order.
            for (int option = 1; option <= itagap::core::kMaxOptions; ++option) {
                for (std::size_t r = 0; r < column.size(); ++r) {
                    if (column[r] != option) continue;
                    sqlite3_bind_int(answer, 1, at->second);
                    sqlite3_bind_int(answer, 2, table.instrument());
                    sqlite3_bind_int(answer, 3, table.item_of_column()[c]);
                    sqlite3_bind_int(answer, 4, option);
                    sqlite3_bind_int64(answer, 5, static_cast<std::int64_t>(r));
                    if (sqlite3_step(answer) != SQLITE_DONE) {
                        std::cerr << "sqlite: " << sqlite3_errmsg(db) << "\n";
                        std::exit(2);
                    }
                    sqlite3_reset(answer);
                }
            }
        }
    }
    sqlite3_finalize(answer);
    exec(db, "COMMIT; ANALYZE");
}

std::vector<ScoreRow> run_query(sqlite3_stmt* query, std::size_t expected_rows) {
    std::vector<ScoreRow> rows;
    rows.reserve(expected_rows);
    while (sqlite3_step(query) == SQLITE_ROW) {
        rows.push_back({static_cast<ScoreLevel>(sqlite3_column_int(query, 0)),
                        sqlite3_column_int(query, 1), sqlite3_column_int(query, 2),
                        sqlite3_column_double(query, 3)});
    }
    sqlite3_reset(query);
    return rows;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Scoring in SQLite, checked against itagap"};
    std::string questionnaire_path, responses_path;
    std::string query_sql = kScoreQuery;
    int repeat = 5;
    app.add_option("--questionnaire", questionnaire_path)->required();
    app.add_option("--responses", responses_path)->required();
    app.add_option("--repeat", repeat)->check(CLI::PositiveNumber);
    app.add_option("--query", query_sql, "another form of the aggregation, to try it");
    CLI11_PARSE(app, argc, argv);

    itagap::bench::ParsedInput input;
    if (!itagap::bench::load_input(questionnaire_path, responses_path, input)) return 2;
    if (input.questionnaire.method != itagap::core::ScoringMethod::kFavourableShare) {
        std::cerr << "the SQL computes favourable_share only\n";
        return 2;
    }
    const auto reference = itagap::bench::reference_rows(
        itagap::core::score_all(input.questionnaire, input.responses));

    sqlite3* db = nullptr;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 2;
    // In memory nothing is written back, so no journal and no syncing;
    // materialised CTEs and GROUP BY b-trees in memory too; 64 KiB pages
    // scan a little faster than the default 4 KiB. Measured and left out: a large
    // cache_size (an in-memory database never evicts) and threads = 2 (worker
    // threads for the sorter only cost time here, the GROUP BYs use b-trees).
    exec(db,
         "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
         "PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY");
    exec(db, kSchema);
    auto start = Clock::now();
    load(db, input);
    std::fprintf(stderr, "sqlite: loaded in %.0f ms\n", ms_since(start));

    sqlite3_stmt* query = prepare(db, query_sql);
    std::vector<ScoreRow> rows = run_query(query, reference.size());  // warm-up
    std::vector<double> times;
    for (int r = 0; r < repeat; ++r) {
        start = Clock::now();
        rows = run_query(query, reference.size());
        times.push_back(ms_since(start));
    }
    sqlite3_finalize(query);
    sqlite3_close(db);

    std::sort(times.begin(), times.end());
    std::fprintf(stderr, "sqlite: runs, ms, sorted:");
    for (double t : times) std::fprintf(stderr, " %.1f", t);
    std::fprintf(stderr, "\n");
    std::printf("%s\n", itagap::bench::checksum(rows).c_str());
    std::printf("| %-44s | %10.2f |\n", "SQLite: aggregate and fetch, median",
                times[times.size() / 2]);
    const std::string problems = itagap::bench::compare_rows(reference, std::move(rows), 1e-9);
    if (!problems.empty()) {
        std::cerr << "SQLite's figures differ from itagap's:\n" << problems;
        return 1;
    }
    std::printf("SQLite's %zu figures equal itagap's to 1e-9\n", reference.size());
    return 0;
}
