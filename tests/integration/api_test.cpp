// The JSON API through real HTTP on loopback, against each store: sign-in by
// the admin session cookie, scores equal to the core's on the demo data, the
// public results of published rounds only.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/scoring.hpp"
#include "input/questionnaire_json.hpp"
#include "input/responses_csv.hpp"
#include "security/passwords.hpp"
#include "site_harness.hpp"

namespace itagap::testing {
namespace {

using nlohmann::json;

std::string read_source(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

constexpr const char* kPassword = "correct horse battery";

class ApiTest : public SiteTest {
protected:
    Browser signed_in(store::Role role, bool must_change = false) {
        store::User user;
        user.username = "api-user";
        user.password_hash =
            security::hash_password(kPassword, security::PasswordHashLimits::minimum_for_tests());
        user.role = role;
        user.must_change_password = must_change;
        EXPECT_TRUE(site_->store().create_user(user).ok());
        Browser browser(site_->port());
        auto fields = hidden_fields(browser.get("/admin/sign-in").body());
        fields["username"] = user.username;
        fields["password"] = kPassword;
        EXPECT_EQ(browser.post("/admin/sign-in", fields).result(), http::status::see_other);
        return browser;
    }

    static json body_of(const ClientResponse& response) {
        return json::parse(response.body(), nullptr, false);
    }

    std::string results_path(bool is_public, store::Id round) const {
        return std::string(is_public ? "/api/public" : "/api") + "/rounds/" +
               std::to_string(round) + "/units/" + std::to_string(site_->demo().unit_id) +
               "/results";
    }
};

TEST_P(ApiTest, WithoutASessionEverythingButThePublicResultsIs401) {
    Browser browser(site_->port());
    for (const std::string target : {"/api/me", "/api/units", "/api/rounds",
                                     "/api/rounds/1/overview", "/api/rounds/1/units/1/results"}) {
        ClientResponse r = browser.get(target);
        EXPECT_EQ(r.result(), http::status::unauthorized) << target;
        EXPECT_EQ(body_of(r), json({{"error", "not_signed_in"}})) << target;
    }
    browser.cookies["itagap_session"] = std::string(43, 'A');  // a made-up session
    EXPECT_EQ(browser.get("/api/me").result(), http::status::unauthorized);
}

TEST_P(ApiTest, MeUnitsAndRounds) {
    Browser browser = signed_in(store::Role::kExecutive);
    json me = body_of(browser.get("/api/me"));
    EXPECT_EQ(me["username"], "api-user");
    EXPECT_EQ(me["role"], "executive");
    EXPECT_EQ(me["csrf_token"].get<std::string>().size(), 43u);
    EXPECT_FALSE(me.contains("password_hash"));

    json units = body_of(browser.get("/api/units"))["units"];
    ASSERT_EQ(units.size(), 2u);
    EXPECT_EQ(units[1]["name"], "ศูนย์ความร่วมมือระหว่างประเทศ");
    EXPECT_EQ(units[1]["parent_id"], units[0]["id"]);

    json rounds = body_of(browser.get("/api/rounds"))["rounds"];
    ASSERT_EQ(rounds.size(), 2u);
    EXPECT_EQ(rounds[0]["name"], "ITA 2569 รอบ 1");  // newest first
    EXPECT_EQ(rounds[0]["status"], "open");
    EXPECT_EQ(rounds[1]["results_published"], true);
    EXPECT_EQ(rounds[1]["fiscal_year_be"], 2568);
}

TEST_P(ApiTest, AForcedPasswordChangeBlocksAllButMe) {
    Browser browser = signed_in(store::Role::kAdmin, true);
    EXPECT_EQ(browser.get("/api/me").result(), http::status::ok);
    ClientResponse r = browser.get("/api/units");
    EXPECT_EQ(r.result(), http::status::forbidden);
    EXPECT_EQ(body_of(r)["error"], "password_change_required");
}

TEST_P(ApiTest, ResultsEqualTheCoresScoresOfTheDemoCsv) {
    const std::string q_text = read_source("data/questionnaires/ita-internal-2568.json");
    auto q = input::parse_questionnaire_json(q_text, "q.json");
    ASSERT_TRUE(q.ok());
    auto responses = input::parse_responses_csv(q.value(), read_source("data/demo/responses.csv"),
                                                "responses.csv");
    ASSERT_TRUE(responses.ok()) << core::to_string(responses.errors());
    const auto scores = core::score_all(q.value(), responses.value());
    ASSERT_EQ(scores.size(), 1u);
    const core::UnitRoundScore& expected = scores[0];

    Browser browser = signed_in(store::Role::kAdmin);
    ClientResponse r = browser.get(results_path(false, site_->demo().seed_round_id));
    ASSERT_EQ(r.result(), http::status::ok) << r.body();
    const json body = body_of(r);
    ASSERT_EQ(body["units"].size(), 1u);
    const json& unit = body["units"][0];
    EXPECT_EQ(body["questionnaire"], "ita-internal-2568");
    EXPECT_DOUBLE_EQ(unit["ita_total"].get<double>(), *expected.ita_total);
    EXPECT_EQ(unit["ita_total_text"], "94.87");
    EXPECT_EQ(unit["ita_grade"], expected.ita_grade);
    std::size_t items_compared = 0;
    for (const auto& instrument : expected.instruments) {
        if (!instrument.has_data()) continue;
        const std::string code = q->instruments[instrument.instrument].code;
        const json* found = nullptr;
        for (const auto& j : unit["instruments"]) {
            if (j["instrument"] == code) found = &j;
        }
        ASSERT_NE(found, nullptr) << code;
        EXPECT_DOUBLE_EQ((*found)["score"].get<double>(), instrument.score) << code;
        EXPECT_EQ((*found)["respondents"], instrument.respondents) << code;
        ASSERT_EQ((*found)["indicators"].size(), instrument.indicators.size());
        for (std::size_t i = 0; i < instrument.indicators.size(); ++i) {
            const auto& ind = instrument.indicators[i];
            const json& ji = (*found)["indicators"][i];
            EXPECT_EQ(ji["indicator"], q->indicators[ind.indicator].number);
            EXPECT_DOUBLE_EQ(ji["score"].get<double>(), ind.score);
            EXPECT_EQ(ji["favourable"], ind.favourable);
            EXPECT_EQ(ji["answers"], ind.answers);
            for (std::size_t k = 0; k < ind.items.size(); ++k) {
                const json& jk = ji["items"][k];
                EXPECT_EQ(jk["code"], q->items[ind.items[k].item].code);
                EXPECT_DOUBLE_EQ(jk["score"].get<double>(), ind.items[k].score);
                EXPECT_DOUBLE_EQ(jk["ci95"][0].get<double>(), ind.items[k].ci95.low);
                EXPECT_DOUBLE_EQ(jk["ci95"][1].get<double>(), ind.items[k].ci95.high);
                EXPECT_EQ(jk["favourable"], ind.items[k].favourable);
                EXPECT_EQ(jk["answers"], ind.items[k].answers);
                ++items_compared;
            }
        }
    }
    EXPECT_EQ(items_compared, 40u);
    EXPECT_EQ(body["live_counts"]["IIT"], 11);
    EXPECT_EQ(body["live_counts"]["EIT"], 15);
    EXPECT_EQ(body["round_id"], site_->demo().seed_round_id);

    json overview = body_of(
        browser.get("/api/rounds/" + std::to_string(site_->demo().seed_round_id) + "/overview"));
    ASSERT_EQ(overview["units"].size(), 2u);
    EXPECT_EQ(overview["units"][0]["unit"]["id"],
              site_->demo().unit_id);  // ranked first: it has a total
    EXPECT_DOUBLE_EQ(overview["units"][0]["ita_total"].get<double>(), *expected.ita_total);
    EXPECT_EQ(overview["units"][0]["respondents"]["IIT"], 11);
    EXPECT_EQ(overview["units"][1]["ita_total"], nullptr);
    EXPECT_EQ(browser.get("/api/rounds/999999/overview").result(), http::status::not_found);
}

TEST_P(ApiTest, PublicResultsOnlyForPublishedRounds) {
    const store::Id seed = site_->demo().seed_round_id;
    const store::Id open = site_->demo().open_round_id;
    Browser anonymous(site_->port());
    ClientResponse published = anonymous.get(results_path(true, seed));
    ASSERT_EQ(published.result(), http::status::ok);
    EXPECT_EQ(body_of(published)["units"][0]["ita_total_text"], "94.87");
    EXPECT_FALSE(body_of(published).contains("live_counts"));
    EXPECT_FALSE(body_of(published).contains("access_codes"));
    EXPECT_EQ(anonymous.get(results_path(true, open)).result(), http::status::not_found);
    EXPECT_EQ(anonymous.get(results_path(true, 999999)).result(), http::status::not_found);

    // An admin unpublishes the seed round and publishes the open one through the form.
    Browser admin = signed_in(store::Role::kAdmin);
    const std::string csrf = hidden_fields(admin.get("/admin/rounds").body())["csrf"];
    ASSERT_FALSE(csrf.empty());
    EXPECT_EQ(admin
                  .post("/admin/rounds/" + std::to_string(seed) + "/status",
                        {{"csrf", csrf}, {"action", "unpublish"}})
                  .result(),
              http::status::see_other);
    EXPECT_EQ(anonymous.get(results_path(true, seed)).result(), http::status::not_found);
    EXPECT_EQ(admin
                  .post("/admin/rounds/" + std::to_string(open) + "/status",
                        {{"csrf", csrf}, {"action", "publish"}, {"confirm", "yes"}})
                  .result(),
              http::status::see_other);
    // Published but without responses from the unit: the same 404 as an
    // unpublished round, as the public page answers.
    EXPECT_EQ(anonymous.get(results_path(true, open)).result(), http::status::not_found);
}

INSTANTIATE_TEST_SUITE_P(Stores, ApiTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
