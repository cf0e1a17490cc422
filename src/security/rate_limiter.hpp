// Per-client request limits (login attempts, access-code tries, response
// submissions): an in-memory token bucket per key, e.g. per hashed client
// address. One process only; the state is lost on restart, which is fine for
// slowing guessing down but is not an audit record.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/thread_annotations.hpp"

namespace itagap::security {

struct RateLimitOptions {
    double burst = 10;               // bucket capacity, in requests
    double refill_per_second = 1;    // tokens added per second, up to `burst`
    std::size_t max_keys = 100'000;  // keys remembered at most (~200 bytes + key each)
};

struct RateLimitDecision {
    bool allowed = false;
    // When refused: how long until the request would be allowed (for an HTTP
    // Retry-After header). Zero when allowed.
    std::chrono::milliseconds retry_after{0};
};

// Thread-safe. Memory is bounded by `max_keys`:
//  - a key idle for burst / refill_per_second seconds has a full bucket again,
//    which is the same as never having been seen, so it is forgotten (exact);
//  - if the map is still full when a new key arrives, the least recently used
//    key is forgotten (it gets a full bucket back if it returns). An attacker
//    with more than `max_keys` addresses can thus reset others' buckets, which
//    is preferred to locking every new client out.
class RateLimiter {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    // Options outside their sense are clamped: burst >= 1, refill > 0, max_keys >= 1.
    // `clock` is called with the limiter's lock held; tests pass a fixed clock.
    explicit RateLimiter(const RateLimitOptions& options,
                         Clock clock = std::chrono::steady_clock::now);

    // Takes `cost` tokens from `key`'s bucket if it holds that many.
    // REQUIRES: cost >= 0 (a negative or NaN cost is taken as 0). A cost
    // above `burst` can never be met; retry_after then only says "not soon".
    RateLimitDecision try_acquire(std::string_view key, double cost = 1);
    bool allow(std::string_view key) { return try_acquire(key).allowed; }
    // Whether try_acquire(key, cost) would be allowed now, taking nothing:
    // for limits that charge only failures (check first, charge on failure).
    RateLimitDecision peek(std::string_view key, double cost = 1);

    // Keys currently remembered.
    std::size_t tracked_keys() const;

private:
    struct Bucket {
        std::string key;
        double tokens;
        std::chrono::steady_clock::time_point last_seen;
    };
    using Recency = std::list<Bucket>;  // most recently used first

    void forget_idle(std::chrono::steady_clock::time_point now) REQUIRES(mutex_);

    const RateLimitOptions options_;
    const Clock clock_;
    mutable core::Mutex mutex_;
    Recency recency_ GUARDED_BY(mutex_);
    // Keys view the strings inside recency_'s nodes, which never move.
    std::unordered_map<std::string_view, Recency::iterator> index_ GUARDED_BY(mutex_);
};

}  // namespace itagap::security
