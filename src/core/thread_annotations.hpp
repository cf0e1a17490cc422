// Clang's thread-safety annotations, and a mutex that carries them.
//
// A member written `T x_ GUARDED_BY(mu_);` or a function declared
// `void f() REQUIRES(mu_);` is checked by clang's -Wthread-safety (the
// `clang` preset builds with it and -Werror): reading or writing x_, or
// calling f, without holding mu_ is a compile error. Other compilers see
// empty macros. libstdc++'s std::mutex has no capability attributes, so code
// that wants the check uses Mutex, MutexLock and CondVar below (as LevelDB's
// port::Mutex, MutexLock and port::CondVar).
// Reference: https://clang.llvm.org/docs/ThreadSafetyAnalysis.html
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define ITAGAP_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define ITAGAP_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) ITAGAP_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY ITAGAP_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) ITAGAP_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) ITAGAP_THREAD_ANNOTATION(pt_guarded_by(x))
#define ACQUIRED_BEFORE(...) ITAGAP_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define ACQUIRED_AFTER(...) ITAGAP_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
#define REQUIRES(...) ITAGAP_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define ACQUIRE(...) ITAGAP_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) ITAGAP_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define EXCLUDES(...) ITAGAP_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ASSERT_CAPABILITY(x) ITAGAP_THREAD_ANNOTATION(assert_capability(x))
#define NO_THREAD_SAFETY_ANALYSIS ITAGAP_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace itagap::core {

class CondVar;

// std::mutex with the capability attribute. Lock it with MutexLock.
class CAPABILITY("mutex") Mutex {
public:
    Mutex() = default;
    Mutex(const Mutex&) = delete;
    Mutex& operator=(const Mutex&) = delete;

    void lock() ACQUIRE() { mutex_.lock(); }
    void unlock() RELEASE() { mutex_.unlock(); }
    // Tells the analysis the caller holds the mutex (checked by nothing).
    void assert_held() const ASSERT_CAPABILITY(this) {}

private:
    friend class CondVar;
    std::mutex mutex_;
};

// Holds `mutex` for the scope, like std::lock_guard.
class SCOPED_CAPABILITY MutexLock {
public:
    explicit MutexLock(Mutex& mutex) ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
    ~MutexLock() RELEASE() { mutex_.unlock(); }
    MutexLock(const MutexLock&) = delete;
    MutexLock& operator=(const MutexLock&) = delete;

private:
    Mutex& mutex_;
};

// A condition variable waited on with a Mutex held (checked: the waits
// REQUIRE it). The waits take no predicate (a lambda is analysed as a
// function of its own, which holds no lock): loop in the caller,
// `while (!ready_) changed_.wait(mutex_);`.
class CondVar {
public:
    CondVar() = default;
    CondVar(const CondVar&) = delete;
    CondVar& operator=(const CondVar&) = delete;

    // Releases `mutex` while waiting; holds it again on return. May wake
    // spuriously.
    void wait(Mutex& mutex) REQUIRES(mutex) {
        std::unique_lock lock(mutex.mutex_, std::adopt_lock);
        cv_.wait(lock);
        lock.release();
    }
    // As wait(), up to `deadline`; false when the deadline passed.
    bool wait_until(Mutex& mutex, std::chrono::steady_clock::time_point deadline) REQUIRES(mutex) {
        std::unique_lock lock(mutex.mutex_, std::adopt_lock);
        const bool woken = cv_.wait_until(lock, deadline) == std::cv_status::no_timeout;
        lock.release();
        return woken;
    }
    void notify_one() { cv_.notify_one(); }
    void notify_all() { cv_.notify_all(); }

private:
    std::condition_variable cv_;
};

}  // namespace itagap::core
