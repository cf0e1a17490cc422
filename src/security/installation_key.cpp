#include "security/installation_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "security/sodium_init.hpp"

namespace itagap::security {

namespace {

std::string to_hex(std::string_view bytes) {
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size());
    hex.pop_back();
    return hex;
}

StatusOr<std::string> read_key(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Internal(path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    std::string hex = text.str();
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    std::string key(kInstallationKeyBytes, '\0');
    std::size_t length = 0;
    if (hex.size() != kInstallationKeyBytes * 2 ||
        sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(),
                       hex.size(), nullptr, &length, nullptr) != 0 ||
        length != kInstallationKeyBytes) {
        return Status::Invalid(path + ": expected " + std::to_string(kInstallationKeyBytes * 2) +
                               " hex digits (an itagap installation key)");
    }
    return key;
}

}  // namespace

StatusOr<std::string> load_or_create_installation_key(const std::string& path) {
    require_sodium();
    std::string key(kInstallationKeyBytes, '\0');
    randombytes_buf(key.data(), key.size());
    // O_EXCL: two servers starting at once agree on whichever file was first.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return read_key(path);
        return Status::Internal(path + ": cannot be created: " + std::strerror(errno));
    }
    const std::string line = to_hex(key) + "\n";
    const bool written =
        ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
        ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(path.c_str());
        return Status::Internal(path + ": the new key could not be written");
    }
    return key;
}

std::string keyed_hash_hex(std::string_view key, std::string_view data) {
    require_sodium();
    unsigned char digest[16];
    const char* bytes = data.empty() ? "" : data.data();  // libsodium wants non-null
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes),
                       data.size(), reinterpret_cast<const unsigned char*>(key.data()), key.size());
    return to_hex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace itagap::security
