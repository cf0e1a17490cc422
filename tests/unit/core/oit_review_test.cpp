// The OIT review and appeal state machine: every transition x role x window.
#include "core/oit_review.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <utility>

namespace itagap::core {
namespace {

using S = OitItemState;
using A = OitAction;

CivilDate day(int y, int m, int d) { return *make_date(y, m, d); }

// FY 2565's calendar: data 1 Mar-30 Apr, scoring 1-31 May, appeal 1-15 Jun,
// confirmation 16-30 Jun 2022.
OitWindows calendar() {
    OitWindows w;
    w.answering = DateWindow{day(2022, 3, 1), day(2022, 4, 30)};
    w.review = DateWindow{day(2022, 5, 1), day(2022, 5, 31)};
    w.appeal = DateWindow{day(2022, 6, 1), day(2022, 6, 15)};
    w.confirmation = DateWindow{day(2022, 6, 16), day(2022, 6, 30)};
    return w;
}

// One day inside each window, and days outside them all.
const std::map<std::string, CivilDate>& days() {
    static const std::map<std::string, CivilDate> kDays = {
        {"answering", day(2022, 4, 30)}, {"review", day(2022, 5, 1)},
        {"appeal", day(2022, 6, 15)},    {"confirmation", day(2022, 6, 16)},
        {"before", day(2022, 2, 28)},    {"after", day(2022, 7, 1)}};
    return kDays;
}

// The state machine as written in the header, for an actor allowed to act,
// inside the action's window: (from, action) -> to; absent = not from here.
const std::map<std::pair<S, A>, S>& table() {
    static const std::map<std::pair<S, A>, S> kTable = {
        {{S::kDraft, A::kAnswer}, S::kAnswered},
        {{S::kAnswered, A::kAnswer}, S::kAnswered},
        {{S::kAnswered, A::kSubmit}, S::kSubmitted},
        {{S::kSubmitted, A::kWithdraw}, S::kAnswered},
        {{S::kSubmitted, A::kPass}, S::kPassed},
        {{S::kSubmitted, A::kFail}, S::kFailed},
        {{S::kPassed, A::kPass}, S::kPassed},
        {{S::kPassed, A::kFail}, S::kFailed},
        {{S::kFailed, A::kPass}, S::kPassed},
        {{S::kFailed, A::kFail}, S::kFailed},
        {{S::kFailed, A::kClarify}, S::kClarified},
        {{S::kPassed, A::kConfirmPass}, S::kConfirmedPassed},
        {{S::kClarified, A::kConfirmPass}, S::kConfirmedPassed},
        {{S::kFailed, A::kConfirmFail}, S::kConfirmedFailed},
        {{S::kClarified, A::kConfirmFail}, S::kConfirmedFailed},
    };
    return kTable;
}

const std::map<A, std::string>& window_names() {
    static const std::map<A, std::string> kWindows = {{A::kAnswer, "answering"},
                                                      {A::kSubmit, "answering"},
                                                      {A::kWithdraw, "answering"},
                                                      {A::kPass, "review"},
                                                      {A::kFail, "review"},
                                                      {A::kClarify, "appeal"},
                                                      {A::kConfirmPass, "confirmation"},
                                                      {A::kConfirmFail, "confirmation"}};
    return kWindows;
}

struct NamedActor {
    std::string name;
    OitActor actor;
    bool unit_actions;    // answer, submit, withdraw, clarify
    bool review_actions;  // pass, fail, confirm
};

const std::vector<NamedActor>& actors() {
    static const std::vector<NamedActor> kActors = {
        {"admin", {OitRole::kAdmin, false}, true, true},
        {"coordinator of the unit", {OitRole::kCoordinator, true}, true, false},
        {"coordinator of another unit", {OitRole::kCoordinator, false}, false, false},
        {"reviewer", {OitRole::kReviewer, false}, false, true},
        {"executive", {OitRole::kExecutive, false}, false, false},
    };
    return kActors;
}

bool is_unit_action(A a) {
    return a == A::kAnswer || a == A::kSubmit || a == A::kWithdraw || a == A::kClarify;
}

TEST(OitReviewTest, EveryTransitionRoleAndWindow) {
    const OitWindows windows = calendar();
    int allowed = 0;
    int cases = 0;
    for (S from : kAllOitStates) {
        for (A action : kAllOitActions) {
            for (const NamedActor& who : actors()) {
                for (const auto& [day_name, on] : days()) {
                    SCOPED_TRACE(std::string(to_string(from)) + " " +
                                 std::string(to_string(action)) + " by " + who.name + " in " +
                                 day_name);
                    ++cases;
                    const OitTransition t =
                        transition_oit_item(from, action, who.actor, windows, on);
                    const bool role_ok =
                        is_unit_action(action) ? who.unit_actions : who.review_actions;
                    const bool window_ok = window_names().at(action) == day_name;
                    const auto it = table().find({from, action});
                    OitRefusal expected = OitRefusal::kNone;
                    if (!role_ok) {
                        expected = OitRefusal::kNotPermitted;
                    } else if (!window_ok) {
                        expected = OitRefusal::kWindowClosed;
                    } else if (it == table().end()) {
                        expected = OitRefusal::kNotFromHere;
                    }
                    EXPECT_EQ(t.refusal, expected);
                    EXPECT_EQ(t.allowed(), expected == OitRefusal::kNone);
                    EXPECT_EQ(t.to, t.allowed() ? it->second : from) << to_string(t.to);
                    if (t.allowed()) ++allowed;
                }
            }
        }
    }
    EXPECT_EQ(cases, 8 * 8 * 5 * 6);
    // 15 transitions; unit ones (answer x2, submit, withdraw, clarify = 5) by
    // admin and own coordinator, review ones (10) by admin and reviewer.
    EXPECT_EQ(allowed, 5 * 2 + 10 * 2);
}

TEST(OitReviewTest, ClarifyOnlyOnceAndOnlyFailedItems) {
    const OitWindows windows = calendar();
    const OitActor coordinator{OitRole::kCoordinator, true};
    const CivilDate appeal = day(2022, 6, 10);
    auto t = transition_oit_item(S::kFailed, A::kClarify, coordinator, windows, appeal);
    ASSERT_TRUE(t.allowed());
    EXPECT_EQ(t.to, S::kClarified);
    EXPECT_EQ(transition_oit_item(t.to, A::kClarify, coordinator, windows, appeal).refusal,
              OitRefusal::kNotFromHere);
    EXPECT_EQ(transition_oit_item(S::kPassed, A::kClarify, coordinator, windows, appeal).refusal,
              OitRefusal::kNotFromHere);
}

TEST(OitReviewTest, UnsetWindowIsClosedEvenForAnAdmin) {
    OitWindows windows = calendar();
    windows.appeal.reset();
    const auto t = transition_oit_item(S::kFailed, A::kClarify, {OitRole::kAdmin, false}, windows,
                                       day(2022, 6, 10));
    EXPECT_EQ(t.refusal, OitRefusal::kWindowClosed);
    EXPECT_EQ(t.to, S::kFailed);
}

TEST(OitReviewTest, ActionsOffered) {
    const OitWindows windows = calendar();
    const OitActor reviewer{OitRole::kReviewer, false};
    EXPECT_EQ(oit_actions(S::kSubmitted, reviewer, windows, day(2022, 5, 15)),
              (std::vector<A>{A::kPass, A::kFail}));
    EXPECT_EQ(oit_actions(S::kClarified, reviewer, windows, day(2022, 6, 20)),
              (std::vector<A>{A::kConfirmPass, A::kConfirmFail}));
    EXPECT_TRUE(oit_actions(S::kSubmitted, reviewer, windows, day(2022, 4, 1)).empty());
    EXPECT_EQ(oit_actions(S::kAnswered, {OitRole::kCoordinator, true}, windows, day(2022, 4, 1)),
              (std::vector<A>{A::kAnswer, A::kSubmit}));
}

TEST(OitReviewTest, WindowsAndTheirOrder) {
    OitWindows w = calendar();
    EXPECT_EQ(windows_problem(w), "");
    EXPECT_EQ(w.open_on(day(2022, 5, 31)), OitWindow::kReview);
    EXPECT_EQ(w.open_on(day(2022, 7, 1)), std::nullopt);
    EXPECT_EQ(windows_problem(OitWindows{}), "");  // nothing set yet
    w.appeal = DateWindow{day(2022, 6, 15), day(2022, 6, 1)};
    EXPECT_EQ(windows_problem(w), "appeal");
    w = calendar();
    w.review = DateWindow{day(2022, 4, 30), day(2022, 5, 31)};  // overlaps answering
    EXPECT_EQ(windows_problem(w), "review>answering");
    w = calendar();
    w.review.reset();
    w.appeal = DateWindow{day(2022, 4, 1), day(2022, 4, 2)};  // before the answering ends
    EXPECT_EQ(windows_problem(w), "appeal>answering");
}

TEST(OitReviewTest, NamesRoundTrip) {
    for (S s : kAllOitStates) EXPECT_EQ(oit_item_state_from_string(to_string(s)), s);
    for (A a : kAllOitActions) EXPECT_EQ(oit_action_from_string(to_string(a)), a);
    EXPECT_EQ(oit_action_from_string("approve"), std::nullopt);
    EXPECT_EQ(to_string(S::kConfirmedFailed), "confirmed_failed");
}

TEST(OitReviewTest, Verdicts) {
    EXPECT_FALSE(has_verdict(S::kSubmitted));
    EXPECT_TRUE(has_verdict(S::kClarified));
    EXPECT_FALSE(verdict_passed(S::kClarified));  // failed until confirmed otherwise
    EXPECT_TRUE(verdict_passed(S::kConfirmedPassed));
    EXPECT_TRUE(is_final(S::kConfirmedFailed));
    EXPECT_FALSE(is_final(S::kPassed));
}

}  // namespace
}  // namespace itagap::core
