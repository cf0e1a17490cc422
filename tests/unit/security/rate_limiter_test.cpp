#include "security/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace itagap::security {
namespace {

using namespace std::chrono_literals;

// A clock the test moves by hand.
struct FixedClock {
    std::chrono::steady_clock::time_point now{std::chrono::steady_clock::duration(0)};
    RateLimiter::Clock function() {
        return [this] { return now; };
    }
};

TEST(RateLimitTest, AllowsTheBurstAndRefusesTheNext) {
    FixedClock clock;
    RateLimiter limiter({.burst = 5, .refill_per_second = 1, .max_keys = 100}, clock.function());
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.allow("client")) << i;
    const RateLimitDecision refused = limiter.try_acquire("client");
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after, 1000ms);
}

TEST(RateLimitTest, PeekTakesNothing) {
    FixedClock clock;
    RateLimiter limiter({.burst = 2, .refill_per_second = 1, .max_keys = 100}, clock.function());
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.peek("client").allowed);
    EXPECT_TRUE(limiter.allow("client"));
    EXPECT_TRUE(limiter.allow("client"));
    const RateLimitDecision empty = limiter.peek("client");
    EXPECT_FALSE(empty.allowed);
    EXPECT_EQ(empty.retry_after, 1000ms);
    clock.now += 1s;
    EXPECT_TRUE(limiter.peek("client").allowed);
    EXPECT_TRUE(limiter.allow("client"));
    EXPECT_FALSE(limiter.peek("client").allowed);
}

TEST(RateLimitTest, RefillsWithTheClock) {
    FixedClock clock;
    RateLimiter limiter({.burst = 3, .refill_per_second = 2, .max_keys = 100}, clock.function());
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.allow("client"));
    EXPECT_FALSE(limiter.allow("client"));

    clock.now += 499ms;  // 0.998 tokens: not yet
    EXPECT_FALSE(limiter.allow("client"));
    clock.now += 1ms;  // one token
    EXPECT_TRUE(limiter.allow("client"));
    EXPECT_FALSE(limiter.allow("client"));

    clock.now += 1h;  // refills to the burst, not beyond
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.allow("client"));
    EXPECT_FALSE(limiter.allow("client"));
}

TEST(RateLimitTest, RefusedRequestsDoNotConsume) {
    FixedClock clock;
    RateLimiter limiter({.burst = 1, .refill_per_second = 1, .max_keys = 100}, clock.function());
    EXPECT_TRUE(limiter.allow("client"));
    for (int i = 0; i < 10; ++i) EXPECT_FALSE(limiter.allow("client"));
    clock.now += 1s;
    EXPECT_TRUE(limiter.allow("client"));
}

TEST(RateLimitTest, CostAboveWhatIsLeftIsRefusedWithAWait) {
    FixedClock clock;
    RateLimiter limiter({.burst = 4, .refill_per_second = 0.5, .max_keys = 100}, clock.function());
    EXPECT_TRUE(limiter.try_acquire("client", 3).allowed);
    const auto refused = limiter.try_acquire("client", 3);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after, 4000ms);  // 2 tokens short at 0.5 per second
}

TEST(RateLimitTest, KeysAreIndependent) {
    FixedClock clock;
    RateLimiter limiter({.burst = 2, .refill_per_second = 1, .max_keys = 100}, clock.function());
    EXPECT_TRUE(limiter.allow("a"));
    EXPECT_TRUE(limiter.allow("a"));
    EXPECT_FALSE(limiter.allow("a"));
    EXPECT_TRUE(limiter.allow("b"));
    EXPECT_TRUE(limiter.allow("b"));
    EXPECT_FALSE(limiter.allow("b"));
    EXPECT_FALSE(limiter.allow("a"));
}

TEST(RateLimitTest, IdleKeysAreForgotten) {
    FixedClock clock;
    RateLimiter limiter({.burst = 2, .refill_per_second = 1, .max_keys = 100}, clock.function());
    for (int i = 0; i < 50; ++i) limiter.allow("client-" + std::to_string(i));
    EXPECT_EQ(limiter.tracked_keys(), 50u);
    clock.now += 1999ms;  // not yet full again
    limiter.allow("other");
    EXPECT_EQ(limiter.tracked_keys(), 51u);
    clock.now += 1ms;  // the first 50 are full again: as good as never seen
    limiter.allow("other");
    EXPECT_EQ(limiter.tracked_keys(), 1u);
}

TEST(RateLimitTest, EvictionCapsMemory) {
    FixedClock clock;
    RateLimiter limiter({.burst = 1, .refill_per_second = 0.001, .max_keys = 10}, clock.function());
    for (int i = 0; i < 1000; ++i) {
        EXPECT_TRUE(limiter.allow("client-" + std::to_string(i)));
        EXPECT_LE(limiter.tracked_keys(), 10u);
    }
    EXPECT_EQ(limiter.tracked_keys(), 10u);
    // The ten most recent keys are still remembered and still empty.
    for (int i = 990; i < 1000; ++i) EXPECT_FALSE(limiter.allow("client-" + std::to_string(i)));
}

TEST(RateLimitTest, EvictsTheLeastRecentlyUsedKey) {
    FixedClock clock;
    RateLimiter limiter({.burst = 1, .refill_per_second = 0.001, .max_keys = 2}, clock.function());
    EXPECT_TRUE(limiter.allow("a"));
    EXPECT_TRUE(limiter.allow("b"));
    EXPECT_FALSE(limiter.allow("a"));  // touches "a": now "b" is the oldest
    EXPECT_TRUE(limiter.allow("c"));   // evicts "b"
    EXPECT_FALSE(limiter.allow("a"));
    EXPECT_TRUE(limiter.allow("b"));  // forgotten, so a fresh bucket
}

TEST(RateLimitTest, ClockGoingBackwardsRefillsNothing) {
    FixedClock clock;
    clock.now += 1h;
    RateLimiter limiter({.burst = 1, .refill_per_second = 1, .max_keys = 100}, clock.function());
    EXPECT_TRUE(limiter.allow("client"));
    clock.now -= 10min;
    EXPECT_FALSE(limiter.allow("client"));
    clock.now += 10min;
    EXPECT_FALSE(limiter.allow("client"));
    clock.now += 1s;
    EXPECT_TRUE(limiter.allow("client"));
}

TEST(RateLimitTest, ThreadSafeUnderContention) {
    // 8 threads, one shared key, no refill: exactly `burst` requests get in.
    FixedClock clock;
    RateLimiter limiter({.burst = 1000, .refill_per_second = 1e-9, .max_keys = 100},
                        clock.function());
    std::atomic<int> allowed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                if (limiter.allow("shared")) ++allowed;
                limiter.allow("own-" + std::to_string(i));
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(allowed.load(), 1000);
}

}  // namespace
}  // namespace itagap::security
