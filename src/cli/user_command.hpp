// A new installation and its staff accounts from the command line (issue 12):
//
//   itagap init --db URL --agency "กรมตัวอย่าง" [--admin admin]
//       on a database with no user yet: records the agency's name and creates
//       the first admin with a one-time password, printed once;
//   itagap user add --db URL --username U --role ROLE [--unit UNIT] [--name N]
//   itagap user list --db URL
//   itagap user reset --db URL --username U
//       a new one-time password (printed once), the lockout lifted and every
//       session of the user ended: for the admin who is locked out.
//
// One-time passwords must be changed at the first sign-in (the site's forced
// password change). Every change is audited as made "by" the command line.
#pragma once

#include <iosfwd>
#include <string>

namespace itagap::cli {

struct InitOptions {
    std::string db_url;
    std::string agency;
    std::string admin_username = "admin";
};

struct UserAddOptions {
    std::string db_url;
    std::string username;
    std::string role;  // admin, unit_coordinator, executive or reviewer
    std::string unit;  // name, short name or "name (short)"; required for a coordinator
    std::string display_name;
};

struct UserListOptions {
    std::string db_url;
};

struct UserResetOptions {
    std::string db_url;
    std::string username;
};

int run_init(const InitOptions& options, std::ostream& out, std::ostream& err);
int run_user_add(const UserAddOptions& options, std::ostream& out, std::ostream& err);
int run_user_list(const UserListOptions& options, std::ostream& out, std::ostream& err);
int run_user_reset(const UserResetOptions& options, std::ostream& out, std::ostream& err);

}  // namespace itagap::cli
