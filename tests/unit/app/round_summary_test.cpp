// Whole-round summaries on a real store (SQLite file, and PostgreSQL when
// ITAGAP_TEST_POSTGRES_URL is set): every unit's figures from one pass over
// the round, equal to scoring the unit alone, and a cache that is reused only
// while the round cannot have changed.
#include "app/round_summary.hpp"

#include <gtest/gtest.h>

#include "app/import_responses.hpp"
#include "core/number_format.hpp"
#include "input/questionnaire_json.hpp"
#include "store_backed_test.hpp"

namespace itagap::app {
namespace {

class RoundSummaryTest : public testing::StoreBackedTest {
protected:
    void SetUp() override {
        StoreBackedTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        const std::string json =
            testing::read_source_file("data/questionnaires/ita-internal-2568.json");
        auto q = input::parse_questionnaire_json(json, "q.json");
        ASSERT_TRUE(q.ok());
        q_ = std::move(q).value();
        auto qid = store_->add_questionnaire({0, q_.id, q_.title.th, json, "2025-10-01T00:00:00Z"});
        ASSERT_TRUE(qid.ok()) << qid.status.message;
        for (const char* name : {"หน่วย ก", "หน่วย ข", "หน่วย ค", "หน่วย ง"}) {
            auto id = store_->create_unit({0, std::nullopt, name, "", ""});
            ASSERT_TRUE(id.ok()) << id.status.message;
            units_.push_back(*id);
        }
        round_ = store::Round{
            0, 2569, "รอบ 1", "2025-10-01", "2026-02-28", *qid, store::RoundStatus::kClosed, false};
        auto rid = store_->create_round(round_);
        ASSERT_TRUE(rid.ok()) << rid.status.message;
        round_ = *store_->get_round(*rid);
    }

    // Imports "unit,respondent,i1 answer" rows into the round.
    void import(const std::string& rows) {
        const std::string csv = "unit,round,instrument,respondent,i1\n" + rows;
        auto imported = import_responses_csv(*store_, q_, round_, csv, "r.csv", "2025-11-01");
        ASSERT_TRUE(imported.ok()) << imported.status.message;
        ASSERT_TRUE(imported->ok()) << core::to_string(imported->errors());
        round_ = *store_->get_round(round_.id);
    }

    core::Questionnaire q_;
    std::vector<store::Id> units_;
    store::Round round_;
};

TEST_P(RoundSummaryTest, EveryUnitOfTheRoundFromOnePass) {
    // ก: i1 answered 6 and 5, both favourable: i1 = indicator 1 = IIT = 100,
    // and with no EIT the total is IIT alone (weights rescaled) = 100, AA.
    // ข: 6 and 1, one of two favourable: 50 everywhere, grade E, below 85.
    // ค: only access codes. ง: nothing at all.
    import(
        "หน่วย ก,รอบ 1,IIT,a,6\nหน่วย ก,รอบ 1,IIT,b,5\n"
        "หน่วย ข,รอบ 1,IIT,c,6\nหน่วย ข,รอบ 1,IIT,d,1\n");
    ASSERT_TRUE(store_->add_access_codes({round_.id, units_[2], {"h1", "h2", "h3"}}).ok());
    ASSERT_TRUE(store_->add_access_codes({round_.id, units_[0], {"h4", "h5"}}).ok());

    QuestionnaireCache questionnaires(*store_);
    auto summary = summarise_round(*store_, questionnaires, round_, 85, "2026-01-01T00:00:00Z");
    ASSERT_TRUE(summary.ok()) << summary.status.message;
    EXPECT_EQ(summary->responses, 4);
    EXPECT_EQ(summary->damaged, 0);
    ASSERT_EQ(summary->units.size(), 3u);  // ง has no line
    EXPECT_EQ(summary->find(units_[3]), nullptr);

    const UnitSummary* a = summary->find(units_[0]);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->stored, (std::vector<std::int64_t>{2, 0, 0}));  // IIT, EIT, OIT
    EXPECT_EQ(a->instruments[0].respondents, 2u);
    EXPECT_TRUE(a->instruments[0].has_data);
    EXPECT_FALSE(a->instruments[1].has_data);
    ASSERT_TRUE(a->ita_total.has_value());
    EXPECT_DOUBLE_EQ(*a->ita_total, 100.0);
    EXPECT_EQ(a->ita_grade, "AA");
    EXPECT_FALSE(a->total_below_target);
    EXPECT_EQ(a->indicators_below_target, 0u);
    EXPECT_EQ(a->codes.issued, 2);
    EXPECT_EQ(a->codes.used, 0);

    const UnitSummary* b = summary->find(units_[1]);
    ASSERT_NE(b, nullptr);
    EXPECT_DOUBLE_EQ(*b->ita_total, 50.0);
    EXPECT_EQ(b->ita_grade, "E");
    EXPECT_TRUE(b->total_below_target);
    EXPECT_EQ(b->indicators_below_target, 1u);  // indicator 1 at 50

    const UnitSummary* c = summary->find(units_[2]);
    ASSERT_NE(c, nullptr);
    EXPECT_FALSE(c->ita_total.has_value());
    EXPECT_EQ(c->stored, (std::vector<std::int64_t>{0, 0, 0}));
    EXPECT_EQ(c->codes.issued, 3);

    // The same totals as scoring each unit alone.
    for (store::Id unit : {units_[0], units_[1]}) {
        auto alone = unit_round_results(*store_, questionnaires, round_.id, unit, 85);
        ASSERT_TRUE(alone.ok());
        EXPECT_DOUBLE_EQ(*alone->score.ita_total, *summary->find(unit)->ita_total);
    }
}

TEST_P(RoundSummaryTest, AClosedRoundIsReusedUntilItsRevisionChanges) {
    import("หน่วย ก,รอบ 1,IIT,a,6\n");
    QuestionnaireCache questionnaires(*store_);
    RoundSummaryCache cache(*store_, questionnaires, std::chrono::seconds(0));
    auto first = cache.get(round_, 85, "t1");
    ASSERT_TRUE(first.ok()) << first.status.message;
    auto again = cache.get(*store_->get_round(round_.id), 85, "t2");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(first->get(), again->get());  // the same summary, not made again
    EXPECT_EQ((*again)->made_at, "t1");

    // An import changes the revision: the next request reads the round again.
    const auto before = round_.revision;
    import("หน่วย ก,รอบ 1,IIT,b,1\n");
    EXPECT_GT(round_.revision, before);
    auto after = cache.get(round_, 85, "t3");
    ASSERT_TRUE(after.ok());
    EXPECT_NE(after->get(), first->get());
    EXPECT_EQ((*after)->find(units_[0])->stored[0], 2);
    EXPECT_DOUBLE_EQ(*(*after)->find(units_[0])->ita_total, 50.0);

    // So does reopening it (update_round), and an open round with a zero
    // lifetime is read on every request.
    store::Round open = round_;
    open.status = store::RoundStatus::kOpen;
    ASSERT_TRUE(store_->update_round(open).ok());
    open = *store_->get_round(round_.id);
    EXPECT_GT(open.revision, round_.revision);
    auto open_first = cache.get(open, 85, "t4");
    auto open_second = cache.get(open, 85, "t5");
    ASSERT_TRUE(open_first.ok() && open_second.ok());
    EXPECT_NE(open_first->get(), open_second->get());
    // Another target is another summary.
    auto other_target = cache.get(round_, 90, "t6");
    ASSERT_TRUE(other_target.ok());
    EXPECT_DOUBLE_EQ((*other_target)->target, 90);
}

TEST_P(RoundSummaryTest, AnOpenRoundIsReusedForItsLifetime) {
    store::Round open = round_;
    open.status = store::RoundStatus::kOpen;
    ASSERT_TRUE(store_->update_round(open).ok());
    open = *store_->get_round(round_.id);
    ASSERT_TRUE(store_->add_access_codes({open.id, units_[0], {"h1"}}).ok());
    QuestionnaireCache questionnaires(*store_);
    RoundSummaryCache cache(*store_, questionnaires, std::chrono::hours(1));
    auto first = cache.get(open, 85, "t1");
    ASSERT_TRUE(first.ok());
    EXPECT_EQ((*first)->responses, 0);
    // Every IIT item at its most favourable option: 6 of 6, or 1 where the
    // item is reverse-scored; so every figure is 100.
    std::vector<std::uint8_t> answers;
    const core::ResponseTable iit(q_, 0, "", "");
    for (int item : iit.item_of_column()) {
        answers.push_back(q_.items[static_cast<std::size_t>(item)].reverse ? 1 : 6);
    }
    store::Submission submission;
    submission.response = {open.id, units_[0], "IIT", "2025-11-02", answers, ""};
    submission.access_code_hash = "h1";
    ASSERT_EQ(store_->submit(submission).outcome, store::SubmitOutcome::kStored);
    // A submission does not change the revision, so within the lifetime the
    // summary made before it is still served...
    const store::Round now_open = *store_->get_round(open.id);
    EXPECT_EQ(now_open.revision, open.revision);
    auto second = cache.get(now_open, 85, "t2");
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(first->get(), second->get());
    // ...and after it (a zero lifetime here) the round is read again.
    RoundSummaryCache short_lived(*store_, questionnaires, std::chrono::seconds(0));
    auto third = short_lived.get(now_open, 85, "t3");
    ASSERT_TRUE(third.ok());
    EXPECT_EQ((*third)->responses, 1);
    EXPECT_EQ((*third)->find(units_[0])->codes.used, 1);
    EXPECT_DOUBLE_EQ(*(*third)->find(units_[0])->ita_total, 100.0);
}

ITAGAP_ON_BOTH_STORES(RoundSummaryTest);

}  // namespace
}  // namespace itagap::app
