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
    EXPECT_EQ(password_problem("ประเมินคุ"), PasswordProblem::kTooShort);
}

TEST(SecurityPasswordPolicyTest, RejectsShortRepeatedTooLongAndInvalidUtf8) {
    EXPECT_EQ(password_problem(""), PasswordProblem::kTooShort);
    EXPECT_EQ(password_problem("short"), PasswordProblem::kTooShort);
    EXPECT_EQ(password_problem("aaaaaaaaaaaa"), PasswordProblem::kOneCharacter);
    EXPECT_EQ(password_problem("กกกกกกกกกกกก"), PasswordProblem::kOneCharacter);
    EXPECT_EQ(password_problem(std::string(257, 'a') + "b"), PasswordProblem::kTooLong);
    EXPECT_EQ(password_problem(std::string(255, 'a') + "b"), std::nullopt);  // 256: allowed
    // A truncated Thai letter, an overlong NUL, a surrogate.
    EXPECT_EQ(password_problem("abcdefghij\xE0\xB8"), PasswordProblem::kNotUtf8);
    EXPECT_EQ(password_problem("abcdefghij\xC0\x80"), PasswordProblem::kNotUtf8);
    EXPECT_EQ(password_problem("abcdefghij\xED\xA0\x80"), PasswordProblem::kNotUtf8);
}

TEST(SecurityPasswordPolicyTest, EachProblemHasItsOwnMessageKey) {
    EXPECT_EQ(message_key(PasswordProblem::kNotUtf8), "password_not_utf8");
    EXPECT_EQ(message_key(PasswordProblem::kTooShort), "password_too_short");
    EXPECT_EQ(message_key(PasswordProblem::kTooLong), "password_too_long");
    EXPECT_EQ(message_key(PasswordProblem::kOneCharacter), "password_one_character");
}

}  // namespace
}  // namespace itagap::security
