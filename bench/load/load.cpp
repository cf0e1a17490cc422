// Loads a benchmark responses CSV (bench/generate.cpp) into a store, the way
// an agency would have it after a national round: the CSV's units as leaves of
// a deterministic ministry > department > agency tree, the questionnaire, one
// closed and published round named as the CSV's, the responses imported
// through app::import_responses_csv (the admin import's path), the demo's
// improvement plan attached to the first unit (so its KPI report has a PIRAB
// table, as a real one would), and an admin who can sign in at once.
//
//   itagap-bench-load --db URL --csv FILE [--questionnaire Q.json] [--plan P.json]
//
// Prints how long each step took, then `key=value` lines that
// bench/render/run_render_bench.sh reads: round_id, unit_id (the unit to
// time), unit_responses, admin_user, admin_password. Loading into a store that
// already holds the round only makes sure of the admin and prints the lines.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../read_file.hpp"
#include "app/import_responses.hpp"
#include "input/plan_json.hpp"
#include "input/questionnaire_json.hpp"
#include "input/responses_csv.hpp"
#include "security/passwords.hpp"
#include "store/store.hpp"

namespace {

using namespace itagap;
using bench::read_file;
using Clock = std::chrono::steady_clock;

// The tree above the CSV's units: 12 ministries of 4 departments each, so a
// national set of 8,317 agencies sits under 48 departments of about 173.
constexpr int kMinistries = 12;
constexpr int kDepartmentsPerMinistry = 4;

// Fixed so that scripts and people can sign in without reading the output;
// the database is a throw-away benchmark copy.
constexpr const char* kAdminUser = "bench-admin";
constexpr const char* kAdminPassword = "bench-render-2568";

// Dates stamped on the round and on the imported rows.
constexpr const char* kOpensOn = "2024-10-01";
constexpr const char* kClosesOn = "2025-09-30";
constexpr const char* kNow = "2025-10-01T00:00:00Z";

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

[[noreturn]] void die(const std::string& what) {
    std::cerr << "itagap-bench-load: " << what << "\n";
    std::exit(1);
}

void check(const store::Status& status, const char* what) {
    if (!status.ok()) die(fmt::format("{}: {}", what, status.message));
}

// The CSV's round name and its unit names in order of first appearance.
struct CsvShape {
    std::string round;
    std::vector<std::string> units;
};

CsvShape csv_shape(const core::Questionnaire& q, const std::string& csv, const std::string& name) {
    auto parsed = input::parse_responses_csv(q, csv, name);
    if (!parsed) die(core::to_string(parsed.errors()));
    CsvShape shape;
    std::set<std::string> seen;  // a unit's IIT and EIT tables may be apart
    for (const auto& table : parsed.value().tables) {
        if (shape.round.empty()) shape.round = table.round();
        if (table.round() != shape.round) die(name + ": more than one round; the loader takes one");
        if (seen.insert(table.unit()).second) shape.units.push_back(table.unit());
    }
    return shape;
}

// Creates the ministries and departments, then the CSV's units in
// contiguous runs under the departments. Returns the units' ids in the CSV's
// order. Short names are set as they are in real data ("ห.00001"): the import
// matches rows by name or short name.
std::vector<store::Id> create_tree(store::Store& store, const std::vector<std::string>& leaves) {
    std::vector<store::Id> departments;
    for (int m = 1; m <= kMinistries; ++m) {
        auto ministry =
            store.create_unit({0, std::nullopt, fmt::format("กระทรวงทดสอบ {:02}", m),
                               fmt::format("กท.{:02}", m), fmt::format("Test ministry {:02}", m)});
        check(ministry.status, "create a ministry");
        for (int d = 1; d <= kDepartmentsPerMinistry; ++d) {
            auto department = store.create_unit(
                {0, *ministry, fmt::format("กรมทดสอบ {:02}-{}", m, d),
                 fmt::format("กม.{:02}-{}", m, d), fmt::format("Test department {:02}-{}", m, d)});
            check(department.status, "create a department");
            departments.push_back(*department);
        }
    }
    std::vector<store::Id> ids;
    ids.reserve(leaves.size());
    for (std::size_t i = 0; i < leaves.size(); ++i) {
        const store::Id parent = departments[i * departments.size() / leaves.size()];
        auto id = store.create_unit({0, parent, leaves[i], fmt::format("ห.{:05}", i + 1),
                                     fmt::format("Agency {:05}", i + 1)});
        check(id.status, "create a unit");
        ids.push_back(*id);
    }
    return ids;
}

// The demo plan, made the unit's plan from `round_name`, so that the unit's
// KPI attachment finds it (app::find_round_plan_record).
void attach_plan(store::Store& store, const std::string& plan_json, const std::string& plan_path,
                 const store::Unit& unit, const std::string& round_name) {
    auto parsed = input::parse_plan_json(plan_json, plan_path);
    if (!parsed) die(core::to_string(parsed.errors()));
    core::Plan plan = std::move(parsed).value();
    plan.id = 0;
    plan.unit = {unit.id, unit.name, unit.short_name};
    plan.source_round = round_name;
    auto id = store.create_plan(
        {0, unit.id, plan.fiscal_year_be, input::export_plan_json(plan), 1, kNow});
    check(id.status, "create the plan");
}

// The admin, created or reset, who needs no password change at sign-in.
void ensure_admin(store::Store& store) {
    const std::string hash = security::hash_password(kAdminPassword);
    if (hash.empty()) die("could not hash the admin password");
    auto found = store.find_user(kAdminUser);
    if (found.ok()) {
        store::User user = *found;
        user.password_hash = hash;
        user.must_change_password = false;
        user.failed_sign_ins = 0;
        user.locked_until.clear();
        user.active = true;
        check(store.update_user(user), "reset the admin");
        return;
    }
    store::User user;
    user.username = kAdminUser;
    user.display_name = "ผู้ดูแลระบบ (benchmark)";
    user.password_hash = hash;
    user.role = store::Role::kAdmin;
    user.must_change_password = false;
    check(store.create_user(user).status, "create the admin");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Loads a benchmark responses CSV into an itagap database"};
    std::string db_url, csv_path;
    std::string questionnaire_path = "data/questionnaires/ita-internal-2568.json";
    std::string plan_path = "data/demo/plan-2569.json";
    app.add_option("--db", db_url, "sqlite:FILE or postgresql://...")->required();
    app.add_option("--csv", csv_path, "responses CSV (itagap-bench-generate)")->required();
    app.add_option("--questionnaire", questionnaire_path);
    app.add_option("--plan", plan_path, "plan attached to the first unit; empty for none");
    CLI11_PARSE(app, argc, argv);
    // Line by line, so a national load (minutes) shows its steps through a pipe.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);

    const std::string questionnaire_json = read_file(questionnaire_path);
    auto parsed_q = input::parse_questionnaire_json(questionnaire_json, questionnaire_path);
    if (!parsed_q) die(core::to_string(parsed_q.errors()));
    const core::Questionnaire& q = parsed_q.value();

    auto opened = store::open_store(db_url);
    check(opened.status, "open the database");
    store::Store& store = **opened;
    check(store.migrate(), "migrate");

    auto start = Clock::now();
    std::string csv = read_file(csv_path);
    if (csv.empty()) die(csv_path + ": empty or unreadable");
    const CsvShape shape = csv_shape(q, csv, csv_path);
    std::printf("read and parse the CSV: %.1f s (%zu units, round \"%s\")\n", seconds_since(start),
                shape.units.size(), shape.round.c_str());

    auto rounds = store.list_rounds();
    check(rounds.status, "list the rounds");
    std::optional<store::Round> round;
    for (const auto& r : *rounds) {
        if (r.name == shape.round) round = r;
    }
    if (round) {
        std::printf("round \"%s\" is already loaded (id %lld); keeping it\n", shape.round.c_str(),
                    static_cast<long long>(round->id));
    } else {
        auto qid = store.add_questionnaire({0, q.id, q.title.th, questionnaire_json, kNow});
        check(qid.status, "add the questionnaire");

        start = Clock::now();
        const std::vector<store::Id> ids = create_tree(store, shape.units);
        std::printf("create %d ministries, %d departments, %zu units: %.1f s\n", kMinistries,
                    kMinistries * kDepartmentsPerMinistry, ids.size(), seconds_since(start));

        round = store::Round{
            0, 2568, shape.round, kOpensOn, kClosesOn, *qid, store::RoundStatus::kClosed, true};
        auto round_id = store.create_round(*round);
        check(round_id.status, "create the round");
        round->id = *round_id;

        start = Clock::now();
        auto imported = app::import_responses_csv(store, q, *round, csv, csv_path, kClosesOn);
        check(imported.status, "import the responses");
        if (!imported->ok()) die(core::to_string(imported->errors()));
        std::printf("import %zu responses (app::import_responses_csv, one transaction): %.1f s\n",
                    imported->value().responses, seconds_since(start));

        if (!plan_path.empty()) {
            auto unit = store.get_unit(ids.front());
            check(unit.status, "read the first unit");
            attach_plan(store, read_file(plan_path), plan_path, *unit, shape.round);
        }
    }
    csv = std::string();

    ensure_admin(store);

    // The unit to time: the CSV's first, which carries the plan.
    auto units = store.list_units();
    check(units.status, "list the units");
    std::optional<store::Unit> unit;
    for (const auto& u : *units) {
        if (!shape.units.empty() && u.name == shape.units.front()) unit = u;
    }
    if (!unit) die("the CSV's first unit is not in the database");
    std::int64_t responses = 0;
    for (const auto& instrument : q.instruments) {
        auto n = store.count_responses(round->id, unit->id, instrument.code);
        check(n.status, "count the unit's responses");
        responses += *n;
    }
    std::printf(
        "round_id=%lld\nunit_id=%lld\nunit_responses=%lld\nadmin_user=%s\nadmin_password=%s\n",
        static_cast<long long>(round->id), static_cast<long long>(unit->id),
        static_cast<long long>(responses), kAdminUser, kAdminPassword);
    return 0;
}
