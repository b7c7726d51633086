// End-to-end import tests: good and bad files through the real binary; a rejected file leaves the database as
// it was.
#include <gtest/gtest.h>

#include "cli_support.hpp"

namespace parindex::testing {
namespace {

namespace json = boost::json;

double Num(const json::value& v) { return v.is_int64() ? static_cast<double>(v.as_int64()) : v.as_double(); }

class ImportTest : public ::testing::Test {
  protected:
    void SetUp() override {
        data_ = dir_.path() + "/data";
        ASSERT_EQ(RunParindex({"init", "--data", data_}).exit_code, 0);
        const std::string units = dir_.Write("units.csv",
                                             "code,name,type,parent_code\n"
                                             "tinh-a,Tỉnh A,province,\n"
                                             "xa-b,\"Xã B, huyện C\",commune,tinh-a\n"
                                             "xa-d,Xã Đ,commune,tinh-a\n");
        Expect({"import", "units", units}, 0);
        const std::string framework = dir_.Write("framework.csv",
                                                 "framework_code,code,parent_code,title,max,method\n"
                                                 "khung-2024,1,,Chỉ đạo điều hành,\"10,5\",appraisal\n"
                                                 "khung-2024,1.1,1,Kế hoạch CCHC,\"4,5\",appraisal\n"
                                                 "khung-2024,1.2,1,Báo cáo,6,appraisal\n"
                                                 "khung-2024,2,,Điều tra xã hội học,20,survey\n");
        Expect({"import", "framework", framework}, 0);
        const std::string groups = dir_.Write("groups.csv",
                                              "group_code,group_name,year,framework_code,unit_code,ranked\n"
                                              "nhom-a,Các xã tỉnh A,2024,khung-2024,xa-b,1\n"
                                              "nhom-a,Các xã tỉnh A,2024,khung-2024,xa-d,1\n");
        Expect({"import", "groups", groups}, 0);
        const std::string scores = dir_.Write("scores.csv",
                                              "unit_code,year,framework_code,code,self,appraised\n"
                                              "xa-b,2024,khung-2024,1.1,\"4,5\",\"4,25\"\n"
                                              "xa-b,2024,khung-2024,1.2,6,5.5\n"
                                              "xa-b,2024,khung-2024,2,18,\"17,125\"\n"
                                              "xa-d,2024,khung-2024,1.1,4,4\n"
                                              "xa-d,2024,khung-2024,1.2,6,6\n"
                                              "xa-d,2024,khung-2024,2,17,\"16,9\"\n");
        Expect({"import", "scores", scores}, 0);
    }

    RunOutput Expect(std::vector<std::string> args, int code) {
        args.insert(args.end(), {"--data", data_});
        RunOutput run = RunParindex(args);
        EXPECT_EQ(run.exit_code, code) << run.out << run.err;
        return run;
    }

    json::value Results(const std::string& unit) {
        RunOutput run = Expect({"results", "--unit", unit, "--year", "2024", "--format", "json"}, 0);
        return ParseJson(run.out);
    }

    TempDir dir_;
    std::string data_;
};

TEST_F(ImportTest, CsvFilesWithDecimalCommasScoreAndRank) {
    json::value b = Results("xa-b");
    EXPECT_DOUBLE_EQ(Num(b.at("points")), 26.875);  // 4.25 + 5.5 + 17.125
    EXPECT_DOUBLE_EQ(Num(b.at("max")), 30.5);
    EXPECT_DOUBLE_EQ(Num(b.at("index")), 88.11);  // 26.875 / 30.5 = 88.114...
    EXPECT_DOUBLE_EQ(Num(b.at("self")), 28.5);
    json::value d = Results("xa-d");
    EXPECT_DOUBLE_EQ(Num(d.at("points")), 26.9);
    EXPECT_EQ(d.at("ranks").as_array()[0].at("rank").as_int64(), 1);
    EXPECT_EQ(b.at("ranks").as_array()[0].at("rank").as_int64(), 2);
    EXPECT_EQ(b.at("ranks").as_array()[0].at("of").as_int64(), 2);
}

TEST_F(ImportTest, ScoreOutsideItsMaximumRejectsTheWholeFile) {
    const std::string bad = dir_.Write("bad_scores.csv",
                                       "unit_code,year,framework_code,code,self,appraised\n"
                                       "xa-b,2024,khung-2024,1.1,\"4,5\",1\n"
                                       "xa-b,2024,khung-2024,1.2,6,7\n");
    RunOutput run = Expect({"import", "scores", bad}, 1);
    EXPECT_NE(run.err.find("bad_scores.csv"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("3"), std::string::npos) << run.err;  // line 3
    EXPECT_NE(run.err.find("appraised"), std::string::npos) << run.err;
    // The valid first row was not written either.
    EXPECT_DOUBLE_EQ(Num(Results("xa-b").at("points")), 26.875);
}

TEST_F(ImportTest, UnknownUnitAndBadNumberAreListedWithTheirLines) {
    const std::string bad = dir_.Write("bad2.csv",
                                       "unit_code,year,framework_code,code,self,appraised\n"
                                       "xa-khong-co,2024,khung-2024,1.1,4,4\n"
                                       "xa-b,2024,khung-2024,1.2,6,\"5,5,5\"\n");
    RunOutput run = Expect({"import", "scores", bad, "--format", "json"}, 1);
    json::value error = ParseJson(run.err);
    const json::array& details = error.at("error").at("details").as_array();
    ASSERT_FALSE(details.empty());
    bool line3 = false;
    for (const json::value& d : details) {
        EXPECT_EQ(d.at("file").as_string(), "bad2.csv");
        if (d.at("line").is_int64() && d.at("line").as_int64() == 3) line3 = true;
    }
    EXPECT_TRUE(line3) << run.err;
    EXPECT_DOUBLE_EQ(Num(Results("xa-b").at("points")), 26.875);
}

TEST_F(ImportTest, BadJsonFrameworkNamesThePathAndChangesNothing) {
    const std::string bad = dir_.Write("bad_framework.json", R"({"frameworks": [{"code": "khung-2025", "title": "K",
        "nodes": [{"code": "1", "title": "A", "max": 10},
                  {"code": "1.1", "parent": "1", "title": "B", "max": "abc"}]}]})");
    RunOutput run = Expect({"import", "framework", bad, "--format", "json"}, 1);
    EXPECT_NE(run.err.find("nodes[1]"), std::string::npos) << run.err;
    RunOutput exported =
        Expect({"export", "framework", "--framework", "khung-2025", "--out", dir_.path() + "/k.json"}, 1);
    EXPECT_NE(exported.err.find("khung-2025"), std::string::npos);
}

TEST_F(ImportTest, ChildrenMaximaMustAddUp) {
    const std::string bad = dir_.Write("sum.csv",
                                       "framework_code,code,parent_code,title,max\n"
                                       "khung-x,1,,A,10\n"
                                       "khung-x,1.1,1,B,4\n"
                                       "khung-x,1.2,1,C,5\n");
    RunOutput run = Expect({"import", "framework", bad}, 1);
    EXPECT_NE(run.err.find("sum.csv"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("max"), std::string::npos) << run.err;
}

TEST_F(ImportTest, UnreadableFilesAreHandledErrors) {
    Expect({"import", "units", dir_.path() + "/none.csv"}, 1);
    const std::string notxlsx = dir_.Write("fake.xlsx", "this is not a zip");
    RunOutput run = Expect({"import", "scores", notxlsx, "--unit", "xa-b", "--year", "2024"}, 1);
    EXPECT_NE(run.err.find("fake.xlsx"), std::string::npos) << run.err;
    const std::string other = dir_.Write("notes.txt", "x");
    Expect({"import", "units", other}, 1);
}

TEST_F(ImportTest, ScoresRoundTripThroughTheOfficialsXlsxLayout) {
    const std::string xlsx = dir_.path() + "/xa-b.xlsx";
    Expect({"export", "scores", "--unit", "xa-b", "--year", "2024", "--out", xlsx}, 0);
    // Import the sheet as another unit's scores for the same year: the figures must come back exactly.
    Expect({"import", "scores", xlsx, "--unit", "xa-d", "--year", "2024", "--framework", "khung-2024"}, 0);
    json::value d = Results("xa-d");
    EXPECT_DOUBLE_EQ(Num(d.at("points")), 26.875);
    EXPECT_DOUBLE_EQ(Num(d.at("self")), 28.5);
}

TEST_F(ImportTest, ExportsEveryKindInEveryFormat) {
    for (const std::string ext : {"json", "csv", "xlsx"}) {
        Expect({"export", "units", "--out", dir_.path() + "/u." + ext}, 0);
        Expect({"export", "groups", "--out", dir_.path() + "/g." + ext}, 0);
        Expect({"export", "framework", "--framework", "khung-2024", "--out", dir_.path() + "/f." + ext}, 0);
        Expect({"export", "scores", "--unit", "xa-b", "--year", "2024", "--out", dir_.path() + "/s." + ext}, 0);
    }
    Expect({"export", "results", "--unit", "xa-b", "--year", "2024", "--out", dir_.path() + "/r.xlsx"}, 0);
    Expect({"export", "ranking", "--group", "nhom-a", "--year", "2024", "--out", dir_.path() + "/k.xlsx"}, 0);
    // A fresh data folder takes the exported JSON and CSV back.
    TempDir other;
    const std::string data2 = other.path() + "/d";
    ASSERT_EQ(RunParindex({"init", "--data", data2}).exit_code, 0);
    for (const auto& [kind, file] : std::vector<std::pair<std::string, std::string>>{
             {"units", "u.csv"}, {"framework", "f.json"}, {"groups", "g.csv"}, {"scores", "s.json"}}) {
        RunOutput run = RunParindex({"import", kind, dir_.path() + "/" + file, "--data", data2});
        EXPECT_EQ(run.exit_code, 0) << kind << ": " << run.err;
    }
    RunOutput results =
        RunParindex({"results", "--unit", "xa-b", "--year", "2024", "--data", data2, "--format", "json"});
    ASSERT_EQ(results.exit_code, 0) << results.err;
    EXPECT_DOUBLE_EQ(Num(ParseJson(results.out).at("points")), 26.875);
}

}  // namespace
}  // namespace parindex::testing
