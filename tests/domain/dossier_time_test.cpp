// Local times of dossiers: the parser (every accepted layout, zones, bad inputs), midnight and month ends, and
// the calendar periods (days, ISO weeks, months, quarters, years) with their keys.

#include <gtest/gtest.h>

#include "domain/dossier.hpp"

namespace parindex {
namespace {

LocalTime At(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
    return LocalTime::FromParts(CivilDate{y, mo, d}, h, mi, s);
}

TEST(DossierTimeTest, ReadsTheBenchmarkLayoutAndIsoTimes) {
    EXPECT_EQ(ParseLocalTime("2024-01-31 23:59:59"), At(2024, 1, 31, 23, 59, 59));
    EXPECT_EQ(ParseLocalTime("2024-02-29 00:00:00"), At(2024, 2, 29));
    EXPECT_EQ(ParseLocalTime("1970-01-01 00:00:01")->seconds, 1);
    EXPECT_EQ(ParseLocalTime("2024-03-05T08:30"), At(2024, 3, 5, 8, 30));
    EXPECT_EQ(ParseLocalTime("2024-03-05T08:30:15"), At(2024, 3, 5, 8, 30, 15));
    EXPECT_EQ(ParseLocalTime("2024-03-05 08:30"), At(2024, 3, 5, 8, 30));
    EXPECT_EQ(ParseLocalTime("2024-03-05"), At(2024, 3, 5));
    EXPECT_EQ(ParseLocalTime(" 2024-03-05T08:30:00.123456 "), At(2024, 3, 5, 8, 30));
}

TEST(DossierTimeTest, ConvertsZonesToVietnamTime) {
    // 08:30 UTC is 15:30 in Việt Nam (UTC+7).
    EXPECT_EQ(ParseLocalTime("2024-03-05T08:30:15Z"), At(2024, 3, 5, 15, 30, 15));
    EXPECT_EQ(ParseLocalTime("2024-03-05T01:30:00+07:00"), At(2024, 3, 5, 1, 30));
    EXPECT_EQ(ParseLocalTime("2024-03-05T08:30:00.5+0700"), At(2024, 3, 5, 8, 30));
    // 20:00 UTC on 4 March is 03:00 on 5 March here: the day changes.
    EXPECT_EQ(ParseLocalTime("2024-03-04T20:00:00Z"), At(2024, 3, 5, 3, 0));
    // Midnight at UTC−5 is 05:00 UTC, 12:00 here.
    EXPECT_EQ(ParseLocalTime("2024-03-05T00:00:00-05:00"), At(2024, 3, 5, 12, 0));
    // 31/12 17:00 UTC is 1 January 00:00 here.
    EXPECT_EQ(ParseLocalTime("2023-12-31T17:00:00Z"), At(2024, 1, 1));
    EXPECT_EQ(LocalTime::FromUnixSeconds(0), At(1970, 1, 1, 7));
}

TEST(DossierTimeTest, ReadsVietnameseTimes) {
    EXPECT_EQ(ParseLocalTime("05/03/2024 08:30"), At(2024, 3, 5, 8, 30));
    EXPECT_EQ(ParseLocalTime("5/3/2024 8:30:15"), At(2024, 3, 5, 8, 30, 15));
    EXPECT_EQ(ParseLocalTime("29/02/2024 23:59:59"), At(2024, 2, 29, 23, 59, 59));
    EXPECT_EQ(ParseLocalTime("31/01/2024"), At(2024, 1, 31));
}

TEST(DossierTimeTest, RefusesMalformedOrImpossibleTimes) {
    for (const char* bad : {"",
                            "2024",
                            "2023-02-29 12:00:00",
                            "2024-13-01 00:00:00",
                            "2024-01-01 24:00:00",
                            "2024-01-01 12:60:00",
                            "2024-01-01 12:00:60",
                            "2024-01-32",
                            "31/04/2024",
                            "29/02/2023 08:00",
                            "2024-03-05T08",
                            "05/03/24",
                            "2024-03-05 08:30:00 x",
                            "2024-03-05T08:30+25:00",
                            "abcd-ef-gh ij:kl:mn",
                            "2024-03-05T08:30:00.",
                            "05-03-2024",
                            "2024/03/05",
                            "05/03/2024 8h30",
                            "1899-12-31",
                            "2024-3-5",
                            "2024-03-05Z"}) {
        EXPECT_FALSE(ParseLocalTime(bad)) << bad;
    }
}

TEST(DossierTimeTest, SplitsDaysAtMidnightAndWritesBothLayouts) {
    const LocalTime last = *ParseLocalTime("2024-01-31 23:59:59");
    const LocalTime next = last + 1;
    EXPECT_EQ(next.Date(), (CivilDate{2024, 2, 1}));
    EXPECT_EQ(next.SecondOfDay(), 0);
    EXPECT_EQ(last.SecondOfDay(), 86399);
    EXPECT_EQ(MonthKey(last), "2024-01");
    EXPECT_EQ(MonthKey(next), "2024-02");
    EXPECT_EQ(MonthIndex(next) - MonthIndex(last), 1);
    EXPECT_EQ(MonthIndex(At(2024, 12, 31, 23, 59, 59)), 2024 * 12 + 11);
    EXPECT_EQ(MonthKey(At(2024, 2, 29, 23, 59, 59)), "2024-02");
    EXPECT_EQ(MonthKey(At(2024, 2, 29, 23, 59, 59) + 1), "2024-03");
    EXPECT_EQ(next.Iso(), "2024-02-01 00:00:00");
    EXPECT_EQ(At(2024, 3, 5, 8, 7, 6).Vietnamese(), "05/03/2024 08:07:06");
    // Before 1970 the day is found by floor division.
    const LocalTime before = At(1969, 12, 31, 23);
    EXPECT_EQ(before.Date(), (CivilDate{1969, 12, 31}));
    EXPECT_EQ(before.SecondOfDay(), 23 * 3600);
}

TEST(DossierTimeTest, FindsIsoWeeksAcrossYearEnds) {
    // 30/12/2024 is a Monday in week 1 of 2025; 03/01/2021 is the Sunday ending week 53 of 2020.
    EXPECT_EQ(IsoWeekOf(CivilDate{2024, 12, 30}).year, 2025);
    EXPECT_EQ(IsoWeekOf(CivilDate{2024, 12, 30}).week, 1);
    EXPECT_EQ(IsoWeekOf(CivilDate{2021, 1, 3}).year, 2020);
    EXPECT_EQ(IsoWeekOf(CivilDate{2021, 1, 3}).week, 53);
    EXPECT_EQ(IsoWeekOf(CivilDate{2024, 1, 1}).week, 1);  // A Monday.
    EXPECT_EQ(IsoWeekOf(CivilDate{2024, 2, 29}).week, 9);
    const Period week = PeriodOf(At(2021, 1, 3, 23, 59, 59), PeriodKind::kWeek);
    EXPECT_EQ(week.Key(), "2020-W53");
    EXPECT_EQ(week.Start(), At(2020, 12, 28));
    EXPECT_EQ(week.End(), At(2021, 1, 4));
    EXPECT_EQ(week.Next().Key(), "2021-W01");
    EXPECT_EQ(PeriodOf(At(2024, 3, 4), PeriodKind::kWeek).Next().Key(), "2024-W11");
}

TEST(DossierTimeTest, BuildsPeriodsWithStartsEndsAndKeys) {
    const LocalTime leap = At(2024, 2, 29, 12);
    EXPECT_EQ(PeriodOf(leap, PeriodKind::kDay).Key(), "2024-02-29");
    EXPECT_EQ(PeriodOf(leap, PeriodKind::kDay).number, 60);
    EXPECT_EQ(PeriodOf(leap, PeriodKind::kMonth).Key(), "2024-02");
    EXPECT_EQ(PeriodOf(leap, PeriodKind::kMonth).End(), At(2024, 3, 1));
    EXPECT_EQ(PeriodOf(leap, PeriodKind::kQuarter).Key(), "2024-Q1");
    EXPECT_EQ(PeriodOf(leap, PeriodKind::kQuarter).End(), At(2024, 4, 1));
    EXPECT_EQ(PeriodOf(leap, PeriodKind::kYear).Key(), "2024");
    EXPECT_EQ(PeriodOf(leap, PeriodKind::kYear).Start(), At(2024, 1, 1));
    const Period last_day = PeriodOf(At(2024, 12, 31, 23, 59, 59), PeriodKind::kDay);
    EXPECT_EQ(last_day.number, 366);
    EXPECT_EQ(last_day.Next().Key(), "2025-01-01");
    EXPECT_EQ(PeriodOf(At(2024, 12, 1), PeriodKind::kMonth).Next().Key(), "2025-01");
    EXPECT_EQ(PeriodOf(At(2024, 11, 1), PeriodKind::kQuarter).Next().Key(), "2025-Q1");
    EXPECT_LT(PeriodOf(At(2024, 1, 31), PeriodKind::kMonth), PeriodOf(At(2024, 2, 1), PeriodKind::kMonth));
    EXPECT_LT(PeriodOf(At(2023, 12, 1), PeriodKind::kMonth), PeriodOf(At(2024, 1, 1), PeriodKind::kMonth));
    // A day's period runs from 00:00:00 to the next 00:00:00.
    const Period day = PeriodOf(At(2024, 1, 31, 23, 59, 59), PeriodKind::kDay);
    EXPECT_EQ(day.Start(), At(2024, 1, 31));
    EXPECT_EQ(day.End(), At(2024, 2, 1));
}

TEST(DossierTimeTest, ReadsPeriodKeysBack) {
    for (const char* key : {"2024", "2024-Q3", "2020-W53", "2024-W01", "2024-02", "2024-02-29", "2025-12-31"}) {
        const auto period = ParsePeriodKey(key);
        ASSERT_TRUE(period) << key;
        EXPECT_EQ(period->Key(), key);
    }
    EXPECT_EQ(ParsePeriodKey("2024-02")->kind, PeriodKind::kMonth);
    EXPECT_EQ(ParsePeriodKey("2024-Q3")->kind, PeriodKind::kQuarter);
    for (const char* bad : {"", "24", "2023-W53", "2024-W00", "2024-13", "2024-00", "2024-02-30", "2024-Q5", "2024-Q1x",
                            "2024/02", "2024-2"}) {
        EXPECT_FALSE(ParsePeriodKey(bad)) << bad;
    }
    EXPECT_EQ(ParsePeriodKind("quarter"), PeriodKind::kQuarter);
    EXPECT_EQ(PeriodKindName(PeriodKind::kWeek), std::string("week"));
    EXPECT_FALSE(ParsePeriodKind("fortnight"));
}

TEST(DossierTimeTest, StatisticsAreJudgedNowOrAtTheEndOfAYearThatIsOver) {
    const LocalTime now = LocalTime::FromParts(CivilDate{2025, 3, 10}, 9, 30);
    EXPECT_EQ(StatisticsAsOf(now, 2025), now);
    EXPECT_EQ(StatisticsAsOf(now, 2024).Iso(), "2024-12-31 23:59:59");
    EXPECT_EQ(StatisticsAsOf(now, 2026), now);
    // 2025-01-01 00:00:00 UTC is 07:00 in Việt Nam.
    EXPECT_EQ(LocalTimeAt(std::chrono::system_clock::time_point(std::chrono::seconds(1735689600))).Iso(),
              "2025-01-01 07:00:00");
}

}  // namespace
}  // namespace parindex
