#include "security/access_codes.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <unordered_set>

#include "security/random_tokens.hpp"

namespace itagap::security {
namespace {

std::string without_dashes(std::string code) {
    std::erase(code, '-');
    return code;
}

TEST(AccessCodeTest, AlphabetHasNoLookAlikes) {
    EXPECT_EQ(kAccessCodeAlphabet.size(), 31u);
    for (char c : std::string_view("0O1lIL")) {
        EXPECT_EQ(kAccessCodeAlphabet.find(c), std::string_view::npos) << c;
    }
    std::unordered_set<char> unique(kAccessCodeAlphabet.begin(), kAccessCodeAlphabet.end());
    EXPECT_EQ(unique.size(), kAccessCodeAlphabet.size());
}

TEST(AccessCodeTest, EntropyIsAtLeastFortyBits) {
    EXPECT_GE(std::log2(std::pow(31.0, static_cast<double>(kAccessCodeLength))), 40.0);
    EXPECT_GE(access_code_entropy_bits(), 40.0);
    EXPECT_NEAR(access_code_entropy_bits(), 44.59, 0.01);
}

TEST(AccessCodeTest, TenThousandCodesAreDistinctAndUseOnlyTheAlphabet) {
    const auto codes = generate_access_codes(10'000);
    ASSERT_EQ(codes.size(), 10'000u);
    std::unordered_set<std::string> seen;
    for (const std::string& code : codes) {
        ASSERT_EQ(code.size(), 11u) << code;  // "K7Q-MX3-PAR"
        EXPECT_EQ(code[3], '-');
        EXPECT_EQ(code[7], '-');
        const std::string bare = without_dashes(code);
        ASSERT_EQ(bare.size(), kAccessCodeLength);
        for (char c : bare) {
            ASSERT_NE(kAccessCodeAlphabet.find(c), std::string_view::npos) << code;
        }
        EXPECT_TRUE(seen.insert(bare).second) << "repeated " << code;
        EXPECT_EQ(normalise_access_code(code), bare);
    }
}

TEST(AccessCodeTest, SymbolsAreRoughlyUniform) {
    // ~200,000 symbols, ~6,452 expected per symbol (sd ~79). Every symbol
    // within +-30% is ~24 standard deviations: it cannot flake, and catches a
    // symbol never drawn or drawn far too often. The chi-square bound (30
    // degrees of freedom, mean 30; P(> 100) is about 3e-9) also catches the
    // subtler bias of taking a random byte modulo 31, which would give ~560.
    const std::size_t n_codes = 200'007 / kAccessCodeLength;
    std::array<std::size_t, 256> counts{};
    for (const std::string& code : generate_access_codes(n_codes)) {
        for (char c : without_dashes(code)) ++counts[static_cast<unsigned char>(c)];
    }
    const double expected =
        static_cast<double>(n_codes * kAccessCodeLength) / kAccessCodeAlphabet.size();
    double chi_square = 0;
    for (char c : kAccessCodeAlphabet) {
        const double seen = static_cast<double>(counts[static_cast<unsigned char>(c)]);
        EXPECT_GT(seen, 0.7 * expected) << c;
        EXPECT_LT(seen, 1.3 * expected) << c;
        chi_square += (seen - expected) * (seen - expected) / expected;
    }
    EXPECT_LT(chi_square, 100.0);
}

TEST(AccessCodeTest, NormaliseAcceptsWhatPeopleType) {
    EXPECT_EQ(normalise_access_code("k7qm x3pa r"), "K7QMX3PAR");
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-R"), "K7QMX3PAR");
    EXPECT_EQ(normalise_access_code("K7Q-MX3-PAR"), "K7QMX3PAR");
    EXPECT_EQ(normalise_access_code("  k7qmx3par\n"), "K7QMX3PAR");
    EXPECT_EQ(normalise_access_code("\tK7Q MX3 - PAR "), "K7QMX3PAR");
}

TEST(AccessCodeTest, NormaliseRejectsLookAlikesAndWrongLength) {
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-O"), std::nullopt);
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-o"), std::nullopt);
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-0"), std::nullopt);
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-1"), std::nullopt);
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-l"), std::nullopt);
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-I"), std::nullopt);
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-i"), std::nullopt);
    EXPECT_EQ(normalise_access_code("K7QM-X3PA"), std::nullopt);     // 8 symbols
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-RR"), std::nullopt);  // 10 symbols
    EXPECT_EQ(normalise_access_code(""), std::nullopt);
    EXPECT_EQ(normalise_access_code("---"), std::nullopt);
    EXPECT_EQ(normalise_access_code("K7QM-X3PA-ร"), std::nullopt);  // Thai keyboard left on
    EXPECT_EQ(normalise_access_code(std::string(1000, ' ') + "K7QMX3PAR"), std::nullopt);
}

TEST(AccessCodeTest, HashIsSha256OfTheCanonicalCode) {
    const auto typed = normalise_access_code("k7q-mx3-par");
    ASSERT_TRUE(typed.has_value());
    EXPECT_EQ(access_code_hash(*typed), sha256_hex("K7QMX3PAR"));
    EXPECT_EQ(access_code_hash(*typed), access_code_hash(*normalise_access_code("K7QMX3PAR")));
    EXPECT_EQ(access_code_hash(*typed).size(), 64u);
}

TEST(AccessCodeTest, FormatGroupsInThrees) {
    EXPECT_EQ(format_access_code("K7QMX3PAR"), "K7Q-MX3-PAR");
    EXPECT_EQ(format_access_code(""), "");
}

}  // namespace
}  // namespace itagap::security
