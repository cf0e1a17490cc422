// One suite, every backend: what store.hpp promises, checked the same way on
// SQLite (a real file per test) and PostgreSQL (a database per test, when
// ITAGAP_TEST_POSTGRES_URL names a server).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <latch>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/migrations.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"
#include "store_fixture.hpp"

namespace itagap::store {
namespace {

using testing::Backend;
using testing::TestDatabase;

constexpr int kLatestSchemaVersion = 7;

std::vector<SubmitOutcome> outcomes(const std::vector<SubmitResult>& results) {
    std::vector<SubmitOutcome> out;
    for (const auto& r : results) out.push_back(r.outcome);
    return out;
}

std::unique_ptr<Store> open_or_die(const std::string& url) {
    auto store = open_store(url);
    EXPECT_TRUE(store.ok()) << store.status.message;
    return store.ok() ? std::move(*store) : nullptr;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        std::string why;
        bool skip = false;
        db_ = TestDatabase::create(GetParam(), why, skip);
        if (skip) GTEST_SKIP() << why;
        ASSERT_NE(db_, nullptr) << why;
        store_ = open_or_die(db_->url());
        ASSERT_NE(store_, nullptr);
        Status migrated = store_->migrate();
        ASSERT_TRUE(migrated.ok()) << migrated.message;
    }
    void TearDown() override {
        store_.reset();  // closes connections before the database is dropped
        db_.reset();
    }

    Id add_unit(const std::string& name, std::optional<Id> parent = std::nullopt) {
        auto id = store_->create_unit(Unit{0, parent, name, name + "-short", name + "-en"});
        EXPECT_TRUE(id.ok()) << id.status.message;
        return id.ok() ? *id : 0;
    }

    Id add_round(RoundStatus status, int year = 2569) {
        if (questionnaire_ == 0) {
            auto q = store_->add_questionnaire({0, "ita-internal-2568", "แบบ IIT",
                                                R"({"id":"ita-internal-2568"})",
                                                "2025-01-01T00:00:00Z"});
            EXPECT_TRUE(q.ok()) << q.status.message;
            questionnaire_ = *q;
        }
        auto id = store_->create_round(Round{0, year, "รอบ 5 เดือนแรก", "2025-10-01", "2026-02-28",
                                             questionnaire_, status, false});
        EXPECT_TRUE(id.ok()) << id.status.message;
        return id.ok() ? *id : 0;
    }

    void add_codes(Id round, Id unit, std::vector<std::string> hashes) {
        Status s = store_->add_access_codes({round, unit, std::move(hashes)});
        ASSERT_TRUE(s.ok()) << s.message;
    }

    static StoredResponse response(Id round, Id unit, std::string instrument,
                                   std::string comment = "") {
        return StoredResponse{
            round, unit, std::move(instrument), "2025-11-03", {1, 2, 3, 0, 5}, std::move(comment)};
    }
    static Submission iit(Id round, Id unit, std::string code, std::string comment = "") {
        return Submission{response(round, unit, "IIT", std::move(comment)), std::move(code), ""};
    }
    static Submission eit(Id round, Id unit, std::string token, std::string comment = "") {
        return Submission{response(round, unit, "EIT", std::move(comment)), "", std::move(token)};
    }

    std::int64_t count(Id round, Id unit, std::string_view instrument) {
        auto n = store_->count_responses(round, unit, instrument);
        EXPECT_TRUE(n.ok()) << n.status.message;
        return n.ok() ? *n : -1;
    }
    AccessCodeCounts codes(Id round, Id unit) {
        auto c = store_->count_access_codes(round, unit);
        EXPECT_TRUE(c.ok()) << c.status.message;
        return c.ok() ? *c : AccessCodeCounts{-1, -1};
    }

    std::unique_ptr<TestDatabase> db_;
    std::unique_ptr<Store> store_;
    Id questionnaire_ = 0;
};

std::string param_name(const ::testing::TestParamInfo<Backend>& info) {
    return testing::backend_name(info.param);
}

INSTANTIATE_TEST_SUITE_P(Store, StoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         param_name);

// ---- Schema and migrations --------------------------------------------------

TEST_P(StoreTest, MigrateTwiceIsANoOpAndVersionIsLatest) {
    auto v = store_->schema_version();
    ASSERT_TRUE(v.ok()) << v.status.message;
    EXPECT_EQ(*v, kLatestSchemaVersion);
    Id unit = add_unit("หน่วย");
    ASSERT_TRUE(store_->migrate().ok());
    // A second server starting on the same database.
    auto other = open_or_die(db_->url());
    ASSERT_TRUE(other->migrate().ok());
    v = other->schema_version();
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(*v, kLatestSchemaVersion);
    EXPECT_TRUE(other->get_unit(unit).ok());
}

// Schema 7: OIT answers are a compare-and-set per item, all or nothing per
// batch; the unit's website, the round's OIT windows and link checks round-
// trip; a reviewer is a role.
TEST_P(StoreTest, OitAnswersCompareAndSetAllOrNothing) {
    Unit site{0, std::nullopt, "ศรป.", "ศรป.", "ICC"};
    site.website = "https://www.example.go.th";
    auto unit = store_->create_unit(site);
    ASSERT_TRUE(unit.ok()) << unit.status.message;
    EXPECT_EQ(store_->get_unit(*unit)->website, "https://www.example.go.th");
    const Id round = add_round(RoundStatus::kOpen);
    auto r = *store_->get_round(round);
    r.oit.answering_first = "2026-03-01";
    r.oit.confirmation_last = "2026-06-30";
    ASSERT_TRUE(store_->update_round(r).ok());
    EXPECT_EQ(store_->get_round(round)->oit.answering_first, "2026-03-01");
    EXPECT_EQ(store_->get_round(round)->oit.confirmation_last, "2026-06-30");
    EXPECT_EQ(store_->get_round(round)->oit.review_first, "");

    core::OitAnswer o1;
    o1.item_code = "o1";
    o1.state = core::OitItemState::kAnswered;
    o1.available = true;
    o1.urls = {"https://www.example.go.th/a", "https://www.example.go.th/b"};
    o1.explanation = "หน้าแรก เมนู ITA";
    o1.due = core::CivilDate{2026, 3, 31};
    core::OitAnswer o2 = o1;
    o2.item_code = "o2";
    o2.elements_passed = {true, false, true};
    auto saved = store_->save_oit_answers(round, *unit, {{o1, 0}, {o2, 0}}, "2026-03-02T01:00:00Z");
    ASSERT_TRUE(saved.ok()) << saved.status.message;
    EXPECT_EQ(*saved, (std::vector<std::int64_t>{1, 1}));

    // A second creation of o1 and a stale revision are conflicts, and the
    // batch that holds one changes nothing.
    o2.state = core::OitItemState::kSubmitted;
    auto twice = store_->save_oit_answers(round, *unit, {{o2, 1}, {o1, 0}}, "2026-03-03T01:00:00Z");
    EXPECT_EQ(twice.status.code, StatusCode::kConflict);
    auto stale = store_->save_oit_answers(round, *unit, {{o2, 5}}, "2026-03-03T01:00:00Z");
    EXPECT_EQ(stale.status.code, StatusCode::kConflict);
    auto listed = store_->list_oit_answers(round, *unit);
    ASSERT_TRUE(listed.ok()) << listed.status.message;
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[1].answer.state, core::OitItemState::kAnswered);
    EXPECT_EQ((*listed)[1].answer.revision, 1);

    auto next = store_->save_oit_answers(round, *unit, {{o2, 1}}, "2026-03-04T01:00:00Z");
    ASSERT_TRUE(next.ok()) << next.status.message;
    EXPECT_EQ(*next, (std::vector<std::int64_t>{2}));
    listed = store_->list_oit_answers(round, *unit);
    const auto& a = (*listed)[1];
    EXPECT_EQ(a.answer.item_code, "o2");
    EXPECT_EQ(a.answer.state, core::OitItemState::kSubmitted);
    EXPECT_EQ(a.answer.urls, o1.urls);
    EXPECT_EQ(a.answer.explanation, "หน้าแรก เมนู ITA");
    EXPECT_EQ(a.answer.due, (core::CivilDate{2026, 3, 31}));
    EXPECT_EQ(a.answer.elements_passed, (std::vector<bool>{true, false, true}));
    EXPECT_EQ(a.updated_at, "2026-03-04T01:00:00Z");
    EXPECT_EQ(store_->list_round_oit_answers(round)->size(), 2u);

    // A round with OIT answers is not deleted.
    EXPECT_EQ(store_->delete_round(round).code, StatusCode::kConflict);

    OitLinkCheck check{"https://www.example.go.th/a",
                       "2026-03-05T01:00:00Z",
                       404,
                       "",
                       "text/html",
                       "",
                       "",
                       false,
                       true,
                       false,
                       false};
    ASSERT_TRUE(store_->save_oit_link_checks(round, *unit, {check}).ok());
    check.http_status = 200;
    check.fine = true;
    check.broken = false;
    ASSERT_TRUE(store_->save_oit_link_checks(round, *unit, {check}).ok());
    auto checks = store_->list_oit_link_checks(round, *unit);
    ASSERT_TRUE(checks.ok()) << checks.status.message;
    ASSERT_EQ(checks->size(), 1u);
    EXPECT_EQ((*checks)[0].http_status, 200);
    EXPECT_TRUE((*checks)[0].fine);

    User reviewer;
    reviewer.username = "audit1";
    reviewer.password_hash = "x";
    reviewer.role = Role::kReviewer;
    auto id = store_->create_user(reviewer);
    ASSERT_TRUE(id.ok()) << id.status.message;
    EXPECT_EQ(store_->get_user(*id)->role, Role::kReviewer);
}

TEST_P(StoreTest, SeveralServersMigrateAFreshDatabaseAtOnce) {
    std::string why;
    bool skip = false;
    auto fresh = TestDatabase::create(GetParam(), why, skip);
    ASSERT_NE(fresh, nullptr) << why;
    {
        auto store = open_or_die(fresh->url());
        auto v = store->schema_version();
        ASSERT_TRUE(v.ok()) << v.status.message;
        EXPECT_EQ(*v, 0);
    }
    constexpr int kServers = 4;
    std::vector<Status> results(kServers);
    std::vector<std::thread> servers;
    for (int i = 0; i < kServers; ++i) {
        servers.emplace_back([&, i] {
            auto store = open_store(fresh->url());
            results[static_cast<std::size_t>(i)] = store.ok() ? (*store)->migrate() : store.status;
        });
    }
    for (auto& t : servers) t.join();
    for (const Status& s : results) EXPECT_TRUE(s.ok()) << s.message;
    auto store = open_or_die(fresh->url());
    auto v = store->schema_version();
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(*v, kLatestSchemaVersion);
    EXPECT_TRUE(store->create_unit({0, std::nullopt, "u", "", ""}).ok());
}

TEST_P(StoreTest, ResponseRowsHaveNoWayBackToARespondent) {
    const std::vector<std::string> expected{"id",           "round_id", "unit_id", "instrument",
                                            "submitted_on", "answers",  "comment"};
    std::vector<std::string> columns = db_->columns("responses");
    std::vector<std::string> sorted_columns = columns, sorted_expected = expected;
    std::sort(sorted_columns.begin(), sorted_columns.end());
    std::sort(sorted_expected.begin(), sorted_expected.end());
    EXPECT_EQ(sorted_columns, sorted_expected);
    for (const std::string& column : columns) {
        for (const char* banned : {"code", "token", "user", "ip", "time", "created", "_at"}) {
            EXPECT_EQ(column.find(banned), std::string::npos) << column << " contains " << banned;
        }
    }
    // Nor do the tables that are written in the same transaction record when.
    for (const char* table : {"access_codes", "eit_browser_tokens"}) {
        for (const std::string& column : db_->columns(table)) {
            EXPECT_EQ(column.find("time"), std::string::npos) << table << "." << column;
            EXPECT_EQ(column.find("_at"), std::string::npos) << table << "." << column;
            EXPECT_EQ(column.find("_on"), std::string::npos) << table << "." << column;
            EXPECT_NE(column, "response_id") << table;
        }
    }
}

TEST_P(StoreTest, SubmittedOnMustBeADateNotATime) {
    Id unit = add_unit("u");
    Id round = add_round(RoundStatus::kOpen);
    Submission s = eit(round, unit, "browser-1");
    s.response.submitted_on = "2025-11-03T09:15:00Z";
    EXPECT_EQ(store_->submit(s).outcome, SubmitOutcome::kFailed);
    EXPECT_EQ(count(round, unit, "EIT"), 0);
}

// ---- Units, questionnaires, rounds -----------------------------------------

TEST_P(StoreTest, UnitTreeCrudAndParentsBeforeChildren) {
    Id dept = add_unit("กรม");
    Id centre_a = add_unit("ศูนย์ ก", dept);
    Id group = add_unit("กลุ่ม", centre_a);
    Id centre_b = add_unit("ศูนย์ ข", dept);
    Id other_root = add_unit("กรมอื่น");

    // Move the group under the later centre: its new parent has a larger id
    // than the group, and must still come first.
    Unit moved{group, centre_b, "กลุ่มงาน", "กง.", "Group"};
    ASSERT_TRUE(store_->update_unit(moved).ok());
    auto got = store_->get_unit(group);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->parent_id, centre_b);
    EXPECT_EQ(got->name, "กลุ่มงาน");
    EXPECT_EQ(got->short_name, "กง.");
    EXPECT_EQ(got->name_en, "Group");

    auto units = store_->list_units();
    ASSERT_TRUE(units.ok()) << units.status.message;
    ASSERT_EQ(units->size(), 5u);
    std::set<Id> seen;
    for (const Unit& u : *units) {
        if (u.parent_id) {
            EXPECT_TRUE(seen.count(*u.parent_id)) << u.name << " before its parent";
        }
        seen.insert(u.id);
    }
    EXPECT_TRUE(seen.count(other_root));

    EXPECT_EQ(store_->get_unit(9999).status.code, StatusCode::kNotFound);
    EXPECT_EQ(store_->update_unit(Unit{9999, std::nullopt, "x", "", ""}).code,
              StatusCode::kNotFound);
    EXPECT_EQ(store_->create_unit(Unit{0, 9999, "orphan", "", ""}).status.code,
              StatusCode::kInvalid);
    // A unit cannot become its own ancestor.
    EXPECT_EQ(store_->update_unit(Unit{dept, group, "กรม", "", ""}).code, StatusCode::kInvalid);
    EXPECT_EQ(store_->update_unit(Unit{dept, dept, "กรม", "", ""}).code, StatusCode::kInvalid);
}

TEST_P(StoreTest, QuestionnaireAndRoundCrud) {
    QuestionnaireRecord q{0, "ita-internal-2568", "แบบวัด IIT", R"({"id": "x", "q": "\"quoted\""})",
                          "2025-01-02T03:04:05Z"};
    auto qid = store_->add_questionnaire(q);
    ASSERT_TRUE(qid.ok()) << qid.status.message;
    auto got = store_->get_questionnaire(*qid);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->key, q.key);
    EXPECT_EQ(got->title, q.title);
    EXPECT_EQ(got->json, q.json);
    EXPECT_EQ(got->uploaded_at, q.uploaded_at);
    auto list = store_->list_questionnaires();
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(list->front().key, q.key);
    EXPECT_TRUE(list->front().json.empty());
    EXPECT_EQ(store_->get_questionnaire(*qid + 100).status.code, StatusCode::kNotFound);

    Round r{0, 2568, "รอบ 5 เดือนแรก", "2024-10-01", "2025-02-28", *qid, RoundStatus::kDraft, false};
    auto older = store_->create_round(r);
    ASSERT_TRUE(older.ok()) << older.status.message;
    r.fiscal_year_be = 2569;
    auto newer = store_->create_round(r);
    ASSERT_TRUE(newer.ok());

    auto round = store_->get_round(*older);
    ASSERT_TRUE(round.ok());
    round->status = RoundStatus::kClosed;
    round->results_published = true;
    round->name = "รอบ 12 เดือน";
    ASSERT_TRUE(store_->update_round(*round).ok());
    auto again = store_->get_round(*older);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->status, RoundStatus::kClosed);
    EXPECT_TRUE(again->results_published);
    EXPECT_EQ(again->name, "รอบ 12 เดือน");
    EXPECT_EQ(again->fiscal_year_be, 2568);
    EXPECT_EQ(again->opens_on, "2024-10-01");
    EXPECT_EQ(again->closes_on, "2025-02-28");
    EXPECT_EQ(again->questionnaire_id, *qid);

    auto rounds = store_->list_rounds();
    ASSERT_TRUE(rounds.ok());
    ASSERT_EQ(rounds->size(), 2u);
    EXPECT_EQ((*rounds)[0].id, *newer);  // newest first
    EXPECT_EQ((*rounds)[1].id, *older);

    EXPECT_EQ(store_->get_round(12345).status.code, StatusCode::kNotFound);
    round->id = 12345;
    EXPECT_EQ(store_->update_round(*round).code, StatusCode::kNotFound);
    r.questionnaire_id = 777;
    EXPECT_EQ(store_->create_round(r).status.code, StatusCode::kInvalid);
}

// ---- Access codes -----------------------------------------------------------

TEST_P(StoreTest, AccessCodesAddCountAndRefuseDuplicates) {
    Id unit = add_unit("u");
    Id other_unit = add_unit("v");
    Id round = add_round(RoundStatus::kOpen);
    Id next_round = add_round(RoundStatus::kDraft);
    add_codes(round, unit, {"h1", "h2", "h3"});
    add_codes(round, other_unit, {"h4"});
    EXPECT_EQ(codes(round, unit).issued, 3);
    EXPECT_EQ(codes(round, unit).used, 0);
    EXPECT_EQ(codes(round, other_unit).issued, 1);

    // A code hash is unique per round (whatever the unit); the batch is all
    // or nothing.
    EXPECT_EQ(store_->add_access_codes({round, other_unit, {"h5", "h1"}}).code,
              StatusCode::kConflict);
    EXPECT_EQ(store_->add_access_codes({round, unit, {"h6", "h6"}}).code, StatusCode::kConflict);
    EXPECT_EQ(codes(round, other_unit).issued, 1);
    EXPECT_EQ(codes(round, unit).issued, 3);
    // The same hash in another round is another code.
    add_codes(next_round, unit, {"h1"});
    EXPECT_EQ(codes(next_round, unit).issued, 1);
    // Bad references.
    EXPECT_EQ(store_->add_access_codes({round, 9999, {"h7"}}).code, StatusCode::kInvalid);
    EXPECT_EQ(store_->add_access_codes({9999, unit, {"h8"}}).code, StatusCode::kInvalid);
}

TEST_P(StoreTest, RevokingDeletesOnlyUnusedCodesOfThatUnitAndRound) {
    Id unit = add_unit("u");
    Id other_unit = add_unit("v");
    Id round = add_round(RoundStatus::kOpen);
    Id other_round = add_round(RoundStatus::kOpen, 2570);
    add_codes(round, unit, {"a", "b", "c", "d"});
    add_codes(round, other_unit, {"e"});
    add_codes(other_round, unit, {"f"});
    ASSERT_EQ(store_->submit(iit(round, unit, "a")).outcome, SubmitOutcome::kStored);
    const AuditEntry entry{
        0, "2025-12-01T09:00:00Z", std::nullopt, "access_codes.revoke", R"({"round_id":1})", {}};

    // One code: gone, and then refused as unknown; a used one stays.
    auto one = store_->revoke_access_codes(round, unit, std::string("b"), entry);
    ASSERT_TRUE(one.ok()) << one.status.message;
    EXPECT_EQ(*one, 1);
    EXPECT_EQ(store_->find_access_code("b").status.code, StatusCode::kNotFound);
    EXPECT_EQ(store_->submit(iit(round, unit, "b")).outcome, SubmitOutcome::kUnknownCode);
    EXPECT_EQ(*store_->revoke_access_codes(round, unit, std::string("a"), entry), 0);
    EXPECT_EQ(*store_->revoke_access_codes(round, other_unit, std::string("c"), entry), 0);

    // Every unused code of the unit in the round: c and d, nothing elsewhere.
    auto all = store_->revoke_access_codes(round, unit, std::nullopt, entry);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(*all, 2);
    EXPECT_EQ(codes(round, unit).issued, 1);
    EXPECT_EQ(codes(round, unit).used, 1);
    EXPECT_EQ(codes(round, other_unit).issued, 1);
    EXPECT_EQ(codes(other_round, unit).issued, 1);
    EXPECT_EQ(count(round, unit, "IIT"), 1);  // the response stays
    // Each of the four calls left its audit entry, those that found nothing too.
    EXPECT_EQ(store_->list_audit(100)->size(), 4u);
}

TEST_P(StoreTest, AnEitBrowserIsKnownToHaveAnsweredThatUnitAndRoundOnly) {
    Id unit = add_unit("u");
    Id other_unit = add_unit("v");
    Id round = add_round(RoundStatus::kOpen);
    EXPECT_FALSE(*store_->eit_browser_answered(round, unit, "browser-1"));
    ASSERT_EQ(store_->submit(eit(round, unit, "browser-1")).outcome, SubmitOutcome::kStored);
    EXPECT_TRUE(*store_->eit_browser_answered(round, unit, "browser-1"));
    EXPECT_FALSE(*store_->eit_browser_answered(round, other_unit, "browser-1"));
    EXPECT_FALSE(*store_->eit_browser_answered(round, unit, "browser-2"));
    EXPECT_FALSE(*store_->eit_browser_answered(round + 1000, unit, "browser-1"));
}

TEST_P(StoreTest, FindAccessCodeByItsHashAlone) {
    Id unit = add_unit("u");
    Id other_unit = add_unit("v");
    Id closed = add_round(RoundStatus::kClosed, 2568);
    Id open = add_round(RoundStatus::kOpen, 2569);
    Id later_draft = add_round(RoundStatus::kDraft, 2570);
    add_codes(closed, unit, {"shared", "old"});
    add_codes(open, other_unit, {"shared"});
    add_codes(later_draft, unit, {"shared"});

    auto info = store_->find_access_code("shared");  // the open round wins
    ASSERT_TRUE(info.ok()) << info.status.message;
    EXPECT_EQ(info->round_id, open);
    EXPECT_EQ(info->unit_id, other_unit);
    EXPECT_FALSE(info->used);
    ASSERT_EQ(store_->submit(iit(open, other_unit, "shared")).outcome, SubmitOutcome::kStored);
    EXPECT_TRUE(store_->find_access_code("shared")->used);

    info = store_->find_access_code("old");
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->round_id, closed);
    EXPECT_EQ(info->unit_id, unit);
    EXPECT_EQ(store_->find_access_code("never").status.code, StatusCode::kNotFound);
    EXPECT_EQ(store_->find_access_code("'; DROP TABLE access_codes;--").status.code,
              StatusCode::kNotFound);
}

// ---- Submitting -------------------------------------------------------------

TEST_P(StoreTest, SubmitStoresTheResponseAndUsesTheCode) {
    Id unit = add_unit("u");
    Id round = add_round(RoundStatus::kOpen);
    add_codes(round, unit, {"code-a", "code-b"});
    ASSERT_EQ(store_->submit(iit(round, unit, "code-a", "ดีมาก")).outcome, SubmitOutcome::kStored);
    EXPECT_EQ(codes(round, unit).used, 1);
    EXPECT_EQ(codes(round, unit).issued, 2);
    auto list = store_->list_responses(round, unit, "IIT");
    ASSERT_TRUE(list.ok()) << list.status.message;
    ASSERT_EQ(list->size(), 1u);
    const StoredResponse& r = list->front();
    EXPECT_EQ(r.round_id, round);
    EXPECT_EQ(r.unit_id, unit);
    EXPECT_EQ(r.instrument, "IIT");
    EXPECT_EQ(r.submitted_on, "2025-11-03");
    EXPECT_EQ(r.answers, (std::vector<std::uint8_t>{1, 2, 3, 0, 5}));
    EXPECT_EQ(r.comment, "ดีมาก");
    EXPECT_EQ(count(round, unit, "EIT"), 0);
}

TEST_P(StoreTest, SubmitRefusesAndStoresNothing) {
    Id unit = add_unit("u");
    Id other_unit = add_unit("v");
    Id open = add_round(RoundStatus::kOpen);
    Id draft = add_round(RoundStatus::kDraft);
    Id closed = add_round(RoundStatus::kClosed);
    add_codes(open, unit, {"used", "fresh"});
    add_codes(open, other_unit, {"theirs"});
    add_codes(draft, unit, {"d"});
    add_codes(closed, unit, {"c"});
    ASSERT_EQ(store_->submit(iit(open, unit, "used")).outcome, SubmitOutcome::kStored);

    EXPECT_EQ(store_->submit(iit(open, unit, "used")).outcome, SubmitOutcome::kCodeAlreadyUsed);
    EXPECT_EQ(store_->submit(iit(open, unit, "never-issued")).outcome, SubmitOutcome::kUnknownCode);
    EXPECT_EQ(store_->submit(iit(open, unit, "theirs")).outcome, SubmitOutcome::kUnknownCode);
    EXPECT_EQ(store_->submit(iit(open, unit, "")).outcome, SubmitOutcome::kUnknownCode);
    EXPECT_EQ(store_->submit(iit(draft, unit, "d")).outcome, SubmitOutcome::kRoundNotOpen);
    EXPECT_EQ(store_->submit(iit(closed, unit, "c")).outcome, SubmitOutcome::kRoundNotOpen);
    EXPECT_EQ(store_->submit(iit(9999, unit, "fresh")).outcome, SubmitOutcome::kRoundNotOpen);
    EXPECT_EQ(store_->submit(eit(closed, unit, "browser")).outcome, SubmitOutcome::kRoundNotOpen);

    EXPECT_EQ(count(open, unit, "IIT"), 1);
    EXPECT_EQ(count(draft, unit, "IIT"), 0);
    EXPECT_EQ(count(closed, unit, "IIT"), 0);
    EXPECT_EQ(count(closed, unit, "EIT"), 0);
    EXPECT_EQ(codes(open, unit).used, 1);
    EXPECT_EQ(codes(open, other_unit).used, 0);
    EXPECT_EQ(codes(draft, unit).used, 0);
    EXPECT_EQ(codes(closed, unit).used, 0);
    // The browser token of the refused EIT was not kept either.
    EXPECT_EQ(store_->submit(eit(open, unit, "browser")).outcome, SubmitOutcome::kStored);
}

TEST_P(StoreTest, SubmitRefusesASecondResponseFromOneBrowser) {
    Id unit = add_unit("u");
    Id other_unit = add_unit("v");
    Id round = add_round(RoundStatus::kOpen);
    ASSERT_EQ(store_->submit(eit(round, unit, "tok")).outcome, SubmitOutcome::kStored);
    EXPECT_EQ(store_->submit(eit(round, unit, "tok")).outcome, SubmitOutcome::kDuplicateBrowser);
    EXPECT_EQ(count(round, unit, "EIT"), 1);
    // The same browser may answer for another unit.
    EXPECT_EQ(store_->submit(eit(round, other_unit, "tok")).outcome, SubmitOutcome::kStored);
    EXPECT_EQ(count(round, other_unit, "EIT"), 1);
}

TEST_P(StoreTest, SubmitBatchGivesEachSubmissionItsOwnOutcome) {
    Id unit = add_unit("u");
    Id open = add_round(RoundStatus::kOpen);
    Id closed = add_round(RoundStatus::kClosed);
    add_codes(open, unit, {"a", "b", "c"});
    std::vector<Submission> batch{
        iit(open, unit, "a", "first"),
        iit(open, unit, "a", "reuse in the same batch"),
        iit(open, unit, "nope"),
        eit(open, unit, "t1", "eit one"),
        eit(open, unit, "t1", "same browser"),
        iit(closed, unit, "b"),
        eit(open, 9999, "t2", "no such unit"),  // a database error: kFailed alone
        iit(open, unit, "c", "last"),
    };
    std::vector<SubmitOutcome> expected{
        SubmitOutcome::kStored, SubmitOutcome::kCodeAlreadyUsed,  SubmitOutcome::kUnknownCode,
        SubmitOutcome::kStored, SubmitOutcome::kDuplicateBrowser, SubmitOutcome::kRoundNotOpen,
        SubmitOutcome::kFailed, SubmitOutcome::kStored,
    };
    const std::vector<SubmitResult> results = store_->submit_batch(batch);
    EXPECT_EQ(outcomes(results), expected);
    // A failure carries its error (for the log); a refusal carries none.
    ASSERT_EQ(results.size(), expected.size());
    EXPECT_FALSE(results[6].error.ok());
    EXPECT_EQ(results[6].error.code, StatusCode::kInvalid) << results[6].error.message;
    EXPECT_TRUE(results[1].error.ok());
    EXPECT_TRUE(results[7].error.ok());
    EXPECT_EQ(count(open, unit, "IIT"), 2);
    EXPECT_EQ(count(open, unit, "EIT"), 1);
    EXPECT_EQ(codes(open, unit).used, 2);
    auto iits = store_->list_responses(open, unit, "IIT");
    ASSERT_TRUE(iits.ok());
    std::set<std::string> comments;
    for (const auto& r : *iits) comments.insert(r.comment);
    EXPECT_EQ(comments, (std::set<std::string>{"first", "last"}));
    EXPECT_TRUE(store_->submit_batch({}).empty());
}

TEST_P(StoreTest, TextAndBytesAreStoredVerbatim) {
    const std::vector<std::string> nasty{
        "O'Brien",
        "'); DROP TABLE units;--",
        "\"double\" and \\backslash\\ and %_ wildcards",
        "ศูนย์ความร่วมมือระหว่างประเทศ",
        "ผู้บริหารดีมาก 👍🏽 😀",
        "line one\nline two\ttab",
    };
    Id round = add_round(RoundStatus::kOpen);
    for (const std::string& text : nasty) {
        Id unit = add_unit(text);
        auto got = store_->get_unit(unit);
        ASSERT_TRUE(got.ok());
        EXPECT_EQ(got->name, text);
        EXPECT_EQ(got->short_name, text + "-short");

        add_codes(round, unit, {text});  // even a code hash with quotes
        Submission s = iit(round, unit, text, text);
        s.response.answers = {0, 1, 255, 0, 39, 92, 0};
        ASSERT_EQ(store_->submit(s).outcome, SubmitOutcome::kStored) << text;
        ASSERT_EQ(store_->submit(eit(round, unit, text, text)).outcome, SubmitOutcome::kStored)
            << text;
        auto list = store_->list_responses(round, unit, "IIT");
        ASSERT_TRUE(list.ok());
        ASSERT_EQ(list->size(), 1u);
        EXPECT_EQ(list->front().comment, text);
        EXPECT_EQ(list->front().answers, s.response.answers);

        User user;
        user.username = text;
        user.display_name = text;
        user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$" + text;
        auto uid = store_->create_user(user);
        ASSERT_TRUE(uid.ok()) << uid.status.message;
        auto found = store_->find_user(text);
        ASSERT_TRUE(found.ok()) << text;
        EXPECT_EQ(found->display_name, text);
        EXPECT_EQ(found->password_hash, user.password_hash);
    }
    auto units = store_->list_units();
    ASSERT_TRUE(units.ok());  // the table survived
    EXPECT_EQ(units->size(), nasty.size());
}

// ---- Users, sessions, audit -------------------------------------------------

TEST_P(StoreTest, UsersAreUniqueIgnoringCaseAndKeepLockoutFields) {
    Id unit = add_unit("u");
    User admin;
    admin.username = "Admin";
    admin.display_name = "ผู้ดูแลระบบ";
    admin.password_hash = "$argon2id$hash";
    admin.role = Role::kAdmin;
    auto id = store_->create_user(admin);
    ASSERT_TRUE(id.ok()) << id.status.message;

    User twin = admin;
    twin.username = "aDMIN";
    EXPECT_EQ(store_->create_user(twin).status.code, StatusCode::kConflict);

    auto found = store_->find_user("ADMIN");
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->id, *id);
    EXPECT_EQ(found->username, "Admin");  // kept as typed
    EXPECT_EQ(found->role, Role::kAdmin);
    EXPECT_TRUE(found->active);
    EXPECT_EQ(found->unit_id, std::nullopt);
    EXPECT_EQ(store_->find_user("nobody").status.code, StatusCode::kNotFound);

    User u = *found;
    u.failed_sign_ins = 5;
    u.locked_until = "2025-11-03T10:15:00Z";
    u.must_change_password = true;
    u.role = Role::kUnitCoordinator;
    u.unit_id = unit;
    ASSERT_TRUE(store_->update_user(u).ok());
    auto got = store_->get_user(*id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->failed_sign_ins, 5);
    EXPECT_EQ(got->locked_until, "2025-11-03T10:15:00Z");
    EXPECT_TRUE(got->must_change_password);
    EXPECT_EQ(got->role, Role::kUnitCoordinator);
    EXPECT_EQ(got->unit_id, unit);

    User exec;
    exec.username = "exec";
    exec.password_hash = "h";
    auto exec_id = store_->create_user(exec);
    ASSERT_TRUE(exec_id.ok());
    exec.id = *exec_id;
    exec.username = "ADMIN";
    EXPECT_EQ(store_->update_user(exec).code, StatusCode::kConflict);
    exec.id = 9999;
    exec.username = "ghost";
    EXPECT_EQ(store_->update_user(exec).code, StatusCode::kNotFound);
    EXPECT_EQ(store_->get_user(9999).status.code, StatusCode::kNotFound);
    auto users = store_->list_users();
    ASSERT_TRUE(users.ok());
    EXPECT_EQ(users->size(), 2u);
}

TEST_P(StoreTest, SessionsExpireAtAFixedNow) {
    User user;
    user.username = "u";
    user.password_hash = "h";
    auto uid = store_->create_user(user);
    ASSERT_TRUE(uid.ok());
    Session session{"token-hash", *uid, "csrf", "2025-11-03T10:00:00Z"};
    ASSERT_TRUE(store_->create_session(session).ok());
    EXPECT_EQ(store_->create_session(session).code, StatusCode::kConflict);

    auto found = store_->find_session("token-hash", "2025-11-03T09:59:59Z");
    ASSERT_TRUE(found.ok()) << found.status.message;
    EXPECT_EQ(found->user_id, *uid);
    EXPECT_EQ(found->csrf_token, "csrf");
    EXPECT_EQ(found->expires_at, "2025-11-03T10:00:00Z");
    EXPECT_EQ(store_->find_session("token-hash", "2025-11-03T10:00:00Z").status.code,
              StatusCode::kNotFound);
    EXPECT_EQ(store_->find_session("token-hash", "2026-01-01T00:00:00Z").status.code,
              StatusCode::kNotFound);
    EXPECT_EQ(store_->find_session("other", "2025-01-01T00:00:00Z").status.code,
              StatusCode::kNotFound);

    ASSERT_TRUE(store_->delete_session("token-hash").ok());
    EXPECT_EQ(store_->find_session("token-hash", "2025-01-01T00:00:00Z").status.code,
              StatusCode::kNotFound);
    EXPECT_EQ(store_->delete_session("token-hash").code, StatusCode::kNotFound);
    EXPECT_EQ(store_->create_session({"t2", 9999, "c", "2030-01-01T00:00:00Z"}).code,
              StatusCode::kInvalid);
}

TEST_P(StoreTest, DeleteUserSessionsEndsEverySessionOfThatUserOnly) {
    User a;
    a.username = "a";
    a.password_hash = "h";
    User b = a;
    b.username = "b";
    auto ida = store_->create_user(a);
    auto idb = store_->create_user(b);
    ASSERT_TRUE(ida.ok() && idb.ok());
    ASSERT_TRUE(store_->create_session({"a1", *ida, "c", "2030-01-01T00:00:00Z"}).ok());
    ASSERT_TRUE(store_->create_session({"a2", *ida, "c", "2030-01-01T00:00:00Z"}).ok());
    ASSERT_TRUE(store_->create_session({"b1", *idb, "c", "2030-01-01T00:00:00Z"}).ok());
    ASSERT_TRUE(store_->delete_user_sessions(*ida).ok());
    const std::string now = "2025-01-01T00:00:00Z";
    EXPECT_EQ(store_->find_session("a1", now).status.code, StatusCode::kNotFound);
    EXPECT_EQ(store_->find_session("a2", now).status.code, StatusCode::kNotFound);
    EXPECT_TRUE(store_->find_session("b1", now).ok());
    EXPECT_TRUE(store_->delete_user_sessions(*ida).ok());  // none left: still Ok
}

TEST_P(StoreTest, AuditLogNewestFirstWithLimit) {
    User user;
    user.username = "u";
    user.password_hash = "h";
    auto uid = store_->create_user(user);
    ASSERT_TRUE(uid.ok());
    for (int i = 0; i < 5; ++i) {
        AuditEntry e{0, "2025-11-03T10:00:0" + std::to_string(i) + "Z",
                     i % 2 ? std::optional<Id>(*uid) : std::nullopt, "round.open",
                     R"({"n": )" + std::to_string(i) + "}"};
        ASSERT_TRUE(store_->append_audit(e).ok());
    }
    auto list = store_->list_audit(3);
    ASSERT_TRUE(list.ok()) << list.status.message;
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ((*list)[0].details, R"({"n": 4})");
    EXPECT_EQ((*list)[1].details, R"({"n": 3})");
    EXPECT_EQ((*list)[2].details, R"({"n": 2})");
    EXPECT_EQ((*list)[0].user_id, std::nullopt);
    EXPECT_EQ((*list)[1].user_id, *uid);
    EXPECT_EQ((*list)[0].at, "2025-11-03T10:00:04Z");
    EXPECT_GT((*list)[0].id, (*list)[1].id);
    auto all = store_->list_audit(100);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 5u);
    auto none = store_->list_audit(0);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
    EXPECT_EQ(store_->append_audit({0, "2025-11-03T10:00:00Z", 9999, "x", "{}"}).code,
              StatusCode::kInvalid);
}

// ---- Import -----------------------------------------------------------------

TEST_P(StoreTest, ImportIsAllOrNothing) {
    Id unit = add_unit("u");
    Id round = add_round(RoundStatus::kClosed);  // imports are for any round
    std::vector<StoredResponse> good(3, response(round, unit, "IIT", "imported"));
    ASSERT_TRUE(store_->import_responses(good).ok());
    EXPECT_EQ(count(round, unit, "IIT"), 3);

    std::vector<StoredResponse> mixed(4, response(round, unit, "IIT"));
    mixed[2].unit_id = 9999;
    EXPECT_EQ(store_->import_responses(mixed).code, StatusCode::kInvalid);
    EXPECT_EQ(count(round, unit, "IIT"), 3);
    mixed[2] = response(round, unit, "XYZ");
    EXPECT_EQ(store_->import_responses(mixed).code, StatusCode::kInvalid);
    EXPECT_EQ(count(round, unit, "IIT"), 3);
    EXPECT_TRUE(store_->import_responses({}).ok());
}

TEST_P(StoreTest, RevisionGrowsWithEveryUpdateAndImportButNotWithASubmission) {
    Id unit = add_unit("u");
    Id round = add_round(RoundStatus::kOpen);
    const std::int64_t created = store_->get_round(round)->revision;
    Round r = *store_->get_round(round);
    r.results_published = true;
    ASSERT_TRUE(store_->update_round(r).ok());
    const std::int64_t updated = store_->get_round(round)->revision;
    EXPECT_EQ(updated, created + 1);
    // The revision a caller holds does not overwrite the stored one.
    r.revision = 0;
    ASSERT_TRUE(store_->update_round(r).ok());
    EXPECT_EQ(store_->get_round(round)->revision, created + 2);

    add_codes(round, unit, {"c1"});
    ASSERT_EQ(store_->submit(iit(round, unit, "c1")).outcome, SubmitOutcome::kStored);
    EXPECT_EQ(store_->get_round(round)->revision, created + 2);
    ASSERT_TRUE(store_->import_responses({response(round, unit, "EIT")}).ok());
    EXPECT_EQ(store_->get_round(round)->revision, created + 3);
    // A refused import changes nothing.
    std::vector<StoredResponse> bad{response(round, 9999, "EIT")};
    EXPECT_FALSE(store_->import_responses(bad).ok());
    EXPECT_EQ(store_->get_round(round)->revision, created + 3);
    // Only the imported round's revision moves.
    Id other = add_round(RoundStatus::kClosed);
    const std::int64_t other_before = store_->get_round(other)->revision;
    ASSERT_TRUE(store_->import_responses({response(round, unit, "IIT")}).ok());
    EXPECT_EQ(store_->get_round(other)->revision, other_before);
}

TEST_P(StoreTest, ARoundIsScannedWholeAndCodesCountedPerUnit) {
    Id a = add_unit("a");
    Id b = add_unit("b");
    Id c = add_unit("c");
    Id round = add_round(RoundStatus::kOpen);
    Id other = add_round(RoundStatus::kOpen);
    add_codes(round, a, {"a1", "a2", "a3"});
    add_codes(round, c, {"c1"});
    add_codes(other, b, {"o1"});
    ASSERT_EQ(store_->submit(iit(round, a, "a1")).outcome, SubmitOutcome::kStored);
    ASSERT_EQ(store_->submit(iit(round, a, "a2")).outcome, SubmitOutcome::kStored);
    ASSERT_EQ(store_->submit(eit(round, b, "t1")).outcome, SubmitOutcome::kStored);
    ASSERT_EQ(store_->submit(iit(other, b, "o1")).outcome, SubmitOutcome::kStored);
    StoredResponse odd = response(round, b, "EIT");
    odd.answers = {0, 255, 7};
    ASSERT_TRUE(store_->import_responses({odd}).ok());

    std::map<std::pair<Id, std::string>, int> seen;
    std::vector<std::vector<std::uint8_t>> answers_of_b;
    Status scanned = store_->scan_round_answers(round, [&](const RoundAnswerRow& row) {
        ++seen[{row.unit_id, std::string(row.instrument)}];
        if (row.unit_id == b) answers_of_b.emplace_back(row.answers.begin(), row.answers.end());
    });
    ASSERT_TRUE(scanned.ok()) << scanned.message;
    EXPECT_EQ(seen, (std::map<std::pair<Id, std::string>, int>{{{a, "IIT"}, 2}, {{b, "EIT"}, 2}}));
    std::sort(answers_of_b.begin(), answers_of_b.end());
    EXPECT_EQ(answers_of_b, (std::vector<std::vector<std::uint8_t>>{{0, 255, 7}, {1, 2, 3, 0, 5}}));

    auto counts = store_->count_access_codes_by_unit(round);
    ASSERT_TRUE(counts.ok()) << counts.status.message;
    ASSERT_EQ(counts->size(), 2u);
    EXPECT_EQ(counts->at(a).issued, 3);
    EXPECT_EQ(counts->at(a).used, 2);
    EXPECT_EQ(counts->at(c).issued, 1);
    EXPECT_EQ(counts->at(c).used, 0);

    int rows = 0;
    ASSERT_TRUE(store_->scan_round_answers(424242, [&](const RoundAnswerRow&) { ++rows; }).ok());
    EXPECT_EQ(rows, 0);
    EXPECT_TRUE(store_->count_access_codes_by_unit(424242)->empty());
}

// ---- Durability and concurrency ---------------------------------------------

TEST_P(StoreTest, EverythingSurvivesClosingAndReopening) {
    Id unit = add_unit("ศรป.");
    Id round = add_round(RoundStatus::kOpen);
    add_codes(round, unit, {"a", "b"});
    ASSERT_EQ(store_->submit(iit(round, unit, "a", "คงอยู่")).outcome, SubmitOutcome::kStored);
    ASSERT_EQ(outcomes(store_->submit_batch({iit(round, unit, "b"), eit(round, unit, "t")})),
              (std::vector<SubmitOutcome>{SubmitOutcome::kStored, SubmitOutcome::kStored}));
    User user;
    user.username = "u";
    user.password_hash = "h";
    auto uid = store_->create_user(user);
    ASSERT_TRUE(uid.ok());
    ASSERT_TRUE(store_->create_session({"s", *uid, "c", "2030-01-01T00:00:00Z"}).ok());
    ASSERT_TRUE(store_->append_audit({0, "2025-11-03T10:00:00Z", *uid, "a", "{}"}).ok());

    store_.reset();
    store_ = open_or_die(db_->url());
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->migrate().ok());
    EXPECT_EQ(store_->get_unit(unit)->name, "ศรป.");
    EXPECT_EQ(store_->get_round(round)->status, RoundStatus::kOpen);
    EXPECT_EQ(count(round, unit, "IIT"), 2);
    EXPECT_EQ(count(round, unit, "EIT"), 1);
    EXPECT_EQ(codes(round, unit).used, 2);
    EXPECT_EQ(store_->submit(iit(round, unit, "a")).outcome, SubmitOutcome::kCodeAlreadyUsed);
    EXPECT_EQ(store_->submit(eit(round, unit, "t")).outcome, SubmitOutcome::kDuplicateBrowser);
    EXPECT_TRUE(store_->find_user("U").ok());
    EXPECT_TRUE(store_->find_session("s", "2025-01-01T00:00:00Z").ok());
    EXPECT_EQ(store_->list_audit(10)->size(), 1u);
}

TEST_P(StoreTest, ConcurrentSubmitsAllStored) {
    constexpr int kThreads = 4;
    constexpr int kPerThread = 200;
    Id unit = add_unit("u");
    Id round = add_round(RoundStatus::kOpen);
    std::vector<std::string> all;
    for (int i = 0; i < kThreads * kPerThread; ++i) all.push_back("code-" + std::to_string(i));
    add_codes(round, unit, all);

    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                const std::string& code = all[static_cast<std::size_t>(t * kPerThread + i)];
                if (store_->submit(iit(round, unit, code)).outcome != SubmitOutcome::kStored)
                    ++errors;
                if (i % 50 == 0 && !store_->count_responses(round, unit, "IIT").ok()) ++errors;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(count(round, unit, "IIT"), kThreads * kPerThread);
    EXPECT_EQ(codes(round, unit).used, kThreads * kPerThread);
}

TEST_P(StoreTest, OneCodeRacedByManyThreadsIsUsedOnce) {
    constexpr int kThreads = 8;
    Id unit = add_unit("u");
    Id round = add_round(RoundStatus::kOpen);
    add_codes(round, unit, {"contested"});
    std::atomic<int> stored{0}, used{0}, other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            switch (store_->submit(iit(round, unit, "contested")).outcome) {
                case SubmitOutcome::kStored:
                    ++stored;
                    break;
                case SubmitOutcome::kCodeAlreadyUsed:
                    ++used;
                    break;
                default:
                    ++other;
                    break;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(stored.load(), 1);
    EXPECT_EQ(used.load(), kThreads - 1);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(count(round, unit, "IIT"), 1);
}

// ---- Improvement plans --------------------------------------------------------

constexpr const char* kPlanV1 = R"({"format":"itagap-plan/1","measures":[1]})";
constexpr const char* kPlanV2 = R"({"format":"itagap-plan/1","measures":[1,2]})";

PlanRecord plan_record(Id unit, int year, std::string document = kPlanV1) {
    return PlanRecord{0, unit, year, std::move(document), 0, "2025-11-20T03:00:00Z"};
}

TEST_P(StoreTest, PlanCreateGetAndOnePerUnitAndYear) {
    Id unit = add_unit("ศรป.");
    PlanRecord record = plan_record(unit, 2569, "{\"ข้อความ\": \"มาตรการที่ 1 'quoted'\"}");
    record.version = 42;  // ignored: a new plan starts at 1
    auto id = store_->create_plan(record);
    ASSERT_TRUE(id.ok()) << id.status.message;
    EXPECT_GT(*id, 0);

    auto got = store_->get_plan(*id);
    ASSERT_TRUE(got.ok()) << got.status.message;
    EXPECT_EQ(got->id, *id);
    EXPECT_EQ(got->unit_id, unit);
    EXPECT_EQ(got->fiscal_year_be, 2569);
    EXPECT_EQ(got->document, record.document);
    EXPECT_EQ(got->version, 1);
    EXPECT_EQ(got->updated_at, "2025-11-20T03:00:00Z");

    auto again = store_->create_plan(plan_record(unit, 2569, kPlanV2));
    EXPECT_EQ(again.status.code, StatusCode::kConflict) << again.status.message;
    EXPECT_EQ(store_->get_plan(*id)->document, record.document);
    // Another year, or another unit, is another plan.
    EXPECT_TRUE(store_->create_plan(plan_record(unit, 2570)).ok());
    EXPECT_TRUE(store_->create_plan(plan_record(add_unit("อื่น"), 2569)).ok());

    EXPECT_EQ(store_->get_plan(*id + 1000).status.code, StatusCode::kNotFound);
    EXPECT_EQ(store_->create_plan(plan_record(9999, 2569)).status.code, StatusCode::kInvalid);
}

TEST_P(StoreTest, ListPlansAllOrByYearOrderedByUnit) {
    Id a = add_unit("a");
    Id b = add_unit("b");
    Id c = add_unit("c");
    // Created out of unit order.
    ASSERT_TRUE(store_->create_plan(plan_record(c, 2569)).ok());
    ASSERT_TRUE(store_->create_plan(plan_record(a, 2570)).ok());
    ASSERT_TRUE(store_->create_plan(plan_record(a, 2569)).ok());
    ASSERT_TRUE(store_->create_plan(plan_record(b, 2569)).ok());

    auto all = store_->list_plans(std::nullopt);
    ASSERT_TRUE(all.ok()) << all.status.message;
    ASSERT_EQ(all->size(), 4u);
    for (std::size_t i = 1; i < all->size(); ++i) {
        EXPECT_LE((*all)[i - 1].unit_id, (*all)[i].unit_id);
    }

    auto y2569 = store_->list_plans(2569);
    ASSERT_TRUE(y2569.ok()) << y2569.status.message;
    std::vector<Id> units;
    for (const PlanRecord& p : *y2569) {
        EXPECT_EQ(p.fiscal_year_be, 2569);
        EXPECT_EQ(p.document, kPlanV1);
        units.push_back(p.unit_id);
    }
    EXPECT_EQ(units, (std::vector<Id>{a, b, c}));
    auto y2570 = store_->list_plans(2570);
    ASSERT_TRUE(y2570.ok());
    ASSERT_EQ(y2570->size(), 1u);
    EXPECT_EQ(y2570->front().unit_id, a);
    EXPECT_TRUE(store_->list_plans(2571)->empty());
}

TEST_P(StoreTest, SavePlanIsACompareAndSetOnTheVersion) {
    Id unit = add_unit("u");
    auto id = store_->create_plan(plan_record(unit, 2569));
    ASSERT_TRUE(id.ok()) << id.status.message;

    auto saved = store_->save_plan(*id, kPlanV2, 1, "2025-12-01T08:00:00Z");
    ASSERT_TRUE(saved.ok()) << saved.status.message;
    EXPECT_EQ(*saved, 2);
    auto got = store_->get_plan(*id);
    EXPECT_EQ(got->version, 2);
    EXPECT_EQ(got->document, kPlanV2);
    EXPECT_EQ(got->updated_at, "2025-12-01T08:00:00Z");

    // A save from version 1 again (someone else's stale copy) changes nothing.
    auto stale = store_->save_plan(*id, "{\"stale\":true}", 1, "2025-12-02T08:00:00Z");
    EXPECT_EQ(stale.status.code, StatusCode::kConflict) << stale.status.message;
    got = store_->get_plan(*id);
    EXPECT_EQ(got->version, 2);
    EXPECT_EQ(got->document, kPlanV2);
    EXPECT_EQ(got->updated_at, "2025-12-01T08:00:00Z");
    // A version from the future is stale too.
    EXPECT_EQ(store_->save_plan(*id, kPlanV1, 7, "2025-12-02T08:00:00Z").status.code,
              StatusCode::kConflict);

    saved = store_->save_plan(*id, kPlanV1, 2, "2025-12-03T08:00:00Z");
    ASSERT_TRUE(saved.ok()) << saved.status.message;
    EXPECT_EQ(*saved, 3);

    auto missing = store_->save_plan(*id + 1000, kPlanV1, 1, "2025-12-03T08:00:00Z");
    EXPECT_EQ(missing.status.code, StatusCode::kNotFound) << missing.status.message;
}

TEST_P(StoreTest, TwoSavesFromTheSameVersionExactlyOneWins) {
    constexpr int kRaces = 20;
    Id unit = add_unit("u");
    auto id = store_->create_plan(plan_record(unit, 2569));
    ASSERT_TRUE(id.ok()) << id.status.message;
    std::int64_t version = 1;
    for (int race = 0; race < kRaces; ++race) {
        std::latch start(2);
        std::vector<StatusOr<std::int64_t>> results(
            2, StatusOr<std::int64_t>(Status::Internal("not run")));
        std::vector<std::thread> threads;
        for (int t = 0; t < 2; ++t) {
            threads.emplace_back([&, t] {
                const std::string doc = "{\"writer\":" + std::to_string(t) + "}";
                start.arrive_and_wait();
                results[static_cast<std::size_t>(t)] =
                    store_->save_plan(*id, doc, version, "2025-12-01T08:00:00Z");
            });
        }
        for (auto& th : threads) th.join();
        int won = 0, conflicts = 0, winner = -1;
        for (int t = 0; t < 2; ++t) {
            const auto& r = results[static_cast<std::size_t>(t)];
            if (r.ok()) {
                ++won;
                winner = t;
                EXPECT_EQ(*r, version + 1);
            } else {
                EXPECT_EQ(r.status.code, StatusCode::kConflict) << r.status.message;
                ++conflicts;
            }
        }
        ASSERT_EQ(won, 1) << "race " << race;
        ASSERT_EQ(conflicts, 1) << "race " << race;
        auto got = store_->get_plan(*id);
        ASSERT_TRUE(got.ok());
        EXPECT_EQ(got->version, version + 1);
        EXPECT_EQ(got->document, "{\"writer\":" + std::to_string(winner) + "}");
        version = got->version;
    }
}

// ---- Evidence files ---------------------------------------------------------

EvidenceFile evidence_of(Id plan, std::string name, std::optional<Id> by = std::nullopt) {
    EvidenceFile f;
    f.plan_id = plan;
    f.original_name = std::move(name);
    f.content_type = "application/pdf";
    f.uploaded_at = "2025-12-01T08:00:00Z";
    f.uploaded_by = by;
    return f;
}

TEST_P(StoreTest, EvidenceKeepsBinaryBytesIntact) {
    Id unit = add_unit("u");
    auto plan = store_->create_plan(plan_record(unit, 2569));
    ASSERT_TRUE(plan.ok()) << plan.status.message;
    User user;
    user.username = "coordinator";
    user.password_hash = "h";
    auto uid = store_->create_user(user);
    ASSERT_TRUE(uid.ok());

    // NUL, 0xFF, quotes, a backslash and what looks like a bytea escape.
    static constexpr char kSmall[] =
        "%PDF-1.7\0\xff\xfe\x00'\"\\x00\\\\\r\n\x7f\x80"
        "end";
    const std::string small(kSmall, sizeof kSmall - 1);  // every byte but the final NUL
    ASSERT_EQ(small.size(), 27u);
    std::string large;  // every byte value, many times over (~1 MiB)
    for (int i = 0; i < 4096; ++i) {
        for (int b = 0; b < 256; ++b) large.push_back(static_cast<char>(b));
    }

    auto first = store_->add_evidence(evidence_of(*plan, "รายงานการประชุม ครั้งที่ 1.pdf", *uid), small);
    ASSERT_TRUE(first.ok()) << first.status.message;
    EvidenceFile second_meta = evidence_of(*plan, "big.bin");
    second_meta.content_type = "image/png";
    second_meta.uploaded_at = "2025-12-02T08:00:00Z";
    auto second = store_->add_evidence(second_meta, large);
    ASSERT_TRUE(second.ok()) << second.status.message;
    EXPECT_NE(*first, *second);
    EXPECT_GT(*first, 0);
    EXPECT_GT(*second, 0);

    auto meta = store_->get_evidence(*first);
    ASSERT_TRUE(meta.ok()) << meta.status.message;
    EXPECT_EQ(meta->id, *first);
    EXPECT_EQ(meta->plan_id, *plan);
    EXPECT_EQ(meta->original_name, "รายงานการประชุม ครั้งที่ 1.pdf");
    EXPECT_EQ(meta->content_type, "application/pdf");
    EXPECT_EQ(meta->size_bytes, 27);
    EXPECT_EQ(meta->uploaded_at, "2025-12-01T08:00:00Z");
    EXPECT_EQ(meta->uploaded_by, *uid);
    // sha256 of the bytes, computed by the store.
    EXPECT_EQ(meta->sha256.size(), 64u);
    EXPECT_EQ(store_->get_evidence(*second)->uploaded_by, std::nullopt);
    EXPECT_EQ(store_->get_evidence(*second)->size_bytes, static_cast<std::int64_t>(large.size()));

    auto bytes = store_->read_evidence_bytes(*first);
    ASSERT_TRUE(bytes.ok()) << bytes.status.message;
    EXPECT_EQ(*bytes, small);
    bytes = store_->read_evidence_bytes(*second);
    ASSERT_TRUE(bytes.ok()) << bytes.status.message;
    EXPECT_TRUE(*bytes == large) << "large evidence changed (size " << bytes->size() << ")";

    auto list = store_->list_evidence(*plan);
    ASSERT_TRUE(list.ok()) << list.status.message;
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].id, *first);  // upload order
    EXPECT_EQ((*list)[1].id, *second);
    EXPECT_EQ((*list)[1].content_type, "image/png");

    EXPECT_EQ(store_->get_evidence(12345).status.code, StatusCode::kNotFound);
    EXPECT_EQ(store_->read_evidence_bytes(12345).status.code, StatusCode::kNotFound);
}

TEST_P(StoreTest, EvidenceNeedsAPlanAndBelongsToIt) {
    Id unit = add_unit("u");
    auto plan = store_->create_plan(plan_record(unit, 2569));
    auto other = store_->create_plan(plan_record(unit, 2570));
    ASSERT_TRUE(plan.ok() && other.ok());
    ASSERT_TRUE(store_->add_evidence(evidence_of(*plan, "a.pdf"), "%PDF-a").ok());

    auto orphan = store_->add_evidence(evidence_of(*plan + 1000, "x.pdf"), "%PDF-x");
    EXPECT_EQ(orphan.status.code, StatusCode::kInvalid) << orphan.status.message;
    auto nobody = store_->add_evidence(evidence_of(*plan, "y.pdf", 9999), "%PDF-y");
    EXPECT_EQ(nobody.status.code, StatusCode::kInvalid) << nobody.status.message;
    // A size or hash that does not match the bytes is refused.
    EvidenceFile wrong = evidence_of(*plan, "z.pdf");
    wrong.size_bytes = 3;
    EXPECT_EQ(store_->add_evidence(wrong, "%PDF-z").status.code, StatusCode::kInvalid);
    wrong = evidence_of(*plan, "z.pdf");
    wrong.sha256 = std::string(64, '0');
    EXPECT_EQ(store_->add_evidence(wrong, "%PDF-z").status.code, StatusCode::kInvalid);

    auto mine = store_->list_evidence(*plan);
    ASSERT_TRUE(mine.ok());
    EXPECT_EQ(mine->size(), 1u);
    auto theirs = store_->list_evidence(*other);
    ASSERT_TRUE(theirs.ok()) << theirs.status.message;
    EXPECT_TRUE(theirs->empty());
    EXPECT_TRUE(store_->list_evidence(*plan + 1000)->empty());
}

// ---- Migrating an existing database ------------------------------------------

// A database made by the release before plans (schema version 2) keeps its
// data when migrated to the latest version, and gains the plan tables.
TEST_P(StoreTest, AVersionTwoDatabaseMigratesKeepingItsData) {
    std::string why;
    bool skip = false;
    auto old = TestDatabase::create(GetParam(), why, skip);
    ASSERT_NE(old, nullptr) << why;
    const bool sqlite = GetParam() == Backend::kSqlite;
    auto all = sqlite ? sqlite::migrations() : postgres::migrations();
    ASSERT_GE(all.size(), 3u);
    std::string script = sqlite ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY);"
                                : "CREATE TABLE schema_migrations (version integer PRIMARY KEY);";
    script += "BEGIN;";
    script += std::string(all[0]) + std::string(all[1]);
    script += "INSERT INTO schema_migrations (version) VALUES (1), (2); COMMIT;";
    ASSERT_EQ(old->execute(script), "");

    Id unit = 0, round = 0;
    {
        auto store = open_or_die(old->url());
        ASSERT_NE(store, nullptr);
        EXPECT_EQ(*store->schema_version(), 2);
        // Units by SQL: today's create_unit writes schema-6 columns.
        ASSERT_EQ(old->execute("INSERT INTO units (id, name, short_name, name_en) "
                               "VALUES (101, 'ศรป.', 'ศรป.', 'ICC')"),
                  "");
        unit = 101;
        auto q = store->add_questionnaire({0, "k", "t", "{}", "2025-01-01T00:00:00Z"});
        ASSERT_TRUE(q.ok()) << q.status.message;
        // Rounds by SQL too: today's create_round writes schema-7 columns.
        ASSERT_EQ(old->execute("INSERT INTO rounds (id, fiscal_year_be, name, opens_on, closes_on, "
                               "questionnaire_id, status, results_published) VALUES (201, 2569, "
                               "'r', '2025-10-01', '2026-02-28', " +
                               std::to_string(*q) + ", 'open', FALSE)"),
                  "");
        round = 201;
        ASSERT_TRUE(store->add_access_codes({round, unit, {"code"}}).ok());
        ASSERT_EQ(store->submit(iit(round, unit, "code", "ก่อนย้าย")).outcome,
                  SubmitOutcome::kStored);
        // Plans are not there yet.
        EXPECT_FALSE(store->list_plans(std::nullopt).ok());
    }

    auto store = open_or_die(old->url());
    ASSERT_NE(store, nullptr);
    Status migrated = store->migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.message;
    EXPECT_EQ(*store->schema_version(), kLatestSchemaVersion);
    EXPECT_EQ(store->get_unit(unit)->name, "ศรป.");
    EXPECT_EQ(store->get_round(round)->status, RoundStatus::kOpen);
    auto responses = store->list_responses(round, unit, "IIT");
    ASSERT_TRUE(responses.ok());
    ASSERT_EQ(responses->size(), 1u);
    EXPECT_EQ(responses->front().comment, "ก่อนย้าย");
    EXPECT_EQ(store->submit(iit(round, unit, "code")).outcome, SubmitOutcome::kCodeAlreadyUsed);
    auto plan = store->create_plan(plan_record(unit, 2569));
    ASSERT_TRUE(plan.ok()) << plan.status.message;
    EXPECT_TRUE(store->add_evidence(evidence_of(*plan, "a.pdf"), std::string("%PDF\0", 5)).ok());
}

// A database at schema version 4 (before plans knew their source round) links
// each plan to the round NAMED in its document. Names recur every year, so the
// round of the latest fiscal year not after the plan's wins, then the latest
// opening date; a name with no such round links nothing.
TEST_P(StoreTest, AVersionFourDatabaseLinksPlansToTheRoundTheirDocumentNames) {
    std::string why;
    bool skip = false;
    auto old = TestDatabase::create(GetParam(), why, skip);
    ASSERT_NE(old, nullptr) << why;
    const bool sqlite = GetParam() == Backend::kSqlite;
    auto all = sqlite ? sqlite::migrations() : postgres::migrations();
    ASSERT_GE(all.size(), 5u);
    std::string script = sqlite ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY);"
                                : "CREATE TABLE schema_migrations (version integer PRIMARY KEY);";
    script += "BEGIN;";
    for (std::size_t i = 0; i < 4; ++i) script += std::string(all[i]);
    script += "INSERT INTO schema_migrations (version) VALUES (1), (2), (3), (4); COMMIT;";
    ASSERT_EQ(old->execute(script), "");

    const std::string name = "รอบ 5 เดือนแรก";
    Id a = 0, b = 0, b_later = 0, c = 0;
    std::vector<Id> units;
    {
        auto store = open_or_die(old->url());
        ASSERT_NE(store, nullptr);
        ASSERT_EQ(*store->schema_version(), 4);
        auto q = store->add_questionnaire({0, "k", "t", "{}", "2025-01-01T00:00:00Z"});
        ASSERT_TRUE(q.ok()) << q.status.message;
        // Rounds by SQL: today's create_round writes schema-7 columns.
        Id next_round = 201;
        auto round = [&](int year, const std::string& round_name, const std::string& opens) {
            const Id id = next_round++;
            EXPECT_EQ(old->execute("INSERT INTO rounds (id, fiscal_year_be, name, opens_on, "
                                   "closes_on, questionnaire_id, status, results_published) "
                                   "VALUES (" +
                                   std::to_string(id) + ", " + std::to_string(year) + ", '" +
                                   round_name + "', '" + opens + "', '" + opens + "', " +
                                   std::to_string(*q) + ", 'closed', FALSE)"),
                      "");
            return id;
        };
        a = round(2568, name, "2024-10-01");
        b = round(2569, name, "2025-10-01");
        b_later = round(2569, name, "2026-03-01");  // the same name twice in 2569: the later one
        c = round(2570, name, "2026-10-01");        // after the plans' year: never theirs
        round(2569, "รอบ 12 เดือน", "2026-04-01");
        // Units by SQL: today's create_unit writes schema-6 columns.
        for (int i = 0; i < 5; ++i) {
            const Id id = 101 + i;
            ASSERT_EQ(old->execute("INSERT INTO units (id, name) VALUES (" + std::to_string(id) +
                                   ", 'u" + std::to_string(i) + "')"),
                      "");
            units.push_back(id);
        }
    }
    auto plan_sql = [&](Id unit, int year, const std::string& document) {
        return "INSERT INTO plans (unit_id, fiscal_year_be, document, version, updated_at) "
               "VALUES (" +
               std::to_string(unit) + ", " + std::to_string(year) + ", '" + document +
               "', 1, '2025-11-20T03:00:00Z');";
    };
    const std::string named = R"({"format":"itagap-plan/1","source_round":")" + name + R"("})";
    ASSERT_EQ(old->execute(plan_sql(units[0], 2569, named) + plan_sql(units[1], 2568, named) +
                           plan_sql(units[2], 2567, named) +
                           plan_sql(units[3], 2569, R"({"source_round":"ไม่มีรอบนี้"})") +
                           plan_sql(units[4], 2569, R"({"format":"itagap-plan/1"})")),
              "");

    auto store = open_or_die(old->url());
    ASSERT_NE(store, nullptr);
    Status migrated = store->migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.message;
    EXPECT_EQ(*store->schema_version(), kLatestSchemaVersion);
    auto plans = store->list_plans(std::nullopt);
    ASSERT_TRUE(plans.ok()) << plans.status.message;
    std::map<Id, std::optional<Id>> source;
    for (const auto& p : *plans) source[p.unit_id] = p.source_round_id;
    ASSERT_EQ(source.size(), 5u);
    EXPECT_EQ(source[units[0]], std::optional<Id>(b_later));  // 2569: not a (2568), b or c (2570)
    EXPECT_EQ(source[units[1]], std::optional<Id>(a));        // 2568: only a is not after it
    EXPECT_EQ(source[units[2]], std::nullopt);                // 2567: every such round is later
    EXPECT_EQ(source[units[3]], std::nullopt);                // no round has that name
    EXPECT_EQ(source[units[4]], std::nullopt);                // the document names none
    (void)b;
    (void)c;
    auto found = store->find_plan_by_source_round(units[1], a);
    ASSERT_TRUE(found.ok()) << found.status.message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->unit_id, units[1]);
}

// ---- Plans and their source round ---------------------------------------------

TEST_P(StoreTest, APlanKeepsItsSourceRoundAndIsFoundByIt) {
    Id unit = add_unit("u");
    Id other_unit = add_unit("v");
    Id round = add_round(RoundStatus::kClosed, 2568);
    Id later = add_round(RoundStatus::kClosed, 2569);
    PlanRecord record = plan_record(unit, 2569);
    record.source_round_id = round;
    auto id = store_->create_plan(record);
    ASSERT_TRUE(id.ok()) << id.status.message;
    auto no_source = store_->create_plan(plan_record(unit, 2570));
    ASSERT_TRUE(no_source.ok()) << no_source.status.message;

    EXPECT_EQ(store_->get_plan(*id)->source_round_id, std::optional<Id>(round));
    EXPECT_EQ(store_->get_plan(*no_source)->source_round_id, std::nullopt);
    // A save changes the document, not where the plan came from.
    ASSERT_TRUE(store_->save_plan(*id, kPlanV2, 1, "2025-12-01T00:00:00Z").ok());
    EXPECT_EQ(store_->get_plan(*id)->source_round_id, std::optional<Id>(round));

    auto found = store_->find_plan_by_source_round(unit, round);
    ASSERT_TRUE(found.ok()) << found.status.message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->id, *id);
    EXPECT_EQ((*found)->document, kPlanV2);
    EXPECT_FALSE(store_->find_plan_by_source_round(unit, later)->has_value());
    EXPECT_FALSE(store_->find_plan_by_source_round(other_unit, round)->has_value());
    // The round must exist.
    PlanRecord dangling = plan_record(other_unit, 2569);
    dangling.source_round_id = 9999;
    EXPECT_EQ(store_->create_plan(dangling).status.code, StatusCode::kInvalid);
}

// ---- Audit entries written with their change ----------------------------------

AuditEntry entry_of(std::string action, std::optional<Id> user = std::nullopt) {
    return AuditEntry{0, "2025-12-01T09:00:00Z", user, std::move(action), R"({"x":1})", {}};
}

// Every change is written with its audit entry or not at all: an entry the
// database refuses (it names a user that does not exist) rolls the change
// back, and a change that goes through leaves exactly its entry.
TEST_P(StoreTest, AChangeAndItsAuditEntryCommitTogetherOrNotAtAll) {
    const AuditEntry refused = entry_of("refused", Id{987654});
    Id unit = add_unit("u");
    Id round = add_round(RoundStatus::kOpen);
    User user;
    user.username = "someone";
    user.password_hash = "h";
    Id user_id = *store_->create_user(user);
    user.id = user_id;
    auto plan = store_->create_plan(plan_record(unit, 2569));
    ASSERT_TRUE(plan.ok());
    ASSERT_TRUE(store_->list_audit(100)->empty());
    const auto units_before = store_->list_units()->size();
    const Round round_before = *store_->get_round(round);

    // Each refused change, and what shows it changed nothing.
    auto unchanged = [&](const char* what, Status status) {
        EXPECT_FALSE(status.ok()) << what;
        EXPECT_TRUE(store_->list_audit(100)->empty()) << what;
    };
    unchanged("create_unit", store_->create_unit({0, std::nullopt, "new", "", ""}, refused).status);
    EXPECT_EQ(store_->list_units()->size(), units_before);
    unchanged("update_unit", store_->update_unit({unit, std::nullopt, "renamed", "", ""}, refused));
    EXPECT_EQ(store_->get_unit(unit)->name, "u");
    unchanged(
        "add_questionnaire",
        store_->add_questionnaire({0, "k2", "t", "{}", "2025-01-01T00:00:00Z"}, refused).status);
    EXPECT_EQ(store_->list_questionnaires()->size(), 1u);
    Round closed = round_before;
    closed.status = RoundStatus::kClosed;
    unchanged("create_round", store_->create_round(closed, refused).status);
    EXPECT_EQ(store_->list_rounds()->size(), 1u);
    unchanged("update_round", store_->update_round(closed, refused));
    EXPECT_EQ(store_->get_round(round)->status, RoundStatus::kOpen);
    EXPECT_EQ(store_->get_round(round)->revision, round_before.revision);
    unchanged("add_access_codes", store_->add_access_codes({round, unit, {"c1", "c2"}}, refused));
    EXPECT_EQ(codes(round, unit).issued, 0);
    unchanged("import_responses",
              store_->import_responses({response(round, unit, "EIT")}, refused));
    EXPECT_EQ(count(round, unit, "EIT"), 0);
    EXPECT_EQ(store_->get_round(round)->revision, round_before.revision);
    User other;
    other.username = "other";
    other.password_hash = "h";
    unchanged("create_user", store_->create_user(other, refused).status);
    EXPECT_EQ(store_->list_users()->size(), 1u);
    User locked = user;
    locked.failed_sign_ins = 3;
    unchanged("update_user", store_->update_user(locked, refused));
    EXPECT_EQ(store_->get_user(user_id)->failed_sign_ins, 0);
    unchanged("create_plan", store_->create_plan(plan_record(unit, 2570), refused).status);
    EXPECT_EQ(store_->list_plans(std::nullopt)->size(), 1u);
    unchanged("save_plan",
              store_->save_plan(*plan, kPlanV2, 1, "2025-12-01T00:00:00Z", refused).status);
    EXPECT_EQ(store_->get_plan(*plan)->version, 1);
    unchanged("add_evidence",
              store_->add_evidence(evidence_of(*plan, "a.pdf"), "%PDF", refused).status);
    EXPECT_TRUE(store_->list_evidence(*plan)->empty());

    // The same changes with an entry that can be written: one entry each, the
    // created row's id added to the details when asked for.
    AuditEntry created = entry_of("unit.create", user_id);
    created.new_id_key = "unit_id";
    auto new_unit = store_->create_unit({0, std::nullopt, "new", "", ""}, created);
    ASSERT_TRUE(new_unit.ok()) << new_unit.status.message;
    ASSERT_TRUE(store_->update_round(closed, entry_of("round.close", user_id)).ok());
    ASSERT_TRUE(store_->update_user(locked, entry_of("user.sign_in_failed", user_id)).ok());
    auto saved =
        store_->save_plan(*plan, kPlanV2, 1, "2025-12-01T00:00:00Z", entry_of("plan.save"));
    ASSERT_TRUE(saved.ok()) << saved.status.message;
    EXPECT_EQ(*saved, 2);
    auto log = store_->list_audit(100);
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), 4u);
    EXPECT_EQ((*log)[3].action, "unit.create");
    EXPECT_EQ((*log)[3].user_id, std::optional<Id>(user_id));
    EXPECT_EQ((*log)[3].details, R"({"unit_id":)" + std::to_string(*new_unit) + R"(,"x":1})");
    EXPECT_EQ((*log)[2].action, "round.close");
    EXPECT_EQ((*log)[2].details, R"({"x":1})");
    EXPECT_EQ((*log)[1].action, "user.sign_in_failed");
    EXPECT_EQ((*log)[0].action, "plan.save");
    EXPECT_EQ(store_->get_round(round)->status, RoundStatus::kClosed);
    EXPECT_EQ(store_->get_user(user_id)->failed_sign_ins, 3);

    // A change that fails by itself writes no entry either.
    EXPECT_EQ(store_->update_unit({9999, std::nullopt, "x", "", ""}, entry_of("unit.update")).code,
              StatusCode::kNotFound);
    EXPECT_EQ(store_->list_audit(100)->size(), 4u);
}

// ---- Random ids that collide ---------------------------------------------------

// The same database opened with an id source that repeats itself.
std::unique_ptr<Store> open_with_ids(Backend backend, const std::string& url,
                                     std::function<Id()> ids) {
    SqlStoreHooks hooks{std::move(ids)};
    auto store = backend == Backend::kSqlite
                     ? sqlite::open_sqlite_store(url.substr(std::string_view("sqlite:").size()),
                                                 std::move(hooks))
                     : postgres::open_postgres_store(url, std::move(hooks));
    EXPECT_TRUE(store.ok()) << store.status.message;
    return store.ok() ? std::move(*store) : nullptr;
}

// A response id that is already taken is drawn again, on both stores, and the
// submission is stored; only an id source that keeps repeating fails it.
TEST_P(StoreTest, ATakenRandomIdIsDrawnAgain) {
    Id unit = add_unit("u");
    Id round = add_round(RoundStatus::kOpen);
    add_codes(round, unit, {"a", "b", "c", "d"});
    auto plan = store_->create_plan(plan_record(unit, 2569));
    ASSERT_TRUE(plan.ok());
    // 7, then 7 again (taken: drawn again) and 8; then only 7.
    std::vector<Id> sequence{7, 7, 8, 7, 7, 7, 9};
    std::size_t next = 0;
    int drawn = 0;
    auto store = open_with_ids(GetParam(), db_->url(), [&] {
        ++drawn;
        return next < sequence.size() ? sequence[next++] : Id{7};
    });
    ASSERT_NE(store, nullptr);

    EXPECT_EQ(store->submit(iit(round, unit, "a", "first")).outcome, SubmitOutcome::kStored);
    EXPECT_EQ(drawn, 1);
    EXPECT_EQ(store->submit(iit(round, unit, "b", "second")).outcome, SubmitOutcome::kStored);
    EXPECT_EQ(drawn, 3);  // 7 (taken), 8
    EXPECT_EQ(count(round, unit, "IIT"), 2);

    // Evidence ids are drawn the same way: 7 (free there), then 7, 7 (taken) and 9.
    auto first = store->add_evidence(evidence_of(*plan, "a.pdf"), "%PDF-a");
    ASSERT_TRUE(first.ok()) << first.status.message;
    EXPECT_EQ(*first, 7);
    auto second = store->add_evidence(evidence_of(*plan, "b.pdf"), "%PDF-b");
    ASSERT_TRUE(second.ok()) << second.status.message;
    EXPECT_EQ(*second, 9);
    EXPECT_EQ(store->list_evidence(*plan)->size(), 2u);

    // Nothing but 7 from now on: four tries, then the submission fails and
    // leaves its code unused.
    const SubmitResult stuck = store->submit(iit(round, unit, "c"));
    EXPECT_EQ(stuck.outcome, SubmitOutcome::kFailed);
    EXPECT_EQ(stuck.error.code, StatusCode::kUnavailable) << stuck.error.message;
    EXPECT_EQ(count(round, unit, "IIT"), 2);
    EXPECT_EQ(codes(round, unit).used, 2);
}

// ---- Corrupt rows -------------------------------------------------------------

// A status or role the schema does not know (a damaged row, or one written by
// hand) is an error naming the table, row and value, never read as a default.
TEST_P(StoreTest, AnUnknownStatusOrRoleInARowIsAnError) {
    Id round = add_round(RoundStatus::kOpen);
    User user;
    user.username = "someone";
    user.password_hash = "h";
    Id user_id = *store_->create_user(user);
    const bool sqlite = GetParam() == Backend::kSqlite;
    const std::string corrupt =
        (sqlite ? std::string("PRAGMA ignore_check_constraints = ON;")
                : std::string("ALTER TABLE rounds DROP CONSTRAINT rounds_status_check;"
                              "ALTER TABLE users DROP CONSTRAINT users_role_check;")) +
        "UPDATE rounds SET status = 'bogus' WHERE id = " + std::to_string(round) + ";" +
        "UPDATE users SET role = 'wizard' WHERE id = " + std::to_string(user_id) + ";";
    ASSERT_EQ(db_->execute(corrupt), "");

    auto got = store_->get_round(round);
    EXPECT_EQ(got.status.code, StatusCode::kInternal);
    EXPECT_NE(got.status.message.find("rounds row " + std::to_string(round)), std::string::npos)
        << got.status.message;
    EXPECT_NE(got.status.message.find("'bogus'"), std::string::npos) << got.status.message;
    EXPECT_EQ(store_->list_rounds().status.code, StatusCode::kInternal);

    auto u = store_->get_user(user_id);
    EXPECT_EQ(u.status.code, StatusCode::kInternal);
    EXPECT_NE(u.status.message.find("users row " + std::to_string(user_id)), std::string::npos)
        << u.status.message;
    EXPECT_NE(u.status.message.find("'wizard'"), std::string::npos) << u.status.message;
    EXPECT_EQ(store_->find_user("someone").status.code, StatusCode::kInternal);
    EXPECT_EQ(store_->list_users().status.code, StatusCode::kInternal);
}

// ---- Not per backend --------------------------------------------------------

TEST(StoreStrings, RoundStatusAndRoleRoundTrip) {
    for (RoundStatus s : {RoundStatus::kDraft, RoundStatus::kOpen, RoundStatus::kClosed}) {
        EXPECT_EQ(round_status_from_string(to_string(s)), s);
    }
    EXPECT_EQ(to_string(RoundStatus::kOpen), "open");
    EXPECT_EQ(to_string(RoundStatus::kDraft), "draft");
    EXPECT_EQ(to_string(RoundStatus::kClosed), "closed");
    EXPECT_EQ(round_status_from_string("Open"), std::nullopt);
    EXPECT_EQ(round_status_from_string(""), std::nullopt);
    for (Role r : {Role::kAdmin, Role::kUnitCoordinator, Role::kExecutive}) {
        EXPECT_EQ(role_from_string(to_string(r)), r);
    }
    EXPECT_EQ(to_string(Role::kUnitCoordinator), "unit_coordinator");
    EXPECT_EQ(role_from_string("root"), std::nullopt);
}

TEST(StoreUrl, UnknownFormsAreRefusedWithTheAcceptedOnes) {
    for (const char* url : {"", "mysql://x", "sqlite:", "file:itagap.db", "postgresq://x"}) {
        auto store = open_store(url);
        EXPECT_FALSE(store.ok()) << url;
        EXPECT_EQ(store.status.code, StatusCode::kInvalid) << url;
    }
    auto store = open_store("mysql://x");
    EXPECT_NE(store.status.message.find("sqlite:PATH"), std::string::npos);
    EXPECT_NE(store.status.message.find("postgresql://"), std::string::npos);
}

TEST(StoreUrl, InMemorySqliteWorks) {
    auto store = open_store("sqlite::memory:");
    ASSERT_TRUE(store.ok()) << store.status.message;
    ASSERT_TRUE((*store)->migrate().ok());
    auto id = (*store)->create_unit({0, std::nullopt, "u", "", ""});
    ASSERT_TRUE(id.ok());
    EXPECT_EQ((*store)->get_unit(*id)->name, "u");
    EXPECT_EQ((*store)->list_units()->size(), 1u);
}

TEST(StoreUrl, UnreachablePostgresIsUnavailable) {
    auto store = open_store("postgresql://nobody@127.0.0.1:1/itagap?connect_timeout=2");
    EXPECT_EQ(store.status.code, StatusCode::kUnavailable) << store.status.message;
}

TEST(StoreUrl, MissingSqliteDirectoryIsUnavailable) {
    auto store = open_store("sqlite:/nonexistent-dir-itagap/x.db");
    EXPECT_EQ(store.status.code, StatusCode::kUnavailable) << store.status.message;
}

}  // namespace
}  // namespace itagap::store

// ---- Schema 6: a real installation (issue 12) ---------------------------------

namespace itagap::store {
namespace {

TEST_P(StoreTest, UnitsKeepTheirStaffAndClientCountsNeverNegative) {
    Unit unit{0, std::nullopt, "กองตัวอย่าง", "กต.", "", 120, std::nullopt};
    auto id = store_->create_unit(unit);
    ASSERT_TRUE(id.ok()) << id.status.message;
    auto got = store_->get_unit(*id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->staff_count, std::optional<std::int64_t>(120));
    EXPECT_EQ(got->client_count, std::nullopt);
    got->client_count = 0;
    got->staff_count = std::nullopt;
    ASSERT_TRUE(store_->update_unit(*got).ok());
    auto listed = store_->list_units();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().staff_count, std::nullopt);
    EXPECT_EQ(listed->front().client_count, std::optional<std::int64_t>(0));
    Unit negative = unit;
    negative.staff_count = -1;
    EXPECT_EQ(store_->create_unit(negative).status.code, StatusCode::kInvalid);
    got->client_count = -5;
    EXPECT_EQ(store_->update_unit(*got).code, StatusCode::kInvalid);
}

TEST_P(StoreTest, SettingsAreSetReplacedAndAudited) {
    auto none = store_->get_setting(kSettingAgencyName);
    ASSERT_TRUE(none.ok()) << none.status.message;
    EXPECT_EQ(*none, std::nullopt);
    AuditEntry entry{0, "2026-12-02T01:00:00Z", std::nullopt, "agency.set", "{}", {}};
    ASSERT_TRUE(store_->set_setting(kSettingAgencyName, "กรมตัวอย่าง", entry).ok());
    ASSERT_TRUE(store_->set_setting(kSettingAgencyName, "กรมควบคุมโรค").ok());
    auto got = store_->get_setting(kSettingAgencyName);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, std::optional<std::string>("กรมควบคุมโรค"));
    auto log = store_->list_audit(10);
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), 1u);
    EXPECT_EQ(log->front().action, "agency.set");
}

TEST_P(StoreTest, ARoundIsDeletedWithItsCodesOnlyWhileItHoldsNoResponse) {
    Id unit = add_unit("u");
    Id empty = add_round(RoundStatus::kOpen);
    Id answered = add_round(RoundStatus::kOpen);
    add_codes(empty, unit, {"h1", "h2"});
    add_codes(answered, unit, {"h3"});
    ASSERT_EQ(store_->submit(iit(answered, unit, "h3")).outcome, SubmitOutcome::kStored);

    EXPECT_EQ(store_->delete_round(answered).code, StatusCode::kConflict);
    EXPECT_TRUE(store_->get_round(answered).ok());
    EXPECT_EQ(codes(answered, unit).issued, 1);

    AuditEntry entry{0, "2026-12-02T01:00:00Z", std::nullopt, "round.delete", "{}", {}};
    ASSERT_TRUE(store_->delete_round(empty, entry).ok());
    EXPECT_EQ(store_->get_round(empty).status.code, StatusCode::kNotFound);
    EXPECT_EQ(codes(empty, unit).issued, 0);
    EXPECT_EQ(store_->delete_round(empty).code, StatusCode::kNotFound);
    auto log = store_->list_audit(10);
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), 1u);
    EXPECT_EQ(log->front().action, "round.delete");

    // A plan started from a round keeps it too.
    Id planned = add_round(RoundStatus::kClosed);
    ASSERT_TRUE(
        store_->create_plan({0, unit, 2569, "{}", 1, "2026-01-01T00:00:00Z", planned}).ok());
    EXPECT_EQ(store_->delete_round(planned).code, StatusCode::kConflict);
}

TEST_P(StoreTest, CreateUnitsIsAllOrNothingWithParentsFromTheBatch) {
    Id top = add_unit("top");
    std::vector<NewUnit> batch{
        {Unit{0, top, "กอง ก", "ก.", "", 50, 10}, std::nullopt},
        {Unit{0, std::nullopt, "งาน ข", "ข.", "", 12, std::nullopt}, std::size_t{0}},
    };
    auto ids = store_->create_units(batch);
    ASSERT_TRUE(ids.ok()) << ids.status.message;
    ASSERT_EQ(ids->size(), 2u);
    auto child = store_->get_unit((*ids)[1]);
    ASSERT_TRUE(child.ok());
    EXPECT_EQ(child->parent_id, std::optional<Id>((*ids)[0]));
    EXPECT_EQ(child->staff_count, std::optional<std::int64_t>(12));
    auto parent = store_->get_unit((*ids)[0]);
    ASSERT_TRUE(parent.ok());
    EXPECT_EQ(parent->parent_id, std::optional<Id>(top));

    // A bad third unit (negative count) undoes the two before it.
    std::vector<NewUnit> bad{
        {Unit{0, top, "กอง ค", "ค.", "", 5, std::nullopt}, std::nullopt},
        {Unit{0, std::nullopt, "งาน ง", "ง.", "", 5, std::nullopt}, std::size_t{0}},
        {Unit{0, top, "งาน จ", "จ.", "", -3, std::nullopt}, std::nullopt},
    };
    EXPECT_EQ(store_->create_units(bad).status.code, StatusCode::kInvalid);
    std::vector<NewUnit> forward{{Unit{0, top, "x", "x", "", 1, std::nullopt}, std::size_t{0}}};
    EXPECT_EQ(store_->create_units(forward).status.code, StatusCode::kInvalid);
    auto units = store_->list_units();
    ASSERT_TRUE(units.ok());
    EXPECT_EQ(units->size(), 3u);
}

TEST_P(StoreTest, CreateUsersIsAllOrNothing) {
    User a;
    a.username = "somchai";
    a.password_hash = "h";
    a.role = Role::kExecutive;
    User b = a;
    b.username = "somying";
    auto ids = store_->create_users({a, b});
    ASSERT_TRUE(ids.ok()) << ids.status.message;
    EXPECT_EQ(ids->size(), 2u);
    User c = a;
    c.username = "new.one";
    User taken = a;
    taken.username = "SOMCHAI";  // the same ignoring case
    EXPECT_EQ(store_->create_users({c, taken}).status.code, StatusCode::kConflict);
    EXPECT_EQ(store_->find_user("new.one").status.code, StatusCode::kNotFound);
    auto users = store_->list_users();
    ASSERT_TRUE(users.ok());
    EXPECT_EQ(users->size(), 2u);
}

}  // namespace
}  // namespace itagap::store
