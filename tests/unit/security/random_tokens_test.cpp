#include "security/random_tokens.hpp"

#include <gtest/gtest.h>

#include <string>
#include <unordered_set>

namespace itagap::security {
namespace {

bool is_base64url(const std::string& s) {
    for (char c : s) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

TEST(SecurityTokenTest, UniqueOverTenThousandDraws) {
    std::unordered_set<std::string> seen;
    for (int i = 0; i < 10'000; ++i) {
        const std::string token = random_token(16);
        ASSERT_TRUE(seen.insert(token).second) << "repeated token " << token;
    }
}

TEST(SecurityTokenTest, LengthIsUnpaddedBase64OfTheBytes) {
    // ceil(4n / 3) characters, no '=' padding, URL-safe alphabet only.
    for (std::size_t bytes : {0u, 1u, 2u, 3u, 16u, 31u, 32u, 33u, 64u}) {
        const std::string token = random_token(bytes);
        EXPECT_EQ(token.size(), (4 * bytes + 2) / 3) << bytes;
        EXPECT_TRUE(is_base64url(token)) << token;
    }
    EXPECT_EQ(random_token(32).size(), 43u);
}

TEST(SecurityTokenTest, Base64UrlMatchesRfc4648Vectors) {
    // RFC 4648 section 10, without padding, plus the two URL-safe symbols.
    EXPECT_EQ(base64url_encode(""), "");
    EXPECT_EQ(base64url_encode(std::string_view{}), "");
    EXPECT_EQ(base64url_encode("f"), "Zg");
    EXPECT_EQ(base64url_encode("fo"), "Zm8");
    EXPECT_EQ(base64url_encode("foo"), "Zm9v");
    EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(SecurityTokenTest, Sha256KnownVectors) {
    // FIPS 180-2 appendix B.1 and the empty message.
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex(std::string_view{}), sha256_hex(""));
}

TEST(SecurityTokenTest, ConstantTimeEqualIsLengthSafe) {
    EXPECT_TRUE(constant_time_equal("", ""));
    EXPECT_TRUE(constant_time_equal(std::string_view{}, ""));
    EXPECT_TRUE(constant_time_equal("token", "token"));
    EXPECT_FALSE(constant_time_equal("token", "tokeN"));
    EXPECT_FALSE(constant_time_equal("token", "token2"));
    EXPECT_FALSE(constant_time_equal("token", "toke"));
    EXPECT_FALSE(constant_time_equal("", "x"));
    EXPECT_TRUE(constant_time_equal(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
    EXPECT_FALSE(constant_time_equal(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

}  // namespace
}  // namespace itagap::security
