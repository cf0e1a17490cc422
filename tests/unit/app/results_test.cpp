// The app layer on a real store (SQLite file, and PostgreSQL when
// ITAGAP_TEST_POSTGRES_URL is set): the demo CSV imported into a round scores
// exactly as the core scores the CSV itself, and a later round sees it as
// its previous round.
#include "app/results.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/import_responses.hpp"
#include "core/number_format.hpp"
#include "input/questionnaire_json.hpp"
#include "input/responses_csv.hpp"
#include "store_backed_test.hpp"

namespace itagap::app {
namespace {

using store::testing::Backend;

const char* kUnitName = "ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)";
const char* kRoundName = "ITA 2568 รอบ 5 เดือนแรก";

class AppResultsTest : public testing::StoreBackedTest {
protected:
    void SetUp() override {
        StoreBackedTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;

        questionnaire_json_ =
            testing::read_source_file("data/questionnaires/ita-internal-2568.json");
        auto q = input::parse_questionnaire_json(questionnaire_json_, "q.json");
        ASSERT_TRUE(q.ok());
        q_ = std::move(q).value();
        auto qid = store_->add_questionnaire(
            {0, q_.id, q_.title.th, questionnaire_json_, "2025-10-01T00:00:00Z"});
        ASSERT_TRUE(qid.ok()) << qid.status.message;
        questionnaire_id_ = *qid;
        auto unit =
            store_->create_unit({0, std::nullopt, "ศูนย์ความร่วมมือระหว่างประเทศ", "ศรป.", "ICC"});
        ASSERT_TRUE(unit.ok()) << unit.status.message;
        unit_id_ = *unit;
    }

    store::Round make_round(const std::string& name, const std::string& opens_on) {
        store::Round round{
            0,    2568, name, opens_on, opens_on, questionnaire_id_, store::RoundStatus::kClosed,
            false};
        auto id = store_->create_round(round);
        EXPECT_TRUE(id.ok()) << id.status.message;
        round.id = *id;
        return round;
    }

    std::string questionnaire_json_;
    core::Questionnaire q_;
    store::Id questionnaire_id_ = 0;
    store::Id unit_id_ = 0;
};

TEST_P(AppResultsTest, ImportedDemoScoresExactlyAsTheCsvItself) {
    // The demo CSV names the unit with its short name in parentheses; the
    // import matches units by name or short name, so rename the unit's name.
    store::Unit unit = *store_->get_unit(unit_id_);
    unit.name = kUnitName;
    ASSERT_TRUE(store_->update_unit(unit).ok());
    store::Round round = make_round(kRoundName, "2024-10-01");

    const std::string csv = testing::read_source_file("data/demo/responses.csv");
    auto imported = import_responses_csv(*store_, q_, round, csv, "responses.csv", "2025-03-01");
    ASSERT_TRUE(imported.ok()) << imported.status.message;
    ASSERT_TRUE(imported->ok()) << core::to_string(imported->errors());
    EXPECT_EQ((*imported)->responses, 26u);

    QuestionnaireCache cache(*store_);
    auto results = unit_round_results(*store_, cache, round.id, unit_id_, 85);
    ASSERT_TRUE(results.ok()) << results.status.message;

    // The same figures as scoring the CSV directly.
    auto direct = input::parse_responses_csv(q_, csv, "responses.csv");
    auto direct_scores = core::score_all(q_, direct.value());
    const auto& a = results->score;
    const auto& b = direct_scores[0];
    ASSERT_EQ(a.instruments.size(), b.instruments.size());
    for (std::size_t i = 0; i < a.instruments.size(); ++i) {
        EXPECT_EQ(a.instruments[i].respondents, b.instruments[i].respondents);
        EXPECT_DOUBLE_EQ(a.instruments[i].score, b.instruments[i].score);
        for (std::size_t k = 0; k < a.instruments[i].indicators.size(); ++k) {
            for (std::size_t j = 0; j < a.instruments[i].indicators[k].items.size(); ++j) {
                EXPECT_EQ(a.instruments[i].indicators[k].items[j].option_counts,
                          b.instruments[i].indicators[k].items[j].option_counts);
            }
        }
    }
    const auto& i12 = a.instruments[0].indicators[0].items[11];
    EXPECT_EQ(i12.favourable, 9u);
    EXPECT_EQ(core::format_score(i12.score), "81.82");
    EXPECT_FALSE(results->previous_round.has_value());
    EXPECT_EQ(results->gaps.instruments[0].misread[0].flagged, 2u);
}

TEST_P(AppResultsTest, ImportRejectsAnotherRoundOrAnUnknownUnitAndStoresNothing) {
    store::Round round = make_round("รอบอื่น", "2024-10-01");
    const std::string csv = testing::read_source_file("data/demo/responses.csv");
    auto imported = import_responses_csv(*store_, q_, round, csv, "responses.csv", "2025-03-01");
    ASSERT_TRUE(imported.ok()) << imported.status.message;  // the store is fine: the file is not
    ASSERT_FALSE(imported->ok());
    EXPECT_EQ(imported->errors()[0].where, "round");
    EXPECT_EQ(*store_->count_responses(round.id, unit_id_, "IIT"), 0);

    const std::string unknown_unit =
        "unit,round,instrument,respondent,i1\nหน่วยที่ไม่มี,รอบอื่น,IIT,a,4\n";
    imported = import_responses_csv(*store_, q_, round, unknown_unit, "u.csv", "2025-03-01");
    ASSERT_TRUE(imported.ok()) << imported.status.message;
    ASSERT_FALSE(imported->ok());
    EXPECT_EQ(imported->errors()[0].where, "unit");
    EXPECT_EQ(imported->errors()[0].value, "หน่วยที่ไม่มี");
}

TEST_P(AppResultsTest, AStoreThatFailsIsAStoreFailureNotABadFile) {
    store::Round round = make_round(kRoundName, "2024-10-01");
    const std::string csv =
        "unit,round,instrument,respondent,i1\nศรป.," + std::string(kRoundName) + ",IIT,a,4\n";
    // The rows are fine; the table they go into is gone.
    ASSERT_EQ(db_->execute("ALTER TABLE responses RENAME TO responses_gone"), "");
    auto imported = import_responses_csv(*store_, q_, round, csv, "r.csv", "2025-03-01");
    ASSERT_FALSE(imported.ok());
    EXPECT_NE(imported.status.code, store::StatusCode::kInvalid);
    EXPECT_NE(imported.status.code, store::StatusCode::kNotFound);
    ASSERT_EQ(db_->execute("ALTER TABLE responses_gone RENAME TO responses"), "");
    auto again = import_responses_csv(*store_, q_, round, csv, "r.csv", "2025-03-01");
    ASSERT_TRUE(again.ok()) << again.status.message;
    ASSERT_TRUE(again->ok()) << core::to_string(again->errors());
    EXPECT_EQ((*again)->responses, 1u);
}

TEST_P(AppResultsTest, TheEarlierRoundOfTheUnitIsThePreviousRound) {
    store::Round first = make_round("รอบ 1", "2024-10-01");
    store::Round second = make_round("รอบ 2", "2025-04-01");
    // Round 1: i1 answered by two staff, one favourable (50); round 2: both (100).
    auto csv_for = [](const std::string& round, const char* a, const char* b) {
        return "unit,round,instrument,respondent,i1\nศรป.," + round + ",IIT,x," + a + "\nศรป.," +
               round + ",IIT,y," + b + "\n";
    };
    auto a =
        import_responses_csv(*store_, q_, first, csv_for("รอบ 1", "6", "1"), "a.csv", "2024-11-01");
    ASSERT_TRUE(a.ok() && a->ok());
    auto b = import_responses_csv(*store_, q_, second, csv_for("รอบ 2", "6", "5"), "b.csv",
                                  "2025-05-01");
    ASSERT_TRUE(b.ok() && b->ok());

    QuestionnaireCache cache(*store_);
    auto results = unit_round_results(*store_, cache, second.id, unit_id_, 85);
    ASSERT_TRUE(results.ok()) << results.status.message;
    ASSERT_TRUE(results->previous_round.has_value());
    EXPECT_EQ(results->previous_round->id, first.id);
    bool found = false;
    for (const auto& c : results->gaps.changes) {
        if (c.level == core::ChangeLevel::kItem && q_.items[c.index].code == "i1") {
            EXPECT_DOUBLE_EQ(c.previous, 50.0);
            EXPECT_DOUBLE_EQ(c.current, 100.0);
            found = true;
        }
    }
    EXPECT_TRUE(found);

    auto first_results = unit_round_results(*store_, cache, first.id, unit_id_, 85);
    EXPECT_FALSE(first_results->previous_round.has_value());
}

ITAGAP_ON_BOTH_STORES(AppResultsTest);

}  // namespace
}  // namespace itagap::app
