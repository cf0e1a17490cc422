// The installation key: created once with mode 0600, read back the same on
// every start, a foreign file refused, and the keyed hash depends on the key.
#include "security/installation_key.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "security/random_tokens.hpp"

namespace itagap::security {
namespace {

namespace fs = std::filesystem;

class InstallationKey : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("itagap-key-" + random_token(8));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(InstallationKey, IsCreatedOnceOwnerOnlyAndReadBackTheSame) {
    const std::string path = (dir_ / "itagap.sqlite.key").string();
    auto first = load_or_create_installation_key(path);
    ASSERT_TRUE(first.ok()) << first.status.message;
    EXPECT_EQ(first->size(), kInstallationKeyBytes);
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line.size(), kInstallationKeyBytes * 2);  // hex, one line

    auto again = load_or_create_installation_key(path);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *first);
    // No staging file left behind.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(InstallationKey, AFileThatIsNotAKeyIsRefusedAndKept) {
    const std::string path = (dir_ / "wrong.key").string();
    std::ofstream(path) << "not a key\n";
    auto key = load_or_create_installation_key(path);
    EXPECT_EQ(key.status.code, StatusCode::kInvalid);
    EXPECT_NE(key.status.message.find(path), std::string::npos) << key.status.message;
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "not a key");
}

TEST_F(InstallationKey, TheAddressHashDependsOnTheKey) {
    const std::string a(32, 'a');
    const std::string b(32, 'b');
    EXPECT_EQ(keyed_hash_hex(a, "203.0.113.7"), keyed_hash_hex(a, "203.0.113.7"));
    EXPECT_NE(keyed_hash_hex(a, "203.0.113.7"), keyed_hash_hex(b, "203.0.113.7"));
    EXPECT_NE(keyed_hash_hex(a, "203.0.113.7"), keyed_hash_hex(a, "203.0.113.8"));
    EXPECT_EQ(keyed_hash_hex(a, "").size(), 32u);
}

}  // namespace
}  // namespace itagap::security
