#include "cli/user_command.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <ostream>

#include "app/accounts.hpp"
#include "cli/cli_text.hpp"
#include "cli/score_command.hpp"  // exit codes
#include "cli/store_arguments.hpp"

namespace itagap::cli {

namespace {

std::string now_iso() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

// A JSON string literal of `text` (audit details); text is UTF-8.
std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// An audit entry of a change made on the command line (no user signed in).
store::AuditEntry cli_entry(std::string action, std::string details_fields,
                            std::string new_id_key = {}) {
    store::AuditEntry entry;
    entry.at = now_iso();
    entry.action = std::move(action);
    entry.details = "{\"by\":\"cli\"" + (details_fields.empty() ? "" : "," + details_fields) + "}";
    entry.new_id_key = std::move(new_id_key);
    return entry;
}

// "ชื่อผู้ใช้ / Username: admin" and the password lines, shown once.
void print_one_time(std::ostream& out, const std::string& username, const std::string& password) {
    out << "  " << both_languages("user_username") << ": " << username << "\n"
        << "  " << both_languages("user_one_time_password") << ": " << password << "\n"
        << both_languages("user_one_time_note", "\n") << "\n";
}

bool username_ok(const std::string& username, std::ostream& err) {
    if (app::is_valid_username(username)) return true;
    err << "itagap: --username: \"" << username << "\": " << both_languages("user_bad_username")
        << "\n";
    return false;
}

}  // namespace

int run_init(const InitOptions& options, std::ostream& out, std::ostream& err) {
    if (options.agency.empty() || options.agency.size() > 300) {
        err << "itagap: --agency: " << both_languages("init_agency_required") << "\n";
        return kExitBadInput;
    }
    if (!username_ok(options.admin_username, err)) return kExitBadInput;
    int code = kExitOk;
    auto store = open_store(options.db_url, err, code);
    if (!store) return code;
    auto users = store->list_users();
    if (!users.ok()) {
        err << "itagap: " << users.status.message << "\n";
        return exit_code_for(users.status);
    }
    if (!users->empty()) {
        err << "itagap: " << options.db_url << ": " << both_languages("init_already") << "\n";
        return kExitBadInput;
    }
    if (auto s =
            store->set_setting(store::kSettingAgencyName, options.agency,
                               cli_entry("agency.set", "\"name\":" + json_string(options.agency)));
        !s.ok()) {
        err << "itagap: " << s.message << "\n";
        return exit_code_for(s);
    }
    store::User admin;
    admin.username = options.admin_username;
    admin.role = store::Role::kAdmin;
    auto password = app::set_one_time_password(admin);
    if (!password.ok()) {
        err << "itagap: " << password.status.message << "\n";
        return kExitInternalError;
    }
    auto id = store->create_user(
        admin, cli_entry("user.create",
                         "\"username\":" + json_string(admin.username) + ",\"role\":\"admin\"",
                         "user_id"));
    if (!id.ok()) {
        err << "itagap: " << id.status.message << "\n";
        return exit_code_for(id.status);
    }
    out << both_languages("init_done") << ": " << options.agency << "\n";
    print_one_time(out, admin.username, *password);
    return kExitOk;
}

int run_user_add(const UserAddOptions& options, std::ostream& out, std::ostream& err) {
    if (!username_ok(options.username, err)) return kExitBadInput;
    auto role = store::role_from_string(options.role);
    if (!role) {
        err << "itagap: --role: \"" << options.role << "\": " << both_languages("user_bad_role")
            << "\n";
        return kExitBadInput;
    }
    int code = kExitOk;
    auto store = open_store(options.db_url, err, code);
    if (!store) return code;
    store::User user;
    user.username = options.username;
    user.display_name = options.display_name;
    user.role = *role;
    if (!options.unit.empty()) {
        auto units = store->list_units();
        if (!units.ok()) {
            err << "itagap: " << units.status.message << "\n";
            return exit_code_for(units.status);
        }
        auto unit = unit_named(*units, options.unit, err);
        if (!unit) return kExitBadInput;
        user.unit_id = unit->id;
    }
    if (user.role == store::Role::kUnitCoordinator && !user.unit_id) {
        err << "itagap: --unit: " << both_languages("user_unit_required") << "\n";
        return kExitBadInput;
    }
    auto password = app::set_one_time_password(user);
    if (!password.ok()) {
        err << "itagap: " << password.status.message << "\n";
        return kExitInternalError;
    }
    auto id = store->create_user(
        user, cli_entry("user.create",
                        fmt::format("\"username\":{},\"role\":\"{}\"", json_string(user.username),
                                    store::to_string(user.role)),
                        "user_id"));
    if (!id.ok()) {
        if (id.status.code == store::StatusCode::kConflict) {
            err << "itagap: --username: \"" << user.username
                << "\": " << both_languages("user_taken") << "\n";
            return kExitBadInput;
        }
        err << "itagap: " << id.status.message << "\n";
        return exit_code_for(id.status);
    }
    out << both_languages("user_added") << "\n";
    print_one_time(out, user.username, *password);
    return kExitOk;
}

int run_user_list(const UserListOptions& options, std::ostream& out, std::ostream& err) {
    int code = kExitOk;
    auto store = open_store(options.db_url, err, code);
    if (!store) return code;
    auto users = store->list_users();
    auto units = store->list_units();
    if (!users.ok() || !units.ok()) {
        const auto& s = users.ok() ? units.status : users.status;
        err << "itagap: " << s.message << "\n";
        return exit_code_for(s);
    }
    if (users->empty()) {
        out << both_languages("user_none") << "\n";
        return kExitOk;
    }
    for (const auto& user : *users) {
        std::string unit = "-";
        for (const auto& u : *units) {
            if (user.unit_id == u.id) unit = unit_label(u);
        }
        out << fmt::format("{}\t{}\t{}\t{}{}\n", user.username, store::to_string(user.role), unit,
                           user.active ? "active" : "inactive",
                           user.must_change_password ? "\tmust-change-password" : "");
    }
    return kExitOk;
}

int run_user_reset(const UserResetOptions& options, std::ostream& out, std::ostream& err) {
    int code = kExitOk;
    auto store = open_store(options.db_url, err, code);
    if (!store) return code;
    auto user = store->find_user(options.username);
    if (!user.ok()) {
        if (user.status.code == store::StatusCode::kNotFound) {
            err << "itagap: --username: \"" << options.username
                << "\": " << both_languages("user_not_found") << "\n";
            return kExitBadInput;
        }
        err << "itagap: " << user.status.message << "\n";
        return exit_code_for(user.status);
    }
    auto password = app::set_one_time_password(*user);
    if (!password.ok()) {
        err << "itagap: " << password.status.message << "\n";
        return kExitInternalError;
    }
    if (auto s = store->update_user(
            *user, cli_entry("user.reset_password", fmt::format("\"user_id\":{}", user->id)));
        !s.ok()) {
        err << "itagap: " << s.message << "\n";
        return exit_code_for(s);
    }
    // Whoever holds a session of this account is signed out.
    if (auto s = store->delete_user_sessions(user->id); !s.ok()) {
        err << "itagap: " << s.message << "\n";
        return exit_code_for(s);
    }
    out << both_languages("user_reset_done") << "\n";
    if (!user->active) out << both_languages("user_reset_inactive") << "\n";
    print_one_time(out, user->username, *password);
    return kExitOk;
}

}  // namespace itagap::cli
