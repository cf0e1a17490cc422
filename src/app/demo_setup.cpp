#include "app/demo_setup.hpp"

#include <algorithm>
#include <utility>

#include "app/import_responses.hpp"
#include "core/thai_date.hpp"
#include "input/plan_json.hpp"
#include "input/questionnaire_json.hpp"
#include "security/access_codes.hpp"
#include "security/passwords.hpp"
#include "security/random_tokens.hpp"

namespace itagap::app {

using store::Status;
using store::StatusCode;
using store::StatusOr;

namespace {

constexpr const char* kDepartment = "หน่วยงานตัวอย่าง";
constexpr const char* kUnitName = "ศูนย์ความร่วมมือระหว่างประเทศ";
constexpr const char* kUnitShortName = "ศรป.";
constexpr const char* kSeedRound = "ITA 2568 รอบ 5 เดือนแรก";
constexpr const char* kOpenRound = "ITA 2569 รอบ 1";

// The audit entry of one set-up change: by nobody (no user signed in), with
// the new row's id under `new_id_key` when it creates one.
store::AuditEntry demo_entry(const std::string& now, std::string action,
                             std::string new_id_key = {}) {
    store::AuditEntry entry{0, now, std::nullopt, std::move(action), R"({"by":"demo"})", {}};
    entry.new_id_key = std::move(new_id_key);
    return entry;
}

StatusOr<store::Id> find_or_create_unit(store::Store& store, const store::Unit& unit,
                                        const std::string& now) {
    auto units = store.list_units();
    if (!units.ok()) return units.status;
    for (const auto& u : *units) {
        if (u.name == unit.name) return u.id;
    }
    return store.create_unit(unit, demo_entry(now, "unit.create", "unit_id"));
}

StatusOr<store::Round> find_or_create_round(store::Store& store, const store::Round& round,
                                            const std::string& now, bool& created) {
    auto rounds = store.list_rounds();
    if (!rounds.ok()) return rounds.status;
    for (const auto& r : *rounds) {
        if (r.name == round.name) {
            created = false;
            return r;
        }
    }
    auto id = store.create_round(round, demo_entry(now, "round.create", "round_id"));
    if (!id.ok()) return id.status;
    created = true;
    store::Round out = round;
    out.id = *id;
    return out;
}

// The unit's stored plan for `year`, if any.
StatusOr<std::optional<store::Id>> find_plan(store::Store& store, store::Id unit_id, int year) {
    auto plans = store.list_plans(year);
    if (!plans.ok()) return plans.status;
    for (const auto& p : *plans) {
        if (p.unit_id == unit_id) return std::optional<store::Id>(p.id);
    }
    return std::optional<store::Id>();
}

// The demo plan (the seed's, for the demo unit), created unless the unit
// already has a plan for that year: a plan someone edited in the demo is
// kept as it is.
StatusOr<store::Id> find_or_create_plan(store::Store& store, const std::string& plan_json,
                                        store::Id unit_id, store::Id source_round_id,
                                        const std::string& now) {
    auto parsed = input::parse_plan_json(plan_json, "plan-2569.json");
    if (!parsed) return Status::Invalid(core::to_string(parsed.errors()));
    core::Plan plan = std::move(parsed).value();
    plan.id = 0;
    plan.unit.id = unit_id;
    auto existing = find_plan(store, unit_id, plan.fiscal_year_be);
    if (!existing.ok()) return existing.status;
    if (*existing) return **existing;
    auto id = store.create_plan(
        {0, unit_id, plan.fiscal_year_be, input::export_plan_json(plan), 1, now, source_round_id},
        demo_entry(now, "plan.create", "plan_id"));
    if (id.status.code == StatusCode::kConflict) {
        // Another set-up created it in the meantime.
        existing = find_plan(store, unit_id, plan.fiscal_year_be);
        if (existing.ok() && *existing) return **existing;
    }
    return id;
}

// Fiscal year 2569 (2025-10-01 .. 2026-09-30), widened so that the day of
// `now` (a timestamp) lies inside with a day before and 60 after.
std::pair<std::string, std::string> open_round_dates(const std::string& now) {
    const core::CivilDate fy_first{2025, 10, 1};
    const core::CivilDate fy_last{2026, 9, 30};
    const auto today = core::parse_iso_date(std::string_view(now).substr(0, 10));
    if (!today) return {core::to_iso_string(fy_first), core::to_iso_string(fy_last)};
    return {core::to_iso_string(std::min(fy_first, core::add_days(*today, -1))),
            core::to_iso_string(std::max(fy_last, core::add_days(*today, 60)))};
}

}  // namespace

StatusOr<DemoSetup> set_up_demo(store::Store& store, const DemoData& data, const std::string& now) {
    DemoSetup out;
    if (Status s = store.migrate(); !s.ok()) return s;

    auto parsed =
        input::parse_questionnaire_json(data.questionnaire_json, "ita-internal-2568.json");
    if (!parsed) return Status::Invalid(core::to_string(parsed.errors()));
    const core::Questionnaire& q = parsed.value();

    // The questionnaire: reuse the stored one with the same key.
    store::Id questionnaire_id = 0;
    auto stored = store.list_questionnaires();
    if (!stored.ok()) return stored.status;
    for (const auto& record : *stored) {
        if (record.key == q.id) questionnaire_id = record.id;
    }
    if (questionnaire_id == 0) {
        auto id = store.add_questionnaire({0, q.id, q.title.th, data.questionnaire_json, now},
                                          demo_entry(now, "questionnaire.add", "questionnaire_id"));
        if (!id.ok()) return id.status;
        questionnaire_id = *id;
    }

    auto department =
        find_or_create_unit(store, {0, std::nullopt, kDepartment, "", "Demo department"}, now);
    if (!department.ok()) return department.status;
    auto unit = find_or_create_unit(
        store, {0, *department, kUnitName, kUnitShortName, "International Cooperation Centre"},
        now);
    if (!unit.ok()) return unit.status;
    out.unit_id = *unit;

    bool created = false;
    auto seed_round = find_or_create_round(store,
                                           {0, 2568, kSeedRound, "2024-10-01", "2025-02-28",
                                            questionnaire_id, store::RoundStatus::kClosed, true},
                                           now, created);
    if (!seed_round.ok()) return seed_round.status;
    out.seed_round_id = seed_round->id;
    if (created) {
        auto imported = import_responses_csv(store, q, *seed_round, data.responses_csv,
                                             "responses.csv", "2025-02-28");
        if (!imported.ok()) return imported.status;
        if (!imported->ok()) return Status::Invalid(core::to_string(imported->errors()));
    }

    if (!data.plan_json.empty()) {
        // The demo plan is the seed round's gap analysis.
        auto plan = find_or_create_plan(store, data.plan_json, out.unit_id, out.seed_round_id, now);
        if (!plan.ok()) return plan.status;
        out.plan_id = *plan;
    }

    // The collection round takes answers on the day the demo is run (issue
    // 12: rounds take answers only between their dates): fiscal year 2569,
    // stretched to a day before and 60 days after today when run later.
    const auto [opens_on, closes_on] = open_round_dates(now);
    auto open_round = find_or_create_round(store,
                                           {0, 2569, kOpenRound, opens_on, closes_on,
                                            questionnaire_id, store::RoundStatus::kOpen, false},
                                           now, created);
    if (!open_round.ok()) return open_round.status;
    out.open_round_id = open_round->id;
    if (!created && (open_round->opens_on > opens_on || open_round->closes_on < closes_on)) {
        store::Round widened = *open_round;
        widened.opens_on = std::min(widened.opens_on, opens_on);
        widened.closes_on = std::max(widened.closes_on, closes_on);
        if (Status s = store.update_round(widened, demo_entry(now, "round.update")); !s.ok())
            return s;
    }

    store::AccessCodeBatch batch{open_round->id, out.unit_id, {}};
    for (const auto& code : security::generate_access_codes(5)) {  // display form
        batch.code_hashes.push_back(
            security::access_code_hash(*security::normalise_access_code(code)));
        out.access_codes.push_back(code);
    }
    if (Status s = store.add_access_codes(batch, demo_entry(now, "access_codes.generate"));
        !s.ok()) {
        return s;
    }

    // The admin account, with a new one-time password on every run; its
    // change carries the "demo.set_up" entry that marks a finished set-up.
    out.admin_username = "admin";
    out.admin_password = security::random_token(12);
    const std::string hash = security::hash_password(out.admin_password);
    if (hash.empty()) return Status::Internal("could not hash the password");
    auto admin = store.find_user(out.admin_username);
    if (admin.ok()) {
        store::User user = *admin;
        user.password_hash = hash;
        user.must_change_password = true;
        user.failed_sign_ins = 0;
        user.locked_until.clear();
        user.active = true;
        if (Status s = store.update_user(user, demo_entry(now, "demo.set_up")); !s.ok()) return s;
    } else {
        store::User user;
        user.username = out.admin_username;
        user.display_name = "ผู้ดูแลระบบ (demo)";
        user.password_hash = hash;
        user.role = store::Role::kAdmin;
        user.must_change_password = true;
        auto id = store.create_user(user, demo_entry(now, "demo.set_up", "user_id"));
        if (!id.ok()) return id.status;
    }
    return out;
}

}  // namespace itagap::app
