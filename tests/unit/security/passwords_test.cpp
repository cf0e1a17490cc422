#include "security/passwords.hpp"

#include <gtest/gtest.h>

namespace itagap::security {
namespace {

const PasswordHashLimits kFast = PasswordHashLimits::minimum_for_tests();

TEST(SecurityPasswordTest, HashIsArgon2idAndVerifies) {
    const std::string hash = hash_password("correct horse battery", kFast);
    EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    EXPECT_TRUE(verify_password(hash, "correct horse battery"));
}

TEST(SecurityPasswordTest, WrongPasswordFails) {
    const std::string hash = hash_password("correct horse battery", kFast);
    EXPECT_FALSE(verify_password(hash, "correct horse batterY"));
    EXPECT_FALSE(verify_password(hash, ""));
    EXPECT_FALSE(verify_password(hash, "correct horse battery "));
}

TEST(SecurityPasswordTest, SamePasswordHashesDifferentlyBecauseOfTheSalt) {
    const std::string a = hash_password("รหัสผ่านภาษาไทย", kFast);
    const std::string b = hash_password("รหัสผ่านภาษาไทย", kFast);
    EXPECT_NE(a, b);
    EXPECT_TRUE(verify_password(a, "รหัสผ่านภาษาไทย"));
    EXPECT_TRUE(verify_password(b, "รหัสผ่านภาษาไทย"));
}

TEST(SecurityPasswordTest, DefaultLimitsAreInteractive) {
    // One real-cost hash (64 MiB, 2 passes), to check the defaults are wired.
    const std::string hash = hash_password("correct horse battery");
    EXPECT_NE(hash.find("$m=65536,t=2,p=1$"), std::string::npos) << hash;
    EXPECT_TRUE(verify_password(hash, "correct horse battery"));
    EXPECT_FALSE(password_needs_rehash(hash));
}

TEST(SecurityPasswordTest, EmptyPasswordHashesAndVerifies) {
    // A default std::string_view holds a null pointer; libsodium must not see it.
    const std::string hash = hash_password(std::string_view{}, kFast);
    ASSERT_FALSE(hash.empty());
    EXPECT_TRUE(verify_password(hash, std::string_view{}));
    EXPECT_FALSE(verify_password(hash, "x"));
}

TEST(SecurityPasswordTest, MalformedHashesNeverVerify) {
    EXPECT_FALSE(verify_password("", "anything"));
    EXPECT_FALSE(verify_password("$argon2id$garbage", "anything"));
    EXPECT_FALSE(verify_password(std::string(1000, 'a'), "anything"));
    std::string with_nul = hash_password("correct horse battery", kFast);
    with_nul.push_back('\0');
    EXPECT_FALSE(verify_password(with_nul, "correct horse battery"));
}

TEST(SecurityPasswordTest, NeedsRehashWhenLimitsChangeOrHashIsForeign) {
    const std::string cheap = hash_password("correct horse battery", kFast);
    EXPECT_FALSE(password_needs_rehash(cheap, kFast));
    EXPECT_TRUE(password_needs_rehash(cheap, PasswordHashLimits::interactive()));
    EXPECT_TRUE(password_needs_rehash(""));
    EXPECT_TRUE(password_needs_rehash("$2y$10$bcryptbcryptbcryptbcryptbcryptbcryptbcr"));
}

TEST(SecurityPasswordPolicyTest, AcceptsLongEnoughPasswordsInAnyScript) {
    EXPECT_EQ(password_problem("correct horse"), std::nullopt);
    EXPECT_EQ(password_problem("aaaaaaaaab"), std::nullopt);
    // 10 Thai code points (30 bytes of UTF-8).
    EXPECT_EQ(password_problem("ประเมินคุณ"), std::nullopt);
}

TEST(SecurityPasswordPolicyTest, CountsCodePointsNotBytes) {
    // 9 Thai code points are 27 bytes but still too short.
    const auto problem = password_problem("ประเมินคุ");
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("อย่างน้อย 10"), std::string::npos) << *problem;
    EXPECT_NE(problem->find("at least 10 characters"), std::string::npos) << *problem;
}

TEST(SecurityPasswordPolicyTest, RejectsShortRepeatedTooLongAndInvalidUtf8) {
    EXPECT_NE(password_problem(""), std::nullopt);
    EXPECT_NE(password_problem("short"), std::nullopt);

    const auto repeated = password_problem("aaaaaaaaaaaa");
    ASSERT_TRUE(repeated.has_value());
    EXPECT_NE(repeated->find("repeated"), std::string::npos) << *repeated;
    EXPECT_NE(repeated->find("ซ้ำ"), std::string::npos) << *repeated;
    EXPECT_NE(password_problem("กกกกกกกกกกกก"), std::nullopt);

    const auto too_long = password_problem(std::string(257, 'a') + "b");
    ASSERT_TRUE(too_long.has_value());
    EXPECT_NE(too_long->find("at most 256"), std::string::npos) << *too_long;

    const auto broken = password_problem("abcdefghij\xE0\xB8");  // truncated Thai letter
    ASSERT_TRUE(broken.has_value());
    EXPECT_NE(broken->find("UTF-8"), std::string::npos) << *broken;
    EXPECT_NE(password_problem("abcdefghij\xC0\x80"), std::nullopt);      // overlong NUL
    EXPECT_NE(password_problem("abcdefghij\xED\xA0\x80"), std::nullopt);  // surrogate
}

TEST(SecurityPasswordPolicyTest, MessagesAreThaiThenEnglish) {
    const auto problem = password_problem("short");
    ASSERT_TRUE(problem.has_value());
    const auto slash = problem->find(" / ");
    ASSERT_NE(slash, std::string::npos);
    EXPECT_NE(problem->substr(0, slash).find("รหัสผ่าน"), std::string::npos);
    EXPECT_NE(problem->substr(slash).find("password"), std::string::npos);
}

}  // namespace
}  // namespace itagap::security
