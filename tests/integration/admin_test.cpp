// The admin pages through real HTTP on loopback, against each store: sign-in
// with lock-out and the forced password change, CSRF on every form, every
// role against every route, the dashboard's figures, escaping, access codes,
// CSV imports, questionnaire uploads and user management.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <tuple>

#include "security/access_codes.hpp"
#include "security/passwords.hpp"
#include "site_harness.hpp"

namespace itagap::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string read_source(const std::string& relative) {
    std::ifstream in(std::string(ITAGAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string location(const ClientResponse& response) {
    return std::string(response[http::field::location]);
}

struct Part {
    std::string name;
    std::string value;
    std::optional<std::string> filename;
};

constexpr const char* kBoundary = "----itagapTestBoundary7MA4YWxkTrZu0gW";

std::string multipart_body(const std::vector<Part>& parts) {
    std::string body;
    for (const auto& part : parts) {
        body += std::string("--") + kBoundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"" + part.name + "\"";
        if (part.filename)
            body += "; filename=\"" + *part.filename + "\"\r\nContent-Type: text/plain";
        body += "\r\n\r\n" + part.value + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

std::string multipart_type() { return std::string("multipart/form-data; boundary=") + kBoundary; }

constexpr const char* kPassword = "correct horse battery";

class AdminTest : public SiteTest {
protected:
    store::Id make_user(const std::string& username, store::Role role,
                        std::optional<store::Id> unit = {}, bool must_change = false) {
        store::User user;
        user.username = username;
        user.display_name = username;
        user.password_hash =
            security::hash_password(kPassword, security::PasswordHashLimits::minimum_for_tests());
        user.role = role;
        user.unit_id = unit;
        user.must_change_password = must_change;
        auto id = site_->store().create_user(user);
        EXPECT_TRUE(id.ok()) << id.status.message;
        return id.ok() ? *id : 0;
    }

    ClientResponse sign_in(Browser& browser, const std::string& username,
                           const std::string& password) {
        auto fields = hidden_fields(browser.get("/admin/sign-in").body());
        fields["username"] = username;
        fields["password"] = password;
        return browser.post("/admin/sign-in", fields);
    }

    // A browser signed in as a fresh admin (no password change due).
    Browser admin_browser() {
        make_user("boss", store::Role::kAdmin);
        Browser browser(site_->port());
        ClientResponse r = sign_in(browser, "boss", kPassword);
        EXPECT_EQ(r.result(), http::status::see_other);
        EXPECT_EQ(location(r), "/admin");
        return browser;
    }

    static std::string csrf_of(Browser& browser, const std::string& page = "/admin") {
        return hidden_fields(browser.get(page).body())["csrf"];
    }

    std::string dashboard_link(store::Id round, store::Id unit) const {
        return "/admin/rounds/" + std::to_string(round) + "/units/" + std::to_string(unit);
    }
};

TEST_P(AdminTest, OneTimePasswordForcesAChangeThenReachesTheOverview) {
    Browser browser(site_->port());
    EXPECT_EQ(location(browser.get("/admin")), "/admin/sign-in");
    ClientResponse signed_in =
        sign_in(browser, site_->demo().admin_username, site_->demo().admin_password);
    ASSERT_EQ(signed_in.result(), http::status::see_other) << signed_in.body();
    EXPECT_EQ(location(signed_in), "/admin/password");
    const std::string cookie = std::string(signed_in[http::field::set_cookie]);
    EXPECT_TRUE(contains(cookie, "HttpOnly")) << cookie;
    EXPECT_TRUE(contains(cookie, "SameSite")) << cookie;

    // Everything else waits for the new password.
    EXPECT_EQ(location(browser.get("/admin")), "/admin/password");
    EXPECT_EQ(location(browser.get("/admin/users")), "/admin/password");
    ClientResponse page = browser.get("/admin/password");
    ASSERT_EQ(page.result(), http::status::ok);
    EXPECT_TRUE(contains(page.body(), "รหัสผ่านใช้ครั้งเดียว"));
    auto fields = hidden_fields(page.body());
    fields["current"] = "not it";
    fields["new"] = fields["confirm"] = "a good new password";
    EXPECT_EQ(browser.post("/admin/password", fields).result(), http::status::unprocessable_entity);
    fields["current"] = site_->demo().admin_password;
    fields["confirm"] = "something else entirely";
    EXPECT_EQ(browser.post("/admin/password", fields).result(), http::status::unprocessable_entity);
    fields["new"] = fields["confirm"] = "short";
    EXPECT_EQ(browser.post("/admin/password", fields).result(), http::status::unprocessable_entity);
    fields["new"] = fields["confirm"] = "รหัสผ่านใหม่ที่ยาวพอ";
    ClientResponse changed = browser.post("/admin/password", fields);
    ASSERT_EQ(changed.result(), http::status::see_other) << changed.body();
    EXPECT_EQ(location(changed), "/admin");

    ClientResponse overview = browser.get("/admin");
    ASSERT_EQ(overview.result(), http::status::ok) << overview.body();
    EXPECT_TRUE(contains(overview.body(), "ภาพรวมองค์กร"));
    EXPECT_FALSE(site_->store().find_user(site_->demo().admin_username)->must_change_password);

    // The old password no longer works; the new one does.
    Browser other(site_->port());
    EXPECT_EQ(sign_in(other, site_->demo().admin_username, site_->demo().admin_password).result(),
              http::status::unauthorized);
    EXPECT_EQ(location(sign_in(other, site_->demo().admin_username, "รหัสผ่านใหม่ที่ยาวพอ")), "/admin");

    // Sign-out ends the session in the store too.
    const std::string old_cookie = browser.cookies["itagap_session"];
    ClientResponse out = browser.post("/admin/sign-out", {{"csrf", csrf_of(browser)}});
    EXPECT_EQ(location(out), "/admin/sign-in");
    EXPECT_EQ(location(browser.get("/admin")), "/admin/sign-in");
    Browser replay(site_->port());
    replay.cookies["itagap_session"] = old_cookie;
    EXPECT_EQ(location(replay.get("/admin")), "/admin/sign-in");

    // The audit log has the story, and no password in it.
    auto entries = site_->store().list_audit(100);
    ASSERT_TRUE(entries.ok());
    std::set<std::string> actions;
    for (const auto& e : *entries) {
        actions.insert(e.action);
        EXPECT_FALSE(contains(e.details, "รหัสผ่านใหม่")) << e.details;
        EXPECT_FALSE(contains(e.details, site_->demo().admin_password)) << e.details;
    }
    for (const char* action :
         {"user.sign_in", "user.password_change", "user.sign_out", "user.sign_in_failed"}) {
        EXPECT_TRUE(actions.count(action)) << action;
    }
}

TEST_P(AdminTest, RepeatedFailuresNeverLockTheAccount) {
    make_user("clerk", store::Role::kExecutive);
    Browser browser(site_->port());
    ClientResponse unknown = sign_in(browser, "nobody", kPassword);
    EXPECT_EQ(unknown.result(), http::status::unauthorized);
    for (int i = 0; i < 5; ++i) {
        ClientResponse wrong = sign_in(browser, "clerk", "wrong password " + std::to_string(i));
        EXPECT_EQ(wrong.result(), http::status::unauthorized);
        EXPECT_TRUE(contains(wrong.body(), "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"));
    }
    // No lock: the right password is accepted (the back-off, if any, is the
    // throttle's; the harness's is generous).
    ClientResponse ok = sign_in(browser, "clerk", kPassword);
    EXPECT_EQ(ok.result(), http::status::see_other);
    EXPECT_EQ(location(ok), "/admin");
    EXPECT_EQ(browser.get("/admin").result(), http::status::ok);

    // The session expires with the clock.
    site_->set_now(site_->now() + web::SiteOptions{}.session_lifetime + std::chrono::minutes(1));
    EXPECT_EQ(location(browser.get("/admin")), "/admin/sign-in");
}

TEST_P(AdminTest, EveryFormPostWithoutItsTokenIsRefused) {
    Browser browser = admin_browser();
    const std::string unit = std::to_string(site_->demo().unit_id);
    const std::string round = std::to_string(site_->demo().open_round_id);
    const auto admin_id = site_->store().find_user("boss")->id;
    const std::vector<std::pair<std::string, std::map<std::string, std::string>>> forms = {
        {"/admin/units", {{"name", "x"}}},
        {"/admin/units/" + unit, {{"name", "x"}}},
        {"/admin/rounds", {{"name", "x"}, {"fiscal_year", "2569"}}},
        {"/admin/rounds/" + round + "/status", {{"action", "close"}}},
        {"/admin/questionnaires", {}},
        {"/admin/access-codes", {{"round", round}, {"unit", unit}, {"count", "3"}}},
        {"/admin/access-codes/sheet.pdf", {{"round", round}, {"unit", unit}, {"codes", "x"}}},
        {"/admin/imports", {{"round", round}}},
        {"/admin/users", {{"username", "mallory"}, {"role", "admin"}}},
        {"/admin/users/" + std::to_string(admin_id) + "/reset", {}},
        {"/admin/users/" + std::to_string(admin_id) + "/deactivate", {}},
        {"/admin/password",
         {{"current", kPassword},
          {"new", "a brand new password"},
          {"confirm", "a brand new password"}}},
        {"/admin/sign-out", {}},
    };
    const auto units_before = site_->store().list_units()->size();
    for (const auto& [target, fields] : forms) {
        EXPECT_EQ(browser.post(target, fields).result(), http::status::forbidden) << target;
        auto wrong = fields;
        wrong["csrf"] = "not-the-token";
        EXPECT_EQ(browser.post(target, wrong).result(), http::status::forbidden) << target;
        std::vector<Part> parts;
        for (const auto& [name, value] : fields) parts.push_back({name, value, std::nullopt});
        parts.push_back({"file", "unit,round\n", "x.csv"});
        EXPECT_EQ(browser.post_raw(target, multipart_type(), multipart_body(parts)).result(),
                  http::status::forbidden)
            << target;
    }
    // Nothing happened: still signed in, same units, round still open.
    EXPECT_EQ(browser.get("/admin").result(), http::status::ok);
    EXPECT_EQ(site_->store().list_units()->size(), units_before);
    EXPECT_EQ(site_->store().get_round(site_->demo().open_round_id)->status,
              store::RoundStatus::kOpen);
    EXPECT_EQ(site_->store()
                  .count_access_codes(site_->demo().open_round_id, site_->demo().unit_id)
                  ->issued,
              5);

    // The sign-in form needs its own (anonymous-form) token.
    Browser anonymous(site_->port());
    EXPECT_EQ(
        anonymous.post("/admin/sign-in", {{"username", "boss"}, {"password", kPassword}}).result(),
        http::status::forbidden);
}

TEST_P(AdminTest, EveryRoleAgainstEveryRoute) {
    const store::Id demo_unit = site_->demo().unit_id;
    const store::Id seed = site_->demo().seed_round_id;
    auto other_unit = site_->store().create_unit({0, std::nullopt, "หน่วยงานอื่น", "", "Other"});
    ASSERT_TRUE(other_unit.ok());
    make_user("admin2", store::Role::kAdmin);
    make_user("coord", store::Role::kUnitCoordinator, demo_unit);
    make_user("coord_other", store::Role::kUnitCoordinator, *other_unit);
    make_user("exec", store::Role::kExecutive);

    enum Who { kAdmin, kCoordinator, kOtherCoordinator, kExecutive, kAnonymous };
    std::map<Who, Browser> browsers;
    const std::map<Who, std::string> names{{kAdmin, "admin2"},
                                           {kCoordinator, "coord"},
                                           {kOtherCoordinator, "coord_other"},
                                           {kExecutive, "exec"}};
    for (Who who : {kAdmin, kCoordinator, kOtherCoordinator, kExecutive, kAnonymous}) {
        browsers.emplace(who, Browser(site_->port()));
        if (who != kAnonymous) {
            ASSERT_EQ(location(sign_in(browsers.at(who), names.at(who), kPassword)), "/admin")
                << names.at(who);
        }
    }

    const auto S = http::status::ok;
    const auto R = http::status::see_other;  // to the sign-in page
    const auto F = http::status::forbidden;
    const auto N = http::status::not_found;
    const auto U = http::status::unauthorized;
    const std::string dash = dashboard_link(seed, demo_unit);
    const std::string api_results =
        "/api/rounds/" + std::to_string(seed) + "/units/" + std::to_string(demo_unit) + "/results";
    struct Row {
        std::string target;
        http::status admin, coordinator, other_coordinator, executive, anonymous;
    };
    const std::vector<Row> table = {
        {"/admin", S, S, S, S, R},
        {dash, S, S, F, S, R},
        {dashboard_link(seed, *other_unit), S, F, S, S, R},
        {dashboard_link(seed, 999999), N, N, N, N, R},
        {dashboard_link(999999, demo_unit), N, N, F, N, R},
        {"/admin?round=999999", N, N, N, N, R},
        {"/admin/units", S, F, F, F, R},
        {"/admin/rounds", S, F, F, F, R},
        {"/admin/questionnaires", S, F, F, F, R},
        {"/admin/access-codes", S, S, S, F, R},
        {"/admin/imports", S, F, F, F, R},
        {"/admin/users", S, F, F, F, R},
        {"/admin/audit", S, F, F, F, R},
        {"/admin/password", S, S, S, S, R},
        {"/api/me", S, S, S, S, U},
        {"/api/units", S, S, S, S, U},
        {"/api/rounds", S, S, S, S, U},
        {"/api/rounds/" + std::to_string(seed) + "/overview", S, S, S, S, U},
        {api_results, S, S, F, S, U},
        {"/api/rounds/" + std::to_string(seed) + "/units/999999/results", N, N, N, N, U},
        {"/api/public/rounds/" + std::to_string(seed) + "/units/" + std::to_string(demo_unit) +
             "/results",
         S, S, S, S, S},
        {"/api/public/rounds/" + std::to_string(site_->demo().open_round_id) + "/units/" +
             std::to_string(demo_unit) + "/results",
         N, N, N, N, N},
    };
    for (const auto& row : table) {
        const std::map<Who, http::status> expected{{kAdmin, row.admin},
                                                   {kCoordinator, row.coordinator},
                                                   {kOtherCoordinator, row.other_coordinator},
                                                   {kExecutive, row.executive},
                                                   {kAnonymous, row.anonymous}};
        for (const auto& [who, status] : expected) {
            ClientResponse r = browsers.at(who).get(row.target);
            EXPECT_EQ(r.result(), status)
                << row.target << " as " << (who == kAnonymous ? "anonymous" : names.at(who));
            if (status == R) {
                EXPECT_EQ(location(r), "/admin/sign-in") << row.target;
            }
            if (row.target.starts_with("/api/")) {
                EXPECT_TRUE(contains(std::string(r[http::field::content_type]), "application/json"))
                    << row.target;
            }
        }
    }

    // A coordinator's overview and unit list hold only their subtree.
    ClientResponse coord_overview =
        browsers.at(kCoordinator).get("/admin?round=" + std::to_string(seed));
    EXPECT_TRUE(contains(coord_overview.body(), "ศูนย์ความร่วมมือระหว่างประเทศ"));
    EXPECT_FALSE(contains(coord_overview.body(), "หน่วยงานอื่น"));
    EXPECT_FALSE(contains(browsers.at(kCoordinator).get("/api/units").body(), "หน่วยงานอื่น"));

    // A coordinator cannot hand out codes for another unit.
    auto& coord = browsers.at(kOtherCoordinator);
    ClientResponse refused =
        coord.post("/admin/access-codes", {{"csrf", csrf_of(coord)},
                                           {"round", std::to_string(site_->demo().open_round_id)},
                                           {"unit", std::to_string(demo_unit)},
                                           {"count", "2"}});
    EXPECT_EQ(refused.result(), http::status::forbidden);
    // An executive cannot post admin forms at all.
    auto& exec = browsers.at(kExecutive);
    EXPECT_EQ(exec.post("/admin/units", {{"csrf", csrf_of(exec)}, {"name", "x"}}).result(),
              http::status::forbidden);
}

// Every admin form, posted by every role with that user's own valid CSRF
// token, so that a refusal is the role's: admins may do everything;
// coordinators only access codes and plans, for units in their subtree;
// executives nothing (403); a browser without a session goes to sign-in.
TEST_P(AdminTest, EveryRoleAgainstEveryPostRoute) {
    const store::Id centre = site_->demo().unit_id;
    const store::Id department = *site_->store().get_unit(centre)->parent_id;
    const store::Id open = site_->demo().open_round_id;
    const store::Id seed = site_->demo().seed_round_id;
    auto other_unit = site_->store().create_unit({0, std::nullopt, "หน่วยงานอื่น", "", "Other"});
    ASSERT_TRUE(other_unit.ok());
    make_user("admin2", store::Role::kAdmin);
    make_user("coord", store::Role::kUnitCoordinator, centre);
    make_user("coord_parent", store::Role::kUnitCoordinator, department);
    make_user("coord_other", store::Role::kUnitCoordinator, *other_unit);
    make_user("exec", store::Role::kExecutive);
    const store::Id victim = make_user("victim", store::Role::kExecutive);
    const std::string questionnaire_id =
        std::to_string(site_->store().list_questionnaires()->front().id);
    const auto questionnaires_before = site_->store().list_questionnaires()->size();

    const std::vector<std::string> who = {"admin2",      "coord", "coord_parent",
                                          "coord_other", "exec",  "anonymous"};
    std::map<std::string, Browser> browsers;
    std::map<std::string, std::string> csrf;
    for (const auto& name : who) {
        browsers.emplace(name, Browser(site_->port()));
        if (name == "anonymous") continue;
        ASSERT_EQ(location(sign_in(browsers.at(name), name, kPassword)), "/admin") << name;
        csrf[name] = csrf_of(browsers.at(name));
        ASSERT_FALSE(csrf[name].empty()) << name;
    }

    // One EIT row of the demo file, moved to the open round.
    const std::string demo_csv = read_source("data/demo/responses.csv");
    const auto header_end = demo_csv.find('\n') + 1;
    const auto eit_row = demo_csv.rfind('\n', demo_csv.find(",EIT,")) + 1;
    std::string one_row = demo_csv.substr(0, header_end) +
                          demo_csv.substr(eit_row, demo_csv.find('\n', eit_row) + 1 - eit_row);
    const std::string seed_name = "ITA 2568 รอบ 5 เดือนแรก";
    ASSERT_NE(one_row.find(seed_name), std::string::npos);
    one_row.replace(one_row.find(seed_name), seed_name.size(), "ITA 2569 รอบ 1");
    const std::string questionnaire = read_source("data/questionnaires/ita-internal-2568.json");

    enum Outcome {
        kPage,     // 200: done, with a page
        kDone,     // 303 to a page other than sign-in: done
        kRefused,  // 403
        kSignIn,   // 303 to /admin/sign-in
    };
    using Fields = std::map<std::string, std::string>;
    struct Row {
        std::string target;
        std::function<Fields(const std::string& who)> fields;
        std::optional<Part> file;       // posted as multipart/form-data when set
        std::vector<Outcome> expected;  // in the order of `who`
    };
    const auto codes_for = [&](store::Id unit) {
        return [=](const std::string&) {
            return Fields{
                {"round", std::to_string(open)}, {"unit", std::to_string(unit)}, {"count", "1"}};
        };
    };
    const auto id = [](store::Id value) { return std::to_string(value); };
    const std::vector<Row> table = {
        {"/admin/units",
         [](const std::string& w) {
             return Fields{{"name", "หน่วยใหม่ของ " + w}};
         },
         std::nullopt,
         {kDone, kRefused, kRefused, kRefused, kRefused, kSignIn}},
        {"/admin/units/" + id(*other_unit),
         [](const std::string& w) {
             return Fields{{"name", "หน่วยงานอื่น"}, {"name_en", "Other " + w}};
         },
         std::nullopt,
         {kDone, kRefused, kRefused, kRefused, kRefused, kSignIn}},
        {"/admin/rounds",
         [&](const std::string& w) {
             return Fields{{"fiscal_year", "2570"},
                           {"name", "รอบของ " + w},
                           {"opens_on", "2026-10-01"},
                           {"closes_on", "2027-09-30"},
                           {"questionnaire", questionnaire_id}};
         },
         std::nullopt,
         {kDone, kRefused, kRefused, kRefused, kRefused, kSignIn}},
        // The admin publishes; everyone after tries to take it back.
        {"/admin/rounds/" + id(open) + "/status",
         [](const std::string& w) {
             // Publishing a round that still takes answers is confirmed.
             return Fields{{"action", w == "admin2" ? "publish" : "unpublish"}, {"confirm", "yes"}};
         },
         std::nullopt,
         {kDone, kRefused, kRefused, kRefused, kRefused, kSignIn}},
        {"/admin/questionnaires",
         [](const std::string&) { return Fields{}; },
         Part{"file", questionnaire, "q.json"},
         {kDone, kRefused, kRefused, kRefused, kRefused, kSignIn}},
        {"/admin/imports",
         [&](const std::string&) {
             return Fields{{"round", std::to_string(open)}};
         },
         Part{"file", one_row, "one.csv"},
         {kPage, kRefused, kRefused, kRefused, kRefused, kSignIn}},
        {"/admin/users",
         [](const std::string& w) {
             return Fields{{"username", "new_" + w}, {"role", "executive"}};
         },
         std::nullopt,
         {kPage, kRefused, kRefused, kRefused, kRefused, kSignIn}},
        {"/admin/users/" + id(victim) + "/reset",
         [](const std::string&) { return Fields{}; },
         std::nullopt,
         {kPage, kRefused, kRefused, kRefused, kRefused, kSignIn}},
        {"/admin/users/" + id(victim) + "/deactivate",
         [](const std::string&) { return Fields{}; },
         std::nullopt,
         {kDone, kRefused, kRefused, kRefused, kRefused, kSignIn}},
        {"/admin/access-codes",
         codes_for(centre),
         std::nullopt,
         {kPage, kPage, kPage, kRefused, kRefused, kSignIn}},
        {"/admin/access-codes",
         codes_for(department),
         std::nullopt,
         {kPage, kRefused, kPage, kRefused, kRefused, kSignIn}},
        {"/admin/access-codes",
         codes_for(*other_unit),
         std::nullopt,
         {kPage, kRefused, kRefused, kPage, kRefused, kSignIn}},
        // A plan for the centre from the seed round, one fiscal year per user.
        {"/admin/plans",
         [&](const std::string& w) {
             const auto year = 2570 + (std::find(who.begin(), who.end(), w) - who.begin());
             return Fields{{"unit", std::to_string(centre)},
                           {"round", std::to_string(seed)},
                           {"fiscal_year", std::to_string(year)}};
         },
         std::nullopt,
         {kDone, kDone, kDone, kRefused, kRefused, kSignIn}},
    };
    for (const auto& row : table) {
        ASSERT_EQ(row.expected.size(), who.size());
        for (std::size_t w = 0; w < who.size(); ++w) {
            Fields fields = row.fields(who[w]);
            if (csrf.count(who[w])) fields["csrf"] = csrf.at(who[w]);
            Browser& browser = browsers.at(who[w]);
            ClientResponse r = [&] {
                if (!row.file) return browser.post(row.target, fields);
                std::vector<Part> parts;
                for (const auto& [name, value] : fields)
                    parts.push_back({name, value, std::nullopt});
                parts.push_back(*row.file);
                return browser.post_raw(row.target, multipart_type(), multipart_body(parts));
            }();
            const std::string what = row.target + " as " + who[w];
            switch (row.expected[w]) {
                case kPage:
                    EXPECT_EQ(r.result(), http::status::ok) << what << r.body();
                    break;
                case kDone:
                    EXPECT_EQ(r.result(), http::status::see_other) << what << r.body();
                    EXPECT_NE(location(r), "/admin/sign-in") << what;
                    break;
                case kRefused:
                    EXPECT_EQ(r.result(), http::status::forbidden) << what;
                    break;
                case kSignIn:
                    EXPECT_EQ(r.result(), http::status::see_other) << what;
                    EXPECT_EQ(location(r), "/admin/sign-in") << what;
                    break;
            }
        }
    }

    // What was done is exactly what the allowed users asked for.
    int new_units = 0;
    const auto units = site_->store().list_units();
    for (const auto& unit : *units) {
        if (unit.name.starts_with("หน่วยใหม่ของ ")) {
            ++new_units;
            EXPECT_EQ(unit.name, "หน่วยใหม่ของ admin2");
        }
    }
    EXPECT_EQ(new_units, 1);
    EXPECT_EQ(site_->store().get_unit(*other_unit)->name_en, "Other admin2");
    int new_rounds = 0;
    const auto rounds = site_->store().list_rounds();
    for (const auto& round : *rounds) {
        if (round.name.starts_with("รอบของ ")) {
            ++new_rounds;
            EXPECT_EQ(round.name, "รอบของ admin2");
        }
    }
    EXPECT_EQ(new_rounds, 1);
    EXPECT_TRUE(site_->store().get_round(open)->results_published);
    EXPECT_EQ(site_->store().list_questionnaires()->size(), questionnaires_before + 1);
    EXPECT_EQ(*site_->store().count_responses(open, centre, "EIT"), 1);
    EXPECT_TRUE(site_->store().find_user("new_admin2").ok());
    for (const auto& name : who) {
        if (name != "admin2") {
            EXPECT_FALSE(site_->store().find_user("new_" + name).ok()) << name;
        }
    }
    EXPECT_FALSE(site_->store().get_user(victim)->active);
    EXPECT_EQ(site_->store().count_access_codes(open, centre)->issued, 5 + 3);
    EXPECT_EQ(site_->store().count_access_codes(open, department)->issued, 2);
    EXPECT_EQ(site_->store().count_access_codes(open, *other_unit)->issued, 2);
    for (int year = 2570; year <= 2575; ++year) {
        EXPECT_EQ(site_->store().list_plans(year)->size(), year <= 2572 ? 1u : 0u) << year;
    }
}

// A coordinator of a unit with units below it sees that whole subtree (the
// overview, the dashboards, the API) and nothing beside or above it.
TEST_P(AdminTest, ACoordinatorSeesTheUnitsBelowTheirsAndNoSiblings) {
    const store::Id centre = site_->demo().unit_id;
    const store::Id department = *site_->store().get_unit(centre)->parent_id;
    const store::Id seed = site_->demo().seed_round_id;
    const store::Id group = *site_->store().create_unit({0, centre, "กลุ่มงานย่อยในศูนย์", "", ""});
    const store::Id sister = *site_->store().create_unit({0, department, "ศูนย์พี่น้อง", "", ""});
    const store::Id neighbour =
        *site_->store().create_unit({0, std::nullopt, "กรมข้างเคียง", "", ""});
    const store::Id neighbour_child =
        *site_->store().create_unit({0, neighbour, "กองในกรมเพื่อนบ้าน", "", ""});
    const std::map<store::Id, std::string> names{
        {department, "หน่วยงานตัวอย่าง"}, {centre, "ศูนย์ความร่วมมือระหว่างประเทศ"},
        {group, "กลุ่มงานย่อยในศูนย์"},     {sister, "ศูนย์พี่น้อง"},
        {neighbour, "กรมข้างเคียง"},     {neighbour_child, "กองในกรมเพื่อนบ้าน"}};
    ASSERT_EQ(site_->store().get_unit(department)->name, names.at(department));
    make_user("dept_coord", store::Role::kUnitCoordinator, department);
    make_user("centre_coord", store::Role::kUnitCoordinator, centre);
    const std::vector<std::pair<std::string, std::set<store::Id>>> cases = {
        {"dept_coord", {department, centre, group, sister}},
        {"centre_coord", {centre, group}},
    };
    const auto ids_of = [](const nlohmann::json& list, bool nested) {
        std::set<store::Id> ids;
        for (const auto& entry : list) {
            ids.insert((nested ? entry.at("unit") : entry).at("id").get<store::Id>());
        }
        return ids;
    };
    for (const auto& [username, visible] : cases) {
        Browser browser(site_->port());
        ASSERT_EQ(location(sign_in(browser, username, kPassword)), "/admin") << username;

        const auto units = nlohmann::json::parse(browser.get("/api/units").body(), nullptr, false);
        ASSERT_TRUE(units.is_object()) << username;
        EXPECT_EQ(ids_of(units.at("units"), false), visible) << username;
        const auto overview = nlohmann::json::parse(
            browser.get("/api/rounds/" + std::to_string(seed) + "/overview").body(), nullptr,
            false);
        ASSERT_TRUE(overview.is_object()) << username;
        EXPECT_EQ(ids_of(overview.at("units"), true), visible) << username;

        const std::string page = browser.get("/admin?round=" + std::to_string(seed)).body();
        for (const auto& [unit, name] : names) {
            const bool sees = visible.count(unit) > 0;
            EXPECT_EQ(contains(page, name), sees) << username << " overview: " << name;
            EXPECT_EQ(browser.get(dashboard_link(seed, unit)).result(),
                      sees ? http::status::ok : http::status::forbidden)
                << username << " dashboard: " << name;
            EXPECT_EQ(browser
                          .get("/api/rounds/" + std::to_string(seed) + "/units/" +
                               std::to_string(unit) + "/results")
                          .result(),
                      sees ? http::status::ok : http::status::forbidden)
                << username << " API results: " << name;
        }
        // The centre's figures reach a coordinator above it.
        EXPECT_TRUE(contains(browser.get(dashboard_link(seed, centre)).body(), "94.87"))
            << username;
    }
}

TEST_P(AdminTest, TheSeedRoundDashboardShowsTheSeedsFigures) {
    Browser browser = admin_browser();
    ClientResponse page =
        browser.get(dashboard_link(site_->demo().seed_round_id, site_->demo().unit_id));
    ASSERT_EQ(page.result(), http::status::ok) << page.body();
    const std::string body = page.body();
    EXPECT_TRUE(contains(body, "ร้อยละ 81.82")) << body;
    EXPECT_TRUE(contains(body, "i12"));
    EXPECT_TRUE(contains(body, "9/11"));
    EXPECT_TRUE(contains(body, "88.33"));
    EXPECT_TRUE(contains(body, "53/60"));
    EXPECT_TRUE(contains(body, "93.33"));
    EXPECT_TRUE(contains(body, "86.67"));
    EXPECT_TRUE(contains(body, "13/15"));
    EXPECT_TRUE(contains(body, "ตัวชี้วัดที่ 3 การใช้อำนาจ"));
    EXPECT_TRUE(contains(body, "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 3 การใช้อำนาจ"));
    EXPECT_TRUE(contains(body, "94.87"));
    EXPECT_TRUE(contains(body, "52.30-94.86"));  // i12's Wilson interval
    EXPECT_TRUE(contains(body, "<svg"));         // the chart
    // i12 is below the target, flagged in its table row; reverse-worded items are marked.
    EXPECT_TRUE(contains(body, "81.82 <strong class=\"error\">ต่ำกว่าเป้าหมาย</strong>")) << body;
    EXPECT_TRUE(contains(body, "(ข้อคำถามเชิงลบ)"));
    EXPECT_TRUE(contains(body, "ยังไม่มีผลรอบก่อนของหน่วยงานนี้ให้เปรียบเทียบ"));
    EXPECT_TRUE(contains(body, "href=\"/admin/users\""));  // the admin's navigation
    EXPECT_FALSE(contains(body, "<script"));

    // The overview ranks the unit with its total and live counts.
    ClientResponse overview =
        browser.get("/admin?round=" + std::to_string(site_->demo().seed_round_id));
    ASSERT_EQ(overview.result(), http::status::ok);
    EXPECT_TRUE(contains(overview.body(), "94.87"));
    // The demo sets no staff or client count: the counts, and that it is missing (issue 12.5).
    EXPECT_TRUE(contains(overview.body(),
                         "<td class=\"number sample\">11 <span class=\"sample-missing\">"
                         "<a href=\"/admin/units#unit-"))
        << overview.body();
    EXPECT_TRUE(contains(overview.body(),
                         "<td class=\"number sample\">15 <span class=\"sample-missing\">"));
    // The default round is the newest: the open one, with its 5 issued codes.
    ClientResponse newest = browser.get("/admin");
    EXPECT_TRUE(contains(newest.body(), "ITA 2569 รอบ 1"));
    EXPECT_TRUE(contains(newest.body(), "0/5"));
}

TEST_P(AdminTest, UnitNamesAreStoredVerbatimAndShownEscaped) {
    Browser browser = admin_browser();
    const std::string script = "<script>alert(1)</script> \"quoted\" 'single'";
    const std::string sql = "O'Brien'; DROP TABLE units;--";
    const std::string csrf = csrf_of(browser, "/admin/units");
    for (const auto& name : {script, sql}) {
        ClientResponse created =
            browser.post("/admin/units", {{"csrf", csrf}, {"name", name}, {"short_name", name}});
        ASSERT_EQ(created.result(), http::status::see_other) << created.body();
    }
    std::optional<store::Unit> script_unit, sql_unit;
    const auto units = site_->store().list_units();  // kept alive: the loop reads into it
    for (const auto& unit : *units) {
        if (unit.name == script) script_unit = unit;
        if (unit.name == sql) sql_unit = unit;
    }
    ASSERT_TRUE(script_unit && sql_unit);
    EXPECT_EQ(sql_unit->short_name, sql);

    const std::string escaped =
        "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &#39;single&#39;";
    const store::Id seed = site_->demo().seed_round_id;
    for (const std::string& target :
         {"/admin?round=" + std::to_string(seed), dashboard_link(seed, script_unit->id),
          std::string("/admin/units")}) {
        ClientResponse page = browser.get(target);
        ASSERT_EQ(page.result(), http::status::ok) << target;
        EXPECT_FALSE(contains(page.body(), "<script>alert(1)")) << target;
        EXPECT_TRUE(contains(page.body(), escaped)) << target << page.body();
    }
    EXPECT_TRUE(
        contains(browser.get("/admin/units").body(), "O&#39;Brien&#39;; DROP TABLE units;--"));

    // A respondent's comment on the dashboard: escaped like everything else.
    store::StoredResponse response{seed,
                                   site_->demo().unit_id,
                                   "EIT",
                                   "2025-02-28",
                                   std::vector<std::uint8_t>(10, 5),
                                   "<b>ดีมาก</b> & 'ขอบคุณ'"};
    ASSERT_TRUE(site_->store().import_responses({response}).ok());
    ClientResponse dashboard = browser.get(dashboard_link(seed, site_->demo().unit_id));
    EXPECT_TRUE(
        contains(dashboard.body(), "<li>&lt;b&gt;ดีมาก&lt;/b&gt; &amp; &#39;ขอบคุณ&#39;</li>"))
        << dashboard.body();

    // Renaming keeps the tree sound: a unit cannot move under itself.
    ClientResponse cycle =
        browser.post("/admin/units/" + std::to_string(script_unit->id),
                     {{"csrf", csrf}, {"name", "x"}, {"parent", std::to_string(script_unit->id)}});
    EXPECT_EQ(cycle.result(), http::status::unprocessable_entity);
    ClientResponse moved = browser.post(
        "/admin/units/" + std::to_string(sql_unit->id),
        {{"csrf", csrf}, {"name", "ย้ายแล้ว"}, {"parent", std::to_string(script_unit->id)}});
    EXPECT_EQ(moved.result(), http::status::see_other);
    EXPECT_EQ(site_->store().get_unit(sql_unit->id)->parent_id, script_unit->id);
    EXPECT_EQ(site_->store().get_unit(sql_unit->id)->name, "ย้ายแล้ว");
}

TEST_P(AdminTest, AccessCodesAreStoredAsHashesAndShownOnce) {
    Browser browser = admin_browser();
    const store::Id round = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    const auto before = *site_->store().count_access_codes(round, unit);
    ClientResponse sheet =
        browser.post("/admin/access-codes", {{"csrf", csrf_of(browser, "/admin/access-codes")},
                                             {"round", std::to_string(round)},
                                             {"unit", std::to_string(unit)},
                                             {"count", "7"}});
    ASSERT_EQ(sheet.result(), http::status::ok) << sheet.body();
    EXPECT_EQ(std::string(sheet[http::field::cache_control]), "no-store");
    std::vector<std::string> codes;
    static const std::regex code_pattern(
        R"re(<p class="access-code">([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})</p>)re");
    const std::string body = sheet.body();
    for (auto it = std::sregex_iterator(body.begin(), body.end(), code_pattern);
         it != std::sregex_iterator(); ++it) {
        codes.push_back((*it)[1].str());
    }
    ASSERT_EQ(codes.size(), 7u) << body;
    EXPECT_EQ(site_->store().count_access_codes(round, unit)->issued, before.issued + 7);
    for (const auto& code : codes) {
        auto found = site_->store().find_access_code(
            security::access_code_hash(*security::normalise_access_code(code)));
        ASSERT_TRUE(found.ok()) << code;
        EXPECT_EQ(found->unit_id, unit);
        EXPECT_FALSE(found->used);
        // Never again: not on the overview, not in the audit log.
        EXPECT_FALSE(contains(browser.get("/admin").body(), code));
        const auto entries = site_->store().list_audit(50);
        for (const auto& entry : *entries) EXPECT_FALSE(contains(entry.details, code));
    }
    EXPECT_TRUE(contains(body, "/iit"));

    ClientResponse too_many = browser.post("/admin/access-codes", {{"csrf", csrf_of(browser)},
                                                                   {"round", std::to_string(round)},
                                                                   {"unit", std::to_string(unit)},
                                                                   {"count", "100000"}});
    EXPECT_EQ(too_many.result(), http::status::unprocessable_entity);
    EXPECT_EQ(site_->store().count_access_codes(round, unit)->issued, before.issued + 7);
}

// The codes shown on a freshly generated sheet, in display form.
std::vector<std::string> sheet_codes(const std::string& body) {
    std::vector<std::string> codes;
    static const std::regex code_pattern(
        R"re(<p class="access-code">([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})</p>)re");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), code_pattern);
         it != std::sregex_iterator(); ++it) {
        codes.push_back((*it)[1].str());
    }
    return codes;
}

TEST_P(AdminTest, TheCodeSheetDownloadsAsAPdfOfTheCodesShownOnly) {
    Browser browser = admin_browser();
    const store::Id round = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    auto other_unit = site_->store().create_unit({0, std::nullopt, "หน่วยงานอื่น", "", "Other"});
    ASSERT_TRUE(other_unit.ok());
    const auto generate = [&](Browser& b, store::Id for_unit, const char* count) {
        return b.post("/admin/access-codes", {{"csrf", csrf_of(b, "/admin/access-codes")},
                                              {"round", std::to_string(round)},
                                              {"unit", std::to_string(for_unit)},
                                              {"count", count}});
    };
    ClientResponse sheet = generate(browser, unit, "3");
    ASSERT_EQ(sheet.result(), http::status::ok) << sheet.body();
    const std::vector<std::string> codes = sheet_codes(sheet.body());
    ASSERT_EQ(codes.size(), 3u);
    EXPECT_TRUE(contains(sheet.body(), "action=\"/admin/access-codes/sheet.pdf\""));
    EXPECT_TRUE(contains(sheet.body(), "ดาวน์โหลด PDF"));
    // The download form: the session's token, the round, the unit and the codes shown.
    const auto form = hidden_fields(sheet.body());
    EXPECT_EQ(form.at("csrf"), csrf_of(browser));
    EXPECT_EQ(form.at("round"), std::to_string(round));
    EXPECT_EQ(form.at("unit"), std::to_string(unit));
    EXPECT_EQ(form.at("codes"), codes[0] + " " + codes[1] + " " + codes[2]);

    ClientResponse pdf = browser.post("/admin/access-codes/sheet.pdf", form);
    ASSERT_EQ(pdf.result(), http::status::ok) << pdf.body();
    EXPECT_TRUE(pdf.body().starts_with("%PDF-"));
    EXPECT_GT(pdf.body().size(), 1000u);
    EXPECT_EQ(std::string(pdf[http::field::content_type]), "application/pdf");
    EXPECT_TRUE(contains(std::string(pdf[http::field::content_disposition]), "attachment"));
    EXPECT_EQ(std::string(pdf[http::field::cache_control]), "no-store");
    // Typed codes are read as a person would type them.
    auto lower = form;
    for (auto& c : lower["codes"])
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(browser.post("/admin/access-codes/sheet.pdf", lower).result(), http::status::ok);

    const auto refused = [&](std::map<std::string, std::string> fields) {
        return browser.post("/admin/access-codes/sheet.pdf", fields).result();
    };
    // Not a code at all (0 and O are not in the alphabet), or no codes: 400.
    auto malformed = form;
    malformed["codes"] = codes[0] + " " + "A0O-AAA-AAA";
    EXPECT_EQ(refused(malformed), http::status::bad_request);
    malformed["codes"] = "";
    EXPECT_EQ(refused(malformed), http::status::bad_request);
    malformed["codes"] = "<b>hello</b>";
    EXPECT_EQ(refused(malformed), http::status::bad_request);
    // A well-formed code that was never issued: 403.
    auto forged = form;
    forged["codes"] = codes[0] + " " + security::generate_access_codes(1).front();
    EXPECT_EQ(refused(forged), http::status::forbidden);
    // Codes of another unit, under this unit or under their own with this unit's codes: 403.
    const std::vector<std::string> others = sheet_codes(generate(browser, *other_unit, "2").body());
    ASSERT_EQ(others.size(), 2u);
    auto mixed = form;
    mixed["codes"] = codes[0] + " " + others[0];
    EXPECT_EQ(refused(mixed), http::status::forbidden);
    auto moved = form;
    moved["unit"] = std::to_string(*other_unit);
    EXPECT_EQ(refused(moved), http::status::forbidden);
    // The right codes under another round: 403.
    auto wrong_round = form;
    wrong_round["round"] = std::to_string(site_->demo().seed_round_id);
    EXPECT_EQ(refused(wrong_round), http::status::forbidden);
    // Without the session's token, or with another one: 403 and no PDF.
    auto no_token = form;
    no_token.erase("csrf");
    ClientResponse tokenless = browser.post("/admin/access-codes/sheet.pdf", no_token);
    EXPECT_EQ(tokenless.result(), http::status::forbidden);
    EXPECT_FALSE(tokenless.body().starts_with("%PDF-"));
    no_token["csrf"] = "not-the-token";
    EXPECT_EQ(refused(no_token), http::status::forbidden);

    // A coordinator of another unit cannot print this unit's codes (even with
    // its own valid token); the unit's own coordinator can; an executive cannot.
    make_user("coord", store::Role::kUnitCoordinator, unit);
    make_user("coord_other", store::Role::kUnitCoordinator, *other_unit);
    make_user("exec", store::Role::kExecutive);
    for (const auto& [name, expected] :
         std::vector<std::pair<std::string, http::status>>{{"coord_other", http::status::forbidden},
                                                           {"exec", http::status::forbidden},
                                                           {"coord", http::status::ok}}) {
        Browser other(site_->port());
        ASSERT_EQ(location(sign_in(other, name, kPassword)), "/admin") << name;
        auto theirs = form;
        theirs["csrf"] = csrf_of(other);
        ClientResponse r = other.post("/admin/access-codes/sheet.pdf", theirs);
        EXPECT_EQ(r.result(), expected) << name;
        EXPECT_EQ(r.body().starts_with("%PDF-"), expected == http::status::ok) << name;
    }

    // A code used since the sheet was made is no longer printed.
    const store::Submission answer{
        {round, unit, "IIT", "2025-11-20", std::vector<std::uint8_t>(30, 4), ""},
        security::access_code_hash(*security::normalise_access_code(codes[1])),
        ""};
    ASSERT_EQ(site_->store().submit(answer).outcome, store::SubmitOutcome::kStored);
    EXPECT_EQ(refused(form), http::status::forbidden);

    // The audit log records the download, never a code.
    const auto entries = site_->store().list_audit(100);
    bool logged = false;
    for (const auto& entry : *entries) {
        if (entry.action == "access_codes.sheet_pdf") logged = true;
        for (const auto& code : codes) EXPECT_FALSE(contains(entry.details, code));
        for (const auto& code : codes)
            EXPECT_FALSE(contains(entry.details, *security::normalise_access_code(code)));
    }
    EXPECT_TRUE(logged);
}

TEST_P(AdminTest, CsvImportThroughTheUploadForm) {
    Browser browser = admin_browser();
    const store::Id round = site_->demo().open_round_id;
    const store::Id unit = site_->demo().unit_id;
    // The demo file, moved to the open round.
    std::string csv = read_source("data/demo/responses.csv");
    const std::string from = "ITA 2568 รอบ 5 เดือนแรก";
    for (auto pos = csv.find(from); pos != std::string::npos; pos = csv.find(from, pos)) {
        csv.replace(pos, from.size(), "ITA 2569 รอบ 1");
    }
    const std::string csrf = csrf_of(browser, "/admin/imports");

    // A bad cell on line 3: nothing is stored, the error names line and column.
    std::string bad = csv;
    const auto line2_end = bad.find('\n', bad.find('\n') + 1);
    const auto cell = bad.find(",5,", bad.find("iit-02"));
    ASSERT_LT(cell, bad.find('\n', line2_end + 1));
    bad.replace(cell, 3, ",9,");
    ClientResponse refused =
        browser.post_raw("/admin/imports", multipart_type(),
                         multipart_body({{"csrf", csrf, std::nullopt},
                                         {"round", std::to_string(round), std::nullopt},
                                         {"file", bad, "bad.csv"}}));
    EXPECT_EQ(refused.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(refused.body(), "bad.csv")) << refused.body();
    EXPECT_TRUE(contains(refused.body(), "<td class=\"number\">3</td>")) << refused.body();
    EXPECT_TRUE(contains(refused.body(), "<td>9</td>"));
    EXPECT_EQ(*site_->store().count_responses(round, unit, "IIT"), 0);
    EXPECT_EQ(*site_->store().count_responses(round, unit, "EIT"), 0);

    ClientResponse imported =
        browser.post_raw("/admin/imports", multipart_type(),
                         multipart_body({{"csrf", csrf, std::nullopt},
                                         {"round", std::to_string(round), std::nullopt},
                                         {"file", csv, "responses.csv"}}));
    ASSERT_EQ(imported.result(), http::status::ok) << imported.body();
    EXPECT_TRUE(contains(imported.body(), "นำเข้าคำตอบเรียบร้อยแล้ว"));
    EXPECT_EQ(*site_->store().count_responses(round, unit, "IIT"), 11);
    EXPECT_EQ(*site_->store().count_responses(round, unit, "EIT"), 15);
    ClientResponse dashboard = browser.get(dashboard_link(round, unit));
    EXPECT_TRUE(contains(dashboard.body(), "94.87"));
    // The seed round is this one's previous round: the same figures, no change.
    EXPECT_TRUE(contains(dashboard.body(), "รอบก่อน (ITA 2568 รอบ 5 เดือนแรก)")) << dashboard.body();
    EXPECT_TRUE(contains(dashboard.body(), "<td class=\"number\">0.00</td>"));
}

// A later round on the same questionnaire, with the seed's responses except
// that iit-01 (one of the two unfavourable answers to the reverse-scored i12)
// is left out and eit-02 answers e1 "ไม่เห็นด้วย" (disagree, unfavourable)
// instead of "เห็นด้วย". By hand from data/demo/responses.csv:
//   i12: 9 of 11 = 81.82 before, 9 of 10 = 90.00 now: +8.18
//   e1: 14 of 15 = 93.33 before, 13 of 15 = 86.67 now: -6.67
//   indicator 6 (e1-e3): 42 of 45 = 93.33 before, 41 of 45 = 91.11 now: -2.22
TEST_P(AdminTest, TheDashboardShowsTheChangeFromThePreviousRound) {
    Browser browser = admin_browser();
    const store::Id unit = site_->demo().unit_id;
    auto seed = site_->store().get_round(site_->demo().seed_round_id);
    ASSERT_TRUE(seed.ok());
    store::Round later;
    later.fiscal_year_be = 2569;
    later.name = "ITA 2569 รอบ 6 เดือนหลัง";
    later.opens_on = "2026-04-01";
    later.closes_on = "2026-09-30";
    later.questionnaire_id = seed->questionnaire_id;
    later.status = store::RoundStatus::kClosed;
    auto round = site_->store().create_round(later);
    ASSERT_TRUE(round.ok()) << round.status.message;

    std::istringstream in(read_source("data/demo/responses.csv"));
    std::string csv;
    std::size_t e1_column = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        std::vector<std::string> cells;
        std::stringstream split(line);
        for (std::string cell; std::getline(split, cell, ',');) cells.push_back(cell);
        if (line.back() == ',') cells.emplace_back();
        if (csv.empty()) {
            e1_column = std::find(cells.begin(), cells.end(), "e1") - cells.begin();
            ASSERT_LT(e1_column, cells.size());
        } else {
            ASSERT_EQ(cells[1], "ITA 2568 รอบ 5 เดือนแรก");
            cells[1] = later.name;
            if (cells[3] == "iit-01") continue;
            if (cells[3] == "eit-02") {
                ASSERT_EQ(cells[e1_column], "เห็นด้วย");
                cells[e1_column] = "ไม่เห็นด้วย";
            }
        }
        for (std::size_t i = 0; i < cells.size(); ++i) csv += (i ? "," : "") + cells[i];
        csv += "\n";
    }
    ClientResponse imported =
        browser.post_raw("/admin/imports", multipart_type(),
                         multipart_body({{"csrf", csrf_of(browser, "/admin/imports"), std::nullopt},
                                         {"round", std::to_string(*round), std::nullopt},
                                         {"file", csv, "later.csv"}}));
    ASSERT_EQ(imported.result(), http::status::ok) << imported.body();
    EXPECT_EQ(*site_->store().count_responses(*round, unit, "IIT"), 10);
    EXPECT_EQ(*site_->store().count_responses(*round, unit, "EIT"), 15);

    ClientResponse dashboard = browser.get(dashboard_link(*round, unit));
    ASSERT_EQ(dashboard.result(), http::status::ok);
    const std::string& html = dashboard.body();
    EXPECT_TRUE(contains(html, "รอบก่อน (ITA 2568 รอบ 5 เดือนแรก)")) << html;
    // The table row whose label starts with `label`.
    const auto row = [&](const std::string& label) {
        const auto start = html.find("<tr><td>" + label);
        if (start == std::string::npos) return std::string("(no row " + label + ")");
        return html.substr(start, html.find("</tr>", start) - start);
    };
    EXPECT_TRUE(contains(row("i12 "),
                         "<td class=\"number\">81.82</td><td class=\"number\">90.00</td>"
                         "<td class=\"number\">+8.18</td>"))
        << row("i12 ");
    EXPECT_TRUE(contains(row("e1 "),
                         "<td class=\"number\">93.33</td><td class=\"number\">86.67</td>"
                         "<td class=\"number\"><strong class=\"error\">-6.67</strong>"
                         "</td>"))
        << row("e1 ");
    EXPECT_TRUE(contains(row("ตัวชี้วัดที่ 6 "),
                         "<td class=\"number\">93.33</td><td class=\"number\">91.11</td>"
                         "<td class=\"number\"><strong class=\"error\">-2.22</strong></td>"))
        << row("ตัวชี้วัดที่ 6 ");
    // An item both rounds answered the same way: no sign, not marked.
    EXPECT_TRUE(contains(row("e7 "),
                         "<td class=\"number\">86.67</td><td class=\"number\">86.67</td>"
                         "<td class=\"number\">0.00</td>"))
        << row("e7 ");

    // The same change in the results API, at full precision.
    ClientResponse api = browser.get("/api/rounds/" + std::to_string(*round) + "/units/" +
                                     std::to_string(unit) + "/results");
    ASSERT_EQ(api.result(), http::status::ok);
    const auto results = nlohmann::json::parse(api.body(), nullptr, false);
    const auto& gaps = results["units"][0]["gaps"];
    EXPECT_EQ(gaps["previous_round"], "ITA 2568 รอบ 5 เดือนแรก");
    int found = 0;
    for (const auto& c : gaps["changes"]) {
        if (c["level"] == "item" && c["code"] == "i12") {
            EXPECT_NEAR(c["delta"].get<double>(), 90.0 - 900.0 / 11, 1e-9);
            EXPECT_EQ(c["delta_text"], "8.18");
            ++found;
        } else if (c["level"] == "item" && c["code"] == "e1") {
            EXPECT_NEAR(c["delta"].get<double>(), 1300.0 / 15 - 1400.0 / 15, 1e-9);
            EXPECT_EQ(c["delta_text"], "-6.67");
            ++found;
        }
    }
    EXPECT_EQ(found, 2) << gaps.dump();
}

TEST_P(AdminTest, QuestionnaireUploadShowsTheJsonPathOfAnError) {
    Browser browser = admin_browser();
    const std::string csrf = csrf_of(browser, "/admin/questionnaires");
    const auto before = site_->store().list_questionnaires()->size();
    std::string text = read_source("data/questionnaires/ita-internal-2568.json");
    const std::string good = text;
    const auto pos = text.find("\"pass_mark\"");
    ASSERT_NE(pos, std::string::npos);
    text.replace(text.find(':', pos) + 1, 0, " \"eighty-five\", \"x_pass_mark\":");
    ClientResponse refused = browser.post_raw(
        "/admin/questionnaires", multipart_type(),
        multipart_body({{"csrf", csrf, std::nullopt}, {"file", text, "broken.json"}}));
    EXPECT_EQ(refused.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(refused.body(), "$.")) << refused.body();
    EXPECT_TRUE(contains(refused.body(), "broken.json"));
    EXPECT_EQ(site_->store().list_questionnaires()->size(), before);

    ClientResponse added =
        browser.post_raw("/admin/questionnaires", multipart_type(),
                         multipart_body({{"csrf", csrf, std::nullopt}, {"file", good, "q.json"}}));
    EXPECT_EQ(added.result(), http::status::see_other) << added.body();
    EXPECT_EQ(site_->store().list_questionnaires()->size(), before + 1);
}

TEST_P(AdminTest, RoundsAreCreatedOpenedClosedAndPublished) {
    Browser browser = admin_browser();
    const std::string csrf = csrf_of(browser, "/admin/rounds");
    const std::string questionnaire =
        std::to_string(site_->store().list_questionnaires()->front().id);
    std::map<std::string, std::string> form{{"csrf", csrf},
                                            {"fiscal_year", "2569"},
                                            {"name", "รอบ 6 เดือนหลัง"},
                                            {"opens_on", "2026-04-01"},
                                            {"closes_on", "2026-03-01"},
                                            {"questionnaire", questionnaire}};
    EXPECT_EQ(browser.post("/admin/rounds", form).result(), http::status::unprocessable_entity);
    form["closes_on"] = "2026-09-30";
    form["fiscal_year"] = "69";
    EXPECT_EQ(browser.post("/admin/rounds", form).result(), http::status::unprocessable_entity);
    form["fiscal_year"] = "2569";
    ASSERT_EQ(browser.post("/admin/rounds", form).result(), http::status::see_other);
    std::optional<store::Round> created;
    const auto rounds = site_->store().list_rounds();
    for (const auto& r : *rounds) {
        if (r.name == "รอบ 6 เดือนหลัง") created = r;
    }
    ASSERT_TRUE(created);
    EXPECT_EQ(created->status, store::RoundStatus::kDraft);
    EXPECT_EQ(created->fiscal_year_be, 2569);
    EXPECT_EQ(created->opens_on, "2026-04-01");
    // Thai dates on the Thai page; ISO on the English page and in the API.
    const std::string thai = browser.get("/admin/rounds").body();
    EXPECT_TRUE(contains(
        thai, "<td class=\"nowrap\">1 เม.ย. 2569</td><td class=\"nowrap\">30 ก.ย. 2569</td>"))
        << thai;
    EXPECT_FALSE(contains(thai, ">2026-04-01</td>"));
    EXPECT_TRUE(
        contains(browser.get("/admin/rounds?lang=en").body(),
                 "<td class=\"nowrap\">2026-04-01</td><td class=\"nowrap\">2026-09-30</td>"));
    const std::string api = browser.get("/api/rounds").body();
    EXPECT_TRUE(contains(api, "\"opens_on\":\"2026-04-01\"")) << api;
    EXPECT_TRUE(contains(api, "\"closes_on\":\"2026-09-30\"")) << api;
    const std::string action = "/admin/rounds/" + std::to_string(created->id) + "/status";
    EXPECT_EQ(browser.post(action, {{"csrf", csrf}, {"action", "open"}}).result(),
              http::status::see_other);
    EXPECT_EQ(site_->store().get_round(created->id)->status, store::RoundStatus::kOpen);
    EXPECT_EQ(browser.post(action, {{"csrf", csrf}, {"action", "close"}}).result(),
              http::status::see_other);
    EXPECT_EQ(site_->store().get_round(created->id)->status, store::RoundStatus::kClosed);
    EXPECT_EQ(browser.post(action, {{"csrf", csrf}, {"action", "publish"}}).result(),
              http::status::see_other);
    EXPECT_TRUE(site_->store().get_round(created->id)->results_published);
    EXPECT_EQ(browser.post(action, {{"csrf", csrf}, {"action", "explode"}}).result(),
              http::status::bad_request);
}

// The round life cycle over HTTP (core/round_lifecycle.hpp): a transition
// the round's state does not allow is 409 with its message and changes
// nothing; reopening a closed round is the admin's, audited as such.
TEST_P(AdminTest, RoundsChangeStateOnlyAsTheirLifeCycleAllows) {
    Browser browser = admin_browser();
    const std::string csrf = csrf_of(browser, "/admin/rounds");
    auto seed = site_->store().get_round(site_->demo().seed_round_id);
    ASSERT_TRUE(seed.ok());
    ASSERT_EQ(seed->status, store::RoundStatus::kClosed);
    ASSERT_TRUE(seed->results_published);
    const std::string action = "/admin/rounds/" + std::to_string(seed->id) + "/status";
    const auto post = [&](const char* what) {
        return browser.post(action, {{"csrf", csrf}, {"action", what}});
    };

    // Published: reopening is refused until the results are taken back.
    ClientResponse reopen = post("open");
    EXPECT_EQ(reopen.result(), http::status::conflict);
    EXPECT_TRUE(contains(reopen.body(), "กรุณายกเลิกการเผยแพร่ผลก่อนเปิดรับคำตอบอีกครั้ง")) << reopen.body();
    EXPECT_EQ(post("close").result(), http::status::conflict);
    EXPECT_EQ(post("publish").result(), http::status::conflict);
    EXPECT_EQ(site_->store().get_round(seed->id)->status, store::RoundStatus::kClosed);
    EXPECT_TRUE(site_->store().get_round(seed->id)->results_published);
    // The page offers only what may be done: unpublish.
    const std::string page = browser.get("/admin/rounds").body();
    EXPECT_TRUE(contains(page, "ยกเลิกการเผยแพร่ผล")) << page;

    EXPECT_EQ(post("unpublish").result(), http::status::see_other);
    EXPECT_EQ(post("open").result(), http::status::see_other);
    auto reopened = site_->store().get_round(seed->id);
    EXPECT_EQ(reopened->status, store::RoundStatus::kOpen);
    EXPECT_FALSE(reopened->results_published);
    const auto entries = site_->store().list_audit(10);
    ASSERT_TRUE(entries.ok());
    ASSERT_FALSE(entries->empty());
    EXPECT_EQ(entries->front().action, "round.reopen");
    EXPECT_TRUE(contains(entries->front().details, "\"from\":\"closed\""))
        << entries->front().details;

    // A draft cannot be closed or published.
    store::Round draft = *seed;
    draft.id = 0;
    draft.name = "รอบร่าง";
    draft.status = store::RoundStatus::kDraft;
    draft.results_published = false;
    auto draft_id = site_->store().create_round(draft);
    ASSERT_TRUE(draft_id.ok()) << draft_id.status.message;
    const std::string draft_action = "/admin/rounds/" + std::to_string(*draft_id) + "/status";
    EXPECT_EQ(browser.post(draft_action, {{"csrf", csrf}, {"action", "close"}}).result(),
              http::status::conflict);
    EXPECT_EQ(browser.post(draft_action, {{"csrf", csrf}, {"action", "publish"}}).result(),
              http::status::conflict);
    EXPECT_EQ(site_->store().get_round(*draft_id)->status, store::RoundStatus::kDraft);
    EXPECT_FALSE(site_->store().get_round(*draft_id)->results_published);
}

TEST_P(AdminTest, NobodyButAnAdminReopensAClosedRound) {
    const store::Id unit = site_->demo().unit_id;
    auto seed = site_->store().get_round(site_->demo().seed_round_id);
    ASSERT_TRUE(seed.ok());
    seed->results_published = false;  // closed, not published: an admin could reopen it
    ASSERT_TRUE(site_->store().update_round(*seed).ok());
    make_user("coordinator", store::Role::kUnitCoordinator, unit);
    make_user("executive", store::Role::kExecutive);
    for (const char* who : {"coordinator", "executive"}) {
        SCOPED_TRACE(who);
        Browser browser(site_->port());
        ASSERT_EQ(sign_in(browser, who, kPassword).result(), http::status::see_other);
        const std::string csrf = csrf_of(browser);
        ASSERT_FALSE(csrf.empty());
        EXPECT_EQ(browser
                      .post("/admin/rounds/" + std::to_string(seed->id) + "/status",
                            {{"csrf", csrf}, {"action", "open"}})
                      .result(),
                  http::status::forbidden);
        EXPECT_EQ(site_->store().get_round(seed->id)->status, store::RoundStatus::kClosed);
    }
}

// A database that fails under an import is the server's problem (503), not a
// bad file (422).
TEST_P(AdminTest, AnImportIntoABrokenDatabaseIsUnavailableNotBadInput) {
    Browser browser = admin_browser();
    const store::Id round = site_->demo().open_round_id;
    const std::string csrf = csrf_of(browser, "/admin/imports");
    const std::string csv = "unit,round,instrument,respondent,i1\nศรป.,ITA 2569 รอบ 1,IIT,a,4\n";
    std::string broken = site_->execute_sql("DROP TABLE responses");
    if (!broken.empty()) broken = site_->execute_sql("DROP TABLE responses CASCADE");
    ASSERT_EQ(broken, "");
    ClientResponse r =
        browser.post_raw("/admin/imports", multipart_type(),
                         multipart_body({{"csrf", csrf, std::nullopt},
                                         {"round", std::to_string(round), std::nullopt},
                                         {"file", csv, "r.csv"}}));
    EXPECT_EQ(r.result(), http::status::service_unavailable) << r.body();
}

TEST_P(AdminTest, TheAuditLogShowsThaiDatesInThailandsTime) {
    (void)admin_browser();  // signs in at 2025-11-20T03:00:00Z
    site_->set_now(site_->now() + std::chrono::hours(21) + std::chrono::minutes(5));
    Browser browser(site_->port());
    ASSERT_EQ(location(sign_in(browser, "boss", kPassword)), "/admin");
    ClientResponse page = browser.get("/admin/audit");
    ASSERT_EQ(page.result(), http::status::ok);
    const std::string body = page.body();
    EXPECT_TRUE(
        contains(body, "<time datetime=\"2025-11-20T03:00:00Z\">20 พ.ย. 2568 10.00 น.</time>"))
        << body;
    // 00:05 UTC on the 21st is already the 21st in Thailand: 07.05.
    EXPECT_TRUE(
        contains(body, "<time datetime=\"2025-11-21T00:05:00Z\">21 พ.ย. 2568 07.05 น.</time>"))
        << body;
    EXPECT_TRUE(contains(browser.get("/admin/audit?lang=en").body(), ">2025-11-21 07:05</time>"));
}

TEST_P(AdminTest, UsersAreCreatedResetAndDeactivated) {
    Browser browser = admin_browser();
    const std::string csrf = csrf_of(browser, "/admin/users");
    EXPECT_EQ(browser
                  .post("/admin/users",
                        {{"csrf", csrf}, {"username", "c1"}, {"role", "unit_coordinator"}})
                  .result(),
              http::status::unprocessable_entity);  // a coordinator needs a unit
    ClientResponse created =
        browser.post("/admin/users", {{"csrf", csrf},
                                      {"username", "c1"},
                                      {"display_name", "ผู้ประสานงาน"},
                                      {"role", "unit_coordinator"},
                                      {"unit", std::to_string(site_->demo().unit_id)}});
    ASSERT_EQ(created.result(), http::status::ok) << created.body();
    static const std::regex password_pattern(R"re(one-time-password">([A-Za-z0-9_-]+)<)re");
    std::smatch match;
    ASSERT_TRUE(std::regex_search(created.body(), match, password_pattern)) << created.body();
    const std::string one_time = match[1].str();
    EXPECT_EQ(
        browser.post("/admin/users", {{"csrf", csrf}, {"username", "C1"}, {"role", "executive"}})
            .result(),
        http::status::unprocessable_entity);  // taken, case-insensitively

    Browser user(site_->port());
    EXPECT_EQ(location(sign_in(user, "c1", one_time)), "/admin/password");
    const store::Id id = site_->store().find_user("c1")->id;

    ClientResponse reset =
        browser.post("/admin/users/" + std::to_string(id) + "/reset", {{"csrf", csrf}});
    ASSERT_EQ(reset.result(), http::status::ok);
    ASSERT_TRUE(std::regex_search(reset.body(), match, password_pattern));
    EXPECT_NE(match[1].str(), one_time);
    EXPECT_TRUE(site_->store().get_user(id)->must_change_password);

    EXPECT_EQ(browser.post("/admin/users/" + std::to_string(id) + "/deactivate", {{"csrf", csrf}})
                  .result(),
              http::status::see_other);
    EXPECT_FALSE(site_->store().get_user(id)->active);
    EXPECT_EQ(location(user.get("/admin/password")),
              "/admin/sign-in");  // the session died with the account
    const store::Id self = site_->store().find_user("boss")->id;
    EXPECT_EQ(browser.post("/admin/users/" + std::to_string(self) + "/deactivate", {{"csrf", csrf}})
                  .result(),
              http::status::unprocessable_entity);
}

// ---- Issue 12: rounds in พ.ศ., edited, duplicated, deleted; bulk imports ----

TEST_P(AdminTest, RoundDatesAreTypedInTheBuddhistEraAndImplausibleYearsRefused) {
    Browser browser = admin_browser();
    const std::string csrf = csrf_of(browser, "/admin/rounds");
    const std::string questionnaire =
        std::to_string(site_->store().list_questionnaires()->front().id);
    std::map<std::string, std::string> form{{"csrf", csrf},
                                            {"fiscal_year", "2570"},
                                            {"name", "ITA 2570 รอบ 1"},
                                            {"opens_on", "01/12/2569"},
                                            {"closes_on", "2026-11-30"},
                                            {"questionnaire", questionnaire}};
    // A C.E. year where B.E. is expected: refused, naming the field, in Thai.
    form["closes_on"] = "30/09/2027";
    ClientResponse refused = browser.post("/admin/rounds", form);
    EXPECT_EQ(refused.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(refused.body(), "วันปิดรับคำตอบ: ปี พ.ศ.")) << refused.body();
    EXPECT_TRUE(contains(refused.body(), "ปี พ.ศ. ต้องอยู่ระหว่าง 2500 ถึง 2700")) << refused.body();
    EXPECT_TRUE(contains(refused.body(), "aria-invalid=\"true\" value=\"30/09/2027\""));
    // A B.E. year in the ISO form would be 3112: refused too.
    form["closes_on"] = "2570-09-30";
    EXPECT_EQ(browser.post("/admin/rounds", form).result(), http::status::unprocessable_entity);
    form["closes_on"] = "30/09/2570";
    ASSERT_EQ(browser.post("/admin/rounds", form).result(), http::status::see_other);
    std::optional<store::Round> created;
    for (const auto& r : *site_->store().list_rounds()) {
        if (r.name == "ITA 2570 รอบ 1") created = r;
    }
    ASSERT_TRUE(created);
    EXPECT_EQ(created->opens_on, "2026-12-01");  // 01/12/2569, not 3112
    EXPECT_EQ(created->closes_on, "2027-09-30");
    EXPECT_EQ(created->fiscal_year_be, 2570);
    const std::string page = browser.get("/admin/rounds").body();
    EXPECT_TRUE(contains(page, "1 ธ.ค. 2569")) << page;
}

TEST_P(AdminTest, ARoundIsEditedDuplicatedAYearOnAndDeletedOnlyWithoutResponses) {
    Browser browser = admin_browser();
    const std::string csrf = csrf_of(browser, "/admin/rounds");
    const store::Id open = site_->demo().open_round_id;
    const std::string base = "/admin/rounds/" + std::to_string(open);
    ClientResponse edit = browser.get(base + "/edit");
    ASSERT_EQ(edit.result(), http::status::ok) << edit.body();
    EXPECT_TRUE(contains(edit.body(), "value=\"01/10/2568\"")) << edit.body();
    EXPECT_TRUE(contains(edit.body(), "value=\"30/09/2569\""));

    std::map<std::string, std::string> form{{"csrf", csrf},
                                            {"fiscal_year", "2569"},
                                            {"name", "ITA 2569 รอบ 1 (แก้ไข)"},
                                            {"opens_on", "01/10/2568"},
                                            {"closes_on", "31/02/2569"}};
    ClientResponse bad = browser.post(base, form);
    EXPECT_EQ(bad.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(bad.body(), "ไม่มีวันที่นี้ในปฏิทิน")) << bad.body();
    form["closes_on"] = "15/09/2568";
    bad = browser.post(base, form);
    EXPECT_TRUE(contains(bad.body(), "วันปิดรับต้องไม่ก่อนวันเปิดรับ")) << bad.body();
    EXPECT_EQ(site_->store().get_round(open)->name, "ITA 2569 รอบ 1");
    form["closes_on"] = "31/10/2569";
    ASSERT_EQ(browser.post(base, form).result(), http::status::see_other);
    auto edited = site_->store().get_round(open);
    EXPECT_EQ(edited->name, "ITA 2569 รอบ 1 (แก้ไข)");
    EXPECT_EQ(edited->closes_on, "2026-10-31");
    EXPECT_EQ(edited->status, store::RoundStatus::kOpen);

    // Duplicated: next year's draft with the same questionnaire.
    ClientResponse copy = browser.post(base + "/duplicate", {{"csrf", csrf}});
    ASSERT_EQ(copy.result(), http::status::see_other);
    const std::string copy_edit = location(copy);
    ASSERT_TRUE(copy_edit.ends_with("/edit")) << copy_edit;
    const store::Id copy_id = std::stoll(copy_edit.substr(std::string("/admin/rounds/").size()));
    auto duplicate = site_->store().get_round(copy_id);
    ASSERT_TRUE(duplicate.ok());
    EXPECT_EQ(duplicate->fiscal_year_be, 2570);
    EXPECT_EQ(duplicate->opens_on, "2026-10-01");
    EXPECT_EQ(duplicate->closes_on, "2027-10-31");
    EXPECT_EQ(duplicate->questionnaire_id, edited->questionnaire_id);
    EXPECT_EQ(duplicate->status, store::RoundStatus::kDraft);
    EXPECT_EQ(site_->store().list_audit(1)->front().action, "round.duplicate");

    // The seed round holds responses: not deleted (409); the copy is.
    const std::string seed = "/admin/rounds/" + std::to_string(site_->demo().seed_round_id);
    ClientResponse kept = browser.post(seed + "/delete", {{"csrf", csrf}});
    EXPECT_EQ(kept.result(), http::status::conflict);
    EXPECT_TRUE(contains(kept.body(), "ลบรอบนี้ไม่ได้")) << kept.body();
    EXPECT_TRUE(site_->store().get_round(site_->demo().seed_round_id).ok());
    EXPECT_EQ(browser.post("/admin/rounds/" + std::to_string(copy_id) + "/delete", {{"csrf", csrf}})
                  .result(),
              http::status::see_other);
    EXPECT_EQ(site_->store().get_round(copy_id).status.code, store::StatusCode::kNotFound);
    EXPECT_EQ(browser.post("/admin/rounds/999999/delete", {{"csrf", csrf}}).result(),
              http::status::not_found);
}

TEST_P(AdminTest, PublishingAnOpenRoundNeedsItsConfirmation) {
    Browser browser = admin_browser();
    const std::string csrf = csrf_of(browser, "/admin/rounds");
    const store::Id open = site_->demo().open_round_id;
    const std::string action = "/admin/rounds/" + std::to_string(open) + "/status";
    EXPECT_TRUE(
        contains(browser.get("/admin/rounds").body(), "name=\"confirm\" value=\"yes\" required"));
    ClientResponse unconfirmed = browser.post(action, {{"csrf", csrf}, {"action", "publish"}});
    EXPECT_EQ(unconfirmed.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(unconfirmed.body(), "กรุณาทำเครื่องหมายยืนยันก่อนเผยแพร่ผล"))
        << unconfirmed.body();
    EXPECT_FALSE(site_->store().get_round(open)->results_published);
    EXPECT_EQ(
        browser.post(action, {{"csrf", csrf}, {"action", "publish"}, {"confirm", "yes"}}).result(),
        http::status::see_other);
    EXPECT_TRUE(site_->store().get_round(open)->results_published);
}

TEST_P(AdminTest, UnitsComeFromACsvAllOrNothingWithEveryErrorByLineAndColumn) {
    Browser browser = admin_browser();
    const std::string csrf = csrf_of(browser, "/admin/units");
    const auto before = site_->store().list_units()->size();
    const auto post = [&](const std::string& csv) {
        return browser.post_raw(
            "/admin/units/import", multipart_type(),
            multipart_body({{"csrf", csrf, std::nullopt}, {"file", csv, "units.csv"}}));
    };
    // Line 3: a negative count; line 4: an unknown parent; line 5: a short
    // name used twice. Nothing is stored.
    ClientResponse bad = post(
        "name,short_name,parent_short_name,staff_count,client_count\n"
        "กองใหม่,กม.,,120,\n"
        "งาน ก,งก.,กม.,-4,\n"
        "งาน ข,งข.,ไม่มี,10,x\n"
        "งาน ค,งก.,กม.,3,\n");
    EXPECT_EQ(bad.result(), http::status::unprocessable_entity);
    const std::string body = bad.body();
    EXPECT_TRUE(contains(body, "<td class=\"number\">3</td><td>staff_count</td><td>-4</td>"))
        << body;
    EXPECT_TRUE(
        contains(body, "<td class=\"number\">4</td><td>parent_short_name</td><td>ไม่มี</td>"));
    EXPECT_TRUE(contains(body, "<td class=\"number\">4</td><td>client_count</td><td>x</td>"));
    EXPECT_TRUE(contains(body, "<td class=\"number\">5</td><td>short_name</td><td>งก.</td>"));
    EXPECT_TRUE(contains(body, "จำนวนเต็มไม่ติดลบ"));
    EXPECT_EQ(site_->store().list_units()->size(), before);

    // A parent named on a later line, and the demo's ศรป. as a parent.
    ClientResponse good = post(
        "name,short_name,parent_short_name,staff_count,client_count\n"
        "งาน ก,งก.,กม.,45,300\n"
        "กองใหม่,กม.,,120,\n"
        "งาน ศรป.,งศ.,ศรป.,7,\n");
    ASSERT_EQ(good.result(), http::status::ok) << good.body();
    auto units = site_->store().list_units();
    ASSERT_EQ(units->size(), before + 3);
    std::map<std::string, store::Unit> by_short;
    for (const auto& u : *units) by_short[u.short_name] = u;
    EXPECT_EQ(by_short["งก."].parent_id, std::optional<store::Id>(by_short["กม."].id));
    EXPECT_EQ(by_short["งก."].staff_count, std::optional<std::int64_t>(45));
    EXPECT_EQ(by_short["งก."].client_count, std::optional<std::int64_t>(300));
    EXPECT_EQ(by_short["กม."].client_count, std::nullopt);
    EXPECT_EQ(by_short["งศ."].parent_id, std::optional<store::Id>(site_->demo().unit_id));
    EXPECT_EQ(site_->store().list_audit(1)->front().action, "unit.import");

    // Thai headers, as a Thai office writes them; errors name them as typed.
    ClientResponse thai_bad = post(
        "ชื่อหน่วยงาน,ชื่อย่อ,ชื่อย่อหน่วยงานแม่,จำนวนบุคลากร\n"
        "งาน ฉ,งฉ.,กม.,สิบ\n");
    EXPECT_EQ(thai_bad.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(
        contains(thai_bad.body(), "<td class=\"number\">2</td><td>จำนวนบุคลากร</td><td>สิบ</td>"))
        << thai_bad.body();
    ASSERT_EQ(post("ชื่อหน่วยงาน,ชื่อย่อ,ชื่อย่อหน่วยงานแม่,จำนวนบุคลากร\n"
                   "งาน ฉ,งฉ.,กม.,10\n")
                  .result(),
              http::status::ok);
    units = site_->store().list_units();
    ASSERT_EQ(units->size(), before + 4);

    // Excel's "CSV" on a Thai Windows: Windows-874 bytes, semicolons.
    ASSERT_EQ(post("name;short_name;parent_short_name;staff_count\n"
                   "\xA7\xD2\xB9 \xAA;\xA7\xAA.;;12\n")
                  .result(),
              http::status::ok);
    auto cp874 = site_->store().list_units();
    ASSERT_EQ(cp874->size(), before + 5);
    const auto added = std::find_if(cp874->begin(), cp874->end(),
                                    [](const store::Unit& u) { return u.short_name == "งช."; });
    ASSERT_NE(added, cp874->end());
    EXPECT_EQ(added->name, "งาน ช");
    EXPECT_EQ(added->staff_count, std::optional<std::int64_t>(12));

    // The counts are edited on the unit's form; a negative one is refused.
    const store::Unit unit = by_short["งก."];
    const std::string target = "/admin/units/" + std::to_string(unit.id);
    std::map<std::string, std::string> form{{"csrf", csrf},
                                            {"name", unit.name},
                                            {"short_name", unit.short_name},
                                            {"parent", std::to_string(*unit.parent_id)},
                                            {"staff_count", "-1"},
                                            {"client_count", ""}};
    EXPECT_EQ(browser.post(target, form).result(), http::status::unprocessable_entity);
    form["staff_count"] = "50";
    ASSERT_EQ(browser.post(target, form).result(), http::status::see_other);
    auto saved = site_->store().get_unit(unit.id);
    EXPECT_EQ(saved->staff_count, std::optional<std::int64_t>(50));
    EXPECT_EQ(saved->client_count, std::nullopt);
    EXPECT_TRUE(
        contains(browser.get("/admin/units").body(),
                 "name=\"staff_count\" inputmode=\"numeric\" pattern=\"[0-9]*\" value=\"50\""));
}

TEST_P(AdminTest, UsersComeFromACsvAllOrNothingWithOneTimePasswords) {
    Browser browser = admin_browser();
    const std::string csrf = csrf_of(browser, "/admin/users");
    const auto before = site_->store().list_users()->size();
    const auto post = [&](const std::string& csv) {
        return browser.post_raw(
            "/admin/users/import", multipart_type(),
            multipart_body({{"csrf", csrf, std::nullopt}, {"file", csv, "users.csv"}}));
    };
    ClientResponse bad = post(
        "username,role,unit_short_name,display_name\n"
        "somchai,unit_coordinator,ศรป.,สมชาย\n"
        "BOSS,executive,,\n"
        "somying,unit_coordinator,,\n"
        "x y,chief,ไม่มี,\n");
    EXPECT_EQ(bad.result(), http::status::unprocessable_entity);
    const std::string body = bad.body();
    EXPECT_TRUE(contains(body, "<td class=\"number\">3</td><td>username</td><td>BOSS</td>"))
        << body;
    EXPECT_TRUE(contains(body, "<td class=\"number\">4</td><td>unit_short_name</td>"));
    EXPECT_TRUE(contains(body, "<td class=\"number\">5</td><td>username</td><td>x y</td>"));
    EXPECT_TRUE(contains(body, "<td class=\"number\">5</td><td>role</td><td>chief</td>"));
    EXPECT_TRUE(contains(body, "<td class=\"number\">5</td><td>unit_short_name</td><td>ไม่มี</td>"));
    EXPECT_EQ(site_->store().list_users()->size(), before);
    EXPECT_EQ(site_->store().find_user("somchai").status.code, store::StatusCode::kNotFound);

    ClientResponse good = post(
        "username,role,unit_short_name,display_name\n"
        "somchai,unit_coordinator,ศรป.,สมชาย ใจดี\n"
        "exec.a,ผู้บริหาร,,\n");
    ASSERT_EQ(good.result(), http::status::ok) << good.body();
    EXPECT_TRUE(contains(std::string(good[http::field::cache_control]), "no-store"));
    static const std::regex password_row(
        R"re(<td>somchai</td><td><strong class="access-code one-time-password">([^<]+)</strong>)re");
    std::smatch match;
    const std::string page = good.body();
    ASSERT_TRUE(std::regex_search(page, match, password_row)) << page;
    auto somchai = site_->store().find_user("somchai");
    ASSERT_TRUE(somchai.ok());
    EXPECT_EQ(somchai->role, store::Role::kUnitCoordinator);
    EXPECT_EQ(somchai->unit_id, std::optional<store::Id>(site_->demo().unit_id));
    EXPECT_TRUE(somchai->must_change_password);
    EXPECT_EQ(site_->store().find_user("exec.a")->role, store::Role::kExecutive);
    Browser user(site_->port());
    EXPECT_EQ(location(sign_in(user, "somchai", match[1].str())), "/admin/password");
}

INSTANTIATE_TEST_SUITE_P(Stores, AdminTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return store::testing::backend_name(info.param); });

}  // namespace
}  // namespace itagap::testing
