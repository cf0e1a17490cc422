#include "app/submission_queue.hpp"

namespace itagap::app {

SubmissionQueue::SubmissionQueue(store::Store& store, std::size_t max_batch)
    : store_(store), max_batch_(max_batch == 0 ? 1 : max_batch), writer_([this] { run(); }) {}

SubmissionQueue::~SubmissionQueue() { drain(); }

store::SubmitResult SubmissionQueue::submit(store::Submission submission) {
    std::future<store::SubmitResult> outcome;
    {
        core::MutexLock lock(mutex_);
        if (stopping_) {
            return store::SubmitResult::failed(
                store::Status::Unavailable("submission queue: stopping, not taking submissions"));
        }
        queue_.push_back({std::move(submission), {}});
        outcome = queue_.back().outcome.get_future();
    }
    wake_.notify_one();
    return outcome.get();
}

void SubmissionQueue::drain() {
    {
        core::MutexLock lock(mutex_);
        if (stopping_ && !writer_.joinable()) return;
        stopping_ = true;
    }
    wake_.notify_one();
    if (writer_.joinable()) writer_.join();
}

void SubmissionQueue::run() {
    std::vector<Pending> batch;
    std::vector<store::Submission> submissions;
    for (;;) {
        {
            core::MutexLock lock(mutex_);
            while (!stopping_ && queue_.empty()) wake_.wait(mutex_);
            if (queue_.empty()) return;  // stopping, nothing left
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        submissions.clear();
        for (auto& p : batch) submissions.push_back(std::move(p.submission));
        std::vector<store::SubmitResult> results = store_.submit_batch(submissions);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            batch[i].outcome.set_value(
                i < results.size() ? std::move(results[i])
                                   : store::SubmitResult::failed(store::Status::Internal(
                                         "submission queue: the store returned too few results")));
        }
        batch.clear();
    }
}

}  // namespace itagap::app
