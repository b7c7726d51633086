// DueOf: once, monthly, quarterly and ongoing tasks against injected days.
#include <gtest/gtest.h>

#include <vector>

#include "domain/plan_service.hpp"

namespace parindex {
namespace {

CivilDate Day(const char* text) { return *ParseCivilDate(text); }

/// An update reported at noon (Việt Nam) of `day`.
TaskUpdate ReportedOn(const char* day) {
    TaskUpdate update;
    update.at = std::chrono::system_clock::time_point(std::chrono::hours(24) * Day(day).DaysSinceEpoch() +
                                                      std::chrono::hours(5));
    update.status = TaskStatus::kInProgress;
    return update;
}

PlanTask Task(Recurrence recurrence, std::optional<CivilDate> deadline) {
    PlanTask task;
    task.year = 2024;
    task.title = "Khắc phục tiêu chí 2.1";
    task.recurrence = recurrence;
    task.deadline = deadline;
    return task;
}

TEST(DueOfTest, AOnceTaskIsDueSoonWithinTheWindowAndOverdueAfterItsDeadlineUntilDone) {
    PlanTask task = Task(Recurrence::kOnce, Day("30/11/2024"));
    DueInfo far = DueOf(task, {}, Day("01/11/2024"), 7);
    EXPECT_EQ(far.state, DueState::kNotDue);
    EXPECT_EQ(far.due, Day("30/11/2024"));
    EXPECT_EQ(far.days_left, 29);

    EXPECT_EQ(DueOf(task, {}, Day("22/11/2024"), 7).state, DueState::kNotDue);  // 8 days left
    DueInfo soon = DueOf(task, {}, Day("23/11/2024"), 7);
    EXPECT_EQ(soon.state, DueState::kDueSoon);
    EXPECT_EQ(soon.days_left, 7);
    EXPECT_EQ(DueOf(task, {}, Day("30/11/2024"), 7).state, DueState::kDueSoon);  // due today
    EXPECT_EQ(DueOf(task, {}, Day("23/11/2024"), 3).state, DueState::kNotDue);   // a shorter window

    DueInfo late = DueOf(task, {ReportedOn("01/12/2024")}, Day("03/12/2024"), 7);
    EXPECT_EQ(late.state, DueState::kOverdue);  // An update without "done" does not close it.
    EXPECT_EQ(late.due, Day("30/11/2024"));
    EXPECT_EQ(late.days_left, -3);

    task.status = TaskStatus::kDone;
    EXPECT_EQ(DueOf(task, {}, Day("03/12/2024"), 7).state, DueState::kNotDue);
    task.status = TaskStatus::kCancelled;
    EXPECT_EQ(DueOf(task, {}, Day("03/12/2024"), 7).state, DueState::kNotDue);
    task.status = TaskStatus::kInProgress;
    task.deadline.reset();
    const DueInfo none = DueOf(task, {}, Day("03/12/2024"), 7);
    EXPECT_EQ(none.state, DueState::kNotDue);
    EXPECT_FALSE(none.due.has_value());
    EXPECT_EQ(none.days_left, 0);
}

TEST(DueOfTest, AMonthlyTaskIsDueOnItsDayEachMonthAndOverdueWhenAPeriodPassesUnreported) {
    const PlanTask task = Task(Recurrence::kMonthly, Day("10/01/2024"));
    // 5 March, nothing reported in February: February (due 10/02) was missed.
    DueInfo missed = DueOf(task, {}, Day("05/03/2024"), 7);
    EXPECT_EQ(missed.state, DueState::kOverdue);
    EXPECT_EQ(missed.due, Day("10/02/2024"));
    EXPECT_EQ(missed.days_left, -24);
    // Reported in February: March is due on 10/03, within the window.
    DueInfo soon = DueOf(task, {ReportedOn("08/02/2024")}, Day("05/03/2024"), 7);
    EXPECT_EQ(soon.state, DueState::kDueSoon);
    EXPECT_EQ(soon.due, Day("10/03/2024"));
    EXPECT_EQ(soon.days_left, 5);
    // Reported in March already: nothing to do before 10/03.
    DueInfo reported = DueOf(task, {ReportedOn("08/02/2024"), ReportedOn("02/03/2024")}, Day("05/03/2024"), 7);
    EXPECT_EQ(reported.state, DueState::kNotDue);
    EXPECT_EQ(reported.due, Day("10/03/2024"));
    // 15 March with the March report: April's due date is shown, far away.
    DueInfo next = DueOf(task, {ReportedOn("09/03/2024")}, Day("15/03/2024"), 7);
    EXPECT_EQ(next.state, DueState::kNotDue);
    EXPECT_EQ(next.due, Day("10/04/2024"));
    // A late report (after the due day, inside the month) clears the miss.
    EXPECT_EQ(DueOf(task, {ReportedOn("12/03/2024")}, Day("15/03/2024"), 7).state, DueState::kNotDue);
    // 15 March without a March report: overdue since 10/03.
    DueInfo late = DueOf(task, {ReportedOn("08/02/2024")}, Day("15/03/2024"), 7);
    EXPECT_EQ(late.state, DueState::kOverdue);
    EXPECT_EQ(late.due, Day("10/03/2024"));

    // The day of the month is clamped: the 31st is due on 29/02 in 2024.
    const PlanTask end = Task(Recurrence::kMonthly, Day("31/01/2024"));
    EXPECT_EQ(DueOf(end, {ReportedOn("30/01/2024")}, Day("25/02/2024"), 7).due, Day("29/02/2024"));
    // Without a deadline: the month's last day.
    const PlanTask month_end = Task(Recurrence::kMonthly, std::nullopt);
    EXPECT_EQ(DueOf(month_end, {}, Day("15/01/2024"), 7).due, Day("31/01/2024"));
    EXPECT_EQ(DueOf(month_end, {}, Day("25/01/2024"), 7).state, DueState::kDueSoon);
}

TEST(DueOfTest, AQuarterlyTaskIsDueAtEachQuarterEnd) {
    const PlanTask task = Task(Recurrence::kQuarterly, std::nullopt);
    DueInfo first = DueOf(task, {}, Day("15/02/2024"), 7);
    EXPECT_EQ(first.state, DueState::kNotDue);
    EXPECT_EQ(first.due, Day("31/03/2024"));
    EXPECT_EQ(DueOf(task, {}, Day("25/03/2024"), 7).state, DueState::kDueSoon);
    DueInfo missed = DueOf(task, {}, Day("02/04/2024"), 7);
    EXPECT_EQ(missed.state, DueState::kOverdue);
    EXPECT_EQ(missed.due, Day("31/03/2024"));
    EXPECT_EQ(missed.days_left, -2);
    DueInfo ok = DueOf(task, {ReportedOn("28/03/2024")}, Day("02/04/2024"), 7);
    EXPECT_EQ(ok.state, DueState::kNotDue);
    EXPECT_EQ(ok.due, Day("30/06/2024"));
    // After the year: the last quarter's due date.
    DueInfo after = DueOf(task, {ReportedOn("20/12/2024")}, Day("10/01/2025"), 7);
    EXPECT_EQ(after.state, DueState::kNotDue);
    EXPECT_EQ(after.due, Day("31/12/2024"));
    EXPECT_EQ(DueOf(task, {ReportedOn("20/09/2024")}, Day("10/01/2025"), 7).state, DueState::kOverdue);
    // Done: never overdue.
    PlanTask done = task;
    done.status = TaskStatus::kDone;
    EXPECT_EQ(DueOf(done, {}, Day("02/04/2024"), 7).state, DueState::kNotDue);
}

TEST(DueOfTest, AnOngoingTaskIsNeverOverdueAndIsReportedAtYearEnd) {
    const PlanTask task = Task(Recurrence::kOngoing, std::nullopt);
    DueInfo info = DueOf(task, {}, Day("30/12/2024"), 7);
    EXPECT_EQ(info.state, DueState::kNotDue);
    EXPECT_EQ(info.due, Day("31/12/2024"));
    EXPECT_EQ(DueOf(task, {}, Day("10/01/2025"), 7).state, DueState::kNotDue);
}

TEST(DueOfTest, TheReportDayIsTheDayInVietNam) {
    // 17:30 UTC on 31/01 is 00:30 on 01/02 in Việt Nam: a February report, so February is not due any more.
    const PlanTask task = Task(Recurrence::kMonthly, std::nullopt);
    TaskUpdate update;
    update.at = std::chrono::system_clock::time_point(std::chrono::hours(24) * Day("31/01/2024").DaysSinceEpoch() +
                                                      std::chrono::minutes(17 * 60 + 30));
    EXPECT_EQ(DueOf(task, {update}, Day("25/02/2024"), 7).state, DueState::kNotDue);
    update.at -= std::chrono::hours(1);  // 23:30 on 31/01 in Việt Nam: a January report.
    EXPECT_EQ(DueOf(task, {update}, Day("25/02/2024"), 7).state, DueState::kDueSoon);
}

}  // namespace
}  // namespace parindex
