// Issue 13's promises over real HTTP on loopback, on each store: sign-in
// limited per address with 429 and Retry-After, a back-off instead of a lock,
// IIT code guessing limited per address, a password change or reset ending
// every other session, survey pages never cached, control characters refused.
#include <gtest/gtest.h>

#include "security/passwords.hpp"
#include "site_harness.hpp"

namespace itagap::testing {
namespace {

using namespace std::chrono_literals;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

constexpr const char* kPassword = "correct horse battery";

// A coordinator of the demo unit whose password is kPassword (not due for a
// change), stored straight in the store; not signed in.
void add_user(SiteHarness& site, const std::string& username) {
    store::User user;
    user.username = username;
    user.display_name = username;
    user.password_hash =
        security::hash_password(kPassword, security::PasswordHashLimits::minimum_for_tests());
    user.role = store::Role::kUnitCoordinator;
    user.unit_id = site.demo().unit_id;
    ASSERT_TRUE(site.store().create_user(user).ok());
}

ClientResponse try_sign_in(Browser& browser, const std::string& username,
                           const std::string& password) {
    auto fields = hidden_fields(browser.get("/admin/sign-in").body());
    fields["username"] = username;
    fields["password"] = password;
    return browser.post("/admin/sign-in", fields);
}

int retry_after_seconds(const ClientResponse& response) {
    const auto value = response[http::field::retry_after];
    return value.empty() ? -1 : std::stoi(std::string(value));
}

// A fixture whose limits are small enough to reach in a test; the limiters'
// clock stands still until the test moves it (advance_limiter_clock).
class SecurityTest : public ::testing::TestWithParam<Backend> {
protected:
    void start(const SiteHarnessOptions& options) {
        std::string why;
        bool skip = false;
        site_ = SiteHarness::start(GetParam(), why, skip, options);
        if (!site_) {
            if (skip) GTEST_SKIP() << why;
            FAIL() << why;
        }
    }
    std::unique_ptr<SiteHarness> site_;
};

TEST_P(SecurityTest, SignInIsLimitedPerAddressWith429AndRetryAfter) {
    SiteHarnessOptions options;
    // 3 at once, then one every 20 s; no back-off in the way.
    options.sign_in_limits.per_address = {3, 1.0 / 20, 1000};
    options.sign_in_limits.free_failures = 1000;
    start(options);
    if (!site_) return;
    add_user(*site_, "somchai");
    Browser browser(site_->port());
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(try_sign_in(browser, "somchai", "wrong").result(), http::status::unauthorized)
            << i;
    }
    // The fourth, even with the right password, waits: 20 s for one token.
    ClientResponse refused = try_sign_in(browser, "somchai", kPassword);
    EXPECT_EQ(refused.result(), http::status::too_many_requests);
    EXPECT_EQ(retry_after_seconds(refused), 20);
    EXPECT_TRUE(contains(refused.body(), "มีการลองเข้าสู่ระบบมากเกินไป")) << refused.body();
    EXPECT_EQ(try_sign_in(browser, "admin", "wrong").result(), http::status::too_many_requests);

    site_->advance_limiter_clock(20s);
    EXPECT_EQ(try_sign_in(browser, "somchai", kPassword).result(), http::status::see_other);
}

TEST_P(SecurityTest, WrongPasswordsBackOffInsteadOfLockingTheAccount) {
    SiteHarnessOptions options;
    options.sign_in_limits.free_failures = 3;
    options.sign_in_limits.first_backoff = 2s;
    options.sign_in_limits.max_account_backoff = 20s;
    options.sign_in_limits.max_address_backoff = 20s;
    start(options);
    if (!site_) return;
    add_user(*site_, "somchai");
    Browser browser(site_->port());
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(try_sign_in(browser, "somchai", "wrong").result(), http::status::unauthorized);
    // After three failures the next try waits 2 s, the right password too.
    ClientResponse wait = try_sign_in(browser, "somchai", kPassword);
    EXPECT_EQ(wait.result(), http::status::too_many_requests);
    EXPECT_EQ(retry_after_seconds(wait), 2);
    // Four more failures, each after its wait: the wait doubles (2, 4, 8,
    // 16 s) and stops at the cap (20 s), never a lock.
    int expected = 2;
    for (int i = 0; i < 4; ++i) {
        site_->advance_limiter_clock(std::chrono::seconds(expected));
        EXPECT_EQ(try_sign_in(browser, "somchai", "wrong").result(), http::status::unauthorized)
            << i;
        expected = std::min(expected * 2, 20);
        EXPECT_EQ(retry_after_seconds(try_sign_in(browser, "somchai", kPassword)), expected) << i;
    }
    EXPECT_EQ(expected, 20);
    site_->advance_limiter_clock(20s);
    EXPECT_EQ(try_sign_in(browser, "somchai", kPassword).result(), http::status::see_other);
    auto user = site_->store().find_user("somchai");
    ASSERT_TRUE(user.ok());
    EXPECT_TRUE(user->locked_until.empty());
}

TEST_P(SecurityTest, IitCodeGuessingIsLimitedPerAddress) {
    SiteHarnessOptions options;
    options.code_limits = {3, 1.0 / 30, 1000};  // 3 wrong codes, then one every 30 s
    start(options);
    if (!site_) return;
    Browser browser(site_->port());
    auto fields = hidden_fields(browser.get("/iit").body());
    ASSERT_TRUE(fields.count("csrf"));
    for (const char* wrong : {"ZZZ-ZZZ-ZZZ", "ZZZ-ZZZ-ZZY", "ZZZ-ZZZ-ZZX"}) {
        fields["code"] = wrong;
        EXPECT_EQ(browser.post("/iit", fields).result(), http::status::unprocessable_entity);
    }
    // Now even a right code waits, and says so in Thai; nothing is used.
    const std::string code = site_->demo().access_codes[0];
    fields["code"] = code;
    ClientResponse refused = browser.post("/iit", fields);
    EXPECT_EQ(refused.result(), http::status::too_many_requests);
    EXPECT_EQ(retry_after_seconds(refused), 30);
    EXPECT_TRUE(contains(refused.body(), "ใส่รหัสไม่ถูกต้องหลายครั้งเกินไป")) << refused.body();
    auto counts =
        site_->store().count_access_codes(site_->demo().open_round_id, site_->demo().unit_id);
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->used, 0);

    site_->advance_limiter_clock(30s);
    ClientResponse first_page = browser.post("/iit", fields);
    EXPECT_EQ(first_page.result(), http::status::ok) << first_page.body();
    // A right code costs nothing: the next wrong one is still allowed.
    fields["code"] = "ZZZ-ZZZ-ZZW";
    EXPECT_EQ(browser.post("/iit", fields).result(), http::status::unprocessable_entity);
}

class SessionTest : public SiteTest {};

TEST_P(SessionTest, PasswordChangeEndsEveryOtherSessionOfTheUser) {
    Browser here =
        signed_in_user(*site_, "somchai", store::Role::kUnitCoordinator, site_->demo().unit_id);
    Browser stolen(site_->port());
    ASSERT_EQ(try_sign_in(stolen, "somchai", kPassword).result(), http::status::see_other);
    ASSERT_EQ(stolen.get("/admin").result(), http::status::ok);

    auto fields = hidden_fields(here.get("/admin/password").body());
    ASSERT_TRUE(fields.count("csrf"));
    fields["current"] = kPassword;
    fields["new"] = fields["confirm"] = "สั้นไป";
    ClientResponse weak = here.post("/admin/password", fields);
    EXPECT_EQ(weak.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(html_unescape(weak.body()), "รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร"))
        << weak.body();
    fields["new"] = "a new password, long enough 2569";
    fields["confirm"] = fields["new"];
    ClientResponse changed = here.post("/admin/password", fields);
    ASSERT_EQ(changed.result(), http::status::see_other) << changed.body();

    EXPECT_EQ(here.get("/admin").result(), http::status::ok);  // a new session here
    ClientResponse after = stolen.get("/admin");
    EXPECT_EQ(after.result(), http::status::see_other);
    EXPECT_EQ(std::string(after[http::field::location]), "/admin/sign-in");
}

TEST_P(SessionTest, PasswordResetByAnAdminEndsTheUsersSessions) {
    Browser admin = signed_in_user(*site_, "itaadmin", store::Role::kAdmin);
    Browser user =
        signed_in_user(*site_, "somchai", store::Role::kUnitCoordinator, site_->demo().unit_id);
    ASSERT_EQ(user.get("/admin").result(), http::status::ok);
    auto somchai = site_->store().find_user("somchai");
    ASSERT_TRUE(somchai.ok());
    auto fields = hidden_fields(admin.get("/admin/users").body());
    ASSERT_TRUE(fields.count("csrf"));
    ClientResponse reset = admin.post("/admin/users/" + std::to_string(somchai->id) + "/reset",
                                      {{"csrf", fields["csrf"]}});
    ASSERT_EQ(reset.result(), http::status::ok) << reset.body();
    ClientResponse after = user.get("/admin");
    EXPECT_EQ(after.result(), http::status::see_other);
    EXPECT_EQ(std::string(after[http::field::location]), "/admin/sign-in");
    EXPECT_EQ(admin.get("/admin").result(), http::status::ok);  // the admin's own stays
}

class SurveyPrivacyTest : public SiteTest {
protected:
    std::string eit_link() const {
        return "/s/" + std::to_string(site_->demo().open_round_id) + "/" +
               std::to_string(site_->demo().unit_id);
    }
};

// IIT step pages carry the code and the answers so far in hidden fields: no
// browser or proxy may keep a copy of any survey page.
TEST_P(SurveyPrivacyTest, EverySurveyPageIsNoStore) {
    Browser browser(site_->port());
    ClientResponse eit = browser.get(eit_link());
    ASSERT_EQ(eit.result(), http::status::ok);
    EXPECT_EQ(std::string(eit[http::field::cache_control]), "no-store");

    ClientResponse door = browser.get("/iit");
    EXPECT_EQ(std::string(door[http::field::cache_control]), "no-store");
    auto fields = hidden_fields(door.body());
    fields["code"] = site_->demo().access_codes[0];
    ClientResponse step = browser.post("/iit", fields);
    ASSERT_EQ(step.result(), http::status::ok) << step.body();
    EXPECT_TRUE(contains(step.body(), "name=\"code\"")) << "the code rides along the steps";
    EXPECT_EQ(std::string(step[http::field::cache_control]), "no-store");
}

TEST_P(SurveyPrivacyTest, ControlCharactersInACommentAreRefusedWithTheAnswersKept) {
    Browser browser(site_->port());
    ClientResponse first = browser.get(eit_link());
    ASSERT_EQ(first.result(), http::status::ok);
    auto fields = hidden_fields(first.body());
    fields["comment"] = std::string("ดี\x01\x1b[2Jมาก");
    fields["go"] = "next";
    ClientResponse refused = browser.post(eit_link(), fields);
    EXPECT_EQ(refused.result(), http::status::unprocessable_entity);
    EXPECT_TRUE(contains(refused.body(), "ข้อความมีอักขระควบคุมที่ไม่อนุญาต")) << refused.body();
    EXPECT_TRUE(hidden_fields(refused.body()).count("step"));  // still the survey, not an error
    EXPECT_EQ(
        *site_->store().count_responses(site_->demo().open_round_id, site_->demo().unit_id, "EIT"),
        0);
    // A tab and a new line are what people type: accepted.
    fields["comment"] = "ดี\tมาก\nขอบคุณ";
    EXPECT_EQ(browser.post(eit_link(), fields).result(), http::status::ok);
}

INSTANTIATE_TEST_SUITE_P(Stores, SecurityTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres));
INSTANTIATE_TEST_SUITE_P(Stores, SessionTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres));
INSTANTIATE_TEST_SUITE_P(Stores, SurveyPrivacyTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres));

}  // namespace
}  // namespace itagap::testing
