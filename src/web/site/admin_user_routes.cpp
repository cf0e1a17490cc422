// Staff accounts and the audit log, for admins: create a user (with a
// one-time password shown once), create many from a CSV (all or nothing,
// app/bulk_import.hpp), reset a password, deactivate an account, and read
// the latest audit entries.
#include "app/accounts.hpp"
#include "app/bulk_import.hpp"
#include "web/admin_text.hpp"
#include "web/site/admin_page.hpp"
#include "web/site/admin_views.hpp"

namespace itagap::web {

namespace {

using nlohmann::json;

constexpr int kAuditEntriesShown = 200;

Response users_page(SiteContext& context, const SignedIn& who, Language language,
                    std::string error = {}, http::status status = http::status::ok,
                    json extra = json::object()) {
    auto users = context.store.list_users();
    auto units = all_units(context);
    if (!users.ok() || !units) return store_failed(context, &who, language);
    const std::string now = now_timestamp(context);
    json rows = json::array();
    for (const auto& user : *users) {
        std::string unit_name;
        for (const auto& unit : *units) {
            if (user.unit_id == unit.id) unit_name = unit_label(unit);
        }
        rows.push_back(json{{"id", user.id},
                            {"username", user.username},
                            {"display_name", user.display_name},
                            {"role", admin_phrase(language, role_key(user.role))},
                            {"unit", unit_name},
                            {"active", user.active},
                            {"locked", !user.locked_until.empty() && user.locked_until > now}});
    }
    json roles = json::array();
    for (auto role : {store::Role::kUnitCoordinator, store::Role::kExecutive,
                      store::Role::kReviewer, store::Role::kAdmin}) {
        roles.push_back(json{{"value", store::to_string(role)},
                             {"label", admin_phrase(language, role_key(role))}});
    }
    json data{{"title", admin_phrase(language, "users_title")},
              {"users", rows},
              {"roles", roles},
              {"units", unit_options(*units)}};
    if (!error.empty()) data["error"] = admin_phrase(language, error);
    data.update(extra);
    return admin_page(context, &who, "admin_users", std::move(data), language, status,
                      "/admin/users");
}

Response one_time_password_page(SiteContext& context, const SignedIn& who, Language language,
                                const std::string& username, const std::string& password) {
    json data{{"title", admin_phrase(language, "one_time_title")},
              {"username", username},
              {"password", password}};
    Response page = admin_page(context, &who, "admin_one_time", std::move(data), language);
    set_no_store(page);  // the password is shown once and kept by no cache
    return page;
}

Response create_user(SiteContext& context, const Request& request, const SignedIn& who,
                     Language language) {
    const auto refuse = [&](const char* key) {
        return users_page(context, who, language, key, http::status::unprocessable_entity);
    };
    store::User user;
    user.username = form_text(request, "username");
    user.display_name = form_text(request, "display_name");
    if (!app::is_valid_username(user.username)) return refuse("username_required");
    auto role = store::role_from_string(form_text(request, "role"));
    if (!role) return refuse("choice_invalid");
    user.role = *role;
    const std::string unit = form_text(request, "unit");
    if (!unit.empty()) {
        auto id = parse_id(unit);
        if (!id || !context.store.get_unit(*id).ok()) return refuse("choice_invalid");
        user.unit_id = id;
    }
    if (user.role == store::Role::kUnitCoordinator && !user.unit_id) return refuse("unit_required");
    auto password = app::set_one_time_password(user);
    if (!password.ok()) return store_failed(context, &who, language);
    store::AuditEntry entry =
        audit_entry(context, who.user.id, "user.create",
                    {{"username", user.username},
                     {"role", store::to_string(user.role)},
                     {"unit_id", user.unit_id ? json(*user.unit_id) : json()}});
    entry.new_id_key = "user_id";
    auto id = context.store.create_user(user, entry);
    if (!id.ok()) {
        if (id.status.code == store::StatusCode::kConflict) return refuse("username_taken");
        return store_failed(context, &who, language);
    }
    return one_time_password_page(context, who, language, user.username, *password);
}

// POST /admin/users/import: a users CSV, all or nothing; the one-time
// passwords of the new accounts are shown once, on a page no cache keeps.
Response import_users(SiteContext& context, const Request& request, const SignedIn& who,
                      Language language) {
    const MultipartPart* file = request.file("file");
    if (!file || file->data.empty())
        return users_page(context, who, language, "file_missing",
                          http::status::unprocessable_entity);
    const std::string name = file->filename.value_or("users.csv");
    auto outcome =
        app::import_users_csv(context.store, file->data, name, language, [&](std::size_t rows) {
            return audit_entry(context, who.user.id, "user.import",
                               {{"file", name}, {"users", rows}});
        });
    if (!outcome.ok()) {
        if (outcome.status.code == store::StatusCode::kConflict)
            return users_page(context, who, language, "username_taken",
                              http::status::unprocessable_entity);
        return store_failed(context, &who, language);
    }
    if (!*outcome) {
        return users_page(context, who, language, {}, http::status::unprocessable_entity,
                          {{"has_errors", true}, {"errors", diagnostics_json(outcome->errors())}});
    }
    json rows = json::array();
    for (const auto& user : outcome->value())
        rows.push_back(json{{"username", user.username}, {"password", user.one_time_password}});
    Response page = admin_page(
        context, &who, "admin_users_imported",
        json{{"title", admin_phrase(language, "users_imported_title")}, {"users", rows}}, language);
    set_no_store(page);
    return page;
}

std::optional<store::User> target_user(SiteContext& context, const Request& request) {
    auto id = path_id(request, "user");
    if (!id) return std::nullopt;
    auto user = context.store.get_user(*id);
    if (!user.ok()) return std::nullopt;
    return *user;
}

Response reset_password(SiteContext& context, const Request& request, const SignedIn& who,
                        Language language) {
    auto user = target_user(context, request);
    if (!user) return not_found(context, who, language);
    auto password = app::set_one_time_password(*user);
    if (!password.ok()) return store_failed(context, &who, language);
    if (!context.store
             .update_user(*user, audit_entry(context, who.user.id, "user.reset_password",
                                             {{"user_id", user->id}}))
             .ok()) {
        return store_failed(context, &who, language);
    }
    // Whoever holds a session of this user (a thief too) is signed out.
    if (!context.store.delete_user_sessions(user->id).ok())
        return store_failed(context, &who, language);
    return one_time_password_page(context, who, language, user->username, *password);
}

Response deactivate_user(SiteContext& context, const Request& request, const SignedIn& who,
                         Language language) {
    auto user = target_user(context, request);
    if (!user) return not_found(context, who, language);
    if (user->id == who.user.id) {
        return users_page(context, who, language, "cannot_deactivate_self",
                          http::status::unprocessable_entity);
    }
    user->active = false;
    if (!context.store
             .update_user(*user, audit_entry(context, who.user.id, "user.deactivate",
                                             {{"user_id", user->id}}))
             .ok()) {
        return store_failed(context, &who, language);
    }
    return redirect("/admin/users");
}

// ---- Audit log -------------------------------------------------------------

Response audit_page(SiteContext& context, const Request&, const SignedIn& who, Language language) {
    auto entries = context.store.list_audit(kAuditEntriesShown);
    auto users = context.store.list_users();
    if (!entries.ok() || !users.ok()) return store_failed(context, &who, language);
    json rows = json::array();
    for (const auto& entry : *entries) {
        std::string name;
        for (const auto& user : *users) {
            if (entry.user_id == user.id) name = user.username;
        }
        rows.push_back(json{{"at", display_timestamp(entry.at, language)},
                            {"at_iso", entry.at},
                            {"user", name},
                            {"action", entry.action},
                            {"details", entry.details}});
    }
    return admin_page(context, &who, "admin_audit",
                      json{{"title", admin_phrase(language, "audit_title")}, {"entries", rows}},
                      language, http::status::ok, "/admin/audit");
}

}  // namespace

void add_admin_user_routes(Router& router, SiteContext* ctx) {
    page_route(router, ctx, "/admin/users", Need::kAdmin,
               [](SiteContext& c, const Request&, const SignedIn& who, Language l) {
                   return users_page(c, who, l);
               });
    form_route(router, ctx, "/admin/users", Need::kAdmin, create_user);
    form_route(router, ctx, "/admin/users/import", Need::kAdmin, import_users,
               RouteOptions{5 * 1024 * 1024});
    form_route(router, ctx, "/admin/users/{user}/reset", Need::kAdmin, reset_password);
    form_route(router, ctx, "/admin/users/{user}/deactivate", Need::kAdmin, deactivate_user);

    page_route(router, ctx, "/admin/audit", Need::kAdmin, audit_page);
}

}  // namespace itagap::web
