// The one error vocabulary at module borders (store, app, report writers,
// input loaders): a Status says whether a call worked and, if not, what kind
// of failure it was; a StatusOr<T> carries a T or the Status that says why
// there is none. No exceptions cross a module border.
//
//   StatusOr<Unit> find(Id id) {
//       if (!exists) return Status::NotFound("unit 7");
//       return unit;                       // a value converts to StatusOr
//   }
//   auto unit = find(7);
//   if (!unit.ok()) return unit.status;    // a Status converts to any StatusOr
//
// A leaf header: it includes only the standard library, so every layer,
// core included, can use it.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace itagap {

enum class StatusCode {
    kOk,
    kNotFound,     // the row or file asked for does not exist
    kConflict,     // a unique key is taken, or someone saved since (a name, a used code, a version)
    kInvalid,      // the request breaks a rule (bad input, closed round, bad reference)
    kUnavailable,  // the database or another resource cannot be reached or is busy; try again
    kInternal,     // a bug or a corrupt row: nothing the caller can change
};

// For logs: "not found", "conflict", ...
inline const char* to_string(StatusCode code) {
    switch (code) {
        case StatusCode::kOk:
            return "ok";
        case StatusCode::kNotFound:
            return "not found";
        case StatusCode::kConflict:
            return "conflict";
        case StatusCode::kInvalid:
            return "invalid";
        case StatusCode::kUnavailable:
            return "unavailable";
        case StatusCode::kInternal:
            return "internal";
    }
    return "unknown";
}

struct [[nodiscard]] Status {
    StatusCode code = StatusCode::kOk;
    std::string message;  // for logs and admins; never shown to respondents verbatim

    bool ok() const { return code == StatusCode::kOk; }

    static Status Ok() { return {}; }
    static Status NotFound(std::string message) {
        return {StatusCode::kNotFound, std::move(message)};
    }
    static Status Conflict(std::string message) {
        return {StatusCode::kConflict, std::move(message)};
    }
    static Status Invalid(std::string message) {
        return {StatusCode::kInvalid, std::move(message)};
    }
    static Status Unavailable(std::string message) {
        return {StatusCode::kUnavailable, std::move(message)};
    }
    static Status Internal(std::string message) {
        return {StatusCode::kInternal, std::move(message)};
    }
};

// A T, or the Status that says why there is none.
// INVARIANT: value.has_value() == status.ok(). The members are public for
// reading (`result.status.code`, `*result`); build one only through the
// constructors, which keep the invariant.
template <typename T>
class [[nodiscard]] StatusOr {
public:
    // From a value, or anything that converts to one (a unique_ptr<Derived>
    // for a StatusOr<unique_ptr<Base>>, a braced list for T's fields).
    template <typename U = T>
    requires(std::is_convertible_v<U&&, T> && !std::is_same_v<std::remove_cvref_t<U>, Status> &&
             !std::is_same_v<std::remove_cvref_t<U>, StatusOr>)
        // Implicit on purpose; the requires-clause keeps StatusOr's own copies and
        // moves out (clang-tidy 14 reads only enable_if).
        // NOLINTNEXTLINE(google-explicit-constructor,bugprone-forwarding-reference-overload)
        StatusOr(U&& v)
        : value(std::in_place, std::forward<U>(v)) {}
    // A failed Status; an OK one here is a bug and becomes kInternal, so the
    // invariant holds even then.
    StatusOr(Status s) : status(std::move(s)) {  // NOLINT(google-explicit-constructor)
        if (status.ok())
            status = Status::Internal("StatusOr made from an OK status without a value");
    }

    bool ok() const { return status.ok(); }
    const T& operator*() const& { return *value; }
    T& operator*() & { return *value; }
    // On a temporary, the value is moved out, so `for (x : *store.list_units())`
    // iterates a live vector instead of one destroyed with the temporary.
    T operator*() && { return std::move(*value); }
    const T* operator->() const { return &*value; }
    T* operator->() { return &*value; }

    Status status;
    std::optional<T> value;
};

}  // namespace itagap
