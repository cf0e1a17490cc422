// Staff accounts as every way of making them does it (the admin pages, the
// command line, a users CSV): the username rule and one-time passwords.
#pragma once

#include <string>
#include <string_view>

#include "store/store.hpp"

namespace itagap::app {

// 1 to 64 of A-Z a-z 0-9 . _ - (usernames are typed on phones and in
// scripts; Thai names go in the display name).
bool is_valid_username(std::string_view username);

// Gives `user` a new random one-time password (argon2id hash, must be changed
// at the next sign-in, lockout lifted) and returns it, to be shown once.
// kInternal when the hash cannot be computed.
store::StatusOr<std::string> set_one_time_password(store::User& user);

}  // namespace itagap::app
