#include "security/installation_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
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
    if (::access(path.c_str(), F_OK) == 0) return read_key(path);
    std::string key(kInstallationKeyBytes, '\0');
    randombytes_buf(key.data(), key.size());
    // Written whole to a file of its own, then linked into place: link()
    // fails with EEXIST when another server starting at the same moment was
    // first, and nobody ever reads a half-written key.
    std::string staging = path + ".XXXXXX";
    const int fd = ::mkostemp(staging.data(), O_CLOEXEC);  // mode 0600
    if (fd < 0) return Status::Internal(path + ": cannot be created: " + std::strerror(errno));
    const std::string line = to_hex(key) + "\n";
    const bool written =
        ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
        ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(staging.c_str());
        return Status::Internal(path + ": the new key could not be written");
    }
    const int linked = ::link(staging.c_str(), path.c_str());
    const int link_error = errno;
    ::unlink(staging.c_str());
    if (linked != 0) {
        if (link_error == EEXIST) return read_key(path);
        return Status::Internal(path + ": cannot be created: " + std::strerror(link_error));
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
