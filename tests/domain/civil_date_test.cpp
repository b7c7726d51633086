// Calendar days for deadlines and document dates, and the names of the plan enumerations.

#include "domain/civil_date.hpp"

#include <gtest/gtest.h>

#include "domain/plan.hpp"

namespace parindex {
namespace {

TEST(CivilDateTest, ReadsVietnameseAndIsoDates) {
    EXPECT_EQ(ParseCivilDate("05/03/2024"), (CivilDate{2024, 3, 5}));
    EXPECT_EQ(ParseCivilDate("5/3/2024"), (CivilDate{2024, 3, 5}));
    EXPECT_EQ(ParseCivilDate(" 29.02.2024 "), (CivilDate{2024, 2, 29}));
    EXPECT_EQ(ParseCivilDate("28-02-2023"), (CivilDate{2023, 2, 28}));
    EXPECT_EQ(ParseCivilDate("2024-12-31"), (CivilDate{2024, 12, 31}));
    for (const char* bad : {"", "29/02/2023", "31/04/2024", "00/01/2024", "1/13/2024", "05/03/24", "05/03-2024",
                            "2024-1-5x", "2024/01/05", "abc", "05/03/20245"}) {
        EXPECT_FALSE(ParseCivilDate(bad)) << bad;
    }
}

TEST(CivilDateTest, CountsDaysAcrossMonthsYearsAndLeapDays) {
    EXPECT_EQ((CivilDate{1970, 1, 1}).DaysSinceEpoch(), 0);
    EXPECT_EQ((CivilDate{2024, 3, 1}).DaysSinceEpoch() - (CivilDate{2024, 2, 28}).DaysSinceEpoch(), 2);
    EXPECT_EQ((CivilDate{2023, 12, 31}).AddDays(1), (CivilDate{2024, 1, 1}));
    EXPECT_EQ((CivilDate{2024, 1, 10}).AddDays(-10), (CivilDate{2023, 12, 31}));
    EXPECT_EQ(DaysBetween(CivilDate{2024, 1, 1}, CivilDate{2025, 1, 1}), 366);
    for (std::int64_t d = -800; d < 80000; d += 37) EXPECT_EQ(CivilDate::FromDays(d).DaysSinceEpoch(), d);
    EXPECT_EQ((CivilDate{2024, 2, 10}).EndOfMonth(), (CivilDate{2024, 2, 29}));
    EXPECT_EQ((CivilDate{2024, 5, 10}).EndOfQuarter(), (CivilDate{2024, 6, 30}));
    EXPECT_EQ((CivilDate{2024, 11, 1}).EndOfQuarter(), (CivilDate{2024, 12, 31}));
    EXPECT_LT((CivilDate{2024, 1, 31}), (CivilDate{2024, 2, 1}));
}

TEST(CivilDateTest, WritesDdMmYyyyAndIso) {
    EXPECT_EQ((CivilDate{2024, 3, 5}).Vietnamese(), "05/03/2024");
    EXPECT_EQ((CivilDate{2024, 3, 5}).Iso(), "2024-03-05");
}

TEST(CivilDateTest, TodayIsTheDayInVietnam) {
    using std::chrono::seconds;
    using std::chrono::system_clock;
    // 2024-05-31 17:00 UTC is already 1 June in Hà Nội; 16:59 is not.
    const system_clock::time_point evening(seconds(1717174800));
    EXPECT_EQ(VietnamDate(evening), (CivilDate{2024, 6, 1}));
    EXPECT_EQ(VietnamDate(evening - seconds(1)), (CivilDate{2024, 5, 31}));
}

TEST(PlanNamesTest, EveryNameReadsBack) {
    for (PlanStatus s : {PlanStatus::kDraft, PlanStatus::kIssued}) EXPECT_EQ(ParsePlanStatus(PlanStatusName(s)), s);
    for (SignerMode m : {SignerMode::kOnBehalf, SignerMode::kDeputy, SignerMode::kPersonal}) {
        EXPECT_EQ(ParseSignerMode(SignerModeName(m)), m);
    }
    for (Recurrence r : {Recurrence::kOnce, Recurrence::kMonthly, Recurrence::kQuarterly, Recurrence::kOngoing}) {
        EXPECT_EQ(ParseRecurrence(RecurrenceName(r)), r);
    }
    for (TaskStatus t : {TaskStatus::kNotStarted, TaskStatus::kInProgress, TaskStatus::kDone, TaskStatus::kCancelled}) {
        EXPECT_EQ(ParseTaskStatus(TaskStatusName(t)), t);
    }
    EXPECT_STREQ(DueStateName(DueState::kOverdue), "overdue");
    EXPECT_STREQ(ReminderKindName(ReminderKind::kEscalation), "escalation");
    EXPECT_FALSE(ParseRecurrence("weekly"));
}

}  // namespace
}  // namespace parindex
