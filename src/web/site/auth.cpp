#include "web/site/auth.hpp"

#include "security/installation_key.hpp"
#include "security/passwords.hpp"
#include "security/random_tokens.hpp"
#include "web/site/page.hpp"

namespace itagap::web {

namespace {

std::string_view cookie_token(const Request& request) {
    auto token = request.cookies.get(kSessionCookie);
    return token ? *token : std::string_view();
}

// A hash to verify against when the user is unknown, inactive or locked, so
// that every refusal costs the same argon2id work as a wrong password (and
// takes as long).
const std::string& decoy_hash() {
    static const std::string hash = security::hash_password("itagap decoy password");
    return hash;
}

// The account key of the back-off: the user name as the store compares it
// (ASCII letters in lower case).
std::string account_key(std::string_view username) {
    std::string key(username);
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return key;
}

// Details of a refusal: the client's address under the installation's keyed
// hash, or nothing when there is no key.
nlohmann::json refusal_details(const SiteContext& context, std::string_view remote_address) {
    nlohmann::json details = nlohmann::json::object();
    if (auto hash = audit_address_hash(context, remote_address)) details["address_hash"] = *hash;
    return details;
}

void record_failure(SiteContext& context, store::User user, std::string_view remote_address) {
    // Counted for the admin's eyes only; the back-off itself is the
    // throttle's, so a run of failures never locks the account.
    ++user.failed_sign_ins;
    (void)context.store.update_user(user, audit_entry(context, user.id, "user.sign_in_failed",
                                                      refusal_details(context, remote_address)));
}

SignInResult refused(SiteContext& context, std::string_view remote_address,
                     std::string_view username) {
    context.sign_in_throttle->record_failure(security::sha256_hex(remote_address),
                                             account_key(username));
    return {SignInOutcome::kRefused, {}};
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

std::optional<std::string> audit_address_hash(const SiteContext& context,
                                              std::string_view remote_address) {
    if (context.options.address_key.empty()) return std::nullopt;
    return security::keyed_hash_hex(context.options.address_key, remote_address);
}

SignInResult check_sign_in(SiteContext& context, std::string_view username,
                           std::string_view password, std::string_view remote_address) {
    security::SignInThrottle& throttle = *context.sign_in_throttle;
    const std::string address = security::sha256_hex(remote_address);  // in memory only
    if (auto admitted = throttle.admit(address, account_key(username)); !admitted.allowed)
        return {SignInOutcome::kThrottled, {}, admitted.retry_after};
    // Every path below hashes once; a request that finds no free slot is
    // refused at once rather than queueing on a worker thread.
    auto slot = throttle.try_hash_slot();
    if (!slot) return {SignInOutcome::kThrottled, {}, std::chrono::seconds(1)};

    auto found = context.store.find_user(username);
    if (!found.ok()) {
        (void)security::verify_password(decoy_hash(), password);
        if (found.status.code != store::StatusCode::kNotFound)
            return {SignInOutcome::kUnavailable, {}};
        audit(context, std::nullopt, "user.sign_in_unknown",
              refusal_details(context, remote_address));
        return refused(context, remote_address, username);
    }
    store::User user = *found;
    if (!user.active) {
        (void)security::verify_password(decoy_hash(), password);
        return refused(context, remote_address, username);
    }
    const std::string now = now_timestamp(context);
    if (!user.locked_until.empty() && user.locked_until > now) {
        // Locked (by an older version, or by hand in the database): the
        // password is not checked, but the decoy costs the same time.
        (void)security::verify_password(decoy_hash(), password);
        audit(context, user.id, "user.sign_in_locked", nlohmann::json::object());
        return refused(context, remote_address, username);
    }
    if (!security::verify_password(user.password_hash, password)) {
        record_failure(context, user, remote_address);
        return refused(context, remote_address, username);
    }
    throttle.record_success(address, account_key(username));
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

bool may_change_units(const store::User& user) {
    return user.role == store::Role::kAdmin || user.role == store::Role::kUnitCoordinator;
}

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
    if (!may_change_units(user)) return {};
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
