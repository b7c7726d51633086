// `parindex dossiers stats --by …` for groupings other than the stored unit × month: the ad-hoc questions answered
// over the blocks (DossierStore::Aggregate), on five hand-checked dossiers.
#include <gtest/gtest.h>

#include <string>

#include "app/dossier_adhoc.hpp"
#include "cli_support.hpp"

namespace parindex::testing {
namespace {

constexpr const char* kFile =
    "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,"
    "returned_at,supplement_requests,apology_letters,status\n"
    // X1 early (more than a day before due); X2 late, no apology, 2 supplement requests; X3 open; X4 on time at the
    // due second (not early, another unit); X5 received on the year's last second, finished early next year.
    "X1,U01,D1,P1,F1,direct,2024-01-10 08:00:00,2024-01-20 17:00:00,2024-01-12 08:00:00,,0,0,finished\n"
    "X2,U01,D1,P1,F1,online_full,2024-02-10 08:00:00,2024-02-20 17:00:00,2024-02-21 08:00:00,,2,0,finished\n"
    "X3,U01,D2,P2,F1,online_full,2024-04-01 08:00:00,2024-04-10 17:00:00,,,0,0,processing\n"
    "X4,U02,D1,P1,F1,direct,2024-01-15 08:00:00,2024-01-20 17:00:00,2024-01-20 17:00:00,,0,0,finished\n"
    "X5,U01,D1,P2,F2,postal,2024-12-31 23:59:59,2025-01-10 17:00:00,2025-01-05 08:00:00,,0,1,finished\n";

class DossierAdhocCli : public ::testing::Test {
  protected:
    void SetUp() override {
        data_ = dir_.path() + "/data";
        ASSERT_EQ(RunParindex({"init", "--data", data_}).exit_code, 0);
        const RunOutput import = RunParindex({"dossiers", "import", dir_.Write("hoso.csv", kFile), "--data", data_});
        ASSERT_EQ(import.exit_code, 0) << import.err;
    }
    RunOutput Stats(const std::vector<std::string>& extra) {
        std::vector<std::string> args = {"dossiers", "stats", "--data", data_};
        args.insert(args.end(), extra.begin(), extra.end());
        return RunParindex(args);
    }

    TempDir dir_;
    std::string data_;
};

TEST_F(DossierAdhocCli, FieldByProcedureOfOneUnit) {
    const RunOutput out = Stats({"--by", "field,procedure", "--unit", "U01", "--year", "2024", "--format", "csv"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out,
              "field,procedure,total,finished,on_time,early,late,late_without_apology,supplement_2plus,"
              "online_full_share\n"
              "F1,P1,2,2,1,1,1,1,1,50.000\n"
              "F1,P2,1,0,0,0,0,0,0,100.000\n"
              "F2,P2,1,1,1,1,0,0,0,0.000\n");
}

TEST_F(DossierAdhocCli, ChannelByQuarterOfEveryUnitAddsUpToTheUnitMonthRows) {
    const RunOutput out = Stats({"--by", "channel,quarter", "--year", "2024", "--format", "csv"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out,
              "channel,quarter,total,finished,on_time,early,late,late_without_apology,supplement_2plus,"
              "online_full_share\n"
              "direct,2024-Q1,2,2,2,1,0,0,0,0.000\n"
              "online_full,2024-Q1,1,1,0,0,1,1,1,100.000\n"
              "online_full,2024-Q2,1,0,0,0,0,0,0,100.000\n"
              "postal,2024-Q4,1,1,1,1,0,0,0,0.000\n");
    // The same dossiers through the stored unit × month counters: five received, four finished, one late.
    const RunOutput stored = Stats({"--by", "unit,month", "--year", "2024", "--format", "csv"});
    ASSERT_EQ(stored.exit_code, 0) << stored.err;
    EXPECT_EQ(stored.out,
              "unit,month,total,finished,on_time,early,late,late_without_apology,supplement_2plus,online_full_share\n"
              "U01,2024-01,1,1,1,1,0,0,0,0.000\n"
              "U01,2024-02,1,1,0,0,1,1,1,100.000\n"
              "U01,2024-04,1,0,0,0,0,0,0,100.000\n"
              "U01,2024-12,1,1,1,1,0,0,0,0.000\n"
              "U02,2024-01,1,1,1,0,0,0,0,0.000\n");
}

TEST_F(DossierAdhocCli, UnitMonthOfSomeUnitsGoesThroughTheBlocksAndAgreesWithTheStoredRows) {
    const RunOutput out = Stats({"--by", "unit,month", "--unit", "U02", "--year", "2024", "--format", "json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_NE(out.out.find(R"("unit":"U02","month":"2024-01","total":1,"finished":1,"on_time":1,"early":0)"),
              std::string::npos)
        << out.out;
    EXPECT_EQ(out.out.find("U01"), std::string::npos) << out.out;
}

TEST_F(DossierAdhocCli, RejectsAnUnknownNameASecondPeriodAndAMissingYear) {
    const RunOutput unknown = Stats({"--by", "unit,fly", "--year", "2024"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("“fly”"), std::string::npos) << unknown.err;
    const RunOutput two = Stats({"--by", "month,week", "--year", "2024"});
    EXPECT_EQ(two.exit_code, 2);
    EXPECT_NE(two.err.find("một kỳ"), std::string::npos) << two.err;
    const RunOutput no_year = Stats({"--by", "field"});
    EXPECT_EQ(no_year.exit_code, 2);
    EXPECT_NE(no_year.err.find("--year"), std::string::npos) << no_year.err;
}

TEST(StatsGroupingTest, ReadsDimensionsInOrderAndOnePeriod) {
    const auto grouping = ParseStatsGrouping(" procedure , field ,quarter");
    ASSERT_TRUE(grouping.Ok());
    ASSERT_EQ(grouping->dimensions.size(), 2U);
    EXPECT_EQ(grouping->dimensions[0], Dimension::kProcedure);
    EXPECT_EQ(grouping->dimensions[1], Dimension::kField);
    EXPECT_EQ(grouping->period, PeriodKind::kQuarter);
    EXPECT_TRUE(ParseStatsGrouping("unit,month")->IsUnitMonth());
    EXPECT_FALSE(ParseStatsGrouping("month,unit,field")->IsUnitMonth());
    EXPECT_FALSE(ParseStatsGrouping("unit,unit").Ok());
    EXPECT_FALSE(ParseStatsGrouping("unit,").Ok());
    EXPECT_EQ(ParseUnitList(" U01, ,U02 "), (std::vector<std::string>{"U01", "U02"}));
}

}  // namespace
}  // namespace parindex::testing
