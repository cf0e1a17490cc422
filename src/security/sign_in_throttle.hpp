// Limits on staff sign-in, in memory, per process (like RateLimiter):
//
//   - a request rate per client address and one over all addresses (a token
//     bucket each: a burst, then a steady rate), answered with 429 and
//     Retry-After when exceeded;
//   - a back-off after failures, per account and per address: after
//     `free_failures` wrong passwords in a row the next try waits
//     first_backoff, then twice that, ... up to a cap (short for an account,
//     so an attacker elsewhere cannot keep its owner out for more than the
//     cap; longer for an address). Never a permanent lock: once the wait is
//     over one more try is allowed, and a success clears both counters;
//   - at most `concurrent_hashes` password hashes (argon2id, ~64 MiB and
//     ~0.1 s each) at a time. A request that finds none free is refused at
//     once (429, Retry-After: 1) rather than waiting, so it never holds one of
//     the server's worker threads that survey pages need.
// Keys are whatever the caller passes (an address hash, a user name); the
// throttle keeps them in memory only. Thread-safe; the clock is injected.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/thread_annotations.hpp"
#include "security/rate_limiter.hpp"

namespace itagap::security {

struct SignInLimits {
    RateLimitOptions per_address{10, 10.0 / 60, 100'000};  // 10 at once, then 10 a minute
    RateLimitOptions overall{60, 2, 1};                    // 60 at once, then 2 a second
    int free_failures = 3;
    std::chrono::seconds first_backoff{1};
    std::chrono::seconds max_account_backoff{60};
    std::chrono::seconds max_address_backoff{15 * 60};
    int concurrent_hashes = 2;
    std::size_t max_backoff_keys = 100'000;  // per kind; the oldest are forgotten first
};

class SignInThrottle {
public:
    using Clock = RateLimiter::Clock;

    explicit SignInThrottle(const SignInLimits& limits = {},
                            Clock clock = std::chrono::steady_clock::now);

    // Whether a sign-in for `account` from `address` may be tried now. Takes
    // a token from both rate buckets when allowed by the back-off; refused:
    // how long to wait (for Retry-After).
    RateLimitDecision admit(std::string_view address, std::string_view account);
    void record_failure(std::string_view address, std::string_view account);
    void record_success(std::string_view address, std::string_view account);

    // One of the `concurrent_hashes` slots, released when destroyed; empty
    // when all are taken. Move-only.
    class HashSlot {
    public:
        HashSlot(HashSlot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
        HashSlot& operator=(HashSlot&&) = delete;
        HashSlot(const HashSlot&) = delete;
        ~HashSlot();

    private:
        friend class SignInThrottle;
        explicit HashSlot(std::atomic<int>* owner) : owner_(owner) {}
        std::atomic<int>* owner_;
    };
    std::optional<HashSlot> try_hash_slot();

private:
    struct Failures {
        int count = 0;
        std::chrono::steady_clock::time_point last;
    };
    using FailureMap = std::unordered_map<std::string, Failures>;

    std::chrono::milliseconds wait_for(const FailureMap& map, const std::string& key,
                                       std::chrono::seconds cap,
                                       std::chrono::steady_clock::time_point now) const
        REQUIRES(mutex_);
    void add_failure(FailureMap& map, const std::string& key,
                     std::chrono::steady_clock::time_point now) REQUIRES(mutex_);

    const SignInLimits limits_;
    const Clock clock_;
    RateLimiter per_address_;
    RateLimiter overall_;
    std::atomic<int> hashes_free_;
    mutable core::Mutex mutex_;
    FailureMap account_failures_ GUARDED_BY(mutex_);
    FailureMap address_failures_ GUARDED_BY(mutex_);
};

}  // namespace itagap::security
