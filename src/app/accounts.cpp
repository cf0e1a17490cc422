#include "app/accounts.hpp"

#include "security/passwords.hpp"
#include "security/random_tokens.hpp"

namespace itagap::app {

bool is_valid_username(std::string_view username) {
    if (username.empty() || username.size() > 64) return false;
    for (char c : username) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

store::StatusOr<std::string> set_one_time_password(store::User& user) {
    std::string password = security::random_token(12);
    user.password_hash = security::hash_password(password);
    if (user.password_hash.empty())
        return store::Status::Internal("could not hash the one-time password");
    user.must_change_password = true;
    user.failed_sign_ins = 0;
    user.locked_until.clear();
    return password;
}

}  // namespace itagap::app
