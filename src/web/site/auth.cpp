#include "web/site/auth.hpp"

#include "security/passwords.hpp"
#include "security/random_tokens.hpp"
#include "web/site/page.hpp"

namespace itagap::web {

namespace {

std::string_view cookie_token(const Request& request) {
    auto token = request.cookies.get(kSessionCookie);
    return token ? *token : std::string_view();
}

// A hash to verify against when the user does not exist, so that an unknown
// name takes as long as a wrong password.
const std::string& decoy_hash() {
    static const std::string hash = security::hash_password("itagap decoy password");
    return hash;
}

void record_failure(SiteContext& context, store::User user, std::string_view remote_address) {
    ++user.failed_sign_ins;
    const bool lock = user.failed_sign_ins >= context.options.max_failed_sign_ins;
    if (lock) {
        user.locked_until = iso_timestamp(context.now() + context.options.lockout);
        user.failed_sign_ins = 0;
    }
    // The failure (and the lock it trips) is recorded with the counter it
    // changes: one entry, "user.locked" when this failure locked the account.
    nlohmann::json details{{"address_hash", security::sha256_hex(remote_address)}};
    if (lock) details["until"] = user.locked_until;
    (void)context.store.update_user(
        user, audit_entry(context, user.id, lock ? "user.locked" : "user.sign_in_failed", details));
}

}  // namespace

std::string now_timestamp(const SiteContext& context) { return iso_timestamp(context.now()); }

std::optional<SignedIn> signed_in_user(SiteContext& context, const Request& request) {
    const std::string_view token = cookie_token(request);
    if (token.size() < 32) return std::nullopt;
    auto session = context.store.find_session(security::sha256_hex(token), now_timestamp(context));
    if (!session.ok()) return std::nullopt;
    auto user = context.store.get_user(session->user_id);
    if (!user.ok() || !user->active) return std::nullopt;
    return SignedIn{*user, *session};
}

SignInResult check_sign_in(SiteContext& context, std::string_view username,
                           std::string_view password, std::string_view remote_address) {
    auto found = context.store.find_user(username);
    if (!found.ok()) {
        (void)security::verify_password(decoy_hash(), password);
        if (found.status.code != store::StatusCode::kNotFound)
            return {SignInOutcome::kUnavailable, {}};
        audit(context, std::nullopt, "user.sign_in_unknown",
              {{"address_hash", security::sha256_hex(remote_address)}});
        return {SignInOutcome::kRefused, {}};
    }
    store::User user = *found;
    if (!user.active) {
        (void)security::verify_password(decoy_hash(), password);
        return {SignInOutcome::kRefused, {}};
    }
    const std::string now = now_timestamp(context);
    if (!user.locked_until.empty() && user.locked_until > now) {
        // Locked: the password is not even checked, so guessing gains nothing.
        audit(context, user.id, "user.sign_in_locked", nlohmann::json::object());
        return {SignInOutcome::kRefused, {}};
    }
    if (!security::verify_password(user.password_hash, password)) {
        record_failure(context, user, remote_address);
        return {SignInOutcome::kRefused, {}};
    }
    user.failed_sign_ins = 0;
    user.locked_until.clear();
    if (security::password_needs_rehash(user.password_hash)) {
        std::string rehashed = security::hash_password(password);
        if (!rehashed.empty()) user.password_hash = std::move(rehashed);
    }
    if (!context.store
             .update_user(user,
                          audit_entry(context, user.id, "user.sign_in", nlohmann::json::object()))
             .ok()) {
        return {SignInOutcome::kUnavailable, {}};
    }
    return {SignInOutcome::kSignedIn, user};
}

store::Status start_session(SiteContext& context, const Request& request, const store::User& user,
                            Response& response) {
    if (const std::string_view old = cookie_token(request); !old.empty()) {
        (void)context.store.delete_session(security::sha256_hex(old));
    }
    const std::string token = security::random_token(32);
    store::Session session;
    session.token_hash = security::sha256_hex(token);
    session.user_id = user.id;
    session.csrf_token = security::random_token(32);
    session.expires_at = iso_timestamp(context.now() + context.options.session_lifetime);
    if (store::Status s = context.store.create_session(session); !s.ok()) return s;
    Cookie cookie{std::string(kSessionCookie), token};
    cookie.secure = context.options.secure_cookies;
    cookie.http_only = true;
    cookie.same_site = SameSite::lax;
    (void)set_cookie(response, cookie);
    return store::Status::Ok();
}

void end_session(SiteContext& context, const Request& request, Response& response) {
    const std::string_view token = cookie_token(request);
    if (!token.empty()) (void)context.store.delete_session(security::sha256_hex(token));
    clear_cookie(response, kSessionCookie);
}

bool session_csrf_valid(const SignedIn& who, std::string_view presented) {
    return !who.session.csrf_token.empty() && !presented.empty() &&
           security::constant_time_equal(who.session.csrf_token, presented);
}

bool is_admin(const store::User& user) { return user.role == store::Role::kAdmin; }

std::set<store::Id> unit_subtree(const std::vector<store::Unit>& units, store::Id root) {
    std::set<store::Id> out{root};
    // Parents come before children in list_units(), but a rename may have
    // moved a unit under a later one: repeat until nothing is added.
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& unit : units) {
            if (unit.parent_id && out.count(*unit.parent_id) && !out.count(unit.id)) {
                out.insert(unit.id);
                grew = true;
            }
        }
    }
    return out;
}

std::set<store::Id> readable_units(const store::User& user, const std::vector<store::Unit>& units) {
    std::set<store::Id> out;
    if (user.role == store::Role::kUnitCoordinator) {
        if (user.unit_id) out = unit_subtree(units, *user.unit_id);
        return out;
    }
    for (const auto& unit : units) out.insert(unit.id);
    return out;
}

UnitAccess unit_access(SiteContext& context, const store::User& user, store::Id unit_id) {
    auto unit = context.store.get_unit(unit_id);
    if (!unit.ok()) {
        return unit.status.code == store::StatusCode::kNotFound ? UnitAccess::kNotFound
                                                                : UnitAccess::kStoreFailed;
    }
    if (user.role != store::Role::kUnitCoordinator) return UnitAccess::kReadable;
    if (!user.unit_id) return UnitAccess::kForbidden;
    // Up the tree to the root; the bound guards against a cycle in bad data.
    constexpr int kDeepestTree = 64;
    std::optional<store::Id> at = unit_id;
    std::optional<std::optional<store::Id>> parent = unit->parent_id;
    for (int depth = 0; at && depth < kDeepestTree; ++depth) {
        if (*at == *user.unit_id) return UnitAccess::kReadable;
        if (!parent) {
            auto up = context.store.get_unit(*at);
            if (!up.ok()) return UnitAccess::kStoreFailed;
            parent = up->parent_id;
        }
        at = *parent;
        parent.reset();
    }
    return UnitAccess::kForbidden;
}

std::set<store::Id> code_units(const store::User& user, const std::vector<store::Unit>& units) {
    if (user.role == store::Role::kExecutive) return {};
    return readable_units(user, units);
}

store::AuditEntry audit_entry(const SiteContext& context, std::optional<store::Id> user_id,
                              std::string_view action, const nlohmann::json& details) {
    store::AuditEntry entry;
    entry.at = now_timestamp(context);
    entry.user_id = user_id;
    entry.action = std::string(action);
    entry.details = details.is_object()
                        ? details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                        : std::string("{}");
    return entry;
}

void audit(SiteContext& context, std::optional<store::Id> user_id, std::string_view action,
           const nlohmann::json& details) {
    (void)context.store.append_audit(audit_entry(context, user_id, action, details));
}

}  // namespace itagap::web
