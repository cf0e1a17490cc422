// Staff sign-in, sessions and roles for the admin pages and the JSON API.
//
// A session is a random token in an HttpOnly, SameSite=Lax cookie; the store
// keeps only its SHA-256 (so a copy of the database opens no session) with
// the session's CSRF token and its expiry. Every time is read from
// SiteContext::now(), so tests run on fixed clocks.
//
// Roles (store::Role):
//   admin             everything;
//   unit coordinator  reads, and hands out access codes for, its unit and the
//                     units below it (Unit::parent_id);
//   executive         reads everything, changes nothing.
// Results of a round are public (no sign-in) only when it is published.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"
#include "web/http/request.hpp"
#include "web/http/response.hpp"
#include "web/site/site.hpp"

namespace itagap::web {

inline constexpr std::string_view kSessionCookie = "itagap_session";
// The header an API client sends the session's CSRF token in.
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct SignedIn {
    store::User user;
    store::Session session;
};

// The user behind the request's session cookie: a session unexpired at
// context.now() of an active user. nullopt when there is none.
std::optional<SignedIn> signed_in_user(SiteContext& context, const Request& request);

enum class SignInOutcome {
    kSignedIn,
    // Unknown user, inactive user, wrong password or a locked account: one
    // outcome, so the page cannot tell them apart; each costs one argon2id
    // verification, so the time taken does not tell them apart either.
    kRefused,
    // Too many tries from this address, for this account or overall, or
    // every password-hashing slot busy: 429 with Retry-After.
    kThrottled,
    kUnavailable,  // the store failed
};

struct SignInResult {
    SignInOutcome outcome = SignInOutcome::kRefused;
    std::optional<store::User> user;           // set when signed in
    std::chrono::milliseconds retry_after{0};  // kThrottled: how long to wait
};

// Checks a user name and password under context.sign_in_throttle
// (security/sign_in_throttle.hpp: rates per address and overall, back-off
// per account and per address after failures, never a permanent lock, a cap
// on concurrent hashing). Writes the audit entries (sign-in, failure).
SignInResult check_sign_in(SiteContext& context, std::string_view username,
                           std::string_view password, std::string_view remote_address);

// A new session for `user`, its cookie added to `response`; the session the
// request came with (if any) is deleted, so a sign-in or a password change
// never keeps an old token alive.
store::Status start_session(SiteContext& context, const Request& request, const store::User& user,
                            Response& response);
// Deletes the request's session (if any) and expires its cookie on `response`.
void end_session(SiteContext& context, const Request& request, Response& response);

// True if `presented` is the session's CSRF token (constant-time compare).
bool session_csrf_valid(const SignedIn& who, std::string_view presented);

// ---- Roles -----------------------------------------------------------------

bool is_admin(const store::User& user);
// Admins and unit coordinators issue codes, collect, plan and answer the OIT;
// executives and reviewers read (reviewers judge OIT evidence).
bool may_change_units(const store::User& user);
// `root` and every unit below it.
std::set<store::Id> unit_subtree(const std::vector<store::Unit>& units, store::Id root);
// The units `user` may read: all for admins and executives, the subtree of
// their unit for coordinators (none if a coordinator has no unit).
std::set<store::Id> readable_units(const store::User& user, const std::vector<store::Unit>& units);

enum class UnitAccess { kReadable, kForbidden, kNotFound, kStoreFailed };
// Whether `user` may read unit `unit_id`, reading only that unit and its
// ancestors (a unit page must not cost a read of the whole tree).
UnitAccess unit_access(SiteContext& context, const store::User& user, store::Id unit_id);
// The units `user` may hand out access codes for: all for admins, the
// subtree for coordinators, none for executives.
std::set<store::Id> code_units(const store::User& user, const std::vector<store::Unit>& units);

// ---- Audit -----------------------------------------------------------------

// An audit entry stamped with context.now(), to be written with the change it
// records (store methods take it). `details` is a JSON object; it must never
// hold a password, a session token or an access code.
store::AuditEntry audit_entry(const SiteContext& context, std::optional<store::Id> user_id,
                              std::string_view action, const nlohmann::json& details);

// Appends audit_entry(...) on its own: for events that change nothing else
// (sign-in refusals, sign-out, downloads).
void audit(SiteContext& context, std::optional<store::Id> user_id, std::string_view action,
           const nlohmann::json& details);

// The audit log's record of a client address: a keyed hash under the
// installation's secret (SiteOptions::address_key), so that the log cannot be
// turned back into addresses by trying them all; nullopt (nothing recorded)
// when the installation has no key.
std::optional<std::string> audit_address_hash(const SiteContext& context,
                                              std::string_view remote_address);

// context.now() as an ISO UTC timestamp.
std::string now_timestamp(const SiteContext& context);

}  // namespace itagap::web
