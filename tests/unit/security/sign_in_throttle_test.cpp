// Sign-in limits on an injected clock: the per-address and overall rates, the
// back-off per account and per address (never a permanent lock), and the cap
// on concurrent password hashes. No sleeps.
#include "security/sign_in_throttle.hpp"

#include <gtest/gtest.h>

namespace itagap::security {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

class Clock {
public:
    std::chrono::steady_clock::time_point now() const { return now_; }
    void advance(std::chrono::milliseconds by) { now_ += by; }
    SignInThrottle::Clock function() {
        return [this] { return now_; };
    }

private:
    std::chrono::steady_clock::time_point now_{std::chrono::hours(1000)};
};

SignInLimits no_rate_limits() {
    SignInLimits limits;
    limits.per_address = {1e9, 1e9, 1000};
    limits.overall = {1e9, 1e9, 1};
    return limits;
}

TEST(SignInThrottleTest, PerAddressRateGivesRetryAfter) {
    Clock clock;
    SignInLimits limits = no_rate_limits();
    limits.per_address = {10, 10.0 / 60, 1000};  // 10, then one every 6 s
    SignInThrottle throttle(limits, clock.function());
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(throttle.admit("a", "u").allowed) << i;
    const RateLimitDecision refused = throttle.admit("a", "u");
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after, milliseconds(6000));
    EXPECT_TRUE(throttle.admit("b", "u").allowed);  // another address has its own bucket
    clock.advance(6s);
    EXPECT_TRUE(throttle.admit("a", "u").allowed);
    EXPECT_FALSE(throttle.admit("a", "u").allowed);
}

TEST(SignInThrottleTest, OverallRateCoversEveryAddress) {
    Clock clock;
    SignInLimits limits = no_rate_limits();
    limits.overall = {3, 1, 1};
    SignInThrottle throttle(limits, clock.function());
    EXPECT_TRUE(throttle.admit("a", "u").allowed);
    EXPECT_TRUE(throttle.admit("b", "u").allowed);
    EXPECT_TRUE(throttle.admit("c", "u").allowed);
    const RateLimitDecision refused = throttle.admit("d", "v");
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after, milliseconds(1000));
}

TEST(SignInThrottleTest, FailuresBackOffDoublingToTheCapAndNeverLockForEver) {
    Clock clock;
    SignInLimits limits = no_rate_limits();  // free_failures 3, first 1 s, account cap 60 s
    SignInThrottle throttle(limits, clock.function());
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(throttle.admit("a", "admin").allowed);
        throttle.record_failure("a", "admin");
    }
    // Three free failures; then 1 s, 2 s, 4 s, ... up to 60 s for the account.
    std::chrono::seconds expected = 1s;
    for (int i = 0; i < 9; ++i) {
        const RateLimitDecision refused = throttle.admit("elsewhere", "admin");
        EXPECT_FALSE(refused.allowed) << i;
        EXPECT_EQ(refused.retry_after, std::min<milliseconds>(expected, 60s)) << i;
        clock.advance(std::min<milliseconds>(expected, 60s));
        // The wait is over: one more try is allowed (no permanent lock).
        ASSERT_TRUE(throttle.admit("elsewhere", "admin").allowed) << i;
        throttle.record_failure("elsewhere", "admin");
        expected *= 2;
    }
    EXPECT_EQ(throttle.admit("x", "admin").retry_after, milliseconds(60000));
    // The address that failed 9 times waits longer than the account's cap
    // allows: 1 s x 2^6 = 64 s (its cap is 15 minutes), for any account.
    EXPECT_EQ(throttle.admit("elsewhere", "someone").retry_after, milliseconds(64000));
    // A success clears the account and the address.
    clock.advance(64s);
    ASSERT_TRUE(throttle.admit("elsewhere", "admin").allowed);
    throttle.record_success("elsewhere", "admin");
    EXPECT_TRUE(throttle.admit("elsewhere", "admin").allowed);
    EXPECT_TRUE(throttle.admit("x", "admin").allowed);
}

TEST(SignInThrottleTest, FailuresOfOneAccountDoNotSlowAnother) {
    Clock clock;
    SignInThrottle throttle(no_rate_limits(), clock.function());
    for (int i = 0; i < 5; ++i) throttle.record_failure("attacker-" + std::to_string(i), "admin");
    EXPECT_FALSE(throttle.admit("office", "admin").allowed);
    EXPECT_TRUE(throttle.admit("office", "clerk").allowed);
}

TEST(SignInThrottleTest, HashSlotsAreCappedAndGivenBack) {
    SignInLimits limits;
    limits.concurrent_hashes = 2;
    SignInThrottle throttle(limits);
    auto first = throttle.try_hash_slot();
    auto second = throttle.try_hash_slot();
    EXPECT_TRUE(first.has_value());
    EXPECT_TRUE(second.has_value());
    EXPECT_FALSE(throttle.try_hash_slot().has_value());
    first.reset();
    EXPECT_TRUE(throttle.try_hash_slot().has_value());  // given back, and again at scope end
    EXPECT_TRUE(throttle.try_hash_slot().has_value());
}

}  // namespace
}  // namespace itagap::security
