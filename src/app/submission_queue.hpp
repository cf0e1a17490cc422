// Group commit for survey submissions. Handlers call submit() from many
// threads; one writer thread takes everything pending, stores it with one
// Store::submit_batch (one transaction, one fsync) and wakes each caller with
// its own outcome. Under light load a batch is a single submission and adds
// no wait; under heavy load the cost of a durable commit is shared.
//
// Durability: submit() returns kStored only after the batch's COMMIT
// returned, so a respondent is told "saved" only for what survives a crash.
#pragma once

#include <cstddef>
#include <deque>
#include <future>
#include <thread>
#include <vector>

#include "core/thread_annotations.hpp"
#include "store/store.hpp"

namespace itagap::app {

class SubmissionQueue {
public:
    explicit SubmissionQueue(store::Store& store, std::size_t max_batch = 256);
    ~SubmissionQueue();  // finishes what is queued, then stops
    SubmissionQueue(const SubmissionQueue&) = delete;
    SubmissionQueue& operator=(const SubmissionQueue&) = delete;

    // Blocks until the submission is committed or refused. A kFailed result
    // carries the store's error, for the log.
    store::SubmitResult submit(store::Submission submission);

    // Stops taking new submissions (they get kFailed) and waits until every
    // queued one is written. Called on graceful shutdown; idempotent.
    void drain();

private:
    struct Pending {
        store::Submission submission;
        std::promise<store::SubmitResult> outcome;
    };
    void run();

    store::Store& store_;
    const std::size_t max_batch_;
    core::Mutex mutex_;
    core::CondVar wake_;
    std::deque<Pending> queue_ GUARDED_BY(mutex_);
    bool stopping_ GUARDED_BY(mutex_) = false;
    std::thread writer_;
};

}  // namespace itagap::app
