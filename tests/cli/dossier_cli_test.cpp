// `parindex dossiers import` and `parindex dossiers stats` through the real binary, on a hand-checked file of
// 12 dossiers in 2 units × 2 months (early, exactly at due, exactly a day before due, a second late, the last
// second of a month, unfinished, returned).
#include <gtest/gtest.h>

#include <string>

#include "cli_support.hpp"

namespace parindex::testing {
namespace {

constexpr const char* kFile =
    "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,"
    "returned_at,supplement_requests,apology_letters,status\n"
    // U01, March: A1 early, A2 at due, A3 exactly a day before due (on time, not early), A4 a second late without
    // apology, A5 unfinished with 2 supplement requests, A6 received on the last second of March, early.
    "A1,U01,D1,P1,F1,direct,2024-03-01 08:00:00,2024-03-10 17:00:00,2024-03-08 16:59:59,,0,0,finished\n"
    "A2,U01,D1,P1,F1,direct,2024-03-02 08:00:00,2024-03-10 17:00:00,2024-03-10 17:00:00,,0,0,finished\n"
    "A3,U01,D2,P2,F1,online_partial,2024-03-03 08:00:00,2024-03-10 17:00:00,2024-03-09 17:00:00,,1,0,finished\n"
    "A4,U01,D2,P2,F1,direct,2024-03-04 08:00:00,2024-03-10 17:00:00,2024-03-10 17:00:01,,0,0,finished\n"
    "A5,U01,D1,P3,F2,postal,2024-03-05 08:00:00,2024-03-20 17:00:00,,,2,0,processing\n"
    "A6,U01,D1,P3,F2,online_full,2024-03-31 23:59:59,2024-04-10 17:00:00,2024-04-09 16:59:59,,0,0,finished\n"
    // U01, April: A7 late with an apology, A8 early, A9 returned unprocessed.
    "A7,U01,D1,P1,F1,online_full,2024-04-01 00:00:00,2024-04-05 17:00:00,2024-04-08 09:00:00,,1,1,finished\n"
    "A8,U01,D2,P2,F1,online_full,2024-04-30 23:59:59,2024-05-10 17:00:00,2024-05-07 10:00:00,,0,0,finished\n"
    "A9,U01,D2,P2,F1,postal,2024-04-10 09:00:00,2024-04-20 17:00:00,,2024-04-12 10:00:00,0,0,returned\n"
    // U02: March B1 early (last second of March), B2 late without apology with 3 supplement requests; April B3
    // on time six hours before due.
    "B1,U02,D1,P1,F1,direct,2024-03-31 23:59:59,2024-04-05 17:00:00,2024-04-02 10:00:00,,0,0,finished\n"
    "B2,U02,D1,P4,F3,online_full,2024-03-15 08:00:00,2024-03-20 17:00:00,2024-03-25 08:00:00,,3,0,finished\n"
    "B3,U02,D3,P4,F3,online_partial,2024-04-15 08:00:00,2024-04-20 17:00:00,2024-04-20 11:00:00,,0,0,finished\n";

constexpr const char* kExpectedCsv =
    "unit,month,total,finished,on_time,early,late,late_without_apology,supplement_2plus,online_full_share\n"
    "U01,2024-03,6,5,4,2,1,1,1,16.667\n"
    "U01,2024-04,3,2,1,1,1,0,0,66.667\n"
    "U02,2024-03,2,2,1,1,1,1,1,50.000\n"
    "U02,2024-04,1,1,1,0,0,0,0,0.000\n";

class DossierCli : public ::testing::Test {
  protected:
    void SetUp() override {
        data_ = dir_.path() + "/data";
        file_ = dir_.Write("hoso.csv", kFile);
    }
    RunOutput Stats(const std::string& format, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args = {"dossiers", "stats", "--by",   "unit,month",
                                         "--format", format,  "--data", data_};
        args.insert(args.end(), extra.begin(), extra.end());
        return RunParindex(args);
    }

    TempDir dir_;
    std::string data_;
    std::string file_;
};

TEST_F(DossierCli, ImportThenStatsAsCsvAndJson) {
    RunOutput import = RunParindex({"dossiers", "import", file_, "--data", data_});
    ASSERT_EQ(import.exit_code, 0) << import.err;
    EXPECT_NE(import.out.find("Đã nhập 12 hồ sơ từ hoso.csv (12 mới, 0 cập nhật) vào 4 khối"), std::string::npos)
        << import.out;

    RunOutput csv = Stats("csv");
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(csv.out, kExpectedCsv);

    RunOutput json = Stats("json", {"--year", "2024"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const boost::json::value parsed = ParseJson(json.out);
    EXPECT_EQ(parsed.at("year").as_int64(), 2024);
    const boost::json::array& rows = parsed.at("rows").as_array();
    ASSERT_EQ(rows.size(), 4u);
    const boost::json::object& first = rows[0].as_object();
    EXPECT_EQ(first.size(), 10u);
    EXPECT_EQ(first.at("unit").as_string(), "U01");
    EXPECT_EQ(first.at("month").as_string(), "2024-03");
    EXPECT_EQ(first.at("total").as_int64(), 6);
    EXPECT_EQ(first.at("finished").as_int64(), 5);
    EXPECT_EQ(first.at("on_time").as_int64(), 4);
    EXPECT_EQ(first.at("early").as_int64(), 2);
    EXPECT_EQ(first.at("late").as_int64(), 1);
    EXPECT_EQ(first.at("late_without_apology").as_int64(), 1);
    EXPECT_EQ(first.at("supplement_2plus").as_int64(), 1);
    EXPECT_EQ(rows[3].at("unit").as_string(), "U02");
    EXPECT_EQ(rows[3].at("month").as_string(), "2024-04");
    // Shares are plain numbers with three decimals.
    EXPECT_NE(json.out.find("\"online_full_share\":16.667"), std::string::npos) << json.out;
    EXPECT_NE(json.out.find("\"online_full_share\":50.000"), std::string::npos) << json.out;

    RunOutput other_year = Stats("csv", {"--year", "2023"});
    ASSERT_EQ(other_year.exit_code, 0);
    EXPECT_EQ(other_year.out,
              "unit,month,total,finished,on_time,early,late,late_without_apology,supplement_2plus,"
              "online_full_share\n");

    RunOutput table = Stats("table", {"--lang", "en"});
    ASSERT_EQ(table.exit_code, 0);
    EXPECT_NE(table.out.find("Fully online %"), std::string::npos);
    EXPECT_NE(table.out.find("66.667"), std::string::npos);
}

TEST_F(DossierCli, ReimportUpdatesByIdWithoutDuplicates) {
    ASSERT_EQ(RunParindex({"dossiers", "import", file_, "--data", data_}).exit_code, 0);
    RunOutput again = RunParindex({"dossiers", "import", file_, "--data", data_, "--format", "json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const boost::json::value summary = ParseJson(again.out);
    EXPECT_EQ(summary.at("rows").as_int64(), 12);
    EXPECT_EQ(summary.at("inserted").as_int64(), 0);
    EXPECT_EQ(summary.at("updated").as_int64(), 12);
    EXPECT_EQ(summary.at("stored").as_int64(), 12);
    EXPECT_EQ(Stats("csv").out, kExpectedCsv);

    // A4 is corrected to on time: U01's March gains an on-time dossier and loses its late one.
    const std::string fix = dir_.Write(
        "fix.csv",
        "dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,"
        "returned_at,supplement_requests,apology_letters,status\r\n"
        "A4,U01,D2,P2,F1,direct,2024-03-04 08:00:00,2024-03-10 17:00:00,2024-03-10 16:00:00,,0,0,finished\r\n");
    ASSERT_EQ(RunParindex({"dossiers", "import", fix, "--data", data_}).exit_code, 0);
    const std::string csv = Stats("csv").out;
    EXPECT_NE(csv.find("U01,2024-03,6,5,5,2,0,0,1,16.667\n"), std::string::npos) << csv;

    RunOutput list =
        RunParindex({"dossiers", "list", "--unit", "U01", "--month", "2024-03", "--data", data_, "--format", "json"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    const boost::json::value page = ParseJson(list.out);
    EXPECT_EQ(page.at("total").as_int64(), 6);
    const boost::json::array& dossiers = page.at("dossiers").as_array();
    ASSERT_EQ(dossiers.size(), 6u);
    EXPECT_EQ(dossiers[0].at("dossier_id").as_string(), "A1");
    EXPECT_EQ(dossiers[3].at("dossier_id").as_string(), "A4");
    EXPECT_EQ(dossiers[3].at("finished_at").as_string(), "2024-03-10 16:00:00");
    EXPECT_EQ(dossiers[5].at("dossier_id").as_string(), "A6");
    EXPECT_EQ(dossiers[4].at("finished_at"), boost::json::value(nullptr));
}

TEST_F(DossierCli, ABadFileIsRejectedWholeWithEveryError) {
    ASSERT_EQ(RunParindex({"dossiers", "import", file_, "--data", data_}).exit_code, 0);
    std::string bad = kFile;
    bad += "C1,U03,D1,P1,F1,fax,2024-03-01 08:00:00,2024-03-10 17:00:00,,,0,0,processing\n";
    bad += "C2,U03,D1,P1,F1,direct,2024-02-30 08:00:00,2024-03-10 17:00:00,,,0,0,processing\n";
    const std::string path = dir_.Write("bad.csv", bad);
    RunOutput run = RunParindex({"dossiers", "import", path, "--data", data_, "--format", "json"});
    EXPECT_EQ(run.exit_code, 1);
    const boost::json::value error = ParseJson(run.err).at("error");
    EXPECT_EQ(error.at("code").as_string(), "invalid_input");
    const boost::json::array& details = error.at("details").as_array();
    ASSERT_EQ(details.size(), 2u) << run.err;
    EXPECT_EQ(details[0].at("file").as_string(), "bad.csv");
    EXPECT_EQ(details[0].at("line").as_int64(), 14);
    EXPECT_EQ(details[0].at("column").as_int64(), 6);
    EXPECT_EQ(details[0].at("field").as_string(), "channel");
    EXPECT_EQ(details[0].at("value").as_string(), "fax");
    EXPECT_EQ(details[1].at("line").as_int64(), 15);
    EXPECT_EQ(details[1].at("column").as_int64(), 7);
    EXPECT_EQ(details[1].at("value").as_string(), "2024-02-30 08:00:00");
    // Nothing of the file was stored: no U03, and the twelve dossiers are as they were.
    EXPECT_EQ(Stats("csv").out, kExpectedCsv);

    RunOutput text = RunParindex({"dossiers", "import", path, "--data", data_, "--lang", "en"});
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_NE(text.err.find("bad.csv:line 14, column 6 (channel) = \"fax\": unknown channel"), std::string::npos)
        << text.err;
}

TEST_F(DossierCli, UsageAndMissingData) {
    RunOutput none = Stats("csv");
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("parindex init"), std::string::npos) << none.err;
    ASSERT_EQ(RunParindex({"dossiers", "import", file_, "--data", data_}).exit_code, 0);
    EXPECT_EQ(RunParindex({"dossiers", "stats", "--by", "unit,week", "--data", data_}).exit_code, 2);
    EXPECT_EQ(RunParindex({"dossiers", "stats", "--format", "xml", "--data", data_}).exit_code, 2);
    EXPECT_EQ(RunParindex({"dossiers", "import", dir_.path() + "/missing.csv", "--data", data_}).exit_code, 1);
    EXPECT_EQ(RunParindex({"dossiers", "list", "--unit", "U01", "--month", "2024-3x", "--data", data_}).exit_code, 2);
}

}  // namespace
}  // namespace parindex::testing
