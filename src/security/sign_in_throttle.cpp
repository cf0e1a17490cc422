#include "security/sign_in_throttle.hpp"

#include <algorithm>
#include <utility>

namespace itagap::security {

namespace {

using std::chrono::milliseconds;

// The one key of the bucket over all addresses.
constexpr std::string_view kOverall = "*";

}  // namespace

SignInThrottle::SignInThrottle(const SignInLimits& limits, Clock clock)
    : limits_(limits),
      clock_(std::move(clock)),
      per_address_(limits.per_address, clock_),
      overall_(limits.overall, clock_),
      hashes_free_(std::max(1, limits.concurrent_hashes)) {}

milliseconds SignInThrottle::wait_for(const FailureMap& map, const std::string& key,
                                      std::chrono::seconds cap,
                                      std::chrono::steady_clock::time_point now) const {
    auto found = map.find(key);
    if (found == map.end() || found->second.count < limits_.free_failures) return milliseconds(0);
    // first_backoff x 2^(failures beyond the free ones), capped.
    const int doublings = std::min(found->second.count - limits_.free_failures, 20);
    const auto backoff =
        std::min<std::chrono::seconds>(cap, limits_.first_backoff * (1 << doublings));
    const auto allowed_at = found->second.last + backoff;
    if (now >= allowed_at) return milliseconds(0);
    return std::chrono::ceil<milliseconds>(allowed_at - now);
}

void SignInThrottle::add_failure(FailureMap& map, const std::string& key,
                                 std::chrono::steady_clock::time_point now) {
    if (map.size() >= limits_.max_backoff_keys && !map.contains(key)) {
        // Forget the stalest entry; an attacker with that many keys gains a
        // fresh start for someone else's, which beats unbounded memory.
        auto oldest = std::min_element(map.begin(), map.end(), [](const auto& a, const auto& b) {
            return a.second.last < b.second.last;
        });
        if (oldest != map.end()) map.erase(oldest);
    }
    Failures& f = map[key];
    ++f.count;
    f.last = now;
}

RateLimitDecision SignInThrottle::admit(std::string_view address, std::string_view account) {
    {
        core::MutexLock lock(mutex_);
        const auto now = clock_();
        const milliseconds wait = std::max(
            wait_for(account_failures_, std::string(account), limits_.max_account_backoff, now),
            wait_for(address_failures_, std::string(address), limits_.max_address_backoff, now));
        if (wait > milliseconds(0)) return {false, wait};
    }
    RateLimitDecision by_address = per_address_.try_acquire(address);
    if (!by_address.allowed) return by_address;
    return overall_.try_acquire(kOverall);
}

void SignInThrottle::record_failure(std::string_view address, std::string_view account) {
    core::MutexLock lock(mutex_);
    const auto now = clock_();
    add_failure(account_failures_, std::string(account), now);
    add_failure(address_failures_, std::string(address), now);
}

void SignInThrottle::record_success(std::string_view address, std::string_view account) {
    core::MutexLock lock(mutex_);
    account_failures_.erase(std::string(account));
    address_failures_.erase(std::string(address));
}

SignInThrottle::HashSlot::~HashSlot() {
    if (owner_ != nullptr) owner_->fetch_add(1);
}

std::optional<SignInThrottle::HashSlot> SignInThrottle::try_hash_slot() {
    int free = hashes_free_.load();
    while (free > 0) {
        if (hashes_free_.compare_exchange_weak(free, free - 1)) return HashSlot(&hashes_free_);
    }
    return std::nullopt;
}

}  // namespace itagap::security
