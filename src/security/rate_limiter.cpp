#include "security/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace itagap::security {

namespace {

using Seconds = std::chrono::duration<double>;

RateLimitOptions clamped(RateLimitOptions o) {
    if (!(o.burst >= 1)) o.burst = 1;
    if (!(o.refill_per_second > 0)) o.refill_per_second = 1e-6;
    o.max_keys = std::max<std::size_t>(o.max_keys, 1);
    return o;
}

}  // namespace

RateLimiter::RateLimiter(const RateLimitOptions& options, Clock clock)
    : options_(clamped(options)), clock_(std::move(clock)) {}

void RateLimiter::forget_idle(std::chrono::steady_clock::time_point now) {
    // recency_ is ordered by last_seen, newest first, so idle keys sit at the
    // back. Idle this long means a full bucket: forgetting it changes nothing.
    const double seconds_to_full = options_.burst / options_.refill_per_second;
    while (!recency_.empty() &&
           Seconds(now - recency_.back().last_seen).count() >= seconds_to_full) {
        index_.erase(recency_.back().key);
        recency_.pop_back();
    }
}

RateLimitDecision RateLimiter::try_acquire(std::string_view key, double cost) {
    core::MutexLock lock(mutex_);
    const auto now = clock_();
    forget_idle(now);

    if (!(cost >= 0)) cost = 0;
    auto found = index_.find(key);
    if (found == index_.end()) {
        if (index_.size() >= options_.max_keys) {
            index_.erase(recency_.back().key);
            recency_.pop_back();
        }
        recency_.push_front(Bucket{std::string(key), options_.burst, now});
        found = index_.emplace(std::string_view(recency_.front().key), recency_.begin()).first;
    } else {
        recency_.splice(recency_.begin(), recency_, found->second);
    }

    Bucket& bucket = *found->second;
    // A clock that steps backwards refills nothing rather than draining.
    const double elapsed = std::max(0.0, Seconds(now - bucket.last_seen).count());
    bucket.tokens = std::min(options_.burst, bucket.tokens + elapsed * options_.refill_per_second);
    bucket.last_seen = std::max(bucket.last_seen, now);

    if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return {true, std::chrono::milliseconds(0)};
    }
    const double wait_seconds = (cost - bucket.tokens) / options_.refill_per_second;
    // Capped (at ~30 years) so a tiny refill rate cannot overflow the cast.
    const auto wait = std::chrono::milliseconds(
        static_cast<long long>(std::min(std::ceil(wait_seconds * 1000), 1e12)));
    return {false, wait};
}

RateLimitDecision RateLimiter::peek(std::string_view key, double cost) {
    core::MutexLock lock(mutex_);
    const auto now = clock_();
    forget_idle(now);
    if (!(cost >= 0)) cost = 0;
    auto found = index_.find(key);
    if (found == index_.end()) return {cost <= options_.burst, std::chrono::milliseconds(0)};
    const Bucket& bucket = *found->second;
    const double elapsed = std::max(0.0, Seconds(now - bucket.last_seen).count());
    const double tokens =
        std::min(options_.burst, bucket.tokens + elapsed * options_.refill_per_second);
    if (tokens >= cost) return {true, std::chrono::milliseconds(0)};
    const double wait_seconds = (cost - tokens) / options_.refill_per_second;
    return {false, std::chrono::milliseconds(
                       static_cast<long long>(std::min(std::ceil(wait_seconds * 1000), 1e12)))};
}

std::size_t RateLimiter::tracked_keys() const {
    core::MutexLock lock(mutex_);
    return index_.size();
}

}  // namespace itagap::security
